"""The episode timeline: every episode on a date axis, with periods and ovulation behind.

x is time; y is the amount (spotting at the bottom, heavy at the top) and the marker
area grows with it too, so heavier bleeding stands out both ways. Colour is the colour
of the blood, a triangle means "after sex", a dark ring means what to do now (or a card)
says to see a provider, or to seek care urgently. Periods are shaded bands; estimated
ovulation is a small diamond just above the date axis.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

import matplotlib.dates as mdates
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.figure import Figure

from journal.charts.artists import ChartArtists
from journal.charts.data import EpisodePoint, TimelineData
from journal.charts.style import (
    AMOUNT_LEVEL,
    Palette,
    palette,
    style_axes,
    style_figure,
)
from journal.domain.vocabulary import Amount

EMPTY_MESSAGE = "No episodes in this range"
# Days of margin around the data when no range is given.
MARGIN_DAYS = 7
# Same-day episodes of the same amount are spread vertically by this much.
STACK_STEP = 0.22
OVULATION_Y = 0.035  # in axes coordinates: just above the date axis


class TimelineArtists(ChartArtists):
    """The drawn timeline: pick map, highlight ring, bands and the range helpers."""

    def __init__(self, figure: Figure, pal: Palette, data: TimelineData) -> None:
        super().__init__(figure, figure.add_subplot(), pal)
        self.data = data
        self.periods: PolyCollection | None = None
        self.ovulation: PathCollection | None = None
        self._xs = np.empty(0)
        # First and last episode day, found from the x values rather than a scan of dates.
        self._episode_days: tuple[date, date] | None = None

    def set_range(self, start: date, end: date) -> None:
        """Show ``start`` to ``end``, both days whole."""
        self.axes.set_xlim(_num(start), _num(end + timedelta(days=1)))

    def visible_range(self) -> tuple[date, date]:
        """The days now on show (first and last, possibly partial)."""
        low, high = self.axes.get_xlim()
        return _day_of(low), _day_of(high)

    def data_range(self) -> tuple[date, date] | None:
        """First and last day with anything to draw, with a small margin."""
        episodes = self._episode_days
        starts = [p.start for p in self.data.periods] + list(self.data.ovulations)
        ends = [p.end for p in self.data.periods] + list(self.data.ovulations)
        if episodes is not None:
            starts.append(episodes[0])
            ends.append(episodes[1])
        if not starts:
            return None
        first, last = min(starts), max(ends)
        margin = timedelta(days=MARGIN_DAYS)
        return first - margin, last + margin

    def episodes_in_view(self) -> int:
        low, high = self.axes.get_xlim()
        return int(np.searchsorted(self._xs, high) - np.searchsorted(self._xs, low))

    def _update_message(self, _axes: object = None) -> None:
        if self.message is not None:
            self.message.set_visible(self.episodes_in_view() == 0)


def _epoch() -> datetime:
    epoch: str = mdates.get_epoch()  # type: ignore[no-untyped-call]
    return datetime.fromisoformat(epoch)


# matplotlib's date numbers: days since its epoch (1970-01-01 unless changed globally).
def _num(day: date | datetime, epoch: datetime | None = None) -> float:
    if not isinstance(day, datetime):
        day = datetime(day.year, day.month, day.day)
    return (day - (epoch or _epoch())).total_seconds() / 86400.0


def _day_of(number: float) -> date:
    found: datetime = mdates.num2date(number)  # type: ignore[no-untyped-call]
    return found.date()


def _levels(points: Sequence[EpisodePoint], xs: np.ndarray) -> np.ndarray:
    """y of each point: its amount's row, nudged apart when episodes share day and amount."""
    rows = np.fromiter((AMOUNT_LEVEL[p.amount] for p in points), dtype=np.int64, count=len(points))
    levels = rows.astype(float)
    if not rows.size:
        return levels
    # One key per (day, row); points sharing a key are spread in their original order.
    keys = np.floor(xs).astype(np.int64) * len(Amount) + rows
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    sizes = np.diff(np.r_[starts, ordered.size])
    totals = np.repeat(sizes, sizes)
    index = np.arange(ordered.size) - np.repeat(starts, sizes)
    shared = totals > 1
    if shared.any():
        total = totals[shared].astype(float)
        step = np.minimum(STACK_STEP, 0.6 / (total - 1))
        nudged = np.empty(ordered.size)
        nudged[~shared] = 0.0
        nudged[shared] = (index[shared] - (total - 1) / 2) * step
        levels[order] += nudged
    return levels


def draw_timeline(
    figure: Figure,
    data: TimelineData,
    start: date | None = None,
    end: date | None = None,
    highlight: str | None = None,
    *,
    dark: bool = False,
) -> TimelineArtists:
    """Draw the timeline into ``figure`` (cleared first) and return its artists.

    ``start``/``end`` default to the data's own range; ``highlight`` rings one episode.
    """
    pal = palette(dark)
    figure.clear()
    style_figure(figure, pal)
    artists = TimelineArtists(figure, pal, data)
    axes = artists.axes
    style_axes(axes, pal)
    axes.set_ylim(-0.75, len(Amount) - 0.25)
    axes.set_yticks(range(len(Amount)), [a.short_label for a in Amount])
    axes.grid(axis="x", color=pal.grid, linewidth=0.8)
    axes.grid(axis="y", color=pal.grid, linewidth=0.6, linestyle=":")

    _draw_cycle_marks(axes, artists, data)
    points = data.episodes
    _place_episodes(artists, points)

    artists._make_highlight(axes, guide=True)
    artists.set_highlight(highlight)

    _date_axis(axes)

    message = artists.add_message(EMPTY_MESSAGE, 0.55, visible=False, zorder=6)
    artists.lay_out(
        points,
        [a.short_label for a in Amount],
        periods=bool(data.periods),
        ovulations=bool(data.ovulations),
    )

    if not _show_range(artists, start, end):
        # Nothing at all to place in time: the message alone, no empty date axis.
        axes.set_axis_off()
        message.set_visible(True)
        return artists
    axes.callbacks.connect("xlim_changed", artists._update_message)
    artists._update_message()
    return artists


def _draw_cycle_marks(axes: Axes, artists: TimelineArtists, data: TimelineData) -> None:
    """Period bands across the whole height and estimated ovulations along the top."""
    if data.periods:
        boxes = [
            [(x0, 0.0), (x0, 1.0), (x1, 1.0), (x1, 0.0)]
            for band in data.periods
            for x0, x1 in [(_num(band.start), _num(band.end + timedelta(days=1)))]
        ]
        artists.periods = artists.add_period_boxes(
            boxes, zorder=0.5, transform=axes.get_xaxis_transform()
        )

    if data.ovulations:
        xs = [_num(day) + 0.5 for day in data.ovulations]
        artists.ovulation = artists.add_ovulation_marks(
            xs, [OVULATION_Y] * len(xs), transform=axes.get_xaxis_transform()
        )


def _place_episodes(artists: TimelineArtists, points: Sequence[EpisodePoint]) -> None:
    """Each episode at its moment and amount level, same-moment ones nudged apart."""
    epoch = _epoch()
    # Same arithmetic as _num, one subtraction per point and one division for all.
    seconds = np.fromiter(
        ((p.at - epoch).total_seconds() for p in points), dtype=float, count=len(points)
    )
    all_xs = seconds / 86400.0
    all_ys = _levels(points, all_xs)
    artists.add_episodes(points, all_xs, all_ys)
    artists._xs = np.sort(all_xs)
    if len(points):
        artists._episode_days = (
            points[int(np.argmin(all_xs))].day,
            points[int(np.argmax(all_xs))].day,
        )


def _date_axis(axes: Axes) -> None:
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    # Month starts carry the year when ticks are days, so no separate offset text is needed.
    formatter = mdates.ConciseDateFormatter(  # type: ignore[no-untyped-call]
        locator,
        zero_formats=["", "%Y", "%b %Y", "%d %b", "%H:%M", "%H:%M"],
        show_offset=False,
    )
    axes.xaxis.set_major_formatter(formatter)


def _show_range(artists: TimelineArtists, start: date | None, end: date | None) -> bool:
    """Show ``start`` to ``end`` (each defaults to the data's own); False: nothing to show."""
    bounds = artists.data_range()
    if bounds is None:
        if start is None and end is None:
            return False
        only = start if start is not None else end
        assert only is not None
        bounds = (only, only)
    first = start if start is not None else bounds[0]
    last = end if end is not None else bounds[1]
    if last < first:
        first, last = last, first
    artists.set_range(first, last)
    return True
