"""The episode list: filter row, sortable table and a count, over one table model."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)

from journal.domain.model import JournalData
from journal.gui.models.episode_filter import EpisodeFilter
from journal.gui.models.episode_table_model import (
    COL_AMOUNT,
    COL_COLOUR,
    COL_CYCLE_DAY,
    COL_DATE,
    COL_NOTES,
    COL_PAIN,
    COL_TRIGGER,
    ID_ROLE,
    EpisodeTableModel,
)
from journal.gui.widgets.column import fill_column
from journal.gui.widgets.filter_bar import FilterBar

_COLUMN_SAMPLES = (
    (COL_DATE, "Wed 30 Sep 2026, 23:59"),
    (COL_AMOUNT, "Moderate"),
    (COL_COLOUR, "Bright red"),
    (COL_TRIGGER, "Pelvic exam or Pap"),
    (COL_PAIN, "Moderate"),
    (COL_CYCLE_DAY, "Cycle day"),
)


class EpisodeList(QWidget):
    """Emits ``selection_changed(id or None)``; ``activated()`` on Enter or double-click."""

    selection_changed = Signal(object)
    activated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EpisodeTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Episodes")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # one Tab stop: arrows inside, Tab leaves
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Bold headers for the selected row's cells say nothing a row's highlight does
        # not, and cost a repaint of the header on every selection.
        header.setHighlightSections(False)
        # Widths from sample text, not ResizeToContents: that measures every row on
        # every reload (a second with 5,000 episodes).
        metrics = self.table.fontMetrics()
        for column, sample in _COLUMN_SAMPLES:
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        header.setSectionResizeMode(COL_NOTES, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.table.selectionModel().selectionChanged.connect(
            lambda: self.selection_changed.emit(self.selected_id())
        )
        self.table.activated.connect(lambda _index: self.activated.emit())
        self._scroll_timer = QTimer(self)
        self._scroll_timer.setSingleShot(True)
        self._scroll_timer.setInterval(0)
        self._scroll_timer.timeout.connect(self._scroll_to_selected)
        self.filter_bar = FilterBar()
        self.filter_bar.changed.connect(self._on_filter)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of episodes shown")
        fill_column(self, self.filter_bar, self.table, self.count_label, stretch=self.table)

    def set_data(self, data: JournalData) -> None:
        self.model.set_data(data)
        self._update_count()

    def clear(self) -> None:
        """Forget every episode and the filter (its search text may be journal content)."""
        self.filter_bar.clear()
        self.model.clear()
        self.count_label.clear()

    def contains(self, episode_id: str) -> bool:
        return self.model.contains(episode_id)

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        value = rows[0].data(ID_ROLE) if rows else None
        return value if isinstance(value, str) else None

    def select(self, episode_id: str) -> bool:
        """Select an episode (resetting a filter that hides it); False if it is not listed."""
        if not self.model.contains(episode_id):
            return False
        row = self.model.row_of(episode_id)
        if row is None:
            self.filter_bar.clear()
            row = self.model.row_of(episode_id)
        if row is None:  # pragma: no cover - a cleared filter lists every episode
            return False
        self._select_index(self.model.index(row, 0))
        return True

    def select_first(self) -> None:
        if self.model.rowCount() > 0:
            self._select_index(self.model.index(0, 0))

    def _select_index(self, index: QModelIndex) -> None:
        """Select the row; scroll to it on the next turn of the event loop.

        Scrolling repaints every visible row, which costs as much as the episode's cards:
        those paint first, the list follows a frame later (as the charts do).
        """
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
            | QItemSelectionModel.SelectionFlag.Current
        )
        self.table.setAutoScroll(False)  # the view would scroll on a new current row
        try:
            self.table.selectionModel().setCurrentIndex(index, flags)
        finally:
            self.table.setAutoScroll(True)
        self._scroll_timer.start()

    def _scroll_to_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.table.scrollTo(rows[0], QAbstractItemView.ScrollHint.EnsureVisible)

    def focus_search(self) -> None:
        self.filter_bar.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.text.selectAll()

    def _on_filter(self, criteria: EpisodeFilter) -> None:
        before = self.selected_id()
        self.model.set_filter(criteria)
        if self.selected_id() != before:  # the selected episode was filtered out
            self.selection_changed.emit(self.selected_id())
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        text = _episodes(total) if shown == total else f"{shown:,} of {_episodes(total)} shown"
        self.count_label.setText(text)


def _episodes(count: int) -> str:
    """The count in words: "1 episode", "28 episodes"."""
    return f"{count:,} episode" if count == 1 else f"{count:,} episodes"
