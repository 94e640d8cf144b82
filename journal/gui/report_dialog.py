"""Printing and saving reports: the episode report preview and "Prepare for appointment".

Both build one ``QTextDocument`` (``journal.reports.render``) and send that same document
to the preview, the printer and the PDF writer. Every question a dialog asks (file name,
printer, new appointment, messages) goes through a classmethod of ``ReportPrompts``, so
tests replace them and nothing blocks. The dialogs are plain ``QDialog`` children of
their parent window: when the app locks, ``reject()`` closes them at once and drops the
report they held.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QAction, QColor, QPalette, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from journal import clock
from journal.domain.dates import DATES
from journal.domain.errors import JournalError
from journal.domain.model import Appointment
from journal.gui.form_helpers import show_dates
from journal.gui.form_keys import FormKeys
from journal.gui.window_fit import fit_to_screen
from journal.reports import render
from journal.reports.content import default_range, default_range_words, months_before
from journal.services import JournalService
from journal.services.reports import episode_report_for, summary_for

NOT_ENCRYPTED_WARNING = (
    "The PDF is not encrypted: anyone who can open the file can read it. "
    "Keep it somewhere private and delete it when you no longer need it."
)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ReportPrompts:
    """Every question the report dialogs ask; tests replace these classmethods."""

    @classmethod
    def ask_pdf_path(cls, parent: QWidget | None, suggested: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            parent,
            "Save report as PDF (not encrypted)",
            str(Path.home() / suggested),
            "PDF files (*.pdf)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")

    @classmethod
    def ask_printer(cls, parent: QWidget | None, document: QTextDocument) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        render.prepare_printer(printer, document)
        dialog = QPrintDialog(printer, parent)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    @classmethod
    def ask_appointment(cls, parent: QWidget | None) -> Appointment | None:
        editor = AppointmentEditor(parent)
        return editor.appointment() if editor.exec() == QDialog.DialogCode.Accepted else None

    @classmethod
    def tell(cls, parent: QWidget | None, title: str, text: str, error: bool = False) -> None:
        box = QMessageBox.critical if error else QMessageBox.information
        box(parent, title, text)


def save_pdf(parent: QWidget | None, document: QTextDocument, suggested: str) -> Path | None:
    """Ask where, write the PDF (never over an existing file) and say it is not encrypted."""
    path = ReportPrompts.ask_pdf_path(parent, suggested)
    if path is None or not _done(
        parent, "Report not saved", partial(render.write_pdf, document, path)
    ):
        return None
    ReportPrompts.tell(parent, "Report saved", f"Saved {path.name}. {NOT_ENCRYPTED_WARNING}")
    return path


def print_with_dialog(parent: QWidget | None, document: QTextDocument) -> bool:
    printer = ReportPrompts.ask_printer(parent, document)
    if printer is None:
        return False
    return _done(parent, "Not printed", partial(render.print_document, document, printer))


def _done(parent: QWidget | None, failed: str, action: Callable[[], object]) -> bool:
    """Whether ``action`` worked; if not, its one sentence is shown under the title ``failed``."""
    try:
        action()
    except JournalError as error:
        ReportPrompts.tell(parent, failed, str(error), error=True)
        return False
    return True


# --------------------------------------------------------------------------- episode report


class EpisodeReportPreview(QPrintPreviewDialog):
    """The print preview of one episode report, with print and "Save as PDF…"."""

    def __init__(self, document: QTextDocument, episode_day: str, parent: QWidget | None) -> None:
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        render.prepare_printer(self._printer, document)
        super().__init__(self._printer, parent)
        self.setWindowTitle("Episode report")
        fit_to_screen(self, "episode-report", QSize(900, 1000))
        self.document: QTextDocument | None = document
        self._suggested = f"episode-report-{episode_day}.pdf"
        self.paintRequested.connect(self._paint)
        self.save_action = QAction("Save as PDF…", self)
        self.save_action.setToolTip(NOT_ENCRYPTED_WARNING)
        self.save_action.triggered.connect(self.save_pdf)
        toolbars = self.findChildren(QToolBar)
        if toolbars:
            toolbars[0].addSeparator()
            toolbars[0].addAction(self.save_action)

    def _paint(self, printer: QPrinter) -> None:
        if self.document is not None:
            render.print_document(self.document, printer)

    def save_pdf(self) -> Path | None:
        if self.document is None:
            return None
        return save_pdf(self, self.document, self._suggested)

    def reject(self) -> None:
        self.document = None  # nothing of the journal stays behind once closed or locked
        super().reject()


def open_episode_report(
    service: JournalService, episode_id: str, parent: QWidget | None
) -> EpisodeReportPreview:
    """Show the episode report's print preview (non-blocking) and return the dialog."""
    report = episode_report_for(service, episode_id)
    document = render.build_document(report)
    dialog = EpisodeReportPreview(document, report.day.isoformat(), parent)
    document.setParent(dialog)
    # Deleted once closed (a lock closes it too): its pages and document go with it.
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


# --------------------------------------------------------------------------- appointments


class AppointmentEditor(QDialog):
    """Date, with whom, notes: one visit for the journal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add appointment")
        self.date_edit = QDateEdit(_qdate(clock.today()))
        self.date_edit.setCalendarPopup(True)
        show_dates(self.date_edit)
        self.date_edit.setMaximumDate(_qdate(clock.today()))
        self.with_edit = QLineEdit()
        self.with_edit.setPlaceholderText("e.g. GP, gynaecologist, clinic")
        self.notes_edit = QPlainTextEdit()
        form = QFormLayout(self)
        form.addRow("&Date", self.date_edit)
        form.addRow("&With", self.with_edit)
        form.addRow("&Notes", self.notes_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        # Like every form: Ctrl+Enter saves, Esc (or Cancel) asks before dropping typing.
        self.keys = FormKeys(
            self,
            self.accept,
            lambda: bool(self.with_edit.text().strip() or self.notes_edit.toPlainText().strip()),
        )
        # Save is the default button: Enter in a field, and Ctrl+Enter in the notes, save.
        buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.keys.cancel)
        form.addRow(buttons)
        self.with_edit.setFocus()  # the date is today's unless changed: start with whom

    def appointment(self) -> Appointment:
        return Appointment(
            date=_pydate(self.date_edit.date()),
            with_=self.with_edit.text().strip(),
            notes=self.notes_edit.toPlainText().strip(),
        )


class AppointmentDialog(QDialog):
    """ "Prepare for appointment": choose a range, preview the summary, print or save it."""

    SINCE_VISIT, MONTHS_3, MONTHS_6, YEAR, CUSTOM = range(5)

    def __init__(self, service: JournalService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Prepare for appointment")
        fit_to_screen(self, "appointment", QSize(860, 900))
        self._service = service
        self.document: QTextDocument | None = None

        self.preset = QComboBox()
        self.preset.addItems(["", "Last 3 months", "Last 6 months", "Last year", "Custom dates"])
        self.from_edit = QDateEdit()
        self.to_edit = QDateEdit()
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            show_dates(edit)
            edit.setMaximumDate(_qdate(clock.today()))
        self.range_label = QLabel()
        self.range_label.setWordWrap(True)
        self.range_label.setAccessibleName("Range the summary covers")
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Leave empty to print no name")
        self.name_edit.setAccessibleName("Name to print on the summary")
        self.name_edit.setToolTip(
            "Printed, with your age when the profile has your birth year, only if you fill it in."
        )
        self.explanations_check = QCheckBox("Include explanations")
        self.explanations_check.setToolTip(
            "Add what each card explains as an appendix (a few more pages)."
        )
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preset.setAccessibleName("Range")
        self.from_edit.setAccessibleName("From date")
        self.to_edit.setAccessibleName("To date")
        self.preview.setAccessibleName("Summary preview")
        # The preview is the page as it prints: dark ink on white paper, whatever the
        # desktop's palette (the report's own colours are chosen for paper).
        paper = self.preview.palette()
        paper.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
        paper.setColor(QPalette.ColorRole.Text, QColor("#000000"))
        self.preview.setPalette(paper)
        self.note = QLabel(NOT_ENCRYPTED_WARNING)
        self.note.setWordWrap(True)

        self.add_button = QPushButton("Add appointment…")
        self.print_button = QPushButton("Print…")
        self.save_button = QPushButton("Save as PDF…")
        self.close_button = QPushButton("Close")
        self.add_button.clicked.connect(self.add_appointment)
        self.print_button.clicked.connect(self.print_summary)
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(QLabel("Range"))
        top.addWidget(self.preset, 1)
        top.addWidget(QLabel("from"))
        top.addWidget(self.from_edit)
        top.addWidget(QLabel("to"))
        top.addWidget(self.to_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        for button in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        options = QHBoxLayout()
        options.addWidget(QLabel("Name on the summary"))
        options.addWidget(self.name_edit, 1)
        options.addWidget(self.explanations_check)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.range_label)
        layout.addLayout(options)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)

        self._label_since_visit()
        self.preset.setCurrentIndex(self.SINCE_VISIT)
        self._apply_preset()
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self.from_edit.dateChanged.connect(self._custom_changed)
        self.to_edit.dateChanged.connect(self._custom_changed)
        self.name_edit.editingFinished.connect(self.refresh)
        self.explanations_check.toggled.connect(self.refresh)

    # ------------------------------------------------------------------ range

    def range(self) -> tuple[date, date]:
        return _pydate(self.from_edit.date()), _pydate(self.to_edit.date())

    def set_range(self, start: date, end: date) -> None:
        """Choose custom dates (and refresh the preview)."""
        self.preset.setCurrentIndex(self.CUSTOM)
        self._set_dates(start, end)
        self.refresh()

    def _label_since_visit(self) -> None:
        """The default range in words: since the most recent visit before today (a visit
        logged today is this visit), else the last 6 months."""
        self.preset.setItemText(
            self.SINCE_VISIT, default_range_words(self._service.data(), clock.today())
        )

    def _preset_range(self, index: int) -> tuple[date, date]:
        today = clock.today()
        if index == self.SINCE_VISIT:
            return default_range(self._service.data(), today)
        if index == self.YEAR:
            return today - timedelta(days=365), today
        months = {self.MONTHS_3: 3, self.MONTHS_6: 6}.get(index)
        if months is None:
            return self.range()
        return months_before(today, months), today

    def _set_dates(self, start: date, end: date) -> None:
        for edit, day in ((self.from_edit, start), (self.to_edit, end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _apply_preset(self) -> None:
        custom = self.preset.currentIndex() == self.CUSTOM
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)
        if not custom:
            self._set_dates(*self._preset_range(self.preset.currentIndex()))
        self.refresh()

    def _custom_changed(self) -> None:
        if self.preset.currentIndex() == self.CUSTOM:
            self.refresh()

    # ------------------------------------------------------------------ actions

    def refresh(self) -> None:
        """Rebuild the summary for the chosen range and show it."""
        if not self._service.is_open:
            return
        start, end = self.range()
        self.range_label.setText(
            f"This summary covers {DATES.range(start, end)}." if start <= end else ""
        )
        try:
            summary = summary_for(
                self._service,
                start,
                end,
                name=self.name_edit.text(),
                with_explanations=self.explanations_check.isChecked(),
            )
            document = render.build_document(summary)
        except JournalError as error:
            self.preview.setPlainText(str(error))
            return
        document.setParent(self)
        old, self.document = self.document, document
        self.preview.setDocument(document)
        if old is not None:
            old.deleteLater()

    def add_appointment(self) -> Appointment | None:
        appointment = ReportPrompts.ask_appointment(self)
        if appointment is None:
            return None
        try:
            self._service.save_appointment(appointment)
        except JournalError as error:
            ReportPrompts.tell(self, "Appointment not added", str(error), error=True)
            return None
        self._label_since_visit()
        if self.preset.currentIndex() == self.SINCE_VISIT:
            self._apply_preset()
        return appointment

    def print_summary(self) -> bool:
        return self.document is not None and print_with_dialog(self, self.document)

    def save_pdf(self) -> Path | None:
        if self.document is None:
            return None
        start, end = self.range()
        return save_pdf(self, self.document, f"appointment-summary-{start}-to-{end}.pdf")

    def reject(self) -> None:
        # Also how the app's lock closes it: drop the report before the window goes.
        self.preview.clear()
        if self.document is not None:
            self.document.deleteLater()
            self.document = None
        super().reject()
