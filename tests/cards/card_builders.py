"""Small builders for card tests: one episode in a known cycle, with its context.

The default cycle: periods 2026-01-03..07, 2026-01-31..02-04 and 2026-02-28..03-04, so
ovulation is estimated on 2026-01-17 (the next period's start minus 14 days) and
2026-01-26 is day 9 past it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from journal.cards import Explainer, Explanation
from journal.domain.model import (
    Condition,
    ContextEntry,
    Episode,
    JournalData,
    Medication,
    OvulationSign,
    Period,
    PregnancyTest,
    Profile,
    Screening,
)
from journal.domain.vocabulary import (
    Amount,
    Colour,
    ConditionName,
    Contraception,
    LifeStage,
    MedicationName,
    Mucus,
    Pain,
    PregnancyTestResult,
    ScreeningKind,
    ScreeningResult,
    Symptom,
    Trigger,
)

PERIODS = (
    Period(date(2026, 1, 3), date(2026, 1, 7)),
    Period(date(2026, 1, 31), date(2026, 2, 4)),
    Period(date(2026, 2, 28), date(2026, 3, 4)),
)
OVULATION = date(2026, 1, 17)
TODAY = date(2026, 6, 1)  # the default "today" of explanations: after every default episode


def medication(name: str, since: date, until: date | None = None) -> Medication:
    return Medication(MedicationName(name), since, until)


def episode(
    episode_id: str,
    day: date,
    amount: str = "spotting",
    *,
    trigger: str = "none",
    colour: str | None = None,
    symptoms: tuple[str, ...] = (),
    days: int = 1,
    mucus: str = "none",
    in_mucus: bool = False,
    pain: str = "none",
    ongoing: bool = False,
) -> Episode:
    """An episode from plain vocabulary strings (``days`` > 1 adds an end date)."""
    return Episode(
        id=episode_id,
        started_at=datetime(day.year, day.month, day.day, 8, 0),
        amount=Amount(amount),
        ended_at=day + timedelta(days=days - 1) if days > 1 and not ongoing else None,
        colour=Colour(colour) if colour else None,
        in_mucus=in_mucus,
        mucus=Mucus(mucus),
        trigger=Trigger(trigger),
        pain=Pain(pain),
        symptoms=frozenset(Symptom(s) for s in symptoms),
        ongoing=ongoing,
    )


@dataclass(frozen=True)
class Setup:
    """One episode ("e") and everything around it; ``but`` changes one fact."""

    day: date = date(2026, 1, 11)
    amount: str = "spotting"
    colour: str | None = None
    in_mucus: bool = False
    mucus: str = "none"
    trigger: str = "none"
    pain: str = "none"
    symptoms: tuple[str, ...] = ()
    days: int = 1
    life_stage: str = "reproductive"
    contraception: str = "none"
    method_since: date = date(2020, 1, 1)
    trying: bool = False
    conditions: tuple[str, ...] = ()
    screening: tuple[date, str] | None = (date(2025, 6, 1), "normal")
    others: tuple[Episode, ...] = ()
    periods: tuple[Period, ...] = PERIODS
    signs: tuple[OvulationSign, ...] = ()
    ongoing: bool = False
    medications: tuple[Medication, ...] = ()
    tests: tuple[tuple[date, str], ...] = ()
    birth_year: int | None = None
    logged_context: bool = True  # False: no context entry at all (defaults assumed)
    today: date = TODAY

    def but(self, **changes: object) -> Setup:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def episode(self) -> Episode:
        return episode(
            "e",
            self.day,
            self.amount,
            trigger=self.trigger,
            colour=self.colour,
            symptoms=self.symptoms,
            days=self.days,
            mucus=self.mucus,
            in_mucus=self.in_mucus,
            pain=self.pain,
            ongoing=self.ongoing,
        )

    def data(self) -> JournalData:
        context = ContextEntry(
            since=self.method_since,
            life_stage=LifeStage(self.life_stage),
            contraception=Contraception(self.contraception),
            trying_to_conceive=self.trying,
        )
        screenings: tuple[Screening, ...] = ()
        if self.screening is not None:
            when, result = self.screening
            screenings = (
                Screening(ScreeningKind.CERVICAL_SCREENING, when, ScreeningResult(result)),
            )
        return JournalData(
            context=(context,) if self.logged_context else (),
            medications=self.medications,
            pregnancy_tests=tuple(
                PregnancyTest(when, PregnancyTestResult(result)) for when, result in self.tests
            ),
            profile=Profile(birth_year=self.birth_year),
            conditions=tuple(
                Condition(ConditionName(c), date(2019, 1, 1)) for c in self.conditions
            ),
            screenings=screenings,
            ovulation_signs=self.signs,
            periods=self.periods,
            episodes=(self.episode, *self.others),
        )

    def explain(self) -> Explanation:
        return Explainer(self.data(), today=self.today).explain("e")

    def cards(self) -> list[str]:
        return self.explain().card_ids

    def reasons(self, card_id: str) -> tuple[str, ...]:
        for match in self.explain().cards:
            if match.card.id == card_id:
                return match.reasons
        raise AssertionError(f"{card_id} not shown")
