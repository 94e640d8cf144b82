"""Benchmark: the appointment summary PDF for a year with 1,000 episodes (aim: at most 2 s).

Not a pytest test. Run it as a script:

    python tests/benchmarks/bench_reports.py

or import ``run()``. It times the whole path the CLI takes after opening the journal:
explaining every episode of the range, building the summary, drawing both charts at print
resolution, laying out the document and writing the PDF.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from journal.cards import Explainer
from journal.reports.content import appointment_summary
from journal.reports.render import build_document, ensure_gui_application, write_pdf
from journal.services.demo import synthetic_data

EPISODES = 1_000
TODAY = date(2026, 11, 22)
RUNS = 3
TARGET_SECONDS = 2.0
AIMS = {"total_s": TARGET_SECONDS}


def run(runs: int = RUNS) -> dict[str, float]:
    """Median seconds per stage and in total for the one-year, 1,000-episode summary."""
    ensure_gui_application()
    data = synthetic_data(EPISODES, TODAY, years=1.0)
    start = TODAY - timedelta(days=365)
    stages: dict[str, list[float]] = {"content": [], "document": [], "pdf": [], "total": []}
    with tempfile.TemporaryDirectory() as folder:
        for index in range(runs):
            t0 = time.perf_counter()
            summary = appointment_summary(data, Explainer(data), start, TODAY, TODAY)
            t1 = time.perf_counter()
            document = build_document(summary)
            t2 = time.perf_counter()
            write_pdf(document, Path(folder) / f"summary-{index}.pdf")
            t3 = time.perf_counter()
            stages["content"].append(t1 - t0)
            stages["document"].append(t2 - t1)
            stages["pdf"].append(t3 - t2)
            stages["total"].append(t3 - t0)
    result = {f"{name}_s": statistics.median(times) for name, times in stages.items()}
    result["episodes"] = float(summary.figures.episodes)
    return result


def main() -> int:
    result = run()
    print(f"appointment summary, {result['episodes']:.0f} episodes in one year:")
    for name in ("content", "document", "pdf", "total"):
        print(f"  {name:<9} {result[name + '_s']:6.3f} s")
    verdict = "OK" if result["total_s"] <= TARGET_SECONDS else "SLOWER THAN"
    print(f"  {verdict} the {TARGET_SECONDS:.0f} s aim")
    return 0


if __name__ == "__main__":
    sys.exit(main())
