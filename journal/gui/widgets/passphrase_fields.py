"""The pieces every passphrase form shares: hidden fields, a strength meter, an error line."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QVBoxLayout, QWidget

from journal.gui.passphrase import strength_hint


def secret_field(accessible_name: str) -> QLineEdit:
    """A line edit that never shows what is typed."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    return field


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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.hint)

    def rate(self, passphrase: str) -> None:
        score, hint = strength_hint(passphrase)
        self.bar.setValue(score)
        self.hint.setText(hint)
        self.bar.setAccessibleDescription(hint)
        colour = level_colour(score)
        if self.bar.property("level") != colour:
            self.bar.setProperty("level", colour)
            self.bar.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")


#: Bar colours by score, weakest first: red, orange, olive, green (readable on light and dark).
LEVEL_COLOURS = ((40, "#d32f2f"), (60, "#ef6c00"), (80, "#9e9d24"), (101, "#2e7d32"))


def level_colour(score: int) -> str:
    """The strength bar's colour for a 0-100 score."""
    return next(colour for limit, colour in LEVEL_COLOURS if score < limit)
