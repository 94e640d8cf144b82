"""Small building blocks the editor dialogs share: error labels, vocabulary combos, dates.

Nothing here holds journal data for longer than the widget that shows it.
"""

from __future__ import annotations

import html
from datetime import date, datetime
from enum import Enum
from typing import TypeVar

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, Qt, QTime
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLabel, QWidget

from journal.domain.dates import DATES
from journal.domain.errors import InvalidInput, JournalError
from journal.domain.vocabulary import Vocabulary

V = TypeVar("V", bound=Vocabulary)

# Date fields write dates the way the rest of the app does for the person's locale
# (``3 Aug 2026`` or ``Aug 3, 2026``), in English month names like every other label.
DATE_FORMAT = "MMM d, yyyy" if DATES.month_first else "d MMM yyyy"
DATE_TIME_FORMAT = DATE_FORMAT + ("  h:mm AP" if DATES.twelve_hour else "  HH:mm")
_ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def show_dates(edit: QDateTimeEdit, *, with_time: bool = False) -> None:
    """Give a date (or date-and-time) field the app's format and English month names."""
    edit.setLocale(_ENGLISH)
    edit.setDisplayFormat(DATE_TIME_FORMAT if with_time else DATE_FORMAT)


class ErrorLabel(QLabel):
    """A red, word-wrapped message shown under a field; hidden while there is nothing to say."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAccessibleName(f"{name} error")
        self._message = ""
        self.hide()

    def message(self) -> str:
        """The plain text shown (without the colour markup)."""
        return self._message

    def show_message(self, text: str) -> None:
        self._message = text
        self.setAccessibleDescription(text)
        self._render()
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        # Re-pick the red when the palette flips between light and dark.
        if event.type() == QEvent.Type.PaletteChange:
            self._render()
        super().changeEvent(event)

    def _render(self) -> None:
        # Colour through markup, not a style sheet or palette: those would send another
        # PaletteChange. The message may quote what the person typed, so it is escaped.
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        red = "#ff8a80" if dark else "#b3261e"
        body = html.escape(self._message)
        self.setText(f'<span style="color:{red}">{body}</span>' if body else "")


def vocabulary_combo(
    kind: type[V], name: str, current: V | None = None, parent: QWidget | None = None
) -> QComboBox:
    """A combo box of friendly labels, each item carrying its vocabulary member."""
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    for member in kind:
        combo.addItem(member.label, member)
    if current is not None:
        select_member(combo, current)
    return combo


def select_member(combo: QComboBox, member: Enum) -> None:
    index = combo.findData(member)
    combo.setCurrentIndex(max(index, 0))


def chosen(combo: QComboBox, kind: type[V]) -> V:
    """The member behind the combo's current item."""
    return kind(combo.currentData())


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qdatetime(moment: date | datetime) -> QDateTime:
    if isinstance(moment, datetime):
        return QDateTime(to_qdate(moment.date()), QTime(moment.hour, moment.minute))
    return QDateTime(to_qdate(moment), QTime(0, 0))


def from_qdatetime(value: QDateTime) -> datetime:
    day, time = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())


def describe_error(error: JournalError, names: dict[str, str]) -> str:
    """One sentence for a person: 'The start overlaps …' rather than "'start': overlaps …"."""
    if isinstance(error, InvalidInput) and error.field in names:
        sentence = f"{names[error.field]} {error.message}"
    else:
        sentence = str(error)
    sentence = sentence[:1].upper() + sentence[1:]
    return sentence if sentence.endswith((".", "?", "!")) else sentence + "."
