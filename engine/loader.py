"""Reading parcel files: CSV (UTF-8, with or without BOM) and JSON Lines.

Rows are validated one by one as they stream past, so memory stays flat; every problem is
collected (decisions.md IO1: nothing is lost silently) and the caller decides what to do
with a file that has any. Row numbers are those a spreadsheet shows: the header is row 1.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from engine.conditions import did_you_mean
from engine.errors import InputProblem


class RowReader:
    """Streams (row number, validated model) pairs from a file, collecting every problem."""

    def __init__(self, path: Path, model: type[BaseModel], id_field: str | None) -> None:
        self.path, self.model, self.id_field = path, model, id_field
        self.problems: list[InputProblem] = []
        self.rows = 0
        self._columns = list(model.model_fields)
        self._required = [n for n, f in model.model_fields.items() if f.is_required()]

    def problem(self, row: int, column: str, value: Any, expected: str) -> None:
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        self.problems.append(InputProblem(str(self.path), row, column, shown, expected))

    def __iter__(self) -> Iterator[Any]:
        seen: set[str] = set()
        for row, raw in self._raw_rows():
            self.rows += 1
            try:
                item = self.model.model_validate(raw)
            except ValidationError as exc:
                for error in exc.errors():
                    self._report(row, raw, error)
                continue
            if self.id_field is not None:
                key = getattr(item, self.id_field)
                if key in seen:
                    self.problem(
                        row, self.id_field, key, "a unique id: it appears on an earlier row"
                    )
                    continue
                seen.add(key)
            yield row, item

    def _report(self, row: int, raw: dict[str, Any], error: Any) -> None:
        message: str = error["msg"].removeprefix("Value error, ")
        column = str(error["loc"][0]) if error["loc"] else ""
        if not column and ": " in message:  # a check across columns names its column first
            column, message = message.split(": ", 1)
        if error["type"] == "missing":
            message = "a value: this column is required"
        self.problem(row, column or "(row)", raw.get(column, ""), message)

    def _raw_rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        if self.path.suffix.lower() in (".jsonl", ".ndjson"):
            yield from self._jsonl_rows()
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
                self.problem(row, column, shown, "UTF-8 text (save the file as UTF-8)")
                bad = True
        return bad

    def _check_header(self, header: list[str]) -> bool:
        ok = True
        for index, name in enumerate(header):
            if name not in self._columns:
                ok = False
                self.problem(
                    1,
                    name,
                    name,
                    "a column of the input contract"
                    + (did_you_mean(name, self._columns) or f" ({', '.join(self._columns)})"),
                )
            elif name in header[:index]:
                ok = False
                self.problem(1, name, name, "each column once: it appears twice in the header")
        for name in self._required:
            if name not in header:
                ok = False
                self.problem(1, name, "", "this required column in the header")
        return ok

    def _csv_rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        with self.path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
            reader = csv.reader(handle)
            try:
                header = [name.strip() for name in next(reader, [])]
            except csv.Error as exc:
                self.problem(1, "(header)", "", f"a readable CSV header ({exc})")
                return
            if not header:
                self.problem(1, "(header)", "", "a header row naming the columns")
                return
            if self._undecodable(1, {"(header)": ",".join(header)}) or not self._check_header(
                header
            ):
                return
            row = reader.line_num + 1  # where the next record starts, even if a cell spans lines
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    self.problem(row, "(row)", "", f"a readable CSV row ({exc}); reading stopped")
                    return
                start, row = row, reader.line_num + 1
                if not any(cell.strip() for cell in cells):
                    continue  # a blank line is not a row
                if len(cells) != len(header):
                    self.problem(
                        start,
                        "(row)",
                        ",".join(cells)[:200],
                        f"{len(header)} cells, as in the header, not {len(cells)}",
                    )
                    continue
                raw = dict(zip(header, cells, strict=True))
                if not self._undecodable(start, raw):
                    yield start, raw

    def _jsonl_rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        with self.path.open(encoding="utf-8-sig", errors="surrogateescape") as handle:
            for row, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                if self._undecodable(row, {"(line)": line.strip()[:80]}):
                    continue
                try:
                    raw = json.loads(line, object_pairs_hook=_unique_keys)
                except (ValueError, RecursionError) as exc:
                    reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)[:80]
                    self.problem(row, "(line)", line.strip()[:80], f"a JSON object ({reason})")
                    continue
                if not isinstance(raw, dict):
                    self.problem(row, "(line)", line.strip()[:80], "a JSON object")
                    continue
                fine = True
                for name, value in raw.items():
                    if name not in self._columns:
                        fine = False
                        self.problem(
                            row,
                            name,
                            value,
                            "a key of the input contract" + did_you_mean(name, self._columns),
                        )
                    elif isinstance(value, dict | list):
                        fine = False
                        self.problem(row, name, value, "a single value (text, number, true/false)")
                if fine:
                    yield (
                        row,
                        {
                            k: v if v is None or isinstance(v, bool) else str(v)
                            for k, v in raw.items()
                        },
                    )


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise ValueError(f"each key once; repeated: {', '.join(repeated)}")
    return dict(pairs)
