"""Pregnancy tests, medications, the profile and ongoing episodes on real journals."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from journal.domain.errors import InvalidInput
from journal.domain.model import JournalData, Medication, PregnancyTest, Profile
from journal.domain.vocabulary import Amount, MedicationName, PregnancyTestResult
from journal.services import Changes, JournalService
from journal.services.journal_service import EpisodeNotOngoing
from tests.helpers import PASSPHRASE, draft, file_digest


@pytest.fixture
def service(journal_path: Path) -> Iterator[JournalService]:
    JournalService.create(journal_path, PASSPHRASE)
    opened = JournalService.open(journal_path, PASSPHRASE)
    yield opened
    opened.close()


def reopened(service: JournalService) -> JournalData:
    """What a fresh connection reads back from the file."""
    path = service.path
    service.close()
    again = JournalService.open(path, PASSPHRASE)
    try:
        return again.data()
    finally:
        again.close()


def test_pregnancy_tests_medications_and_profile_are_kept(service: JournalService) -> None:
    seen: list[Changes] = []
    service.changes.subscribe(seen.append)
    test = PregnancyTest(date(2026, 10, 1), PregnancyTestResult.POSITIVE)
    hrt = Medication(MedicationName.HRT_CONTINUOUS, date(2025, 6, 1))
    ec = Medication(MedicationName.EMERGENCY_CONTRACEPTION, date(2026, 9, 2), date(2026, 9, 2))
    service.save_pregnancy_test(test)
    service.save_medication(hrt)
    service.save_medication(ec)
    service.save_profile(Profile(birth_year=1980, name="Alex Example"))
    assert len(seen) == 4 and all(c.context for c in seen)
    data = reopened(service)
    assert data.pregnancy_tests == (test,)
    assert data.medications == (hrt, ec)
    assert data.profile == Profile(birth_year=1980, name="Alex Example")


def test_editing_and_deleting_the_new_records(service: JournalService) -> None:
    negative = PregnancyTest(date(2026, 10, 1), PregnancyTestResult.NEGATIVE)
    positive = replace(negative, result=PregnancyTestResult.POSITIVE)
    service.save_pregnancy_test(negative)
    service.save_pregnancy_test(positive, replacing=negative)
    assert service.data().pregnancy_tests == (positive,)
    tamoxifen = Medication(MedicationName.TAMOXIFEN, date(2024, 1, 1))
    stopped = replace(tamoxifen, until=date(2026, 1, 1))
    service.save_medication(tamoxifen)
    service.save_medication(stopped, replacing=tamoxifen)
    assert service.data().medications == (stopped,)
    service.delete_pregnancy_test(positive)
    service.delete_medication(stopped)
    service.save_profile(Profile(birth_year=1980))
    service.delete_profile()
    assert reopened(service) == JournalData()


@pytest.mark.parametrize(
    ("add", "message"),
    [
        (
            lambda s: s.save_pregnancy_test(
                PregnancyTest(date(2026, 12, 1), PregnancyTestResult.NEGATIVE)
            ),
            "'date': is in the future",
        ),
        (
            lambda s: s.save_medication(Medication(MedicationName.TAMOXIFEN, date(2027, 1, 1))),
            "'since': is in the future",
        ),
        (
            lambda s: s.save_medication(
                Medication(MedicationName.TAMOXIFEN, date(2026, 1, 2), date(2026, 1, 1))
            ),
            "'until': is before the start",
        ),
        (lambda s: s.save_profile(Profile(birth_year=2027)), "'birth_year': 2027 is in the future"),
        (lambda s: s.save_profile(Profile(birth_year=1850)), "'birth_year': 1850 is not"),
        (lambda s: s.save_profile(Profile(name="n" * 201)), "'name': is 201 characters"),
    ],
)
def test_bad_new_records_are_refused_and_change_nothing(
    service: JournalService, journal_path: Path, add: object, message: str
) -> None:
    digest = file_digest(journal_path)
    with pytest.raises(InvalidInput) as caught:
        add(service)  # type: ignore[operator]
    assert str(caught.value).startswith(message)
    assert file_digest(journal_path) == digest


def test_the_same_medication_twice_is_refused(service: JournalService) -> None:
    hrt = Medication(MedicationName.HRT_SEQUENTIAL, date(2025, 6, 1))
    service.save_medication(hrt)
    with pytest.raises(InvalidInput, match="already in the journal"):
        service.save_medication(hrt)


def test_an_ongoing_episode_is_kept_and_ended(service: JournalService) -> None:
    episode = service.add_episode(
        replace(draft(when=datetime(2026, 11, 20, 8, 0), amount=Amount.VERY_HEAVY), ongoing=True)
    )
    assert service.ongoing_episodes() == [episode]
    assert reopened(service).episodes == (episode,)
    service = JournalService.open(service.path, PASSPHRASE)
    try:
        ended = service.end_episode(episode.id)  # now: the test clock, to the minute
        assert ended.ended_at == datetime(2026, 11, 22, 12, 0)
        assert not ended.ongoing
        assert service.episode(episode.id) == ended
        assert service.ongoing_episodes() == []
        with pytest.raises(EpisodeNotOngoing, match="is not ongoing"):
            service.end_episode(episode.id)
    finally:
        service.close()


def test_ending_before_the_start_or_in_the_future_is_refused(
    service: JournalService, journal_path: Path
) -> None:
    episode = service.add_episode(replace(draft(when=datetime(2026, 11, 20, 8, 0)), ongoing=True))
    digest = file_digest(journal_path)
    with pytest.raises(InvalidInput, match="before the episode started"):
        service.end_episode(episode.id, datetime(2026, 11, 20, 7, 59))
    with pytest.raises(InvalidInput, match="before the episode started"):
        service.end_episode(episode.id, date(2026, 11, 19))
    with pytest.raises(InvalidInput, match="future"):
        service.end_episode(episode.id, date(2026, 11, 23))
    assert file_digest(journal_path) == digest
    assert service.end_episode(episode.id, date(2026, 11, 20)).ended_at == date(2026, 11, 20)


def test_an_ongoing_episode_with_an_end_is_refused(service: JournalService) -> None:
    with pytest.raises(InvalidInput, match="still ongoing"):
        service.add_episode(replace(draft(), ended_at=datetime(2026, 3, 11, 8, 0), ongoing=True))


def test_import_fills_the_profile_and_refuses_a_different_one(service: JournalService) -> None:
    service.save_profile(Profile(name="Alex"))
    document = {"format": "health-journal", "version": 2, "profile": {"birth_year": 1984}}
    service.import_data(document)
    assert service.profile() == Profile(birth_year=1984, name="Alex")
    service.import_data(document)  # the same again is no clash
    with pytest.raises(InvalidInput, match=r"profile, field 'birth_year'.*different"):
        service.import_data({**document, "profile": {"birth_year": 1985}})
    assert service.profile() == Profile(birth_year=1984, name="Alex")


@pytest.mark.parametrize(
    ("document", "where"),
    [
        ({"pregnancy_tests": [{"date": "2027-01-01", "result": "positive"}]}, "pregnancy_tests[0]"),
        ({"medications": [{"name": "tamoxifen", "since": "2027-01-01"}]}, "medications[0]"),
        (
            {"medications": [{"name": "tamoxifen", "since": "2026-01-01", "until": "2027-01-01"}]},
            "medications[0]",
        ),
        ({"profile": {"birth_year": 2030}}, "profile"),
    ],
)
def test_import_refuses_future_new_records(
    service: JournalService, document: dict[str, object], where: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"{where.replace('[', '.').replace(']', '.')}.*future"):
        service.import_data({"format": "health-journal", "version": 2, **document})
    assert service.data() == JournalData()


def test_cycle_json_carries_pregnancy_and_age(service: JournalService) -> None:
    service.save_profile(Profile(birth_year=1990))
    service.save_pregnancy_test(PregnancyTest(date(2026, 3, 1), PregnancyTestResult.POSITIVE))
    episode = service.add_episode(draft(when=datetime(2026, 3, 10, 8, 30)))
    cycle = service.explain(episode.id).to_json()["cycle"]
    assert cycle["pregnancy"] == "pregnant"
    assert cycle["age"] == 36
    service.delete_profile()
    cycle = service.explain(episode.id).to_json()["cycle"]
    assert "age" not in cycle
