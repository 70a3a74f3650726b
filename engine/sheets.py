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

import re
import warnings
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import iterparse

from openpyxl.cell.text import Text
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import column_index_from_string, range_boundaries
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse as parsed

from .formats import Formats, Shown

_MERGE_CELL = f"{{{SHEET_MAIN_NS}}}mergeCell"
_CELL = f"{{{SHEET_MAIN_NS}}}c"
_VALUE = f"{{{SHEET_MAIN_NS}}}v"
_ROW = f"{{{SHEET_MAIN_NS}}}row"
# A cell's parts, read with it (an inline text's runs too), and cleared with it.
_KEPT_TAGS = frozenset({_VALUE, *(f"{{{SHEET_MAIN_NS}}}{part}" for part in ("is", "r", "t"))})
_LAST_ROW = 1_048_576  # Excel's
_REF = re.compile(r"([A-Za-z]{1,3})([0-9]+)$")  # openpyxl reads h4 as H4
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


def layout(
    sheet: Any, styles: Mapping[int, Formats] | None = None, texts: Sequence[str] = ()
) -> Layout:
    """The merged ranges of a read-only sheet, in the order of their first row; and the
    cells whose style (in `styles`) shows a unit beside their value (formats.Shown), a
    sheet's shared texts given as `texts`. Rows and cells are placed as openpyxl places
    them: a row by its own number (a cell's reference gives its column only), a row or a
    cell without one the one after the last, a row numbered before one already read left
    out (openpyxl reads none of its cells)."""
    found = []
    formatted: dict[int, tuple[array[int], array[int]]] = {}  # column: rows, what shown
    known: dict[Shown, int] = {}  # what a format shows, numbered in `formatted`
    cell = _CELL if styles else None
    waiting: dict[int, Shown] = {}  # a row's, by column (the last cell of one), until its number
    column, last_ref, row_number, next_row = -1, "", 0, 1
    # A read-only sheet opens its XML on demand; the ranges follow the rows in it.
    with sheet._get_source() as source:
        for _, element in iterparse(source):
            tag = element.tag
            if tag == cell:
                ref = element.get("r")
                if ref is not None:
                    last_ref, column = ref, -1
                else:
                    if column < 0:
                        column = _column(last_ref)
                    column, last_ref = column + 1, ""
                held = _shown(element, styles or {}, texts)
                if held is not None:
                    index = _column(ref) if ref is not None else column
                    waiting[index] = held
            elif tag == _ROW:
                row_number = _row_number(element.get("r"), row_number)
                if next_row <= row_number <= _LAST_ROW:
                    for index, shown in waiting.items():
                        rows, shows = formatted.setdefault(index, (array("L"), array("L")))
                        rows.append(row_number)
                        shows.append(known.setdefault(shown, len(known)))
                    next_row = row_number + 1
                waiting.clear()
                column, last_ref = -1, ""
            elif tag == _MERGE_CELL:
                bounds = range_boundaries(element.get("ref", ""))
                found.append(Merged(*(int(b or 0) for b in bounds)))
            elif tag in _KEPT_TAGS:
                continue  # read with its cell, and cleared with it
            element.clear()
    merged = sorted(found, key=lambda m: (m.min_row, m.min_col))
    return Layout(merged, formatted, list(known))


def _column(ref: str) -> int:
    """A cell reference's column, 0-based (H4 and h4: 7); -1 if it names none."""
    at = _REF.match(ref)
    return column_index_from_string(at.group(1).upper()) - 1 if at else -1


def _row_number(ref: str | None, last: int) -> int:
    """A row's number, as openpyxl reads its reference (2, 2.0; none: the one after); one
    it cannot read (1e30, inf), past Excel's last row: openpyxl refuses the sheet there."""
    if ref is None:
        return last + 1
    try:
        return int(ref)
    except ValueError:
        try:
            return int(float(ref))
        except (ValueError, OverflowError):
            return _LAST_ROW + 1


def _shown(element: Any, styles: Mapping[int, Formats], texts: Sequence[str]) -> Shown | None:
    """What a cell's style shows beside its value, if it shows a unit: its number
    format's number section for a number, its text section for a text (not blank)."""
    style = element.get("s") or "0"  # a cell without a style has the first
    formats = styles.get(int(style)) if style.isdigit() else None
    if formats is None:
        return None
    kind = element.get("t", "n")
    if kind == "n":
        shown, value = formats[0], element.findtext(_VALUE)
    elif kind in ("s", "str", "inlineStr"):
        shown, value = formats[1], element.findtext(_VALUE)
        if kind == "s":
            at = int(value) if value and value.isdigit() else -1
            value = unescaped(texts[at]) if 0 <= at < len(texts) else None
        elif kind == "inlineStr":
            value = "".join(element.itertext())
    else:
        return None
    if shown is None or not value or not value.strip():
        return None  # a blank cell shows no unit
    return shown


@dataclass
class Layout:
    """What a sheet's rows alone do not say: its merged ranges; and for each column
    (0-based), the rows (in order) of its cells whose format shows a unit, and what each
    shows (an index into `shown`)."""

    merged: list[Merged]
    formatted: dict[int, tuple[array[int], array[int]]]
    shown: list[Shown]


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
