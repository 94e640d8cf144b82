"""Journal → Import from another app…: choose the app and its export, see what will come
across, then import it or cancel.

The file is read in a worker thread (an Apple Health export can be hundreds of
megabytes), with a progress bar and a Cancel that stops the reading. Reading never writes:
the journal changes only when Import is pressed, in one transaction.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal.domain.errors import JournalError
from journal.gui.journal_files import FilePrompts
from journal.gui.widgets.dialog_buttons import make_primary
from journal.imports import FORMATS, ImportCancelled, ImportPlan, ImportResult
from journal.services import JournalService
from journal.services.imports import read_export, recognise_file

_FILTERS = {
    "drip": "drip export (*.csv);;All files (*)",
    "clue": "Clue measurements (*.json *.cluedata);;All files (*)",
    "flo": "Flo export (*.json);;All files (*)",
    "apple-health": "Apple Health export (*.zip *.xml);;All files (*)",
    "periodical": "Periodical backup (*.gz *.json);;All files (*)",
    "mensinator": "Mensinator export (*.json);;All files (*)",
    "ovumcy": "Ovumcy export (*.json *.csv);;All files (*)",
}


class _ReadJob(QThread):
    """Parses the export off the GUI thread; never touches the journal."""

    progressed = Signal(int, int)  # bytes read, file size
    read = Signal(object)  # ImportResult
    failed = Signal(str)

    def __init__(self, path: Path, format_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._format = format_name
        self._cancel = threading.Event()
        self._shown = -1

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise ImportCancelled
        step = done * 200 // max(total, 1)  # at most 200 updates, whatever the size
        if step != self._shown:
            self._shown = step
            self.progressed.emit(done, total)

    def _hint(self) -> str:
        """When the file is another app's export, say which (the wrong app was chosen)."""
        try:
            found = recognise_file(self._path)
        except JournalError:
            return ""
        if found is None or found == self._format or found not in FORMATS:
            return ""
        label = FORMATS[found].label
        return f" The file looks like a {label} export: choose {label} above."

    def run(self) -> None:
        try:
            result = read_export(self._path, self._format, self._progress)
        except ImportCancelled:
            return
        except JournalError as error:
            self.failed.emit(_full_stop(str(error)) + self._hint())
            return
        except Exception as error:  # a bug must not kill the thread silently
            self.failed.emit(f"The file could not be read ({type(error).__name__}).")
            return
        if not self._cancel.is_set():
            self.read.emit(result)


class ImportDialog(QDialog):
    """Choose app and file; preview; Import or Cancel."""

    def __init__(self, service: JournalService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import from another app")
        self.setMinimumWidth(620)
        self._service = service
        self._job: _ReadJob | None = None
        self._result: ImportResult | None = None
        self.plan: ImportPlan | None = None
        self.imported: ImportPlan | None = None

        self.app = QComboBox()
        for tracker in FORMATS.values():
            self.app.addItem(tracker.label, tracker.name)
        self.app.setAccessibleName("App the export comes from")
        self.how_to = QLabel()
        self.how_to.setWordWrap(True)
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText("No file chosen")
        self.file.setAccessibleName("Export file")
        self.choose = QPushButton("Choose file…")
        self.choose.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose)

        form = QFormLayout()
        form.addRow("&App:", self.app)
        form.addRow("", self.how_to)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.choose)
        form.addRow(file_label, file_row)

        self.status = QLabel("Choose the app, then its export file.")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Reading the file")
        self.progress.hide()
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("What the import will add")
        self.preview.setMinimumHeight(220)

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.setEnabled(False)
        make_primary(self.import_button, self.buttons)
        self.import_button.clicked.connect(self.do_import)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)

        self.app.currentIndexChanged.connect(self._app_changed)
        self._app_changed()

    # ------------------------------------------------------------------ choosing

    @property
    def format_name(self) -> str:
        return str(self.app.currentData())

    def _app_changed(self) -> None:
        self.how_to.setText(FORMATS[self.format_name].how_to)
        if self.file.text():
            self.start_reading(Path(self.file.text()))

    def choose_file(self) -> None:
        label = FORMATS[self.format_name].label
        path = FilePrompts.open_path(
            self, f"Choose the {label} export", _FILTERS.get(self.format_name, "All files (*)")
        )
        if path is not None:
            self.file.setText(str(path))
            self.start_reading(path)

    # ------------------------------------------------------------------ reading

    def start_reading(self, path: Path) -> None:
        self._stop_job()
        self._result = self.plan = None
        self.import_button.setEnabled(False)
        self.preview.clear()
        self.status.setText(f"Reading {path.name}…")
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.show()
        job = _ReadJob(path, self.format_name, self)
        job.progressed.connect(self._progressed)
        job.read.connect(self._read)
        job.failed.connect(self._failed)
        self._job = job
        job.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setValue(done * 1000 // max(total, 1))
        self.status.setText(f"Reading… {_megabytes(done)} of {_megabytes(total)}")

    def _read(self, result: ImportResult) -> None:
        self.progress.hide()
        self._result = result
        try:
            self.plan = self._service.plan_import(result)
        except JournalError as error:
            self._failed(str(error))
            return
        label = FORMATS[result.format].label
        if self.plan.total:
            self.status.setText(f"This {label} export adds the records below. Import them?")
        else:
            self.status.setText(f"Nothing in this {label} export is new to the journal.")
        self.preview.setPlainText("\n".join(self.plan.lines()))
        self.import_button.setEnabled(self.plan.total > 0)

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.status.setText(f"Nothing can be imported from this file. {message}")

    def _stop_job(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.cancel()
            job.wait()
            job.deleteLater()

    # ------------------------------------------------------------------ finishing

    def do_import(self) -> None:
        if self._result is None or self.plan is None:
            return
        try:
            self.imported = self._service.import_records(self._result)
        except JournalError as error:
            self._failed(str(error))
            self.import_button.setEnabled(False)
            return
        self.accept()

    def done(self, result: int) -> None:
        # Cancel (or a lock closing the dialog) stops the reading; nothing was written.
        self._stop_job()
        super().done(result)


def _full_stop(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _megabytes(count: int) -> str:
    return f"{count / 1_000_000:,.1f} MB"


def import_from_app(parent: QWidget, service: JournalService) -> bool:
    """The menu action: run the dialog; tell what was imported."""
    dialog = ImportDialog(service, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.imported is None:
            return False
        FilePrompts.tell(parent, "Import", dialog.imported.done())
        return True
    finally:
        dialog.deleteLater()
