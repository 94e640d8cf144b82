"""The lock manager on a real (private) D-Bus session bus, and its idle timer."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

import pytest
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from pytestqt.qtbot import QtBot

from journal.gui.lock_manager import LockManager


@pytest.fixture
def private_bus() -> Iterator[QDBusConnection]:
    """A throw-away session bus (skipped where dbus-daemon is not installed)."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("dbus-daemon is not installed")
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        address = process.stdout.readline().strip()
        bus = QDBusConnection.connectToBus(address, "health-journal-test")
        assert bus.isConnected()
        yield bus
        QDBusConnection.disconnectFromBus("health-journal-test")
    finally:
        process.terminate()
        process.wait(timeout=10)


def _signal(bus: QDBusConnection, path: str, interface: str, name: str, value: bool) -> None:
    message = QDBusMessage.createSignal(path, interface, name)
    message.setArguments([value])
    assert bus.send(message)


def test_screen_saver_signal_on_the_bus_requests_a_lock(
    qtbot: QtBot, private_bus: QDBusConnection
) -> None:
    manager = LockManager(5)
    manager.start()
    listening = manager.connect_desktop(session=private_bus, system=private_bus)
    assert "org.freedesktop.ScreenSaver.ActiveChanged" in listening
    assert "org.freedesktop.login1.Manager.PrepareForSleep" in listening
    with qtbot.waitSignal(manager.lock_requested, timeout=5000) as blocker:
        _signal(
            private_bus,
            "/org/gnome/ScreenSaver",
            "org.gnome.ScreenSaver",
            "ActiveChanged",
            True,
        )
    assert blocker.args == ["screen-locked"]
    with qtbot.waitSignal(manager.lock_requested, timeout=5000) as blocker:
        _signal(
            private_bus,
            "/org/freedesktop/login1",
            "org.freedesktop.login1.Manager",
            "PrepareForSleep",
            True,
        )
    assert blocker.args == ["suspend"]


def test_nothing_is_requested_while_stopped(qtbot: QtBot) -> None:
    manager = LockManager(0.001)
    manager.start()
    manager.stop()  # locked already: the idle timer and signals are ignored
    with qtbot.assertNotEmitted(manager.lock_requested, wait=200):
        manager.on_screensaver_active_changed(True)
        manager.lock_now()
    assert not manager.active


def test_idle_minutes_become_the_timer_interval() -> None:
    manager = LockManager(5)
    assert manager.idle_interval_ms == 300_000
    manager.set_idle_minutes(0.5)
    assert manager.idle_interval_ms == 30_000
