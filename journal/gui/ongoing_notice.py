"""The calm notice shown when a journal opens with an ongoing episode past 7 days.

The words come from ``journal.services.ongoing``; this only shows them, once per episode
while the window lives (unlocking again after an idle lock does not repeat it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from journal import clock
from journal.services import JournalService
from journal.services.ongoing import long_ongoing, ongoing_notice

NOTICE_NAME = "ongoing-notice"
NOTICE_TITLE = "Bleeding for more than a week"


class OngoingNotice:
    """Remembers which episodes were already announced to the person."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        self._announced: set[str] = set()
        self.box: QMessageBox | None = None

    def check(self, service: JournalService) -> QMessageBox | None:
        """Show the notice (window-modal, not blocking) when there is something new to say."""
        today = clock.today()
        episodes = service.data().episodes
        fresh = [e for e in long_ongoing(episodes, today) if e.id not in self._announced]
        if not fresh:
            return None
        text = ongoing_notice(fresh, today)
        assert text is not None
        self._announced.update(e.id for e in fresh)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            NOTICE_TITLE,
            text,
            QMessageBox.StandardButton.Ok,
            self._parent,
        )
        box.setObjectName(NOTICE_NAME)
        box.setAccessibleName(NOTICE_TITLE)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(self._forget_box)
        self.box = box
        box.open()
        return box

    def _forget_box(self) -> None:
        self.box = None
