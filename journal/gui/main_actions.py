"""The main window's actions, menus and toolbar, with their shortcuts and icons, in one place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QToolButton

from journal.gui.icons import ACTION_ICONS, action_icon

Slot = Callable[[], object]
_STD = QKeySequence.StandardKey


@dataclass(frozen=True, slots=True)
class ActionSlots:
    """What each action does (the window's methods)."""

    new_episode: Slot
    edit_episode: Slot
    delete_episode: Slot
    period_started: Slot
    period_ended: Slot
    lock: Slot
    find: Slot
    records: Slot
    episode_report: Slot
    appointment_prep: Slot
    auto_lock: Slot
    back_up: Slot
    export_json: Slot
    import_json: Slot
    import_from_app: Slot
    change_passphrase: Slot
    open_journal: Slot
    open_backup: Slot
    show_tab: Callable[[int], object]
    quit: Slot


def _bind(function: Callable[[int], object], value: int) -> Slot:
    return lambda: function(value)


class MainActions:
    """Creates the actions on ``window`` (so shortcuts work wherever the focus is)."""

    def __init__(self, window: QMainWindow, slots: ActionSlots, undo_stack: QUndoStack) -> None:
        self._window = window
        self.new = self._make("&Log episode…", slots.new_episode, "Ctrl+N")
        self.edit = self._make("&Edit episode…", slots.edit_episode, "Ctrl+E")
        self.delete = self._make("&Delete episode…", slots.delete_episode, _STD.Delete)
        self.undo = undo_stack.createUndoAction(window, "&Undo")
        self.undo.setShortcut(QKeySequence(_STD.Undo))
        self.redo = undo_stack.createRedoAction(window, "&Redo")
        self.redo.setShortcut(QKeySequence(_STD.Redo))
        # One press each; the window shows the one that fits (a period open or not).
        self.period_started = self._make("Period &started", slots.period_started, "Ctrl+Shift+S")
        self.period_ended = self._make("Period e&nded", slots.period_ended, "Ctrl+Shift+E")
        self.lock = self._make("Loc&k journal", slots.lock, "Ctrl+L")
        self.find = self._make("&Find in notes", slots.find, _STD.Find)
        self.records = self._make("Periods, &context and visits…", slots.records, "Ctrl+R")
        self.report = self._make("&Print / save episode report…", slots.episode_report, "Ctrl+P")
        self.appointment = self._make(
            "Prepare for &appointment…", slots.appointment_prep, "Ctrl+Shift+A"
        )
        self.auto_lock = self._make("Auto-lock &time…", slots.auto_lock)
        self.back_up = self._make("Back &up…", slots.back_up)
        self.export_json = self._make("E&xport as JSON (not encrypted)…", slots.export_json)
        self.import_json = self._make("&Import from JSON…", slots.import_json)
        self.import_from_app = self._make("Import &from another app…", slots.import_from_app)
        self.change_passphrase = self._make("C&hange passphrase…", slots.change_passphrase)
        self.open_journal = self._make("&Open another journal…", slots.open_journal, _STD.Open)
        self.open_backup = self._make("Open a &backup…", slots.open_backup)
        self.quit = self._make("&Quit", slots.quit, _STD.Quit)
        self.tabs = [
            self._make(name, _bind(slots.show_tab, index), f"Ctrl+{index + 1}")
            for index, name in enumerate(("&Timeline", "C&ycle chart", "&Patterns"))
        ]
        # Everything that needs an open journal; disabled while locked. Undo and redo follow
        # the undo stack alone (cleared on lock), so they are never on with nothing to undo.
        self._undo_stack = undo_stack
        self.journal_actions = [
            self.new, self.edit, self.delete, self.period_started, self.period_ended,
            self.lock, self.find,
            self.records, self.report, self.appointment, *self.tabs,
            self.back_up, self.export_json, self.import_json, self.import_from_app,
            self.change_passphrase,
        ]  # fmt: skip
        self._build_menus()
        self._build_toolbar()
        self.refresh_icons()
        for action in (*self.journal_actions, self.undo, self.redo):
            text = action.text().replace("&", "").rstrip("…")
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({keys})" if keys else text)

    def refresh_icons(self) -> None:
        """Icons in the window's text colour (again after a light/dark switch)."""
        for name in ACTION_ICONS:
            action = getattr(self, name, None)
            if isinstance(action, QAction):
                action.setIcon(action_icon(name, self._window))

    def set_journal_enabled(self, enabled: bool) -> None:
        for action in self.journal_actions:
            action.setEnabled(enabled)
        self.undo.setEnabled(enabled and self._undo_stack.canUndo())
        self.redo.setEnabled(enabled and self._undo_stack.canRedo())

    def _make(self, text: str, slot: Slot, keys: str | QKeySequence.StandardKey = "") -> QAction:
        action = QAction(text, self._window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self._window.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self._window.menuBar()
        journal = bar.addMenu("&Journal")
        for group in (
            (self.new, self.edit, self.delete),
            (self.period_started, self.period_ended, self.records),
            (self.report, self.appointment),
            (self.open_journal, self.open_backup),
            (self.back_up, self.export_json, self.import_json, self.import_from_app),
            (self.change_passphrase,),
            (self.lock, self.quit),
        ):
            journal.addActions(list(group))
            journal.addSeparator()
        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo, self.redo, self.find])
        edit.addSeparator()
        edit.addAction(self.auto_lock)
        view = bar.addMenu("&View")
        view.addActions(self.tabs)

    def _build_toolbar(self) -> None:
        toolbar = self._window.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        # Icons with their names for the everyday actions, icons alone (names in the
        # tooltips) for the rest, so the row fits a small screen.
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        toolbar.addActions([self.new, self.edit, self.delete])
        toolbar.addSeparator()
        toolbar.addActions([self.period_started, self.period_ended, self.records])
        toolbar.addSeparator()
        toolbar.addAction(self.undo)
        toolbar.addSeparator()
        toolbar.addActions([self.report, self.appointment])
        toolbar.addSeparator()
        toolbar.addAction(self.lock)
        for action in (self.new, self.period_started, self.period_ended, self.lock):
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar = toolbar
