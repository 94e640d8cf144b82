"""File-system helpers: private permissions from creation, fsync, atomic placement.

Every new file the app writes (exports, reports, backups, new journals) goes through one
of two doors here, so an interrupted write leaves nothing behind:

* ``write_new_file`` for bytes made in memory (exports, PDF reports): on Linux the bytes go
  into an unnamed ``O_TMPFILE`` in the target's folder, are read back and compared, and
  only then the file gets its name (``linkat`` through ``/proc/self/fd``). Killed at any
  moment, there is no file at all. Elsewhere a hidden temporary name is used instead, as
  with ``pending_file``.
* ``pending_file`` for files SQLite must open by name (new journals, backups, re-keyed
  copies): a hidden ``.NAME.PURPOSE-XXXX.tmp`` sibling, removed on every exit path of the
  process, and recorded in a small private list while it exists, so that if the process is
  killed (``kill -9``, power cut) the next start of the app removes it (``sweep_pending``).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from journal.leftovers import remember

FILE_MODE = 0o600
DIR_MODE = 0o700
O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
O_TMPFILE = getattr(os, "O_TMPFILE", 0)

# Names SQLite gives a database's companions: a file saved under one of these beside the
# journal would be taken for (and consumed as) the journal's own.
COMPANION_SUFFIXES = ("-journal", "-wal", "-shm")
TEMPORARY_SUFFIX = ".tmp"


def make_private_dirs(folder: Path) -> None:
    """Create ``folder`` and any missing parents as 0700 (existing ones are left alone)."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        os.mkdir(path, DIR_MODE)


def create_private_file(path: Path) -> None:
    """Create an empty 0600 file; fail if anything is already there (a link included)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_NOFOLLOW | O_CLOEXEC, FILE_MODE)
    os.close(fd)


def temporary_sibling(path: Path, purpose: str) -> Path:
    """A fresh name beside ``path`` that is clearly not a journal (hidden, marked temporary)."""
    return path.with_name(f".{path.name}.{purpose}-{secrets.token_hex(6)}{TEMPORARY_SUFFIX}")


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (a no-op where directories cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def place_new(temp: Path, target: Path) -> None:
    """Move a finished file to ``target`` only if nothing is there (never replaces)."""
    try:
        os.link(temp, target, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError:
        # File systems without hard links: check-then-rename is the best available.
        if target.exists() or target.is_symlink():
            raise FileExistsError(str(target)) from None
        os.replace(temp, target)
    else:
        os.unlink(temp)
    fsync_dir(target.parent)


def replace_atomically(temp: Path, target: Path) -> None:
    """Swap ``temp`` into ``target`` in one rename: at every moment one complete file is there."""
    os.replace(temp, target)
    fsync_dir(target.parent)


def remove_quietly(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def is_companion_name(journal: Path, target: Path) -> bool:
    """Whether ``target`` is a name SQLite would read as ``journal``'s own companion file
    (or the lock's name)."""
    try:
        real = journal.resolve()
        where = target.expanduser().parent.resolve() / target.name
    except (OSError, RuntimeError):
        return False
    # ".lock": the lock's name where a lock file is used (Windows); never an output either.
    suffixes = (*COMPANION_SUFFIXES, ".lock")
    return any(where == real.with_name(real.name + suffix) for suffix in suffixes)


# --------------------------------------------------------------------------- new files


class WriteFailed(OSError):
    """The bytes read back were not the bytes written (or the file could not be finished)."""


def write_new_file(target: Path, data: bytes) -> None:
    """Write ``data`` as a new 0600 file at ``target``; never replaces anything.

    The file appears under its name only once complete, flushed and read back equal to
    ``data``. Raises ``FileExistsError`` when something is at ``target`` (a dangling link
    included) and ``OSError`` for everything else; nothing is left behind either way.
    """
    make_private_dirs(target.parent)
    if target.exists() or target.is_symlink():
        raise FileExistsError(errno.EEXIST, "exists", str(target))
    if O_TMPFILE and sys.platform.startswith("linux") and Path("/proc/self/fd").is_dir():
        try:
            fd = os.open(target.parent, O_TMPFILE | os.O_RDWR | O_CLOEXEC, FILE_MODE)
        except OSError as error:
            if error.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                raise
        else:
            try:
                _write_and_verify(fd, data)
                _name_unnamed(fd, target)
            finally:
                os.close(fd)
            fsync_dir(target.parent)
            return
    _write_named(target, data)


def _name_unnamed(fd: int, target: Path) -> None:
    """Give the ``O_TMPFILE`` behind ``fd`` the name ``target`` (fails if anything is there).

    ``linkat(AT_SYMLINK_FOLLOW)`` on its ``/proc/self/fd`` link; passing the folder as a
    descriptor makes Python call ``linkat`` rather than ``link`` (which would try to link
    the ``/proc`` symlink itself).
    """
    folder = os.open(target.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | O_CLOEXEC)
    try:
        os.link(f"/proc/self/fd/{fd}", target.name, dst_dir_fd=folder, follow_symlinks=True)
    finally:
        os.close(folder)


def _write_named(target: Path, data: bytes) -> None:
    """The portable door: a hidden temporary sibling, linked into place when complete."""
    with pending_file(target, "writing") as temp:
        fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_EXCL | O_NOFOLLOW | O_CLOEXEC, FILE_MODE)
        try:
            _write_and_verify(fd, data)
        finally:
            os.close(fd)
        place_new(temp, target)


def _write_and_verify(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    os.fsync(fd)
    expected = hashlib.sha256(data).digest()
    digest = hashlib.sha256()
    offset = 0
    while chunk := os.pread(fd, 1 << 20, offset):
        digest.update(chunk)
        offset += len(chunk)
    if offset != len(data) or digest.digest() != expected:
        raise WriteFailed(errno.EIO, "the file read back differs from what was written")


@contextlib.contextmanager
def pending_file(beside: Path, purpose: str) -> Iterator[Path]:
    """A fresh hidden temporary name beside ``beside``, removed when the block ends.

    The caller creates the file. While the block runs, the name is on the pending list,
    so a killed process's leftover is removed at the next start. On leaving the block the
    file and its SQLite companions are removed (after a successful ``place_new`` the name
    is already gone, so this removes nothing of value).
    """
    temp = temporary_sibling(beside, purpose)
    with remember(temp):
        try:
            yield temp
        finally:
            remove_quietly(temp, *(temp.with_name(temp.name + s) for s in COMPANION_SUFFIXES))


def write_private_file(target: Path, data: bytes) -> None:
    """``write_new_file`` with every failure said in one sentence (``StorageFailure``)."""
    from journal.storage.errors import StorageFailure

    target = target.expanduser()
    try:
        write_new_file(target, data)
    except FileExistsError:
        raise StorageFailure(f"{target} already exists; choose a new name.") from None
    except OSError as error:
        if error.errno == errno.ENOSPC or error.errno == errno.EDQUOT:
            raise StorageFailure(f"The disk is full; {target} was not written.") from None
        if error.errno == errno.EROFS:
            raise StorageFailure(
                f"Cannot write {target}: the disk is read-only; choose another place."
            ) from None
        reason = error.strerror or "the written file did not read back the same"
        raise StorageFailure(f"Cannot write {target} ({reason}).") from None


# --------------------------------------------------------------------------- reading


class NotRegularFile(OSError):
    """A device, a pipe, a socket or a folder where a file's content was expected."""


class TooLarge(OSError):
    """More bytes than the limit (counted while reading, whatever the size claims)."""


def open_regular_file(path: Path) -> BinaryIO:
    """``path`` opened for reading, refused (``NotRegularFile``) unless a regular file.

    Opened without blocking, so a FIFO with no writer cannot hang the app.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | O_CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(path: Path, limit: int) -> bytes:
    """The content of the regular file ``path``, refused beyond ``limit`` bytes.

    Opened without blocking (a FIFO cannot hang the app) and checked to be a regular
    file; then read in chunks up to ``limit + 1`` bytes, so a file whose size is
    misreported (``/proc``, a file growing as it is read) is bounded all the same.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | O_CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge(errno.EFBIG, "too large", str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)
