"""Imports into a real encrypted journal: all or nothing, idempotent, merging with what is
logged, and a damaged file of every format leaves the journal exactly as it was."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from journal.domain.dates import DATES
from journal.domain.errors import InvalidInput
from journal.domain.model import Period
from journal.domain.vocabulary import Amount, Trigger
from journal.services import JournalService
from journal.services.imports import read_export, recognise_file
from tests.helpers import PASSPHRASE, draft, file_digest

DATA = Path(__file__).parent / "data"
FILES = {
    "drip": "drip-data.csv",
    "clue": "clue-measurements.json",
    "flo": "flo-export.json",
    "apple-health": "apple-health-export.xml",
    "periodical": "Periodical-backup.json.gz",
    "mensinator": "mensinator.json",
    "ovumcy": "ovumcy-export.json",
}


@pytest.fixture
def service(journal_path: Path) -> Iterator[JournalService]:
    JournalService.create(journal_path, PASSPHRASE)
    opened = JournalService.open(journal_path, PASSPHRASE)
    yield opened
    opened.close()


@pytest.mark.parametrize("format_name", sorted(FILES))
def test_import_then_again_adds_nothing(service: JournalService, format_name: str) -> None:
    result = read_export(DATA / FILES[format_name], format_name)
    first = service.import_records(result)
    data = service.data()
    assert data.periods == result.data.periods
    assert data.episodes == tuple(sorted(result.data.episodes, key=lambda e: e.sort_key))
    assert set(data.ovulation_signs) == set(result.data.ovulation_signs)
    assert first.duplicates == 0
    assert set(data.pregnancy_tests) == set(result.data.pregnancy_tests)
    assert first.total == (
        len(result.data.periods)
        + len(result.data.episodes)
        + len(result.data.ovulation_signs)
        + len(result.data.pregnancy_tests)
    )

    again = service.import_records(read_export(DATA / FILES[format_name], format_name))
    assert again.total == 0
    assert again.duplicates == first.total
    assert service.data() == data


def test_preview_writes_nothing_and_matches_the_import(
    service: JournalService, journal_path: Path
) -> None:
    service.save_period(Period(date(2026, 1, 4), date(2026, 1, 6)))
    before = file_digest(journal_path)
    result = read_export(DATA / FILES["drip"], "drip")
    preview = service.plan_import(result)
    assert file_digest(journal_path) == before
    assert service.import_records(result) == preview


def test_a_period_overlapping_a_logged_one_is_skipped_and_named(service: JournalService) -> None:
    service.save_period(Period(date(2026, 1, 4), date(2026, 1, 6)))
    plan = service.import_records(read_export(DATA / FILES["clue"], "clue"))
    assert [p.start for p in plan.add.periods] == [date(2026, 2, 2), date(2026, 3, 2)]
    overlap = next(s for s in plan.skipped if s.reason == "period overlapping one already logged")
    assert overlap.count == 1
    assert overlap.examples == (
        f"the period {DATES.span(date(2026, 1, 5), date(2026, 1, 9), short=True)} overlaps "
        f"the period {DATES.span(date(2026, 1, 4), date(2026, 1, 6), short=True)}",
    )
    overlapped = DATES.span(date(2026, 1, 4), date(2026, 1, 6), short=True)
    assert f"overlaps the period {overlapped}" in "\n".join(plan.lines())
    assert [p.start for p in service.periods()] == [
        date(2026, 1, 4),
        date(2026, 2, 2),
        date(2026, 3, 2),
    ]


def test_an_episode_already_logged_by_hand_is_a_duplicate(service: JournalService) -> None:
    # same day, amount and trigger as the file's 2026-01-20 spotting after sex
    service.add_episode(draft(date(2026, 1, 20), Amount.SPOTTING, trigger=Trigger.INTERCOURSE))
    plan = service.import_records(read_export(DATA / FILES["drip"], "drip"))
    assert [e.id for e in plan.add.episodes] == ["drip-2026-01-15", "drip-2026-02-25"]
    assert plan.duplicates == 1
    assert "Already in the journal (skipped): 1." in plan.lines()


def test_two_apps_with_the_same_history_merge(service: JournalService) -> None:
    service.import_records(read_export(DATA / FILES["flo"], "flo"))
    plan = service.import_records(read_export(DATA / FILES["clue"], "clue"))
    # the same periods and signs; of the episodes only Clue's with another trigger is new
    assert plan.add.periods == ()
    assert plan.add.ovulation_signs == ()
    assert plan.add.episodes == ()
    assert plan.add.pregnancy_tests == ()
    assert plan.duplicates == 3 + 3 + 3 + 1


def test_records_in_the_future_are_skipped(service: JournalService) -> None:
    csv = b"date,bleeding.value,bleeding.exclude\n2026-12-24,1,true\n2026-11-01,1,true\n"
    path = service.path.parent / "future.csv"
    path.write_bytes(csv)
    plan = service.import_records(read_export(path, "drip"))
    assert [e.id for e in plan.add.episodes] == ["drip-2026-11-01"]
    assert [(s.reason, s.examples) for s in plan.skipped] == [
        ("dated in the future", (f"episode on {DATES.short(date(2026, 12, 24))}",))
    ]


def test_preview_lines(service: JournalService) -> None:
    plan = service.plan_import(read_export(DATA / FILES["flo"], "flo"))
    lines = plan.lines()
    assert lines[:3] == [
        "To add: 3 periods, 3 episodes, 3 ovulation signs, 1 pregnancy test.",
        f"Dates: {DATES.range(date(2026, 1, 5), date(2026, 3, 5))}.",
        "Already in the journal (skipped): 0.",
    ]
    days = f"{DATES.short(date(2026, 2, 16))}; {DATES.short(date(2026, 2, 12))}"
    assert f"  2 × deleted record ({days})" in lines


def _damaged(format_name: str, raw: bytes) -> bytes:
    """A realistic kind of damage for each format."""
    if format_name == "periodical":
        return raw[: len(raw) // 2]  # a cut-off download
    if format_name == "apple-health":
        return raw[: len(raw) * 2 // 3]  # a cut-off XML
    if format_name == "drip":
        return raw.replace(b"2026-02-25,", b"2026-02-31,")  # no such day
    if format_name == "flo":
        return raw.replace(b'"2026-02-02 00:00:00.0"', b'"02/02/2026"')
    return raw[: len(raw) - 40]  # JSON cut short


@pytest.mark.parametrize("format_name", sorted(FILES))
def test_a_damaged_file_changes_nothing(
    service: JournalService, journal_path: Path, tmp_path: Path, format_name: str
) -> None:
    service.save_period(Period(date(2025, 12, 1), date(2025, 12, 4)))
    before_data = service.data()
    before = file_digest(journal_path)
    source = tmp_path / FILES[format_name]
    source.write_bytes(_damaged(format_name, (DATA / FILES[format_name]).read_bytes()))
    with pytest.raises(InvalidInput) as caught:
        service.import_records(read_export(source, format_name))
    message = str(caught.value)
    assert message.startswith(
        {
            "drip": "drip export, row 6, field 'date'",
            "clue": "Clue export, file, field 'JSON'",
            "flo": "Flo export, cycles[1], field 'period_start_date'",
            "apple-health": "Apple Health export, line",
            "periodical": "Periodical export, file, field 'gzip'",
            "mensinator": "Mensinator export, file, field 'JSON'",
            "ovumcy": "Ovumcy export, file, field 'JSON'",
        }[format_name]
    ), message
    assert "\n" not in message
    assert file_digest(journal_path) == before
    assert service.data() == before_data


def test_recognise_file_reads_the_content_not_the_name(tmp_path: Path) -> None:
    for format_name, name in FILES.items():
        copy = tmp_path / f"export-{format_name}.dat"
        copy.write_bytes((DATA / name).read_bytes())
        assert recognise_file(copy) == format_name
    unknown = tmp_path / "notes.txt"
    unknown.write_text("shopping list\n")
    assert recognise_file(unknown) is None


def test_a_missing_file_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        read_export(tmp_path / "nope.csv", "drip")


def test_periodical_gzip_is_read_in_bounded_steps() -> None:
    raw = gzip.compress(b"[" + b" " * (70 * 1024 * 1024) + b"]")
    from journal.imports import Source, parse

    with pytest.raises(InvalidInput, match="Periodical export, gzip content, field 'size'"):
        parse("periodical", Source(io.BytesIO(raw), "test"))
