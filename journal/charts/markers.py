"""All the episode markers of a chart as one artist, stamped group by group.

matplotlib draws fastest when a collection is uniform (one shape, size and colour: Agg
renders the marker once and copies it), but a collection per (shape, amount, colour)
costs about a millisecond of Python each. This artist keeps the fast stamping and
skips the per-collection overhead, so thousands of episodes redraw quickly when the
timeline is panned or zoomed. It also answers hit tests for picking.

Everything per point is worked out in one pass over the episodes into small integer
codes; sizes, colours and groups then come from numpy lookups, not Python loops.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
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
    AFTER_SEX_SCALE,
    AMOUNT_LEVEL,
    AMOUNT_SIZES,
    ATTENTION,
    ATTENTION_WIDTH,
    EDGE_WIDTH,
    MARKER_AFTER_SEX,
    MARKER_PLAIN,
    Palette,
)

# How far (in points) outside a marker a click still counts as hitting it.
PICK_RADIUS = 4.0

RGBA = tuple[float, float, float, float]

# Bits of a point's code: colour index (palette order) in the low bits, then the flags,
# then the amount level. Wide enough for any palette of up to 16 colours.
_COLOUR_BITS = 4
_AFTER_SEX = 1 << _COLOUR_BITS
_ATTENTION = 1 << (_COLOUR_BITS + 1)
_LEVEL_SHIFT = _COLOUR_BITS + 2
# Marker area by amount level (AMOUNT_LEVEL is in level order).
_AMOUNT_SIZE = np.array([AMOUNT_SIZES[amount] for amount in AMOUNT_LEVEL], dtype=float)


@dataclass(frozen=True, slots=True)
class _Stamp:
    """One uniform group: same shape, size, fill and edge."""

    path: Path
    size: float
    indices: np.ndarray
    face: RGBA | None
    edge: RGBA
    width: float


@cache
def _marker_path(marker: str) -> Path:
    """A marker's outline, built once (MarkerStyle deep-copies its path every time)."""
    style = MarkerStyle(marker)
    return style.get_path().transformed(style.get_transform())


def _runs(keys: np.ndarray) -> list[np.ndarray]:
    """Indices grouped by equal key, groups in key order, each in index order."""
    if not keys.size:
        return []
    order = np.argsort(keys, kind="stable")
    cuts = np.flatnonzero(np.diff(keys[order])) + 1
    return np.split(order, cuts)


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
        colour_index = {colour: i for i, colour in enumerate(pal.colours)}
        codes = np.fromiter(
            (
                (AMOUNT_LEVEL[p.amount] << _LEVEL_SHIFT)
                | colour_index[p.colour]
                | (_AFTER_SEX if p.after_sex else 0)
                | (_ATTENTION if p.severity in ATTENTION else 0)
                for p in points
            ),
            dtype=np.int64,
            count=count,
        )
        levels = codes >> _LEVEL_SHIFT
        colours = codes & ((1 << _COLOUR_BITS) - 1)
        self.after_sex = (codes & _AFTER_SEX).astype(bool)
        self.attention = (codes & _ATTENTION).astype(bool)
        # The amount's size, larger after sex.
        self.sizes = _AMOUNT_SIZE[levels] * np.where(self.after_sex, AFTER_SEX_SCALE, 1.0)
        rgba = np.array([to_rgba(value) for value in pal.colours.values()], dtype=float)
        self.facecolors = rgba[colours].reshape(-1, 4)
        self._stamps = self._group(levels, colours, rgba, pal)
        self.set_gid(gid)
        self.set_zorder(3)
        self.set_picker(True)
        axes.add_artist(self)
        self.set_transform(axes.transData)
        self._index: dict[str, int] | None = None

    def _group(
        self, levels: np.ndarray, colours: np.ndarray, rgba: np.ndarray, pal: Palette
    ) -> list[_Stamp]:
        edge = to_rgba(pal.marker_edge)
        ring = to_rgba(pal.attention_edge)
        top = int(levels.max(initial=0))
        # Heavier amounts first, so smaller markers stay visible on top of them; then
        # round before triangles, then palette order.
        shape_key = (top - levels) * 2 + self.after_sex
        stamps: list[_Stamp] = []
        for chosen in _runs((shape_key << _COLOUR_BITS) | colours):
            first = int(chosen[0])
            path = _marker_path(MARKER_AFTER_SEX if self.after_sex[first] else MARKER_PLAIN)
            red, green, blue, alpha = (float(v) for v in rgba[colours[first]])
            face = (red, green, blue, alpha)
            stamps.append(_Stamp(path, float(self.sizes[first]), chosen, face, edge, EDGE_WIDTH))
        # Rings go over every marker. They have no fill, so one stamp per shape and size
        # draws the same pixels as one per colour, with fewer calls.
        flagged = np.flatnonzero(self.attention)
        rings: list[_Stamp] = []
        for group in _runs(shape_key[flagged]):
            chosen = flagged[group]
            first = int(chosen[0])
            path = _marker_path(MARKER_AFTER_SEX if self.after_sex[first] else MARKER_PLAIN)
            size = float(self.sizes[first])
            rings.append(_Stamp(path, size, chosen, None, ring, ATTENTION_WIDTH))
        return stamps + rings

    def index_of(self, episode_id: str) -> int | None:
        """The marker index of an episode (the map is built on first use)."""
        if self._index is None:
            self._index = {episode_id: i for i, episode_id in enumerate(self.ids)}
        return self._index.get(episode_id)

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
