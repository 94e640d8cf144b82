"""The card catalogue: the spec's 23 ids, every part present, and clear errors for bad files."""

from __future__ import annotations

import re
import tomllib

import pytest

from journal import resources
from journal.cards import DISCLAIMER, CardFileError, load_catalogue, parse_card
from journal.cards.catalogue import BLEEDING_AFTER_SEX_ARTICLE, GENERAL_GUIDANCE, KNOWN_SOURCES
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
    "pregnancy-bleeding",
    "possible-pregnancy",
    "postpartum-bleeding",
    "postmenopausal-bleeding",
    "hormone-therapy-bleeding",
    "appointment-prep",
]
NEW_GUIDANCE_CARDS = SPEC_IDS[17:22]
SECTIONS = ["What it is", "Why it happens", "What can be done", "When to see a provider"]


def test_catalogue_has_exactly_the_spec_ids_in_spec_order() -> None:
    assert load_catalogue().ids == SPEC_IDS


def test_ids_match_the_card_table_of_the_spec() -> None:
    spec = shared_folder() / "spec" / "product.md"
    section = spec.read_text(encoding="utf-8").split("## Explanation cards", 1)[1]
    table = section.split("### Triage", 1)[0]  # the triage table that follows has levels
    ids = re.findall(r"^\| `([a-z-]+)` \|", table, flags=re.MULTILINE)
    assert ids == SPEC_IDS


@pytest.mark.parametrize("card_id", SPEC_IDS)
def test_every_card_has_every_part(card_id: str) -> None:
    card = load_catalogue()[card_id]
    assert card.title.strip()
    assert isinstance(card.severity, Severity)
    assert card.sources and set(card.sources) <= KNOWN_SOURCES
    if card.rests_on_general_guidance:
        # Its body says which part rests on general medical guidance.
        assert "general medical guidance" in _flat(card.body_markdown), card_id
    headings = re.findall(r"^## (.+)$", card.body_markdown, flags=re.MULTILINE)
    assert headings == SECTIONS
    for section in card.body_markdown.split("## ")[1:]:
        assert len(section.split("\n", 1)[1].split()) >= 10, f"{card_id}: a section is empty"
    assert card.rule.any or card.rule.all or card.rule.accompanies or card.rule.triage


def _flat(markdown: str) -> str:
    """The text with its line breaks and runs of spaces made single spaces."""
    return " ".join(markdown.split())


def test_severities_and_sources_follow_the_spec() -> None:
    catalogue = load_catalogue()
    assert catalogue["urgent-care"].severity is Severity.URGENT
    assert catalogue["see-a-provider"].severity is Severity.SEE_PROVIDER
    assert {c.id for c in catalogue if c.sources == (GENERAL_GUIDANCE,)} >= {
        "breakthrough-bleeding",
        "urgent-care",
        *NEW_GUIDANCE_CARDS[:3],
        "hormone-therapy-bleeding",
    }
    assert catalogue["ovulation-spotting"].sources[0].startswith("Why Is There Blood")
    assert catalogue["postcoital-bleeding"].sources[0] == BLEEDING_AFTER_SEX_ARTICLE
    # see-a-provider draws on both articles, and says so.
    assert set(catalogue["see-a-provider"].sources) == KNOWN_SOURCES
    assert catalogue["postmenopausal-bleeding"].sources == (
        BLEEDING_AFTER_SEX_ARTICLE,
        GENERAL_GUIDANCE,
    )
    for card_id in NEW_GUIDANCE_CARDS:
        assert "rests on general medical guidance" in _flat(catalogue[card_id].body_markdown)


def test_a_card_lists_several_sources_and_the_old_name_still_reads() -> None:
    card = parse_card(
        GOOD.replace(
            'source = "General medical knowledge"',
            'sources = ["Bleeding After Sex: The Unwanted Plot Twist", "General medical guidance"]',
        ),
        "x.md",
    )
    assert card.sources == (BLEEDING_AFTER_SEX_ARTICLE, GENERAL_GUIDANCE)
    assert card.source == f"{BLEEDING_AFTER_SEX_ARTICLE}; {GENERAL_GUIDANCE}"
    assert parse_card(GOOD, "x.md").sources == (GENERAL_GUIDANCE,)


def test_card_files_are_valid_toml_front_matter() -> None:
    for file in resources.card_files():
        text = file.read_text(encoding="utf-8")
        front = text.split("+++\n")[1]
        assert tomllib.loads(front)["id"] == file.name.removesuffix(".md")


def test_cards_carry_the_facts_the_spec_asks_for() -> None:
    catalogue = load_catalogue()
    ectropion = _flat(catalogue["cervical-ectropion"].body_markdown)
    for treatment in ("Silver nitrate", "cryotherapy", "LEEP", "Hysterectomy"):
        assert treatment in ectropion
    assert "hysteerctomy" not in ectropion.lower()
    # No procedure in pregnancy; reviewing a hormonal method comes first.
    assert "In pregnancy** no treatment is offered" in ectropion
    assert ectropion.index("review the method") < ectropion.index("Silver nitrate")
    low_estrogen = _flat(catalogue["low-estrogen"].body_markdown)
    for state in ("giving birth", "breastfeeding", "menopause", "medicines", "injection"):
        assert state in low_estrogen
    assert "blank" not in low_estrogen
    assert "in an hour or less" in _flat(catalogue["urgent-care"].body_markdown)
    implantation = _flat(catalogue["implantation-bleeding"].body_markdown)
    assert "6 and 12 days" in implantation
    assert "three to five days" in implantation
    assert "roughly a week after ovulation" in implantation
    dysplasia = _flat(catalogue["dysplasia-screening"].body_markdown)
    assert "does not end the search" in dysplasia
    postcoital = _flat(catalogue["postcoital-bleeding"].body_markdown)
    assert "In pregnancy and after menopause this reassurance does not hold" in postcoital
    # Timing in the new cards matches triage.
    assert "**The same day**" in _flat(catalogue["pregnancy-bleeding"].body_markdown)
    assert "**within about two weeks**" in _flat(catalogue["postmenopausal-bleeding"].body_markdown)
    see = _flat(catalogue["see-a-provider"].body_markdown)
    assert "days to weeks" not in see
    assert "**within about two weeks**" in see and "**today**" in see


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
