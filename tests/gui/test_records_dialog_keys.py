"""The records dialog from the keyboard, and new context entries that keep what still holds."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from journal.domain.model import ContextEntry
from journal.domain.vocabulary import Contraception, LifeStage
from journal.gui.form_helpers import select_member
from journal.gui.records_dialog import RecordsDialog
from journal.gui.records_tabs import ContextTab, PeriodsTab
from journal.services import JournalService
from tests.helpers import PASSPHRASE


@pytest.fixture
def service(journal_path: Path) -> Iterator[JournalService]:
    JournalService.create(journal_path, PASSPHRASE)
    opened = JournalService.open(journal_path, PASSPHRASE)
    yield opened
    if opened.is_open:
        opened.close()


def _dialog(qtbot: QtBot, service: JournalService, tab: str) -> RecordsDialog:
    shown = RecordsDialog(service, tab=tab)
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()  # shortcuts work in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    return shown


def test_a_new_context_entry_starts_from_the_values_in_force(
    qtbot: QtBot, service: JournalService
) -> None:
    service.save_context(
        ContextEntry(
            since=date(2026, 1, 1),
            life_stage=LifeStage.REPRODUCTIVE,
            contraception=Contraception.NONE,
            trying_to_conceive=True,
        )
    )
    dialog = _dialog(qtbot, service, "context")
    page = dialog.current_tab()
    assert isinstance(page, ContextTab)
    assert page.trying_check.isChecked()
    select_member(page.method_combo, Contraception.CONDOMS)  # the only change
    page.since_edit.setDate(QDate(2026, 11, 1))
    page.save_button.click()
    latest = max(service.data().context, key=lambda c: c.since)
    assert latest.since == date(2026, 11, 1)
    assert latest.contraception is Contraception.CONDOMS
    assert latest.trying_to_conceive  # not silently flipped to "No"


def test_ctrl_enter_adds_the_form_on_view(qtbot: QtBot, service: JournalService) -> None:
    dialog = _dialog(qtbot, service, "periods")
    page = dialog.current_tab()
    assert isinstance(page, PeriodsTab)
    page.start_edit.setDate(QDate(2026, 11, 2))
    page.start_edit.setFocus()
    qtbot.keyClick(page.start_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [p.start for p in service.periods()] == [date(2026, 11, 2)]


def test_escape_asks_before_dropping_typing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, service: JournalService
) -> None:
    asked: list[str] = []

    def confirm(_parent: object, text: str, action: str = "Delete") -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr("journal.gui.confirm.confirm", confirm)
    dialog = _dialog(qtbot, service, "periods")
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert not dialog.isVisible() and asked == []
    dialog = _dialog(qtbot, service, "periods")
    page = dialog.current_tab()
    assert isinstance(page, PeriodsTab)
    page.start_edit.setDate(QDate(2026, 10, 2))
    qtbot.keyClick(page.start_edit, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()
    dialog.reject()  # a lock never asks
    assert not dialog.isVisible()
    assert service.periods() == []
