"""Change the journal's passphrase: the current one again, then the new one twice."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

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
from journal.services import JournalService

EXPLANATION = (
    "The journal is re-encrypted under the new passphrase. Backups made before keep the "
    "passphrase they were made with. Nothing can recover a lost passphrase."
)


MISMATCH = "The two new passphrases do not match."


class ChangePassphraseDialog(QDialog):
    """Asks for the current passphrase and a new one twice, then changes it.

    The dialog stays open with a message next to the fields on any problem; it accepts
    only once the service reports the journal re-opened with the new passphrase.
    """

    def __init__(self, service: JournalService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.setWindowTitle("Change passphrase")
        self.setMinimumWidth(460)
        self.current = secret_field("Current passphrase")
        self.new = secret_field("New passphrase")
        self.repeat = secret_field("Repeat the new passphrase")
        self.meter = StrengthMeter()
        self.error = error_label()
        note = QLabel(EXPLANATION)
        note.setWordWrap(True)

        form = QFormLayout()
        form.addRow("&Current passphrase:", self.current)
        form.addRow("&New passphrase:", self.new)
        form.addRow("", self.meter)
        form.addRow("&Repeat it:", self.repeat)
        buttons, self.change_button = action_buttons(self, "C&hange passphrase", self.try_change)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for field in (self.current, self.new, self.repeat):
            field.textChanged.connect(self._update)
        self._update()
        fit_to_screen(self, "change-passphrase")

    def _update(self) -> None:
        self.error.hide()  # it spoke of what was typed before this edit
        self.meter.rate(self.new.text())
        if self.error.text() == MISMATCH and self.new.text() == self.repeat.text():
            self.error.hide()  # the mismatch is fixed
        self.change_button.setEnabled(
            bool(self.current.text())
            and len(self.new.text()) >= MIN_LENGTH
            and bool(self.repeat.text())
        )

    def _fail(self, message: str, field: QLineEdit) -> None:
        self.error.setText(message)
        self.error.show()
        field.setFocus()
        field.selectAll()

    def try_change(self) -> None:
        if self.new.text() != self.repeat.text():
            self.repeat.clear()
            self._fail(MISMATCH, self.repeat)
            return
        if self.new.text() == self.current.text():
            self._fail("The new passphrase is the same as the current one.", self.new)
            return
        refusal = confirm_passphrase(self, self.new.text())
        if refusal is not None:
            self._fail(refusal, self.new)
            return
        try:
            with deriving_key():
                self._service.change_passphrase(self.new.text(), current=self.current.text())
        except JournalError as error:
            self._fail(str(error), self.current)
            return
        self.accept()

    def done(self, result: int) -> None:
        # Whatever closes the dialog (a lock included), no passphrase stays in a widget.
        for field in (self.current, self.new, self.repeat):
            field.clear()
        super().done(result)
