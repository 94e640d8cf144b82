"""How pressing every episode is (its triage, raised by its cards), worked out in slices
while the app idles.

The timeline rings episodes that need attention; explaining thousands of episodes takes
a second or more, so this runs in slices of a few milliseconds on the event loop instead
of blocking the first paint, and is cancelled when the data changes or the journal locks.
A slice is measured in time, not episodes: an explanation's cost varies with the machine
and the journal, and a paint waiting behind a slice must not wait long.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from journal.cards import Explainer
from journal.domain.vocabulary import Severity

SLICE_S = 0.010  # per event-loop turn: well under a frame, whatever the machine


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
        self._next = 0
        self._result: dict[str, Severity] = {}

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self, explainer: Explainer, episode_ids: Iterable[str]) -> None:
        self.cancel()
        self._explainer = explainer
        self._pending = list(episode_ids)
        self._next = 0
        self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()
        self._explainer = None
        self._pending = []
        self._next = 0
        self._result = {}

    def _step(self) -> None:
        explainer = self._explainer
        if explainer is None:
            self._timer.stop()
            return
        deadline = time.perf_counter() + SLICE_S
        pending = self._pending
        while self._next < len(pending) and time.perf_counter() < deadline:
            episode_id = pending[self._next]
            self._next += 1
            flag = explainer.explain(episode_id).flag
            if flag is not None:
                self._result[episode_id] = flag
        if self._next >= len(pending):
            result = self._result
            self.cancel()
            self.finished.emit(result)
