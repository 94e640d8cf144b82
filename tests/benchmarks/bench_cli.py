"""Benchmark: ``health-journal list --json`` as a whole process versus a raw read.

Not a pytest test. Run it as a script:

    python tests/benchmarks/bench_cli.py

or through ``tests/benchmarks/run.py``. It builds a 5,000-episode journal and times, as
medians of alternating runs, two fresh processes started the same way:

* ``python -m journal list --json`` (passphrase from the environment, output to a pipe);
* a bare Python process that keys the same file with ``sqlcipher3`` and fetches the same
  episode rows (the key derivation is in both: SQLCipher's 256,000 PBKDF2 rounds).

Aim: the command at most 3x the raw read.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

EPISODES = 5_000
RUNS = 7
PASSPHRASE = "benchmark passphrase"
AIMS = {"list_json_ratio": 3.0}

_RAW = """
import os, sys, sqlcipher3
passphrase = os.environ["HEALTH_JOURNAL_PASSPHRASE"].replace("'", "''")
conn = sqlcipher3.connect(sys.argv[1])
conn.execute(f"PRAGMA key = '{passphrase}'")
rows = conn.execute("SELECT * FROM episode ORDER BY started_at, id").fetchall()
print(len(rows))
"""


def build(folder: Path, episodes: int = EPISODES) -> Path:
    from journal.domain import interchange
    from journal.services import JournalService
    from journal.services.demo import synthetic_data

    path = folder / "bench.journal"
    JournalService.create(path, PASSPHRASE)
    service = JournalService.open(path, PASSPHRASE)
    try:
        service.import_data(interchange.to_json(synthetic_data(episodes, date(2026, 11, 22))))
    finally:
        service.close()
    return path


def _timed(args: list[str]) -> tuple[float, str]:
    env = dict(os.environ, HEALTH_JOURNAL_PASSPHRASE=PASSPHRASE)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: byte-code cached
    began = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, env=env, check=True).stdout
    return time.perf_counter() - began, out


def run(runs: int = RUNS, episodes: int = EPISODES) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="hj-bench-") as tmp:
        path = build(Path(tmp), episodes)
        cli = [sys.executable, "-m", "journal", "--journal", str(path), "list", "--json"]
        raw = [sys.executable, "-c", _RAW, str(path)]
        _timed(cli), _timed(raw)  # warm the page cache and the byte-code alike
        cli_s, raw_s, ratios = [], [], []
        for _ in range(runs):
            one, out = _timed(cli)
            other, count = _timed(raw)
            assert out.count('"id"') == int(count) == episodes
            cli_s.append(one)
            raw_s.append(other)
            ratios.append(one / other)
    return {
        "episodes": episodes,
        "list_json_s": statistics.median(cli_s),
        "raw_read_s": statistics.median(raw_s),
        "list_json_ratio": statistics.median(ratios),
    }


def main() -> None:
    for name, value in run().items():
        print(f"{name:>16}: {value:.3f}")


if __name__ == "__main__":
    main()
