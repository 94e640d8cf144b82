"""The cycle chart: one row per cycle, episodes placed by cycle day.

Stacking cycles on a common "day of cycle" axis makes recurring patterns visible at a
glance: spotting that comes back around ovulation, or a few days before each period.
Rows run oldest at the bottom to the most recent on top; markers use the timeline's
encodings (size = amount, colour = blood colour, triangle = after sex, ring = attention).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator

from journal.charts.artists import ChartArtists
from journal.charts.data import CycleRow, EpisodePoint
from journal.charts.layout import MarginLayout
from journal.charts.style import (
    FONT_SIZE,
    Palette,
    palette,
    style_axes,
    style_figure,
)
from journal.domain.cycle import DEFAULT_CYCLE_LENGTH, MAX_CYCLE_LOOKBACK
from journal.domain.dates import DATES

EMPTY_MESSAGE = "No cycles to show yet: log periods to see them here"
ROW_HALF_HEIGHT = 0.32
# Same-day episodes in one cycle are spread along the row by this many days.
STACK_STEP = 0.3
# With many cycles, label only every n-th row so labels never overlap.
MAX_LABELLED_ROWS = 24


class CycleChartArtists(ChartArtists):
    """The drawn cycle chart: pick map, highlight ring and the row collections."""

    def __init__(self, figure: Figure, axes: Axes, pal: Palette, rows: Sequence[CycleRow]) -> None:
        super().__init__(figure, axes, pal)
        self.rows = tuple(rows)
        self.periods: PolyCollection | None = None
        self.ovulation: PathCollection | None = None
        self.baselines: LineCollection | None = None


def _row_label(row: CycleRow) -> str:
    start = row.start
    when = DATES.short(start)
    return f"{when} · {row.length} d" if row.length is not None else f"{when} · now"


def _offsets(points: Sequence[EpisodePoint], row_index: int) -> list[tuple[float, float]]:
    totals = Counter(p.cycle_day for p in points)
    seen: Counter[int | None] = Counter()
    placed = []
    for point in points:
        index, total = seen[point.cycle_day], totals[point.cycle_day]
        seen[point.cycle_day] += 1
        x = float(point.cycle_day or 0) + (index - (total - 1) / 2) * STACK_STEP
        placed.append((x, float(row_index)))
    return placed


def draw_cycle_chart(
    figure: Figure,
    rows: Sequence[CycleRow],
    highlight: str | None = None,
    *,
    dark: bool = False,
) -> CycleChartArtists:
    """Draw one row per cycle into ``figure`` (cleared first) and return its artists."""
    pal = palette(dark)
    figure.clear()
    style_figure(figure, pal)
    axes = figure.add_subplot()
    style_axes(axes, pal)
    artists = CycleChartArtists(figure, axes, pal, rows)
    artists.add_message(EMPTY_MESSAGE, 0.5, visible=not rows)
    if not rows:
        axes.set_axis_off()
        figure.set_layout_engine(MarginLayout([], FONT_SIZE))
        return artists

    labels = _scale(axes, rows, pal)
    _draw_cycles(axes, artists, rows)
    placed = _place_episodes(rows)
    artists.add_episodes(
        [g[0] for g in placed],
        np.array([g[1] for g in placed], dtype=float),
        np.array([g[2] for g in placed], dtype=float),
    )

    artists._make_highlight(axes, guide=False)
    artists.set_highlight(highlight)
    artists.lay_out(
        [g[0] for g in placed],
        labels,
        periods=True,
        ovulations=artists.ovulation is not None,
        x_label=True,
    )
    return artists


def _scale(axes: Axes, rows: Sequence[CycleRow], pal: Palette) -> list[str]:
    """Days of the cycle across, one row per cycle; returns the row labels shown."""
    last_day = max(DEFAULT_CYCLE_LENGTH, *(min(r.span, MAX_CYCLE_LOOKBACK) for r in rows))
    axes.set_xlim(0.4, last_day + 0.6)
    axes.set_ylim(-0.7, len(rows) - 0.3)
    ticks = [1, *range(7, last_day + 1, 7)]
    axes.xaxis.set_major_locator(FixedLocator(ticks))
    axes.set_xlabel("Day of cycle")
    axes.grid(axis="x", color=pal.grid, linewidth=0.8)

    # Label every row, or every n-th counted from the latest when there are many.
    step = max(1, -(-len(rows) // MAX_LABELLED_ROWS))
    labelled = [i for i in range(len(rows)) if (len(rows) - 1 - i) % step == 0]
    labels = [_row_label(rows[i]) for i in labelled]
    axes.set_yticks(labelled, labels)
    return labels


def _draw_cycles(axes: Axes, artists: CycleChartArtists, rows: Sequence[CycleRow]) -> None:
    """Each cycle's line (dashed when its length is unknown), its period and ovulation."""
    pal = artists.palette
    artists.baselines = LineCollection(
        [[(0.5, i), (row.span + 0.5, i)] for i, row in enumerate(rows)],
        colors=pal.grid,
        linewidths=1.2,
        linestyles=["-" if row.length is not None else "--" for row in rows],
        zorder=1,
        gid="cycles",
    )
    axes.add_collection(artists.baselines, autolim=False)

    h = ROW_HALF_HEIGHT
    artists.periods = artists.add_period_boxes(
        [
            [
                (0.5, i - h),
                (0.5, i + h),
                (row.period_days + 0.5, i + h),
                (row.period_days + 0.5, i - h),
            ]
            for i, row in enumerate(rows)
        ],
        zorder=1.5,
    )

    marks = [(float(r.ovulation_day), float(i)) for i, r in enumerate(rows) if r.ovulation_day]
    if marks:
        artists.ovulation = artists.add_ovulation_marks(
            [m[0] for m in marks], [m[1] for m in marks]
        )


def _place_episodes(rows: Sequence[CycleRow]) -> list[tuple[EpisodePoint, float, float]]:
    """Each episode at its cycle day on its cycle's row, same-day ones side by side."""
    placed: list[tuple[EpisodePoint, float, float]] = []
    for i, row in enumerate(rows):
        for point, (x, y) in zip(row.episodes, _offsets(row.episodes, i), strict=True):
            placed.append((point, x, y))
    return placed
