"""Merging imported records into a journal: what is new, what is already there, what clashes.

Pure: the service hands in the journal's current data and today's date, writes
``plan.add`` in one transaction, and shows ``plan.lines()`` as the preview.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from journal.domain.dates import DATES
from journal.domain.model import Episode, JournalData, OvulationSign, Period, PregnancyTest
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
    skips = SkipLog()
    skips.extend(result.skipped)
    duplicates = 0
    incoming = result.data

    periods: list[Period] = []
    logged = sorted(existing.periods, key=lambda p: p.start)
    for period in incoming.periods:
        if period.start > today:
            skips.add("dated in the future", f"period from {DATES.short(period.start)}")
        elif period in logged:
            duplicates += 1
        else:
            clash = next((o for o in logged if _overlap(o, period)), None)
            if clash is None:
                periods.append(period)
            else:
                skips.add(
                    "period overlapping one already logged",
                    f"{_span(period)} overlaps {_span(clash)}",
                    limit=OVERLAPS_NAMED,
                )

    ids = {e.id for e in existing.episodes}
    keys = {(e.day, e.amount, e.trigger) for e in existing.episodes}
    episodes: list[Episode] = []
    for episode in incoming.episodes:
        if episode.id in ids or (episode.day, episode.amount, episode.trigger) in keys:
            duplicates += 1
        elif episode.day > today:
            skips.add("dated in the future", f"episode on {DATES.short(episode.day)}")
        elif any(p.contains(episode.day) for p in logged):
            skips.add("bleeding inside a period already logged (it belongs to it)", episode.day)
        else:
            episodes.append(episode)

    have = set(existing.ovulation_signs)
    signs: list[OvulationSign] = []
    for sign in incoming.ovulation_signs:
        if sign in have:
            duplicates += 1
        elif sign.date > today:
            skips.add("dated in the future", f"ovulation sign on {DATES.short(sign.date)}")
        else:
            signs.append(sign)

    logged_tests = set(existing.pregnancy_tests)
    tests: list[PregnancyTest] = []
    for test in incoming.pregnancy_tests:
        if test in logged_tests:
            duplicates += 1
        elif test.date > today:
            skips.add("dated in the future", f"pregnancy test on {DATES.short(test.date)}")
        else:
            tests.append(test)

    return ImportPlan(
        format=result.format,
        add=JournalData(
            periods=tuple(periods),
            episodes=tuple(episodes),
            ovulation_signs=tuple(signs),
            pregnancy_tests=tuple(tests),
        ),
        duplicates=duplicates,
        skipped=skips.items(),
    )


def _overlap(a: Period, b: Period) -> bool:
    return a.start <= b.last_day and b.start <= a.last_day


def _span(period: Period) -> str:
    if period.end is None or period.end == period.start:
        return f"the period of {DATES.short(period.start)}"
    return f"the period {DATES.short(period.start)} to {DATES.short(period.end)}"
