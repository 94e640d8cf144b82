"""The JSON interchange format (export, import, readable backups): dicts in, dicts out.

Parsing is strict and all-or-nothing: the first bad record raises ``InvalidInput`` naming
the record (``episodes[3]``) and the field. No I/O here; the service reads and writes files.

Export writes version 2. Import reads versions 1 and 2; version 1 had no ``profile``,
``pregnancy_tests``, ``medications``, episode ``ongoing`` nor the amount ``very-heavy``,
so a version 1 file holding any of them is refused, naming the record and field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import pairwise
from typing import Any, TypeVar

from journal.domain.errors import InvalidInput, quoted
from journal.domain.model import (
    NOTES_MAX,
    PROFILE_NAME_MAX,
    SHORT_TEXT_MAX,
    Appointment,
    Condition,
    ContextEntry,
    Episode,
    JournalData,
    Medication,
    OvulationSign,
    Period,
    PregnancyTest,
    Profile,
    Screening,
    moment_to_iso,
)
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

FORMAT = "health-journal"
VERSION = 2
OLDEST_VERSION = 1
ID_MAX = 200

T = TypeVar("T")

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


def episode_to_json(episode: Episode) -> dict[str, Any]:
    out: dict[str, Any] = {"id": episode.id, "started_at": moment_to_iso(episode.started_at)}
    if episode.ended_at is not None:
        out["ended_at"] = moment_to_iso(episode.ended_at)
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


def to_json(data: JournalData) -> dict[str, Any]:
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


def profile_to_json(profile: Profile) -> dict[str, Any]:
    """Only what is known: ``{}`` for no profile."""
    out: dict[str, Any] = {}
    if profile.birth_year is not None:
        out["birth_year"] = profile.birth_year
    if profile.name:
        out["name"] = profile.name
    return out


# --------------------------------------------------------------------------- import


def from_json(document: object) -> JournalData:
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
    data = JournalData(
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


def _context(item: Mapping[str, Any]) -> ContextEntry:
    _only(item, {"since", "life_stage", "contraception", "trying_to_conceive"}, ("since",))
    return ContextEntry(
        since=parse_date(item["since"], "since"),
        life_stage=parse_choice(LifeStage, item.get("life_stage", "reproductive"), "life_stage"),
        contraception=parse_choice(
            Contraception, item.get("contraception", "none"), "contraception"
        ),
        trying_to_conceive=parse_bool(item.get("trying_to_conceive", False), "trying_to_conceive"),
    )


def _condition(item: Mapping[str, Any]) -> Condition:
    _only(item, {"name", "since"}, ("name", "since"))
    return Condition(
        name=parse_choice(ConditionName, item["name"], "name"),
        since=parse_date(item["since"], "since"),
    )


def _screening(item: Mapping[str, Any]) -> Screening:
    _only(item, {"kind", "date", "result"}, ("kind", "date"))
    return Screening(
        kind=parse_choice(ScreeningKind, item["kind"], "kind"),
        date=parse_date(item["date"], "date"),
        result=parse_choice(ScreeningResult, item.get("result", "unknown"), "result"),
    )


def _ovulation_sign(item: Mapping[str, Any]) -> OvulationSign:
    _only(item, {"date", "sign"}, ("date", "sign"))
    return OvulationSign(
        date=parse_date(item["date"], "date"),
        sign=parse_choice(OvulationSignKind, item["sign"], "sign"),
    )


def _period(item: Mapping[str, Any]) -> Period:
    _only(item, {"start", "end"}, ("start",))
    start = parse_date(item["start"], "start")
    end = parse_date(item["end"], "end") if item.get("end") is not None else None
    check_period_days(start, end)
    return Period(start=start, end=end)


def _appointment(item: Mapping[str, Any]) -> Appointment:
    _only(item, {"date", "with", "notes"}, ("date",))
    return Appointment(
        date=parse_date(item["date"], "date"),
        with_=parse_text(item.get("with", ""), "with", SHORT_TEXT_MAX),
        notes=parse_text(item.get("notes", ""), "notes", NOTES_MAX),
    )


def _pregnancy_test(item: Mapping[str, Any]) -> PregnancyTest:
    _only(item, {"date", "result"}, ("date", "result"))
    return PregnancyTest(
        date=parse_date(item["date"], "date"),
        result=parse_choice(PregnancyTestResult, item["result"], "result"),
    )


def _medication(item: Mapping[str, Any]) -> Medication:
    _only(item, {"name", "since", "until"}, ("name", "since"))
    since = parse_date(item["since"], "since")
    until = parse_date(item["until"], "until") if item.get("until") is not None else None
    check_medication_days(since, until)
    return Medication(
        name=parse_choice(MedicationName, item["name"], "name"), since=since, until=until
    )


def _profile(item: object) -> Profile:
    if not isinstance(item, Mapping):
        raise InvalidInput("profile", "is not an object")
    try:
        _only(item, {"birth_year", "name"}, ())
        year = item.get("birth_year")
        return Profile(
            birth_year=parse_birth_year(year, "birth_year") if year is not None else None,
            name=parse_text(item.get("name", ""), "name", PROFILE_NAME_MAX),
        )
    except InvalidInput as error:
        raise error.within("profile") from None


def _episode_v1(item: Mapping[str, Any]) -> Episode:
    """An episode of a version 1 file: no ``ongoing``, no ``very-heavy``."""
    if "ongoing" in item:
        raise InvalidInput("ongoing", _not_in_version(1))
    if item.get("amount") == Amount.VERY_HEAVY.value:
        raise InvalidInput("amount", f"'{Amount.VERY_HEAVY.value}' {_not_in_version(1)}")
    return _episode(item)


def _episode(item: Mapping[str, Any]) -> Episode:
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
    symptoms = [parse_choice(Symptom, s, "symptoms") for s in symptoms_raw]
    if len(set(symptoms)) != len(symptoms):
        raise InvalidInput("symptoms", "lists a symptom twice")
    colour = item.get("colour")
    ongoing = parse_bool(item.get("ongoing", False), "ongoing")
    if ongoing and ended is not None:
        raise InvalidInput("ended_at", ONGOING_HAS_NO_END)
    episode = Episode(
        id=episode_id,
        started_at=started,
        ended_at=ended,
        amount=parse_choice(Amount, item["amount"], "amount"),
        colour=parse_choice(Colour, colour, "colour") if colour is not None else None,
        in_mucus=parse_bool(item.get("in_mucus", False), "in_mucus"),
        mucus=parse_choice(Mucus, item.get("mucus", "none"), "mucus"),
        trigger=parse_choice(Trigger, item.get("trigger", "none"), "trigger"),
        pain=parse_choice(Pain, item.get("pain", "none"), "pain"),
        symptoms=frozenset(symptoms),
        notes=parse_text(item.get("notes", ""), "notes", NOTES_MAX),
        ongoing=ongoing,
    )
    if ends_before_start(started, ended):
        raise InvalidInput("ended_at", "is before the start")
    return episode


def ended_before_start(episode: Episode) -> bool:
    """Kept for callers of the old name; the rule lives in ``validation.ends_before_start``."""
    return ends_before_start(episode.started_at, episode.ended_at)


def _check_duplicates(data: JournalData) -> None:
    seen: dict[str, int] = {}
    for index, episode in enumerate(data.episodes):
        if episode.id in seen:
            raise InvalidInput(
                "id",
                f"{quoted(episode.id)} is used twice (also by episodes[{seen[episode.id]}])",
                f"episodes[{index}]",
            )
        seen[episode.id] = index
    starts: dict[object, int] = {}
    for index, period in enumerate(data.periods):
        if period.start in starts:
            raise InvalidInput(
                "start", f"a period starting {period.start} is listed twice", f"periods[{index}]"
            )
        starts[period.start] = index
    ordered = sorted(enumerate(data.periods), key=lambda p: p[1].start)
    for (_, before), (index, after) in pairwise(ordered):
        if before.last_day >= after.start:
            raise InvalidInput(
                "start",
                f"the period starting {after.start} overlaps the one starting {before.start}",
                f"periods[{index}]",
            )
    since: dict[object, int] = {}
    for index, entry in enumerate(data.context):
        if entry.since in since:
            raise InvalidInput(
                "since", f"two context entries start on {entry.since}", f"context[{index}]"
            )
        since[entry.since] = index
