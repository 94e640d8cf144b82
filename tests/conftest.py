"""Test setup shared by the whole suite.

* Qt runs offscreen, so plain ``pytest`` works on a machine without a screen.
* Any attempt to open a network connection fails the test: the app must never use one.
* The clock and the locale are pinned, so "today" and its wording are the same on every run.
* Hypothesis neither times examples nor fails when a busy machine generates them slowly:
  shared CI machines are noisy, and speed is measured by tests/benchmarks, not here.
"""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from journal.services import JournalService

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("HEALTH_JOURNAL_PASSPHRASE", None)
os.environ.pop("HEALTH_JOURNAL_NEW_PASSPHRASE", None)
os.environ.pop("HEALTH_JOURNAL_PATH", None)
# Dates people read follow the locale: pin one (day before month) for repeatable text.
os.environ["LC_ALL"] = "C.UTF-8"
# The pending list of temporary files (and anything else kept in the user state folder)
# lives in a folder of the test session's own, for this process and every child it starts.
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="health-journal-test-state-")

FIXED_NOW = datetime(2026, 11, 22, 12, 0)

settings.register_profile("journal", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("journal")


class NetworkAccessError(AssertionError):
    """Raised when code under test tries to reach the network."""


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise NetworkAccessError("the app tried to open a network connection")


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guarded_connect(self: socket.socket, address: object) -> None:
    # Unix sockets (the session D-Bus) are local IPC, not network access.
    if self.family == getattr(socket, "AF_UNIX", None):
        return _real_connect(self, address)  # type: ignore[arg-type]
    _refuse()


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if self.family == getattr(socket, "AF_UNIX", None):
        return _real_connect_ex(self, address)  # type: ignore[arg-type]
    _refuse()
    return 1


socket.socket.connect = _guarded_connect  # type: ignore[method-assign,assignment]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign,assignment]
socket.create_connection = _refuse  # type: ignore[assignment]
socket.getaddrinfo = _refuse  # type: ignore[assignment]


def pytest_addoption(parser: pytest.Parser) -> None:
    # Here rather than in tests/faults/conftest.py, so `pytest --full-faults` works from the top.
    parser.addoption(
        "--full-faults", action="store_true", default=False, help="run the full fault trials"
    )


@pytest.fixture(autouse=True)
def fixed_clock() -> Iterator[datetime]:
    from journal import clock

    clock.set_now(lambda: FIXED_NOW)
    yield FIXED_NOW
    clock.set_now(None)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    """Where a test's journal lives (not created)."""
    return tmp_path / "journal" / "health.journal"


@pytest.fixture
def service(journal_path: Path) -> Iterator[JournalService]:
    """The journal at ``journal_path``, open; made empty first unless a fixture made it.

    Closed after the test unless the test closed (or locked) it itself.
    """
    from journal.services import JournalService
    from tests.helpers import PASSPHRASE

    if not journal_path.exists():
        JournalService.create(journal_path, PASSPHRASE)
    opened = JournalService.open(journal_path, PASSPHRASE)
    yield opened
    if opened.is_open:
        opened.close()
