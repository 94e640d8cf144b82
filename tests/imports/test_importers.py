"""Each importer on a small export written from the format's description: the exact
periods, episodes, ovulation signs and skipped items it produces."""

from __future__ import annotations

import gzip
import io
from datetime import date
from pathlib import Path

import pytest

from journal.domain.model import Episode, Period
from journal.domain.vocabulary import Amount, Colour, Mucus, Symptom, Trigger
from journal.imports import FORMATS, ImportResult, Source, parse, recognise

DATA = Path(__file__).parent / "data"
FILES = {
    "drip": "drip-data.csv",
    "clue": "clue-measurements.json",
    "flo": "flo-export.json",
    "apple-health": "apple-health-export.xml",
    "periodical": "Periodical-backup.json.gz",
    "mensinator": "mensinator.json",
    "ovumcy": "ovumcy-export.json",
}
PERIODS = (
    Period(date(2026, 1, 5), date(2026, 1, 9)),
    Period(date(2026, 2, 2), date(2026, 2, 6)),
    # 2026-03-04 is missing: a one-day gap stays inside the period
    Period(date(2026, 3, 2), date(2026, 3, 5)),
)
SPOTTING = Amount.SPOTTING
SEX = Trigger.INTERCOURSE
NONE = Trigger.NONE
EGG = Mucus.EGG_WHITE


def read(format_name: str, name: str | None = None, raw: bytes | None = None) -> ImportResult:
    data = raw if raw is not None else (DATA / (name or FILES[format_name])).read_bytes()
    return parse(format_name, Source(io.BytesIO(data), "test"))


def episodes(result: ImportResult) -> list[tuple[object, ...]]:
    return [
        (
            e.id,
            e.day.isoformat(),
            e.amount,
            e.colour,
            e.mucus,
            e.trigger,
            sorted(s.value for s in e.symptoms),
            e.notes,
        )
        for e in result.data.episodes
    ]


def signs(result: ImportResult) -> list[tuple[str, str]]:
    return [(s.date.isoformat(), s.sign.value) for s in result.data.ovulation_signs]


def pregnancy_tests(result: ImportResult) -> list[tuple[str, str]]:
    return [(t.date.isoformat(), t.result.value) for t in result.data.pregnancy_tests]


def skipped(result: ImportResult) -> dict[str, int]:
    return {item.reason: item.count for item in result.skipped}


def test_every_format_is_registered_with_a_how_to_line() -> None:
    assert set(FORMATS) == set(FILES)
    for tracker in FORMATS.values():
        assert tracker.how_to.endswith(".")


@pytest.mark.parametrize("format_name", sorted(FILES))
def test_each_sample_is_recognised_by_its_content(format_name: str) -> None:
    raw = (DATA / FILES[format_name]).read_bytes()
    assert recognise(Source(io.BytesIO(raw), "test")) == format_name


@pytest.mark.parametrize("format_name", sorted(FILES))
def test_each_sample_gives_the_same_three_periods(format_name: str) -> None:
    assert read(format_name).data.periods == PERIODS


def test_drip() -> None:
    result = read("drip")
    assert episodes(result) == [
        ("drip-2026-01-15", "2026-01-15", SPOTTING, None, Mucus.NONE, NONE, [], ""),
        (
            "drip-2026-01-20", "2026-01-20", SPOTTING, None, EGG, SEX, [],
            "spotting after sex, bright",
        ),
        # a cell whose only special character is " has it doubled without quotes
        ("drip-2026-02-25", "2026-02-25", SPOTTING, None, Mucus.NONE, NONE, [], 'felt "off" today'),
    ]  # fmt: skip
    assert signs(result) == [("2026-01-19", "peak-mucus"), ("2026-01-20", "peak-mucus")]
    assert skipped(result) == {
        "unknown bleeding.value '7'": 1,
        "temperature readings (not kept)": 4,
        "cervical mucus on a day without an episode": 1,
        "intercourse on a day without an episode": 1,
        "bleeding on a period day (it belongs to the period)": 1,
    }


def test_drip_schema_5_columns_are_matched_by_name() -> None:
    header = "date,temperature.value,bleeding.value,bleeding.exclude,bleeding.pad,bleeding.note,"
    header += "mucus.feeling,mucus.texture,mucus.value,mucus.exclude,note.value,sex.partner"
    rows = [
        '2026-04-20,,1,true,,"after exam, small",,,,,,',
        "2026-04-02,,2,false,,,,,,,,",
        "2026-04-01,,3,false,,,,,,,,",
    ]
    result = read("drip", raw=("\r\n".join([header, *rows]) + "\r\n").encode())
    assert result.data.periods == (Period(date(2026, 4, 1), date(2026, 4, 2)),)
    assert episodes(result) == [
        ("drip-2026-04-20", "2026-04-20", Amount.LIGHT, None, Mucus.NONE, NONE, [],
         "after exam, small"),
    ]  # fmt: skip


def test_drip_spotting_alone_is_an_episode_not_a_period() -> None:
    # 2026-01-15 is spotting that drip did not exclude: one day of it is no period
    result = read("drip")
    assert all(not p.contains(date(2026, 1, 15)) for p in result.data.periods)
    assert episodes(result)[0][:3] == ("drip-2026-01-15", "2026-01-15", SPOTTING)


def test_clue() -> None:
    result = read("clue")
    assert pregnancy_tests(result) == [("2026-02-20", "negative")]
    assert episodes(result) == [
        ("clue-2026-01-15", "2026-01-15", SPOTTING, Colour.BROWN, Mucus.NONE, NONE, [], ""),
        ("clue-2026-01-20", "2026-01-20", SPOTTING, Colour.BRIGHT_RED, EGG, SEX, [], ""),
        ("clue-2026-02-25", "2026-02-25", SPOTTING, Colour.BROWN, Mucus.NONE, NONE,
         [Symptom.UNUSUAL_DISCHARGE.value], ""),
    ]  # fmt: skip
    assert signs(result) == [
        ("2026-01-19", "peak-mucus"),
        ("2026-01-19", "positive-opk"),
        ("2026-01-20", "peak-mucus"),
    ]
    assert skipped(result) == {
        "temperature readings (not kept)": 2,
        "feelings (not kept)": 1,
        "tags (not kept)": 1,
        "measurements of type 'medication' (not kept)": 1,
        "unknown discharge option 'shiny'": 1,
        "symptom on a day without an episode": 1,
        "cervical mucus on a day without an episode": 1,
        "intercourse on a day without an episode": 1,
        "bleeding on a period day (it belongs to the period)": 1,
    }


def test_clue_old_cluedata_backup_is_recognised_and_read() -> None:
    raw = (
        b'{"data": [{"day": "2026-05-01T00:00:00Z", "period": "heavy"},'
        b'{"day": "2026-05-02T00:00:00Z", "period": "medium"},'
        b'{"day": "2026-05-12T00:00:00Z", "period": "spotting"}]}'
    )
    assert recognise(Source(io.BytesIO(raw), "test")) == "clue"
    result = read("clue", raw=raw)
    assert result.data.periods == (Period(date(2026, 5, 1), date(2026, 5, 2)),)
    assert [e.id for e in result.data.episodes] == ["clue-2026-05-12"]
    assert any("older .cluedata backup" in item.reason for item in result.skipped)


def test_flo() -> None:
    result = read("flo")
    assert pregnancy_tests(result) == [("2026-02-20", "negative")]
    assert episodes(result) == [
        ("flo-2026-01-15", "2026-01-15", SPOTTING, None, Mucus.NONE, NONE, [], ""),
        ("flo-2026-01-20", "2026-01-20", SPOTTING, Colour.BRIGHT_RED, EGG, SEX, [],
         "Spotting after sex, bright red"),
        ("flo-2026-02-25", "2026-02-25", SPOTTING, None, Mucus.CREAMY, NONE, ["cramps"],
         "Brown spotting, a little crampy"),
    ]  # fmt: skip
    assert signs(result) == [
        ("2026-01-19", "peak-mucus"),
        ("2026-01-19", "positive-opk"),  # local_date wins over the UTC date of 2026-01-18
        ("2026-01-20", "peak-mucus"),
    ]
    assert skipped(result) == {
        "deleted record": 2,
        "pregnancy cycle (not a period)": 1,
        "ovulation test 'Negative' (only positive tests are kept)": 1,
        "events 'Mood/Happy' (not kept)": 1,
        "cervical mucus on a day without an episode": 2,
        "intercourse on a day without an episode": 1,
        "bleeding on a period day (it belongs to the period)": 1,
        "note on a day without an episode": 1,
    }


def test_flo_reads_no_personal_data() -> None:
    # userData (e-mail, account id) is in the file; nothing of it is in the result
    result = read("flo")
    assert "example.org" not in repr(result)
    assert "123456" not in repr(result)


def test_apple_health() -> None:
    result = read("apple-health")
    assert pregnancy_tests(result) == [("2026-02-20", "negative")]
    assert episodes(result) == [
        ("apple-health-2026-01-15", "2026-01-15", SPOTTING, None, Mucus.NONE, NONE, [], ""),
        # 23:30 at -0500 is still 2026-01-20 in its own offset
        ("apple-health-2026-01-20", "2026-01-20", SPOTTING, None, EGG, SEX, [], ""),
        ("apple-health-2026-02-25", "2026-02-25", SPOTTING, None, Mucus.CREAMY, NONE, [], ""),
    ]
    assert signs(result) == [
        ("2026-01-19", "peak-mucus"),
        ("2026-01-19", "positive-opk"),
        ("2026-01-20", "peak-mucus"),
    ]
    assert skipped(result) == {
        "ovulation tests that were not positive (not kept)": 1,
        "days marked 'no flow'": 1,
        "unknown menstrual flow value 'HKCategoryValueMenstrualFlowSuperHeavy'": 1,
        "cervical mucus on a day without an episode": 2,
        "intercourse on a day without an episode": 1,
        "bleeding on a period day (it belongs to the period)": 1,
    }


def test_apple_health_zip_gives_the_same_as_the_xml(tmp_path: Path) -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
        archive.write(DATA / FILES["apple-health"], "apple_health_export/export.xml")
    raw = buffer.getvalue()
    assert recognise(Source(io.BytesIO(raw), "test")) == "apple-health"
    assert read("apple-health", raw=raw) == read("apple-health")


def test_apple_health_cycle_start_marker_splits_adjacent_flow_days() -> None:
    text = (DATA / FILES["apple-health"]).read_text()
    flow = (
        ' <Record type="HKCategoryTypeIdentifierMenstrualFlow" sourceName="Health" '
        'startDate="2026-04-{d} 08:00:00 +0100" endDate="2026-04-{d} 08:00:00 +0100" '
        'value="HKCategoryValueMenstrualFlowLight"><MetadataEntry key="HKMenstrualCycleStart" '
        'value="{s}"/></Record>\n'
    )
    extra = flow.format(d="01", s="1") + flow.format(d="02", s="0") + flow.format(d="03", s="1")
    raw = text.replace("</HealthData>", extra + "</HealthData>").encode()
    periods = read("apple-health", raw=raw).data.periods
    assert periods[-2:] == (
        Period(date(2026, 4, 1), date(2026, 4, 2)),
        Period(date(2026, 4, 3), date(2026, 4, 3)),
    )


def test_periodical() -> None:
    result = read("periodical")
    assert episodes(result) == [
        ("periodical-2026-01-15", "2026-01-15", SPOTTING, None, Mucus.NONE, NONE, [], ""),
        ("periodical-2026-01-20", "2026-01-20", SPOTTING, None, Mucus.NONE, SEX, [],
         "Spotting after sex, bright red"),
        ("periodical-2026-02-25", "2026-02-25", SPOTTING, None, Mucus.NONE, NONE, [],
         "Brown spotting"),
    ]  # fmt: skip
    assert signs(result) == []
    assert skipped(result) == {
        "unknown eventtype '9'": 1,
        "other symptoms (not kept)": 1,
        "discharge (Periodical does not say which kind)": 1,
        "intercourse on a day without an episode": 1,
        "bleeding on a period day (it belongs to the period)": 1,
        "note on a day without an episode": 1,
    }


def test_periodical_unzipped_json_reads_the_same() -> None:
    raw = gzip.decompress((DATA / FILES["periodical"]).read_bytes())
    assert recognise(Source(io.BytesIO(raw), "test")) == "periodical"
    assert read("periodical", raw=raw) == read("periodical")


def test_mensinator() -> None:
    result = read("mensinator")
    assert episodes(result) == [
        ("mensinator-2026-01-15", "2026-01-15", SPOTTING, None, Mucus.NONE, NONE, [], ""),
        ("mensinator-2026-01-20", "2026-01-20", SPOTTING, None, Mucus.NONE, SEX, [], ""),
        ("mensinator-2026-02-25", "2026-02-25", SPOTTING, None, Mucus.NONE, NONE, [], ""),
    ]
    assert signs(result) == [("2026-01-19", "marked"), ("2026-02-16", "marked")]
    assert skipped(result) == {
        "symptom 'Headache' (not kept)": 1,
        "intercourse on a day without an episode": 1,
        "bleeding on a period day (it belongs to the period)": 1,
    }


@pytest.mark.parametrize("name", ["ovumcy-export.json", "ovumcy-export.csv"])
def test_ovumcy_json_and_csv(name: str) -> None:
    result = read("ovumcy", name)
    assert pregnancy_tests(result) == [("2026-02-20", "negative")]
    assert result.data.periods == PERIODS
    assert episodes(result) == [
        ("ovumcy-2026-01-15", "2026-01-15", SPOTTING, None, Mucus.NONE, NONE, [], ""),
        ("ovumcy-2026-01-20", "2026-01-20", SPOTTING, None, EGG, SEX, [],
         "Spotting after sex, bright red"),
        ("ovumcy-2026-02-25", "2026-02-25", SPOTTING, None, Mucus.CREAMY, NONE, ["cramps"],
         "Brown spotting, crampy"),
    ]  # fmt: skip
    assert signs(result) == [
        ("2026-01-19", "peak-mucus"),
        ("2026-01-19", "positive-opk"),
        ("2026-01-20", "peak-mucus"),
    ]
    assert skipped(result) == {
        "LH tests 'high' (only 'peak' counts as positive)": 1,
        "unknown flow 'gushing'": 1,
        "symptom on a day without an episode": 1,
        "cervical mucus on a day without an episode": 2,
        "intercourse on a day without an episode": 1,
        "note on a day without an episode": 1,
    }


def test_ovumcy_csv_mixes_both_spellings() -> None:
    text = (DATA / "ovumcy-export.csv").read_text()
    assert ",Yes," in text and ",true," in text and ",Medium," in text and ",heavy," in text


@pytest.mark.parametrize("format_name", sorted(FILES))
def test_reading_twice_gives_the_same_ids(format_name: str) -> None:
    first, second = read(format_name), read(format_name)
    assert [e.id for e in first.data.episodes] == [e.id for e in second.data.episodes]
    assert all(isinstance(e, Episode) and e.id.startswith(format_name) for e in first.data.episodes)
