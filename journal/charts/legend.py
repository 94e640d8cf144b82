"""A figure legend that keeps its rendered pixels and reuses them while nothing changed.

A legend's text costs more to draw than thousands of markers (glyph layout and
rasterising run on every draw), yet it only changes with its entries, its columns and
the figure's pixel size. On the Agg renderer (screen and PNG) the legend is rendered
once into a transparent image and stamped on later draws; other renderers draw it as
usual.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend

# Rendered legends kept across figures: a handful of entry sets and window sizes.
_MAX_IMAGES = 16
_IMAGES: OrderedDict[Hashable, tuple[int, int, np.ndarray]] = OrderedDict()
# Pixels around the measured box, for antialiased edges.
_PAD = 2


def clear_legend_cache() -> None:
    """Forget every rendered legend (benchmarks use it to measure a cold draw)."""
    _IMAGES.clear()


class ChartLegend(Legend):
    """A ``Legend`` whose Agg rendering is cached by ``content_key`` and draw geometry."""

    def __init__(
        self,
        figure: Figure,
        handles: Sequence[Artist],
        labels: Sequence[str],
        content_key: Hashable,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("bbox_transform", figure.transSubfigure)
        super().__init__(figure, handles, labels, **kwargs)
        self.content_key = content_key
        figure.legends.append(self)
        self._remove_method = figure.legends.remove
        figure.stale = True

    def _cache_key(self, renderer: RendererAgg) -> Hashable:
        ncols: int = self._ncols  # type: ignore[attr-defined]
        return (
            self.content_key,
            ncols,
            self._loc,  # type: ignore[attr-defined]
            int(renderer.width),
            int(renderer.height),
            float(renderer.dpi),
        )

    def draw(self, renderer: RendererBase) -> None:
        # Only the plain Agg renderer: vector backends keep real text.
        if not self.get_visible() or type(renderer) is not RendererAgg:
            super().draw(renderer)
            return
        key = self._cache_key(renderer)
        found = _IMAGES.get(key)
        if found is None:
            found = self._render(renderer)
            _IMAGES[key] = found
            while len(_IMAGES) > _MAX_IMAGES:
                _IMAGES.popitem(last=False)
        else:
            _IMAGES.move_to_end(key)
        x0, y0, image = found
        gc = renderer.new_gc()
        renderer.draw_image(gc, x0, y0, image)
        gc.restore()
        self.stale = False

    def _render(self, renderer: RendererAgg) -> tuple[int, int, np.ndarray]:
        width, height = int(renderer.width), int(renderer.height)
        scratch = RendererAgg(width, height, renderer.dpi)  # type: ignore[no-untyped-call]
        super().draw(scratch)
        box = self.get_window_extent(scratch)
        x0 = max(math.floor(box.x0) - _PAD, 0)
        x1 = min(math.ceil(box.x1) + _PAD, width)
        y0 = max(math.floor(box.y0) - _PAD, 0)
        y1 = min(math.ceil(box.y1) + _PAD, height)
        pixels = np.asarray(scratch.buffer_rgba())  # type: ignore[no-untyped-call]
        # draw_image takes the bottom row first.
        return x0, y0, pixels[height - y1 : height - y0, x0:x1][::-1].copy()
