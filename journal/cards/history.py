"""What the card rules need to know about an episode's past, answered from indices built once.

``HistoryIndex`` sorts a journal's episodes once (by day, then id) and keeps, per cycle,
the days of episodes outside a logged period. ``HistoryIndex.for_episode`` then answers
one episode's questions by binary search, so explaining one episode of a 5,000-episode
journal stays far below a millisecond of history work.

Counting rules, chosen so a result never depends on the order episodes were stored in:

* windows are counted in whole days and end on the episode's day, both ends included
  (a 90-day window for 2026-03-31 starts on 2026-01-01);
* an episode counts itself ("the 3rd episode in this cycle" includes this one), and other
  episodes on the same day count too, whatever their time or id;
* only the past counts: an explanation says what was known when the episode happened.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from journal.domain.cycle import CycleCalendar
from journal.domain.model import Episode, JournalData


class HistoryIndex:
    """Per-journal indices over episodes: built once, asked about many episodes."""

    def __init__(self, episodes: Iterable[Episode], calendar: CycleCalendar) -> None:
        ordered = sorted(episodes, key=lambda e: (e.day, e.id))
        self.calendar = calendar
        self._after_sex_days: list[date] = [e.day for e in ordered if e.after_sex]
        outside = [e for e in ordered if calendar.period_on(e.day) is None]
        self._outside_days: list[date] = [e.day for e in outside]
        self._outside_ranks: list[int] = [e.amount.rank for e in outside]
        by_cycle: defaultdict[date, list[date]] = defaultdict(list)
        for episode in outside:
            start = calendar.cycle_start_of(episode.day)
            if start is not None:
                by_cycle[start].append(episode.day)
        self._outside_by_cycle: dict[date, list[date]] = dict(by_cycle)

    @classmethod
    def from_data(cls, data: JournalData, calendar: CycleCalendar | None = None) -> HistoryIndex:
        """Index a whole journal (building its cycle calendar when none is given)."""
        if calendar is None:
            calendar = CycleCalendar(data.periods, data.ovulation_signs)
        return cls(data.episodes, calendar)

    def for_episode(self, episode: Episode) -> History:
        """The history as it stood on ``episode``'s day."""
        return History(episode=episode, index=self)

    # The window helpers below take the last day of a window and its length in days.

    def after_sex_within(self, day: date, days: int) -> int:
        return _count_in_window(self._after_sex_days, day, days)

    def outside_period_within(self, day: date, days: int) -> int:
        return _count_in_window(self._outside_days, day, days)

    def outside_period_in_cycle(self, day: date) -> int:
        start = self.calendar.cycle_start_of(day)
        if start is None:
            return 0
        return bisect.bisect_right(self._outside_by_cycle.get(start, []), day)

    def earlier_outside_ranks(self, day: date, days: int) -> list[int]:
        """Amount ranks of episodes outside periods in the ``days`` before ``day`` (not on it)."""
        first = day - timedelta(days=days)
        low = bisect.bisect_left(self._outside_days, first)
        high = bisect.bisect_left(self._outside_days, day)
        return self._outside_ranks[low:high]


@dataclass(frozen=True, slots=True)
class History:
    """One episode's past, as the rules ask about it."""

    episode: Episode
    index: HistoryIndex

    @property
    def outside_period(self) -> bool:
        return self.index.calendar.period_on(self.episode.day) is None

    def after_sex_within(self, days: int) -> int:
        """Episodes after intercourse in the ``days`` ending on this episode's day."""
        return self.index.after_sex_within(self.episode.day, days)

    def outside_period_within(self, days: int) -> int:
        """Episodes outside a logged period in the ``days`` ending on this episode's day."""
        return self.index.outside_period_within(self.episode.day, days)

    def outside_period_in_cycle(self) -> int:
        """Episodes outside a period in this episode's cycle, up to and including its day."""
        return self.index.outside_period_in_cycle(self.episode.day)

    def earlier_outside_ranks(self, days: int) -> list[int]:
        """Amount ranks (0 spotting … 3 heavy) of earlier episodes outside periods."""
        return self.index.earlier_outside_ranks(self.episode.day, days)


def _count_in_window(days_sorted: list[date], day: date, days: int) -> int:
    first = day - timedelta(days=days - 1)
    return bisect.bisect_right(days_sorted, day) - bisect.bisect_left(days_sorted, first)
