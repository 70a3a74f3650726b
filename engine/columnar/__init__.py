"""The columnar path: a CSV register read a block of rows at a time with Apache Arrow, its
cells converted column by column, the facts computed over whole columns, the engine asked
once for each combination of threshold sides, each row's decision made from its
combination's plan and its own values. The row path (pipeline.decide over RowReader and
the kind's `build`) stays the reference: this path must give what it gives, byte for byte
(tests/test_columnar.py compares the two on random files).

Why Arrow: its CSV reader splits a block of lines into columns in C and, told that every
column is text, infers nothing (polars' and pandas' readers guess types and read dates
leniently); its dictionary encoding hands each column's distinct cells and each row's index
into them. numpy does the arithmetic on day numbers.

What is the row path's stays the row path's:
- each distinct cell of a column is read by the row path's own cell reader (fields.FastRow):
  whatever form a register writes a date or an amount in, it is read as the row path reads
  it; a cell refused sends its row to the row path, which names the problem;
- a row the columnar path cannot vouch for (a cell refused, a required cell blank, a check
  across columns failing, an id repeated or invisible, a total or a blank line, anything
  the kind's columnar code does not handle) goes through the row path alone: a reader over
  that one line, which reports it or decides it exactly as a whole-file run would;
- a block Arrow cannot take whole (a quote, a lone carriage return, bytes that are not
  UTF-8, a line of the wrong width, a line too long) goes through the row path as a block;
- a kind's columnar code hands the engine one representative subject per combination, made
  by the row path, and checks that its columns give that subject's decision exactly.
"""

from __future__ import annotations

import io
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from pydantic_core import PydanticUndefined

from .. import fields, ledger, register
from ..encoding import encodable, file_encoding
from ..loader import _INVISIBLE, MAX_CELL, MAX_COLUMNS, MAX_LINE, RowReader, _regular, header_first
from ..writers.csv_rows import CsvWriter
from ..writers.json_records import JsonLinesWriter, JsonWriter
from ..writers.table import TableWriter
from ..writers.xlsx import XlsxWriter
from .book import BookRows
from .lines import Decided, Lines, tabled

if TYPE_CHECKING:
    from ..evaluate import Decision
    from ..pipeline import Prepared
    from ..subjects import Subject
    from ..writers import Writer

# Characters of lines read at a time (about 9,000 register rows, a quarter more than a
# worker's part, which counts bytes): memory stays flat. Half of it took a tenth more time
# in one process (what each block pays once), for 27 MB less at the peak at 1M parcels.
BLOCK_BYTES = 1 << 20
EMIT = 500  # subjects handed on at a time (pipeline.BATCH_ROWS)
# Arrow allocates from the C library's heap, not from its own pool (which keeps what it
# frees): what a block took returns to the system between a worker's pieces.
pa.set_memory_pool(pa.system_memory_pool())
BLANK, REFUSED = fields._BLANK, fields._REFUSED
YUAN_DIGITS = fields._YUAN_DIGITS
# Rows decided by each path in this process (tests check that the columnar path was taken).
TAKEN: Counter[str] = Counter()


class Coded:
    """One column of a block, dictionary-encoded: each row's index into the distinct cells,
    their text, and each read by the row path's cell reader (a value, BLANK or REFUSED)."""

    def __init__(
        self,
        index: np.ndarray,
        texts: list[str],
        values: list[Any],
        fen: Any = None,
        days: Any = None,
    ) -> None:
        self.index, self.texts, self.values = index, texts, values
        # A column of amounts read as fen: each distinct cell's fen, 0 where it is not one.
        self.fen: np.ndarray | None = fen
        # A column of dates: each distinct cell's day number, 0 where it holds no date.
        self.days: np.ndarray | None = days

    def mapped(self, function: Callable[[Any], Any], dtype: Any) -> np.ndarray:
        """function(value) for each row, computed once per distinct cell."""
        return self._rows(np.array([function(v) for v in self.values], dtype=dtype))

    def _rows(self, table: np.ndarray) -> np.ndarray:
        return table[self.index] if len(table) else np.zeros(len(self.index), dtype=table.dtype)

    def blank(self) -> np.ndarray:
        return self._rows(np.array([v is BLANK for v in self.values], dtype=bool))

    def refused(self) -> np.ndarray:
        return self._rows(np.array([v is REFUSED for v in self.values], dtype=bool))

    def fens(self) -> np.ndarray:
        """Each row's amount in fen (0 where it holds none), for a column read as fen."""
        assert self.fen is not None
        return self._rows(self.fen)

    def ordinals(self, missing: int) -> np.ndarray:
        """Each row's day number, for a column read as dates (`missing` where none)."""
        assert self.days is not None
        return self._rows(np.where(self.days > 0, self.days, missing))

    def value(self, row: int) -> Any:
        return self.values[self.index[row]]


@dataclass
class Block:
    """Lines of a register read as columns: the contract's columns present, by name."""

    rows: np.ndarray  # each line's row number, as the row path numbers it
    lines: list[str]
    columns: dict[str, Coded]
    slow: np.ndarray  # lines the row path must take (bool)
    defaults: dict[str, Any] = field(default_factory=dict)
    _trimmed: list[tuple[str, list[str], np.ndarray]] | None = None
    _raw: list[tuple[str, list[str], list[int]]] | None = None  # the same, indexes as lists

    def __len__(self) -> int:
        return len(self.lines)

    def value(self, name: str, row: int) -> Any:
        """A row's value of a contract column, as the row model holds it."""
        column = self.columns.get(name)
        if column is None:
            return self.defaults[name]
        found = column.value(row)
        return self.defaults[name] if found is BLANK else found

    def mapped(self, name: str, function: Callable[[Any], Any], dtype: Any) -> np.ndarray:
        """function(value) for each row of a column (its default where blank or absent),
        computed once per distinct cell. A refused cell is passed as REFUSED."""
        column, default = self.columns.get(name), self.defaults[name]
        if column is None:
            return np.full(len(self), function(default), dtype=dtype)
        return column.mapped(lambda v: function(default if v is BLANK else v), dtype)

    def has(self, name: str) -> np.ndarray:
        """Where a column is given (not blank)."""
        column = self.columns.get(name)
        if column is None:
            return np.zeros(len(self), dtype=bool)
        return ~column.blank()

    def days(self, name: str, missing: int) -> np.ndarray:
        """A date column as day numbers (date.toordinal), `missing` where blank."""
        column = self.columns.get(name)
        if column is not None and column.days is not None and self.defaults[name] is None:
            return column.ordinals(missing)
        return self.mapped(
            name, lambda v: v.toordinal() if isinstance(v, date) else missing, np.int64
        )

    def flag(self, name: str) -> np.ndarray:
        return self.mapped(name, bool, bool)

    def codes(self, name: str) -> np.ndarray:
        """A text or code column as an array of Python objects (its default where blank)."""
        return self.mapped(name, lambda v: v, object)

    def raw(self, row: int) -> dict[str, str]:
        """A row's cells as the row path hands them on (to its model, to the ledger): by
        contract name, in the header's order, trimmed."""
        if self._raw is None:  # once a block, a row at a time after
            self._raw = [(n, texts, index.tolist()) for n, texts, index in self._cells()]
        return {n: texts[index[row]] for n, texts, index in self._raw}

    def entries(self, picked: list[int]) -> str:
        """The ledger's input rows (ledger.input_entry of each raw(row)) of the lines
        picked, in order: each distinct cell encoded once."""
        lines = np.array(picked, dtype=np.intp)
        return ledger.input_entries(
            self.rows[lines].tolist(),
            [(n, texts, index[lines]) for n, texts, index in self._cells()],
        )

    def _cells(self) -> list[tuple[str, list[str], np.ndarray]]:
        if self._trimmed is None:  # once a block
            self._trimmed = trimmed(self.columns)
        return self._trimmed


def trimmed(columns: dict[str, Coded]) -> list[tuple[str, list[str], np.ndarray]]:
    """Each column's name, its distinct cells trimmed and each row's index into them: the
    cells as the row path hands them on (to its model, to the ledger)."""
    return [(n, [t.strip() for t in c.texts], c.index) for n, c in columns.items()]


class Row:
    """A row of the register as the row model would hold it, read from its block when asked
    (writers read a holder's or a mortgagee's name)."""

    __slots__ = ("_block", "_row")

    def __init__(self, block: Block, row: int) -> None:
        self._block, self._row = block, row

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._block.value(name, self._row)
        except KeyError:
            raise AttributeError(name) from None


# A kind's columnar code: what it decides of a block (engine/columnar/lines.Decided).
Columnar = Callable[["Prepared", Block], Decided]


def eligible(reader: RowReader) -> tuple[str, int] | None:
    """Whether the columnar path can read the reader's source: a CSV (a file, or a worker's
    piece of one) whose first line is a header naming only the contract's columns, each
    once, with no unit, and nothing asked of the reader that only the row path does (rows
    handed in, a header row given). Returns the header line and the row number of the
    first line after it, or None."""
    if reader.header_row not in (None, 1) or reader._rows is not None:
        return None
    if reader._records is not None or reader.sheet is not None:
        return None
    if reader.path.suffix.lower() in (".jsonl", ".ndjson", ".xlsx", ".xlsm"):
        return None
    if reader._part is not None:
        text, offset = reader._part
        end = text.find("\n")
        header = text[: end + 1] if end >= 0 else text
    else:
        if not _regular(reader.path):
            return None
        decided = file_encoding(reader.path)
        if decided.mixed is not None or decided.name != "utf-8-sig":
            return None
        with reader.path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as f:
            header = f.readline(MAX_LINE)
        offset = 0
        if not header_first(reader.path, "utf-8-sig", reader.contract, reader.header_row):
            return None
    if '"' in header or "\r" in header.rstrip("\r\n") or not header.endswith("\n"):
        return None
    if not contract_only(reader, header.rstrip("\r\n").split(",")):
        return None
    return header, 2 + offset


def contract_only(reader: RowReader, cells: list[str]) -> bool:
    """Whether a header's cells name only the contract's columns, each once, with no unit,
    every required one among them."""
    if len(cells) > MAX_COLUMNS or any(c != c.strip() or not c for c in cells):
        return False
    resolved = [reader.contract.resolve(c) for c in cells]
    names = [name for name, _ in resolved]
    if any(name is None or unit for name, unit in resolved) or len(set(names)) != len(names):
        return False
    return set(reader.contract.required) <= set(names)


def blocks(reader: RowReader, header: str) -> Iterator[list[str]]:
    """The source's lines after the header, a block at a time; a block ending inside a
    quoted cell is read on to the cell's end (_quoted_at_end), so that no cell is cut. A
    worker's part (a piece of about parallel.PIECE_BYTES, already in memory) is one block:
    cut in two, its second block cost as much again in what each block pays once (each
    column's distinct cells read, the combinations signed), 1.2 s of the workers' 15 at 1M
    parcels."""
    size = BLOCK_BYTES
    if reader._part is not None:
        text = reader._part[0]
        handle: io.TextIOBase = io.StringIO(text[len(header) :], newline="")
        size = max(size, len(text))
    else:
        handle = reader.path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")
        handle.readline(MAX_LINE)
    with handle:
        reader._handle = handle if isinstance(handle, io.TextIOWrapper) else None
        while True:
            lines = handle.readlines(size)
            if not lines:
                return
            if '"' in "".join(lines):
                quoted = False
                for line in lines:
                    if quoted or '"' in line:
                        quoted = _quoted_at_end(line, quoted)
                while quoted:
                    more = handle.readline()
                    if not more:
                        break
                    lines.append(more)
                    quoted = _quoted_at_end(more, quoted)
            yield lines


def records(lines: list[str]) -> tuple[list[str], list[int]]:
    """The block's records and the line each starts on: a line, or the lines a quoted
    cell with a line break in it joins (_quoted_at_end)."""
    if '"' not in "".join(lines):  # no quoted cell: a record a line
        return list(lines), list(range(len(lines)))
    texts: list[str] = []
    starts: list[int] = []
    at, count = 0, len(lines)
    while at < count:
        first = at
        quoted = '"' in lines[at] and _quoted_at_end(lines[at], False)
        while quoted and at + 1 < count:
            at += 1
            quoted = _quoted_at_end(lines[at], True)
        texts.append("".join(lines[first : at + 1]) if at > first else lines[first])
        starts.append(first)
        at += 1
    return texts, starts


def _quoted_at_end(line: str, quoted: bool) -> bool:
    """Whether a line of CSV ends inside a quoted cell, given whether it began inside one,
    as Python's csv module (the row path's reader) reads it: a quote opens a quoted cell
    only at the cell's start; inside one, two quotes are a quote and one closes it; the
    rest of a cell after its closing quote, or of a cell not opened by one, is as written,
    quotes and all. (Counting quotes, a stray one in a cell, 某"公司, joined the records
    after it into one, and the file failed that the row path reads.)"""
    at = 0
    while True:
        if quoted:
            close = line.find('"', at)
            while close >= 0 and line.startswith('"', close + 1):  # "" inside the cell
                close = line.find('"', close + 2)
            if close < 0:
                return True
            quoted, at = False, close + 1
        elif line.startswith('"', at):
            quoted, at = True, at + 1
            continue
        comma = line.find(",", at)
        if comma < 0:
            return False
        at = comma + 1


def columns(
    reader: RowReader, header: str, texts: list[str], fen: frozenset[str] = frozenset()
) -> tuple[dict[str, Coded], np.ndarray] | None:
    """The block's records as coded columns by contract name, and which records are left
    to the row path as they are (a quote, a lone carriage return, a NUL, a byte-order mark,
    bytes that are not UTF-8, a line too long, a record of another width); None if Arrow
    cannot take the rest (the row path then reads the block)."""
    cells = header.rstrip("\r\n").split(",")
    width = len(cells)
    names = [f"c{i}" for i in range(width)]
    aside = np.zeros(len(texts), dtype=bool)
    table = None
    whole = "".join(texts)
    if (
        '"' not in whole
        and "\x00" not in whole
        and "\ufeff" not in whole  # Arrow drops a byte-order mark opening its data
        and whole.count("\r") == whole.count("\r\n")
        and max(map(len, texts)) <= MAX_LINE
    ):
        try:
            data = whole.encode("utf-8")
        except UnicodeEncodeError:  # bytes that were not UTF-8: line by line below
            pass
        else:
            table = _arrow(data, names)  # None: a ragged or blank line
    if table is None or table.num_rows != len(texts):
        given = []
        empty = "," * (width - 1) + "\n"
        for at, text in enumerate(texts):
            if (
                '"' in text
                or "\x00" in text
                or "\ufeff" in text
                or text.count("\r") != text.count("\r\n")
                or len(text) > MAX_LINE
                or text.count(",") != width - 1
                or (not text.isascii() and not encodable(text))
            ):
                aside[at] = True
                given.append(empty)
            elif not text.strip():
                given.append(empty)  # a blank line: a row of blanks to Arrow, skipped later
            else:
                given.append(text if text.endswith("\n") else text + "\n")
        table = _arrow("".join(given).encode("utf-8"), names)
    if table is None or table.num_rows != len(texts):
        return None
    fast = fields.FastRow.of(reader.model)
    assert fast is not None, f"{reader.model.__name__}: no fast reader"
    coded: dict[str, Coded] = {}
    for position, cell in enumerate(cells):
        name = reader.contract.resolve(cell)[0]
        assert name is not None
        encoded = table.column(position).combine_chunks().dictionary_encode()
        index = encoded.indices.to_numpy(zero_copy_only=False)
        distinct = encoded.dictionary
        coded[name] = read_column(fast, name, distinct.to_pylist(), index, fen, distinct)
    return coded, aside


def read_column(
    fast: fields.FastRow,
    name: str,
    distinct_cells: list[str],
    index: np.ndarray,
    fen: frozenset[str] = frozenset(),
    arrow: Any = None,
) -> Coded:
    """A column of a contract field, given its distinct cells (and, if it has them, the
    same as an Arrow array) and each row's index into them: each distinct cell read by the
    row path's cell reader (fields.FastRow). A column of amounts named in `fen` holds each
    amount as integer fen instead."""
    rows = len(index)
    if name in fen:
        assert name in fast.amounts
        return _fen_column(fast, name, distinct_cells, index, arrow)
    if name in fast.dates:
        return _date_column(fast, name, distinct_cells, index)
    if name in fast.texts:
        values = [REFUSED if len(t) > MAX_CELL else t.strip() or BLANK for t in distinct_cells]
    else:  # each distinct cell read once (and remembered across blocks)
        cell = _read_cells(fast, name, distinct_cells, rows)
        # An amount written plainly is what the amount reader makes of it (fields.amount).
        plain = fields.plain_yuan if name in fast.amounts else _nothing
        values = [plain(t) or cell(t) for t in distinct_cells]
    return Coded(index, distinct_cells, values)


def _read_cells(
    fast: fields.FastRow, name: str, distinct_cells: list[str], rows: int
) -> Callable[[str], Any]:
    """The row path's reader of a column's cells (each remembered across blocks in
    FastRow.memos, unless the column's cells are rarely seen twice, as a price's)."""
    memo = fast.memos[name]
    keep = fast._remember if len(distinct_cells) * 10 < rows * 9 else None
    read = fast._read

    def cell(t: str) -> Any:
        if len(t) > MAX_CELL:
            return REFUSED
        if t in memo:
            return memo[t]
        return keep(memo, name, t) if keep is not None else read(name, t)

    return cell


def _date_column(
    fast: fields.FastRow, name: str, distinct_cells: list[str], index: np.ndarray
) -> Coded:
    """A column of dates, each distinct cell read by the row path's reader (remembered from
    block to block: registers repeat their dates), with their day numbers. Making a block's
    new dates all at once with Arrow was tried: it saved 0.07 s of 10,000 parcels and cost
    each process about 5 MB at 1M."""
    cell = _read_cells(fast, name, distinct_cells, len(index))
    values = [cell(text) for text in distinct_cells]
    days = np.array([v.toordinal() if v.__class__ is date else 0 for v in values], np.int64)
    return Coded(index, distinct_cells, values, days=days)


# An amount written plainly (fields.plain_yuan): ASCII digits, a whole number of 1 to
# YUAN_DIGITS digits once its leading zeros go, at most two decimals.
_PLAIN_FEN = rf"^0*[1-9][0-9]{{0,{YUAN_DIGITS - 1}}}(?:\.[0-9]{{1,2}})?$"
_SCALE = np.array([100, 10, 1], dtype=np.int64)  # by the count of decimals written


def _fen_column(
    fast: fields.FastRow, name: str, distinct_cells: list[str], index: np.ndarray, arrow: Any
) -> Coded:
    """A column of amounts as integer fen: the cells written plainly turned to fen by
    Arrow, all at once (what the row path's reader makes of each, in fen, however many
    leading zeros: a test holds them equal); any other cell read by the row path's reader,
    as read_column reads it."""
    cells = pa.array(distinct_cells, pa.string()) if arrow is None else arrow
    plain = pc.and_(
        pc.less_equal(pc.utf8_length(cells), MAX_CELL), pc.match_substring_regex(cells, _PLAIN_FEN)
    )
    is_plain = plain.to_numpy(zero_copy_only=False)
    cells = pc.if_else(plain, cells, "0")
    # The digits without the point (yuan and fen as written), then scaled to fen.
    digits = pc.cast(pc.replace_substring(cells, ".", ""), pa.int64()).to_numpy()
    point = pc.find_substring(cells, ".").to_numpy()
    decimals = np.where(point < 0, 0, pc.utf8_length(cells).to_numpy() - point - 1)
    table = np.where(is_plain, digits * _SCALE[decimals], 0)
    values: list[Any] = table.tolist()
    read = fast._read
    for at in np.flatnonzero(~is_plain).tolist():
        text = distinct_cells[at]
        value = values[at] = REFUSED if len(text) > MAX_CELL else _in_fen(read(name, text))
        if value.__class__ is int:
            table[at] = value
    return Coded(index, distinct_cells, values, table)


def _nothing(text: str) -> None:
    return None


def _in_fen(value: Any) -> Any:
    return value if value is BLANK or value is REFUSED else int(value * 100)


def _arrow(data: bytes, names: list[str]) -> Any:
    """Lines of CSV with no quote as an Arrow table of text columns, or None if a line is
    not as wide as the header."""
    try:
        return pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(
                column_names=names, use_threads=False, block_size=max(len(data), 1 << 16) + 1
            ),
            parse_options=pacsv.ParseOptions(quote_char=False, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None


def unread(reader: RowReader, header: str, text: str, first_row: int) -> RowReader:
    """A reader of some lines of the source through the row path, numbering them as the
    whole source does and sharing what the source's reader keeps (ids seen, problems,
    rows skipped, the ledger's hook)."""
    part = RowReader(
        reader.path, reader.model, reader.id_field, part=(header + text, first_row - 2),
        key=reader.key,
    )  # fmt: skip
    part.seen, part.problems, part.skipped = reader.seen, reader.problems, reader.skipped
    part.on_row, part.partial = reader.on_row, reader.partial
    part.keep, part.kept = reader.keep, reader.kept
    if reader._part is not None:
        part.keys = reader.keys
    return part


def decide(
    prepared: Prepared, reader: RowReader, columnar: Columnar, lines: Writer | None = None
) -> Iterator[tuple[list[Subject], list[Decision]]] | None:
    """The pipeline over columns, or None if the source is not for the columnar path (the
    caller then takes the row path). Given `lines`, the run's writer, JSON Lines, JSON and
    CSV are written to it as they are made, from columns where they can be
    (engine/columnar/lines.py), a workbook's rows are made from columns (book.py), and
    what is yielded is empty (a count of progress only)."""
    found = eligible(reader)
    if found is None:
        return None
    header, first = found
    book = None
    if type(lines) is XlsxWriter and _entries_taken(reader):
        book = BookRows(lines, TAKEN, reader.on_decisions if reader.on_row is not None else None)
    return _decide(prepared, reader, columnar, header, first, line_writer(reader, lines), book)


def line_writer(reader: RowReader, lines: Writer | None) -> Lines | None:
    """What writes the lines from columns, for a run's writer of JSON Lines, JSON or CSV,
    or a table of a view whose cells show values where they stand (and a recorded run's
    reader that takes ledger entries a stretch at a time); None: the decisions are handed
    on, or written one by one. A table keeps only the register's own columns (none where
    the columns are read: the header names only the contract's), the other formats all."""
    if type(lines) is TableWriter:
        if not tabled(lines.view):
            return None
    elif type(lines) not in (JsonLinesWriter, JsonWriter, CsvWriter) or reader.keep:
        return None
    if not _entries_taken(reader):
        return None
    record = reader.on_decisions if reader.on_row is not None else None
    return Lines(lines, record)  # type: ignore[arg-type]


def _entries_taken(reader: RowReader) -> bool:
    """Whether decisions made from columns can be recorded: a run not recorded, or one whose
    reader takes ledger entries (input rows, decisions) a stretch at a time."""
    return reader.on_row is None or (reader.on_rows is not None and reader.on_decisions is not None)


def _decide(
    prepared: Prepared,
    reader: RowReader,
    columnar: Columnar,
    header: str,
    first: int,
    writing: Lines | None,
    book: BookRows | None = None,
) -> Iterator[tuple[list[Subject], list[Decision]]]:
    kind, evaluator = prepared.kind, prepared.evaluator
    defaults = {
        name: (None if info.default is PydanticUndefined else info.default)
        for name, info in kind.model.model_fields.items()
    }
    cells = header.rstrip("\r\n").split(",")
    board = reader.register = register.Register(
        tuple(register.columns(reader.contract, cells, None)), (1,)
    )
    kept = reader.kept
    if reader.keep and board.extras:  # (a header of the contract's columns has none)
        writing = book = None

    def by_row_path(text: str, row: int) -> list[tuple[Subject, Decision]]:
        part = unread(reader, header, text, row)
        items = list(part)
        if part.stopped:
            reader.stopped = True
        pairs: list[tuple[Subject, Decision]] = []
        if items:
            for made in kind.build([items], prepared.as_of, prepared.params, reader.problem):
                if reader.keep:
                    made = [
                        replace(s, register=kept.pop(s.key)) if s.key in kept else s for s in made
                    ]
                pairs += zip(made, evaluator.decide(made), strict=True)
        return pairs

    key = reader.key or kind.id_field
    row = first
    for lines in blocks(reader, header):
        texts, starts = records(lines)
        found = columns(reader, header, texts)
        if found is None:
            TAKEN["blocks by the row path"] += 1
            yield from _emitted(by_row_path("".join(lines), row), writing)
            row += len(lines)
            if reader.stopped:
                return
            continue
        coded, aside = found
        ids = coded[key]
        slow = aside | ids.mapped(
            lambda v: not isinstance(v, str) or not register.subject_like(v), bool
        )
        for column in coded.values():
            slow |= column.refused()
        for name in reader.contract.required:
            if name in coded:
                slow |= coded[name].blank()
        numbers = row + np.array(starts, dtype=np.int64)
        block = Block(numbers, texts, coded, slow, defaults)
        decided = columnar(prepared, block)
        slow = decided.slow
        # In row order: the row path's rows (their ids counted as they come), each other
        # id checked once and unique. A recorded run's reader takes the other rows' ledger
        # input rows a stretch at a time (on_rows, as in budget.py).
        recorded, on_rows = reader.on_row is not None, reader.on_rows
        assert on_rows is not None or not recorded
        seen, keys = reader.seen, reader.keys
        keep_keys = reader._part is not None
        by_rows: dict[int, list[tuple[Subject, Decision]]] = {}
        flags = slow.tolist()
        idents = np.array(ids.values, dtype=object)[ids.index].tolist()
        normal, invisible = unicodedata.normalize, _INVISIBLE.search
        held: list[int] = []  # rows read, their ledger input rows not yet handed on
        for i, ident in enumerate(idents):
            if not flags[i]:
                same = ident if ident.isascii() else normal("NFC", ident)
                if same in seen or invisible(ident):
                    slow[i] = True
                else:
                    seen.add(same)
                    if keep_keys:
                        keys.append(same)
                    if recorded:
                        held.append(i)
                    continue
            if held:  # the rows before it first, in file order
                assert on_rows is not None
                on_rows(block.entries(held), len(held))
                held = []
            TAKEN["rows by the row path"] += 1
            by_rows[i] = by_row_path(texts[i], int(numbers[i]))
            if reader.stopped:
                break
        if held:
            assert on_rows is not None
            on_rows(block.entries(held), len(held))
        fast = np.flatnonzero(~slow)
        TAKEN["rows by columns"] += len(fast)
        rendered = writing.lines(decided, fast) if writing is not None else None
        if rendered is not None and writing is not None:
            made, entries = rendered
            TAKEN["rows written from templates"] += len(fast)
            _interleaved(writing, made, entries, fast, by_rows)
            yield [], []
        elif book is not None:  # a workbook's rows, made from templates
            kept_columns = (
                [(c.texts, c.index) for c in coded.values()] if reader.keep and coded else None
            )
            for i in sorted(by_rows):  # the columns laid out by the first subject, in order
                if book.writer.columns or (len(fast) and i > fast[0]):
                    break
                if by_rows[i]:
                    book.writer.layout(by_rows[i][0][0])
            items, entries = book.items(decided, fast, kept_columns, board)
            _interleaved(book, items, entries, fast, by_rows)
            yield [], []
        else:
            pairs: list[tuple[Subject, Decision]] = []
            slow_rows = sorted(by_rows)
            next_slow = 0
            # Each row's cells as written, kept beside its decision: made a column at a time.
            kept_rows: list[tuple[str, ...]] = [()] * len(texts)
            if reader.keep and coded:
                columns_written = [
                    list(map(c.texts.__getitem__, c.index.tolist())) for c in coded.values()
                ]
                kept_rows = list(zip(*columns_written, strict=True))
            for i in range(len(texts)):
                if next_slow < len(slow_rows) and slow_rows[next_slow] == i:
                    pairs += by_rows[i]
                    next_slow += 1
                elif not slow[i]:
                    subject, decision = decided.made(i)
                    if reader.keep:
                        written = kept_rows[i]
                        subject = replace(subject, register=register.RegisterRow(board, written))
                    pairs.append((subject, decision))
                if len(pairs) >= EMIT:
                    yield from _emitted(pairs, writing)
                    pairs = []
            yield from _emitted(pairs, writing)
        if reader.stopped:
            return
        row += len(lines)


def _interleaved(
    writing: Lines | BookRows,
    made: list[Any],
    entries: list[str] | None,
    fast: np.ndarray,
    by_rows: dict[int, list[tuple[Subject, Decision]]],
) -> None:
    """A block's lines made from columns (`made`, of the lines `fast`, and in a recorded
    run their ledger entries) written in file order with the row path's decisions between
    them (`by_rows`, by line)."""
    at = 0
    for i in sorted(by_rows):
        upto = int(np.searchsorted(fast, i))
        writing.write(made[at:upto], entries[at:upto] if entries is not None else None)
        at = upto
        for subject, decision in by_rows[i]:
            writing.decision(decision, subject)
    writing.write(made[at:], entries[at:] if entries is not None else None)


def _emitted(
    pairs: list[tuple[Subject, Decision]], writing: Lines | None
) -> Iterator[tuple[list[Subject], list[Decision]]]:
    """Pairs handed on (or, when the columnar path writes, written)."""
    if not pairs:
        return
    if writing is not None:
        for subject, decision in pairs:
            writing.decision(decision, subject)
        yield [], []
        return
    yield [s for s, _ in pairs], [d for _, d in pairs]


# Day numbers (date.toordinal) as whole columns: the civil-code year counts of engine/dates.py,
# in whole numbers as date.fromordinal counts them (the proleptic Gregorian calendar, and
# through year 0 and before as numpy counts; a test holds them to both).
_BEFORE = np.array([0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365], np.int64)


def _ymd_counted(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month and day of each day number (datetime's _ord2ymd over a column)."""
    n400, n = np.divmod(days - 1, 146097)
    n100, n = np.divmod(n, 36524)
    n4, n = np.divmod(n, 1461)
    n1, n = np.divmod(n, 365)
    last = (n1 == 4) | (n100 == 4)  # the 366th day of a leap year
    year = n400 * 400 + n100 * 100 + n4 * 4 + n1 + 1 - last
    leap = last | ((n1 == 3) & ((n4 != 24) | (n100 == 3)))
    n = np.where(last, 365, n)  # the day of the year, from 0
    month = (n + 50) >> 5  # the month, or the one after
    before = _BEFORE[month] + (leap & (month > 2))
    after = before > n
    month = month - after
    before = np.where(after, _BEFORE[month] + (leap & (month > 2)), before)
    return year, month, n - before + 1


def _month_start_counted(y: np.ndarray, m: np.ndarray) -> np.ndarray:
    """The day number of the first of each month (m may be 13: January of the next year)."""
    y = y + (m - 1) // 12
    m = (m - 1) % 12 + 1
    leap = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    p = y - 1
    found: np.ndarray = 365 * p + p // 4 - p // 100 + p // 400 + _BEFORE[m] + (leap & (m > 2)) + 1
    return found


class _Calendar:
    """Year, month and day of day numbers, and the first day of months, looked up in tables
    of the years FIRST to END (made at the first use, 0.6 MB); beyond them (an absent date's
    0, a year far off) counted by _ymd_counted and _month_start_counted. numpy's datetime64
    conversions, used before, took a twelfth of a worker's time on 1M parcels (16 of each a
    block); counting takes about half as long as they did, looking up about a fifteenth."""

    FIRST, END = 1900, 2101

    def __init__(self) -> None:
        self.base = date(self.FIRST, 1, 1).toordinal()
        self.packed = _EMPTY  # each day's year << 9 | month << 5 | day
        self.starts = _EMPTY  # the first day of each month, from January of FIRST

    def _made(self) -> None:
        y, m, d = _ymd_counted(np.arange(self.base, date(self.END, 1, 1).toordinal()))
        self.packed = y << 9 | m << 5 | d
        years = np.arange(self.FIRST, self.END)
        self.starts = _month_start_counted(np.repeat(years, 12), np.tile(_MONTHS, len(years)))

    def days(self, days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if not len(self.packed):
            self._made()
        at = days - self.base
        outside = (at < 0) | (at >= len(self.packed))
        beyond = outside.any()
        packed = self.packed.take(np.where(outside, 0, at) if beyond else at)
        y, m, d = packed >> 9, packed >> 5 & 15, packed & 31
        if beyond:
            for part, counted in zip((y, m, d), _ymd_counted(days[outside]), strict=True):
                part[outside] = counted
        return y, m, d

    def month_starts(self, y: np.ndarray, m: np.ndarray) -> np.ndarray:
        if not len(self.starts):
            self._made()
        at = (y - self.FIRST) * 12 + (m - 1)
        outside = (at < 0) | (at >= len(self.starts))
        if not outside.any():
            found: np.ndarray = self.starts.take(at)
            return found
        found = self.starts.take(np.where(outside, 0, at))
        found[outside] = _month_start_counted(y[outside], m[outside])
        return found


_EMPTY = np.zeros(0, dtype=np.int64)
_MONTHS = np.arange(1, 13)
_CALENDAR = _Calendar()
_ymd = _CALENDAR.days
_month_start = _CALENDAR.month_starts


def add_years(days: np.ndarray, years: int | np.ndarray) -> np.ndarray:
    """dates.add_years over a column: the same date `years` later, or the month's last day."""
    y, m, d = _ymd(days)
    y = y + years
    first = _month_start(y, m)
    length = _month_start(y, m + 1) - first
    found: np.ndarray = first + np.minimum(d, length) - 1
    return found


def full_from(days: np.ndarray, years: int) -> np.ndarray:
    """dates.full_from over a column."""
    return add_years(days, years) + 1


def full_years(start: np.ndarray, on: np.ndarray) -> np.ndarray:
    """dates.full_years over columns: full years from `start` to `on` (0 if none)."""
    years = _ymd(on)[0] - _ymd(start)[0]
    short = (years > 0) & (on < add_years(start, years) + 1)
    years = years - short
    return np.where(on <= start, 0, np.maximum(years, 0))


def signatures(
    terms: tuple[list[str], list[tuple[str, str, Any]], int],
    columns: dict[str, tuple[np.ndarray, np.ndarray]],
    rows: int,
) -> np.ndarray:
    """Each row's engine signature (durable_adapter.Engine.signature) as one row of bits:
    for each field, whether the row has it; for each comparison, its truth. `columns` gives
    each field's (present, values); a field no column gives is absent."""
    names, leaves, joins = terms
    assert not joins, "the columnar path does not join facts of other kinds"
    absent = (np.zeros(rows, dtype=bool), np.zeros(rows, dtype=np.int64))
    bits = [columns.get(name, absent)[0] for name in names]
    for name, op, value in leaves:
        present, values = columns.get(name, absent)
        bits.append(present & _compare(values, op, value))
    matrix = np.stack(bits, axis=1) if bits else np.zeros((rows, 0), dtype=bool)
    return np.packbits(matrix, axis=1)


def _compare(values: np.ndarray, op: str, value: Any) -> np.ndarray:
    if values.dtype == object:
        out = {
            "==": lambda: values == value,
            "!=": lambda: values != value,
            "<": lambda: values < value,
            "<=": lambda: values <= value,
            ">": lambda: values > value,
            ">=": lambda: values >= value,
        }[op]()
        return np.asarray(out, dtype=bool)
    return np.asarray(
        {
            "==": np.equal,
            "!=": np.not_equal,
            "<": np.less,
            "<=": np.less_equal,
            ">": np.greater,
            ">=": np.greater_equal,
        }[op](values, value),
        dtype=bool,
    )


def distinct(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first row of each distinct row of `keys` (2-D), and each row's distinct index,
    the distinct rows in the order of their bytes (as np.unique orders them viewed as
    bytes; it compared them byte by byte, twice as slow as sorting them as numbers)."""
    rows = keys.shape[0]
    if rows == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    data = np.ascontiguousarray(keys).view(np.uint8).reshape(rows, -1)
    width = data.shape[1]
    if width == 0:  # no keys: every row the same
        return np.zeros(1, dtype=np.int64), np.zeros(rows, dtype=np.int64)
    words = -(-width // 8)
    if width != words * 8:
        padded = np.zeros((rows, words * 8), dtype=np.uint8)
        padded[:, :width] = data
        data = padded
    # Each row as whole numbers of 8 bytes, big-endian: ordered as its bytes are.
    numbers = data.view(">u8").astype(np.uint64)
    if words == 1:
        _, first, inverse = np.unique(numbers[:, 0], return_index=True, return_inverse=True)
        return first, inverse.ravel()
    order = np.lexsort(numbers.T[::-1])  # stable: each row after the equal rows before it
    ranked = numbers[order]
    starts = np.ones(rows, dtype=bool)
    starts[1:] = (ranked[1:] != ranked[:-1]).any(axis=1)
    inverse = np.empty(rows, dtype=np.int64)
    inverse[order] = np.cumsum(starts) - 1
    return order[starts], inverse
