"""The notice for ongoing episodes past 7 days: who gets it, and what it says."""

from __future__ import annotations

from datetime import date, datetime

from journal.domain.model import Episode
from journal.domain.vocabulary import Amount
from journal.services.ongoing import long_ongoing, ongoing_notice

TODAY = date(2026, 11, 22)


def ongoing(episode_id: str, start: date | datetime, still: bool = True) -> Episode:
    return Episode(id=episode_id, started_at=start, amount=Amount.LIGHT, ongoing=still)


def test_only_ongoing_episodes_past_7_days_count() -> None:
    seven = ongoing("seven", date(2026, 11, 16))  # 16th..22nd: 7 days, not more
    eight = ongoing("eight", datetime(2026, 11, 15, 23, 0))  # 8 days
    ended = ongoing("ended", date(2026, 10, 1), still=False)
    assert seven.lasting_days(TODAY) == 7
    assert long_ongoing([seven, eight, ended], TODAY) == [eight]
    assert ongoing_notice([seven, ended], TODAY) is None


def test_one_episode_notice_is_calm_and_says_what_to_do() -> None:
    text = ongoing_notice([ongoing("a", date(2026, 11, 13))], TODAY)
    assert text is not None
    assert text.startswith(
        "The bleeding you logged as still going on since 13 November 2026 has now lasted 10 days."
    )
    assert "book an appointment in the next few days" in text
    assert "Seek care today if it is heavy, or if you feel faint, dizzy or feverish" in text
    assert "say when it ended" in text


def test_several_episodes_are_named_by_their_start() -> None:
    text = ongoing_notice(
        [ongoing("b", date(2026, 11, 10)), ongoing("a", date(2026, 11, 1))], TODAY
    )
    assert text is not None
    assert text.startswith(
        "2 episodes you logged as still going on (since 1 November 2026, 10 November 2026) "
        "have each lasted more than 7 days."
    )
