"""Benchmark: explaining episodes of a 5,000-episode journal.

Not a pytest test (the name does not start with ``test_``). Run it as a script:

    python tests/benchmarks/bench_cards.py

It prints the one-time cost of building an ``Explainer`` (calendar and history indices),
the first ``explain`` (which also finds the journal's patterns), and then the time per
episode over every episode. The target is well under 20 ms per episode.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, datetime, timedelta

from journal.cards import Explainer, load_catalogue
from journal.domain.model import (
    Condition,
    ContextEntry,
    Episode,
    JournalData,
    Period,
    Screening,
)
from journal.domain.vocabulary import (
    Amount,
    Colour,
    ConditionName,
    Contraception,
    LifeStage,
    Mucus,
    ScreeningKind,
    ScreeningResult,
    Symptom,
    Trigger,
)

EPISODES = 5_000
YEARS = 8
TARGET_MS = 20.0


def sample(episodes: int = EPISODES, years: int = YEARS, seed: int = 1) -> JournalData:
    """About ``years`` of ~28-day cycles, changing context, and ``episodes`` varied episodes."""
    rng = random.Random(seed)
    first = date(2018, 11, 1)
    last = first + timedelta(days=365 * years)
    periods, day = [], first
    while day < last:
        periods.append(Period(day, day + timedelta(days=rng.randint(3, 6))))
        day += timedelta(days=rng.randint(25, 33))
    context = tuple(
        ContextEntry(
            since=first + timedelta(days=365 * i),
            life_stage=rng.choice([LifeStage.REPRODUCTIVE, LifeStage.BREASTFEEDING]),
            contraception=rng.choice(list(Contraception)),
            trying_to_conceive=rng.random() < 0.3,
        )
        for i in range(years)
    )
    span = (last - first).days
    made = []
    for index in range(episodes):
        start = first + timedelta(days=rng.randrange(span))
        made.append(
            Episode(
                id=f"e{index:05d}",
                started_at=datetime(start.year, start.month, start.day, rng.randrange(24)),
                amount=rng.choice(list(Amount)),
                colour=rng.choice([None, *Colour]),
                mucus=rng.choice(list(Mucus)),
                in_mucus=rng.random() < 0.3,
                trigger=rng.choice(list(Trigger)),
                symptoms=frozenset(rng.sample(list(Symptom), rng.randint(0, 2))),
            )
        )
    return JournalData(
        context=context,
        conditions=(Condition(ConditionName.PCOS, first),),
        screenings=(Screening(ScreeningKind.CERVICAL_SCREENING, first, ScreeningResult.NORMAL),),
        periods=tuple(periods),
        episodes=tuple(made),
    )


def run() -> dict[str, float]:
    data = sample()
    load_catalogue()
    started = time.perf_counter()
    explainer = Explainer(data)
    built = time.perf_counter() - started
    ids = [e.id for e in data.episodes]
    started = time.perf_counter()
    explainer.explain(ids[0])
    first = time.perf_counter() - started
    times = []
    for episode_id in ids:
        started = time.perf_counter()
        explainer.explain(episode_id)
        times.append(time.perf_counter() - started)
    # A fresh explainer answering a single episode: what one "show ID" pays in total.
    started = time.perf_counter()
    Explainer(data).explain(ids[len(ids) // 2])
    cold = time.perf_counter() - started
    return {
        "build_ms": built * 1000,
        "first_explain_ms": first * 1000,
        "mean_ms": statistics.fmean(times) * 1000,
        "p99_ms": sorted(times)[int(len(times) * 0.99)] * 1000,
        "max_ms": max(times) * 1000,
        "cold_single_ms": cold * 1000,
    }


def main() -> None:
    result = run()
    print(f"journal: {EPISODES} episodes over {YEARS} years")
    for name, value in result.items():
        print(f"{name:>18}: {value:8.3f} ms")
    verdict = "OK" if result["p99_ms"] < TARGET_MS else "TOO SLOW"
    print(f"per-episode target < {TARGET_MS} ms: {verdict}")


if __name__ == "__main__":
    main()
