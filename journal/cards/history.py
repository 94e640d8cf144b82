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

from journal.domain.cycle import CycleCalendar, CycleContext
from journal.domain.model import Episode, JournalData
from journal.domain.vocabulary import Phase

# Phases in which bleeding between periods can recur "at the same point of the cycle".
BETWEEN_PERIOD_PHASES = (Phase.FOLLICULAR, Phase.OVULATORY, Phase.LUTEAL)


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
        # Per phase, the starts of the cycles with an episode outside a period in that phase.
        phase_cycles: defaultdict[Phase, set[date]] = defaultdict(set)
        for episode in outside:
            placed = calendar.context(episode.day)
            if placed.phase in BETWEEN_PERIOD_PHASES and placed.cycle_start is not None:
                phase_cycles[placed.phase].add(placed.cycle_start)
        self._phase_cycles: dict[Phase, list[date]] = {
            phase: sorted(starts) for phase, starts in phase_cycles.items()
        }

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

    def same_phase_cycles(self, cycle: CycleContext) -> int:
        """Cycles, up to and including ``cycle``, with bleeding outside a period in its phase.

        Only earlier cycles and the episode's own one count (0 when the day is inside a
        period or its phase is unknown).
        """
        if cycle.in_period or cycle.cycle_start is None:
            return 0
        starts = self._phase_cycles.get(cycle.phase)
        if not starts:
            return 0
        return bisect.bisect_left(starts, cycle.cycle_start) + 1

    def same_phase_cycles_followed_by_period(self, cycle: CycleContext) -> int:
        """Like ``same_phase_cycles``, counting only cycles that a logged period ended: every
        earlier cycle, and this one once the next period is logged."""
        count = self.same_phase_cycles(cycle)
        if count and self.calendar.next_start_after(cycle.day) is None:
            count -= 1
        return count

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
        """Amount ranks (0 spotting … 4 very heavy) of earlier episodes outside periods."""
        return self.index.earlier_outside_ranks(self.episode.day, days)

    def same_phase_cycles(self, cycle: CycleContext) -> int:
        """Cycles so far with bleeding between periods in this episode's phase."""
        return self.index.same_phase_cycles(cycle)

    def same_phase_cycles_followed_by_period(self, cycle: CycleContext) -> int:
        """The same, counting only cycles that ended with a logged period."""
        return self.index.same_phase_cycles_followed_by_period(cycle)


def _count_in_window(days_sorted: list[date], day: date, days: int) -> int:
    first = day - timedelta(days=days - 1)
    return bisect.bisect_right(days_sorted, day) - bisect.bisect_left(days_sorted, first)
