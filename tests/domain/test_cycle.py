"""The derived cycle context: hand-worked examples of the spec's rules, then properties.

Dates in the examples are worked out by hand in the comments, so a reader can check the
expected values without running anything.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import example, given
from hypothesis import strategies as st

from journal.domain.cycle import CycleCalendar, CycleContext, OvulationSource, cycle_context
from journal.domain.model import OvulationSign, Period
from journal.domain.vocabulary import OvulationSignKind, Phase

# Four logged periods in 2026 (not a leap year: February has 28 days).
# Cycle lengths: Jan 3 -> Jan 31 is 28 days, Jan 31 -> Mar 1 is 29, Mar 1 -> Mar 31 is 30.
P1 = Period(date(2026, 1, 3), date(2026, 1, 7))
P2 = Period(date(2026, 1, 31), date(2026, 2, 4))
P3 = Period(date(2026, 3, 1), date(2026, 3, 5))
P4 = Period(date(2026, 3, 31), date(2026, 4, 3))
YEAR = [P1, P2, P3, P4]


def sign(day: date) -> OvulationSign:
    return OvulationSign(day, OvulationSignKind.POSITIVE_OPK)


# --------------------------------------------------------------------------- in_period, cycle_day


def test_no_periods_leaves_everything_unknown() -> None:
    ctx = cycle_context(date(2026, 1, 10), [])
    assert ctx.in_period is False
    assert ctx.cycle_day is None
    assert ctx.cycle_start is None
    assert ctx.days_since_period_end is None
    assert ctx.estimated_ovulation is None
    assert ctx.dpo is None
    assert ctx.phase is Phase.UNKNOWN


def test_a_day_inside_a_period() -> None:
    # Jan 5 is the 3rd day of the Jan 3-7 period.
    ctx = cycle_context(date(2026, 1, 5), YEAR)
    assert ctx.in_period is True
    assert ctx.cycle_start == date(2026, 1, 3)
    assert ctx.cycle_day == 3
    assert ctx.days_since_period_end is None
    assert ctx.phase is Phase.MENSTRUAL


def test_first_and_last_day_of_a_period_are_in_it() -> None:
    assert cycle_context(date(2026, 1, 3), YEAR).in_period
    assert cycle_context(date(2026, 1, 7), YEAR).in_period
    assert not cycle_context(date(2026, 1, 8), YEAR).in_period


def test_day_before_any_period_is_unknown() -> None:
    ctx = cycle_context(date(2026, 1, 2), YEAR)
    assert ctx.cycle_day is None
    assert ctx.phase is Phase.UNKNOWN


def test_cycle_day_counts_from_the_latest_start() -> None:
    # Feb 20: the latest start on or before it is Jan 31. Jan 31 -> Feb 20 is 20 days: day 21.
    ctx = cycle_context(date(2026, 2, 20), YEAR)
    assert ctx.cycle_start == date(2026, 1, 31)
    assert ctx.cycle_day == 21


def test_cycle_day_known_exactly_90_days_back_unknown_after() -> None:
    # Jan 1 -> Feb 1 is 31 days, -> Mar 1 is 59, -> Apr 1 is 90: "more than 90 days back"
    # starts on Apr 2.
    periods = [Period(date(2026, 1, 1), date(2026, 1, 4))]
    on_90 = cycle_context(date(2026, 4, 1), periods)
    assert on_90.cycle_day == 91
    after = cycle_context(date(2026, 4, 2), periods)
    assert after.cycle_day is None
    assert after.phase is Phase.UNKNOWN
    assert after.dpo is None


# --------------------------------------------------------------------------- days_since_period_end


def test_days_since_period_end() -> None:
    # The Jan 3-7 period ended on Jan 7: Jan 8 is 1 day after, Jan 10 is 3.
    assert cycle_context(date(2026, 1, 8), YEAR).days_since_period_end == 1
    assert cycle_context(date(2026, 1, 10), YEAR).days_since_period_end == 3


def test_a_period_without_end_covers_its_start_day_only() -> None:
    periods = [Period(date(2026, 1, 3))]
    assert cycle_context(date(2026, 1, 3), periods).in_period
    ctx = cycle_context(date(2026, 1, 4), periods)
    assert not ctx.in_period
    assert ctx.days_since_period_end == 1


def test_overlapping_period_records_cover_every_day_they_claim() -> None:
    # A Jan 1-10 period and a Jan 5-7 record logged over it: Jan 8 is still inside the long
    # one, and the bleeding ended on Jan 10, so Jan 12 is 2 days after the end.
    periods = [
        Period(date(2026, 1, 1), date(2026, 1, 10)),
        Period(date(2026, 1, 5), date(2026, 1, 7)),
    ]
    inside = cycle_context(date(2026, 1, 8), periods)
    assert inside.in_period
    assert inside.phase is Phase.MENSTRUAL
    assert cycle_context(date(2026, 1, 12), periods).days_since_period_end == 2


# --------------------------------------------------------------------------- estimated_ovulation


def test_ovulation_from_the_next_period_minus_14() -> None:
    # Cycle Jan 3 -> next start Jan 31; Jan 31 - 14 days = Jan 17.
    # Jan 10: Jan 10 - Jan 17 = -7 days past ovulation.
    ctx = cycle_context(date(2026, 1, 10), YEAR)
    assert ctx.estimated_ovulation == date(2026, 1, 17)
    assert ctx.ovulation_source == OvulationSource.NEXT_PERIOD
    assert ctx.dpo == -7
    assert ctx.phase is Phase.FOLLICULAR


def test_a_logged_sign_in_the_cycle_wins_over_the_next_period() -> None:
    # The next-period rule would say Jan 17; the positive test on Jan 20 wins.
    # Jan 26 - Jan 20 = 6 days past ovulation.
    ctx = cycle_context(date(2026, 1, 26), YEAR, [sign(date(2026, 1, 20))])
    assert ctx.estimated_ovulation == date(2026, 1, 20)
    assert ctx.ovulation_source == OvulationSource.SIGN
    assert ctx.dpo == 6
    assert ctx.phase is Phase.LUTEAL


def test_a_sign_before_the_day_still_counts_for_days_before_it() -> None:
    # Sign on Jan 20, day Jan 12: 12 - 20 = -8.
    ctx = cycle_context(date(2026, 1, 12), YEAR, [sign(date(2026, 1, 20))])
    assert ctx.dpo == -8
    assert ctx.phase is Phase.FOLLICULAR


def test_a_sign_in_another_cycle_is_ignored() -> None:
    # Feb 14 belongs to the Jan 31 cycle, so the Jan 3 cycle keeps the Jan 17 estimate;
    # a sign on Dec 20, before the cycle, is ignored too.
    signs = [sign(date(2026, 2, 14)), sign(date(2025, 12, 20))]
    ctx = cycle_context(date(2026, 1, 10), YEAR, signs)
    assert ctx.estimated_ovulation == date(2026, 1, 17)
    assert ctx.ovulation_source == OvulationSource.NEXT_PERIOD
    # And in the Jan 31 cycle the Feb 14 sign wins over Mar 1 - 14 = Feb 15.
    feb = cycle_context(date(2026, 2, 20), YEAR, signs)
    assert feb.estimated_ovulation == date(2026, 2, 14)
    assert feb.dpo == 6


def test_first_sign_of_a_cycle_is_the_estimate() -> None:
    # Peak mucus on Jan 16, then a temperature shift on Jan 18: the first sign counts.
    signs = [
        OvulationSign(date(2026, 1, 18), OvulationSignKind.TEMPERATURE_SHIFT),
        OvulationSign(date(2026, 1, 16), OvulationSignKind.PEAK_MUCUS),
    ]
    assert cycle_context(date(2026, 1, 20), YEAR, signs).estimated_ovulation == date(2026, 1, 16)


def test_ovulation_from_typical_length_of_complete_cycles() -> None:
    # The Mar 31 cycle has no next period. Complete cycles before it: 28, 29, 30; median 29.
    # Mar 31 + (29 - 14) = Mar 31 + 15 = Apr 15. Apr 20: cycle day 21 (Mar 31 -> Apr 20 is
    # 20 days), dpo 20 - 15 = 5.
    ctx = cycle_context(date(2026, 4, 20), YEAR)
    assert ctx.typical_cycle_length == 29.0
    assert ctx.estimated_ovulation == date(2026, 4, 15)
    assert ctx.ovulation_source == OvulationSource.TYPICAL_LENGTH
    assert ctx.cycle_day == 21
    assert ctx.dpo == 5
    assert ctx.phase is Phase.LUTEAL


def test_typical_length_defaults_to_28_without_complete_cycles() -> None:
    # One period, Jan 3: Jan 3 + (28 - 14) = Jan 17; Jan 10 is 7 days before it.
    ctx = cycle_context(date(2026, 1, 10), [P1])
    assert ctx.typical_cycle_length == 28.0
    assert ctx.estimated_ovulation == date(2026, 1, 17)
    assert ctx.dpo == -7


def test_typical_length_is_the_median_of_the_last_six_cycles_only() -> None:
    # Starts 2025: Jan 1, Feb 10 (+40), Mar 8 (+26), Apr 3 (+26), Apr 30 (+27), May 30 (+30),
    # Jun 30 (+31), Aug 1 (+32). The last six lengths 26 26 27 30 31 32 have median
    # (27 + 30) / 2 = 28.5 (all seven would give 30). Half a day rounds up: 29 - 14 = 15,
    # so ovulation is Aug 1 + 15 = Aug 16; Aug 10 is 6 days before it.
    starts = [
        date(2025, 1, 1),
        date(2025, 2, 10),
        date(2025, 3, 8),
        date(2025, 4, 3),
        date(2025, 4, 30),
        date(2025, 5, 30),
        date(2025, 6, 30),
        date(2025, 8, 1),
    ]
    periods = [Period(s, s + timedelta(days=4)) for s in starts]
    ctx = cycle_context(date(2025, 8, 10), periods)
    assert ctx.typical_cycle_length == 28.5
    assert ctx.estimated_ovulation == date(2025, 8, 16)
    assert ctx.dpo == -6
    assert CycleCalendar(periods).stats().lengths == (40, 26, 26, 27, 30, 31, 32)


def test_typical_length_only_counts_cycles_complete_before_this_one() -> None:
    # The Jan 31 cycle has one complete cycle before it (Jan 3 -> Jan 31, 28 days); the Mar 1
    # cycle has two (28 and 29: median 28.5). Later cycles do not count.
    assert cycle_context(date(2026, 2, 10), YEAR).typical_cycle_length == 28.0
    assert cycle_context(date(2026, 3, 10), YEAR).typical_cycle_length == 28.5


def test_a_gap_too_short_or_long_to_be_a_cycle_is_not_used_as_next_period() -> None:
    # Jan 3 and Jan 13 are 10 days apart: bleeding logged as a period, not a cycle. The Jan 3
    # cycle falls back to the typical length: Jan 3 + 14 = Jan 17 (seen from Jan 8).
    periods = [Period(date(2026, 1, 3), date(2026, 1, 6)), Period(date(2026, 1, 13))]
    ctx = cycle_context(date(2026, 1, 8), periods)
    assert ctx.estimated_ovulation == date(2026, 1, 17)
    assert ctx.ovulation_source == OvulationSource.TYPICAL_LENGTH
    # Jan 3 and Jun 1 are months apart: a gap in logging. Jan 3 + 14 again, not Jun 1 - 14.
    far = [Period(date(2026, 1, 3)), Period(date(2026, 6, 1))]
    assert cycle_context(date(2026, 1, 8), far).estimated_ovulation == date(2026, 1, 17)


# --------------------------------------------------------------------------- phase boundaries


def test_phase_boundaries_around_the_estimate() -> None:
    # Ovulation estimated Jan 17 (Jan 31 - 14). Within 2 days either side is ovulatory.
    expected = {
        date(2026, 1, 8): (-9, Phase.FOLLICULAR),  # day after the period
        date(2026, 1, 14): (-3, Phase.FOLLICULAR),
        date(2026, 1, 15): (-2, Phase.OVULATORY),
        date(2026, 1, 17): (0, Phase.OVULATORY),
        date(2026, 1, 19): (2, Phase.OVULATORY),
        date(2026, 1, 20): (3, Phase.LUTEAL),
        date(2026, 1, 30): (13, Phase.LUTEAL),  # the day before the next period
        # Jan 31 starts the next cycle: Mar 1 - 14 = Feb 15, 15 days ahead.
        date(2026, 1, 31): (-15, Phase.MENSTRUAL),
    }
    for day, (dpo, phase) in expected.items():
        ctx = cycle_context(day, YEAR)
        assert (ctx.dpo, ctx.phase) == (dpo, phase), day


def test_menstrual_wins_over_ovulatory() -> None:
    # A long period (Jan 3-18) overlapping the Jan 17 estimate is still menstrual.
    periods = [Period(date(2026, 1, 3), date(2026, 1, 18)), P2]
    ctx = cycle_context(date(2026, 1, 17), periods)
    assert ctx.dpo == 0
    assert ctx.phase is Phase.MENSTRUAL


def test_calendar_and_function_agree_and_json_is_plain() -> None:
    calendar = CycleCalendar(YEAR, [sign(date(2026, 1, 20))])
    ctx = calendar.context(date(2026, 1, 26))
    assert ctx == cycle_context(date(2026, 1, 26), YEAR, [sign(date(2026, 1, 20))])
    assert ctx.to_json() == {
        "date": "2026-01-26",
        "in_period": False,
        "cycle_start": "2026-01-03",
        "cycle_day": 24,
        "days_since_period_end": 19,
        "estimated_ovulation": "2026-01-20",
        "ovulation_source": "sign",
        "dpo": 6,
        "phase": "luteal",
        "typical_cycle_length": 28.0,
    }


def test_stats_skip_gaps_that_are_not_cycles() -> None:
    # 28 and 29 are cycles; Mar 1 -> Aug 1 (153 days) is a gap in logging.
    stats = CycleCalendar([P1, P2, P3, Period(date(2026, 8, 1))]).stats()
    assert stats.lengths == (28, 29)
    assert stats.median == 28.5
    assert (stats.shortest, stats.longest, stats.spread) == (28, 29, 1)
    empty = CycleCalendar([]).stats()
    assert (empty.count, empty.median, empty.spread) == (0, None, None)


# --------------------------------------------------------------------------- properties

BASE = date(2025, 1, 1)
SPAN = 500

days = st.integers(0, SPAN).map(lambda n: BASE + timedelta(days=n))


@st.composite
def periods_strategy(draw: st.DrawFn) -> list[Period]:
    """Any periods, overlapping and repeated starts included: the rules must hold anyway."""
    out = []
    for start in draw(st.lists(days, max_size=12)):
        length = draw(st.one_of(st.none(), st.integers(0, 9)))
        out.append(Period(start, None if length is None else start + timedelta(days=length)))
    return out


signs_strategy = st.lists(days.map(sign), max_size=6)


def context(day: date, periods: list[Period], signs: list[OvulationSign]) -> CycleContext:
    return cycle_context(day, periods, signs)


@given(periods_strategy(), signs_strategy)
def test_cycle_day_is_1_on_every_period_start(
    periods: list[Period], signs: list[OvulationSign]
) -> None:
    for period in periods:
        ctx = context(period.start, periods, signs)
        assert ctx.cycle_day == 1
        assert ctx.cycle_start == period.start
        assert ctx.in_period


OVERLAPPING = [
    Period(date(2026, 1, 1), date(2026, 1, 10)),
    Period(date(2026, 1, 5), date(2026, 1, 7)),
]


@given(days, periods_strategy(), signs_strategy)
@example(date(2026, 1, 8), OVERLAPPING, [])
def test_in_period_means_inside_a_logged_period_and_menstrual(
    day: date, periods: list[Period], signs: list[OvulationSign]
) -> None:
    ctx = context(day, periods, signs)
    assert ctx.in_period == any(p.contains(day) for p in periods)
    if ctx.in_period:
        assert ctx.phase is Phase.MENSTRUAL
        assert ctx.days_since_period_end is None


@given(days, periods_strategy(), signs_strategy)
def test_dpo_is_days_from_the_estimate(
    day: date, periods: list[Period], signs: list[OvulationSign]
) -> None:
    ctx = context(day, periods, signs)
    if ctx.estimated_ovulation is None:
        assert ctx.dpo is None
    else:
        assert ctx.dpo == (day - ctx.estimated_ovulation).days


@given(days, periods_strategy(), signs_strategy, st.randoms(use_true_random=False))
def test_result_does_not_depend_on_order(
    day: date, periods: list[Period], signs: list[OvulationSign], rnd: random.Random
) -> None:
    shuffled_periods = periods[:]
    shuffled_signs = signs[:]
    rnd.shuffle(shuffled_periods)
    rnd.shuffle(shuffled_signs)
    assert context(day, periods, signs) == context(day, shuffled_periods, shuffled_signs)
    assert context(day, periods, signs) == context(day, periods[::-1], signs[::-1])


@given(days, periods_strategy(), signs_strategy)
def test_ovulatory_exactly_within_2_days_outside_periods(
    day: date, periods: list[Period], signs: list[OvulationSign]
) -> None:
    ctx = context(day, periods, signs)
    if ctx.in_period or ctx.dpo is None:
        assert ctx.phase in (Phase.MENSTRUAL, Phase.UNKNOWN)
        return
    assert (ctx.phase is Phase.OVULATORY) == (abs(ctx.dpo) <= 2)
    assert (ctx.phase is Phase.FOLLICULAR) == (ctx.dpo < -2)
    assert (ctx.phase is Phase.LUTEAL) == (ctx.dpo > 2)


@given(days, periods_strategy(), signs_strategy)
@example(date(2026, 4, 1), [Period(date(2026, 1, 1))], [])
@example(date(2026, 4, 2), [Period(date(2026, 1, 1))], [])
def test_cycle_day_unknown_exactly_when_no_start_within_90_days(
    day: date, periods: list[Period], signs: list[OvulationSign]
) -> None:
    ctx = context(day, periods, signs)
    recent = [p.start for p in periods if 0 <= (day - p.start).days <= 90]
    if not recent:
        assert ctx.cycle_day is None
        assert ctx.estimated_ovulation is None
    else:
        assert ctx.cycle_day == (day - max(recent)).days + 1


@given(days, periods_strategy(), signs_strategy)
@example(date(2026, 1, 12), OVERLAPPING, [])
def test_days_since_end_counts_from_the_latest_end_before_the_day(
    day: date, periods: list[Period], signs: list[OvulationSign]
) -> None:
    ctx = context(day, periods, signs)
    if ctx.cycle_day is None or ctx.in_period:
        assert ctx.days_since_period_end is None
        return
    ended = [p.last_day for p in periods if p.start <= day]
    assert ctx.days_since_period_end == (day - max(ended)).days
    assert ctx.days_since_period_end >= 1


@given(periods_strategy(), signs_strategy)
def test_a_sign_inside_the_cycle_is_the_estimate(
    periods: list[Period], signs: list[OvulationSign]
) -> None:
    # Place a sign 10 days into a fresh cycle that starts after everything else.
    start = BASE + timedelta(days=SPAN + 100)
    with_cycle = [*periods, Period(start, start + timedelta(days=4))]
    all_signs = [*signs, sign(start + timedelta(days=10))]
    ctx = context(start + timedelta(days=20), with_cycle, all_signs)
    assert ctx.estimated_ovulation == start + timedelta(days=10)
    assert ctx.dpo == 10
