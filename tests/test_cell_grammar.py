"""One cell grammar for every kind (issue 13): dates, amounts, yes/no, supply, events.

Each form a register writes is read the same way whichever column it is in, and a value
implausible for its unit is refused with the reason, never judged.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from comply.engine import fields
from comply.engine.kinds.budget import BudgetEvent
from comply.engine.kinds.parcels import Parcel
from comply.engine.messages import Invalid
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.mark.parametrize(
    "text",
    [
        "2011-3-16",
        "2011.3.16",
        "2011/3/16",
        "2011年3月16日",
        "2011-03-16",
        "２０１１－３－１６",
        "２０１１年３月１６日",
        "2011/3/16 0:00",
        "40618",
    ],
)
def test_every_form_of_a_date(text: str) -> None:
    assert fields.day(text) == date(2011, 3, 16)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2011年2月30日", "month 2 of 2011 has 28 days"),
        ("2011-13-01", "there is no month 13"),
        ("1948-12-31", "a plausible date, from 1949 to 2999"),
        ("2011-3/16", "a date such as"),
        ("16/3/2011", "a date such as"),
    ],
)
def test_a_date_that_is_not_one_says_why(text: str, says: str) -> None:
    with pytest.raises(Invalid) as caught:
        fields.day(text)
    assert says in str(caught.value.message)


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("38600000", Decimal(38600000)),
        ("38,600,000", Decimal(38600000)),
        ("3860万", Decimal(38600000)),
        ("3860万元", Decimal(38600000)),
        ("0.386亿元", Decimal(38600000)),
        ("0.386亿", Decimal(38600000)),
        ("38600000元", Decimal(38600000)),
        ("１２００万", Decimal(12000000)),
        ("¥1,200.50", Decimal("1200.50")),
        ("￥1,200.50", Decimal("1200.50")),
    ],
)
def test_every_form_of_an_amount(text: str, yuan: Decimal) -> None:
    assert fields.amount(text) == yuan


@pytest.mark.parametrize("text", ["1,2", "12,00", "1.200,5", "1e5", "万元", "三千万"])
def test_an_amount_written_otherwise_is_refused(text: str) -> None:
    with pytest.raises(Invalid):
        fields.amount(text)


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("1,200.5", "12005000.0"),
        ("1,200.5万", "12005000.0"),
        ("0.12亿元", "12000000.00"),
        ("3860.1234", "38601234.00"),  # whole yuan, as 万元 columns are kept: 4 decimals
        ("3,860.123456", "38601234.56"),  # to the fen: 6 decimals
        ("3860.1234万", "38601234.00"),
    ],
)
def test_a_header_unit_applies_to_a_bare_number_only(text: str, yuan: str) -> None:
    assert fields.in_header_unit(text, "万元") == yuan


@pytest.mark.parametrize(
    ("text", "unit", "places"),
    [
        ("3860.1234567", "万元", 6),
        ("1.2345678万", "元", 6),  # the cell's own unit
        ("1.2345678万", "亿元", 6),
        ("0.12345678901", "亿元", 10),
        ("1200.505元", "万元", None),  # yuan: the message of any amount in yuan
    ],
)
def test_finer_than_a_fen_is_refused_in_the_unit_it_was_written_in(
    text: str, unit: str, places: int | None
) -> None:
    """3860.1234 in a 万元 column was refused as "at most 2 decimals": its bare number was
    first read as yuan. A fen is the sixth decimal of 万元, the tenth of 亿元."""
    with pytest.raises(Invalid) as caught:
        fields.in_header_unit(text, unit)
    message = caught.value.message
    if places is None:
        assert message.id == "amount_fen"
    else:
        assert message.id == "amount_fen_in"
        assert f"at most {places} decimals in " in message.in_("en")


@pytest.mark.parametrize("text", ["0.5", "1200元", "9999元"])
def test_under_1万元_in_a_万元_column_is_implausible(text: str) -> None:
    with pytest.raises(Invalid) as caught:
        fields.in_header_unit(text, "万元")
    assert caught.value.message.id == "amount_implausible"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1e-05", "ratio_exponent"),  # pandas' to_csv of 0.00001
        ("3.3333333333333335e-05", "ratio_exponent"),
        ("0.0000333333333333333333", "ratio_places"),
        ("33.3333333333333333333%", "ratio_places"),
        ("1.5", "ratio"),
    ],
)
def test_a_share_refused_says_why(text: str, message: str) -> None:
    """Each was refused as "a share between 0 and 1", which the first four are (a
    reviewer's find)."""
    with pytest.raises(Invalid) as caught:
        fields.ratio(text)
    assert caught.value.message.id == message


PARCEL = {
    "parcel_id": "P",
    "holder": "H",
    "supply": "transfer",
    "price": "1",
    "agreed_start": "2011-1-1",
}


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("12000", "12000"),
        ("12,000.5", "12000.5"),
        ("1.2万", "12000.0"),
        ("12000平方米", "12000"),
        ("12000㎡", "12000"),
        ("１２０００ m²", "12000"),
    ],
)
def test_a_parcels_land_area_as_registers_write_it(text: str, area: str) -> None:
    """(Its headers: 土地面积, 土地面积（平方米）, 土地面积（㎡）, 宗地面积（㎡）…: contract.py.)"""
    assert Parcel.model_validate({**PARCEL, "land_area": text}).land_area == Decimal(area)


@pytest.mark.parametrize("text", ["12000元", "¥12000", "￥12,000", "1.5亿元", "1.2亿", "12亩", "0"])
def test_a_sum_of_money_or_another_unit_is_no_parcels_land_area(text: str) -> None:
    """An area was read as an amount is: 1.5亿元 was 150,000,000, and a determination said
    "土地面积150,000,000.00平方米" (a reviewer's find)."""
    with pytest.raises(ValueError, match="a positive area in square metres"):
        Parcel.model_validate({**PARCEL, "land_area": text})
    with pytest.raises(ValueError, match="a positive area with at most 2 decimals"):
        Parcel.model_validate({**PARCEL, "developed_area": text})


@pytest.mark.parametrize(("text", "mu"), [("80", "80"), ("35.5亩", "35.5"), ("1,200亩", "1200")])
def test_a_projects_land_in_mu(text: str, mu: str) -> None:
    assert fields.area(text, "亩") == Decimal(mu)


@pytest.mark.parametrize("text", ["80万元", "¥80", "80平方米", "1.5亿"])
def test_a_sum_of_money_or_square_metres_is_no_land_in_mu(text: str) -> None:
    with pytest.raises(Invalid):
        fields.area(text, "亩")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        *((t, True) for t in ("是", "有", "√", "✓", "Y", "y", "yes", "true", "TRUE", "1")),
        *((t, False) for t in ("否", "无", "×", "✗", "N", "n", "no", "false", "0")),
    ],
)
def test_yes_and_no(text: str, value: bool) -> None:
    assert fields.flag(text) is value


@pytest.mark.parametrize(
    ("text", "supply"),
    [
        *(
            (t, "transfer")
            for t in ("出让", "协议出让", "招标出让", "拍卖出让", "挂牌出让", "招拍挂", "transfer")
        ),
        ("划拨", "allocation"),
        ("allocation", "allocation"),
    ],
)
def test_every_way_land_is_supplied(text: str, supply: str) -> None:
    row = Parcel.model_validate(
        {"parcel_id": "P", "holder": "H", "supply": text, "price": "1", "agreed_start": "2011-1-1"}
    )
    assert row.supply == supply


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("超概算", "estimate"),
        ("估算", "estimate"),
        ("adjust", "approve"),
        ("Adjust", "approve"),
        ("调整", "approve"),
        ("上报", "report"),
        ("停工", "suspend"),
        ("复 工", "resume"),
    ],
)
def test_the_finance_bureaus_event_names(text: str, event: str) -> None:
    row = BudgetEvent.model_validate(
        {"project_id": "X", "date": "2012-1-1", "event": text, "amount": "1000"}
    )
    assert row.event == event


def test_year_0_is_a_slip_of_the_year_not_a_short_month() -> None:
    with pytest.raises(Invalid) as refused:
        fields.day("0000-01-01")
    assert "a plausible date, from 1949 to 2999 (0000-01-01 is a slip" in str(refused.value)


def _read(reader: Any, text: str) -> tuple[str, Any]:
    try:
        return "date", reader(text)
    except Invalid as exc:
        return "refused", (str(exc.message), exc.column)


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
        st.from_regex(r"\A(19[4-9][0-9]|2[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])\Z"),
        st.text(alphabet="0123456789-/年月日 \t０２", min_size=8, max_size=12),
    )
)
def test_a_date_written_as_most_registers_write_it_is_read_as_any_other(text: str) -> None:
    """fields.day reads 2012-07-01 directly (fromisoformat and the plausible years): the
    same date, or the same refusal, as the grammar's reader makes of it."""
    assert _read(fields.day, text) == _read(fields._day, text)


@pytest.mark.parametrize(
    "text",
    ["1948-12-31", "1949-01-01", "2999-12-31", "3000-01-01", "0000-01-01", "2013-02-29",
     "2012-02-29", "2012-13-01", "2012-00-10", "2012-07-00", "2012-04-31", "２０１２-07-01"],
)  # fmt: skip
def test_a_date_at_the_edges_is_read_as_any_other(text: str) -> None:
    assert _read(fields.day, text) == _read(fields._day, text)
