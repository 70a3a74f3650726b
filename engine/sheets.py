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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import iterparse

from openpyxl.cell.text import Text
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import column_index_from_string, range_boundaries
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse as parsed

_MERGE_CELL = f"{{{SHEET_MAIN_NS}}}mergeCell"
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


def merged_ranges(sheet: Any) -> list[Merged]:
    """The merged ranges of a read-only sheet, in the order of their first row."""
    found = []
    # A read-only sheet opens its XML on demand; the ranges follow the rows in it.
    with sheet._get_source() as source:
        for _, element in iterparse(source):
            if element.tag == _MERGE_CELL:
                bounds = range_boundaries(element.get("ref", ""))
                found.append(Merged(*(int(b or 0) for b in bounds)))
            element.clear()
    return sorted(found, key=lambda m: (m.min_row, m.min_col))


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
