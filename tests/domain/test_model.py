"""The domain records: the dated context in force on a day, moments, episodes and periods."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.domain.model import (
    Condition,
    ContextEntry,
    Episode,
    JournalData,
    Period,
    Screening,
    context_on,
    day_of,
    moment_sort_key,
    moment_to_iso,
)
from journal.domain.vocabulary import (
    Amount,
    ConditionName,
    Contraception,
    LifeStage,
    ScreeningKind,
    ScreeningResult,
    Trigger,
)

# A life over three years: trying, pregnant, postpartum, breastfeeding on the progestin pill,
# back to reproductive on the same pill, then a hormonal IUD.
HISTORY = (
    ContextEntry(date(2023, 1, 1), LifeStage.REPRODUCTIVE, Contraception.NONE, True),
    ContextEntry(date(2023, 10, 1), LifeStage.PREGNANT, Contraception.NONE, False),
    ContextEntry(date(2024, 7, 1), LifeStage.POSTPARTUM, Contraception.NONE, False),
    ContextEntry(date(2024, 9, 1), LifeStage.BREASTFEEDING, Contraception.PROGESTIN_PILL),
    ContextEntry(date(2025, 6, 1), LifeStage.REPRODUCTIVE, Contraception.PROGESTIN_PILL),
    ContextEntry(date(2026, 1, 15), LifeStage.REPRODUCTIVE, Contraception.HORMONAL_IUD),
)
CONDITIONS = (
    Condition(ConditionName.PCOS, date(2020, 3, 1)),
    Condition(ConditionName.HPV, date(2025, 6, 10)),
)
SCREENINGS = (
    Screening(ScreeningKind.CERVICAL_SCREENING, date(2021, 5, 1), ScreeningResult.NORMAL),
    Screening(ScreeningKind.STI_TEST, date(2024, 2, 1), ScreeningResult.NORMAL),
    Screening(ScreeningKind.CERVICAL_SCREENING, date(2024, 5, 1), ScreeningResult.ABNORMAL),
    Screening(ScreeningKind.STI_TEST, date(2025, 2, 1), ScreeningResult.UNKNOWN),
    Screening(ScreeningKind.CERVICAL_SCREENING, date(2026, 3, 1), ScreeningResult.NORMAL),
)
DATA = JournalData(context=HISTORY, conditions=CONDITIONS, screenings=SCREENINGS)


# --------------------------------------------------------------------------- context_on


@pytest.mark.parametrize(
    ("day", "life_stage", "contraception", "trying"),
    [
        (date(2023, 1, 1), LifeStage.REPRODUCTIVE, Contraception.NONE, True),
        (date(2023, 9, 30), LifeStage.REPRODUCTIVE, Contraception.NONE, True),
        (date(2023, 10, 1), LifeStage.PREGNANT, Contraception.NONE, False),
        (date(2024, 8, 15), LifeStage.POSTPARTUM, Contraception.NONE, False),
        (date(2025, 1, 1), LifeStage.BREASTFEEDING, Contraception.PROGESTIN_PILL, False),
        (date(2026, 1, 14), LifeStage.REPRODUCTIVE, Contraception.PROGESTIN_PILL, False),
        (date(2026, 1, 15), LifeStage.REPRODUCTIVE, Contraception.HORMONAL_IUD, False),
        (date(2030, 1, 1), LifeStage.REPRODUCTIVE, Contraception.HORMONAL_IUD, False),
    ],
)
def test_the_entry_in_force_on_the_day_is_used(
    day: date, life_stage: LifeStage, contraception: Contraception, trying: bool
) -> None:
    ctx = context_on(DATA, day)
    assert ctx.day == day
    assert (ctx.life_stage, ctx.contraception, ctx.trying_to_conceive) == (
        life_stage,
        contraception,
        trying,
    )
    assert ctx.known


def test_before_any_entry_defaults_are_assumed_and_marked_unknown() -> None:
    ctx = context_on(DATA, date(2022, 12, 31))
    assert not ctx.known
    assert ctx.life_stage is LifeStage.REPRODUCTIVE
    assert ctx.contraception is Contraception.NONE
    assert ctx.trying_to_conceive is False
    assert ctx.contraception_since is None
    assert not context_on(JournalData(), date(2026, 1, 1)).known


@pytest.mark.parametrize(
    ("day", "since"),
    [
        # No method since the first entry, through pregnancy and postpartum.
        (date(2023, 5, 5), date(2023, 1, 1)),
        (date(2024, 8, 1), date(2023, 1, 1)),
        # The progestin pill from Sep 2024, unbroken by the life-stage change in Jun 2025.
        (date(2024, 9, 1), date(2024, 9, 1)),
        (date(2025, 12, 31), date(2024, 9, 1)),
        # The IUD from the day it was fitted.
        (date(2026, 1, 15), date(2026, 1, 15)),
        (date(2026, 11, 22), date(2026, 1, 15)),
    ],
)
def test_contraception_since_is_the_start_of_the_unbroken_run(day: date, since: date) -> None:
    assert context_on(DATA, day).contraception_since == since


def test_returning_to_a_method_starts_a_new_run() -> None:
    data = JournalData(
        context=(
            ContextEntry(date(2024, 1, 1), contraception=Contraception.COMBINED_PILL),
            ContextEntry(date(2025, 1, 1), contraception=Contraception.NONE),
            ContextEntry(date(2026, 2, 1), contraception=Contraception.COMBINED_PILL),
        )
    )
    assert context_on(data, date(2026, 3, 1)).contraception_since == date(2026, 2, 1)


def test_context_does_not_depend_on_entry_order() -> None:
    shuffled = list(HISTORY)
    random.Random(4).shuffle(shuffled)
    reordered = JournalData(
        context=tuple(shuffled), conditions=CONDITIONS[::-1], screenings=SCREENINGS[::-1]
    )
    for day in (date(2023, 5, 5), date(2025, 1, 1), date(2025, 12, 31), date(2026, 6, 1)):
        assert context_on(reordered, day) == context_on(DATA, day)


def test_conditions_count_from_their_since_date() -> None:
    assert context_on(DATA, date(2020, 2, 29)).conditions == frozenset()
    assert context_on(DATA, date(2020, 3, 1)).conditions == {ConditionName.PCOS}
    assert context_on(DATA, date(2025, 6, 9)).conditions == {ConditionName.PCOS}
    assert context_on(DATA, date(2025, 6, 10)).conditions == {
        ConditionName.PCOS,
        ConditionName.HPV,
    }


def test_last_cervical_screening_on_the_day() -> None:
    # Before the first one: none. STI tests never count.
    assert context_on(DATA, date(2021, 4, 30)).last_cervical_screening is None
    assert context_on(DATA, date(2021, 5, 1)).last_cervical_screening == SCREENINGS[0]
    assert context_on(DATA, date(2024, 4, 30)).last_cervical_screening == SCREENINGS[0]
    assert context_on(DATA, date(2025, 12, 1)).last_cervical_screening == SCREENINGS[2]
    assert context_on(DATA, date(2026, 3, 1)).last_cervical_screening == SCREENINGS[4]


def test_screenings_known_on_the_day_in_date_order() -> None:
    ctx = context_on(DATA, date(2025, 3, 1))
    assert ctx.screenings == SCREENINGS[:4]


@pytest.mark.parametrize("order", [1, -1])
def test_an_abnormal_result_on_the_same_day_counts_whatever_the_order(order: int) -> None:
    same_day = (
        Screening(ScreeningKind.CERVICAL_SCREENING, date(2025, 4, 1), ScreeningResult.ABNORMAL),
        Screening(ScreeningKind.CERVICAL_SCREENING, date(2025, 4, 1), ScreeningResult.NORMAL),
    )[::order]
    ctx = context_on(JournalData(screenings=same_day), date(2025, 5, 1))
    assert ctx.last_cervical_screening is not None
    assert ctx.last_cervical_screening.result is ScreeningResult.ABNORMAL


entries = st.lists(
    st.builds(
        ContextEntry,
        since=st.dates(date(2020, 1, 1), date(2027, 12, 31)),
        life_stage=st.sampled_from(LifeStage),
        contraception=st.sampled_from(Contraception),
        trying_to_conceive=st.booleans(),
    ),
    unique_by=lambda c: c.since,
    max_size=8,
)


@given(entries, st.dates(date(2019, 1, 1), date(2028, 12, 31)))
def test_the_latest_entry_on_or_before_the_day_is_in_force(
    history: list[ContextEntry], day: date
) -> None:
    ctx = context_on(JournalData(context=tuple(history)), day)
    in_force = [c for c in history if c.since <= day]
    assert ctx.known == bool(in_force)
    if in_force:
        latest = max(in_force, key=lambda c: c.since)
        assert ctx.life_stage is latest.life_stage
        assert ctx.contraception is latest.contraception
        assert ctx.trying_to_conceive is latest.trying_to_conceive
        assert ctx.contraception_since is not None
        # Every entry from the run's start to the day has the same method.
        run = [c for c in in_force if c.since >= ctx.contraception_since]
        assert {c.contraception for c in run} == {latest.contraception}
        before_run = [c for c in in_force if c.since < ctx.contraception_since]
        if before_run:
            assert max(before_run, key=lambda c: c.since).contraception is not latest.contraception


# --------------------------------------------------------------------------- moments and records


def test_moments() -> None:
    assert day_of(datetime(2026, 1, 21, 7, 30)) == date(2026, 1, 21)
    assert day_of(date(2026, 1, 21)) == date(2026, 1, 21)
    assert moment_to_iso(date(2026, 1, 21)) == "2026-01-21"
    assert moment_to_iso(datetime(2026, 1, 21, 7, 30)) == "2026-01-21T07:30"
    assert moment_to_iso(datetime(2026, 1, 21, 7, 30, 5)) == "2026-01-21T07:30:05"
    assert moment_sort_key(date(2026, 1, 21)) == datetime(2026, 1, 21, 0, 0)
    assert moment_sort_key(date(2026, 1, 21)) < moment_sort_key(datetime(2026, 1, 21, 0, 1))


def test_episode_days_and_duration() -> None:
    one_day = Episode(id="a", started_at=datetime(2026, 1, 21, 22, 0), amount=Amount.SPOTTING)
    assert (one_day.day, one_day.end_day, one_day.duration_days) == (
        date(2026, 1, 21),
        date(2026, 1, 21),
        1,
    )
    # Jan 21 to Jan 29, both ends counted: 9 days.
    long = Episode(
        id="b",
        started_at=date(2026, 1, 21),
        ended_at=datetime(2026, 1, 29, 6, 0),
        amount=Amount.LIGHT,
        trigger=Trigger.INTERCOURSE,
    )
    assert long.duration_days == 9
    assert long.after_sex and not one_day.after_sex
    assert long.sort_key < one_day.sort_key


def test_periods() -> None:
    period = Period(date(2026, 1, 3), date(2026, 1, 7))
    assert period.contains(date(2026, 1, 3)) and period.contains(date(2026, 1, 7))
    assert not period.contains(date(2026, 1, 2)) and not period.contains(date(2026, 1, 8))
    assert period.last_day == date(2026, 1, 7)
    assert Period(date(2026, 1, 3)).last_day == date(2026, 1, 3)


def test_normalised_ignores_insertion_order() -> None:
    e1 = Episode(id="e1", started_at=date(2026, 1, 2), amount=Amount.LIGHT)
    e2 = Episode(id="e2", started_at=datetime(2026, 1, 1, 23, 0), amount=Amount.LIGHT)
    e3 = Episode(id="e0", started_at=date(2026, 1, 2), amount=Amount.HEAVY)
    a = JournalData(context=HISTORY, episodes=(e1, e2, e3))
    b = JournalData(context=HISTORY[::-1], episodes=(e3, e1, e2))
    assert a != b
    assert a.normalised() == b.normalised()
    assert [e.id for e in a.normalised().episodes] == ["e2", "e0", "e1"]
