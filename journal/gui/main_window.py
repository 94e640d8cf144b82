"""The main window: charts and the episode list on the left, details and cards on the right.

Data flows one way: the service announces changes on its hub, the window reloads its
views from the service. Locking closes the service and empties every view; the window
itself stays, showing only a "locked" page, so unlocking can put the user back where
they were.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from journal import clock
from journal.cards import for_reading, load_catalogue
from journal.charts import cycle_rows, timeline_data
from journal.domain.errors import JournalError
from journal.domain.model import Period
from journal.domain.vocabulary import Severity
from journal.gui import journal_files
from journal.gui.episode_operations import EpisodeOperations
from journal.gui.icons import app_icon, install_app_icon
from journal.gui.import_dialog import import_from_app
from journal.gui.lock_manager import LockManager
from journal.gui.main_actions import ActionSlots, MainActions
from journal.gui.ongoing_notice import OngoingNotice
from journal.gui.period_commands import PeriodCommand, open_period
from journal.gui.qt_hub import QtChangeHub
from journal.gui.severity_job import SeverityJob
from journal.gui.widgets.card_panel import (
    EMPTY_TEXT,
    NO_CARDS_TEXT,
    NO_CYCLE_TEXT,
    NOTHING_LOGGED_TEXT,
    CardPanel,
)
from journal.gui.widgets.cycle_chart_view import CycleChartView
from journal.gui.widgets.episode_details import EpisodeDetails
from journal.gui.widgets.episode_list import EpisodeList
from journal.gui.widgets.patterns_panel import PatternsPanel
from journal.gui.widgets.timeline_view import TimelineView
from journal.gui.window_fit import fit_to_screen
from journal.services import Changes, JournalService
from journal.settings import AUTO_LOCK_MINUTES, Settings, WindowState

TITLE = "Health Journal"
# Qt appends the application's display name to any other title ("Locked — Health Journal").
LOCKED_TITLE = "Locked"
TAB_TIMELINE, TAB_CYCLES, TAB_PATTERNS = range(3)


#: The charts' smallest height, in lines of text (axis, five amounts, legend, presets).
CHART_MIN_LINES = 17


class MainWindow(QMainWindow):
    """The journal's one window. ``locked(reason)`` is emitted after every lock."""

    locked = Signal(str)
    unlock_requested = Signal()
    #: The person chose another journal (or a backup) to open: ``open_requested(Path)``.
    open_requested = Signal(object)

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
        self.operations = EpisodeOperations(self, lambda: self._service, self.undo_stack)
        self.ongoing_notice = OngoingNotice(self)
        self._severities: dict[str, Severity] = {}
        # The charts whose data changed since they were drawn. The one on view is drawn on
        # the turn of the event loop after the change, from a timer the window owns: the
        # window (at unlock) and the cards (after a change) paint first, and a chart is
        # drawn once however many changes came. The other waits until its tab is shown.
        self._stale_charts: set[QWidget] = set()
        self._charts_timer = QTimer(self)
        self._charts_timer.setSingleShot(True)
        self._charts_timer.setInterval(0)
        self._charts_timer.timeout.connect(self._refresh_chart_on_view)
        # Opening a form makes the journal ready for changes while it is filled in: the
        # first change of a session imports SQLAlchemy, which reading never needs.
        self._changes_timer = QTimer(self)
        self._changes_timer.setSingleShot(True)
        self._changes_timer.setInterval(0)
        self._changes_timer.timeout.connect(self._prepare_changes)
        self._highlighted: dict[str, str | None] = {}
        self._open_period: Period | None = None
        self._build_views()
        self._build_actions()
        self.statusBar().setSizeGripEnabled(True)  # there from the start: no jump later
        install_app_icon()
        self.setWindowIcon(app_icon())
        fit_to_screen(self, "main", QSize(1280, 800))
        self._share_splitters()
        self._restore_splitters()
        if service is not None:
            self.set_service(service)
        else:
            self._show_locked()
            # Built while the passphrase is typed: the cards (read from the app's own
            # files, no journal data) and their views, so the unlock has less to do.
            self.card_panel.prepare(load_catalogue())

    # ------------------------------------------------------------------ building

    def _build_views(self) -> None:
        self.timeline = TimelineView()
        self.timeline.setObjectName("timeline")
        self.cycle_chart = CycleChartView()
        self.cycle_chart.setObjectName("cycle-chart")
        self.patterns_panel = PatternsPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.timeline, "&Timeline")
        self.tabs.addTab(self.cycle_chart, "C&ycle chart")
        self.tabs.addTab(self.patterns_panel, "&Patterns")
        self.tabs.setAccessibleName("Charts and patterns")
        self.tabs.currentChanged.connect(self._on_tab_changed)
        for chart in (self.timeline, self.cycle_chart):
            chart.episodeActivated.connect(self.select_episode)
            chart.episodeOpened.connect(self._open_from_chart)

        self.episode_list = EpisodeList()
        self.episode_list.selection_changed.connect(self._on_selection_changed)
        self.episode_list.activated.connect(self.edit_episode)
        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("left-splitter")
        left.addWidget(self.tabs)
        left.addWidget(self.episode_list)
        left.setSizes([340, 420])
        # Charts squeezed below this height draw their legend over their axes: the list
        # gives way first (it scrolls), whatever the screen or scaling.
        self.tabs.setMinimumHeight(self.fontMetrics().height() * CHART_MIN_LINES)

        self.details = EpisodeDetails()
        self.details_scroll = details_scroll = QScrollArea()
        details_scroll.setWidgetResizable(True)
        details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        details_scroll.setWidget(self.details)
        details_scroll.setAccessibleName("Episode details")
        self.card_panel = CardPanel()
        right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("right-splitter")
        right.addWidget(details_scroll)
        right.addWidget(self.card_panel)
        # The cards get the room; the details pane stays compact (it scrolls if need be).
        right.setStretchFactor(0, 0)
        right.setStretchFactor(1, 1)
        right.setSizes([220, 540])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([740, 540])
        self._splitters = (self.splitter, left, right)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(_locked_page(self.unlock_requested.emit))
        self.setCentralWidget(self.stack)

    def _build_actions(self) -> None:
        self.actions_ = MainActions(
            self,
            ActionSlots(
                new_episode=self.new_episode,
                edit_episode=self.edit_episode,
                delete_episode=self.delete_episode,
                period_started=self.period_started,
                period_ended=self.period_ended,
                lock=self.lock_manager.lock_now,
                find=self.episode_list.focus_search,
                records=self.open_records,
                episode_report=lambda: self._open_report(self.selected_episode_id(), False),
                appointment_prep=lambda: self._open_report(None, True),
                auto_lock=self.ask_auto_lock,
                back_up=lambda: self._with_service(journal_files.back_up),
                export_json=lambda: self._with_service(journal_files.export_json),
                import_json=lambda: self._with_service(journal_files.import_json),
                import_from_app=lambda: self._with_service(import_from_app),
                change_passphrase=lambda: self._with_service(journal_files.change_passphrase),
                open_journal=lambda: self._open_file(backup=False),
                open_backup=lambda: self._open_file(backup=True),
                show_tab=self.tabs.setCurrentIndex,
                quit=self.close,
            ),
            self.undo_stack,
        )
        actions = self.actions_
        self.new_action, self.edit_action, self.delete_action = (
            actions.new, actions.edit, actions.delete
        )  # fmt: skip
        self.undo_action, self.redo_action = actions.undo, actions.redo
        self.lock_action, self.find_action = actions.lock, actions.find
        self.records_action, self.report_action = actions.records, actions.report
        self.appointment_action = actions.appointment

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
        self.actions_.set_journal_enabled(True)
        selected, tab = self._restore
        self.tabs.setCurrentIndex(tab)
        self.reload()
        if selected is None or not self.episode_list.select(selected):
            self.episode_list.select_first()  # the newest episode, with its cards
        self._update_actions()
        self.lock_manager.start()
        self.ongoing_notice.check(service)  # "still bleeding" for more than 7 days
        self.episode_list.table.setFocus()
        self.card_panel.prepare(load_catalogue())  # while the user reads: quick selections

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
        self.actions_.set_journal_enabled(False)

    def _clear_views(self) -> None:
        self._shown_id = None
        self._highlighted = {}
        self._severities = {}
        self._stale_charts = set()
        self._charts_timer.stop()
        self.episode_list.clear()
        self.details.clear()
        self.card_panel.clear()
        self.patterns_panel.clear()
        self.timeline.clear()
        self.cycle_chart.clear()

    # ------------------------------------------------------------------ loading

    def reload(self, changes: Changes | None = None) -> None:
        """Reload the views ``changes`` touch from the service (all of them when None).

        Episodes and periods feed the list (its cycle-day column), the charts and the
        patterns; context feeds the charts' marks and every explanation; appointments
        show nowhere in this window, so they reload nothing here.
        """
        service = self._service
        if service is None:
            return
        if changes is not None and not (changes.episodes or changes.periods or changes.context):
            return
        listed = changes is None or changes.episodes or changes.periods
        selected = self.selected_episode_id()
        data = service.data()
        if listed:
            self.episode_list.set_data(data)
            self.patterns_panel.show_patterns(for_reading(service.patterns()))
        self._severities = {}
        self._stale_charts = {self.timeline, self.cycle_chart}
        self._charts_timer.start()
        self._shown_id = None  # the explanation may have changed: show it again
        self._highlighted = {}  # the charts were redrawn: ring what is selected now, or none
        if selected is None or not self.episode_list.select(selected):
            self.details.clear()
            self.card_panel.clear(NOTHING_LOGGED_TEXT if not data.episodes else EMPTY_TEXT)
            QTimer.singleShot(0, self._sync_chart_highlight)
        elif not listed:
            self._show_episode(selected)  # same row still selected: no selection signal
        self._update_actions()
        self._open_period = open_period(data.periods, clock.today())
        self._update_period_actions()
        self.severity_job.start(service.explainer(), [e.id for e in data.episodes])

    def _on_changes(self, changes: Changes) -> None:
        self.reload(changes)

    def _on_severities(self, severities: dict[str, Severity]) -> None:
        if self._service is None:
            return
        self._severities = severities
        self._stale_charts = {self.timeline, self.cycle_chart}
        self._refresh_chart_on_view()

    def _refresh_chart_on_view(self) -> None:
        """Redraw the chart on view if its data changed since it was drawn."""
        chart = self.tabs.currentWidget()
        service = self._service
        if service is None or chart not in self._stale_charts:
            return
        self._stale_charts.discard(chart)
        calendar = service.explainer().calendar
        if chart is self.timeline:
            self.timeline.set_data(timeline_data(service.data(), self._severities, calendar))
        else:
            self.cycle_chart.set_rows(cycle_rows(service.data(), self._severities, calendar))
        # Ring the selected episode again, bringing it into view on the new chart.
        self._highlighted.pop(chart.objectName(), None)
        self._sync_chart_highlight()

    # ------------------------------------------------------------------ selection

    def selected_episode_id(self) -> str | None:
        return self.episode_list.selected_id()

    def select_episode(self, episode_id: str) -> None:
        """Select an episode in the list (showing it even when the filter hid it)."""
        self.episode_list.select(episode_id)

    def _open_from_chart(self, episode_id: str) -> None:
        if self.episode_list.select(episode_id):
            self.edit_episode()

    def _on_selection_changed(self, episode_id: str | None) -> None:
        self._show_episode(episode_id)
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
            cycle_unknown = explanation.cycle.cycle_day is None
            self.card_panel.show_cards(
                explanation.cards,
                NO_CYCLE_TEXT if cycle_unknown else NO_CARDS_TEXT,
                explanation.triage,
            )
        # A chart redraw costs far more than the cards: let the cards paint first, and
        # redraw only the chart on view (the other catches up when its tab is shown).
        QTimer.singleShot(0, self._sync_chart_highlight)

    def _on_tab_changed(self, _index: int) -> None:
        self._refresh_chart_on_view()
        self._sync_chart_highlight()

    def _sync_chart_highlight(self) -> None:
        chart = self.tabs.currentWidget()
        if not isinstance(chart, TimelineView | CycleChartView) or self._service is None:
            return
        if self._highlighted.get(chart.objectName(), "") != self._shown_id:
            self._highlighted[chart.objectName()] = self._shown_id
            chart.highlight(self._shown_id)

    def _update_period_actions(self) -> None:
        going = self._open_period is not None
        self.actions_.period_started.setVisible(not going)
        self.actions_.period_ended.setVisible(going)

    def _update_actions(self) -> None:
        has = self.selected_episode_id() is not None and not self.is_locked
        self.edit_action.setEnabled(has)
        self.delete_action.setEnabled(has)

    # ------------------------------------------------------------------ editing

    def _prepare_changes(self) -> None:
        if self._service is not None:
            self._service.prepare_changes()

    def new_episode(self) -> None:
        self._changes_timer.start()  # runs while the form is open
        episode_id = self.operations.new()
        if episode_id is not None:
            self.select_episode(episode_id)

    def edit_episode(self) -> None:
        episode_id = self.selected_episode_id()
        if episode_id is not None:
            self._changes_timer.start()
            self.operations.edit(episode_id)

    def delete_episode(self) -> None:
        episode_id = self.selected_episode_id()
        if episode_id is not None:
            self._changes_timer.start()
            self.operations.delete(episode_id)

    def period_started(self) -> None:
        """Log a period starting today (one press; Ctrl+Z undoes it)."""
        if self._service is not None and self._open_period is None:
            command = PeriodCommand.started(self._service, clock.today(), self.show_error)
            self._push_period(command, "Period started today.")

    def period_ended(self) -> None:
        """End the open period today."""
        if self._service is not None and self._open_period is not None:
            command = PeriodCommand.ended(
                self._service, self._open_period, clock.today(), self.show_error
            )
            self._push_period(command, "Period ended today.")

    def _push_period(self, command: PeriodCommand, message: str) -> None:
        self.undo_stack.push(command)
        if not command.isObsolete():
            self.statusBar().showMessage(f"{message} Ctrl+Z undoes it.", 8000)

    def _open_file(self, backup: bool) -> None:
        path = journal_files.choose_journal(self, backup)
        if path is not None:
            self.open_requested.emit(path)

    def open_records(self) -> None:
        if self._service is None:
            return
        from journal.gui.records_dialog import RecordsDialog

        dialog = RecordsDialog(self._service, self)
        self._changes_timer.start()
        dialog.exec()
        dialog.deleteLater()

    def _open_report(self, episode_id: str | None, appointment: bool) -> None:
        """The report dialogs open non-modally (``open()``): a lock closes them like any other.

        Imported on first use: the report renderer is not needed to show the journal.
        """
        if self._service is None:
            return
        from journal.gui.report_dialog import AppointmentDialog, open_episode_report

        if appointment:
            dialog = AppointmentDialog(self._service, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
        elif episode_id is None:
            QMessageBox.information(self, "Episode report", "Select an episode first.")
        else:
            open_episode_report(self._service, episode_id, self)

    def _with_service(self, action: Callable[[QWidget, JournalService], object]) -> None:
        if self._service is not None:
            action(self, self._service)

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
        self.operations.show_error(error)

    # ------------------------------------------------------------------ window

    def _share_splitters(self) -> None:
        """First-run split by shares of the window, so a small screen keeps room for cards."""
        width, height = self.width(), self.height()
        main, left, right = self._splitters
        main.setSizes([width * 56 // 100, width * 44 // 100])
        left.setSizes([height * 42 // 100, height * 58 // 100])
        right.setSizes([height * 30 // 100, height * 70 // 100])

    def _restore_splitters(self) -> None:
        state = WindowState()
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
        if event.type() == QEvent.Type.PaletteChange:
            if hasattr(self, "actions_"):  # not during construction
                self.actions_.refresh_icons()
            if self._service is not None:
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


def _locked_page(on_unlock: Callable[[], None]) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    message = QLabel("<h2>The journal is locked</h2><p>Nothing of it is shown or kept open.</p>")
    message.setAlignment(Qt.AlignmentFlag.AlignCenter)
    unlock = QPushButton("&Unlock…")
    unlock.setAccessibleName("Unlock the journal")
    unlock.clicked.connect(on_unlock)
    layout.addStretch(1)
    layout.addWidget(message)
    layout.addWidget(unlock, 0, Qt.AlignmentFlag.AlignCenter)
    layout.addStretch(2)
    return page
