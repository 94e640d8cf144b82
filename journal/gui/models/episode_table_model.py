"""The episode list as a Qt table model: one row per episode, friendly labels, a sort role.

Rows are frozen ``Episode`` records plus their cycle day; the model never talks to the
service itself — the window hands it data, so a lock can empty it in one call. The model
sorts and filters itself, in Python, once per change: a ``QSortFilterProxyModel`` in
between would cost three calls back into Python per role per painted cell (its mapping
asks the source for an index, which asks for the row and column counts), more than half
the time of painting a scrolled list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from journal.domain.cycle import CycleCalendar
from journal.domain.dates import DATES
from journal.domain.model import Episode, JournalData, moment_sort_key
from journal.gui.models.episode_filter import EpisodeFilter

COL_DATE, COL_AMOUNT, COL_COLOUR, COL_TRIGGER, COL_PAIN, COL_CYCLE_DAY, COL_NOTES = range(7)
HEADERS = ("Date", "Amount", "Colour", "What came before", "Pain", "Cycle day", "Notes")

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
EPISODE_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex

# Roles as plain ints: a view asks for several roles of every cell it paints, and
# comparing with the enum members on each call costs more than the answer.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_SORT, _ID, _EPISODE = int(SORT_ROLE), int(ID_ROLE), int(EPISODE_ROLE)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def date_label(episode: Episode) -> str:
    """``Sun 22 Nov 2026, 07:30`` or, day only, ``Sun 22 Nov 2026``."""
    return f"{DATES.weekday(episode.day)} {DATES.moment(episode.started_at, short=True)}"


def notes_preview(notes: str, limit: int = 80) -> str:
    line = " ".join(notes.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class EpisodeTableModel(QAbstractTableModel):
    """Episodes newest first by default; ``SORT_ROLE`` gives comparable values per column.

    Every episode of the journal is held in the chosen order (``sort``); the rows are
    those the ``EpisodeFilter`` accepts (``set_filter``).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Every episode with its cycle day, in the chosen order.
        self._all: list[tuple[Episode, int | None]] = []
        self._listed: set[str] = set()
        self._filter = EpisodeFilter()
        # The rows: the episodes the filter lets through.
        self._episodes: list[Episode] = []
        self._cycle_days: list[int | None] = []
        self._rows_by_id: dict[str, int] = {}
        # Each row's display texts, made the first time the row is painted.
        self._cells: list[tuple[str, ...] | None] = []
        self._sort: tuple[int, Qt.SortOrder] = (COL_DATE, Qt.SortOrder.DescendingOrder)

    # ------------------------------------------------------------------ data in/out

    def set_data(self, data: JournalData) -> None:
        """Show the episodes of ``data`` (cycle days computed from its periods)."""
        calendar = CycleCalendar(data.periods, data.ovulation_signs)
        # The cycle day alone needs only the cycle start (a bisect), not a full context.
        starts = [calendar.cycle_start_of(e.day) for e in data.episodes]
        self.beginResetModel()
        self._all = [
            (e, (e.day - start).days + 1 if start is not None else None)
            for e, start in zip(data.episodes, starts, strict=True)
        ]
        self._listed = {e.id for e in data.episodes}
        self._order(*self._sort)
        self._list_rows()
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._all, self._listed, self._filter = [], set(), EpisodeFilter()
        self._list_rows()
        self.endResetModel()

    @property
    def episode_filter(self) -> EpisodeFilter:
        return self._filter

    def set_filter(self, criteria: EpisodeFilter) -> None:
        """List only the episodes ``criteria`` accepts; the selection stays if listed."""
        if criteria != self._filter:
            self._filter = criteria
            self._relist(self._list_rows)

    @property
    def total(self) -> int:
        """How many episodes the journal holds, listed or filtered out."""
        return len(self._all)

    def contains(self, episode_id: str) -> bool:
        """Whether the journal holds the episode (even when the filter hides it)."""
        return episode_id in self._listed

    def episode_at(self, row: int) -> Episode:
        return self._episodes[row]

    def row_of(self, episode_id: str) -> int | None:
        return self._rows_by_id.get(episode_id)

    def episodes(self) -> Sequence[Episode]:
        return tuple(self._episodes)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python by ``SORT_ROLE`` values: one key per row, not one call per
        comparison (a proxy sorting 5,000 rows calls back into Python ~70,000 times)."""
        if not 0 <= column < len(HEADERS):
            return
        self._sort = (column, order)

        def reorder() -> None:
            self._order(column, order)
            self._list_rows()

        self._relist(reorder)

    def _relist(self, change: Callable[[], None]) -> None:
        """Apply ``change`` to the rows, moving the persistent indexes (the selection,
        the current row) with their episodes; those no longer listed become invalid."""
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        ids = [self._episodes[index.row()].id for index in kept]
        change()
        moved = []
        for episode_id, index in zip(ids, kept, strict=True):
            row = self._rows_by_id.get(episode_id)
            moved.append(QModelIndex() if row is None else self.index(row, index.column()))
        self.changePersistentIndexList(kept, moved)
        self.layoutChanged.emit()

    def _order(self, column: int, order: Qt.SortOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        if column == COL_DATE:  # the moment itself: no text made per row (on every unlock)
            self._all.sort(key=lambda pair: pair[0].sort_key, reverse=descending)
            return
        self._all.sort(
            key=lambda pair: (self._sort_value(pair[0], pair[1], column), pair[0].sort_key),
            reverse=descending,
        )

    def _list_rows(self) -> None:
        accepts = self._filter.accepts if self._filter.is_active else None
        rows = self._all if accepts is None else [p for p in self._all if accepts(p[0])]
        self._episodes = [episode for episode, _day in rows]
        self._cycle_days = [day for _episode, day in rows]
        self._rows_by_id = {e.id: row for row, e in enumerate(self._episodes)}
        self._cells = [None] * len(self._episodes)

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._episodes)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS)
        if horizontal and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        row = index.row()  # -1 for an invalid index
        if not 0 <= row < len(self._episodes):
            return None
        if role in (_DISPLAY, _ACCESSIBLE):
            cells = self._cells[row]
            if cells is None:
                cells = self._cells[row] = self._display_row(row)
            return cells[index.column()]
        episode = self._episodes[row]
        column = index.column()
        if role == _SORT:
            return self._sort_value(episode, self._cycle_days[row], column)
        if role == _ID:
            return episode.id
        if role == _EPISODE:
            return episode
        if role == _TOOLTIP and column == COL_NOTES and episode.notes:
            return notes_preview(episode.notes, 400)
        if role == _ALIGNMENT and column == COL_CYCLE_DAY:
            return _RIGHT
        return None

    def _display_row(self, row: int) -> tuple[str, ...]:
        """The texts of one row, in column order."""
        episode, day = self._episodes[row], self._cycle_days[row]
        return (
            date_label(episode),
            episode.amount.label,
            episode.colour.label if episode.colour is not None else "—",
            episode.trigger.label if episode.trigger.value != "none" else "Nothing noted",
            episode.pain.label if episode.pain.value != "none" else "No pain",
            str(day) if day is not None else "—",
            notes_preview(episode.notes),
        )

    @staticmethod
    def _sort_value(episode: Episode, cycle_day: int | None, column: int) -> Any:
        # Comparable values of one Python type per column (an ISO string sorts like the
        # date it spells).
        if column == COL_DATE:
            return moment_sort_key(episode.started_at).isoformat()
        if column == COL_AMOUNT:
            return episode.amount.rank
        if column == COL_COLOUR:
            return episode.colour.label if episode.colour is not None else ""
        if column == COL_TRIGGER:
            return episode.trigger.label
        if column == COL_PAIN:
            return list(type(episode.pain)).index(episode.pain)
        if column == COL_CYCLE_DAY:
            return cycle_day if cycle_day is not None else 10_000
        if column == COL_NOTES:
            return episode.notes.casefold()
        return ""
