"""Workbooks an official can hand on: one row a subject, every action one a row, a summary.

The first sheet (处置结果 for parcels: the kind's `View.sheet`) holds one row a subject: the
register's own columns as the bureau wrote them, where they were kept, then the decision in
the kind's workbook columns (`View.book`): status in words, dates and amounts as Excel
values with their number formats, the actions in words with their dates and who decides.
The second lists every action one a row, the third the run: title, as-of date, rulebook
version and hash, packs, counts, the summary lines, how the input was read.

Each sheet is formatted for reading and printing: column widths from the first rows, a
frozen header, an autofilter, a totals row below the data, landscape pages fit to the
width, the header row repeated on every page. The sheets are streamed (openpyxl's
write-only mode): only the rows that set the widths are held. User text is always a string
cell, never a formula; characters a workbook cannot hold are shown as U+FFFD.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import math
import re
import weakref
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

from ..evaluate import Action, Decision
from ..kinds import BookColumn
from ..register import Column, Contract, Register, typed
from ..rulebook import words as _t
from ..subjects import Subject
from . import ACTION_VALUES, Writer, plain, width

NUMBER_FORMATS = {
    "text": "@",
    "long": "@",
    "date": "yyyy-mm-dd",
    "money": "#,##0.00",
    "number": "#,##0.00",
    "int": "0",
    "percent": "0.00%",
    "general": "General",
}
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
NARROWEST, WIDEST, LONG = 6, 40, 32  # column widths, in characters (a CJK one counts two)
HEADING = 12  # a heading wraps: it widens its column to this at most
LINE_POINTS = 15.6  # the height of a line of text, in points (11-point type, CJK included)
SUMMARY_WIDTH = 96  # the summary's column of figures and notes, in characters
FILL = 0.85  # of a text's counted width, what a line of a wrapped cell takes (CJK set tighter)
A4_WIDTH = 150  # wider than this (in characters), a sheet is printed on A3, as registers are


class _Styles:
    """The sheets' borders, fills, fonts and alignments, made when a workbook is first
    written: openpyxl is imported then, not by every run that writes another format."""

    def __init__(self) -> None:
        from openpyxl.styles import DEFAULT_FONT, Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="A0A7B0")
        self.font = DEFAULT_FONT  # a sheet's own (Calibri 11), as a cell without a style has
        self.head_font = Font(bold=True)
        self.head_fill = PatternFill("solid", fgColor="DDE5EE")
        self.total_fill = PatternFill("solid", fgColor="F2F4F7")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.head_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.top = Alignment(vertical="top")
        self.wrap = Alignment(vertical="top", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="top", wrap_text=True)


@functools.cache
def _styles() -> _Styles:
    return _Styles()


class _Table:
    """One sheet of a table: a header row, rows streamed after the first SAMPLE set the
    widths, an autofilter over them, a totals row, pages set up for printing."""

    def __init__(self, book: Any, title: str, heading: str, lang: str) -> None:
        from openpyxl.worksheet.properties import PageSetupProperties
        from openpyxl.worksheet.worksheet import Worksheet

        self.sheet = book.create_sheet(_sheet_name(title))
        self.lang = lang
        self.columns: list[tuple[str, str]] = []  # (heading, form)
        self.held: list[list[Any]] = []
        self.streaming = False
        self.rows = 0
        self.widths: list[float] = []
        sheet = self.sheet
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.print_options.gridLines = False
        sheet.page_margins.left = sheet.page_margins.right = 0.4
        sheet.page_margins.top = sheet.page_margins.bottom = 0.6
        sheet.oddHeader.center.text = heading.replace("&", "&&")
        sheet.oddFooter.center.text = WORDS["page"].in_(lang)

    def add(self, values: list[Any]) -> None:
        if self.streaming:
            self._append(values)
            return
        self.held.append(values)
        if len(self.held) >= SAMPLE:
            self._start()

    def close(self, totals: list[Any] | None = None) -> None:
        from openpyxl.utils import get_column_letter

        if not self.streaming:
            self._start()
        last = get_column_letter(max(1, len(self.columns)))
        self.sheet.auto_filter.ref = f"A1:{last}{self.rows + 1}"
        if totals is not None:
            self.sheet.append(
                [
                    _cell(self.sheet, value, form if value is not None else "text", "total")
                    for (_, form), value in zip(self.columns, totals, strict=True)
                ]
            )

    def _start(self) -> None:
        """Widths from the heading and the rows held, then the header and the rows."""
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.worksheet import Worksheet

        sheet = self.sheet
        total = 0
        for index, (heading, form) in enumerate(self.columns, start=1):
            shown = [_shown(row[index - 1], form) for row in self.held]
            longest_word = max((width(w) for w in heading.split()), default=0)
            wide = max(
                [
                    min(width(heading), max(HEADING, longest_word)) + 2,
                    *(width(s) + 2 for s in shown),
                ]
            )
            limit = LONG if form == "long" else WIDEST
            chosen = max(NARROWEST, min(limit, wide))
            sheet.column_dimensions[get_column_letter(index)].width = chosen
            self.widths.append(chosen)
            total += chosen
        if total > A4_WIDTH:
            sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A3
        sheet.freeze_panes = "A2"
        sheet.print_title_rows = "1:1"
        self._height(1, [heading for heading, _ in self.columns])
        sheet.append([_cell(sheet, heading, "text", "head") for heading, _ in self.columns])
        self.streaming = True
        for row in self.held:
            self._append(row)
        self.held = []

    def _append(self, values: list[Any]) -> None:
        self._height(self.rows + 2, values)
        sheet = self.sheet
        self.sheet.append(
            [
                _cell(sheet, value, form, "body")
                for (_, form), value in zip(self.columns, values, strict=True)
            ]
        )
        self.rows += 1

    def _height(self, row: int, values: list[Any]) -> None:
        """A row as tall as its tallest wrapped text (a sheet's reader does not always fit
        the heights of rows it did not lay out itself)."""
        lines = 1
        for value, wide in zip(values, self.widths, strict=False):
            if isinstance(value, str):
                room = max(1.0, (wide - 1.5) / FILL)
                lines = max(
                    lines, sum(max(1, math.ceil(width(p) / room)) for p in value.split("\n"))
                )
        if lines > 1:
            self.sheet.row_dimensions[row].height = round(lines * LINE_POINTS, 1)


class XlsxWriter(Writer):
    """The decisions as a workbook; saved to the output at the end (outputs.py stages it)."""

    joinable: ClassVar[bool] = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        import openpyxl

        lang = self.lang
        self.book = openpyxl.Workbook(write_only=True)
        title = self.families[0].doc.title.in_(lang)
        heading = WORDS["heading"].in_(lang).format(title=title, as_of=self.as_of)
        self.main = _Table(self.book, self.view.sheet_title().in_(lang), heading, lang)
        self.actions = _Table(self.book, WORDS["actions"].in_(lang), heading, lang)
        self.summary_sheet = self.book.create_sheet(_sheet_name(WORDS["summary"].in_(lang)))
        self.book_columns = self.view.book_columns()
        self.register: Register | None = None
        self.shown_columns: list[BookColumn] = []
        self.sums: list[Decimal | None] = []
        self.contract = Contract(self.kind.model)
        self.values_used = _values_used(self.families)
        self.lead = [c for c in self.book_columns if c.lead][:2] or list(self.book_columns[:1])
        self.actions.columns = self._action_columns()

    def abandon(self) -> None:
        """Close the write-only sheets' streams in order: left to the garbage collector, a
        sheet's row writer printed an lxml error after a failed run's messages."""
        for sheet in self.book.worksheets:
            with contextlib.suppress(Exception):
                sheet.close()

    # ---- the decisions sheet -------------------------------------------------------------

    def _layout(self, subject: Subject) -> None:
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
        self.main.columns = headings
        summed = [self._summed(c) for c in self.register.columns] if self.register else []
        summed += [c.total for c in self.shown_columns]
        self.sums = [Decimal(0) if s else None for s in summed]

    def _heading(self, column: Column) -> str:
        """A register column's heading: as the bureau wrote it; a column headed by the
        contract's own (English) name is given its Chinese header in a Chinese workbook."""
        written = column.written or column.letter
        if self.lang == "zh" and column.field is not None and written == column.field:
            return self.contract.labels.get(column.field, written)
        return written

    def _summed(self, column: Column) -> bool:
        if column.field is not None:
            return column.field in self.contract.amounts
        return bool(_SUMMED.search(column.written or ""))

    def write(self, decision: Decision, subject: Subject) -> None:
        if not self.main.columns:
            self._layout(subject)
        words = self.words
        values: list[Any] = []
        if self.register is not None:
            kept = subject.register
            values += [
                _register_value(v, self.main.columns[i][1])
                for i, v in enumerate(kept.values if kept is not None else ())
            ]
            values += [None] * (len(self.register.columns) - len(values))
        values += [column.value(words, decision, subject) for column in self.shown_columns]
        for index, value in enumerate(values):
            total = self.sums[index]
            if total is not None and isinstance(value, int | float | Decimal):
                self.sums[index] = total + Decimal(str(value))
        self.main.add(values)
        lead = [column.value(words, decision, subject) for column in self.lead]
        for action in decision.actions:
            self.actions.add(self._action_row(lead, decision, action))

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
        if not self.main.columns:  # no subject: the decision's columns alone
            self.shown_columns = list(self.book_columns)
            self.main.columns = [(c.title.in_(self.lang), c.form) for c in self.book_columns]
            self.sums = [Decimal(0) if c.total else None for c in self.book_columns]
        totals: list[Any] = [
            s.quantize(Decimal("0.01")) if isinstance(s, Decimal) else s for s in self.sums
        ]
        totals[0] = WORDS["total"].in_(self.lang) if totals[0] is None else totals[0]
        self.main.close(totals)
        self.actions.close()
        self._summary()
        self.out.flush()
        self.book.save(self.out.buffer)  # type: ignore[attr-defined]

    def _summary(self) -> None:
        from openpyxl.styles import Alignment, Font
        from openpyxl.worksheet.properties import PageSetupProperties
        from openpyxl.worksheet.worksheet import Worksheet

        lang, sheet, words = self.lang, self.summary_sheet, self.words
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.column_dimensions["A"].width = 30
        sheet.column_dimensions["B"].width = SUMMARY_WIDTH
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
        left = _styles().left
        for number, (label, value, form) in enumerate(rows, start=1):
            if form == "line":  # a line of the summary, in the wide column, as tall as it wraps
                text = _cell(sheet, label, "long")
                text.alignment = left
                lines = math.ceil(width(label) * FILL / (SUMMARY_WIDTH - 2))
                if lines > 1:
                    sheet.row_dimensions[number].height = round(lines * LINE_POINTS, 1)
                sheet.append([None, text])
                continue
            first = _cell(sheet, label, "text")
            first.alignment = Alignment(vertical="top")  # a title runs on into the empty cells
            if form in ("title", "heading"):
                first.font = Font(bold=True, size=14 if form == "title" else 11)
            if form == "title":
                sheet.row_dimensions[number].height = 24
            if value is None:
                sheet.append([first])
                continue
            second = _cell(sheet, value, form if form in NUMBER_FORMATS else "text")
            second.alignment = left
            sheet.append([first, second])


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
    if column.field is not None and column.field in contract.amounts:
        return "number"
    if column.field is not None and column.field in contract.texts:
        return "text"  # an id such as 2012-01-01 or -1 is an id, not a date or a number
    return "general"


def _register_value(value: Any, form: str) -> Any:
    """A kept cell as the sheet holds it: typed as the register had it."""
    return typed(value, form if form in ("number", "text") else None)


def _cell(sheet: Any, value: Any, form: str, look: str = "plain") -> Any:
    """A cell of `value`: a text as a string cell (never a formula), a date, an amount or a
    count as itself, with the number format of its form, in one of the sheet's looks
    (plain, body: bordered, head: the header row, total: the totals row)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    number_format, wrap = "General", False
    if isinstance(value, str):
        shown = _NOT_IN_XML.sub("\ufffd", ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
        cell = WriteOnlyCell(sheet, value=shown)
        cell.data_type = "s"
        wrap = form == "long" or "\n" in value
    else:
        if isinstance(value, Fraction):
            value = float(value)
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, datetime):
            number_format = "yyyy-mm-dd hh:mm"
        elif isinstance(value, date):
            number_format = NUMBER_FORMATS["date"]
        elif isinstance(value, bool):
            pass
        elif isinstance(value, int | float | Decimal) and form not in ("text", "long"):
            number_format = NUMBER_FORMATS.get(form, "General")
    arrays = _arrays(sheet.parent)
    array = arrays.get((look, number_format, wrap))
    if array is None:
        cell.style = _named(sheet.parent, look, number_format, wrap)  # a copy of its array
        array = arrays[look, number_format, wrap] = copy.copy(getattr(cell, "_style"))  # noqa: B009
    else:  # the same, without openpyxl finding the named style by its name (a list's scan)
        setattr(cell, "_style", copy.copy(array))  # noqa: B010 - openpyxl's own attribute
    return cell


# Each look's array of style ids, as a cell given its named style holds it (copied for
# each cell), by workbook; the last workbook's found without the weak dictionary.
_ARRAYS: weakref.WeakKeyDictionary[Any, dict[tuple[str, str, bool], Any]] = (
    weakref.WeakKeyDictionary()
)
_LAST: list[Any] = [None, {}]


def _arrays(book: Any) -> dict[tuple[str, str, bool], Any]:
    last = _LAST[0]() if _LAST[0] is not None else None
    if last is not book:
        _LAST[:] = [weakref.ref(book), _ARRAYS.setdefault(book, {})]
    found: dict[tuple[str, str, bool], Any] = _LAST[1]
    return found


# What XML 1.0 cannot hold beyond openpyxl's control characters: surrogates, U+FFFE, U+FFFF.
_NOT_IN_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")

# A workbook's cell looks, each registered once as a named style: openpyxl hashes a style
# object each time one is set on a cell (~80 us a cell), a named style is found by its name.
_LOOKS: weakref.WeakKeyDictionary[Any, dict[tuple[str, str, bool], str]] = (
    weakref.WeakKeyDictionary()
)


def _named(book: Any, look: str, number_format: str, wrap: bool) -> str:
    known = _LOOKS.setdefault(book, {})
    name = known.get((look, number_format, wrap))
    if name is None:
        from openpyxl.styles import NamedStyle

        style = _styles()
        name = f"Comply {look} {len(known) + 1}"
        named = NamedStyle(name=name, number_format=number_format, font=style.font)
        named.alignment = style.head_align if look == "head" else style.wrap if wrap else style.top
        if look != "plain":
            named.border = style.border
        if look in ("head", "total"):
            named.font = style.head_font
            named.fill = style.head_fill if look == "head" else style.total_fill
        book.add_named_style(named)
        known[look, number_format, wrap] = name
    return name


def _shown(value: Any, form: str) -> str:
    """A value as the sheet shows it, for its column's width: the longest line of a text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return max(value.split("\n"), key=width)
    if isinstance(value, date):
        return "2012-08-31"
    if isinstance(value, Decimal | int | float) and form in ("money", "number"):
        return f"{value:,.2f}"
    if form == "percent":
        return "100.00%"
    return str(plain(value))


def _sheet_name(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31]


FORMATS = {"xlsx": XlsxWriter}
