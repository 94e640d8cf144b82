"""What a drawn chart hands back: its artists, the pick map and the highlight ring.

A widget needs to turn a click into an episode id and to ring one episode later
without redrawing everything; this is the small interface that makes both possible.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import MouseEvent
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text

from journal.charts.data import EpisodePoint
from journal.charts.layout import MarginLayout
from journal.charts.markers import EpisodeMarkers
from journal.charts.style import (
    FONT_SIZE,
    MARKER_OVULATION,
    OVULATION_SIZE,
    Palette,
    add_legend,
    highlight_size,
)


class ChartArtists:
    """The artists of one drawn chart, and the mapping from marker index to episode id."""

    def __init__(self, figure: Figure, axes: Axes, pal: Palette) -> None:
        self.figure = figure
        self.axes = axes
        self.palette = pal
        self.legend: Legend | None = None
        self.message: Text | None = None
        self.markers: EpisodeMarkers | None = None
        self.highlight_ring: PathCollection | None = None
        self.highlight_guide: Line2D | None = None
        self.highlighted: str | None = None

    def add_message(self, text: str, y: float, *, visible: bool, **extra: Any) -> Text:
        """The muted sentence shown in the middle of an empty chart."""
        self.message = self.axes.text(
            0.5,
            y,
            text,
            transform=self.axes.transAxes,
            ha="center",
            va="center",
            color=self.palette.muted,
            fontsize=FONT_SIZE + 3,
            visible=visible,
            **extra,
        )
        return self.message

    def add_period_boxes(
        self, boxes: Sequence[Sequence[tuple[float, float]]], zorder: float, **extra: Any
    ) -> PolyCollection:
        """Periods as shaded boxes, in the one period colour of both charts."""
        boxes_drawn = PolyCollection(
            boxes,
            facecolors=self.palette.period,
            edgecolors="none",
            alpha=self.palette.period_alpha,
            zorder=zorder,
            gid="periods",
            **extra,
        )
        self.axes.add_collection(boxes_drawn, autolim=False)
        return boxes_drawn

    def add_ovulation_marks(
        self, xs: Sequence[float], ys: Sequence[float], **extra: Any
    ) -> PathCollection:
        """Estimated (or signed) ovulations as the one ovulation mark of both charts."""
        return self.axes.scatter(
            xs,
            ys,
            s=OVULATION_SIZE,
            marker=MARKER_OVULATION,
            c=self.palette.ovulation,
            linewidths=0,
            zorder=2,
            gid="ovulation",
            **extra,
        )

    def lay_out(
        self,
        points: Iterable[EpisodePoint],
        row_labels: Sequence[str],
        *,
        periods: bool,
        ovulations: bool,
        x_label: bool = False,
    ) -> None:
        """The legend of what is on show, under the chart, and margins that fit the labels."""
        legend = add_legend(
            self.figure, self.palette, points, periods=periods, ovulations=ovulations
        )
        self.legend, entries = legend if legend is not None else (None, [])
        self.figure.set_layout_engine(
            MarginLayout(
                row_labels,
                FONT_SIZE,
                x_label=x_label,
                legend=self.legend,
                legend_entries=(entries, [str(h.get_label()) for h in entries]),
            )
        )

    # ------------------------------------------------------------------ picking

    @property
    def episode_ids(self) -> Mapping[Artist, tuple[str, ...]]:
        """The pickable artist, with the episode id of every marker in index order.

        A pick event's ``artist`` and ``ind`` index straight into this mapping.
        """
        return {self.markers: self.markers.ids} if self.markers is not None else {}

    def add_episodes(self, points: Sequence[EpisodePoint], xs: np.ndarray, ys: np.ndarray) -> None:
        """Draw the episode markers at ``xs``/``ys`` (data coordinates) and index them."""
        self.markers = EpisodeMarkers(self.axes, points, xs, ys, self.palette)

    def episode_id(self, artist: Artist, index: int) -> str | None:
        """The episode behind marker ``index`` of ``artist`` (as in a pick event's ``ind``)."""
        ids = self.episode_ids.get(artist)
        if ids is None or not 0 <= index < len(ids):
            return None
        return ids[index]

    def episode_at(self, event: MouseEvent) -> str | None:
        """The episode whose marker is under the mouse, the nearest one when several are."""
        if self.markers is None:
            return None
        hit, info = self.markers.contains(event)
        if not hit:
            return None
        nearest = int(np.argmin(info["distance"]))
        return self.markers.ids[int(info["ind"][nearest])]

    def position(self, episode_id: str) -> tuple[float, float] | None:
        """Where an episode's marker sits, in data coordinates."""
        found = self._marker(episode_id)
        return (found[0], found[1]) if found is not None else None

    def _marker(self, episode_id: str | None) -> tuple[float, float, float] | None:
        """x, y and area of an episode's marker."""
        if self.markers is None or episode_id is None:
            return None
        index = self.markers.index_of(episode_id)
        if index is None:
            return None
        x, y = self.markers.offsets[index].tolist()
        return float(x), float(y), float(self.markers.sizes[index])

    # ------------------------------------------------------------------ highlight

    def set_highlight(self, episode_id: str | None) -> bool:
        """Ring one episode (None removes the ring); False when the episode is not drawn."""
        found = self._marker(episode_id)
        self.highlighted = episode_id if found is not None else None
        if self.highlight_ring is not None:
            if found is None:
                self.highlight_ring.set_offsets(np.empty((0, 2)))
            else:
                self.highlight_ring.set_offsets([[found[0], found[1]]])
                self.highlight_ring.set_sizes([highlight_size(found[2])])
        if self.highlight_guide is not None:
            self.highlight_guide.set_visible(found is not None)
            if found is not None:
                self.highlight_guide.set_xdata([found[0], found[0]])
        return found is not None

    def _make_highlight(self, axes: Axes, *, guide: bool) -> None:
        self.highlight_ring = axes.scatter(
            [],
            [],
            s=[],
            facecolors="none",
            edgecolors=self.palette.highlight,
            linewidths=2.4,
            zorder=5,
            label="_highlight",
            gid="highlight",
        )
        if guide:
            # Added as a plain artist so it never widens the data limits.
            self.highlight_guide = Line2D(
                [0.0, 0.0],
                [0.0, 1.0],
                transform=axes.get_xaxis_transform(),
                color=self.palette.highlight,
                linewidth=1.0,
                alpha=0.5,
                zorder=1,
                visible=False,
            )
            axes.add_artist(self.highlight_guide)
