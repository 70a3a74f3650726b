"""A workbook's rows made from columns: one template per shape of decision, as JSON Lines'
are (lines.py), its cells filled from each row's own values.

A template is the workbook writer's own row of a decision whose own values (the subject,
its dates, amounts and counts, those that vary within its shape) are markers, and whose
subject's row fields are markers too: the decisions sheet's cells and the actions' rows,
each cell a constant, a marker's value, a text with markers in it, or a sum of amounts. The
register's own columns beside it are made a column at a time, each distinct cell once.

A template made from a shape's first row must hold for every row of the shape. What a cell
may do with a marker is therefore narrow (Mark): show it where it stands in a text, take it
whole as the cell's value, add amounts, and test the truth of a value that is true in every
row (a date, an id, a row field found true, which its rows are grouped by). Anything else,
comparing two, measuring, slicing, calling a method, a format with a width, raises Refused:
that shape's rows are then made one by one, as the writer makes them. The first row of each
template, and once the last row of its group, are made both ways and must come out the
same, value for value, type for type. What the markers cannot see (a C function reading
their text, a text made from them and then read) the workbook's values promise not to do
(cells.markable): a workbook with a value not so declared is made row by row.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

import numpy as np

from .. import ledger, records
from ..register import RegisterRow
from ..subjects import Subject
from ..writers.xlsx import XlsxWriter
from .lines import (
    _JSON_MARK,
    TEMPLATES_KEPT,
    Counts,
    Decided,
    _joined,
    _Slot,
    counted,
    counts_of,
    marked,
    slot_amounts,
    slot_texts,
)

_MARK = re.compile("\x00(\\d+)\x00")


class Refused(Exception):
    """A template's cell did with a marker what only a row's own value can answer."""


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise Refused


class Mark(str):
    """A marker standing for a row's own value in a template: it shows where it stands in
    a text (format() with no spec, joined, concatenated), is taken whole as a cell's value,
    and refuses the rest (Refused)."""

    __slots__ = ()
    sure: ClassVar[bool] = False  # true in every row: a date, an id, a row field found true

    def __bool__(self) -> bool:
        if type(self).sure:
            return True
        raise Refused

    def __format__(self, spec: str) -> str:
        if spec:
            raise Refused
        return str.__str__(self)

    def __str__(self) -> str:
        return self  # still a marker: str(value) < "2012-09-01" is refused too

    def __getattribute__(self, name: str) -> Any:
        if name.startswith("__"):
            return str.__getattribute__(self, name)
        raise Refused  # a text's method: upper(), strip(), isoformat()...

    # Looked up in a dict or a set, a marker would be found by its text, not its row's value.
    __hash__ = __lt__ = __le__ = __gt__ = __ge__ = __eq__ = __ne__ = _refuse
    __len__ = __getitem__ = __contains__ = __iter__ = _refuse
    __mul__ = __rmul__ = __mod__ = __rmod__ = _refuse


class SureMark(Mark):
    __slots__ = ()
    sure = True


class AmountMark(Mark):
    """An amount's marker: it may be summed with amounts (cells.amount_of)."""

    __slots__ = ()

    def __add__(self, other: Any) -> Sum:  # type: ignore[override]
        if type(other) is Decimal or type(other) is AmountMark:
            return Sum((self, other))
        raise Refused

    def __radd__(self, other: Any) -> Sum:
        if type(other) is Decimal:
            return Sum((other, self))
        raise Refused


class Sum:
    """Amounts added left to right, some of them markers: a cell's value is the sum."""

    __slots__ = ("terms",)

    def __init__(self, terms: tuple[Any, ...]) -> None:
        self.terms = terms

    def __add__(self, other: Any) -> Sum:
        if type(other) is Decimal or type(other) is AmountMark:
            return Sum((*self.terms, other))
        raise Refused

    __radd__ = __bool__ = __format__ = __str__ = _refuse
    __lt__ = __le__ = __gt__ = __ge__ = __eq__ = __ne__ = _refuse
    __hash__ = object.__hash__


def _marker(number: int, how: str) -> Mark:
    text = f"\x00{number}\x00"
    if how == "amount":
        return AmountMark(text)
    return SureMark(text) if how in ("date", "id") else Mark(text)


class _Row:
    """A subject's row in a template: each field asked for is its first row's value where
    that is not true (None, an empty text, a zero), else a marker (a slot of its own); the
    fields asked for are noted, and the shape's rows grouped by their truth."""

    def __init__(self, fields: Callable[[str], Any], line: int, slots: list[_Slot]) -> None:
        self._fields, self._line, self._slots = fields, line, slots
        self._asked: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self._asked:
            return self._asked[name]
        values = self._fields(name)
        if values is None:
            raise AttributeError(name)
        value = values[self._line]
        if value:
            value = SureMark(f"\x00{len(self._slots)}\x00")
            self._slots.append(_Slot(name, "row"))
        self._asked[name] = value
        return value


def _truth(value: Any) -> Any:
    """What a row field is in a template's eyes: absent, a value not true (itself), or a
    true value of a type."""
    if value is None:
        return None
    if not value:
        return (type(value), repr(value))
    return type(value)


@dataclass
class _Template:
    main: list[Any]  # the decision's cells of the subject's row
    rows: list[list[Any]]  # each action's row
    slots: list[_Slot]
    counts: Counts
    fields: tuple[str, ...]  # the row fields asked for
    entry: tuple[list[str], list[int]] | None = None  # a ledger entry's pieces and slots


_MISSING: Any = object()


class BookRows:
    """Makes a block's subjects' rows for a workbook writer from templates, counting them
    (`taken`: the rows made from templates are counted there too); in a recorded run, their
    decisions' ledger entries too, from a second template of each shape (as lines.py makes
    them), handed to `record` in order with their count."""

    def __init__(
        self,
        writer: XlsxWriter,
        taken: Counter[str],
        record: Callable[[str, int], None] | None = None,
    ) -> None:
        self.writer, self.taken, self.record = writer, taken, record
        self.entry_days: dict[str, dict[int, str]] = {}  # a ledger entry's dates
        self.templates: dict[Any, _Template | None] = {}  # the columns' own (items)
        self.fields: dict[str, np.ndarray | None] = {}  # the block's row fields
        self.days: dict[int, date] = {}
        # The register's own columns of a line (a template's first), as the workbook holds them.
        self.own_of: Callable[[int], list[np.ndarray]] = lambda line: []

    def items(
        self,
        decided: Decided,
        lines: np.ndarray,
        kept: list[tuple[list[str], np.ndarray]] | None,
        board: Any,
    ) -> tuple[list[tuple[list[Any], list[list[Any]]]], list[str] | None]:
        """Each line's row of the decisions sheet and its actions' rows, in order (`kept`:
        the register's own columns, each its distinct texts and each line's index into
        them, where the register is kept), the writer's counts added; and in a recorded run
        each line's decision's ledger entry."""
        writer = self.writer
        self.fields.clear()
        out: list[Any] = [None] * len(lines)
        entries: list[str] | None = [""] * len(lines) if self.record is not None else None
        if not len(lines):
            return out, entries

        def subject_of(line: int) -> tuple[Subject, Any]:
            subject, decision = decided.made(line)
            if kept is not None:
                written = tuple(texts[index[line]] for texts, index in kept)
                subject = replace(subject, register=RegisterRow(board, written))
            return subject, decision

        if not writer.columns:
            writer.layout(subject_of(int(lines[0]))[0])
        # Kept in the run's memo (a worker writes many parts of one run; a Dask worker may
        # write runs of other layouts: the register kept beside the decision, or not).
        layout = (
            writer.lang,
            tuple(writer.columns),
            writer.register is not None,
            self.record is not None,
        )
        kept_templates = writer.memo.fragments.setdefault(("columnar", "xlsx", layout), dict)
        assert isinstance(kept_templates, dict)
        self.templates = kept_templates
        # Only values that take the row's values as they are (cells.markable) are templated.
        columns = (*writer.shown_columns, *writer.lead)
        usable = (
            all(
                getattr(c.value, "markable", False) or getattr(c.value, "through", False)
                for c in columns
            )
            and decided.shape is not None
            and decided.own is not None
        )
        groups: list[tuple[np.ndarray, _Template | None]] = []
        own: list[np.ndarray] = []
        if usable:
            own = self._kept(kept, lines)
            self.own_of = lambda line: self._kept(
                None if kept is None else [([t[i[line]]], np.zeros(1, np.intp)) for t, i in kept],
                np.zeros(1, np.intp),
            )
            assert decided.shape is not None
            shapes = decided.shape[lines]
            order = np.argsort(shapes, kind="stable")
            for group in np.split(order, np.flatnonzero(np.diff(shapes[order])) + 1):
                if len(group):
                    key = decided.keys[int(shapes[group[0]])] if shapes[group[0]] >= 0 else None
                    groups += self._grouped(decided, lines, group, key, subject_of)
        else:
            groups = [(np.arange(len(lines)), None)]
        for group, template in groups:
            positions = group.tolist()
            if template is None:  # row by row, as the writer makes them
                for position in positions:
                    subject, decision = subject_of(int(lines[position]))
                    writer.summary.add(decision, writer.view.totals(decision))
                    out[position] = writer.made(decision, subject)
                    if entries is not None:
                        entries[position] = ledger.decision_entry(records.record(decision))
                continue
            rows = lines[group]
            made, amounts, made_entries = self._filled(
                decided, template, rows, [c[group] for c in own]
            )
            counted(writer.summary, template.counts, len(rows), amounts)
            self.taken["rows made from templates"] += len(rows)
            for position, item in zip(positions, made, strict=True):
                out[position] = item
            if entries is not None:
                assert made_entries is not None
                for position, entry in zip(positions, made_entries, strict=True):
                    entries[position] = entry
        return out, entries

    def write(
        self, items: list[tuple[list[Any], list[list[Any]]]], entries: list[str] | None
    ) -> None:
        """Subjects' rows written, in order (and their decisions' ledger entries recorded)."""
        if self.record is not None and items:
            assert entries is not None
            self.record("".join(entries), len(entries))
        take = self.writer.take
        for values, rows in items:
            take(values, rows)

    def decision(self, decision: Any, subject: Subject) -> None:
        """A decision the row path made, written (and recorded) by the writer itself."""
        self.writer.decision(decision, subject)
        if self.record is not None:
            self.record(ledger.decision_entry(records.record(decision)), 1)

    def _kept(
        self, kept: list[tuple[list[str], np.ndarray]] | None, lines: np.ndarray
    ) -> list[np.ndarray]:
        """The register's own columns of the lines, as the workbook holds them."""
        writer = self.writer
        if kept is None or writer.register is None:
            return []
        width = len(writer.register.columns)
        columns = []
        for (texts, index), form in zip(kept, writer.forms[:width], strict=False):
            table = np.empty(len(texts), dtype=object)
            table[:] = [writer.register_value(t, form) for t in texts]
            columns.append(table[index[lines]] if len(texts) else np.full(len(lines), None))
        while len(columns) < width:
            columns.append(np.full(len(lines), None, dtype=object))
        return columns

    def _grouped(
        self,
        decided: Decided,
        lines: np.ndarray,
        group: np.ndarray,
        key: Any,
        subject_of: Callable[[int], tuple[Subject, Any]],
    ) -> list[tuple[np.ndarray, _Template | None]]:
        """A shape's lines, grouped by the truth of the row fields its template asks for,
        each group with its template (None: made row by row)."""
        if key is None:
            return [(group, None)]
        # The fields a shape's template asks for, found by its first template (kept under
        # its rows' truth), or None where that was refused: the shape is made row by row.
        fields = self.templates.get(("fields", key), _MISSING)
        if fields is _MISSING:
            line = int(lines[group[0]])
            first = self._made_or_none(decided, line, subject_of)
            fields = None if first is None else first.fields
            self._keep(("fields", key), fields)
            if first is not None:
                truth = self._truths(decided, first.fields, np.array([line]))[0]
                self._keep((key, truth), first)
        if fields is None:
            return [(group, None)]
        by: dict[Any, list[int]] = {}
        for at, truth in zip(
            group.tolist(), self._truths(decided, fields, lines[group]), strict=True
        ):
            by.setdefault(truth, []).append(at)
        out = []
        for truth, members in by.items():
            found = self._template(decided, int(lines[members[0]]), (key, truth), subject_of)
            if found is not None and not set(found.fields) <= set(fields):
                found = None  # it asks for a field its rows are not grouped by
            if (
                found is not None
                and len(members) > 1
                and ("held", key, truth) not in self.templates
            ):
                # A second row, the group's last, made both ways too, once: a value that
                # reads a marker's text where the markers cannot see it (cells.markable) is
                # caught where the two rows' values differ.
                self._keep(("held", key, truth), True)
                last = int(lines[members[-1]])
                if not self._holds(decided, found, last, subject_of(last)):
                    found = None
                    self._keep((key, truth), None)
            out.append((np.array(members), found))
        return out

    def _holds(
        self, decided: Decided, template: _Template, line: int, pair: tuple[Subject, Any]
    ) -> bool:
        """Whether a template gives a line's rows as the writer makes them of its subject
        and decision (`pair`): the same values, of the same types."""
        subject, decision = pair
        made, _, entries = self._filled(decided, template, np.array([line]), self.own_of(line))
        if entries is not None and entries != [ledger.decision_entry(records.record(decision))]:
            return False
        return _same(made[0], self.writer.made(decision, subject))

    def _truths(self, decided: Decided, fields: tuple[str, ...], lines: np.ndarray) -> list[Any]:
        """Each line's truth of the row fields `fields` (_truth)."""
        if not fields:
            return [()] * len(lines)
        return list(
            zip(
                *[[_truth(v) for v in self._field(decided, f)[lines]] for f in fields],
                strict=True,
            )
        )

    def _field(self, decided: Decided, name: str) -> Any:
        if name not in self.fields:
            found = decided.row(name) if decided.row is not None else None
            self.fields[name] = found
        return self.fields[name]

    def _template(
        self,
        decided: Decided,
        line: int,
        key: Any,
        subject_of: Callable[[int], tuple[Subject, Any]],
    ) -> _Template | None:
        found: _Template | None = self.templates.get(key, _MISSING)
        if found is _MISSING:
            found = self._made_or_none(decided, line, subject_of)
            self._keep(key, found)
        return found

    def _keep(self, key: Any, value: Any) -> None:
        if len(self.templates) >= TEMPLATES_KEPT:
            self.templates.clear()
        self.templates[key] = value

    def _made_or_none(
        self, decided: Decided, line: int, subject_of: Callable[[int], tuple[Subject, Any]]
    ) -> _Template | None:
        try:
            return self._made(decided, line, subject_of)
        except Refused:
            return None

    def _made(
        self,
        decided: Decided,
        line: int,
        subject_of: Callable[[int], tuple[Subject, Any]],
    ) -> _Template | None:
        writer = self.writer
        subject, decision = subject_of(line)
        if decision.criteria:
            return None
        found = marked(decided, line, decision, _marker)
        if found is None:
            return None
        marked_decision, slots, amount_values, routes_from = found
        row = _Row(lambda name: self._field(decided, name), line, slots)
        # The subject's key, snapshots and values are no cell's (a marker of no slot: a
        # template showing it is refused).
        shown = Subject(Mark("\x00-1\x00"), row, (), {})  # type: ignore[arg-type]
        try:
            main = writer.decided(marked_decision, shown)
            actions = writer.action_rows(marked_decision, shown)
        except Exception:  # Refused, or a cell's own reading of a value a marker stands for
            return None
        counts = counts_of(writer, decision, routes_from, amount_values)
        template = _Template(main, actions, slots, counts, tuple(row._asked))
        if any(_wrong(c, len(slots)) for c in [*main, *(c for r in actions for c in r)]):
            return None
        if self.record is not None:  # the ledger entry's template: the same slots, as text
            plain = marked(decided, line, decision)
            if plain is None:
                return None
            entry = ledger.decision_entry(records.record(plain[0]))
            order = [int(n) for n in _JSON_MARK.findall(entry)]
            if not set(order) <= set(range(len(plain[1]))):
                return None
            template.entry = (_JSON_MARK.split(entry)[::2], order)
        # The first row made both ways.
        return template if self._holds(decided, template, line, (subject, decision)) else None

    def _filled(
        self,
        decided: Decided,
        template: _Template,
        rows: np.ndarray,
        own: list[np.ndarray],
    ) -> tuple[list[tuple[list[Any], list[list[Any]]]], dict[int, list[Decimal]], list[str] | None]:
        """The rows of a template's lines (`own`: their register columns), the amounts of
        the slots its totals take, and in a recorded run their ledger entries."""
        first = int(rows[0])
        count = len(rows)
        values: dict[int, list[Any]] = {}

        def slot(number: int) -> list[Any]:
            found = values.get(number)
            if found is None:
                found = values[number] = self._slot(decided, template.slots[number], rows, first)
            return found

        def column(cell: Any) -> list[Any]:
            kind = type(cell)
            if kind is Sum:
                terms = [
                    slot(_number(t)) if type(t) is AmountMark else [t] * count for t in cell.terms
                ]
                total = terms[0]
                for term in terms[1:]:
                    total = [a + b for a, b in zip(total, term, strict=True)]
                return total
            if kind is Mark or kind is SureMark or kind is AmountMark:
                return slot(_number(cell))
            if kind is str and "\x00" in cell:
                numbers = [int(n) for n in _MARK.findall(cell)]
                texts = [[str(v) for v in slot(n)] for n in numbers]
                return _joined(_MARK.split(cell)[::2], texts, count)
            return [cell] * count

        columns = [c.tolist() for c in own] + [column(c) for c in template.main]
        main = list(map(list, zip(*columns, strict=True)))
        by_action = [
            list(map(list, zip(*[column(c) for c in row], strict=True))) for row in template.rows
        ]
        if by_action:
            actions = list(map(list, zip(*by_action, strict=True)))
        else:
            actions = [[] for _ in range(count)]
        amounts = {k: slot(k) for k, _ in template.counts.routes}
        entries = None
        if template.entry is not None:
            pieces, order = template.entry
            texts = {
                k: slot_texts(
                    decided,
                    template.slots[k],
                    rows,
                    first,
                    slot(k) if template.slots[k].how == "amount" else None,
                    "entry",
                    self.entry_days,
                )
                for k in set(order)
            }
            entries = _joined(pieces, [texts[k] for k in order], count)
        return list(zip(main, actions, strict=True)), amounts, entries

    def _slot(self, decided: Decided, slot: _Slot, rows: np.ndarray, first: int) -> list[Any]:
        """A slot's values for the rows, as the decision holds them."""
        if slot.how == "row":
            return list(self._field(decided, slot.source)[rows])
        if slot.how == "amount":
            return slot_amounts(decided, slot, rows, first)
        assert decided.own is not None
        found = decided.own(slot.source, first)
        assert found is not None, slot
        if slot.how != "date":
            return list(found[rows].tolist())
        days = self.days
        if len(days) > 1 << 16:
            days.clear()
        out = []
        for number in (found[rows] + slot.offset).tolist():
            day = days.get(number)
            if day is None:
                day = days[number] = date.fromordinal(number)
            out.append(day)
        return out


def _number(mark: Mark) -> int:
    return int(str.__str__(mark)[1:-1])


def _wrong(cell: Any, slots: int) -> bool:
    """A cell holding what no template can fill: a marker of no slot of ours, a marker
    inside a value that is not a text."""
    kind = type(cell)
    if kind is Mark or kind is SureMark or kind is AmountMark:
        return not 0 <= _number(cell) < slots
    if kind is Sum:
        return any(type(t) is not Decimal and type(t) is not AmountMark for t in cell.terms)
    if kind is str:
        return any(not 0 <= int(n) < slots for n in _MARK.findall(cell))
    return isinstance(cell, (list, tuple, dict, set))


def _same(made: Any, expected: Any) -> bool:
    """Rows alike, value for value, of the same types."""
    (values, rows), (values_expected, rows_expected) = made, expected
    if len(values) != len(values_expected) or len(rows) != len(rows_expected):
        return False
    pairs = list(zip(values, values_expected, strict=True))
    for row, row_expected in zip(rows, rows_expected, strict=True):
        if len(row) != len(row_expected):
            return False
        pairs += zip(row, row_expected, strict=True)
    return all(type(a) is type(b) and repr(a) == repr(b) for a, b in pairs)
