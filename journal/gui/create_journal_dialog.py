"""First run: create the encrypted journal (passphrase twice, a strength hint, a warning)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal.domain.errors import JournalError
from journal.gui.passphrase import MIN_LENGTH
from journal.gui.widgets.dialog_buttons import action_buttons
from journal.gui.widgets.passphrase_fields import (
    StrengthMeter,
    confirm_passphrase,
    deriving_key,
    error_label,
    secret_field,
)
from journal.gui.window_fit import fit_to_screen

if TYPE_CHECKING:
    from journal.services import JournalService

WARNING = (
    "<b>Nobody can recover a lost passphrase.</b> Without it the journal cannot be "
    "opened, by you or anyone else. Write it down and keep it somewhere safe."
)


MISMATCH = "The two passphrases do not match."


class CreateJournalDialog(QDialog):
    """Asks for a new passphrase twice, creates the journal and opens it.

    Emits ``created(JournalService)`` on success; errors stay in the dialog.
    """

    created = Signal(object)

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self.service: JournalService | None = None
        self.setWindowTitle("Create your journal")
        self.setMinimumWidth(480)

        intro = QLabel(
            "Welcome. Your journal is kept on this computer only, encrypted with a "
            "passphrase you choose now."
        )
        intro.setWordWrap(True)
        self.passphrase = secret_field("New passphrase")
        self.repeat = secret_field("Repeat the passphrase")
        self.meter = StrengthMeter()
        self.hint = self.meter.hint
        self.warning = QLabel(WARNING)
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.RichText)
        self.error = error_label()
        # Where the journal will live, and a way to put it elsewhere (before it exists).
        self.location = QLineEdit(str(path))
        self.location.setReadOnly(True)
        self.location.setAccessibleName("Where the journal will be stored")
        self.location.setCursorPosition(0)
        self.choose_button = QPushButton("C&hoose…")
        self.choose_button.setAccessibleName("Choose another place for the journal")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_location)
        place = QHBoxLayout()
        place.addWidget(self.location, 1)
        place.addWidget(self.choose_button)

        form = QFormLayout()
        location_label = QLabel("Stored &in:")
        location_label.setBuddy(self.location)
        form.addRow(location_label, place)
        form.addRow("&Passphrase:", self.passphrase)
        form.addRow("", self.meter)
        form.addRow("&Repeat it:", self.repeat)

        buttons, self.create_button = action_buttons(self, "&Create journal", self.try_create)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.passphrase.textChanged.connect(self._update)
        self.repeat.textChanged.connect(self._update)
        self._update()
        fit_to_screen(self, "create-journal")

    @property
    def path(self) -> Path:
        """Where the journal is (to be) created."""
        return self._path

    @classmethod
    def ask_location(cls, parent: QWidget, current: Path) -> Path | None:
        """The file dialog for another place (tests replace this)."""
        chosen, _ = QFileDialog.getSaveFileName(
            parent, "Where to keep the journal", str(current),
            "Journals (*.hjournal);;All files (*)",
            options=QFileDialog.Option.DontUseNativeDialog,
        )  # fmt: skip
        return Path(chosen) if chosen else None

    def choose_location(self) -> None:
        chosen = self.ask_location(self, self._path)
        if chosen is None:
            return
        if chosen.exists():
            self._fail("A file is already there; the journal is never created over one.")
            return
        self._path = chosen
        self.location.setText(str(chosen))
        self.location.setCursorPosition(0)

    def _update(self) -> None:
        self.error.hide()  # it spoke of what was typed before this edit
        self.meter.rate(self.passphrase.text())
        ready = len(self.passphrase.text()) >= MIN_LENGTH and bool(self.repeat.text())
        self.create_button.setEnabled(ready)
        if self.error.text() == MISMATCH and self.passphrase.text() == self.repeat.text():
            self.error.hide()  # the mismatch is fixed: say so by saying nothing

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def try_create(self) -> None:
        """Create and open the journal, or say in the dialog why not."""
        first, second = self.passphrase.text(), self.repeat.text()
        if len(first) < MIN_LENGTH:
            self._fail(f"Use at least {MIN_LENGTH} characters.")
            return
        if first != second:
            self.repeat.clear()  # before the message: an edit clears the message
            self._fail(MISMATCH)
            self.repeat.setFocus()
            return
        refusal = confirm_passphrase(self, first)
        if refusal is not None:
            self._fail(refusal)
            return
        from journal.services import JournalService

        try:
            with deriving_key():
                JournalService.create(self._path, first)
                self.service = JournalService.open(self._path, first)
        except JournalError as error:
            self._fail(str(error))
            return
        self.passphrase.clear()
        self.repeat.clear()
        self.created.emit(self.service)
        self.accept()
