"""CSV, one row per action (a decision without actions is one row); for Excel, with a BOM."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from typing import IO, Any, ClassVar

from ..evaluate import Decision
from ..subjects import Subject
from . import ACTION_VALUES, Writer, inert, plain_text

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
        # The register's own columns' headings; None until they are known (with keep).
        self.extras: list[str] | None = []

    def _sink(self, out: IO[str]) -> Any:
        return _InertCsv(out)

    def start(self) -> None:
        if self.bom:  # Excel reads UTF-8 only after a BOM (else as the system's code page)
            self.out.write("\ufeff")
        if self.keep:
            self.extras = None  # the header waits for the first row: it names their columns
        else:
            self.rows.writerow(COLUMNS)

    def _head(self, subject: Subject | None) -> None:
        """The header, once the register's own columns are known (they follow the decision)."""
        kept = subject.register if subject is not None else None
        self.extras = [c.written or c.letter for c in kept.register.extras] if kept else []
        self.rows.writerow([*COLUMNS, *self.extras])

    def finish(self, extra: Any = None) -> None:
        if self.extras is None:
            self._head(None)
        super().finish(extra)

    def restart(self, out: IO[str]) -> None:
        super().restart(out)
        self.rows = self._sink(out)

    def write(self, decision: Decision, subject: Subject) -> None:
        if self.extras is None:
            self._head(subject)
        kept = [plain_text(v) for _, v in subject.register.extras()] if subject.register else []
        for row in self.csv_rows(decision):
            self.rows.writerow([*row, *kept] if kept else row)

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


FORMATS = {"csv": CsvWriter}
