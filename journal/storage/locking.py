"""One process at a time per journal: an OS file lock beside it.

The kernel drops an ``flock`` when its process dies, so a lock left by a crashed or killed
process is recovered automatically; the file's content (a PID) is only informative.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from journal.storage.errors import JournalInUse, StorageFailure
from journal.storage.files import FILE_MODE

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def lock_path_for(journal: Path) -> Path:
    return journal.with_name(journal.name + ".lock")


class JournalLock:
    """An exclusive, non-blocking lock held for as long as a journal is open."""

    def __init__(self, journal: Path) -> None:
        self.path = lock_path_for(journal)
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError as error:
            raise StorageFailure(
                f"Cannot create the lock file beside the journal ({error.strerror})."
            ) from None
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise JournalInUse(
                "The journal is open in another window or process; close it there first."
            ) from None
        # The PID is informative only; the lock itself is held even if it cannot be written.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)  # closing drops the lock

    @property
    def held(self) -> bool:
        return self._fd is not None


def _lock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    else:  # pragma: no cover - Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
