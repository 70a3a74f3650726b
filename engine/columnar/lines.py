"""JSON Lines, JSON, CSV and a table's rows written from columns: one template per shape of
decision, its blanks filled from each row's own values, the run's counts added a shape at a
time.

Rows of one shape (a kind's columnar code says which: the same combination of threshold
sides, the same case, the same values present) decide alike but for their own values: the
subject's id, its dates and amounts. The shape's template is the JSON Lines writer's own
line for its first row, with those values replaced by markers; the line of every row of the
shape is the template with the row's values in place of the markers, and the first row's is
checked against the writer's line for it. How each action's values come about (a value read,
a date plus a period, an amount a share of another) is the evaluator's recipe
(evaluate.Make), read here for whole columns. A recorded run's ledger entries of the
decisions (ledger.decision_entry) are made from a second template of the shape, alike.

A table's template is its row as a worker's part holds it (writers/table.py), made of the
view's cells that show values where they stand (cells.through) and of the earliest due date
where there is one due date (or none); its subject's row fields (a holder's name) are blanks
too.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from json.encoder import encode_basestring as _encode_string
from typing import Any, cast

import numpy as np

from .. import ledger, records
from ..cells import money
from ..errors import EngineError
from ..evaluate import Action, Decision, Make, share_of
from ..subjects import Subject
from ..writers import inert, printable
from ..writers.csv_rows import CsvWriter
from ..writers.json_records import JsonLinesWriter, JsonWriter
from ..writers.table import TableWriter, part_row

TEMPLATES_KEPT = 20_000  # shapes of decision remembered in a run (a few kilobytes each)
_JSON_MARK = re.compile(r'"\\u0000(\d+)\\u0000"')
_PLAIN_MARK = re.compile("\x00(\\d+)\x00")
_MARKS = {"jsonl": _JSON_MARK, "json": _JSON_MARK, "csv": _PLAIN_MARK, "table": _PLAIN_MARK}
# A table's markers while its cells are made printable (which removes control characters).
_TABLE_MARK = re.compile("\ue000(\\d+)\ue001")


@dataclass
class Decided:
    """What a kind's columnar code gives for a block: which lines the row path takes; each
    other line's subject and decision when asked; and, for writing from columns, each
    line's shape and its own values."""

    slow: np.ndarray
    made: Callable[[int], tuple[Subject, Decision]]
    shape: np.ndarray | None = None  # per line; lines of a shape decide alike (-1: none)
    # A snapshot value that varies from row to row within the shape of a line, for every
    # line (day numbers for dates, ints, Decimals or None), or None where it is constant.
    own: Callable[[str, int], np.ndarray | None] | None = None
    makers: Callable[[int], Sequence[Make]] | None = None  # the recipes of a line's actions
    keys: Sequence[Any] = ()  # each shape's name across blocks
    # A field of the subject's row (as the row holds it) for every line, or None if the row
    # has no such field: a table's cells may show one.
    row: Callable[[str], np.ndarray | None] | None = None


@dataclass
class _Slot:
    """A blank of a template: what fills it, for the rows of its shape."""

    source: str  # "subject", a decision value's name, an action's snapshot source, a row field
    how: str  # "id", "date", "int", "text", "amount"; a table's "row"
    offset: int = 0  # days added to a date (a due date after a period)
    rate: Any = None  # an action's amount's share of its base (None: a value's own amount)


@dataclass
class Counts:
    """What each decision of a shape adds to a writer's summary (counted)."""

    status: str
    actions: tuple[tuple[str, bool], ...]  # (code, prospect) of each action
    totals: dict[str, Decimal]  # the kind's totals with no amount
    routes: list[tuple[int, dict[str, int]]]  # amount slot -> each total's share of it


@dataclass
class _Template:
    pieces: list[str]
    slots: list[_Slot]
    order: list[int]  # the slot between each two pieces (a CSV repeats the subject)
    counts: Counts
    entry: tuple[list[str], list[int]] | None = None  # the ledger entry's pieces and slots


class Lines:
    """Writes a block's lines of given shapes through a JSON Lines, a CSV or a table writer
    (the formats whose lines stand alone, and a table's rows before they are aligned),
    counting them; in a recorded run, hands each decision's ledger entry to `record` (the
    entries, in order, and their count)."""

    def __init__(
        self,
        writer: JsonLinesWriter | CsvWriter | TableWriter,  # JsonWriter is one
        record: Callable[[str, int], None] | None = None,
    ) -> None:
        self.writer = writer
        self.record = record
        self.format = "csv" if isinstance(writer, CsvWriter) else "jsonl"
        if isinstance(writer, TableWriter):
            self.format = "table"
        self.mark = _MARKS[self.format]
        # A JSON Lines line opens with the date; a JSON document's decision follows a comma
        # (but the first) and a new line.
        self.head = '{"as_of": "' + writer.as_of.isoformat() + '", '
        self.rows: dict[str, list[str] | None] = {}  # the block's row fields, shown
        if isinstance(writer, JsonWriter):
            self.format, self.head = "json", ",\n  {"
        # Kept in the run's memo: a worker writes many pieces of one run.
        recorded = record is not None
        kept = writer.memo.fragments.setdefault(
            ("columnar", self.format, writer.lang, recorded), dict
        )
        assert isinstance(kept, dict)
        self.templates: dict[Any, _Template | None] = kept
        self.days: dict[str, dict[int, str]] = {}  # by format, a day's text

    def lines(
        self, decided: Decided, lines: np.ndarray
    ) -> tuple[list[str], list[str] | None] | None:
        """The JSON Lines of `lines` (of one block), in order, with the run's counts added,
        and in a recorded run their decisions' ledger entries; None if a shape has no
        template (the caller then writes decision by decision)."""
        assert decided.shape is not None
        assert decided.own is not None
        shape_keys = decided.keys
        shapes = decided.shape[lines]
        self.rows.clear()
        out: list[str] = [""] * len(lines)
        entries: list[str] | None = [""] * len(lines) if self.record is not None else None
        order = np.argsort(shapes, kind="stable")
        groups = [g for g in np.split(order, np.flatnonzero(np.diff(shapes[order])) + 1) if len(g)]
        templates = []
        for group in groups:
            first = int(lines[group[0]])
            key = shape_keys[int(shapes[group[0]])]
            template = self.templates.get(key, _MISSING)
            if template is _MISSING:
                if len(self.templates) >= TEMPLATES_KEPT:
                    self.templates.clear()
                template = self.templates[key] = self._template(decided, first)
            if template is None:
                return None  # written decision by decision, counted so
            templates.append(template)
        for group, template in zip(groups, templates, strict=True):
            rows = lines[group]
            first = int(rows[0])
            amounts = {  # each amount once: for its text and for the totals
                k: self._amounts(decided, slot, rows, first)
                for k, slot in enumerate(template.slots)
                if slot.how == "amount"
            }
            filled = {
                k: self._filled(decided, template.slots[k], rows, first, amounts.get(k))
                for k in set(template.order)  # a CSV leaves the decision's values out
            }
            texts = _joined(template.pieces, [filled[k] for k in template.order], len(rows))
            positions = group.tolist()
            for position, text in zip(positions, texts, strict=True):
                out[position] = text
            if entries is not None:
                assert template.entry is not None
                pieces, order = template.entry
                made = {
                    k: self._entry_texts(
                        decided, template.slots[k], rows, first, amounts, filled, k
                    )
                    for k in set(order)
                }
                for position, text in zip(
                    positions, _joined(pieces, [made[k] for k in order], len(rows)), strict=True
                ):
                    entries[position] = text
            self._count(template, len(rows), amounts)
        return out, entries

    def _count(self, template: _Template, count: int, amounts: dict[int, list[Decimal]]) -> None:
        counted(self.writer.summary, template.counts, count, amounts)

    def _template(self, decided: Decided, line: int) -> _Template | None:
        subject, decision = decided.made(line)
        writer = self.writer
        if decision.criteria or subject.register is not None:
            return None
        table = isinstance(writer, TableWriter)
        found_marks = marked(decided, line, decision)
        if found_marks is None:
            return None
        marked_decision, slots, amount_values, routes_from = found_marks
        if table:
            shown = self._table_row(marked_decision, slots)
            if shown is None:
                return None  # a cell that does not show its values where they stand
            text = shown
        else:
            text = self._written(marked_decision)
        pieces = self.mark.split(text)[::2]
        found = [int(n) for n in self.mark.findall(text)]
        if not set(found) <= set(range(len(slots))):
            return None  # not a marker of ours: this shape is written row by row
        template = _Template(
            pieces, slots, found, counts_of(writer, decision, routes_from, amount_values)
        )
        expected = self._written(decision, subject)
        if any(s.how == "row" and self._row_texts(decided, s.source) is None for s in slots):
            return None
        filled = self._first(decided, slots, found, line)
        if _joined(pieces, [filled[k] for k in found], 1) != [expected]:
            if table:  # a cell shows a value otherwise than its template can (row by row)
                return None
            raise EngineError(f"columnar path: line {line}: its template does not give its line")
        if self.record is not None:
            entry = ledger.decision_entry(records.record(marked_decision))
            template.entry = (
                _JSON_MARK.split(entry)[::2],
                [int(n) for n in _JSON_MARK.findall(entry)],
            )
            if not set(template.entry[1]) <= set(range(len(slots))):
                return None
            made = self._first(decided, slots, template.entry[1], line, "entry")
            expected = ledger.decision_entry(records.record(decision))
            if _joined(template.entry[0], [made[k] for k in template.entry[1]], 1) != [expected]:
                raise EngineError(
                    f"columnar path: line {line}: its template does not give its entry"
                )
        return template

    def _first(
        self, decided: Decided, slots: list[_Slot], keys: list[int], line: int, form: str = ""
    ) -> dict[int, list[str]]:
        """The texts that fill the slots `keys` for one line (a template's first)."""
        rows = np.array([line])
        return {
            k: self._filled(
                decided,
                slots[k],
                rows,
                line,
                self._amounts(decided, slots[k], rows, line) if slots[k].how == "amount" else None,
                form,
            )
            for k in set(keys)
        }

    def _table_row(self, marked: Decision, slots: list[_Slot]) -> str | None:
        """A table's row of a decision holding markers, as a part holds it: the row fields
        its cells show are marked too (new slots); None if a cell is not made from values
        where they stand."""
        writer = self.writer
        assert isinstance(writer, TableWriter)
        row = _MarkedRow(slots)
        subject = Subject(marked.subject, cast(Any, row), (), {})
        cells = []
        for _, cell in writer.view.columns:
            earliest = getattr(cell, "earliest", None)
            if earliest is not None:
                shown = _earliest(marked, earliest)
                if shown is None:
                    return None
            elif getattr(cell, "through", False):
                shown = cell(writer.words, marked, subject)
            else:
                return None
            # printable() removes control characters: the markers are kept out of its way.
            hidden = _PLAIN_MARK.sub("\ue000\\1\ue001", shown)
            cells.append(_TABLE_MARK.sub("\x00\\1\x00", printable(hidden)))
        return part_row(cells)

    def _written(self, decision: Decision, subject: Subject | None = None) -> str:
        """What the writer writes of a decision (a table: its row as a part holds it)."""
        writer = self.writer
        if isinstance(writer, TableWriter):
            assert subject is not None
            return part_row(writer.cells(decision, subject))
        if isinstance(writer, CsvWriter):
            out = io.StringIO()
            sink = writer._sink(out)
            for row in writer.csv_rows(decision):
                sink.writerow(row)
            return out.getvalue()
        if self.format == "json":
            return self.head + writer.as_json(decision)[1:]
        return self.head + writer.as_json(decision)[1:] + "\n"

    def write(self, lines: list[str], entries: list[str] | None = None) -> None:
        """Lines written in order (the first of a JSON document without its comma), and
        their decisions' ledger entries recorded."""
        if not lines:
            return
        writer = self.writer
        if self.record is not None:
            assert entries is not None
            assert len(entries) == len(lines)
            self.record("".join(entries), len(entries))
        if isinstance(writer, TableWriter):
            writer.rows("".join(lines))
            return
        if isinstance(writer, JsonWriter) and writer._first:
            lines = [lines[0][1:], *lines[1:]]
            writer._first = False
        writer.out.write("".join(lines))

    def decision(self, decision: Decision, subject: Subject) -> None:
        """A decision written (and recorded) by the writer itself."""
        self.writer.decision(decision, subject)
        if self.record is not None:
            self.record(ledger.decision_entry(records.record(decision)), 1)

    def _filled(
        self,
        decided: Decided,
        slot: _Slot,
        rows: np.ndarray,
        first: int,
        amounts: list[Decimal] | None = None,
        form: str = "",
    ) -> list[str]:
        """The texts that fill a slot for the rows (an amount slot's amounts given), in the
        writer's format or in the ledger entry's ("entry": records.typed, canonical)."""
        form = form or self.format
        if slot.how == "row":
            return self._row_field(decided, slot.source, rows)
        return slot_texts(decided, slot, rows, first, amounts, form, self.days)

    def _entry_texts(
        self,
        decided: Decided,
        slot: _Slot,
        rows: np.ndarray,
        first: int,
        amounts: dict[int, list[Decimal]],
        filled: dict[int, list[str]],
        k: int,
    ) -> list[str]:
        """The texts that fill a slot of a ledger entry: those of the JSON just made, where
        the entry's are the same (an id, a text, a number) or the same wrapped (a date, an
        amount: '"2012-07-01"' is '{"date":"2012-07-01"}' in the entry); else made."""
        shown = filled.get(k) if self.format in ("jsonl", "json") else None
        if shown is None or slot.how == "row":
            return self._filled(decided, slot, rows, first, amounts.get(k), "entry")
        if slot.how in ("id", "text", "int"):
            return shown
        opening = '{"decimal":' if slot.how == "amount" else '{"date":'
        return [opening + text + "}" for text in shown]

    def _row_field(self, decided: Decided, name: str, rows: np.ndarray) -> list[str]:
        """A row field's text, as a table's cell shows it, for the rows."""
        shown = self._row_texts(decided, name)
        if shown is None:
            raise EngineError(f"columnar path: the rows have no field {name!r}")
        return [shown[i] for i in rows.tolist()]

    def _row_texts(self, decided: Decided, name: str) -> list[str] | None:
        """A row field's text for every line of the block (None: the rows have none;
        remembered until the next block's lines)."""
        if name not in self.rows:
            found = decided.row(name) if decided.row is not None else None
            self.rows[name] = None if found is None else _shown_all(found)
        return self.rows[name]

    def _amounts(
        self, decided: Decided, slot: _Slot, rows: np.ndarray, first: int
    ) -> list[Decimal]:
        return slot_amounts(decided, slot, rows, first)


_MISSING: Any = object()


def slot_texts(
    decided: Decided,
    slot: _Slot,
    rows: np.ndarray,
    first: int,
    amounts: list[Decimal] | None,
    form: str,
    days: dict[str, dict[int, str]],
) -> list[str]:
    """The texts that fill a slot of the decision's own values for the rows (an amount
    slot's amounts given), in a format's form or in the ledger entry's ("entry":
    records.typed, canonical); `days` remembers each form's dates."""
    assert decided.own is not None
    values = decided.own(slot.source, first)
    assert values is not None, slot
    picked = values[rows]
    if slot.how == "id" or slot.how == "text":
        if form == "csv":
            return [_csv_cell(str(v)) for v in picked.tolist()]
        if form == "table":
            return [printable(str(v)) for v in picked.tolist()]
        return [_encode_string(v) for v in picked.tolist()]
    if slot.how == "int":
        return [str(v) for v in picked.tolist()]
    if slot.how == "amount":
        assert amounts is not None
        if form == "table":
            return [money(a) for a in amounts]
        opening, closing = _AMOUNT[form]
        return [opening + str(a) + closing for a in amounts]
    return _dates(picked + slot.offset, form, days)


def _dates(days: np.ndarray, form: str, known: dict[str, dict[int, str]]) -> list[str]:
    """Each day number's date as the format writes it."""
    cache = known.setdefault(form, {})
    if len(cache) > 1 << 16:
        cache.clear()
    opening, closing = _DATE[form]
    out = []
    for number in days.tolist():
        shown = cache.get(number)
        if shown is None:
            shown = cache[number] = opening + date.fromordinal(number).isoformat() + closing
        out.append(shown)
    return out


def slot_amounts(decided: Decided, slot: _Slot, rows: np.ndarray, first: int) -> list[Decimal]:
    """An amount slot's amounts for the rows (of the shape of the line `first`)."""
    assert decided.own is not None
    values = decided.own(slot.source, first)
    assert values is not None
    rate = slot.rate
    if rate is None:  # a value that is an amount: as it is
        found: list[Decimal] = values[rows].tolist()
        if None in found:  # a shape holds the values its first line has
            raise EngineError(f"columnar path: {slot.source}: an amount missing in a shape")
        return found
    return [share_of(base, rate) for base in values[rows].tolist()]


def counts_of(
    writer: Any,
    decision: Decision,
    amounts: list[tuple[int, int]],
    values: Sequence[tuple[int, str]] = (),
) -> Counts:
    """What a shape of `decision` counts: its status, its actions, and the kind's totals
    (_routes: `amounts`, the actions' amount slots; `values`, the amount values' slots)."""
    totals, routes = _routes(writer, decision, amounts, values)
    return Counts(
        decision.status, tuple((a.code, a.prospect) for a in decision.actions), totals, routes
    )


def counted(summary: Any, shape: Counts, count: int, amounts: dict[int, list[Decimal]]) -> None:
    """`count` decisions of a shape added to a writer's summary, their amounts given by
    slot."""
    summary.subjects += count
    summary.by_status[shape.status] += count
    for code, prospect in shape.actions:
        summary.by_action[code] += count
        if prospect:
            summary.in_prospect[code] += count
    sums = {name: value * count for name, value in shape.totals.items()}
    for slot_index, shares in shape.routes:
        total = sum(amounts[slot_index], Decimal("0.00"))
        for name, share in shares.items():
            sums[name] += total * share
    for name, value in sums.items():
        summary.totals[name] = summary.totals.get(name, Decimal("0.00")) + value


# What opens and closes an amount's or a date's text in each format (records.typed's
# one-key objects in a ledger entry).
_AMOUNT = {
    "csv": ("", ""),
    "jsonl": ('"', '"'),
    "json": ('"', '"'),
    "entry": ('{"decimal":"', '"}'),
}
_DATE = {
    "csv": ("", ""),
    "table": ("", ""),
    "jsonl": ('"', '"'),
    "json": ('"', '"'),
    "entry": ('{"date":"', '"}'),
}
_PLAIN_CELL = re.compile(r"[0-9A-Za-z_][0-9A-Za-z_./-]*")


def _csv_cell(text: str) -> str:
    """A cell as the CSV writer writes it: inert (never a formula), quoted where it must be."""
    if _PLAIN_CELL.fullmatch(text):
        return text
    out = io.StringIO()
    csv.writer(out).writerow([inert(text)])
    return out.getvalue()[:-2]


def marked(
    decided: Decided,
    line: int,
    decision: Decision,
    mark: Callable[[int, str], Any] = lambda number, how: _mark(number),
) -> tuple[Decision, list[_Slot], list[tuple[int, str]], list[tuple[int, int]]] | None:
    """A line's decision with a marker (`mark`: a slot's number and how it is filled) in
    place of each of its own values (those that vary within its shape: the subject, values,
    actions' values as their recipes make them), the slots they stand for, the slots and
    names of the amount values, and the slots and actions of the actions' amounts; None where
    a value that varies is absent here, or the actions are not their recipes'."""
    assert decided.own is not None
    assert decided.makers is not None
    slots: list[_Slot] = [_Slot("subject", "id")]
    marked_values = []
    amount_values: list[tuple[int, str]] = []  # (slot, name) of each amount value
    for name, value in decision.values:
        if decided.own(name, line) is not None:
            if value is None:
                return None  # a value that varies but is absent here: row by row
            if _how(value) == "amount":
                amount_values.append((len(slots), name))
            marked_values.append((name, mark(len(slots), _how(value))))
            slots.append(_Slot(name, _how(value)))
        else:
            marked_values.append((name, value))
    makers = decided.makers(line)
    if len(makers) != len(decision.actions):
        return None
    actions = []
    routes_from: list[tuple[int, int]] = []  # (slot, action index) of each amount
    for index, (action, make) in enumerate(zip(decision.actions, makers, strict=True)):
        changes: dict[str, Any] = {}
        for name, source in make.plain:
            value = getattr(action, name)
            if value is not None and decided.own(source, line) is not None:
                changes[name] = mark(len(slots), _how(value))
                slots.append(_Slot(source, _how(value)))
        amount = make.amount
        if amount and action.amount is not None and decided.own(amount[0], line) is not None:
            changes["amount"] = mark(len(slots), "amount")
            routes_from.append((len(slots), index))
            slots.append(_Slot(amount[0], "amount", rate=amount[1]))
        if make.due and decided.own(make.due[0], line) is not None:
            changes["due"] = mark(len(slots), "date")
            slots.append(_Slot(make.due[0], "date", offset=make.due[1].days))
        if make.not_before and decided.own(make.not_before[0], line) is not None:
            changes["not_before"] = mark(len(slots), "date")
            slots.append(_Slot(make.not_before[0], "date", offset=make.not_before[1] + 1))
        actions.append(action._replace(**changes))
    shown = replace(
        decision,
        subject=mark(0, "id"),
        values=tuple(marked_values),
        actions=tuple(actions),
    )
    return shown, slots, amount_values, routes_from


def tabled(view: Any) -> bool:
    """Whether a view's table can be made from templates: every cell shows values where
    they stand (cells.through) or is the earliest of dates."""
    return all(
        getattr(cell, "through", False) or getattr(cell, "earliest", None)
        for _, cell in view.columns
    )


def _mark(number: int) -> str:
    return f"\x00{number}\x00"


class _MarkedRow:
    """A subject's row whose every field asked for is a marker (a new slot of its own)."""

    def __init__(self, slots: list[_Slot]) -> None:
        self._slots, self._marks = slots, dict[str, str]()

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        mark = self._marks.get(name)
        if mark is None:
            mark = self._marks[name] = _mark(len(self._slots))
            self._slots.append(_Slot(name, "row"))
        return mark


def _earliest(marked: Decision, name: str) -> str | None:
    """cells.first's earliest of the actions' dates `name`, of a decision holding markers:
    the one date or marker, or the least of dates; None where markers would be compared
    (row by row: no decision of the rules has had two due dates)."""
    found = [getattr(a, name) for a in marked.actions if getattr(a, name) is not None]
    if len(found) == 1:
        return str(found[0])
    if all(isinstance(value, date) for value in found):
        return str(min(found)) if found else ""
    return None


def _shown_all(values: np.ndarray) -> list[str]:
    """str() of each value, printable; each distinct text shown once (values of other
    types may be equal and show otherwise: Decimal 1000 and 1000.00, True and 1)."""
    seen: dict[str, str] = {}
    out = []
    for value in values.tolist():
        if type(value) is not str:
            out.append(printable(str(value)))
            continue
        shown = seen.get(value)
        if shown is None:
            shown = seen[value] = printable(value)
        out.append(shown)
    return out


def _how(value: Any) -> str:
    if isinstance(value, Decimal):
        return "amount"
    if isinstance(value, date):
        return "date"
    if isinstance(value, bool):
        raise TypeError("a yes/no value is never a row's own")
    if isinstance(value, int):
        return "int"
    return "text"


def _joined(pieces: list[str], columns: list[list[str]], count: int) -> list[str]:
    """Each row's line: the pieces with the row's texts between them."""
    if not columns:
        return [pieces[0]] * count
    parts: list[Any] = []
    for index, column in enumerate(columns):
        parts.append([pieces[index]] * count)
        parts.append(column)
    parts.append([pieces[-1]] * count)
    return list(map("".join, zip(*parts, strict=True)))


def _routes(
    writer: JsonLinesWriter | CsvWriter | TableWriter,
    decision: Decision,
    amounts: list[tuple[int, int]],
    values: Sequence[tuple[int, str]] = (),
) -> tuple[dict[str, Decimal], list[tuple[int, dict[str, int]]]]:
    """The kind's totals of the shape with no amount, and how much of each amount slot
    goes to each total: the totals are sums of the actions' amounts and of the decision's
    amount values (`values`: their slots and names), checked on the decision itself."""
    totals_of = writer.view.totals
    none = tuple(a._replace(amount=None) if a.amount is not None else a for a in decision.actions)
    named = {name for _, name in values}
    bare = replace(
        decision,
        actions=none,
        values=tuple((n, Decimal("0.00") if n in named else v) for n, v in decision.values),
    )
    base = totals_of(bare)
    routes = []
    routed: list[Decimal | None] = []  # each route's amount in the decision itself
    for slot, index in amounts:
        one: list[Action] = list(none)
        one[index] = none[index]._replace(amount=Decimal(1))
        with_one = totals_of(replace(bare, actions=tuple(one)))
        # Each total takes the amount whole or not at all (an int keeps the sums' places).
        routes.append((slot, {n: int(with_one.get(n, 0) - base.get(n, 0)) for n in base}))
        routed.append(decision.actions[index].amount)
    given_values = dict(decision.values)
    for slot, name in values:
        given = tuple((n, Decimal(1) if n == name else v) for n, v in bare.values)
        with_one = totals_of(replace(bare, values=given))
        # A value no total takes is left out (a share of 0 would add its places).
        shares = {n: int(with_one.get(n, 0) - base.get(n, 0)) for n in base}
        if any(shares.values()):
            routes.append((slot, {n: share for n, share in shares.items() if share}))
            routed.append(given_values[name])
    check = dict(base)
    for amount, (_, shares) in zip(routed, routes, strict=True):
        assert amount is not None
        for name, share in shares.items():
            check[name] += amount * share
    expected = totals_of(decision)
    if {n: str(v) for n, v in check.items()} != {n: str(v) for n, v in expected.items()}:
        raise EngineError("columnar path: the kind's totals are not sums of amounts")
    return base, routes
