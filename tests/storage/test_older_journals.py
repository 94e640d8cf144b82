"""Every release must open every older journal: journals written by earlier schema versions.

``data/journal-v0001.hjournal`` was written by the first release (schema 0001, passphrase
"sample passphrase") from ``data/journal-v0001.json``; ``journal-v0002.hjournal`` by
schema 0002 from ``journal-v0002.json`` (format version 2: profile, pregnancy tests,
medications, an ongoing and a very heavy episode). Each new migration adds its own sample
here; opening a copy must upgrade it and give the same data back.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from journal.domain.model import EpisodeDraft, Medication, PregnancyTest, Profile
from journal.domain.vocabulary import Amount, MedicationName, PregnancyTestResult, Symptom
from journal.services import JournalService
from journal.storage.migrate import head_revision

DATA = Path(__file__).resolve().parent / "data"
SAMPLES = sorted(DATA.glob("journal-v*.hjournal"))


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_older_journal_opens_with_its_data(sample: Path, tmp_path: Path) -> None:
    copy = tmp_path / sample.name
    shutil.copyfile(sample, copy)  # never touch the checked-in sample itself
    expected = json.loads(sample.with_suffix(".json").read_text(encoding="utf-8"))
    service = JournalService.open(copy, "sample passphrase")
    try:
        exported = service.export_json()
        assert service.check() == []
    finally:
        service.close()
    for section, records in expected.items():
        if isinstance(records, dict):  # the profile (schema 0002 on)
            assert exported[section] == records, section
        if not isinstance(records, list):
            continue
        got = exported[section]
        if section == "episodes":
            records = sorted(records, key=lambda r: r["id"])
            got = sorted(got, key=lambda r: r["id"])
        assert len(got) == len(records), section
        # Every value the sample was written with comes back (the export may add defaults).
        for want, have in zip(records, got, strict=True):
            assert {k: have.get(k) for k in want} == want, section


def test_samples_cover_every_schema() -> None:
    assert [s.name for s in SAMPLES] == ["journal-v0001.hjournal", "journal-v0002.hjournal"]
    assert head_revision() == "0002"


def test_the_second_schema_sample_holds_every_new_kind_of_record(tmp_path: Path) -> None:
    copy = tmp_path / "v2.hjournal"
    shutil.copyfile(DATA / "journal-v0002.hjournal", copy)
    service = JournalService.open(copy, "sample passphrase")
    try:
        data = service.data()
    finally:
        service.close()
    assert data.profile == Profile(birth_year=1979, name="Sample Person")
    assert {e.id for e in data.episodes if e.ongoing} == {"v2-ongoing"}
    assert {e.amount for e in data.episodes} >= {Amount.VERY_HEAVY}
    assert {m.name for m in data.medications} == {
        MedicationName.HRT_CONTINUOUS,
        MedicationName.ANTICOAGULANT,
        MedicationName.EMERGENCY_CONTRACEPTION,
    }
    assert [t.result for t in data.pregnancy_tests] == [PregnancyTestResult.NEGATIVE]


def test_an_upgraded_first_schema_journal_keeps_the_new_records(tmp_path: Path) -> None:
    """Schema 0002 on a 0001 file: ongoing episodes, tests, medications, profile all stick."""
    copy = tmp_path / "old.hjournal"
    shutil.copyfile(DATA / "journal-v0001.hjournal", copy)
    service = JournalService.open(copy, "sample passphrase")
    try:
        before = service.data()
        episode = service.add_episode(
            EpisodeDraft(
                started_at=date(2026, 11, 20),
                amount=Amount.VERY_HEAVY,
                symptoms=frozenset({Symptom.FAINTING}),
                ongoing=True,
            )
        )
        service.save_pregnancy_test(PregnancyTest(date(2026, 11, 1), PregnancyTestResult.NEGATIVE))
        service.save_medication(Medication(MedicationName.ANTICOAGULANT, date(2025, 1, 1)))
        service.save_profile(Profile(birth_year=1985))
    finally:
        service.close()
    again = JournalService.open(copy, "sample passphrase")
    try:
        data = again.data()
        assert again.check() == []
    finally:
        again.close()
    assert set(data.episodes) == {*before.episodes, episode}
    assert data.pregnancy_tests == (PregnancyTest(date(2026, 11, 1), PregnancyTestResult.NEGATIVE),)
    assert data.medications == (Medication(MedicationName.ANTICOAGULANT, date(2025, 1, 1)),)
    assert data.profile == Profile(birth_year=1985)
    assert head_revision() == "0002"
