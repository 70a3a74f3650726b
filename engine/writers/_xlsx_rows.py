"""A streamed sheet that takes a whole row at once: the XML XlsxWriter writes, made in one go.

XlsxWriter's constant-memory mode keeps a row's cells until the next row begins, then writes
each cell's XML through a chain of calls (the public method, its checks, a cell tuple, the
cell's element with its attributes escaped one by one): about 10 microseconds a cell here,
most of a workbook's time (10,000 parcels are half a million cells). `write_cells` makes the
same row's XML, byte for byte, a string a cell, and hands it to the same file: about 1.7
microseconds a cell (bench: 10,000 rows of 50 texts). A row holding anything it does not
make itself (a boolean, a text XlsxWriter escapes or writes as formatted text or cuts at
Excel's limit, a value that is not a finite number, a row out of order) it declines, and
the caller writes that row cell by cell as before.

`Book` is XlsxWriter's workbook deflating its zip at level ZIP_LEVEL, not zlib's default (6):
a large workbook's sheets are a few hundred megabytes of XML, and at 6 their deflating took
about a quarter of the workbook's time (a sheet of 116 MB: 1.49 s at 6, 0.46 s at 2, and 27%
larger, 16.9 MB against 13.3).

It leans on XlsxWriter's streaming internals (the pending row, the row data file, the
dimensions, a format's number, the name of the zip's class): pyproject.toml pins XlsxWriter
to the minor version tested, and tests/test_xlsx_rows.py holds the two ways to the same bytes
on random rows.
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import re
from collections.abc import Callable, Sequence
from datetime import date
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
_UNBOUNDED = itertools.repeat(math.inf)  # each column's room for a line, without a Fit
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
            found = self._lines.put(
                (text, room), sum(max(1, math.ceil(width(p) / room)) for p in text.split("\n"))
            )
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


class RowSheet(Worksheet):  # type: ignore[misc]  # XlsxWriter is untyped
    """A worksheet of XlsxWriter's that also writes a row at once."""

    def __init__(self) -> None:
        super().__init__()
        self._starts: list[str] = []  # '<c r="AB', a column's cells' beginning
        self._serials: Table[date, float] = Table(_DATES_KEPT)  # a date's Excel number
        self._texts: Table[str, tuple[str, bool, int]] = Table(_TEXTS_KEPT)  # _text's
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
    ) -> bool:
        """Write row `row` of cells (a value, its column's form), each as write_string,
        write_number, write_datetime or write_blank writes it, in format_of(value, form): a
        text, a finite number, a date or None (an empty text: a blank cell). `looks` keeps
        the formats' attributes by what decides a format: the form, and the value's type
        or, for a text, a line break in it. With `fit`, the row is made as tall as its
        tallest text (Fit.height). False, having written nothing, for a row that is not all
        such cells (or holds a text written cell by cell: _ODD, rich, long), or that
        XlsxWriter would not take as a new row."""
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
        starts = self._starts
        while len(starts) < count:
            starts.append('<c r="' + xl_col_to_name(len(starts)))
        rooms = fit.rooms if fit is not None else _UNBOUNDED
        texts = self._texts.entries
        number = str(row + 1)
        made: list[str] = []
        add = made.append
        lines = 1
        for start, value, form, room in zip(starts[:count], values, forms, rooms, strict=False):
            kind = value.__class__
            if kind is str:
                known = texts.get(value)
                if known is None:
                    known = self._text(value)
                    if known is None:
                        return False
                body, broken, wide = known
                # A text's look by its form (and a line break), any other value's by its
                # type and form: the keys of the two never meet.
                key: Any = form + "\n" if broken else form
                look = looks.get(key)
                if look is None:
                    look = looks[key] = f'" s="{format_of(value, form)._get_xf_index()}"'
                add(f"{start}{number}{look}{body}")
                if wide > room:  # more than a line of `room` counted characters
                    lines = max(lines, math.ceil(wide / room))
                elif broken and fit is not None:
                    lines = max(lines, fit.lines(value, room))
                continue
            key = (kind, form)
            look = looks.get(key)
            if look is None:
                look = looks[key] = f'" s="{format_of(value, form)._get_xf_index()}"'
            if value is None:
                add(f"{start}{number}{look}/>")
            elif kind is float or kind is int or kind is Decimal or kind is Fraction:
                try:
                    amount = float(value)
                except (OverflowError, ValueError):
                    return False
                if not math.isfinite(amount):
                    return False
                add(f"{start}{number}{look}><v>{amount:.16G}</v></c>")
            elif isinstance(value, date):
                serial = self._serials.get(value)
                if serial is None:
                    serial = self._serials.put(value, self._convert_date_time(value))
                add(f"{start}{number}{look}><v>{serial:.16G}</v></c>")
            else:
                return False
        # As XlsxWriter's own write does: the dimensions, then the row before written out.
        self._check_dimensions(row, 0)
        self._check_dimensions(row, count - 1)
        if row > self.previous_row:
            self._write_single_row(row)
        if lines > 1 and fit is not None:
            self.set_row(row, fit.height(lines))
        # This row is written now, with its height if one was set: nothing of it is left
        # pending for XlsxWriter to write again when the next row begins.
        info = self.row_info.pop(row, None)
        if info is None and self._plain_rows:
            add("</row>")
            self.fh.write(f'<row r="{number}">' + "".join(made))
            return True
        self._write_row(row, None, info)
        add("</row>")
        self.fh.write("".join(made))
        return True

    def _text(self, value: str) -> tuple[str, bool, int] | None:
        """A text cell's XML after its look, whether the text breaks its line, and if not,
        its counted width (a CJK character counts two); None for a text written cell by
        cell. Remembered, if not long: a sheet repeats its words."""
        if not value:
            return self._texts.put(value, ("/>", False, 0))
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
        broken = "\n" in value
        cell = f' t="inlineStr"><is><t{space}>{shown}</t></is></c>'
        known = (cell, broken, 0 if broken else width(value))
        return self._texts.put(value, known) if len(value) <= _TEXT_KEPT else known

    @property
    def _plain_rows(self) -> bool:
        """Whether a row without a height of its own is <row r="N">, as _write_row has it:
        the default row height and no Excel 2010 attributes."""
        plain = self.default_row_height == self.original_row_height
        return bool(plain and self.excel_version != 2010)
