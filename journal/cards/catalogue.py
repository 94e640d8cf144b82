"""The explanation cards: Markdown files with TOML front matter, loaded once.

A card file is::

    +++
    id = "ovulation-spotting"
    order = 2
    title = "Ovulation spotting"
    severity = "info"
    sources = ["Why Is There Blood in My Cervical Mucus? Reasons For Bloody Discharge",
               "General medical guidance"]
    [rule]
    ...
    +++
    Markdown body: what it is, why it happens, what can be done, when to see a provider.

``sources`` names every source a card rests on: one or both articles by their exact
title, and "General medical guidance" whenever the card adds anything the articles do not
say (its body then says which part rests on it). A single ``source = "..."`` is read as a
list of one.

Files are read through ``journal.resources`` only, so the same code works from a checkout
and from an installed wheel.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable

from journal import resources
from journal.cards.rules import Rule, RuleError, parse_rule
from journal.domain.errors import JournalError
from journal.domain.vocabulary import Severity

DISCLAIMER = (
    "This journal explains; it does not diagnose. The cards describe common reasons for "
    "bleeding like yours, but only a health professional who examines you can say what "
    "is causing it. If you are worried, or the bleeding is heavy, painful or keeps "
    "coming back, please get checked."
)

CERVICAL_MUCUS_ARTICLE = "Why Is There Blood in My Cervical Mucus? Reasons For Bloody Discharge"
BLEEDING_AFTER_SEX_ARTICLE = "Bleeding After Sex: The Unwanted Plot Twist"
GENERAL_GUIDANCE = "General medical guidance"
GENERAL_KNOWLEDGE = GENERAL_GUIDANCE  # the older name of the same source
KNOWN_SOURCES = frozenset({CERVICAL_MUCUS_ARTICLE, BLEEDING_AFTER_SEX_ARTICLE, GENERAL_GUIDANCE})
# Earlier card files said "General medical knowledge": read as the same source.
_SOURCE_ALIASES = {"General medical knowledge": GENERAL_GUIDANCE}

FENCE = "+++"
_REQUIRED = ("id", "title", "severity", "rule")
_ALLOWED = frozenset({*_REQUIRED, "order", "source", "sources"})


class CardFileError(JournalError):
    """A card file that cannot be read: the message names the file and what is wrong."""


@dataclass(frozen=True, slots=True)
class Card:
    """One explanation card: its text and the rule that selects it."""

    id: str
    title: str
    severity: Severity
    sources: tuple[str, ...]
    body_markdown: str = field(repr=False)
    rule: Rule = field(repr=False)
    order: int = 0

    @property
    def source(self) -> str:
        """Every source in one line, as cards and reports print it."""
        return "; ".join(self.sources)

    @property
    def rests_on_general_guidance(self) -> bool:
        return GENERAL_GUIDANCE in self.sources


class Catalogue:
    """The cards in display order (the spec's order), looked up by id."""

    def __init__(self, cards: Iterable[Card]) -> None:
        self._cards: tuple[Card, ...] = tuple(sorted(cards, key=lambda c: (c.order, c.id)))
        self._by_id: dict[str, Card] = {}
        for card in self._cards:
            if card.id in self._by_id:
                raise CardFileError(f"Two card files use the id '{card.id}'.")
            self._by_id[card.id] = card

    def __iter__(self) -> Iterator[Card]:
        return iter(self._cards)

    def __len__(self) -> int:
        return len(self._cards)

    def __contains__(self, card_id: object) -> bool:
        return card_id in self._by_id

    def __getitem__(self, card_id: str) -> Card:
        try:
            return self._by_id[card_id]
        except KeyError:
            raise KeyError(f"no card with id {card_id!r}") from None

    def get(self, card_id: str) -> Card | None:
        return self._by_id.get(card_id)

    @property
    def ids(self) -> list[str]:
        return [card.id for card in self._cards]


def parse_card(text: str, name: str = "card") -> Card:
    """Read one card file's text; ``name`` is used in error messages."""
    front, body = _split(text, name)
    try:
        meta = tomllib.loads(front)
    except tomllib.TOMLDecodeError as error:
        raise CardFileError(
            f"Card file '{name}': the front matter is not valid TOML ({error})."
        ) from None
    missing = [key for key in _REQUIRED if key not in meta]
    if missing:
        raise CardFileError(f"Card file '{name}': the front matter lacks '{missing[0]}'.")
    extra = sorted(set(meta) - _ALLOWED)
    if extra:
        raise CardFileError(f"Card file '{name}': unknown front matter key '{extra[0]}'.")
    for key in ("id", "title"):
        if not isinstance(meta[key], str) or not meta[key].strip():
            raise CardFileError(f"Card file '{name}': '{key}' must be non-empty text.")
    sources = _sources(meta, name)
    try:
        severity = Severity(meta["severity"])
    except ValueError:
        allowed = ", ".join(Severity.values())
        raise CardFileError(f"Card file '{name}': severity must be one of {allowed}.") from None
    order = meta.get("order", 0)
    if not isinstance(order, int) or isinstance(order, bool):
        raise CardFileError(f"Card file '{name}': 'order' must be a whole number.")
    if not body.strip():
        raise CardFileError(f"Card file '{name}': the card has no body text.")
    try:
        rule = parse_rule(meta["rule"])
    except RuleError as error:
        raise CardFileError(f"Card file '{name}': {error}.") from None
    return Card(
        id=meta["id"],
        title=meta["title"],
        severity=severity,
        sources=sources,
        body_markdown=body.strip() + "\n",
        rule=rule,
        order=order,
    )


def _sources(meta: dict[str, object], name: str) -> tuple[str, ...]:
    if ("source" in meta) == ("sources" in meta):
        raise CardFileError(f"Card file '{name}': the front matter lacks 'sources'.")
    raw = meta.get("sources", [meta.get("source")])
    if not isinstance(raw, list) or not raw:
        raise CardFileError(f"Card file '{name}': 'sources' must be a non-empty list.")
    sources: list[str] = []
    for item in raw:
        if not isinstance(item, str) or not item.strip():
            raise CardFileError(f"Card file '{name}': 'source' must be non-empty text.")
        item = _SOURCE_ALIASES.get(item, item)
        if item not in KNOWN_SOURCES:
            raise CardFileError(
                f"Card file '{name}': source must be an article's exact title or "
                f"'{GENERAL_GUIDANCE}', not '{item}'."
            )
        if item not in sources:
            sources.append(item)
    return tuple(sources)


def load_card(file: Traversable) -> Card:
    card = parse_card(file.read_text(encoding="utf-8"), file.name)
    stem = file.name.removesuffix(".md")
    if card.id != stem:
        raise CardFileError(f"Card file '{file.name}': its id '{card.id}' should be '{stem}'.")
    return card


@functools.cache
def load_catalogue() -> Catalogue:
    """Every card of ``resources/cards`` (read once per process)."""
    return Catalogue(load_card(file) for file in resources.card_files())


def _split(text: str, name: str) -> tuple[str, str]:
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        raise CardFileError(f"Card file '{name}': it must start with a '{FENCE}' line.")
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            return "".join(lines[1:index]), "".join(lines[index + 1 :])
    raise CardFileError(f"Card file '{name}': the front matter has no closing '{FENCE}' line.")
