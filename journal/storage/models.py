"""The journal's tables (SQLAlchemy Core). They never leave ``journal.storage``: reads turn
rows into domain dataclasses (``reading``), changes are statements on these tables
(``repository``).

Enumerated values are stored as their spec strings and episode moments as ISO text
(``2026-01-21`` or ``2026-01-21T07:30``), so a raw SQLCipher client reads the same
vocabulary the JSON format uses, and text order is time order. Core tables rather than
ORM classes: the rows are converted to dataclasses either way, and the ORM would add
about 12 MB and its mapping step to the first change of a session.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Column, Date, Index, Integer, MetaData, String, Table, Text

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


def _records(name: str, *columns: Column[Any]) -> Table:
    """The table of a kind that may hold the same record twice: rows keyed by a serial id."""
    serial = Column("id", Integer, primary_key=True, autoincrement=True)
    return Table(name, metadata, serial, *columns)


episode = Table(
    "episode",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("started_at", String(19), nullable=False),
    Column("ended_at", String(19)),
    Column("amount", String(16), nullable=False),
    Column("colour", String(16)),
    Column("in_mucus", Boolean, nullable=False, default=False),
    Column("mucus", String(16), nullable=False, default="none"),
    Column("trigger", String(16), nullable=False, default="none"),
    Column("pain", String(16), nullable=False, default="none"),
    # Sorted, comma-separated symptom values: a set of at most ten fixed words.
    Column("symptoms", String(200), nullable=False, default=""),
    Column("notes", Text, nullable=False, default=""),
    # Still bleeding (schema 0002); never true together with an ended_at.
    Column("ongoing", Boolean, nullable=False, default=False),
    Index("ix_episode_started_at", "started_at", "id"),
)

period = Table(
    "period",
    metadata,
    Column("start", Date, primary_key=True),
    Column("end", Date),
)

context_entry = Table(
    "context_entry",
    metadata,
    Column("since", Date, primary_key=True),
    Column("life_stage", String(16), nullable=False),
    Column("contraception", String(16), nullable=False),
    Column("trying_to_conceive", Boolean, nullable=False, default=False),
)

condition = _records(
    "condition",
    Column("name", String(32), nullable=False),
    Column("since", Date, nullable=False),
)

screening = _records(
    "screening",
    Column("kind", String(32), nullable=False),
    Column("date", Date, nullable=False),
    Column("result", String(16), nullable=False),
)

ovulation_sign = _records(
    "ovulation_sign",
    Column("date", Date, nullable=False),
    Column("sign", String(32), nullable=False),
)

appointment = _records(
    "appointment",
    Column("date", Date, nullable=False),
    Column("with", String(200), nullable=False, default=""),
    Column("notes", Text, nullable=False, default=""),
)

pregnancy_test = _records(
    "pregnancy_test",
    Column("date", Date, nullable=False),
    Column("result", String(16), nullable=False),
)

medication = _records(
    "medication",
    Column("name", String(32), nullable=False),
    Column("since", Date, nullable=False),
    Column("until", Date),
)

# At most one row (id 1): the person's birth year and the name for reports.
profile = Table(
    "profile",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("birth_year", Integer),
    Column("name", String(200), nullable=False, default=""),
)

# Key/value facts about the journal itself (which app made it, when).
journal_meta = Table(
    "journal_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
