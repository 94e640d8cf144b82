"""``import [--from FORMAT] [--dry-run] FILE`` as real processes."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from journal.domain.dates import DATES
from journal.storage import create_journal
from tests.helpers import PASSPHRASE, file_digest

DATA = Path(__file__).parent / "data"


def run(journal: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HEALTH_JOURNAL")}
    environment["HEALTH_JOURNAL_PASSPHRASE"] = PASSPHRASE
    environment["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, "-m", "journal", "--journal", str(journal), *args],
        input="",
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


@pytest.fixture
def journal(journal_path: Path) -> Path:
    create_journal(journal_path, PASSPHRASE)
    return journal_path


def test_dry_run_prints_the_preview_and_changes_nothing(journal: Path) -> None:
    before = file_digest(journal)
    result = run(journal, "import", "--from", "drip", "--dry-run", str(DATA / "drip-data.csv"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        "To add: 3 periods, 3 episodes, 2 ovulation signs, 0 pregnancy tests.",
        f"Dates: {DATES.range(date(2026, 1, 5), date(2026, 3, 5))}.",
        "Already in the journal (skipped): 0.",
    ]
    assert (
        f"  1 × intercourse on a day without an episode ({DATES.short(date(2026, 1, 28))})"
        in result.stdout
    )
    assert result.stdout.splitlines()[-1] == "Dry run: nothing was changed."
    assert file_digest(journal) == before


def test_without_from_the_format_is_recognised_and_said(journal: Path) -> None:
    result = run(journal, "import", str(DATA / "clue-measurements.json"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Recognised the file as a Clue export."
    assert lines[-1] == (
        "Imported 3 periods, 3 episodes, 3 ovulation signs, 1 pregnancy test; "
        "0 already in the journal were skipped."
    )
    again = run(journal, "import", str(DATA / "clue-measurements.json"))
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-1] == (
        "Imported 0 periods, 0 episodes, 0 ovulation signs, 0 pregnancy tests; "
        "10 already in the journal were skipped."
    )
    listed = run(journal, "list")
    assert [line.split()[0] for line in listed.stdout.splitlines()] == ["clue-202"] * 3


def test_an_unknown_format_is_a_usage_error_before_the_passphrase(journal: Path) -> None:
    result = run(journal, "import", "--from", "fitbit", str(DATA / "drip-data.csv"))
    assert result.returncode == 2
    assert "fitbit" in result.stderr and "drip, clue, flo" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_unrecognised_file_says_to_name_its_format(journal: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\n")
    result = run(journal, "import", str(notes))
    assert result.returncode == 1
    assert "--from" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_damaged_export_is_one_line_and_changes_nothing(journal: Path, tmp_path: Path) -> None:
    broken = tmp_path / "export.xml"
    broken.write_bytes((DATA / "apple-health-export.xml").read_bytes()[:5000])
    before = file_digest(journal)
    result = run(journal, "import", "--from", "apple-health", str(broken))
    assert result.returncode == 1
    assert result.stderr.startswith("health-journal: Apple Health export, line ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert file_digest(journal) == before


def test_the_journal_s_own_json_still_imports_and_dry_runs(journal: Path, tmp_path: Path) -> None:
    export = tmp_path / "mine.json"
    export.write_text(
        '{"format": "health-journal", "version": 1, "periods": [{"start": "2026-01-05"}],'
        ' "episodes": [{"id": "e1", "started_at": "2026-01-21", "amount": "light"}]}'
    )
    before = file_digest(journal)
    dry = run(journal, "import", "--dry-run", str(export))
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "Recognised the file as a Health Journal export.",
        "The file holds 1 episode(s), 1 period(s) and 0 other record(s).",
        "Dry run: nothing was changed.",
    ]
    assert file_digest(journal) == before
    done = run(journal, "import", "--from", "health-journal", str(export))
    assert done.returncode == 0, done.stderr
    assert "Imported 1 episode(s), 1 period(s)" in done.stdout
