"""PNG rendering for reports: the same figure, at print resolution."""

from __future__ import annotations

import struct

from matplotlib.figure import Figure

from journal.charts import (
    PRINT_DPI,
    cycle_rows,
    draw_cycle_chart,
    draw_timeline,
    render_png,
    timeline_data,
)
from journal.domain.model import JournalData

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk comes first
    return int(width), int(height)


def test_timeline_renders_at_print_resolution(journal: JournalData) -> None:
    figure = Figure(figsize=(8, 3))
    draw_timeline(figure, timeline_data(journal))
    png = render_png(figure, PRINT_DPI)
    assert png.startswith(PNG_SIGNATURE)
    assert _size(png) == (1600, 600)


def test_cycle_chart_renders_and_keeps_its_background(journal: JournalData) -> None:
    figure = Figure(figsize=(6, 4))
    draw_cycle_chart(figure, cycle_rows(journal), dark=True)
    small = render_png(figure, 50)
    assert small.startswith(PNG_SIGNATURE)
    assert _size(small) == (300, 200)
    assert len(render_png(figure, 100)) > len(small)


def test_empty_figure_renders() -> None:
    figure = Figure(figsize=(4, 2))
    draw_timeline(figure, timeline_data(JournalData()))
    assert render_png(figure, 72).startswith(PNG_SIGNATURE)
