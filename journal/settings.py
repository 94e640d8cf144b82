"""Typed settings over ``QSettings``, declared once; never any journal content.

Preferences (``Settings``) and window geometry (``WindowState``) live in separate
groups, so resetting one never touches the other (KeePassXC keeps them apart too).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "health-journal"
APPLICATION = "Health Journal"

T = TypeVar("T", int, bool, str)


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    """One preference: its key, type and default."""

    key: str
    default: T
    kind: type[T]
    minimum: int | None = None
    maximum: int | None = None


AUTO_LOCK_MINUTES = Setting("security/auto_lock_minutes", 5, int, minimum=1, maximum=240)
ALL_SETTINGS: tuple[Setting[int] | Setting[bool] | Setting[str], ...] = (AUTO_LOCK_MINUTES,)


def _store() -> QSettings:
    return QSettings(ORGANISATION, APPLICATION)


class Settings:
    """Reads and writes the declared preferences; a bad stored value gives the default."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else _store()

    def get(self, setting: Setting[T]) -> T:
        raw: Any = self._store.value(setting.key, setting.default)
        value: T
        try:
            if setting.kind is bool:
                # QSettings' INI backend gives back "true"/"false" strings.
                value = setting.kind(str(raw).lower() in ("true", "1", "yes"))
            else:
                value = setting.kind(raw)
        except (TypeError, ValueError):
            return setting.default
        if isinstance(value, int) and not isinstance(value, bool):
            if setting.minimum is not None and value < setting.minimum:
                return setting.default
            if setting.maximum is not None and value > setting.maximum:
                return setting.default
        return value

    def set(self, setting: Setting[T], value: T) -> None:
        self._store.setValue(setting.key, value)
        self._store.sync()

    @property
    def auto_lock_minutes(self) -> int:
        return self.get(AUTO_LOCK_MINUTES)


class WindowState:
    """Window geometry and splitter/toolbar layout only: bytes Qt produced, nothing typed."""

    GROUP = "window"

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else _store()

    def load(self, name: str) -> QByteArray | None:
        value = self._store.value(f"{self.GROUP}/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save(self, name: str, state: QByteArray) -> None:
        self._store.setValue(f"{self.GROUP}/{name}", state)
        self._store.sync()
