"""Reading input files of any kind: CSV (UTF-8 or GB18030), JSON Lines and XLSX, in batches.

Rows are validated one by one as they stream past, so memory stays flat; every problem is
collected (decisions.md IO1: nothing is lost silently) and the caller decides what to do
with a file that has any. Row numbers are those a spreadsheet shows: the header is row 1.
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import io
import itertools
import json
import math
import os
import re
import stat
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from . import fields, formats, register
from .conditions import closest
from .encoding import Encoding, encodable, file_encoding
from .errors import InputProblem
from .messages import Invalid, Message, msg, of_error
from .register import Column, Contract, Register, RegisterRow, Skipped

if TYPE_CHECKING:
    from . import sheets

# Bounds on what one file may hold, each a clear refusal rather than unbounded memory or
# time: a register row is well under a kilobyte, and a bureau's sheet under Excel's limit.
MAX_LINE = 1 << 20  # characters in a line (a JSON Lines row, a CSV line)
MAX_CELL = 10_000  # characters in a cell
MAX_COLUMNS = 200  # columns in a header
MAX_XLSX_BYTES = 256 << 20  # a workbook's contents, unpacked
MAX_XLSX_ROWS = 1_048_576  # Excel's own limit
csv.field_size_limit(MAX_LINE)


class _LineTooLong(Exception):
    """A line longer than MAX_LINE: reading stops there."""


_NONE: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Written:
    """A row of a register as written: its cells' text (for messages), those refused before
    the row was read (an amount implausible for its column's unit), and, to keep, its values
    as the register holds them."""

    register: Register
    cells: list[str]
    failed: frozenset[str]
    values: list[Any] | tuple[()]
    # Cells a range merged over several rows filled: each one's column and the range's first
    # row (a figure of several rows, shown on each, counted once).
    merged_from: tuple[tuple[int, int], ...] = ()

    def cell(self, field: str) -> str:
        found = self.register.of(field)
        return self.cells[found.index] if found is not None else ""


def bounded_lines(handle: IO[str], limit: int = MAX_LINE) -> Iterator[str]:
    """The lines of a text stream, none read whole if it is longer than `limit`."""
    while line := handle.readline(limit + 1):
        if len(line) > limit:
            raise _LineTooLong
        yield line


def header_first(
    path: Path, encoding: str, contract: Contract, header_row: int | None = None
) -> bool:
    """Whether the row path finds a CSV file's header on its first line: among the first
    records (register.HEADER_SEARCH, each numbered by the line it starts on, read as the
    row path reads them), the one naming the most of the contract's columns. False if one
    cannot be read (the row path reports it). Records, not lines: a quoted cell of many
    lines took the lines looked through, and a header further down was missed."""
    found: list[tuple[int, list[str]]] = []
    with path.open(encoding=encoding, errors="surrogateescape", newline="") as handle:
        records = csv.reader(bounded_lines(handle))
        row = 1
        try:
            for cells in itertools.islice(records, register.HEADER_SEARCH):
                found.append((row, cells))
                row = records.line_num + 1
        except (csv.Error, _LineTooLong):
            return False
    return register.find(contract, found, header_row) == (0, None)


class _Formatted:
    """A sheet's cells whose number format shows a unit (RowReader._formats_of), asked
    for row by row in order: for each column, the rows of its cells so formatted, what
    each shows (an index into `shown`), and how far they were walked. `alike`: the
    columns of measures read in one unit with each other."""

    def __init__(
        self,
        found: list[tuple[Column, Sequence[int], Sequence[int]]],
        shown: list[formats.Shown],
        alike: list[Column],
    ) -> None:
        self._found = [(column, rows, shows, [0]) for column, rows, shows in found]
        self._shown, self.alike = shown, alike

    def at(self, row: int) -> dict[Column, formats.Shown]:
        """The cells of a row so formatted (rows asked for in order), by column."""
        on = {}
        for column, rows, shows, walked in self._found:
            at = walked[0] = bisect.bisect_left(rows, row, walked[0])
            if at < len(rows) and rows[at] == row:
                on[column] = self._shown[shows[at]]
        return on


@dataclasses.dataclass
class _Held:
    """A subject's row read, held while a range merged over several rows fills its amount
    (`merged`: each such range, by its column and rows, and the field and text it gives);
    `subject`, its id as read (without the spaces around it)."""

    row: int
    subject: str
    raw: dict[str, Any]
    board: Register
    cells: list[str]
    failed: set[str]
    kept: list[Any]
    merged: dict[tuple[int, tuple[int, int]], tuple[str, str]]
    merged_from: tuple[tuple[int, int], ...]

    @property
    def last(self) -> int:
        """The last row of the ranges it waits on."""
        return max(rows[1] for _, rows in self.merged)

    def written(self) -> Written:
        failed = frozenset(self.failed)
        return Written(self.board, self.cells, failed, self.kept, self.merged_from)


class RowReader:
    """Streams (row number, validated model) pairs from a file, collecting every problem."""

    def __init__(
        self,
        path: Path,
        model: type[BaseModel],
        id_field: str | None,
        sheet: str | None = None,
        *,
        part: tuple[str, int] | None = None,
        records: tuple[list[str], list[tuple[int, list[str]]]] | None = None,
        rows: list[tuple[int, dict[str, Any]]] | None = None,
        key: str | None = None,
        header_row: int | None = None,
        keep: bool = False,
    ) -> None:
        """`part` reads a piece of the file instead of the file: its text (a CSV's header
        first) and the number to add to a row number within it to make the file's.
        `records` reads a CSV's header and some of its records, already split into cells
        and numbered (a worker's share of a change log), holding no undecodable byte.
        `rows` reads rows already named by the contract's columns (a recorded run's).
        `key` names the column of the subject's id (by default `id_field`, which also asks
        for each id once): an id is never made of invisible characters.
        `header_row` says which row of a CSV or sheet is its header (else it is found);
        `keep` keeps each row as the register wrote it (`kept`), to carry beside its
        decision."""
        self.path, self.model, self.id_field, self.sheet = path, model, id_field, sheet
        self.key = key or id_field
        self._part, self._records, self._rows = part, records, rows
        # Columns a parent read, handed to a worker (engine/columnar/budget.py: a log's part).
        self.given: Any = None
        # How the CSV file is decoded, if the run decided it already (file_encoding reads
        # it whole: a split run's parent decides before its workers, and surveys after).
        self.decided: Encoding | None = None
        self.header_row, self.keep = header_row, keep
        self.contract = Contract(model)
        self.register: Register | None = None  # a CSV's or sheet's header, once read
        self.kept: dict[str, RegisterRow] = {}  # with `keep`: each subject's row, by its id
        self.skipped: list[Skipped] = []  # rows that are no subject: totals, separators
        self.notes: list[Message] = []  # what the user should know of how the file was read
        self.stopped = False  # reading stopped at an unreadable CSV record
        self._clean = False  # known to hold no undecodable byte (a part, checked whole)
        # A sheet's number cells whose number format shows a unit (sheets.Layout.formatted).
        self._formatted: Mapping[int, tuple[Sequence[int], Sequence[int]]] = {}
        self._shown: list[formats.Shown] = []
        self._merged: list[Any] = []  # a sheet's merged ranges (sheets.Merged)
        self._handle: io.TextIOWrapper | None = None  # the open file, if read as text
        self.keys: list[str] = []  # the ids read, in order (a part's, to check across parts)
        self.on_row: Callable[[int, dict[str, Any]], None] | None = None  # e.g. the ledger
        # Rows handed on all at once, as entries on_row's owner makes them (the ledger's
        # input_entry), and their count: a columnar reader's way (columnar/budget.py).
        self.on_rows: Callable[[str, int], None] | None = None
        # Decisions a columnar reader wrote itself (engine/columnar/lines.py), as the ledger's
        # entries (ledger.decision_entry), and their count: it then yields none of them.
        self.on_decisions: Callable[[str, int], None] | None = None
        # What a refused row can still tell (Kind.partial): yielded in its place, if anything.
        self.partial: Callable[[dict[str, Any]], Any] | None = None
        self.problems: list[InputProblem] = []
        self.seen: set[str] = set()  # the ids read so far (NFC), each asked for once
        self._columns = self.contract.columns
        self._fast = fields.FastRow.of(model)

    def position(self) -> int:
        """About how many bytes of the file have been read (for a progress bar)."""
        handle = self._handle
        try:
            if handle is None or handle.closed:
                return 0
            return os.lseek(handle.fileno(), 0, os.SEEK_CUR)
        except (OSError, ValueError):
            return 0

    def problem(
        self, row: int, column: str, value: Any, expected: Message, whole: bool = False
    ) -> None:
        """Report a problem: the column is the contract's name (or "(row)", "(file)"...); it
        is shown as the file heads it, with the cell Excel names, and so is any column the
        message names. `whole`: the run is refused for it, --skip-invalid or not
        (InputProblem.whole)."""
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        register, header, cell = self.register, "", ""
        if register is not None:
            if column in self._columns:
                header = register.shown(column)
                cell = register.cell(column, row)
            expected = expected.naming(register.shown)
        header = header if header != column else ""
        self.problems.append(
            InputProblem(str(self.path), row, column, shown, expected, header, cell, whole)
        )

    def __iter__(self) -> Iterator[Any]:
        seen = self.seen
        for row, raw, written in self._raw_rows():
            if self.on_row is not None:
                self.on_row(row, raw)
            failed = written.failed if written is not None else frozenset()
            item = self._fast(raw) if self._fast is not None and not failed else None
            if item is None:
                try:
                    item = self.model.model_validate(raw)
                except ValidationError as exc:
                    for error in exc.errors():
                        self._report(row, raw, error, written)
                    item = None
                if item is None or failed:  # refused (a unit refused before the row was read)
                    known = self.partial(raw) if self.partial is not None else None
                    if known is not None:
                        yield row, known
                    continue
            if self.key is not None:
                key = getattr(item, self.key)
                if _INVISIBLE.search(key):
                    self.problem(row, self.key, key, msg("id_invisible"))
                    continue
            if self.id_field is not None:
                key = getattr(item, self.id_field)
                same = unicodedata.normalize("NFC", key)  # one id however it was composed
                if same in seen:
                    self.problem(row, self.id_field, key, msg("unique_id"))
                    continue
                seen.add(same)
                if self._part is not None:
                    self.keys.append(same)
                if self.keep and written is not None:
                    values = tuple(written.values)
                    self.kept[key] = RegisterRow(written.register, values, written.merged_from)
            yield row, item

    def batches(self, size: int) -> Iterator[list[tuple[int, Any]]]:
        """The rows, `size` at a time (the last batch may be smaller)."""
        batch: list[tuple[int, Any]] = []
        for item in self:
            batch.append(item)
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch

    def _report(self, row: int, raw: dict[str, Any], error: Any, written: Written | None) -> None:
        column, message = of_error(error)  # a check across columns names the column it blames
        if written is not None and column in written.failed:
            return  # its cell was refused already, for what it says
        value = written.cell(column) if written is not None else raw.get(column, "")
        self.problem(row, column or "(row)", value, message)

    def survey(self) -> list[Message]:
        """What reading the file's header notes (where it is, the register's own columns),
        without reading on."""
        rows = self._raw_rows()
        next(rows, None)
        rows.close()
        return self.notes

    def _raw_rows(self) -> Generator[tuple[int, dict[str, Any], Written | None], None, None]:
        if self._rows is not None:
            for row, raw in self._rows:
                yield row, raw, None
            return
        if self._part is None and self._records is None and not _regular(self.path):
            self.problem(0, "(file)", str(self.path), msg("regular_file"))
            return
        if self._records is not None:
            yield from self._records_rows()
            return
        suffix = self.path.suffix.lower()
        if suffix in (".jsonl", ".ndjson"):
            for row, raw in self._jsonl_rows():
                yield row, raw, None
        elif suffix in (".xlsx", ".xlsm"):
            yield from self._xlsx_rows()
        else:
            yield from self._csv_rows()

    def _undecodable(self, row: int, raw: dict[str, Any]) -> bool:
        """Bytes that are not UTF-8 were kept as surrogates: report each such cell."""
        try:  # the common case, checked at C speed: no surrogate anywhere in the row
            "\x00".join(v for v in raw.values() if isinstance(v, str)).encode("utf-8")
            return False
        except UnicodeEncodeError:
            pass
        bad = False
        for column, value in raw.items():
            if isinstance(value, str) and any("\udc80" <= ch <= "\udcff" for ch in value):
                shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                self.problem(row, column, shown, msg("utf8"))
                bad = True
        return bad

    def header(self, cells: list[str] | None, top: list[str] | None = None) -> list[Column] | None:
        """A header row's columns (with the group-label row above it, for a header of two
        rows), each the contract's column it names and the unit it gives, or the bureau's
        own; None (and the problems reported) if it is missing, undecodable, names a column
        twice or lacks a required one, or has a slip for a contract column."""
        row = self.register.rows[-1] if self.register is not None else 1
        if cells is None or not any(cell.strip() for cell in cells):
            self.problem(row, "(header)", "", msg("header_row"))
            return None
        written = [cell.strip() for cell in cells]
        above = [cell.strip() for cell in top] if top is not None else []
        while written and not written[-1] and (len(above) < len(written) or not above[-1]):
            written.pop()  # a spreadsheet's empty trailing header cells
            above = above[: len(written)]
        if len(above) > len(written):  # a group label over cells the row below leaves empty
            written += [""] * (len(above) - len(written))
        if len(written) > MAX_COLUMNS:
            self.problem(row, "(header)", "", msg("too_many_columns", limit=MAX_COLUMNS))
            return None
        if self._undecodable(row, {"(header)": ",".join([*written, *(top or [])])}):
            return None
        found = register.columns(self.contract, written, above if top is not None else None)
        return self._check_header(found, row)

    def column_of(self, header: list[str], name: str) -> int | None:
        """Where the header puts the contract's column `name` (under any alias), if anywhere."""
        found = [i for i, cell in enumerate(header) if self.contract.resolve(cell)[0] == name]
        return found[0] if len(found) == 1 else None

    def _check_header(self, found: list[Column], row: int) -> list[Column] | None:
        ok = True
        names: list[str] = []
        for column in found:
            shown = column.written
            if column.field is None:
                near = self.contract.near(shown) if shown else None
                if near is not None:  # a slip for a contract column, not a column of its own
                    ok = False
                    self.problem(row, shown, shown, msg("unknown_column", suggestion=repr(near)))
            elif column.field in names:
                ok = False
                self.problem(row, shown, shown, msg("column_twice"))
            elif column.unit in register.AREA_UNITS and column.field in self.contract.areas:
                ok = False
                wanted = self.contract.areas[column.field]
                said = msg("area_unit_label", wanted=wanted, column=shown, unit=column.unit)
                self.problem(row, shown, shown, said)
            elif column.unit == register.PER_MILLE:
                ok = False
                self.problem(row, shown, shown, msg("share_per_mille"))
            elif column.unit and column.field not in self.contract.amounts and column.unit != "%":
                ok = False
                self.problem(row, shown, shown, msg("unit_not_amount"))
            elif column.unit in register.MONEY_UNREAD:
                ok = False
                self.problem(row, shown, shown, msg("unit_unread"))
            if column.field is not None:
                names.append(column.field)
        for name in self.contract.required:
            if name not in names:
                ok = False
                self.problem(row, name, "", msg("required_column"))
        return found if ok else None

    def _no_rows(self) -> None:
        """The problems so far are the file's, its title's or its header's: no row is read,
        and the run is refused whole (InputProblem.whole), --skip-invalid or not."""
        self.problems[:] = [dataclasses.replace(p, whole=True) for p in self.problems]

    def _title_unit(self, board: Register, lines: list[tuple[int, str]]) -> Register | None:
        """The register with the unit of money its title states for all its figures
        (单位：万元、平方米; register.unit_statements) given to each amount column whose header
        gives none; None, the problem reported, where the title states two, one the cell
        grammar does not read (千元), or one for some columns only or in words not read
        (已投资额单位为万元; 单位：万元/亩): a bare number of such a column would otherwise be
        read as yuan. Likewise where it states a unit of area not an area column's own (亩
        over a parcel's 土地面积, kept in 平方米), unless the column's header names its own."""
        stated = [(row, line, st) for row, line in lines for st in register.unit_statements(line)]
        areas = [
            (row, line, unit)
            for row, line, st in stated
            if st.of in ("all", "areas")
            for unit in st.units
            if unit in register.AREA_UNITS
        ]
        wrong = self._areas_not_in(board, {unit for _, _, unit in areas})
        if wrong:
            row, line, unit = areas[0]
            wanted = self.contract.areas[wrong[0].field or ""]
            said = msg("title_area_unit", wanted=wanted, column=wrong[0].written, unit=unit)
            self.problem(row, "(title)", line, said)
            return None
        plain = [c for c in board.columns if c.field in self.contract.amounts and not c.unit]
        if not plain:
            return board
        for row, line in lines:
            for excepted in _EXCEPTED.finditer(register.said_plainly(line)):
                named = self._named(excepted.group(1) or excepted.group(2))
                if any(c.field in named for c in plain):  # 金额单位：万元（出让价款除外）
                    clause = excepted.group()
                    self.problem(row, "(title)", line, msg("title_unit_unclear", clause=clause))
                    return None
        for row, line, st in stated:
            if st.of == "columns" and (_money_not_yuan(st.units) or st.units == ("元",)):
                # 出让价款单位：万元 (or 元, beside 金额单位：万元): of the columns it names, if
                # they are the register's
                named = self._named(st.subject)
                given = [c for c in plain if c.field in named]
                if len(st.units) == 1 and None not in named:
                    unit = st.units[0]
                    if unit in register.MONEY_UNREAD:
                        self.problem(row, "(title)", line, msg("unit_unread"))
                        return None
                    if not given:
                        continue  # of columns the register has not, or gives a unit of
                    names = ", ".join(c.written for c in given)
                    self.notes.append(msg("title_unit", unit=unit, clause=st.clause, columns=names))
                    board = dataclasses.replace(
                        board,
                        columns=tuple(
                            dataclasses.replace(c, unit=unit) if c in given else c
                            for c in board.columns
                        ),
                    )
                    plain = [c for c in plain if c not in given]
                    continue
            if st.of == "unclear" or (st.of == "columns" and _money_not_yuan(st.units)):
                self.problem(row, "(title)", line, msg("title_unit_unclear", clause=st.clause))
                return None
        if not plain:
            return board
        money = [
            (row, line, unit, st.clause)
            for row, line, st in stated
            if st.of == "all"
            for unit in st.units
            if unit in register.MONEY_UNITS | register.MONEY_UNREAD
        ]
        if not money:
            return board
        row, line, unit, clause = money[0]
        money_units = list(dict.fromkeys(unit for _, _, unit, _ in money))
        if len(money_units) > 1:
            said = msg("title_units_differ", units="、".join(money_units))
            self.problem(row, "(title)", line, said)
            return None
        if unit in register.MONEY_UNREAD:
            self.problem(row, "(title)", line, msg("unit_unread"))
            return None
        if unit == "元":
            return board  # as a bare number is read
        names = ", ".join(c.written for c in plain)
        self.notes.append(msg("title_unit", unit=unit, clause=clause, columns=names))
        given = [dataclasses.replace(c, unit=unit) if c in plain else c for c in board.columns]
        return dataclasses.replace(board, columns=tuple(given))

    def _named(self, words: str) -> list[str | None]:
        """The contract's columns a list of headers names (出让价款、已投资额), None for
        each that names none."""
        return [self.contract.resolve(n)[0] for n in re.split("[、和及]", words)]

    def _areas_not_in(self, board: Register, units: set[str]) -> list[Column]:
        """The area columns whose own unit is none of `units` (units of area a title or a
        note states for the register), unless the header names it (面积（亩）)."""
        areas = self.contract.areas
        return [
            c
            for c in board.columns
            if units
            and c.field in areas
            and areas[c.field] not in units
            and areas[c.field] not in register.compact(c.written)
        ]

    def _percent_above(
        self, board: Register, above: list[tuple[int, list[str]]]
    ) -> Register | None:
        """The register with percent given to the shares a label over them states it for
        (比例（%） over 已开发面积比例, in the row above the header, taken for a title where it
        names no column with them: a bare 1 was read as 100%, where the bureau meant 1%).
        A label starts over a share and spans shares only (a title over the register, or a
        label over columns of the bureau's own, is none). None, the cell named, where a
        title states percent as the register's unit (单位：万元、%) while shares are read as
        shares."""
        shares = {c.index: c for c in board.columns if c.field in self.contract.shares}
        plain = [c for c in shares.values() if c.unit != "%"]
        if not plain or not above:
            return board
        for row, cells in above:
            for text in cells:
                if _PER_MILLE_STATED.search(text):
                    self.problem(row, "(title)", text, msg("share_per_mille"))
                    return None
                if _PERCENT_STATED.search(text):
                    said = msg("percent_above", text=text.strip(), column=plain[0].written)
                    self.problem(row, "(title)", text, said)
                    return None
        cells = above[-1][1]
        given = []
        for column in plain:
            at = column.index
            while 0 < at < len(cells) and (not cells[at].strip() or cells[at - 1] == cells[at]):
                at -= 1  # a merged label's text is in each of its cells; a CSV's in its first
            label = cells[at] if at < len(cells) else ""
            if not label.strip() or not all(i in shares for i in range(at, column.index + 1)):
                continue  # no label, or one spanning more than shares
            if register.in_per_mille(label):
                self.problem(above[-1][0], "(title)", label, msg("share_per_mille"))
                return None
            if register.in_percent(label):
                given.append(column)
        if not given:
            return board
        percent = [dataclasses.replace(c, unit="%") if c in given else c for c in board.columns]
        return dataclasses.replace(board, columns=tuple(percent))

    def _shown_as_formatted(
        self, texts: list[tuple[int, list[str]]], ahead: list[tuple[int, list[Any], Any]]
    ) -> Callable[[int, int], list[tuple[int, int, str, formats.Shown]]]:
        """The texts of the rows the header is looked for among (its title's, its own) as
        their cells' formats show them, where a format shows a unit beside a text: a header
        出让价款 formatted @"（万元）" reads 出让价款（万元） on the screen, and its prices were
        read as yuan; a title formatted @"（单位：万元）" states its unit so. A merged range
        shows its first cell's text in each of its cells. A text that states a unit itself
        is read as typed, until the header is found (出让价款(万元) formatted @"（万元）" named no
        column as 出让价款(万元)（万元））. Returned: what does the rest once the header's rows
        are known (`first`, `last`): a title's such text is read as shown (what it states,
        the title's reading holds to the rest); the header's is read as typed, and if its
        format shows another unit it is returned (its row, column, text, what is shown)."""
        at_row = {
            row: (cells, values) for (row, cells), (_, values, _) in zip(texts, ahead, strict=True)
        }
        merged = {(m.min_row, m.min_col - 1): m for m in self._merged}
        typed: list[tuple[int, int, str, formats.Shown, set[str]]] = []

        def show(row: int, index: int, value: str, shown: formats.Shown) -> None:
            made = formats.shown_text(shown.code, value)[: max(MAX_CELL, len(value))]
            at_row[row][0][index] = made
            spread = merged.get((row, index))
            if spread is not None:
                for r in range(spread.min_row, spread.max_row + 1):
                    for c in range(spread.min_col - 1, spread.max_col):
                        if r in at_row and c < len(at_row[r][1]) and at_row[r][1][c] == value:
                            at_row[r][0][c] = made

        for index in self._formatted:
            for row, (_, values) in at_row.items():
                shown = self._format_at(index, row) if index < len(values) else None
                value = values[index] if shown is not None else None
                if shown is None or value.__class__ is not str:
                    continue
                units = _units_stated(value)
                if units:
                    typed.append((row, index, value, shown, units))
                else:
                    show(row, index, value, shown)

        def rest(first: int, last: int) -> list[tuple[int, int, str, formats.Shown]]:
            clashes = []
            for row, index, value, shown, units in typed:
                if row < first:
                    show(row, index, value, shown)
                elif row <= last and shown.stored not in units:
                    clashes.append((row, index, value, shown))
            return clashes

        return rest

    def _formats_of(self, board: Register) -> _Formatted | None:
        """The cells whose number format shows a unit, of the columns whose unit it may
        contradict: the amounts, the areas, the measures read in one unit with each other
        (a developed and a total area), and the shares (not read in per mille)."""
        contract = self.contract
        held = contract.amounts | set(contract.areas) | contract.alike | contract.shares
        columns = [c for c in board.columns if c.field in held and c.index in self._formatted]
        if not columns:
            return None
        found = [(c, *self._formatted[c.index]) for c in columns]
        alike = [c for c in board.columns if c.field in contract.alike]
        return _Formatted(found, self._shown, alike)

    def _format_on_row(
        self, formatted: _Formatted, row: int, cells: list[str], filled: frozenset[int]
    ) -> bool:
        """Whether a subject's row has a cell its number format shows in a unit its column
        is not read in: 出让价款 read in yuan, formatted #,##0.00"万元" (4860 held, 4,860.00万元
        shown), or 出让价款（万元） formatted 0!.0,"万" (48600000 held); or measures read in
        one unit (已开发面积, 应开发总面积) not shown in one unit of area, the one formatted,
        the other not. The value would be read in the column's unit, and the cell shows
        another: the run is refused, the cell named. (A 合计 row is no subject: a total
        shown in 万元 under yuan is its own.)"""
        every = formatted.at(row)
        for column, shown in every.items():
            if shown.kind == "per_mille" and cells[column.index].strip():
                said = msg("share_per_mille_format", code=shown.code)
                self.problem(row, column.field or "", cells[column.index], said, whole=True)
                return True
        on = {c: s for c, s in every.items() if s.kind in ("money", "area")}
        for column, shown in on.items():
            field = column.field or ""
            if field in self.contract.alike:
                continue
            own = self.contract.areas.get(field) or column.unit or "元"
            if shown.stored != own:
                said = self._format_said(column, shown, own)
                self.problem(row, field, cells[column.index], said, whole=True)
                return True
        # The row's own (a merged range's lower cells have its value, not its format).
        alike = [c for c in formatted.alike if cells[c.index].strip() and c.index not in filled]
        shows = [on.get(c) for c in alike]
        stored = {s.stored if s is not None else "" for s in shows}
        if any(shows) and (len(stored) > 1 or not stored <= formats.AREAS):
            column = next(c for c, s in zip(alike, shows, strict=True) if s is not None)
            names = "、".join(c.written for c in alike)
            units = "、".join("—" if s is None else s.shown if s.stored else s.code for s in shows)
            said = msg("format_units_differ", columns=names, units=units)
            self.problem(row, column.field or "", cells[column.index], said, whole=True)
            return True
        return False

    def _format_said(self, column: Column, shown: formats.Shown, own: str) -> Message:
        """What a cell its number format shows in another unit than its column's should be."""
        code, stored = shown.code, shown.stored
        named = register.unit_apart(column.written)[0] or column.written
        header = f"{named}（{stored}）"
        if not stored:
            return msg("format_unit_unclear", code=code, unit=own)
        if column.field in self.contract.areas or not shown.read or shown.kind != "money":
            return msg("format_unit_other", code=code, shown=shown.shown, unit=own)
        if shown.scaled:
            return msg(
                "format_unit_scaled",
                code=code,
                shown=shown.shown,
                stored=stored,
                unit=own,
                header=header,
            )
        return msg("format_unit", code=code, stored=stored, unit=own, header=header)

    def _unit_below(self, board: Register, row: int, cells: list[str]) -> bool:
        """Whether a row below the header is a note stating units the rows are not read in
        (注：金额单位为万元, read too late: the rows above it were read already): a unit of
        money other than yuan over amount columns read in yuan (no unit in their header or
        title), or a unit of area not an area column's own. The run is refused. (A note
        stating the units the rows are read in is a row as any other.) So is one stating
        another unit of money (注：金额单位为元) than a title or a group label gave amount
        columns (单位：万元): which of the two is the register's cannot be told. A note is
        read as its cells' formats show it (注： formatted @"金额单位为万元")."""
        if self._formatted:
            cells = self._as_shown(row, cells)
        text = " ".join(dict.fromkeys(c.strip() for c in cells if c.strip()))
        stated = register.unit_statements(text) if text else []
        if not stated:
            return False
        amounts = [c for c in board.columns if c.field in self.contract.amounts]
        plain = any(not c.unit for c in amounts)
        # Read in the unit a title or a group label states (no unit in their own header).
        titled = [c for c in amounts if c.unit and not register.unit_apart(c.written)[1]]
        money_units = register.MONEY_UNITS | register.MONEY_UNREAD
        of_all: list[tuple[register.Units, set[str]]] = []  # the note's of all, their money
        for st in stated:
            areas = {u for u in st.units if u in register.AREA_UNITS and st.of != "columns"}
            wrong = self._areas_not_in(board, areas)
            if (plain and (st.of == "unclear" or _money_not_yuan(st.units))) or wrong:
                self.problem(
                    row, "(note)", text[:120], msg("unit_below", clause=st.clause), whole=True
                )
                return True
            money = {u for u in st.units if u in money_units}
            if st.of == "all" and money and not st.goes_on:
                of_all.append((st, money))
            elif st.of == "columns" and money:  # 出让价款单位为元, of the columns it names
                named = set(self._named(st.subject))
                other = [c for c in titled if c.field in named and c.unit not in money]
                if other:
                    return self._unit_below_other(row, text, st.clause, other)
        # Of all the note's clauses together: 金额单位为万元（保证金除外，单位：元） agrees.
        stated_all = set().union(*(money for _, money in of_all))
        other = [c for c in titled if stated_all and c.unit not in stated_all]
        if other:
            clause = next(st.clause for st, money in of_all if other[0].unit not in money)
            return self._unit_below_other(row, text, clause, other)
        return False

    def _unit_below_other(self, row: int, text: str, clause: str, other: list[Column]) -> bool:
        """A note stating another unit of money than the one amount columns were read in."""
        names = "、".join(c.written for c in other)
        said = msg("unit_below_other", clause=clause, unit=other[0].unit, columns=names)
        self.problem(row, "(note)", text[:120], said, whole=True)
        return True

    def _total_unit(self, board: Register, row: int, cells: list[str]) -> None:
        """A row of totals labelled with a unit of money (合计（元）) that is not the one an
        amount column is read in (出让价款（万元）): which of the two is the register's cannot
        be told. The run is refused, the label named."""
        read = [c for c in board.columns if c.field in self.contract.amounts]
        for text in cells:
            unit = register.unit_apart(text)[1]
            other = [c for c in read if unit and (c.unit or "元") != unit]
            if other:
                names = "、".join(c.written for c in other)
                said = msg("total_unit", unit=other[0].unit or "元", columns=names)
                self.problem(row, "(row)", text.strip(), said, whole=True)
                return

    def _format_at(self, index: int, row: int) -> formats.Shown | None:
        """What the format of a cell (column `index`, row `row`) shows, if it shows a unit
        or a percent (sheets.Layout.formatted)."""
        rows, shows = self._formatted.get(index, ((), ()))
        at = bisect.bisect_left(rows, row)
        return self._shown[shows[at]] if at < len(rows) and rows[at] == row else None

    def _in_percent_format(self, index: int, row: int) -> bool:
        """Whether a cell is formatted as a percent (0.25 shown 25%: it holds the share)."""
        shown = self._format_at(index, row)
        return shown is not None and shown.kind == "percent"

    def _as_shown(self, row: int, cells: list[str]) -> list[str]:
        """A row's cells as their formats' text sections show them, where one shows a unit."""
        shown = list(cells)
        for index in self._formatted:
            found = self._format_at(index, row) if index < len(shown) else None
            if found is not None and shown[index].strip():
                shown[index] = formats.shown_text(found.code, shown[index])
        return shown

    def _unit_on_row(
        self, board: Register, row: int, cells: list[str], stating: list[int], own: frozenset[int]
    ) -> bool:
        """Whether a row states a unit of money in one of the cells `stating` (a column of
        the bureau's own, an amount read in yuan): 万元 in a column 单位, 金额单位：万元 in a
        备注, 万元 under 出让价款 (a remark of the bureau's own mentioning 300余万元 states no
        unit). The amounts in yuan were not, or are not, in yuan: the run is refused."""
        for index in stating:
            cell = cells[index] if index < len(cells) else ""
            if not ("元" in cell or "萬" in cell):
                continue
            if register.states_money(cell) if index in own else register.mentions_money(cell):
                column = next((c for c in board.columns if c.index == index), None)
                shown = column.written if column is not None else str(index + 1)
                self.problem(row, shown, cell, msg("unit_on_row"), whole=True)
                return True
        return False

    def _units_row(self, board: Register, row: int, cells: list[str]) -> bool:
        """Whether a row below the header holds units alone (万元 under 出让价款, 平方米 under
        土地面积: a header's second row of units). One naming a unit other than a column's
        own (万元 over a price read in yuan) refuses the run: a bare number would be read in
        the unit its header gives."""
        written = [(i, register.compact(c).strip("()")) for i, c in enumerate(cells) if c.strip()]
        units = register.MONEY_UNITS | register.MONEY_UNREAD | register.AREA_UNITS
        said = fields.SAID
        if not written or not all(said.get(u, u) in units for _, u in written):
            return False
        for index, unit in written:
            unit = said.get(unit, unit)
            column = next((c for c in board.columns if c.index == index), None)
            if column is None or column.field is None:
                continue
            own = column.unit or "元" if column.field in self.contract.amounts else None
            own = self.contract.areas.get(column.field, own)
            if own is not None and unit != own:
                shown = column.written
                self.problem(row, shown, cells[index], msg("units_row", unit=own), whole=True)
                break
        text = " ".join(c for c in cells if c.strip())
        self.skipped.append(Skipped(row, "separator", text[:80]))
        return True

    def _tabular(
        self, records: Iterator[tuple[int, list[Any], frozenset[int]]], *, fixed: bool = False
    ) -> Iterator[tuple[int, dict[str, Any], Written | None]]:
        """Rows of a table (CSV or a sheet) as contract-named dicts: the header found among
        the first rows (or the first row, `fixed`, for a piece of a file whose first line
        is its header), then each row that is a subject. Each record is its number, its
        cells (text, or a sheet's values) and which of them a merged range filled."""
        ahead = list(itertools.islice(records, 1 if fixed else register.HEADER_SEARCH))
        texts = [(row, [_cell(v, sheet=True) for v in cells]) for row, cells, _ in ahead]
        shown_rest = self._shown_as_formatted(texts, ahead) if self._formatted else None
        if not texts:
            self.problem(1, "(header)", "", msg("header_row"))
            self._no_rows()
            return
        index, top = (0, None) if fixed else register.find(self.contract, texts, self.header_row)
        rows = tuple(texts[i][0] for i in (top, index) if i is not None)
        clashes = shown_rest(rows[0], rows[-1]) if shown_rest is not None else []
        for row, at, text, showing in clashes:
            cell = f"{_letter(at)}{row}"
            said = msg("format_header_unit", cell=cell, code=showing.code, shown=showing.shown)
            self.problem(row, "(header)", text, said)
        if clashes:
            self._no_rows()
            return
        workbook = self.path.suffix.lower() in (".xlsx", ".xlsm")
        self.register = Register((), rows, workbook)
        found = self.header(texts[index][1], texts[top][1] if top is not None else None)
        if found is None:
            self._no_rows()
            return
        board = self.register = Register(tuple(found), rows, workbook)
        first = top if top is not None else index
        above = [
            " ".join(c for i, c in enumerate(cells) if c.strip() and i not in ahead[n][2])
            for n, (_, cells) in enumerate(texts[:first])
        ]
        lines = []  # what may state the register's units: its title, its own headers
        if not fixed and rows != (1,):
            title = "; ".join(t for t in above if t)[:120]
            self.notes.append(msg("header_found", rows="-".join(map(str, rows)), title=title))
            lines = [(texts[n][0], t) for n, t in enumerate(above)]
        # 备注（金额单位：万元）, 单位：万元: a header of the bureau's own stating the units
        lines += [(rows[-1], c.written) for c in board.extras if register.header_states(c.written)]
        if lines:
            titled = self._title_unit(board, lines)
            if titled is None:
                self._no_rows()
                return
            board = self.register = titled
        labelled = self._percent_above(board, texts[:first])
        if labelled is None:
            self._no_rows()
            return
        board = self.register = labelled
        if board.extras:
            names = ", ".join(c.written or c.letter for c in board.extras)
            if self.keep:
                self.notes.append(msg("columns_kept", columns=names))
            else:
                self.notes.append(msg("columns_ignored", columns=names))
        width = len(board.columns)
        contract = [(c.index, c.field, c.unit) for c in board.columns if c.field is not None]
        # Cells that may state a unit on a row (a column 单位 of 万元, a 备注 of 金额单位：万元,
        # 万元 under 出让价款): looked at where an amount column is read in yuan.
        in_yuan = [
            c.index for c in board.columns if c.field in self.contract.amounts and not c.unit
        ]
        stating = [c.index for c in board.extras] + in_yuan if in_yuan else []
        own = frozenset(c.index for c in board.extras)
        figures = self.contract.own_figures
        text_columns = {c.index for c in board.columns if c.field in self.contract.texts}
        key = board.of(self.id_field or self.contract.required[0])
        key_index = key.index if key is not None else -1
        rest = itertools.chain(ahead[index + 1 :], records)
        formatted = self._formats_of(board) if self._formatted else None
        # A subject whose amount a range merged over several rows fills waits until the
        # range ends: if no other subject's row is in it, it is read as it was; if one is,
        # both are refused (`bundles`), and the range's later subjects too. A log's rows
        # are a subject's events: another row of the same subject (a project's next change)
        # waits with it; a row of another subject is another subject's.
        held: list[_Held] = []
        bundles: set[tuple[int, tuple[int, int]]] = set()
        for row, values, filled in rest:
            for waiting in [w for w in held if w.last < row] if held else ():
                held.remove(waiting)
                yield waiting.row, waiting.raw, waiting.written()
            cells = (
                [_cell(v, i not in text_columns, sheet=True) for i, v in enumerate(values)]
                if workbook
                else values
            )
            if filled:
                if not "".join(c for i, c in enumerate(cells) if i not in filled).strip():
                    continue  # a blank line is not a row (what a merged range fills is not)
            elif not "".join(cells).strip():
                continue  # a blank line is not a row
            short = len(cells) < width and not workbook  # a sheet leaves empty cells out
            if short or (len(cells) > width and "".join(cells[width:]).strip()):
                if self._unit_below(board, row, cells):  # a note's line: 注：金额单位为万元
                    self.skipped.append(Skipped(row, "separator", " ".join(cells).strip()[:80]))
                    continue
                self.problem(
                    row,
                    "(row)",
                    ",".join(cells)[:200],
                    msg("cell_count", cells=width, found=len(cells)),
                )
                continue
            if len(cells) < width:
                cells = [*cells, *([""] * (width - len(cells)))]
            named = cells[key_index] if 0 <= key_index < len(cells) else ""
            if not named.strip() and self._units_row(board, row, cells):
                continue
            if stating and self._unit_on_row(board, row, cells, stating, own):
                continue
            noted = (
                not named.strip()
                or "单位" in named
                or register.noted(named)
                or ("元" in named and register.mentions_money(named))
            )
            if noted and self._unit_below(board, row, cells):
                self.skipped.append(Skipped(row, "separator", " ".join(cells).strip()[:80]))
                continue
            if not register.subject_like(named) or key_index in filled:
                skipped = register.label(cells, filled, board, self.id_field or self.key)
                if skipped is not None:
                    self.skipped.append(dataclasses.replace(skipped, row=row))
                    if skipped.reason == "separator":
                        self._unit_below(board, row, cells)
                    elif skipped.reason == "total":
                        self._total_unit(board, row, cells)
                    continue
            if formatted is not None and self._format_on_row(formatted, row, cells, filled):
                formatted = None  # the run is refused, its first such cell named; the row
                # is read on, as any other (a merged range's, a project's next change)
            if max(map(len, cells[:width])) > MAX_CELL:
                for column in board.columns:
                    if len(cells[column.index]) > MAX_CELL:
                        shown = column.field or column.written
                        self.problem(row, shown, "", msg("cell_too_long", limit=MAX_CELL))
                continue
            raw: dict[str, Any] = {}
            failed = set()
            tall = getattr(filled, "tall", None)
            merged: dict[tuple[int, tuple[int, int]], tuple[str, str]] = {}
            for position, field, unit in contract:
                text = cells[position].strip()
                if tall and field in figures and text and self._bundled(tall, position, key_index):
                    merged[(position, tall[position])] = (field, text)
                if unit and text:
                    try:
                        if unit != "%":
                            text = fields.in_header_unit(text, unit)
                        elif not self._in_percent_format(position, row):
                            text = fields.in_percent(text)  # 25 under 已开发面积比例（%）
                    except Invalid as exc:
                        failed.add(field)
                        self.problem(row, field, text, exc.message)
                        continue
                raw[field] = text
            if not self._clean and self._undecodable_cells(row, board, cells):
                continue
            merged_from: tuple[tuple[int, int], ...] = ()
            if self.keep:
                values = [*values[:width], *([None] * (width - len(values)))]
                if tall:  # a range's one figure, on each of its rows
                    merged_from = tuple(
                        (i, first) for i, (first, _) in sorted(tall.items()) if i < width
                    )
            # A range whose first row is above and no subject (a 合计 or 小计 merged down
            # into the next rows) gives that row's amount: refused.
            for span in [s for s in merged if s[1][0] < row and s not in bundles]:
                if not any(span in waiting.merged for waiting in held):
                    field, text = merged.pop(span)
                    failed.add(field)
                    raw.pop(field, None)
                    self.problem(row, field, text, msg("merged_from", row=span[1][0]))
            if not merged:  # all but a few rows of a few workbooks
                yield (
                    row,
                    raw,
                    Written(
                        board, cells, frozenset(failed), values if self.keep else (), merged_from
                    ),
                )
                continue
            kept = values if self.keep else []
            subject = named.strip()  # as the id is read
            this = _Held(row, subject, raw, board, cells, failed, kept, merged, merged_from)
            others = [waiting for waiting in held if waiting.merged.keys() & merged.keys()]
            alone = (
                all(w.subject == subject for w in others) if self.id_field is None else not others
            )
            if alone and not bundles & merged.keys():
                held.append(this)  # the first subject in the range: wait
                continue
            bundles |= merged.keys()
            for refused in [*others, this]:
                if refused is not this:
                    held.remove(refused)
                for span, (field, text) in refused.merged.items():
                    if span in bundles:
                        refused.failed.add(field)
                        refused.raw.pop(field, None)
                        self.problem(refused.row, field, text, msg("merged_amount"))
                yield refused.row, refused.raw, refused.written()
        for waiting in held:
            yield waiting.row, waiting.raw, waiting.written()

    def _bundled(self, tall: dict[int, tuple[int, int]], position: int, key: int) -> bool:
        """Whether a row's cell is of a range merged over several rows that may not be one
        subject's (its id is not merged over the same rows): an amount there would be given
        whole to each (a price of parcels sold together, a change of two projects)."""
        span = tall.get(position)
        return span is not None and tall.get(key) != span

    def _undecodable_cells(self, row: int, board: Register, cells: list[str]) -> bool:
        """Bytes that are not UTF-8, kept as surrogates: each such cell reported."""
        try:  # the common case, checked at C speed: no surrogate anywhere in the row
            "\x00".join(cells).encode("utf-8")
            return False
        except UnicodeEncodeError:
            return self._undecodable(
                row, {c.field or c.written: cells[c.index] for c in board.columns}
            )

    def _csv_rows(self) -> Iterator[tuple[int, dict[str, Any], Written | None]]:
        if self._part is not None:
            text, offset = self._part
            self._clean = encodable(text)
            lines = bounded_lines(io.StringIO(text, newline=""))
            records = self._csv_records(csv.reader(lines), offset)
            yield from self._tabular(
                ((row + offset if row > 1 else row, c, _NONE) for row, c in records), fixed=True
            )
            return
        decided = self.decided or file_encoding(self.path)
        if decided.mixed is not None:
            utf8, other = decided.mixed
            self.problem(0, "(file)", self.path.name, msg("mixed_encoding", utf8=utf8, other=other))
            return
        with self.path.open(encoding=decided.name, errors="surrogateescape", newline="") as handle:
            self._handle = handle
            records = self._csv_records(csv.reader(bounded_lines(handle)))
            yield from self._tabular((row, cells, _NONE) for row, cells in records)

    def _records_rows(self) -> Iterator[tuple[int, dict[str, Any], Written | None]]:
        assert self._records is not None
        header, records = self._records
        self._clean = True
        rows = [(1, header, _NONE), *((row, cells, _NONE) for row, cells in records)]
        yield from self._tabular(iter(rows), fixed=True)

    def _csv_records(self, reader: Any, offset: int = 0) -> Iterator[tuple[int, list[str]]]:
        """The records, each with its row number within the text read; a problem is named
        by the file's row (`offset`: a piece's rows after the header start that much later)."""

        def in_file(row: int) -> int:
            return row + offset if row > 1 else row

        row = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self.stopped = True
                self.problem(in_file(row), "(row)", "", msg("csv_row", reason=exc))
                return
            except _LineTooLong:
                self.stopped = True
                at = in_file(reader.line_num + 1)
                self.problem(at, "(row)", "", msg("line_too_long", limit=MAX_LINE))
                return
            yield row, cells
            row = reader.line_num + 1  # where the next record starts, even over line breaks

    def _xlsx_rows(self) -> Iterator[tuple[int, dict[str, Any], Written | None]]:
        try:
            with zipfile.ZipFile(self.path) as archive:
                unpacked = sum(item.file_size for item in archive.infolist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            self.problem(0, "(file)", self.path.name, msg("xlsx", reason=exc))
            return
        if unpacked > MAX_XLSX_BYTES:
            size, limit = unpacked >> 20, MAX_XLSX_BYTES >> 20
            self.problem(0, "(file)", self.path.name, msg("xlsx_too_large", limit=limit, size=size))
            return
        from . import sheets  # here: a run that reads no workbook does not import openpyxl

        try:
            book = sheets.open_book(self.path)
        except Exception as exc:
            self.problem(0, "(file)", self.path.name, msg("xlsx", reason=exc))
            return
        try:
            if self.sheet is not None and self.sheet not in book.sheetnames:
                self.problem(
                    0,
                    "(sheet)",
                    self.sheet,
                    msg("sheet", sheets=", ".join(book.sheetnames)),
                )
                return
            sheet = book[self.sheet] if self.sheet is not None else book.worksheets[0]
            try:
                shared = getattr(sheet, "_shared_strings", None) or ()
                layout = sheets.layout(sheet, formats.format_units(book), shared)
            except Exception as exc:
                self.problem(0, "(file)", self.path.name, msg("xlsx", reason=exc))
                return
            self._formatted, self._shown = layout.formatted, layout.shown
            self._merged = layout.merged
            yield from self._tabular(self._sheet_records(sheet, layout.merged))
        finally:
            book.close()

    def _sheet_records(
        self, sheet: Any, merged: list[sheets.Merged]
    ) -> Iterator[tuple[int, list[Any], frozenset[int]]]:
        from . import sheets

        rows = self._readable(sheet.iter_rows(values_only=True))
        for number, (values, filled) in enumerate(sheets.filled(rows, merged), start=1):
            if number > MAX_XLSX_ROWS:
                self.problem(number, "(row)", "", msg("xlsx_too_many_rows", limit=MAX_XLSX_ROWS))
                return
            yield number, values[: MAX_COLUMNS + 1], filled

    def _readable(self, rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
        """A sheet's rows until one openpyxl cannot read (a cell whose stored value is not
        of its type: a number cell holding text, a date cell holding 2012-13-45, a shared
        text that is not there): a problem, naming the last row read, and reading stops.
        Each text as Excel shows it (sheets.unescaped); a number in a date's format that is
        no date (20120831) as the number, where openpyxl warned and read '#VALUE!'."""
        from . import sheets

        number = 0
        while True:
            try:
                with warnings.catch_warnings(record=True) as warned:
                    warnings.simplefilter("always")
                    values = next(rows)
                if warned:
                    values = sheets.numbers_kept(values, warned)
            except StopIteration:
                return
            except Exception as exc:  # openpyxl's own, of any kind
                # Not numbered: a sheet leaves its empty rows out, and openpyxl had not
                # yet said which row it was reading.
                self.stopped = True
                shown = str(exc)[:120] or type(exc).__name__
                said = msg("xlsx_row", row=number, reason=shown) if number else None
                said = said or msg("xlsx_first_row", reason=shown)  # no "below row 0"
                self.problem(0, "(sheet)", "", said)
                return
            number += 1
            if any(value.__class__ is str and "_x" in value for value in values):
                values = tuple(
                    sheets.unescaped(value) if value.__class__ is str else value for value in values
                )
            yield values

    def _jsonl_rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        if self._part is not None:
            text, offset = self._part
            handle: IO[str] = io.StringIO(text)
        else:
            handle = self._handle = self.path.open(encoding="utf-8-sig", errors="surrogateescape")
            offset = 0
        texts = self.contract.texts  # (keys are the contract's names)
        with handle:
            lines = bounded_lines(handle)
            row = offset
            while True:
                row += 1
                try:
                    line = next(lines)
                except StopIteration:
                    break
                except _LineTooLong:
                    self.stopped = True
                    self.problem(row, "(line)", "", msg("line_too_long", limit=MAX_LINE))
                    break
                if not line.strip():
                    continue
                if self._undecodable(row, {"(line)": line.strip()[:80]}):
                    continue
                try:
                    raw = json.loads(line, object_pairs_hook=_unique_keys)
                except (ValueError, RecursionError) as exc:
                    if isinstance(exc, Invalid):  # a key given twice
                        self.problem(row, "(line)", line.strip()[:80], exc.message)
                        continue
                    reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)[:80]
                    expected = msg("json_object_reason", reason=reason)
                    self.problem(row, "(line)", line.strip()[:80], expected)
                    continue
                if not isinstance(raw, dict):
                    self.problem(row, "(line)", line.strip()[:80], msg("json_object"))
                    continue
                if not encodable(json.dumps(raw, ensure_ascii=False)):  # a lone \ud800 escape
                    shown = line.strip()[:80].encode("utf-8", "replace").decode("utf-8")
                    self.problem(row, "(line)", shown, msg("utf8"))
                    continue
                fine = True
                for name, value in raw.items():
                    if name not in self._columns:
                        fine = False
                        near = closest(name, self._columns)
                        self.problem(
                            row,
                            name,
                            value,
                            msg("unknown_key_suggest", suggestion=repr(near))
                            if near
                            else msg("unknown_key"),
                        )
                    elif isinstance(value, dict | list):
                        fine = False
                        self.problem(row, name, value, msg("scalar"))
                    elif name in texts and isinstance(value, float) and not math.isfinite(value):
                        fine = False  # (Python's json reads them: a holder 'nan', an id 'inf')
                        self.problem(row, name, value, msg("json_finite"))
                if fine:
                    yield (
                        row,
                        {
                            k: v
                            if v is None or isinstance(v, bool)
                            else str(v)
                            if k in texts  # an id, a name: its text as it was (1e+16)
                            else _cell(v)  # a number as a workbook's cell gives it
                            for k, v in raw.items()
                        },
                    )


# What no id may hold: characters that do not show (format characters such as a zero-width
# space or a byte-order mark, controls, separators other than a plain space, private use).
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff0-\ufffb\ue000-\uf8ff]"
)


def _regular(path: Path) -> bool:
    """Whether the path is a regular file: a directory, a pipe or a device never is read."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise Invalid("key_twice", keys=", ".join(repeated))
    return dict(pairs)


def _money_not_yuan(units: tuple[str, ...]) -> bool:
    """Whether units stated name a unit of money other than yuan (万元, 千元)."""
    return any(u in register.NOT_YUAN for u in units)


# A title stating percent as a unit of the register's: 单位：万元、平方米、%, 计量单位：%
# (a list of units; not 填报单位：XX县国土资源局 … 完成率95%).
_PERCENT_STATED = re.compile(r"单位\s*[:：]\s*(?:[^\s、，,;；。:：%％]{1,6}\s*[、，,]\s*)*[%％]")
# A title stating per mille as a unit of the register's or of its shares: 比例单位：‰.
_PER_MILLE_STATED = re.compile(
    r"(?:^|[\s,，;；。(（])(?:比例单位|单位|比例)\s*[:：]\s*(?:[^\s、，,;；。:：‰]{1,6}\s*[、，,]\s*)*"
    r"(?:‰|千分[比数率])(?=$|[\s、，,;；。)）])"
)


def _units_stated(text: str) -> set[str]:
    """The units a header or a title states: 出让价款（万元）, 出让价款(万), 面积（㎡）,
    单位：万元、平方米."""
    units = {unit for st in register.unit_statements(text) for unit in st.units}
    units.add(register.unit_apart(text)[1])
    if register.in_percent(text):  # 已开发面积比例（%）
        units.add("%")
    units.discard("")
    return units


# Columns a title excepts from its unit: 金额单位：万元（出让价款除外）.
_EXCEPTED = re.compile(
    r"(?:其中|但)?(?:除([^\s,，;；。.:：()\[\]【】除外]+?)(?:一栏|一列|栏|列)?外"
    r"|([^\s,，;；。.:：()\[\]【】除]+?)(?:一栏|一列|栏|列)?(?:均|都)?除外)"
)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter  # a workbook's: openpyxl is loaded

    return str(get_column_letter(index + 1))


def _cell(value: Any, written: bool = True, sheet: bool = False) -> str:
    """A spreadsheet cell as the text a CSV would hold (a number in exponent form written
    out, but in a column of the contract's texts: _written). A sheet's number (`sheet`) as
    Excel shows it, to 15 digits: a formula's 4246.110000000001 is the 4246.11 it shows
    (a number typed into a cell has no more; a JSON number keeps its digits)."""
    if value.__class__ is str:
        return str(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if sheet and math.isfinite(value):
            value = float(f"{value:.15g}")
        if value.is_integer() and abs(value) < (WHOLE_EXACT if written else WHOLE_AT_MOST):
            return str(int(value))  # 3.0 is 3 (a day count), -0.0 is 0
        return _written(value) if written else repr(value)
    return str(value)


def _written(value: Any) -> str:
    """A value as its text, a number stored in exponent form (1e-05, JSON's and Python's
    shortest digits of 0.00001) written out as a cell writes it, if that is short (a
    number of hundreds of digits, 5e-324, kept so: no field takes it)."""
    shown = str(value)
    if value.__class__ is float and "e" in shown and math.isfinite(value):
        out = format(Decimal(shown), "f")
        return out if len(out) <= WRITTEN_OUT else shown
    return shown


WRITTEN_OUT = 30  # characters of a number written out, at most
WHOLE_AT_MOST = 1e30  # a whole float beyond it keeps its exponent form (1e+308)
# A whole float read as its integer's digits below here; from here Python writes a float in
# exponent form, and its shortest digits are written out (1.5e25 is 15000000000000000000000000,
# not its binary value's 15000000000000000285212672).
WHOLE_EXACT = 1e16
