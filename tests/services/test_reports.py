"""The report use case: write_report through the service, and the CLI's ``report`` command."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from journal.domain import interchange
from journal.services.journal_service import JournalService
from journal.services.reports import summary_for, write_report
from journal.storage.errors import StorageFailure
from tests.helpers import PASSPHRASE
from tests.reports.report_data import (
    NOTE_SCRIPT,
    pdf_image_count,
    pdf_text,
    report_journal,
    squeezed,
)


@pytest.fixture(autouse=True)
def journal(journal_path: Path) -> Path:
    """The report test data in a closed journal; the suite's ``service`` fixture opens it."""
    JournalService.create(journal_path, PASSPHRASE)
    service = JournalService.open(journal_path, PASSPHRASE)
    try:
        service.import_data(interchange.to_json(report_journal()))
    finally:
        service.close()
    return journal_path


def test_summary_defaults_to_since_the_last_visit(service: JournalService) -> None:
    summary = summary_for(service)
    assert (summary.start, summary.end) == (date(2026, 8, 20), date(2026, 11, 22))
    assert summary_for(service, start=date(2026, 7, 1)).figures.episodes == 6


def test_write_report_episode_and_range(service: JournalService, tmp_path: Path, qapp) -> None:
    episode_pdf = tmp_path / "out" / "episode.pdf"
    write_report(service, episode_pdf, episode_id="ep-mid")
    text, _pages = pdf_text(episode_pdf)
    assert "Bleeding episode of 11 Sep 2026 to 12 Sep 2026" in text
    assert squeezed(NOTE_SCRIPT) in squeezed(text)
    summary_pdf = tmp_path / "out" / "summary.pdf"
    write_report(service, summary_pdf, start=date(2026, 7, 1), end=date(2026, 9, 30))
    text, _pages = pdf_text(summary_pdf)
    assert "Appointment summary 1 July to 30 September 2026" in text
    assert "3 episodes" in text
    assert pdf_image_count(summary_pdf) >= 2
    with pytest.raises(StorageFailure, match="already exists"):
        write_report(service, summary_pdf)


def _run(journal: Path, *args: str, display: bool = True) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HEALTH_JOURNAL")}
    environment["HEALTH_JOURNAL_PASSPHRASE"] = PASSPHRASE
    if display:
        environment["QT_QPA_PLATFORM"] = "offscreen"
    else:
        # As on a server: no display and no platform chosen; the report must still work.
        for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
            environment.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "journal", "--journal", str(journal), *args],
        input="",
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_cli_report_episode_headless(journal: Path, tmp_path: Path) -> None:
    target = tmp_path / "episode.pdf"
    result = _run(journal, "report", "--episode", "ep-sex-1", "-o", str(target), display=False)
    assert result.returncode == 0, result.stderr
    assert "NOT encrypted" in result.stderr
    text, pages = pdf_text(target)
    assert pages >= 1 and f"page 1 of {pages}" in text
    assert "Bleeding episode of 5 Sep 2026, 22:30" in text
    again = _run(journal, "report", "--episode", "ep-sex-1", "-o", str(target))
    assert again.returncode == 1
    assert "already exists" in again.stderr and "Traceback" not in again.stderr


def test_cli_report_range(journal: Path, tmp_path: Path) -> None:
    target = tmp_path / "summary.pdf"
    result = _run(
        journal, "report", "--from", "2026-08-20", "--to", "2026-11-22", "-o", str(target)
    )
    assert result.returncode == 0, result.stderr
    text, _pages = pdf_text(target)
    assert "Appointment summary 20 August to 22 November 2026" in text
    assert "5 episodes" in text and "2 after sex" in text
    assert pdf_image_count(target) >= 2
    before = target.read_bytes()
    again = _run(journal, "report", "-o", str(target))
    assert again.returncode == 1 and "already exists" in again.stderr
    assert target.read_bytes() == before
