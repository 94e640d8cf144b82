"""Reading a journal with the driver alone: the whole journal, its episodes, its schema.

Every read the app makes when a journal is unlocked, and every read-only command, goes
straight to SQLCipher through here. Importing SQLAlchemy and mapping its models costs about
40 MB and a fifth of a second, which a person opening their journal to look at it should
not pay; ``repository`` (SQLAlchemy) loads with the first change instead. The table and
column names here are the models' (``tests/storage/test_reading.py`` holds them equal).
Rows become domain records through value → member tables, not ``Enum(value)``: thousands
of rows are read at every unlock.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar, get_type_hints

from journal.domain import model
from journal.domain.vocabulary import Amount, Colour, Mucus, Pain, Symptom, Trigger, Vocabulary
from journal.storage.cipher import Connection
from journal.storage.errors import StorageFailure

if TYPE_CHECKING:
    import sqlalchemy

R = TypeVar("R")

#: The schema's revision, where Alembic keeps it.
REVISION_TABLE = "alembic_version"
EPISODE_TABLE = "episode"
#: The episode table's columns: ``Episode``'s fields, in order (a row becomes an episode
#: by position, which halves the cost of keywords when thousands are read).
EPISODE_COLUMNS = tuple(f.name for f in dataclasses.fields(model.Episode) if f.init)
PROFILE_TABLE = "profile"
PROFILE_ID = 1


def _unknown_value(what: str) -> StorageFailure:
    return StorageFailure(
        f"{what} in the journal holds a value this version does not know; "
        "the journal may come from a newer version."
    )


@dataclass(frozen=True, slots=True)
class RecordTable:
    """Where one kind of record lives: each field is the column of the same name (less a
    trailing ``_``, as in ``with_``).

    A vocabulary field is stored as its value. ``key`` names the field of a kind that has
    one record a day (periods by their first day, context by the day it starts): saving
    replaces that day's row and deleting removes it. Other kinds are matched on every
    field, one row at a time. ``order`` is the order the journal shows them in.
    """

    name: str
    order: Callable[[Any], Any]
    key: str | None = None


TABLES: dict[type, RecordTable] = {
    model.Period: RecordTable("period", lambda p: p.start, key="start"),
    model.ContextEntry: RecordTable("context_entry", lambda c: c.since, key="since"),
    model.Condition: RecordTable("condition", lambda c: (c.since, c.name.value)),
    model.Screening: RecordTable("screening", lambda s: (s.date, s.kind.value)),
    model.OvulationSign: RecordTable("ovulation_sign", lambda o: (o.date, o.sign.value)),
    model.Appointment: RecordTable("appointment", lambda a: (a.date, a.with_, a.notes)),
    model.PregnancyTest: RecordTable("pregnancy_test", lambda t: (t.date, t.result.value)),
    model.Medication: RecordTable(
        "medication", lambda m: (m.since, m.name.value, m.until or date.max)
    ),
}


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a record kind: its column, and how a stored value becomes the field's."""

    name: str
    column: str
    load: Callable[[Any], object]


def _loader(hint: Any) -> Callable[[Any], object]:
    """How a stored value becomes a field of type ``hint``: a vocabulary member from its
    value, a date from its ISO text, a bool from 0/1; ``None`` stays for an optional."""
    optional = isinstance(hint, types.UnionType) and type(None) in hint.__args__
    inner = next(a for a in hint.__args__ if a is not type(None)) if optional else hint
    vocabulary = inner if isinstance(inner, type) and issubclass(inner, Vocabulary) else None
    load: Callable[[Any], object]
    if vocabulary is not None:
        load = {m.value: m for m in vocabulary}.__getitem__
    elif inner is date:
        load = date.fromisoformat
    elif inner is bool:
        load = bool
    else:
        load = _same
    if optional:
        return lambda value: None if value is None else load(value)
    return load


def _same(value: object) -> object:
    return value


def fields_of(kind: type) -> tuple[Field, ...]:
    """The fields of a record kind, in order, each with its column and loader."""
    hints = get_type_hints(kind)
    return tuple(
        Field(f.name, f.name.rstrip("_"), _loader(hints[f.name])) for f in dataclasses.fields(kind)
    )


FIELDS = {kind: fields_of(kind) for kind in TABLES}


def _columns(names: Iterable[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def driver_of(connection: sqlalchemy.Connection) -> Connection:
    """The driver connection beneath a SQLAlchemy one, inside its transaction."""
    conn = connection.connection.driver_connection
    assert conn is not None
    return conn


# --------------------------------------------------------------------------- episodes


def _moment(text: str) -> model.Moment:
    return _date_from_iso(text) if len(text) == 10 else _datetime_from_iso(text)


_date_from_iso = date.fromisoformat
_datetime_from_iso = datetime.fromisoformat
_AMOUNTS = {m.value: m for m in Amount}
_COLOURS = {m.value: m for m in Colour}
_MUCUS = {m.value: m for m in Mucus}
_TRIGGERS = {m.value: m for m in Trigger}
_PAINS = {m.value: m for m in Pain}


@lru_cache(maxsize=1024)
def _symptoms(text: str) -> frozenset[Symptom]:
    return frozenset(Symptom(s) for s in text.split(",") if s)


def episode_from_row(row: tuple[Any, ...]) -> model.Episode:
    """An ``Episode`` from a row of ``EPISODE_COLUMNS``."""
    id_, started, amount, ended, colour, in_mucus, mucus, trigger, pain, symptoms, notes, on = row
    try:
        # Positional, in the dataclass's field order: half the cost of keywords per row.
        return model.Episode(
            id_,
            _moment(started),
            _AMOUNTS[amount],
            _moment(ended) if ended else None,
            _COLOURS[colour] if colour else None,
            bool(in_mucus),
            _MUCUS[mucus],
            _TRIGGERS[trigger],
            _PAINS[pain],
            _symptoms(symptoms),
            notes,
            bool(on),
        )
    except (KeyError, ValueError, TypeError):
        raise _unknown_value("An episode") from None


# Every name in these statements is one of this module's constants; values are parameters.
_SELECT_EPISODES = f"SELECT {_columns(EPISODE_COLUMNS)} FROM {EPISODE_TABLE}"  # noqa: S608


def list_episodes(
    conn: Connection, start: date | None = None, end: date | None = None
) -> list[model.Episode]:
    """Episodes starting within [start, end] (either bound optional), oldest first."""
    where, params = [], []
    if start is not None:
        where.append("started_at >= ?")
        params.append(start.isoformat())
    if end is not None:
        # "2026-01-21T23:59" < "2026-01-22": compare against the next day's prefix.
        where.append("started_at < ?")
        params.append(end.isoformat() + "~")
    sql = _SELECT_EPISODES + (" WHERE " + " AND ".join(where) if where else "")
    rows = conn.execute(sql + " ORDER BY started_at, id", params).fetchall()
    return [episode_from_row(row) for row in rows]


def get_episode(conn: Connection, episode_id: str) -> model.Episode | None:
    row = conn.execute(_SELECT_EPISODES + " WHERE id = ?", (episode_id,)).fetchone()
    return episode_from_row(row) if row is not None else None


# --------------------------------------------------------------------------- the rest


def list_records(conn: Connection, kind: type[R]) -> list[R]:
    """Every record of ``kind`` (not episodes), in the order the journal shows them."""
    table = TABLES[kind]
    fields = FIELDS[kind]
    sql = f"SELECT {_columns(f.column for f in fields)} FROM {table.name}"  # noqa: S608
    rows = conn.execute(sql)
    try:
        records = [
            kind(*(f.load(value) for f, value in zip(fields, row, strict=True))) for row in rows
        ]
    except (KeyError, ValueError, TypeError):
        raise _unknown_value("A record") from None
    return sorted(records, key=table.order)


def get_profile(conn: Connection) -> model.Profile:
    row = conn.execute(
        f"SELECT birth_year, name FROM {PROFILE_TABLE} WHERE id = ?",  # noqa: S608
        (PROFILE_ID,),
    ).fetchone()
    return model.Profile() if row is None else model.Profile(birth_year=row[0], name=row[1])


def load_all(conn: Connection) -> model.JournalData:
    """Everything in the journal (the caller holds one read transaction around it)."""
    return model.JournalData(
        context=tuple(list_records(conn, model.ContextEntry)),
        conditions=tuple(list_records(conn, model.Condition)),
        screenings=tuple(list_records(conn, model.Screening)),
        ovulation_signs=tuple(list_records(conn, model.OvulationSign)),
        periods=tuple(list_records(conn, model.Period)),
        appointments=tuple(list_records(conn, model.Appointment)),
        episodes=tuple(list_episodes(conn)),
        pregnancy_tests=tuple(list_records(conn, model.PregnancyTest)),
        medications=tuple(list_records(conn, model.Medication)),
        profile=get_profile(conn),
    )


# --------------------------------------------------------------------------- the schema


def table_names(conn: Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def schema_revision(conn: Connection) -> str | None:
    """The journal's revision, read where Alembic stores it (None before the first)."""
    if REVISION_TABLE not in table_names(conn):
        return None
    row = conn.execute(f"SELECT version_num FROM {REVISION_TABLE}").fetchone()  # noqa: S608
    return None if row is None else str(row[0])
