"""Plain chart input built from a journal: what the figures draw, nothing more.

The charts never read domain records directly; these frozen dataclasses carry exactly
what a figure needs (positions, encodings, ids for picking), so the GUI, reports and
benchmarks can build or fake them cheaply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from journal.domain.cycle import PLAUSIBLE_CYCLE, CycleCalendar
from journal.domain.model import Episode, JournalData
from journal.domain.vocabulary import Amount, Colour, Severity

# A day-only episode is drawn at midday, so it sits in the middle of its calendar day.
_DAY_ONLY_AT = time(12, 0)


@dataclass(frozen=True, slots=True)
class EpisodePoint:
    """One episode as a marker: where, how big, which colour, which shape, which ring."""

    id: str
    at: datetime
    amount: Amount
    colour: Colour | None = None
    after_sex: bool = False
    severity: Severity | None = None
    cycle_day: int | None = None

    @property
    def day(self) -> date:
        return self.at.date()

    @property
    def needs_attention(self) -> bool:
        """True for see-provider and urgent: these get a dark ring."""
        return self.severity in (Severity.SEE_PROVIDER, Severity.URGENT)


@dataclass(frozen=True, slots=True)
class PeriodBand:
    """Days of one period, both ends included; ``ongoing`` when no end was logged."""

    start: date
    end: date
    ongoing: bool = False

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class TimelineData:
    """Everything the timeline draws, episodes in time order."""

    episodes: tuple[EpisodePoint, ...] = ()
    periods: tuple[PeriodBand, ...] = ()
    ovulations: tuple[date, ...] = ()

    def episode(self, episode_id: str) -> EpisodePoint | None:
        for point in self.episodes:
            if point.id == episode_id:
                return point
        return None


@dataclass(frozen=True, slots=True)
class CycleRow:
    """One menstrual cycle, with its episodes placed by cycle day (day 1 = period start).

    ``length`` is None for the current cycle and for a gap in logging too long to be a
    cycle; ``span`` is then how far the row is drawn.
    """

    start: date
    length: int | None
    period_days: int
    ovulation_day: int | None
    episodes: tuple[EpisodePoint, ...] = ()

    @property
    def span(self) -> int:
        if self.length is not None:
            return self.length
        seen = [self.period_days, self.ovulation_day or 0]
        seen += [e.cycle_day or 0 for e in self.episodes]
        return max(seen)


def _point(
    episode: Episode,
    calendar: CycleCalendar,
    severities: Mapping[str, Severity] | None,
) -> EpisodePoint:
    started = episode.started_at
    at = started if isinstance(started, datetime) else datetime.combine(started, _DAY_ONLY_AT)
    return EpisodePoint(
        id=episode.id,
        at=at,
        amount=episode.amount,
        colour=episode.colour,
        after_sex=episode.after_sex,
        severity=severities.get(episode.id) if severities is not None else None,
        cycle_day=calendar.context(episode.day).cycle_day,
    )


def _calendar(data: JournalData, calendar: CycleCalendar | None) -> CycleCalendar:
    """``data``'s calendar: the caller's when it has one (the explainer's, whose days are
    placed already: placing thousands again took 50 ms at every unlock and change)."""
    return calendar if calendar is not None else CycleCalendar(data.periods, data.ovulation_signs)


def _ovulation_of(calendar: CycleCalendar, start: date) -> date | None:
    return calendar.context(start).estimated_ovulation


def timeline_data(
    data: JournalData,
    severities: Mapping[str, Severity] | None = None,
    calendar: CycleCalendar | None = None,
) -> TimelineData:
    """The timeline's input: every episode, period and estimated ovulation of a journal.

    ``severities`` maps an episode id to the most pressing severity among its cards (the
    cards layer computes it); episodes missing from it are drawn without a ring.
    ``calendar`` is ``data``'s, when the caller has it.
    """
    calendar = _calendar(data, calendar)
    episodes = sorted(data.episodes, key=lambda e: e.sort_key)
    bands = tuple(
        PeriodBand(start=p.start, end=p.last_day, ongoing=p.end is None) for p in calendar.periods
    )
    ovulations = sorted(
        {day for p in calendar.periods if (day := _ovulation_of(calendar, p.start)) is not None}
    )
    return TimelineData(
        episodes=tuple(_point(e, calendar, severities) for e in episodes),
        periods=bands,
        ovulations=tuple(ovulations),
    )


def cycle_rows(
    data: JournalData,
    severities: Mapping[str, Severity] | None = None,
    calendar: CycleCalendar | None = None,
) -> list[CycleRow]:
    """One row per logged cycle, oldest first; episodes outside any cycle are left out.
    ``calendar`` is ``data``'s, when the caller has it."""
    calendar = _calendar(data, calendar)
    by_start: dict[date, list[EpisodePoint]] = {}
    for episode in sorted(data.episodes, key=lambda e: e.sort_key):
        point = _point(episode, calendar, severities)
        start = calendar.cycle_start_of(episode.day)
        if start is not None and point.cycle_day is not None:
            by_start.setdefault(start, []).append(point)
    rows = []
    for period in calendar.periods:
        next_start = calendar.next_start_after(period.start)
        gap = (next_start - period.start).days if next_start is not None else None
        length = gap if gap is not None and gap in PLAUSIBLE_CYCLE else None
        ovulation = _ovulation_of(calendar, period.start)
        ovulation_day = (ovulation - period.start).days + 1 if ovulation is not None else None
        if ovulation_day is not None and gap is not None and ovulation_day > gap:
            ovulation_day = None  # the estimate falls after the next period began
        period_days = (period.last_day - period.start).days + 1
        if gap is not None:
            period_days = min(period_days, gap)
        rows.append(
            CycleRow(
                start=period.start,
                length=length,
                period_days=period_days,
                ovulation_day=ovulation_day,
                episodes=tuple(by_start.get(period.start, ())),
            )
        )
    return rows
