"""One process at a time per journal: an OS lock on the journal file itself.

The lock's identity is the file (its inode), not a name: the journal is opened read-only,
without following a link in its last component, and ``flock``-ed. Every name of the file —
the path given, a symbolic link to it, a hard link beside it — meets the same lock, and
nothing is created or written to take it (so read-only media work, and no ``.lock`` file
can be pointed at anything). The kernel drops the lock when its process dies, so a lock
left by a crashed or killed process is recovered automatically.

A passphrase change puts a new file at the journal's name; it locks that file *before*
the rename (``adopt``), and a process that locked the old file just before it lost its
name sees the name no longer leads to what it locked and tries again.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from journal.storage.errors import JournalInUse, JournalMissing, StorageFailure
from journal.storage.files import O_CLOEXEC, O_NOFOLLOW

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

IN_USE = "The journal is open in another window or process; close it there first."
_ATTEMPTS = 5


def lock_path_for(journal: Path) -> Path:
    """The file whose lock guards ``journal``: the real file itself.

    (On Windows, where a lock on the file would block SQLite's own reads, a ``.lock``
    beside the real file; it is never written.)
    """
    real = journal.resolve()
    return real if fcntl is not None else real.with_name(real.name + ".lock")


def open_for_lock(lock_path: Path) -> int:
    """A read-only descriptor of the lock's file (never following a link), to lock."""
    if fcntl is None:  # pragma: no cover - Windows
        return os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    return os.open(lock_path, os.O_RDONLY | O_NOFOLLOW | O_CLOEXEC)


class JournalLock:
    """An exclusive, non-blocking lock on the journal file, held while it is open."""

    def __init__(self, journal: Path) -> None:
        self.path = lock_path_for(journal)
        self._fd: int | None = None

    def acquire(self) -> None:
        for _ in range(_ATTEMPTS):
            try:
                fd = open_for_lock(self.path)
            except FileNotFoundError:
                raise JournalMissing(f"No journal at {self.path}.") from None
            except OSError as error:
                raise StorageFailure(
                    f"Cannot open the journal to lock it ({error.strerror})."
                ) from None
            try:
                lock_descriptor(fd)
            except JournalInUse:
                os.close(fd)
                raise
            if _still_named(fd, self.path):
                self._fd = fd
                return
            os.close(fd)  # a passphrase change moved a new file in meanwhile: lock that one
        raise JournalInUse(IN_USE)

    def lock_replacement(self, replacement: Path) -> int | None:
        """Lock the file about to take the journal's name, before it does (see ``adopt``)."""
        if fcntl is None:  # pragma: no cover - Windows: the lock file stays the same
            return None
        fd = open_for_lock(replacement)
        try:
            lock_descriptor(fd)
        except JournalInUse:
            os.close(fd)
            raise
        return fd

    def adopt(self, fd: int | None) -> None:
        """Hold the lock through ``fd`` (the renamed-in file) from now on; drop the old one."""
        if fd is None:
            return
        old, self._fd = self._fd, fd
        if old is not None:
            os.close(old)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        os.close(fd)  # closing drops the lock

    @property
    def held(self) -> bool:
        return self._fd is not None


def lock_descriptor(fd: int) -> None:
    """Lock ``fd`` exclusively, or raise ``JournalInUse`` at once."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        raise JournalInUse(IN_USE) from None


def _still_named(fd: int, path: Path) -> bool:
    if fcntl is None:  # pragma: no cover - Windows: the lock file is never replaced
        return True
    with contextlib.suppress(OSError):
        held, named = os.fstat(fd), os.stat(path, follow_symlinks=False)
        return (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)
    return False
