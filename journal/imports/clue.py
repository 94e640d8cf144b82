"""Clue (``measurements.json``): an array of ``{"type", "id", "date", "value"}`` measurements.

``value`` is ``{"option": …}`` for a period day, a list of such objects for spotting,
discharge, tests, sex and the rest. Clue's older ``.cluedata`` backup (``{"data": [{"day",
"period", …}]}``) is read too, for its period and spotting days.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from journal.domain.vocabulary import Amount, Colour, Mucus, OvulationSignKind, Symptom
from journal.imports.common import DayBook, ImportResult, day_from, fail, load_json
from journal.imports.reading import Source

FORMAT = "clue"
LABEL = "Clue"
HOW_TO = (
    "In Clue: Profile → Settings → Data export (or request it from Clue support); unzip "
    "the file with the password Clue shows and choose measurements.json."
)

_FLOW = {"light", "medium", "heavy", "very_heavy", "spotting"}
_SPOTTING_COLOUR = {"brown": Colour.BROWN, "red": Colour.BRIGHT_RED, "pink": Colour.PINK}
_DISCHARGE = {
    "none": Mucus.NONE,
    "sticky": Mucus.STICKY,
    "creamy": Mucus.CREAMY,
    "egg_white": Mucus.EGG_WHITE,
    "watery": Mucus.WATERY,
    "dry": Mucus.DRY,
}
_PAIN = {"cramps": Symptom.CRAMPS}
_NOT_KEPT = {
    "bbt": "temperature readings",
    "birth_control_pill": "pill reminders",
    "feelings": "feelings",
    "energy": "energy levels",
    "tags": "tags",
    "mind": "mind entries",
    "sleep": "sleep entries",
    "mood": "mood entries",
}


def looks_like(document: object) -> bool:
    if isinstance(document, list):
        first = next((item for item in document if isinstance(item, Mapping)), None)
        return first is not None and "type" in first and "date" in first
    return is_old_backup(document)


def is_old_backup(document: object) -> bool:
    if not isinstance(document, Mapping) or not isinstance(document.get("data"), list):
        return False
    first = next((item for item in document["data"] if isinstance(item, Mapping)), None)
    return first is not None and "day" in first


def parse(source: Source) -> ImportResult:
    return from_document(load_json(source.read_all(), LABEL))


def from_document(document: object) -> ImportResult:
    if is_old_backup(document):
        assert isinstance(document, Mapping)
        return _old_backup(document["data"])
    if not isinstance(document, list):
        raise fail(
            LABEL, "file", "measurements", "is not a list of measurements (measurements.json)"
        )
    book = DayBook(FORMAT)
    for index, item in enumerate(document):
        record = f"measurement {index + 1}"
        if not isinstance(item, Mapping):
            raise fail(LABEL, record, "type", "is not an object")
        kind = item.get("type")
        if not isinstance(kind, str):
            raise fail(LABEL, record, "type", "is missing")
        day = day_from(item.get("date"), LABEL, record, "date")
        options = _options(item.get("value"))
        read = _MEASUREMENTS.get(kind)
        if read is not None:
            read(book, day, options)
        elif kind in _NOT_KEPT:
            book.skips.add(f"{_NOT_KEPT[kind]} (not kept)")
        else:
            book.skips.add(f"measurements of type '{kind[:30]}' (not kept)")
    return book.build()


def _period(book: DayBook, day: date, options: Iterable[str]) -> None:
    for option in options:
        if option not in _FLOW:
            book.skips.add(f"unknown period option '{option[:20]}'", day)
        elif option == "spotting":
            book.bleeding(day)
        else:
            book.flow(day)


def _spotting(book: DayBook, day: date, options: Iterable[str]) -> None:
    colour = next((_SPOTTING_COLOUR[o] for o in options if o in _SPOTTING_COLOUR), None)
    book.bleeding(day, Amount.SPOTTING, colour)


def _discharge(book: DayBook, day: date, options: Iterable[str]) -> None:
    for option in options:
        if option in _DISCHARGE:
            book.mucus(day, _DISCHARGE[option])
        elif option == "atypical":
            book.symptom(day, Symptom.UNUSUAL_DISCHARGE)
        else:
            book.skips.add(f"unknown discharge option '{option[:20]}'", day)


def _sex(book: DayBook, day: date, options: Iterable[str]) -> None:
    if any(_is_intercourse(o) for o in options):
        book.intercourse(day)


def _pain(book: DayBook, day: date, options: Iterable[str]) -> None:
    for option in options:
        if option in _PAIN:
            book.symptom(day, _PAIN[option])


def _tests(book: DayBook, day: date, options: Iterable[str]) -> None:
    for option in options:
        if option == "ovulation_positive":
            book.sign(day, OvulationSignKind.POSITIVE_OPK)
        elif option == "ovulation_negative":
            book.skips.add("negative ovulation tests (not kept)", day)
        elif option.startswith("pregnancy"):
            book.pregnancy_test(day, positive=option.endswith("positive"))
        else:
            book.skips.add(f"unknown test option '{option[:30]}'", day)


#: How each kind of measurement is read into the day book.
_MEASUREMENTS: dict[str, Callable[[DayBook, date, Iterable[str]], None]] = {
    "period": _period,
    "spotting": _spotting,
    "discharge": _discharge,
    "tests": _tests,
    "sex_life": _sex,
    "sex": _sex,
    "pain": _pain,
}


def _is_intercourse(option: str) -> bool:
    return "sex_drive" not in option and option not in ("none", "no_sex", "masturbation")


def _options(value: object) -> list[str]:
    """The option names of a measurement's value, whichever shape it has."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, Mapping) and isinstance(item.get("option"), str):
            out.append(item["option"])
        elif isinstance(item, str):
            out.append(item)
    return out


def _old_backup(days: list[Any]) -> ImportResult:
    book = DayBook(FORMAT)
    book.skips.add("read as Clue's older .cluedata backup: period and spotting days only")
    for index, item in enumerate(days):
        record = f"data[{index}]"
        if not isinstance(item, Mapping):
            raise fail(LABEL, record, "day", "is not an object")
        day = day_from(item.get("day"), LABEL, record, "day")
        period = item.get("period")
        if period == "spotting" or item.get("spotting"):
            book.bleeding(day)
        elif isinstance(period, str) and period in _FLOW:
            book.flow(day)
    return book.build()
