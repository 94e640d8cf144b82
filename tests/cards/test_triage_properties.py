"""Triage properties over random journals: red flags are urgent whatever else is logged,
pregnancy and menopause always call for a visit, and no common card is ever left alone
beside a warning sign."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.cards import Explainer, Explanation, TriageLevel
from journal.domain.model import (
    ContextEntry,
    Episode,
    JournalData,
    Medication,
    Period,
    PregnancyTest,
    Profile,
)
from journal.domain.vocabulary import (
    Amount,
    Colour,
    Contraception,
    LifeStage,
    MedicationName,
    Mucus,
    Pain,
    Pregnancy,
    PregnancyTestResult,
    Severity,
    Symptom,
    Trigger,
)

START = date(2025, 1, 1)
TODAY = date(2026, 6, 30)
RED_FLAGS = {Symptom.FEVER, Symptom.FAINTING, Symptom.DIZZINESS}
day_offsets = st.integers(min_value=0, max_value=500)


@st.composite
def episodes(draw: st.DrawFn, index: int) -> Episode:
    day = START + timedelta(days=draw(day_offsets))
    ongoing = draw(st.booleans()) and draw(st.booleans())
    return Episode(
        id=f"e{index}",
        started_at=day,
        amount=draw(st.sampled_from(Amount)),
        ended_at=None if ongoing else day + timedelta(days=draw(st.integers(0, 10))),
        colour=draw(st.none() | st.sampled_from(Colour)),
        in_mucus=draw(st.booleans()),
        mucus=draw(st.sampled_from(Mucus)),
        trigger=draw(st.sampled_from(Trigger)),
        pain=draw(st.sampled_from(Pain)),
        symptoms=frozenset(draw(st.sets(st.sampled_from(Symptom), max_size=4))),
        ongoing=ongoing,
    )


@st.composite
def journals(draw: st.DrawFn) -> JournalData:
    count = draw(st.integers(1, 8))
    starts = sorted(set(draw(st.lists(day_offsets, max_size=14))))
    periods = tuple(
        Period(START + timedelta(days=s), START + timedelta(days=s + draw(st.integers(0, 6))))
        for s in starts
    )
    context = tuple(
        ContextEntry(
            since=START + timedelta(days=s),
            life_stage=draw(st.sampled_from(LifeStage)),
            contraception=draw(st.sampled_from(Contraception)),
            trying_to_conceive=draw(st.booleans()),
        )
        for s in sorted(set(draw(st.lists(day_offsets, max_size=3))))
    )
    medications = tuple(
        Medication(
            draw(st.sampled_from(MedicationName)),
            START + timedelta(days=draw(day_offsets)),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    tests = tuple(
        PregnancyTest(
            START + timedelta(days=draw(day_offsets)), draw(st.sampled_from(PregnancyTestResult))
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    return JournalData(
        context=context,
        periods=periods,
        medications=medications,
        pregnancy_tests=tests,
        profile=Profile(birth_year=draw(st.none() | st.integers(1950, 2010))),
        episodes=tuple(draw(episodes(i)) for i in range(count)),
    )


def _explanations(data: JournalData) -> list[Explanation]:
    explainer = Explainer(data, today=TODAY)
    return [explainer.explain(e.id) for e in data.episodes]


@settings(max_examples=100, deadline=None)
@given(journals())
def test_red_flags_are_urgent_whatever_the_amount_cards_or_context(data: JournalData) -> None:
    for explanation in _explanations(data):
        episode = explanation.episode
        flagged = bool(episode.symptoms & RED_FLAGS) or episode.pain is Pain.SEVERE
        if flagged:
            assert explanation.triage.level is TriageLevel.URGENT
            assert explanation.card_ids[0] == "urgent-care"
            # No common card is ever the only thing shown beside a warning sign.
            assert any(m.card.severity is not Severity.INFO for m in explanation.cards)
        if episode.amount is Amount.VERY_HEAVY:
            assert explanation.triage.level is TriageLevel.URGENT


@settings(max_examples=100, deadline=None)
@given(journals())
def test_pregnancy_and_menopause_always_call_for_a_visit(data: JournalData) -> None:
    for explanation in _explanations(data):
        verdict, cycle = explanation.triage, explanation.cycle
        if cycle.pregnancy is Pregnancy.PREGNANT:
            assert verdict.level.rank >= TriageLevel.SEE_PROVIDER.rank
            assert verdict.timing.startswith(("Now:", "Today:"))
            assert "pregnancy-bleeding" in explanation.card_ids
        if cycle.pregnancy is Pregnancy.POSSIBLE:
            assert verdict.level.rank >= TriageLevel.SEE_PROVIDER.rank
            assert verdict.timing.startswith(("Now:", "Today:"))
        if explanation.context.life_stage is LifeStage.POSTMENOPAUSE:
            assert verdict.level.rank >= TriageLevel.SEE_PROVIDER.rank
            assert cycle.pregnancy not in (Pregnancy.PREGNANT, Pregnancy.POSSIBLE)


@settings(max_examples=100, deadline=None)
@given(journals())
def test_triage_and_cards_agree(data: JournalData) -> None:
    for explanation in _explanations(data):
        verdict, ids = explanation.triage, explanation.card_ids
        urgent = verdict.reasons_at(TriageLevel.URGENT)
        provider = verdict.reasons_at(TriageLevel.SEE_PROVIDER)
        assert ("urgent-care" in ids) == bool(urgent)
        assert ("see-a-provider" in ids) == bool(provider)
        for match in explanation.cards:
            if match.card.id == "urgent-care":
                assert match.reasons == urgent
            if match.card.id == "see-a-provider":
                assert match.reasons == provider
        if urgent:
            assert ids[0] == "urgent-care"
        elif provider:
            assert ids[0] == "see-a-provider"
        if verdict.involves_pregnancy:
            assert "pregnancy-bleeding" in ids
        pressing = {"urgent-care", "see-a-provider"} & set(ids)
        if pressing:
            assert ids[-1] == "appointment-prep"
        assert verdict.level.rank == max((r.level.rank for r in verdict.fired), default=0)
        assert all(r.strip() and "{" not in r for r in verdict.reasons)
        everything = list(verdict.reasons) + [r for m in explanation.cards for r in m.reasons]
        assert not any("was in use" in r for r in everything)
