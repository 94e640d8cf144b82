"""PNG rendering for reports: the same figure, at print resolution."""

from __future__ import annotations

import struct
from itertools import pairwise

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


def test_legend_fits_the_width_of_narrow_and_wide_figures(journal: JournalData) -> None:
    for width in (5.0, 7.0, 12.0):
        figure = Figure(figsize=(width, 3.5), dpi=100)
        artists = draw_timeline(figure, timeline_data(journal))
        render_png(figure, 100)
        assert artists.legend is not None
        box = artists.legend.get_window_extent()
        axes_box = artists.axes.get_window_extent()
        assert box.x0 >= 0 and box.x1 <= width * 100
        assert box.y1 <= axes_box.y0  # below the plot, never over it
        assert len(artists.legend.get_texts()) == 8  # no severities: no ring entry


def test_a_chart_too_short_for_its_legend_leaves_it_out_until_it_is_taller(
    journal: JournalData,
) -> None:
    """The legend never covers the axes: squeezed, it steps aside; with room, it is back."""
    figure = Figure(figsize=(5.0, 1.6), dpi=100)
    artists = draw_timeline(figure, timeline_data(journal))
    render_png(figure, 100)
    assert artists.legend is not None and not artists.legend.get_visible()
    labels = [t for t in artists.axes.get_yticklabels() if t.get_text()]
    boxes = [t.get_window_extent() for t in labels]
    assert len(boxes) == 5
    assert all(a.y1 <= b.y0 + 1 for a, b in pairwise(boxes))  # no overlap
    figure.set_size_inches(5.0, 3.5)
    render_png(figure, 100)
    assert artists.legend.get_visible()
    assert artists.legend.get_window_extent().y1 <= artists.axes.get_window_extent().y0
