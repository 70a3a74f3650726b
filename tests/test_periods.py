"""L14: legal periods counted from their start event, last days moved off holidays."""

from datetime import date

import pytest
from comply.engine.periods import CalendarError, add_months, count, covered


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        (date(2013, 3, 4), 30, date(2013, 4, 3)),  # a Wednesday: the plain last day stands
        (date(2013, 3, 5), 30, date(2013, 4, 7)),  # Qingming 4-6 April; Sunday 7th worked
        (date(2012, 9, 1), 30, date(2012, 10, 8)),  # ends on 1 October: after the holiday
        (date(2013, 6, 1), 30, date(2013, 7, 1)),  # a Monday
        (date(2013, 6, 2), 30, date(2013, 7, 2)),  # a Tuesday
        (date(2013, 6, 7), 30, date(2013, 7, 8)),  # Sunday 7 July moves to Monday
    ],
)
def test_a_period_of_days_ends_on_a_working_day(start: date, days: int, end: date) -> None:
    assert count(start, days).end == end


def test_a_makeup_working_day_is_a_working_day() -> None:
    # Saturday 29 September 2012 was worked in exchange for the National Day holiday.
    counted = count(date(2012, 8, 30), 30)
    assert counted.plain_end == date(2012, 9, 29)
    assert counted.end == date(2012, 9, 29)
    assert counted.moved_over == ()


def test_the_moves_are_kept_for_an_explanation() -> None:
    counted = count(date(2012, 9, 1), 30)
    assert counted.plain_end == date(2012, 10, 1)
    assert counted.moved_over[0] == date(2012, 10, 1)
    assert counted.moved_over[-1] == date(2012, 10, 7)


def test_working_days_skip_a_weekend() -> None:
    # Served on a Thursday: Friday, then Monday to Thursday.
    assert count(date(2013, 3, 7), 5, "working_days").end == date(2013, 3, 14)


def test_working_days_skip_the_national_day_holiday_and_count_the_makeup_day() -> None:
    # Friday 28 September 2012: Saturday 29 (worked), then 8-11 October.
    assert count(date(2012, 9, 28), 5, "working_days").end == date(2012, 10, 11)


def test_months_end_on_the_same_date_or_the_month_end() -> None:
    assert add_months(date(2012, 8, 31), 6) == date(2013, 2, 28)
    assert add_months(date(2012, 11, 30), 3) == date(2013, 2, 28)
    assert count(date(2012, 8, 31), 3, "months").end == date(2012, 11, 30)


def test_a_year_the_calendar_does_not_cover_is_refused() -> None:
    first, last = covered()
    assert first <= 2012
    assert last >= 2025
    with pytest.raises(CalendarError, match=f"covers {first}-{last}"):
        count(date(last, 12, 20), 30)


def test_over_and_late() -> None:
    counted = count(date(2013, 6, 1), 30)
    assert not counted.over_on(date(2013, 7, 1))
    assert counted.over_on(date(2013, 7, 2))
    assert counted.days_late(date(2013, 7, 1)) is None
    assert counted.days_late(date(2013, 7, 3)) == 2
