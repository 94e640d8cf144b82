"""The derived ``pregnancy`` and ``age`` of a date, worked out by hand from the spec.

Most cases share one cycle: a period starting 2026-01-01 and no complete cycle before it,
so the typical length is 28 days and the next period is due on 2026-01-29.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from journal.domain.cycle import CycleCalendar, cycle_context
from journal.domain.model import (
    ContextEntry,
    JournalData,
    Medication,
    Period,
    PregnancyTest,
    Profile,
    context_on,
)
from journal.domain.vocabulary import (
    Contraception,
    LifeStage,
    MedicationName,
    Pregnancy,
    PregnancyTestResult,
)

START = date(2026, 1, 1)
DUE = date(2026, 1, 29)  # START + 28 days
ONE_PERIOD = (Period(START, date(2026, 1, 5)),)
POSITIVE = PregnancyTestResult.POSITIVE


def pregnancy(data: JournalData, day: date) -> Pregnancy | None:
    return cycle_context(day, data.periods, data.ovulation_signs, context_on(data, day)).pregnancy


def with_context(**fields: object) -> tuple[ContextEntry, ...]:
    return (ContextEntry(since=date(2025, 1, 1), **fields),)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- a late period


@pytest.mark.parametrize(
    ("days_late", "expected"),
    [
        (6, Pregnancy.UNLIKELY),
        (7, Pregnancy.UNLIKELY),  # "more than 7 days": 7 is not late yet
        (8, Pregnancy.POSSIBLE),
    ],
)
def test_late_by_6_7_8_days_with_no_contraception_logged(
    days_late: int, expected: Pregnancy
) -> None:
    data = JournalData(periods=ONE_PERIOD)
    assert pregnancy(data, DUE + timedelta(days=days_late)) is expected


def test_late_counts_from_the_typical_length_not_28() -> None:
    # Starts 30 days apart: typical 30, so the fourth cycle is due 2026-04-01.
    periods = tuple(Period(s) for s in (date(2026, 1, 1), date(2026, 1, 31), date(2026, 3, 2)))
    data = JournalData(periods=periods)
    assert CycleCalendar(periods).days_late(date(2026, 4, 9)) == 8
    assert pregnancy(data, date(2026, 4, 8)) is Pregnancy.UNLIKELY  # 7 days late
    assert pregnancy(data, date(2026, 4, 9)) is Pregnancy.POSSIBLE  # 8 days late


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        (with_context(contraception=Contraception.NONE), Pregnancy.POSSIBLE),
        (with_context(contraception=Contraception.CONDOMS), Pregnancy.POSSIBLE),
        (
            with_context(contraception=Contraception.COPPER_IUD, trying_to_conceive=True),
            Pregnancy.POSSIBLE,
        ),
        (with_context(contraception=Contraception.COMBINED_PILL), Pregnancy.UNLIKELY),
        (with_context(contraception=Contraception.COPPER_IUD), Pregnancy.UNLIKELY),
        (with_context(contraception=Contraception.IMPLANT), Pregnancy.UNLIKELY),
        (with_context(life_stage=LifeStage.POSTMENOPAUSE), Pregnancy.UNLIKELY),
        (with_context(life_stage=LifeStage.PERIMENOPAUSE), Pregnancy.POSSIBLE),
    ],
)
def test_a_late_period_is_possible_pregnancy_only_when_pregnancy_is_possible(
    context: tuple[ContextEntry, ...], expected: Pregnancy
) -> None:
    data = JournalData(periods=ONE_PERIOD, context=context)
    assert pregnancy(data, DUE + timedelta(days=8)) is expected


def test_no_period_logged_means_no_late_period() -> None:
    assert pregnancy(JournalData(), date(2026, 6, 1)) is Pregnancy.UNLIKELY


def test_a_period_started_more_than_a_full_term_back_says_nothing_about_lateness() -> None:
    data = JournalData(periods=ONE_PERIOD)
    assert pregnancy(data, START + timedelta(days=294)) is Pregnancy.POSSIBLE
    assert pregnancy(data, START + timedelta(days=295)) is Pregnancy.UNLIKELY


# --------------------------------------------------------------------------- tests


def test_a_positive_test_after_the_period_start_means_pregnant() -> None:
    data = JournalData(
        periods=ONE_PERIOD, pregnancy_tests=(PregnancyTest(date(2026, 1, 25), POSITIVE),)
    )
    assert pregnancy(data, date(2026, 1, 24)) is Pregnancy.UNLIKELY  # before the test
    assert pregnancy(data, date(2026, 1, 25)) is Pregnancy.PREGNANT
    assert pregnancy(data, date(2026, 1, 27)) is Pregnancy.PREGNANT
    assert pregnancy(data, date(2026, 5, 27)) is Pregnancy.PREGNANT  # no period since


def test_a_period_after_a_positive_test_ends_it() -> None:
    data = JournalData(
        periods=(*ONE_PERIOD, Period(date(2026, 2, 10), date(2026, 2, 14))),
        pregnancy_tests=(PregnancyTest(date(2026, 1, 25), POSITIVE),),
    )
    assert pregnancy(data, date(2026, 2, 9)) is Pregnancy.PREGNANT
    assert pregnancy(data, date(2026, 2, 10)) is Pregnancy.UNLIKELY
    assert pregnancy(data, date(2026, 2, 20)) is Pregnancy.UNLIKELY


def test_a_new_life_stage_after_a_positive_test_ends_it() -> None:
    data = JournalData(
        periods=ONE_PERIOD,
        pregnancy_tests=(PregnancyTest(date(2026, 1, 25), POSITIVE),),
        context=(ContextEntry(date(2026, 2, 1), contraception=Contraception.COMBINED_PILL),),
    )
    assert pregnancy(data, date(2026, 1, 31)) is Pregnancy.PREGNANT
    assert pregnancy(data, date(2026, 2, 2)) is Pregnancy.UNLIKELY


def test_a_negative_test_is_not_pregnant_and_a_positive_one_before_the_period_is_old() -> None:
    data = JournalData(
        periods=ONE_PERIOD,
        pregnancy_tests=(
            PregnancyTest(date(2025, 12, 20), POSITIVE),
            PregnancyTest(date(2026, 1, 20), PregnancyTestResult.NEGATIVE),
        ),
    )
    assert pregnancy(data, date(2026, 1, 22)) is Pregnancy.UNLIKELY


def test_life_stage_pregnant_is_pregnant() -> None:
    data = JournalData(context=with_context(life_stage=LifeStage.PREGNANT))
    assert pregnancy(data, date(2026, 3, 1)) is Pregnancy.PREGNANT


# --------------------------------------------------------------------------- after a birth

BIRTH = date(2026, 1, 10)


@pytest.mark.parametrize(
    ("days_after", "expected"),
    [
        (0, Pregnancy.POSTPARTUM),
        (11 * 7, Pregnancy.POSTPARTUM),  # week 11
        (84, Pregnancy.POSTPARTUM),  # the last day of week 12
        (85, Pregnancy.UNLIKELY),
        (13 * 7, Pregnancy.UNLIKELY),  # week 13
    ],
)
def test_postpartum_within_12_weeks_of_the_birth(days_after: int, expected: Pregnancy) -> None:
    data = JournalData(context=(ContextEntry(BIRTH, LifeStage.POSTPARTUM),))
    assert pregnancy(data, BIRTH + timedelta(days=days_after)) is expected


def test_the_birth_is_the_first_day_of_the_postpartum_run() -> None:
    # Contraception started in week 4 and breastfeeding logged in week 6: still week 11.
    data = JournalData(
        context=(
            ContextEntry(date(2025, 3, 1), LifeStage.PREGNANT),
            ContextEntry(BIRTH, LifeStage.POSTPARTUM),
            ContextEntry(BIRTH + timedelta(days=28), LifeStage.POSTPARTUM, Contraception.CONDOMS),
            ContextEntry(BIRTH + timedelta(days=42), LifeStage.BREASTFEEDING),
        )
    )
    day = BIRTH + timedelta(days=77)
    assert context_on(data, day).last_birth == BIRTH
    assert pregnancy(data, day) is Pregnancy.POSTPARTUM
    assert pregnancy(data, BIRTH - timedelta(days=1)) is Pregnancy.PREGNANT


# --------------------------------------------------------------------------- after menopause


def test_never_pregnant_or_possible_after_menopause() -> None:
    data = JournalData(
        periods=ONE_PERIOD,
        context=with_context(life_stage=LifeStage.POSTMENOPAUSE),
        pregnancy_tests=(PregnancyTest(date(2026, 1, 25), POSITIVE),),
    )
    assert pregnancy(data, date(2026, 1, 26)) is Pregnancy.UNLIKELY
    assert pregnancy(data, DUE + timedelta(days=30)) is Pregnancy.UNLIKELY


def test_without_the_dated_context_pregnancy_is_not_derived() -> None:
    cycle = cycle_context(DUE + timedelta(days=8), ONE_PERIOD)
    assert cycle.pregnancy is None
    assert "pregnancy" not in cycle.to_json()


# --------------------------------------------------------------------------- age


@pytest.mark.parametrize(
    ("birth_year", "day", "age"),
    [
        (1990, date(2026, 3, 10), 36),
        (1990, date(2026, 12, 31), 36),
        (1990, date(2027, 1, 1), 37),
        (1981, date(2026, 1, 1), 45),
        (None, date(2026, 3, 10), None),
        (2027, date(2026, 3, 10), None),
    ],
)
def test_age_from_the_birth_year(birth_year: int | None, day: date, age: int | None) -> None:
    data = JournalData(profile=Profile(birth_year=birth_year))
    cycle = cycle_context(day, (), (), context_on(data, day))
    assert cycle.age == age
    assert context_on(data, day).age == age
    assert cycle.to_json().get("age") == age
    assert cycle.to_json()["pregnancy"] == "unlikely"


# --------------------------------------------------------------------------- medications


def test_medications_in_force_on_a_day() -> None:
    hrt = Medication(MedicationName.HRT_CONTINUOUS, date(2025, 6, 1))
    old = Medication(MedicationName.TAMOXIFEN, date(2020, 1, 1), date(2024, 12, 31))
    ec = Medication(MedicationName.EMERGENCY_CONTRACEPTION, date(2026, 2, 3))
    data = JournalData(medications=(ec, old, hrt))
    on = context_on(data, date(2026, 2, 3))
    assert on.medications == (hrt, ec)
    assert on.medication_since(MedicationName.HRT_CONTINUOUS) == date(2025, 6, 1)
    assert on.on_medication(MedicationName.HRT_CONTINUOUS)
    assert not on.on_medication(MedicationName.TAMOXIFEN)
    # A single dose is in force on its day only, but stays known as the latest dose.
    later = context_on(data, date(2026, 2, 8))
    assert later.medications == (hrt,)
    assert later.last_emergency_contraception == date(2026, 2, 3)
    assert context_on(data, date(2026, 2, 2)).last_emergency_contraception is None
    assert context_on(data, date(2024, 6, 1)).medications == (old,)
