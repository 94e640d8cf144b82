"""The JSON interchange format: round trips, the spec's example, and every kind of bad record."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.domain.errors import InvalidInput
from journal.domain.interchange import ended_before_start, from_json, to_json
from journal.domain.model import (
    Appointment,
    Condition,
    ContextEntry,
    Episode,
    JournalData,
    Medication,
    Moment,
    OvulationSign,
    Period,
    PregnancyTest,
    Profile,
    Screening,
    moment_sort_key,
)
from journal.domain.vocabulary import (
    Amount,
    Colour,
    ConditionName,
    Contraception,
    LifeStage,
    MedicationName,
    Mucus,
    OvulationSignKind,
    Pain,
    PregnancyTestResult,
    ScreeningKind,
    ScreeningResult,
    Symptom,
    Trigger,
)

SPEC_EXAMPLE = """
{
  "format": "health-journal", "version": 2,
  "profile": {"birth_year": 1990},
  "context": [{"since": "2025-01-01", "life_stage": "reproductive",
               "contraception": "none", "trying_to_conceive": false}],
  "conditions": [{"name": "pcos", "since": "2020-03-01"}],
  "screenings": [{"kind": "cervical-screening", "date": "2024-05-01", "result": "normal"}],
  "ovulation_signs": [{"date": "2026-01-16", "sign": "positive-opk"}],
  "pregnancy_tests": [{"date": "2026-02-20", "result": "negative"}],
  "medications": [{"name": "hrt-continuous", "since": "2025-06-01", "until": null}],
  "periods": [{"start": "2026-01-03", "end": "2026-01-07"}],
  "appointments": [{"date": "2026-02-10", "with": "GP", "notes": ""}],
  "episodes": [{"id": "e1", "started_at": "2026-01-21T07:30", "amount": "spotting",
                "colour": "bright-red", "in_mucus": false, "mucus": "none",
                "trigger": "intercourse", "pain": "none",
                "symptoms": ["vaginal-dryness"], "notes": ""}]
}
"""

# The version 1 example of the first release: still read.
SPEC_EXAMPLE_V1 = """
{
  "format": "health-journal", "version": 1,
  "context": [{"since": "2025-01-01", "life_stage": "reproductive",
               "contraception": "none", "trying_to_conceive": false}],
  "conditions": [{"name": "pcos", "since": "2020-03-01"}],
  "screenings": [{"kind": "cervical-screening", "date": "2024-05-01", "result": "normal"}],
  "ovulation_signs": [{"date": "2026-01-16", "sign": "positive-opk"}],
  "periods": [{"start": "2026-01-03", "end": "2026-01-07"}],
  "appointments": [{"date": "2026-02-10", "with": "GP", "notes": ""}],
  "episodes": [{"id": "e1", "started_at": "2026-01-21T07:30", "amount": "spotting",
                "colour": "bright-red", "in_mucus": false, "mucus": "none",
                "trigger": "intercourse", "pain": "none",
                "symptoms": ["vaginal-dryness"], "notes": ""}]
}
"""


def spec_example_data() -> JournalData:
    return JournalData(
        context=(ContextEntry(date(2025, 1, 1), LifeStage.REPRODUCTIVE, Contraception.NONE),),
        conditions=(Condition(ConditionName.PCOS, date(2020, 3, 1)),),
        screenings=(
            Screening(ScreeningKind.CERVICAL_SCREENING, date(2024, 5, 1), ScreeningResult.NORMAL),
        ),
        ovulation_signs=(OvulationSign(date(2026, 1, 16), OvulationSignKind.POSITIVE_OPK),),
        periods=(Period(date(2026, 1, 3), date(2026, 1, 7)),),
        appointments=(Appointment(date(2026, 2, 10), "GP", ""),),
        episodes=(
            Episode(
                id="e1",
                started_at=datetime(2026, 1, 21, 7, 30),
                amount=Amount.SPOTTING,
                colour=Colour.BRIGHT_RED,
                trigger=Trigger.INTERCOURSE,
                symptoms=frozenset({Symptom.VAGINAL_DRYNESS}),
            ),
        ),
    )


def test_the_spec_example_parses() -> None:
    data = from_json(json.loads(SPEC_EXAMPLE))
    assert data == replace(
        spec_example_data(),
        profile=Profile(birth_year=1990),
        pregnancy_tests=(PregnancyTest(date(2026, 2, 20), PregnancyTestResult.NEGATIVE),),
        medications=(Medication(MedicationName.HRT_CONTINUOUS, date(2025, 6, 1)),),
    )
    # Exporting it again gives the spec's document back, key for key.
    assert to_json(data) == json.loads(SPEC_EXAMPLE)


def test_the_version_1_example_still_parses_and_exports_as_version_2() -> None:
    data = from_json(json.loads(SPEC_EXAMPLE_V1))
    assert data == spec_example_data()
    exported = to_json(data)
    assert exported["version"] == 2
    assert (exported["profile"], exported["pregnancy_tests"], exported["medications"]) == (
        {},
        [],
        [],
    )
    assert from_json(exported) == data


def test_an_ongoing_episode_round_trips_and_may_not_have_an_end() -> None:
    episode = Episode(id="o", started_at=date(2026, 1, 2), amount=Amount.VERY_HEAVY, ongoing=True)
    document = to_json(JournalData(episodes=(episode,)))
    assert document["episodes"][0]["ongoing"] is True
    assert from_json(document).episodes == (episode,)
    document["episodes"][0]["ended_at"] = "2026-01-03"
    with pytest.raises(InvalidInput) as caught:
        from_json(document)
    assert (caught.value.record, caught.value.field) == ("episodes[0]", "ended_at")
    assert "still ongoing" in str(caught.value)


def test_only_format_version_and_episode_essentials_are_required() -> None:
    data = from_json(
        {
            "format": "health-journal",
            "version": 1,
            "episodes": [{"id": "x", "started_at": "2026-01-21", "amount": "light"}],
        }
    )
    assert data == JournalData(
        episodes=(Episode(id="x", started_at=date(2026, 1, 21), amount=Amount.LIGHT),)
    )
    assert from_json({"format": "health-journal", "version": 1}) == JournalData()


def test_defaults_of_optional_record_fields() -> None:
    data = from_json(
        {
            "format": "health-journal",
            "version": 1,
            "context": [{"since": "2025-01-01"}],
            "screenings": [{"kind": "sti-test", "date": "2025-03-01"}],
            "periods": [{"start": "2026-01-03"}],
            "appointments": [{"date": "2026-02-10"}],
        }
    )
    assert data.context == (ContextEntry(date(2025, 1, 1)),)
    assert data.screenings[0].result is ScreeningResult.UNKNOWN
    assert data.periods == (Period(date(2026, 1, 3)),)
    assert data.appointments == (Appointment(date(2026, 2, 10)),)
    assert "end" not in to_json(data)["periods"][0]


# --------------------------------------------------------------------------- round trip

DAY_MIN, DAY_MAX = date(1950, 1, 1), date(2030, 12, 31)
days = st.dates(DAY_MIN, DAY_MAX)
# Seconds are kept when given; sub-second precision is not part of the format.
datetimes = st.datetimes(datetime(1950, 1, 1), datetime(2030, 12, 31)).map(
    lambda d: d.replace(microsecond=0)
)
moments: st.SearchStrategy[Moment] = st.one_of(days, datetimes)
texts = st.text(st.characters(exclude_characters="\x00"), max_size=40)


@st.composite
def episodes(draw: st.DrawFn, episode_id: str) -> Episode:
    started = draw(moments)
    ongoing = draw(st.booleans())
    ended: Moment | None = (
        None
        if ongoing
        else draw(
            st.one_of(
                st.none(),
                st.integers(0, 15).map(lambda n: started_day(started) + timedelta(days=n)),
                st.integers(0, 20_000).map(
                    lambda n: moment_sort_key(started) + timedelta(minutes=n)
                ),
            )
        )
    )
    return Episode(
        id=episode_id,
        started_at=started,
        ended_at=ended,
        amount=draw(st.sampled_from(Amount)),
        colour=draw(st.one_of(st.none(), st.sampled_from(Colour))),
        in_mucus=draw(st.booleans()),
        mucus=draw(st.sampled_from(Mucus)),
        trigger=draw(st.sampled_from(Trigger)),
        pain=draw(st.sampled_from(Pain)),
        symptoms=draw(st.frozensets(st.sampled_from(Symptom))),
        notes=draw(texts),
        ongoing=ongoing,
    )


def started_day(moment: Moment) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


@st.composite
def periods(draw: st.DrawFn) -> tuple[Period, ...]:
    """Periods that neither overlap nor last over 31 days, in any order."""
    out: list[Period] = []
    start = draw(st.dates(date(1990, 1, 1), date(2000, 1, 1)))
    for _ in range(draw(st.integers(0, 6))):
        length = draw(st.one_of(st.none(), st.integers(0, 30)))
        period = Period(start, None if length is None else start + timedelta(days=length))
        out.append(period)
        start = period.last_day + timedelta(days=draw(st.integers(1, 60)))
    return tuple(draw(st.permutations(out)))


@st.composite
def journals(draw: st.DrawFn) -> JournalData:
    ids = draw(
        st.lists(
            st.text(st.characters(exclude_characters="\x00"), min_size=1, max_size=20).filter(
                str.strip
            ),
            unique=True,
            max_size=5,
        )
    )
    context = draw(
        st.lists(
            st.builds(
                ContextEntry,
                since=days,
                life_stage=st.sampled_from(LifeStage),
                contraception=st.sampled_from(Contraception),
                trying_to_conceive=st.booleans(),
            ),
            unique_by=lambda c: c.since,
            max_size=4,
        )
    )
    return JournalData(
        context=tuple(context),
        conditions=tuple(
            draw(st.lists(st.builds(Condition, st.sampled_from(ConditionName), days), max_size=3))
        ),
        screenings=tuple(
            draw(
                st.lists(
                    st.builds(
                        Screening,
                        st.sampled_from(ScreeningKind),
                        days,
                        st.sampled_from(ScreeningResult),
                    ),
                    max_size=3,
                )
            )
        ),
        ovulation_signs=tuple(
            draw(
                st.lists(
                    st.builds(OvulationSign, days, st.sampled_from(OvulationSignKind)), max_size=3
                )
            )
        ),
        periods=draw(periods()),
        appointments=tuple(draw(st.lists(st.builds(Appointment, days, texts, texts), max_size=3))),
        episodes=tuple(draw(episodes(episode_id)) for episode_id in ids),
        pregnancy_tests=tuple(
            draw(
                st.lists(
                    st.builds(PregnancyTest, days, st.sampled_from(PregnancyTestResult)),
                    max_size=2,
                )
            )
        ),
        medications=tuple(draw(st.lists(medications(), max_size=2))),
        profile=draw(
            st.builds(
                Profile,
                st.one_of(st.none(), st.integers(1900, 2030)),
                st.sampled_from(["", "Alex", "Zoë O'Neil"]),
            )
        ),
    )


@st.composite
def medications(draw: st.DrawFn) -> Medication:
    since = draw(days)
    length = draw(st.one_of(st.none(), st.integers(0, 400)))
    return Medication(
        draw(st.sampled_from(MedicationName)),
        since,
        None if length is None else since + timedelta(days=length),
    )


# Generating whole journals is slow on a busy machine; the checks are about the data.
RELAXED = [HealthCheck.too_slow, HealthCheck.data_too_large]


@settings(max_examples=150, suppress_health_check=RELAXED)
@given(journals())
def test_export_then_import_gives_the_same_data(data: JournalData) -> None:
    document = to_json(data)
    text = json.dumps(document, ensure_ascii=False)
    back = from_json(json.loads(text))
    assert back == data.normalised()
    # Moments keep their kind: a bare date stays a date, a date-time a date-time.
    for before, after in zip(data.normalised().episodes, back.episodes, strict=True):
        assert type(after.started_at) is type(before.started_at)
        assert type(after.ended_at) is type(before.ended_at)
    assert to_json(back) == document


@settings(suppress_health_check=RELAXED)
@given(journals(), st.randoms(use_true_random=False))
def test_export_does_not_depend_on_record_order(data: JournalData, rnd: Any) -> None:
    def shuffled(items: tuple[Any, ...]) -> tuple[Any, ...]:
        out = list(items)
        rnd.shuffle(out)
        return tuple(out)

    reordered = JournalData(
        context=shuffled(data.context),
        conditions=shuffled(data.conditions),
        screenings=shuffled(data.screenings),
        ovulation_signs=shuffled(data.ovulation_signs),
        periods=shuffled(data.periods),
        appointments=shuffled(data.appointments),
        episodes=shuffled(data.episodes),
        pregnancy_tests=shuffled(data.pregnancy_tests),
        medications=shuffled(data.medications),
        profile=data.profile,
    )
    assert to_json(reordered) == to_json(data)


def test_longest_notes_round_trip() -> None:
    episode = Episode(id="e1", started_at=date(2026, 1, 1), amount=Amount.LIGHT, notes="n" * 10_000)
    assert from_json(to_json(JournalData(episodes=(episode,)))).episodes == (episode,)


# --------------------------------------------------------------------------- bad records


def base() -> dict[str, Any]:
    """The spec's example with three episodes, so record indexes are worth checking."""
    document: dict[str, Any] = json.loads(SPEC_EXAMPLE)
    first = document["episodes"][0]
    document["episodes"] = [
        first,
        {**first, "id": "e2", "started_at": "2026-01-25"},
        {**first, "id": "e3", "started_at": "2026-02-02T21:10", "ended_at": "2026-02-03"},
    ]
    return document


Edit = Callable[[dict[str, Any]], object]


def setting(section: str, index: int, key: str, value: object) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        document[section][index][key] = value

    return edit


def dropping(section: str, index: int, key: str) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        del document[section][index][key]

    return edit


def appending(section: str, record: object) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        document[section].append(record)

    return edit


BAD_RECORDS: list[tuple[str, Edit, str | None, str]] = [
    # unknown values
    ("unknown amount", setting("episodes", 2, "amount", "gushing"), "episodes[2]", "amount"),
    ("unknown colour", setting("episodes", 2, "colour", "red"), "episodes[2]", "colour"),
    ("unknown mucus", setting("episodes", 1, "mucus", "Egg-white"), "episodes[1]", "mucus"),
    ("unknown trigger", setting("episodes", 2, "trigger", "sex"), "episodes[2]", "trigger"),
    ("unknown pain", setting("episodes", 0, "pain", "a lot"), "episodes[0]", "pain"),
    (
        "unknown symptom",
        setting("episodes", 2, "symptoms", ["sneezing"]),
        "episodes[2]",
        "symptoms",
    ),
    (
        "symptom twice",
        setting("episodes", 2, "symptoms", ["odour", "odour"]),
        "episodes[2]",
        "symptoms",
    ),
    ("unknown life stage", setting("context", 0, "life_stage", "teen"), "context[0]", "life_stage"),
    (
        "unknown method",
        setting("context", 0, "contraception", "pill"),
        "context[0]",
        "contraception",
    ),
    ("unknown condition", setting("conditions", 0, "name", "flu"), "conditions[0]", "name"),
    ("unknown screening", setting("screenings", 0, "kind", "pap"), "screenings[0]", "kind"),
    ("unknown result", setting("screenings", 0, "result", "fine"), "screenings[0]", "result"),
    ("unknown sign", setting("ovulation_signs", 0, "sign", "opk"), "ovulation_signs[0]", "sign"),
    (
        "unknown test result",
        setting("pregnancy_tests", 0, "result", "maybe"),
        "pregnancy_tests[0]",
        "result",
    ),
    ("unknown medication", setting("medications", 0, "name", "aspirin"), "medications[0]", "name"),
    ("ongoing text", setting("episodes", 2, "ongoing", "yes"), "episodes[2]", "ongoing"),
    (
        "ongoing with an end",
        setting("episodes", 2, "ongoing", True),
        "episodes[2]",
        "ended_at",
    ),
    ("bad test date", setting("pregnancy_tests", 0, "date", "soon"), "pregnancy_tests[0]", "date"),
    ("no test result", dropping("pregnancy_tests", 0, "result"), "pregnancy_tests[0]", "result"),
    ("bad medication start", setting("medications", 0, "since", 2025), "medications[0]", "since"),
    (
        "medication ends first",
        setting("medications", 0, "until", "2025-05-31"),
        "medications[0]",
        "until",
    ),
    ("no medication start", dropping("medications", 0, "since"), "medications[0]", "since"),
    # bad and impossible dates
    ("bad start", setting("episodes", 2, "started_at", "02/02/2026"), "episodes[2]", "started_at"),
    (
        "impossible start",
        setting("episodes", 2, "started_at", "2026-02-30"),
        "episodes[2]",
        "started_at",
    ),
    (
        "impossible time",
        setting("episodes", 1, "started_at", "2026-01-25T25:00"),
        "episodes[1]",
        "started_at",
    ),
    (
        "time zone",
        setting("episodes", 1, "started_at", "2026-01-25T07:00Z"),
        "episodes[1]",
        "started_at",
    ),
    ("impossible end", setting("episodes", 2, "ended_at", "2026-02-30"), "episodes[2]", "ended_at"),
    (
        "end before start",
        setting("episodes", 2, "ended_at", "2026-02-02T21:00"),
        "episodes[2]",
        "ended_at",
    ),
    ("end day before", setting("episodes", 2, "ended_at", "2026-02-01"), "episodes[2]", "ended_at"),
    ("impossible period", setting("periods", 0, "start", "2026-02-30"), "periods[0]", "start"),
    ("period ends first", setting("periods", 0, "end", "2026-01-02"), "periods[0]", "end"),
    ("period too long", setting("periods", 0, "end", "2026-02-03"), "periods[0]", "end"),
    ("bad since", setting("context", 0, "since", "2025"), "context[0]", "since"),
    ("bad condition date", setting("conditions", 0, "since", "2020-3-1"), "conditions[0]", "since"),
    ("bad screening date", setting("screenings", 0, "date", 20240501), "screenings[0]", "date"),
    (
        "bad sign date",
        setting("ovulation_signs", 0, "date", "2026-01-32"),
        "ovulation_signs[0]",
        "date",
    ),
    ("bad visit date", setting("appointments", 0, "date", "next week"), "appointments[0]", "date"),
    # wrong types
    ("in_mucus text", setting("episodes", 2, "in_mucus", "yes"), "episodes[2]", "in_mucus"),
    ("in_mucus number", setting("episodes", 2, "in_mucus", 1), "episodes[2]", "in_mucus"),
    ("notes number", setting("episodes", 2, "notes", 5), "episodes[2]", "notes"),
    ("symptoms text", setting("episodes", 2, "symptoms", "cramps"), "episodes[2]", "symptoms"),
    ("id number", setting("episodes", 2, "id", 3), "episodes[2]", "id"),
    ("amount list", setting("episodes", 2, "amount", ["light"]), "episodes[2]", "amount"),
    (
        "ttc text",
        setting("context", 0, "trying_to_conceive", "no"),
        "context[0]",
        "trying_to_conceive",
    ),
    ("with number", setting("appointments", 0, "with", 3), "appointments[0]", "with"),
    ("notes too long", setting("episodes", 2, "notes", "x" * 10_001), "episodes[2]", "notes"),
    ("notes with NUL", setting("episodes", 2, "notes", "a\x00b"), "episodes[2]", "notes"),
    ("blank id", setting("episodes", 2, "id", "  "), "episodes[2]", "id"),
    # missing required fields
    ("no id", dropping("episodes", 2, "id"), "episodes[2]", "id"),
    ("no start", dropping("episodes", 2, "started_at"), "episodes[2]", "started_at"),
    ("no amount", dropping("episodes", 2, "amount"), "episodes[2]", "amount"),
    ("null amount", setting("episodes", 2, "amount", None), "episodes[2]", "amount"),
    ("no period start", dropping("periods", 0, "start"), "periods[0]", "start"),
    ("no condition date", dropping("conditions", 0, "since"), "conditions[0]", "since"),
    ("no context date", dropping("context", 0, "since"), "context[0]", "since"),
    ("no screening kind", dropping("screenings", 0, "kind"), "screenings[0]", "kind"),
    ("no sign", dropping("ovulation_signs", 0, "sign"), "ovulation_signs[0]", "sign"),
    ("no visit date", dropping("appointments", 0, "date"), "appointments[0]", "date"),
    # duplicates and overlaps
    ("duplicate id", setting("episodes", 2, "id", "e1"), "episodes[2]", "id"),
    (
        "overlapping period",
        appending("periods", {"start": "2026-01-06", "end": "2026-01-09"}),
        "periods[1]",
        "start",
    ),
    ("same period twice", appending("periods", {"start": "2026-01-03"}), "periods[1]", "start"),
    ("same context date", appending("context", {"since": "2025-01-01"}), "context[1]", "since"),
    # unknown fields and non-objects
    ("unknown episode field", setting("episodes", 2, "mood", "ok"), "episodes[2]", "mood"),
    ("unknown period field", setting("periods", 0, "flow", "light"), "periods[0]", "flow"),
    ("episode not an object", appending("episodes", "e4"), "episodes[3]", "episodes"),
    ("episode null", appending("episodes", None), "episodes[3]", "episodes"),
]


@pytest.mark.parametrize(
    ("edit", "record", "field"),
    [case[1:] for case in BAD_RECORDS],
    ids=[case[0] for case in BAD_RECORDS],
)
def test_a_bad_record_is_refused_naming_record_and_field(
    edit: Edit, record: str, field: str
) -> None:
    document = base()
    from_json(copy.deepcopy(document))  # the base itself is good
    edit(document)
    with pytest.raises(InvalidInput) as caught:
        from_json(document)
    error = caught.value
    assert (error.record, error.field) == (record, field)
    message = str(error)
    assert message.startswith(f"{record}, field '{field}': ")
    assert message.splitlines() == [message]
    assert len(message) < 200


def test_duplicate_id_names_both_records() -> None:
    document = base()
    document["episodes"][2]["id"] = "e1"
    with pytest.raises(InvalidInput) as caught:
        from_json(document)
    assert str(caught.value) == (
        "episodes[2], field 'id': 'e1' is used twice (also by episodes[0])"
    )


def test_overlap_names_both_periods() -> None:
    document = base()
    document["periods"].append({"start": "2026-01-06", "end": "2026-01-09"})
    with pytest.raises(InvalidInput) as caught:
        from_json(document)
    assert str(caught.value) == (
        "periods[1], field 'start': the period starting 2026-01-06 overlaps "
        "the one starting 2026-01-03"
    )


def test_unknown_value_message_lists_the_allowed_ones() -> None:
    document = base()
    document["episodes"][2]["amount"] = "gushing"
    with pytest.raises(InvalidInput) as caught:
        from_json(document)
    assert str(caught.value) == (
        "episodes[2], field 'amount': 'gushing' is not one of: "
        "spotting, light, moderate, heavy, very-heavy"
    )


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ([], "format"),
        ("health-journal", "format"),
        (None, "format"),
        (5, "format"),
        ({"version": 1}, "format"),
        ({"format": "keepass", "version": 1}, "format"),
        ({"format": "health-journal"}, "version"),
        ({"format": "health-journal", "version": "1"}, "version"),
        ({"format": "health-journal", "version": True}, "version"),
        ({"format": "health-journal", "version": 1.0}, "version"),
        ({"format": "health-journal", "version": 3}, "version"),
        ({"format": "health-journal", "version": 0}, "version"),
        ({"format": "health-journal", "version": 2, "profile": []}, "profile"),
        ({"format": "health-journal", "version": 1, "extras": []}, "extras"),
        ({"format": "health-journal", "version": 1, "episodes": {}}, "episodes"),
        ({"format": "health-journal", "version": 1, "periods": None}, "periods"),
    ],
)
def test_a_bad_document_is_refused(document: object, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        from_json(document)
    assert caught.value.field == field
    assert caught.value.record is None
    message = str(caught.value)
    assert message.startswith(f"'{field}': ")
    assert message.splitlines() == [message]


def test_a_newer_version_says_which() -> None:
    with pytest.raises(InvalidInput, match="format version 3; this app reads up to 2"):
        from_json({"format": "health-journal", "version": 3})


@pytest.mark.parametrize(
    ("profile", "field"),
    [
        ({"birth_year": "1990"}, "birth_year"),
        ({"birth_year": 1850}, "birth_year"),
        ({"birth_year": True}, "birth_year"),
        ({"name": 5}, "name"),
        ({"name": "n" * 201}, "name"),
        ({"height": 170}, "height"),
    ],
)
def test_a_bad_profile_is_refused_naming_the_field(profile: object, field: str) -> None:
    document = {"format": "health-journal", "version": 2, "profile": profile}
    with pytest.raises(InvalidInput) as caught:
        from_json(document)
    assert (caught.value.record, caught.value.field) == ("profile", field)


def duplicating_a_multiline_id(document: dict[str, Any]) -> None:
    document["episodes"][0]["id"] = "e\n1"
    document["episodes"][2]["id"] = "e\n1"


@pytest.mark.parametrize(
    "edit",
    [
        setting("episodes", 2, "amount", "spot\nting"),
        setting("episodes", 2, "amount", "spot\r\nting\u2028"),
        setting("episodes", 2, "mood\nswing", "ok"),
        setting("context", 0, "contraception", "pill\x1b[2J"),
        duplicating_a_multiline_id,
    ],
)
def test_messages_are_one_line_even_when_the_file_has_line_breaks(edit: Edit) -> None:
    document = base()
    edit(document)
    with pytest.raises(InvalidInput) as caught:
        from_json(document)
    message = str(caught.value)
    assert message.splitlines() == [message]
    assert message.isprintable()


def test_the_first_bad_record_is_the_one_reported() -> None:
    document = base()
    document["episodes"][1]["amount"] = "lots"
    document["episodes"][2]["amount"] = "more"
    with pytest.raises(InvalidInput) as caught:
        from_json(document)
    assert caught.value.record == "episodes[1]"


def test_an_import_does_not_touch_the_document() -> None:
    document = base()
    snapshot = copy.deepcopy(document)
    from_json(document)
    assert document == snapshot


def test_old_end_check_name_still_answers() -> None:
    start = datetime(2026, 1, 21, 10, 0)
    same_day = Episode(id="a", started_at=start, amount=Amount.LIGHT, ended_at=date(2026, 1, 21))
    earlier = Episode(
        id="b", started_at=start, amount=Amount.LIGHT, ended_at=datetime(2026, 1, 21, 9, 0)
    )
    assert not ended_before_start(same_day)
    assert ended_before_start(earlier)


@pytest.mark.parametrize(
    ("edit", "record", "field", "words"),
    [
        (lambda d: d.update(profile={"birth_year": 1990}), None, "profile", "version 1"),
        (lambda d: d.update(pregnancy_tests=[]), None, "pregnancy_tests", "version 1"),
        (lambda d: d.update(medications=[]), None, "medications", "version 1"),
        (setting("episodes", 0, "ongoing", False), "episodes[0]", "ongoing", "version 1"),
        (
            setting("episodes", 0, "amount", "very-heavy"),
            "episodes[0]",
            "amount",
            "'very-heavy' is not part of format version 1",
        ),
    ],
    ids=["profile", "pregnancy_tests", "medications", "ongoing", "very-heavy"],
)
def test_a_version_1_file_with_what_came_in_version_2_is_refused(
    edit: Edit, record: str | None, field: str, words: str
) -> None:
    document = json.loads(SPEC_EXAMPLE_V1)
    edit(document)
    with pytest.raises(InvalidInput) as caught:
        from_json(document)
    assert (caught.value.record, caught.value.field) == (record, field)
    assert words in str(caught.value)
    assert "came with version 2" in str(caught.value)
    # The same content as version 2 is fine.
    document["version"] = 2
    from_json(document)
