"""Selecting and ordering the cards for one episode.

Two passes over the catalogue: first every card whose rule reads the episode, then the
companion cards (``appointment-prep``) that accompany the severities shown. The cards that
present the triage (``urgent-care``, ``see-a-provider``: ``triage = [...]`` in their rule)
are shown exactly when triage reasons of their level fired, with those same reasons, so
the triage line and the cards never disagree. Display order: urgent, then see-provider
(the triage card first, by score), then the likely explanations by fit score, companions
last.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from journal.cards.catalogue import Card, Catalogue
from journal.cards.rules import Situation, situation_facts
from journal.cards.triage import Triage, TriageLevel
from journal.domain.vocabulary import Severity


@dataclass(frozen=True, slots=True)
class CardMatch:
    """A card shown for an episode, with its plain-language reasons and its fit score."""

    card: Card
    reasons: tuple[str, ...]
    score: int

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.card.id,
            "title": self.card.title,
            "severity": self.card.severity.value,
            "reasons": list(self.reasons),
        }


def match_cards(
    catalogue: Catalogue,
    situation: Situation,
    raised: Mapping[str, Sequence[str]] | None = None,
    triage: Triage | None = None,
) -> tuple[CardMatch, ...]:
    """The cards that fit ``situation``, in display order.

    ``raised`` maps card ids to extra reasons from history patterns: such a card is shown
    even when its own rule does not hold (unless its ``none`` conditions rule it out), and
    its reasons are added when it does. ``triage`` gives the reasons of the triage cards.
    """
    raised = raised or {}
    facts = situation_facts(situation)
    found: dict[str, CardMatch] = {}
    for card in catalogue:
        if card.rule.is_companion:
            continue
        if card.rule.from_triage:
            match = _triage_match(card, triage)
        else:
            match = _rule_match(card, situation, facts, raised.get(card.id, ()))
        if match is not None:
            found[card.id] = match
    for card in catalogue:
        if card.rule.is_companion:
            titles = [
                m.card.title for m in found.values() if m.card.severity in card.rule.accompanies
            ]
            companion = card.rule.accompany(titles)
            if companion is not None:
                found[card.id] = CardMatch(card, companion.reasons, companion.score)
    return tuple(in_display_order(found.values()))


def _triage_match(card: Card, triage: Triage | None) -> CardMatch | None:
    """A triage card, with exactly the triage reasons of its levels (none: not shown)."""
    if triage is None:
        return None
    levels = [TriageLevel(level) for level in sorted(card.rule.triage)]
    reasons = [r for level in levels for r in triage.reasons_at(level)]
    return CardMatch(card, tuple(reasons), card.rule.score) if reasons else None


def _rule_match(
    card: Card, situation: Situation, facts: Mapping[str, object], raised: Sequence[str]
) -> CardMatch | None:
    """A card whose rule holds, or one a history pattern raised (unless ruled out)."""
    verdict = card.rule.evaluate(situation, facts)
    reasons = list(verdict.reasons) if verdict else []
    if verdict is not None or not card.rule.rules_out(situation):
        reasons += [r for r in raised if r not in reasons]
    if not reasons:
        return None
    return CardMatch(card, tuple(reasons), verdict.score if verdict else card.rule.score)


_PRESSING = {Severity.URGENT: 0, Severity.SEE_PROVIDER: 1}


def in_display_order(matches: Iterable[CardMatch]) -> list[CardMatch]:
    """Urgent, see-a-provider, explanations by descending fit, then companion cards."""

    def key(match: CardMatch) -> tuple[int, int, int, str]:
        return (display_band(match), -match.score, match.card.order, match.card.id)

    return sorted(matches, key=key)


def display_band(match: CardMatch) -> int:
    """0 urgent, 1 see-a-provider, 2 explanations, 3 companion cards."""
    if match.card.rule.is_companion:
        return 3
    return _PRESSING.get(match.card.severity, 2)
