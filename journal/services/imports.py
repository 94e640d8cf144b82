"""Reading other trackers' exports from disk for the pure importers in ``journal.imports``.

This is the one place an export file is opened: bounded, read as bytes, handed to the
importer as a ``Source``. Writing the result is ``JournalService.import_records``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from journal.imports import FORMATS, ImportResult, Source, parse, recognise
from journal.imports.reading import FILE_LIMIT, Progress
from journal.services.journal_service import cannot_read
from journal.storage.files import open_regular_file

NATIVE = "health-journal"
FORMAT_NAMES = (NATIVE, *FORMATS)


def format_label(name: str) -> str:
    return "Health Journal" if name == NATIVE else FORMATS[name].label


@contextmanager
def open_export(path: Path, progress: Progress | None = None) -> Iterator[Source]:
    """The file as a bounded ``Source``, with one clear sentence for each way opening fails."""
    path = path.expanduser()
    try:
        handle = open_regular_file(path)
    except OSError as error:
        raise cannot_read(path, error) from None
    with handle:
        yield Source(handle, "the", limit=FILE_LIMIT, progress=progress)


def recognise_file(path: Path) -> str | None:
    """The format a file is in, judged by its content; None when it cannot be told."""
    with open_export(path) as source:
        return recognise(source)


def read_export(path: Path, format_name: str, progress: Progress | None = None) -> ImportResult:
    """Parse another tracker's export (not the journal's own JSON: see ``import_file``)."""
    with open_export(path, progress) as source:
        return parse(format_name, source)


def describe_native(path: Path) -> str:
    """What one of this app's own JSON exports holds (the dry run of a native import)."""
    from journal.domain import interchange
    from journal.services.journal_service import read_json_document

    data = interchange.from_json(read_json_document(path.expanduser()))
    other = sum(
        len(records)
        for records in (
            data.context,
            data.conditions,
            data.screenings,
            data.ovulation_signs,
            data.appointments,
        )
    )
    return (
        f"The file holds {len(data.episodes)} episode(s), {len(data.periods)} period(s) "
        f"and {other} other record(s)."
    )
