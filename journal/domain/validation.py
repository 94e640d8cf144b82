"""Parsing and validation: every rule a record must keep, with one clear message per bad field.

Pure (no I/O): the services call these before they write, for every caller alike (GUI,
CLI, imports), so a rule is said here once. Three layers of rules:

- ``parse_*``: one value typed or read from a file;
- ``validate_*`` / ``validate_record``: one record on its own (dates not ahead of today,
  an end not before its start, text lengths);
- ``check_fits`` / ``validate_journal`` / ``check_merge``: a record among the journal's
  other records of its kind (no duplicate, no overlapping periods, one context entry a
  day), and a whole imported journal against the one open.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from journal.domain import model
from journal.domain.dates import DATES
from journal.domain.errors import InvalidInput, quoted
from journal.domain.model import Moment, day_of, moment_sort_key
from journal.domain.vocabulary import Vocabulary

V = TypeVar("V", bound=Vocabulary)
R = TypeVar("R")

_MIN_YEAR = 1900
# Only the extended calendar form: fromisoformat alone would also take week dates
# ("2026-W03-1") and compact times ("T073000"), which no one means to type here.
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MOMENT_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?")


def parse_choice(kind: type[V], value: object, field: str) -> V:
    """``value`` as a member of ``kind``, or an error listing the allowed values."""
    if isinstance(value, str):
        try:
            return kind(value)
        except ValueError:
            pass
    allowed = ", ".join(kind.values())
    raise InvalidInput(field, f"{_show(value)} is not one of: {allowed}")


def parse_date(value: object, field: str) -> date:
    """An ISO calendar date (``2026-01-21``)."""
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            raise InvalidInput(field, f"{_show(value)} is not a real calendar date") from None
        return _check_year(parsed, field)
    raise InvalidInput(field, f"{_show(value)} is not a date like 2026-01-21")


def parse_moment(value: object, field: str) -> Moment:
    """An ISO date or a date with time (``2026-01-21`` or ``2026-01-21T07:30``), no time zone."""
    if isinstance(value, str):
        text = value.strip()
        if _DATE_RE.fullmatch(text):
            return parse_date(text, field)
        if _MOMENT_RE.fullmatch(text):
            try:
                parsed = datetime.fromisoformat(text)
            except ValueError:
                raise InvalidInput(
                    field, f"{_show(value)} is not a real calendar date and time"
                ) from None
            _check_year(parsed, field)
            return parsed
    raise InvalidInput(
        field,
        f"{_show(value)} is not a date like 2026-01-21 or a date and time like 2026-01-21T07:30",
    )


def parse_bool(value: object, field: str) -> bool:
    if isinstance(value, bool):
        return value
    raise InvalidInput(field, f"{_show(value)} is not true or false")


def parse_text(value: object, field: str, limit: int) -> str:
    if not isinstance(value, str):
        raise InvalidInput(field, f"{_show(value)} is not text")
    if len(value) > limit:
        raise InvalidInput(
            field, f"is {len(value):,} characters long; at most {limit:,} are allowed"
        )
    if "\x00" in value:
        raise InvalidInput(field, "contains a NUL character")
    return value


def ends_before_start(started_at: Moment, ended_at: Moment | None) -> bool:
    """Whether an episode's end comes before its start.

    An end given as a bare date on the start's own day is fine, even when the start has a
    time: only the day was known. An end date-time earlier than the start is not.
    """
    if ended_at is None:
        return False
    if day_of(ended_at) != day_of(started_at):
        return day_of(ended_at) < day_of(started_at)
    return isinstance(ended_at, datetime) and moment_sort_key(ended_at) < moment_sort_key(
        started_at
    )


def validate_episode(
    draft: model.EpisodeDraft | model.Episode, now: datetime, episode_id: str | None = None
) -> model.Episode:
    """Check a draft against the spec's rules and give it an id (a new UUID4 unless given)."""
    if moment_sort_key(draft.started_at) > now or day_of(draft.started_at) > now.date():
        raise InvalidInput("started_at", "is in the future")
    if draft.ongoing and draft.ended_at is not None:
        raise InvalidInput("ended_at", ONGOING_HAS_NO_END)
    if ends_before_start(draft.started_at, draft.ended_at):
        raise InvalidInput("ended_at", "is before the start")
    if draft.ended_at is not None and (
        moment_sort_key(draft.ended_at) > now or day_of(draft.ended_at) > now.date()
    ):
        raise InvalidInput("ended_at", "is in the future")
    parse_text(draft.notes, "notes", model.NOTES_MAX)
    if isinstance(draft, model.Episode):
        new_id = episode_id or draft.id
    else:
        new_id = episode_id or str(uuid.uuid4())
    if not new_id.strip():
        raise InvalidInput("id", "is empty")
    return model.Episode(
        id=new_id,
        started_at=draft.started_at,
        ended_at=draft.ended_at,
        amount=draft.amount,
        colour=draft.colour,
        in_mucus=draft.in_mucus,
        mucus=draft.mucus,
        trigger=draft.trigger,
        pain=draft.pain,
        symptoms=frozenset(draft.symptoms),
        notes=draft.notes,
        ongoing=draft.ongoing,
    )


ONGOING_HAS_NO_END = "is given, but the episode is marked as still ongoing (an end date ends it)"


def parse_birth_year(value: object, field: str) -> int:
    """A year of birth: a whole number from 1900 on (the service checks it is not ahead)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(field, f"{_show(value)} is not a year like 1990")
    if value < model.BIRTH_YEAR_MIN or value > 9999:
        raise InvalidInput(field, f"{value} is not a plausible year of birth")
    return value


def not_future(day: date, field: str, today: date) -> None:
    if day > today:
        raise InvalidInput(field, "is in the future")


def check_period_days(start: date, end: date | None) -> None:
    """A period's last day is not before its first, and it lasts at most 31 days."""
    if end is not None and end < start:
        raise InvalidInput("end", "is before the start")
    if end is not None and (end - start).days >= model.PERIOD_DAYS_MAX:
        raise InvalidInput("end", f"makes the period longer than {model.PERIOD_DAYS_MAX} days")


def check_medication_days(since: date, until: date | None) -> None:
    if until is not None and until < since:
        raise InvalidInput("until", "is before the start (since)")


def validate_period(period: model.Period, today: date) -> model.Period:
    check_period_days(period.start, period.end)
    not_future(period.start, "start", today)
    return period


def validate_appointment(appointment: model.Appointment, today: date) -> model.Appointment:
    """Appointments may lie ahead (a visit planned); only their texts are bounded."""
    parse_text(appointment.with_, "with", model.SHORT_TEXT_MAX)
    parse_text(appointment.notes, "notes", model.NOTES_MAX)
    return appointment


#: Records of one day that must not lie ahead, by the name of that day's field.
_DAY_FIELD = {
    model.ContextEntry: "since",
    model.Condition: "since",
    model.Screening: "date",
    model.OvulationSign: "date",
    model.PregnancyTest: "date",
}


#: A record of one day (see ``_DAY_FIELD``).
Dated = (
    model.ContextEntry
    | model.Condition
    | model.Screening
    | model.OvulationSign
    | model.PregnancyTest
)


def validate_dated(record: Dated, today: date) -> None:
    """Context, conditions, screenings, ovulation signs and pregnancy tests: not ahead."""
    field = _DAY_FIELD[type(record)]
    not_future(getattr(record, field), field, today)


def validate_medication(medication: model.Medication, today: date) -> model.Medication:
    """``until`` not before ``since``, neither in the future."""
    not_future(medication.since, "since", today)
    check_medication_days(medication.since, medication.until)
    if medication.until is not None:
        not_future(medication.until, "until", today)
    return medication


def validate_profile(profile: model.Profile, today: date) -> model.Profile:
    """A birth year from 1900 up to this year; a name of at most 200 characters."""
    if profile.birth_year is not None:
        parse_birth_year(profile.birth_year, "birth_year")
        if profile.birth_year > today.year:
            raise InvalidInput("birth_year", f"{profile.birth_year} is in the future")
    parse_text(profile.name, "name", model.PROFILE_NAME_MAX)
    return profile


def validate_profile_to_save(profile: model.Profile, today: date) -> model.Profile:
    """A profile saved by hand says something (deleting it is how it is cleared)."""
    if profile.is_empty:
        raise InvalidInput(
            "birth_year", "is missing: give a year of birth or a name, or delete the profile"
        )
    return validate_profile(profile, today)


#: The rule for each kind of record a person saves one at a time (episodes have their own).
_RECORD_RULES: dict[type, Callable[[Any, date], object]] = {
    model.Period: validate_period,
    model.Appointment: validate_appointment,
    model.Medication: validate_medication,
    **dict.fromkeys(_DAY_FIELD, validate_dated),
    model.Profile: validate_profile_to_save,
}


def validate_record(record: object, today: date) -> None:
    """Check one record of any kind but an episode on its own; refuse with one sentence."""
    _RECORD_RULES[type(record)](record, today)


def check_fits(record: R, others: Sequence[R]) -> None:
    """Check ``record`` among the journal's ``others`` of its kind (without the one replaced).

    No record twice; periods do not overlap; one context entry a day: a second one on a
    taken day is refused (the caller edits that entry instead), never silently merged.
    """
    if record in others:
        raise InvalidInput("record", "is already in the journal")
    if isinstance(record, model.Period):
        clash = overlapping_period(record, [o for o in others if isinstance(o, model.Period)])
        if clash is not None:
            raise InvalidInput("start", f"overlaps the period logged from {clash.start}")
    if isinstance(record, model.ContextEntry) and any(
        isinstance(o, model.ContextEntry) and o.since == record.since for o in others
    ):
        raise InvalidInput(
            "since",
            f"is taken: there is already context from {DATES.short(record.since)}; "
            "select that entry to change it",
        )


def overlapping_period(period: model.Period, others: Sequence[model.Period]) -> model.Period | None:
    """The first of ``others`` sharing a day with ``period`` (other than itself), if any."""
    return next(
        (
            other
            for other in others
            if other != period and other.start <= period.last_day and period.start <= other.last_day
        ),
        None,
    )


#: The sections of an import checked record by record, in the order errors are reported.
_SECTIONS: tuple[tuple[str, Callable[[model.JournalData], Sequence[object]]], ...] = (
    ("context", lambda data: data.context),
    ("conditions", lambda data: data.conditions),
    ("screenings", lambda data: data.screenings),
    ("ovulation_signs", lambda data: data.ovulation_signs),
    ("periods", lambda data: data.periods),
    ("appointments", lambda data: data.appointments),
    ("pregnancy_tests", lambda data: data.pregnancy_tests),
    ("medications", lambda data: data.medications),
)


def validate_journal(incoming: model.JournalData, now: datetime) -> None:
    """The rules of the save methods over a whole journal read in (an import), located."""
    for index, episode in enumerate(incoming.episodes):
        where = f"episodes[{index}]"
        if not episode.id.isprintable():
            raise InvalidInput(
                "id", "holds control characters (terminal escape codes or line breaks)", where
            )
        _within(where, validate_episode, episode, now)
    for section, records in _SECTIONS:
        for index, record in enumerate(records(incoming)):
            _within(f"{section}[{index}]", validate_record, record, now.date())
    _within("profile", validate_profile, incoming.profile, now.date())


def check_merge(existing: model.JournalData, incoming: model.JournalData) -> None:
    """Imported periods may not overlap logged ones; a context date may not be redefined.

    An identical record is the same fact and is skipped; a different context entry on a
    day the journal has one is refused (the import never overwrites the person's entry).
    """
    for index, period in enumerate(incoming.periods):
        clash = overlapping_period(period, existing.periods)
        if clash is not None:
            raise InvalidInput(
                "start",
                f"overlaps the period logged from {clash.start.isoformat()}",
                f"periods[{index}]",
            )
    logged = {entry.since: entry for entry in existing.context}
    for index, entry in enumerate(incoming.context):
        known = logged.get(entry.since)
        if known is not None and known != entry:
            raise InvalidInput(
                "since",
                f"the journal already has different context from {entry.since.isoformat()}",
                f"context[{index}]",
            )


def merge_profile(existing: model.Profile, incoming: model.Profile) -> model.Profile:
    """The journal's profile completed by the imported one; a different value is refused."""
    if existing.birth_year is not None and incoming.birth_year not in (None, existing.birth_year):
        raise InvalidInput(
            "birth_year", "the journal already has a different year of birth", "profile"
        )
    if existing.name and incoming.name and incoming.name != existing.name:
        raise InvalidInput("name", "the journal already has a different name", "profile")
    return model.Profile(
        birth_year=existing.birth_year if existing.birth_year is not None else incoming.birth_year,
        name=existing.name or incoming.name,
    )


def _within(where: str, rule: Callable[[Any, Any], object], record: object, when: object) -> None:
    try:
        rule(record, when)
    except InvalidInput as error:
        raise error.within(where) from None


def _check_year(value: date, field: str) -> date:
    if value.year < _MIN_YEAR:
        raise InvalidInput(field, f"{value.isoformat()} is before {_MIN_YEAR}")
    return value


def _show(value: object) -> str:
    if isinstance(value, str):
        return quoted(value)
    if value is None:
        return "an empty value"
    return f"{type(value).__name__} {str(value)[:40]!r}"
