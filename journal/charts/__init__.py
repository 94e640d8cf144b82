"""Charts: matplotlib figures (``Figure`` only, never pyplot) built from plain data.

Used by the GUI widgets (on a Qt canvas) and by reports (rendered to PNG). Nothing here
imports Qt; the only project package it reads is ``journal.domain``.
"""

from journal.charts.artists import ChartArtists
from journal.charts.cycle_chart import CycleChartArtists, draw_cycle_chart
from journal.charts.data import (
    CycleRow,
    EpisodePoint,
    PeriodBand,
    TimelineData,
    cycle_rows,
    timeline_data,
)
from journal.charts.render import PRINT_DPI, render_png
from journal.charts.timeline import TimelineArtists, draw_timeline

__all__ = [
    "PRINT_DPI",
    "ChartArtists",
    "CycleChartArtists",
    "CycleRow",
    "EpisodePoint",
    "PeriodBand",
    "TimelineArtists",
    "TimelineData",
    "cycle_rows",
    "draw_cycle_chart",
    "draw_timeline",
    "render_png",
    "timeline_data",
]
