"""A sheet of an Excel workbook read as a register: each cell of a merged range read as the
value of its range.

A bureau merges the 供地方式 cell of the rows a supply covers, or a title across the
columns; Excel keeps the value in the range's top-left cell only, and the others empty. The
sheet is streamed (openpyxl's read-only mode), and its merged ranges, which the sheet's XML
lists after its rows, are read first in a pass of their own, so that each row can be
completed as it streams past.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import iterparse

from openpyxl.utils.cell import range_boundaries
from openpyxl.xml.constants import SHEET_MAIN_NS

_MERGE_CELL = f"{{{SHEET_MAIN_NS}}}mergeCell"


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
