"""The journal's records as frozen dataclasses.

Every layer above passes these around; storage maps them to rows and back, so no ORM
object ever leaves ``journal.storage``.

An episode's time is a ``Moment``: a ``date`` when only the day is known, a ``datetime``
(naive, local) when the time was logged too. Keeping the difference means an export
gives back exactly what was entered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from journal.domain.vocabulary import (
    Amount,
    Colour,
    ConditionName,
    Contraception,
    LifeStage,
    MedicationName,
    Mucus,
    OvulationSignKind,
    Pain,
    PregnancyTestResult,
    ScreeningKind,
    ScreeningResult,
    Symptom,
    Trigger,
)

Moment = date | datetime

NOTES_MAX = 10_000
#: The longest short text field (an appointment's "with whom").
SHORT_TEXT_MAX = 200


def day_of(moment: Moment) -> date:
    """The calendar day of a moment (``datetime`` is a subclass of ``date``)."""
    return moment.date() if isinstance(moment, datetime) else moment


def moment_to_iso(moment: Moment) -> str:
    """``2026-01-21`` or ``2026-01-21T07:30`` (seconds only when they were given)."""
    if isinstance(moment, datetime):
        spec = "seconds" if moment.second or moment.microsecond else "minutes"
        return moment.isoformat(timespec=spec)
    return moment.isoformat()


def moment_sort_key(moment: Moment) -> datetime:
    """A datetime to order moments; a bare date sorts at the start of its day."""
    if isinstance(moment, datetime):
        return moment
    return datetime(moment.year, moment.month, moment.day)


@dataclass(frozen=True, slots=True)
class Episode:
    """One bleeding event with its context.

    ``ongoing`` means still bleeding: the episode has not ended yet, so it has no
    ``ended_at`` and its length counts up to today (``lasting_days``).
    """

    id: str
    started_at: Moment
    amount: Amount
    ended_at: Moment | None = None
    colour: Colour | None = None
    in_mucus: bool = False
    mucus: Mucus = Mucus.NONE
    trigger: Trigger = Trigger.NONE
    pain: Pain = Pain.NONE
    symptoms: frozenset[Symptom] = field(default_factory=frozenset)
    notes: str = ""
    ongoing: bool = False
    # The calendar day of ``started_at``, kept beside it: sorting and placing thousands of
    # episodes asks for it many times each. Derived, so not compared or shown.
    day: date = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "day", day_of(self.started_at))

    @property
    def end_day(self) -> date:
        """The logged end day (the start day when no end is logged, even while ongoing)."""
        return day_of(self.ended_at) if self.ended_at is not None else self.day

    @property
    def duration_days(self) -> int:
        """Calendar days the episode covers, counting both ends (1 when no end is logged).

        Ignores ``ongoing``; use ``lasting_days(today)`` where an ongoing episode must
        count up to now.
        """
        return (self.end_day - self.day).days + 1

    def lasting_days(self, today: date) -> int:
        """Calendar days covered, counting both ends; an ongoing episode counts up to ``today``."""
        if self.ongoing:
            return max(1, (today - self.day).days + 1)
        return self.duration_days

    @property
    def after_sex(self) -> bool:
        return self.trigger is Trigger.INTERCOURSE

    @property
    def sort_key(self) -> tuple[datetime, str]:
        return (moment_sort_key(self.started_at), self.id)


@dataclass(frozen=True, slots=True)
class EpisodeDraft:
    """What a form or the CLI collected, before validation gives it an id and checks it."""

    started_at: Moment
    amount: Amount
    ended_at: Moment | None = None
    colour: Colour | None = None
    in_mucus: bool = False
    mucus: Mucus = Mucus.NONE
    trigger: Trigger = Trigger.NONE
    pain: Pain = Pain.NONE
    symptoms: frozenset[Symptom] = field(default_factory=frozenset)
    notes: str = ""
    ongoing: bool = False


#: The longest a period may last, in days.
PERIOD_DAYS_MAX = 31


@dataclass(frozen=True, slots=True)
class Period:
    """Days of menstruation; ``end`` is None while a period is ongoing or not yet logged."""

    start: date
    end: date | None = None

    def contains(self, day: date) -> bool:
        last = self.end if self.end is not None else self.start
        return self.start <= day <= last

    @property
    def last_day(self) -> date:
        return self.end if self.end is not None else self.start


@dataclass(frozen=True, slots=True)
class ContextEntry:
    """Life stage, contraception and wish to conceive, in force from ``since`` on."""

    since: date
    life_stage: LifeStage = LifeStage.REPRODUCTIVE
    contraception: Contraception = Contraception.NONE
    trying_to_conceive: bool = False


@dataclass(frozen=True, slots=True)
class Condition:
    name: ConditionName
    since: date


@dataclass(frozen=True, slots=True)
class Screening:
    kind: ScreeningKind
    date: date
    result: ScreeningResult = ScreeningResult.UNKNOWN


@dataclass(frozen=True, slots=True)
class OvulationSign:
    date: date
    sign: OvulationSignKind


@dataclass(frozen=True, slots=True)
class Appointment:
    date: date
    with_: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class PregnancyTest:
    """A home or clinic pregnancy test. A positive one after the latest period start means
    pregnant from its date, until a period or a new context entry (life stage) is logged."""

    date: date
    result: PregnancyTestResult


@dataclass(frozen=True, slots=True)
class Medication:
    """A medicine that changes what bleeding means, taken from ``since`` (to ``until``).

    ``until`` None means still taken, except for a single dose (emergency contraception),
    which is in force on the day taken only.
    """

    name: MedicationName
    since: date
    until: date | None = None

    def in_force(self, day: date) -> bool:
        if day < self.since:
            return False
        if self.until is not None:
            return day <= self.until
        return not self.name.is_single_dose or day == self.since


BIRTH_YEAR_MIN = 1900
PROFILE_NAME_MAX = 200


@dataclass(frozen=True, slots=True)
class Profile:
    """The one optional profile: birth year (gives the age on any date) and the name printed
    on reports only when asked. ``Profile()`` (both empty) means no profile."""

    birth_year: int | None = None
    name: str = ""

    @property
    def is_empty(self) -> bool:
        return self.birth_year is None and not self.name

    def age_on(self, day: date) -> int | None:
        """Whole years on ``day``: the age reached in that calendar year.

        Only the year of birth is known, so this can be one more than the exact age for
        part of the year; age thresholds then apply a little early, never late.
        """
        if self.birth_year is None or day.year < self.birth_year:
            return None
        return day.year - self.birth_year


@dataclass(frozen=True, slots=True)
class JournalData:
    """Everything a journal holds: the unit of export, import and history analysis."""

    context: tuple[ContextEntry, ...] = ()
    conditions: tuple[Condition, ...] = ()
    screenings: tuple[Screening, ...] = ()
    ovulation_signs: tuple[OvulationSign, ...] = ()
    periods: tuple[Period, ...] = ()
    appointments: tuple[Appointment, ...] = ()
    episodes: tuple[Episode, ...] = ()
    pregnancy_tests: tuple[PregnancyTest, ...] = ()
    medications: tuple[Medication, ...] = ()
    profile: Profile = field(default_factory=Profile)

    def normalised(self) -> JournalData:
        """The same data in a canonical order, so comparisons ignore insertion order."""
        return JournalData(
            context=tuple(sorted(self.context, key=lambda c: c.since)),
            conditions=tuple(sorted(self.conditions, key=lambda c: (c.since, c.name.value))),
            screenings=tuple(
                sorted(self.screenings, key=lambda s: (s.date, s.kind.value, s.result.value))
            ),
            ovulation_signs=tuple(
                sorted(self.ovulation_signs, key=lambda o: (o.date, o.sign.value))
            ),
            periods=tuple(sorted(self.periods, key=lambda p: p.start)),
            appointments=tuple(sorted(self.appointments, key=lambda a: (a.date, a.with_, a.notes))),
            episodes=tuple(sorted(self.episodes, key=lambda e: e.sort_key)),
            pregnancy_tests=tuple(
                sorted(self.pregnancy_tests, key=lambda t: (t.date, t.result.value))
            ),
            medications=tuple(sorted(self.medications, key=_medication_key)),
            profile=self.profile,
        )


def _medication_key(medication: Medication) -> tuple[date, str, date]:
    return (medication.since, medication.name.value, medication.until or date.max)


_RESULT_CAUTION = {
    ScreeningResult.NORMAL: 0,
    ScreeningResult.UNKNOWN: 1,
    ScreeningResult.ABNORMAL: 2,
}


@dataclass(frozen=True, slots=True)
class ContextOnDate:
    """The dated context in force on one day: what the card rules read."""

    day: date
    life_stage: LifeStage
    contraception: Contraception
    trying_to_conceive: bool
    contraception_since: date | None
    conditions: frozenset[ConditionName]
    last_cervical_screening: Screening | None
    screenings: tuple[Screening, ...]
    known: bool  # False when no context entry was in force: defaults were assumed
    # When the context entry in force was logged (None when none was).
    context_since: date | None = None
    # Medications in force on the day (each with its ``since``), in start order.
    medications: tuple[Medication, ...] = ()
    # The latest emergency contraception dose on or before the day (a single dose).
    last_emergency_contraception: date | None = None
    # Day of the latest birth on or before the day: the ``since`` of the first entry of the
    # latest run of ``postpartum`` context entries (a postpartum stage starts at the birth).
    last_birth: date | None = None
    # Pregnancy tests on or before the day, oldest first.
    pregnancy_tests: tuple[PregnancyTest, ...] = ()
    # Whole years on the day, when the profile's birth year is known.
    age: int | None = None

    def medication_since(self, name: MedicationName) -> date | None:
        """When the run of ``name`` in force on the day started (None when not in force)."""
        days = [m.since for m in self.medications if m.name is name]
        return min(days) if days else None

    def on_medication(self, name: MedicationName) -> bool:
        return any(m.name is name for m in self.medications)


def context_on(data: JournalData, day: date) -> ContextOnDate:
    """The context in force on ``day``: the latest entry on or before it, conditions known then."""
    entries = sorted((c for c in data.context if c.since <= day), key=lambda c: c.since)
    current = entries[-1] if entries else ContextEntry(since=day)
    screenings = _screenings_by(data, day)
    cervical = [s for s in screenings if s.kind is ScreeningKind.CERVICAL_SCREENING]
    return ContextOnDate(
        day=day,
        life_stage=current.life_stage,
        contraception=current.contraception,
        trying_to_conceive=current.trying_to_conceive,
        contraception_since=_method_since(entries, current.contraception),
        conditions=frozenset(c.name for c in data.conditions if c.since <= day),
        last_cervical_screening=cervical[-1] if cervical else None,
        screenings=screenings,
        known=bool(entries),
        context_since=current.since if entries else None,
        medications=tuple(
            sorted((m for m in data.medications if m.in_force(day)), key=_medication_key)
        ),
        last_emergency_contraception=_last_emergency_contraception(data.medications, day),
        last_birth=_last_birth(entries),
        pregnancy_tests=tuple(
            sorted(
                (t for t in data.pregnancy_tests if t.date <= day),
                key=lambda t: (t.date, t.result.value),
            )
        ),
        age=data.profile.age_on(day),
    )


def _method_since(entries: list[ContextEntry], method: Contraception) -> date | None:
    """When contraception started: the first entry of the unbroken run with this method."""
    since: date | None = None
    for entry in reversed(entries):
        if entry.contraception is not method:
            break
        since = entry.since
    return since


def _screenings_by(data: JournalData, day: date) -> tuple[Screening, ...]:
    """Screenings on or before ``day``, oldest first.

    Same-day results order normal < unknown < abnormal, so the more cautious one counts
    as the latest whatever order the records came in.
    """
    return tuple(
        sorted(
            (s for s in data.screenings if s.date <= day),
            key=lambda s: (s.date, s.kind.value, _RESULT_CAUTION[s.result]),
        )
    )


def _last_emergency_contraception(medications: Iterable[Medication], day: date) -> date | None:
    doses = [
        m.since
        for m in medications
        if m.name is MedicationName.EMERGENCY_CONTRACEPTION and m.since <= day
    ]
    return max(doses) if doses else None


def _last_birth(entries: list[ContextEntry]) -> date | None:
    """The ``since`` of the first entry in the latest run of postpartum entries."""
    birth: date | None = None
    for entry in reversed(entries):
        if entry.life_stage is LifeStage.POSTPARTUM:
            birth = entry.since
        elif birth is not None:
            break
    return birth
