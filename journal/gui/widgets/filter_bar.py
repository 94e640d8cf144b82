"""The filter row above the episode list: text in notes, amount, after sex, date range."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from journal.domain.vocabulary import Amount
from journal.gui.form_helpers import show_dates
from journal.gui.models.episode_filter import EpisodeFilter

# QDateEdit cannot be empty: its minimum date stands for "no limit" and shows as "any".
_NO_LIMIT = QDate(1900, 1, 1)


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setMinimumDate(_NO_LIMIT)
    edit.setSpecialValueText("any")
    show_dates(edit)
    edit.setDate(_NO_LIMIT)
    edit.setAccessibleName(name)
    return edit


def _day(edit: QDateEdit) -> date | None:
    value = edit.date()
    if value == _NO_LIMIT:
        return None
    return date(value.year(), value.month(), value.day())


class FilterBar(QWidget):
    """Emits ``changed(EpisodeFilter)`` whenever a control changes."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLineEdit()
        self.text.setPlaceholderText("Search notes  (Ctrl+F)")
        self.text.setClearButtonEnabled(True)
        self.text.setAccessibleName("Search in notes")
        # Never squeezed to a sliver in a narrow window: room for a word or two.
        self.text.setMinimumWidth(self.text.fontMetrics().horizontalAdvance("Search notes") + 40)
        self.amount = QComboBox()
        self.amount.setAccessibleName("Amount")
        self.amount.addItem("Any amount", None)
        for amount in Amount:
            # Qt hands a str enum back as a plain str: store the value, rebuild the member.
            self.amount.addItem(amount.short_label, amount.value)
        self.after_sex = QCheckBox("After sex")
        self.after_sex.setAccessibleName("Only episodes after sex")
        self.start = _date_edit("From date")
        self.end = _date_edit("To date")
        self.reset = QToolButton()
        self.reset.setText("Reset")
        self.reset.setAccessibleName("Reset the filter")
        self.reset.clicked.connect(self.clear)

        # Two rows of controls that sit side by side when the list is wide enough and
        # stack when it is narrow (a small or highly scaled screen).
        first, second = QHBoxLayout(), QHBoxLayout()
        first.addWidget(self.text, 3)
        first.addWidget(self.amount, 1)
        first.addWidget(self.after_sex)
        from_label, to_label = QLabel("From"), QLabel("to")
        from_label.setBuddy(self.start)
        to_label.setBuddy(self.end)
        second.addWidget(from_label)
        second.addWidget(self.start)
        second.addWidget(to_label)
        second.addWidget(self.end)
        second.addWidget(self.reset)
        self._rows = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.addLayout(first, 1)
        self._rows.addLayout(second)
        self._row_layouts = (first, second)
        self._one_row_width = first.sizeHint().width() + second.sizeHint().width() + 12

        self.text.textChanged.connect(self._emit)
        self.amount.currentIndexChanged.connect(self._emit)
        self.after_sex.toggled.connect(self._emit)
        self.start.dateChanged.connect(self._emit)
        self.end.dateChanged.connect(self._emit)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        wide = event.size().width() >= self._one_row_width
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._rows.direction() != direction:
            self._rows.setDirection(direction)
        super().resizeEvent(event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # Stacked, the bar needs only its wider row: never force the list wider than that.
        hint = super().minimumSizeHint()
        stacked = max(row.minimumSize().width() for row in self._row_layouts)
        return QSize(min(hint.width(), stacked), hint.height())

    def criteria(self) -> EpisodeFilter:
        value = self.amount.currentData()
        return EpisodeFilter(
            start=_day(self.start),
            end=_day(self.end),
            after_sex_only=self.after_sex.isChecked(),
            amount=Amount(value) if isinstance(value, str) else None,
            text=self.text.text(),
        )

    def clear(self) -> None:
        """Back to "everything" (also on lock: the search text may be journal content)."""
        for widget in (self.text, self.amount, self.after_sex, self.start, self.end):
            widget.blockSignals(True)
        self.text.clear()
        self.amount.setCurrentIndex(0)
        self.after_sex.setChecked(False)
        self.start.setDate(_NO_LIMIT)
        self.end.setDate(_NO_LIMIT)
        for widget in (self.text, self.amount, self.after_sex, self.start, self.end):
            widget.blockSignals(False)
        self._emit()

    def _emit(self) -> None:
        self.changed.emit(self.criteria())
