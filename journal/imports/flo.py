"""Flo (the JSON file inside the export Flo e-mails): ready-made cycles and dated events.

``operationalData.cycles`` gives periods (deleted and pregnancy cycles are skipped);
``point_events_manual_v2`` gives ovulation tests, fluid (mucus), sex and spotting;
``notes`` gives notes. Date-times end in ``.0``: only the date part is read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from journal.domain.vocabulary import Colour, Mucus, OvulationSignKind, Symptom
from journal.imports.common import DayBook, ImportResult, day_from, fail, load_json
from journal.imports.reading import Source

FORMAT = "flo"
LABEL = "Flo"
HOW_TO = (
    "In Flo: Profile → Settings → Request my data; Flo e-mails a password-protected zip. "
    "Unzip it with that password and choose the JSON file inside."
)

_FLUID = {
    "eggwhite": Mucus.EGG_WHITE,
    "creamy": Mucus.CREAMY,
    "sticky": Mucus.STICKY,
    "watery": Mucus.WATERY,
    "dry": Mucus.DRY,
    "none": Mucus.NONE,
}
_BLEEDING = {"spotting": None, "bloody": Colour.BRIGHT_RED, "brown": Colour.BROWN}
_SYMPTOMS = {"cramps": Symptom.CRAMPS, "pelvicpain": Symptom.PELVIC_PAIN}


def looks_like(document: object) -> bool:
    return isinstance(document, Mapping) and isinstance(document.get("operationalData"), Mapping)


def parse(source: Source) -> ImportResult:
    return from_document(load_json(source.read_all(), LABEL))


def from_document(document: object) -> ImportResult:
    if not looks_like(document):
        raise fail(LABEL, "file", "operationalData", "is missing: this is not a Flo export")
    assert isinstance(document, Mapping)
    data = document["operationalData"]
    book = DayBook(FORMAT)
    for index, cycle in enumerate(_list(data, "cycles")):
        _cycle(book, cycle, f"cycles[{index}]")
    for index, event in enumerate(_list(data, "point_events_manual_v2")):
        _event(book, event, f"point_events_manual_v2[{index}]")
    for index, note in enumerate(_list(data, "notes")):
        record = f"notes[{index}]"
        if not isinstance(note, Mapping):
            raise fail(LABEL, record, "text", "is not an object")
        if note.get("deleted") is True:
            book.skips.add("deleted record", record)
            continue
        day = _day(note, record)
        text = note.get("text")
        if isinstance(text, str):
            book.note(day, text)
    return book.build()


def _list(data: Mapping[str, Any], key: str) -> list[Any]:
    items = data.get(key, [])
    if items is None:
        return []
    if not isinstance(items, list):
        raise fail(LABEL, "operationalData", key, "is not a list")
    return items


def _day(item: Mapping[str, Any], record: str) -> date:
    if item.get("local_date"):
        return day_from(item["local_date"], LABEL, record, "local_date")
    return day_from(item.get("date"), LABEL, record, "date")


def _cycle(book: DayBook, cycle: object, record: str) -> None:
    if not isinstance(cycle, Mapping):
        raise fail(LABEL, record, "period_start_date", "is not an object")
    start = day_from(cycle.get("period_start_date"), LABEL, record, "period_start_date")
    if cycle.get("deleted") is True:
        book.skips.add("deleted record", start)
        return
    if cycle.get("pregnant") is True:
        book.skips.add("pregnancy cycle (not a period)", start)
        return
    end_text = cycle.get("period_end_date")
    end = day_from(end_text, LABEL, record, "period_end_date") if end_text else None
    if end is not None and end < start:
        raise fail(LABEL, record, "period_end_date", "is before the period's start")
    book.period(start, end)


def _event(book: DayBook, event: object, record: str) -> None:
    if not isinstance(event, Mapping):
        raise fail(LABEL, record, "category", "is not an object")
    day = _day(event, record)
    if event.get("deleted") is True:
        book.skips.add("deleted record", day)
        return
    category = str(event.get("category") or "")
    sub = str(event.get("subcategory") or "")
    key = sub.lower().replace("_", "").replace(" ", "")
    read = _EVENTS.get(category)
    if read is None or not read(book, day, key, sub):
        book.skips.add(f"events '{category[:20]}/{sub[:20]}' (not kept)", day)


# Each reader takes the day, the subcategory as a key and as written; False: not kept.
def _ovulation_test(book: DayBook, day: date, key: str, sub: str) -> bool:
    if key == "positive":
        book.sign(day, OvulationSignKind.POSITIVE_OPK)
    else:
        book.skips.add(f"ovulation test '{sub[:20]}' (only positive tests are kept)", day)
    return True


def _pregnancy_test(book: DayBook, day: date, key: str, sub: str) -> bool:
    if key not in ("positive", "negative"):
        return False
    book.pregnancy_test(day, positive=key == "positive")
    return True


def _fluid(book: DayBook, day: date, key: str, sub: str) -> bool:
    if _spotting(book, day, key, sub):
        return True
    if key in _FLUID:
        book.mucus(day, _FLUID[key])
    elif key in ("unusual", "atypical"):
        book.symptom(day, Symptom.UNUSUAL_DISCHARGE)
    else:
        return False
    return True


def _symptom(book: DayBook, day: date, key: str, sub: str) -> bool:
    if _spotting(book, day, key, sub):
        return True
    if key not in _SYMPTOMS:
        return False
    book.symptom(day, _SYMPTOMS[key])
    return True


def _spotting(book: DayBook, day: date, key: str, sub: str) -> bool:
    if key not in _BLEEDING:
        return False
    book.bleeding(day, colour=_BLEEDING[key])
    return True


def _sex(book: DayBook, day: date, key: str, sub: str) -> bool:
    if key in ("didnthave", "none", "nosex", "highsexdrive", "lowsexdrive", "masturbation"):
        book.skips.add(f"Sex '{sub[:20]}' (not intercourse)", day)
    else:
        book.intercourse(day)
    return True


_EVENTS: dict[str, Callable[[DayBook, date, str, str], bool]] = {
    "OvulationTest": _ovulation_test,
    "PregnancyTest": _pregnancy_test,
    "Fluid": _fluid,
    "Symptom": _symptom,
    "Spotting": _spotting,
    "Sex": _sex,
}
