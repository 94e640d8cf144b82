"""Validation of single values and of episodes: what is accepted, what is refused, and how."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.domain.errors import InvalidInput
from journal.domain.model import NOTES_MAX, Episode, EpisodeDraft, Moment, moment_to_iso
from journal.domain.validation import (
    ends_before_start,
    parse_bool,
    parse_choice,
    parse_date,
    parse_moment,
    parse_text,
    validate_episode,
)
from journal.domain.vocabulary import Amount, Symptom, Trigger

NOW = datetime(2026, 11, 22, 12, 0)


def draft(
    started_at: Moment = date(2026, 11, 20),
    ended_at: Moment | None = None,
    notes: str = "",
) -> EpisodeDraft:
    return EpisodeDraft(
        started_at=started_at, amount=Amount.SPOTTING, ended_at=ended_at, notes=notes
    )


def refused(d: EpisodeDraft, now: datetime = NOW) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        validate_episode(d, now)
    return caught.value


# --------------------------------------------------------------------------- validate_episode


@pytest.mark.parametrize(
    "start",
    [date(2026, 11, 22), datetime(2026, 11, 22, 12, 0), datetime(2026, 11, 22, 0, 0)],
    ids=["today as a date", "this very minute", "this morning"],
)
def test_start_up_to_now_is_accepted(start: Moment) -> None:
    assert validate_episode(draft(start), NOW).started_at == start


@pytest.mark.parametrize(
    "start",
    [date(2026, 11, 23), datetime(2026, 11, 22, 12, 1), datetime(2027, 1, 1, 8, 0)],
    ids=["tomorrow", "a minute from now", "next year"],
)
def test_future_start_is_refused(start: Moment) -> None:
    error = refused(draft(start))
    assert error.field == "started_at"
    assert str(error) == "'started_at': is in the future"


def test_future_is_judged_by_the_now_given() -> None:
    later = datetime(2026, 11, 24, 9, 0)
    assert validate_episode(draft(date(2026, 11, 23)), later).day == date(2026, 11, 23)
    assert refused(draft(date(2026, 11, 23)), NOW).field == "started_at"


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 11, 20), date(2026, 11, 19)),
        (datetime(2026, 11, 20, 10, 0), datetime(2026, 11, 20, 9, 59)),
        (datetime(2026, 11, 20, 10, 0), date(2026, 11, 19)),
        (date(2026, 11, 20), datetime(2026, 11, 19, 23, 59)),
    ],
    ids=["day before", "earlier time same day", "bare date the day before", "late the day before"],
)
def test_end_before_start_is_refused(start: Moment, end: Moment) -> None:
    error = refused(draft(start, end))
    assert error.field == "ended_at"
    assert "before the start" in str(error)
    assert ends_before_start(start, end)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 11, 20), None),
        (date(2026, 11, 20), date(2026, 11, 20)),
        (date(2026, 11, 20), date(2026, 11, 21)),
        # Only the day of the end is known: the same day as a timed start is fine.
        (datetime(2026, 11, 20, 10, 0), date(2026, 11, 20)),
        (datetime(2026, 11, 20, 10, 0), datetime(2026, 11, 20, 10, 0)),
        (datetime(2026, 11, 20, 10, 0), datetime(2026, 11, 20, 10, 1)),
        # A bare start date sorts at midnight; any time that day is after it.
        (date(2026, 11, 20), datetime(2026, 11, 20, 0, 0)),
    ],
)
def test_end_on_or_after_start_is_accepted(start: Moment, end: Moment | None) -> None:
    assert validate_episode(draft(start, end), NOW).ended_at == end
    assert not ends_before_start(start, end)


def test_notes_up_to_the_limit_are_accepted_and_longer_refused() -> None:
    assert len(validate_episode(draft(notes="x" * NOTES_MAX), NOW).notes) == 10_000
    error = refused(draft(notes="x" * (NOTES_MAX + 1)))
    assert error.field == "notes"
    assert str(error) == "'notes': is 10,001 characters long; at most 10,000 are allowed"


def test_a_new_episode_gets_a_fresh_uuid4() -> None:
    first = validate_episode(draft(), NOW)
    second = validate_episode(draft(), NOW)
    assert uuid.UUID(first.id).version == 4
    assert str(uuid.UUID(first.id)) == first.id
    assert first.id != second.id


def test_an_id_given_or_already_held_is_kept() -> None:
    assert validate_episode(draft(), NOW, episode_id="e1").id == "e1"
    existing = Episode(id="kept", started_at=date(2026, 11, 1), amount=Amount.LIGHT)
    assert validate_episode(existing, NOW) == existing
    assert validate_episode(existing, NOW, episode_id="other").id == "other"
    assert refused_id(Episode(id="  ", started_at=date(2026, 11, 1), amount=Amount.LIGHT))


def refused_id(episode: Episode) -> bool:
    with pytest.raises(InvalidInput) as caught:
        validate_episode(episode, NOW)
    return caught.value.field == "id"


def test_all_fields_are_carried_over() -> None:
    full = EpisodeDraft(
        started_at=datetime(2026, 11, 20, 7, 30),
        amount=Amount.LIGHT,
        trigger=Trigger.INTERCOURSE,
        in_mucus=True,
        symptoms=frozenset({Symptom.CRAMPS, Symptom.CLOTS}),
        notes="after a run",
    )
    episode = validate_episode(full, NOW, episode_id="e9")
    assert episode == Episode(
        id="e9",
        started_at=datetime(2026, 11, 20, 7, 30),
        amount=Amount.LIGHT,
        trigger=Trigger.INTERCOURSE,
        in_mucus=True,
        symptoms=frozenset({Symptom.CRAMPS, Symptom.CLOTS}),
        notes="after a run",
    )


@pytest.mark.parametrize(
    "notes",
    [
        "'); DROP TABLE episode; --",
        '" OR 1=1 --',
        "<script>alert('x')</script> &amp; <b>bold</b>",
        "tab\there\nnew line\r\nbell\x07 escape\x1b[31mred\x1b[0m",
        "emoji 🩸 and accents é ñ, right-to-left \u202e",
        "% _ \\ backslash and LIKE wildcards",
    ],
)
def test_notes_are_kept_literally(notes: str) -> None:
    assert validate_episode(draft(notes=notes), NOW).notes == notes


def test_a_nul_character_in_notes_is_refused() -> None:
    # NUL is the one control character refused: C-string layers would cut the text there.
    error = refused(draft(notes="before\x00after"))
    assert error.field == "notes"
    assert "NUL" in str(error)


# ---------------------------------------------------------------- parse_date / parse_moment


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-21", date(2026, 1, 21)),
        ("2024-02-29", date(2024, 2, 29)),
        ("1900-01-01", date(1900, 1, 1)),
    ],
)
def test_parse_date_accepts(text: str, expected: date) -> None:
    assert parse_date(text, "start") == expected
    assert type(parse_date(text, "start")) is date


@pytest.mark.parametrize(
    "value",
    [
        "2026-02-30",
        "2025-02-29",
        "2026-13-01",
        "2026-00-10",
        "2026-1-21",
        "20260121",
        "2026-W03-1",
        "2026-021",
        "21/01/2026",
        "2026-01-21T07:30",
        "1899-12-31",
        "",
        None,
        20260121,
        ["2026-01-21"],
        date(2026, 1, 21),
    ],
)
def test_parse_date_refuses(value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_date(value, "start")
    assert caught.value.field == "start"
    assert "\n" not in str(caught.value)


def test_impossible_date_says_so() -> None:
    with pytest.raises(InvalidInput, match="'2026-02-30' is not a real calendar date"):
        parse_date("2026-02-30", "date")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-21", date(2026, 1, 21)),
        ("2026-01-21T07:30", datetime(2026, 1, 21, 7, 30)),
        ("2026-01-21 07:30", datetime(2026, 1, 21, 7, 30)),
        ("2026-01-21T07:30:45", datetime(2026, 1, 21, 7, 30, 45)),
        ("2026-01-21T00:00", datetime(2026, 1, 21, 0, 0)),
        ("2026-01-21T23:59:59", datetime(2026, 1, 21, 23, 59, 59)),
        ("  2026-01-21T07:30 ", datetime(2026, 1, 21, 7, 30)),
    ],
)
def test_parse_moment_accepts(text: str, expected: Moment) -> None:
    parsed = parse_moment(text, "started_at")
    assert parsed == expected
    assert type(parsed) is type(expected)


@pytest.mark.parametrize(
    "value",
    [
        "2026-02-30T07:30",
        "2026-01-21T24:00",
        "2026-01-21T07:60",
        "2026-01-21T07",
        "2026-01-21T0730",
        "2026-01-21T073000",
        "2026-01-21T07:30:00.5",
        "2026-01-21T07:30Z",
        "2026-01-21T07:30+01:00",
        "2026-W03-1T07:30",
        "2026-01-21X07:30",
        "1899-12-31T23:59",
        "yesterday",
        "",
        None,
        1737444600,
        True,
    ],
)
def test_parse_moment_refuses(value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_moment(value, "started_at")
    assert caught.value.field == "started_at"
    assert "\n" not in str(caught.value)


moments = st.one_of(
    st.dates(date(1900, 1, 1), date(2100, 12, 31)),
    st.datetimes(datetime(1900, 1, 1), datetime(2100, 12, 31)).map(
        lambda d: d.replace(microsecond=0)
    ),
)


@given(moments)
def test_moment_text_round_trips(moment: Moment) -> None:
    text = moment_to_iso(moment)
    parsed = parse_moment(text, "started_at")
    assert parsed == moment
    assert type(parsed) is type(moment)


# --------------------------------------------------------------------------- other values


def test_parse_choice_takes_only_the_exact_value() -> None:
    assert parse_choice(Amount, "heavy", "amount") is Amount.HEAVY
    for bad in ("Heavy", "HEAVY", " heavy", "very heavy", 3, None):
        with pytest.raises(InvalidInput) as caught:
            parse_choice(Amount, bad, "amount")
        assert caught.value.field == "amount"
        assert str(caught.value).endswith(
            "is not one of: spotting, light, moderate, heavy, very-heavy"
        )


def test_parse_bool_takes_only_booleans() -> None:
    assert parse_bool(True, "in_mucus") is True
    assert parse_bool(False, "in_mucus") is False
    for bad in ("true", 1, 0, None):
        with pytest.raises(InvalidInput, match="is not true or false"):
            parse_bool(bad, "in_mucus")


def test_parse_text() -> None:
    assert parse_text("GP", "with", 200) == "GP"
    with pytest.raises(InvalidInput, match="is not text"):
        parse_text(5, "with", 200)
    with pytest.raises(InvalidInput, match="201 characters long; at most 200"):
        parse_text("x" * 201, "with", 200)


def test_messages_stay_on_one_line_whatever_was_typed() -> None:
    for value in ("spot\nting", "a\r\nb", "x\u2028y", "tab\tz"):
        with pytest.raises(InvalidInput) as caught:
            parse_choice(Amount, value, "amount")
        message = str(caught.value)
        assert message.splitlines() == [message]
        assert message.isprintable()
    with pytest.raises(InvalidInput) as caught:
        parse_choice(Amount, "spot\nting", "amount")
    assert str(caught.value).startswith("'amount': 'spot\\nting' is not one of")


def test_end_in_the_future_is_refused() -> None:
    future_end = EpisodeDraft(
        started_at=date(2026, 11, 20), ended_at=date(2026, 11, 23), amount=Amount.LIGHT
    )
    with pytest.raises(InvalidInput, match="ended_at"):
        validate_episode(future_end, NOW)
