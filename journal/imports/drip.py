"""drip (``drip-data.csv``): one row per day, columns named by their path in drip's schema.

drip writes ``bleeding.value`` 0-3 (spotting … heavy) and ``bleeding.exclude`` for bleeding
that is not menstrual; mucus as a feeling and a texture; ``sex.partner`` and a day note.
Schema 4 and 5 differ in columns, so columns are found by header name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from journal.domain.vocabulary import Amount, Mucus
from journal.imports.common import DayBook, ImportResult, day_from, decode_text, fail
from journal.imports.reading import Source

FORMAT = "drip"
LABEL = "drip"
HOW_TO = "In drip: Menu → Settings → Data → Export data; it saves drip-data.csv."

_AMOUNTS = {"0": Amount.SPOTTING, "1": Amount.LIGHT, "2": Amount.MODERATE, "3": Amount.HEAVY}
_TEXTURE = {"1": Mucus.CREAMY, "2": Mucus.EGG_WHITE}
_FEELING = {"0": Mucus.DRY, "2": Mucus.WATERY, "3": Mucus.WATERY}
_REQUIRED = ("date", "bleeding.value")


def looks_like(header: str) -> bool:
    names = [n.strip().strip('"') for n in header.split(",")]
    return bool(names) and names[0] == "date" and "bleeding.value" in names


def parse(source: Source) -> ImportResult:
    text = decode_text(source.read_all(), LABEL)
    rows = _rows(text)
    header = next(rows, None)
    if header is None:
        raise fail(LABEL, "file", "header", "is empty")
    columns = {name.strip(): index for index, name in enumerate(header)}
    for name in _REQUIRED:
        if name not in columns:
            raise fail(LABEL, "header", name, "is missing: this is not a drip export")
    book = DayBook(FORMAT)
    temperatures = 0
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        record = f"row {number}"

        def cell(name: str, row: list[str] = row) -> str:
            index = columns.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        temperatures += _read_row(book, cell, record)
    if temperatures:
        book.skips.add("temperature readings (not kept)", count=temperatures)
    return book.build()


def _read_row(book: DayBook, cell: Callable[[str], str], record: str) -> int:
    """One day's row into the book; 1 when it held a temperature (not kept), else 0."""
    day = day_from(cell("date"), LABEL, record, "date")
    bleeding = cell("bleeding.value")
    if bleeding:
        amount = _AMOUNTS.get(bleeding)
        if amount is None:
            book.skips.add(f"unknown bleeding.value '{bleeding[:10]}'", day)
        elif cell("bleeding.exclude") == "true":
            book.bleeding(day, amount)
        else:
            book.flow(day, spotting=amount is Amount.SPOTTING)
    mucus = _TEXTURE.get(cell("mucus.texture")) or _FEELING.get(cell("mucus.feeling"))
    if mucus is not None and cell("mucus.exclude") != "true":
        book.mucus(day, mucus)
    if cell("sex.partner") == "true":
        book.intercourse(day)
    for name in ("bleeding.note", "note.value"):
        if cell(name):
            book.note(day, cell(name))
    return 1 if cell("temperature.value") else 0


def _rows(text: str) -> Iterator[list[str]]:
    """drip's CSV: a cell is quoted only when it holds , ; . ' or a line break; a cell whose
    only special character is ``"`` has it doubled without being quoted. The csv module
    would keep such doubled quotes, so this reads cells itself."""
    position, length = 0, len(text)
    row: list[str] = []
    while position < length:
        char = text[position]
        quoted = char == '"' and not _doubled_unquoted(text, position)
        if quoted:
            position += 1
            parts: list[str] = []
            while True:
                end = text.find('"', position)
                if end < 0:
                    raise fail(LABEL, "file", "quotes", "has a quoted cell that never ends")
                parts.append(text[position:end])
                if text.startswith('""', end):
                    parts.append('"')
                    position = end + 2
                    continue
                position = end + 1
                break
            value = "".join(parts)
            # Anything up to the separator after the closing quote is kept as written.
            stop = _cell_end(text, position)
            value += text[position:stop]
            position = stop
        else:
            stop = _cell_end(text, position)
            value = text[position:stop].replace('""', '"')
            position = stop
        row.append(value)
        if position >= length:
            break
        if text[position] == ",":
            position += 1
            if position >= length:
                row.append("")
            continue
        # a line break ends the row
        position += 2 if text.startswith("\r\n", position) else 1
        yield row
        row = []
    if row:
        yield row


def _doubled_unquoted(text: str, position: int) -> bool:
    """``""x""``: a cell starting with a doubled quote that is not an empty quoted cell."""
    if not text.startswith('""', position) or text.startswith('"""', position):
        return False
    after = text[position + 2 : position + 3]
    return after not in ("", ",", "\n", "\r")


def _cell_end(text: str, position: int) -> int:
    ends = [i for i in (text.find(",", position), text.find("\n", position)) if i >= 0]
    end = min(ends) if ends else len(text)
    if end > position and text[end - 1] == "\r" and end < len(text) and text[end] == "\n":
        end -= 1
    return end
