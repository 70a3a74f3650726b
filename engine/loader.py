"""Reading input files of any kind: CSV (UTF-8 or GB18030), JSON Lines and XLSX, in batches.

Rows are validated one by one as they stream past, so memory stays flat; every problem is
collected (decisions.md IO1: nothing is lost silently) and the caller decides what to do
with a file that has any. Row numbers are those a spreadsheet shows: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import openpyxl
from pydantic import BaseModel, ValidationError

from . import fields
from .conditions import closest
from .errors import InputProblem
from .messages import Invalid, Message, msg, of_error

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


def bounded_lines(handle: IO[str], limit: int = MAX_LINE) -> Iterator[str]:
    """The lines of a text stream, none read whole if it is longer than `limit`."""
    while line := handle.readline(limit + 1):
        if len(line) > limit:
            raise _LineTooLong
        yield line


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
    ) -> None:
        """`part` reads a piece of the file instead of the file: its text (a CSV's header
        first) and the number to add to a row number within it to make the file's.
        `records` reads a CSV's header and some of its records, already split into cells
        and numbered (a worker's share of a change log), holding no undecodable byte.
        `rows` reads rows already named by the contract's columns (a recorded run's).
        `key` names the column of the subject's id (by default `id_field`, which also asks
        for each id once): an id is never made of invisible characters."""
        self.path, self.model, self.id_field, self.sheet = path, model, id_field, sheet
        self.key = key or id_field
        self._part, self._records, self._rows = part, records, rows
        self.stopped = False  # reading stopped at an unreadable CSV record
        self._clean = False  # known to hold no undecodable byte (a part, checked whole)
        self._handle: io.TextIOWrapper | None = None  # the open file, if read as text
        self.keys: list[str] = []  # the ids read, in order (a part's, to check across parts)
        self.on_row: Callable[[int, dict[str, Any]], None] | None = None  # e.g. the ledger
        self._aliases: dict[str, str] = getattr(model, "COLUMN_ALIASES", {})
        self._amounts = {n for n, f in model.model_fields.items() if "Decimal" in str(f.annotation)}
        self.problems: list[InputProblem] = []
        self._columns = list(model.model_fields)
        self._required = [n for n, f in model.model_fields.items() if f.is_required()]
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

    def problem(self, row: int, column: str, value: Any, expected: Message) -> None:
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        self.problems.append(InputProblem(str(self.path), row, column, shown, expected))

    def __iter__(self) -> Iterator[Any]:
        seen: set[str] = set()
        for row, raw in self._raw_rows():
            if self.on_row is not None:
                self.on_row(row, raw)
            item = self._fast(raw) if self._fast is not None else None
            if item is None:
                try:
                    item = self.model.model_validate(raw)
                except ValidationError as exc:
                    for error in exc.errors():
                        self._report(row, raw, error)
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

    def _report(self, row: int, raw: dict[str, Any], error: Any) -> None:
        column, message = of_error(error)  # a check across columns names the column it blames
        self.problem(row, column or "(row)", raw.get(column, ""), message)

    def _raw_rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        if self._rows is not None:
            yield from self._rows
            return
        if self._part is None and self._records is None and not _regular(self.path):
            self.problem(0, "(file)", str(self.path), msg("regular_file"))
            return
        if self._records is not None:
            header, records = self._records
            self._clean = True
            yield from self._tabular(iter([(1, header), *records]))
            return
        suffix = self.path.suffix.lower()
        if suffix in (".jsonl", ".ndjson"):
            yield from self._jsonl_rows()
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

    def header(self, cells: list[str] | None) -> list[tuple[str, str]] | None:
        """A header row's columns as the contract names them, with the unit each gives; None
        (and the problems reported) if it is missing, undecodable or names wrong columns."""
        if cells is None or not any(cell.strip() for cell in cells):
            self.problem(1, "(header)", "", msg("header_row"))
            return None
        written = [cell.strip() for cell in cells]
        while written and not written[-1]:
            written.pop()  # a spreadsheet's empty trailing header cells
        if len(written) > MAX_COLUMNS:
            self.problem(1, "(header)", "", msg("too_many_columns", limit=MAX_COLUMNS))
            return None
        if self._undecodable(1, {"(header)": ",".join(written)}):
            return None
        return self._check_header(written)

    def column_of(self, header: list[str], name: str) -> int | None:
        """Where the header puts the contract's column `name` (under any alias), if anywhere."""
        found = [i for i, cell in enumerate(header) if self._canonical(cell.strip())[0] == name]
        return found[0] if len(found) == 1 else None

    def _canonical(self, written: str) -> tuple[str, str]:
        """A header cell as the contract names it, and the unit it gives (万元, ...)."""
        match = _HEADER_UNIT.match(written)
        base, unit = (match.group(1).strip(), match.group(2)) if match else (written, "")
        return self._aliases.get(base, base), unit

    def _check_header(self, written: list[str]) -> list[tuple[str, str]] | None:
        header = [self._canonical(name) for name in written]
        ok = True
        names = [name for name, _ in header]
        for index, ((name, unit), shown) in enumerate(zip(header, written, strict=True)):
            if name not in self._columns:
                ok = False
                near = closest(name, self._columns)
                self.problem(
                    1,
                    shown,
                    shown,
                    msg("unknown_column", suggestion=repr(near))
                    if near
                    else msg("unknown_column_list", columns=", ".join(self._columns)),
                )
            elif name in names[:index]:
                ok = False
                self.problem(1, shown, shown, msg("column_twice"))
            elif unit and name not in self._amounts:
                ok = False
                self.problem(1, shown, shown, msg("unit_not_amount"))
        for name in self._required:
            if name not in names:
                ok = False
                self.problem(1, name, "", msg("required_column"))
        return header if ok else None

    def _tabular(
        self, records: Iterator[tuple[int, list[str]]]
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        """Rows of a table (CSV or a sheet), the first its header, as contract-named dicts."""
        first = next(records, None)
        header = self.header(first[1] if first is not None else None)
        if header is None:
            return
        names = [name for name, _ in header]
        units = any(unit for _, unit in header)
        width = len(header)
        for row, cells in records:
            if not "".join(cells).strip():
                continue  # a blank line is not a row
            if len(cells) != width and (len(cells) < width or "".join(cells[width:]).strip()):
                self.problem(
                    row,
                    "(row)",
                    ",".join(cells)[:200],
                    msg("cell_count", cells=width, found=len(cells)),
                )
                continue
            long = [n for n, c in zip(names, cells, strict=False) if len(c) > MAX_CELL]
            for name in long:
                self.problem(row, name, "", msg("cell_too_long", limit=MAX_CELL))
            if long:
                continue
            if units:
                raw = {}
                for (name, unit), cell in zip(header, cells, strict=False):
                    text = cell.strip()
                    if unit and text and not text.endswith(("元", "万元", "亿元")):
                        text += unit  # the header's unit applies to a bare number
                    raw[name] = text
            else:
                raw = {name: cell.strip() for name, cell in zip(names, cells, strict=False)}
            if self._clean or not self._undecodable(row, raw):
                yield row, raw

    def _csv_rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        if self._part is not None:
            text, offset = self._part
            self._clean = encodable(text)
            lines = bounded_lines(io.StringIO(text, newline=""))
            records = self._csv_records(csv.reader(lines))
            yield from self._tabular((row + offset if row > 1 else row, c) for row, c in records)
            return
        with self.path.open(
            encoding=sniff_encoding(self.path), errors="surrogateescape", newline=""
        ) as handle:
            self._handle = handle
            yield from self._tabular(self._csv_records(csv.reader(bounded_lines(handle))))

    def _csv_records(self, reader: Any) -> Iterator[tuple[int, list[str]]]:
        row = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self.stopped = True
                self.problem(row, "(row)", "", msg("csv_row", reason=exc))
                return
            except _LineTooLong:
                self.stopped = True
                self.problem(reader.line_num + 1, "(row)", "", msg("line_too_long", limit=MAX_LINE))
                return
            yield row, cells
            row = reader.line_num + 1  # where the next record starts, even over line breaks

    def _xlsx_rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
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
        try:
            book = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
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
            yield from self._tabular(self._sheet_records(sheet))
        finally:
            book.close()

    def _sheet_records(self, sheet: Any) -> Iterator[tuple[int, list[str]]]:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_XLSX_ROWS:
                self.problem(number, "(row)", "", msg("xlsx_too_many_rows", limit=MAX_XLSX_ROWS))
                return
            yield number, [_cell(v) for v in values[: MAX_COLUMNS + 1]]

    def _jsonl_rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        if self._part is not None:
            text, offset = self._part
            handle: IO[str] = io.StringIO(text)
        else:
            handle = self._handle = self.path.open(encoding="utf-8-sig", errors="surrogateescape")
            offset = 0
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
                if fine:
                    yield (
                        row,
                        {
                            k: v if v is None or isinstance(v, bool) else str(v)
                            for k, v in raw.items()
                        },
                    )


# What no id may hold: characters that do not show (format characters such as a zero-width
# space or a byte-order mark, controls, separators other than a plain space, private use).
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff0-\ufffb\ue000-\uf8ff]"
)


def encodable(text: str) -> bool:
    """Whether the text holds no undecodable byte (kept as a surrogate by the decoder)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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


_HEADER_UNIT = re.compile(r"^(.*?)\s*[（(]\s*(亿元|万元|元)\s*[)）]\s*$")


def sniff_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) if the start of the file reads as UTF-8, else GB18030,
    which includes GBK and GB2312, as Chinese Excel saves CSV."""
    head = path.open("rb").read(1 << 20)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8-sig"


def _cell(value: Any) -> str:
    """A spreadsheet cell as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)
