"""When to lock: idle time, the desktop locking its screen or suspending, or Ctrl+L.

The manager only decides *when*; it emits ``lock_requested(reason)`` and the window does
the locking. Desktop signals arrive through QtDBus on Linux; each has a plain slot taking
the signal's own arguments, so tests inject them by calling the slot.
"""

from __future__ import annotations

from PySide6.QtCore import SLOT, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QWindow

try:
    from PySide6.QtDBus import QDBusConnection
except ImportError:  # pragma: no cover - not every platform build has QtDBus
    QDBusConnection = None  # type: ignore[assignment,misc]

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)

# (bus, service, path, interface, signal, slot signature)
_SESSION_SIGNALS = (
    (
        "org.freedesktop.ScreenSaver",
        "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver",
        "ActiveChanged",
    ),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged"),
)
_SYSTEM_SIGNALS = (
    (
        "org.freedesktop.login1",
        "/org/freedesktop/login1",
        "org.freedesktop.login1.Manager",
        "PrepareForSleep",
    ),
)


class LockManager(QObject):
    """Idle timer (reset by any user input in the app) plus desktop lock/suspend signals.

    Input is watched on the app's windows: a key press, click, move or wheel from the
    desktop reaches the window before the widget under it. Each window is watched from
    the moment it has the focus (and those on screen when watching starts). An
    application-wide filter would see the same input, but it ran Python for every event
    of every object, each paint and layout among them: about a tenth of a selection.
    """

    lock_requested = Signal(str)

    def __init__(self, idle_minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self._request("idle"))
        self._active = False
        self.listening_on: list[str] = []
        self.set_idle_minutes(idle_minutes)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._watch)

    # ------------------------------------------------------------------ idle

    def set_idle_minutes(self, minutes: float) -> None:
        self._timer.setInterval(max(1, int(minutes * 60_000)))
        if self._active:
            self._timer.start()

    @property
    def idle_interval_ms(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        """Watch for idleness (after an unlock)."""
        self._active = True
        self._timer.start()
        for window in QGuiApplication.topLevelWindows():
            self._watch(window)

    def _watch(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # once: installing again only moves it first

    def stop(self) -> None:
        """Stop watching (while locked: nothing left to protect)."""
        self._active = False
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._active

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if self._active and event.type() in _INPUT_EVENTS:
            self._timer.start()  # restart: the user is here
        return False

    # ------------------------------------------------------------------ desktop signals

    def connect_desktop(
        self, session: QDBusConnection | None = None, system: QDBusConnection | None = None
    ) -> list[str]:
        """Listen to the session's screen saver and the system's sleep signal, if there.

        ``session``/``system`` default to the desktop's buses (tests pass private ones).
        """
        if QDBusConnection is None:  # pragma: no cover - QtDBus missing on this platform
            return []
        for bus, signals, slot in (
            (
                session or QDBusConnection.sessionBus(),
                _SESSION_SIGNALS,
                "on_screensaver_active_changed",
            ),
            (system or QDBusConnection.systemBus(), _SYSTEM_SIGNALS, "on_prepare_for_sleep"),
        ):
            if not bus.isConnected():
                continue
            for _service, path, interface, name in signals:
                # An empty service matches the signal whoever sends it (desktops differ in
                # the bus name they own). PySide6 wants the SLOT() string, whatever its
                # stubs say (bytes fail).
                target = SLOT(f"{slot}(bool)")
                if bus.connect("", path, interface, name, self, target):  # type: ignore[call-overload]
                    self.listening_on.append(f"{interface}.{name}")
        return list(self.listening_on)

    @Slot(bool)
    def on_screensaver_active_changed(self, active: bool) -> None:
        """org.freedesktop.ScreenSaver / org.gnome.ScreenSaver ``ActiveChanged(bool)``."""
        if active:
            self._request("screen-locked")

    @Slot(bool)
    def on_prepare_for_sleep(self, going_to_sleep: bool) -> None:
        """org.freedesktop.login1.Manager ``PrepareForSleep(bool)``."""
        if going_to_sleep:
            self._request("suspend")

    @Slot()
    def lock_now(self) -> None:
        self._request("user")

    def _request(self, reason: str) -> None:
        if self._active:
            self.lock_requested.emit(reason)
