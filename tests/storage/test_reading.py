"""Reads through the driver alone: the same names as the models, the same records, and no
SQLAlchemy until the first change (checked in a real process)."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import sqlcipher3

from journal.domain.model import (
    Appointment,
    Condition,
    ContextEntry,
    Episode,
    Medication,
    Period,
    Profile,
)
from journal.domain.vocabulary import ConditionName, Contraception, LifeStage, MedicationName
from journal.services import JournalService
from journal.storage import create_journal, models, reading, repository
from journal.storage.cipher import key
from journal.storage.errors import StorageFailure
from journal.storage.migrate import head_revision
from tests.helpers import PASSPHRASE, draft


def test_every_record_kind_reads_the_table_and_columns_of_its_model() -> None:
    assert set(repository.TABLES) == set(reading.TABLES)
    for kind, table in reading.TABLES.items():
        columns = {c.name for c in repository.TABLES[kind].columns}
        assert repository.TABLES[kind].name == table.name
        assert {f.column for f in reading.FIELDS[kind]} <= columns, kind.__name__
        # Every other column is the row id of a kind that may hold a record twice.
        assert columns - {f.column for f in reading.FIELDS[kind]} <= {"id"}, kind.__name__
    assert models.episode.name == reading.EPISODE_TABLE
    assert {c.name for c in models.episode.columns} == set(reading.EPISODE_COLUMNS)
    assert [f.name for f in dataclasses.fields(Episode) if f.init] == list(reading.EPISODE_COLUMNS)
    assert models.profile.name == reading.PROFILE_TABLE


def test_every_kind_of_record_reads_back_as_written(journal_path: Path) -> None:
    create_journal(journal_path, PASSPHRASE)
    service = JournalService.open(journal_path, PASSPHRASE)
    try:
        episode = service.add_episode(draft(notes="notes"))
        service.save_record(Period(date(2026, 3, 1), None))
        service.save_record(Period(date(2026, 2, 1), date(2026, 2, 5)))
        service.save_record(
            ContextEntry(date(2026, 1, 1), LifeStage.REPRODUCTIVE, Contraception.NONE, True)
        )
        service.save_record(Condition(ConditionName.PCOS, date(2025, 6, 1)))
        service.save_record(Appointment(date(2026, 4, 2), "Dr 'O'Neil'", "bring the list"))
        service.save_record(Medication(MedicationName.ANTICOAGULANT, date(2026, 1, 5), None))
        service.save_profile(Profile(birth_year=1990, name="A. Person"))
        written = service.data()
    finally:
        service.close()
    again = JournalService.open(journal_path, PASSPHRASE)
    try:
        data = again.data()
        assert data == written
        assert data.episodes == (episode,)
        assert [p.start for p in data.periods] == [date(2026, 2, 1), date(2026, 3, 1)]
        assert data.context[0].trying_to_conceive is True
        assert data.medications[0].until is None
        assert data.profile == Profile(birth_year=1990, name="A. Person")
        assert again.episodes(date(2026, 3, 10), date(2026, 3, 10)) == [episode]
        assert again.episodes(date(2026, 3, 11), None) == []
        assert again.episode(episode.id) == episode
    finally:
        again.close()


def test_a_value_this_version_does_not_know_is_one_sentence(journal_path: Path) -> None:
    create_journal(journal_path, PASSPHRASE)
    service = JournalService.open(journal_path, PASSPHRASE)
    service.save_record(Condition(ConditionName.PCOS, date(2025, 6, 1)))
    service.close()
    conn = sqlcipher3.connect(str(journal_path))
    key(conn, PASSPHRASE)
    conn.execute("UPDATE condition SET name = 'from-the-future'")
    conn.commit()
    conn.close()
    service = JournalService.open(journal_path, PASSPHRASE)
    try:
        with pytest.raises(StorageFailure, match="does not know"):
            service.data()
        assert service.episodes(date(2020, 1, 1), None) == []  # the journal still answers
    finally:
        service.close()


_PROBE = """
import sys
from datetime import date
from journal.services import JournalService
service = JournalService.open(__import__("pathlib").Path(sys.argv[1]), sys.argv[2])
service.data(); service.episodes(date(2026, 1, 1), None)
print("after reading:", "sqlalchemy" in sys.modules)
from tests.helpers import draft
service.add_episode(draft())
print("after a change:", "sqlalchemy" in sys.modules)
service.close()
"""


def test_reading_a_journal_never_imports_sqlalchemy(journal_path: Path) -> None:
    """Unlocking and reading (the CLI's list, the GUI's unlock) do without it: 40 MB and a
    fifth of a second; the first change brings it in."""
    create_journal(journal_path, PASSPHRASE)
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    ran = subprocess.run(
        [sys.executable, "-c", _PROBE, str(journal_path), PASSPHRASE],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=root,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines() == ["after reading: False", "after a change: True"]


def test_the_revision_read_by_the_driver_is_alembics(journal_path: Path) -> None:
    create_journal(journal_path, PASSPHRASE)
    conn = sqlcipher3.connect(str(journal_path))
    key(conn, PASSPHRASE)
    try:
        assert reading.schema_revision(conn) == head_revision()
        conn.execute("DROP TABLE alembic_version")
        assert reading.schema_revision(conn) is None
    finally:
        conn.close()
