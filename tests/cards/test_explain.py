"""The explainer: JSON shape, dated context, range summaries, errors, purity."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from journal.cards import Explainer, TriageLevel, UnknownEpisodeError
from journal.domain.model import ContextEntry, JournalData
from journal.domain.vocabulary import Contraception, LifeStage, Severity

from .card_builders import PERIODS, Setup, episode

D = date


def test_to_json_has_the_show_command_shape() -> None:
    explanation = Setup(day=D(2026, 1, 20), trigger="intercourse").explain()
    document = explanation.to_json()
    assert list(document) == ["episode", "cycle", "triage", "cards", "patterns"]
    assert list(document["triage"]) == ["level", "timing", "reasons"]
    assert document["triage"]["level"] == "see-provider"
    assert document["triage"]["reasons"] == ["bleeding after sex, outside a period"]
    assert document["episode"]["id"] == "e"
    assert document["episode"]["trigger"] == "intercourse"
    assert document["cycle"]["cycle_day"] == 18
    assert document["cycle"]["dpo"] == 3
    first = document["cards"][0]
    assert list(first) == ["id", "title", "severity", "reasons"]
    assert first["id"] == "see-a-provider"
    assert first["severity"] == "see-provider"
    assert all(card["reasons"] for card in document["cards"])
    json.dumps(document)  # plain JSON all the way down


def test_context_is_the_one_in_force_on_the_episode_date() -> None:
    # Breastfeeding from 2025-01-01, back to the reproductive years from 2025-09-01.
    context = (
        ContextEntry(D(2025, 1, 1), LifeStage.BREASTFEEDING, Contraception.NONE),
        ContextEntry(D(2025, 9, 1), LifeStage.REPRODUCTIVE, Contraception.NONE),
    )
    data = JournalData(
        context=context,
        episodes=(
            episode("then", D(2025, 3, 10), trigger="intercourse"),
            episode("later", D(2026, 3, 10), trigger="intercourse"),
        ),
    )
    explainer = Explainer(data)
    assert "low-estrogen" in explainer.explain("then").card_ids
    assert "low-estrogen" not in explainer.explain("later").card_ids
    assert explainer.explain("then").context.life_stage is LifeStage.BREASTFEEDING


def test_breakthrough_boost_fades_with_time_on_a_method() -> None:
    early = Setup(day=D(2026, 1, 20), contraception="implant", method_since=D(2025, 12, 1))
    late = early.but(method_since=D(2024, 12, 1))
    assert any("for only" in r for r in early.reasons("breakthrough-bleeding"))
    assert not any("for only" in r for r in late.reasons("breakthrough-bleeding"))


def test_unknown_episode_is_one_clear_sentence() -> None:
    with pytest.raises(UnknownEpisodeError, match=r"^There is no episode with id 'nope'\.$"):
        Explainer(JournalData()).explain("nope")


def test_cards_for_range_counts_each_card_once() -> None:
    data = JournalData(
        periods=PERIODS,
        episodes=(
            episode("a", D(2026, 1, 20), trigger="intercourse"),
            episode("b", D(2026, 1, 21), trigger="intercourse"),
            episode("c", D(2026, 1, 10), colour="brown"),
            episode("outside", D(2026, 3, 20), trigger="intercourse"),
        ),
    )
    summary = Explainer(data).cards_for_range(D(2026, 1, 1), D(2026, 1, 31))
    counts = {card.id: count for card, count in summary}
    assert len(counts) == len(summary)
    assert counts["postcoital-bleeding"] == 2
    assert counts["leftover-menstrual-blood"] == 1
    assert counts["see-a-provider"] == 2
    assert summary[0][0].id == "see-a-provider"
    assert summary[-1][0].id == "appointment-prep"


def test_range_summary_always_has_appointment_prep() -> None:
    data = JournalData(periods=PERIODS, episodes=(episode("c", D(2026, 1, 10), colour="brown"),))
    summary = Explainer(data).cards_for_range(D(2026, 1, 1), D(2026, 1, 31))
    assert [(card.id, count) for card, count in summary] == [
        ("leftover-menstrual-blood", 1),
        ("appointment-prep", 0),
    ]


def test_patterns_of_an_episode_are_the_ones_it_belongs_to() -> None:
    data = JournalData(
        periods=PERIODS,
        episodes=(
            episode("a", D(2026, 1, 20), trigger="intercourse"),
            episode("b", D(2026, 2, 10), trigger="intercourse"),
            episode("c", D(2026, 2, 12)),
        ),
    )
    explainer = Explainer(data)
    ids_a = {p.kind for p in explainer.explain("a").patterns}
    ids_c = {p.kind for p in explainer.explain("c").patterns}
    assert "after-sex-recurring" in ids_a
    assert "after-sex-recurring" not in ids_c
    assert {p.kind for p in explainer.patterns()} >= {"after-sex-recurring", "cycle-lengths"}


def test_the_card_package_imports_no_qt_sql_or_plotting() -> None:
    code = (
        "import sys, journal.cards; "
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "{'PySide6', 'sqlalchemy', 'sqlcipher3', 'matplotlib'}]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_flag_lists_and_charts_show_follows_triage_and_never_lowers_it() -> None:
    """An episode's flag is at least its triage level: a red flag with light spotting and
    only reassuring cards is still flagged urgent."""
    fever = Setup(day=D(2026, 1, 11), symptoms=("fever",)).explain()
    assert fever.triage.level is TriageLevel.URGENT
    assert fever.flag is Severity.URGENT
    after_sex = Setup(day=D(2026, 1, 20), trigger="intercourse").explain()
    assert after_sex.triage.level is TriageLevel.SEE_PROVIDER
    assert after_sex.flag is not None and after_sex.flag.rank >= Severity.SEE_PROVIDER.rank
    # Nothing to do now: the cards' own severity; nothing at all on a period day.
    ovulation = Setup(day=D(2026, 1, 17), in_mucus=True, mucus="egg-white").explain()
    assert ovulation.triage.level is TriageLevel.NONE
    assert ovulation.card_ids == ["ovulation-spotting"]
    assert ovulation.flag is Severity.INFO
    assert Setup(day=D(2026, 1, 4)).explain().flag is None
