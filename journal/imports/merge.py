"""Merging imported records into a journal: what is new, what is already there, what clashes.

Pure: the service hands in the journal's current data and today's date, writes
``plan.add`` in one transaction, and shows ``plan.lines()`` as the preview.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from journal.domain.dates import DATES
from journal.domain.model import Episode, JournalData, OvulationSign, Period, PregnancyTest
from journal.domain.validation import overlapping_period
from journal.imports.common import ImportResult, SkipLog, Skipped

# Every overlapping period is named in the preview (up to this many).
OVERLAPS_NAMED = 100


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import will add, and everything it leaves out, with the reasons."""

    format: str
    add: JournalData
    duplicates: int
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "periods": len(self.add.periods),
            "episodes": len(self.add.episodes),
            "ovulation signs": len(self.add.ovulation_signs),
            "pregnancy tests": len(self.add.pregnancy_tests),
        }

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def date_range(self) -> tuple[date, date] | None:
        days = [p.start for p in self.add.periods]
        days += [p.last_day for p in self.add.periods]
        days += [e.day for e in self.add.episodes]
        days += [s.date for s in self.add.ovulation_signs]
        days += [t.date for t in self.add.pregnancy_tests]
        return (min(days), max(days)) if days else None

    def _counted(self) -> str:
        return ", ".join(
            f"{n} {kind if n != 1 else kind.removesuffix('s')}" for kind, n in self.counts.items()
        )

    def lines(self) -> list[str]:
        """The preview, one sentence a line (the CLI prints it, the GUI shows it)."""
        counts = self._counted()
        out = [f"To add: {counts}."]
        span = self.date_range
        if span is not None:
            out.append(f"Dates: {DATES.range(span[0], span[1])}.")
        out.append(f"Already in the journal (skipped): {self.duplicates}.")
        if self.skipped:
            out.append("Not imported:")
            out.extend(f"  {item.describe()}" for item in self.skipped)
        return out

    def done(self) -> str:
        counts = self._counted()
        return f"Imported {counts}; {self.duplicates} already in the journal were skipped."


def plan_import(result: ImportResult, existing: JournalData, today: date) -> ImportPlan:
    """Compare what a file holds with the journal: new records, duplicates, clashes."""
    merge = _Merge(today)
    merge.skips.extend(result.skipped)
    incoming = result.data
    return ImportPlan(
        format=result.format,
        add=JournalData(
            periods=tuple(merge.periods(incoming.periods, existing.periods)),
            episodes=tuple(merge.episodes(incoming.episodes, existing)),
            ovulation_signs=tuple(
                merge.dated(incoming.ovulation_signs, existing.ovulation_signs, "ovulation sign")
            ),
            pregnancy_tests=tuple(
                merge.dated(incoming.pregnancy_tests, existing.pregnancy_tests, "pregnancy test")
            ),
        ),
        duplicates=merge.duplicates,
        skipped=merge.skips.items(),
    )


D = TypeVar("D", OvulationSign, PregnancyTest)


class _Merge:
    """Sorts incoming records into new ones, duplicates (counted) and skips (with reasons)."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.skips = SkipLog()
        self.duplicates = 0

    def periods(self, incoming: Iterable[Period], existing: Iterable[Period]) -> list[Period]:
        logged = sorted(existing, key=lambda p: p.start)
        out: list[Period] = []
        for period in incoming:
            if period.start > self.today:
                self.skips.add("dated in the future", f"period from {DATES.short(period.start)}")
            elif period in logged:
                self.duplicates += 1
            elif (clash := overlapping_period(period, logged)) is not None:
                self.skips.add(
                    "period overlapping one already logged",
                    f"{_span(period)} overlaps {_span(clash)}",
                    limit=OVERLAPS_NAMED,
                )
            else:
                out.append(period)
        return out

    def episodes(self, incoming: Iterable[Episode], existing: JournalData) -> list[Episode]:
        """New episodes; one inside a logged period belongs to it and is left out."""
        ids = {e.id for e in existing.episodes}
        keys = {(e.day, e.amount, e.trigger) for e in existing.episodes}
        out: list[Episode] = []
        for episode in incoming:
            if episode.id in ids or (episode.day, episode.amount, episode.trigger) in keys:
                self.duplicates += 1
            elif episode.day > self.today:
                self.skips.add("dated in the future", f"episode on {DATES.short(episode.day)}")
            elif any(p.contains(episode.day) for p in existing.periods):
                self.skips.add(
                    "bleeding inside a period already logged (it belongs to it)", episode.day
                )
            else:
                out.append(episode)
        return out

    def dated(self, incoming: Iterable[D], existing: Iterable[D], noun: str) -> list[D]:
        """Records of one day (signs, tests): new unless already there or in the future."""
        have = set(existing)
        out: list[D] = []
        for record in incoming:
            if record in have:
                self.duplicates += 1
            elif record.date > self.today:
                self.skips.add("dated in the future", f"{noun} on {DATES.short(record.date)}")
            else:
                out.append(record)
        return out


def _span(period: Period) -> str:
    if period.end is None or period.end == period.start:
        return f"the period of {DATES.short(period.start)}"
    return f"the period {DATES.short(period.start)} to {DATES.short(period.end)}"
