"""Patterns across a journal's history: what stands out when all episodes are looked at together.

* ``after-sex-recurring``: bleeding after sex twice or more within 90 days;
* ``after-sex-frequent``: three or more times within about 6 months (183 days);
* ``same-phase``: bleeding between periods in the same cycle phase in 3 or more cycles;
* ``more-frequent`` / ``heavier``: the last 90 days compared with the 180 days before them;
* ``after-sex-share``: how many episodes came right after sex;
* ``cycle-lengths``: count, median, shortest and longest complete cycle.

All windows end on the latest logged episode (``as_of``), never on the wall clock, so the
same journal always shows the same patterns. Patterns may *raise* cards for the episodes
they concern (a recurring pattern raises ``see-a-provider``, for example).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import mean

from journal.domain.cycle import CycleCalendar, CycleContext
from journal.domain.dates import DATES
from journal.domain.model import Episode, JournalData
from journal.domain.vocabulary import Amount, Phase, Severity

RECURRING_WINDOW, RECURRING_MIN = 90, 2
FREQUENT_WINDOW, FREQUENT_MIN = 183, 3
SAME_PHASE_MIN_CYCLES = 3
RECENT_DAYS, EARLIER_DAYS = 90, 180
EVIDENCE_LIMIT = 6

_PHASE_WORDS = {
    Phase.FOLLICULAR: "follicular phase (after the period, before ovulation)",
    Phase.OVULATORY: "days around ovulation",
    Phase.LUTEAL: "luteal phase (after ovulation, before the next period)",
}


@dataclass(frozen=True, slots=True)
class Pattern:
    """Something that stands out across episodes, with the evidence behind it."""

    id: str
    kind: str
    title: str
    summary: str
    evidence: tuple[str, ...]
    episode_ids: frozenset[str]
    severity: Severity = Severity.INFO
    raises_cards: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        """How the pattern reads as a reason on a card it raises."""
        return f"{self.title.rstrip('.')}: {self.summary}"

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "summary": self.summary,
            "evidence": list(self.evidence),
            "episode_ids": sorted(self.episode_ids),
            "severity": self.severity.value,
            "raises_cards": list(self.raises_cards),
        }


def find_patterns(
    data: JournalData,
    calendar: CycleCalendar | None = None,
    as_of: date | None = None,
) -> list[Pattern]:
    """Every pattern in ``data``, most pressing first.

    Patterns need where each episode sits in its cycle, not the context dated to its day
    (pregnancy, age): the calendar's placed days, which it keeps.
    """
    if calendar is None:
        calendar = CycleCalendar(data.periods, data.ovulation_signs)
    episodes = sorted(data.episodes, key=lambda e: (e.day, e.id))
    cycles = {e.id: calendar.context(e.day) for e in episodes}
    if as_of is None and episodes:
        as_of = episodes[-1].day
    after_sex = [e for e in episodes if e.after_sex]
    outside = [e for e in episodes if not cycles[e.id].in_period]
    found: list[Pattern] = []
    found += _after_sex_clusters(after_sex, FREQUENT_WINDOW, FREQUENT_MIN)
    found += _after_sex_clusters(after_sex, RECURRING_WINDOW, RECURRING_MIN)
    if as_of is not None:
        found += _trends(outside, as_of, _first_logged(data))
    found += _same_phase(outside, cycles)
    found += _after_sex_share(episodes, after_sex)
    found += _cycle_lengths(calendar)
    return sorted(found, key=lambda p: -p.severity.rank)


def for_reading(patterns: Sequence[Pattern]) -> list[Pattern]:
    """``patterns`` as a person reads them: a run of bleeding after sex already shown as
    "3 or more times in 6 months" is not shown again as "keeps coming back".

    Both stay in ``find_patterns`` (each raises its own cards); only the list people read
    leaves out the one that repeats the other's episodes.
    """
    frequent = [p.episode_ids for p in patterns if p.kind == "after-sex-frequent"]
    return [
        p
        for p in patterns
        if p.kind != "after-sex-recurring" or not any(p.episode_ids <= f for f in frequent)
    ]


# --------------------------------------------------------------------------- after sex


def _after_sex_clusters(after_sex: Sequence[Episode], window: int, at_least: int) -> list[Pattern]:
    """Episodes lying in some ``window``-day span with ``at_least`` episodes, grouped in runs."""
    days = [e.day for e in after_sex]
    # Mark every episode that shares a window with enough others: a difference array keeps
    # this linear however dense the history is.
    cover = [0] * (len(days) + 1)
    first = 0
    for last, day in enumerate(days):
        while (day - days[first]).days >= window:
            first += 1
        if last - first + 1 >= at_least:
            cover[first] += 1
            cover[last + 1] -= 1
    runs: list[list[Episode]] = []
    depth, previous = 0, None
    for index, episode in enumerate(after_sex):
        depth += cover[index]
        if depth <= 0:
            previous = None
            continue
        if previous is None or (episode.day - previous).days >= window:
            runs.append([])
        runs[-1].append(episode)
        previous = episode.day
    frequent = window == FREQUENT_WINDOW
    kind = "after-sex-frequent" if frequent else "after-sex-recurring"
    span = "about 6 months" if frequent else f"{window} days"
    patterns = []
    for run in runs:
        start, end = run[0].day, run[-1].day
        patterns.append(
            _found_in(
                run,
                id=f"{kind}-{start.isoformat()}",
                kind=kind,
                title=(
                    "Bleeding after sex, 3 or more times in 6 months"
                    if frequent
                    else "Bleeding after sex keeps coming back"
                ),
                summary=(
                    f"{len(run)} episodes after intercourse from {DATES.range(start, end)}, "
                    f"at least {at_least} of them within {span}."
                ),
                severity=Severity.SEE_PROVIDER,
                raises_cards=(
                    ("see-a-provider", "rare-causes")
                    if frequent
                    else ("see-a-provider", "uterine-causes")
                ),
            )
        )
    return patterns


def _after_sex_share(episodes: Sequence[Episode], after_sex: Sequence[Episode]) -> list[Pattern]:
    if len(episodes) < 2 or not after_sex:
        return []
    share = round(100 * len(after_sex) / len(episodes))
    return [
        _found_in(
            after_sex,
            id="after-sex-share",
            kind="after-sex-share",
            title="Share of episodes after sex",
            summary=(
                f"{len(after_sex)} of {len(episodes)} logged episodes ({share}%) came right "
                "after intercourse."
            ),
        )
    ]


# --------------------------------------------------------------------------- cycle phase


def _same_phase(outside: Sequence[Episode], cycles: dict[str, CycleContext]) -> list[Pattern]:
    by_phase: defaultdict[Phase, dict[date, list[Episode]]] = defaultdict(dict)
    for episode in outside:
        cycle = cycles[episode.id]
        if cycle.phase in _PHASE_WORDS and cycle.cycle_start is not None:
            by_phase[cycle.phase].setdefault(cycle.cycle_start, []).append(episode)
    patterns = []
    for phase in _PHASE_WORDS:
        per_cycle = by_phase.get(phase, {})
        if len(per_cycle) < SAME_PHASE_MIN_CYCLES:
            continue
        starts = sorted(per_cycle)
        evidence = []
        for start in starts[-EVIDENCE_LIMIT:]:
            days = ", ".join(f"day {cycles[e.id].cycle_day}" for e in per_cycle[start])
            evidence.append(f"cycle from {DATES.short(start)}: {days}")
        if len(starts) > EVIDENCE_LIMIT:
            evidence.append(f"and {len(starts) - EVIDENCE_LIMIT} earlier cycles")
        patterns.append(
            Pattern(
                id=f"same-phase-{phase.value}",
                kind="same-phase",
                title=f"Bleeding between periods in the {phase.value} phase, cycle after cycle",
                summary=(
                    f"Bleeding outside a period in the {_PHASE_WORDS[phase]} in {len(starts)} "
                    f"cycles, most recently in the cycle that began {DATES.long(starts[-1])}."
                ),
                evidence=tuple(evidence),
                episode_ids=frozenset(e.id for s in starts for e in per_cycle[s]),
                # Triage asks for a visit for this (the "same-phase" row): the same level.
                severity=Severity.SEE_PROVIDER,
            )
        )
    return patterns


# --------------------------------------------------------------------------- trends


def _trends(outside: Sequence[Episode], as_of: date, first_logged: date | None) -> list[Pattern]:
    recent_start = as_of - timedelta(days=RECENT_DAYS - 1)
    earlier_start = recent_start - timedelta(days=EARLIER_DAYS)
    # Without records before the recent window there is nothing to compare with.
    if first_logged is None or first_logged >= recent_start:
        return []
    recent = [e for e in outside if recent_start <= e.day <= as_of]
    earlier = [e for e in outside if earlier_start <= e.day < recent_start]
    windows = (
        f"the last {RECENT_DAYS} days ({DATES.range(recent_start, as_of)}) "
        f"against the {EARLIER_DAYS} days before "
        f"({DATES.range(earlier_start, recent_start - timedelta(days=1))})"
    )
    found = []
    recent_rate = len(recent) * 30 / RECENT_DAYS
    earlier_rate = len(earlier) * 30 / EARLIER_DAYS
    if len(recent) >= 3 and recent_rate >= 1.5 * earlier_rate and recent_rate - earlier_rate >= 0.5:
        found.append(
            _found_in(
                recent,
                id="more-frequent",
                kind="more-frequent",
                title="Episodes are becoming more frequent",
                summary=(
                    f"{len(recent)} episodes outside periods in {windows}, which had "
                    f"{len(earlier)}: about {recent_rate:.1f} a month now, "
                    f"{earlier_rate:.1f} before."
                ),
                severity=Severity.SEE_PROVIDER,
                raises_cards=("see-a-provider",),
            )
        )
    if len(recent) >= 2 and len(earlier) >= 2:
        now = mean(e.amount.rank for e in recent)
        before = mean(e.amount.rank for e in earlier)
        if now - before >= 1:
            found.append(
                _found_in(
                    recent,
                    id="heavier",
                    kind="heavier",
                    title="Episodes are getting heavier",
                    summary=(
                        f"Bleeding outside periods was typically {_amount_word(now)} in "
                        f"{windows}, where it was typically {_amount_word(before)}."
                    ),
                    severity=Severity.SEE_PROVIDER,
                    raises_cards=("see-a-provider",),
                )
            )
    return found


# --------------------------------------------------------------------------- cycles


def _cycle_lengths(calendar: CycleCalendar) -> list[Pattern]:
    stats = calendar.stats()
    if not stats.count:
        return []
    summary = (
        f"{stats.count} complete cycle{'s' if stats.count != 1 else ''} logged: median "
        f"{stats.median:g} days, shortest {stats.shortest}, longest {stats.longest}."
    )
    evidence = [f"{length} days" for length in stats.lengths[-EVIDENCE_LIMIT:]]
    if stats.spread is not None and stats.spread > 7:
        evidence.append(f"cycle lengths vary by {stats.spread} days")
    return [
        Pattern(
            id="cycle-lengths",
            kind="cycle-lengths",
            title="Cycle lengths",
            summary=summary,
            evidence=tuple(evidence),
            episode_ids=frozenset(),
        )
    ]


# --------------------------------------------------------------------------- helpers


def _found_in(
    episodes: Sequence[Episode],
    id: str,
    kind: str,
    title: str,
    summary: str,
    severity: Severity = Severity.INFO,
    raises_cards: tuple[str, ...] = (),
) -> Pattern:
    """A pattern ``episodes`` show: they are its evidence and the episodes it names."""
    return Pattern(
        id, kind, title, summary, _evidence(episodes), frozenset(e.id for e in episodes),
        severity, raises_cards,
    )  # fmt: skip


def _evidence(episodes: Sequence[Episode]) -> tuple[str, ...]:
    lines = []
    for episode in list(episodes)[-EVIDENCE_LIMIT:]:
        colour = f", {episode.colour.label.lower()}" if episode.colour else ""
        lines.append(f"{DATES.short(episode.day)}: {episode.amount.label.lower()}{colour}")
    if len(episodes) > EVIDENCE_LIMIT:
        lines.insert(0, f"{len(episodes) - EVIDENCE_LIMIT} earlier episodes not listed")
    return tuple(lines)


def _amount_word(rank: float) -> str:
    return list(Amount)[min(len(Amount) - 1, max(0, round(rank)))].value


def _first_logged(data: JournalData) -> date | None:
    days = [e.day for e in data.episodes] + [p.start for p in data.periods]
    return min(days) if days else None
