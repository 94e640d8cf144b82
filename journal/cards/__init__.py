"""Explanation cards: the catalogue, the rule evaluator, history patterns and the explainer.

Pure Python: no Qt, SQL or plotting, and no file access except reading the card files
through ``journal.resources``.
"""

from journal.cards.catalogue import (
    DISCLAIMER,
    Card,
    CardFileError,
    Catalogue,
    load_catalogue,
    parse_card,
)
from journal.cards.explain import Explainer, Explanation, UnknownEpisodeError
from journal.cards.history import History, HistoryIndex
from journal.cards.matching import CardMatch, match_cards
from journal.cards.patterns import Pattern, find_patterns, for_reading
from journal.cards.rules import Rule, RuleError, Situation
from journal.cards.triage import Triage, TriageLevel, triage

__all__ = [
    "DISCLAIMER",
    "Card",
    "CardFileError",
    "CardMatch",
    "Catalogue",
    "Explainer",
    "Explanation",
    "History",
    "HistoryIndex",
    "Pattern",
    "Rule",
    "RuleError",
    "Situation",
    "Triage",
    "TriageLevel",
    "UnknownEpisodeError",
    "find_patterns",
    "for_reading",
    "load_catalogue",
    "match_cards",
    "parse_card",
    "triage",
]
