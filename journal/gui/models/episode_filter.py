"""Filtering and sorting of the episode list: date range, after sex, amount, text in notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from journal.domain.model import Episode
from journal.domain.vocabulary import Amount
from journal.gui.models.episode_table_model import EPISODE_ROLE, SORT_ROLE, EpisodeTableModel


@dataclass(frozen=True, slots=True)
class EpisodeFilter:
    """What the filter bar asks for; the default lets everything through."""

    start: date | None = None
    end: date | None = None
    after_sex_only: bool = False
    amount: Amount | None = None
    text: str = ""

    @property
    def is_active(self) -> bool:
        return self != EpisodeFilter()

    def accepts(self, episode: Episode) -> bool:
        if self.start is not None and episode.end_day < self.start:
            return False
        if self.end is not None and episode.day > self.end:
            return False
        if self.after_sex_only and not episode.after_sex:
            return False
        if self.amount is not None and episode.amount is not self.amount:
            return False
        needle = self.text.strip().casefold()
        return not needle or needle in episode.notes.casefold()


class EpisodeFilterProxy(QSortFilterProxyModel):
    """Keeps the rows an ``EpisodeFilter`` accepts; sorting goes to the source model."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = EpisodeFilter()
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    @property
    def episode_filter(self) -> EpisodeFilter:
        return self._filter

    def set_filter(self, criteria: EpisodeFilter) -> None:
        if criteria == self._filter:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+: the non-deprecated way
            self.beginFilterChange()
            self._filter = criteria
            self.endFilterChange()
        else:  # pragma: no cover - older Qt
            self._filter = criteria
            self.invalidateRowsFilter()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Let an ``EpisodeTableModel`` sort itself (fast); the proxy keeps its order."""
        source = self.sourceModel()
        if isinstance(source, EpisodeTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._filter.is_active:
            return True
        model = self.sourceModel()
        episode = model.data(model.index(source_row, 0, source_parent), EPISODE_ROLE)
        return isinstance(episode, Episode) and self._filter.accepts(episode)
