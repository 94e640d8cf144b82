"""Benchmark: redrawing the timeline versus a bare matplotlib scatter of the same points.

Not a pytest test (the name does not start with ``test_``). Run it as a script:

    python tests/benchmarks/bench_timeline.py

or import ``run()`` for a benchmark table. Both sides build a ``Figure`` from scratch and
draw it with the Agg renderer at the same size and dpi, so the ratio is what the
timeline's encodings, bands, legend and layout cost on top of matplotlib itself.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from journal.charts import TimelineData, draw_timeline, timeline_data
from journal.charts.layout import clear_layout_cache
from journal.charts.legend import clear_legend_cache
from journal.domain.model import Episode, JournalData, Period
from journal.domain.vocabulary import Amount, Colour, Severity, Trigger

EPISODES = 5_000
YEARS = 5
RUNS = 15
FIGSIZE = (10.0, 4.0)
DPI = 100
TARGET_RATIO = 1.5
# The aim is for a redraw; the cold first draw is reported for information only.
AIMS = {"ratio": TARGET_RATIO}


def sample(episodes: int = EPISODES, years: int = YEARS, seed: int = 1) -> TimelineData:
    """About ``years`` of ~28-day cycles and ``episodes`` varied episodes."""
    rng = random.Random(seed)
    first = date(2021, 11, 1)
    periods = []
    day = first
    while day < first + timedelta(days=365 * years):
        periods.append(Period(start=day, end=day + timedelta(days=rng.randint(3, 6))))
        day += timedelta(days=rng.randint(25, 32))
    span = 365 * years
    records = []
    severities: dict[str, Severity] = {}
    for index in range(episodes):
        when = first + timedelta(days=rng.randrange(span))
        episode_id = f"b{index:05d}"
        records.append(
            Episode(
                id=episode_id,
                started_at=datetime(when.year, when.month, when.day, rng.randint(0, 23)),
                amount=rng.choice(list(Amount)),
                colour=rng.choice([*Colour, None]),
                trigger=Trigger.INTERCOURSE if rng.random() < 0.2 else Trigger.NONE,
            )
        )
        severities[episode_id] = rng.choice(list(Severity))
    journal = JournalData(periods=tuple(periods), episodes=tuple(records))
    return timeline_data(journal, severities)


def _interleaved(
    first: Callable[[], None], second: Callable[[], None], runs: int
) -> tuple[float, float]:
    """Median CPU seconds of each action, run alternately.

    CPU time rather than wall time, and alternating the two, keep the ratio honest on a
    shared machine where other processes come and go during the measurement.
    """
    first()
    second()  # warm caches (fonts, glyphs) outside the measurement
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for action, bucket in ((first, times[0]), (second, times[1])):
            began = time.process_time()
            action()
            bucket.append(time.process_time() - began)
    return statistics.median(times[0]), statistics.median(times[1])


def run(runs: int = RUNS, episodes: int = EPISODES) -> dict[str, float]:
    """Median seconds for each side, and their ratio."""
    data = sample(episodes)
    xs: list[Any] = [p.at for p in data.episodes]  # dates: matplotlib's stubs say numbers
    ys = [p.amount.rank for p in data.episodes]

    def timeline() -> None:
        figure = Figure(figsize=FIGSIZE, dpi=DPI)
        canvas = FigureCanvasAgg(figure)
        draw_timeline(figure, data)
        canvas.draw()

    def bare() -> None:
        figure = Figure(figsize=FIGSIZE, dpi=DPI)
        canvas = FigureCanvasAgg(figure)
        figure.add_subplot().scatter(xs, ys)
        canvas.draw()

    def timeline_cold() -> None:
        # The legend pixels and text measurements are reused across redraws; forget them
        # to see what the very first draw of a chart costs.
        clear_legend_cache()
        clear_layout_cache()
        timeline()

    timeline_s, bare_s = _interleaved(timeline, bare, runs)
    cold_s, cold_bare_s = _interleaved(timeline_cold, bare, runs)
    return {
        "episodes": float(len(data.episodes)),
        "timeline_s": timeline_s,
        "bare_scatter_s": bare_s,
        "ratio": timeline_s / bare_s,
        "timeline_cold_s": cold_s,
        "cold_ratio": cold_s / cold_bare_s,
    }


def main() -> None:
    result = run()
    print(f"episodes:           {int(result['episodes'])}")
    print(f"timeline redraw:    {result['timeline_s'] * 1000:.1f} ms (CPU, median of {RUNS})")
    print(f"bare scatter:       {result['bare_scatter_s'] * 1000:.1f} ms (CPU, median of {RUNS})")
    verdict = "ok" if result["ratio"] <= TARGET_RATIO else "over target"
    print(f"ratio:              {result['ratio']:.2f}x (aim <= {TARGET_RATIO}x: {verdict})")
    cold = result["timeline_cold_s"] * 1000
    print(f"first draw (cold):  {cold:.1f} ms, {result['cold_ratio']:.2f}x (no reused legend)")


if __name__ == "__main__":
    main()
