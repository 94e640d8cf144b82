"""The pieces every passphrase form shares: hidden fields, a strength meter, an error line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QWidget,
)

from journal.gui.passphrase import LEVEL_COLOURS, strength_level
from journal.gui.widgets.column import fill_column


def secret_field(accessible_name: str) -> QLineEdit:
    """A line edit that never shows what is typed."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    return field


@contextmanager
def deriving_key() -> Iterator[None]:
    """The wait cursor while a passphrase's key is derived (it takes a moment on purpose)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def error_label() -> QLabel:
    """A hidden, bold red line for the one sentence that says what went wrong."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #c62828; font-weight: bold;")
    label.setAccessibleName("Error")
    label.hide()
    return label


class StrengthMeter(QWidget):
    """A thin bar and a one-sentence hint on how strong a new passphrase is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.bar.setAccessibleName("Passphrase strength")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        fill_column(self, self.bar, self.hint)

        self.level = 0

    def rate(self, passphrase: str) -> None:
        level, hint = strength_level(passphrase)
        self.level = level
        self.bar.setValue(max(5, level * 25) if passphrase else 0)
        colour = LEVEL_COLOURS[level]
        self.bar.setStyleSheet(f"QProgressBar::chunk {{ background-color: {colour}; }}")
        self.hint.setText(hint)
        self.bar.setAccessibleDescription(hint)


def confirm_passphrase(parent: QWidget | None, passphrase: str) -> str | None:
    """The policy's word on a new passphrase: None to go ahead, else the error sentence.

    A passphrase guessable in seconds is refused; one below strong is used only if the
    person says so in a question (``ask`` below, which tests replace).
    """
    from journal.services import JournalError
    from journal.services.passphrase_policy import assess, check_usable

    try:
        check_usable(passphrase)
    except JournalError as error:
        return str(error)
    strength = assess(passphrase)
    if strength.refused:
        return strength.refusal()
    if not strength.strong and not ask(parent, f"{strength.caution()} Use it anyway?"):
        return "Choose a stronger passphrase (several unrelated words work well)."
    return None


def ask(parent: QWidget | None, text: str) -> bool:
    """A yes/no question; No is the default."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("A weak passphrase")
    box.setText(text)
    use = box.addButton("Use it anyway", QMessageBox.ButtonRole.AcceptRole)
    back = box.addButton("Choose another", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    return box.clickedButton() is use
