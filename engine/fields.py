"""How a cell of an input file is read, shared by every kind of row.

Each reader returns the value or raises Invalid (a ValueError) naming what was expected, as
a message of engine/messages.py; the loader turns that into a problem naming file, row,
column and value.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from engine.dates import parse_date
from engine.messages import Invalid, Message

TRUE_WORDS = {
    "true": True,
    "yes": True,
    "1": True,
    "是": True,
    "y": True,
    "false": False,
    "no": False,
    "0": False,
    "否": False,
    "n": False,
}
MAX_YUAN = Decimal("1e13")  # ten trillion yuan: beyond any price or budget; bounds the arithmetic
_RATIO = re.compile(r"^(\d{1,6}(\.\d{1,18})?%?|\d{1,18}/\d{1,18})$")


def blanks_out(data: Any) -> Any:
    """A row without its empty cells (so defaults apply), other text cells stripped."""
    if isinstance(data, dict):
        return {
            k: v.strip() if isinstance(v, str) else v
            for k, v in data.items()
            if not (v is None or (isinstance(v, str) and not v.strip()))
        }
    return data


EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0, as its 1900 date system counts
_SERIAL = re.compile(r"^\d{5}(\.0+)?$")  # 1927-2173; a bare year like 2012 is refused
FEN = Decimal("0.01")
UNITS = {"亿元": Decimal(100_000_000), "万元": Decimal(10_000), "元": Decimal(1)}


def day(value: Any) -> date:
    """A date as written (see DATE_FORMS), or an Excel date serial such as 41091."""
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if _SERIAL.match(text):
        serial = EXCEL_EPOCH + timedelta(days=int(float(text)))
        return day(serial.isoformat())  # the same bounds as any other date
    try:
        return parse_date(text)
    except ValueError:
        raise Invalid("date") from None


def flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return TRUE_WORDS[word]
    raise Invalid("bool")


def amount(value: Any) -> Decimal:
    """A positive amount of yuan with at most two decimals (fen); 万元 and 亿元 accepted."""
    text = str(value).strip().replace(",", "").replace("，", "")
    unit = next((u for u in UNITS if text.endswith(u)), "")
    try:
        parsed = Decimal(text.removesuffix(unit).strip()) * UNITS.get(unit, Decimal(1))
    except InvalidOperation:
        raise Invalid("amount") from None
    if not parsed.is_finite() or not 0 < parsed <= MAX_YUAN:
        raise Invalid("amount_range", maximum=f"{MAX_YUAN:,.0f}")
    if parsed != parsed.quantize(FEN):  # a value finer than a fen, however it is written
        raise Invalid("amount_fen")
    return parsed if parsed.as_tuple().exponent >= -2 else parsed.quantize(FEN)  # type: ignore[operator]


def ratio(value: Any) -> Fraction:
    """A share from 0 to 1, written 0.25, 25% or 1/3 (bounded, so parsing stays instant)."""
    text = str(value).strip()
    if not _RATIO.match(text):
        raise Invalid("ratio")
    try:
        parsed = Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
    except ZeroDivisionError:
        raise Invalid("ratio") from None
    if not 0 <= parsed <= 1:
        raise Invalid("ratio")
    return parsed


def code(value: Any, codes: dict[str, str] | tuple[str, ...], expected: Message) -> str:
    """One of a list of codes (or of the aliases a mapping gives for them)."""
    text = str(value).strip() if isinstance(value, str) else None
    if isinstance(codes, dict):
        if text in codes:
            return codes[text]
    elif text in codes:
        return text
    raise Invalid(expected)
