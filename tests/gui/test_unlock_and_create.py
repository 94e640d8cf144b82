"""Creating a journal and unlocking it through the real dialogs and the app controller."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from journal.app import AppController, DemoJournal
from journal.gui.create_journal_dialog import CreateJournalDialog
from journal.gui.main_window import MainWindow
from journal.gui.passphrase import strength_hint
from journal.gui.unlock_dialog import UnlockDialog
from journal.services import JournalService
from tests.helpers import PASSPHRASE


def test_first_run_creates_the_journal_and_opens_the_window(
    qtbot: QtBot, journal_path: Path
) -> None:
    controller = AppController(journal_path)
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, CreateJournalDialog)
    qtbot.addWidget(dialog)
    assert "cannot be opened" in dialog.warning.text()  # the lost-passphrase warning
    assert not dialog.create_button.isEnabled()
    dialog.passphrase.setText("short")
    dialog.repeat.setText("short")
    assert not dialog.create_button.isEnabled()
    assert "Too short" in dialog.hint.text()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.repeat.setText(PASSPHRASE + "typo")
    dialog.create_button.click()
    assert "do not match" in dialog.error.text()
    assert not journal_path.exists()
    dialog.repeat.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.created, timeout=10_000):
        dialog.create_button.click()
    assert journal_path.exists()
    assert isinstance(controller.window, MainWindow)
    qtbot.addWidget(controller.window)
    assert controller.window.episode_list.model.rowCount() == 0
    assert dialog.passphrase.text() == ""  # nothing kept in the dialog
    controller.shutdown()
    JournalService.open(journal_path, PASSPHRASE).close()  # the passphrase works


def test_unlock_with_a_wrong_then_the_right_passphrase(
    qtbot: QtBot, filled_journal: tuple[Path, dict[str, str]]
) -> None:
    controller = AppController(filled_journal[0])
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("wrong")
    dialog.unlock_button.click()
    assert "Wrong passphrase" in dialog.error_text
    assert dialog.isVisible() and controller.window is None
    assert dialog.passphrase.selectedText() == "wrong"  # ready to type again
    dialog.passphrase.setText(PASSPHRASE)
    dialog.unlock_button.click()
    assert not dialog.isVisible()
    assert isinstance(controller.window, MainWindow)
    qtbot.addWidget(controller.window)
    assert controller.window.episode_list.model.rowCount() == 3
    controller.shutdown()


def test_the_window_is_built_while_the_passphrase_is_typed_and_holds_nothing_until_unlock(
    qtbot: QtBot, filled_journal: tuple[Path, dict[str, str]]
) -> None:
    from journal.cards.triage import TriageLevel
    from journal.gui.widgets.card_panel import _triage_icon

    before = set(QApplication.topLevelWidgets())  # windows earlier tests left behind
    _triage_icon.cache_clear()
    controller = AppController(filled_journal[0])
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.addWidget(dialog)
    prepared: list[MainWindow] = []

    def built() -> bool:
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w not in before
        ]
        prepared[:] = found
        return bool(found)

    qtbot.waitUntil(built)  # while the person types
    (window,) = prepared
    qtbot.addWidget(window)
    assert not window.isVisible() and window.is_locked and window.service is None
    assert window.episode_list.model.rowCount() == 0
    # The triage line's icons are drawn already, for every level.
    drawn = _triage_icon.cache_info().misses
    ratio = window.card_panel.triage_line.devicePixelRatioF()
    assert all(not _triage_icon(level, ratio).isNull() for level in TriageLevel)
    assert _triage_icon.cache_info().misses == drawn
    dialog.passphrase.setText(PASSPHRASE)
    dialog.unlock_button.click()
    assert controller.window is window  # the same window, now showing the journal
    assert window.isVisible() and not window.is_locked
    assert window.episode_list.model.rowCount() == 3
    controller.shutdown()


def test_start_up_drops_the_source_lines_kept_for_every_imported_module(
    qtbot: QtBot, filled_journal: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """PySide6 reads the source of each module imported after it, and linecache keeps it
    (30 MB at start-up); once the window is prepared the app lets those lines go."""
    import gc
    import linecache

    import journal.app as app_module

    monkeypatch.setattr(app_module, "_startup_settled", False)
    monkeypatch.setattr(gc, "freeze", lambda: None)  # the freeze has its own test
    kept = linecache.getlines(app_module.__file__)
    assert kept and app_module.__file__ in linecache.cache
    controller = AppController(filled_journal[0])
    controller.start()
    assert controller.dialog is not None
    qtbot.addWidget(controller.dialog)
    assert app_module.__file__ in linecache.cache  # nothing dropped before the window
    qtbot.waitUntil(lambda: controller._prepared is not None)
    assert app_module.__file__ not in linecache.cache
    assert linecache.getlines(app_module.__file__) == kept  # read again when needed
    controller.shutdown()


def test_start_up_objects_are_frozen_once_before_any_journal_is_opened(
    qtbot: QtBot, filled_journal: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The collector skips what start-up made (a full collection set off by the load
    walked it all, during the unlock); nothing of a journal is frozen with it."""
    import gc

    import journal.app as app_module

    monkeypatch.setattr(app_module, "_startup_settled", False)
    gc.unfreeze()
    controllers = [AppController(filled_journal[0]) for _ in range(2)]
    controllers[0].start()
    dialog = controllers[0].dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.addWidget(dialog)
    assert gc.get_freeze_count() == 0
    qtbot.waitUntil(lambda: controllers[0]._prepared is not None)  # while the person types
    frozen = gc.get_freeze_count()
    assert frozen > 0
    dialog.passphrase.setText(PASSPHRASE)
    dialog.unlock_button.click()
    window = controllers[0].window
    assert window is not None and window.episode_list.model.rowCount() == 3
    qtbot.addWidget(window)
    # Frozen objects may go (freed when unreferenced); nothing is added to them.
    assert gc.get_freeze_count() <= frozen  # nothing loaded by the unlock
    controllers[1].start()  # another window in the same process: not frozen again
    assert controllers[1].dialog is not None
    qtbot.addWidget(controllers[1].dialog)
    qtbot.waitUntil(lambda: controllers[1]._prepared is not None)
    assert gc.get_freeze_count() <= frozen
    for controller in controllers:
        controller.shutdown()


def test_a_journal_in_use_says_so(
    qtbot: QtBot, filled_journal: tuple[Path, dict[str, str]]
) -> None:
    holder = JournalService.open(filled_journal[0], PASSPHRASE)
    try:
        dialog = UnlockDialog(filled_journal[0])
        qtbot.addWidget(dialog)
        dialog.open()
        dialog.passphrase.setText(PASSPHRASE)
        dialog.unlock_button.click()
        assert "open in another window" in dialog.error_text
        assert dialog.service is None
    finally:
        holder.close()


def test_an_empty_passphrase_is_not_tried(qtbot: QtBot, journal_path: Path) -> None:
    dialog = UnlockDialog(journal_path)
    qtbot.addWidget(dialog)
    dialog.unlock_button.click()
    assert dialog.error_text == "Enter the passphrase first."


@pytest.mark.parametrize(
    ("text", "word"),
    [("", "several words"), ("abc", "Too short"), ("abcdefgh", "Weak"),
     ("correct horse battery staple", "Strong")],
)  # fmt: skip
def test_strength_hint(text: str, word: str) -> None:
    assert word in strength_hint(text)[1]


def test_demo_journal_loads_and_is_removed(qtbot: QtBot) -> None:
    demo = DemoJournal.create()
    try:
        assert demo.folder.stat().st_mode & 0o777 == 0o700
        controller = AppController(demo.path, hint="demo")
        controller.start(JournalService.open(demo.path, demo.passphrase))
        window = controller.window
        assert isinstance(window, MainWindow)
        qtbot.addWidget(window)
        assert window.episode_list.model.rowCount() >= 20  # about a year of episodes
        assert window.patterns_panel.titles()
        qtbot.waitUntil(lambda: window.timeline.artists is not None)  # the next turn
        window.lock()
        assert isinstance(controller.dialog, UnlockDialog)
        assert "demo" in controller.dialog.hint.text()
        controller.shutdown()
    finally:
        demo.remove()
    assert not demo.folder.exists()


def test_the_unlock_dialog_needs_no_plotting_library() -> None:
    import subprocess
    import sys

    code = (
        "import sys; import journal.app; "
        "print(sorted(m for m in ('matplotlib', 'journal.gui.main_window') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_enter_after_the_last_field_creates_the_journal(qtbot: QtBot, journal_path: Path) -> None:
    """Enter must press Create, never Cancel (Qt moves the default while Create is disabled)."""
    from PySide6.QtCore import Qt

    dialog = CreateJournalDialog(journal_path)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.keyClicks(dialog.passphrase, "correct horse battery")
    qtbot.keyClicks(dialog.repeat, "correct horse battery")
    with qtbot.waitSignal(dialog.created, timeout=10_000):
        qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert journal_path.exists()
    assert dialog.service is not None
    dialog.service.close()
