"""Reading and writing domain records inside a storage transaction.

Functions take a ``Session`` from ``JournalStore.transaction()`` and speak only domain
dataclasses. Bulk reads use plain column selects (no ORM identity map): listing thousands
of episodes stays close to the cost of the raw SELECT.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache
from typing import Any

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
    result = session.execute(delete(EpisodeRecord).where(EpisodeRecord.id == episode_id))
    return bool(getattr(result, "rowcount", 0))


# --------------------------------------------------------------------------- the rest


def list_periods(session: Session) -> list[Period]:
    rows = session.execute(
        select(PeriodRecord.start, PeriodRecord.end).order_by(PeriodRecord.start)
    )
    return [Period(start=s, end=e) for s, e in rows]


def insert_period(session: Session, period: Period) -> None:
    session.add(PeriodRecord(start=period.start, end=period.end))


def delete_period(session: Session, start: date) -> bool:
    result = session.execute(delete(PeriodRecord).where(PeriodRecord.start == start))
    return bool(getattr(result, "rowcount", 0))


def list_context(session: Session) -> list[ContextEntry]:
    rows = session.execute(
        select(
            ContextRecord.since,
            ContextRecord.life_stage,
            ContextRecord.contraception,
            ContextRecord.trying_to_conceive,
        ).order_by(ContextRecord.since)
    )
    return [
        ContextEntry(
            since=since,
            life_stage=LifeStage(stage),
            contraception=Contraception(method),
            trying_to_conceive=bool(ttc),
        )
        for since, stage, method, ttc in rows
    ]


def put_context(session: Session, entry: ContextEntry) -> None:
    session.merge(
        ContextRecord(
            since=entry.since,
            life_stage=entry.life_stage.value,
            contraception=entry.contraception.value,
            trying_to_conceive=entry.trying_to_conceive,
        )
    )


def delete_context(session: Session, since: date) -> bool:
    result = session.execute(delete(ContextRecord).where(ContextRecord.since == since))
    return bool(getattr(result, "rowcount", 0))


def list_conditions(session: Session) -> list[Condition]:
    rows = session.execute(select(ConditionRecord.name, ConditionRecord.since))
    return sorted(
        (Condition(name=ConditionName(n), since=s) for n, s in rows),
        key=lambda c: (c.since, c.name.value),
    )


def insert_condition(session: Session, condition: Condition) -> None:
    session.add(ConditionRecord(name=condition.name.value, since=condition.since))


def delete_condition(session: Session, condition: Condition) -> bool:
    result = session.execute(
        delete(ConditionRecord).where(
            ConditionRecord.name == condition.name.value, ConditionRecord.since == condition.since
        )
    )
    return bool(getattr(result, "rowcount", 0))


def list_screenings(session: Session) -> list[Screening]:
    rows = session.execute(
        select(ScreeningRecord.kind, ScreeningRecord.date, ScreeningRecord.result)
    )
    return sorted(
        (Screening(kind=ScreeningKind(k), date=d, result=ScreeningResult(r)) for k, d, r in rows),
        key=lambda s: (s.date, s.kind.value),
    )


def insert_screening(session: Session, screening: Screening) -> None:
    session.add(
        ScreeningRecord(
            kind=screening.kind.value, date=screening.date, result=screening.result.value
        )
    )


def delete_screening(session: Session, screening: Screening) -> bool:
    result = session.execute(
        delete(ScreeningRecord).where(
            ScreeningRecord.kind == screening.kind.value,
            ScreeningRecord.date == screening.date,
            ScreeningRecord.result == screening.result.value,
        )
    )
    return bool(getattr(result, "rowcount", 0))


def list_ovulation_signs(session: Session) -> list[OvulationSign]:
    rows = session.execute(select(OvulationSignRecord.date, OvulationSignRecord.sign))
    return sorted(
        (OvulationSign(date=d, sign=OvulationSignKind(s)) for d, s in rows),
        key=lambda o: (o.date, o.sign.value),
    )


def insert_ovulation_sign(session: Session, sign: OvulationSign) -> None:
    session.add(OvulationSignRecord(date=sign.date, sign=sign.sign.value))


def delete_ovulation_sign(session: Session, sign: OvulationSign) -> bool:
    result = session.execute(
        delete(OvulationSignRecord).where(
            OvulationSignRecord.date == sign.date, OvulationSignRecord.sign == sign.sign.value
        )
    )
    return bool(getattr(result, "rowcount", 0))


def list_appointments(session: Session) -> list[Appointment]:
    rows = session.execute(
        select(AppointmentRecord.date, AppointmentRecord.with_, AppointmentRecord.notes)
    )
    return sorted(
        (Appointment(date=d, with_=w, notes=n) for d, w, n in rows),
        key=lambda a: (a.date, a.with_, a.notes),
    )


def insert_appointment(session: Session, appointment: Appointment) -> None:
    session.add(
        AppointmentRecord(date=appointment.date, with_=appointment.with_, notes=appointment.notes)
    )


def delete_appointment(session: Session, appointment: Appointment) -> bool:
    record = session.scalars(
        select(AppointmentRecord).where(
            AppointmentRecord.date == appointment.date,
            AppointmentRecord.with_ == appointment.with_,
            AppointmentRecord.notes == appointment.notes,
        )
    ).first()
    if record is None:
        return False
    session.delete(record)
    return True


def list_pregnancy_tests(session: Session) -> list[PregnancyTest]:
    rows = session.execute(select(PregnancyTestRecord.date, PregnancyTestRecord.result))
    return sorted(
        (PregnancyTest(date=d, result=PregnancyTestResult(r)) for d, r in rows),
        key=lambda t: (t.date, t.result.value),
    )


def insert_pregnancy_test(session: Session, test: PregnancyTest) -> None:
    session.add(PregnancyTestRecord(date=test.date, result=test.result.value))


def delete_pregnancy_test(session: Session, test: PregnancyTest) -> bool:
    record = session.scalars(
        select(PregnancyTestRecord).where(
            PregnancyTestRecord.date == test.date,
            PregnancyTestRecord.result == test.result.value,
        )
    ).first()
    if record is None:
        return False
    session.delete(record)
    return True


def list_medications(session: Session) -> list[Medication]:
    rows = session.execute(
        select(MedicationRecord.name, MedicationRecord.since, MedicationRecord.until)
    )
    return sorted(
        (Medication(name=MedicationName(n), since=s, until=u) for n, s, u in rows),
        key=lambda m: (m.since, m.name.value, m.until or date.max),
    )


def insert_medication(session: Session, medication: Medication) -> None:
    session.add(
        MedicationRecord(name=medication.name.value, since=medication.since, until=medication.until)
    )


def delete_medication(session: Session, medication: Medication) -> bool:
    record = session.scalars(
        select(MedicationRecord).where(
            MedicationRecord.name == medication.name.value,
            MedicationRecord.since == medication.since,
            MedicationRecord.until.is_(None)
            if medication.until is None
            else MedicationRecord.until == medication.until,
        )
    ).first()
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
        context=tuple(list_context(session)),
        conditions=tuple(list_conditions(session)),
        screenings=tuple(list_screenings(session)),
        ovulation_signs=tuple(list_ovulation_signs(session)),
        periods=tuple(list_periods(session)),
        appointments=tuple(list_appointments(session)),
        episodes=tuple(list_episodes(session)),
        pregnancy_tests=tuple(list_pregnancy_tests(session)),
        medications=tuple(list_medications(session)),
        profile=get_profile(session),
    )
