"""Chart input built from a journal: points, bands, ovulation estimates, cycle rows."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from journal.charts import cycle_rows, timeline_data
from journal.domain.cycle import CycleCalendar
from journal.domain.model import Episode, JournalData, OvulationSign, Period
from journal.domain.vocabulary import Amount, Colour, OvulationSignKind, Severity, Trigger


def _small() -> JournalData:
    return JournalData(
        periods=(
            Period(date(2026, 1, 1), date(2026, 1, 5)),
            Period(date(2026, 1, 29), date(2026, 2, 2)),
            Period(date(2026, 2, 26), None),
        ),
        episodes=(
            Episode(
                "late", datetime(2026, 2, 10, 8, 30), Amount.LIGHT, trigger=Trigger.INTERCOURSE
            ),
            Episode("early", date(2026, 1, 14), Amount.SPOTTING, colour=Colour.BROWN),
            Episode("before", date(2025, 12, 20), Amount.HEAVY),
        ),
    )


def test_timeline_points_are_in_time_order_with_their_encodings() -> None:
    data = timeline_data(_small(), {"late": Severity.SEE_PROVIDER, "early": Severity.INFO})
    assert [p.id for p in data.episodes] == ["before", "early", "late"]
    before, early, late = data.episodes
    assert early.at == datetime(2026, 1, 14, 12, 0)  # a day-only episode sits at midday
    assert late.at == datetime(2026, 2, 10, 8, 30)
    assert early.colour is Colour.BROWN and late.colour is None
    assert late.after_sex and not early.after_sex
    assert late.needs_attention and not early.needs_attention and before.severity is None
    assert early.cycle_day == 14 and late.cycle_day == 13 and before.cycle_day is None


def test_periods_become_bands_and_each_cycle_gets_an_ovulation_estimate() -> None:
    data = timeline_data(_small())
    assert [(b.start, b.end, b.ongoing) for b in data.periods] == [
        (date(2026, 1, 1), date(2026, 1, 5), False),
        (date(2026, 1, 29), date(2026, 2, 2), False),
        (date(2026, 2, 26), date(2026, 2, 26), True),
    ]
    # Complete cycles: next start minus 14 days; the open one: start + typical (28) - 14.
    assert data.ovulations == (date(2026, 1, 15), date(2026, 2, 12), date(2026, 3, 12))


def test_a_logged_ovulation_sign_wins_over_the_estimate() -> None:
    journal = _small()
    journal = JournalData(
        periods=journal.periods,
        ovulation_signs=(OvulationSign(date(2026, 1, 12), OvulationSignKind.POSITIVE_OPK),),
    )
    assert timeline_data(journal).ovulations[0] == date(2026, 1, 12)


def test_cycle_rows_place_episodes_by_cycle_day() -> None:
    rows = cycle_rows(_small(), {"late": Severity.URGENT})
    assert [r.start for r in rows] == [date(2026, 1, 1), date(2026, 1, 29), date(2026, 2, 26)]
    assert [r.length for r in rows] == [28, 28, None]
    assert [r.period_days for r in rows] == [5, 5, 1]
    assert [r.ovulation_day for r in rows] == [15, 15, 15]
    assert [[e.id for e in r.episodes] for r in rows] == [["early"], ["late"], []]
    assert rows[1].episodes[0].cycle_day == 13
    assert rows[1].episodes[0].severity is Severity.URGENT
    # The episode before any logged period has no cycle and is left out.
    assert all(e.id != "before" for r in rows for e in r.episodes)
    assert rows[2].span == 15  # open cycle: drawn as far as its ovulation estimate


def test_sample_year_matches_the_cycle_calendar(journal: JournalData) -> None:
    rows = cycle_rows(journal)
    calendar = CycleCalendar(journal.periods)
    assert len(rows) == len(journal.periods)
    for row in rows:
        for point in row.episodes:
            assert calendar.cycle_start_of(point.day) == row.start
            assert point.cycle_day == (point.day - row.start).days + 1
            assert row.length is None or 1 <= point.cycle_day <= row.length
    placed = sum(len(r.episodes) for r in rows)
    assert placed == len(journal.episodes)  # every sample episode falls inside a cycle
    assert all(r.period_days == 5 for r in rows)
    assert rows[0].start + timedelta(days=rows[0].length or 0) == rows[1].start


def test_the_journals_own_calendar_gives_the_same_charts() -> None:
    """The window passes the explainer's calendar (its days already placed): same input."""
    data = _small()
    calendar = CycleCalendar(data.periods, data.ovulation_signs)
    calendar.context(date(2026, 1, 14))  # some days placed already
    assert timeline_data(data, None, calendar) == timeline_data(data)
    assert cycle_rows(data, None, calendar) == cycle_rows(data)
