"""How pressing every episode is (its triage, raised by its cards), worked out in slices
while the app idles.

The timeline rings episodes that need attention; explaining thousands of episodes takes
a second or more, so this runs in small slices on the event loop instead of blocking
the first paint, and is cancelled when the data changes or the journal locks.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from journal.cards import Explainer
from journal.domain.vocabulary import Severity

SLICE = 120  # episodes per event-loop turn: ~30 ms at most


class SeverityJob(QObject):
    """Emits ``finished(dict[str, Severity])`` once every episode was explained."""

    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self._explainer: Explainer | None = None
        self._pending: list[str] = []
        self._result: dict[str, Severity] = {}

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self, explainer: Explainer, episode_ids: Iterable[str]) -> None:
        self.cancel()
        self._explainer = explainer
        self._pending = list(episode_ids)
        self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()
        self._explainer = None
        self._pending = []
        self._result = {}

    def _step(self) -> None:
        explainer = self._explainer
        if explainer is None:
            self._timer.stop()
            return
        chunk, self._pending = self._pending[:SLICE], self._pending[SLICE:]
        for episode_id in chunk:
            flag = explainer.explain(episode_id).flag
            if flag is not None:
                self._result[episode_id] = flag
        if not self._pending:
            result = self._result
            self.cancel()
            self.finished.emit(result)
