"""Journal → Import from another app…: the real dialog on a real encrypted journal."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from journal.domain.dates import DATES
from journal.gui import import_dialog
from journal.gui.import_dialog import ImportDialog
from journal.gui.journal_files import FilePrompts
from journal.services import JournalService
from tests.helpers import PASSPHRASE, file_digest

DATA = Path(__file__).resolve().parents[1] / "imports" / "data"


@pytest.fixture
def service(journal_path: Path) -> Iterator[JournalService]:
    JournalService.create(journal_path, PASSPHRASE)
    opened = JournalService.open(journal_path, PASSPHRASE)
    yield opened
    opened.close()


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(FilePrompts, "open_path", classmethod(lambda cls, *a: path))


def _open(qtbot: QtBot, service: JournalService, app: str) -> ImportDialog:
    dialog = ImportDialog(service)
    qtbot.addWidget(dialog)
    dialog.app.setCurrentIndex(dialog.app.findData(app))
    return dialog


def test_choose_app_and_file_preview_then_import(
    qtbot: QtBot, service: JournalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _open(qtbot, service, "drip")
    assert "drip-data.csv" in dialog.how_to.text()
    _choose(monkeypatch, DATA / "drip-data.csv")
    dialog.choose.click()
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10_000)
    preview = dialog.preview.toPlainText()
    assert "To add: 3 periods, 3 episodes, 2 ovulation signs, 0 pregnancy tests." in preview
    assert f"Dates: {DATES.range(date(2026, 1, 5), date(2026, 3, 5))}." in preview
    day = DATES.short(date(2026, 1, 28))
    assert f"1 × intercourse on a day without an episode ({day})" in preview
    assert service.data().periods == ()  # a preview writes nothing
    dialog.import_button.click()
    assert dialog.result() == ImportDialog.DialogCode.Accepted
    assert dialog.imported is not None and dialog.imported.total == 8
    assert len(service.data().periods) == 3
    assert [e.id for e in service.data().episodes] == [
        "drip-2026-01-15",
        "drip-2026-01-20",
        "drip-2026-02-25",
    ]


def test_a_second_import_of_the_same_file_offers_nothing(
    qtbot: QtBot, service: JournalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    _choose(monkeypatch, DATA / "clue-measurements.json")
    first = _open(qtbot, service, "clue")
    first.choose.click()
    qtbot.waitUntil(first.import_button.isEnabled, timeout=10_000)
    first.import_button.click()
    again = _open(qtbot, service, "clue")
    again.choose.click()
    qtbot.waitUntil(lambda: "Nothing in this Clue export is new" in again.status.text())
    assert not again.import_button.isEnabled()
    assert "Already in the journal (skipped): 10." in again.preview.toPlainText()


def test_a_damaged_file_says_why_and_imports_nothing(
    qtbot: QtBot, service: JournalService, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = tmp_path / "flo.json"
    broken.write_text('{"operationalData": {"cycles": [{"period_start_date": "soon"}]}}')
    _choose(monkeypatch, broken)
    dialog = _open(qtbot, service, "flo")
    dialog.choose.click()
    qtbot.waitUntil(lambda: "Nothing can be imported" in dialog.status.text())
    assert "Flo export, cycles[0], field 'period_start_date'" in dialog.status.text()
    assert not dialog.import_button.isEnabled()


def test_the_wrong_app_chosen_is_pointed_out(
    qtbot: QtBot, service: JournalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    _choose(monkeypatch, DATA / "flo-export.json")
    dialog = _open(qtbot, service, "clue")
    dialog.choose.click()
    qtbot.waitUntil(lambda: "Nothing can be imported" in dialog.status.text())
    assert dialog.status.text().endswith(
        "(measurements.json). The file looks like a Flo export: choose Flo above."
    )


def test_cancel_while_reading_a_large_file_leaves_the_journal_untouched(
    qtbot: QtBot,
    service: JournalService,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    journal_path: Path,
) -> None:
    big = tmp_path / "export.xml"
    record = (
        ' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" '
        'startDate="2026-01-01 08:00:00 +0100" endDate="2026-01-01 08:00:00 +0100" value="9"/>\n'
    )
    with big.open("w") as out:
        out.write('<HealthData locale="en">\n')
        for _ in range(40):
            out.write(record * 10_000)
        out.write("</HealthData>\n")
    before = file_digest(journal_path)
    _choose(monkeypatch, big)
    dialog = _open(qtbot, service, "apple-health")
    dialog.choose.click()
    assert dialog.progress.isVisible() or not dialog.isVisible()
    dialog.cancel_button.click()
    assert dialog.result() == ImportDialog.DialogCode.Rejected
    assert dialog._job is None  # the reading thread was stopped and waited for
    assert file_digest(journal_path) == before
    assert service.data().periods == ()


def test_menu_function_reports_what_was_imported(
    qtbot: QtBot, service: JournalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(FilePrompts, "tell", classmethod(lambda cls, p, t, text: told.append(text)))

    def run_dialog(self: ImportDialog) -> int:
        self.app.setCurrentIndex(self.app.findData("periodical"))
        _choose(monkeypatch, DATA / "Periodical-backup.json.gz")
        self.choose.click()
        qtbot.waitUntil(self.import_button.isEnabled, timeout=10_000)
        self.import_button.click()
        return int(self.result())

    monkeypatch.setattr(ImportDialog, "exec", run_dialog)
    assert import_dialog.import_from_app(None, service)  # type: ignore[arg-type]
    assert told == [
        "Imported 3 periods, 3 episodes, 0 ovulation signs, 0 pregnancy tests; "
        "0 already in the journal were skipped."
    ]
