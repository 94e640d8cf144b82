"""Clinical vignettes: which cards a realistic episode shows, and which it must not.

``VIGNETTES`` is the readable table: one episode in the default cycle (see
``card_builders``), what must be shown and what must stay hidden. ``CONTRASTS`` then proves
each card is chosen for the right reason: the same vignette with ONE fact changed loses it.
"""

from __future__ import annotations

from datetime import date

import pytest

from journal.cards import load_catalogue

from .card_builders import OVULATION, Setup, episode, medication

D = date
BASE = Setup()
AFTER_SEX = BASE.but(day=D(2026, 1, 20), trigger="intercourse", colour="bright-red")
THIRD_IN_CYCLE = BASE.but(
    day=D(2026, 1, 22),
    others=(episode("a", D(2026, 1, 10)), episode("b", D(2026, 1, 15))),
)
RARE = AFTER_SEX.but(
    others=(
        episode("a", D(2025, 9, 10), trigger="intercourse"),
        episode("b", D(2025, 11, 20), trigger="intercourse"),
    )
)
HEAVIER = BASE.but(
    day=D(2026, 1, 20),
    amount="moderate",
    others=(episode("a", D(2025, 11, 15)), episode("b", D(2025, 12, 10))),
)

#: name: (setup, must show, must not show)
VIGNETTES: dict[str, tuple[Setup, set[str], set[str]]] = {
    "brown mucus 4 days after a period": (
        BASE.but(colour="brown", in_mucus=True),
        {"leftover-menstrual-blood"},
        {"ovulation-spotting", "implantation-bleeding", "see-a-provider", "appointment-prep"},
    ),
    "brown spotting inside a logged period": (
        BASE.but(day=D(2026, 1, 5), colour="brown", in_mucus=True),
        set(),
        {"leftover-menstrual-blood", "ovulation-spotting", "implantation-bleeding"},
    ),
    "pink spotting with egg-white mucus on ovulation day": (
        BASE.but(day=OVULATION, colour="pink", mucus="egg-white", in_mucus=True),
        {"ovulation-spotting", "leftover-menstrual-blood"},
        {"implantation-bleeding", "breakthrough-bleeding"},
    ),
    "egg-white mucus with spotting four days before ovulation": (
        BASE.but(day=D(2026, 1, 13), mucus="egg-white"),
        {"ovulation-spotting"},
        {"implantation-bleeding"},
    ),
    "ovulation-day spotting on the combined pill": (
        BASE.but(day=OVULATION, contraception="combined-pill"),
        {"breakthrough-bleeding"},
        {"ovulation-spotting", "implantation-bleeding"},
    ),
    "spotting 9 days past ovulation while trying to conceive": (
        BASE.but(day=D(2026, 1, 26), trying=True),
        {"implantation-bleeding"},
        {"ovulation-spotting", "leftover-menstrual-blood", "see-a-provider"},
    ),
    "luteal spotting with condoms only": (
        BASE.but(day=D(2026, 1, 25), contraception="condoms"),
        {"implantation-bleeding"},
        {"breakthrough-bleeding"},
    ),
    "luteal spotting after menopause": (
        BASE.but(day=D(2026, 1, 26), life_stage="postmenopause"),
        {"see-a-provider", "postmenopausal-bleeding", "appointment-prep"},
        {"implantation-bleeding", "ovulation-spotting", "leftover-menstrual-blood"},
    ),
    "spotting two months into the combined pill": (
        BASE.but(day=D(2026, 1, 20), contraception="combined-pill", method_since=D(2025, 11, 25)),
        {"breakthrough-bleeding"},
        {"ovulation-spotting", "implantation-bleeding", "uterine-causes"},
    ),
    "spotting with a hormonal IUD": (
        BASE.but(day=D(2026, 1, 20), contraception="hormonal-iud"),
        {"breakthrough-bleeding", "uterine-causes"},
        {"implantation-bleeding", "postcoital-bleeding"},
    ),
    "spotting after a Pap smear": (
        BASE.but(day=D(2026, 1, 20), trigger="pelvic-exam"),
        {"cervical-trauma", "cervical-ectropion", "cervical-polyps"},
        {"postcoital-bleeding", "dryness-micro-tears", "infection", "dysplasia-screening"},
    ),
    "spotting after a fingernail scratch": (
        BASE.but(day=D(2026, 1, 20), trigger="minor-injury"),
        {"cervical-trauma"},
        {"cervical-ectropion", "cervical-polyps", "postcoital-bleeding", "see-a-provider"},
    ),
    "bright red spotting after sex": (
        AFTER_SEX,
        {
            "postcoital-bleeding",
            "cervical-trauma",
            "dryness-micro-tears",
            "cervical-ectropion",
            "infection",
            "cervical-polyps",
            "dysplasia-screening",
            "see-a-provider",
            "appointment-prep",
        },
        {"rare-causes", "low-estrogen", "breakthrough-bleeding", "urgent-care"},
    ),
    "bleeding with pain during sex, no trigger logged": (
        BASE.but(day=D(2026, 1, 20), symptoms=("pain-during-sex",)),
        {"postcoital-bleeding", "see-a-provider"},
        {"dryness-micro-tears", "infection", "dysplasia-screening", "rare-causes"},
    ),
    "after sex with a known ectropion": (
        AFTER_SEX.but(conditions=("cervical-ectropion",)),
        {"cervical-ectropion"},
        set(),
    ),
    "after sex with dryness": (
        AFTER_SEX.but(symptoms=("vaginal-dryness",)),
        {"dryness-micro-tears"},
        {"low-estrogen"},
    ),
    "after sex while breastfeeding": (
        AFTER_SEX.but(life_stage="breastfeeding"),
        {"low-estrogen", "postcoital-bleeding"},
        set(),
    ),
    "dryness in perimenopause, no sex": (
        BASE.but(day=D(2026, 1, 20), life_stage="perimenopause", symptoms=("vaginal-dryness",)),
        {"low-estrogen"},
        {"postcoital-bleeding", "dryness-micro-tears", "infection"},
    ),
    "after sex with discharge and odour": (
        AFTER_SEX.but(symptoms=("unusual-discharge", "odour")),
        {"infection"},
        set(),
    ),
    "after sex with a known cervical polyp": (
        AFTER_SEX.but(conditions=("cervical-polyp",)),
        {"cervical-polyps"},
        set(),
    ),
    "after sex, screening 6 years ago": (
        AFTER_SEX.but(screening=(D(2019, 12, 1), "normal")),
        {"dysplasia-screening"},
        set(),
    ),
    "spotting with fibroids on record": (
        BASE.but(day=D(2026, 1, 20), conditions=("fibroids",)),
        {"uterine-causes"},
        {"see-a-provider"},
    ),
    "spotting with PCOS on record": (
        BASE.but(day=D(2026, 1, 20), conditions=("pcos",)),
        {"pcos-endometriosis"},
        {"see-a-provider"},
    ),
    "third episode between periods in one cycle": (
        THIRD_IN_CYCLE,
        {"pcos-endometriosis", "see-a-provider", "appointment-prep"},
        {"urgent-care"},
    ),
    "third episode after sex in six months": (
        RARE,
        {"rare-causes", "uterine-causes", "see-a-provider"},
        set(),
    ),
    "bleeding lasting 9 days": (
        BASE.but(day=D(2026, 1, 12), amount="light", days=9),
        {"see-a-provider"},
        {"urgent-care"},
    ),
    "heavy bleeding between periods": (
        BASE.but(day=D(2026, 1, 20), amount="heavy"),
        {"see-a-provider", "appointment-prep"},
        {"urgent-care", "ovulation-spotting", "breakthrough-bleeding"},
    ),
    "heavy bleeding with dizziness": (
        BASE.but(day=D(2026, 1, 20), amount="heavy", symptoms=("dizziness",)),
        {"urgent-care", "see-a-provider", "appointment-prep"},
        set(),
    ),
    "heavy bleeding with severe pain": (
        BASE.but(day=D(2026, 1, 20), amount="heavy", pain="severe"),
        {"urgent-care"},
        set(),
    ),
    # Spec change (triage): moderate bleeding in pregnancy is an urgent reason, so the
    # see-provider "any other bleeding in pregnancy" row does not fire.
    "moderate bleeding in pregnancy": (
        BASE.but(day=D(2026, 1, 20), amount="moderate", life_stage="pregnant"),
        {"urgent-care", "pregnancy-bleeding", "appointment-prep"},
        {"implantation-bleeding", "ovulation-spotting", "see-a-provider"},
    ),
    "spotting in pregnancy": (
        BASE.but(day=D(2026, 1, 20), life_stage="pregnant"),
        {"see-a-provider", "pregnancy-bleeding", "appointment-prep"},
        {"urgent-care", "implantation-bleeding"},
    ),
    "spotting with a period 13 days late, no contraception": (
        BASE.but(day=D(2026, 4, 10)),
        {"possible-pregnancy", "pregnancy-bleeding", "see-a-provider", "appointment-prep"},
        {"implantation-bleeding", "ovulation-spotting", "urgent-care"},
    ),
    "spotting a month after a birth": (
        BASE.but(day=D(2026, 1, 20), life_stage="postpartum", method_since=D(2025, 12, 20)),
        {"postpartum-bleeding"},
        {"urgent-care", "see-a-provider", "pregnancy-bleeding"},
    ),
    "spotting on sequential HRT": (
        BASE.but(
            day=D(2026, 1, 20),
            life_stage="perimenopause",
            medications=(medication("hrt-sequential", D(2025, 6, 1)),),
        ),
        {"hormone-therapy-bleeding", "see-a-provider"},
        {"urgent-care"},
    ),
    "spotting with discharge and pelvic pain, no intercourse": (
        BASE.but(day=D(2026, 1, 20), symptoms=("unusual-discharge", "pelvic-pain")),
        {"infection", "see-a-provider"},
        {"postcoital-bleeding", "dysplasia-screening", "cervical-trauma"},
    ),
    "heavier than the episodes before": (
        HEAVIER,
        {"see-a-provider"},
        {"urgent-care"},
    ),
}

#: (card, vignette, the one changed fact): the card shows in the vignette, not after the change
CONTRASTS: list[tuple[str, str, dict[str, object]]] = [
    ("leftover-menstrual-blood", "brown mucus 4 days after a period", {"colour": "bright-red"}),
    (
        "ovulation-spotting",
        "egg-white mucus with spotting four days before ovulation",
        {"mucus": "none"},
    ),
    (
        "ovulation-spotting",
        "pink spotting with egg-white mucus on ovulation day",
        {"contraception": "implant"},
    ),
    (
        "implantation-bleeding",
        "spotting 9 days past ovulation while trying to conceive",
        {"trying": False, "contraception": "copper-iud"},
    ),
    ("implantation-bleeding", "luteal spotting with condoms only", {"contraception": "ring"}),
    (
        "implantation-bleeding",
        "spotting 9 days past ovulation while trying to conceive",
        {"life_stage": "postmenopause"},
    ),
    (
        "breakthrough-bleeding",
        "spotting two months into the combined pill",
        {"trigger": "intercourse"},
    ),
    ("breakthrough-bleeding", "spotting with a hormonal IUD", {"contraception": "copper-iud"}),
    ("cervical-trauma", "spotting after a fingernail scratch", {"trigger": "none"}),
    ("postcoital-bleeding", "bright red spotting after sex", {"trigger": "none"}),
    ("cervical-ectropion", "spotting after a Pap smear", {"trigger": "minor-injury"}),
    ("dryness-micro-tears", "after sex with dryness", {"trigger": "pelvic-exam"}),
    ("low-estrogen", "after sex while breastfeeding", {"life_stage": "reproductive"}),
    ("low-estrogen", "dryness in perimenopause, no sex", {"symptoms": ()}),
    ("infection", "bright red spotting after sex", {"trigger": "none"}),
    (
        "infection",
        "spotting with discharge and pelvic pain, no intercourse",
        {"symptoms": ("cramps",)},
    ),
    ("cervical-polyps", "after sex with a known cervical polyp", {"trigger": "minor-injury"}),
    ("dysplasia-screening", "after sex, screening 6 years ago", {"trigger": "pelvic-exam"}),
    ("uterine-causes", "spotting with fibroids on record", {"conditions": ()}),
    ("uterine-causes", "spotting with a hormonal IUD", {"day": D(2026, 2, 1)}),
    ("pcos-endometriosis", "spotting with PCOS on record", {"conditions": ()}),
    (
        "pcos-endometriosis",
        "third episode between periods in one cycle",
        {"others": (episode("a", D(2026, 1, 10)),)},
    ),
    (
        "rare-causes",
        "third episode after sex in six months",
        {
            "others": (
                episode("a", D(2025, 5, 1), trigger="intercourse"),
                episode("b", D(2025, 11, 20), trigger="intercourse"),
            )
        },
    ),
    ("see-a-provider", "bleeding lasting 9 days", {"days": 3}),
    ("see-a-provider", "heavy bleeding between periods", {"amount": "moderate"}),
    # Spec change: bleeding between periods in perimenopause now calls for a visit too.
    ("see-a-provider", "luteal spotting after menopause", {"life_stage": "reproductive"}),
    ("postmenopausal-bleeding", "luteal spotting after menopause", {"life_stage": "perimenopause"}),
    ("pregnancy-bleeding", "spotting in pregnancy", {"life_stage": "reproductive"}),
    (
        "possible-pregnancy",
        "spotting with a period 13 days late, no contraception",
        {"contraception": "implant"},
    ),
    ("postpartum-bleeding", "spotting a month after a birth", {"life_stage": "breastfeeding"}),
    ("hormone-therapy-bleeding", "spotting on sequential HRT", {"medications": ()}),
    ("see-a-provider", "heavier than the episodes before", {"amount": "spotting"}),
    (
        "see-a-provider",
        "third episode between periods in one cycle",
        {"others": (episode("a", D(2026, 1, 10)),)},
    ),
    ("urgent-care", "heavy bleeding with dizziness", {"symptoms": ()}),
    ("urgent-care", "moderate bleeding in pregnancy", {"amount": "spotting"}),
    ("urgent-care", "heavy bleeding with severe pain", {"pain": "moderate"}),
    ("appointment-prep", "heavy bleeding between periods", {"amount": "light"}),
]


@pytest.mark.parametrize("name", list(VIGNETTES))
def test_vignette(name: str) -> None:
    setup, shows, hides = VIGNETTES[name]
    cards = setup.cards()
    assert shows <= set(cards), f"missing {shows - set(cards)}; got {cards}"
    assert not hides & set(cards), f"should not show {hides & set(cards)}; got {cards}"


@pytest.mark.parametrize(("card", "name", "change"), CONTRASTS)
def test_one_changed_fact_removes_the_card(card: str, name: str, change: dict[str, object]) -> None:
    setup = VIGNETTES[name][0]
    assert card in setup.cards()
    assert card not in setup.but(**change).cards()


def test_every_card_is_shown_somewhere_and_contrasted() -> None:
    ids = set(load_catalogue().ids)
    shown = set().union(*(setup.cards() for setup, _s, _h in VIGNETTES.values()))
    contrasted = {card for card, _name, _change in CONTRASTS}
    assert len(VIGNETTES) >= 30
    assert ids == shown
    assert ids == contrasted


def test_display_order_urgent_then_provider_then_fit_then_preparation() -> None:
    cards = VIGNETTES["heavy bleeding with dizziness"][0].cards()
    assert cards[0] == "urgent-care"
    assert cards[1] == "see-a-provider"
    assert cards[-1] == "appointment-prep"
    after_sex = AFTER_SEX.but(symptoms=("vaginal-dryness",)).explain().cards
    middle = [m for m in after_sex if m.card.id not in {"see-a-provider", "appointment-prep"}]
    assert [m.score for m in middle] == sorted((m.score for m in middle), reverse=True)


REASON_EXAMPLES = [
    (AFTER_SEX, "postcoital-bleeding", "you logged it right after intercourse"),
    (
        VIGNETTES["spotting 9 days past ovulation while trying to conceive"][0],
        "implantation-bleeding",
        "day 9 past estimated ovulation",
    ),
    (
        VIGNETTES["after sex, screening 6 years ago"][0],
        "dysplasia-screening",
        "cervical screening last done 6 years ago",
    ),
    (THIRD_IN_CYCLE, "pcos-endometriosis", "3rd episode outside a period in this cycle"),
    (RARE, "rare-causes", "3rd episode of bleeding after sex"),
    (
        VIGNETTES["after sex with discharge and odour"][0],
        "infection",
        "unusual discharge and odour",
    ),
    (
        VIGNETTES["spotting two months into the combined pill"][0],
        "breakthrough-bleeding",
        "the combined pill for only 8 weeks",
    ),
    (
        VIGNETTES["after sex while breastfeeding"][0],
        "low-estrogen",
        "on that date you were breastfeeding",
    ),
    (VIGNETTES["bleeding lasting 9 days"][0], "see-a-provider", "it lasted 9 days"),
    (HEAVIER, "see-a-provider", "heavier than the 2 episodes before it"),
    (
        VIGNETTES["heavy bleeding with dizziness"][0],
        "appointment-prep",
        "“Get this bleeding checked” and “Seek care promptly”",
    ),
]


@pytest.mark.parametrize(("setup", "card", "words"), REASON_EXAMPLES)
def test_reasons_say_why_in_plain_words(setup: Setup, card: str, words: str) -> None:
    assert any(words in reason for reason in setup.reasons(card)), setup.reasons(card)


def test_ovulation_sign_moves_the_estimate_and_is_named() -> None:
    from journal.domain.model import OvulationSign
    from journal.domain.vocabulary import OvulationSignKind

    # Without a sign, 2026-01-11 is mid-follicular; a positive test that day makes it ovulation.
    setup = BASE.but(signs=(OvulationSign(D(2026, 1, 11), OvulationSignKind.POSITIVE_OPK),))
    assert "ovulation-spotting" not in BASE.cards()
    reasons = setup.reasons("ovulation-spotting")
    assert "on the estimated day of ovulation (cycle day 9)" in reasons
    assert "the ovulation date comes from an ovulation sign you logged" in reasons
