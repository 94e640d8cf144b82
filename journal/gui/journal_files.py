"""Whole-journal actions of the main window: back up, export, import, change passphrase.

Every question goes through ``FilePrompts`` (classmethods tests replace), so the
actions can be tested without blocking dialogs. Exports say plainly that they are not
encrypted; backups say they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from journal import clock
from journal.domain.errors import JournalError
from journal.gui.change_passphrase_dialog import ChangePassphraseDialog
from journal.services import JournalService

EXPORT_WARNING = (
    "The export is a plain JSON file: it is NOT encrypted. Anyone who can open the file "
    "can read everything in your journal. Keep it somewhere private and delete it when "
    "you no longer need it."
)


class FilePrompts:
    """The questions these actions ask; tests replace the classmethods."""

    @classmethod
    def save_path(cls, parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
        # Qt's own dialog: the platform's may keep a recent-files list of its own.
        path, _ = QFileDialog.getSaveFileName(
            parent, title, str(Path.home() / suggested), filters,
            options=QFileDialog.Option.DontUseNativeDialog,
        )  # fmt: skip
        return Path(path) if path else None

    @classmethod
    def open_path(cls, parent: QWidget, title: str, filters: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            parent, title, str(Path.home()), filters,
            options=QFileDialog.Option.DontUseNativeDialog,
        )  # fmt: skip
        return Path(path) if path else None

    @classmethod
    def confirm(cls, parent: QWidget, title: str, text: str, action: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
        go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is go

    @classmethod
    def tell(cls, parent: QWidget, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    @classmethod
    def warn(cls, parent: QWidget, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    @classmethod
    def change_passphrase(cls, parent: QWidget, service: JournalService) -> bool:
        dialog = ChangePassphraseDialog(service, parent)
        try:
            return dialog.exec() == ChangePassphraseDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()


def _stamp() -> str:
    return date.isoformat(clock.today())


@dataclass(frozen=True, slots=True)
class _Copy:
    """A copy of the journal written to a file the user picks, and what is said of it."""

    heading: str  # of the messages
    dialog_title: str
    file_name: str  # suggested, with ``{}`` for today's date
    filters: str
    done: str  # with ``{}`` for the path


BACKUP = _Copy(
    "Backup", "Back up the journal", "health-journal-backup-{}.hjournal",
    "Journal backups (*.hjournal);;All files (*)",
    "An encrypted backup was written to {}. It opens with the same passphrase.",
)  # fmt: skip
EXPORT = _Copy(
    "Export", "Export as JSON (not encrypted)", "health-journal-export-{}.json",
    "JSON files (*.json)", "Exported to {}. This file is NOT encrypted.",
)  # fmt: skip


def back_up(parent: QWidget, service: JournalService) -> Path | None:
    """Write an encrypted copy (same passphrase) where the user chooses."""
    return _write(parent, BACKUP, service.backup)


def export_json(parent: QWidget, service: JournalService) -> Path | None:
    """Export everything as JSON, after a plain warning that it is not encrypted."""
    if not FilePrompts.confirm(parent, "Export as JSON", EXPORT_WARNING, "Export anyway"):
        return None
    return _write(parent, EXPORT, service.export_to)


def _write(parent: QWidget, copy: _Copy, write: Callable[[Path], object]) -> Path | None:
    """Ask where, write there (unless the user cancelled), then say it is done or why not."""
    target = FilePrompts.save_path(
        parent, copy.dialog_title, copy.file_name.format(_stamp()), copy.filters
    )
    if target is None:
        return None
    try:
        write(target)
    except JournalError as error:
        FilePrompts.warn(parent, copy.heading, str(error))
        return None
    FilePrompts.tell(parent, copy.heading, copy.done.format(target))
    return target


def import_json(parent: QWidget, service: JournalService) -> bool:
    """Add the records of a JSON export; all or nothing, with the reason when refused."""
    source = FilePrompts.open_path(parent, "Import from JSON", "JSON files (*.json);;All files (*)")
    if source is None:
        return False
    try:
        summary = service.import_file(source)
    except JournalError as error:
        FilePrompts.warn(parent, "Import", f"Nothing was imported. {error}")
        return False
    FilePrompts.tell(parent, "Import", summary.describe())
    return True


def change_passphrase(parent: QWidget, service: JournalService) -> bool:
    if FilePrompts.change_passphrase(parent, service):
        FilePrompts.tell(parent, "Passphrase", "The passphrase was changed.")
        return True
    return False


JOURNAL_FILTERS = "Journals and backups (*.hjournal *.journal *.db);;All files (*)"


def choose_journal(parent: QWidget, backup: bool) -> Path | None:
    """Ask which journal (or backup) file to open; None when cancelled."""
    title = "Open a backup" if backup else "Open another journal"
    return FilePrompts.open_path(parent, title, JOURNAL_FILTERS)
