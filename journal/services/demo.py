"""Realistic sample journals: the ``--demo`` app, screenshots, and benchmark journals.

Deterministic for a given ``today`` and seed, so screenshots and tests are repeatable.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path

from journal.domain import interchange, model
from journal.domain import vocabulary as vocab


def _periods(first: date, until: date, rng: random.Random) -> list[model.Period]:
    periods = []
    start = first
    while start + timedelta(days=5) < until:
        length = rng.choice([4, 5, 5, 6])
        periods.append(model.Period(start, start + timedelta(days=length - 1)))
        start += timedelta(days=rng.choice([26, 27, 28, 28, 29, 30, 31]))
    return periods


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


class _EpisodeBook:
    """The demo's episodes in the order they are made (each takes its id from ``rng``)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.episodes: list[model.Episode] = []

    def add(self, when: datetime | date, amount: vocab.Amount, **fields: object) -> None:
        self.episodes.append(
            model.Episode(
                id=str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
                started_at=when,
                amount=amount,
                **fields,  # type: ignore[arg-type]
            )
        )


def _around_periods(
    book: _EpisodeBook, periods: list[model.Period], pill_until: date, today: date
) -> list[model.PregnancyTest]:
    """Spotting after some periods, on the pill, at ovulation and before a period (with a
    negative test); returns the tests."""
    rng = book.rng
    negative_tests: list[model.PregnancyTest] = []
    for index, period in enumerate(periods):
        after = period.last_day
        on_pill = period.start < pill_until
        nxt = periods[index + 1].start if index + 1 < len(periods) else None
        if index % 2 == 0 and after + timedelta(days=3) < today:
            book.add(
                _at(after + timedelta(days=rng.choice([2, 3])), 8, 10),
                vocab.Amount.SPOTTING,
                colour=vocab.Colour.BROWN,
                in_mucus=True,
                mucus=vocab.Mucus.STICKY,
                notes="Brownish streaks in the mucus a couple of days after my period.",
            )
        if on_pill and after + timedelta(days=9) < today:
            book.add(
                _at(after + timedelta(days=rng.choice([7, 8, 9])), 14, 30),
                vocab.Amount.SPOTTING,
                colour=vocab.Colour.DARK_RED,
                notes="Took my pill about 6 hours late yesterday.",
            )
        if not on_pill and nxt is not None:
            negative_tests.extend(_off_pill_cycle(book, index, nxt))
    return negative_tests


def _off_pill_cycle(book: _EpisodeBook, index: int, nxt: date) -> list[model.PregnancyTest]:
    """Off the pill: ovulation spotting in most cycles, late-cycle spotting in every other."""
    if index % 3 != 2:
        book.add(
            _at(nxt - timedelta(days=14), 7, 45),
            vocab.Amount.SPOTTING,
            colour=vocab.Colour.PINK,
            in_mucus=True,
            mucus=vocab.Mucus.EGG_WHITE,
            pain=vocab.Pain.MILD,
            notes="Pink tinge in stretchy, clear mucus; a twinge on the left side.",
        )
    if index % 2 == 0:
        return []
    book.add(
        nxt - timedelta(days=5),
        vocab.Amount.SPOTTING,
        colour=vocab.Colour.BROWN,
        notes="A little brown spotting; test was negative.",
    )
    return [model.PregnancyTest(nxt - timedelta(days=5), vocab.PregnancyTestResult.NEGATIVE)]


def _after_sex(book: _EpisodeBook, periods: list[model.Period], today: date) -> None:
    """Bleeding after sex: recurring, with dryness, over the last months."""
    for days_back, colour, symptoms in (
        (150, vocab.Colour.BRIGHT_RED, {vocab.Symptom.VAGINAL_DRYNESS}),
        (
            95,
            vocab.Colour.BRIGHT_RED,
            {vocab.Symptom.VAGINAL_DRYNESS, vocab.Symptom.PAIN_DURING_SEX},
        ),
        (52, vocab.Colour.PINK, set()),
        (19, vocab.Colour.BRIGHT_RED, {vocab.Symptom.PAIN_DURING_SEX}),
    ):
        day = today - timedelta(days=days_back)
        if any(p.contains(day) for p in periods):
            day += timedelta(days=7)
        book.add(
            _at(day, 23, 15),
            vocab.Amount.SPOTTING if colour is vocab.Colour.PINK else vocab.Amount.LIGHT,
            colour=colour,
            trigger=vocab.Trigger.INTERCOURSE,
            symptoms=frozenset(symptoms),
            notes="Bleeding after sex again; a little sore.",
        )


def _one_offs(book: _EpisodeBook, pap_day: date, today: date) -> None:
    """After a Pap smear, a small injury, the ongoing bleeding now, one heavy episode."""
    book.add(
        _at(pap_day, 16, 0),
        vocab.Amount.SPOTTING,
        colour=vocab.Colour.BRIGHT_RED,
        trigger=vocab.Trigger.PELVIC_EXAM,
        notes="Light bleeding after the Pap smear at the clinic.",
    )
    book.add(
        _at(today - timedelta(days=68), 9, 0),
        vocab.Amount.SPOTTING,
        colour=vocab.Colour.BRIGHT_RED,
        trigger=vocab.Trigger.MINOR_INJURY,
        notes="Scratched myself taking out a tampon.",
    )
    book.add(
        _at(today - timedelta(days=3), 18, 30),
        vocab.Amount.LIGHT,
        colour=vocab.Colour.BROWN,
        pain=vocab.Pain.MILD,
        symptoms=frozenset({vocab.Symptom.CRAMPS}),
        notes="Positive test last week. Light brown bleeding with period-like cramps; "
        "still going on.",
        ongoing=True,
    )
    heavy_day = today - timedelta(days=240)
    book.add(
        _at(heavy_day, 6, 20),
        vocab.Amount.HEAVY,
        ended_at=_at(heavy_day + timedelta(days=2), 20, 0),
        colour=vocab.Colour.DARK_RED,
        pain=vocab.Pain.MODERATE,
        symptoms=frozenset({vocab.Symptom.CRAMPS, vocab.Symptom.CLOTS}),
        notes="Heavy bleeding with clots between periods, cramping.",
    )


def demo_data(today: date) -> model.JournalData:
    """About a year of a plausible journal: varied episodes, periods and changing context.

    The story: off the combined pill and trying to conceive for the last months; dryness
    and bleeding after sex led to a few weeks of vaginal estrogen; negative pregnancy tests
    on some late-cycle spotting; and now a positive test after the last period, with light
    bleeding and cramps still going on, which is where the triage line speaks up.
    """
    rng = random.Random(20261122)
    year_ago = today - timedelta(days=365)
    pill_until = today - timedelta(days=200)
    periods = _periods(year_ago + timedelta(days=3), today, rng)
    # The last period started about five and a half weeks ago: none since, and a positive
    # test once it was late.
    last_start = max(p.start for p in periods if p.start <= today - timedelta(days=38))
    periods = [p for p in periods if p.start <= last_start]
    positive_day = last_start + timedelta(days=31)
    book = _EpisodeBook(rng)
    negative_tests = _around_periods(book, periods, pill_until, today)
    _after_sex(book, periods, today)
    pap_day = today - timedelta(days=118)
    _one_offs(book, pap_day, today)
    # Nothing dated after the last period may claim a period that was never logged.
    episodes = [e for e in book.episodes if e.day < today]
    estrogen_from = today - timedelta(days=110)

    return model.JournalData(
        context=(
            model.ContextEntry(
                year_ago - timedelta(days=400),
                vocab.LifeStage.REPRODUCTIVE,
                vocab.Contraception.COMBINED_PILL,
            ),
            model.ContextEntry(
                pill_until,
                vocab.LifeStage.REPRODUCTIVE,
                vocab.Contraception.NONE,
                trying_to_conceive=True,
            ),
        ),
        conditions=(
            model.Condition(vocab.ConditionName.CERVICAL_ECTROPION, year_ago - timedelta(days=500)),
        ),
        screenings=(
            model.Screening(
                vocab.ScreeningKind.CERVICAL_SCREENING,
                today - timedelta(days=4 * 365),
                vocab.ScreeningResult.NORMAL,
            ),
            model.Screening(
                vocab.ScreeningKind.STI_TEST,
                today - timedelta(days=300),
                vocab.ScreeningResult.NORMAL,
            ),
            model.Screening(
                vocab.ScreeningKind.CERVICAL_SCREENING, pap_day, vocab.ScreeningResult.UNKNOWN
            ),
        ),
        ovulation_signs=tuple(
            model.OvulationSign(p.start + timedelta(days=13), vocab.OvulationSignKind.POSITIVE_OPK)
            for p in periods
            if p.start > pill_until and p.start + timedelta(days=13) < today
        )[::2],
        periods=tuple(periods),
        appointments=(
            model.Appointment(pap_day, "GP", "Pap smear; asked about spotting on the pill."),
            model.Appointment(
                estrogen_from, "GP", "Dryness and bleeding after sex: vaginal estrogen cream."
            ),
        ),
        episodes=tuple(episodes),
        pregnancy_tests=(
            *negative_tests,
            model.PregnancyTest(positive_day, vocab.PregnancyTestResult.POSITIVE),
        ),
        medications=(
            model.Medication(
                vocab.MedicationName.VAGINAL_ESTROGEN,
                estrogen_from,
                estrogen_from + timedelta(days=56),
            ),
        ),
        profile=model.Profile(birth_year=today.year - 34),
    ).normalised()


def synthetic_data(
    episodes: int, today: date, years: float = 5.0, seed: int = 7
) -> model.JournalData:
    """A large journal for benchmarks: periods every ~28 days, episodes spread over ``years``."""
    rng = random.Random(seed)
    first = today - timedelta(days=int(365 * years))
    periods = _periods(first, today, rng)
    span = (today - first).days
    items = []
    for _ in range(episodes):
        day = first + timedelta(days=rng.randrange(span))
        items.append(
            model.Episode(
                id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                started_at=_at(day, rng.randrange(24), rng.randrange(60)),
                amount=rng.choice(list(vocab.Amount)),
                colour=rng.choice([None, *vocab.Colour]),
                in_mucus=rng.random() < 0.3,
                mucus=rng.choice(list(vocab.Mucus)),
                trigger=rng.choice(
                    [
                        vocab.Trigger.NONE,
                        vocab.Trigger.NONE,
                        vocab.Trigger.INTERCOURSE,
                        vocab.Trigger.OTHER,
                    ]
                ),
                pain=rng.choice(list(vocab.Pain)),
                symptoms=frozenset(rng.sample(list(vocab.Symptom), rng.randrange(3))),
                notes=rng.choice(
                    ["", "Noticed when wiping.", "After a long run.", "Tired, stressed week."]
                ),
            )
        )
    return model.JournalData(
        context=(
            model.ContextEntry(first, vocab.LifeStage.REPRODUCTIVE, vocab.Contraception.NONE),
        ),
        periods=tuple(periods),
        episodes=tuple(items),
    )


def create_demo_journal(path: Path, passphrase: str, today: date | None = None) -> None:
    """Create a journal at ``path`` filled with ``demo_data``."""
    from journal import clock
    from journal.services.journal_service import JournalService

    JournalService.create(path, passphrase)
    service = JournalService.open(path, passphrase)
    try:
        service.import_data(interchange.to_json(demo_data(today or clock.today())))
    finally:
        service.close()
