"""The one description of an explained episode, shared by the CLI text, GUI and reports."""

from __future__ import annotations

from datetime import date, datetime

from journal.cards import Explainer
from journal.cards.describe import (
    NOT_LOGGED,
    Label,
    cycle_day_words,
    describe,
    ovulation_offset_words,
)
from journal.domain.cycle import MAX_CYCLE_LOOKBACK, cycle_context
from journal.domain.dates import DateStyle, style_for_locale
from journal.domain.model import Episode, JournalData, Period
from journal.domain.vocabulary import Amount, Colour, Trigger
from journal.text_view import explanation_text


def _explained(episode: Episode, periods: tuple[Period, ...] = ()) -> Explainer:
    return Explainer(JournalData(periods=periods, episodes=(episode,)))


def test_offsets_from_ovulation_read_as_plain_words() -> None:
    assert ovulation_offset_words(-4) == "4 days before estimated ovulation"
    assert ovulation_offset_words(1) == "1 day after estimated ovulation"
    assert ovulation_offset_words(0) == "On the day of estimated ovulation"


def test_an_unknown_cycle_names_the_lookback_constant() -> None:
    cycle = cycle_context(date(2026, 5, 1), [])
    assert cycle_day_words(cycle) == (
        f"Unknown: no period logged in the {MAX_CYCLE_LOOKBACK} days before"
    )


def test_nothing_logged_is_one_phrase_and_labels_are_one_set() -> None:
    episode = Episode("e", datetime(2026, 3, 14, 7, 30), Amount.SPOTTING)
    explainer = _explained(episode, (Period(date(2026, 3, 1), date(2026, 3, 5)),))
    description = describe(explainer.explain("e"), DateStyle())
    for label in (Label.COLOUR, Label.MUCUS, Label.BEFORE, Label.PAIN, Label.SYMPTOMS):
        assert description.value(label) == NOT_LOGGED
    assert description.value(Label.WHEN) == "14 March 2026, 07:30"
    assert description.value(Label.CYCLE_DAY) == "Day 14"
    assert description.value(Label.OVULATION) == (
        "1 day before estimated ovulation (15 Mar 2026, from the typical cycle length)"
    )
    # No context was logged: the description says so instead of assuming defaults.
    assert description.value(Label.CONTRACEPTION) == NOT_LOGGED


def test_the_terminal_text_prints_the_same_labels_and_words() -> None:
    episode = Episode(
        "e",
        date(2026, 3, 10),
        Amount.LIGHT,
        colour=Colour.BRIGHT_RED,
        trigger=Trigger.INTERCOURSE,
    )
    explanation = _explained(episode, (Period(date(2026, 3, 1), date(2026, 3, 5)),)).explain("e")
    text = explanation_text(explanation)
    description = describe(explanation)
    for field in description.fields:
        assert f"{field.label}:" in text
    assert "5 days before estimated ovulation" in " ".join(text.split())
    assert description.summary.startswith("Light bleeding, bright red, after intercourse")
    assert description.summary in " ".join(text.split())


def test_dates_follow_the_locale_order() -> None:
    day = date(2026, 8, 3)
    assert style_for_locale("en_US.UTF-8").long(day) == "August 3, 2026"
    assert style_for_locale("de_DE.UTF-8").long(day) == "3 August 2026"
    assert style_for_locale("en-GB").short(day) == "3 Aug 2026"
    assert style_for_locale("C").days([day, date(2026, 10, 9)]) == "3 Aug, 9 Oct"
    assert DateStyle().range(date(2026, 6, 1), date(2026, 11, 30)) == "1 June to 30 November 2026"
    assert style_for_locale("en_US").moment(datetime(2026, 8, 3, 22, 30)) == (
        "August 3, 2026, 10:30 pm"
    )
