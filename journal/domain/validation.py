"""Parsing and validation of single values and episodes, with one clear message per bad field."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from typing import TypeVar

from journal.domain.errors import InvalidInput, quoted
from journal.domain.model import (
    BIRTH_YEAR_MIN,
    NOTES_MAX,
    PROFILE_NAME_MAX,
    Episode,
    EpisodeDraft,
    Medication,
    Moment,
    Profile,
    day_of,
    moment_sort_key,
)
from journal.domain.vocabulary import Vocabulary

V = TypeVar("V", bound=Vocabulary)

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
    draft: EpisodeDraft | Episode, now: datetime, episode_id: str | None = None
) -> Episode:
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
    parse_text(draft.notes, "notes", NOTES_MAX)
    if isinstance(draft, Episode):
        new_id = episode_id or draft.id
    else:
        new_id = episode_id or str(uuid.uuid4())
    if not new_id.strip():
        raise InvalidInput("id", "is empty")
    return Episode(
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
    if value < BIRTH_YEAR_MIN or value > 9999:
        raise InvalidInput(field, f"{value} is not a plausible year of birth")
    return value


def validate_medication(medication: Medication, today: date) -> Medication:
    """``until`` not before ``since``, neither in the future."""
    if medication.since > today:
        raise InvalidInput("since", "is in the future")
    if medication.until is not None and medication.until < medication.since:
        raise InvalidInput("until", "is before the start (since)")
    if medication.until is not None and medication.until > today:
        raise InvalidInput("until", "is in the future")
    return medication


def validate_profile(profile: Profile, today: date) -> Profile:
    """A birth year from 1900 up to this year; a name of at most 200 characters."""
    if profile.birth_year is not None:
        parse_birth_year(profile.birth_year, "birth_year")
        if profile.birth_year > today.year:
            raise InvalidInput("birth_year", f"{profile.birth_year} is in the future")
    parse_text(profile.name, "name", PROFILE_NAME_MAX)
    return profile


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
