"""Everything around the episodes, in one dialog: periods, context over time, conditions,
screenings, ovulation signs, appointments, pregnancy tests, medications and the profile,
one tab each. Ctrl+Enter adds or saves the form on view; Esc asks before dropping what
was typed there.

Every change goes through the journal service and every list is reloaded from it when the
service announces a change. Closing (Esc, Close, or the app locking and calling
``reject()``) never asks anything and drops every record the dialog showed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from journal.gui.checkup_tabs import AppointmentsTab, OvulationSignsTab, ScreeningsTab
from journal.gui.form_keys import FormKeys
from journal.gui.life_tabs import MedicationsTab, PregnancyTestsTab, ProfileTab
from journal.gui.qt_hub import QtChangeHub
from journal.gui.record_tab import RecordTab
from journal.gui.records_tabs import ConditionsTab, ContextTab, PeriodsTab
from journal.gui.window_fit import fit_to_screen, scrolling
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
        # Through the Qt bridge, like every widget (never the service's raw hub).
        self.hub = QtChangeHub(parent=self)
        self.hub.changed.connect(self._changed)
        self._listening = False
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
        self.keys = FormKeys(
            self,
            lambda: self.current_tab().save(),
            lambda: self.current_tab().is_changed(),
            "Discard what you typed in this form?",
        )
        buttons.rejected.connect(self.keys.cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(self.tabs, "Records"), 1)
        layout.addWidget(buttons)
        fit_to_screen(self, "records", QSize(1000, 640))  # wide enough for every tab title

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
        if not self._listening:
            self._subscribe()
        super().showEvent(event)

    def _subscribe(self) -> None:
        self.hub.attach(self.service.changes)
        self._listening = True
        self.refresh()

    def _detach(self) -> None:
        self.hub.detach()
        self._listening = False

    def _changed(self, changes: Changes) -> None:
        """Reload only the lists whose records the change touched."""
        if not self.service.is_open:
            return
        for page in self.pages.values():
            if page.affected_by(changes):
                page.refresh()

    def _tab_changed(self, _index: int) -> None:
        self.current_tab().make_default()
