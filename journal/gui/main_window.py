"""The main window: charts and the episode list on the left, details and cards on the right.

Data flows one way: the service announces changes on its hub, the window reloads its
views from the service. Locking closes the service and empties every view; the window
itself stays, showing only a "locked" page, so unlocking can put the user back where
they were.
"""

from __future__ import annotations

import importlib
from typing import cast

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from journal.charts import cycle_rows, timeline_data
from journal.domain.errors import JournalError
from journal.domain.vocabulary import Severity
from journal.gui.episode_commands import (
    AddEpisodeCommand,
    DeleteEpisodeCommand,
    EditEpisodeCommand,
)
from journal.gui.lock_manager import LockManager
from journal.gui.models.episode_filter_proxy import EpisodeFilter, EpisodeFilterProxy
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
from journal.gui.qt_hub import QtChangeHub
from journal.gui.severity_job import SeverityJob
from journal.gui.widgets.card_panel import CardPanel
from journal.gui.widgets.cycle_chart_view import CycleChartView
from journal.gui.widgets.episode_details import EpisodeDetails
from journal.gui.widgets.filter_bar import FilterBar
from journal.gui.widgets.patterns_panel import PatternsPanel
from journal.gui.widgets.timeline_view import TimelineView
from journal.services import Changes, JournalService
from journal.settings import AUTO_LOCK_MINUTES, Settings, WindowState

TITLE = "Health Journal"
LOCKED_TITLE = "Health Journal — locked"
TAB_TIMELINE, TAB_CYCLES, TAB_PATTERNS = range(3)


class MainWindow(QMainWindow):
    """The journal's one window. ``locked(reason)`` is emitted after every lock."""

    locked = Signal(str)
    unlock_requested = Signal()

    def __init__(self, service: JournalService | None, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self._service: JournalService | None = None
        self._restore: tuple[str | None, int] = (None, TAB_TIMELINE)
        self._shown_id: str | None = None
        self.hub = QtChangeHub(parent=self)
        self.hub.changed.connect(self._on_changes)
        self.undo_stack = QUndoStack(self)
        self.severity_job = SeverityJob(self)
        self.severity_job.finished.connect(self._on_severities)
        self.lock_manager = LockManager(self.settings.auto_lock_minutes, self)
        self.lock_manager.lock_requested.connect(self.lock)
        self.lock_manager.connect_desktop()
        self._build_views()
        self._build_actions()
        self.resize(1280, 800)
        self._restore_geometry()
        if service is not None:
            self.set_service(service)
        else:
            self._show_locked()

    # ------------------------------------------------------------------ building

    def _build_views(self) -> None:
        self.timeline = TimelineView()
        self.cycle_chart = CycleChartView()
        self.patterns_panel = PatternsPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.timeline, "&Timeline")
        self.tabs.addTab(self.cycle_chart, "C&ycle chart")
        self.tabs.addTab(self.patterns_panel, "&Patterns")
        self.tabs.setAccessibleName("Charts and patterns")
        self.timeline.setObjectName("timeline")
        self.cycle_chart.setObjectName("cycle-chart")
        self._highlighted: dict[str, str | None] = {}
        self._severities: dict[str, Severity] = {}
        self._cycles_stale = True
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.timeline.episodeActivated.connect(self.select_episode)
        self.cycle_chart.episodeActivated.connect(self.select_episode)

        self.model = EpisodeTableModel(self)
        self.proxy = EpisodeFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Episodes")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Widths from sample text, not ResizeToContents: that measures every row on
        # every reload (a second with 5,000 episodes).
        metrics = self.table.fontMetrics()
        for column, sample in (
            (COL_DATE, "Wed 30 Sep 2026, 23:59"),
            (COL_AMOUNT, "Moderate"),
            (COL_COLOUR, "Bright red"),
            (COL_TRIGGER, "Pelvic exam or Pap"),
            (COL_PAIN, "Moderate"),
            (COL_CYCLE_DAY, "Cycle day"),
        ):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        header.setSectionResizeMode(COL_NOTES, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.activated.connect(lambda _index: self.edit_episode())
        self.filter_bar = FilterBar()
        self.filter_bar.changed.connect(self._on_filter)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of episodes shown")

        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.filter_bar)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.count_label)
        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("left-splitter")
        left.addWidget(self.tabs)
        left.addWidget(list_box)
        left.setSizes([340, 420])

        self.details = EpisodeDetails()
        self.card_panel = CardPanel()
        right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("right-splitter")
        right.addWidget(self.details)
        right.addWidget(self.card_panel)
        right.setStretchFactor(1, 1)
        right.setSizes([250, 510])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([740, 520])
        self._splitters = (self.splitter, left, right)

        locked_page = QWidget()
        locked_layout = QVBoxLayout(locked_page)
        message = QLabel(
            "<h2>The journal is locked</h2><p>Nothing of it is shown or kept open.</p>"
        )
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        unlock = QPushButton("&Unlock…")
        unlock.setAccessibleName("Unlock the journal")
        unlock.clicked.connect(self.unlock_requested)
        locked_layout.addStretch(1)
        locked_layout.addWidget(message)
        locked_layout.addWidget(unlock, 0, Qt.AlignmentFlag.AlignCenter)
        locked_layout.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(locked_page)
        self.setCentralWidget(self.stack)

    def _action(
        self, text: str, slot: object, shortcuts: tuple[QKeySequence | str, ...] = (), tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setToolTip(tip or text.replace("&", "").rstrip("…"))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work whichever widget has focus
        return action

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.new_action = self._action("&Log episode…", self.new_episode, ("Ctrl+N",))
        self.edit_action = self._action("&Edit episode…", self.edit_episode, ("Ctrl+E",))
        self.delete_action = self._action(
            "&Delete episode…", self.delete_episode, (QKeySequence(std.Delete),)
        )
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(std.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence(std.Redo))
        self.lock_action = self._action("&Lock journal", self.lock_manager.lock_now, ("Ctrl+L",))
        self.find_action = self._action(
            "&Find in notes", self.focus_filter, (QKeySequence(std.Find),)
        )
        self.records_action = self._action(
            "&Periods, context and visits…", self.open_records, ("Ctrl+R",)
        )
        self.report_action = self._action(
            "&Print / save episode report…", self.open_episode_report, ("Ctrl+P",)
        )
        self.appointment_action = self._action(
            "Prepare for &appointment…", self.open_appointment_prep
        )
        self.preferences_action = self._action("Auto-lock &time…", self.ask_auto_lock)
        quit_action = self._action("&Quit", self.close, (QKeySequence(std.Quit),))
        self._journal_actions = [
            self.new_action, self.edit_action, self.delete_action, self.undo_action,
            self.redo_action, self.lock_action, self.find_action, self.records_action,
            self.report_action, self.appointment_action,
        ]  # fmt: skip

        bar = self.menuBar()
        journal = bar.addMenu("&Journal")
        for action in (self.new_action, self.edit_action, self.delete_action):
            journal.addAction(action)
        journal.addSeparator()
        journal.addAction(self.records_action)
        journal.addSeparator()
        journal.addAction(self.report_action)
        journal.addAction(self.appointment_action)
        journal.addSeparator()
        journal.addAction(self.lock_action)
        journal.addAction(quit_action)
        edit = bar.addMenu("&Edit")
        for action in (self.undo_action, self.redo_action, self.find_action):
            edit.addAction(action)
        edit.addSeparator()
        edit.addAction(self.preferences_action)
        view = bar.addMenu("&View")
        for index, name in enumerate(("Timeline", "Cycle chart", "Patterns")):
            action = self._action(name, lambda _c=False, i=index: self.tabs.setCurrentIndex(i),
                                  (f"Ctrl+{index + 1}",))  # fmt: skip
            view.addAction(action)

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.new_action, self.edit_action, self.delete_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.records_action)
        toolbar.addAction(self.report_action)
        toolbar.addSeparator()
        toolbar.addAction(self.lock_action)
        for action in self._journal_actions:
            text = action.text().replace("&", "").rstrip("…")
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({keys})" if keys else text)

    # ------------------------------------------------------------------ journal on / off

    @property
    def service(self) -> JournalService | None:
        return self._service

    @property
    def is_locked(self) -> bool:
        return self._service is None

    def set_service(self, service: JournalService) -> None:
        """Show an opened journal, back where the user was before the last lock."""
        self._service = service
        self.hub.attach(service.changes)
        self.stack.setCurrentIndex(0)
        self.setWindowTitle(TITLE)
        for action in self._journal_actions:
            action.setEnabled(True)
        selected, tab = self._restore
        self.tabs.setCurrentIndex(tab)
        self.reload()
        if selected is not None and self.model.row_of(selected) is not None:
            self.select_episode(selected)
        self._update_actions()
        self.lock_manager.start()
        self.table.setFocus()

    def lock(self, reason: str = "user") -> None:
        """Close the journal, forget every view's data, close dialogs, show the lock page."""
        if self._service is None:
            return
        self._restore = (self.selected_episode_id(), self.tabs.currentIndex())
        self.lock_manager.stop()
        self.severity_job.cancel()
        close_open_dialogs(self)
        self.undo_stack.clear()
        self.hub.detach()
        service, self._service = self._service, None
        service.close()
        self._clear_views()
        self._show_locked()
        self.locked.emit(reason)

    def _show_locked(self) -> None:
        self.stack.setCurrentIndex(1)
        self.setWindowTitle(LOCKED_TITLE)
        for action in self._journal_actions:
            action.setEnabled(False)

    def _clear_views(self) -> None:
        self._shown_id = None
        self._highlighted = {}
        self._severities = {}
        self._cycles_stale = True
        self.filter_bar.clear()
        self.model.clear()
        self.details.clear()
        self.card_panel.clear()
        self.patterns_panel.clear()
        self.timeline.clear()
        self.cycle_chart.clear()
        self.count_label.clear()

    # ------------------------------------------------------------------ loading

    def reload(self, changes: Changes | None = None) -> None:
        """Reload every view from the service (after a change, or on unlock)."""
        service = self._service
        if service is None:
            return
        selected = self.selected_episode_id()
        data = service.data()
        self.model.set_data(data)
        self.timeline.set_data(timeline_data(data))
        self._severities = {}
        self._cycles_stale = True
        self._refresh_cycle_chart()
        self.patterns_panel.show_patterns(service.patterns())
        self._update_count()
        self._shown_id = None
        if selected is not None and self.model.row_of(selected) is not None:
            self.select_episode(selected)
        else:
            self.details.clear()
            self.card_panel.clear()
        self.severity_job.start(service.explainer(), [e.id for e in data.episodes])

    def _on_changes(self, changes: Changes) -> None:
        self.reload(changes)

    def _on_severities(self, severities: dict[str, Severity]) -> None:
        if self._service is None:
            return
        self._severities = severities
        self.timeline.set_data(timeline_data(self._service.data(), severities))
        self._cycles_stale = True
        self._refresh_cycle_chart()

    def _refresh_cycle_chart(self) -> None:
        """Redraw the cycle chart when it is on view; else when its tab is next shown."""
        if self._service is None or not self._cycles_stale:
            return
        if self.tabs.currentWidget() is self.cycle_chart:
            self._cycles_stale = False
            self.cycle_chart.set_rows(cycle_rows(self._service.data(), self._severities))

    # ------------------------------------------------------------------ selection

    def selected_episode_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        value = rows[0].data(ID_ROLE) if rows else None
        return value if isinstance(value, str) else None

    def select_episode(self, episode_id: str) -> None:
        """Select an episode in the list (showing it even when the filter hid it)."""
        row = self.model.row_of(episode_id)
        if row is None:
            return
        source = self.model.index(row, 0)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.filter_bar.clear()
            index = self.proxy.mapFromSource(source)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
            | QItemSelectionModel.SelectionFlag.Current
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def _on_selection_changed(self) -> None:
        self._show_episode(self.selected_episode_id())
        self._update_actions()

    def _show_episode(self, episode_id: str | None) -> None:
        if episode_id == self._shown_id or self._service is None:
            return
        self._shown_id = episode_id
        if episode_id is None:
            self.details.clear()
            self.card_panel.clear()
        else:
            try:
                explanation = self._service.explain(episode_id)
            except JournalError as error:
                self.show_error(error)
                return
            self.details.show_explanation(explanation)
            self.card_panel.show_cards(explanation.cards)
        # A chart redraw costs far more than the cards: let the cards paint first, and
        # redraw only the chart on view (the other catches up when its tab is shown).
        QTimer.singleShot(0, self._sync_chart_highlight)

    def _on_tab_changed(self, _index: int) -> None:
        self._refresh_cycle_chart()
        self._sync_chart_highlight()

    def _sync_chart_highlight(self) -> None:
        chart = self.tabs.currentWidget()
        if isinstance(chart, TimelineView | CycleChartView) and self._service is not None:
            if self._highlighted.get(chart.objectName(), "") != self._shown_id:
                self._highlighted[chart.objectName()] = self._shown_id
                chart.highlight(self._shown_id)

    def _on_filter(self, criteria: EpisodeFilter) -> None:
        self.proxy.set_filter(criteria)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = f"{total} episode(s)" if shown == total else f"{shown} of {total} episode(s) shown"
        self.count_label.setText(text)

    def _update_actions(self) -> None:
        has = self.selected_episode_id() is not None and not self.is_locked
        self.edit_action.setEnabled(has)
        self.delete_action.setEnabled(has)

    def focus_filter(self) -> None:
        self.filter_bar.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.text.selectAll()

    # ------------------------------------------------------------------ editing

    def new_episode(self) -> None:
        from journal.gui.episode_editor import EpisodeEditor

        if self._service is None:
            return
        draft = EpisodeEditor.ask(parent=self)
        if draft is None or self._service is None:  # cancelled, or locked meanwhile
            return
        command = AddEpisodeCommand(self._service, draft, self.show_error)
        self.undo_stack.push(command)
        if command.episode_id is not None:
            self.select_episode(command.episode_id)

    def edit_episode(self) -> None:
        from journal.gui.episode_editor import EpisodeEditor

        episode_id = self.selected_episode_id()
        if self._service is None or episode_id is None:
            return
        before = self._service.episode(episode_id)
        draft = EpisodeEditor.ask(parent=self, episode=before)
        if draft is None or self._service is None:
            return
        self.undo_stack.push(EditEpisodeCommand(self._service, before, draft, self.show_error))

    def delete_episode(self) -> None:
        from journal.gui.confirm import confirm

        episode_id = self.selected_episode_id()
        if self._service is None or episode_id is None:
            return
        episode = self._service.episode(episode_id)
        when = episode.day.strftime("%d %b %Y")
        if not confirm(self, f"Delete the episode of {when}? You can undo this with Ctrl+Z."):
            return
        if self._service is not None:
            self.undo_stack.push(DeleteEpisodeCommand(self._service, episode, self.show_error))

    def open_records(self) -> None:
        if self._service is None:
            return
        try:
            module = importlib.import_module("journal.gui.records_dialog")
        except ImportError:
            self._not_available("The record editors")
            return
        dialog = cast(QDialog, module.RecordsDialog(self._service, self))
        dialog.exec()
        dialog.deleteLater()

    def open_episode_report(self) -> None:
        self._open_report(self.selected_episode_id(), appointment=False)

    def open_appointment_prep(self) -> None:
        self._open_report(None, appointment=True)

    def _open_report(self, episode_id: str | None, appointment: bool) -> None:
        """The reports hook: ``journal.gui.report_dialog.open_report_dialog`` when present."""
        if self._service is None:
            return
        try:
            module = importlib.import_module("journal.gui.report_dialog")
            opener = module.open_report_dialog
        except (ImportError, AttributeError):
            self._not_available("Reports")
            return
        opener(self._service, self, episode_id=episode_id, appointment=appointment)

    def _not_available(self, what: str) -> None:
        QMessageBox.information(
            self, "Not available yet", f"{what} are not available in this version yet. Sorry!"
        )

    def ask_auto_lock(self) -> None:
        minutes, ok = QInputDialog.getInt(
            self, "Auto-lock", "Lock the journal after this many idle minutes:",
            self.settings.auto_lock_minutes, AUTO_LOCK_MINUTES.minimum or 1,
            AUTO_LOCK_MINUTES.maximum or 240,
        )  # fmt: skip
        if ok:
            self.settings.set(AUTO_LOCK_MINUTES, minutes)
            self.lock_manager.set_idle_minutes(minutes)

    def show_error(self, error: JournalError) -> None:
        QMessageBox.warning(self, "Health Journal", str(error))

    # ------------------------------------------------------------------ window

    def _restore_geometry(self) -> None:
        state = WindowState()
        geometry = state.load("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for splitter in self._splitters:
            saved = state.load(f"main/{splitter.objectName()}")
            if saved is not None:
                splitter.restoreState(saved)

    def save_geometry(self) -> None:
        state = WindowState()
        state.save("main/geometry", self.saveGeometry())
        for splitter in self._splitters:
            state.save(f"main/{splitter.objectName()}", splitter.saveState())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        # Light/dark switch: redraw the charts in the new palette.
        if event.type() == QEvent.Type.PaletteChange and self._service is not None:
            self.reload()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_geometry()
        self.lock_manager.stop()
        self.severity_job.cancel()
        close_open_dialogs(self)
        if self._service is not None:
            self.hub.detach()
            self._service.close()
            self._service = None
        self._clear_views()
        super().closeEvent(event)


def close_open_dialogs(owner: QWidget) -> None:
    """Reject every visible dialog and popup without asking: a lock is never blocked."""
    for _ in range(10):  # nested menus: close from the innermost out
        popup = QApplication.activePopupWidget()
        if popup is None:
            break
        popup.close()
    for widget in QApplication.topLevelWidgets():
        if widget is not owner and isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()
