"""Locking: Ctrl+L, idle time and desktop signals close the journal and clear every view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from journal.app import AppController
from journal.gui.episode_editor import EpisodeEditor
from journal.gui.main_window import LOCKED_TITLE, TAB_CYCLES, TITLE, MainWindow
from journal.gui.unlock_dialog import UnlockDialog
from journal.services import JournalService
from tests.helpers import MARKER, PASSPHRASE

JOURNAL_TEXTS = (MARKER, "brownish mucus", "Intercourse", "Bright red")


def visible_texts(widget: QWidget) -> list[str]:
    """Every piece of text a widget tree shows or holds: labels, fields, models, titles."""
    texts = [widget.windowTitle(), widget.toolTip(), widget.accessibleName()]
    for child in [widget, *widget.findChildren(QWidget)]:
        texts.append(child.windowTitle())
        texts.append(child.toolTip())
        if isinstance(child, QLabel | QLineEdit):
            texts.append(child.text())
        elif isinstance(child, QTextEdit | QPlainTextEdit):
            texts.append(child.toPlainText())
        elif isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
        elif isinstance(child, QAbstractItemView) and child.model() is not None:
            model = child.model()
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    texts.append(str(model.index(row, column).data()))
    return texts


def leaked(texts: list[str]) -> list[str]:
    return [t for t in texts if any(secret in t for secret in JOURNAL_TEXTS)]


@pytest.fixture
def controller(
    qtbot: QtBot, filled_journal: tuple[Path, dict[str, str]]
) -> Iterator[AppController]:
    control = AppController(filled_journal[0])
    control.start(JournalService.open(filled_journal[0], PASSPHRASE))
    assert control.window is not None
    qtbot.addWidget(control.window)
    qtbot.waitExposed(control.window)
    yield control
    control.shutdown()


def _window(controller: AppController) -> MainWindow:
    assert controller.window is not None
    return controller.window


def test_ctrl_l_leaves_no_journal_text_in_any_widget(
    qtbot: QtBot, controller: AppController, filled_journal: tuple[Path, dict[str, str]]
) -> None:
    window = _window(controller)
    window.select_episode(filled_journal[1]["after_sex"])
    window.episode_list.filter_bar.text.setText("After sex")
    window.episode_list.filter_bar.text.clear()
    window.select_episode(filled_journal[1]["after_sex"])
    assert leaked(visible_texts(window))  # the check can fail: the text was there
    window.episode_list.table.setFocus()
    with qtbot.waitSignal(window.locked, timeout=2000):
        qtbot.keyClick(window.episode_list.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked
    assert window.windowTitle() == LOCKED_TITLE
    assert not leaked(visible_texts(window))
    for top in QApplication.topLevelWidgets():
        if top.isVisible():
            assert not leaked(visible_texts(top)), top
    assert window.timeline.artists is None and window.cycle_chart.artists is None
    assert window.card_panel.card_ids() == []
    assert not window.new_action.isEnabled()
    assert isinstance(controller.dialog, UnlockDialog) and controller.dialog.isVisible()


def test_lock_closes_open_editors_and_message_boxes_without_asking(
    qtbot: QtBot, controller: AppController
) -> None:
    window = _window(controller)
    editor = EpisodeEditor(window)
    editor.notes_edit.setPlainText(f"half typed {MARKER}")
    editor.open()
    box = QMessageBox(QMessageBox.Icon.Question, "Question", "Sure?", parent=window)
    box.open()
    qtbot.waitExposed(editor)
    window.lock_action.trigger()
    assert not editor.isVisible() and not box.isVisible()
    assert MARKER not in editor.notes_edit.toPlainText()
    assert window.is_locked


def test_unlocking_returns_to_the_same_episode_and_tab(
    qtbot: QtBot, controller: AppController, filled_journal: tuple[Path, dict[str, str]]
) -> None:
    window = _window(controller)
    episode_id = filled_journal[1]["mucus"]
    window.select_episode(episode_id)
    window.tabs.setCurrentIndex(TAB_CYCLES)
    window.lock_action.trigger()
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    dialog.passphrase.setText("not it")
    dialog.unlock_button.click()
    assert "Wrong passphrase" in dialog.error_text and window.is_locked
    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.unlocked, timeout=5000):
        dialog.unlock_button.click()
    assert not window.is_locked and window.windowTitle() == TITLE
    assert window.selected_episode_id() == episode_id
    assert window.tabs.currentIndex() == TAB_CYCLES
    qtbot.waitUntil(lambda: bool(window.card_panel.card_ids()))


def test_idle_time_locks(qtbot: QtBot, controller: AppController) -> None:
    window = _window(controller)
    window.lock_manager.set_idle_minutes(0.004)  # about a quarter of a second
    with qtbot.waitSignal(window.locked, timeout=5000) as blocker:
        pass
    assert blocker.args == ["idle"]
    assert window.is_locked


def test_input_restarts_the_idle_timer(qtbot: QtBot, controller: AppController) -> None:
    """A key press or a move as the desktop delivers it (to the window the widget is in),
    in the main window or in a dialog opened later; painting is not input."""
    from collections.abc import Callable

    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    window = _window(controller)
    timer = window.lock_manager._timer

    def restarts(send: Callable[[], None]) -> bool:
        timer.stop()  # as if it were about to run out
        send()
        return timer.isActive() and timer.remainingTime() > timer.interval() - 1000

    handle = window.windowHandle()
    assert restarts(lambda: QTest.keyClick(handle, Qt.Key.Key_Down))
    assert restarts(lambda: QTest.mouseMove(handle, QPoint(40, 40)))
    assert not restarts(window.repaint)
    dialog = QDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is dialog.windowHandle())
    assert restarts(lambda: QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_A))
    dialog.close()


@pytest.mark.parametrize(
    ("slot", "reason"),
    [("on_screensaver_active_changed", "screen-locked"), ("on_prepare_for_sleep", "suspend")],
)
def test_desktop_signals_lock(
    qtbot: QtBot, controller: AppController, slot: str, reason: str
) -> None:
    window = _window(controller)
    getattr(window.lock_manager, slot)(False)  # screen saver off / resumed: nothing happens
    assert not window.is_locked
    with qtbot.waitSignal(window.locked, timeout=2000) as blocker:
        getattr(window.lock_manager, slot)(True)
    assert blocker.args == [reason]
    assert window.is_locked
