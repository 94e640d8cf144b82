"""Realistic chart input shared by the chart tests: a year of cycles and varied episodes."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from journal.domain.model import Episode, JournalData, Period
from journal.domain.vocabulary import Amount, Colour, Severity, Trigger

SAMPLE_FIRST_PERIOD = date(2025, 11, 20)


def sample_journal(seed: int = 7, cycles: int = 13, episodes: int = 36) -> JournalData:
    """Periods every 26-31 days (5 days each) and episodes spread over the cycles."""
    rng = random.Random(seed)
    periods = []
    start = SAMPLE_FIRST_PERIOD
    for _ in range(cycles):
        periods.append(Period(start=start, end=start + timedelta(days=4)))
        start += timedelta(days=rng.randint(26, 31))
    last = periods[-1].start + timedelta(days=20)
    span = (last - periods[0].start).days
    records = []
    for index in range(episodes):
        day = periods[0].start + timedelta(days=rng.randint(6, span))
        amount = rng.choices(list(Amount), weights=[6, 4, 2, 1, 0])[0]
        colour = rng.choice([*Colour, None])
        trigger = Trigger.INTERCOURSE if rng.random() < 0.3 else Trigger.NONE
        moment: date | datetime = day
        if rng.random() < 0.5:
            moment = datetime(day.year, day.month, day.day, rng.randint(6, 22), 0)
        records.append(
            Episode(
                id=f"e{index:02d}",
                started_at=moment,
                amount=amount,
                colour=colour,
                trigger=trigger,
            )
        )
    return JournalData(periods=tuple(periods), episodes=tuple(records))


def sample_severities(data: JournalData) -> dict[str, Severity]:
    """Every after-sex episode says "see a provider"; heavy ones are urgent."""
    found: dict[str, Severity] = {}
    for episode in data.episodes:
        if episode.amount is Amount.HEAVY:
            found[episode.id] = Severity.URGENT
        elif episode.after_sex:
            found[episode.id] = Severity.SEE_PROVIDER
        else:
            found[episode.id] = Severity.INFO
    return found


@pytest.fixture
def journal() -> JournalData:
    return sample_journal()


@pytest.fixture
def severities(journal: JournalData) -> dict[str, Severity]:
    return sample_severities(journal)
