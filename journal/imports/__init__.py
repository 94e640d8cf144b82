"""Importers for other period trackers' exports: pure, bytes in, the journal's records out.

Each format has one small module with ``FORMAT`` (the CLI's name), ``LABEL`` (the app's
name), ``HOW_TO`` (one line on getting the export) and ``parse(source)``. ``recognise``
tells a format from the file's content where that is unambiguous. Nothing here opens a
file, touches storage or Qt; the service hands in a bounded ``Source`` and writes the
result in one transaction (see ``merge.plan_import``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from journal.domain.errors import InvalidInput
from journal.imports import apple_health, clue, drip, flo, mensinator, ovumcy, periodical
from journal.imports.common import ImportCancelled, ImportResult, Skipped, fail, load_json
from journal.imports.merge import ImportPlan, plan_import
from journal.imports.reading import TEXT_LIMIT, Source

__all__ = [
    "FORMATS",
    "ImportCancelled",
    "ImportPlan",
    "ImportResult",
    "Skipped",
    "Source",
    "Tracker",
    "parse",
    "plan_import",
    "recognise",
]

NATIVE = "health-journal"


@dataclass(frozen=True, slots=True)
class Tracker:
    name: str
    label: str
    how_to: str
    parse: Callable[[Source], ImportResult]


FORMATS: dict[str, Tracker] = {
    module.FORMAT: Tracker(module.FORMAT, module.LABEL, module.HOW_TO, module.parse)
    for module in (drip, clue, flo, apple_health, periodical, mensinator, ovumcy)
}


def parse(format_name: str, source: Source) -> ImportResult:
    tracker = FORMATS.get(format_name)
    if tracker is None:
        raise fail("the", "file", "format", f"'{format_name[:30]}' is not a format this app reads")
    source.label = tracker.label
    return tracker.parse(source)


def recognise(source: Source) -> str | None:
    """The format of ``source`` judged by its content, or None when it cannot be told."""
    head = source.head()
    if head.startswith(b"\x1f\x8b"):
        return periodical.FORMAT
    if head.startswith(b"PK\x03\x04"):
        return _recognise_zip(source)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        return apple_health.FORMAT if apple_health.looks_like(head) else None
    if text[:1] in (b"{", b"["):
        if source.size > TEXT_LIMIT:
            return None
        try:
            document = load_json(source.read_all(), "the")
        except InvalidInput:  # not JSON after all: nothing to recognise
            return None
        return _recognise_document(document)
    first_line = text.split(b"\n", 1)[0].decode("utf-8", "replace")
    if drip.looks_like(first_line):
        return drip.FORMAT
    if ovumcy.looks_like_csv(first_line):
        return ovumcy.FORMAT
    return None


def _recognise_document(document: object) -> str | None:
    if isinstance(document, dict) and document.get("format") == NATIVE:
        return NATIVE
    for module in (flo, mensinator, ovumcy, periodical, clue):
        if module.looks_like(document):
            return str(module.FORMAT)
    return None


def _recognise_zip(source: Source) -> str | None:
    from journal.imports.reading import open_zip

    try:
        with open_zip(source) as archive:
            names = [n.rsplit("/", 1)[-1] for n in archive.namelist()]
    except InvalidInput:  # a damaged zip: the chosen importer says so clearly
        return None
    if "export.xml" in names:
        return apple_health.FORMAT
    return None
