"""Triage, the safety net: every row of the spec's table, how rows combine, and the cases
that got no card or only a reassuring one before (issue 9)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from journal.cards.triage import (
    NOTHING_PRESSING,
    NOW,
    ROWS,
    SOON,
    SOON_AFTER_MENOPAUSE,
    TODAY,
    TODAY_MIDWIFE,
    TODAY_TEST,
    Reason,
    TriageLevel,
    summarise,
)
from journal.domain.model import Period

from .card_builders import Setup, episode
from .triage_cases import BETWEEN, ROW_CASES, SPEC_ROWS, RowCase, case_id

D = date
ROW_BY_ID = {row.id: row for row in ROWS}


def test_every_row_has_a_case_and_a_near_case() -> None:
    covered = {case.row for case in ROW_CASES}
    assert set(ROW_BY_ID) == covered, set(ROW_BY_ID) ^ covered
    assert covered >= SPEC_ROWS


@pytest.mark.parametrize("case", ROW_CASES, ids=case_id)
def test_the_row_fires(case: RowCase) -> None:
    verdict = case.fires.explain().triage
    assert case.row in verdict.rows, verdict
    row = ROW_BY_ID[case.row]
    assert row.level.value == case.level
    assert verdict.level.rank >= row.level.rank
    # The timing is the most pressing of the reasons, so never less pressing than this row.
    assert verdict.timing in {r.timing.text for r in verdict.fired}
    assert max(r.timing.rank for r in verdict.fired) >= row.timing.rank


@pytest.mark.parametrize("case", ROW_CASES, ids=case_id)
def test_the_near_case_does_not_fire_it(case: RowCase) -> None:
    verdict = case.near.explain().triage
    assert case.row not in verdict.rows, verdict


def test_nothing_logged_that_calls_for_care_is_level_none() -> None:
    verdict = BETWEEN.explain().triage
    assert verdict.level is TriageLevel.NONE
    assert verdict.timing == NOTHING_PRESSING.text
    assert verdict.reasons == ()
    # It still says when to get checked: it never just reassures.
    assert "Get checked if" in verdict.timing


def test_highest_level_wins_every_reason_is_listed_timing_is_the_most_pressing() -> None:
    verdict = (
        BETWEEN.but(
            trigger="intercourse",
            symptoms=("fever", "clots"),
            medications=(),
            life_stage="postmenopause",
        )
        .explain()
        .triage
    )
    assert verdict.level is TriageLevel.URGENT
    assert verdict.timing == TODAY.text
    assert set(verdict.rows) >= {"fever", "after-sex", "after-menopause", "clots-between-periods"}
    assert verdict.rows[0] == "fever"  # most pressing first
    assert verdict.reasons_at(TriageLevel.SEE_PROVIDER)


def test_summarise_picks_level_and_timing_independently() -> None:
    soon = Reason("a", TriageLevel.SEE_PROVIDER, SOON, "a")
    menopause = Reason("b", TriageLevel.SEE_PROVIDER, SOON_AFTER_MENOPAUSE, "b")
    check = Reason("c", TriageLevel.CHECK, NOW, "c")  # an odd pairing, to see both rules work
    assert summarise([menopause, soon]).timing == SOON.text
    assert summarise([menopause]).timing == SOON_AFTER_MENOPAUSE.text
    mixed = summarise([check, menopause])
    assert mixed.level is TriageLevel.SEE_PROVIDER
    assert mixed.timing == NOW.text
    assert mixed.reasons == ("b", "c")


def test_timings_follow_the_spec_table() -> None:
    assert Setup(day=D(2026, 1, 5), amount="very-heavy").explain().triage.timing == NOW.text
    assert BETWEEN.but(symptoms=("fever",)).explain().triage.timing == TODAY.text
    assert BETWEEN.but(life_stage="pregnant").explain().triage.timing == TODAY_MIDWIFE.text
    assert Setup(day=D(2026, 4, 10)).explain().triage.timing == TODAY_TEST.text
    assert BETWEEN.but(trigger="intercourse").explain().triage.timing == SOON.text
    postmenopause = BETWEEN.but(life_stage="postmenopause").explain().triage
    assert postmenopause.timing == SOON_AFTER_MENOPAUSE.text
    assert "two weeks" in postmenopause.timing
    assert NOW.text.startswith("Now: emergency care")
    assert "emergency number" in NOW.text


def test_a_red_flag_with_spotting_is_still_a_red_flag() -> None:
    for amount in ("spotting", "light", "moderate", "heavy", "very-heavy"):
        verdict = BETWEEN.but(amount=amount, symptoms=("fever",)).explain().triage
        assert verdict.level is TriageLevel.URGENT, amount


def test_an_ongoing_episode_counts_up_to_today_from_the_clock() -> None:
    from journal import clock
    from journal.cards import Explainer

    setup = BETWEEN.but(ongoing=True)
    data = setup.data()
    clock.set_now(lambda: __import__("datetime").datetime(2026, 1, 30, 9, 0))
    try:
        verdict = Explainer(data).explain("e").triage  # no today given: the clock's
    finally:
        clock.set_now(None)
    assert "lasting" in verdict.rows
    assert "still bleeding after 11 days, more than a week" in verdict.reasons


def test_pattern_reasons_that_call_for_a_visit_are_triage_reasons_too() -> None:
    # Bleeding after sex twice in 90 days: the pattern raises "Get this bleeding checked";
    # triage lists it, so the triage line and the card agree.
    setup = BETWEEN.but(
        trigger="intercourse", others=(episode("a", D(2026, 1, 2), trigger="intercourse"),)
    )
    explanation = setup.explain()
    triage_reasons = explanation.triage.reasons_at(TriageLevel.SEE_PROVIDER)
    card = next(m for m in explanation.cards if m.card.id == "see-a-provider")
    assert card.reasons == triage_reasons
    assert any("keeps coming back" in r for r in triage_reasons)


# --------------------------------------------------------------------------- issue 9 cases

LAST_START = D(2026, 2, 28)  # the default cycle's last period; cycles are 28 days


def _cards(setup: Setup) -> list[str]:
    return setup.explain().card_ids


def test_late_period_no_contraception_severe_pain_and_dizziness_is_an_emergency() -> None:
    setup = Setup(
        day=LAST_START + timedelta(days=28 + 12),  # 12 days late
        pain="severe",
        symptoms=("pelvic-pain", "dizziness"),
    )
    explanation = setup.explain()
    assert explanation.cycle.days_late == 12
    assert explanation.triage.level is TriageLevel.URGENT
    assert explanation.triage.timing == NOW.text
    assert "pregnancy-danger" in explanation.triage.rows
    assert explanation.card_ids[0] == "urgent-care"
    assert {"pregnancy-bleeding", "possible-pregnancy"} <= set(explanation.card_ids)
    assert "implantation-bleeding" not in explanation.card_ids


def test_trying_to_conceive_at_9_dpo_with_severe_pain_is_not_implantation_alone() -> None:
    setup = Setup(
        day=D(2026, 1, 26), trying=True, pain="severe", symptoms=("pelvic-pain", "dizziness")
    )
    explanation = setup.explain()
    assert explanation.cycle.dpo == 9
    assert explanation.triage.level is TriageLevel.URGENT
    assert explanation.card_ids[0] == "urgent-care"


def test_fever_pelvic_pain_and_discharge_without_sex() -> None:
    setup = BETWEEN.but(symptoms=("fever", "pelvic-pain", "unusual-discharge"))
    explanation = setup.explain()
    assert explanation.triage.level is TriageLevel.URGENT
    assert explanation.triage.timing == TODAY.text
    assert explanation.card_ids[0] == "urgent-care"
    assert "infection" in explanation.card_ids


def test_moderate_bleeding_between_periods_with_dizziness() -> None:
    explanation = BETWEEN.but(amount="moderate", symptoms=("dizziness",)).explain()
    assert explanation.triage.level is TriageLevel.URGENT
    assert "urgent-care" in explanation.card_ids


def test_copper_iud_spotting_with_severe_pain_and_fever() -> None:
    setup = BETWEEN.but(contraception="copper-iud", pain="severe", symptoms=("fever",))
    explanation = setup.explain()
    assert explanation.triage.level is TriageLevel.URGENT
    assert explanation.card_ids[0] == "urgent-care"
    assert "uterine-causes" in explanation.card_ids  # still explained, never alone


def test_pregnant_spotting_with_dizziness_and_pelvic_pain_is_now_not_days_to_weeks() -> None:
    explanation = BETWEEN.but(
        life_stage="pregnant", symptoms=("dizziness", "pelvic-pain")
    ).explain()
    assert explanation.triage.level is TriageLevel.URGENT
    assert explanation.triage.timing == NOW.text
    assert explanation.card_ids[:2] == ["urgent-care", "pregnancy-bleeding"]
    assert "see-a-provider" not in explanation.card_ids
    assert not any("weeks" in r for r in explanation.triage.reasons)


def test_after_a_birth_heavy_bleeding_with_clots_and_fever_with_a_smell_are_urgent() -> None:
    after_birth = BETWEEN.but(life_stage="postpartum", method_since=D(2025, 12, 20))
    clots = after_birth.but(amount="heavy", symptoms=("clots",)).explain()
    assert clots.triage.level is TriageLevel.URGENT
    assert "after-birth-warning" in clots.triage.rows
    smell = after_birth.but(symptoms=("fever", "odour"), pain="moderate").explain()
    assert smell.triage.level is TriageLevel.URGENT
    assert "after-birth-warning" in smell.triage.rows
    assert {"urgent-care", "postpartum-bleeding"} <= set(smell.card_ids)


def test_long_term_pill_spotting_with_severe_pain_is_not_breakthrough_alone() -> None:
    setup = BETWEEN.but(contraception="combined-pill", method_since=D(2023, 1, 1), pain="severe")
    explanation = setup.explain()
    assert explanation.triage.level is TriageLevel.URGENT
    assert explanation.card_ids[0] == "urgent-care"
    assert "breakthrough-bleeding" in explanation.card_ids


def test_spotting_before_every_period_for_9_cycles_is_a_pattern_not_implantation() -> None:
    starts = [D(2025, 6, 1) + timedelta(days=28 * i) for i in range(10)]
    periods = tuple(Period(s, s + timedelta(days=4)) for s in starts)
    days = [s + timedelta(days=24) for s in starts[:9]]  # cycle day 25, 10 days past ovulation
    others = tuple(episode(f"o{i}", day) for i, day in enumerate(days[:-1]))
    setup = Setup(day=days[-1], periods=periods, others=others)
    explanation = setup.explain()
    assert explanation.cycle.dpo == 10
    assert "implantation-bleeding" not in explanation.card_ids
    assert "same-phase" in explanation.triage.rows
    assert explanation.triage.level is TriageLevel.SEE_PROVIDER
    # The first time it was a fair question; by the third followed cycle it is a pattern.
    first = Setup(day=days[0], periods=periods, others=(*others[1:], episode("x", days[-1])))
    assert "implantation-bleeding" in first.explain().card_ids


def test_bleeding_after_sex_inside_a_logged_period_is_the_period() -> None:
    explanation = Setup(day=D(2026, 1, 5), trigger="intercourse").explain()
    after_sex_cards = {
        "postcoital-bleeding",
        "cervical-trauma",
        "dryness-micro-tears",
        "cervical-ectropion",
        "infection",
        "cervical-polyps",
        "dysplasia-screening",
        "see-a-provider",
        "rare-causes",
    }
    assert not after_sex_cards & set(explanation.card_ids), explanation.card_ids
    assert explanation.triage.level is TriageLevel.NONE


def test_with_no_context_logged_no_reason_asserts_contraception() -> None:
    setup = Setup(day=D(2026, 1, 26), logged_context=False)
    explanation = setup.explain()
    reasons = [r for m in explanation.cards for r in m.reasons] + list(explanation.triage.reasons)
    assert "no contraception is logged, so a pregnancy is possible" in reasons
    assert not any("was in use" in r or "you were using" in r for r in reasons)
    late = Setup(day=D(2026, 4, 10), logged_context=False).explain()
    pregnancy = next(m for m in late.cards if m.card.id == "pregnancy-bleeding")
    assert "no contraception is logged for that date" in pregnancy.reasons


def test_postcoital_reassurance_never_stands_alone_in_pregnancy_or_after_menopause() -> None:
    for setup, companion in (
        (BETWEEN.but(trigger="intercourse", life_stage="pregnant"), "pregnancy-bleeding"),
        (BETWEEN.but(trigger="intercourse", life_stage="postmenopause"), "postmenopausal-bleeding"),
    ):
        explanation = setup.explain()
        ids = explanation.card_ids
        assert ids.index(companion) < ids.index("postcoital-bleeding")
        postcoital = next(m for m in explanation.cards if m.card.id == "postcoital-bleeding")
        assert any(companion.split("-")[0] in r or "menopause" in r for r in postcoital.reasons)
