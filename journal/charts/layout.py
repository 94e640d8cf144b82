"""A cheap layout for one-axes charts: margins measured in points, recomputed each draw.

Constrained layout gives the same result but costs tens of milliseconds per draw (it
measures every artist), which doubled the timeline's redraw time when panning. Our
charts have one axes, labels on the left, dates below and a legend under them, so the
margins follow from a few text measurements.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import LayoutEngine
from matplotlib.legend import Legend

# Points: gap between tick labels and the axis (tick length + pad), edges, line heights.
TICK_GAP = 9.0
EDGE = 8.0
RIGHT_EDGE = 16.0  # half of a date label may stick out past the last tick
LINE = 1.45


class MarginLayout(LayoutEngine):
    """Places a figure's single axes so its tick labels, x label and legend all fit."""

    _adjust_compatible = True
    _colorbar_gridspec = False

    def __init__(
        self,
        y_labels: Sequence[str],
        font_size: float,
        *,
        x_label: bool = False,
        x_offset_row: bool = False,
        legend: Legend | None = None,
    ) -> None:
        super().__init__()
        self.y_labels = list(y_labels)
        self.font_size = font_size
        self.x_label = x_label
        self.x_offset_row = x_offset_row
        self.legend = legend

    def execute(self, fig: Figure) -> None:
        renderer = fig._get_renderer()  # type: ignore[attr-defined]
        to_px = fig.dpi / 72.0
        font = FontProperties(size=self.font_size)
        widest = max(
            (
                renderer.get_text_width_height_descent(label, font, ismath=False)[0]
                for label in self.y_labels
            ),
            default=0.0,
        )
        width_px, height_px = fig.get_size_inches() * fig.dpi
        line = self.font_size * LINE * to_px
        left = widest + (TICK_GAP + EDGE) * to_px
        bottom = line + TICK_GAP * to_px
        if self.x_label:
            bottom += line
        if self.x_offset_row:
            bottom += line
        if self.legend is not None and self.legend.get_visible():
            bottom += self.legend.get_window_extent(renderer).height
        bottom += EDGE * to_px
        fig.subplots_adjust(
            left=min(left / width_px, 0.45),
            right=max(1.0 - RIGHT_EDGE * to_px / width_px, 0.55),
            bottom=min(bottom / height_px, 0.6),
            top=max(1.0 - EDGE * to_px / height_px, 0.65),
        )
