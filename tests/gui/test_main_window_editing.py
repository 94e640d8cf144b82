"""Logging, editing and deleting from the main window, with undo (the editor is replaced)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from journal.cards.describe import Label
from journal.domain.dates import DATES
from journal.domain.model import Episode, EpisodeDraft
from journal.domain.vocabulary import Amount, Colour, Trigger
from journal.gui.episode_editor import EpisodeEditor
from journal.gui.main_window import MainWindow
from journal.services import JournalService
from tests.helpers import PASSPHRASE


@pytest.fixture
def window(qtbot: QtBot, filled_journal: tuple[Path, dict[str, str]]) -> Iterator[MainWindow]:
    widget = MainWindow(JournalService.open(filled_journal[0], PASSPHRASE))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close()


def _answer(monkeypatch: pytest.MonkeyPatch, draft: EpisodeDraft | None) -> list[Episode | None]:
    """Make ``EpisodeEditor.ask`` return ``draft``; record which episode it was given."""
    asked: list[Episode | None] = []

    def ask(parent: object = None, episode: Episode | None = None) -> EpisodeDraft | None:
        asked.append(episode)
        return draft

    monkeypatch.setattr(EpisodeEditor, "ask", staticmethod(ask))
    return asked


def _notes(window: MainWindow) -> list[str]:
    assert window.service is not None
    return sorted(e.notes for e in window.service.episodes())


def test_ctrl_n_logs_an_episode_selects_it_and_undo_removes_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    draft = EpisodeDraft(
        started_at=datetime(2026, 11, 21, 7, 30),
        amount=Amount.SPOTTING,
        colour=Colour.PINK,
        notes="new one",
    )
    asked = _answer(monkeypatch, draft)
    window.episode_list.table.setFocus()
    qtbot.keyClick(window.episode_list.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked == [None]
    assert window.episode_list.model.rowCount() == 4
    assert window.details.notes.text() == "new one"
    assert window.card_panel.card_ids()  # the new episode's cards are shown
    window.undo_action.trigger()
    assert window.episode_list.model.rowCount() == 3
    assert "new one" not in _notes(window)
    window.redo_action.trigger()
    assert "new one" in _notes(window)


def test_cancelled_editor_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    _answer(monkeypatch, None)
    window.new_action.trigger()
    assert window.episode_list.model.rowCount() == 3
    assert not window.undo_stack.canUndo()


def test_edit_prefills_the_editor_and_undo_restores_the_old_version(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    window: MainWindow,
    filled_journal: tuple[Path, dict[str, str]],
) -> None:
    episode_id = filled_journal[1]["mucus"]
    window.select_episode(episode_id)
    assert window.service is not None
    before = window.service.episode(episode_id)
    asked = _answer(
        monkeypatch,
        EpisodeDraft(
            started_at=before.started_at,
            amount=Amount.LIGHT,
            trigger=Trigger.PELVIC_EXAM,
            notes="after the smear test",
        ),
    )
    qtbot.keyClick(window.episode_list.table, Qt.Key.Key_Return)  # Enter edits the selected episode
    assert asked == [before]
    after = window.service.episode(episode_id)
    assert (after.amount, after.trigger, after.notes) == (
        Amount.LIGHT,
        Trigger.PELVIC_EXAM,
        "after the smear test",
    )
    assert window.selected_episode_id() == episode_id  # the selection survives the reload
    assert window.details.values[Label.BEFORE].text() == Trigger.PELVIC_EXAM.label
    window.undo_action.trigger()
    assert window.service.episode(episode_id) == before


def test_delete_asks_first_and_undo_brings_the_same_episode_back(
    monkeypatch: pytest.MonkeyPatch,
    window: MainWindow,
    filled_journal: tuple[Path, dict[str, str]],
) -> None:
    episode_id = filled_journal[1]["after_sex"]
    window.select_episode(episode_id)
    assert window.service is not None
    original = window.service.episode(episode_id)
    answers = [False, True]
    questions: list[str] = []

    def confirm(_parent: object, text: str, action: str = "Delete") -> bool:
        questions.append(text)
        return answers.pop(0)

    monkeypatch.setattr("journal.gui.confirm.confirm", confirm)
    window.delete_action.trigger()  # "no"
    assert window.episode_list.model.rowCount() == 3
    window.delete_action.trigger()  # "yes"
    assert len(questions) == 2 and DATES.short(date(2026, 11, 8)) in questions[0]
    assert window.episode_list.model.rowCount() == 2
    assert window.card_panel.card_ids() == []
    window.undo_action.trigger()
    assert window.service.episode(episode_id) == original
    assert window.episode_list.model.rowCount() == 3
