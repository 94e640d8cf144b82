"""Opening a journal with an episode still bleeding after 7 days says so, once, calmly."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from journal.domain.model import EpisodeDraft
from journal.domain.vocabulary import Amount
from journal.gui.main_window import MainWindow
from journal.gui.ongoing_notice import NOTICE_NAME
from journal.services import JournalService
from tests.helpers import PASSPHRASE


def journal_with_ongoing(path: Path, started: datetime) -> str:
    JournalService.create(path, PASSPHRASE)
    service = JournalService.open(path, PASSPHRASE)
    try:
        episode = service.add_episode(
            EpisodeDraft(started_at=started, amount=Amount.LIGHT, ongoing=True)
        )
    finally:
        service.close()
    return episode.id


def notices(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox, NOTICE_NAME) if box.isVisible()]


def test_an_episode_ongoing_for_9_days_is_announced_on_open(
    qtbot: QtBot, journal_path: Path
) -> None:
    journal_with_ongoing(journal_path, datetime(2026, 11, 14, 9, 0))  # the clock: 22 Nov
    window = MainWindow(JournalService.open(journal_path, PASSPHRASE))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: len(notices(window)) == 1, timeout=2000)
    (box,) = notices(window)
    assert box.windowTitle() == "Bleeding for more than a week"
    assert box.text().startswith(
        "The bleeding you logged as still going on since 14 November 2026 has now lasted 9 days."
    )
    assert "book an appointment in the next few days" in box.text()
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not notices(window), timeout=2000)

    # Locking and unlocking in the same session does not say it again.
    window.lock()
    service = JournalService.open(journal_path, PASSPHRASE)
    window.set_service(service)
    assert notices(window) == []
    assert window.ongoing_notice.check(service) is None
    window.close()


def test_seven_days_ongoing_is_not_announced(qtbot: QtBot, journal_path: Path) -> None:
    journal_with_ongoing(journal_path, datetime(2026, 11, 16, 9, 0))
    window = MainWindow(JournalService.open(journal_path, PASSPHRASE))
    qtbot.addWidget(window)
    window.show()
    assert window.ongoing_notice.box is None
    assert notices(window) == []
    window.close()


def test_locking_closes_the_notice(qtbot: QtBot, journal_path: Path) -> None:
    journal_with_ongoing(journal_path, datetime(2026, 11, 1, 9, 0))
    window = MainWindow(JournalService.open(journal_path, PASSPHRASE))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: len(notices(window)) == 1, timeout=2000)
    window.lock()
    qtbot.waitUntil(lambda: not notices(window), timeout=2000)
    window.close()
