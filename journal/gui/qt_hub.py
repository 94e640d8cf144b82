"""The bridge from the plain-Python change hub to a Qt signal.

Services announce changes synchronously on ``ChangeHub``; widgets connect to
``QtChangeHub.changed`` instead, so they refresh through Qt's event machinery and can
be disconnected with their owner.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from journal.services import ChangeHub, Changes


class QtChangeHub(QObject):
    """Re-emits every ``Changes`` of one ``ChangeHub`` as ``changed(Changes)``."""

    changed = Signal(object)

    def __init__(self, hub: ChangeHub | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe: Callable[[], None] | None = None
        if hub is not None:
            self.attach(hub)

    def attach(self, hub: ChangeHub) -> None:
        """Listen to ``hub`` (and stop listening to any previous one)."""
        self.detach()
        self._unsubscribe = hub.subscribe(self._relay)

    def detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _relay(self, changes: Changes) -> None:
        self.changed.emit(changes)
