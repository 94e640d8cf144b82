"""Everything around the episodes, in one dialog: periods, context over time, conditions,
screenings, ovulation signs, appointments, pregnancy tests, medications and the profile,
one tab each.

Every change goes through the journal service and every list is reloaded from it when the
service announces a change. Closing (Esc, Close, or the app locking and calling
``reject()``) never asks anything and drops every record the dialog showed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from journal.gui.checkup_tabs import AppointmentsTab, OvulationSignsTab, ScreeningsTab
from journal.gui.life_tabs import MedicationsTab, PregnancyTestsTab, ProfileTab
from journal.gui.record_tab import RecordTab
from journal.gui.records_tabs import ConditionsTab, ContextTab, PeriodsTab
from journal.services import Changes, JournalService

TAB_TYPES: tuple[type[RecordTab[Any]], ...] = (
    PeriodsTab,
    ContextTab,
    ConditionsTab,
    ScreeningsTab,
    OvulationSignsTab,
    AppointmentsTab,
    PregnancyTestsTab,
    MedicationsTab,
    ProfileTab,
)
#: The ``tab`` values ``RecordsDialog`` accepts, in tab order.
TAB_KEYS: tuple[str, ...] = tuple(kind.key for kind in TAB_TYPES)


class RecordsDialog(QDialog):
    """Add, edit and delete the records that give episodes their context."""

    def __init__(
        self, service: JournalService, parent: QWidget | None = None, tab: str = "periods"
    ) -> None:
        super().__init__(parent)
        if tab not in TAB_KEYS:
            raise ValueError(f"unknown records tab {tab!r}; expected one of {TAB_KEYS}")
        self.service = service
        self._unsubscribe: Callable[[], None] | None = None
        self.setWindowTitle("Periods and context")
        self.setAccessibleName("Periods and context")

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Record kinds")
        self.pages: dict[str, RecordTab[Any]] = {}
        for kind in TAB_TYPES:
            page = kind(service)
            self.pages[kind.key] = page
            self.tabs.addTab(page, kind.title)
        self.tabs.currentChanged.connect(self._tab_changed)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        close.setAccessibleName("Close")
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(1000, 580)  # wide enough for every tab title

        self._subscribe()
        self.open_tab(tab)

    # ------------------------------------------------------------------ public API

    def open_tab(self, key: str) -> RecordTab[Any]:
        page = self.pages[key]
        self.tabs.setCurrentWidget(page)
        page.make_default()
        return page

    def current_tab(self) -> RecordTab[Any]:
        page = self.tabs.currentWidget()
        assert isinstance(page, RecordTab)
        return page

    def refresh(self) -> None:
        for page in self.pages.values():
            page.refresh()

    def done(self, result: int) -> None:
        """Every way of closing ends here: stop listening and forget what was shown."""
        self._detach()
        for page in self.pages.values():
            page.forget()
        super().done(result)

    # ------------------------------------------------------------------ internals

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Shown again after a close: listen again and reload.
        if self._unsubscribe is None:
            self._subscribe()
        super().showEvent(event)

    def _subscribe(self) -> None:
        self._unsubscribe = self.service.changes.subscribe(self._changed)
        self.refresh()

    def _detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _changed(self, _changes: Changes) -> None:
        if self.service.is_open:
            self.refresh()

    def _tab_changed(self, _index: int) -> None:
        self.current_tab().make_default()
