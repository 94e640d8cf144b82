"""Derived cycle context for any date: pure functions of the logged periods and ovulation signs.

The rules are the spec's:

* ``cycle_day`` is 1 on the start of the latest period on or before the date; unknown when
  there is none or it began more than ``MAX_CYCLE_LOOKBACK`` days back.
* ``estimated_ovulation``: a logged ovulation sign in that cycle wins; else the next logged
  period's start minus 14 days (the luteal phase is the stable half of a cycle); else the
  cycle's start plus (typical length − 14), the typical length being the median of the last
  six complete cycles, or 28 with none.
* ``phase``: menstrual inside a period, ovulatory within 2 days of the estimate, follicular
  before it, luteal after it.
* ``pregnancy`` (``pregnancy_on``): ``pregnant`` with the life stage ``pregnant`` or a
  positive test on or after the latest period start (until a period or a new context entry
  is logged); else ``postpartum`` within 12 weeks of a birth; else ``possible`` when the
  period is late (more than 7 days past the typical cycle length since the latest period
  start) and pregnancy is possible (trying to conceive, no contraception, condoms only, or
  no contraception logged at all); else ``unlikely``. Never pregnant or possible after
  menopause.
* ``age``: whole years, when the profile's birth year is known.

``CycleCalendar.context(day)`` places a date from the periods and signs alone;
``CycleCalendar.context(day, dated)`` adds ``pregnancy`` and ``age`` from the dated context
in force on that day (``journal.domain.model.context_on``). The card engine always does.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import accumulate
from statistics import median

from journal.domain.model import ContextOnDate, OvulationSign, Period
from journal.domain.vocabulary import (
    Contraception,
    LifeStage,
    Phase,
    Pregnancy,
    PregnancyTestResult,
)

MAX_CYCLE_LOOKBACK = 90
LUTEAL_DAYS = 14
DEFAULT_CYCLE_LENGTH = 28
OVULATORY_WINDOW = 2
TYPICAL_FROM_LAST = 6
# A gap between period starts outside this range is a gap in logging, not a cycle.
PLAUSIBLE_CYCLE = range(15, MAX_CYCLE_LOOKBACK + 1)
# A period is late when more than this many days past the typical cycle length.
LATE_AFTER_DAYS = 7
# A late period counts from a period start at most a full term back (42 weeks): beyond it,
# the gap says more about logging than about a pregnancy.
LATE_LOOKBACK = 42 * 7
# "Postpartum" lasts this many days after a birth (12 weeks).
POSTPARTUM_DAYS = 12 * 7
# Contraception under which a late period raises the question of pregnancy.
NO_RELIABLE_CONTRACEPTION = frozenset({Contraception.NONE, Contraception.CONDOMS})


class OvulationSource:
    SIGN = "sign"
    NEXT_PERIOD = "next-period"
    TYPICAL_LENGTH = "typical-length"


@dataclass(frozen=True, slots=True)
class CycleContext:
    """Where a date sits in the menstrual cycle; ``None`` fields are unknown."""

    day: date
    in_period: bool
    phase: Phase
    typical_cycle_length: float
    # Known once a period start lies within the look-back.
    cycle_start: date | None = None
    cycle_day: int | None = None
    days_since_period_end: int | None = None
    estimated_ovulation: date | None = None
    ovulation_source: str | None = None
    dpo: int | None = None
    # Filled when the dated context was given (``CycleCalendar.context(day, dated)``, as the
    # card engine always does); None means "not derived", never "unlikely".
    pregnancy: Pregnancy | None = None
    age: int | None = None
    # Whole days the period is past the typical cycle length (negative before it is due);
    # None when no period start is known within ``LATE_LOOKBACK``.
    days_late: float | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "date": self.day.isoformat(),
            "in_period": self.in_period,
            "cycle_start": self.cycle_start.isoformat() if self.cycle_start else None,
            "cycle_day": self.cycle_day,
            "days_since_period_end": self.days_since_period_end,
            "estimated_ovulation": (
                self.estimated_ovulation.isoformat() if self.estimated_ovulation else None
            ),
            "ovulation_source": self.ovulation_source,
            "dpo": self.dpo,
            "phase": self.phase.value,
            "typical_cycle_length": self.typical_cycle_length,
        }
        if self.pregnancy is not None:
            out["pregnancy"] = self.pregnancy.value
        if self.age is not None:
            out["age"] = self.age
        return out


@dataclass(frozen=True, slots=True)
class CycleStats:
    """Lengths of the complete cycles in a history, for patterns and reports."""

    lengths: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.lengths)

    @property
    def median(self) -> float | None:
        return float(median(self.lengths)) if self.lengths else None

    @property
    def shortest(self) -> int | None:
        return min(self.lengths) if self.lengths else None

    @property
    def longest(self) -> int | None:
        return max(self.lengths) if self.lengths else None

    @property
    def spread(self) -> int | None:
        return (max(self.lengths) - min(self.lengths)) if self.lengths else None


class CycleCalendar:
    """Periods and ovulation signs indexed once, so many dates can be placed quickly."""

    def __init__(self, periods: Iterable[Period], signs: Iterable[OvulationSign] = ()) -> None:
        by_start: dict[date, Period] = {}
        for period in periods:
            # Two logged periods starting the same day: keep the longer record.
            kept = by_start.get(period.start)
            if kept is None or period.last_day > kept.last_day:
                by_start[period.start] = period
        self.periods: tuple[Period, ...] = tuple(sorted(by_start.values(), key=lambda p: p.start))
        self._starts: list[date] = [p.start for p in self.periods]
        # The latest last day among the periods up to each index: overlapping records
        # (one long period logged over a short one) still cover every day they claim.
        self._reach: list[date] = list(accumulate((p.last_day for p in self.periods), max))
        self._signs: list[date] = sorted({s.date for s in signs})
        self._typical: dict[date, float] = {}
        # Placed days, kept: the history index, the patterns and each explanation place
        # the same days (the calendar never changes once built).
        self._placed_days: dict[date, CycleContext] = {}

    # ------------------------------------------------------------------ cycles

    def cycle_lengths(self, before: date | None = None) -> list[int]:
        """Lengths of complete cycles (start to next start) that ended on or before ``before``."""
        lengths = []
        for first, second in zip(self._starts, self._starts[1:], strict=False):
            if before is not None and second > before:
                break
            gap = (second - first).days
            if gap in PLAUSIBLE_CYCLE:
                lengths.append(gap)
        return lengths

    def typical_length(self, cycle_start: date) -> float:
        # Memoised per cycle start: every date of a cycle asks the same question, and
        # windows showing thousands of episodes ask it thousands of times.
        cached = self._typical.get(cycle_start)
        if cached is None:
            lengths = self.cycle_lengths(before=cycle_start)[-TYPICAL_FROM_LAST:]
            cached = float(median(lengths)) if lengths else float(DEFAULT_CYCLE_LENGTH)
            self._typical[cycle_start] = cached
        return cached

    def stats(self) -> CycleStats:
        return CycleStats(tuple(self.cycle_lengths()))

    def period_on(self, day: date) -> Period | None:
        """The logged period covering ``day`` (the latest-starting one if several do)."""
        index = bisect.bisect_right(self._starts, day) - 1
        if index < 0 or self._reach[index] < day:
            return None
        for period in reversed(self.periods[: index + 1]):
            if period.contains(day):
                return period
        return None  # pragma: no cover - the reach says some period covers the day

    def cycle_start_of(self, day: date) -> date | None:
        """Start of the latest period on or before ``day``, within the look-back."""
        index = bisect.bisect_right(self._starts, day) - 1
        if index < 0:
            return None
        start = self._starts[index]
        if (day - start).days > MAX_CYCLE_LOOKBACK:
            return None
        return start

    def next_start_after(self, day: date) -> date | None:
        index = bisect.bisect_right(self._starts, day)
        return self._starts[index] if index < len(self._starts) else None

    def latest_start_on_or_before(self, day: date) -> date | None:
        """Start of the latest logged period on or before ``day``, however far back."""
        index = bisect.bisect_right(self._starts, day) - 1
        return self._starts[index] if index >= 0 else None

    def days_late(self, day: date) -> float | None:
        """Days past the expected start of the next period (start + typical length).

        None when no period started on or before ``day`` within ``LATE_LOOKBACK`` days.
        """
        start = self.latest_start_on_or_before(day)
        if start is None or (day - start).days > LATE_LOOKBACK:
            return None
        return (day - start).days - self.typical_length(start)

    # ------------------------------------------------------------------ context

    def context(self, day: date, dated: ContextOnDate | None = None) -> CycleContext:
        """Where ``day`` sits in the cycle; with ``dated`` (the context in force on that
        day) also its ``pregnancy`` and ``age``."""
        base = self._placed(day)
        if dated is None:
            return base
        late = self.days_late(day)
        return replace(
            base,
            pregnancy=pregnancy_on(day, dated, self.latest_start_on_or_before(day), late),
            age=dated.age,
            days_late=late,
        )

    def _placed(self, day: date) -> CycleContext:
        found = self._placed_days.get(day)
        if found is None:
            found = self._placed_days[day] = self._place(day)
        return found

    def _place(self, day: date) -> CycleContext:
        period = self.period_on(day)
        start = self.cycle_start_of(day)
        if start is None:
            return CycleContext(
                day=day,
                in_period=period is not None,
                phase=Phase.MENSTRUAL if period is not None else Phase.UNKNOWN,
                typical_cycle_length=float(DEFAULT_CYCLE_LENGTH),
            )
        index = bisect.bisect_right(self._starts, day) - 1
        next_start = self.next_start_after(day)
        typical = self.typical_length(start)
        ovulation, source = self._estimate_ovulation(start, next_start, typical)
        dpo = (day - ovulation).days
        if period is not None:
            phase = Phase.MENSTRUAL
        elif abs(dpo) <= OVULATORY_WINDOW:
            phase = Phase.OVULATORY
        elif dpo < 0:
            phase = Phase.FOLLICULAR
        else:
            phase = Phase.LUTEAL
        since_end = None if period is not None else (day - self._reach[index]).days
        return CycleContext(
            day=day,
            in_period=period is not None,
            cycle_start=start,
            cycle_day=(day - start).days + 1,
            days_since_period_end=since_end,
            estimated_ovulation=ovulation,
            ovulation_source=source,
            dpo=dpo,
            phase=phase,
            typical_cycle_length=typical,
        )

    def _estimate_ovulation(
        self, start: date, next_start: date | None, typical: float
    ) -> tuple[date, str]:
        end = next_start if next_start is not None else start + timedelta(days=MAX_CYCLE_LOOKBACK)
        first_sign = bisect.bisect_left(self._signs, start)
        if first_sign < len(self._signs) and self._signs[first_sign] < end:
            return self._signs[first_sign], OvulationSource.SIGN
        if next_start is not None and (next_start - start).days in PLAUSIBLE_CYCLE:
            return next_start - timedelta(days=LUTEAL_DAYS), OvulationSource.NEXT_PERIOD
        # Half a day rounds up (28.5 -> 29), not to even as round() would.
        offset = math.floor(typical + 0.5) - LUTEAL_DAYS
        return start + timedelta(days=offset), OvulationSource.TYPICAL_LENGTH


def cycle_context(
    day: date,
    periods: Sequence[Period],
    signs: Sequence[OvulationSign] = (),
    dated: ContextOnDate | None = None,
) -> CycleContext:
    """The cycle context of one date (builds a calendar; use ``CycleCalendar`` for many)."""
    return CycleCalendar(periods, signs).context(day, dated)


def pregnancy_possible(dated: ContextOnDate) -> bool:
    """Whether a pregnancy could have started: trying to conceive, no contraception,
    condoms only, or no contraception logged at all (never after menopause)."""
    if dated.life_stage is LifeStage.POSTMENOPAUSE:
        return False
    return (
        not dated.known
        or dated.trying_to_conceive
        or dated.contraception in NO_RELIABLE_CONTRACEPTION
    )


def positive_test_in_force(
    day: date, dated: ContextOnDate, latest_period_start: date | None
) -> date | None:
    """The date of a positive pregnancy test that still counts on ``day``, if any.

    It counts when taken on or after the latest period start, and no new context entry
    (a new life stage) was logged after it.
    """
    for test in reversed(dated.pregnancy_tests):
        if test.result is not PregnancyTestResult.POSITIVE or test.date > day:
            continue
        if latest_period_start is not None and test.date < latest_period_start:
            return None
        if dated.context_since is not None and dated.context_since > test.date:
            return None
        return test.date
    return None


def pregnancy_on(
    day: date,
    dated: ContextOnDate,
    latest_period_start: date | None,
    days_late: float | None,
) -> Pregnancy:
    """The spec's derived ``pregnancy`` for ``day`` (see the module docstring).

    ``latest_period_start`` is the start of the latest logged period on or before ``day``
    (however far back); ``days_late`` how many days past the typical cycle length since
    it (``CycleCalendar.days_late``).
    """
    if dated.life_stage is LifeStage.POSTMENOPAUSE:
        return Pregnancy.UNLIKELY
    if dated.life_stage is LifeStage.PREGNANT:
        return Pregnancy.PREGNANT
    if positive_test_in_force(day, dated, latest_period_start) is not None:
        return Pregnancy.PREGNANT
    if dated.last_birth is not None and 0 <= (day - dated.last_birth).days <= POSTPARTUM_DAYS:
        return Pregnancy.POSTPARTUM
    if days_late is not None and days_late > LATE_AFTER_DAYS and pregnancy_possible(dated):
        return Pregnancy.POSSIBLE
    return Pregnancy.UNLIKELY
