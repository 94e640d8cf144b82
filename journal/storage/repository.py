"""Changing a journal: one ``Transaction`` (SQLAlchemy Core) per unit of work.

``JournalStore.transaction()`` gives one and speaks only domain dataclasses. Its reads are
``reading``'s, run on the transaction's own connection, so a change sees the journal as
its transaction does. This module, and SQLAlchemy with it, is imported with the first
change (or when a form that makes one opens): opening and reading a journal do without it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select, update

from journal.domain import model
from journal.domain.vocabulary import Vocabulary
from journal.storage import cipher, models, reading

#: The table of each record kind (named in ``reading.TABLES``).
TABLES: dict[type, Table] = {
    kind: models.metadata.tables[table.name] for kind, table in reading.TABLES.items()
}


class Transaction:
    """One unit of work on an open journal: committed by the store as a whole, or not at all."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def _driver(self) -> cipher.Connection:
        return reading.driver_of(self.connection)

    # ------------------------------------------------------------------ reading

    def load_all(self) -> model.JournalData:
        """Everything in the journal, as this transaction sees it."""
        return reading.load_all(self._driver())

    def get_episode(self, episode_id: str) -> model.Episode | None:
        return reading.get_episode(self._driver(), episode_id)

    def episode_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` the journal holds."""
        wanted = list(ids)
        found: set[str] = set()
        column = models.episode.c.id
        for chunk in range(0, len(wanted), 500):
            part = wanted[chunk : chunk + 500]
            found.update(self.connection.scalars(select(column).where(column.in_(part))))
        return found

    # ------------------------------------------------------------------ episodes

    def insert_episode(self, episode: model.Episode) -> None:
        self.insert_episodes([episode])

    def insert_episodes(self, episodes: Iterable[model.Episode]) -> None:
        rows = [_episode_values(e) for e in episodes]
        if rows:
            self.connection.execute(insert(models.episode), rows)

    def replace_episode(self, episode: model.Episode) -> bool:
        """Write ``episode`` over the stored one of its id; whether there was one."""
        table = models.episode
        query = update(table).where(table.c.id == episode.id).values(_episode_values(episode))
        return bool(self.connection.execute(query).rowcount)

    def delete_episode(self, episode_id: str) -> bool:
        return self._delete_all(models.episode, models.episode.c.id == episode_id)

    # ------------------------------------------------------------------ the rest

    def insert_record(self, record: object) -> None:
        """Add ``record``; for a kind with one record a day, in place of that day's."""
        kind = type(record)
        table = TABLES[kind]
        values = {f.column: _stored(getattr(record, f.name)) for f in reading.FIELDS[kind]}
        key = reading.TABLES[kind].key
        if key is not None:
            self._delete_all(table, table.c[key] == getattr(record, key))
        self.connection.execute(insert(table).values(values))

    def delete_record(self, record: object) -> bool:
        """Delete ``record``'s row; whether there was one."""
        kind = type(record)
        table = TABLES[kind]
        key = reading.TABLES[kind].key
        if key is not None:
            return self._delete_all(table, table.c[key] == getattr(record, key))
        where = [_matches(table.c[f.column], getattr(record, f.name)) for f in reading.FIELDS[kind]]
        # The same record may be logged twice: one row goes.
        row_id = self.connection.scalar(select(table.c.id).where(*where).limit(1))
        return row_id is not None and self._delete_all(table, table.c.id == row_id)

    def put_profile(self, profile: model.Profile) -> None:
        """Replace the one profile; an empty profile removes the row."""
        self.connection.execute(delete(models.profile))
        if not profile.is_empty:
            values = {
                "id": reading.PROFILE_ID,
                "birth_year": profile.birth_year,
                "name": profile.name,
            }
            self.connection.execute(insert(models.profile).values(values))

    def _delete_all(self, table: Table, *where: Any) -> bool:
        """Delete every row of ``table`` matching ``where``; whether there was one."""
        return bool(self.connection.execute(delete(table).where(*where)).rowcount)


def _episode_values(episode: model.Episode) -> dict[str, object]:
    return {
        "id": episode.id,
        "started_at": model.moment_to_iso(episode.started_at),
        "ended_at": (
            model.moment_to_iso(episode.ended_at) if episode.ended_at is not None else None
        ),
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


def _stored(value: object) -> object:
    return value.value if isinstance(value, Vocabulary) else value


def _matches(column: Any, value: object) -> Any:
    return column.is_(None) if value is None else column == _stored(value)
