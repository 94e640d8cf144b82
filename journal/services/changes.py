"""One typed change hub: services announce what changed, views refresh themselves.

Plain Python (no Qt), so the CLI needs nothing; the GUI bridges it to a Qt signal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changes:
    episodes: bool = False
    periods: bool = False
    context: bool = False
    appointments: bool = False

    @classmethod
    def everything(cls) -> Changes:
        return cls(episodes=True, periods=True, context=True, appointments=True)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            episodes=self.episodes or other.episodes,
            periods=self.periods or other.periods,
            context=self.context or other.context,
            appointments=self.appointments or other.appointments,
        )


Listener = Callable[[Changes], None]


class ChangeHub:
    """Subscribers are called synchronously, in subscription order, after each change."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def emit(self, changes: Changes) -> None:
        for listener in list(self._listeners):
            listener(changes)
