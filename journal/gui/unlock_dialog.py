"""Unlock an existing journal: a passphrase field; wrong passphrase or in use are said plainly."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from journal.domain.errors import JournalError, JournalInUse, WrongPassphrase
from journal.gui.widgets.dialog_buttons import action_buttons
from journal.gui.widgets.passphrase_fields import deriving_key, error_label, secret_field
from journal.gui.window_fit import fit_to_screen

if TYPE_CHECKING:
    from journal.services import JournalService


class UnlockDialog(QDialog):
    """Asks for the passphrase and opens the journal; emits ``unlocked(JournalService)``.

    A wrong passphrase keeps the dialog open with a message, so the user can retry.
    """

    unlocked = Signal(object)

    def __init__(
        self,
        path: Path,
        parent: QWidget | None = None,
        *,
        locked: bool = False,
        hint: str = "",
        quit_label: str = "&Quit",
    ) -> None:
        super().__init__(parent)
        self._path = path
        self.service: JournalService | None = None
        self.setWindowTitle("Locked" if locked else "Unlock")  # Qt adds the app name
        self.setMinimumWidth(420)

        heading = QLabel(
            "<b>The journal is locked.</b>" if locked else "<b>Unlock your journal</b>"
        )
        explain = QLabel("Enter your passphrase to open the journal.")
        explain.setWordWrap(True)
        self.passphrase = secret_field("Passphrase")
        self.passphrase.setPlaceholderText("Passphrase")
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        self.error = error_label()

        buttons, self.unlock_button = action_buttons(self, "&Unlock", self.try_unlock, quit_label)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explain)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.passphrase.setFocus()
        fit_to_screen(self, "unlock")

    @property
    def error_text(self) -> str:
        return self.error.text() if not self.error.isHidden() else ""

    def try_unlock(self) -> None:
        """Open the journal with the typed passphrase, or say why not and stay open."""
        text = self.passphrase.text()
        if not text:
            self._fail("Enter the passphrase first.")
            return
        from journal.services import JournalService

        try:
            with deriving_key():
                self.service = JournalService.open(self._path, text)
        except JournalError as error:
            self._fail(_message(error))
            return
        self.passphrase.clear()
        self.error.hide()
        self.unlocked.emit(self.service)
        self.accept()

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.passphrase.selectAll()
        self.passphrase.setFocus()


def _message(error: JournalError) -> str:
    if isinstance(error, WrongPassphrase):
        return "Wrong passphrase (or a damaged file). Please try again."
    if isinstance(error, JournalInUse):
        return "This journal is open in another window or program. Close it there first."
    return str(error)
