"""A streamed sheet that takes a whole row, or a block of rows, at once: the XML XlsxWriter
writes, made in one go.

XlsxWriter's constant-memory mode keeps a row's cells until the next row begins, then writes
each cell's XML through a chain of calls (the public method, its checks, a cell tuple, the
cell's element with its attributes escaped one by one): about 10 microseconds a cell here,
most of a workbook's time (10,000 parcels are half a million cells). `write_cells` makes the
same row's XML, byte for byte, a string a cell, and hands it to the same file: about 1.7
microseconds a cell (bench: 10,000 rows of 50 texts). `write_rows` makes a block of rows a
column at a time: a column's cells looked up by value (a register repeats its words, dates
and blanks), each row joined of its number, its cells and the columns' letters by calls
that loop in C (100,000 parcels, 5 million cells: 4.9 s of CPU row by row, 2.5 s so).
A row holding anything they do not make themselves (a boolean, a text XlsxWriter escapes or
writes as formatted text or cuts at Excel's limit, a value that is not a finite number, a
row out of order) they decline, and the caller writes that row cell by cell as before.

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

import collections
import concurrent.futures
import functools
import io
import itertools
import math
import os
import re
import shutil
import zipfile
import zlib
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
from ..register import Grouped
from . import OWN_FORM, amount_format, own_format, width

# A text written cell by cell: one holding what XML cannot (shown as U+FFFD), a control
# character XlsxWriter escapes as _xHHHH_ (a carriage return), or a literal _xHHHH_ (its
# underscore escaped).
_ODD = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]|_x[0-9a-fA-F]{4}_")
_LONGEST = 32767 // 2  # a text longer may pass Excel's limit, which XlsxWriter cuts it to
_DATES_KEPT = 10_000
_TEXTS_KEPT, _TEXT_KEPT = 10_000, 400  # texts whose cells are remembered, at most so long
_LINES_KEPT = 10_000  # texts of several lines and the lines each takes, remembered
_UNBOUNDED = itertools.repeat(math.inf)  # each column's room for a line, without a Fit
# A column's cells remembered by value (write_rows): so many characters of them at most
# (about 5,000 numbers or dates), texts up to _TEXT_KEPT long.
_CELLS_KEPT = 1 << 17
# The types of value a column's cells are remembered by: no two of them equal but alike
# written (int 1, float 1.0 and Decimal 1 are one number; a date is never a datetime), but
# a zero, whose sign is written (-0.0), which write_rows makes apart.
_KEPT = frozenset({str, type(None), int, float, Decimal, Grouped, Fraction, date, datetime})
# Columns whose numbers are shown as they were written (OWN_FORM), or with the decimals
# they were written with beyond two (a register's amounts and areas, "number").
_WRITTEN_FORMS = frozenset({OWN_FORM, "number"})
ZIP_LEVEL = 2  # zlib's quick deflate; its default, 6, took three times as long
PARALLEL_FROM = 16 << 20  # a member so large is deflated on every core (_Zip)
PIECE = 1 << 20  # a piece of it, deflated by a thread


class Book(Workbook):  # type: ignore[misc]  # XlsxWriter is untyped
    """A workbook of XlsxWriter's whose zip is deflated at ZIP_LEVEL, a large member on
    every core (_Zip; XlsxWriter has no option for it: the name of the zip's class it
    stores with is taken, while it stores)."""

    def _store_workbook(self) -> None:
        made = _workbook.ZipFile
        _workbook.ZipFile = functools.partial(_Zip, compresslevel=ZIP_LEVEL)
        try:
            super()._store_workbook()
        finally:
            _workbook.ZipFile = made


class _Zip(zipfile.ZipFile):
    """A zip whose members of PARALLEL_FROM bytes or more (a large sheet's XML, written
    after the last row, while the workers are done) are deflated on every core: pieces of
    PIECE bytes, each by a thread of its own (zlib lets go of the interpreter while it
    deflates), each given the 32 KiB before it as its dictionary and ended on a byte, so
    that the pieces make one deflate stream (as pigz makes one), read by any zip reader.
    (A sheet of 120 MB took 0.75 s of the run's process at level 2, alone, at the end.)"""

    def write(  # type: ignore[override]
        self,
        filename: str,
        arcname: str | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if (
            compress_type not in (None, zipfile.ZIP_DEFLATED)
            or self.compression != zipfile.ZIP_DEFLATED
            or os.path.getsize(filename) < PARALLEL_FROM
            or (os.cpu_count() or 1) < 2
        ):
            super().write(filename, arcname, compress_type, compresslevel)
            return
        strict = self._strict_timestamps  # type: ignore[attr-defined]  # zipfile's own
        info = zipfile.ZipInfo.from_file(filename, arcname, strict_timestamps=strict)
        info.compress_type = zipfile.ZIP_DEFLATED
        level = compresslevel if compresslevel is not None else self.compresslevel
        with open(filename, "rb") as source, self.open(info, "w") as target:
            # zipfile's own writer (its CRC, sizes and headers), its deflating ours.
            deflate = _Deflate(level if level is not None else -1)
            target._compressor = deflate  # type: ignore[attr-defined]
            shutil.copyfileobj(source, target, 1 << 20)


class _Deflate:
    """A deflate stream made piece by piece on threads (compress, flush: zlib's own
    compressor's calls, as zipfile's writer makes them)."""

    def __init__(self, level: int) -> None:
        self.level = level
        self.threads = os.cpu_count() or 2
        self.pool = concurrent.futures.ThreadPoolExecutor(self.threads)
        self.pending: collections.deque[concurrent.futures.Future[bytes]] = collections.deque()
        self.held = bytearray()
        self.before = b""  # the last piece's last 32 KiB: the next one's dictionary

    def compress(self, data: bytes) -> bytes:
        self.held += data
        while len(self.held) >= PIECE:
            self._start(bytes(self.held[:PIECE]))
            del self.held[:PIECE]
        done = []
        while self.pending and (self.pending[0].done() or len(self.pending) > self.threads):
            done.append(self.pending.popleft().result())
        return b"".join(done)

    def flush(self) -> bytes:
        try:
            if self.held:
                self._start(bytes(self.held))
                self.held = bytearray()
            done = [future.result() for future in self.pending]
            self.pending.clear()
            # The stream's last block: an empty one, marked the last.
            done.append(zlib.compressobj(self.level, zlib.DEFLATED, -15).flush())
            return b"".join(done)
        finally:
            self.pool.shutdown()

    def _start(self, piece: bytes) -> None:
        self.pending.append(self.pool.submit(_deflated, piece, self.before, self.level))
        self.before = piece[-(1 << 15) :]


def _deflated(piece: bytes, before: bytes, level: int) -> bytes:
    """A piece of a deflate stream: ended on a byte, not the stream's last block."""
    deflate = (
        zlib.compressobj(level, zlib.DEFLATED, -15, zdict=before)
        if before
        else zlib.compressobj(level, zlib.DEFLATED, -15)
    )
    made: bytes = deflate.compress(piece) + deflate.flush(zlib.Z_SYNC_FLUSH)
    return made


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


class _Cells:
    """A column's cells after their row numbers, and the lines each takes, by value: for
    one form and room (`of`), _CELLS_KEPT characters of cells at most (emptied when full;
    None, a declined cell's, counts none)."""

    def __init__(self) -> None:
        self.of: tuple[str, float] | None = None
        self.cells: dict[Any, str | None] = {}
        self.tall: dict[Any, int] = {}  # the lines of a cell that takes more than one
        self.size = 0  # the characters of the cells


class RowSheet(Worksheet):  # type: ignore[misc]  # XlsxWriter is untyped
    """A worksheet of XlsxWriter's that also writes a row, or a block of rows, at once."""

    fh: Any  # XlsxWriter's: the file of the sheet's rows being written

    def __init__(self) -> None:
        super().__init__()
        self._starts: list[str] = []  # '<c r="AB', a column's cells' beginning
        self._serials: Table[date, float] = Table(_DATES_KEPT)  # a date's Excel number
        self._texts: Table[str, tuple[str, bool, int]] = Table(_TEXTS_KEPT)  # _text's
        # COMPLY_XLSX_ROWS=0 in the environment: every row cell by cell, as XlsxWriter has it;
        # 1: row by row (write_cells), no block of rows at once (write_rows).
        switch = os.environ.get("COMPLY_XLSX_ROWS")
        self.whole_rows = switch != "0"
        self.blocks = switch not in ("0", "1")
        self._columns: list[_Cells] = []  # write_rows': each column's cells by value
        self._heads: dict[Any, str] = {}  # a <row> element's opening, by its RowInfo
        self._talls: dict[Any, tuple[str, list[Any]]] = {}  # _tall's, by height

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
        if not self.whole_rows or len(forms) != count or not self._takes(row, count, fit):
            return False
        starts = self._cell_starts(count)
        rooms = fit.rooms if fit is not None else _UNBOUNDED
        number = str(row + 1)
        made: list[str] = []
        add = made.append
        lines = 1
        for start, value, form, room in zip(starts, values, forms, rooms, strict=False):
            cell = self._cell(value, form, room, looks, format_of, fit)
            if cell is None:
                return False
            add(f"{start}{number}{cell[0]}")
            if cell[1] > lines:
                lines = cell[1]
        self._begin(row, count)
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

    def write_rows(
        self,
        first: int,
        rows: Sequence[Sequence[Any]],
        forms: Sequence[str],
        looks: dict[Any, str],
        format_of: Callable[[Any, str], Any],
        fit: Fit | None,
        one: Callable[[int, Sequence[Any]], None],
        seen: Callable[[int, Sequence[Any]], None] | None = None,
    ) -> None:
        """Write `rows` from row `first` on, each of len(forms) cells: the bytes write_cells
        writes row by row, made a column at a time. Each column's cells are looked up by
        value (a cell's XML after its row number, and the lines it takes), and each row is
        joined of its number, its cells and the columns' letters. A row holding a cell
        write_cells would decline is written by `one(row, values)`, in its place. Each
        column's values are given to `seen(index, values)`, however the rows are written."""
        count = len(forms)
        if (
            not rows
            or not self.blocks
            or not self._takes(first, count, fit)
            or any(len(values) != count for values in rows)
        ):
            if seen is not None:
                for index, column in enumerate(zip(*rows, strict=False)):
                    seen(index, column)
            for offset, values in enumerate(rows):
                one(first + offset, values)
            return
        while len(self._columns) < count:
            self._columns.append(_Cells())
        rooms = list(fit.rooms[:count]) if fit is not None else [math.inf] * count
        tails: list[list[str | None]] = []
        heights: list[list[int]] = []  # the lines of a column's cells, where one wraps
        for index, column in enumerate(zip(*rows, strict=True)):
            made, lines = self._column(
                column, forms[index], rooms[index], looks, format_of, fit, index
            )
            if seen is not None:
                seen(index, column)
            tails.append(made)
            if lines is not None:
                heights.append(lines)
        tallest = list(map(max, *heights)) if len(heights) > 1 else heights[0] if heights else None
        declined = sorted(
            {n for made in tails if None in made for n, c in enumerate(made) if c is None}
        )
        begin = 0
        for offset in declined:
            self._write_good(first, begin, offset, tails, tallest, fit)
            one(first + offset, rows[offset])
            begin = offset + 1
        self._write_good(first, begin, len(rows), tails, tallest, fit)

    def _write_good(
        self,
        first: int,
        begin: int,
        end: int,
        tails: list[list[str | None]],
        tallest: list[int] | None,
        fit: Fit | None,
    ) -> None:
        """The rows begin..end (exclusive) of a block from row `first`, none declined."""
        if begin >= end:
            return
        count = len(tails)
        start, last = first + begin, first + end - 1
        self._begin(start, count)
        numbers = [str(n + 1) for n in range(start, last + 1)]
        heads = list(map(self._head(None).format, numbers))
        if tallest is not None and fit is not None:
            for position, lines in enumerate(tallest[begin:end]):
                if lines > 1:
                    head = self._tall(start + position, fit.height(lines))
                    heads[position] = head.format(numbers[position])
        if last > start:
            self._begin(last, count)
        size = end - begin
        joined: list[Any] = [heads]
        for start_of, column in zip(self._cell_starts(count), tails, strict=True):
            joined += [itertools.repeat(start_of, size), numbers, column[begin:end]]
        joined.append(itertools.repeat("</row>", size))
        self.fh.write("".join(map("".join, zip(*joined, strict=False))))

    def _takes(self, row: int, count: int, fit: Fit | None) -> bool:
        """Whether rows of `count` cells from `row` on can be written whole: new rows of a
        streamed sheet, within its columns, and (with `fit`) a room for each cell."""
        return bool(
            count
            and self.constant_memory
            and row >= self.previous_row
            and not self.table.get(row)
            and count <= self.xls_colmax
            and (fit is None or len(fit.rooms) >= count)
        )

    def _begin(self, row: int, count: int) -> None:
        """As XlsxWriter's own write does for a row of `count` cells: the dimensions, then
        the row before written out."""
        self._check_dimensions(row, 0)
        self._check_dimensions(row, count - 1)
        if row > self.previous_row:
            self._write_single_row(row)

    def _cell_starts(self, count: int) -> list[str]:
        """Each of the first `count` columns' cells' beginning: '<c r="AB'."""
        starts = self._starts
        while len(starts) < count:
            starts.append('<c r="' + xl_col_to_name(len(starts)))
        return starts[:count]

    def _tall(self, row: int, height: float) -> str:
        """A row given its height as write_cells gives it (set_row), and its <row> element's
        opening, its number a {0}: set_row itself for the first row of each height, whose
        row's size the others of that height are given."""
        key = (height, self.default_row_height, self.original_row_height, self.excel_version)
        known = self._talls.get(key)
        if known is not None:
            head, size = known
            self.row_sizes[row] = list(size)
            return head
        self.set_row(row, height)
        head = self._head(self.row_info.pop(row, None))
        self._talls[key] = (head, list(self.row_sizes[row]))
        return head

    def _head(self, info: Any) -> str:
        """A <row> element's opening as _write_row writes it for a row of `info` (None: no
        height of its own), its number a {0} (made once: XlsxWriter's own call, captured)."""
        key = (
            None
            if info is None
            else (info.height, id(info.row_format), info.hidden, info.level, info.collapsed),
            self.default_row_height,
            self.original_row_height,
            self.excel_version,
        )
        found = self._heads.get(key)
        if found is None:
            held = self.fh
            self.fh = io.StringIO()
            try:
                self._write_row(0, None, info)
                made = self.fh.getvalue()
            finally:
                self.fh = held
            if not made.startswith('<row r="1"'):
                raise ValueError(f"a row's opening unlike XlsxWriter's: {made!r}")
            found = self._heads[key] = '<row r="{0}"' + made[len('<row r="1"') :]
        return found

    def _column(
        self,
        values: Sequence[Any],
        form: str,
        room: float,
        looks: dict[Any, str],
        format_of: Callable[[Any, str], Any],
        fit: Fit | None,
        index: int,
    ) -> tuple[list[str | None], list[int] | None]:
        """Each value's cell after its row number (None: declined), and the lines each
        takes in a column of `room` (None if no cell wraps). Remembered by value where
        every value's type is one of _KEPT (a bool equals 1 and would take its cell; a
        signalling NaN cannot be looked up)."""
        known = self._columns[index]
        if known.of != (form, room):
            known.of, known.cells, known.tall, known.size = (form, room), {}, {}, 0
        cells, tall = known.cells, known.tall
        kinds = set(map(type, values))
        keys: Sequence[Any] = values
        if form in _WRITTEN_FORMS and (Decimal in kinds or Grouped in kinds):
            # A bureau's own 12.50, 12.5 and 1,234.5 are equal to others, but not shown alike
            # (_number_format; an amount's 3860.123400 and 3860.1234 too): its numbers are
            # remembered by their type and text.
            numbers = (Decimal, Grouped)
            keys = [(v.__class__, str(v)) if v.__class__ in numbers else v for v in values]
        if kinds <= _KEPT:
            try:
                new = set(keys).difference(cells)
            except TypeError:
                new = None
            if new is not None:
                # 0, 0.0, -0.0 and a Decimal 0 are one key, but -0.0 is written -0: each zero
                # is made in its place, none remembered.
                zero = 0 in new
                new.discard(0)
                held = []  # this block's values not remembered: declined, long texts
                for key in new:
                    value = key[0](key[1]) if key.__class__ is tuple else key
                    made = self._cell(value, form, room, looks, format_of, fit)
                    cells[key] = made[0] if made is not None else None
                    if made is not None and made[1] > 1:
                        tall[key] = made[1]
                    if made is None or (value.__class__ is str and len(value) > _TEXT_KEPT):
                        held.append(key)
                    else:
                        known.size += len(made[0])
                found = list(map(cells.get, keys))
                lines = list(map(tall.get, keys, itertools.repeat(1))) if tall else None
                if zero:
                    for n, value in enumerate(values):
                        if value == 0:  # (no text, date or None equals 0)
                            made = self._cell(value, form, room, looks, format_of, fit)
                            found[n] = made[0] if made is not None else None
                for key in held:
                    del cells[key]
                    tall.pop(key, None)
                if known.size > _CELLS_KEPT:
                    cells.clear()
                    tall.clear()
                    known.size = 0
                return found, lines
        made_all = [self._cell(value, form, room, looks, format_of, fit) for value in values]
        found_all = [m[0] if m is not None else None for m in made_all]
        lines_all = [m[1] if m is not None else 1 for m in made_all]
        return found_all, lines_all if max(lines_all, default=1) > 1 else None

    def _cell(
        self,
        value: Any,
        form: str,
        room: float,
        looks: dict[Any, str],
        format_of: Callable[[Any, str], Any],
        fit: Fit | None,
    ) -> tuple[str, int] | None:
        """A cell after its row number, and the lines it takes, as write_cells makes it;
        None for a value write_cells declines."""
        kind = value.__class__
        if kind is str:
            known = self._texts.get(value)
            if known is None:
                known = self._text(value)
                if known is None:
                    return None
            body, broken, wide = known
            # A text's look by its form (and a line break), any other value's by its type
            # and form: the keys of the two never meet.
            key: Any = form + "\n" if broken else form
            look = looks.get(key)
            if look is None:
                look = looks[key] = f'" s="{format_of(value, form)._get_xf_index()}"'
            lines = 1
            if wide > room:  # more than a line of `room` counted characters
                lines = math.ceil(wide / room)
            elif broken and fit is not None:
                lines = fit.lines(value, room)
            return look + body, lines
        key = (kind, form)
        if form == OWN_FORM and (kind is Decimal or kind is Grouped or kind is int):
            key = (form, own_format(value))
        elif form == "number" and (kind is Decimal or kind is float):
            key = (form, amount_format(value))
        look = looks.get(key)
        if look is None:
            look = looks[key] = f'" s="{format_of(value, form)._get_xf_index()}"'
        if value is None:
            return look + "/>", 1
        if kind is float or kind is int or kind is Decimal or kind is Fraction or kind is Grouped:
            try:
                amount = float(value)
            except (OverflowError, ValueError):
                return None
            if not math.isfinite(amount):
                return None
            return f"{look}><v>{amount:.16G}</v></c>", 1
        if isinstance(value, date):
            serial = self._serials.get(value)
            if serial is None:
                serial = self._serials.put(value, self._convert_date_time(value))
            return f"{look}><v>{serial:.16G}</v></c>", 1
        return None

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
