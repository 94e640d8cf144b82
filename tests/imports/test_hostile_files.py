"""Hostile files: entity bombs, external entities, zip and gzip bombs, files that lie about
their size. Each gets one clear sentence naming the format, record and field."""

from __future__ import annotations

import io
import zipfile

import pytest

from journal.domain.errors import InvalidInput
from journal.imports import Source, parse
from journal.imports.reading import MIB

HEALTH = b'<HealthData locale="en">\n<ExportDate value="2026-01-01"/>\n'


def apple(raw: bytes) -> None:
    parse("apple-health", Source(io.BytesIO(raw), "test"))


def test_billion_laughs_is_refused_without_expanding() -> None:
    lol = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    raw = b"<?xml version='1.0'?><!DOCTYPE HealthData [" + lol + b"]>"
    raw += HEALTH + b'<Record type="x" value="&lol9;" startDate="2026-01-01"/></HealthData>'
    with pytest.raises(InvalidInput, match="Apple Health export, file, field 'DTD': declares"):
        apple(raw)


def test_external_entity_is_refused(tmp_path: object) -> None:
    raw = (
        b'<?xml version="1.0"?><!DOCTYPE HealthData [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + HEALTH
        + b'<Record type="HKCategoryTypeIdentifierIntermenstrualBleeding" value="&x;" '
        b'startDate="2026-01-01 08:00:00 +0100"/></HealthData>'
    )
    with pytest.raises(InvalidInput, match="entities or external references"):
        apple(raw)


def test_an_xml_that_is_not_a_health_export_is_named() -> None:
    with pytest.raises(InvalidInput, match="Apple Health export, file, field 'svg'"):
        apple(b'<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>')


def test_a_bad_date_in_a_record_names_the_record() -> None:
    raw = HEALTH + (
        b'<Record type="HKCategoryTypeIdentifierMenstrualFlow" '
        b'value="HKCategoryValueMenstrualFlowLight" startDate="yesterday"/></HealthData>'
    )
    with pytest.raises(InvalidInput) as caught:
        apple(raw)
    assert str(caught.value) == (
        "Apple Health export, line 3, field 'startDate': 'yesterday' is not a date like 2025-01-06"
    )


def _zip(name: str, payload: bytes, *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        archive.writestr(name, payload)
    return buffer.getvalue()


def test_zip_bomb_is_refused_by_its_ratio_before_unzipping() -> None:
    raw = _zip("apple_health_export/export.xml", HEALTH + b" " * (40 * MIB) + b"</HealthData>")
    assert len(raw) < MIB
    with pytest.raises(InvalidInput, match="unzips to more than 200 times its size"):
        apple(raw)


def test_zip_that_lies_about_its_size_stops_at_the_declared_size() -> None:
    payload = HEALTH + b"</HealthData>"
    raw = bytearray(_zip("export.xml", payload, method=zipfile.ZIP_STORED))
    # Declare a smaller size in the central directory than the member holds.
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 24 : central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(InvalidInput) as caught:
        apple(bytes(raw))
    assert str(caught.value).startswith("Apple Health export")


def test_password_protected_zip_says_to_unzip_it_first() -> None:
    raw = bytearray(_zip("export.xml", HEALTH + b"</HealthData>"))
    for marker in (b"PK\x03\x04", b"PK\x01\x02"):
        at = raw.find(marker)
        flag_at = at + (6 if marker == b"PK\x03\x04" else 8)
        raw[flag_at] |= 0x1
    with pytest.raises(InvalidInput, match="password-protected: unzip it first"):
        apple(bytes(raw))


def test_zip_without_export_xml_is_named() -> None:
    with pytest.raises(InvalidInput, match=r"export\.xml': is not in the zip"):
        apple(_zip("photos/cat.jpg", b"\xff\xd8"))


def test_source_never_reads_past_its_limit() -> None:
    source = Source(io.BytesIO(b"x" * 5000), "test", limit=4096)
    with pytest.raises(InvalidInput, match="is larger than"):
        source.read_all(limit=10 * MIB)


@pytest.mark.parametrize(
    ("format_name", "raw", "expected"),
    [
        ("drip", b"\xff\xfe\x00d\x00a", "drip export, file, field 'encoding'"),
        ("drip", b"name,age\nx,1\n", "drip export, header, field 'date': is missing"),
        ("clue", b'{"hello": 1}', "Clue export, file, field 'measurements'"),
        (
            "clue",
            b'[{"type": "period", "date": "soon"}]',
            "Clue export, measurement 1, field 'date'",
        ),
        ("flo", b"[]", "Flo export, file, field 'operationalData'"),
        (
            "periodical",
            b'[{"version": 2}, {"data": []}]',
            "Periodical export, file, field 'version'",
        ),
        (
            "ovumcy",
            b"Date,Period,Flow\n2026-01-01,maybe,light\n",
            "Ovumcy export, row 2, field 'period'",
        ),
        ("mensinator", b'{"periods": "many"}', "Mensinator export, file, field 'periods'"),
        ("ovumcy", b"[" * 100_000, "Ovumcy export, file, field 'JSON'"),
    ],
)
def test_bad_files_get_one_sentence(format_name: str, raw: bytes, expected: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse(format_name, Source(io.BytesIO(raw), "test"))
    assert str(caught.value).startswith(expected), str(caught.value)
    assert "\n" not in str(caught.value)
