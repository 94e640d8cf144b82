"""The service layer on real journals: episodes, periods, context, import/export."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from journal.domain.errors import InvalidInput
from journal.domain.model import (
    Appointment,
    Condition,
    ContextEntry,
    JournalData,
    OvulationSign,
    Period,
    Screening,
)
from journal.domain.vocabulary import (
    Amount,
    ConditionName,
    Contraception,
    LifeStage,
    OvulationSignKind,
    ScreeningKind,
    ScreeningResult,
    Trigger,
)
from journal.services import Changes, EpisodeNotFound, JournalService
from tests.helpers import draft, file_digest

SPEC_EXAMPLE = {
    "format": "health-journal",
    "version": 2,
    "profile": {"birth_year": 1990},
    "context": [
        {
            "since": "2025-01-01",
            "life_stage": "reproductive",
            "contraception": "none",
            "trying_to_conceive": False,
        }
    ],
    "conditions": [{"name": "pcos", "since": "2020-03-01"}],
    "screenings": [{"kind": "cervical-screening", "date": "2024-05-01", "result": "normal"}],
    "ovulation_signs": [{"date": "2026-01-16", "sign": "positive-opk"}],
    "pregnancy_tests": [{"date": "2026-02-20", "result": "negative"}],
    "medications": [{"name": "hrt-continuous", "since": "2025-06-01", "until": None}],
    "periods": [{"start": "2026-01-03", "end": "2026-01-07"}],
    "appointments": [{"date": "2026-02-10", "with": "GP", "notes": ""}],
    "episodes": [
        {
            "id": "e1",
            "started_at": "2026-01-21T07:30",
            "amount": "spotting",
            "colour": "bright-red",
            "in_mucus": False,
            "mucus": "none",
            "trigger": "intercourse",
            "pain": "none",
            "symptoms": ["vaginal-dryness"],
            "notes": "",
        }
    ],
}


def test_add_update_delete_restore(service: JournalService) -> None:
    seen: list[Changes] = []
    service.changes.subscribe(seen.append)
    episode = service.add_episode(draft(notes="<b>bold</b> '; DROP TABLE episode;--"))
    assert service.episode(episode.id).notes == "<b>bold</b> '; DROP TABLE episode;--"
    updated = service.update_episode(episode.id, draft(amount=Amount.HEAVY))
    assert service.episode(episode.id).amount is Amount.HEAVY
    deleted = service.delete_episode(episode.id)
    assert deleted == updated
    with pytest.raises(EpisodeNotFound):
        service.episode(episode.id)
    service.restore_episode(deleted)
    assert service.episode(episode.id) == updated
    assert len(seen) == 4 and all(c.episodes for c in seen)


def test_future_episode_is_refused(service: JournalService) -> None:
    with pytest.raises(InvalidInput, match="future"):
        service.add_episode(draft(when=datetime(2026, 11, 23, 9, 0)))
    assert service.episodes() == []


def test_episodes_in_range(service: JournalService) -> None:
    for day in (date(2026, 1, 1), datetime(2026, 1, 31, 23, 59), date(2026, 2, 1)):
        service.add_episode(draft(when=day))
    inside = service.episodes(date(2026, 1, 1), date(2026, 1, 31))
    assert [e.day for e in inside] == [date(2026, 1, 1), date(2026, 1, 31)]


def test_resolve_id_accepts_unique_prefix(service: JournalService) -> None:
    episode = service.add_episode(draft())
    assert service.resolve_id(episode.id[:8]) == episode.id
    with pytest.raises(EpisodeNotFound):
        service.resolve_id("zzzzzzzz")


def test_overlapping_period_is_refused(service: JournalService) -> None:
    service.save_period(Period(date(2026, 1, 3), date(2026, 1, 7)))
    with pytest.raises(InvalidInput, match="overlaps"):
        service.save_period(Period(date(2026, 1, 6), date(2026, 1, 9)))
    assert service.periods() == [Period(date(2026, 1, 3), date(2026, 1, 7))]


def test_context_records_round_trip(service: JournalService) -> None:
    service.save_context(
        ContextEntry(date(2025, 1, 1), LifeStage.BREASTFEEDING, Contraception.NONE)
    )
    service.save_condition(Condition(ConditionName.PCOS, date(2020, 1, 1)))
    service.save_screening(
        Screening(ScreeningKind.CERVICAL_SCREENING, date(2024, 5, 1), ScreeningResult.NORMAL)
    )
    service.save_ovulation_sign(OvulationSign(date(2026, 1, 16), OvulationSignKind.PEAK_MUCUS))
    service.save_appointment(Appointment(date(2026, 2, 10), "GP", "bring notes"))
    data = service.data()
    assert data.context[0].life_stage is LifeStage.BREASTFEEDING
    assert data.conditions[0].name is ConditionName.PCOS
    assert service.last_appointment() == Appointment(date(2026, 2, 10), "GP", "bring notes")
    service.delete_condition(Condition(ConditionName.PCOS, date(2020, 1, 1)))
    assert service.data().conditions == ()


def test_spec_example_imports_and_round_trips(service: JournalService, tmp_path: Path) -> None:
    summary = service.import_data(SPEC_EXAMPLE)
    assert summary.episodes == 1
    exported = service.export_json()
    assert exported == {**SPEC_EXAMPLE, "episodes": exported["episodes"]}
    assert exported["episodes"][0]["trigger"] == "intercourse"
    target = tmp_path / "out.json"
    service.export_to(target)
    JournalService.create(tmp_path / "second.hj", "pw")
    second = JournalService.open(tmp_path / "second.hj", "pw")
    try:
        second.import_file(target)
        assert second.data().normalised() == service.data().normalised()
        assert second.export_json() == exported
    finally:
        second.close()


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d["episodes"].append({**d["episodes"][0]}), "episodes[1]"),
        (lambda d: d["episodes"][0].update(amount="torrential"), "episodes[0]"),
        (lambda d: d["periods"].append({"start": "2026-02-30"}), "periods[1]"),
        (lambda d: d["episodes"][0].update(started_at="2030-01-01"), "episodes[0]"),
        (lambda d: d["context"][0].update(life_stage="teen"), "context[0]"),
    ],
)
def test_bad_import_changes_nothing(
    service: JournalService, journal_path: Path, mutate: object, where: str
) -> None:
    service.add_episode(draft())
    before = service.data()
    digest = file_digest(journal_path)
    document = json.loads(json.dumps(SPEC_EXAMPLE))
    mutate(document)  # type: ignore[operator]
    with pytest.raises(InvalidInput) as error:
        service.import_data(document)
    assert where in str(error.value)
    assert service.data() == before
    assert file_digest(journal_path) == digest


def test_import_clash_with_existing_id_names_record(service: JournalService) -> None:
    service.import_data(SPEC_EXAMPLE)
    with pytest.raises(InvalidInput, match=r"episodes\[0\].*already in the journal"):
        service.import_data(SPEC_EXAMPLE)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "not valid JSON"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[" * 5000, "nested too deeply"),
        (b'{"format": "other"}', "not a Health Journal export"),
        (b'{"format": "health-journal", "version": 7}', "version 7"),
    ],
)
def test_bad_files_give_one_sentence(
    service: JournalService, tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(content)
    with pytest.raises(InvalidInput, match=message):
        service.import_file(source)
    assert service.data() == JournalData()


def test_export_refuses_to_overwrite(service: JournalService, tmp_path: Path) -> None:
    target = tmp_path / "e.json"
    target.write_text("keep me")
    with pytest.raises(Exception, match="already exists"):
        service.export_to(target)
    assert target.read_text() == "keep me"


def test_after_sex_flag(service: JournalService) -> None:
    episode = service.add_episode(draft(trigger=Trigger.INTERCOURSE))
    assert episode.after_sex


def test_duplicate_records_and_future_condition_are_refused(service: JournalService) -> None:
    condition = Condition(ConditionName.HPV, date(2025, 1, 1))
    service.save_condition(condition)
    with pytest.raises(InvalidInput, match="already in the journal"):
        service.save_condition(condition)
    with pytest.raises(InvalidInput, match="future"):
        service.save_condition(Condition(ConditionName.PCOS, date(2027, 1, 1)))
    assert service.data().conditions == (condition,)


@pytest.mark.parametrize(
    ("section", "record", "where"),
    [
        ("context", {"since": "2027-01-01"}, "context[0]"),
        ("conditions", {"name": "hpv", "since": "2027-01-01"}, "conditions[0]"),
        ("screenings", {"kind": "sti-test", "date": "2027-01-01"}, "screenings[0]"),
        ("ovulation_signs", {"date": "2027-01-01", "sign": "peak-mucus"}, "ovulation_signs[0]"),
        ("periods", {"start": "2027-01-01"}, "periods[0]"),
    ],
)
def test_import_refuses_future_dates_everywhere(
    service: JournalService, section: str, record: dict[str, str], where: str
) -> None:
    document = {"format": "health-journal", "version": 1, section: [record]}
    with pytest.raises(InvalidInput, match=rf"{re.escape(where)}.*future"):
        service.import_data(document)
    assert service.data() == JournalData()


def test_editing_a_record_swaps_it_in_one_transaction(
    service: JournalService, journal_path: Path
) -> None:
    old = Screening(ScreeningKind.STI_TEST, date(2025, 3, 1), ScreeningResult.UNKNOWN)
    new = Screening(ScreeningKind.STI_TEST, date(2025, 3, 1), ScreeningResult.NORMAL)
    other = Screening(ScreeningKind.CERVICAL_SCREENING, date(2024, 1, 1), ScreeningResult.NORMAL)
    service.save_screening(old)
    service.save_screening(other)
    service.save_screening(new, replacing=old)
    assert set(service.data().screenings) == {new, other}
    service.save_screening(new, replacing=new)  # saving unchanged is no clash
    digest = file_digest(journal_path)
    with pytest.raises(InvalidInput, match="already in the journal"):
        service.save_screening(other, replacing=new)
    with pytest.raises(InvalidInput, match="future"):
        service.save_screening(Screening(ScreeningKind.STI_TEST, date(2027, 1, 1)), replacing=new)
    assert set(service.data().screenings) == {new, other}
    assert file_digest(journal_path) == digest
