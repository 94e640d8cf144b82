"""Report content built from a hand-made journal: figures, ranges, cards, patterns, table."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from journal.cards import DISCLAIMER, Explainer, TriageLevel
from journal.cards.describe import Label
from journal.domain.dates import DATES
from journal.domain.model import Appointment, JournalData
from journal.domain.vocabulary import Severity, Symptom
from journal.reports.content import (
    appointment_summary,
    default_range,
    episode_report,
    months_before,
)
from journal.reports.html import summary_html

from .report_data import NOTE_BOLD

TODAY = date(2026, 11, 22)
VISIT = date(2026, 8, 20)


def test_default_range_starts_at_the_last_visit(data: JournalData) -> None:
    assert default_range(data, TODAY) == (VISIT, TODAY)


def test_default_range_ignores_future_visits_and_falls_back_to_six_months(
    data: JournalData,
) -> None:
    without = JournalData(episodes=data.episodes, periods=data.periods)
    assert default_range(without, TODAY) == (date(2026, 5, 22), TODAY)
    planned = JournalData(appointments=(Appointment(date(2026, 12, 1), "GP"),))
    assert default_range(planned, TODAY) == (date(2026, 5, 22), TODAY)


def test_months_before_clamps_to_the_end_of_shorter_months() -> None:
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 12) == date(2025, 1, 15)


def test_summary_figures_match_the_data(data: JournalData) -> None:
    summary = appointment_summary(data, Explainer(data), VISIT, TODAY, TODAY)
    figures = summary.figures
    # ep-before (July) lies before the visit and is left out.
    assert [row.episode.id for row in summary.episodes] == [
        "ep-sex-1",
        "ep-mid",
        "ep-sex-2",
        "ep-heavy",
        "ep-late",
    ]
    assert figures.episodes == 5
    assert figures.bleeding_days == 6  # ep-mid covers two days
    assert figures.after_sex == 2
    assert figures.heavy == 1
    assert figures.between_periods == 4  # the heavy one was during a period
    assert summary.cycles.lengths == (30, 28)
    assert summary.cycles.median == 29.0
    assert summary.range_note == "Since the visit with Dr <i>Who</i> on 20 August 2026."


def test_summary_cards_are_each_listed_once_like_the_explainer_says(data: JournalData) -> None:
    explainer = Explainer(data)
    assert appointment_summary(data, explainer, VISIT, TODAY, TODAY).cards == ()
    summary = appointment_summary(data, explainer, VISIT, TODAY, TODAY, with_explanations=True)
    expected = [(card.id, count) for card, count in explainer.cards_for_range(VISIT, TODAY)]
    shown = [(c.id, c.episodes) for c in summary.cards]
    assert summary.prep is not None
    assert [*shown, (summary.prep.id, summary.prep.episodes)] == expected
    assert len({c.id for c in summary.cards}) == len(summary.cards)
    assert summary.cards[0].severity is Severity.SEE_PROVIDER
    assert "Questions worth asking" in summary.prep.body_markdown
    assert any("after sex twice" in q for q in summary.questions)


def test_summary_patterns_concern_the_range(data: JournalData) -> None:
    summary = appointment_summary(data, Explainer(data), VISIT, TODAY, TODAY)
    titles = [p.title for p in summary.patterns]
    assert "Bleeding after sex keeps coming back" in titles
    recurring = summary.patterns[titles.index("Bleeding after sex keeps coming back")]
    assert any(DATES.short(date(2026, 9, 5)) in line for line in recurring.evidence)


def test_summary_range_swapped_and_empty(data: JournalData) -> None:
    summary = appointment_summary(data, Explainer(data), TODAY, VISIT, TODAY)
    assert (summary.start, summary.end) == (VISIT, TODAY)
    empty = appointment_summary(data, Explainer(data), date(2020, 1, 1), date(2020, 2, 1), TODAY)
    assert empty.figures.episodes == 0
    assert empty.cards == ()
    assert empty.prep is not None  # every range report carries appointment-prep


def test_episode_report_carries_the_episode_cards_and_statement(data: JournalData) -> None:
    explainer = Explainer(data)
    report = episode_report(explainer.explain("ep-sex-1"), data, TODAY)
    fields = {f.label: f.value for f in report.details}
    assert fields[Label.WHEN] == "5 September 2026, 22:30"
    assert fields[Label.BEFORE] == "Intercourse"
    assert fields["Symptoms"] == "Vaginal dryness"
    assert report.notes == NOTE_BOLD
    cycle = {f.label: f.value for f in report.cycle}
    assert cycle[Label.CYCLE_DAY] == "Day 10"
    context = {f.label: f.value for f in report.context}
    assert context[Label.TRYING] == "Yes"
    assert [c.id for c in report.cards] == explainer.explain("ep-sex-1").card_ids
    assert all(c.reasons for c in report.cards)
    assert report.disclaimer == DISCLAIMER


def test_only_urgent_rows_stand_out_in_the_episode_table(data: JournalData) -> None:
    """Bold marks the rows to act on now; rows that call for a visit stay plain (bolding
    every row the attention list names would mark nearly all of them)."""
    fever = replace(
        next(e for e in data.episodes if e.id == "ep-mid"), symptoms=frozenset({Symptom.FEVER})
    )
    data = replace(data, episodes=tuple(fever if e.id == fever.id else e for e in data.episodes))
    explainer = Explainer(data)
    summary = appointment_summary(data, explainer, VISIT, TODAY, TODAY)
    levels = {e.id: explainer.explain(e.id).triage.level for e in data.episodes}
    assert levels["ep-mid"] is TriageLevel.URGENT
    assert levels["ep-sex-1"] is TriageLevel.SEE_PROVIDER
    flagged = {row.episode.id for row in summary.episodes if row.flagged}
    assert flagged == {"ep-mid"}
    assert "Bold dates: seek care urgently" in summary_html(summary)
    plain = replace(data, episodes=tuple(e for e in data.episodes if e.id != "ep-mid"))
    calm = appointment_summary(plain, Explainer(plain), VISIT, TODAY, TODAY)
    assert calm.episodes and not any(row.flagged for row in calm.episodes)
    assert "Bold dates" not in summary_html(calm)
