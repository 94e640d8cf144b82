"""The rule language itself, on small hand-made cards: all / any groups / none / boost."""

from __future__ import annotations

from datetime import date

from journal.cards import Catalogue, Explainer, parse_card
from journal.cards.rules import join_words, ordinal, phrase
from journal.domain.vocabulary import Contraception, Symptom

from .card_builders import Setup

RULE = """+++
id = "{id}"
title = "Test card"
severity = "{severity}"
source = "General medical knowledge"
{extra}
[rule]
score = 10

[[rule.all]]
in_period = false

[[rule.any]]
group = "what"
trigger_any = ["intercourse", "pelvic-exam"]
reason = "after {{matched}}"

[[rule.any]]
group = "when"
dpo_between = [0, 5]
reason = "{{dpo_phrase}}"

[[rule.any]]
group = "when"
symptoms_any = ["itching", "odour"]
reason = "with {{matched}}"

[[rule.none]]
life_stage_any = ["pregnant"]

[[rule.boost]]
colour_any = ["bright-red"]
score = 7
reason = "bright"
+++
## What it is
Body.
"""
COMPANION = """+++
id = "companion"
title = "Companion"
severity = "info"
source = "General medical knowledge"
[rule]
accompanies = ["check"]
accompany_reason = "with {matched}"
+++
Body.
"""


def explainer(setup: Setup) -> Explainer:
    card = parse_card(RULE.format(id="test", severity="check", extra=""), "test.md")
    return Explainer(setup.data(), Catalogue([card, parse_card(COMPANION, "companion.md")]))


def shown(setup: Setup) -> dict[str, tuple[str, ...]]:
    return {m.card.id: m.reasons for m in explainer(setup).explain("e").cards}


BASE = Setup(day=date(2026, 1, 20), trigger="intercourse")  # dpo 3


def test_every_group_must_hold_and_every_holding_entry_gives_its_reason() -> None:
    both = BASE.but(symptoms=("odour", "itching"))
    assert shown(both)["test"] == (
        "after intercourse",
        "day 3 past estimated ovulation",
        "with itching and odour",
    )
    assert "test" not in shown(BASE.but(trigger="minor-injury"))  # group "what" fails
    assert "test" not in shown(BASE.but(day=date(2026, 1, 25)))  # dpo 8: group "when" fails
    assert "test" in shown(BASE.but(day=date(2026, 1, 25), symptoms=("odour",)))


def test_all_and_none_rule_the_card_out() -> None:
    assert "test" not in shown(BASE.but(day=date(2026, 1, 5)))  # inside a period
    assert "test" not in shown(BASE.but(life_stage="pregnant"))


def test_boost_raises_the_score_and_says_why() -> None:
    plain = explainer(BASE).explain("e").cards[0]
    bright = explainer(BASE.but(colour="bright-red")).explain("e").cards[0]
    assert bright.score == plain.score + 7
    assert bright.reasons[-1] == "bright"


def test_companion_follows_the_severities_it_accompanies() -> None:
    reasons = shown(BASE)
    assert reasons["companion"] == ("with “Test card”",)
    assert list(reasons) == ["test", "companion"]
    assert "companion" not in shown(BASE.but(trigger="none"))


def test_phrases_read_well_in_a_sentence() -> None:
    assert phrase(Contraception.NONE) == "no contraception"
    assert phrase(Contraception.HORMONAL_IUD) == "a hormonal IUD"
    assert phrase(Symptom.UNUSUAL_DISCHARGE) == "unusual discharge"
    assert join_words(["a", "b", "c"]) == "a, b and c"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd",
    ]  # fmt: skip
