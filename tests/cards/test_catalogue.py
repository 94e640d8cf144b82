"""The card catalogue: the spec's 18 ids, every part present, and clear errors for bad files."""

from __future__ import annotations

import re
import tomllib

import pytest

from journal import resources
from journal.cards import DISCLAIMER, CardFileError, load_catalogue, parse_card
from journal.cards.catalogue import KNOWN_SOURCES
from journal.domain.vocabulary import Severity
from tests.helpers import shared_folder

SPEC_IDS = [
    "leftover-menstrual-blood",
    "ovulation-spotting",
    "implantation-bleeding",
    "breakthrough-bleeding",
    "cervical-trauma",
    "postcoital-bleeding",
    "cervical-ectropion",
    "dryness-micro-tears",
    "low-estrogen",
    "infection",
    "cervical-polyps",
    "dysplasia-screening",
    "uterine-causes",
    "pcos-endometriosis",
    "rare-causes",
    "see-a-provider",
    "urgent-care",
    "appointment-prep",
]
SECTIONS = ["What it is", "Why it happens", "What can be done", "When to see a provider"]


def test_catalogue_has_exactly_the_spec_ids_in_spec_order() -> None:
    assert load_catalogue().ids == SPEC_IDS


def test_ids_match_the_card_table_of_the_spec() -> None:
    spec = shared_folder() / "spec" / "product.md"
    table = spec.read_text(encoding="utf-8").split("## Explanation cards", 1)[1]
    ids = re.findall(r"^\| `([a-z-]+)` \|", table, flags=re.MULTILINE)
    assert ids == SPEC_IDS


@pytest.mark.parametrize("card_id", SPEC_IDS)
def test_every_card_has_every_part(card_id: str) -> None:
    card = load_catalogue()[card_id]
    assert card.title.strip()
    assert isinstance(card.severity, Severity)
    assert card.source in KNOWN_SOURCES
    headings = re.findall(r"^## (.+)$", card.body_markdown, flags=re.MULTILINE)
    assert headings == SECTIONS
    for section in card.body_markdown.split("## ")[1:]:
        assert len(section.split("\n", 1)[1].split()) >= 10, f"{card_id}: a section is empty"
    assert card.rule.any or card.rule.all or card.rule.accompanies


def test_severities_and_sources_follow_the_spec() -> None:
    catalogue = load_catalogue()
    assert catalogue["urgent-care"].severity is Severity.URGENT
    assert catalogue["see-a-provider"].severity is Severity.SEE_PROVIDER
    assert {c.id for c in catalogue if c.source == "General medical knowledge"} >= {
        "breakthrough-bleeding",
        "urgent-care",
    }
    assert catalogue["ovulation-spotting"].source.startswith("Why Is There Blood")
    assert catalogue["postcoital-bleeding"].source == "Bleeding After Sex: The Unwanted Plot Twist"


def test_card_files_are_valid_toml_front_matter() -> None:
    for file in resources.card_files():
        text = file.read_text(encoding="utf-8")
        front = text.split("+++\n")[1]
        assert tomllib.loads(front)["id"] == file.name.removesuffix(".md")


def test_cards_carry_the_facts_the_spec_asks_for() -> None:
    catalogue = load_catalogue()
    ectropion = catalogue["cervical-ectropion"].body_markdown
    for treatment in ("Silver nitrate", "cryotherapy", "LEEP", "Hysterectomy"):
        assert treatment in ectropion
    assert "hysteerctomy" not in ectropion.lower()
    low_estrogen = catalogue["low-estrogen"].body_markdown
    for state in ("giving birth", "breastfeeding", "menopause", "medicines"):
        assert state in low_estrogen
    assert "every hour" in catalogue["urgent-care"].body_markdown
    assert "6 and 12 days" in catalogue["implantation-bleeding"].body_markdown


def test_disclaimer_says_the_app_does_not_diagnose() -> None:
    assert "does not diagnose" in DISCLAIMER


def test_catalogue_is_loaded_once() -> None:
    assert load_catalogue() is load_catalogue()


GOOD = """+++
id = "x"
title = "X"
severity = "info"
source = "General medical knowledge"
[rule]
[[rule.any]]
trigger_any = ["intercourse"]
reason = "after {matched}"
+++
## What it is
Text.
"""


def test_a_minimal_card_parses() -> None:
    card = parse_card(GOOD, "x.md")
    assert card.id == "x"
    assert card.body_markdown.startswith("## What it is")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter", "must start with a '+++' line"),
        ("+++\nid = 'x'\n", "no closing '+++'"),
        (GOOD.replace('title = "X"', "title = "), "not valid TOML"),
        (GOOD.replace('title = "X"\n', ""), "lacks 'title'"),
        (GOOD.replace('"info"', '"minor"'), "severity must be one of"),
        (GOOD.replace("General medical knowledge", "My blog"), "source must be"),
        (GOOD.replace("trigger_any", "trigger_anyy"), "unknown test 'trigger_anyy'"),
        (GOOD.replace('["intercourse"]', '["sex"]'), "'sex' is not a valid Trigger"),
        (GOOD.replace("after {matched}", "after {when}"), "unknown fact {when}"),
        (GOOD.replace('reason = "after {matched}"\n', ""), "a reason is required here"),
        (GOOD.replace("## What it is\nText.\n", ""), "no body text"),
        (GOOD.replace("[rule]", "colour = 1\n[rule]"), "unknown front matter key 'colour'"),
        (GOOD.replace('trigger_any = ["intercourse"]', "dpo_between = [5, 1]"), "low <= high"),
    ],
)
def test_malformed_card_files_give_one_clear_sentence(text: str, message: str) -> None:
    with pytest.raises(CardFileError) as caught:
        parse_card(text, "broken.md")
    assert message in str(caught.value)
    assert str(caught.value).startswith("Card file 'broken.md'")
