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
        try:
            if self.path.suffix.lower() in (".jsonl", ".ndjson"):
                yield from self._jsonl_rows()
            else:
                yield from self._csv_rows()
        except UnicodeDecodeError as exc:
            self.problem(
                0,
                "(file)",
                repr(exc.object[exc.start : exc.start + 4]),
                "UTF-8 text (save the file as UTF-8 CSV)",
            )

    def _check_header(self, header: list[str]) -> bool:
        ok = True
        for name in header:
            if name not in self._columns:
                ok = False
                self.problem(
                    1,
                    name,
                    name,
                    "a column of the input contract"
                    + (did_you_mean(name, self._columns) or f" ({', '.join(self._columns)})"),
                )
        for name in self._required:
            if name not in header:
                ok = False
                self.problem(1, name, "", "this required column in the header")
        return ok

    def _csv_rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        with self.path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [name.strip() for name in next(reader, [])]
            if not header:
                self.problem(1, "(header)", "", "a header row naming the columns")
                return
            if not self._check_header(header):
                return
            for cells in reader:
                row = reader.line_num
                if not any(cell.strip() for cell in cells):
                    continue  # a blank line is not a row
                if len(cells) > len(header):
                    self.problem(
                        row,
                        "(row)",
                        ",".join(cells),
                        f"{len(header)} cells, as in the header, not {len(cells)}",
                    )
                    continue
                yield row, dict(zip(header, cells, strict=False))

    def _jsonl_rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        with self.path.open(encoding="utf-8-sig") as handle:
            for row, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    raw = json.loads(line)
                except json.JSONDecodeError as exc:
                    self.problem(row, "(line)", line.strip()[:80], f"a JSON object ({exc.msg})")
                    continue
                if not isinstance(raw, dict):
                    self.problem(row, "(line)", line.strip()[:80], "a JSON object")
                    continue
                unknown = [k for k in raw if k not in self._columns]
                for name in unknown:
                    self.problem(
                        row,
                        name,
                        raw[name],
                        "a key of the input contract" + did_you_mean(name, self._columns),
                    )
                if unknown:
                    continue
                yield (
                    row,
                    {k: v if v is None or isinstance(v, bool) else str(v) for k, v in raw.items()},
                )
