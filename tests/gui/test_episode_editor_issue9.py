"""The quick-log form's very heavy, still bleeding and fainting, through real widgets."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from journal.domain.model import Episode
from journal.domain.vocabulary import Amount, Symptom
from journal.gui.episode_editor import EpisodeEditor


@pytest.fixture
def editor(qtbot: QtBot) -> EpisodeEditor:
    dialog = EpisodeEditor()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_very_heavy_is_offered_with_its_meaning(editor: EpisodeEditor) -> None:
    button = editor.amount_buttons[Amount.VERY_HEAVY]
    assert button.isVisible()
    assert button.text() == "&Very heavy"
    meaning = "soaking a pad or tampon in an hour or less"
    assert meaning in editor.amount_hint.text()
    assert editor.amount_hint.isVisible()
    assert meaning in button.toolTip()
    assert meaning in button.accessibleDescription()


def test_still_bleeding_very_heavy_with_fainting(qtbot: QtBot, editor: EpisodeEditor) -> None:
    editor.amount_buttons[Amount.VERY_HEAVY].click()
    editor.symptom_checks[Symptom.FAINTING].click()
    editor.ongoing_check.click()
    assert not editor.ended_edit.isEnabled()
    with qtbot.waitSignal(editor.accepted, timeout=1000):
        editor.save_button.click()
    assert editor.result() == QDialog.DialogCode.Accepted
    draft = editor.draft()
    assert draft.amount is Amount.VERY_HEAVY
    assert draft.ongoing
    assert draft.ended_at is None
    assert draft.symptoms == frozenset({Symptom.FAINTING})


def test_still_bleeding_and_an_end_exclude_each_other(editor: EpisodeEditor) -> None:
    editor.amount_buttons[Amount.LIGHT].click()
    editor.ended_check.click()
    assert editor.ended_edit.isEnabled()
    editor.ongoing_check.click()
    assert not editor.ended_check.isChecked()
    assert not editor.ended_edit.isEnabled()
    editor.ended_check.click()
    assert not editor.ongoing_check.isChecked()
    assert editor.draft().ended_at is not None
    assert not editor.draft().ongoing


def test_the_keyboard_reaches_very_heavy_and_still_bleeding(
    qtbot: QtBot, editor: EpisodeEditor
) -> None:
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=1000)
    # Alt+V is the mnemonic of "Very heavy"; Alt+G of "Still bleeding".
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(editor.amount_buttons[Amount.VERY_HEAVY].isChecked, timeout=1000)
    qtbot.keyClick(editor, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(editor.ongoing_check.isChecked, timeout=1000)


def test_editing_an_ongoing_episode_shows_it_and_ending_it_clears_ongoing(
    qtbot: QtBot,
) -> None:
    episode = Episode(
        id="x", started_at=datetime(2026, 11, 20, 8, 0), amount=Amount.HEAVY, ongoing=True
    )
    dialog = EpisodeEditor(episode=episode)
    qtbot.addWidget(dialog)
    assert dialog.ongoing_check.isChecked()
    assert not dialog.ended_check.isChecked()
    assert dialog.draft().ongoing
    dialog.ended_check.click()
    assert dialog.draft().ongoing is False
    assert dialog.draft().ended_at is not None
