"""Ongoing episodes that have gone on too long: a calm notice when the journal opens.

Pure (no Qt): the GUI shows ``ongoing_notice``'s text; tests read it directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from journal.domain.dates import DATES
from journal.domain.model import Episode

#: Bleeding that lasts longer than this deserves a check (the spec's triage row).
LONG_BLEEDING_DAYS = 7


def long_ongoing(episodes: Iterable[Episode], today: date) -> list[Episode]:
    """Episodes still marked ongoing that have lasted more than 7 days by ``today``."""
    return sorted(
        (e for e in episodes if e.ongoing and e.lasting_days(today) > LONG_BLEEDING_DAYS),
        key=lambda e: e.sort_key,
    )


def ongoing_notice(episodes: Iterable[Episode], today: date) -> str | None:
    """The notice for the long ongoing episodes, or None when there is none."""
    found = long_ongoing(episodes, today)
    if not found:
        return None
    if len(found) == 1:
        episode = found[0]
        opening = (
            f"The bleeding you logged as still going on since {_day(episode.day)} "
            f"has now lasted {episode.lasting_days(today)} days."
        )
    else:
        since = ", ".join(_day(e.day) for e in found)
        opening = (
            f"{len(found)} episodes you logged as still going on (since {since}) "
            f"have each lasted more than {LONG_BLEEDING_DAYS} days."
        )
    return (
        f"{opening} Bleeding that goes on for more than {LONG_BLEEDING_DAYS} days is worth "
        "having checked: please book an appointment in the next few days. Seek care today "
        "if it is heavy, or if you feel faint, dizzy or feverish. If the bleeding has "
        "stopped, edit the episode and say when it ended."
    )


def _day(day: date) -> str:
    return DATES.long(day)
