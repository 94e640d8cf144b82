"""The strength meter follows zxcvbn's level (colour and hint); a fixed mismatch clears."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from journal.gui.create_journal_dialog import MISMATCH, CreateJournalDialog
from journal.gui.passphrase import LEVEL_COLOURS
from journal.gui.widgets import passphrase_fields


def test_the_meter_colour_follows_the_level(qtbot: QtBot, journal_path: Path) -> None:
    dialog = CreateJournalDialog(journal_path)
    qtbot.addWidget(dialog)
    seen = []
    for text in ("password1", "blue house", "plum kettle harbour violin"):
        dialog.passphrase.setText(text)
        seen.append((dialog.meter.level, dialog.meter.bar.styleSheet()))
    levels = [level for level, _ in seen]
    assert levels == sorted(levels) and levels[0] == 0 and levels[-1] == 4
    assert LEVEL_COLOURS[0] in seen[0][1] and LEVEL_COLOURS[4] in seen[-1][1]
    assert len({sheet for _, sheet in seen}) == 3
    assert "guessed" in dialog.hint.text() or "Strong" in dialog.hint.text()


def test_a_fixed_mismatch_clears_its_message(qtbot: QtBot, journal_path: Path) -> None:
    dialog = CreateJournalDialog(journal_path)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("plum kettle harbour violin")
    dialog.repeat.setText("plum kettle harbour viola")
    dialog.create_button.click()
    assert dialog.error.text() == MISMATCH and not dialog.error.isHidden()
    qtbot.keyClicks(dialog.repeat, "plum kettle harbour violin")
    assert dialog.error.isHidden()
    assert not journal_path.exists()


def test_weak_passphrases_are_refused_or_confirmed(
    qtbot: QtBot, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = CreateJournalDialog(journal_path)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("password1")
    dialog.repeat.setText("password1")
    dialog.create_button.click()
    assert "could be guessed" in dialog.error.text() and not journal_path.exists()
    asked: list[str] = []

    def say_no(_parent: object, text: str) -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr(passphrase_fields, "ask", say_no)
    dialog.passphrase.setText("blue house")  # fair: allowed only when confirmed
    dialog.repeat.setText("blue house")
    dialog.create_button.click()
    assert len(asked) == 1 and "Use it anyway" in asked[0] and "fair" in asked[0]
    assert not journal_path.exists()  # "Choose another" creates nothing
