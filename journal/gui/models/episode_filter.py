"""What the episode list's filter bar asks for: date range, after sex, amount, notes text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from journal.domain.model import Episode
from journal.domain.vocabulary import Amount


@dataclass(frozen=True, slots=True)
class EpisodeFilter:
    """The default lets everything through."""

    start: date | None = None
    end: date | None = None
    after_sex_only: bool = False
    amount: Amount | None = None
    text: str = ""

    @property
    def is_active(self) -> bool:
        return self != EpisodeFilter()

    def accepts(self, episode: Episode) -> bool:
        if self.start is not None and episode.end_day < self.start:
            return False
        if self.end is not None and episode.day > self.end:
            return False
        if self.after_sex_only and not episode.after_sex:
            return False
        if self.amount is not None and episode.amount is not self.amount:
            return False
        needle = self.text.strip().casefold()
        return not needle or needle in episode.notes.casefold()
