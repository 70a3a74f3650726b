"""Legal periods counted from the event that starts them (decisions.md L14).

A period of N days starting on D does not count D (民法典 Art. 201; before 2021, 民法通则
Art. 154): it ends at the end of D + N. A period of N months ends on the same date N months
later, or the month's last day where that date does not exist (Art. 202). Where the last day
is a statutory holiday or a rest day, the period ends on the first working day after it
(Art. 203): the State Council's published holiday calendar decides, make-up working days
(调休上班日) included, through the maintained `chinese_calendar` package, never a table of
ours. A period of N working days counts the working days after D.

The package publishes the years it knows. A period whose end falls in a year it does not
know is refused (CalendarError, naming the years it covers), never counted as though a
holiday were a working day. Each counted period keeps how it was counted, so that an
explanation can say it: the start, the length, the plain last day and each move.
"""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import chinese_calendar

from .errors import ComplyError

Unit = Literal["days", "months", "working_days"]
ONE_DAY = timedelta(days=1)


class CalendarError(ComplyError):
    """A period ends in a year the holiday calendar does not cover."""


def covered() -> tuple[int, int]:
    """The first and last year the installed holiday calendar publishes."""
    years = sorted({day.year for day in chinese_calendar.holidays})
    return years[0], years[-1]


@functools.lru_cache(maxsize=1 << 16)  # the package takes ~40 µs a day; a run asks often
def is_working_day(day: date) -> bool:
    """A working day in China: not a statutory holiday, not a rest day unless made up."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        first, last = covered()
        raise CalendarError(
            f"{day.isoformat()}: the State Council holiday calendar installed "
            f"(chinese_calendar {getattr(chinese_calendar, '__version__', '')}) covers "
            f"{first}-{last} only; a period ending then cannot be counted without it "
            "(upgrade the package once the year's calendar is published)"
        ) from None


def add_months(start: date, months: int) -> date:
    """The same date `months` later, or the month's last day where it does not exist."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Counted:
    """A period as counted: from its start, its length, the plain last day, the last day
    after any move to a working day, and the days skipped on the way (for explanations)."""

    start: date
    length: int
    unit: Unit
    plain_end: date  # the last day before any move
    end: date  # the last day of the period
    moved_over: tuple[date, ...] = ()  # holidays and rest days the end moved past

    def over_on(self, day: date) -> bool:
        """Whether the period has run out by `day` (it runs to the end of its last day)."""
        return day > self.end

    def days_late(self, day: date) -> int | None:
        """Days past the last day on `day`, or None while it is still running."""
        return (day - self.end).days if day > self.end else None


@functools.lru_cache(maxsize=1 << 16)  # a Counted is immutable: one per start and length
def count(start: date, length: int, unit: Unit = "days") -> Counted:
    """The period of `length` units from `start` (the start not counted), its last day moved
    to a working day where it falls on a holiday or rest day (L14)."""
    if unit == "working_days":
        day, left = start, length
        while left > 0:
            day += ONE_DAY
            if is_working_day(day):
                left -= 1
        return Counted(start, length, unit, day, day)
    plain = start + timedelta(days=length) if unit == "days" else add_months(start, length)
    end, moved = plain, []
    while not is_working_day(end):
        moved.append(end)
        end += ONE_DAY
    return Counted(start, length, unit, plain, end, tuple(moved))
