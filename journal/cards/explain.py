"""Explaining episodes: cards with reasons, and the history patterns an episode belongs to.

``Explainer`` indexes one journal once (cycle calendar, history, patterns) and then
explains any number of its episodes cheaply. Each explanation starts with the episode's
triage (``journal.cards.triage``), then the cards. It is pure apart from "today", which
ends an ongoing episode: given the same data and the same today, it always gives the same
explanations, whatever order the episodes were stored in. Today comes from
``journal.clock`` unless the caller gives it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from journal import clock
from journal.cards.catalogue import Card, Catalogue, load_catalogue
from journal.cards.history import HistoryIndex
from journal.cards.matching import CardMatch, display_band, in_display_order, match_cards
from journal.cards.patterns import Pattern, find_patterns
from journal.cards.rules import Situation
from journal.cards.triage import Triage, TriageLevel, triage
from journal.domain import interchange
from journal.domain.cycle import CycleCalendar, CycleContext
from journal.domain.errors import EpisodeNotFound
from journal.domain.model import ContextOnDate, Episode, JournalData, context_on
from journal.domain.vocabulary import Severity

# Patterns that raise this card call for a visit: triage lists them as see-provider reasons.
SEE_PROVIDER_CARD = "see-a-provider"


class UnknownEpisodeError(EpisodeNotFound):
    """The id names no episode of this journal."""

    def __init__(self, episode_id: str) -> None:
        super().__init__(f"There is no episode with id '{episode_id}'.")
        self.episode_id = episode_id


@dataclass(frozen=True, slots=True)
class Explanation:
    """One episode, where it sits in the cycle and its context, the cards and patterns."""

    episode: Episode
    cycle: CycleContext
    context: ContextOnDate
    triage: Triage
    cards: tuple[CardMatch, ...]
    patterns: tuple[Pattern, ...]

    @property
    def card_ids(self) -> list[str]:
        return [match.card.id for match in self.cards]

    @property
    def flag(self) -> Severity | None:
        """How pressing the episode looks in lists and charts: its triage level, raised by
        any card that says more (the appointment companion aside); None when nothing does.
        """
        levels = [m.card.severity for m in self.cards if not m.card.rule.is_companion]
        if self.triage.level is not TriageLevel.NONE:
            levels.append(self.triage.level.severity)
        return max(levels, key=lambda s: s.rank, default=None)

    def to_json(self) -> dict[str, Any]:
        """The ``show ID --json`` document: episode, cycle, triage, cards in display order,
        patterns."""
        return {
            "episode": interchange.episode_to_json(self.episode),
            "cycle": self.cycle.to_json(),
            "triage": self.triage.to_json(),
            "cards": [match.to_json() for match in self.cards],
            "patterns": [pattern.to_json() for pattern in self.patterns],
        }


class Explainer:
    """Explains the episodes of one journal; build it once per version of the data."""

    def __init__(
        self,
        data: JournalData,
        catalogue: Catalogue | None = None,
        today: date | None = None,
    ) -> None:
        self.data = data
        self._today = today
        self.catalogue = catalogue if catalogue is not None else load_catalogue()
        self.calendar = CycleCalendar(data.periods, data.ovulation_signs)
        self._history = HistoryIndex(data.episodes, self.calendar)
        self._episodes: dict[str, Episode] = {}
        # With duplicate ids (never after validation) the earliest wins, whatever the order.
        for episode in sorted(data.episodes, key=lambda e: e.sort_key, reverse=True):
            self._episodes[episode.id] = episode
        self._cycles: dict[date, CycleContext] = {}
        self._contexts: dict[date, ContextOnDate] = {}
        self._patterns: list[Pattern] | None = None
        self._raised: dict[str, dict[str, list[str]]] = {}
        self._by_episode: dict[str, list[Pattern]] = {}

    @property
    def today(self) -> date:
        """The day an ongoing episode counts up to: as given, else the clock's today."""
        return self._today if self._today is not None else clock.today()

    @property
    def episodes(self) -> list[Episode]:
        """The journal's episodes in time order."""
        return sorted(self._episodes.values(), key=lambda e: e.sort_key)

    def explain(self, episode_id: str) -> Explanation:
        """The explanation of one episode; ``UnknownEpisodeError`` for an unknown id."""
        episode = self._episodes.get(episode_id)
        if episode is None:
            raise UnknownEpisodeError(episode_id)
        self._ensure_patterns()
        situation = Situation(
            episode=episode,
            cycle=self._cycle(episode.day),
            context=self._context(episode.day),
            history=self._history.for_episode(episode),
            today=self.today,
        )
        raised = self._raised.get(episode.id, {})
        verdict = triage(situation, self.today, raised.get(SEE_PROVIDER_CARD, ()))
        cards = match_cards(self.catalogue, situation, raised, verdict)
        return Explanation(
            episode=episode,
            cycle=situation.cycle,
            context=situation.context,
            triage=verdict,
            cards=cards,
            patterns=tuple(self._by_episode.get(episode.id, ())),
        )

    def patterns(self) -> list[Pattern]:
        """Every pattern of the journal, most pressing first."""
        return list(self._ensure_patterns())

    def cards_for_range(self, start: date, end: date) -> list[tuple[Card, int]]:
        """Each card shown for episodes from ``start`` to ``end`` (inclusive), once, with
        how many episodes it applied to, in display order (see :func:`summarise_cards`)."""
        explanations = (self.explain(e.id) for e in self.episodes if start <= e.day <= end)
        return summarise_cards(explanations, self.catalogue)

    # ------------------------------------------------------------------ internals

    def _cycle(self, day: date) -> CycleContext:
        cycle = self._cycles.get(day)
        if cycle is None:
            # With the dated context, so ``pregnancy`` and ``age`` are derived too.
            cycle = self._cycles[day] = self.calendar.context(day, self._context(day))
        return cycle

    def _context(self, day: date) -> ContextOnDate:
        context = self._contexts.get(day)
        if context is None:
            context = self._contexts[day] = context_on(self.data, day)
        return context

    def _ensure_patterns(self) -> list[Pattern]:
        if self._patterns is None:
            data = JournalData(
                periods=self.data.periods,
                ovulation_signs=self.data.ovulation_signs,
                episodes=tuple(self._episodes.values()),
            )
            self._patterns = find_patterns(data, self.calendar)
            for pattern in self._patterns:
                for episode_id in sorted(pattern.episode_ids):
                    self._by_episode.setdefault(episode_id, []).append(pattern)
                    raised = self._raised.setdefault(episode_id, {})
                    for card_id in pattern.raises_cards:
                        raised.setdefault(card_id, []).append(pattern.reason)
        return self._patterns


def summarise_cards(
    explanations: Iterable[Explanation], catalogue: Iterable[Card]
) -> list[tuple[Card, int]]:
    """Each card of ``explanations`` once, with how many of them it applied to, in display
    order (within a band, cards that applied to more episodes first). Companion cards such
    as ``appointment-prep`` are always included, as every range report carries them (their
    count may be 0)."""
    counts: defaultdict[str, int] = defaultdict(int)
    best: dict[str, CardMatch] = {}
    for explanation in explanations:
        for match in explanation.cards:
            counts[match.card.id] += 1
            kept = best.get(match.card.id)
            if kept is None or match.score > kept.score:
                best[match.card.id] = match
    for card in catalogue:
        if card.rule.is_companion and card.id not in best:
            best[card.id] = CardMatch(card, (), card.rule.score)
    ordered = in_display_order(best.values())
    ordered.sort(key=lambda m: (display_band(m), -counts[m.card.id]))
    return [(match.card, counts[match.card.id]) for match in ordered]
