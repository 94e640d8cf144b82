"""The one-press "Period started" / "Period ended" actions, undoable like episode changes.

The app knows whether a period is open: the latest logged period has no last day and
began within ``OPEN_PERIOD_DAYS``. Then the action ends it today; otherwise it starts one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtGui import QUndoCommand

from journal.domain.errors import JournalError
from journal.domain.model import Period
from journal.services import JournalService

#: A period left open longer than this is taken as "end not logged", not as still going.
OPEN_PERIOD_DAYS = 14

ErrorSink = Callable[[JournalError], None]


def open_period(periods: Sequence[Period], today: date) -> Period | None:
    """The period still going on ``today``, if any."""
    latest = max(periods, key=lambda p: p.start, default=None)
    if latest is None or latest.end is not None:
        return None
    if not today - timedelta(days=OPEN_PERIOD_DAYS) <= latest.start <= today:
        return None
    return latest


class PeriodCommand(QUndoCommand):
    """Swaps one period record for another (either may be None) through the service."""

    def __init__(
        self,
        service: JournalService,
        text: str,
        before: Period | None,
        after: Period | None,
        on_error: ErrorSink,
    ) -> None:
        super().__init__(text)
        self._service = service
        self._before, self._after = before, after
        self._on_error = on_error

    @classmethod
    def started(cls, service: JournalService, today: date, on_error: ErrorSink) -> PeriodCommand:
        return cls(service, "Period started", None, Period(today), on_error)

    @classmethod
    def ended(
        cls, service: JournalService, period: Period, today: date, on_error: ErrorSink
    ) -> PeriodCommand:
        return cls(service, "Period ended", period, Period(period.start, today), on_error)

    def redo(self) -> None:
        self._swap(self._before, self._after)

    def undo(self) -> None:
        self._swap(self._after, self._before)

    def _swap(self, old: Period | None, new: Period | None) -> None:
        try:
            if new is not None:
                self._service.save_period(new, replacing=old)
            elif old is not None:
                self._service.delete_period(old)
        except JournalError as error:
            self.setObsolete(True)
            self._on_error(error)
