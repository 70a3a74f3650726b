"""CSV, one row per action (a decision without actions is one row), and the same rows as an
Excel workbook."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from typing import IO, Any, ClassVar

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ..evaluate import Decision
from ..subjects import Subject
from . import ACTION_VALUES, Writer, inert

COLUMNS = (
    "as_of",
    "subject",
    "status",
    "code",
    "rule",
    "basis",
    "title",
    "prospect",
    *ACTION_VALUES,
    "recipients",
    "options",
    "approved_by",
    "issued_by",
)


class CsvWriter(Writer):
    joinable: ClassVar[bool] = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows: Any = self._sink(self.out)

    def _sink(self, out: IO[str]) -> Any:
        return _InertCsv(out)

    def start(self) -> None:
        self.rows.writerow(COLUMNS)

    def restart(self, out: IO[str]) -> None:
        super().restart(out)
        self.rows = self._sink(out)

    def write(self, decision: Decision, subject: Subject) -> None:
        for row in self.csv_rows(decision):
            self.rows.writerow(row)

    def csv_rows(self, decision: Decision) -> Iterator[tuple[str, ...]]:
        head = (self.as_of.isoformat(), decision.subject, decision.status)
        if not decision.actions:
            yield head + ("",) * (len(COLUMNS) - len(head))
        for action in decision.actions:
            record = self.action_dict(action)
            yield (
                *head,
                action.code,
                action.rule,
                record["basis"],
                record["title"],
                "true" if action.prospect else "",
                *(str(record.get(name, "")) for name in ACTION_VALUES),
                ";".join(r["code"] for r in record.get("recipients", [])),
                ";".join(o["code"] for o in record.get("options", [])),
                record.get("approved_by", {}).get("code", ""),
                record.get("issued_by", {}).get("code", ""),
            )


class _InertCsv:
    """csv.writer, every cell made inert (never read as a formula by a spreadsheet)."""

    def __init__(self, out: IO[str]) -> None:
        self.writer = csv.writer(out)

    def writerow(self, row: Sequence[str]) -> None:
        self.writer.writerow([inert(cell) for cell in row])


class _Sheet:
    """A write-only workbook taking rows as csv.writer does (bureaus read Excel). Every
    text is a string cell, never a formula; characters a workbook cannot hold (control
    characters) are shown as U+FFFD."""

    def __init__(self, title: str) -> None:
        self.book = openpyxl.Workbook(write_only=True)
        self.sheet = self.book.create_sheet(title)

    def writerow(self, row: Sequence[Any]) -> None:
        cells = []
        for value in row:
            if isinstance(value, str):
                cell = WriteOnlyCell(self.sheet, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
                cell.data_type = "s"
                cells.append(cell)
            else:
                cells.append(value)
        self.sheet.append(cells)


class XlsxWriter(CsvWriter):
    """The csv rows as a sheet; saved over the output file at the end."""

    joinable: ClassVar[bool] = False

    def _sink(self, out: IO[str]) -> Any:
        return _Sheet(self.view.noun.in_(self.lang))

    def finish(self, extra: Any = None) -> None:
        super().finish(extra)
        self.out.flush()
        self.rows.book.save(self.out.buffer)  # type: ignore[attr-defined]


FORMATS = {"csv": CsvWriter, "xlsx": XlsxWriter}
