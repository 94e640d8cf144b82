"""Mensinator (its JSON export): the app's tables as arrays of string-valued rows.

``periods`` rows are days grouped into periods by ``period_id``; ``ovulations`` are days
marked as ovulation (``marked`` signs); ``symptoms`` names the symptoms and
``symptom_date`` dates them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from typing import Any

from journal.domain.vocabulary import OvulationSignKind, Symptom
from journal.imports.common import DayBook, ImportResult, day_from, fail, load_json
from journal.imports.reading import Source

FORMAT = "mensinator"
LABEL = "Mensinator"
HOW_TO = "In Mensinator: Settings → Export; it saves a mensinator_….json file."

_FLOW_SYMPTOMS = {"heavy_flow", "medium_flow", "light_flow"}


def looks_like(document: object) -> bool:
    return (
        isinstance(document, Mapping)
        and isinstance(document.get("periods"), list)
        and ("ovulations" in document or "symptom_date" in document)
    )


def parse(source: Source) -> ImportResult:
    return from_document(load_json(source.read_all(), LABEL))


def _rows(document: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    rows = document.get(key, [])
    if not isinstance(rows, list):
        raise fail(LABEL, "file", key, "is not a list")
    for index, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise fail(LABEL, f"{key}[{index}]", "id", "is not an object")
    return rows


def from_document(document: object) -> ImportResult:
    if not looks_like(document):
        raise fail(LABEL, "file", "periods", "is missing: this is not a Mensinator export")
    assert isinstance(document, Mapping)
    book = DayBook(FORMAT)
    groups: dict[str, list[date]] = defaultdict(list)
    for index, row in enumerate(_rows(document, "periods")):
        day = day_from(row.get("date"), LABEL, f"periods[{index}]", "date")
        groups[str(row.get("period_id", ""))].append(day)
    for period_id, days in groups.items():
        if period_id in ("", "None", "null"):
            for day in days:
                book.flow(day)
        else:
            book.period(min(days), max(days))
    for index, row in enumerate(_rows(document, "ovulations")):
        day = day_from(row.get("date"), LABEL, f"ovulations[{index}]", "date")
        book.sign(day, OvulationSignKind.MARKED)
    names = {
        str(row.get("id")): str(row.get("symptom_name", "")) for row in _rows(document, "symptoms")
    }
    for index, row in enumerate(_rows(document, "symptom_date")):
        record = f"symptom_date[{index}]"
        day = day_from(row.get("symptom_date"), LABEL, record, "symptom_date")
        name = names.get(str(row.get("symptom_id")), "")
        _symptom(book, day, name)
    return book.build()


def _symptom(book: DayBook, day: date, name: str) -> None:
    key = name.strip().lower().replace(" ", "_")
    if key in _FLOW_SYMPTOMS:
        return  # the amount of a period day: periods carry no amount here
    if "spotting" in key:
        book.bleeding(day)
    elif key in ("sex", "intercourse", "had_sex"):
        book.intercourse(day)
    elif key == "cramps":
        book.symptom(day, Symptom.CRAMPS)
    else:
        book.skips.add(f"symptom '{name[:30]}' (not kept)", day)
