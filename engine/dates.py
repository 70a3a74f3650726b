"""Calendar arithmetic as decisions.md L1 prescribes (民法典 Arts. 201-202).

A period of N years that starts on date D does not count D itself and ends at the end of
the same calendar date N years later; where that date does not exist (29 February) it ends
on the last day of that month. The period is therefore "full" from the next day on.
Never 365 days.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


@functools.lru_cache(maxsize=1 << 13)  # registers repeat dates; the as-of date is fixed
def add_years(start: date, years: int) -> date:
    """The same calendar date `years` later, or the month's last day if it does not exist."""
    year = start.year + years
    last_day = calendar.monthrange(year, start.month)[1]
    return date(year, start.month, min(start.day, last_day))


def full_from(start: date, years: int) -> date:
    """The first day on which `years` full years have passed since `start` (L1)."""
    return add_years(start, years) + ONE_DAY


def after_days(start: date, days: int) -> date:
    """The first day after a period of `days` days counted from `start` (not counting it)."""
    return start + timedelta(days=days) + ONE_DAY


@functools.lru_cache(maxsize=1 << 13)
def full_years(start: date, as_of: date) -> int:
    """How many full years have passed since `start` on `as_of` (0 if none, never negative)."""
    if as_of <= start:
        return 0
    years = as_of.year - start.year
    while years > 0 and as_of < full_from(start, years):
        years -= 1
    return years


# The forms a register writes a date in (README, "Cell grammar"): year, month and day with
# one separator throughout (2011-3-16, 2011.3.16, 2011/3/16) or 2011年3月16日, after the
# cell is made half-width (full-width digits read as digits); a time of day after it, as
# Excel writes a date cell saved to CSV (2011/3/16 0:00), is ignored.
_SEPARATED = re.compile(
    r"^([0-9]{4})([-./])([0-9]{1,2})\2([0-9]{1,2})(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?$"
)
_CHINESE = re.compile(r"^([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日$")


# Dates a register can plausibly hold: none before 1949 (no land-use right, budget or
# project of these registers is older; an earlier year is a slip), and none so far off
# that period arithmetic would overflow.
EARLIEST, LATEST = date(1949, 1, 1), date(2999, 12, 31)


class NotADate(ValueError):
    """Text that is not a date in any form the grammar knows."""


class NoSuchDay(ValueError):
    """A date in a known form that the calendar does not have (2011年2月30日)."""

    def __init__(self, year: int, month: int, day: int) -> None:
        super().__init__(f"{year}-{month}-{day}")
        self.year, self.month, self.day = year, month, day

    @property
    def days_in_month(self) -> int | None:
        """The days of the month written, or None if the month itself does not exist."""
        if not 1 <= self.month <= 12:
            return None
        return calendar.monthrange(self.year, self.month)[1]


class Implausible(ValueError):
    """A date outside EARLIEST..LATEST (year 0 too, which the calendar lacks), as ISO writes
    it."""

    def __init__(self, shown: str) -> None:
        super().__init__(shown)
        self.shown = shown


def parse_date(text: str) -> date:
    """A date in one of the forms bureaus write (see _SEPARATED, _CHINESE).

    Raises NotADate for any other text, NoSuchDay for a date the calendar lacks (2013-02-29,
    2011年2月30日) and Implausible for a date outside EARLIEST..LATEST: all ValueErrors.
    """
    text = unicodedata.normalize("NFKC", text).strip()
    match = _SEPARATED.match(text)
    if match:
        year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
    elif match := _CHINESE.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise NotADate(text)
    if year == 0:  # not "month 1 of 0 has 31 days": the year is the slip
        raise Implausible(f"0000-{month:02d}-{day:02d}")
    try:
        parsed = date(year, month, day)
    except ValueError:
        raise NoSuchDay(year, month, day) from None
    if not EARLIEST <= parsed <= LATEST:
        raise Implausible(parsed.isoformat())
    return parsed


DATE_FORMS = (
    "a date such as 2012-07-01, 2012-7-1, 2012.7.1, 2012/7/1 or 2012年7月1日, from 1949 to 2999"
)
