"""L1: periods counted as the civil code counts them, never as 365 days."""

from datetime import date

import pytest
from comply.engine.dates import add_years, full_from, full_years, parse_date


@pytest.mark.parametrize(
    ("start", "years", "first_full_day"),
    [
        (date(2011, 6, 30), 1, date(2012, 7, 1)),  # decisions.md L1's own example
        (date(2011, 6, 30), 2, date(2013, 7, 1)),
        (date(2012, 2, 29), 1, date(2013, 3, 1)),  # no 29 Feb: the period ends 28 Feb
        (date(2012, 2, 29), 4, date(2016, 3, 1)),  # a leap year again: 29 Feb exists
        (date(2011, 12, 31), 1, date(2013, 1, 1)),
        (date(2011, 3, 1), 1, date(2012, 3, 2)),  # a leap day inside the year changes nothing
    ],
)
def test_first_day_a_period_is_full(start: date, years: int, first_full_day: date) -> None:
    assert full_from(start, years) == first_full_day


def test_add_years_falls_back_to_the_last_day_of_february() -> None:
    assert add_years(date(2012, 2, 29), 1) == date(2013, 2, 28)


@pytest.mark.parametrize(
    ("as_of", "years"),
    [
        (date(2011, 6, 30), 0),
        (date(2012, 6, 30), 0),  # the anniversary itself: the year is not yet full
        (date(2012, 7, 1), 1),
        (date(2013, 6, 30), 1),
        (date(2013, 7, 1), 2),
        (date(2010, 1, 1), 0),  # before the start: never negative
    ],
)
def test_full_years(as_of: date, years: int) -> None:
    assert full_years(date(2011, 6, 30), as_of) == years


def test_full_years_from_29_february() -> None:
    assert full_years(date(2012, 2, 29), date(2013, 2, 28)) == 0
    assert full_years(date(2012, 2, 29), date(2013, 3, 1)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "2012-07-01",
        "2012-7-1",
        "2012.7.1",
        "2012/7/1",
        "2012年7月1日",
        " 2012/07/01 ",
        "２０１２－７－１",
        "2012 年 7 月 1 日",
        "2012/7/1 0:00",
    ],
)
def test_date_forms_bureaus_write(text: str) -> None:
    assert parse_date(text) == date(2012, 7, 1)


@pytest.mark.parametrize(
    "text",
    [
        "2013-02-29",
        "2012-7/1",
        "01/07/2012",
        "July 1",
        "",
        "20120701",
        "9999-06-01",
        "0001-01-01",
        "1948-12-31",
        "2011年2月30日",
    ],
)
def test_anything_else_is_not_a_date(text: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the message is the caller's to write
        parse_date(text)
