"""A streamed sheet that takes a whole row at once: the XML XlsxWriter writes, made in one go.

XlsxWriter's constant-memory mode keeps a row's cells until the next row begins, then writes
each cell's XML through a chain of calls (the public method, its checks, a cell tuple, the
cell's element with its attributes escaped one by one): about 10 microseconds a cell here,
most of a workbook's time (10,000 parcels are half a million cells). `write_cells` makes the
same row's XML, byte for byte, and hands it to the same file: about 1.7 microseconds a cell
(bench: 10,000 rows of 50 texts). A table's rows repeat most of their cells (a register's
words, blanks and dates; an action's rule's words): a body row's cells are remembered by
column and value (Kept), their XML with a mark for the row's number, put in once the row
is whole; the row's element is XlsxWriter's own, remembered by its height. A row holding
anything it does not make itself (a boolean, a text XlsxWriter escapes or writes as
formatted text or cuts at Excel's limit, a value that is not a finite number, a row out of
order) it declines, and the caller writes that row cell by cell as before.

`Book` is XlsxWriter's workbook deflating its zip at level ZIP_LEVEL, not zlib's default (6):
a large workbook's sheets are a few hundred megabytes of XML, and at 6 their deflating took
about a quarter of the workbook's time (a sheet of 116 MB: 1.49 s at 6, 0.46 s at 2, and 27%
larger, 16.9 MB against 13.3).

It leans on XlsxWriter's streaming internals (the pending row, the row data file, the
dimensions, a format's number, the row's element, the name of the zip's class):
pyproject.toml pins XlsxWriter to the minor version tested, and tests/test_xlsx_rows.py
holds the two ways to the same bytes on random rows.
"""

from __future__ import annotations

import contextlib
import functools
import io
import math
import operator
import os
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from xlsxwriter import workbook as _workbook
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..memo import Table
from . import width

# A text written cell by cell: one holding what XML cannot (shown as U+FFFD), a control
# character XlsxWriter escapes as _xHHHH_ (a carriage return), or a literal _xHHHH_ (its
# underscore escaped).
_ODD = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]|_x[0-9a-fA-F]{4}_")
_LONGEST = 32767 // 2  # a text longer may pass Excel's limit, which XlsxWriter cuts it to
_DATES_KEPT = 10_000
_TEXTS_KEPT, _TEXT_KEPT = 10_000, 400  # texts whose cells are remembered, at most so long
_LINES_KEPT = 10_000  # texts of several lines and the lines each takes, remembered
ZIP_LEVEL = 2  # zlib's quick deflate; its default, 6, took three times as long


class Book(Workbook):  # type: ignore[misc]  # XlsxWriter is untyped
    """A workbook of XlsxWriter's whose zip is deflated at ZIP_LEVEL (XlsxWriter has no
    option for it: the name of the zip's class it stores with is taken, while it stores)."""

    def _store_workbook(self) -> None:
        made = _workbook.ZipFile
        _workbook.ZipFile = functools.partial(made, compresslevel=ZIP_LEVEL)
        try:
            super()._store_workbook()
        finally:
            _workbook.ZipFile = made


def lines_of(wide: int | tuple[int, ...], room: float) -> int:
    """The lines a text takes in a column with `room` for a line (in counted characters):
    a text of one line by its counted width, one of several lines by each line's."""
    if isinstance(wide, int):
        return math.ceil(wide / room) if wide > room else 1
    return sum(max(1, math.ceil(w / room)) for w in wide)


class Fit:
    """How tall a row is made: each column's room for a line (in counted characters, a CJK
    one counting two) and the height of a row of so many lines."""

    def __init__(self, rooms: Sequence[float], height: Callable[[int], float]) -> None:
        self.rooms = rooms
        self.height = height
        self._lines: Table[tuple[str, float], int] = Table(_LINES_KEPT)

    def lines(self, text: str, room: float) -> int:
        """The lines a text takes in a column with `room` for a line (a sheet repeats its
        long texts: remembered)."""
        found = self._lines.get((text, room))
        if found is None:
            found = self._lines.put((text, room), lines_of(_widths(text), room))
        return found

    def tallest(self, values: Sequence[Any]) -> int:
        """The lines the row's tallest text takes (a row written cell by cell; write_cells
        finds the same as it makes the cells)."""
        return max(
            (
                self.lines(value, room)
                for value, room in zip(values, self.rooms, strict=False)
                if value.__class__ is str and (2 * len(value) > room or "\n" in value)
            ),
            default=1,
        )


def _widths(text: str) -> int | tuple[int, ...]:
    """A text's counted width, or each line's if it has several."""
    return tuple(map(width, text.split("\n"))) if "\n" in text else width(text)


# A row's number in its cells as made (Cells.made), put in once the row is made whole. No
# text made into a cell holds a NUL (_ODD: such a row is declined).
NUMBER = "\x00"
_XML, _LINES = operator.itemgetter(0), operator.itemgetter(1)  # of a cell as made


def _kept(value: Any) -> bool:
    """Whether a cell's XML is remembered by its value: a text not long, a blank, a date,
    a number (one equal to another of another type makes the same cell: 2, 2.0,
    Decimal("2.00")), but not one equal to 0 or 1: a boolean equals it, and would be taken
    for it, and -0.0 equals 0."""
    kind = value.__class__
    if kind is str:
        return len(value) <= _TEXT_KEPT
    if value is None or kind is date:
        return True
    if kind is int or kind is float or kind is Decimal or kind is Fraction:
        return bool(value != 0 and value != 1)
    return False


# The types of the values a cell is made of (exactly: no subclass), and those that do not
# make one (booleans, datetimes: never remembered, nor equal to a value remembered).
_MADE_TYPES = frozenset([str, type(None), date, int, float, Decimal, Fraction, bool, datetime])


class Kept:
    """The cells a table's rows repeat, remembered by column and value, their XML (with
    NUMBER for the row's number) and the lines each takes (_kept: texts, blanks, dates and
    numbers; a register's columns hold few different ones, an action's mostly its rule's
    words). For one table's body rows: the same forms, looks and rooms, row after row.
    Bounded: a column's cells are forgotten once it holds COLUMN_KEPT, each of a text of
    at most _TEXT_KEPT characters."""

    COLUMN_KEPT = 4_096

    def __init__(self) -> None:
        self.columns: list[dict[Any, tuple[str, int]]] = []

    def of(self, count: int) -> list[dict[Any, tuple[str, int]]]:
        columns = self.columns
        while len(columns) < count:
            columns.append({})
        return columns


class Cells:
    """Rows' cells' XML as XlsxWriter writes them, a string a row (RowSheet.write_cells)."""

    def __init__(self, convert: Callable[[date], float]) -> None:
        self._starts: list[str] = []  # '<c r="AB', a column's cells' beginning
        self._serials: Table[date, float] = Table(_DATES_KEPT)  # a date's Excel number
        self._texts: Table[str, tuple[str, int | tuple[int, ...]]] = Table(_TEXTS_KEPT)
        self._convert = convert

    def made(
        self,
        number: str,
        values: Sequence[Any],
        forms: Sequence[str],
        looks: dict[Any, str],
        format_of: Callable[[Any, str], Any],
        rooms: Sequence[float] | None = None,
        kept: Kept | None = None,
    ) -> tuple[str, int] | None:
        """The cells of row `number` (a value, its column's form: see
        RowSheet.write_cells) and the lines its tallest text takes in columns with `rooms`
        for a line (none given: a line each); None for a row not all such cells. With
        `kept`, its cells are remembered there (and taken from it)."""
        count = len(values)
        starts = self._starts
        while len(starts) < count:
            starts.append('<c r="' + xl_col_to_name(len(starts)))
        columns = (kept or Kept()).of(count)
        # Each cell as remembered, in C (map): None for one not remembered, made then. Only
        # for values of the types a cell is made of (a subclass' value, equal to a text or a
        # number remembered, is not that cell: a str subclass is written cell by cell).
        cells: list[tuple[str, int] | None] = [None] * count
        if _MADE_TYPES.issuperset(map(type, values)):
            with contextlib.suppress(TypeError):  # a value that is no key (unhashable)
                cells = list(map(dict.get, columns, values))
        limit = Kept.COLUMN_KEPT
        at = cells.index
        column = 0
        while None in cells:
            column = at(None, column)
            value = values[column]
            room = math.inf if rooms is None else rooms[column]
            cell = self._cell(starts[column], value, forms[column], looks, format_of, room)
            if cell is None:
                return None
            if _kept(value):
                known = columns[column]
                if len(known) >= limit:
                    known.clear()
                known[value] = cell
            cells[column] = cell
        made = "".join(map(_XML, cells))  # type: ignore[arg-type]
        return made.replace(NUMBER, number), max(map(_LINES, cells))  # type: ignore[arg-type]

    def _cell(
        self,
        start: str,
        value: Any,
        form: str,
        looks: dict[Any, str],
        format_of: Callable[[Any, str], Any],
        room: float,
    ) -> tuple[str, int] | None:
        """A cell's XML (NUMBER for its row's number) and the lines it takes in a column
        with `room` for a line; None for a cell not made here."""
        kind = value.__class__
        if kind is str:
            known = self._texts.entries.get(value)
            if known is None:
                known = self._text(value)
                if known is None:
                    return None
            body, wide = known
            broken = wide.__class__ is tuple
            # A text's look by its form (and a line break), any other value's by its type
            # and form: the keys of the two never meet.
            look = _look(looks, form + "\n" if broken else form, value, form, format_of)
            lines = lines_of(wide, room) if broken or wide > room else 1  # type: ignore[operator]
            return f"{start}{NUMBER}{look}{body}", lines
        look = _look(looks, (kind, form), value, form, format_of)
        if value is None:
            return f"{start}{NUMBER}{look}/>", 1
        if kind is float or kind is int or kind is Decimal or kind is Fraction:
            try:
                amount = float(value)
            except (OverflowError, ValueError):
                return None
            if not math.isfinite(amount):
                return None
            return f"{start}{NUMBER}{look}><v>{amount:.16G}</v></c>", 1
        if isinstance(value, date):
            serial = self._serials.get(value)
            if serial is None:
                serial = self._serials.put(value, self._convert(value))
            return f"{start}{NUMBER}{look}><v>{serial:.16G}</v></c>", 1
        return None

    def _text(self, value: str) -> tuple[str, int | tuple[int, ...]] | None:
        """A text cell's XML after its look, and its _widths; None for a text written
        cell by cell. Remembered, if not long: a sheet repeats its words."""
        if not value:
            return self._texts.put(value, ("/>", 0))
        if (
            len(value) > _LONGEST
            or ((not value.isprintable() or "_x" in value) and _ODD.search(value))
            or (value.startswith("<r>") and value.endswith("</r>"))
        ):
            return None
        space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
        shown = value
        if "&" in value or "<" in value or ">" in value:
            shown = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        cell = f' t="inlineStr"><is><t{space}>{shown}</t></is></c>'
        known = (cell, _widths(value))
        return self._texts.put(value, known) if len(value) <= _TEXT_KEPT else known


def _look(
    looks: dict[Any, str], key: Any, value: Any, form: str, format_of: Callable[[Any, str], Any]
) -> str:
    """A cell's look as its XML names it (its format's number), remembered by `key`."""
    found = looks.get(key)
    if found is None:
        found = looks[key] = f'" s="{format_of(value, form)._get_xf_index()}"'
    return found


class RowSheet(Worksheet):  # type: ignore[misc]  # XlsxWriter is untyped
    """A worksheet of XlsxWriter's that also writes a row at once."""

    fh: Any  # XlsxWriter's: what the sheet's XML is written to

    def __init__(self) -> None:
        super().__init__()
        self.cells = Cells(self._convert_date_time)
        # By a row's height and the sheet's default height: _rest.
        self._rests: dict[tuple[float | None, float], tuple[str, list[Any] | None]] = {}
        # COMPLY_XLSX_ROWS=0 in the environment: every row cell by cell, as XlsxWriter has it.
        self.whole_rows = os.environ.get("COMPLY_XLSX_ROWS") != "0"

    def write_cells(
        self,
        row: int,
        values: Sequence[Any],
        forms: Sequence[str],
        looks: dict[Any, str],
        format_of: Callable[[Any, str], Any],
        fit: Fit | None = None,
        kept: Kept | None = None,
    ) -> bool:
        """Write row `row` of cells (a value, its column's form), each as write_string,
        write_number, write_datetime or write_blank writes it, in format_of(value, form): a
        text, a finite number, a date or None (an empty text: a blank cell). `looks` keeps
        the formats' attributes by what decides a format: the form, and the value's type
        or, for a text, a line break in it. With `fit`, the row is made as tall as its
        tallest text (Fit.height). With `kept`, the cells of a table's body rows are
        remembered (Kept). False, having written nothing, for a row that is not all such
        cells (or holds a text written cell by cell: _ODD, rich, long), or that XlsxWriter
        would not take as a new row."""
        count = len(values)
        if (
            not count
            or not self.whole_rows
            or not self.constant_memory
            or row < self.previous_row
            or self.table.get(row)
            or count > self.xls_colmax
            or len(forms) != count
            or (fit is not None and len(fit.rooms) < count)
        ):
            return False
        number = str(row + 1)
        rooms = fit.rooms if fit is not None else None
        made = self.cells.made(number, values, forms, looks, format_of, rooms, kept)
        if made is None:
            return False
        cells, lines = made
        # As XlsxWriter's own write does: the dimensions, then the row before written out.
        self._check_dimensions(row, 0)
        self._check_dimensions(row, count - 1)
        if row > self.previous_row:
            self._write_single_row(row)
        height = fit.height(lines) if lines > 1 and fit is not None else None
        # This row is written now, with its height if it has one: nothing of it is left
        # pending for XlsxWriter to write again when the next row begins.
        if row in self.row_info:  # a row given a height, a format or hidden before
            if height is not None:
                self.set_row(row, height)
            self._write_row(row, None, self.row_info.pop(row))
            self.fh.write(cells + "</row>")
            return True
        key = (height, self.default_row_height)
        rest = self._rests.get(key)
        if rest is None:
            rest = self._rests[key] = self._rest(row, height)
        element, sizes = rest
        if sizes is not None:  # as set_row keeps them, for what is placed by rows
            self.row_sizes[row] = [*sizes]
        self.fh.write(f'<row r="{number}{element}{cells}</row>')
        return True

    def _rest(self, row: int, height: float | None) -> tuple[str, list[Any] | None]:
        """What XlsxWriter writes of row `row`'s <row> element after its number, for a row
        of `height` points (None: the sheet's default), and the row's sizes set_row keeps:
        the same for any row of this sheet of that height and default height."""
        if height is not None:
            self.set_row(row, height)
        info = self.row_info.pop(row, None)
        written = self.fh
        made = self.fh = io.StringIO()
        try:
            self._write_row(row, None, info)
        finally:
            self.fh = written
        element, number = made.getvalue(), f'<row r="{row + 1}'
        if not element.startswith(number):
            raise ValueError(f"XlsxWriter's row element is not as expected: {element}")
        sizes = self.row_sizes.get(row) if height is not None else None
        return element[len(number) :], None if sizes is None else [*sizes]
