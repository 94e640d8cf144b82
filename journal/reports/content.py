"""What the reports say: plain, frozen models built from a journal's data (no Qt).

``episode_report`` describes one episode with its cycle context, the context then in
force, its cards and patterns. ``appointment_summary`` looks at a date range: summary
figures, cycle lengths, patterns, a compact episode table, every card that applied
(once, with how many episodes) and the appointment-prep card. The chart inputs travel as
plain chart data; drawing them is the renderer's job.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from journal.cards import (
    DISCLAIMER,
    Card,
    CardMatch,
    Explainer,
    Explanation,
    Pattern,
    Triage,
)
from journal.charts.data import CycleRow, TimelineData, cycle_rows, timeline_data
from journal.domain.cycle import PLAUSIBLE_CYCLE, CycleCalendar, CycleContext
from journal.domain.model import (
    Appointment,
    ContextOnDate,
    Episode,
    JournalData,
    moment_to_iso,
)
from journal.domain.vocabulary import Amount, Severity, Trigger

PREP_CARD = "appointment-prep"
DEFAULT_MONTHS = 6
# Cycle-chart rows that began up to this long before the range still show its episodes.
CYCLE_LOOKBACK_DAYS = 45

SEVERITY_WORDS = {
    Severity.URGENT: "URGENT",
    Severity.SEE_PROVIDER: "SEE A PROVIDER",
    Severity.CHECK: "Worth a check",
    Severity.INFO: "Common",
}


@dataclass(frozen=True, slots=True)
class Field:
    """One labelled line of a details table."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class CardSection:
    """A card as a report shows it: title, severity, source, why, body."""

    id: str
    title: str
    severity: Severity
    source: str
    body_markdown: str
    reasons: tuple[str, ...] = ()
    episodes: int | None = None  # in a range report: how many episodes it applied to

    @property
    def severity_words(self) -> str:
        return SEVERITY_WORDS[self.severity]

    @property
    def lead(self) -> str:
        """The body's first paragraph (its "what it is"), for the range report's card list."""
        lines: list[str] = []
        for raw in self.body_markdown.splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                if lines:
                    break
                continue
            lines.append(line)
        return " ".join(lines)


@dataclass(frozen=True, slots=True)
class PatternItem:
    title: str
    summary: str
    evidence: tuple[str, ...]
    severity: Severity

    @property
    def severity_words(self) -> str:
        return SEVERITY_WORDS[self.severity]


@dataclass(frozen=True, slots=True)
class EpisodeReport:
    """One episode, printed for a clinician."""

    episode_id: str
    generated: date
    when: str
    details: tuple[Field, ...]
    notes: str
    cycle: tuple[Field, ...]
    context: tuple[Field, ...]
    cards: tuple[CardSection, ...]
    patterns: tuple[PatternItem, ...]
    triage: Triage | None = None  # what to do now: printed at the top
    disclaimer: str = DISCLAIMER

    @property
    def title(self) -> str:
        return f"Bleeding episode of {self.when}"


@dataclass(frozen=True, slots=True)
class SummaryFigures:
    episodes: int
    bleeding_days: int
    after_sex: int
    between_periods: int
    heavy: int


@dataclass(frozen=True, slots=True)
class CycleStatistics:
    """Complete cycles that began in the range (start to next start)."""

    count: int
    median: float | None
    shortest: int | None
    longest: int | None
    lengths: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class EpisodeRow:
    """One line of the compact episode table."""

    id: str
    when: str
    amount: str
    colour: str
    trigger: str
    cycle: str
    pain: str
    flag: str  # the most pressing card severity, in words ("" when only common cards)
    notes: str


@dataclass(frozen=True, slots=True)
class AppointmentSummary:
    """A date range of the journal, prepared for a visit."""

    start: date
    end: date
    generated: date
    range_note: str
    figures: SummaryFigures
    cycles: CycleStatistics
    patterns: tuple[PatternItem, ...]
    episodes: tuple[EpisodeRow, ...]
    cards: tuple[CardSection, ...]
    prep: CardSection | None
    questions: tuple[str, ...]
    appointments: tuple[Appointment, ...]
    timeline: TimelineData
    cycle_rows: tuple[CycleRow, ...]
    disclaimer: str = DISCLAIMER

    @property
    def title(self) -> str:
        return f"Appointment summary: {self.start.isoformat()} to {self.end.isoformat()}"


# --------------------------------------------------------------------------- ranges


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (clamped to the month's end), for range presets."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError("unreachable")  # pragma: no cover


def default_range(data: JournalData, today: date) -> tuple[date, date]:
    """Since the last logged appointment (on or before today), else the last 6 months."""
    past = [a.date for a in data.appointments if a.date <= today]
    if past:
        return max(past), today
    return months_before(today, DEFAULT_MONTHS), today


# --------------------------------------------------------------------------- episode report


def _when(episode: Episode) -> str:
    text = moment_to_iso(episode.started_at).replace("T", " ")
    if episode.ended_at is not None:
        text += " to " + moment_to_iso(episode.ended_at).replace("T", " ")
    return text


def _details(episode: Episode) -> tuple[Field, ...]:
    amount = episode.amount.label
    if episode.in_mucus:
        amount += ", mixed in mucus"
    fields = [
        Field("Started", moment_to_iso(episode.started_at).replace("T", " ")),
        Field(
            "Ended",
            moment_to_iso(episode.ended_at).replace("T", " ")
            if episode.ended_at is not None
            else "not logged",
        ),
        Field("Amount", amount),
        Field("Colour", episode.colour.label if episode.colour else "not logged"),
        Field("Cervical mucus", episode.mucus.label),
        Field("Right before", episode.trigger.label),
        Field("Pain", episode.pain.label),
        Field(
            "Symptoms",
            ", ".join(sorted(s.label for s in episode.symptoms)) if episode.symptoms else "none",
        ),
    ]
    return tuple(fields)


def _cycle_fields(cycle: CycleContext) -> tuple[Field, ...]:
    if cycle.cycle_day is None:
        return (Field("Cycle day", "unknown (no period logged in the 90 days before)"),)
    fields = [
        Field("Cycle day", f"{cycle.cycle_day} (period began {cycle.cycle_start})"),
        Field("Phase", cycle.phase.label + (" — during a period" if cycle.in_period else "")),
    ]
    if cycle.days_since_period_end is not None and not cycle.in_period:
        fields.append(Field("Days since the period ended", str(cycle.days_since_period_end)))
    if cycle.estimated_ovulation is not None:
        how = {
            "sign": "from a logged ovulation sign",
            "next-period": "14 days before the next period",
            "typical-length": "from the typical cycle length",
        }.get(cycle.ovulation_source or "", "")
        fields.append(
            Field("Estimated ovulation", f"{cycle.estimated_ovulation} ({how})".replace(" ()", ""))
        )
        if cycle.dpo is not None and not cycle.in_period:
            fields.append(Field("Days from ovulation", f"{cycle.dpo:+d}"))
    fields.append(Field("Typical cycle length", f"{cycle.typical_cycle_length:g} days"))
    return tuple(fields)


def _context_fields(context: ContextOnDate) -> tuple[Field, ...]:
    fields = [
        Field("Life stage", context.life_stage.label),
        Field(
            "Contraception",
            context.contraception.label
            + (f" (since {context.contraception_since})" if context.contraception_since else ""),
        ),
        Field("Trying to conceive", "yes" if context.trying_to_conceive else "no"),
        Field(
            "Conditions",
            ", ".join(sorted(c.label for c in context.conditions))
            if context.conditions
            else "none",
        ),
    ]
    screening = context.last_cervical_screening
    fields.append(
        Field(
            "Last cervical screening",
            f"{screening.date} ({screening.result.label.lower()})" if screening else "not logged",
        )
    )
    if not context.known:
        fields.append(Field("Note", "no context was logged for this date; defaults were assumed"))
    return tuple(fields)


def _card_section(match: CardMatch) -> CardSection:
    card = match.card
    return CardSection(
        id=card.id,
        title=card.title,
        severity=card.severity,
        source=card.source,
        body_markdown=card.body_markdown,
        reasons=match.reasons,
    )


def _pattern_item(pattern: Pattern) -> PatternItem:
    return PatternItem(pattern.title, pattern.summary, pattern.evidence, pattern.severity)


def episode_report(explanation: Explanation, data: JournalData, generated: date) -> EpisodeReport:
    """The episode report for one explained episode.

    ``data`` is accepted for symmetry with the summary (and future context lines); the
    explanation already carries the cycle and context in force on the episode's date.
    """
    del data
    episode = explanation.episode
    return EpisodeReport(
        episode_id=episode.id,
        generated=generated,
        when=_when(episode),
        details=_details(episode),
        notes=episode.notes,
        cycle=_cycle_fields(explanation.cycle),
        context=_context_fields(explanation.context),
        cards=tuple(_card_section(m) for m in explanation.cards),
        patterns=tuple(_pattern_item(p) for p in explanation.patterns),
        triage=explanation.triage,
    )


# --------------------------------------------------------------------------- summary


def _bleeding_days(episodes: Iterable[Episode], start: date, end: date) -> int:
    days: set[date] = set()
    for episode in episodes:
        day = max(episode.day, start)
        last = min(episode.end_day, end)
        while day <= last:
            days.add(day)
            day += timedelta(days=1)
    return len(days)


def _cycle_statistics(data: JournalData, start: date, end: date) -> CycleStatistics:
    calendar = CycleCalendar(data.periods)
    starts = [p.start for p in calendar.periods]
    lengths = tuple(
        (second - first).days
        for first, second in itertools.pairwise(starts)
        if start <= first <= end and (second - first).days in PLAUSIBLE_CYCLE
    )
    if not lengths:
        return CycleStatistics(0, None, None, None, ())
    ordered = sorted(lengths)
    middle = len(ordered) // 2
    median = (
        float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    )
    return CycleStatistics(len(lengths), median, min(lengths), max(lengths), lengths)


def _flag(matches: Sequence[CardMatch]) -> Severity | None:
    pressing = [m.card.severity for m in matches if not m.card.rule.is_companion]
    return max(pressing, key=lambda s: s.rank) if pressing else None


def _cycle_cell(cycle: CycleContext) -> str:
    if cycle.in_period:
        return f"day {cycle.cycle_day}, in period"
    if cycle.cycle_day is None:
        return "unknown"
    return f"day {cycle.cycle_day}, {cycle.phase.label.lower()}"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _questions(
    figures: SummaryFigures, cards: Sequence[CardSection], patterns: Sequence[PatternItem]
) -> tuple[str, ...]:
    """Questions this journal suggests, on top of the prep card's general ones."""
    ids = {c.id for c in cards if c.episodes}
    found: list[str] = []
    if figures.after_sex:
        found.append(
            f"I bled after sex {_times(figures.after_sex)} between these dates: could it come from "
            "the cervix or vagina, and should I have an exam, a Pap/HPV test or STI tests?"
        )
    if figures.between_periods >= 3:
        found.append(
            f"I had {figures.between_periods} episodes between periods in this time: is that worth "
            "investigating, for example with an ultrasound?"
        )
    if figures.heavy:
        found.append(
            f"{_plural(figures.heavy, 'episode')} {'was' if figures.heavy == 1 else 'were'} "
            "heavy: do I need a blood test for anaemia?"
        )
    if "breakthrough-bleeding" in ids:
        found.append("Could my contraception be causing the spotting, and would a change help?")
    if "dysplasia-screening" in ids:
        found.append("Is my cervical screening up to date?")
    if any(p.severity in (Severity.SEE_PROVIDER, Severity.URGENT) for p in patterns):
        found.append("My journal shows the bleeding changing over time: what could explain that?")
    return tuple(found)


def appointment_summary(
    data: JournalData, explainer: Explainer, start: date, end: date, generated: date
) -> AppointmentSummary:
    """The appointment summary for ``start`` to ``end`` (both days included)."""
    if end < start:
        start, end = end, start
    in_range = [e for e in explainer.episodes if start <= e.day <= end]
    explanations = {e.id: explainer.explain(e.id) for e in in_range}
    severities: dict[str, Severity] = {}
    rows: list[EpisodeRow] = []
    for episode in in_range:
        explanation = explanations[episode.id]
        flag = _flag(explanation.cards)
        if flag is not None:
            severities[episode.id] = flag
        rows.append(
            EpisodeRow(
                id=episode.id,
                when=moment_to_iso(episode.started_at).replace("T", " "),
                amount=episode.amount.label + (" (in mucus)" if episode.in_mucus else ""),
                colour=episode.colour.label if episode.colour else "—",
                trigger=episode.trigger.label if episode.trigger is not Trigger.NONE else "—",
                cycle=_cycle_cell(explanation.cycle),
                pain=episode.pain.label,
                flag=SEVERITY_WORDS[flag] if flag and flag.rank >= Severity.CHECK.rank else "",
                notes=_short(episode.notes),
            )
        )
    figures = SummaryFigures(
        episodes=len(in_range),
        bleeding_days=_bleeding_days(in_range, start, end),
        after_sex=sum(1 for e in in_range if e.after_sex),
        between_periods=sum(1 for e in in_range if not explanations[e.id].cycle.in_period),
        heavy=sum(1 for e in in_range if e.amount.rank >= Amount.HEAVY.rank),
    )
    cards: list[CardSection] = []
    prep: CardSection | None = None
    for card, count in _cards_for(explanations.values(), explainer):
        section = CardSection(
            id=card.id,
            title=card.title,
            severity=card.severity,
            source=card.source,
            body_markdown=card.body_markdown,
            episodes=count,
        )
        if card.id == PREP_CARD:
            prep = section
        else:
            cards.append(section)
    ids = {e.id for e in in_range}
    patterns = tuple(
        _pattern_item(p)
        for p in explainer.patterns()
        if p.episode_ids & ids or (not p.episode_ids and p.kind != "cycle-lengths")
    )
    window = start - timedelta(days=CYCLE_LOOKBACK_DAYS)
    return AppointmentSummary(
        start=start,
        end=end,
        generated=generated,
        range_note=_range_note(data, start, end),
        figures=figures,
        cycles=_cycle_statistics(data, start, end),
        patterns=patterns,
        episodes=tuple(rows),
        cards=tuple(cards),
        prep=prep,
        questions=_questions(figures, cards, patterns),
        appointments=tuple(
            sorted((a for a in data.appointments if start <= a.date <= end), key=lambda a: a.date)
        ),
        timeline=timeline_data(
            JournalData(
                periods=tuple(p for p in data.periods if p.last_day >= start and p.start <= end),
                ovulation_signs=data.ovulation_signs,
                episodes=tuple(in_range),
            ),
            severities,
        ),
        cycle_rows=tuple(r for r in cycle_rows(data, severities) if window <= r.start <= end),
    )


def _cards_for(explanations: Iterable[Explanation], explainer: Explainer) -> list[tuple[Card, int]]:
    """Each card once with its episode count, in the explainer's range order.

    Reuses the explanations already made for the table instead of explaining each episode a
    second time through ``Explainer.cards_for_range``: the one summary both use.
    """
    from journal.cards.explain import summarise_cards

    return summarise_cards(explanations, explainer.catalogue)


def _range_note(data: JournalData, start: date, end: date) -> str:
    visits = [a for a in data.appointments if a.date == start]
    if visits:
        who = f" with {visits[-1].with_}" if visits[-1].with_.strip() else ""
        return f"Since the last visit{who} on {start.isoformat()}, up to {end.isoformat()}."
    return f"From {start.isoformat()} to {end.isoformat()}."
