"""History patterns: recurrence after sex, same-phase bleeding, trends, shares, cycle lengths."""

from __future__ import annotations

import random
from datetime import date, timedelta

from journal.cards import Explainer, find_patterns, for_reading
from journal.domain.cycle import CycleCalendar
from journal.domain.dates import DATES
from journal.domain.model import JournalData, Period
from journal.domain.vocabulary import Severity

from .card_builders import PERIODS, episode

D = date


def kinds(data: JournalData) -> dict[str, list]:  # type: ignore[type-arg]
    found: dict[str, list] = {}  # type: ignore[type-arg]
    for pattern in find_patterns(data, CycleCalendar(data.periods)):
        found.setdefault(pattern.kind, []).append(pattern)
    return found


def test_bleeding_after_sex_twice_in_90_days_recurs() -> None:
    data = JournalData(
        episodes=(
            episode("a", D(2026, 1, 1), trigger="intercourse"),
            episode("b", D(2026, 3, 31), trigger="intercourse"),  # day 90 of a window from Jan 1
            episode("c", D(2026, 9, 1), trigger="intercourse"),  # alone
        )
    )
    (recurring,) = kinds(data)["after-sex-recurring"]
    assert recurring.episode_ids == {"a", "b"}
    assert recurring.severity is Severity.SEE_PROVIDER
    assert "see-a-provider" in recurring.raises_cards
    # Dates as the person's locale writes them in running text, never ISO.
    period = DATES.range(D(2026, 1, 1), D(2026, 3, 31))
    assert f"2 episodes after intercourse from {period}" in recurring.summary
    assert "2026-" not in recurring.summary + " ".join(recurring.evidence)
    assert "after-sex-frequent" not in kinds(data)


def test_ninety_one_days_apart_is_not_recurring() -> None:
    data = JournalData(
        episodes=(
            episode("a", D(2026, 1, 1), trigger="intercourse"),
            episode("b", D(2026, 4, 1), trigger="intercourse"),
        )
    )
    assert "after-sex-recurring" not in kinds(data)


def test_three_after_sex_in_six_months_raise_rare_causes_for_all_three() -> None:
    after = [
        episode("a", D(2025, 6, 1), trigger="intercourse"),
        episode("b", D(2025, 8, 20), trigger="intercourse"),
        episode("c", D(2025, 11, 25), trigger="intercourse"),
    ]
    data = JournalData(episodes=tuple(after))
    (frequent,) = kinds(data)["after-sex-frequent"]
    assert frequent.episode_ids == {"a", "b", "c"}
    assert "rare-causes" in frequent.raises_cards
    explainer = Explainer(data)
    # The first episode had no history yet; the pattern still raises the card for it.
    first = explainer.explain("a")
    assert "rare-causes" in first.card_ids
    match = next(m for m in first.cards if m.card.id == "rare-causes")
    assert any("3 or more times in 6 months" in reason for reason in match.reasons)
    assert frequent in first.patterns


def test_same_phase_in_three_cycles() -> None:
    periods = tuple(Period(D(2026, 1, 3) + timedelta(days=28 * i)) for i in range(5))
    # Day 22 of four cycles: luteal (ovulation is estimated on day 15).
    luteal = [episode(f"l{i}", periods[i].start + timedelta(days=21)) for i in range(4)]
    episodes = (*luteal, episode("f0", D(2026, 1, 9)))
    data = JournalData(periods=periods, episodes=episodes)
    (same,) = kinds(data)["same-phase"]
    assert same.id == "same-phase-luteal"
    assert same.episode_ids == {"l0", "l1", "l2", "l3"}
    assert "in 4 cycles" in same.summary
    assert len(same.evidence) == 4
    fewer = JournalData(periods=periods, episodes=episodes[2:])
    assert "same-phase" not in kinds(fewer)


def test_more_frequent_compares_named_windows() -> None:
    early = [episode(f"e{i}", D(2026, 2, 1) + timedelta(days=60 * i)) for i in range(3)]
    recent = [episode(f"r{i}", D(2026, 9, 1) + timedelta(days=14 * i)) for i in range(6)]
    data = JournalData(episodes=tuple(early + recent))
    (frequent,) = kinds(data)["more-frequent"]
    # As of the latest episode (2026-11-10): 2026-08-13..2026-11-10 against 2026-02-14..08-12.
    assert DATES.range(D(2026, 8, 13), D(2026, 11, 10)) in frequent.summary
    assert DATES.range(D(2026, 2, 14), D(2026, 8, 12)) in frequent.summary
    assert frequent.episode_ids == {f"r{i}" for i in range(6)}
    steady = JournalData(episodes=tuple(early + recent[:1]))
    assert "more-frequent" not in kinds(steady)


def test_heavier_compares_typical_amounts() -> None:
    early = [episode(f"e{i}", D(2026, 4, 1) + timedelta(days=30 * i)) for i in range(3)]
    recent = [
        episode(f"r{i}", D(2026, 10, 1) + timedelta(days=20 * i), "moderate") for i in range(2)
    ]
    data = JournalData(episodes=tuple(early + recent))
    (heavier,) = kinds(data)["heavier"]
    assert "typically moderate" in heavier.summary
    assert "typically spotting" in heavier.summary
    assert "see-a-provider" in heavier.raises_cards
    same = JournalData(episodes=tuple(early + [episode("r0", D(2026, 10, 1))] * 2))
    assert "heavier" not in kinds(same)


def test_share_after_sex_and_cycle_lengths() -> None:
    data = JournalData(
        periods=PERIODS,
        episodes=(
            episode("a", D(2026, 1, 20), trigger="intercourse"),
            episode("b", D(2026, 1, 22)),
            episode("c", D(2026, 2, 10)),
            episode("d", D(2026, 2, 12)),
        ),
    )
    found = kinds(data)
    assert found["after-sex-share"][0].summary.startswith("1 of 4 logged episodes (25%)")
    cycles = found["cycle-lengths"][0]
    assert cycles.summary == "2 complete cycles logged: median 28 days, shortest 28, longest 28."


def test_patterns_do_not_depend_on_episode_order() -> None:
    episodes = [
        episode(f"x{i}", D(2025, 1, 1) + timedelta(days=13 * i), trigger=t)
        for i, t in enumerate(["intercourse", "none", "intercourse", "none"] * 10)
    ]
    shuffled = episodes[:]
    random.Random(3).shuffle(shuffled)
    a = find_patterns(JournalData(periods=PERIODS, episodes=tuple(episodes)))
    b = find_patterns(JournalData(periods=PERIODS, episodes=tuple(shuffled)))
    assert [p.to_json() for p in a] == [p.to_json() for p in b]


def test_most_pressing_patterns_first() -> None:
    data = JournalData(
        periods=PERIODS,
        episodes=(
            episode("a", D(2026, 1, 20), trigger="intercourse"),
            episode("b", D(2026, 2, 10), trigger="intercourse"),
        ),
    )
    ranks = [p.severity.rank for p in find_patterns(data)]
    assert ranks == sorted(ranks, reverse=True)


def test_a_raised_card_still_respects_its_must_nots() -> None:
    from journal.domain.model import ContextEntry
    from journal.domain.vocabulary import LifeStage

    after = (
        episode("a", D(2026, 1, 1), trigger="intercourse"),
        episode("b", D(2026, 2, 1), trigger="intercourse"),
    )
    reproductive = JournalData(episodes=after)
    pregnant = JournalData(
        context=(ContextEntry(D(2025, 1, 1), LifeStage.PREGNANT),), episodes=after
    )
    # The recurring pattern raises uterine-causes; its rule excludes pregnancy.
    assert "uterine-causes" in Explainer(reproductive).explain("a").card_ids
    assert "uterine-causes" not in Explainer(pregnant).explain("a").card_ids


def test_a_recurring_run_inside_a_frequent_one_is_read_once() -> None:
    """Both patterns are found (each raises its own card); people read the stronger one."""
    after = [
        episode("a", D(2026, 6, 1), trigger="intercourse"),
        episode("b", D(2026, 7, 1), trigger="intercourse"),
        episode("c", D(2026, 7, 20), trigger="intercourse"),
    ]
    found = find_patterns(JournalData(episodes=tuple(after)))
    assert {"after-sex-frequent", "after-sex-recurring"} <= {p.kind for p in found}
    shown = [p.kind for p in for_reading(found)]
    assert "after-sex-frequent" in shown and "after-sex-recurring" not in shown
    # A recurring run with an episode the frequent one lacks stays.
    lone = [
        episode("x", D(2025, 1, 1), trigger="intercourse"),
        episode("y", D(2025, 2, 1), trigger="intercourse"),
    ]
    found = find_patterns(JournalData(episodes=tuple(lone + after)))
    assert "after-sex-recurring" in [p.kind for p in for_reading(found)]
