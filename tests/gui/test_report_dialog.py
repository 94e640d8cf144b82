"""The report dialogs, driven without blocking: prompts are replaced, PDFs read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QToolBar
from pytestqt.qtbot import QtBot

from journal.domain import interchange
from journal.domain.model import Appointment
from journal.gui.report_dialog import (
    AppointmentDialog,
    AppointmentEditor,
    EpisodeReportPreview,
    ReportPrompts,
    open_episode_report,
)
from journal.services import JournalService
from tests.reports.report_data import NOTE_SCRIPT, pdf_text, report_journal, squeezed


@pytest.fixture
def service(service: JournalService) -> JournalService:
    """The suite's open journal, holding the report test data."""
    service.import_data(interchange.to_json(report_journal()))
    return service


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, bool]]:
    messages: list[tuple[str, str, bool]] = []

    def tell(_parent: object, title: str, text: str, error: bool = False) -> None:
        messages.append((title, text, error))

    monkeypatch.setattr(ReportPrompts, "tell", classmethod(lambda cls, *a, **k: tell(*a, **k)))
    return messages


def _answer_path(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:
    monkeypatch.setattr(ReportPrompts, "ask_pdf_path", classmethod(lambda cls, p, s: path))


def test_episode_report_preview_saves_a_pdf_and_says_it_is_not_encrypted(
    qtbot, service: JournalService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told
) -> None:
    dialog = open_episode_report(service, "ep-mid", None)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, EpisodeReportPreview) and dialog.isVisible()
    toolbar = dialog.findChildren(QToolBar)[0]
    assert dialog.save_action in toolbar.actions()
    target = tmp_path / "episode.pdf"
    _answer_path(monkeypatch, target)
    assert dialog.save_pdf() == target
    text, pages = pdf_text(target)
    assert "Bleeding episode of 11 Sep 2026" in text and f"page 1 of {pages}" in text
    assert squeezed(NOTE_SCRIPT) in squeezed(text)
    assert told[-1][0] == "Report saved" and "not encrypted" in told[-1][1]
    # A second save to the same name is refused with one clear sentence.
    assert dialog.save_pdf() is None
    assert told[-1][2] and "already exists" in told[-1][1]


def test_episode_preview_closes_at_once_on_lock(qtbot, service: JournalService) -> None:
    dialog = open_episode_report(service, "ep-sex-1", None)
    qtbot.addWidget(dialog)
    dialog.reject()
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.document is None


def test_appointment_dialog_presets_and_preview(qtbot, service: JournalService) -> None:
    dialog = AppointmentDialog(service)
    qtbot.addWidget(dialog)
    assert dialog.preset.itemText(AppointmentDialog.SINCE_VISIT) == (
        "Since the visit with Dr <i>Who</i> on 20 Aug 2026"
    )
    assert dialog.range() == (date(2026, 8, 20), date(2026, 11, 22))
    assert "5 episodes" in " ".join(dialog.preview.toPlainText().split())
    dialog.preset.setCurrentIndex(AppointmentDialog.MONTHS_3)
    assert dialog.range() == (date(2026, 8, 22), date(2026, 11, 22))
    assert not dialog.from_edit.isEnabled()
    dialog.preset.setCurrentIndex(AppointmentDialog.YEAR)
    assert dialog.range()[0] == date(2025, 11, 22)
    assert "6 episodes" in " ".join(dialog.preview.toPlainText().split())
    dialog.set_range(date(2026, 9, 1), date(2026, 9, 30))
    assert dialog.from_edit.isEnabled()
    assert "1 September to 30 September 2026" in dialog.preview.toPlainText()
    assert dialog.range_label.text() == "This summary covers 1 September to 30 September 2026."


def test_adding_an_appointment_moves_since_the_last_visit(
    qtbot, service: JournalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = AppointmentDialog(service)
    qtbot.addWidget(dialog)
    visit = Appointment(date(2026, 10, 10), "Gynaecologist", "<b>scan</b>")
    monkeypatch.setattr(ReportPrompts, "ask_appointment", classmethod(lambda cls, p: visit))
    assert dialog.add_appointment() == visit
    assert service.last_appointment() == visit
    assert dialog.range() == (date(2026, 10, 10), date(2026, 11, 22))
    text = dialog.preview.toPlainText()
    assert "Since the visit with Gynaecologist on 10 October 2026" in text
    assert "<b>scan</b>" in text  # journal text stays text
    # A visit logged today is this visit: the summary still runs from the one before.
    today = Appointment(date(2026, 11, 22), "GP", "")
    monkeypatch.setattr(ReportPrompts, "ask_appointment", classmethod(lambda cls, p: today))
    assert dialog.add_appointment() == today
    assert dialog.range() == (date(2026, 10, 10), date(2026, 11, 22))
    assert "Gynaecologist" in dialog.preset.itemText(AppointmentDialog.SINCE_VISIT)


def test_appointment_dialog_save_and_print(
    qtbot, service: JournalService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told
) -> None:
    dialog = AppointmentDialog(service)
    qtbot.addWidget(dialog)
    target = tmp_path / "summary.pdf"
    _answer_path(monkeypatch, target)
    assert dialog.save_pdf() == target
    text, _pages = pdf_text(target)
    assert "5 episodes" in text and "Questions for this visit" in text
    assert "Preparing for your appointment" not in text  # explanations only when asked for
    dialog.explanations_check.setChecked(True)
    dialog.name_edit.setText("Alex Example")
    dialog.name_edit.editingFinished.emit()
    appendix = tmp_path / "summary-appendix.pdf"
    _answer_path(monkeypatch, appendix)
    assert dialog.save_pdf() == appendix
    text, _pages = pdf_text(appendix)
    assert "Preparing for your appointment" in text and "Alex Example" in text
    assert "not encrypted" in told[-1][1]
    # Printing goes to whatever printer the print dialog gives: here a PDF file printer.
    from PySide6.QtPrintSupport import QPrinter

    printed = tmp_path / "printed.pdf"

    def printer(_cls: object, _parent: object, _document: object) -> QPrinter:
        chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        chosen.setOutputFileName(str(printed))
        return chosen

    monkeypatch.setattr(ReportPrompts, "ask_printer", classmethod(printer))
    assert dialog.print_summary()
    text, pages = pdf_text(printed)
    assert f"page {pages} of {pages}" in text


def test_appointment_dialog_closes_at_once_on_lock(qtbot, service: JournalService) -> None:
    dialog = AppointmentDialog(service)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.reject()
    assert not dialog.isVisible() and dialog.document is None
    assert dialog.preview.toPlainText() == ""


def test_a_closed_episode_preview_is_deleted_with_its_document(
    qtbot: QtBot, service: JournalService
) -> None:
    from PySide6.QtCore import QObject

    dialog = open_episode_report(service, "ep-mid", None)
    document = dialog.document
    assert document is not None
    destroyed: list[QObject] = []
    document.destroyed.connect(lambda: destroyed.append(document))
    dialog.reject()
    qtbot.waitUntil(lambda: bool(destroyed))


def test_add_appointment_saves_with_ctrl_enter_and_asks_before_dropping_typing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def confirm(_parent: object, text: str, action: str = "Delete") -> bool:
        asked.append(text)
        return False  # keep the typing

    monkeypatch.setattr("journal.gui.confirm.confirm", confirm)
    editor = AppointmentEditor()
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()  # shortcuts work in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    qtbot.keyClicks(editor.with_edit, "GP")
    qtbot.keyClick(editor.with_edit, Qt.Key.Key_Escape)
    assert asked and editor.isVisible()  # kept
    editor.notes_edit.setFocus()
    qtbot.keyClicks(editor.notes_edit, "Follow-up")
    with qtbot.waitSignal(editor.accepted, timeout=1000):
        qtbot.keyClick(editor.notes_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert (editor.appointment().with_, editor.appointment().notes) == ("GP", "Follow-up")


def test_add_appointment_closes_at_once_on_esc_when_nothing_was_typed(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("journal.gui.confirm.confirm", lambda *_a, **_k: pytest.fail("asked"))
    editor = AppointmentEditor()
    qtbot.addWidget(editor)
    editor.show()
    with qtbot.waitSignal(editor.rejected, timeout=1000):
        qtbot.keyClick(editor.with_edit, Qt.Key.Key_Escape)


def test_the_summary_preview_is_paper_white_in_a_dark_palette(
    qtbot: QtBot, service: JournalService
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    app.setPalette(dark)
    try:
        dialog = AppointmentDialog(service)
        qtbot.addWidget(dialog)
        palette = dialog.preview.palette()
        assert palette.color(QPalette.ColorRole.Base) == QColor("#ffffff")
        assert palette.color(QPalette.ColorRole.Text) == QColor("#000000")
    finally:
        app.setPalette(before)
