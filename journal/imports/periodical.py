"""Periodical (``Periodical-backup.json.gz``, or the same JSON unzipped).

An array of sections: ``{"version"}``, ``{"data": [{"eventtype", "eventdate", …}]}``,
``{"options"}``, ``{"notes": [{"eventdate", "content"}]}``, ``{"symptoms": [{"eventdate",
"symptom"}]}``. Every value is a string; dates are ``YYYYMMDD``. Event type 1 starts a
period, 2 is a later period day; symptom 19 is spotting, 1 intercourse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from journal.imports.common import DayBook, ImportResult, day_from, fail, load_json
from journal.imports.reading import Source, gunzip

FORMAT = "periodical"
LABEL = "Periodical"
HOW_TO = (
    "In Periodical: menu → Backup; it writes Periodical-backup.json.gz to the folder you "
    "choose. Copy that file here."
)

_SPOTTING, _INTERCOURSE, _DISCHARGE = "19", "1", "8"


def looks_like(document: object) -> bool:
    return (
        isinstance(document, list)
        and any(isinstance(s, Mapping) and "version" in s for s in document[:1])
        and any(isinstance(s, Mapping) and "data" in s for s in document)
    )


def parse(source: Source) -> ImportResult:
    raw = gunzip(source) if source.head(2) == b"\x1f\x8b" else source.read_all()
    return from_document(load_json(raw, LABEL))


def _day(value: object, record: str, field: str) -> date:
    text = value if isinstance(value, str) else ""
    if len(text) == 8 and text.isdigit():
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return day_from(text or value, LABEL, record, field)


def _section(document: list[Any], key: str) -> list[Any]:
    for section in document:
        if isinstance(section, Mapping) and key in section:
            items = section[key]
            if not isinstance(items, list):
                raise fail(LABEL, "file", key, "is not a list")
            return items
    return []


def from_document(document: object) -> ImportResult:
    if not isinstance(document, list) or not looks_like(document):
        raise fail(LABEL, "file", "data", "is missing: this is not a Periodical backup")
    version = next(s["version"] for s in document[:1] if isinstance(s, Mapping))
    if str(version) not in ("5", "6"):
        raise fail(
            LABEL,
            "file",
            "version",
            f"'{str(version)[:10]}' is not a version this app reads (5 or 6)",
        )
    book = DayBook(FORMAT)
    for section, field, read in _SECTIONS:
        for index, item in enumerate(_section(document, section)):
            record = f"{section}[{index}]"
            if not isinstance(item, Mapping):
                raise fail(LABEL, record, field, "is not an object")
            read(book, record, item)
    return book.build()


def _event(book: DayBook, record: str, item: Mapping[str, Any]) -> None:
    """eventtype 1: a period's first day, 2: a period day, 0: nothing."""
    day = _day(item.get("eventdate"), record, "eventdate")
    kind = str(item.get("eventtype", ""))
    if kind == "1":
        book.flow(day, starts=True)
    elif kind == "2":
        book.flow(day)
    elif kind != "0":
        book.skips.add(f"unknown eventtype '{kind[:10]}'", day)


def _note(book: DayBook, record: str, item: Mapping[str, Any]) -> None:
    content = item.get("content")
    if isinstance(content, str) and content.strip():
        book.note(_day(item.get("eventdate"), record, "eventdate"), content)


def _symptom(book: DayBook, record: str, item: Mapping[str, Any]) -> None:
    day = _day(item.get("eventdate"), record, "eventdate")
    symptom = str(item.get("symptom", ""))
    if symptom == _SPOTTING:
        book.bleeding(day)
    elif symptom == _INTERCOURSE:
        book.intercourse(day)
    elif symptom == _DISCHARGE:
        book.skips.add("discharge (Periodical does not say which kind)", day)
    else:
        book.skips.add("other symptoms (not kept)", day)


#: The backup's sections in reading order: name, the field named when an item is not an
#: object, and how an item is read.
_SECTIONS: tuple[tuple[str, str, Callable[[DayBook, str, Mapping[str, Any]], None]], ...] = (
    ("data", "eventtype", _event),
    ("notes", "content", _note),
    ("symptoms", "symptom", _symptom),
)
