"""Apple Health (``export.xml``, or the ``export.zip`` holding it), streamed.

The file can be hundreds of megabytes of steps and heart beats with a few hundred
menstrual records in between, so it is never loaded: expat reads it chunk by chunk
through defusedxml's parser (no entity expansion, no external entities), and only the
``Record`` elements of the cycle-tracking types are looked at. Their metadata children
are read while one of them is open; everything else passes by without a Python object
being built for it (an element tree, even cleared, was twice as slow here).
"""

from __future__ import annotations

import zipfile
import zlib
from typing import Any
from xml.parsers.expat import ExpatError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from journal.domain.vocabulary import Mucus, OvulationSignKind
from journal.imports.common import DayBook, ImportResult, day_from, fail
from journal.imports.reading import CHUNK, XML_LIMIT, Readable, Source, open_zip, zip_member

FORMAT = "apple-health"
LABEL = "Apple Health"
HOW_TO = (
    "In the Health app on the iPhone: your picture → Export All Health Data; send "
    "export.zip to this computer and choose it (or the export.xml inside)."
)

_PREFIX = "HKCategoryTypeIdentifier"
FLOW = _PREFIX + "MenstrualFlow"
SPOTTING = _PREFIX + "IntermenstrualBleeding"
MUCUS = _PREFIX + "CervicalMucusQuality"
OVULATION_TEST = _PREFIX + "OvulationTestResult"
SEX = _PREFIX + "SexualActivity"
PREGNANCY_TEST = _PREFIX + "PregnancyTestResult"
WANTED = frozenset({FLOW, SPOTTING, MUCUS, OVULATION_TEST, SEX, PREGNANCY_TEST})

_VALUE = "HKCategoryValue"
_FLOW_VALUES = frozenset(
    f"{_VALUE}MenstrualFlow{v}" for v in ("Unspecified", "Light", "Medium", "Heavy")
)
_MUCUS = {
    _VALUE + "CervicalMucusQualityDry": Mucus.DRY,
    _VALUE + "CervicalMucusQualitySticky": Mucus.STICKY,
    _VALUE + "CervicalMucusQualityCreamy": Mucus.CREAMY,
    _VALUE + "CervicalMucusQualityWatery": Mucus.WATERY,
    _VALUE + "CervicalMucusQualityEggWhite": Mucus.EGG_WHITE,
}
_OPK_POSITIVE = frozenset(
    {_VALUE + "OvulationTestResultLuteinizingHormoneSurge", _VALUE + "OvulationTestResultPositive"}
)


def looks_like(head: bytes) -> bool:
    return b"<HealthData" in head or b"DOCTYPE HealthData" in head


def parse(source: Source) -> ImportResult:
    if source.head(4) == b"PK\x03\x04":
        archive = open_zip(source)
        with archive:
            info = _export_member(archive, source.label)
            with zip_member(archive, info, source.label, XML_LIMIT) as member:
                return _parse_xml(member, source.label)
    source.seek(0)
    return _parse_xml(source, source.label)


def _export_member(archive: zipfile.ZipFile, label: str) -> zipfile.ZipInfo:
    for info in archive.infolist():
        if info.filename.rsplit("/", 1)[-1] == "export.xml":
            return info
    raise fail(label, "zip", "export.xml", "is not in the zip: choose Apple Health's export.zip")


class _Reader:
    """The expat callbacks: cheap for every element, careful for the wanted records."""

    def __init__(self, book: DayBook, expat: Any) -> None:
        self.book = book
        self._expat = expat
        self._open: tuple[str, str, str, int] | None = None  # type, value, start, line
        self._metadata: dict[str, str] = {}
        self.seen_root = False

    def start(self, name: str, attributes: list[str]) -> None:
        # Called for every element of a file with millions: the common case returns at once.
        if name == "Record":
            # ordered attributes: [name, value, name, value, ...]; Health writes type first
            if attributes and attributes[0] == "type" and attributes[1] not in WANTED:
                return
            attrs = dict(zip(attributes[::2], attributes[1::2], strict=True))
            kind = attrs.get("type", "")
            if kind in WANTED:
                line = self._expat.CurrentLineNumber
                self._open = (kind, attrs.get("value", ""), attrs.get("startDate", ""), line)
                self._metadata = {}
                self._expat.EndElementHandler = self.end
        elif name == "MetadataEntry":
            if self._open is not None:
                attrs = dict(zip(attributes[::2], attributes[1::2], strict=True))
                self._metadata[attrs.get("key", "")] = attrs.get("value", "")
        elif not self.seen_root:
            if name != "HealthData":
                local = name.rsplit("}", 1)[-1][:30]
                raise fail(LABEL, "file", local, "is not Apple Health's HealthData export")
            self.seen_root = True

    def end(self, name: str) -> None:
        if name == "Record" and self._open is not None:
            self._record(*self._open)
            self._open = None
            self._expat.EndElementHandler = None

    def _record(self, kind: str, value: str, start: str, line: int) -> None:
        book = self.book
        day = day_from(start, LABEL, f"line {line}", "startDate")
        if kind == FLOW:
            if value in _FLOW_VALUES:
                starts = self._metadata.get("HKMenstrualCycleStart") == "1"
                book.flow(day, starts=starts)
            elif value.endswith("MenstrualFlowNone"):
                book.skips.add("days marked 'no flow'", day)
            else:
                book.skips.add(f"unknown menstrual flow value '{value[:60]}'", day)
        elif kind == SPOTTING:
            book.bleeding(day)
        elif kind == MUCUS:
            mucus = _MUCUS.get(value)
            if mucus is None:
                book.skips.add(f"unknown cervical mucus value '{value[:60]}'", day)
            else:
                book.mucus(day, mucus)
        elif kind == OVULATION_TEST:
            if value in _OPK_POSITIVE:
                book.sign(day, OvulationSignKind.POSITIVE_OPK)
            else:
                book.skips.add("ovulation tests that were not positive (not kept)", day)
        elif kind == SEX:
            book.intercourse(day)
        elif kind == PREGNANCY_TEST:
            if value.endswith("Positive") or value.endswith("Negative"):
                book.pregnancy_test(day, positive=value.endswith("Positive"))
            else:
                book.skips.add(f"unknown pregnancy test value '{value[:60]}'", day)


def _parse_xml(stream: Readable, label: str) -> ImportResult:
    book = DayBook(FORMAT)
    parser = DefusedXMLParser(forbid_dtd=False, forbid_entities=True, forbid_external=True)
    expat = parser.parser  # defusedxml's handlers refuse entities and external references
    reader = _Reader(book, expat)
    expat.ordered_attributes = True
    expat.StartElementHandler = reader.start
    # Text, comments and the rest go nowhere: no Python call for them.
    for attribute in (
        "EndElementHandler",
        "CharacterDataHandler",
        "DefaultHandlerExpand",
        "StartNamespaceDeclHandler",
        "EndNamespaceDeclHandler",
        "CommentHandler",
    ):
        setattr(expat, attribute, None)
    try:
        while True:
            chunk = stream.read(CHUNK)
            if not chunk:
                break
            expat.Parse(chunk, False)
        expat.Parse(b"", True)
    except DefusedXmlException:
        raise fail(
            label, "file", "DTD", "declares entities or external references; refused for safety"
        ) from None
    except ExpatError as error:
        raise fail(
            label, f"line {error.lineno}", "XML", "is damaged (not well-formed XML)"
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise fail(
            label, "zip", "export.xml", "is damaged (the file inside does not unzip)"
        ) from None
    if not reader.seen_root:
        raise fail(label, "file", "HealthData", "is missing: this is not an Apple Health export")
    return book.build()
