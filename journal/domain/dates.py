"""Dates as people read them: the long form in running text, the short form in tables.

One helper for every place a person reads a date (CLI text, GUI, reports). The order of
day and month follows the person's locale (``3 August 2026`` or ``August 3, 2026``); the
words are English, like the rest of the app. The CLI's JSON and the interchange format
stay ISO and never come through here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from journal.domain.model import Moment

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Territories that write the month before the day (United States and its neighbours in
# usage); everywhere else the day comes first.
MONTH_FIRST_TERRITORIES = frozenset(
    {"US", "PH", "PR", "GU", "AS", "VI", "UM", "MP", "FM", "MH", "PW", "BZ"}
)


@dataclass(frozen=True, slots=True)
class DateStyle:
    """How dates are written for one locale."""

    month_first: bool = False
    twelve_hour: bool = False

    def _join(self, day: int, month: str, year: int | None) -> str:
        if self.month_first:
            return f"{month} {day}" + (f", {year}" if year is not None else "")
        return f"{day} {month}" + (f" {year}" if year is not None else "")

    def long(self, day: date) -> str:
        """``3 August 2026``: dates in running text."""
        return self._join(day.day, MONTHS[day.month - 1], day.year)

    def short(self, day: date) -> str:
        """``3 Aug 2026``: dates in tables and lists."""
        return self._join(day.day, MONTHS[day.month - 1][:3], day.year)

    def day_month(self, day: date) -> str:
        """``3 Aug``: a date whose year is clear from around it."""
        return self._join(day.day, MONTHS[day.month - 1][:3], None)

    def weekday(self, day: date) -> str:
        """``Mon``: in English whatever locale C's ``strftime`` was set to (Qt sets it)."""
        return WEEKDAYS[day.weekday()]

    def month(self, day: date, *, short: bool = False) -> str:
        """``August 2026`` (``Aug 2026`` when short)."""
        name = MONTHS[day.month - 1]
        return f"{name[:3] if short else name} {day.year}"

    def time(self, moment: datetime) -> str:
        if self.twelve_hour:
            hour = moment.hour % 12 or 12
            return f"{hour}:{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"
        return f"{moment.hour:02d}:{moment.minute:02d}"

    def moment(self, moment: Moment, *, short: bool = False) -> str:
        """A day, with its time of day when one was logged."""
        day = moment.date() if isinstance(moment, datetime) else moment
        text = self.short(day) if short else self.long(day)
        if isinstance(moment, datetime):
            text += f", {self.time(moment)}"
        return text

    def span(self, start: Moment, end: Moment | None, *, short: bool = False) -> str:
        """``3 August 2026, 22:30 to 5 August 2026``; just the start when no end."""
        text = self.moment(start, short=short)
        if end is not None:
            text += " to " + self.moment(end, short=short)
        return text

    def days(self, days: Sequence[date]) -> str:
        """``3 Aug, 27 Aug, 9 Oct``: years only when the days span more than one (the
        surrounding text names the year otherwise)."""
        if not days:
            return ""
        if len({d.year for d in days}) == 1:
            return ", ".join(self.day_month(d) for d in days)
        return ", ".join(self.short(d) for d in days)

    def range(self, start: date, end: date) -> str:
        """``3 June to 30 November 2026`` (years repeated only when they differ)."""
        if start.year == end.year:
            first = (
                f"{MONTHS[start.month - 1]} {start.day}"
                if self.month_first
                else f"{start.day} {MONTHS[start.month - 1]}"
            )
            return f"{first} to {self.long(end)}"
        return f"{self.long(start)} to {self.long(end)}"


def style_for_locale(name: str) -> DateStyle:
    """The style of a POSIX or BCP 47 locale name (``en_US.UTF-8``, ``de-DE``, ``C``)."""
    base = name.split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    territory = base.split("_", 1)[1].upper() if "_" in base else ""
    month_first = territory in MONTH_FIRST_TERRITORIES
    return DateStyle(month_first=month_first, twelve_hour=month_first)


def environment_style() -> DateStyle:
    """The style of the locale the environment sets for dates (``LC_ALL``, ``LC_TIME``,
    ``LANG``, as C programs read it)."""
    for variable in ("LC_ALL", "LC_TIME", "LANG"):
        value = os.environ.get(variable)
        if value:
            return style_for_locale(value)
    return DateStyle()


DATES = environment_style()
