"""File-system helpers: private permissions from creation, fsync, atomic placement."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


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
    """Create an empty 0600 file; fail if anything is already there."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)


def temporary_sibling(path: Path, purpose: str) -> Path:
    """A fresh name beside ``path`` that is clearly not a journal (hidden, marked temporary)."""
    return path.with_name(f".{path.name}.{purpose}-{secrets.token_hex(6)}.tmp")


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
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
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError:
        # File systems without hard links: check-then-rename is the best available.
        if target.exists():
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
