"""What the reports say: plain, frozen models built from a journal's data (no Qt).

``episode_report`` describes one episode: what to do now, the episode in plain words, the
context then in force, the patterns it belongs to and its cards. ``appointment_summary``
prepares a date range for a clinician: page 1 is the clinical summary (what needs
attention, with dates; the context; the figures and cycle lengths), then the charts, a
compact episode table, the patterns with their evidence, questions that fit what was
found, and, only when asked for, the cards' explanations as an appendix. Words come from
``journal.cards.describe``; rows carry typed values, and the HTML layer only lays them out.
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
    for_reading,
)
from journal.cards.describe import (
    NOT_LOGGED,
    Field,
    Label,
    context_fields,
    cycle_fields,
    episode_fields,
    screening_words,
    summary_words,
    when_words,
)
from journal.cards.triage import ROWS, Reason, TriageLevel
from journal.charts.data import CycleRow, TimelineData, cycle_rows, timeline_data
from journal.domain.cycle import PLAUSIBLE_CYCLE, CycleCalendar, CycleContext, CycleStats
from journal.domain.dates import DATES
from journal.domain.model import (
    Appointment,
    ContextEntry,
    ContextOnDate,
    Episode,
    JournalData,
    Screening,
    context_on,
)
from journal.domain.vocabulary import Amount, LifeStage, ScreeningKind, ScreeningResult, Severity

PREP_CARD = "appointment-prep"
DEFAULT_MONTHS = 6
# Cycle-chart rows that began up to this long before the range still show its episodes.
CYCLE_LOOKBACK_DAYS = 45
# An episode longer than this is "long" (the triage table's "lasting more than 7 days").
LONG_EPISODE_DAYS = 7
# Cervical screening older than this counts as overdue (the dysplasia card's threshold).
SCREENING_DUE_YEARS = 3


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

    @classmethod
    def of(
        cls, card: Card, reasons: tuple[str, ...] = (), episodes: int | None = None
    ) -> CardSection:
        return cls(
            id=card.id,
            title=card.title,
            severity=card.severity,
            source=card.source,
            body_markdown=card.body_markdown,
            reasons=reasons,
            episodes=episodes,
        )


@dataclass(frozen=True, slots=True)
class PatternItem:
    title: str
    summary: str
    evidence: tuple[str, ...]
    severity: Severity


@dataclass(frozen=True, slots=True)
class EpisodeReport:
    """One episode, printed for a clinician."""

    episode_id: str
    day: date
    generated: date
    when: str
    heading_when: str  # the short form, so the title fits on one line
    summary: str
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
        return f"Bleeding episode of {self.heading_when}"

    @property
    def reference(self) -> str:
        """A short reference for the footer (the id's start), never the whole id."""
        return self.episode_id[:8]


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """One triage finding of the range (one row kind), with the days it happened."""

    level: TriageLevel
    finding: str
    days: tuple[date, ...]

    @property
    def severity(self) -> Severity:
        return self.level.severity


@dataclass(frozen=True, slots=True)
class SummaryFigures:
    episodes: int
    bleeding_days: int
    after_sex: int
    between_periods: int
    heavy: int  # heavy or worse
    longest_days: int


@dataclass(frozen=True, slots=True)
class EpisodeRow:
    """One line of the compact episode table: typed values, worded by the renderer."""

    episode: Episode
    cycle: CycleContext
    # Urgent (seek care now): the rows that must stand out. Bolding every row the attention
    # list names would mark nearly all of them, and nothing would stand out.
    flagged: bool


@dataclass(frozen=True, slots=True)
class SourceItem:
    """A source, named once, with the cards of this report that rest on it."""

    source: str
    supports: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AppointmentSummary:
    """A date range of the journal, prepared for a visit."""

    start: date
    end: date
    generated: date
    person: str  # the name (and age) the person chose to print, else ""
    range_note: str
    attention: tuple[AttentionItem, ...]
    context: tuple[Field, ...]
    figures: SummaryFigures
    cycles: CycleStats
    patterns: tuple[PatternItem, ...]
    episodes: tuple[EpisodeRow, ...]
    questions: tuple[str, ...]
    appointments: tuple[Appointment, ...]
    cards: tuple[CardSection, ...]  # the appendix: empty unless explanations were asked for
    prep: CardSection | None
    sources: tuple[SourceItem, ...]
    timeline: TimelineData
    cycle_rows: tuple[CycleRow, ...]
    with_explanations: bool = False
    disclaimer: str = DISCLAIMER

    @property
    def title(self) -> str:
        return f"Appointment summary: {DATES.range(self.start, self.end)}"


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


def last_visit_before(data: JournalData, today: date) -> Appointment | None:
    """The most recent visit before today: a visit logged for today is this visit."""
    past = [a for a in data.appointments if a.date < today]
    return max(past, key=lambda a: a.date) if past else None


def default_range(data: JournalData, today: date) -> tuple[date, date]:
    """Since the most recent visit before today, else the last 6 months."""
    last = last_visit_before(data, today)
    if last is not None:
        return last.date, today
    return months_before(today, DEFAULT_MONTHS), today


def default_range_words(data: JournalData, today: date) -> str:
    """What the default range is, for the dialog: ``Since the visit with GP on 4 Aug 2026``."""
    last = last_visit_before(data, today)
    if last is None:
        return f"The last {DEFAULT_MONTHS} months (no earlier visit logged)"
    who = f" with {last.with_.strip()}" if last.with_.strip() else ""
    return f"Since the visit{who} on {DATES.short(last.date)}"


# --------------------------------------------------------------------------- episode report


def _pattern_item(pattern: Pattern) -> PatternItem:
    return PatternItem(pattern.title, pattern.summary, pattern.evidence, pattern.severity)


def episode_report(explanation: Explanation, data: JournalData, generated: date) -> EpisodeReport:
    """The episode report for one explained episode.

    ``data`` is accepted for symmetry with the summary; the explanation already carries the
    cycle and context in force on the episode's date.
    """
    del data
    episode = explanation.episode
    return EpisodeReport(
        episode_id=episode.id,
        day=episode.day,
        generated=generated,
        when=when_words(episode),
        heading_when=when_words(episode, short=True),
        summary=summary_words(explanation),
        details=episode_fields(episode),
        notes=episode.notes,
        cycle=cycle_fields(explanation.cycle),
        context=context_fields(explanation.context),
        cards=tuple(CardSection.of(m.card, m.reasons) for m in explanation.cards),
        patterns=tuple(_pattern_item(p) for p in for_reading(explanation.patterns)),
        triage=explanation.triage,
    )


# --------------------------------------------------------------------------- summary: figures


def _bleeding_days(episodes: Iterable[Episode], start: date, end: date) -> int:
    days: set[date] = set()
    for episode in episodes:
        day = max(episode.day, start)
        last = min(episode.end_day, end)
        while day <= last:
            days.add(day)
            day += timedelta(days=1)
    return len(days)


def cycle_statistics(calendar: CycleCalendar, start: date, end: date) -> CycleStats:
    """The complete cycles (start to next start) that began in the range."""
    starts = [p.start for p in calendar.periods]
    return CycleStats(
        tuple(
            (second - first).days
            for first, second in itertools.pairwise(starts)
            if start <= first <= end and (second - first).days in PLAUSIBLE_CYCLE
        )
    )


# --------------------------------------------------------------------------- summary: attention

# The short name of each triage row's finding, in the words a clinician reads first.
FINDING_NAMES: dict[str, str] = {
    "very-heavy": "very heavy bleeding",
    "fainting": "fainting",
    "heavy-with-dizziness": "heavy bleeding with dizziness",
    "pregnancy-danger": "bleeding in pregnancy with a danger sign",
    "fever": "bleeding with fever",
    "severe-pain": "bleeding with severe pain",
    "dizziness": "bleeding with dizziness",
    "pregnancy-warning": "bleeding in pregnancy with a warning sign",
    "after-birth-warning": "bleeding after a birth with a warning sign",
    "heavy-with-clots": "heavy bleeding with large clots",
    "heavy-on-anticoagulant": "heavy bleeding on an anticoagulant",
    "pregnant": "bleeding in pregnancy",
    "possibly-pregnant": "bleeding when a pregnancy is possible",
    "after-sex": "bleeding after sex",
    "pain-during-sex": "pain during sex",
    "after-menopause": "bleeding after menopause",
    "tamoxifen": "bleeding on tamoxifen",
    "continuous-hrt": "bleeding on continuous HRT",
    "heavy-outside-period": "heavy bleeding outside a period",
    "lasting": "bleeding lasting more than 7 days",
    # the two "3 or more times" rows (in a cycle, in 30 days) are one finding
    "frequent-in-cycle": "bleeding between periods, 3 or more times",
    "frequent-in-30-days": "bleeding between periods, 3 or more times",
    "same-phase": "bleeding at the same point of the cycle",
    "midlife": "new irregular bleeding over 45",
    "clots-between-periods": "clots between periods",
    "heavier": "heavier than the episodes before",
    "pelvic-infection": "signs of a pelvic infection",
    "new-on-method": "bleeding on a new contraceptive method",
    "anticoagulant": "bleeding on an anticoagulant",
    "after-emergency-contraception": "bleeding after emergency contraception",
}
_ROW_ORDER = {row.id: index for index, row in enumerate(ROWS)}


def _finding(reason: Reason) -> str:
    """The finding's short name: the row's name; a history pattern is named by its text."""
    if reason.row in FINDING_NAMES:
        return FINDING_NAMES[reason.row]
    if reason.row == "pattern":  # "Bleeding after sex keeps coming back: 4 episodes …"
        name = reason.text.split(":", 1)[0].rstrip(".")
        return name[:1].lower() + name[1:]
    return reason.row.replace("-", " ")


def _attention(explanations: Sequence[Explanation]) -> tuple[AttentionItem, ...]:
    """The triage findings of the range, one per row kind, most pressing level first."""
    days: dict[tuple[TriageLevel, str], set[date]] = {}
    order: dict[tuple[TriageLevel, str], int] = {}
    for explanation in explanations:
        for reason in explanation.triage.fired:
            if reason.row == "pattern":  # a history pattern: listed with its evidence later
                continue
            key = (reason.level, _finding(reason))
            days.setdefault(key, set()).add(explanation.episode.day)
            order.setdefault(key, _ROW_ORDER.get(reason.row, len(_ROW_ORDER)))
    return tuple(
        AttentionItem(level, finding, tuple(sorted(found)))
        for (level, finding), found in sorted(
            days.items(), key=lambda item: (-item[0][0].rank, order[item[0]], item[0][1])
        )
    )


# --------------------------------------------------------------------------- summary: context


def _entries_in(data: JournalData, start: date, end: date) -> list[ContextEntry]:
    """The context entry in force at the start, then every change up to the end."""
    entries = sorted(data.context, key=lambda c: c.since)
    before = [c for c in entries if c.since <= start]
    return before[-1:] + [c for c in entries if start < c.since <= end]


def _history(values: Sequence[tuple[str, date]]) -> str:
    """``Combined pill since 26 Oct 2024`` or ``None since 14 May 2026 (before: …)``."""
    runs: list[tuple[str, date]] = []
    for value, since in values:
        if not runs or runs[-1][0] != value:
            runs.append((value, since))
    current, since = runs[-1]
    text = f"{current} (since {DATES.short(since)})"
    if len(runs) > 1:
        earlier = "; ".join(
            f"{value}, {DATES.short(when)} to {DATES.short(runs[index + 1][1])}"
            for index, (value, when) in enumerate(runs[:-1])
        )
        text += f"; earlier in this range: {earlier}"
    return text


def _latest(screenings: Iterable[Screening], kind: ScreeningKind) -> Screening | None:
    found = [s for s in screenings if s.kind is kind]
    return found[-1] if found else None


def _context(data: JournalData, start: date, end: date) -> tuple[Field, ...]:
    entries = _entries_in(data, start, end)
    on_end = context_on(data, end)
    if entries:
        stage = _history([(e.life_stage.label, e.since) for e in entries])
        method = _history([(e.contraception.label, e.since) for e in entries])
        trying = _history([("Yes" if e.trying_to_conceive else "No", e.since) for e in entries])
    else:
        stage = method = trying = NOT_LOGGED
    conditions = sorted(
        (c for c in data.conditions if c.since <= end), key=lambda c: (c.since, c.name.value)
    )
    fields = [
        Field(Label.LIFE_STAGE, stage),
        Field(Label.CONTRACEPTION, method),
        Field(Label.TRYING, trying),
        Field(
            Label.CONDITIONS,
            ", ".join(f"{c.name.label} (since {DATES.short(c.since)})" for c in conditions)
            or NOT_LOGGED,
        ),
        Field(
            Label.CERVICAL_SCREENING,
            screening_words(_latest(on_end.screenings, ScreeningKind.CERVICAL_SCREENING)),
        ),
        Field(Label.STI_TEST, screening_words(_latest(on_end.screenings, ScreeningKind.STI_TEST))),
        Field(Label.MEDICATIONS, _medications(data, start, end)),
        Field(Label.PREGNANCY_TESTS, _pregnancy_tests(data, start, end)),
    ]
    age = data.profile.age_on(end)
    if age is not None:
        fields.insert(0, Field(Label.AGE, f"{age} on {DATES.short(end)}"))
    return tuple(fields)


def _medications(data: JournalData, start: date, end: date) -> str:
    """Each medicine taken at some time in the range, with since (and until) when."""
    taken = sorted(
        (
            m
            for m in data.medications
            if m.since <= end
            and (m.until is None or m.until >= start)
            and (m.until is not None or not m.name.is_single_dose or m.since >= start)
        ),
        key=lambda m: (m.since, m.name.value),
    )
    words = []
    for m in taken:
        if m.name.is_single_dose and m.until is None:
            words.append(f"{m.name.label}, {DATES.short(m.since)}")
        elif m.until is None:
            words.append(f"{m.name.label}, since {DATES.short(m.since)}")
        else:
            words.append(f"{m.name.label}, {DATES.short(m.since)} to {DATES.short(m.until)}")
    return "; ".join(words) or NOT_LOGGED


def _pregnancy_tests(data: JournalData, start: date, end: date) -> str:
    """The pregnancy tests of the range, each with its date and result."""
    tests = sorted(
        (t for t in data.pregnancy_tests if start <= t.date <= end), key=lambda t: t.date
    )
    return "; ".join(f"{t.result.label}, {DATES.short(t.date)}" for t in tests) or NOT_LOGGED


# --------------------------------------------------------------------------- summary: questions


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _questions(
    data: JournalData,
    explanations: Sequence[Explanation],
    figures: SummaryFigures,
    end: date,
) -> tuple[str, ...]:
    """Questions that fit what this range shows; none asks what the journal already holds."""
    contexts = [e.context for e in explanations]
    iuds = sorted({c.contraception.label for c in contexts if c.contraception.is_iud})
    found = [
        *_situation_questions(contexts, iuds),
        *_bleeding_questions(explanations, figures),
        *_hormonal_question(contexts, iuds, figures),
        *_screening_question(data, end),
    ]
    return tuple(found)


def _situation_questions(contexts: Sequence[ContextOnDate], iuds: Sequence[str]) -> list[str]:
    """Pregnancy, menopause and an IUD in place: each changes what bleeding may mean."""
    found: list[str] = []
    if any(c.life_stage is LifeStage.PREGNANT for c in contexts):
        found.append(
            "I bled while pregnant: what needs checking (scan, blood tests), and what signs "
            "should make me call straight away?"
        )
    if any(c.life_stage is LifeStage.POSTMENOPAUSE for c in contexts):
        found.append(
            "I bled after menopause: do I need an ultrasound of the womb lining, or a biopsy?"
        )
    if iuds:
        found.append(
            f"I bled with my {' and '.join(iuds).lower().replace('iud', 'IUD')} in place: could "
            "it have moved or be causing the bleeding, and should its position be checked?"
        )
    return found


def _bleeding_questions(explanations: Sequence[Explanation], figures: SummaryFigures) -> list[str]:
    """After sex, long, heavy or often between periods."""
    found: list[str] = []
    after_sex = [e for e in explanations if e.episode.after_sex and not e.cycle.in_period]
    if after_sex:
        found.append(
            f"I bled after sex {_times(len(after_sex))}: could it come from the cervix or the "
            "vagina, and do I need an examination or STI tests?"
        )
    if figures.longest_days > LONG_EPISODE_DAYS:
        found.append(
            f"One episode lasted {figures.longest_days} days: what could keep it going, and do "
            "I need a blood test for anaemia?"
        )
    if figures.heavy:
        found.append(
            f"{'One episode was' if figures.heavy == 1 else f'{figures.heavy} episodes were'} "
            "heavy or worse: do I need a blood test for anaemia?"
        )
    if figures.between_periods >= 3:
        found.append(
            f"I bled between periods {_times(figures.between_periods)}: is an ultrasound worth "
            "doing?"
        )
    return found


def _hormonal_question(
    contexts: Sequence[ContextOnDate], iuds: Sequence[str], figures: SummaryFigures
) -> list[str]:
    hormonal = sorted(
        {c.contraception.label for c in contexts if c.contraception.is_hormonal} - set(iuds)
    )
    if not (hormonal and figures.between_periods):
        return []
    return [
        f"Could my {' or '.join(hormonal).lower()} be causing the bleeding between periods, "
        "and would a change help?"
    ]


def _screening_question(data: JournalData, end: date) -> list[str]:
    """None logged, overdue, result unknown or abnormal: at most one question."""
    screening = context_on(data, end).last_cervical_screening
    due = end - timedelta(days=round(365.25 * SCREENING_DUE_YEARS))
    if screening is None:
        return ["No cervical screening is logged in my journal: am I due one?"]
    when = DATES.long(screening.date)
    if screening.date < due:
        return [
            f"My last cervical screening was on {when}, more than "
            f"{SCREENING_DUE_YEARS} years ago: can I have one now?"
        ]
    if screening.result is ScreeningResult.UNKNOWN:
        return [f"What was the result of my cervical screening on {when}?"]
    if screening.result is ScreeningResult.ABNORMAL:
        return [
            f"My cervical screening on {when} was abnormal: does the "
            "bleeding change what follow-up I need?"
        ]
    return []


# --------------------------------------------------------------------------- summary


def _person(name: str | None) -> str:
    return (name or "").strip()


def appointment_summary(
    data: JournalData,
    explainer: Explainer,
    start: date,
    end: date,
    generated: date,
    *,
    name: str | None = None,
    with_explanations: bool = False,
) -> AppointmentSummary:
    """The appointment summary for ``start`` to ``end`` (both days included).

    ``name`` is printed only when given; the cards' explanations are an appendix only
    ``with_explanations``.
    """
    if end < start:
        start, end = end, start
    in_range = [e for e in explainer.episodes if start <= e.day <= end]
    explanations = [explainer.explain(e.id) for e in in_range]
    attention = _attention(explanations)
    severities = {e.episode.id: e.flag for e in explanations if e.flag is not None}
    figures = _figures(in_range, explanations, start, end)
    cards, prep = _cards(explanations, explainer)
    window = start - timedelta(days=CYCLE_LOOKBACK_DAYS)
    return AppointmentSummary(
        start=start,
        end=end,
        generated=generated,
        person=_person(name),
        range_note=_range_note(data, start, end),
        attention=attention,
        context=_context(data, start, end),
        figures=figures,
        cycles=cycle_statistics(explainer.calendar, start, end),
        patterns=_patterns_of(explainer, {e.id for e in in_range}),
        episodes=tuple(
            EpisodeRow(e.episode, e.cycle, e.triage.level is TriageLevel.URGENT)
            for e in explanations
        ),
        questions=_questions(data, explanations, figures, end),
        appointments=tuple(
            sorted((a for a in data.appointments if start <= a.date <= end), key=lambda a: a.date)
        ),
        cards=tuple(cards) if with_explanations else (),
        prep=prep,
        sources=_sources(cards),
        timeline=timeline_data(_range_data(data, in_range, start, end), severities),
        cycle_rows=tuple(r for r in cycle_rows(data, severities) if window <= r.start <= end),
        with_explanations=with_explanations,
    )


def _figures(
    in_range: Sequence[Episode], explanations: Sequence[Explanation], start: date, end: date
) -> SummaryFigures:
    return SummaryFigures(
        episodes=len(in_range),
        bleeding_days=_bleeding_days(in_range, start, end),
        after_sex=sum(1 for e in in_range if e.after_sex),
        between_periods=sum(1 for e in explanations if not e.cycle.in_period),
        heavy=sum(1 for e in in_range if e.amount.rank >= Amount.HEAVY.rank),
        longest_days=max((e.duration_days for e in in_range), default=0),
    )


def _patterns_of(explainer: Explainer, ids: set[str]) -> tuple[PatternItem, ...]:
    """The history patterns touching the range's episodes (or none in particular)."""
    return tuple(
        _pattern_item(p)
        for p in for_reading(explainer.patterns())
        if p.kind != "cycle-lengths" and (p.episode_ids & ids or not p.episode_ids)
    )


def _range_data(
    data: JournalData, in_range: Sequence[Episode], start: date, end: date
) -> JournalData:
    """What the range's timeline draws: its episodes, the periods touching it, the signs."""
    return JournalData(
        periods=tuple(p for p in data.periods if p.last_day >= start and p.start <= end),
        ovulation_signs=data.ovulation_signs,
        episodes=tuple(in_range),
    )


def _cards(
    explanations: Iterable[Explanation], explainer: Explainer
) -> tuple[list[CardSection], CardSection | None]:
    """Each card of the range once with its episode count (in the explainer's range
    order), and the appointment-prep card apart."""
    from journal.cards.matching import display_band, in_display_order

    counts: dict[str, int] = {}
    best: dict[str, CardMatch] = {}
    for explanation in explanations:
        for match in explanation.cards:
            counts[match.card.id] = counts.get(match.card.id, 0) + 1
            kept = best.get(match.card.id)
            if kept is None or match.score > kept.score:
                best[match.card.id] = match
    for card in explainer.catalogue:
        if card.rule.is_companion and card.id not in best:
            best[card.id] = CardMatch(card, (), card.rule.score)
    ordered = in_display_order(best.values())
    ordered.sort(key=lambda m: (display_band(m), -counts.get(m.card.id, 0)))
    sections: list[CardSection] = []
    prep: CardSection | None = None
    for card in (m.card for m in ordered):
        section = CardSection.of(card, episodes=counts.get(card.id, 0))
        if card.id == PREP_CARD:
            prep = section
        elif section.episodes:
            sections.append(section)
    return sections, prep


def _sources(cards: Sequence[CardSection]) -> tuple[SourceItem, ...]:
    supports: dict[str, list[str]] = {}
    for card in cards:
        for source in card.source.split("; "):  # a card may rest on several sources
            supports.setdefault(source, []).append(card.title)
    return tuple(SourceItem(source, tuple(titles)) for source, titles in supports.items())


def _range_note(data: JournalData, start: date, end: date) -> str:
    visits = [a for a in data.appointments if a.date == start]
    if visits:
        who = f" with {visits[-1].with_.strip()}" if visits[-1].with_.strip() else ""
        return f"Since the visit{who} on {DATES.long(start)}."
    return ""
