"""ORM records. They never leave ``journal.storage``: repositories convert to domain dataclasses.

Enumerated values are stored as their spec strings and episode moments as ISO text
(``2026-01-21`` or ``2026-01-21T07:30``), so a raw SQLCipher client reads the same
vocabulary the JSON format uses, and text order is time order.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Index, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class EpisodeRecord(Base):
    __tablename__ = "episode"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    started_at: Mapped[str] = mapped_column(String(19))
    ended_at: Mapped[str | None] = mapped_column(String(19))
    amount: Mapped[str] = mapped_column(String(16))
    colour: Mapped[str | None] = mapped_column(String(16))
    in_mucus: Mapped[bool] = mapped_column(Boolean, default=False)
    mucus: Mapped[str] = mapped_column(String(16), default="none")
    trigger: Mapped[str] = mapped_column(String(16), default="none")
    pain: Mapped[str] = mapped_column(String(16), default="none")
    # Sorted, comma-separated symptom values: a set of at most ten fixed words.
    symptoms: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Still bleeding (schema 0002); never true together with an ended_at.
    ongoing: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_episode_started_at", "started_at", "id"),)


class PeriodRecord(Base):
    __tablename__ = "period"

    start: Mapped[date] = mapped_column(Date, primary_key=True)
    end: Mapped[date | None] = mapped_column(Date)


class ContextRecord(Base):
    __tablename__ = "context_entry"

    since: Mapped[date] = mapped_column(Date, primary_key=True)
    life_stage: Mapped[str] = mapped_column(String(16))
    contraception: Mapped[str] = mapped_column(String(16))
    trying_to_conceive: Mapped[bool] = mapped_column(Boolean, default=False)


class ConditionRecord(Base):
    __tablename__ = "condition"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(32))
    since: Mapped[date] = mapped_column(Date)


class ScreeningRecord(Base):
    __tablename__ = "screening"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))
    date: Mapped[date] = mapped_column(Date)
    result: Mapped[str] = mapped_column(String(16))


class OvulationSignRecord(Base):
    __tablename__ = "ovulation_sign"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    date: Mapped[date] = mapped_column(Date)
    sign: Mapped[str] = mapped_column(String(32))


class AppointmentRecord(Base):
    __tablename__ = "appointment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    date: Mapped[date] = mapped_column(Date)
    with_: Mapped[str] = mapped_column("with", String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class PregnancyTestRecord(Base):
    __tablename__ = "pregnancy_test"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    date: Mapped[date] = mapped_column(Date)
    result: Mapped[str] = mapped_column(String(16))


class MedicationRecord(Base):
    __tablename__ = "medication"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(32))
    since: Mapped[date] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)


class ProfileRecord(Base):
    """At most one row (id 1): the person's birth year and the name for reports."""

    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200), default="")


class JournalMeta(Base):
    """Key/value facts about the journal itself (which app made it, when)."""

    __tablename__ = "journal_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


__all__ = [
    "AppointmentRecord",
    "Base",
    "ConditionRecord",
    "ContextRecord",
    "EpisodeRecord",
    "JournalMeta",
    "MedicationRecord",
    "OvulationSignRecord",
    "PeriodRecord",
    "PregnancyTestRecord",
    "ProfileRecord",
    "ScreeningRecord",
]
