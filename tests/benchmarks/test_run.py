"""The benchmark table runner: every module is reported, none can crash the table."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest


def _load_runner() -> ModuleType:
    """The runner script beside this test, loaded by path (its name, run, is too common)."""
    path = Path(__file__).with_name("run.py")
    spec = importlib.util.spec_from_file_location("hj_bench_runner", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


runner = _load_runner()

_PEAK = (
    "def peak_mb():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            return int(line.split()[1]) / 1024\n"
)

MODULES = {
    "bench_fast.py": (
        "AIMS = {'speed_ratio': 2.0}\n"
        "def run():\n"
        "    print('chatter that must not break --json')\n"
        "    return {'speed_ratio': 1.5, 'slow_s': 0.25, 'count': 3}\n"
    ),
    "bench_legacy.py": "TARGET_RATIO = 1.0\ndef run():\n    return {'ratio': 1.2}\n",
    "bench_boom.py": "def run():\n    raise RuntimeError('kaput')\n",
    "bench_broken.py": "import no_such_module_here\n",
    "bench_norun.py": "X = 1\n",
    "bench_weird.py": "def run():\n    return {'a': 'not a number'}\n",
    # A crash takes its own process down, not the table.
    "bench_abort.py": "import os\ndef run():\n    os.abort()\n",
    # Peak memory is each benchmark's own: ``hog`` runs first, ``lean`` does not carry it.
    # (VmHWM: this process's own high-water mark; Linux carries ru_maxrss over from the
    # process that started it, here a whole test session.)
    "bench_hog.py": (
        f"{_PEAK}"
        "def run():\n"
        "    block = bytearray(300 * 2**20)\n"
        "    block[::4096] = b'x' * len(block[::4096])\n"
        "    return {'peak_rss_mb': peak_mb()}\n"
    ),
    "bench_lean.py": f"{_PEAK}def run():\n    return {{'peak_rss_mb': peak_mb()}}\n",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in MODULES.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def test_json_reports_every_module_and_its_aims(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert runner.main(["--json"], folder=folder) == 0
    out = json.loads(capsys.readouterr().out)["benchmarks"]
    assert out["fast"]["figures"]["speed_ratio"] == {
        "value": 1.5,
        "unit": "x",
        "aim": 2.0,
        "ok": True,
    }
    assert out["fast"]["figures"]["slow_s"]["unit"] == "s"
    assert out["legacy"]["figures"]["ratio"]["ok"] is False
    assert out["boom"]["status"] == "failed" and "kaput" in out["boom"]["detail"]
    assert out["broken"]["status"] == "import failed"
    assert out["norun"]["status"] == "no run()"
    assert out["weird"]["status"] == "bad result"
    for planned in ("storage", "cards", "timeline", "gui", "reports"):
        assert out[planned]["status"] == "missing"


def test_table_has_one_row_per_figure_or_problem(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert runner.main(["fast", "boom", "gone"], folder=folder) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["benchmark", "figure", "value", "unit", "aim", "ok?"]
    assert any(line.split()[:3] == ["fast", "slow_s", "250"] for line in lines)
    assert any("speed_ratio" in line and line.endswith("yes") for line in lines)
    assert any(line.startswith("boom") and "(failed)" in line for line in lines)
    assert any(line.startswith("gone") and "(missing)" in line for line in lines)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's VmHWM")
def test_each_benchmark_runs_alone_so_a_crash_or_a_peak_stays_its_own(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert runner.main(["--json", "hog", "abort", "lean"], folder=folder) == 0
    out = json.loads(capsys.readouterr().out)["benchmarks"]
    assert out["abort"]["status"] == "failed"
    assert "process ended" in out["abort"]["detail"]
    hog = out["hog"]["figures"]["peak_rss_mb"]["value"]
    lean = out["lean"]["figures"]["peak_rss_mb"]["value"]
    assert hog > 300 > lean + 200
