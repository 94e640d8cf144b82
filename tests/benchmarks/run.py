"""Run every benchmark in this folder and print one table of figures and ratios.

    python tests/benchmarks/run.py            # a table
    python tests/benchmarks/run.py --json     # one JSON object
    python tests/benchmarks/run.py storage    # only bench_storage.py (names may be repeated)

A benchmark is a module ``bench_*.py`` here exposing ``run() -> dict[str, float]``; new
ones are picked up as they appear. A module that is missing, has no ``run()``, fails to
import or raises is reported in the table as such: it never stops the others. Each runs
in a process of its own, so one's memory never counts in the next one's peak, and even a
crash of one is reported as such.

Units come from the figure's name: ``*_s`` seconds, ``*_ms`` milliseconds, ``ratio`` or
``*_ratio`` a ratio (shown as ``x``), anything else a plain number. Aims come from the
module: ``AIMS = {"figure": largest_value_that_meets_it}``, else ``TARGET_RATIO`` for its
ratios and ``TARGET_MS`` for its ``p99_ms``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import math
import subprocess
import sys
import time
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
# The benchmarks the project plans; any other bench_*.py found here runs too.
EXPECTED = ("storage", "cards", "timeline", "gui", "reports", "imports")


@dataclass
class Figure:
    benchmark: str
    name: str
    value: float
    unit: str
    aim: float | None
    ok: bool | None


@dataclass
class Outcome:
    benchmark: str
    status: str  # "ok", "missing", "no run()", "import failed", "failed", "bad result"
    seconds: float
    detail: str
    figures: list[Figure]


def unit_of(name: str) -> str:
    if name.endswith("_ms"):
        return "ms"
    if name.endswith("_s"):
        return "s"
    if name == "ratio" or name.endswith("_ratio"):
        return "x"
    return ""


def aims_of(module: ModuleType, names: list[str]) -> dict[str, float]:
    declared = getattr(module, "AIMS", None)
    if isinstance(declared, dict):
        return {str(k): float(v) for k, v in declared.items()}
    aims: dict[str, float] = {}
    ratio = getattr(module, "TARGET_RATIO", None)
    if isinstance(ratio, (int, float)):
        aims.update({n: float(ratio) for n in names if unit_of(n) == "x"})
    target_ms = getattr(module, "TARGET_MS", None)
    if isinstance(target_ms, (int, float)) and "p99_ms" in names:
        aims["p99_ms"] = float(target_ms)
    return aims


def discover(only: list[str], folder: Path = HERE) -> list[tuple[str, Path]]:
    found = {p.stem.removeprefix("bench_"): p for p in sorted(folder.glob("bench_*.py"))}
    names = only or sorted(set(EXPECTED) | set(found), key=_order)
    return [(name, found.get(name, folder / f"bench_{name}.py")) for name in names]


def _order(name: str) -> tuple[int, str]:
    return (EXPECTED.index(name) if name in EXPECTED else len(EXPECTED), name)


def load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"hj_bench_{name}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path.name}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _last_line(error: BaseException) -> str:
    text = "".join(traceback.format_exception_only(type(error), error)).strip()
    return " ".join(text.splitlines()[-1:])[:200]


_CHILD = "--one"


def run_one(name: str, path: Path) -> Outcome:
    """``name`` measured in a child process (see ``measure``)."""
    began = time.perf_counter()
    if not path.exists():
        return Outcome(name, "missing", 0.0, f"{path.name} is not written yet", [])
    child = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), _CHILD, name, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stderr.write(child.stderr)  # the benchmark's own prints
    seconds = time.perf_counter() - began
    lines = child.stdout.strip().splitlines()
    try:
        found = json.loads(lines[-1])
        figures = [Figure(name, **figure) for figure in found["figures"]]
        return Outcome(name, found["status"], seconds, found["detail"], figures)
    except (IndexError, ValueError, KeyError, TypeError):
        last = (child.stderr.strip().splitlines() or [f"exit code {child.returncode}"])[-1]
        return Outcome(name, "failed", seconds, f"the process ended: {last[:200]}", [])


def _report(outcome: Outcome) -> str:
    """One line of JSON for the parent: the outcome without its name and time."""
    figures = [{k: v for k, v in asdict(f).items() if k != "benchmark"} for f in outcome.figures]
    return json.dumps({"status": outcome.status, "detail": outcome.detail, "figures": figures})


def measure(name: str, path: Path) -> Outcome:
    """Load ``path`` and call its ``run()`` here, turning every failure into a status."""
    began = time.perf_counter()

    def outcome(status: str, detail: str = "", figures: list[Figure] | None = None) -> Outcome:
        return Outcome(name, status, time.perf_counter() - began, detail, figures or [])

    if not path.exists():
        return outcome("missing", f"{path.name} is not written yet")
    try:
        module = load(name, path)
    except Exception as error:
        return outcome("import failed", _last_line(error))
    runner = getattr(module, "run", None)
    if not callable(runner):
        return outcome("no run()", f"{path.name} has no run() function")
    try:
        # A benchmark's own prints go to stderr, so --json output stays one JSON object.
        with contextlib.redirect_stdout(sys.stderr):
            result: Any = runner()
    except Exception as error:
        return outcome("failed", _last_line(error))
    if not isinstance(result, dict):
        return outcome("bad result", f"run() returned {type(result).__name__}, not a dict")
    figures: list[Figure] = []
    aims = aims_of(module, [str(k) for k in result])
    for key, raw in result.items():
        try:
            value = float(raw)
        except (TypeError, ValueError):
            return outcome("bad result", f"{key!r} is not a number")
        aim = aims.get(str(key))
        ok = None if aim is None or math.isnan(value) else value <= aim
        figures.append(Figure(name, str(key), value, unit_of(str(key)), aim, ok))
    return outcome("ok", "", figures)


def _shown(value: float, unit: str) -> tuple[float, str]:
    """Sub-second times read better in milliseconds (the JSON keeps the figure as measured)."""
    if unit == "s" and abs(value) < 1:
        return value * 1000, "ms"
    return value, unit


def _number(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}"
    if value == int(value) and abs(value) >= 1 and unit == "":
        return f"{int(value):,}"
    return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"


def table(outcomes: list[Outcome]) -> str:
    rows = [("benchmark", "figure", "value", "unit", "aim", "ok?")]
    for o in outcomes:
        if o.status != "ok":
            rows.append((o.benchmark, f"({o.status})", "", "", "", o.detail))
            continue
        for f in o.figures:
            value, unit = _shown(f.value, f.unit)
            aim = "" if f.aim is None else f"<= {_number(*_shown(f.aim, f.unit))}"
            ok = "" if f.ok is None else ("yes" if f.ok else "NO")
            rows.append((o.benchmark, f.name, _number(value, unit), unit, aim, ok))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = []
    for index, row in enumerate(rows):
        cells = [
            row[0].ljust(widths[0]),
            row[1].ljust(widths[1]),
            row[2].rjust(widths[2]),
            row[3].ljust(widths[3]),
            row[4].ljust(widths[4]),
            row[5],
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in [*widths, 3]))
    return "\n".join(lines)


def as_json(outcomes: list[Outcome]) -> dict[str, Any]:
    return {
        "python": sys.version.split()[0],
        "platform": sys.platform,
        "benchmarks": {
            o.benchmark: {
                "status": o.status,
                "seconds": round(o.seconds, 3),
                "detail": o.detail,
                "figures": {
                    f.name: {k: v for k, v in asdict(f).items() if k not in ("benchmark", "name")}
                    for f in o.figures
                },
            }
            for o in outcomes
        },
    }


def main(argv: list[str] | None = None, folder: Path = HERE) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [_CHILD]:
        path = Path(argv[2])
        if str(path.parent) not in sys.path:
            sys.path.insert(0, str(path.parent))
        print(_report(measure(argv[1], path)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="benchmark names (storage, cards, ...)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))  # benchmarks may share helpers beside them
    outcomes = []
    for name, path in discover(args.only, folder):
        if not args.json:
            print(f"running {name}...", file=sys.stderr, flush=True)
        outcomes.append(run_one(name, path))
    if args.json:
        print(json.dumps(as_json(outcomes), indent=2))
    else:
        print(table(outcomes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
