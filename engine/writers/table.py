"""A table for a terminal: the kind's columns, one row a subject, then the summary lines."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import IO, Any, ClassVar

from ..cells import money as _money
from ..evaluate import Decision
from ..subjects import Subject
from . import Writer, plain, printable, width

# A worker's part, for the run's writer to gather: each row's cells (printable: no control
# character) apart by CELL, then DETAILS and its criteria's lines (JSON) if it has any, then
# ROW; the register's own columns' headings, HEADINGS and JSON, before the first row that
# has them.
CELL, DETAILS, ROW, HEADINGS = "\x1f", "\x1e", "\x1d", "\x1c"


def part_row(cells: Sequence[str], details: list[str] | None = None) -> str:
    """A row as a worker's part holds it: its cells, its criteria's lines if it has any."""
    return CELL.join(cells) + (DETAILS + json.dumps(details) if details else "") + ROW


class TableWriter(Writer):
    """Holds its rows until the end, to align the columns (use jsonl or csv for big files).
    On every core, each worker's writer sends its rows' cells (restart), and the run's
    gathers them in order (gather)."""

    gathers: ClassVar[bool] = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rows: list[tuple[str, ...]] = []
        self._details: list[list[str]] = []
        self._extras: list[str] = []  # the register's own columns' headings, if kept
        self._headed = False  # the headings are known (and, a worker's, sent)
        self._part = False  # a worker's: rows are sent, not held

    def restart(self, out: IO[str]) -> None:
        super().restart(out)
        self._part, self._extras, self._headed = True, [], False

    def start(self) -> None:
        title = self.families[0].doc.title.in_(self.lang)
        book = self.rulebook
        books = f"{book['version']} (sha256 {book['sha256'][:12]})"
        for pack in book.get("packs", []):
            books += f"; pack {pack['pack']} {pack['version']} (sha256 {pack['sha256'][:12]})"
        self.out.write(self.words.text("heading", title=title, as_of=self.as_of) + "\n")
        self.out.write(self.words.text("rulebook", books=books) + "\n\n")

    def write(self, decision: Decision, subject: Subject) -> None:
        cells = self.cells(decision, subject)
        if subject.register is not None:  # the register's own columns, beside the decision
            if not self._headed:
                self._extras = [c.written or c.letter for c in subject.register.register.extras]
                self._headed = True
                if self._part and self._extras:
                    self.out.write(HEADINGS + json.dumps(self._extras) + ROW)
            cells += [printable(_text(value)) for _, value in subject.register.extras()]
        row = tuple(cells)
        details = self.criteria_lines(decision) if self.view.details else []
        if self._part:
            self.out.write(part_row(row, details))
            return
        self._rows.append(row)
        self._details.append(details)

    def cells(self, decision: Decision, subject: Subject) -> list[str]:
        """The view's cells of a decision, printable (without the register's columns)."""
        words = self.words
        return [printable(cell(words, decision, subject)) for _, cell in self.view.columns]

    def rows(self, text: str) -> None:
        """Rows made as a worker's part holds them (cells apart by CELL, each ended by ROW;
        no criteria lines, no register's columns), written or held in order."""
        if self._part:
            self.out.write(text)
        else:
            self.gather(text)

    def gather(self, text: str) -> None:
        for record in text.split(ROW)[:-1]:
            if record.startswith(HEADINGS):
                self._extras = self._extras or json.loads(record[1:])
                continue
            cells, _, details = record.partition(DETAILS)
            self._rows.append(tuple(cells.split(CELL)))
            self._details.append(json.loads(details) if details else [])

    def criteria_lines(self, decision: Decision) -> list[str]:
        words = self.words
        lines = []
        for v in decision.criteria:
            if isinstance(v.value, bool):
                shown = f"{v.value_of} = {words.text('yes' if v.value else 'no')}"
            else:
                shown = _money(v.value) if isinstance(v.value, Decimal) else str(plain(v.value))
            against = (
                f" / {_money(v.threshold) if isinstance(v.threshold, Decimal) else v.threshold}"
                if v.threshold is not None
                else ""
            )
            title = words.criterion_titles[v.rule]
            verdict = words.text("met" if v.met else "not met")
            lines.append(f"{verdict:<8}{title}: {shown}{against}  [{v.rule}]")
        return lines

    def finish(self, extra: Any = None) -> None:
        super().finish(extra)
        words = self.words
        header = tuple(label.in_(self.lang) for label, _ in self.view.columns)
        header += tuple(printable(name) for name in self._extras)
        rows = [header, *(row + ("",) * (len(header) - len(row)) for row in self._rows)]
        # Each cell measured once (the last column is not padded).
        padded = len(header) - 1
        measured = [list(map(width, row[:padded])) for row in rows]
        widths = [max(m[i] for m in measured) for i in range(padded)]
        write = self.out.write
        for row, sizes, details in zip(rows, measured, [[], *self._details], strict=True):
            cells = [c + " " * (widths[i] - sizes[i]) for i, c in enumerate(row[:padded])]
            write("  ".join([*cells, *row[padded:]]).rstrip() + "\n")
            for line in details:
                write(f"      {line}\n")
        summary = self.summary
        self.out.write("\n" + words.text("summary") + "\n")
        noun = self.view.noun.in_(self.lang)
        colon = "：" if self.lang == "zh" else ": "
        self.out.write(f"  {words.text('subjects', noun=noun)}{colon}{summary.subjects}\n")
        for status in words.statuses:
            if summary.by_status[status]:
                count = summary.by_status[status]
                self.out.write(f"  {words.status_label(status)}{colon}{count}\n")
        for label, values in self.view.lines:
            figures = {**values(summary), **self.extra}
            self.out.write("  " + label.in_(self.lang).format(**figures) + "\n")


def _text(value: Any) -> str:
    """A kept cell as a terminal shows it: a date as ISO, a whole number without .0."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(plain(value)).split())


FORMATS = {"table": TableWriter}
