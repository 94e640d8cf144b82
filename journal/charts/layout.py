"""A cheap layout for one-axes charts: margins measured in points, recomputed each draw.

Constrained layout gives the same result but costs tens of milliseconds per draw (it
measures every artist), which doubled the timeline's redraw time when panning. Our
charts have one axes, labels on the left, dates below and a legend under them, so the
margins follow from a few text measurements.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import LayoutEngine
from matplotlib.legend import Legend

# Points: gap between tick labels and the axis (tick length + pad), edges, line heights.
TICK_GAP = 6.0
EDGE = 8.0
RIGHT_EDGE = 16.0  # half of a date label may stick out past the last tick
LINE = 1.45

# Text measurements and legend fits, kept across figures: they depend only on the text,
# the font size, the dpi and the room, and measuring costs a glyph layout each time.
_MAX_CACHED = 256
_WIDTHS: dict[tuple[str, float, float], float] = {}
_FITS: dict[tuple[Hashable, float, int], tuple[int, float]] = {}


def clear_layout_cache() -> None:
    """Forget measured labels and legend fits (benchmarks use it to measure cold)."""
    _WIDTHS.clear()
    _FITS.clear()


def _legend_room(fig: Figure) -> float:
    """Pixels of width the legend may use."""
    return float(fig.get_size_inches()[0] * fig.dpi - 2 * EDGE * fig.dpi / 72.0)


def fitted_columns(content_key: Hashable, fig: Figure) -> int | None:
    """Legend columns already fitted for this content at the figure's present width."""
    found = _FITS.get((content_key, float(fig.dpi), round(_legend_room(fig))))
    return found[0] if found is not None else None


def _remember(cache: dict[Any, Any], key: Any, value: Any) -> None:
    if len(cache) >= _MAX_CACHED:
        cache.clear()  # rare (many window sizes): start over rather than track age
    cache[key] = value


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
        legend: Legend | None = None,
        legend_entries: tuple[Sequence[Artist], Sequence[str]] = ((), ()),
    ) -> None:
        super().__init__()
        self.y_labels = list(y_labels)
        self.font_size = font_size
        self.x_label = x_label
        self.legend = legend
        self.legend_entries = legend_entries
        # add_legend may already have built the legend with its fitted column count.
        built: int = legend._ncols if legend is not None else 0  # type: ignore[attr-defined]
        self._built_columns = built
        # Column counts already fitted, by available width (pixels): redraws stay cheap.
        self._columns: dict[int, int] = {}

    def execute(self, fig: Figure) -> None:
        renderer = fig._get_renderer()  # type: ignore[attr-defined]
        to_px = fig.dpi / 72.0
        widest = max(
            (self._width(renderer, label, fig.dpi) for label in self.y_labels), default=0.0
        )
        width_px, height_px = fig.get_size_inches() * fig.dpi
        line = self.font_size * LINE * to_px
        left = widest + (TICK_GAP + EDGE) * to_px
        bottom = line + TICK_GAP * to_px
        if self.x_label:
            bottom += line
        legend_px = self._fit_legend(renderer, fig) if self.legend is not None else 0.0
        # Every label on the left needs its own line: where the legend would squeeze the
        # plot below that (a short window, large scaling), the legend steps aside rather
        # than overlap the axes. It comes back once the chart is tall enough.
        room = height_px - bottom - EDGE * to_px - legend_px
        shown = legend_px > 0 and room >= max(len(self.y_labels), 1) * line
        if self.legend is not None:
            self.legend.set_visible(shown)
        # The legend brings its own padding, so no edge below it.
        bottom += legend_px if shown else EDGE * to_px
        fig.subplots_adjust(
            left=min(left / width_px, 0.45),
            right=max(1.0 - RIGHT_EDGE * to_px / width_px, 0.55),
            bottom=min(bottom / height_px, 0.6),
            top=max(1.0 - EDGE * to_px / height_px, 0.65),
        )

    def _width(self, renderer: Any, label: str, dpi: float) -> float:
        key = (label, self.font_size, float(dpi))
        found = _WIDTHS.get(key)
        if found is None:
            font = FontProperties(size=self.font_size)
            found = float(renderer.get_text_width_height_descent(label, font, ismath=False)[0])
            _remember(_WIDTHS, key, found)
        return found

    def _fit_legend(self, renderer: Any, fig: Figure) -> float:
        """Use as many legend columns as fit the figure's width; return the legend height."""
        legend = self.legend
        assert legend is not None
        room = _legend_room(fig)
        content: Hashable = getattr(legend, "content_key", None)
        shared = (content, float(fig.dpi), round(room)) if content is not None else None
        fitted = _FITS.get(shared) if shared is not None else None
        if fitted is not None:
            self._set_columns(fitted[0])
            return fitted[1]
        columns = self._columns.get(round(room))
        if columns is None:
            entries = len(self.legend_entries[0])
            columns = entries
            while columns > 1:
                self._set_columns(columns)
                if legend.get_window_extent(renderer).width <= room:
                    break
                # Balanced rows: 9 entries as 5 + 4 rather than 8 + 1.
                rows = -(-entries // columns) + 1
                columns = min(columns - 1, -(-entries // rows))
            self._columns[round(room)] = columns
        self._set_columns(columns)
        height = float(legend.get_window_extent(renderer).height)
        if shared is not None:
            _remember(_FITS, shared, (columns, height))
        return height

    def _set_columns(self, columns: int) -> None:
        legend = self.legend
        assert legend is not None
        if columns == self._built_columns:
            return
        handles, labels = self.legend_entries
        colours = [text.get_color() for text in legend.get_texts()]
        legend.set_ncols(columns)
        # matplotlib lays legend columns out once, at construction; rebuild the box.
        legend._init_legend_box(handles, labels)  # type: ignore[attr-defined]
        legend.set_loc(legend._loc)  # type: ignore[attr-defined]  # re-anchors the new box
        for text, colour in zip(legend.get_texts(), colours, strict=True):
            text.set_color(colour)
        self._built_columns = columns
