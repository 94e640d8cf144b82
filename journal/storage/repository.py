"""Changing a journal: one ``Transaction`` (SQLAlchemy) per unit of work.

``JournalStore.transaction()`` gives one and speaks only domain dataclasses. Its reads are
``reading``'s, run on the session's own connection, so a change sees the journal as its
transaction does. This module, and SQLAlchemy with it, is imported with the first change:
opening and reading a journal do without it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from journal.domain.model import Episode, JournalData, Profile, moment_to_iso
from journal.domain.vocabulary import Vocabulary
from journal.storage import cipher, reading
from journal.storage.models import (
    AppointmentRecord,
    Base,
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

#: The model of each record kind (the tables are ``reading.TABLES``').
MODELS: dict[type, type[Base]] = {
    kind: model
    for model in (
        PeriodRecord,
        ContextRecord,
        ConditionRecord,
        ScreeningRecord,
        OvulationSignRecord,
        AppointmentRecord,
        PregnancyTestRecord,
        MedicationRecord,
    )
    for kind, table in reading.TABLES.items()
    if table.name == model.__tablename__
}


class Transaction:
    """One unit of work on an open journal: committed by the store as a whole, or not at all."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _conn(self) -> cipher.Connection:
        return reading.driver_of(self.session.connection())

    # ------------------------------------------------------------------ reading

    def load_all(self) -> JournalData:
        """Everything in the journal, as this transaction sees it."""
        return reading.load_all(self._conn())

    def get_episode(self, episode_id: str) -> Episode | None:
        return reading.get_episode(self._conn(), episode_id)

    def episode_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` the journal holds."""
        wanted = list(ids)
        found: set[str] = set()
        for chunk in range(0, len(wanted), 500):
            part = wanted[chunk : chunk + 500]
            query = select(EpisodeRecord.id).where(EpisodeRecord.id.in_(part))
            found.update(self.session.scalars(query))
        return found

    # ------------------------------------------------------------------ episodes

    def insert_episode(self, episode: Episode) -> None:
        self.session.add(EpisodeRecord(**_episode_values(episode)))

    def insert_episodes(self, episodes: Iterable[Episode]) -> None:
        rows = [_episode_values(e) for e in episodes]
        if rows:
            self.session.execute(insert(EpisodeRecord), rows)

    def replace_episode(self, episode: Episode) -> bool:
        record = self.session.get(EpisodeRecord, episode.id)
        if record is None:
            return False
        for key, value in _episode_values(episode).items():
            setattr(record, key, value)
        return True

    def delete_episode(self, episode_id: str) -> bool:
        return self._delete_all(EpisodeRecord, EpisodeRecord.id == episode_id)

    # ------------------------------------------------------------------ the rest

    def insert_record(self, record: object) -> None:
        model = MODELS[type(record)]
        values = {f.name: _stored(getattr(record, f.name)) for f in reading.FIELDS[type(record)]}
        if reading.TABLES[type(record)].key is None:
            self.session.add(model(**values))
        else:
            self.session.merge(model(**values))

    def delete_record(self, record: object) -> bool:
        """Delete ``record``'s row; whether there was one."""
        model = MODELS[type(record)]
        key = reading.TABLES[type(record)].key
        if key is not None:
            return self._delete_all(model, getattr(model, key) == getattr(record, key))
        fields = reading.FIELDS[type(record)]
        where = [_matches(getattr(model, f.name), getattr(record, f.name)) for f in fields]
        return self._delete_first(model, *where)

    def put_profile(self, profile: Profile) -> None:
        """Replace the one profile; an empty profile removes the row."""
        self.session.execute(delete(ProfileRecord))
        if not profile.is_empty:
            self.session.add(
                ProfileRecord(
                    id=reading.PROFILE_ID, birth_year=profile.birth_year, name=profile.name
                )
            )

    def _delete_all(self, model: type[Any], *where: Any) -> bool:
        """Delete every row of ``model`` matching ``where``; whether there was one."""
        result = self.session.execute(delete(model).where(*where))
        return bool(getattr(result, "rowcount", 0))

    def _delete_first(self, model: type[Any], *where: Any) -> bool:
        """Delete one row of ``model`` matching ``where`` (a record may be logged twice)."""
        record = self.session.scalars(select(model).where(*where)).first()
        if record is None:
            return False
        self.session.delete(record)
        return True


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


def _stored(value: object) -> object:
    return value.value if isinstance(value, Vocabulary) else value


def _matches(column: Any, value: object) -> Any:
    return column.is_(None) if value is None else column == _stored(value)
