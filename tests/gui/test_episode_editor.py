"""The quick-log form, driven through its real widgets."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from journal.domain.model import Episode, EpisodeDraft
from journal.domain.vocabulary import Amount, Colour, Mucus, Pain, Symptom, Trigger
from journal.gui.episode_editor import EpisodeEditor


@pytest.fixture
def editor(qtbot: QtBot) -> EpisodeEditor:
    dialog = EpisodeEditor()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_defaults_are_now_and_save_waits_for_an_amount(editor: EpisodeEditor) -> None:
    assert editor.started_edit.dateTime() == QDateTime(2026, 11, 22, 12, 0, 0)
    assert not editor.started_time_unknown.isChecked()
    assert not editor.ended_check.isChecked()
    assert not editor.ended_edit.isEnabled()
    assert not editor.save_button.isEnabled()
    editor.amount_buttons[Amount.LIGHT].click()
    assert editor.save_button.isEnabled()


def test_a_typical_episode_in_a_few_clicks_and_enter(qtbot: QtBot, editor: EpisodeEditor) -> None:
    editor.amount_buttons[Amount.SPOTTING].click()
    editor.colour_buttons[Colour.BROWN].click()
    editor.in_mucus_check.click()
    editor.mucus_combo.setCurrentIndex(editor.mucus_combo.findData(Mucus.EGG_WHITE))
    editor.trigger_combo.setCurrentIndex(editor.trigger_combo.findData(Trigger.INTERCOURSE))
    editor.pain_combo.setCurrentIndex(editor.pain_combo.findData(Pain.MILD))
    editor.symptom_checks[Symptom.CRAMPS].click()
    editor.symptom_checks[Symptom.CLOTS].click()
    editor.notes_edit.setPlainText("after the gym")

    with qtbot.waitSignal(editor.accepted, timeout=1000):
        qtbot.keyClick(editor.pain_combo, Qt.Key.Key_Return)

    assert editor.result() == QDialog.DialogCode.Accepted
    assert editor.draft() == EpisodeDraft(
        started_at=datetime(2026, 11, 22, 12, 0),
        amount=Amount.SPOTTING,
        colour=Colour.BROWN,
        in_mucus=True,
        mucus=Mucus.EGG_WHITE,
        trigger=Trigger.INTERCOURSE,
        pain=Pain.MILD,
        symptoms=frozenset({Symptom.CRAMPS, Symptom.CLOTS}),
        notes="after the gym",
    )


def test_enter_does_nothing_until_an_amount_is_chosen(qtbot: QtBot, editor: EpisodeEditor) -> None:
    qtbot.keyClick(editor.trigger_combo, Qt.Key.Key_Return)
    assert editor.isVisible()
    assert editor.result() != QDialog.DialogCode.Accepted


def test_colour_is_optional_and_exclusive(editor: EpisodeEditor) -> None:
    editor.colour_buttons[Colour.PINK].click()
    editor.colour_buttons[Colour.DARK_RED].click()
    assert [c for c, b in editor.colour_buttons.items() if b.isChecked()] == [Colour.DARK_RED]
    editor.colour_buttons[Colour.DARK_RED].click()
    editor.amount_buttons[Amount.HEAVY].click()
    assert editor.draft().colour is None


def test_a_start_in_the_future_is_explained_under_the_date(editor: EpisodeEditor) -> None:
    editor.amount_buttons[Amount.LIGHT].click()
    editor.started_edit.setDateTime(QDateTime(2026, 11, 23, 9, 0, 0))
    editor.save_button.click()

    label = editor.errors["started_at"]
    assert editor.isVisible()
    assert editor.result() != QDialog.DialogCode.Accepted
    assert label.isVisible()
    assert label.message() == "The start is in the future."
    # Right under the date field, not somewhere else in the dialog.
    below = label.geometry().top() - editor.started_edit.geometry().bottom()
    assert 0 <= below <= 20
    assert not editor.errors["form"].isVisible()

    # Fixing the date clears the message and saves.
    editor.started_edit.setDateTime(QDateTime(2026, 11, 22, 8, 0, 0))
    assert not label.isVisible()
    editor.save_button.click()
    assert editor.result() == QDialog.DialogCode.Accepted


def test_an_end_before_the_start_is_explained_under_the_end(editor: EpisodeEditor) -> None:
    editor.amount_buttons[Amount.LIGHT].click()
    editor.ended_check.click()
    editor.ended_edit.setDateTime(QDateTime(2026, 11, 21, 9, 0, 0))
    editor.save_button.click()
    assert editor.errors["ended_at"].message() == "The end is before the start."
    assert editor.isVisible()


def test_notes_are_kept_literally(editor: EpisodeEditor) -> None:
    text = "<b>bold</b> & 'x'); DROP TABLE episodes;--\nsecond line"
    editor.amount_buttons[Amount.MODERATE].click()
    editor.notes_edit.setPlainText(text)
    editor.save_button.click()
    assert editor.draft().notes == text
    assert editor.notes_count.text() == f"{len(text)} / 10,000"


def test_notes_over_the_limit_are_refused_next_to_the_notes(editor: EpisodeEditor) -> None:
    editor.amount_buttons[Amount.MODERATE].click()
    editor.notes_edit.setPlainText("x" * 10_001)
    assert editor.notes_count.text() == "10,001 / 10,000"
    editor.save_button.click()
    assert editor.isVisible()
    assert "at most 10,000" in editor.errors["notes"].message()


def test_time_unknown_logs_a_date_only(editor: EpisodeEditor) -> None:
    editor.amount_buttons[Amount.LIGHT].click()
    editor.started_time_unknown.click()
    editor.ended_check.click()
    editor.ended_time_unknown.click()
    editor.ended_edit.setDateTime(QDateTime(2026, 11, 22, 0, 0, 0))
    draft = editor.draft()
    assert draft.started_at == date(2026, 11, 22)
    assert not isinstance(draft.started_at, datetime)
    assert draft.ended_at == date(2026, 11, 22)


@pytest.mark.parametrize(
    "episode",
    [
        Episode(
            id="e1",
            started_at=datetime(2026, 10, 3, 7, 45),
            ended_at=datetime(2026, 10, 4, 18, 5),
            amount=Amount.HEAVY,
            colour=Colour.DARK_RED,
            in_mucus=True,
            mucus=Mucus.CREAMY,
            trigger=Trigger.PELVIC_EXAM,
            pain=Pain.SEVERE,
            symptoms=frozenset({Symptom.FEVER, Symptom.DIZZINESS, Symptom.ODOUR}),
            notes="<i>literal</i>\n'quotes'",
        ),
        Episode(
            id="e2", started_at=date(2025, 2, 28), ended_at=date(2025, 3, 2), amount=Amount.LIGHT
        ),
    ],
)
def test_editing_prefills_every_field(qtbot: QtBot, episode: Episode) -> None:
    dialog = EpisodeEditor(episode=episode)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit episode"
    assert dialog.save_button.isEnabled()
    draft = dialog.draft()
    for name in EpisodeDraft.__slots__:
        assert getattr(draft, name) == getattr(episode, name), name
        assert type(getattr(draft, name)) is type(getattr(episode, name)), name


def test_keyboard_only_path(qtbot: QtBot, editor: EpisodeEditor) -> None:
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=1000)
    # Alt+M is the mnemonic of "Moderate"; Alt+W of "Brown".
    qtbot.keyClick(editor, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(editor.amount_buttons[Amount.MODERATE].isChecked, timeout=1000)
    qtbot.keyClick(editor, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(editor.colour_buttons[Colour.BROWN].isChecked, timeout=1000)
    # Alt+O jumps to the notes; Tab leaves them (it is not typed into the text).
    qtbot.keyClick(editor, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert editor.notes_edit.hasFocus()
    qtbot.keyClicks(editor.notes_edit, "typed")
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_Tab)
    assert not editor.notes_edit.hasFocus()
    assert editor.notes_edit.toPlainText() == "typed"
    with qtbot.waitSignal(editor.accepted, timeout=1000):
        qtbot.keyClick(QApplication.focusWidget() or editor, Qt.Key.Key_Return)
    assert editor.draft().amount is Amount.MODERATE
    assert editor.draft().colour is Colour.BROWN


def test_escape_asks_before_dropping_typing_then_forgets_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, editor: EpisodeEditor
) -> None:
    answers = [False, True]
    asked: list[str] = []

    def confirm(_parent: object, text: str, action: str = "Delete") -> bool:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr("journal.gui.confirm.confirm", confirm)
    editor.amount_buttons[Amount.LIGHT].click()
    editor.notes_edit.setPlainText("private words")
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_Escape)
    assert editor.isVisible() and editor.notes_edit.toPlainText() == "private words"
    with qtbot.waitSignal(editor.rejected, timeout=1000):
        qtbot.keyClick(editor.notes_edit, Qt.Key.Key_Escape)
    assert len(asked) == 2
    assert not editor.isVisible()
    assert editor.notes_edit.toPlainText() == ""
    assert editor.amount_group.checkedButton() is None


def test_escape_on_an_untouched_form_closes_without_asking(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, editor: EpisodeEditor
) -> None:
    monkeypatch.setattr("journal.gui.confirm.confirm", lambda *_a, **_k: pytest.fail("asked"))
    with qtbot.waitSignal(editor.rejected, timeout=1000):
        qtbot.keyClick(QApplication.focusWidget() or editor, Qt.Key.Key_Escape)


def test_ctrl_enter_saves_from_inside_the_notes(qtbot: QtBot, editor: EpisodeEditor) -> None:
    editor.amount_buttons[Amount.LIGHT].click()
    editor.notes_edit.setFocus()
    qtbot.keyClicks(editor.notes_edit, "typed")
    with qtbot.waitSignal(editor.accepted, timeout=1000):
        qtbot.keyClick(editor.notes_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.draft().notes == "typed"


def test_the_form_does_not_open_on_an_amount_toggle(qtbot: QtBot, editor: EpisodeEditor) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None and focused.isVisible()
    assert focused not in editor.amount_buttons.values()
    assert focused not in editor.colour_buttons.values()
    qtbot.keyClick(focused, Qt.Key.Key_Space)
    assert editor.amount_group.checkedButton() is None


def test_reject_never_asks_even_with_errors_showing(editor: EpisodeEditor) -> None:
    editor.amount_buttons[Amount.LIGHT].click()
    editor.started_edit.setDateTime(QDateTime(2027, 1, 1, 0, 0, 0))
    editor.save_button.click()
    editor.reject()  # what the app does when it locks
    assert not editor.isVisible()
    assert QApplication.activeModalWidget() is None
    assert not editor.errors["started_at"].isVisible()


def test_ask_returns_the_draft_or_none(qtbot: QtBot) -> None:
    def answer(accept: bool) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, EpisodeEditor)
        if accept:
            dialog.amount_buttons[Amount.HEAVY].click()
            dialog.save_button.click()
        else:
            dialog.reject()

    QTimer.singleShot(0, lambda: answer(False))
    assert EpisodeEditor.ask(None) is None
    QTimer.singleShot(0, lambda: answer(True))
    result = EpisodeEditor.ask(None)
    assert result is not None
    assert result.amount is Amount.HEAVY


def test_every_control_has_an_accessible_name(editor: EpisodeEditor) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QDateTimeEdit,
        QPlainTextEdit,
        QWidget,
    )

    controls: list[QWidget] = [*editor.findChildren(QAbstractButton)]
    controls += editor.findChildren(QComboBox) + editor.findChildren(QDateTimeEdit)
    controls += editor.findChildren(QPlainTextEdit)
    unnamed = [w for w in controls if not w.accessibleName() and w.isVisible()]
    assert unnamed == []
