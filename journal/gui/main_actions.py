"""The main window's actions, menus and toolbar, with their shortcuts, built in one place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow

Slot = Callable[[], object]
_STD = QKeySequence.StandardKey


@dataclass(frozen=True, slots=True)
class ActionSlots:
    """What each action does (the window's methods)."""

    new_episode: Slot
    edit_episode: Slot
    delete_episode: Slot
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
        self.lock = self._make("&Lock journal", slots.lock, "Ctrl+L")
        self.find = self._make("&Find in notes", slots.find, _STD.Find)
        self.records = self._make("&Periods, context and visits…", slots.records, "Ctrl+R")
        self.report = self._make("&Print / save episode report…", slots.episode_report, "Ctrl+P")
        self.appointment = self._make("Prepare for &appointment…", slots.appointment_prep)
        self.auto_lock = self._make("Auto-lock &time…", slots.auto_lock)
        self.back_up = self._make("&Back up…", slots.back_up)
        self.export_json = self._make("E&xport as JSON (not encrypted)…", slots.export_json)
        self.import_json = self._make("&Import from JSON…", slots.import_json)
        self.import_from_app = self._make("Import from another &app…", slots.import_from_app)
        self.change_passphrase = self._make("C&hange passphrase…", slots.change_passphrase)
        self.quit = self._make("&Quit", slots.quit, _STD.Quit)
        self.tabs = [
            self._make(name, _bind(slots.show_tab, index), f"Ctrl+{index + 1}")
            for index, name in enumerate(("&Timeline", "C&ycle chart", "&Patterns"))
        ]
        # Everything that needs an open journal; disabled while locked. Undo and redo follow
        # the undo stack alone (cleared on lock), so they are never on with nothing to undo.
        self._undo_stack = undo_stack
        self.journal_actions = [
            self.new, self.edit, self.delete, self.lock, self.find,
            self.records, self.report, self.appointment, *self.tabs,
            self.back_up, self.export_json, self.import_json, self.import_from_app,
            self.change_passphrase,
        ]  # fmt: skip
        self._build_menus()
        self._build_toolbar()
        for action in (*self.journal_actions, self.undo, self.redo):
            text = action.text().replace("&", "").rstrip("…")
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({keys})" if keys else text)

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
            (self.records,),
            (self.report, self.appointment),
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
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.new, self.edit, self.delete])
        toolbar.addSeparator()
        toolbar.addActions([self.undo, self.records])
        toolbar.addSeparator()
        toolbar.addActions([self.report, self.appointment])
        toolbar.addSeparator()
        toolbar.addAction(self.lock)
