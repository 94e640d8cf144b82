"""Reading and writing domain records inside a storage transaction.

Functions take a ``Session`` from ``JournalStore.transaction()`` and speak only domain
dataclasses. Bulk reads use plain column selects (no ORM identity map): listing thousands
of episodes stays close to the cost of the raw SELECT.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, TypeVar, get_type_hints

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from journal.domain.model import (
    Appointment,
    Condition,
    ContextEntry,
    Episode,
    JournalData,
    Medication,
    Moment,
    OvulationSign,
    Period,
    PregnancyTest,
    Profile,
    Screening,
    moment_to_iso,
)
from journal.domain.vocabulary import Amount, Colour, Mucus, Pain, Symptom, Trigger, Vocabulary
from journal.storage.errors import StorageFailure
from journal.storage.models import (
    AppointmentRecord,
    ConditionRecord,
    ContextRecord,
    EpisodeRecord,
    MedicationRecord,
    OvulationSignRecord,
    PeriodRecord,
    PregnancyTestRecord,
    ProfileRecord,
    ScreeningRecord,
)

R = TypeVar("R")

_EPISODE_COLUMNS = (
    EpisodeRecord.id,
    EpisodeRecord.started_at,
    EpisodeRecord.ended_at,
    EpisodeRecord.amount,
    EpisodeRecord.colour,
    EpisodeRecord.in_mucus,
    EpisodeRecord.mucus,
    EpisodeRecord.trigger,
    EpisodeRecord.pain,
    EpisodeRecord.symptoms,
    EpisodeRecord.notes,
    EpisodeRecord.ongoing,
)


# --------------------------------------------------------------------------- episodes


def _moment(text: str) -> Moment:
    return _date_from_iso(text) if len(text) == 10 else _datetime_from_iso(text)


_date_from_iso = date.fromisoformat
_datetime_from_iso = datetime.fromisoformat


# Value → member tables: a dict lookup is an order of magnitude cheaper than Enum(value),
# which matters when thousands of rows are loaded at unlock.
_AMOUNTS = {m.value: m for m in Amount}
_COLOURS = {m.value: m for m in Colour}
_MUCUS = {m.value: m for m in Mucus}
_TRIGGERS = {m.value: m for m in Trigger}
_PAINS = {m.value: m for m in Pain}


@lru_cache(maxsize=1024)
def _symptoms(text: str) -> frozenset[Symptom]:
    return frozenset(Symptom(s) for s in text.split(",") if s)


def _episode_from_row(row: tuple[Any, ...]) -> Episode:
    (
        id_,
        started,
        ended,
        amount,
        colour,
        in_mucus,
        mucus,
        trigger,
        pain,
        symptoms,
        notes,
        ongoing,
    ) = row
    try:
        # Positional, in the dataclass's field order: half the cost of keywords per row.
        return Episode(
            id_,
            _date_from_iso(started) if len(started) == 10 else _datetime_from_iso(started),
            _AMOUNTS[amount],
            _moment(ended) if ended else None,
            _COLOURS[colour] if colour else None,
            bool(in_mucus),
            _MUCUS[mucus],
            _TRIGGERS[trigger],
            _PAINS[pain],
            _symptoms(symptoms),
            notes,
            bool(ongoing),
        )
    except (KeyError, ValueError, TypeError):
        raise StorageFailure(
            "An episode in the journal holds a value this version does not know; "
            "the journal may come from a newer version."
        ) from None


def _episode_values(episode: Episode) -> dict[str, object]:
    return {
        "id": episode.id,
        "started_at": moment_to_iso(episode.started_at),
        "ended_at": moment_to_iso(episode.ended_at) if episode.ended_at is not None else None,
        "amount": episode.amount.value,
        "colour": episode.colour.value if episode.colour is not None else None,
        "in_mucus": episode.in_mucus,
        "mucus": episode.mucus.value,
        "trigger": episode.trigger.value,
        "pain": episode.pain.value,
        "symptoms": ",".join(sorted(s.value for s in episode.symptoms)),
        "notes": episode.notes,
        "ongoing": episode.ongoing,
    }


def list_episodes(
    session: Session, start: date | None = None, end: date | None = None
) -> list[Episode]:
    """Episodes starting within [start, end] (either bound optional), oldest first."""
    query = select(*_EPISODE_COLUMNS).order_by(EpisodeRecord.started_at, EpisodeRecord.id)
    if start is not None:
        query = query.where(EpisodeRecord.started_at >= start.isoformat())
    if end is not None:
        # "2026-01-21T23:59" < "2026-01-22": compare against the next day's prefix.
        query = query.where(EpisodeRecord.started_at < end.isoformat() + "~")
    # Compile once with SQLAlchemy, then fetch plain tuples from the driver: thousands of
    # rows are read at every unlock, and Row objects would cost more than the query.
    compiled = query.compile(session.get_bind())
    params = [compiled.params[name] for name in compiled.positiontup or ()]
    cursor = session.connection().connection.driver_connection
    assert cursor is not None
    rows = cursor.execute(str(compiled), params).fetchall()
    return [_episode_from_row(row) for row in rows]


def get_episode(session: Session, episode_id: str) -> Episode | None:
    row = session.execute(select(*_EPISODE_COLUMNS).where(EpisodeRecord.id == episode_id)).first()
    return _episode_from_row(tuple(row)) if row is not None else None


def episode_ids(session: Session, ids: Iterable[str]) -> set[str]:
    wanted = list(ids)
    found: set[str] = set()
    for chunk in range(0, len(wanted), 500):
        part = wanted[chunk : chunk + 500]
        found.update(session.scalars(select(EpisodeRecord.id).where(EpisodeRecord.id.in_(part))))
    return found


def insert_episode(session: Session, episode: Episode) -> None:
    session.add(EpisodeRecord(**_episode_values(episode)))


def insert_episodes(session: Session, episodes: Iterable[Episode]) -> None:
    rows = [_episode_values(e) for e in episodes]
    if rows:
        session.execute(insert(EpisodeRecord), rows)


def replace_episode(session: Session, episode: Episode) -> bool:
    record = session.get(EpisodeRecord, episode.id)
    if record is None:
        return False
    for key, value in _episode_values(episode).items():
        setattr(record, key, value)
    return True


def delete_episode(session: Session, episode_id: str) -> bool:
    return _delete_all(session, EpisodeRecord, EpisodeRecord.id == episode_id)


# --------------------------------------------------------------------------- the rest


@dataclass(frozen=True, slots=True)
class _Table:
    """Where one kind of record lives: each field is the column of the same name.

    A vocabulary field is stored as its value. ``key`` names the field of a kind that has
    one record a day (periods by their first day, context by the day it starts): saving
    replaces that day's row and deleting removes it. Other kinds are matched on every
    field, one row at a time.
    """

    model: type[Any]
    order: Callable[[Any], Any]
    key: str | None = None


_TABLES: dict[type, _Table] = {
    Period: _Table(PeriodRecord, lambda p: p.start, key="start"),
    ContextEntry: _Table(ContextRecord, lambda c: c.since, key="since"),
    Condition: _Table(ConditionRecord, lambda c: (c.since, c.name.value)),
    Screening: _Table(ScreeningRecord, lambda s: (s.date, s.kind.value)),
    OvulationSign: _Table(OvulationSignRecord, lambda o: (o.date, o.sign.value)),
    Appointment: _Table(AppointmentRecord, lambda a: (a.date, a.with_, a.notes)),
    PregnancyTest: _Table(PregnancyTestRecord, lambda t: (t.date, t.result.value)),
    Medication: _Table(MedicationRecord, lambda m: (m.since, m.name.value, m.until or date.max)),
}


def _fields_of(kind: type) -> tuple[tuple[str, type[Vocabulary] | None], ...]:
    """The fields of a record kind, each with its vocabulary when it has one."""
    hints = get_type_hints(kind)
    return tuple(
        (f.name, hint if isinstance(hint, type) and issubclass(hint, Vocabulary) else None)
        for f in dataclasses.fields(kind)
        for hint in [hints[f.name]]
    )


_FIELDS = {kind: _fields_of(kind) for kind in _TABLES}


def list_records(session: Session, kind: type[R]) -> list[R]:
    """Every record of ``kind`` (not episodes), in the order the journal shows them."""
    table = _TABLES[kind]
    fields = _FIELDS[kind]
    rows = session.execute(select(*(getattr(table.model, name) for name, _ in fields)))
    records = [
        kind(*(_loaded(choice, value) for (_, choice), value in zip(fields, row, strict=True)))
        for row in rows
    ]
    return sorted(records, key=table.order)


def insert_record(session: Session, record: object) -> None:
    table = _TABLES[type(record)]
    values = {name: _stored(getattr(record, name)) for name, _ in _FIELDS[type(record)]}
    if table.key is None:
        session.add(table.model(**values))
    else:
        session.merge(table.model(**values))


def delete_record(session: Session, record: object) -> bool:
    """Delete ``record``'s row; whether there was one."""
    table = _TABLES[type(record)]
    if table.key is not None:
        column = getattr(table.model, table.key)
        return _delete_all(session, table.model, column == getattr(record, table.key))
    fields = _FIELDS[type(record)]
    where = [_matches(getattr(table.model, name), getattr(record, name)) for name, _ in fields]
    return _delete_first(session, table.model, *where)


def _loaded(choice: type[Vocabulary] | None, value: Any) -> object:
    return choice(value) if choice is not None else value


def _stored(value: object) -> object:
    return value.value if isinstance(value, Vocabulary) else value


def _matches(column: Any, value: object) -> Any:
    return column.is_(None) if value is None else column == _stored(value)


def _delete_all(session: Session, model: type[Any], *where: Any) -> bool:
    """Delete every row of ``model`` matching ``where``; whether there was one."""
    result = session.execute(delete(model).where(*where))
    return bool(getattr(result, "rowcount", 0))


def _delete_first(session: Session, model: type[Any], *where: Any) -> bool:
    """Delete one row of ``model`` matching ``where`` (the same record may be logged twice)."""
    record = session.scalars(select(model).where(*where)).first()
    if record is None:
        return False
    session.delete(record)
    return True


_PROFILE_ID = 1


def get_profile(session: Session) -> Profile:
    record = session.get(ProfileRecord, _PROFILE_ID)
    if record is None:
        return Profile()
    return Profile(birth_year=record.birth_year, name=record.name)


def put_profile(session: Session, profile: Profile) -> None:
    """Replace the one profile; an empty profile removes the row."""
    session.execute(delete(ProfileRecord))
    if not profile.is_empty:
        session.add(ProfileRecord(id=_PROFILE_ID, birth_year=profile.birth_year, name=profile.name))


def load_all(session: Session) -> JournalData:
    """Everything in the journal, in one read transaction."""
    return JournalData(
        context=tuple(list_records(session, ContextEntry)),
        conditions=tuple(list_records(session, Condition)),
        screenings=tuple(list_records(session, Screening)),
        ovulation_signs=tuple(list_records(session, OvulationSign)),
        periods=tuple(list_records(session, Period)),
        appointments=tuple(list_records(session, Appointment)),
        episodes=tuple(list_episodes(session)),
        pregnancy_tests=tuple(list_records(session, PregnancyTest)),
        medications=tuple(list_records(session, Medication)),
        profile=get_profile(session),
    )
