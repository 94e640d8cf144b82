"""The one place "now" comes from, so tests can set it (KeePassXC's Clock idea)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

_now: Callable[[], datetime] = datetime.now


def now() -> datetime:
    """Local wall-clock time, naive (the journal stores local times)."""
    return _now().replace(microsecond=0)


def today() -> date:
    return now().date()


def set_now(source: Callable[[], datetime] | None) -> None:
    """Replace the clock (tests); ``None`` restores the real one."""
    global _now
    _now = source if source is not None else datetime.now
