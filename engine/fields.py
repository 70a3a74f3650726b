"""How a cell of an input file is read, shared by every kind of row.

Each reader returns the value or raises Invalid (a ValueError) naming what was expected, as
a message of engine/messages.py; the loader turns that into a problem naming file, row,
column and value.
"""

from __future__ import annotations

import inspect
import re
import unicodedata
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, get_args, get_origin

from annotated_types import Ge, MinLen
from pydantic import BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticUndefined

from .dates import EARLIEST, LATEST, Implausible, NoSuchDay, parse_date
from .messages import Invalid, Message

# Yes and no as registers write them (README, "Cell grammar"), after NFKC and lower case.
TRUE_WORDS = {
    **dict.fromkeys(("true", "yes", "y", "1", "是", "有", "√", "✓", "✔"), True),
    **dict.fromkeys(("false", "no", "n", "0", "否", "无", "×", "✗", "✘"), False),
}
MAX_YUAN = Decimal("1e13")  # ten trillion yuan: beyond any price or budget; bounds the arithmetic
_YUAN_DIGITS = 13  # a whole number of at most 13 digits is below MAX_YUAN
# A share's decimals, at most (a bounded text: parsing stays instant). More is refused with
# its own message: "a share between 0 and 1" read as a contradiction of 0.0000333...335.
RATIO_PLACES = 18
_RATIO = re.compile(r"^(\d{1,6}(\.\d{1,18})?%?|\d{1,18}/\d{1,18})$")
_FINER_RATIO = re.compile(r"^\d{0,6}\.\d{19,}%?$")  # a share, but with more decimals than that
_EXPONENT_RATIO = re.compile(r"^\d{1,6}(\.\d+)?[eE]-?\d{1,3}%?$")


def normal(text: str) -> str:
    """A cell's text as the grammar reads it: full-width digits, letters and punctuation in
    their half-width forms (NFKC: １２００ is 1200, ，is a comma), trimmed. Only for reading:
    text a row keeps (a holder's name) is kept as written."""
    return unicodedata.normalize("NFKC", text).strip()


class Row(BaseModel):
    """A row of an input file: the contract's columns, no others; an empty cell is absent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _blanks(cls, data: Any) -> Any:
        return blanks_out(data)


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
# The units an amount may be written in, in the cell or in its column's header; 万 and 亿
# alone are how a cell says 万元 and 亿元 (100万).
UNITS = {
    "亿元": Decimal(100_000_000),
    "万元": Decimal(10_000),
    "元": Decimal(1),
    "亿": Decimal(100_000_000),
    "万": Decimal(10_000),
}
# Units as a cell, a header or a title may say them short: 万 is 万元 (出让价款（万）), m2 is
# 平方米 (NFKC of ㎡).
SAID = {"万": "万元", "亿": "亿元", "m2": "平方米"}
# An amount: a sign, a yuan mark, digits (grouped by commas in threes, or not), decimals,
# and a unit; nothing else (a comma elsewhere could be a decimal comma: refused).
_AMOUNT = re.compile(
    r"^(?P<sign>[-+])?\s*¥?\s*"
    r"(?P<number>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
    r"\s*(?P<unit>亿元|万元|元|亿|万)?$"
)
# The smallest amount a column kept in 万元 or 亿元 plausibly holds: 1 万元. Less is a
# figure typed in another unit, or in the wrong column (a 1200元 price is a 240-yuan fee).
PLAUSIBLE_IN_LARGE_UNITS = Decimal(10_000)


def day(value: Any) -> date:
    """A date as written (see dates.parse_date), or an Excel date serial such as 41091."""
    if value.__class__ is str and len(value) == 10 and _ISO_DAY.fullmatch(value):
        try:  # 2012-07-01, as most registers write them: what parse_date makes of it
            found = date.fromisoformat(value)
        except ValueError:
            pass  # no such day: said below
        else:
            if EARLIEST <= found <= LATEST:
                return found
    return _day(value)


_ISO_DAY = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _day(value: Any) -> date:
    if isinstance(value, date):
        return value
    text = normal(str(value))
    if _SERIAL.match(text):
        serial = EXCEL_EPOCH + timedelta(days=int(float(text)))
        return day(serial.isoformat())  # the same bounds as any other date
    try:
        return parse_date(text)
    except NoSuchDay as exc:
        days = exc.days_in_month
        if days is None:
            raise Invalid("date_no_such_month", month=exc.month) from None
        raise Invalid("date_no_such_day", year=exc.year, month=exc.month, days=days) from None
    except Implausible as exc:
        raise Invalid("date_implausible", date=exc.shown) from None
    except ValueError:
        raise Invalid("date") from None


def flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = normal(str(value)).lower()
    if word in TRUE_WORDS:
        return TRUE_WORDS[word]
    raise Invalid("bool")


def amount(value: Any) -> Decimal:
    """A positive amount of yuan with at most two decimals (fen), as README's cell grammar
    writes it: 38600000, 1,250,000.50, 3860万元, 3860万, 0.386亿元, full-width digits."""
    text = str(value).strip()
    return plain_yuan(text) or _amount(text)


def area(value: Any, unit: str = "") -> Decimal:
    """A positive area with at most two decimals, as `amount` reads a number (12000,
    12,000.5, 1.2万), with its column's `unit` after it (12000平方米, 12000㎡, 35.5亩) or
    not; never a sum of money (12000元, ¥12000, 1.5亿元: what a column of yuan holds)."""
    text = normal(str(value)).strip()
    if unit:
        text = _AREA_SUFFIX[unit].sub("", text)
    if _MONEY_MARK.search(text):
        raise Invalid("amount")
    return amount(text)


_AREA_SUFFIX = {
    "平方米": re.compile(r"\s*(?:平方米|m2)$"),  # NFKC: ㎡ and m² are m2
    "亩": re.compile(r"\s*亩$"),
}
_MONEY_MARK = re.compile("[元亿¥]")


def plain_yuan(text: str) -> Decimal | None:
    """An amount written plainly (38600000, 1250000.50: ASCII digits, at most two decimals,
    in range, not zero), as `amount` reads it; None for any other text."""
    if not text.isascii():
        return None
    if text.isdigit() and 0 < len(text.lstrip("0")) <= _YUAN_DIGITS:
        return Decimal(text)  # whole yuan, in range: what the general reading gives
    whole, dot, fen = text.partition(".")
    if (
        dot
        and whole.isdigit()
        and 0 < len(whole.lstrip("0")) <= _YUAN_DIGITS
        and fen.isdigit()
        and len(fen) <= 2
    ):
        return Decimal(text)  # yuan and fen, in range: likewise (12.5 stays 12.5)
    return None


def _amount(text: str) -> Decimal:
    """An amount in yuan, however the grammar lets a cell write it."""
    return _amount_unit(text)[0]


def _amount_unit(text: str, header: str = "") -> tuple[Decimal, str]:
    """The amount in yuan a cell writes, and the unit it wrote (or ""): a bare number is in
    the header's unit (`header`, or yuan). Finer than a fen is refused in the unit the
    number was written in (3860.1234 in 万元 is 38,601,234 yuan: read)."""
    match = _AMOUNT.match(normal(text))
    if match is None:
        raise Invalid("amount")
    unit = match.group("unit") or ""
    number = Decimal(match.group("number").replace(",", ""))
    if match.group("sign") == "-":
        number = -number
    if not -_DIGITS_AT_MOST <= number.adjusted() <= _DIGITS_AT_MOST:
        raise Invalid("amount_range", maximum=f"{MAX_YUAN:,.0f}")
    written = unit or header
    parsed = number * UNITS.get(written, Decimal(1))
    if not 0 < parsed <= MAX_YUAN:
        raise Invalid("amount_range", maximum=f"{MAX_YUAN:,.0f}")
    if parsed != parsed.quantize(FEN):  # a value finer than a fen, however it is written
        if UNITS.get(written, Decimal(1)) == 1:
            raise Invalid("amount_fen")
        places = 2 + UNITS[written].adjusted()  # 万元: 6, 亿元: 10
        raise Invalid("amount_fen_in", unit=SAID.get(written, written), places=places)
    shown = parsed if parsed.as_tuple().exponent >= -2 else parsed.quantize(FEN)  # type: ignore[operator]
    return shown, unit


_DIGITS_AT_MOST = 30  # an amount's decimal exponent, either way: beyond it, not an amount


def in_header_unit(text: str, unit: str) -> str:
    """A cell of an amount column whose header gives `unit` (出让价款（万元）), as the text
    of its amount in yuan: a bare number is in the header's unit, a unit in the cell is the
    cell's own (1,200.5万 in a 万元 column is 12,005,000 yuan). An amount under 1 万元 in a
    column kept in 万元 or 亿元 is refused as implausible, whatever the cell wrote."""
    yuan, own = _amount_unit(text, unit)
    if not own and UNITS[unit] > 1 and ("¥" in text or "￥" in text):  # ¥48,600,000 in 万元
        raise Invalid("amount_yen_in", unit=unit)
    if UNITS[unit] >= UNITS["万元"] and yuan < PLAUSIBLE_IN_LARGE_UNITS:
        raise Invalid("amount_implausible", unit=unit, yuan=f"{yuan:,.2f}")
    return str(yuan)


def in_percent(text: str) -> str:
    """A cell of a share's column headed in percent (已开发面积比例（%）), as a share's text:
    a bare 25 is 25%; a cell's own sign or fraction is its own (25%, 1/3). A bare number
    above 0 and up to 1 is refused: 0.25 may be a share (25%) or a percent (0.25%)."""
    shown = normal(text)
    if not shown.endswith("%") and "/" not in shown:
        try:
            number = Decimal(shown)
        except ArithmeticError:
            raise Invalid("ratio_percent") from None  # 二十五, 25 %
        if not number.is_finite() or not 0 <= number <= 100 or "e" in shown.lower():
            raise Invalid("ratio_percent")  # nan, -5, 101, 1e1
        if 0 < number <= 1:
            percent = f"{(number * 100).normalize():f}"
            raise Invalid("ratio_in_percent", value=shown, percent=percent)
        return shown + "%"
    return text


def ratio(value: Any) -> Fraction:
    """A share from 0 to 1, written 0.25, 25% or 1/3 (bounded, so parsing stays instant)."""
    text = normal(str(value))
    if not _RATIO.match(text):
        if _FINER_RATIO.match(text):  # 0.000033333333333333335, a program's 1/30000
            raise Invalid("ratio_places", places=RATIO_PLACES)
        if _EXPONENT_RATIO.match(text):  # 1e-05, as a program writes 0.00001 in a CSV
            raise Invalid("ratio_exponent")
        raise Invalid("ratio")
    whole, point, places = text.partition(".")
    digits = whole + places
    try:
        if point and digits.isascii() and digits.isdigit():
            parsed = Fraction(int(digits), 10 ** len(places))  # 0.25: as Fraction("0.25")
        else:
            parsed = Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
    except ZeroDivisionError:
        raise Invalid("ratio") from None
    if not 0 <= parsed <= 1:
        raise Invalid("ratio")
    return parsed


def code(value: Any, codes: dict[str, str] | tuple[str, ...], expected: Message) -> str:
    """One of a list of codes (or of the aliases a mapping gives for them)."""
    text = code_text(value) if isinstance(value, str) else None
    if isinstance(codes, dict):
        if text in codes:
            return codes[text]
    elif text in codes:
        return text
    raise Invalid(expected)


def code_text(value: str) -> str:
    """A code cell as codes are matched: half-width, without spaces (协议 出让 is 协议出让),
    an ASCII word in lower case (Transfer is transfer)."""
    text = "".join(normal(value).split())
    return text.lower() if text.isascii() else text


_Convert = Callable[[Any], Any]
MEMO_SIZE = 16384  # cells remembered per column (values are immutable: dates, amounts, codes)
_MISS, _BLANK, _REFUSED = object(), object(), object()


class _Refused(Exception):
    """A value pydantic would refuse after the cell reader: let it say why."""


class FastRow:
    """Reads a row of a Row model with the model's own cell readers, without pydantic's
    machinery: for a row every reader accepts, the model pydantic would build, in a
    fifth of the time (tests compare the two on fuzzed rows). Any doubt, a reader refusing
    a cell or a check across columns failing, returns None: the row then goes through
    `model_validate`, whose report of the problem is the reference.
    """

    def __init__(
        self,
        model: type[Row],
        converters: dict[str, _Convert],
        defaults: dict[str, Any],
        checks: list[Callable[[Any], Any]],
    ) -> None:
        self.model, self.converters, self.defaults, self.checks = (
            model,
            converters,
            defaults,
            checks,
        )
        self.required = frozenset(n for n, v in defaults.items() if v is PydanticUndefined)
        self.texts: frozenset[str] = frozenset()
        self.amounts: frozenset[str] = frozenset()
        self.dates: frozenset[str] = frozenset()
        # A cell's value, by its text, per column: registers repeat dates, codes and flags.
        self.memos: dict[str, dict[Any, Any]] = {name: {} for name in converters}

    @classmethod
    def of(cls, model: type[BaseModel]) -> FastRow | None:
        """The fast reader of `model` (one per process: its memory of cells is shared), or
        None if the model does anything it cannot mirror."""
        if model not in _FAST:
            _FAST[model] = cls._of(model)
        return _FAST[model]

    @classmethod
    def _of(cls, model: type[BaseModel]) -> FastRow | None:
        if not issubclass(model, Row) or set(model.model_config) - {"extra", "frozen"}:
            return None
        decorators = model.__pydantic_decorators__
        if (
            set(decorators.model_validators)
            - {"_blanks"}
            - {n for n, d in decorators.model_validators.items() if d.info.mode == "after"}
        ):
            return None
        if decorators.field_serializers or decorators.root_validators or decorators.validators:
            return None
        readers: dict[str, _Convert] = {}
        for decorator in decorators.field_validators.values():
            if decorator.info.mode != "before" or _arity(decorator.func) != 1:
                return None
            for name in decorator.info.fields:
                readers[name] = decorator.func
        converters: dict[str, _Convert] = {}
        defaults: dict[str, Any] = {}
        for name, info in model.model_fields.items():
            if info.default_factory is not None or info.alias or info.validation_alias:
                return None
            converter = _field_converter(info.annotation, readers.get(name), info.metadata)
            if converter is None:
                return None
            converters[name] = converter
            defaults[name] = info.default
        checks = [d.func for d in decorators.model_validators.values() if d.info.mode == "after"]
        made = cls(model, converters, defaults, checks)
        # Columns of amounts of yuan (a Decimal whose reader is `amount`, which reads a
        # whole number of yuan as itself), of dates (a date whose reader is `day`), and of
        # free text (a holder's name: the cell, trimmed, is the value).

        def read_by(kind: type, reader: str) -> frozenset[str]:
            return frozenset(
                name
                for name, info in model.model_fields.items()
                if name in readers
                and info.annotation in (kind, kind | None)
                and not info.metadata
                and reader in readers[name].__code__.co_names
            )

        made.amounts, made.dates = read_by(Decimal, "amount"), read_by(date, "day")
        made.texts = frozenset(
            name
            for name, info in model.model_fields.items()
            if name not in readers
            and all(isinstance(m, MinLen) and m.min_length <= 1 for m in info.metadata)
        )
        return made

    def __call__(self, raw: dict[str, Any]) -> Any:
        given: dict[str, Any] = {}
        memos = self.memos
        try:
            for name, cell in raw.items():
                if cell is None or cell == "":
                    continue  # blank: the default applies
                memo = memos[name]  # KeyError: not a column of the contract
                value = memo.get(cell, _MISS)
                if value is _MISS:
                    value = self._remember(memo, name, cell)
                if value is _REFUSED:
                    return None  # the reader refused the cell: pydantic will say why
                if value is not _BLANK:
                    given[name] = value
        except KeyError:
            return None  # pydantic will name the column
        if not self.required <= given.keys():
            return None
        row = self.build(given)
        try:
            for check in self.checks:
                check(row)
        except Exception:
            return None
        return row

    def build(self, given: dict[str, Any]) -> Any:
        """The row of these values (read and checked already), the defaults for the rest,
        as BaseModel.model_construct makes it."""
        row = self.model.__new__(self.model)
        object.__setattr__(row, "__dict__", {**self.defaults, **given})
        object.__setattr__(row, "__pydantic_fields_set__", set(given))
        object.__setattr__(row, "__pydantic_extra__", None)
        object.__setattr__(row, "__pydantic_private__", None)
        return row

    def _remember(self, memo: dict[Any, Any], name: str, cell: Any) -> Any:
        value = self._read(name, cell)
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[cell] = value
        return value

    def _read(self, name: str, cell: Any) -> Any:
        if cell is None:
            return _BLANK
        if cell.__class__ is str:
            cell = cell.strip()
            if not cell:
                return _BLANK
        try:
            return self.converters[name](cell)
        except Exception:
            return _REFUSED


_FAST: dict[type[BaseModel], FastRow | None] = {}


def _arity(function: Callable[..., Any]) -> int:
    return len(inspect.signature(function).parameters)


def _field_converter(
    annotation: Any, reader: _Convert | None, metadata: list[Any]
) -> _Convert | None:
    """The cell reader of a field, with the checks pydantic makes after it, or None."""
    min_length = 0
    minimum = None
    for item in metadata:
        if isinstance(item, MinLen):
            min_length = item.min_length
        elif isinstance(item, Ge):
            minimum = item.ge
        else:
            return None
    allowed = set(get_args(annotation)) if get_origin(annotation) is Literal else None
    base = {a for a in get_args(annotation) if a is not type(None)} or {annotation}
    if reader is None:
        if base != {str} or minimum is not None:
            return None
        reader = _text
    if allowed is None and len(base) != 1:
        return None
    kind = None if allowed is not None else next(iter(base))

    def convert(cell: Any) -> Any:
        value = reader(cell)
        if allowed is not None:
            if value not in allowed:
                raise _Refused(value)
        elif value.__class__ is not kind:
            raise _Refused(value)
        if min_length and len(value) < min_length:
            raise _Refused(value)
        if minimum is not None and value < minimum:
            raise _Refused(value)
        return value

    return convert


def _text(cell: Any) -> Any:
    if cell.__class__ is not str:
        raise _Refused(cell)
    return cell
