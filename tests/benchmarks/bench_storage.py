"""Benchmark: the encrypted journal through the app's service versus bare sqlcipher3.

Not a pytest test (the name does not start with ``test_``). Run it as a script:

    python tests/benchmarks/bench_storage.py

or import ``run()`` for the benchmark table (``tests/benchmarks/run.py``). It builds a
5,000-episode journal (``synthetic_data`` imported through ``JournalService.import_data``)
in a temporary folder and measures, as medians of several runs:

* unlock: ``open_journal`` including the key derivation (PBKDF2, 256,000 rounds), the
  settings checks, the quick integrity check and the schema check;
* loading every record through a fresh ``JournalService`` (nothing cached) versus a raw
  ``SELECT`` of the same rows on a bare sqlcipher3 connection (aim: at most 3x);
* adding one durable episode through the service versus a bare insert-and-commit of one
  row on a sqlcipher3 connection with the same pragmas (``synchronous=FULL`` and the rest).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlcipher3

from journal import clock
from journal.domain import interchange
from journal.domain.model import EpisodeDraft
from journal.domain.vocabulary import Amount
from journal.services.demo import synthetic_data
from journal.services.journal_service import JournalService
from journal.storage import create_journal, open_journal
from journal.storage.cipher import quote_literal

EPISODES = 5_000
RUNS = 7
ADDS = 25
PASSPHRASE = "benchmark passphrase"
NOW = datetime(2026, 11, 22, 12, 0)
# The table runner reads these: the largest value that still meets the aim.
AIMS = {"load_ratio": 3.0}
TABLES = (
    "context_entry",
    "condition",
    "screening",
    "ovulation_sign",
    "period",
    "appointment",
    "episode",
)
PRAGMAS = (
    "PRAGMA temp_store = MEMORY",
    "PRAGMA secure_delete = ON",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = DELETE",
)


def _median(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def _bare(path: Path) -> Any:
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = {quote_literal(PASSPHRASE)}")
    for pragma in PRAGMAS:
        conn.execute(pragma)
    return conn


def build(folder: Path, episodes: int = EPISODES) -> Path:
    journal = folder / "bench.journal"
    create_journal(journal, PASSPHRASE)
    service = JournalService.open(journal, PASSPHRASE)
    try:
        service.import_data(interchange.to_json(synthetic_data(episodes, NOW.date())))
    finally:
        service.close()
    return journal


def run(runs: int = RUNS, episodes: int = EPISODES) -> dict[str, float]:
    """Median seconds of each measurement, and the two ratios."""
    clock.set_now(lambda: NOW)
    folder = Path(tempfile.mkdtemp(prefix="hj-bench-"))
    try:
        journal = build(folder, episodes)

        unlock_s = _median(lambda: open_journal(journal, PASSPHRASE).close(), runs)

        raw = _bare(journal)
        raw_rows = 0

        def raw_select() -> None:
            nonlocal raw_rows
            raw_rows = sum(len(raw.execute(f'SELECT * FROM "{t}"').fetchall()) for t in TABLES)

        raw_select()  # warm the page cache on both sides alike
        raw_load_s = _median(raw_select, runs)

        store = open_journal(journal, PASSPHRASE)
        try:
            loaded = 0

            def service_load() -> None:
                nonlocal loaded
                data = JournalService(store).data()  # a new service: nothing cached
                loaded = sum(
                    len(getattr(data, name))
                    for name in (
                        "context",
                        "conditions",
                        "screenings",
                        "ovulation_signs",
                        "periods",
                        "appointments",
                        "episodes",
                    )
                )

            service_load()
            service_load_s = _median(service_load, runs)
            if loaded != raw_rows:
                raise AssertionError(f"service loaded {loaded} records, raw SELECT {raw_rows}")

            counter = iter(range(10**9))

            def bare_insert() -> None:
                n = next(counter)
                raw.execute("BEGIN IMMEDIATE")
                raw.execute(
                    "INSERT INTO episode (id, started_at, ended_at, amount, colour, in_mucus,"
                    " mucus, trigger, pain, symptoms, notes) VALUES (?, ?, NULL, 'spotting',"
                    " NULL, 0, 'none', 'none', 'none', '', ?)",
                    (str(uuid.uuid4()), f"2020-01-01T{n // 60 % 24:02d}:{n % 60:02d}", "bench"),
                )
                raw.execute("COMMIT")

            bare_add_s = _median(bare_insert, ADDS)

            service = JournalService(store)
            start = datetime(2019, 1, 1)

            def service_add() -> None:
                n = next(counter)
                service.add_episode(
                    EpisodeDraft(
                        started_at=start + timedelta(minutes=n),
                        amount=Amount.SPOTTING,
                        notes="bench",
                    )
                )

            service_add_s = _median(service_add, ADDS)
        finally:
            store.close()
            raw.close()
    finally:
        clock.set_now(None)
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "episodes": float(episodes),
        "unlock_s": unlock_s,
        "service_load_s": service_load_s,
        "raw_select_s": raw_load_s,
        "load_ratio": service_load_s / raw_load_s,
        "service_add_s": service_add_s,
        "bare_add_s": bare_add_s,
        "add_ratio": service_add_s / bare_add_s,
    }


def main() -> None:
    result = run()
    print(f"journal:                {int(result['episodes'])} episodes (median of {RUNS} runs)")
    print(f"unlock (KDF + checks):  {result['unlock_s'] * 1000:8.1f} ms")
    print(f"load all via service:   {result['service_load_s'] * 1000:8.1f} ms")
    print(f"raw sqlcipher3 SELECT:  {result['raw_select_s'] * 1000:8.1f} ms")
    verdict = "ok" if result["load_ratio"] <= AIMS["load_ratio"] else "over the aim"
    print(f"load ratio:             {result['load_ratio']:8.2f}x (aim <= 3x: {verdict})")
    print(f"add one durable episode:{result['service_add_s'] * 1000:8.2f} ms via the service")
    print(f"bare insert + commit:   {result['bare_add_s'] * 1000:8.2f} ms")
    print(f"add ratio:              {result['add_ratio']:8.2f}x")


if __name__ == "__main__":
    main()
