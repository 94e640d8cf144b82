"""All the episode markers of a chart as one artist, stamped group by group.

matplotlib draws fastest when a collection is uniform (one shape, size and colour: Agg
renders the marker once and copies it), but a collection per (shape, amount, colour)
costs about a millisecond of Python each. This artist keeps the fast stamping and
skips the per-collection overhead, so thousands of episodes redraw quickly when the
timeline is panned or zoomed. It also answers hit tests for picking.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.artist import Artist, allow_rasterization
from matplotlib.axes import Axes
from matplotlib.backend_bases import MouseEvent, RendererBase
from matplotlib.colors import to_rgba
from matplotlib.markers import MarkerStyle
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

from journal.charts.data import EpisodePoint
from journal.charts.style import (
    AMOUNT_LEVEL,
    ATTENTION,
    ATTENTION_WIDTH,
    EDGE_WIDTH,
    MARKER_AFTER_SEX,
    MARKER_PLAIN,
    Palette,
    marker_size,
)
from journal.domain.vocabulary import Amount, Colour

# How far (in points) outside a marker a click still counts as hitting it.
PICK_RADIUS = 4.0

RGBA = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class _Stamp:
    """One uniform group: same shape, size, fill and edge."""

    path: Path
    size: float
    indices: np.ndarray
    face: RGBA | None
    edge: RGBA
    width: float


def _marker_path(marker: str) -> Path:
    style = MarkerStyle(marker)
    return style.get_path().transformed(style.get_transform())


class EpisodeMarkers(Artist):
    """Episode markers: size by amount, colour by blood colour, shape by trigger, rings."""

    def __init__(
        self,
        axes: Axes,
        points: Sequence[EpisodePoint],
        xs: np.ndarray,
        ys: np.ndarray,
        pal: Palette,
        *,
        gid: str = "episodes",
    ) -> None:
        super().__init__()
        self.ids: tuple[str, ...] = tuple(p.id for p in points)
        self.offsets = np.column_stack([np.asarray(xs, float), np.asarray(ys, float)])
        self.offsets = self.offsets.reshape(-1, 2)
        count = len(points)
        rgba = {colour: to_rgba(value) for colour, value in pal.colours.items()}
        self.sizes = np.fromiter((marker_size(p) for p in points), dtype=float, count=count)
        self.after_sex = np.fromiter((p.after_sex for p in points), dtype=bool, count=count)
        self.attention = np.fromiter(
            (p.severity in ATTENTION for p in points), dtype=bool, count=count
        )
        self.facecolors = np.array([rgba[p.colour] for p in points], dtype=float).reshape(-1, 4)
        self._stamps = self._group(points, pal)
        self.set_gid(gid)
        self.set_zorder(3)
        self.set_picker(True)
        axes.add_artist(self)
        self.set_transform(axes.transData)

    def _group(self, points: Sequence[EpisodePoint], pal: Palette) -> list[_Stamp]:
        keys: dict[tuple[bool, Amount, Colour | None], list[int]] = {}
        for index, point in enumerate(points):
            keys.setdefault((point.after_sex, point.amount, point.colour), []).append(index)
        edge = to_rgba(pal.marker_edge)
        ring = to_rgba(pal.attention_edge)
        stamps: list[_Stamp] = []
        rings: list[_Stamp] = []
        colour_order = {colour: i for i, colour in enumerate(pal.colours)}
        # Heavier amounts first, so smaller markers stay visible on top of them.
        for (after_sex, _amount, _colour), indices in sorted(
            keys.items(),
            key=lambda item: (-AMOUNT_LEVEL[item[0][1]], item[0][0], colour_order[item[0][2]]),
        ):
            first = points[indices[0]]
            path = _marker_path(MARKER_AFTER_SEX if after_sex else MARKER_PLAIN)
            chosen = np.array(indices, dtype=int)
            size = marker_size(first)
            face = to_rgba(pal.colour_of(first.colour))
            stamps.append(_Stamp(path, size, chosen, face, edge, EDGE_WIDTH))
            flagged = chosen[self.attention[chosen]]
            if flagged.size:
                rings.append(_Stamp(path, size, flagged, None, ring, ATTENTION_WIDTH))
        return stamps + rings

    @allow_rasterization  # type: ignore[untyped-decorator]
    def draw(self, renderer: RendererBase) -> None:
        if not self.get_visible() or not len(self.offsets):
            return
        renderer.open_group("episodes", self.get_gid())
        transform = self.get_transform()
        offsets = np.asarray(transform.transform_non_affine(self.offsets), dtype=float)
        affine = transform.get_affine()
        to_px = float(np.asarray(renderer.points_to_pixels(1.0)))
        for stamp in self._stamps:
            gc = renderer.new_gc()
            self._set_gc_clip(gc)  # type: ignore[attr-defined]
            gc.set_foreground(stamp.edge, isRGBA=True)
            gc.set_linewidth(stamp.width)
            gc.set_antialiased(True)
            renderer.draw_markers(
                gc,
                stamp.path,
                Affine2D().scale(float(np.sqrt(stamp.size)) * to_px),
                Path(offsets[stamp.indices]),
                affine,
                stamp.face,
            )
            gc.restore()
        renderer.close_group("episodes")
        self.stale = False

    def display_offsets(self) -> np.ndarray:
        """Marker centres in display pixels (origin bottom left)."""
        return np.asarray(self.get_transform().transform(self.offsets), dtype=float)

    def contains(self, mouseevent: MouseEvent) -> tuple[bool, dict[Any, Any]]:
        """Hit test: ``ind`` lists every marker within its radius plus a small margin."""
        foreign: bool = self._different_canvas(mouseevent)  # type: ignore[attr-defined]
        if foreign or not self.get_visible() or not len(self.ids):
            return False, {}
        figure = self.get_figure(root=True)
        dpi = figure.dpi if figure is not None else 72.0
        centres = self.display_offsets()
        reach = (np.sqrt(self.sizes) / 2.0 + PICK_RADIUS) * dpi / 72.0
        distance = np.hypot(centres[:, 0] - mouseevent.x, centres[:, 1] - mouseevent.y)
        ind = np.flatnonzero(distance <= reach)
        return bool(ind.size), {"ind": ind, "distance": distance[ind]}
