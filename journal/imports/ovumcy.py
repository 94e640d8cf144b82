"""Ovumcy (its JSON export, ``{"exported_at", "entries": [...]}``, or its CSV export).

One entry per day: a ``period`` flag separate from ``flow``, ``cervical_mucus``,
``lh_test``, ``sex_activity``, ``pregnancy_test``, built-in ``symptoms`` flags (spotting
among them) and ``notes``. The CSV carries the same under capitalised headers; its
spellings differ between releases (``true``/``Yes``, lower or capitalised values) and
columns are appended, so cells are matched by header name and read in either spelling.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date
from typing import Any

from journal.domain.vocabulary import Amount, Mucus, OvulationSignKind, Symptom
from journal.imports.common import DayBook, ImportResult, day_from, decode_text, fail, load_json
from journal.imports.reading import Source

FORMAT = "ovumcy"
LABEL = "Ovumcy"
HOW_TO = "In Ovumcy: Settings → Export → JSON (or CSV); it downloads ovumcy-export-….json."

_FLOW = {
    "spotting": Amount.SPOTTING,
    "light": Amount.LIGHT,
    "medium": Amount.MODERATE,
    "heavy": Amount.HEAVY,
}
_MUCUS = {
    "none": Mucus.NONE,
    "dry": Mucus.DRY,
    "moist": Mucus.STICKY,
    "sticky": Mucus.STICKY,
    "creamy": Mucus.CREAMY,
    "watery": Mucus.WATERY,
    "eggwhite": Mucus.EGG_WHITE,
    "egg_white": Mucus.EGG_WHITE,
    "egg-white": Mucus.EGG_WHITE,
}
_SYMPTOMS = {"cramps": Symptom.CRAMPS}
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0", ""}


def looks_like(document: object) -> bool:
    return isinstance(document, Mapping) and isinstance(document.get("entries"), list)


def looks_like_csv(header: str) -> bool:
    names = {n.strip().strip('"').lower() for n in header.split(",")}
    return {"date", "period", "flow"} <= names


def parse(source: Source) -> ImportResult:
    raw = source.read_all()
    start = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start in (b"{", b"["):
        return from_document(load_json(raw, LABEL))
    return from_csv(decode_text(raw, LABEL))


def from_document(document: object) -> ImportResult:
    if not looks_like(document):
        raise fail(LABEL, "file", "entries", "is missing: this is not an Ovumcy export")
    assert isinstance(document, Mapping)
    book = DayBook(FORMAT)
    for index, entry in enumerate(document["entries"]):
        record = f"entries[{index}]"
        if not isinstance(entry, Mapping):
            raise fail(LABEL, record, "date", "is not an object")
        symptoms = entry.get("symptoms")
        flags = (
            {str(k) for k, v in symptoms.items() if v is True}
            if isinstance(symptoms, Mapping)
            else set()
        )
        _day(book, record, entry, flags)
    return book.build()


def from_csv(text: str) -> ImportResult:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or not looks_like_csv(",".join(header)):
        raise fail(LABEL, "header", "Date", "is missing: this is not an Ovumcy CSV export")
    names = [_key(h) for h in header]
    book = DayBook(FORMAT)
    known = {
        "date",
        "period",
        "flow",
        "sex_activity",
        "cervical_mucus",
        "notes",
        "lh_test",
        "pregnancy_test",
        "cycle_start",
    }
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        record = f"row {number}"
        cells = dict(zip(names, (c.strip() for c in row), strict=False))
        entry: dict[str, Any] = {k: cells.get(k, "") for k in known}
        for flag in ("period", "cycle_start"):
            entry[flag] = _bool(cells.get(flag, ""), record, flag)
        flags = {
            name for name, value in cells.items() if name not in known and value.lower() in _TRUE
        }
        _day(book, record, entry, flags)
    return book.build()


def _key(header: str) -> str:
    """``BBT (C)`` → ``bbt``, ``Sex activity`` → ``sex_activity``, ``LH test`` → ``lh_test``."""
    return header.split("(")[0].strip().lower().replace(" ", "_")


def _bool(value: str, record: str, field: str) -> bool:
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise fail(LABEL, record, field, f"'{value[:20]}' is not true/false or Yes/No")


def _word(entry: Mapping[str, Any], key: str) -> str:
    value = entry.get(key)
    return value.strip().lower() if isinstance(value, str) else ""


def _day(book: DayBook, record: str, entry: Mapping[str, Any], flags: set[str]) -> None:
    day: date = day_from(entry.get("date"), LABEL, record, "date")
    _bleeding(book, day, entry, flags)
    _mucus(book, day, _word(entry, "cervical_mucus"))
    if _word(entry, "sex_activity") in ("protected", "unprotected"):
        book.intercourse(day)
    _tests(book, day, entry)
    for flag in flags:
        if flag in _SYMPTOMS:
            book.symptom(day, _SYMPTOMS[flag])
    notes = entry.get("notes")
    if isinstance(notes, str):
        book.note(day, notes)


def _bleeding(book: DayBook, day: date, entry: Mapping[str, Any], flags: set[str]) -> None:
    """A period day (maybe the cycle's first), or bleeding outside a period."""
    period = entry.get("period") is True
    flow = _word(entry, "flow")
    if period:
        book.flow(day, starts=entry.get("cycle_start") is True)
    elif flow in _FLOW:
        book.bleeding(day, _FLOW[flow])
    elif flow not in ("", "none"):
        book.skips.add(f"unknown flow '{flow[:20]}'", day)
    if "spotting" in flags and not period:
        book.bleeding(day)


def _mucus(book: DayBook, day: date, mucus: str) -> None:
    if mucus in _MUCUS:
        if _MUCUS[mucus] is not Mucus.NONE:
            book.mucus(day, _MUCUS[mucus])
    elif mucus:
        book.skips.add(f"unknown cervical mucus '{mucus[:20]}'", day)


def _tests(book: DayBook, day: date, entry: Mapping[str, Any]) -> None:
    """LH tests (peak is an ovulation sign) and pregnancy tests."""
    lh = _word(entry, "lh_test")
    if lh == "peak":
        book.sign(day, OvulationSignKind.POSITIVE_OPK)
    elif lh == "high":
        book.skips.add("LH tests 'high' (only 'peak' counts as positive)", day)
    test = _word(entry, "pregnancy_test")
    if test in ("positive", "negative"):
        book.pregnancy_test(day, positive=test == "positive")
