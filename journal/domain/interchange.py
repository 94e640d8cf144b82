"""The JSON interchange format (export, import, readable backups): dicts in, dicts out.

Parsing is strict and all-or-nothing: the first bad record raises ``InvalidInput`` naming
the record (``episodes[3]``) and the field. No I/O here; the service reads and writes files.

Export writes version 2. Import reads versions 1 and 2; version 1 had no ``profile``,
``pregnancy_tests``, ``medications``, episode ``ongoing`` nor the amount ``very-heavy``,
so a version 1 file holding any of them is refused, naming the record and field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from itertools import pairwise
from typing import Any, TypeVar

from journal.domain import model
from journal.domain import vocabulary as vocab
from journal.domain.errors import InvalidInput, quoted
from journal.domain.validation import (
    ONGOING_HAS_NO_END,
    check_medication_days,
    check_period_days,
    ends_before_start,
    parse_birth_year,
    parse_bool,
    parse_choice,
    parse_date,
    parse_moment,
    parse_text,
)

FORMAT = "health-journal"
VERSION = 2
OLDEST_VERSION = 1
ID_MAX = 200

T = TypeVar("T")
V = TypeVar("V", bound=vocab.Vocabulary)

_SECTIONS = (
    "context",
    "conditions",
    "screenings",
    "ovulation_signs",
    "periods",
    "appointments",
    "episodes",
    "pregnancy_tests",
    "medications",
)
# What each newer version added, so an older file holding it is refused by name.
_ADDED_IN_2 = frozenset({"profile", "pregnancy_tests", "medications"})


# --------------------------------------------------------------------------- export


def episode_to_json(episode: model.Episode) -> dict[str, Any]:
    out: dict[str, Any] = {"id": episode.id, "started_at": model.moment_to_iso(episode.started_at)}
    if episode.ended_at is not None:
        out["ended_at"] = model.moment_to_iso(episode.ended_at)
    if episode.ongoing:  # written only when true, like the spec's example
        out["ongoing"] = True
    out["amount"] = episode.amount.value
    if episode.colour is not None:
        out["colour"] = episode.colour.value
    out["in_mucus"] = episode.in_mucus
    out["mucus"] = episode.mucus.value
    out["trigger"] = episode.trigger.value
    out["pain"] = episode.pain.value
    out["symptoms"] = sorted(s.value for s in episode.symptoms)
    out["notes"] = episode.notes
    return out


def to_json(data: model.JournalData) -> dict[str, Any]:
    """The whole journal as the spec's JSON object, in a stable order."""
    data = data.normalised()
    return {
        "format": FORMAT,
        "version": VERSION,
        "profile": profile_to_json(data.profile),
        "context": [
            {
                "since": c.since.isoformat(),
                "life_stage": c.life_stage.value,
                "contraception": c.contraception.value,
                "trying_to_conceive": c.trying_to_conceive,
            }
            for c in data.context
        ],
        "conditions": [
            {"name": c.name.value, "since": c.since.isoformat()} for c in data.conditions
        ],
        "screenings": [
            {"kind": s.kind.value, "date": s.date.isoformat(), "result": s.result.value}
            for s in data.screenings
        ],
        "ovulation_signs": [
            {"date": o.date.isoformat(), "sign": o.sign.value} for o in data.ovulation_signs
        ],
        "pregnancy_tests": [
            {"date": t.date.isoformat(), "result": t.result.value} for t in data.pregnancy_tests
        ],
        "medications": [
            {
                "name": m.name.value,
                "since": m.since.isoformat(),
                "until": m.until.isoformat() if m.until is not None else None,
            }
            for m in data.medications
        ],
        "periods": [
            {"start": p.start.isoformat(), **({"end": p.end.isoformat()} if p.end else {})}
            for p in data.periods
        ],
        "appointments": [
            {"date": a.date.isoformat(), "with": a.with_, "notes": a.notes}
            for a in data.appointments
        ],
        "episodes": [episode_to_json(e) for e in data.episodes],
    }


def profile_to_json(profile: model.Profile) -> dict[str, Any]:
    """Only what is known: ``{}`` for no profile."""
    out: dict[str, Any] = {}
    if profile.birth_year is not None:
        out["birth_year"] = profile.birth_year
    if profile.name:
        out["name"] = profile.name
    return out


# --------------------------------------------------------------------------- import


def from_json(document: object) -> model.JournalData:
    """Parse a decoded JSON document; raise ``InvalidInput`` naming the first bad record."""
    if not isinstance(document, Mapping):
        raise InvalidInput("format", "the file is not a Health Journal export (not a JSON object)")
    if document.get("format") != FORMAT:
        raise InvalidInput("format", "the file is not a Health Journal export")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise InvalidInput("version", "is missing or not a whole number")
    if version > VERSION:
        raise InvalidInput(
            "version", f"the file is format version {version}; this app reads up to {VERSION}"
        )
    if version < OLDEST_VERSION:
        raise InvalidInput("version", f"{version} is not a valid format version")
    unknown = sorted(
        str(key) for key in set(document) - {"format", "version", "profile", *_SECTIONS}
    )
    if unknown:
        raise InvalidInput(unknown[0][:40], "is not a field of the format")
    if version < 2:
        newer = sorted(str(key) for key in set(document) & _ADDED_IN_2)
        if newer:
            raise InvalidInput(newer[0], _not_in_version(version))

    episode = _episode if version >= 2 else _episode_v1
    data = model.JournalData(
        context=_records(document, "context", _context),
        conditions=_records(document, "conditions", _condition),
        screenings=_records(document, "screenings", _screening),
        ovulation_signs=_records(document, "ovulation_signs", _ovulation_sign),
        periods=_records(document, "periods", _period),
        appointments=_records(document, "appointments", _appointment),
        episodes=_records(document, "episodes", episode),
        pregnancy_tests=_records(document, "pregnancy_tests", _pregnancy_test),
        medications=_records(document, "medications", _medication),
        profile=_profile(document.get("profile", {})),
    )
    _check_duplicates(data)
    return data


def _not_in_version(version: int) -> str:
    return f"is not part of format version {version} (it came with version 2)"


def _records(
    document: Mapping[str, Any], section: str, parse: Callable[[Mapping[str, Any]], T]
) -> tuple[T, ...]:
    items = document.get(section, [])
    if not isinstance(items, list):
        raise InvalidInput(section, "is not a list")
    out: list[T] = []
    for index, item in enumerate(items):
        where = f"{section}[{index}]"
        if not isinstance(item, Mapping):
            raise InvalidInput(section, f"item {index} is not an object", where)
        try:
            out.append(parse(item))
        except InvalidInput as error:
            raise error.within(where) from None
    return tuple(out)


def _only(item: Mapping[str, Any], allowed: set[str], required: tuple[str, ...]) -> None:
    for key in item:
        if key not in allowed:
            raise InvalidInput(str(key)[:40], "is not a field of this record")
    for key in required:
        if key not in item or item[key] is None:
            raise InvalidInput(key, "is required")


def _context(item: Mapping[str, Any]) -> model.ContextEntry:
    _only(item, {"since", "life_stage", "contraception", "trying_to_conceive"}, ("since",))
    return model.ContextEntry(
        since=parse_date(item["since"], "since"),
        life_stage=parse_choice(
            vocab.LifeStage, item.get("life_stage", "reproductive"), "life_stage"
        ),
        contraception=parse_choice(
            vocab.Contraception, item.get("contraception", "none"), "contraception"
        ),
        trying_to_conceive=parse_bool(item.get("trying_to_conceive", False), "trying_to_conceive"),
    )


def _condition(item: Mapping[str, Any]) -> model.Condition:
    _only(item, {"name", "since"}, ("name", "since"))
    return model.Condition(
        name=parse_choice(vocab.ConditionName, item["name"], "name"),
        since=parse_date(item["since"], "since"),
    )


def _screening(item: Mapping[str, Any]) -> model.Screening:
    _only(item, {"kind", "date", "result"}, ("kind", "date"))
    return model.Screening(
        kind=parse_choice(vocab.ScreeningKind, item["kind"], "kind"),
        date=parse_date(item["date"], "date"),
        result=parse_choice(vocab.ScreeningResult, item.get("result", "unknown"), "result"),
    )


def _period(item: Mapping[str, Any]) -> model.Period:
    _only(item, {"start", "end"}, ("start",))
    start = parse_date(item["start"], "start")
    end = parse_date(item["end"], "end") if item.get("end") is not None else None
    check_period_days(start, end)
    return model.Period(start=start, end=end)


def _appointment(item: Mapping[str, Any]) -> model.Appointment:
    _only(item, {"date", "with", "notes"}, ("date",))
    return model.Appointment(
        date=parse_date(item["date"], "date"),
        with_=parse_text(item.get("with", ""), "with", model.SHORT_TEXT_MAX),
        notes=parse_text(item.get("notes", ""), "notes", model.NOTES_MAX),
    )


def _dated_choice(
    record: Callable[[date, V], T], vocabulary: type[V], field: str
) -> Callable[[Mapping[str, Any]], T]:
    """The reader of a record that is a date and one word of ``vocabulary`` in ``field``."""

    def read(item: Mapping[str, Any]) -> T:
        _only(item, {"date", field}, ("date", field))
        return record(
            parse_date(item["date"], "date"), parse_choice(vocabulary, item[field], field)
        )

    return read


_ovulation_sign = _dated_choice(model.OvulationSign, vocab.OvulationSignKind, "sign")
_pregnancy_test = _dated_choice(model.PregnancyTest, vocab.PregnancyTestResult, "result")


def _medication(item: Mapping[str, Any]) -> model.Medication:
    _only(item, {"name", "since", "until"}, ("name", "since"))
    since = parse_date(item["since"], "since")
    until = parse_date(item["until"], "until") if item.get("until") is not None else None
    check_medication_days(since, until)
    return model.Medication(
        name=parse_choice(vocab.MedicationName, item["name"], "name"), since=since, until=until
    )


def _profile(item: object) -> model.Profile:
    if not isinstance(item, Mapping):
        raise InvalidInput("profile", "is not an object")
    try:
        _only(item, {"birth_year", "name"}, ())
        year = item.get("birth_year")
        return model.Profile(
            birth_year=parse_birth_year(year, "birth_year") if year is not None else None,
            name=parse_text(item.get("name", ""), "name", model.PROFILE_NAME_MAX),
        )
    except InvalidInput as error:
        raise error.within("profile") from None


def _episode_v1(item: Mapping[str, Any]) -> model.Episode:
    """An episode of a version 1 file: no ``ongoing``, no ``very-heavy``."""
    if "ongoing" in item:
        raise InvalidInput("ongoing", _not_in_version(1))
    if item.get("amount") == vocab.Amount.VERY_HEAVY.value:
        raise InvalidInput("amount", f"'{vocab.Amount.VERY_HEAVY.value}' {_not_in_version(1)}")
    return _episode(item)


def _episode(item: Mapping[str, Any]) -> model.Episode:
    _only(
        item,
        {
            "id",
            "started_at",
            "ended_at",
            "ongoing",
            "amount",
            "colour",
            "in_mucus",
            "mucus",
            "trigger",
            "pain",
            "symptoms",
            "notes",
        },
        ("id", "started_at", "amount"),
    )
    episode_id = parse_text(item["id"], "id", ID_MAX)
    if not episode_id.strip():
        raise InvalidInput("id", "is empty")
    started = parse_moment(item["started_at"], "started_at")
    ended = parse_moment(item["ended_at"], "ended_at") if item.get("ended_at") is not None else None
    symptoms_raw = item.get("symptoms", [])
    if not isinstance(symptoms_raw, list):
        raise InvalidInput("symptoms", "is not a list")
    symptoms = [parse_choice(vocab.Symptom, s, "symptoms") for s in symptoms_raw]
    if len(set(symptoms)) != len(symptoms):
        raise InvalidInput("symptoms", "lists a symptom twice")
    colour = item.get("colour")
    ongoing = parse_bool(item.get("ongoing", False), "ongoing")
    if ongoing and ended is not None:
        raise InvalidInput("ended_at", ONGOING_HAS_NO_END)
    episode = model.Episode(
        id=episode_id,
        started_at=started,
        ended_at=ended,
        amount=parse_choice(vocab.Amount, item["amount"], "amount"),
        colour=parse_choice(vocab.Colour, colour, "colour") if colour is not None else None,
        in_mucus=parse_bool(item.get("in_mucus", False), "in_mucus"),
        mucus=parse_choice(vocab.Mucus, item.get("mucus", "none"), "mucus"),
        trigger=parse_choice(vocab.Trigger, item.get("trigger", "none"), "trigger"),
        pain=parse_choice(vocab.Pain, item.get("pain", "none"), "pain"),
        symptoms=frozenset(symptoms),
        notes=parse_text(item.get("notes", ""), "notes", model.NOTES_MAX),
        ongoing=ongoing,
    )
    if ends_before_start(started, ended):
        raise InvalidInput("ended_at", "is before the start")
    return episode


def ended_before_start(episode: model.Episode) -> bool:
    """Kept for callers of the old name; the rule lives in ``validation.ends_before_start``."""
    return ends_before_start(episode.started_at, episode.ended_at)


def _check_duplicates(data: model.JournalData) -> None:
    _once_each(
        data.episodes,
        lambda e: e.id,
        "id",
        lambda e, first: f"{quoted(e.id)} is used twice (also by episodes[{first}])",
        "episodes",
    )
    _once_each(
        data.periods,
        lambda p: p.start,
        "start",
        lambda p, _: f"a period starting {p.start} is listed twice",
        "periods",
    )
    ordered = sorted(enumerate(data.periods), key=lambda p: p[1].start)
    for (_, before), (index, after) in pairwise(ordered):
        if before.last_day >= after.start:
            raise InvalidInput(
                "start",
                f"the period starting {after.start} overlaps the one starting {before.start}",
                f"periods[{index}]",
            )
    _once_each(
        data.context,
        lambda c: c.since,
        "since",
        lambda c, _: f"two context entries start on {c.since}",
        "context",
    )


def _once_each(
    records: Sequence[T],
    key: Callable[[T], object],
    field: str,
    twice: Callable[[T, int], str],
    section: str,
) -> None:
    """Refuse the first record whose ``key`` an earlier one has (``twice`` words it)."""
    first: dict[object, int] = {}
    for index, record in enumerate(records):
        if key(record) in first:
            raise InvalidInput(field, twice(record, first[key(record)]), f"{section}[{index}]")
        first[key(record)] = index
