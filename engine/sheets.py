"""A sheet of an Excel workbook read as a register: each cell of a merged range read as the
value of its range.

A bureau merges the 供地方式 cell of the rows a supply covers, or a title across the
columns; Excel keeps the value in the range's top-left cell only, and the others empty. The
sheet is streamed (openpyxl's read-only mode), and its merged ranges, which the sheet's XML
lists after its rows, are read first in a pass of their own, so that each row can be
completed as it streams past.

A text is read as Excel wrote it: a sheet's XML holds a character XML cannot (a carriage
return of a text pasted from Windows) as _x000D_, and a literal _x000D_ as _x005F_x000D_
(its underscore escaped). openpyxl leaves inline texts as stored and, in shared ones, drops
every "x005F_" before anything else, which makes the two the same: its shared texts are read
here as stored, and every text is undone once, left to right (`unescaped`).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import iterparse

from openpyxl.cell.text import Text
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE
from openpyxl.utils.cell import column_index_from_string, range_boundaries
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse as parsed

_MERGE_CELL = f"{{{SHEET_MAIN_NS}}}mergeCell"
_CELL = f"{{{SHEET_MAIN_NS}}}c"
_VALUE = f"{{{SHEET_MAIN_NS}}}v"
_REF = re.compile(r"([A-Z]{1,3})([0-9]+)$")
_KEPT = 8  # a column's formatted cells kept: the first seven, and the last
_SHARED_TEXT = f"{{{SHEET_MAIN_NS}}}si"
_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")
_NO_DATE = re.compile(r"Cell ([A-Z]+)\d+ is marked as a date but the serial value (\S+) is outside")


class _Reader(ExcelReader):
    """openpyxl's reader of a workbook, its shared texts read as stored (_stored_texts)."""

    def read_strings(self) -> None:
        found = self.package.find(SHARED_STRINGS)  # type: ignore[no-untyped-call]
        if found is not None:
            with self.archive.open(found.PartName[1:]) as source:
                self.shared_strings = _stored_texts(source)


def open_book(path: Path) -> Any:
    """A workbook, read-only and its cells' values only (the last ones a formula gave), as
    openpyxl's load_workbook opens it, but its shared texts as stored: a text of a row is
    read through `unescaped`, and a row read with openpyxl's warnings kept (numbers_kept)."""
    reader = _Reader(path, read_only=True, data_only=True)
    with warnings.catch_warnings():
        # What openpyxl says it drops (a style, an extension of Excel's, a data validation)
        # is none of the values read: not printed to the user as a Python warning.
        warnings.simplefilter("ignore")
        reader.read()
    return reader.wb


def _stored_texts(source: IO[bytes]) -> list[str]:
    """The shared texts, as openpyxl's read_string_table reads them, but escapes kept."""
    texts = []
    read: Any = Text.from_tree  # typed for lxml's elements, given the standard library's
    for _, element in parsed(source):  # openpyxl's own parser (defusedxml's, if installed)
        if element.tag == _SHARED_TEXT:
            texts.append(read(element).content)
            element.clear()
    return texts


def numbers_kept(values: tuple[Any, ...], warned: list[warnings.WarningMessage]) -> tuple[Any, ...]:
    """A row's values, each number openpyxl read as '#VALUE!' for being no date in a date's
    format (it warns, naming the cell and the number) the number again."""
    kept = list(values)
    for warning in warned:
        found = _NO_DATE.match(str(warning.message))
        if found is None:
            continue
        index = column_index_from_string(found.group(1)) - 1
        if index < len(kept) and kept[index] == "#VALUE!":
            number = found.group(2)
            kept[index] = int(number) if number.lstrip("-").isdigit() else float(number)
    return tuple(kept)


def unescaped(text: str) -> str:
    """A text as Excel shows it: each _xHHHH_ of its stored text the character U+HHHH, in
    one pass (_x005F_x000D_ is a literal _x000D_); a surrogate, which no text can hold,
    U+FFFD."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(_character, text)


def _character(found: re.Match[str]) -> str:
    code = int(found.group(1), 16)
    return "\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code)


@dataclass
class Merged:
    """A merged range (1-based, inclusive), and its value once its first row is read."""

    min_col: int
    min_row: int
    max_col: int
    max_row: int
    value: Any = None


def layout(sheet: Any, styles: Mapping[int, Shown] | None = None) -> Layout:
    """The merged ranges of a read-only sheet, in the order of their first row; and its
    number cells in `styles`, the cell styles whose number format shows a unit."""
    found = []
    formatted: dict[int, list[tuple[int, str, Shown]]] = {}
    cell = _CELL if styles else None
    # A read-only sheet opens its XML on demand; the ranges follow the rows in it.
    with sheet._get_source() as source:
        for _, element in iterparse(source):
            tag = element.tag
            if tag == cell:
                style = element.get("s") or ""
                shown = styles.get(int(style)) if styles and style.isdigit() else None
                if shown is not None and element.get("t", "n") == "n":  # a number, not a text
                    value = element.findtext(_VALUE)  # none: a blank cell
                    at = _REF.match(element.get("r") or "") if value else None
                    if at is not None:
                        index = column_index_from_string(at.group(1)) - 1
                        held = (int(at.group(2)), value or "", shown)
                        cells = formatted.setdefault(index, [])
                        if len(cells) < _KEPT:
                            cells.append(held)
                        else:  # the first few, and the last: a few below any header
                            cells[-1] = held
            elif tag == _MERGE_CELL:
                bounds = range_boundaries(element.get("ref", ""))
                found.append(Merged(*(int(b or 0) for b in bounds)))
            elif tag == _VALUE:
                continue  # read with its cell, and cleared with it
            element.clear()
    merged = sorted(found, key=lambda m: (m.min_row, m.min_col))
    return Layout(merged, formatted)


@dataclass
class Layout:
    """What a sheet's rows alone do not say: its merged ranges, and for each column
    (0-based) the number cells whose number format shows a unit, as (row, the number
    stored, what the format shows): the first few, and the last."""

    merged: list[Merged]
    formatted: dict[int, list[tuple[int, str, Shown]]]


@dataclass(frozen=True)
class Shown:
    """What a number format shows a number as: a unit of money or of area, and the unit
    the number itself is in (`stored`: 0.00"万元" shows 4860 as 4,860.00万元, a number in
    万元; 0!.0,"万" shows 48600000 as 4860.0万, a number in 元). `stored` is empty where the
    number's own unit cannot be told (a percent, a rate, a scale of an area, two units)."""

    code: str
    shown: str
    stored: str
    scaled: bool = False  # shown divided by a power of ten (0!.0,"万")


def format_units(book: Any) -> dict[int, Shown]:
    """The cell styles of a workbook (by their index, as a cell's `s` names them) whose
    number format is one of the workbook's own (custom) showing a unit of money or area.
    Excel's built-in formats show none (its currency formats show the system's symbol)."""
    codes = getattr(book, "_number_formats", None) or []
    found = {}
    for index, style in enumerate(getattr(book, "_cell_styles", None) or []):
        number = style.numFmtId - BUILTIN_FORMATS_MAX_SIZE
        if 0 <= number < len(codes):
            shown = format_unit(codes[number])
            if shown is not None:
                found[index] = shown
    return found


def format_unit(code: str) -> Shown | None:
    """What a number format shows its numbers as (Shown), or None: no unit (0.00, a date,
    a percent alone). Each of its sections (positive;negative;zero;text) is read, and
    two sections that differ are unclear."""
    sections = (_section_unit(section) for section in _SECTION.findall(code) if section)
    read = {one for one in sections if one is not None}
    if not read:
        return None
    if len(read) > 1:
        return Shown(code, "、".join(sorted({one.shown for one in read})), "")
    return dataclasses.replace(read.pop(), code=code)


# A format's sections, parted at each semicolon outside quotes and brackets.
_SECTION = re.compile(r'(?:"[^"]*"?|\[[^\]]*\]?|\\.|[^;"\[\\])+')
_MONEY_SHOWN = ("元", "万", "亿", "¥", "￥")  # words that show a unit of money
_POWERS = {"十": 1, "百": 2, "千": 3, "万": 4, "亿": 8}  # 百万元: a million yuan
_AREA_SHOWN = {"平方米": "平方米", "平米": "平方米", "㎡": "平方米", "m2": "平方米",
               "m²": "平方米", "亩": "亩", "公顷": "公顷"}  # fmt: skip
_NOT_A_WORD = re.compile(r"[^\w/¥￥㎡²]")
_STORED = {0: "元", 3: "千元", 4: "万元", 8: "亿元"}


def _section_unit(section: str) -> Shown | None:
    """What one section of a number format shows its number as (its code left out), or
    None: no unit in it."""
    tokens = _tokens(section.replace("G/通用格式", "General"))  # General, as WPS writes it
    words = "".join(text for kind, text in tokens if kind == "l").lower()
    words = _NOT_A_WORD.sub("", words)  # ¥#,##0.00_);(¥#,##0.00): the brackets are none
    areas = {unit for word, unit in _AREA_SHOWN.items() if word in words}
    money = any(word in words for word in _MONEY_SHOWN)
    if not areas and not money:
        return None
    shown = words
    digits = [at for at, (kind, _) in enumerate(tokens) if kind == "d"]
    scale, clear = 0, "/" not in words and "每" not in words and not (areas and money)
    if digits:
        first, last = digits[0], digits[-1]
        after = tokens[last + 1 :]
        commas = len(after) - len(list(itertools.dropwhile(lambda t: t[0] == "c", after)))
        points = [at for at in range(first, last) if tokens[at] == ("l", ".")]
        if points:  # 0!.0000"万元": the number shown divided by ten thousand
            clear = clear and not any(kind == "p" for kind, _ in tokens[first:last])
            scale = sum(1 for at in digits if at > points[-1])
        scale += 3 * commas  # #,##0,"千元": divided by a thousand
    clear = clear and not any(kind == "%" for kind, _ in tokens)
    if areas:
        unit = areas.pop() if len(areas) == 1 else ""
        return Shown("", shown, unit if clear and not scale else "", bool(scale))
    power = sum(_POWERS.get(char, 0) for char in words)
    return Shown("", shown, _STORED.get(power - scale, "") if clear else "", bool(scale))


def _tokens(section: str) -> list[tuple[str, str]]:
    r"""A format section's parts: ("d", a digit's place), ("p", the decimal point), ("c", a
    comma), ("%", a percent or an exponent), ("l", a text shown as written: quoted,
    escaped with \ or !, a currency's [$…-…], a character not ASCII)."""
    out: list[tuple[str, str]] = []
    at, end = 0, len(section)
    while at < end:
        char = section[at]
        if char == '"':
            close = section.find('"', at + 1)
            close = end if close < 0 else close
            out.append(("l", section[at + 1 : close]))
            at = close + 1
        elif char in "\\!":
            out.append(("l", section[at + 1 : at + 2]))
            at += 2
        elif char in "_*":  # a space as wide as the next character; the next repeated
            at += 2
        elif char == "[":
            close = section.find("]", at)
            close = end if close < 0 else close
            inner = section[at + 1 : close]
            if inner.startswith("$"):  # [$¥-804]: a currency's symbol and its locale
                out.append(("l", inner[1:].split("-")[0]))
            at = close + 1
        else:
            if char in "0#?":
                out.append(("d", char))
            elif char == ".":
                out.append(("p", char))
            elif char == ",":
                out.append(("c", char))
            elif char == "%" or (char in "eE" and section[at + 1 : at + 2] in ("+", "-")):
                out.append(("%", char))
            elif ord(char) > 127:
                out.append(("l", char))
            at += 1
    return out


class Filled(frozenset[int]):
    """Which cells (0-based) of a row a merged range filled; and `tall`, for each cell of a
    range over several rows, its top-left cell included, the range's first and last
    rows."""

    tall: dict[int, tuple[int, int]]


def filled(
    rows: Iterable[tuple[Any, ...]], merged: list[Merged]
) -> Iterator[tuple[list[Any], Filled]]:
    """Each row's values, the cells of a merged range holding the range's value, and which
    cells (0-based) were filled so (Filled)."""
    waiting = list(reversed(merged))  # by first row, the next at the end
    active: list[Merged] = []
    for number, values in enumerate(rows, start=1):
        row = list(values)
        while waiting and waiting[-1].min_row == number:
            found = waiting.pop()
            index = found.min_col - 1
            found.value = row[index] if index < len(row) else None
            active.append(found)
        while waiting and waiting[-1].min_row < number:
            waiting.pop()  # a range starting on a row the sheet does not have
        fill: set[int] = set()
        tall: dict[int, tuple[int, int]] = {}
        for found in active:
            if found.value is None:
                continue
            if len(row) < found.max_col:
                row += [None] * (found.max_col - len(row))
            for column in range(found.min_col - 1, found.max_col):
                if (number, column + 1) != (found.min_row, found.min_col):
                    row[column] = found.value
                    fill.add(column)
                if found.max_row > found.min_row:
                    tall[column] = (found.min_row, found.max_row)
        active = [m for m in active if m.max_row > number]
        made = Filled(fill)
        made.tall = tall
        yield row, made
