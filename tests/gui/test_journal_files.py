"""Back up, export, import and change the passphrase from the main window, on real journals."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from journal.gui.change_passphrase_dialog import ChangePassphraseDialog
from journal.gui.journal_files import FilePrompts
from journal.gui.main_window import MainWindow
from journal.services import JournalService
from tests.helpers import MARKER, PASSPHRASE, file_digest


@pytest.fixture
def window(qtbot: QtBot, filled_journal: tuple[Path, dict[str, str]]) -> Iterator[MainWindow]:
    path, _ids = filled_journal
    widget = MainWindow(JournalService.open(path, PASSPHRASE))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close()


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(
        FilePrompts, "tell", classmethod(lambda _c, _p, _t, text: messages.append(text))
    )
    monkeypatch.setattr(
        FilePrompts, "warn", classmethod(lambda _c, _p, _t, text: messages.append(text))
    )
    return messages


def _answer_path(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(FilePrompts, "save_path", classmethod(lambda *_a: path))
    monkeypatch.setattr(FilePrompts, "open_path", classmethod(lambda *_a: path))


def test_back_up_writes_an_encrypted_copy(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, tmp_path: Path, said: list[str]
) -> None:
    target = tmp_path / "backups" / "copy.hjournal"
    _answer_path(monkeypatch, target)
    window.actions_.back_up.trigger()
    assert "encrypted backup" in said[-1]
    assert MARKER.encode() not in target.read_bytes()
    copy = JournalService.open(target, PASSPHRASE)
    try:
        assert any(MARKER in e.notes for e in copy.episodes())
    finally:
        copy.close()


def test_export_asks_first_and_says_it_is_not_encrypted(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, tmp_path: Path, said: list[str]
) -> None:
    target = tmp_path / "export.json"
    _answer_path(monkeypatch, target)
    monkeypatch.setattr(FilePrompts, "confirm", classmethod(lambda *_a: False))
    window.actions_.export_json.trigger()
    assert not target.exists()
    monkeypatch.setattr(FilePrompts, "confirm", classmethod(lambda *_a: True))
    window.actions_.export_json.trigger()
    assert "NOT encrypted" in said[-1]
    assert len(json.loads(target.read_text())["episodes"]) == 3


def test_import_adds_records_or_changes_nothing(
    monkeypatch: pytest.MonkeyPatch,
    window: MainWindow,
    filled_journal: tuple[Path, dict[str, str]],
    tmp_path: Path,
    said: list[str],
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"format": "health-journal", "version": 1, "episodes": [{"id": "x"}]})
    )
    _answer_path(monkeypatch, bad)
    digest = file_digest(filled_journal[0])
    window.actions_.import_json.trigger()
    assert said[-1].startswith("Nothing was imported.") and "episodes[0]" in said[-1]
    assert file_digest(filled_journal[0]) == digest
    good = tmp_path / "good.json"
    episode = {"id": "imported-1", "started_at": "2026-11-01", "amount": "light"}
    good.write_text(json.dumps({"format": "health-journal", "version": 1, "episodes": [episode]}))
    _answer_path(monkeypatch, good)
    window.actions_.import_json.trigger()
    assert "Imported 1 episode" in said[-1]
    assert window.episode_list.model.rowCount() == 4


def test_change_passphrase_needs_the_current_one(
    qtbot: QtBot, window: MainWindow, filled_journal: tuple[Path, dict[str, str]]
) -> None:
    assert window.service is not None
    dialog = ChangePassphraseDialog(window.service, window)
    qtbot.addWidget(dialog)
    dialog.current.setText("not the passphrase")
    dialog.new.setText("a brand new passphrase")
    dialog.repeat.setText("a brand new passphrase")
    dialog.change_button.click()
    assert dialog.error.isVisibleTo(dialog) and "not right" in dialog.error.text()
    dialog.current.setText(PASSPHRASE)
    dialog.change_button.click()
    assert dialog.result() == ChangePassphraseDialog.DialogCode.Accepted
    assert dialog.current.text() == dialog.new.text() == ""
    window.close()
    reopened = JournalService.open(filled_journal[0], "a brand new passphrase")
    reopened.close()


def test_lock_closes_the_passphrase_dialog_and_forgets_what_was_typed(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.service is not None
    dialog = ChangePassphraseDialog(window.service, window)
    dialog.current.setText(PASSPHRASE)
    dialog.new.setText("typed but not saved")
    QTimer.singleShot(0, window.lock_action.trigger)
    dialog.exec()  # the lock, fired from inside the modal loop, must end it
    assert window.is_locked
    assert dialog.current.text() == dialog.new.text() == ""


def test_enter_in_the_passphrase_dialog_changes_it(
    qtbot: QtBot, window: MainWindow, filled_journal: tuple[Path, dict[str, str]]
) -> None:
    from PySide6.QtCore import Qt

    assert window.service is not None
    dialog = ChangePassphraseDialog(window.service, window)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClicks(dialog.new, "another long passphrase")
    qtbot.keyClicks(dialog.repeat, "another long passphrase")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.result() == ChangePassphraseDialog.DialogCode.Accepted
    window.close()
    JournalService.open(filled_journal[0], "another long passphrase").close()
