"""The visual vocabulary shared by every chart: palettes, marker sizes, the legend.

One place decides what "bright red" or "needs a provider" looks like, so the timeline,
the cycle chart and printed reports all speak the same visual language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from journal.charts.data import EpisodePoint
from journal.charts.layout import fitted_columns
from journal.charts.legend import ChartLegend
from journal.domain.vocabulary import Amount, Colour, Severity

# Marker areas in points²: each step is clearly larger than the one before.
AMOUNT_SIZES: dict[Amount, float] = {
    Amount.SPOTTING: 30.0,
    Amount.LIGHT: 62.0,
    Amount.MODERATE: 110.0,
    Amount.HEAVY: 175.0,
    Amount.VERY_HEAVY: 250.0,
}
# Amount as a row index (spotting 0 … very heavy 4), looked up rather than computed per point.
AMOUNT_LEVEL: dict[Amount, int] = {amount: level for level, amount in enumerate(Amount)}
ATTENTION = frozenset({Severity.SEE_PROVIDER, Severity.URGENT})
MARKER_PLAIN = "o"
MARKER_AFTER_SEX = "^"
# A triangle covers about half its bounding box, a circle about 80 %: enlarge triangles
# so an after-sex marker reads as the same amount as a round one.
AFTER_SEX_SCALE = 1.6
MARKER_OVULATION = "D"
OVULATION_SIZE = 20.0
FONT_SIZE = 9.0


@dataclass(frozen=True, slots=True)
class Palette:
    """Colours for one background; the dark one keeps every mark readable on dark grey."""

    background: str
    text: str
    muted: str
    grid: str
    period: str
    period_alpha: float
    ovulation: str
    marker_edge: str
    attention_edge: str
    highlight: str
    colours: dict[Colour | None, str] = field(default_factory=dict)

    def colour_of(self, colour: Colour | None) -> str:
        return self.colours[colour]


LIGHT = Palette(
    background="#ffffff",
    text="#222222",
    muted="#6b6b6b",
    grid="#e4e4e4",
    period="#f4b6c8",
    period_alpha=0.45,
    ovulation="#13877a",
    marker_edge="#4a4a4a",
    attention_edge="#111111",
    highlight="#1a5fd0",
    colours={
        Colour.PINK: "#f48fb1",
        Colour.BRIGHT_RED: "#e3262f",
        Colour.DARK_RED: "#8e1b22",
        Colour.BROWN: "#8a5a2b",
        None: "#a9a9a9",
    },
)

DARK = Palette(
    background="#232629",
    text="#e8e8e8",
    muted="#a8a8a8",
    grid="#3a3f44",
    period="#b0476a",
    period_alpha=0.35,
    ovulation="#4dd0c4",
    marker_edge="#d0d0d0",
    # A dark ring would vanish on a dark background: attention is white there.
    attention_edge="#ffffff",
    highlight="#6cb6ff",
    colours={
        Colour.PINK: "#f7a8c4",
        Colour.BRIGHT_RED: "#ff4d4d",
        Colour.DARK_RED: "#c23b3b",
        Colour.BROWN: "#b9834d",
        None: "#9a9a9a",
    },
)

COLOUR_LABELS: dict[Colour | None, str] = {
    Colour.PINK: "Pink",
    Colour.BRIGHT_RED: "Bright red",
    Colour.DARK_RED: "Dark red",
    Colour.BROWN: "Brown",
    None: "Colour not logged",
}

EDGE_WIDTH = 0.6
ATTENTION_WIDTH = 1.8


def palette(dark: bool) -> Palette:
    return DARK if dark else LIGHT


def style_figure(figure: Figure, pal: Palette) -> None:
    figure.set_facecolor(pal.background)


def style_axes(axes: Axes, pal: Palette) -> None:
    """Quiet axes: no box, light grid, readable ticks."""
    axes.set_facecolor(pal.background)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(pal.muted)
    axes.tick_params(colors=pal.text, labelsize=FONT_SIZE, length=3)
    axes.tick_params(axis="y", length=0)
    axes.xaxis.label.set_color(pal.text)
    axes.xaxis.label.set_fontsize(FONT_SIZE)
    axes.set_axisbelow(True)


def highlight_size(size: float) -> float:
    """A ring comfortably outside a marker of area ``size``."""
    return float((size**0.5 + 11.0) ** 2)


def add_legend(
    figure: Figure,
    pal: Palette,
    points: Iterable[EpisodePoint],
    *,
    periods: bool,
    ovulations: bool,
    period_label: str = "Period",
) -> tuple[Legend, list[Artist]] | None:
    """A legend of the encodings actually on show, under the chart, and its handles."""
    points = list(points)
    handles: list[Artist] = []
    present = {p.colour for p in points}
    for colour in (Colour.PINK, Colour.BRIGHT_RED, Colour.DARK_RED, Colour.BROWN, None):
        if colour in present:
            handles.append(_marker(COLOUR_LABELS[colour], pal.colour_of(colour), pal))
    if any(p.after_sex for p in points):
        # Shape-only entries are hollow, so they are not read as "colour not logged".
        handles.append(_marker("After sex", pal.background, pal, marker=MARKER_AFTER_SEX))
    if any(p.needs_attention for p in points):
        handles.append(
            _marker(
                "See a provider / urgent",
                pal.background,
                pal,
                edge=pal.attention_edge,
                width=ATTENTION_WIDTH,
            )
        )
    if periods:
        handles.append(Patch(facecolor=pal.period, alpha=pal.period_alpha, label=period_label))
    if ovulations:
        handles.append(
            _marker(
                "Estimated ovulation",
                pal.ovulation,
                pal,
                marker=MARKER_OVULATION,
                size=6.0,
                edge=pal.ovulation,
            )
        )
    if not handles:
        return None
    labels = [str(h.get_label()) for h in handles]
    # The handles follow from the palette and the labels, which is all a cached
    # rendering of this legend depends on.
    key = (_palette_key(pal), FONT_SIZE, tuple(labels))
    # The layout engine narrows this to as many columns as the width allows; when it
    # already did so for this legend at this width, build it that way straight away.
    ncols = fitted_columns(key, figure) or len(handles)
    legend = ChartLegend(
        figure,
        handles,
        labels,
        key,
        loc="lower center",
        ncols=ncols,
        frameon=False,
        fontsize=FONT_SIZE,
        handletextpad=0.4,
        columnspacing=1.4,
        labelcolor=pal.text,
    )
    return legend, handles


def _palette_key(pal: Palette) -> tuple[object, ...]:
    fields = (pal.background, pal.text, pal.period, pal.period_alpha, pal.ovulation)
    return (*fields, pal.marker_edge, pal.attention_edge, tuple(pal.colours.items()))


def _marker(
    label: str,
    face: str,
    pal: Palette,
    *,
    marker: str = MARKER_PLAIN,
    size: float = 8.0,
    edge: str | None = None,
    width: float = EDGE_WIDTH,
) -> Line2D:
    return Line2D(
        [],
        [],
        linestyle="none",
        marker=marker,
        markersize=size,
        markerfacecolor=face,
        markeredgecolor=edge if edge is not None else pal.marker_edge,
        markeredgewidth=width,
        label=label,
    )
