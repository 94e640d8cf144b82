"""Menus, access keys, the one-press period actions and opening another journal."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu, QToolBar
from pytestqt.qtbot import QtBot

from journal.app import AppController
from journal.domain.model import Period
from journal.gui import journal_files
from journal.gui.create_journal_dialog import CreateJournalDialog
from journal.gui.main_window import MainWindow
from journal.gui.passphrase import LEVEL_COLOURS
from journal.gui.unlock_dialog import UnlockDialog
from journal.gui.widgets.passphrase_fields import StrengthMeter
from journal.services import JournalService
from tests.gui.conftest import fill_journal
from tests.helpers import PASSPHRASE

TODAY = date(2026, 11, 22)  # the pinned clock's day


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


def _menus(window: MainWindow) -> list[QMenu]:
    menus = [a.menu() for a in window.menuBar().actions()]
    return [m for m in menus if isinstance(m, QMenu)]


def _key(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else None


def test_every_menu_has_unique_access_keys(controller: AppController) -> None:
    window = _window(controller)
    bar_keys = [_key(a.text()) for a in window.menuBar().actions()]
    assert len(bar_keys) == len(set(bar_keys)) and None not in bar_keys
    for menu in _menus(window):
        keys = [_key(a.text()) for a in menu.actions() if not a.isSeparator()]
        assert None not in keys, [a.text() for a in menu.actions()]
        duplicates = {k for k in keys if keys.count(k) > 1}
        assert not duplicates, (menu.title(), duplicates)


def test_every_toolbar_action_is_also_in_a_menu(controller: AppController) -> None:
    window = _window(controller)
    in_menus = {id(a) for menu in _menus(window) for a in menu.actions()}
    for toolbar in window.findChildren(QToolBar):
        for action in toolbar.actions():
            if not action.isSeparator():
                assert id(action) in in_menus, action.text()


def _visible(window: MainWindow) -> tuple[bool, bool]:
    actions = window.actions_
    return actions.period_started.isVisible(), actions.period_ended.isVisible()


def test_period_started_then_ended_one_press_each_and_undoable(
    qtbot: QtBot, controller: AppController
) -> None:
    window = _window(controller)
    service = window.service
    assert service is not None
    before = service.periods()
    assert _visible(window) == (True, False)  # the last period has ended
    window.actions_.period_started.trigger()
    assert Period(TODAY) in service.periods()
    assert _visible(window) == (False, True)
    assert "Period started" in window.statusBar().currentMessage()
    window.actions_.period_ended.trigger()
    assert Period(TODAY, TODAY) in service.periods()
    assert _visible(window) == (True, False)
    window.undo_action.trigger()
    assert Period(TODAY) in service.periods()
    window.undo_action.trigger()
    assert service.periods() == before


def test_period_ended_closes_a_period_started_days_ago(
    qtbot: QtBot, controller: AppController
) -> None:
    window = _window(controller)
    assert window.service is not None
    window.service.save_period(Period(date(2026, 11, 19)))
    assert _visible(window) == (False, True)
    window.actions_.period_ended.trigger()
    assert Period(date(2026, 11, 19), TODAY) in window.service.periods()


def test_open_another_journal_locks_this_one_and_asks_for_the_other(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, controller: AppController, tmp_path: Path
) -> None:
    other = tmp_path / "other" / "second.hjournal"
    fill_journal(other)
    monkeypatch.setattr(journal_files, "choose_journal", lambda _parent, backup: other)
    window = _window(controller)
    assert window.actions_.open_journal.isEnabled()
    window.actions_.open_journal.trigger()
    assert window.is_locked
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    assert window.actions_.open_backup.isEnabled()  # also while locked
    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.unlocked, timeout=5000):
        dialog.unlock_button.click()
    assert window.service is not None and window.service.path == other


def test_create_dialog_shows_the_path_and_can_choose_another(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first = tmp_path / "a" / "health.hjournal"
    elsewhere = tmp_path / "b" / "mine.hjournal"
    dialog = CreateJournalDialog(first)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.location.text() == str(first)
    monkeypatch.setattr(
        CreateJournalDialog, "ask_location", classmethod(lambda _c, _p, _cur: elsewhere)
    )
    dialog.choose_button.click()
    assert dialog.location.text() == str(elsewhere)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.repeat.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.created, timeout=10000):
        dialog.create_button.click()
    assert elsewhere.exists() and not first.exists()
    assert dialog.service is not None
    dialog.service.close()


def test_strength_meter_colour_follows_the_level(qtbot: QtBot) -> None:
    meter = StrengthMeter()
    qtbot.addWidget(meter)
    styles = set()
    # Phrases zxcvbn rates 0 (refused), 2, 3 and 4: each level shows its own colour.
    for text in ("abcdefgh", "mapleleaf77", "kitten maple", "correct horse battery"):
        meter.rate(text)
        styles.add(meter.bar.styleSheet())
    assert len(styles) == 4
    assert len(set(LEVEL_COLOURS)) == len(LEVEL_COLOURS)


def test_do_not_match_clears_once_the_fields_match(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = CreateJournalDialog(tmp_path / "j.hjournal")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.repeat.setText(PASSPHRASE + "x")
    dialog.create_button.click()
    assert dialog.error.isVisible() and "do not match" in dialog.error.text()
    dialog.repeat.setText(PASSPHRASE)
    assert not dialog.error.isVisible()


def test_toolbar_actions_have_library_icons_and_windows_the_app_icon(
    qtbot: QtBot, controller: AppController, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    from journal import resources
    from journal.gui.icons import APP_ICON

    window = _window(controller)
    for toolbar in window.findChildren(QToolBar):
        for action in toolbar.actions():
            if not action.isSeparator():
                assert not action.icon().isNull(), action.text()
    assert resources.path(*APP_ICON).read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert not window.windowIcon().isNull()
    dialog = CreateJournalDialog(tmp_path / "x.hjournal")
    qtbot.addWidget(dialog)
    assert not dialog.windowIcon().isNull()
    assert not QApplication.windowIcon().isNull()


def test_every_icon_the_app_names_is_a_shipped_svg_painted_in_the_colour_asked(
    qtbot: QtBot,
) -> None:
    """Each interface icon has its file, and is drawn in its colour (greyed when off),
    at the size and pixel ratio asked."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QIcon

    from journal import resources
    from journal.gui.icons import ACTION_ICONS, UI_ICONS, tinted_icon
    from journal.gui.widgets.card_panel import TRIAGE_ICONS

    names = [icon for icon, _theme in ACTION_ICONS.values()] + list(TRIAGE_ICONS.values())
    for name in names:
        assert resources.path(*UI_ICONS, f"{name}.svg").is_file(), name
        icon = tinted_icon(name, "#c0392b", "#808080")
        image = icon.pixmap(QSize(32, 32)).toImage()
        inked = [
            image.pixelColor(x, y)
            for x in range(image.width())
            for y in range(image.height())
            if image.pixelColor(x, y).alpha() == 255
        ]
        assert len(inked) > 40, name  # a glyph, not an empty square
        assert {c.name() for c in inked} == {"#c0392b"}, name
        off = icon.pixmap(QSize(32, 32), QIcon.Mode.Disabled).toImage()
        assert {
            off.pixelColor(x, y).name()
            for x in range(32)
            for y in range(32)
            if off.pixelColor(x, y).alpha() == 255
        } == {"#808080"}, name
        sharp = icon.pixmap(QSize(16, 16), 2.0)
        assert (sharp.width(), sharp.devicePixelRatio()) == (32, 2.0), name
    # A name without its file falls back to the platform's theme (empty offscreen).
    assert tinted_icon("mdi6.no-such-icon", QColor("black")).isNull()


def test_one_key_each_for_period_start_end_and_the_appointment_summary(
    qtbot: QtBot, controller: AppController
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from journal.gui.report_dialog import AppointmentDialog

    window = _window(controller)
    assert window.service is not None
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.episode_list.table.setFocus()
    both = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.episode_list.table, Qt.Key.Key_S, both)
    assert Period(TODAY) in window.service.periods()
    qtbot.keyClick(window.episode_list.table, Qt.Key.Key_E, both)
    assert Period(TODAY, TODAY) in window.service.periods()
    qtbot.keyClick(window.episode_list.table, Qt.Key.Key_A, both)
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, AppointmentDialog) and w.isVisible()
            for w in QApplication.topLevelWidgets()
        )
    )


def test_logging_an_episode_takes_three_key_presses(
    qtbot: QtBot, controller: AppController
) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from journal.domain.vocabulary import Amount
    from journal.gui.episode_editor import EpisodeEditor

    window = _window(controller)
    assert window.service is not None
    before = len(window.service.episodes())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.episode_list.table.setFocus()
    pressed: list[str] = []

    def in_the_form() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, EpisodeEditor):
            QTimer.singleShot(20, in_the_form)
            return
        form.activateWindow()  # offscreen, activation is not automatic
        qtbot.waitUntil(lambda: QApplication.activeWindow() is form, timeout=3000)
        focus = QApplication.focusWidget() or form
        qtbot.keyClick(focus, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # 2: Light
        # A mnemonic "clicks" its button after a short animation.
        qtbot.waitUntil(form.amount_buttons[Amount.LIGHT].isChecked, timeout=3000)
        focus = QApplication.focusWidget() or form
        qtbot.keyClick(focus, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # 3
        pressed.append("done" if not form.isVisible() else "still open")
        if form.isVisible():
            form.reject()  # fail the test rather than hang

    QTimer.singleShot(0, in_the_form)
    qtbot.keyClick(
        window.episode_list.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
    )  # 1
    assert pressed == ["done"]
    episodes = window.service.episodes()
    assert len(episodes) == before + 1
    assert any(e.amount is Amount.LIGHT and e.notes == "" for e in episodes)
