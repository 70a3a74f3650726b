"""Workbooks an official can hand on: one row a subject, every action one a row, a summary.

The first sheet (处置结果 for parcels: the kind's `View.sheet`) holds one row a subject: the
register's own columns as the bureau wrote them, where they were kept, then the decision in
the kind's workbook columns (`View.book`): status in words, dates and amounts as Excel
values with their number formats, the actions in words with their dates and who decides.
The second lists every action one a row, the third the run: title, as-of date, rulebook
version and hash, packs, counts, the summary lines, how the input was read.

Each sheet is formatted for reading and printing: column widths from the first rows, a
frozen header, an autofilter, a totals row below the data, landscape pages fit to the
width, the header row repeated on every page. The sheets are streamed (XlsxWriter's
constant-memory mode, its rows in a scratch directory of the run's own): only the rows that
set the widths are held. User text is always a string cell, never a formula; characters a
workbook cannot hold are shown as U+FFFD.

Why XlsxWriter: it writes a cell in about a quarter of the time openpyxl's write-only mode
took with a style on every cell (10,000 parcels: 21 s, then 12.6 s), and its workbooks are
made to Excel's own layout. The tables' rows are written whole (_xlsx_rows: the same XML;
10,000 parcels in 4.6 s at first, 1.7 s now with their texts' cells remembered and the zip
deflated at level 2, on a faster day). openpyxl still reads registers (engine/loader.py).

A subject's values are made by `made`; on the columnar path (a clean CSV register), the
rows of a shape of decision are made from a template instead (engine/columnar/book.py),
its first row checked against `made`.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import gc
import itertools
import math
import operator
import os
import pickle
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import IO, TYPE_CHECKING, Any, ClassVar

from ..errors import OutputError
from ..evaluate import Action, Decision
from ..kinds import BookColumn
from ..messages import msg
from ..register import Column, Contract, Grouped, Register, compact, typed
from ..rulebook import words as _t
from ..subjects import Subject
from . import (
    ACTION_VALUES,
    OWN_FORM,
    SHOWN_PLACES,
    Writer,
    amount_format,
    amount_places,
    own_format,
    places_format,
    plain,
    width,
)

if TYPE_CHECKING:  # XlsxWriter is imported when a workbook is made
    from ._xlsx_rows import Fit

NUMBER_FORMATS = {
    "text": "@",
    "long": "@",
    "date": "yyyy-mm-dd",
    "money": "#,##0.00",
    "number": "#,##0.00",
    "int": "0",
    "percent": "0.00%",
    OWN_FORM: "General",
}
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"  # a date and time of the register's own
WORDS = {
    "actions": _t("Actions", "措施清单"),
    "summary": _t("Summary", "汇总"),
    "total": _t("Total", "合计"),
    "yes": _t("yes", "是"),
    "no": _t("no", "否"),
    "page": _t("Page &P of &N", "第 &P 页，共 &N 页"),
    "status": _t("status", "状态"),
    "code": _t("code", "措施代码"),
    "action": _t("action", "措施"),
    "title": _t("what is to be done", "具体内容"),
    "prospect": _t("in prospect", "预期处置"),
    "date": _t("dated", "日期"),
    "due": _t("due by", "期限"),
    "not_before": _t("not before", "不早于"),
    "amount": _t("amount (yuan)", "金额（元）"),
    "idle_from": _t("idle from", "闲置起算日"),
    "days_left": _t("days left", "剩余天数"),
    "days_overdue": _t("days overdue", "逾期天数"),
    "recipients": _t("to whom", "报送对象"),
    "options": _t("options", "可选处置方式"),
    "approved_by": _t("approved by", "批准机关"),
    "issued_by": _t("issued by", "作出决定机关"),
    "rule": _t("rule", "规则"),
    "basis": _t("basis", "依据"),
    "heading": _t("{title}, as of {as_of}", "{title}（评估日期 {as_of}）"),
    "as_of": _t("as of", "评估日期"),
    "rulebook": _t("rulebook", "规则库版本"),
    "sha256": _t("rulebook sha256", "规则库 sha256"),
    "pack": _t("rule pack", "规则包"),
    "source": _t("input file", "输入文件"),
    "reading": _t("how the input was read", "输入读取说明"),
    "skipped": _t("row {row} skipped ({reason}): {text}", "第 {row} 行已跳过（{reason}）：{text}"),
    "total_row": _t("a total", "合计行"),
    "separator": _t("no subject: a heading or an empty row", "非数据行：标题或空行"),
    "counts": _t("counts", "统计"),
    "lines": _t("figures", "汇总数据"),
}
# Action values and their forms, in the order of ACTION_VALUES.
VALUE_FORMS = {
    "date": "date",
    "amount": "money",
    "due": "date",
    "not_before": "date",
    "idle_from": "date",
    "days_left": "int",
    "days_overdue": "int",
}
# A bureau's own column whose header names a unit of area or money: summed in the totals row.
_SUMMED = re.compile(r"[（(]\s*(平方米|㎡|m2|m²|亩|公顷|元|万元|亿元)\s*[)）]")
SAMPLE = 500  # rows measured for the column widths before a sheet is streamed
MAX_ROWS = 1_048_576  # the rows a sheet holds (Excel's limit; XlsxWriter drops the rest)
TYPED_KEPT = 100_000  # a register's texts and their readings remembered, a column form's
SENT_TOGETHER = 1_000  # a worker's subjects' rows sent in one line, at most
_UNKNOWN: Any = object()
NARROWEST, WIDEST, LONG = 6, 40, 32  # column widths, in characters (a CJK one counts two)
HEADING = 12  # a heading wraps: it widens its column to this at most
LINE_POINTS = 15.6  # the height of a line of text, in points (11-point type, CJK included)
SUMMARY_WIDTH = 96  # the summary's column of figures and notes, in characters
FILL = 0.85  # of a text's counted width, what a line of a wrapped cell takes (CJK set tighter)
A4_WIDTH = 150  # wider than this (in characters), a sheet is printed on A3, as registers are


# The sheets' looks: borders, fills, fonts and alignments (a cell without a look has the
# workbook's own font, Calibri 11).
BORDER = {"border": 1, "border_color": "#A0A7B0"}
LOOKS: dict[str, dict[str, Any]] = {
    "plain": {},
    "body": BORDER,
    "head": {**BORDER, "bold": True, "pattern": 1, "bg_color": "#DDE5EE"},
    "total": {**BORDER, "bold": True, "pattern": 1, "bg_color": "#F2F4F7"},
}
HEAD_ALIGN = {"align": "center", "valign": "vcenter", "text_wrap": True}
TOP, WRAP = {"valign": "top"}, {"valign": "top", "text_wrap": True}
LEFT = {"align": "left", "valign": "top", "text_wrap": True}
PAPER = {"A4": 9, "A3": 8}  # Excel's paper size codes


class _Formats:
    """A workbook's formats, each made once: by look, number format and wrapping, or by
    its properties (the summary's own)."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.found: dict[Any, Any] = {}
        # A look's cell formats as a whole row's cells name them (_xlsx_rows.write_cells).
        self.attributes: dict[str, dict[Any, str]] = {look: {} for look in LOOKS}
        # Every cell format a table's cell can take, made (and numbered) now, in this order:
        # a block of rows (_xlsx_rows.write_rows) takes its cells a column at a time, and
        # two sheets' rows a block each, but each format has the number it would have had
        # row by row, and the workbook the same bytes either way.
        # (The body's first, General first: the most used have the shortest numbers.)
        shown = ["General", *sorted({*NUMBER_FORMATS.values(), DATETIME_FORMAT} - {"General"})]
        for look in ["body", *(look for look in LOOKS if look != "body")]:
            for number_format in shown:
                for wrap in (False, True):
                    self.look(look, number_format, wrap)

    def before(self, forms: Iterable[str]) -> None:
        """What a sheet of columns of `forms` needs made before its first row: the formats
        of a number shown with its own decimals (places), for a column of the register's
        own or of its amounts."""
        if {OWN_FORM, "number"} & set(forms):
            self.places()

    def places(self) -> None:
        """The body's formats of a number of the register's own, by its decimals, made now
        (for a sheet with such a column: see __init__)."""
        for grouped in (False, True):
            for places in range(0 if grouped else 1, SHOWN_PLACES + 1):
                self.look("body", places_format(places, grouped), False)

    def look(self, look: str, number_format: str, wrap: bool) -> Any:
        key = (look, number_format, wrap)
        found = self.found.get(key)
        if found is None:
            align = HEAD_ALIGN if look == "head" else WRAP if wrap else TOP
            found = self.of({**LOOKS[look], **align, "num_format": number_format})
            self.found[key] = found
        return found

    def of(self, properties: dict[str, Any]) -> Any:
        key = tuple(sorted(properties.items()))
        found = self.found.get(key)
        if found is None:
            found = self.found[key] = self.book.add_format(properties)
            # Numbered now, in the order made (XlsxWriter numbers a format when a cell of
            # it is first written out): the same numbers whether a row is written whole
            # or cell by cell (_xlsx_rows).
            found._get_xf_index()
        return found


class _Table:
    """One sheet of a table: a header row, rows streamed after the first SAMPLE set the
    widths, an autofilter over them, a totals row (if `totalled`), pages set up for
    printing."""

    def __init__(
        self,
        book: Any,
        formats: _Formats,
        title: str,
        heading: str,
        lang: str,
        totalled: bool = True,
    ) -> None:
        self.name = _sheet_name(title)
        self.totalled = totalled
        from ._xlsx_rows import RowSheet  # with XlsxWriter: imported when a workbook is made

        self.sheet = book.add_worksheet(self.name, worksheet_class=RowSheet)
        self.formats = formats
        self.lang = lang
        self.columns: list[tuple[str, str]] = []  # (heading, form)
        self.held: list[list[Any]] = []
        self.streaming = False
        self.rows = 0
        self.widths: list[float] = []
        # A column of numbers in a fixed format (#,##0.00, 0.000) and the width its widest
        # so far needs: a later row's may be wider than the rows that set the widths.
        self.numbers: dict[int, float] = {}
        self.forms: list[str] = []  # each column's, once the sheet is streamed
        self.fit: Fit | None = None  # rows as tall as their texts, once the widths are known
        sheet = self.sheet
        sheet.set_landscape()
        sheet.set_paper(PAPER["A4"])
        sheet.fit_to_pages(1, 0)
        sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        sheet.set_header("&C" + heading.replace("&", "&&"))
        sheet.set_footer("&C" + WORDS["page"].in_(lang))

    def add(self, values: list[Any]) -> None:
        if self.streaming:
            self._extend([values])
            return
        self.held.append(values)
        if len(self.held) >= SAMPLE:
            self._start()

    def add_many(self, rows: list[list[Any]]) -> None:
        """Rows added in order, as `add` adds each: written as a block once streaming."""
        at = 0
        while not self.streaming and at < len(rows):
            self.add(rows[at])
            at += 1
        if at < len(rows):
            self._extend(rows[at:] if at else rows)

    def close(self, totals: list[Any] | None = None) -> None:
        if not self.streaming:
            self._start()
        self.sheet.autofilter(0, 0, self.rows, max(1, len(self.columns)) - 1)
        if totals is not None:
            forms = [
                form if value is not None else "text"
                for (_, form), value in zip(self.columns, totals, strict=True)
            ]
            _row(self.sheet, self.formats, self.rows + 1, totals, forms, "total")
            for index, (value, form) in enumerate(zip(totals, forms, strict=True)):
                if value is not None and value.__class__ is not str:  # (not the 合计 label)
                    bold = min(WIDEST, width(_shown(value, form)) + 3)
                    self.numbers[index] = max(self.numbers.get(index, 0), bold)
        # A number too wide for its cell is shown ###: a column is widened to the widest of
        # its rows (not only those that set the widths) and its total.
        for index, needed in self.numbers.items():
            if needed > self.widths[index]:
                self.sheet.set_column(index, index, needed)

    def _start(self) -> None:
        """Widths from the heading and the rows held, then the header and the rows."""
        sheet = self.sheet
        total = 0
        for index, (heading, form) in enumerate(self.columns):
            shown = [_shown(row[index], form) for row in self.held]
            longest_word = max((width(w) for w in heading.split()), default=0)
            wide = max(
                [
                    min(width(heading), max(HEADING, longest_word)) + 2,
                    *(width(s) + 2 for s in shown),
                ]
            )
            limit = LONG if form == "long" else WIDEST
            chosen = max(NARROWEST, min(limit, wide))
            sheet.set_column(index, index, chosen)
            self.widths.append(chosen)
            total += chosen
        if total > A4_WIDTH:
            sheet.set_paper(PAPER["A3"])
        sheet.freeze_panes(1, 0)
        sheet.repeat_rows(0)
        # What a line of each column holds, in counted characters (a CJK one counts two).
        rooms = [max(1.0, (wide - 1.5) / FILL) for wide in self.widths]
        from ._xlsx_rows import Fit

        self.fit = Fit(rooms, _points)
        self.forms = [form for _, form in self.columns]
        headings = [heading for heading, _ in self.columns]
        _row(sheet, self.formats, 0, headings, ["text"] * len(headings), "head", self.fit)
        self.streaming = True
        if self.held:
            self._extend(self.held)
        self.held = []

    def _extend(self, rows: list[list[Any]]) -> None:
        """Rows after the last, written as a block (write_rows; a row it declines, or every
        row with COMPLY_XLSX_ROWS=0 or 1, by _row)."""
        if 1 + self.rows + len(rows) + self.totalled > MAX_ROWS:  # header, rows, totals
            raise OutputError(msg("out_sheet_full", sheet=self.name, limit=f"{MAX_ROWS:,}"))
        forms = self.forms
        for values in rows:
            if len(values) != len(forms):
                raise ValueError(f"a row of {len(values)} cells in a sheet of {len(forms)}")
        sheet, formats, fit = self.sheet, self.formats, self.fit

        def one(row: int, values: Sequence[Any]) -> None:
            _row(sheet, formats, row, list(values), forms, "body", fit)

        numbers = self.numbers

        def seen(index: int, column: Sequence[Any]) -> None:
            """The width a column's widest number takes (each column's values, as the
            sheet takes them apart to write them)."""
            form = forms[index]
            if form in _FIXED:
                kinds = set(map(type, column))
                if not kinds.isdisjoint(_NUMBERS):  # (a column of dates, texts: none)
                    wide = _widest(column, form, kinds)
                    if wide > numbers.get(index, 0):
                        numbers[index] = wide

        first = self.rows + 1
        self.rows += len(rows)
        looks = formats.attributes["body"]
        sheet.write_rows(first, rows, forms, looks, _format_of(formats, "body"), fit, one, seen)


_FIXED = frozenset({"money", "number", "int", "percent", OWN_FORM})  # numbers shown in full
_NUMBERS = frozenset({int, float, Decimal, Grouped, Fraction})


def _widest(values: Sequence[Any], form: str, kinds: set[type]) -> float:
    """The width the widest of a column's numbers (of the types `kinds`) takes, as _start
    counts a cell's (_shown): the largest and the smallest of an amount's, a count's or a
    share's; each of the register's own. At most WIDEST, as _start's. (A column of
    Decimals and blanks, the most, is taken without a Python step a cell.)"""
    if kinds <= _DECIMALS:
        numbers: list[Any] = list(filter(_NOT_NONE, values))
    else:
        numbers = [v for v in values if v.__class__ in _NUMBERS]
    if form == OWN_FORM:  # as _shown shows each, its text made in C
        if kinds <= _DECIMALS:
            shown: Iterable[str] = map(format, numbers, itertools.repeat("f"))
        else:
            repeat = itertools.repeat
            shown = [
                *map(format, [v for v in numbers if v.__class__ is Decimal], repeat("f")),
                *map(format, [v for v in numbers if v.__class__ is Grouped], repeat(",f")),
                *map(str, [v for v in numbers if v.__class__ is int or v.__class__ is float]),
            ]
        return min(WIDEST, max(map(len, shown), default=-2) + 2)
    if not numbers:
        return 0
    try:
        if float in kinds:  # a float NaN is no end, wherever it stands: each is looked at
            raise TypeError
        ends: tuple[Any, ...] = (max(numbers), min(numbers))
        if not (_finite(ends[0]) and _finite(ends[1])):
            raise ArithmeticError
    except (ArithmeticError, TypeError):
        # A Decimal NaN (never an amount's) is not ordered, and an infinity is no widest
        # number: the ends of the finite ones, and each other one as shown (as a row
        # written alone counts it: the same widths whatever rows a block holds).
        finite = [v for v in numbers if _finite(v)]
        other = {str(v): v for v in numbers if not _finite(v)}
        ends = ((max(finite), min(finite)) if finite else ()) + tuple(other.values())
    if form == "percent":
        return min(WIDEST, max((len(_percent(v)) for v in ends), default=0) + 2)
    return min(WIDEST, max((width(_shown(v, form)) for v in ends), default=0) + 2)


_DECIMALS = frozenset({Decimal, type(None)})
_NOT_NONE = functools.partial(operator.is_not, None)


def _percent(value: Any) -> str:
    """A share as 0.00% shows it."""
    try:
        return f"{float(value):.2%}"
    except (OverflowError, ValueError):
        return str(value)


def _points(lines: int) -> float:
    """The height of a row of so many lines, in points."""
    return round(lines * LINE_POINTS, 1)


class XlsxWriter(Writer):
    """The decisions as a workbook; saved to the output at the end (outputs.py stages it).
    On every core, each worker's writer makes its rows' values and sends them (restart,
    write), and the run's takes them in, in order, into the one workbook (gather): the
    same rows one process writes."""

    joinable: ClassVar[bool] = False
    gathers: ClassVar[bool] = True
    # Every core from a smaller file than the other formats: the run's process writes the
    # rows while the workers decide and make them (20,000 parcels, 2.8 MB: 2.6 s on two
    # cores, 3.3 s in one; 10,000, 1.4 MB: the same either way).
    every_core_from: ClassVar[int | None] = 2 << 20

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.book: Any = None  # made when this process first writes a row (_open)
        self.scratch: str | None = None
        self._part = False  # a worker's: its rows' values are sent, not written
        self._sent = False  # the part's first line, the decisions sheet's columns, is sent
        self._held: list[tuple[list[Any], list[list[Any]]]] = []  # a worker's, to be sent
        self._waiting: list[tuple[list[Any], list[list[Any]], list[Any]]] = []  # _add's
        self._summed_once: set[tuple[int, int]] = set()  # merged figures summed (_add)
        self.columns: list[tuple[str, str]] = []  # the decisions sheet's (heading, form)
        self.book_columns = self.view.book_columns()
        self.register: Register | None = None
        self.shown_columns: list[BookColumn] = []
        self.sums: list[Decimal | None] = []
        self.contract = Contract(self.kind.model)
        self.values_used = _values_used(self.families)
        self.lead = [c for c in self.book_columns if c.lead][:2] or list(self.book_columns[:1])
        self._typed: defaultdict[str, dict[str, Any]] = defaultdict(dict)  # by form
        self.forms: list[str] = []  # the decisions sheet's columns' forms

    def _open(self) -> None:
        """The workbook and its sheets, in this process, once."""
        if self.book is not None:
            return
        from ._xlsx_rows import Book  # with XlsxWriter: imported when a workbook is made

        lang = self.lang
        # The sheets' rows wait in a scratch directory of the workbook's own, removed
        # when it is saved or abandoned (named by this process: if it is killed, the
        # next run removes it, outputs.sweep).
        self.scratch = tempfile.mkdtemp(prefix=f"comply-xlsx-{os.getpid()}-")
        self.book = Book(
            self.out.buffer,  # type: ignore[attr-defined]
            {"constant_memory": True, "tmpdir": self.scratch},
        )
        self.formats = _Formats(self.book)
        title = self.families[0].doc.title.in_(lang)
        heading = WORDS["heading"].in_(lang).format(title=title, as_of=self.as_of)
        self.main = _Table(
            self.book, self.formats, self.view.sheet_title().in_(lang), heading, lang
        )
        actions = WORDS["actions"].in_(lang)
        self.actions = _Table(self.book, self.formats, actions, heading, lang, totalled=False)
        self.summary_sheet = self.book.add_worksheet(_sheet_name(WORDS["summary"].in_(lang)))
        self.actions.columns = self._action_columns()

    def start(self) -> None:
        self._open()

    def restart(self, out: IO[str]) -> None:
        """A worker's next part, perhaps of another run (a Dask worker keeps its writer):
        the columns are taken again from the part's first subject."""
        super().restart(out)
        self._part, self._sent, self._held, self._waiting = True, False, [], []
        self.columns, self.register, self.shown_columns, self.sums = [], None, [], []
        self.forms = []

    def abandon(self) -> None:
        """A failed run: the workbook is never saved, and its rows so far are removed."""
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)

    # ---- the decisions sheet -------------------------------------------------------------

    def layout(self, subject: Subject) -> None:
        """The columns, from the first subject: the register's own, where it was kept, in
        place of the columns that name the subject; then the decision's."""
        self.register = subject.register.register if subject.register is not None else None
        kept = self.register is not None
        self.shown_columns = [c for c in self.book_columns if not (kept and c.lead)]
        headings: list[tuple[str, str]] = []
        if self.register is not None:
            for kept_column in self.register.columns:
                form = _register_form(kept_column, self.contract)
                headings.append((self._heading(kept_column), form))
        for column in self.shown_columns:
            headings.append((column.title.in_(self.lang), column.form))
        self.columns = headings
        self.forms = [form for _, form in headings]
        summed = [self._summed(c) for c in self.register.columns] if self.register else []
        summed += [c.total for c in self.shown_columns]
        self.sums = [Decimal(0) if s else None for s in summed]

    def _heading(self, column: Column) -> str:
        """A register column's heading: as the bureau wrote it; a column headed by the
        contract's own (English) name is given its Chinese header in a Chinese workbook."""
        written = column.written or column.letter
        if self.lang == "zh" and column.field is not None and written == column.field:
            written = self.contract.labels.get(column.field, written)
        if column.unit and column.unit not in compact(written):
            # the unit its register's title states (单位：万元): a sheet without the title
            # says it beside the figures, 出让价款（万元）
            return (
                f"{written}（{column.unit}）" if self.lang == "zh" else f"{written} ({column.unit})"
            )
        return written

    def _summed(self, column: Column) -> bool:
        if column.field is not None:
            return column.field in self.contract.figures
        return bool(_SUMMED.search(column.written or ""))

    def write(self, decision: Decision, subject: Subject) -> None:
        if not self.columns:
            self.layout(subject)
        values, rows = self.made(decision, subject)
        own = subject.register if self.register is not None else None
        self.take(values, rows, own.merged_from if own is not None else ())

    def made(self, decision: Decision, subject: Subject) -> tuple[list[Any], list[list[Any]]]:
        """A subject's row of the decisions sheet and its actions' rows, as values (the
        columns laid out)."""
        values: list[Any] = []
        if self.register is not None:
            kept = subject.register
            known = self._typed
            values += [
                found
                if (found := known[form].get(v, _UNKNOWN)) is not _UNKNOWN
                else self.register_value(v, form)
                for v, form in zip(
                    kept.values if kept is not None else (), self.forms, strict=False
                )
            ]
            values += [None] * (len(self.register.columns) - len(values))
        values += self.decided(decision, subject)
        return values, self.action_rows(decision, subject)

    def decided(self, decision: Decision, subject: Subject) -> list[Any]:
        """The decision's columns of a subject's row."""
        words = self.words
        return [column.value(words, decision, subject) for column in self.shown_columns]

    def action_rows(self, decision: Decision, subject: Subject) -> list[list[Any]]:
        """A subject's actions' rows."""
        words = self.words
        lead = [column.value(words, decision, subject) for column in self.lead]
        return [self._action_row(lead, decision, action) for action in decision.actions]

    def take(self, values: list[Any], rows: list[list[Any]], merged_from: Any = ()) -> None:
        """A subject's rows written (a worker's: held, and sent SENT_TOGETHER at a time)."""
        if self._part:  # a worker's: the values, for the run's writer to write (gather)
            if not self._sent:
                summed = [total is not None for total in self.sums]
                self.out.write(LAYOUT + _packed((self.columns, summed)) + "\n")
                self._sent = True
            self._held.append((values, rows))
            if len(self._held) >= SENT_TOGETHER:
                self.part_written()
            return
        self._add(values, rows, merged_from)

    def part_written(self) -> None:
        """A worker's subjects so far, sent as one line (pickled together: about a third
        of the bytes, the texts they share sent once, in about a third of the time)."""
        if self._held:
            self.out.write(_packed(self._held) + "\n")
            self._held = []

    def gather(self, text: str) -> None:
        """A worker's part: the decisions sheet's columns, then each subject's values."""
        self._flush()
        for line in text.split("\n"):
            if line.startswith(LAYOUT):
                if not self.columns:  # every part's are the same: the file's header's
                    self.columns, summed = _unpacked(line[len(LAYOUT) :])
                    self.sums = [Decimal(0) if s else None for s in summed]
            elif line:
                subjects = _unpacked(line)
                self._add_many(
                    [values for values, _ in subjects],
                    [row for _, rows in subjects for row in rows],
                )

    def _add(self, values: list[Any], rows: list[list[Any]], merged_from: Any = ()) -> None:
        """A subject's row of the decisions sheet and its actions' rows, written (held until
        SENT_TOGETHER are, then written as blocks); a figure a range merged over several
        rows filled (`merged_from`: its column and the range's first row) summed on the
        first row written of it, not again on the others (a row before it may have been
        refused, or been a heading)."""
        counted = values
        if merged_from:
            counted = list(values)
            for index, first in merged_from:
                if (index, first) in self._summed_once:
                    counted[index] = None
                else:
                    self._summed_once.add((index, first))
        self._waiting.append((values, rows, counted))
        if len(self._waiting) >= SENT_TOGETHER:
            self._flush()

    def _flush(self) -> None:
        """The subjects held by _add, written."""
        if self._waiting:
            waiting, self._waiting = self._waiting, []
            self._add_many(
                [values for values, _, _ in waiting],
                [row for _, rows, _ in waiting for row in rows],
                [counted for _, _, counted in waiting],
            )

    def _add_many(
        self,
        subjects: list[list[Any]],
        rows: list[list[Any]],
        counted: list[list[Any]] | None = None,
    ) -> None:
        """Subjects' rows of the decisions sheet and their actions' rows, written, each
        summed column's total taken on (of `counted`, where given)."""
        self._open()
        if not self.main.columns:
            self.main.columns = self.columns
            self.formats.before(form for _, form in self.columns)
        summed = subjects if counted is None else counted
        for index, total in enumerate(self.sums):
            if total is not None:
                form = self.columns[index][1]
                self.sums[index] = _total(total, [values[index] for values in summed], form)
        self.main.add_many(subjects)
        self.actions.add_many(rows)

    def register_value(self, value: Any, form: str) -> Any:
        """A kept cell as the sheet holds it (a text's reading remembered: a register
        repeats its words, its dates and its blanks)."""
        if value.__class__ is not str:
            return _register_value(value, form)
        known = self._typed[form]  # texts only: no other value equals a text
        found = known.get(value, _UNKNOWN)
        if found is _UNKNOWN:
            if len(known) >= TYPED_KEPT:
                known.clear()
            found = known[value] = _register_value(value, form)
        return found

    # ---- the actions sheet ---------------------------------------------------------------

    def _action_columns(self) -> list[tuple[str, str]]:
        lang = self.lang
        columns: list[tuple[str, str]] = [(c.title.in_(lang), c.form) for c in self.lead]
        columns += [(WORDS[n].in_(lang), "text") for n in ("status", "code", "action")]
        columns += [(WORDS["title"].in_(lang), "long"), (WORDS["prospect"].in_(lang), "text")]
        columns += [(WORDS[n].in_(lang), VALUE_FORMS[n]) for n in self._values()]
        columns += [(WORDS[n].in_(lang), "long") for n in self._tails()]
        columns += [(WORDS["rule"].in_(lang), "text"), (WORDS["basis"].in_(lang), "long")]
        return columns

    def _values(self) -> list[str]:
        return [n for n in ACTION_VALUES if n in self.values_used]

    def _tails(self) -> list[str]:
        return [
            n
            for n in ("recipients", "options", "approved_by", "issued_by")
            if n in self.values_used
        ]

    def _action_row(self, lead: list[Any], decision: Decision, action: Action) -> list[Any]:
        words, lang = self.words, self.lang
        head, tail = self.action_parts(action)
        row = [
            *lead,
            words.status_label(decision.status),
            action.code,
            words.short_name(action.code),
            head["title"],
            WORDS["yes" if action.prospect else "no"].in_(lang),
            *(getattr(action, n) for n in self._values()),
        ]
        joined = "、" if lang == "zh" else ", "
        for name in self._tails():
            found = tail.get(name)
            if isinstance(found, list):
                row.append(joined.join(i.get("name") or i.get("title", "") for i in found))
            else:
                row.append(found["name"] if found else None)
        row += [action.rule, head["basis"]]
        return row

    # ---- the end -------------------------------------------------------------------------

    def finish(self, extra: Any = None) -> None:
        super().finish(extra)
        self._flush()
        self._open()
        if not self.columns:  # no subject: the decision's columns alone
            self.shown_columns = list(self.book_columns)
            self.columns = [(c.title.in_(self.lang), c.form) for c in self.book_columns]
            self.sums = [Decimal(0) if c.total else None for c in self.book_columns]
        if not self.main.columns:
            self.main.columns = self.columns
        # A total of the register's own figures shows the decimals they had (12.5 + 3.25 is
        # 15.75, 3 + 4 is 7; 3860.1234 万元 + 980 is 4840.1234); a total of the decision's
        # amounts, to the cent.
        totals: list[Any] = [
            None
            if isinstance(s, Decimal) and s.is_nan()  # UNSUMMED
            else _cents(s)
            if isinstance(s, Decimal) and form not in (OWN_FORM, "number")
            else s
            for s, (_, form) in zip(self.sums, self.main.columns, strict=True)
        ]
        totals[0] = WORDS["total"].in_(self.lang) if totals[0] is None else totals[0]
        self.main.close(totals)
        self.actions.close()
        self._summary()
        self.out.flush()
        try:
            self.book.close()
        except Exception as exc:
            failed = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else None
            if failed is None:
                raise
            # XlsxWriter's FileCreateError of a failed write (a disk full): the OSError
            # itself; the zip it was writing closed now, quietly (left to the collector, it
            # printed its own failure to close after the run's message).
            _let_go(exc)
            failed.__traceback__ = None
            raise failed from None
        except KeyboardInterrupt as exc:  # interrupted while saving: the same, quietly
            _let_go(exc)
            raise
        finally:
            self.abandon()  # the scratch directory: the rows are in the workbook now

    def _summary(self) -> None:
        lang, sheet, words = self.lang, self.summary_sheet, self.words
        sheet.set_paper(PAPER["A4"])
        sheet.fit_to_pages(1, 0)
        sheet.set_column(0, 0, 30)
        sheet.set_column(1, 1, SUMMARY_WIDTH)
        title = self.families[0].doc.title.in_(lang)
        rows: list[tuple[Any, Any, str]] = [
            (title, None, "title"),
            (WORDS["as_of"].in_(lang), self.as_of, "date"),
            (WORDS["rulebook"].in_(lang), self.rulebook["version"], "text"),
            (WORDS["sha256"].in_(lang), self.rulebook["sha256"], "text"),
        ]
        for pack in self.rulebook.get("packs", []):
            shown = f"{pack['pack']} {pack['version']} (sha256 {pack['sha256']})"
            rows.append((WORDS["pack"].in_(lang), shown, "text"))
        if self.reading.source:
            rows.append((WORDS["source"].in_(lang), self.reading.source, "text"))
        rows.append((WORDS["counts"].in_(lang), None, "heading"))
        summary = self.summary
        noun = self.view.noun.in_(lang)
        rows.append((words.text("subjects", noun=noun), summary.subjects, "int"))
        for status in words.statuses:
            if summary.by_status[status]:
                rows.append((words.status_label(status), summary.by_status[status], "int"))
        rows.append((WORDS["lines"].in_(lang), None, "heading"))
        for label, values in self.view.lines:
            figures = {**values(summary), **self.extra}
            rows.append((label.in_(lang).format(**figures), None, "line"))
        notes = [note.in_(lang) for note in self.reading.notes]
        notes += [
            WORDS["skipped"]
            .in_(lang)
            .format(
                row=s.row,
                reason=WORDS["total_row" if s.reason == "total" else "separator"].in_(lang),
                text=s.text,
            )
            for s in self.reading.skipped
        ]
        if notes:
            rows.append((WORDS["reading"].in_(lang), None, "heading"))
            rows += [(note, None, "line") for note in notes]
        formats = self.formats
        for number, (label, value, form) in enumerate(rows):
            if form == "line":  # a line of the summary, in the wide column, as tall as it wraps
                lines = math.ceil(width(label) * FILL / (SUMMARY_WIDTH - 2))
                if lines > 1:
                    sheet.set_row(number, _points(lines))
                _write(sheet, number, 1, label, formats.of(LEFT))
                continue
            first: dict[str, Any] = {**TOP}  # a title runs on into the empty cells
            if form in ("title", "heading"):
                first.update(bold=True, font_size=14 if form == "title" else 11)
            if form == "title":
                sheet.set_row(number, 24)
            _write(sheet, number, 0, label, formats.of(first))
            if value is not None:
                number_format = _number_format(value, form if form in NUMBER_FORMATS else "text")
                _write(sheet, number, 1, value, formats.of({**LEFT, "num_format": number_format}))


def _cents(total: Decimal) -> Decimal:
    """A total to the cent; one too large to be (28 digits or more: a register's own
    column of 1e26) as it is."""
    try:
        return total.quantize(Decimal("0.01"))
    except InvalidOperation:
        return total


def _total(total: Decimal, values: list[Any], form: str = "") -> Decimal:
    """A summed column's total with its values taken on, one after the other: each finite
    number, not a boolean (a workbook register's TRUE, or a number cell read as infinity,
    in a column of 亩), as its text says (a float's shortest digits). A register's column of
    amounts or areas with a figure written with its unit (4860万, 12000平方米: kept as
    written, a text) has no total (UNSUMMED): one of its numbers alone would leave it out."""
    kinds = set(map(type, values))
    if kinds <= _AMOUNTS:  # the decision's amounts: Decimals or none
        return sum([v for v in values if v is not None and _finite(v)], total)
    if form == "number" and str in kinds and any(v.__class__ is str and v for v in values):
        return UNSUMMED
    grouped = total.__class__ is Grouped  # figures written 1,234.50: a total so too
    for value in values:
        numeric = isinstance(value, int | float | Decimal) and value.__class__ is not bool
        if numeric and _finite(value):
            total = total + Decimal(str(value))
            grouped = grouped or value.__class__ is Grouped
    return Grouped(total) if grouped else total


_AMOUNTS = frozenset({Decimal, type(None)})
UNSUMMED = Decimal("NaN")  # a total not shown (_total): NaN stays NaN as figures are added


def _let_go(exc: BaseException) -> None:
    """Close now, quietly, what a failed save left open (the zip being written, held by the
    frames of the exception's tracebacks), while the output it writes to is still open."""
    with _unraisable_ignored():
        seen: BaseException | None = exc
        while seen is not None:
            seen.__traceback__ = None
            seen = seen.__context__ or seen.__cause__
        gc.collect()


# A worker's part: its first line LAYOUT and the decisions sheet's columns, then lines of up
# to SENT_TOGETHER subjects, each subject its row's values and its actions' rows; each
# line's value pickled (exactly the values, of every type a cell holds) in base64 (a line
# of text).
LAYOUT = "#"


def _packed(value: Any) -> str:
    return base64.b64encode(pickle.dumps(value, pickle.HIGHEST_PROTOCOL)).decode("ascii")


def _unpacked(text: str) -> Any:
    return pickle.loads(base64.b64decode(text))  # this run's own workers' values


@contextlib.contextmanager
def _unraisable_ignored() -> Iterator[None]:
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _: None
    try:
        yield
    finally:
        sys.unraisablehook = hook


def _values_used(families: Sequence[Any]) -> set[str]:
    """The action values and addressees any rule of the run can give."""
    used: set[str] = set()
    for family in families:
        for compiled in family.rules:
            for action in compiled.actions:
                spec = action.spec
                used |= {
                    n
                    for n in (*ACTION_VALUES, "recipients", "options", "approved_by", "issued_by")
                    if getattr(spec, n, None)
                }
    return used


def _register_form(column: Any, contract: Contract) -> str:
    if column.field is not None and column.field in contract.figures:
        return "number"
    if column.field is not None and column.field in contract.texts:
        return "text"  # an id such as 2012-01-01 or -1 is an id, not a date or a number
    return OWN_FORM


def _register_value(value: Any, form: str) -> Any:
    """A kept cell as the sheet holds it: typed as the register had it."""
    return typed(value, form if form in ("number", "text") else None)


def _row(
    sheet: Any,
    formats: _Formats,
    row: int,
    values: list[Any],
    forms: list[str],
    look: str,
    fit: Fit | None = None,
) -> None:
    """A row of cells, their values and their columns' forms, in one of the sheet's looks
    (body: bordered, head: the header row, total: the totals row): written whole where the
    sheet can (_xlsx_rows), else cell by cell. With `fit`, as tall as its tallest wrapped
    text (a sheet's reader does not always fit the heights of rows it did not lay out)."""

    format_of = _format_of(formats, look)
    if sheet.write_cells(row, values, forms, formats.attributes[look], format_of, fit):
        return
    if fit is not None and (lines := fit.tallest(values)) > 1:
        sheet.set_row(row, fit.height(lines))
    for column, (value, form) in enumerate(zip(values, forms, strict=True)):
        if value.__class__ is str and value:
            _string(sheet, row, column, value, format_of(value, form))
        else:
            _write(sheet, row, column, value, format_of(value, form))


def _format_of(formats: _Formats, look: str) -> Callable[[Any, str], Any]:
    """The cell format of a value in a column of a form, in one of the sheet's looks."""

    def format_of(value: Any, form: str) -> Any:
        if value.__class__ is str and value:  # most cells
            return formats.look(look, "General", form == "long" or "\n" in value)
        wrap = value.__class__ is str and form == "long"  # an empty text keeps its column's
        return formats.look(look, _number_format(value, form), wrap)

    return format_of


def _number_format(value: Any, form: str) -> str:
    """A value's number format: a date's, an amount's or a count's by its column's form."""
    if isinstance(value, str | bool) or value is None:
        return "General"
    if isinstance(value, datetime):
        return DATETIME_FORMAT
    if isinstance(value, date):
        return NUMBER_FORMATS["date"]
    if form == OWN_FORM and (isinstance(value, Decimal) or value.__class__ is int):
        return own_format(value)  # as written: 12.50, 2012.10, 410102198001011
    if form == "number" and (value.__class__ is Decimal or value.__class__ is float):
        return amount_format(value)  # 3,860.1234 (万元) where written so
    if isinstance(value, int | float | Decimal | Fraction) and form not in ("text", "long"):
        return NUMBER_FORMATS.get(form, "General")
    return "General"


def _write(sheet: Any, row: int, column: int, value: Any, cell_format: Any) -> None:
    """A cell of `value`: a text as a string cell (never a formula), a date, an amount or a
    count as itself; nothing but its look for None."""
    if value is None or value == "":  # an empty text is a blank cell, as a sheet holds it
        sheet.write_blank(row, column, None, cell_format)
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value, cell_format)
    elif isinstance(value, date):  # a datetime is one
        sheet.write_datetime(row, column, value, cell_format)
    elif isinstance(value, int | float | Decimal | Fraction) and _finite(value):
        sheet.write_number(row, column, float(value), cell_format)
    else:
        _string(sheet, row, column, str(value), cell_format)


def _finite(value: int | float | Decimal | Fraction) -> bool:
    try:
        return math.isfinite(float(value))
    except (OverflowError, ValueError):
        return False


def _string(sheet: Any, row: int, column: int, value: str, cell_format: Any) -> None:
    """A text as a string cell, what XML cannot hold shown as U+FFFD.

    A text that opens with <r> and closes with </r>, which XlsxWriter's constant-memory mode
    would put into the sheet's XML as it stands (as formatted text's XML), is written as
    formatted text itself: runs of the sheet's own font, their texts escaped. That path
    escapes a run's text twice (once as a run, once as the cell): the runs are cut between
    each _ and x, so that no text such as _x0041_ is read back as _x005F_x0041_, and a
    carriage return, which it would write as _x005F_x000D_, is a line break there."""
    shown = _NOT_IN_XML.sub("\ufffd", value)
    if shown.startswith("<r>") and shown.endswith("</r>"):
        shown = shown.replace("\r\n", "\n").replace("\r", "\n")
        runs = shown.replace("_x", "_\x00x").split("\x00")  # no NUL is left in `shown`
        first = runs[0]  # "<r>" at least: three runs at least, none empty
        sheet.write_rich_string(
            row, column, first[:1], first[1:2], first[2:], *runs[1:], cell_format
        )
    else:
        sheet.write_string(row, column, shown, cell_format)


# What XML 1.0 cannot hold: control characters but tab, line feed and carriage return;
# surrogates; U+FFFE and U+FFFF.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _shown(value: Any, form: str) -> str:
    """A value as the sheet shows it, for its column's width: the longest line of a text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return max(value.split("\n"), key=width)
    if isinstance(value, datetime):  # DATETIME_FORMAT
        return "2012-08-31 14:30"
    if isinstance(value, date):
        return "2012-08-31"
    if form == "number" and (value.__class__ is Decimal or value.__class__ is float):
        return f"{value:,.{amount_places(value)}f}"
    if isinstance(value, Decimal | int | float) and form in ("money", "number"):
        return f"{value:,.2f}"
    if form == OWN_FORM and isinstance(value, Decimal) and own_format(value) != "General":
        return f"{value:,f}" if value.__class__ is Grouped else f"{value:f}"  # never 1E-7
    if form == "percent":
        return "100.00%"
    return str(plain(value))


def _sheet_name(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31]


FORMATS = {"xlsx": XlsxWriter}
