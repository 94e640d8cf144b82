"""History indices: window counts, cycles, and independence from storage order."""

from __future__ import annotations

import random
from datetime import date

from journal.cards import HistoryIndex
from journal.cards.history import History
from journal.domain.cycle import CycleCalendar
from journal.domain.model import Episode, JournalData

from .card_builders import PERIODS, episode

D = date
CALENDAR = CycleCalendar(PERIODS)
EPISODES = [
    episode("s1", D(2025, 10, 3), trigger="intercourse"),  # 110 days before 2026-01-21
    episode("s2", D(2025, 10, 23), trigger="intercourse"),  # exactly day 1 of a 91-day window
    episode("s3", D(2026, 1, 21), trigger="intercourse"),
    episode("p1", D(2026, 1, 5)),  # inside the January period
    episode("o1", D(2026, 1, 10), "light"),
    episode("o2", D(2026, 1, 21), "spotting"),
    episode("o3", D(2026, 1, 25), "moderate"),
    episode("n1", D(2026, 2, 10)),  # the next cycle
]


def history(episode_id: str, episodes: list[Episode] = EPISODES) -> History:
    index = HistoryIndex(episodes, CALENDAR)
    return index.for_episode(next(e for e in episodes if e.id == episode_id))


def test_after_sex_windows_include_both_ends() -> None:
    h = history("s3")
    assert h.after_sex_within(90) == 1  # 2025-10-24 .. 2026-01-21
    assert h.after_sex_within(91) == 2  # 2025-10-23 .. 2026-01-21
    assert h.after_sex_within(183) == 3


def test_outside_period_counts_per_cycle_and_window() -> None:
    assert history("o1").outside_period_in_cycle() == 1
    # o2 and s3 share 2026-01-21: both count, whatever their order.
    assert history("o2").outside_period_in_cycle() == 3
    assert history("s3").outside_period_in_cycle() == 3
    assert history("o3").outside_period_in_cycle() == 4
    assert history("n1").outside_period_in_cycle() == 1
    assert history("o3").outside_period_within(30) == 4

    assert not history("p1").outside_period


def test_earlier_amounts_exclude_the_episode_day() -> None:
    # The 90 days before 2026-01-25 start on 2025-10-27: o1 (light), o2 and s3 (spotting).
    assert sorted(history("o3").earlier_outside_ranks(90)) == [0, 0, 1]
    # From 2025-10-23: s2 and o1; s3 shares o2's day, so it is not earlier than o2.
    assert sorted(history("o2").earlier_outside_ranks(90)) == [0, 1]  # s2 and o1


def test_history_does_not_depend_on_episode_order() -> None:
    shuffled = EPISODES[:]
    random.Random(7).shuffle(shuffled)
    for e in EPISODES:
        a, b = history(e.id), history(e.id, shuffled)
        assert a.after_sex_within(183) == b.after_sex_within(183)
        assert a.outside_period_in_cycle() == b.outside_period_in_cycle()
        assert a.earlier_outside_ranks(90) == b.earlier_outside_ranks(90)


def test_index_from_journal_data_builds_its_calendar() -> None:
    index = HistoryIndex.from_data(JournalData(periods=PERIODS, episodes=tuple(EPISODES)))
    assert index.for_episode(EPISODES[6]).outside_period_in_cycle() == 4
