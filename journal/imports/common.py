"""What every importer shares: the result, the skip log, and the day book.

An importer reads a foreign export and tells the ``DayBook`` what happened on each day
(menstrual flow, other bleeding, mucus, intercourse, notes, tests). The book turns those
days into the journal's own records following the rules every format shares: periods
are runs of flow days with at most one day's gap inside, bleeding outside a period is an
episode carrying that day's mucus, intercourse and notes, bleeding on a period day belongs
to the period. Nothing here reads files: importers are handed bytes or streams.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from journal.domain.dates import DATES
from journal.domain.errors import InvalidInput, printable
from journal.domain.model import (
    NOTES_MAX,
    Episode,
    JournalData,
    OvulationSign,
    Period,
    PregnancyTest,
)
from journal.domain.vocabulary import (
    Amount,
    Colour,
    Mucus,
    OvulationSignKind,
    PregnancyTestResult,
    Symptom,
    Trigger,
)

# The longest a period may be (the journal's own rule: at most 31 days).
PERIOD_MAX_DAYS = 31
# Where a format keeps flow days one by one, a gap of at most this many days stays inside.
PERIOD_GAP_DAYS = 1
# How many example dates a skipped item names.
EXAMPLES = 5

_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ImportCancelled(Exception):
    """The person cancelled while the file was read; nothing was changed."""


def fail(label: str, record: str, field: str, message: str) -> InvalidInput:
    """One clear sentence naming the format, the record and the field."""
    return InvalidInput(field, message, f"{label} export, {record}")


def day_from(value: object, label: str, record: str, field: str) -> date:
    """The calendar day at the start of a date or date-time text (never shifted by a zone)."""
    if isinstance(value, str) and _DATE_RE.match(value.strip()):
        text = value.strip()[:10]
        try:
            day = date.fromisoformat(text)
        except ValueError:
            pass
        else:
            if day.year >= 1900:
                return day
    shown = printable(str(value)[:40]) if value is not None else "nothing"
    raise fail(label, record, field, f"'{shown}' is not a date like 2025-01-06")


def load_json(raw: bytes, label: str) -> object:
    """Decode a JSON export, with one clear sentence for each way it can be wrong."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise fail(label, "file", "encoding", "is not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise fail(
            label,
            "file",
            "JSON",
            f"is not valid JSON (line {error.lineno}, column {error.colno})",
        ) from None
    except RecursionError:
        raise fail(label, "file", "JSON", "is nested too deeply to be an export") from None
    except ValueError:
        # Python refuses to convert integers of more than 4,300 digits.
        raise fail(
            label, "file", "JSON", "holds a number with too many digits to be a value"
        ) from None


def decode_text(raw: bytes, label: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise fail(label, "file", "encoding", "is not UTF-8 text") from None


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something in the file that does not become a record, and why."""

    reason: str
    count: int
    examples: tuple[str, ...] = ()

    def describe(self) -> str:
        shown = "; ".join(self.examples)
        more = "; …" if self.count > len(self.examples) and self.examples else ""
        return f"{self.count} × {self.reason}" + (f" ({shown}{more})" if shown else "")


class SkipLog:
    """Counts skipped items by reason, keeping the first few examples of each."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()
        self._examples: dict[str, list[str]] = {}

    def add(
        self,
        reason: str,
        example: str | date | None = None,
        count: int = 1,
        limit: int = EXAMPLES,
    ) -> None:
        self._counts[reason] += count
        examples = self._examples.setdefault(reason, [])
        if example is not None and len(examples) < limit:
            text = DATES.short(example) if isinstance(example, date) else example
            if text not in examples:
                examples.append(text)

    def extend(self, items: Iterable[Skipped]) -> None:
        for item in items:
            self._counts[item.reason] += item.count
            examples = self._examples.setdefault(item.reason, [])
            examples.extend(e for e in item.examples if e not in examples)

    def items(self) -> tuple[Skipped, ...]:
        return tuple(
            Skipped(reason, count, tuple(self._examples.get(reason, ())))
            for reason, count in self._counts.items()
        )


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an importer read: the journal's own records, and what it left out."""

    format: str
    data: JournalData
    skipped: tuple[Skipped, ...] = ()


@dataclass
class _Day:
    flow: bool = False
    flow_spotting: bool = True  # every flow logged this day was spotting only
    starts: bool = False
    bleeding: Amount | None = None
    colour: Colour | None = None
    mucus: Mucus | None = None
    intercourse: bool = False
    symptoms: set[Symptom] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


_MUCUS_RANK = {m: i for i, m in enumerate(Mucus)}


class DayBook:
    """Collects what a file says about each day; ``build()`` makes the journal's records."""

    def __init__(self, format_name: str) -> None:
        self.format = format_name
        self.skips = SkipLog()
        self._days: dict[date, _Day] = {}
        self._periods: list[Period] = []
        self._signs: set[OvulationSign] = set()
        self._tests: set[tuple[date, bool]] = set()

    def _day(self, day: date) -> _Day:
        found = self._days.get(day)
        if found is None:
            found = self._days[day] = _Day()
        return found

    # ------------------------------------------------------------------ what a file says

    def flow(self, day: date, *, starts: bool = False, spotting: bool = False) -> None:
        """A day of menstrual flow (``starts``: the format marks it as a period's first day).

        ``spotting``: the format counts spotting as flow; a run of nothing but spotting days
        is not a period, so those days become episodes.
        """
        entry = self._day(day)
        entry.flow = True
        entry.flow_spotting = entry.flow_spotting and spotting
        entry.starts = entry.starts or starts

    def period(self, start: date, end: date | None) -> None:
        """A period the format stores whole, from its first to its last day."""
        self._periods.append(Period(start=start, end=end))

    def bleeding(
        self, day: date, amount: Amount = Amount.SPOTTING, colour: Colour | None = None
    ) -> None:
        """Bleeding that is not menstrual flow: an episode unless the day is in a period."""
        entry = self._day(day)
        if entry.bleeding is None or amount.rank > entry.bleeding.rank:
            entry.bleeding = amount
        if colour is not None:
            entry.colour = colour

    def mucus(self, day: date, mucus: Mucus) -> None:
        entry = self._day(day)
        if entry.mucus is None or _MUCUS_RANK[mucus] > _MUCUS_RANK[entry.mucus]:
            entry.mucus = mucus
        if mucus is Mucus.EGG_WHITE:
            self.sign(day, OvulationSignKind.PEAK_MUCUS)

    def intercourse(self, day: date) -> None:
        self._day(day).intercourse = True

    def symptom(self, day: date, symptom: Symptom) -> None:
        self._day(day).symptoms.add(symptom)

    def note(self, day: date, text: str) -> None:
        text = text.replace("\x00", "").strip()
        if text:
            self._day(day).notes.append(text)

    def sign(self, day: date, kind: OvulationSignKind) -> None:
        self._signs.add(OvulationSign(date=day, sign=kind))

    def pregnancy_test(self, day: date, *, positive: bool) -> None:
        self._tests.add((day, positive))

    # ------------------------------------------------------------------ the records

    def build(self) -> ImportResult:
        periods = self._build_periods()
        ordered = sorted(periods, key=lambda p: p.start)

        def in_period(day: date) -> bool:
            return any(p.contains(day) for p in ordered if p.start <= day)

        episodes: list[Episode] = []
        for day in sorted(self._days):
            entry = self._days[day]
            if entry.bleeding is not None and in_period(day):
                self.skips.add("bleeding on a period day (it belongs to the period)", day)
                entry.bleeding = None
            if entry.bleeding is None:
                self._left_out(day, entry)
                continue
            notes = "\n\n".join(entry.notes)
            if len(notes) > NOTES_MAX:
                self.skips.add("note cut to 10,000 characters", day)
                notes = notes[:NOTES_MAX]
            episodes.append(
                Episode(
                    id=episode_id(self.format, day),
                    started_at=day,
                    amount=entry.bleeding,
                    colour=entry.colour,
                    mucus=entry.mucus or Mucus.NONE,
                    trigger=Trigger.INTERCOURSE if entry.intercourse else Trigger.NONE,
                    symptoms=frozenset(entry.symptoms),
                    notes=notes,
                )
            )
        tests = tuple(
            PregnancyTest(
                date=day,
                result=PregnancyTestResult.POSITIVE if positive else PregnancyTestResult.NEGATIVE,
            )
            for day, positive in sorted(self._tests)
        )
        return ImportResult(
            format=self.format,
            data=JournalData(
                periods=tuple(ordered),
                episodes=tuple(episodes),
                ovulation_signs=tuple(sorted(self._signs, key=lambda s: (s.date, s.sign.value))),
                pregnancy_tests=tests,
            ),
            skipped=self.skips.items(),
        )

    def _left_out(self, day: date, entry: _Day) -> None:
        """What a day without an episode carries that the journal keeps only with episodes."""
        if entry.mucus is not None and entry.mucus is not Mucus.NONE:
            self.skips.add("cervical mucus on a day without an episode", day)
        if entry.intercourse:
            self.skips.add("intercourse on a day without an episode", day)
        if entry.notes:
            self.skips.add("note on a day without an episode", day)
        if entry.symptoms:
            self.skips.add("symptom on a day without an episode", day)

    def _build_periods(self) -> list[Period]:
        candidates = list(self._periods)
        for run in _runs(self._days):
            if all(
                self._days[d].flow_spotting
                for d in day_range(run.start, run.last_day)
                if d in self._days and self._days[d].flow
            ):
                for day in day_range(run.start, run.last_day):
                    if day in self._days and self._days[day].flow:
                        self.bleeding(day)
                continue
            candidates.append(run)
        candidates.sort(key=lambda p: (p.start, p.last_day))
        out: list[Period] = []
        for period in candidates:
            if (period.last_day - period.start).days >= PERIOD_MAX_DAYS:
                self.skips.add(
                    "period longer than 31 days",
                    DATES.span(period.start, period.last_day, short=True),
                )
                continue
            if out and out[-1].last_day >= period.start:
                if out[-1] != period:
                    self.skips.add(
                        "period overlapping another in the file",
                        f"from {DATES.short(period.start)}",
                    )
                continue
            out.append(period)
        return out


def _runs(days: dict[date, _Day]) -> Iterable[Period]:
    """Runs of flow days, a gap of at most one day inside, a marked first day starting anew."""
    flow_days = sorted(d for d, entry in days.items() if entry.flow)
    start: date | None = None
    last: date | None = None
    for day in flow_days:
        if (
            start is not None
            and last is not None
            and (day - last).days <= PERIOD_GAP_DAYS + 1
            and not days[day].starts
        ):
            last = day
            continue
        if start is not None and last is not None:
            yield Period(start=start, end=last)
        start = last = day
    if start is not None and last is not None:
        yield Period(start=start, end=last)


def episode_id(format_name: str, day: date) -> str:
    """The same id every time the same file is imported, so a re-import is recognised."""
    return f"{format_name}-{day.isoformat()}"


def day_range(first: date, last: date) -> Iterable[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)
