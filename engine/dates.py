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


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_CHINESE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


# Dates a register can meaningfully hold; far-off years would overflow period arithmetic.
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


def parse_date(text: str) -> date:
    """ISO dates, and the forms bureaus write: 2012/7/1 and 2012年7月1日.

    Raises ValueError for anything else, including impossible dates such as 2013-02-29
    and dates outside 1900-2999.
    """
    text = text.strip()
    match = _SLASHED.match(text) or _CHINESE.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        parsed = date(year, month, day)
    elif not _ISO.match(text):
        raise ValueError(text)
    else:
        parsed = date.fromisoformat(text)
    if not EARLIEST <= parsed <= LATEST:
        raise ValueError(text)
    return parsed


DATE_FORMS = "a date between 1900 and 2999 such as 2012-07-01, 2012/7/1 or 2012年7月1日"
