"""An episode's explanation as labelled fields in plain words: the one description that the
CLI's ``show``, the GUI's details panel and the reports all print.

Every label is defined once (``Label``), "nothing logged" is one phrase (``NOT_LOGGED``),
severities read as ``Severity.label`` and dates go through ``journal.domain.dates``. A
renderer only lays the fields out; it never words an episode itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from journal.cards.explain import Explanation
from journal.cards.patterns import for_reading
from journal.domain.cycle import MAX_CYCLE_LOOKBACK, CycleContext, OvulationSource
from journal.domain.dates import DATES, DateStyle
from journal.domain.model import ContextOnDate, Episode, Screening
from journal.domain.vocabulary import Amount, Mucus, Pain, Phase, ScreeningKind, Trigger

NOT_LOGGED = "None logged"


class Label:
    """The one label of each field, wherever it is shown."""

    WHEN = "When"
    AMOUNT = "Amount"
    COLOUR = "Colour"
    MUCUS = "Cervical mucus"
    BEFORE = "What came before"
    PAIN = "Pain"
    SYMPTOMS = "Symptoms"
    NOTES = "Notes"
    CYCLE_DAY = "Cycle day"
    PHASE = "Phase"
    OVULATION = "Ovulation"
    PERIOD_ENDED = "Since the period ended"
    TYPICAL_CYCLE = "Typical cycle length"
    LIFE_STAGE = "Life stage"
    CONTRACEPTION = "Contraception"
    TRYING = "Trying to conceive"
    CONDITIONS = "Conditions"
    CERVICAL_SCREENING = "Last cervical screening"
    STI_TEST = "Last STI test"
    AGE = "Age"
    MEDICATIONS = "Medications"
    PREGNANCY_TESTS = "Pregnancy tests"


@dataclass(frozen=True, slots=True)
class Field:
    """One labelled value, ready to print."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class EpisodeDescription:
    """An explained episode in words: the episode, its cycle, its context, its patterns."""

    when: str
    summary: str
    episode: tuple[Field, ...]
    cycle: tuple[Field, ...]
    context: tuple[Field, ...]
    notes: str
    patterns: tuple[str, ...]

    @property
    def fields(self) -> tuple[Field, ...]:
        return self.episode + self.cycle + self.context

    def value(self, label: str) -> str:
        """The value shown for ``label`` (``KeyError`` when this description has none)."""
        for field in self.fields:
            if field.label == label:
                return field.value
        raise KeyError(label)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _days(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"


def _labels(values: Iterable[object]) -> str:
    words = sorted(getattr(v, "label", str(v)) for v in values)
    return ", ".join(words) if words else NOT_LOGGED


# --------------------------------------------------------------------------- the episode


def amount_words(episode: Episode) -> str:
    """``Spotting, mixed in mucus``."""
    return episode.amount.label + (", mixed in mucus" if episode.in_mucus else "")


def colour_words(episode: Episode) -> str:
    return episode.colour.label if episode.colour is not None else NOT_LOGGED


def mucus_words(episode: Episode) -> str:
    return episode.mucus.label if episode.mucus is not Mucus.NONE else NOT_LOGGED


def before_words(episode: Episode) -> str:
    """What came right before the bleeding (the episode's trigger)."""
    return episode.trigger.label if episode.trigger is not Trigger.NONE else NOT_LOGGED


def pain_words(episode: Episode) -> str:
    return episode.pain.label if episode.pain is not Pain.NONE else NOT_LOGGED


def symptom_words(episode: Episode) -> str:
    return _labels(episode.symptoms)


def when_words(episode: Episode, dates: DateStyle = DATES, *, short: bool = False) -> str:
    text = dates.span(episode.started_at, episode.ended_at, short=short)
    return text + (", still going on" if episode.ongoing else "")


def episode_fields(episode: Episode, dates: DateStyle = DATES) -> tuple[Field, ...]:
    return (
        Field(Label.WHEN, when_words(episode, dates)),
        Field(Label.AMOUNT, amount_words(episode)),
        Field(Label.COLOUR, colour_words(episode)),
        Field(Label.MUCUS, mucus_words(episode)),
        Field(Label.BEFORE, before_words(episode)),
        Field(Label.PAIN, pain_words(episode)),
        Field(Label.SYMPTOMS, symptom_words(episode)),
    )


# --------------------------------------------------------------------------- the cycle

_OVULATION_SOURCE = {
    OvulationSource.SIGN: "from a logged ovulation sign",
    OvulationSource.NEXT_PERIOD: "14 days before the next period",
    OvulationSource.TYPICAL_LENGTH: "from the typical cycle length",
}


def unknown_cycle_words() -> str:
    return f"Unknown: no period logged in the {MAX_CYCLE_LOOKBACK} days before"


def cycle_day_words(cycle: CycleContext) -> str:
    """``Day 15``, ``Day 3, during a period`` or why it is unknown."""
    if cycle.cycle_day is None:
        return "During a period" if cycle.in_period else unknown_cycle_words()
    return f"Day {cycle.cycle_day}" + (", during a period" if cycle.in_period else "")


def ovulation_offset_words(dpo: int) -> str:
    """``4 days before estimated ovulation``, ``on the day of estimated ovulation``."""
    if dpo == 0:
        return "On the day of estimated ovulation"
    side = "after" if dpo > 0 else "before"
    return f"{_days(abs(dpo))} {side} estimated ovulation"


def ovulation_words(cycle: CycleContext, dates: DateStyle = DATES) -> str:
    if cycle.estimated_ovulation is None:
        return "No estimate"
    how = _OVULATION_SOURCE.get(cycle.ovulation_source or "")
    when = dates.short(cycle.estimated_ovulation) + (f", {how}" if how else "")
    if cycle.dpo is None or cycle.in_period:
        return f"Estimated for {when}"
    return f"{ovulation_offset_words(cycle.dpo)} ({when})"


def cycle_cell(cycle: CycleContext) -> str:
    """The cycle in a table cell: ``day 15, follicular``, ``day 3, in period``, ``unknown``."""
    if cycle.in_period:
        return f"day {cycle.cycle_day}, in period" if cycle.cycle_day else "in period"
    if cycle.cycle_day is None:
        return "unknown"
    return f"day {cycle.cycle_day}, {cycle.phase.label.lower()}"


def cycle_fields(cycle: CycleContext, dates: DateStyle = DATES) -> tuple[Field, ...]:
    fields = [Field(Label.CYCLE_DAY, cycle_day_words(cycle))]
    if cycle.cycle_day is None:
        return tuple(fields)
    if cycle.phase is not Phase.UNKNOWN:
        fields.append(Field(Label.PHASE, cycle.phase.label))
    fields.append(Field(Label.OVULATION, ovulation_words(cycle, dates)))
    if cycle.days_since_period_end is not None and not cycle.in_period:
        fields.append(Field(Label.PERIOD_ENDED, _days(cycle.days_since_period_end)))
    fields.append(Field(Label.TYPICAL_CYCLE, f"{cycle.typical_cycle_length:g} days"))
    return tuple(fields)


# --------------------------------------------------------------------------- the context


def screening_words(screening: Screening | None, dates: DateStyle = DATES) -> str:
    """``Normal, 12 May 2024``."""
    if screening is None:
        return NOT_LOGGED
    return f"{screening.result.label}, {dates.short(screening.date)}"


def latest_screening(context: ContextOnDate, kind: ScreeningKind) -> Screening | None:
    found = [s for s in context.screenings if s.kind is kind]
    return found[-1] if found else None


def contraception_words(context: ContextOnDate, dates: DateStyle = DATES) -> str:
    if not context.known:
        return NOT_LOGGED
    since = context.contraception_since
    return context.contraception.label + (f" (since {dates.short(since)})" if since else "")


def context_fields(context: ContextOnDate, dates: DateStyle = DATES) -> tuple[Field, ...]:
    known = context.known
    return (
        Field(Label.LIFE_STAGE, context.life_stage.label if known else NOT_LOGGED),
        Field(Label.CONTRACEPTION, contraception_words(context, dates)),
        Field(
            Label.TRYING,
            ("Yes" if context.trying_to_conceive else "No") if known else NOT_LOGGED,
        ),
        Field(Label.CONDITIONS, _labels(context.conditions)),
        Field(
            Label.CERVICAL_SCREENING,
            screening_words(latest_screening(context, ScreeningKind.CERVICAL_SCREENING), dates),
        ),
        Field(
            Label.STI_TEST,
            screening_words(latest_screening(context, ScreeningKind.STI_TEST), dates),
        ),
    )


# --------------------------------------------------------------------------- the whole


def summary_words(explanation: Explanation) -> str:
    """The episode in one plain sentence, e.g. ``Light bleeding, bright red, after
    intercourse, on day 15 of the cycle, 4 days before estimated ovulation.``"""
    episode, cycle = explanation.episode, explanation.cycle
    amount = episode.amount
    parts = ["Spotting" if amount is Amount.SPOTTING else f"{amount.label} bleeding"]
    if episode.colour is not None:
        parts.append(episode.colour.label.lower())
    if episode.in_mucus:
        parts.append("mixed in mucus")
    if episode.trigger is Trigger.OTHER:
        parts.append("after something else (see the notes)")
    elif episode.trigger is not Trigger.NONE:
        parts.append(f"after {episode.trigger.label[:1].lower()}{episode.trigger.label[1:]}")
    if cycle.in_period:
        parts.append("during a logged period")
    elif cycle.cycle_day is not None:
        parts.append(f"on day {cycle.cycle_day} of the cycle")
        if cycle.dpo is not None:
            parts.append(ovulation_offset_words(cycle.dpo).lower())
    if episode.pain is not Pain.NONE:
        parts.append(f"with {episode.pain.label.lower()} pain")
    if episode.symptoms:
        parts.append("with " + _labels(episode.symptoms).lower())
    return ", ".join(parts) + "."


def describe(explanation: Explanation, dates: DateStyle = DATES) -> EpisodeDescription:
    """The explanation of one episode as labelled fields in plain words."""
    episode = explanation.episode
    return EpisodeDescription(
        when=when_words(episode, dates),
        summary=summary_words(explanation),
        episode=episode_fields(episode, dates),
        cycle=cycle_fields(explanation.cycle, dates),
        context=context_fields(explanation.context, dates),
        notes=episode.notes,
        patterns=tuple(p.title for p in for_reading(explanation.patterns)),
    )
