"""A table for a terminal: the kind's columns, one row a subject, then the summary lines."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from ..cells import money as _money
from ..evaluate import Decision
from ..subjects import Subject
from . import Writer, plain, printable, width


class TableWriter(Writer):
    """Holds its rows until the end, to align the columns (use jsonl or csv for big files)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rows: list[tuple[str, ...]] = []
        self._details: list[list[str]] = []
        self._extras: list[str] = []  # the register's own columns' headings, if kept

    def start(self) -> None:
        title = self.families[0].doc.title.in_(self.lang)
        book = self.rulebook
        books = f"{book['version']} (sha256 {book['sha256'][:12]})"
        for pack in book.get("packs", []):
            books += f"; pack {pack['pack']} {pack['version']} (sha256 {pack['sha256'][:12]})"
        self.out.write(self.words.text("heading", title=title, as_of=self.as_of) + "\n")
        self.out.write(self.words.text("rulebook", books=books) + "\n\n")

    def write(self, decision: Decision, subject: Subject) -> None:
        words = self.words
        cells = [cell(words, decision, subject) for _, cell in self.view.columns]
        if subject.register is not None:  # the register's own columns, beside the decision
            if not self._extras:
                self._extras = [c.written or c.letter for c in subject.register.register.extras]
            cells += [_text(value) for _, value in subject.register.extras()]
        self._rows.append(tuple(printable(cell) for cell in cells))
        self._details.append(self.criteria_lines(decision) if self.view.details else [])

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
        widths = [max(width(row[i]) for row in rows) for i in range(len(header) - 1)]
        for row, details in zip(rows, [[], *self._details], strict=True):
            cells = [_pad(c, widths[i]) if i < len(widths) else c for i, c in enumerate(row)]
            self.out.write("  ".join(cells).rstrip() + "\n")
            for line in details:
                self.out.write(f"      {line}\n")
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


def _pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


FORMATS = {"table": TableWriter}
