"""Bounded reading of what an importer is handed: never trust a size the file reports.

``Source`` wraps a binary stream the caller opened: it counts the bytes read, refuses to
read past a limit, and reports progress (the callback may raise ``ImportCancelled`` to stop
a long read). Zip and gzip members are read through the same bounds, after a check of
their declared sizes and compression ratio. No file is opened here.
"""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from collections.abc import Callable
from typing import IO, Protocol

from journal.imports.common import fail

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB

# A JSON or CSV export is read whole; none of the apps writes anything near this.
TEXT_LIMIT = 64 * MIB
# Apple Health's export.xml is streamed, so it may be large (years of watch data).
XML_LIMIT = 4 * GIB
# Any file handed in (a zip of the XML is the largest).
FILE_LIMIT = 4 * GIB
# Beyond this a zip member is a bomb, not an export (XML compresses 10-30 times).
ZIP_RATIO_LIMIT = 200
CHUNK = 1 * MIB

Progress = Callable[[int, int], None]


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def _no_progress(done: int, total: int) -> None:
    del done, total


class Source(io.RawIOBase):
    """A read-only, seekable view of ``stream`` that stops at ``limit`` bytes."""

    def __init__(
        self,
        stream: IO[bytes],
        label: str,
        *,
        size: int | None = None,
        limit: int = FILE_LIMIT,
        progress: Progress | None = None,
    ) -> None:
        super().__init__()
        self._stream = stream
        self.label = label
        self._limit = limit
        self._progress = progress or _no_progress
        if size is None:
            here = stream.tell()
            size = stream.seek(0, io.SEEK_END)
            stream.seek(here)
        self.size = size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._stream.tell()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._stream.seek(offset, whence)

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        position = self._stream.tell()
        room = self._limit - position
        if room <= 0:
            if self._stream.read(1):
                raise fail(self.label, "file", "size", f"is larger than {_size(self._limit)}")
            return 0
        view = memoryview(buffer)[: min(len(buffer), room)]
        data = self._stream.read(len(view))
        view[: len(data)] = data
        self._progress(position + len(data), self.size)
        return len(data)

    def read_all(self, limit: int = TEXT_LIMIT) -> bytes:
        """The whole stream from its start, or an error when it holds more than ``limit``."""
        self.seek(0)
        return read_bounded(self, limit, self.label, "file")

    def head(self, count: int = 64 * KIB) -> bytes:
        self.seek(0)
        data = self._stream.read(count)
        self.seek(0)
        return data


def read_bounded(stream: Readable, limit: int, label: str, record: str) -> bytes:
    """Read at most ``limit`` bytes; more than that is an error, never a silent cut."""
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(CHUNK, limit + 1 - total))
        if not chunk:
            break
        total += len(chunk)
        if total > limit:
            raise fail(label, record, "size", f"is larger than {_size(limit)}")
        parts.append(chunk)
    return b"".join(parts)


def gunzip(source: Source, limit: int = TEXT_LIMIT) -> bytes:
    """The content of a gzip file, read in bounded steps (a bomb stops at ``limit``)."""
    source.seek(0)
    try:
        with gzip.GzipFile(fileobj=source, mode="rb") as unzipped:
            return read_bounded(unzipped, limit, source.label, "gzip content")
    except (OSError, EOFError, zlib.error):
        raise fail(
            source.label, "file", "gzip", "is damaged (the compressed data does not read back)"
        ) from None


def open_zip(source: Source) -> zipfile.ZipFile:
    source.seek(0)
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError):
        raise fail(source.label, "file", "zip", "is not a readable zip file") from None


def zip_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, limit: int
) -> IO[bytes]:
    """Open one member after checking its declared size and compression ratio."""
    if info.flag_bits & 0x1:
        raise fail(
            label,
            info.filename[:80],
            "zip",
            "is password-protected: unzip it first with the password the app sent you",
        )
    if info.file_size > limit:
        raise fail(label, info.filename[:80], "size", f"is larger than {_size(limit)} unzipped")
    if info.file_size > max(info.compress_size, 1) * ZIP_RATIO_LIMIT and info.file_size > MIB:
        raise fail(
            label,
            info.filename[:80],
            "size",
            f"unzips to more than {ZIP_RATIO_LIMIT} times its size: not an export",
        )
    try:
        # zipfile never yields more than the declared size, so the checks above hold.
        return archive.open(info)
    except (zipfile.BadZipFile, NotImplementedError, OSError, RuntimeError):
        raise fail(label, info.filename[:80], "zip", "cannot be unzipped") from None


def _size(limit: int) -> str:
    if limit >= GIB:
        return f"{limit // GIB} GB"
    return f"{limit // MIB} MB"
