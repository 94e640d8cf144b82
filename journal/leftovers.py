"""The pending list: temporary files and folders in progress, removed at the next start if
their process was killed before it could remove them itself.

Each entry is a small private file in the user state folder, named after the process that
wrote it and holding the path of one temporary file (or demo folder). ``sweep_pending``
runs at every start (cheap: one folder listing) and removes the leftovers of processes
that no longer run. Only names this app gives its temporary files are ever removed.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
TEMPORARY_SUFFIX = ".tmp"
DEMO_PREFIX = "health-journal-demo-"
COMPANION_SUFFIXES = ("-journal", "-wal", "-shm")


def pending_folder() -> Path:
    """The private list of temporary files in progress (the user state folder)."""
    from platformdirs import user_state_path

    return user_state_path("health-journal", appauthor=False) / "pending"


@contextlib.contextmanager
def remember(path: Path) -> Iterator[None]:
    """Keep ``path`` on the pending list for the duration of the block (best effort)."""
    entry: Path | None = None
    try:
        folder = pending_folder()
        folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        entry = folder / f"{os.getpid()}-{secrets.token_hex(6)}"
        fd = os.open(
            entry, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_NOFOLLOW | O_CLOEXEC, FILE_MODE
        )
        try:
            os.write(fd, os.fsencode(str(path.absolute())))
        finally:
            os.close(fd)
    except OSError:
        entry = None  # a read-only home: the temporary file is still removed on exit paths
    try:
        yield
    finally:
        if entry is not None:
            _unlink(entry)


def remember_until_swept(path: Path) -> None:
    """Put ``path`` on the pending list for as long as this process lives (a demo folder)."""
    context = remember(path)
    context.__enter__()  # left open on purpose: removed by the next start after this one
    _KEPT.append(context)  # a collected generator would close, and drop the entry


_KEPT: list[contextlib.AbstractContextManager[None]] = []


def sweep_pending() -> list[Path]:
    """Remove what killed processes left on the pending list; returns what was removed."""
    try:
        entries = list(pending_folder().iterdir())
    except OSError:
        return []
    removed: list[Path] = []
    for entry in entries:
        pid_text = entry.name.split("-", 1)[0]
        if not pid_text.isdigit() or _alive(int(pid_text)):
            continue
        try:
            leftover = Path(os.fsdecode(entry.read_bytes()))
        except OSError:
            continue
        if _remove_leftover(leftover):
            removed.append(leftover)
        _unlink(entry)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _remove_leftover(path: Path) -> bool:
    """Remove a listed leftover, but only what this app names as temporary."""
    name = path.name
    try:
        if name.startswith(".") and name.endswith(TEMPORARY_SUFFIX):
            found = path.is_file() and not path.is_symlink()
            for each in (path, *(path.with_name(name + s) for s in COMPANION_SUFFIXES)):
                _unlink(each)
            return found
        if name.startswith(DEMO_PREFIX) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
            return True
    except OSError:
        return False
    return False


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
