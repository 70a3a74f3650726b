"""Change logs over columns: what kinds/budget.py makes of a log (`subjects`, then the
evaluator's decisions), for a clean CSV log read whole (engine/columnar).

The log is read a block at a time with Arrow (a block with a quoted cell with csv, as the
row path reads it), each distinct cell by the row path's own cell reader; the events are
sorted by project, date and row with numpy. The log must be one the row path reads
without a word to say: a refused or blank required cell, a row that is no event (a total,
a blank line), a check across columns failing, a project without its budget first or
with two: any of these and the whole log goes to the row path (which names every problem
in its order), before anything is written. A reject that answers nothing is reported as
the row path reports it, at the same point.

Each project's figures are carried forward event by event as budget._Ledger carries them,
on integers (fen, day numbers), into columns of snapshot facts; each snapshot's engine
signature is computed over those columns, and the engine is asked once per combination.
The decision is the evaluator's own resolution of the snapshots' plans. Checks that make
a divergence an error: for each new combination, the project it first appears in is
folded by the row path itself (budget._fold), and its snapshots, its decision, its figures
and its row must equal those made from columns. JSON Lines, JSON and CSV are written from
a template per shape of project (`_shaped`, engine/columnar/lines.py), each checked on
the first project of its shape against the writer's own line.

On every core (engine/parallel.py), each worker reads pieces of the file as columns
(`read_columns`), the parent joins and sorts them (`joined`), and each worker folds and
decides parts of whole projects (`Log.parts`, handed in as `reader.given`).
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, cast, overload

import numpy as np

from .. import fields, ledger, register
from ..encoding import encodable
from ..errors import EngineError
from ..evaluate import Make
from ..kinds.budget import (
    EVENTS,
    FUNDING_ALIASES,
    RATIO_PLACES,
    REQUIRED_PARAMS,
    SUBJECTS_PER_BATCH,
    BudgetEvent,
    _Event,
    _fold,
    _yuan,
)
from ..loader import _INVISIBLE, MAX_LINE, RowReader
from ..messages import msg
from ..subjects import Subject
from . import (
    TAKEN,
    blocks,
    columns,
    contract_only,
    distinct,
    eligible,
    line_writer,
    read_column,
    records,
    signatures,
    trimmed,
)
from .lines import Decided, Lines

if TYPE_CHECKING:
    from ..evaluate import Decision
    from ..pipeline import Prepared
    from ..writers import Writer

ZERO = _yuan(0)
NONE = 0  # a date not given, as a day number (date.toordinal is never 0)
BUDGET, ESTIMATE, REPORT, APPROVE, REJECT, SUSPEND, RESUME, COMPLETE = range(8)
AS_OF = len(EVENTS)  # the snapshot on the evaluation date
KINDS = (*EVENTS, "as_of")
ACTIVE, SUSPENDED, DONE = 0, 1, 2
CONSTRUCTION = ("active", "suspended", "complete")
NOT_ASKED, PENDING, REJECTED = 0, 1, 2
REQUEST = ("none", "pending", "rejected")
FEN = frozenset(("amount",))  # read as integer fen
PROJECTS_PER_CHUNK = 4096  # projects folded, and their snapshots signed, at a time
# The values a snapshot gives actions (budget._snapshot), each a column of day numbers.
VALUES = (
    "as_of",
    "event_date",
    "budget_date",
    "overrun_since",
    "previous_overrun_since",
    "rejected_on",
    "referral_on",
)


class Log:
    """A change log's events as columns, sorted by project, date and row: each project's
    id (`ids`, in order), where its events start (`starts`, one more at the end), and the
    name and funding its budget event gives (`name`, `funding`: by project)."""

    def __init__(
        self,
        ids: list[str],
        rows: np.ndarray,
        day: np.ndarray,
        kind: np.ndarray,
        fen: np.ndarray,
        name: np.ndarray,
        funding: np.ndarray,
        starts: np.ndarray,
    ) -> None:
        self.ids, self.rows, self.day, self.kind = ids, rows, day, kind
        self.fen, self.name, self.funding, self.starts = fen, name, funding, starts
        self.order: np.ndarray | None = None  # the file's events in this order (`sorted`)

    @classmethod
    def sorted(cls, ids: list[str], project: np.ndarray, *columns: np.ndarray) -> Log:
        """Events in file order, each with its project's index into `ids` and the columns
        rows, day, kind and fen, sorted (the projects' names and fundings are set after,
        from their budget events: `joined`): projects in the
        order the row path sorts them (SQLite's binary order of the text, which is the
        order of code points: Python's), then by date, then by row."""
        order = sorted(range(len(ids)), key=ids.__getitem__)
        rank = np.empty(len(ids), dtype=np.int64)
        rank[order] = np.arange(len(ids))
        ranked = rank[project]
        events = np.lexsort((columns[0], columns[1], ranked))  # by project, day, row
        ranked = ranked[events]
        starts = np.append(np.flatnonzero(np.diff(ranked, prepend=-1)), len(events))
        rows, day, kind, fen = (c[events] for c in columns)
        none = np.full(len(ids), None, dtype=object)
        log = cls([ids[i] for i in order], rows, day, kind, fen, none, none.copy(), starts)
        log.order = events
        return log

    def parts(self, events: int) -> list[Log]:
        """The log cut between projects into parts of about `events` events each."""
        cuts = [0]
        starts = self.starts
        while cuts[-1] < len(self.ids):
            at = int(np.searchsorted(starts, starts[cuts[-1]] + events, side="left"))
            cuts.append(min(max(at, cuts[-1] + 1), len(self.ids)))
        return [self.projects(first, last) for first, last in itertools.pairwise(cuts)]

    def projects(self, first: int, last: int) -> Log:
        """Projects [first, last) alone."""
        base, top = int(self.starts[first]), int(self.starts[last])
        return Log(
            self.ids[first:last],
            self.rows[base:top],
            self.day[base:top],
            self.kind[base:top],
            self.fen[base:top],
            self.name[first:last],
            self.funding[first:last],
            self.starts[first : last + 1] - base,
        )

    def well_formed(self) -> bool:
        """Every project's log opens with its budget event and has only one (what
        budget._well_formed asks; the row path reports a log that does not)."""
        budgets = np.add.reduceat((self.kind == BUDGET).astype(np.int64), self.starts[:-1])
        return bool((budgets == 1).all() and (self.kind[self.starts[:-1]] == BUDGET).all())

    def events(self, p: int) -> list[_Event]:
        """Project p's events as the row path holds them (for the checks)."""
        return [
            _Event(
                int(self.rows[i]),
                date.fromordinal(int(self.day[i])),
                EVENTS[self.kind[i]],
                int(self.fen[i]) if self.kind[i] in (BUDGET, ESTIMATE, APPROVE) else None,
                self.name[p] if i == self.starts[p] else None,
                self.funding[p] if i == self.starts[p] else None,
            )
            for i in range(int(self.starts[p]), int(self.starts[p + 1]))
        ]


def decide(
    prepared: Prepared, reader: RowReader, lines: Writer | None = None
) -> Iterator[tuple[list[Subject], list[Decision]]] | None:
    """The change log's decisions over columns, or None for the row path: a source that is
    not a clean CSV log, or a log with anything the row path would have a word to say about
    (read whole before anything is decided). A worker's reader may be handed part of a log
    the parent read (`reader.given`). Given `lines`, the run's writer, JSON Lines, JSON and
    CSV are written to it from templates (engine/columnar/lines.py), and the batches yielded
    are empty."""
    not_for_it = reader.keep or not prepared.memo.use_combinations
    if reader.given is not None:  # nothing else to read: the row path would read the file
        if not_for_it:
            raise EngineError("columnar path: a part of a change log it cannot decide")
        cells, log = reader.given
        reader.register = _board(reader, cells)
        return _decided(prepared, reader, log, line_writer(reader, lines))
    if not_for_it:
        return None
    source = None
    if reader.on_row is not None:  # a recorded run: its file, read in one process
        whole = reader._records is None and reader._part is None
        source = eligible(reader) if whole else None
        if source is None:
            return None
    entries: list[str] | None = [] if source is not None else None  # the ledger's input rows
    found = read(reader, source, entries)
    if found is None:
        return None
    cells, log = found
    reader.register = _board(reader, cells)
    if entries is not None:  # handed on before any decision, as the row path hands them
        assert reader.on_rows is not None
        reader.on_rows("".join(entries), len(log.rows))
    return _decided(prepared, reader, log, line_writer(reader, lines))


def read(
    reader: RowReader, source: tuple[str, int] | None = None, entries: list[str] | None = None
) -> tuple[list[str], Log] | None:
    """A clean, well-formed log's header cells and events, or None (the row path's).
    `source`: what `eligible` found of the reader's text, if it was asked already;
    `entries`, the ledger's input rows (read_columns)."""
    found = read_columns(reader, source, entries)
    if found is None:
        return None
    cells, columns_ = found
    log = joined([columns_])
    return (cells, log) if log is not None else None


# A clean log's events (or a piece's) in file order: the distinct project ids; the columns
# each event has: its project's index into them, row, day, kind, fen; and the budget
# events (their indices), with their name and funding (the fold reads them nowhere else).
Columns = tuple[
    list[str],
    np.ndarray,
    np.ndarray,
    np.ndarray,
    np.ndarray,
    np.ndarray,
    np.ndarray,
    np.ndarray,
    np.ndarray,
]


def read_columns(
    reader: RowReader, source: tuple[str, int] | None = None, entries: list[str] | None = None
) -> tuple[list[str], Columns] | None:
    """The header cells and the columns of a log, or of a worker's piece of one (in file
    order, not checked whole), or None if a row is not one the columnar path vouches for.
    `entries` is given each block's ledger input rows (ledger.input_entries)."""
    if reader.keep:
        return None
    if reader._records is not None:
        cells, records_ = reader._records
        if reader.header_row not in (None, 1) or reader._rows is not None:
            return None
        if not contract_only(reader, cells):
            return None
        chunks = _from_records(reader, cells, records_)
    else:
        found = source or eligible(reader)
        if found is None:
            return None
        header, first = found
        cells = header.rstrip("\r\n").split(",")
        chunks = _from_text(reader, header, first)
    columns_ = _gathered(reader, chunks, _board(reader, cells), entries)
    if columns_ is None:
        TAKEN["logs by the row path"] += 1
        return None
    return cells, columns_


def joined(pieces: Iterable[Columns]) -> Log | None:
    """The pieces' events as one log, sorted, if it is well formed (else None: the row
    path reports it)."""
    ids: dict[str, int] = {}
    parts, budgets = [], []
    events = 0
    for found, project, rows, day, kind, fen, at, names, fundings in pieces:
        index = np.array([ids.setdefault(t, len(ids)) for t in found], dtype=np.int64)
        parts.append((index[project], rows, day, kind, fen))
        budgets.append((at + events, names, fundings))
        events += len(rows)
    if not parts:
        return None
    log = Log.sorted(list(ids), *(np.concatenate(column) for column in zip(*parts, strict=True)))
    if not log.well_formed():
        TAKEN["logs by the row path"] += 1
        return None
    # Each project's budget event is its first (well formed): its name and funding.
    at, names, fundings = (np.concatenate(column) for column in zip(*budgets, strict=True))
    where = np.empty(events, dtype=np.int64)
    where[log.order] = np.arange(events)
    project = np.searchsorted(log.starts, where[at], side="right") - 1
    log.name[project], log.funding[project] = names, fundings
    TAKEN["logs by columns"] += 1
    return log


def _board(reader: RowReader, cells: list[str]) -> register.Register:
    return register.Register(tuple(register.columns(reader.contract, cells, None)), (1,))


Chunk = tuple[dict[str, Any], np.ndarray] | None  # coded columns, row numbers; None: not clean


def _from_text(reader: RowReader, header: str, first: int) -> Iterator[Chunk]:
    cells = header.rstrip("\r\n").split(",")
    row = first
    for lines in blocks(reader, header):
        texts, starts = records(lines)
        found = columns(reader, header, texts, FEN)
        numbers = row + np.array(starts, dtype=np.int64)
        if found is not None and not found[1].any():
            yield found[0], numbers
        else:  # a quoted cell (or what else Arrow was not given): the block read as CSV
            parsed = _parsed(texts)
            if parsed is None:
                yield None
                return
            yield from _from_records(
                reader, cells, list(zip(numbers.tolist(), parsed, strict=True))
            )
        row += len(lines)


def _parsed(texts: list[str]) -> list[list[str]] | None:
    """Each text as the one CSV record it must be, as the row path's csv.reader reads it;
    None if one is not (two records, an unclosed quote), or is a line too long, or holds
    bytes that were not UTF-8: the row path answers those."""
    found: list[list[str]] = []
    for text in texts:
        if len(text) > MAX_LINE or (not text.isascii() and not encodable(text)):
            return None
        try:
            read = list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error:
            return None
        if len(read) != 1:
            return None
        found.append(read[0])
    return found


def _from_records(
    reader: RowReader, header: list[str], found: list[tuple[int, list[str]]]
) -> Iterator[Chunk]:
    """A worker's bucket of records (a change log split by project): clean ones only."""
    width = len(header)
    fast = fields.FastRow.of(reader.model)
    assert fast is not None
    for start in range(0, len(found), 1 << 16):
        part = found[start : start + (1 << 16)]
        if any(len(cells) != width for _, cells in part):
            yield None
            return
        rows = np.array([row for row, _ in part], dtype=np.int64)
        coded = {}
        for position, cell in enumerate(header):
            name = reader.contract.resolve(cell)[0]
            assert name is not None
            texts = [cells[position] for _, cells in part]
            joined = "".join(texts)
            if "\x00" in joined or "\ufeff" in joined or "\r" in joined or "\n" in joined:
                yield None
                return
            lookup: dict[str, int] = {}
            index = np.fromiter(
                (lookup.setdefault(t, len(lookup)) for t in texts), np.int64, len(texts)
            )
            coded[name] = read_column(fast, name, list(lookup), index, FEN)
        yield coded, rows


def _gathered(
    reader: RowReader,
    chunks: Iterator[Chunk],
    board: register.Register,
    entries: list[str] | None = None,
) -> Columns | None:
    """The chunks' events, if every row is one the columnar path vouches for (and each
    chunk's ledger input rows in `entries`, if given)."""
    required = reader.contract.required
    ids: dict[str, int] = {}
    parts: list[tuple[np.ndarray, ...]] = []
    events = 0  # read so far
    amount_kinds = np.array([k in (BUDGET, ESTIMATE, APPROVE) for k in range(8)])
    for chunk in chunks:
        if chunk is None:
            return None
        coded, rows = chunk
        slow = np.zeros(len(rows), dtype=bool)
        for column in coded.values():
            slow |= column.refused()
        for name in required:
            slow |= coded[name].blank()
        project = coded["project_id"]
        slow |= project.mapped(lambda v: not isinstance(v, str) or bool(_INVISIBLE.search(v)), bool)
        if slow.any():
            return None
        # An id that might be a total word (S1, 合计): the row path looks at the row whole.
        for i in np.flatnonzero(project.mapped(lambda v: not register.subject_like(v), bool)):
            cells = [column.texts[column.index[i]] for column in coded.values()]
            if register.label(cells, frozenset(), board, reader.key) is not None:
                return None  # a total or a separator: the row path skips it and says so
        kind = coded["event"].mapped(EVENTS.index, np.int64)
        amount = coded.get("amount")
        if amount is None:
            has = np.zeros(len(rows), dtype=bool)
            fen = np.zeros(len(rows), dtype=np.int64)
        else:
            has = ~amount.blank()
            fen = amount.fens()
        if (amount_kinds[kind] & ~has).any():
            return None  # an amount missing (BudgetEvent._complete): the row path says so
        if ((kind == BUDGET) & (fen <= 0)).any():
            return None  # no budget to measure an overrun by: the row path's to answer
        names, fundings = (_texts(coded.get(n), len(rows)) for n in ("name", "funding"))
        budget = kind == BUDGET
        if (budget & ((names == None) | (fundings == None))).any():  # noqa: E711
            return None  # a budget without its name or its funding
        local = np.array([ids.setdefault(t, len(ids)) for t in project.values], dtype=np.int64)
        day = coded["date"].ordinals(NONE)  # every row's is a date (none refused or blank)
        at = np.flatnonzero(budget)  # the budget events: their name and funding
        columns_ = (local[project.index], rows, day, kind.astype(np.int8), fen)
        parts.append((*columns_, at + events, names[at], fundings[at]))
        events += len(rows)
        if entries is not None:
            entries.append(ledger.input_entries(rows.tolist(), trimmed(coded)))
    if not parts:
        return None
    project, *rest = (np.concatenate(column) for column in zip(*parts, strict=True))
    return (list(ids), project, *rest)  # type: ignore[return-value]


def _texts(column: Any, rows: int) -> np.ndarray:
    """A free-text column as Python objects (None where blank or absent)."""
    if column is None:
        return np.full(rows, None, dtype=object)
    found: np.ndarray = column.mapped(lambda v: v if isinstance(v, str) else None, object)
    return found


class Snapshot:
    """A project's snapshot, read from its chunk's columns when an action or a criterion
    asks for a value (what budget._snapshot's Facts gives)."""

    __slots__ = ("_at", "_chunk")

    def __init__(self, chunk: Folded, at: int) -> None:
        self._chunk, self._at = chunk, at

    @property
    def day(self) -> date:
        found = self._chunk.date(self._chunk.day[self._at])
        assert found is not None
        return found

    @property
    def tests(self) -> dict[str, Any]:
        return self._chunk.tests(self._at)

    @property
    def values(self) -> dict[str, Any]:
        return {name: self.value(name) for name in VALUES}

    def value(self, name: str) -> Any:
        column = self._chunk.values.get(name)
        return self._chunk.date(column[self._at]) if column is not None else None


class Snapshots(Sequence[Snapshot]):
    """A project's snapshots, each made when read (most are never read: a snapshot whose
    plan reads no value is resolved from its plan alone)."""

    __slots__ = ("_begin", "_chunk", "_end")

    def __init__(self, chunk: Folded, begin: int, end: int) -> None:
        self._chunk, self._begin, self._end = chunk, begin, end

    def __len__(self) -> int:
        return self._end - self._begin

    @overload
    def __getitem__(self, at: int) -> Snapshot: ...

    @overload
    def __getitem__(self, at: slice) -> Sequence[Snapshot]: ...

    def __getitem__(self, at: int | slice) -> Snapshot | Sequence[Snapshot]:
        if isinstance(at, slice):
            return [self[i] for i in range(*at.indices(len(self)))]
        if not -len(self) <= at < len(self):
            raise IndexError(at)
        return Snapshot(self._chunk, self._begin + at % len(self))

    def __iter__(self) -> Iterator[Snapshot]:
        return (Snapshot(self._chunk, at) for at in range(self._begin, self._end))


_STATES = itertools.count()


class State:
    """What a run's chunks (and a worker's buckets) share: the engine's answer for each
    combination already asked and checked, and what each answer plans."""

    def __init__(self) -> None:
        self.token = next(_STATES)  # names its plans in the shapes of lines (lines.Lines)
        self.known: dict[bytes, int] = {}  # signature: index into `hits`
        self.hits: list[Any] = []
        self.plans: dict[tuple[int, bool], Any] = {}


def state_of(prepared: Prepared) -> State:
    """The run's State, kept in its memo (emptied with it, never across rulebooks)."""
    found = prepared.memo.fragments.setdefault(("columnar", "budget"), State)
    assert isinstance(found, State)
    return found


# What the fold writes of each snapshot, in order (WIDTH figures a snapshot): the project's
# figures after the snapshot's event. The rest is derived over columns (Folded): the day
# and event from the log, and what stood before the event from the snapshot before it.
FOLDED = (
    "over",
    "reported",
    "request",
    "construction",
    "ever_approved",
    "stopped",
    "since",
    "rejected_on",
    "referral_on",
)
WIDTH = len(FOLDED)
NOT_BUDGETED = (0, 0, 0, 0, 0, 0, NONE, NONE, NONE)  # the one snapshot of such a project


class Folded:
    """Snapshots of a chunk of projects, as columns; with each project's funding, budget
    and budget date repeated over its snapshots."""

    def __init__(
        self,
        rows: list[int],
        projects: list[tuple[str, int, int, int]],
        events: list[tuple[int, bool]],
        log: tuple[np.ndarray, np.ndarray],
        start: int,
        as_of: int,
        dates: dict[int, date | None],
    ) -> None:
        """`events`: each project's first event (in `log`, the chunk's days and kinds)
        and whether it was budgeted on the evaluation date."""
        self._dates = dates
        count = len(rows) // WIDTH
        folded = np.array(rows, dtype=np.int64).reshape(count, WIDTH)
        self.col = col = {name: folded[:, i] for i, name in enumerate(FOLDED)}
        lengths = [n for _, _, _, n in projects]
        # Each project's snapshots: its events up to the evaluation date, then that date.
        sizes = np.array(lengths, dtype=np.int64)
        begins = np.cumsum(sizes) - sizes
        first = np.zeros(count, dtype=bool)
        first[begins] = True
        last = np.zeros(count, dtype=bool)
        last[begins + sizes - 1] = True
        at = np.array([a for a, _ in events], dtype=np.int64)
        event = np.where(last, 0, np.repeat(at - begins, sizes) + np.arange(count))
        days, kinds = log
        col["day"] = np.where(last, as_of, days[event] if len(days) else 0)
        col["kind"] = np.where(last, AS_OF, kinds[event] if len(kinds) else 0)
        col["budgeted"] = np.repeat(np.array([b for _, b in events], dtype=np.int64), sizes)

        def before(name: str, initial: int) -> np.ndarray:
            """The figure as it stood before each snapshot's event."""
            return np.where(first, initial, np.roll(col[name], 1))

        col["before_over"] = before("over", 0)
        col["before_since"] = before("since", NONE)
        col["before_reported"] = before("reported", 0)
        col["before_stopped"] = before("stopped", 0)
        active = before("construction", ACTIVE) == ACTIVE
        col["was_active"] = (active & (col["budgeted"] == 1)).astype(np.int64)
        self.funding = np.repeat(np.array([f for f, _, _, _ in projects], dtype=object), lengths)
        self.budget = np.repeat(np.array([b for _, b, _, _ in projects], dtype=np.int64), lengths)
        budget_day = np.repeat(np.array([d for _, _, d, _ in projects], dtype=np.int64), lengths)
        col = self.col
        day = col["day"]
        self.day = day.tolist()
        before_since = col["before_since"]

        def not_before(days: np.ndarray) -> np.ndarray:
            return np.where((days != NONE) & (days < start), start, days) if start else days

        since = np.where(col["since"] != NONE, col["since"], before_since)
        self.values: dict[str, Any] = {
            "event_date": day,
            "budget_date": budget_day,
            "overrun_since": not_before(since),
            "previous_overrun_since": not_before(before_since),
            "rejected_on": not_before(col["rejected_on"]),
            "referral_on": not_before(col["referral_on"]),
        }
        budgeted = col["budgeted"] == 1
        for name in VALUES[1:]:
            self.values[name] = np.where(budgeted, self.values[name], NONE).tolist()
        self.values["as_of"] = [as_of] * count
        self.budgeted = budgeted
        self.has_since = budgeted & (before_since != NONE)

    def date(self, number: int) -> date | None:
        return _date(self._dates, number)

    def columns(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """The snapshots' tests as the engine's signature reads them: (present, values)."""
        col, budgeted, has_since = self.col, self.budgeted, self.has_since
        everywhere = np.ones(len(self.day), dtype=bool)
        day = col["day"]
        days_since = day - col["before_since"]
        found: dict[str, tuple[np.ndarray, np.ndarray]] = {
            "day": (everywhere, day),
            "event": (everywhere, np.array(KINDS, dtype=object)[col["kind"]]),
            "funding": (everywhere, self.funding),
            "budgeted": (everywhere, budgeted),
            "has_overrun": (budgeted, col["over"] > 0),
            "overrun_reported": (budgeted, col["reported"] == 1),
            "request": (budgeted, np.array(REQUEST, dtype=object)[col["request"]]),
            "was_active": (budgeted, col["was_active"] == 1),
            "construction": (budgeted, np.array(CONSTRUCTION, dtype=object)[col["construction"]]),
            "ever_approved": (budgeted, col["ever_approved"] == 1),
            "days_since_overrun": (has_since, days_since),
            "stopped_since_overrun": (has_since, col["before_stopped"] == 1),
            "days_unreported": (has_since, np.where(col["before_reported"] == 1, 0, days_since)),
        }
        return found

    def tests(self, at: int) -> dict[str, Any]:
        """The snapshot's tests as budget._snapshot makes them (for the checks)."""
        row = {name: int(column[at]) for name, column in self.col.items()}
        found: dict[str, Any] = {"event": KINDS[row["kind"]], "funding": self.funding[at]}
        found["budgeted"] = bool(row["budgeted"])
        if not row["budgeted"]:
            return found
        budget = int(self.budget[at])
        found.update(
            has_overrun=row["over"] > 0,
            overrun_ratio=Fraction(row["over"], budget),
            previous_overrun_ratio=Fraction(row["before_over"], budget),
            overrun_reported=bool(row["reported"]),
            request=REQUEST[row["request"]],
            was_active=bool(row["was_active"]),
            construction=CONSTRUCTION[row["construction"]],
            ever_approved=bool(row["ever_approved"]),
        )
        if row["before_since"] != NONE:
            days = row["day"] - row["before_since"]
            found["days_since_overrun"] = days
            found["stopped_since_overrun"] = bool(row["before_stopped"])
            found["days_unreported"] = 0 if row["before_reported"] else days
        return found


def _decided(
    prepared: Prepared, reader: RowReader, log: Log, writing: Lines | None = None
) -> Iterator[tuple[list[Subject], list[Decision]]]:
    params = prepared.params
    rules = {n: params[n] for n in (*REQUIRED_PARAMS, "principles_from") if n in params}
    evaluator = prepared.evaluator
    state = state_of(prepared)
    plans = state.plans
    dates: dict[int, date | None] = {NONE: None}
    subjects: list[Subject] = []
    decisions: list[Decision] = []
    projects = len(log.ids)
    for first in range(0, projects, PROJECTS_PER_CHUNK):
        last = min(projects, first + PROJECTS_PER_CHUNK)
        chunk, made = _fold_chunk(log, first, last, rules, prepared.as_of, reader, dates)
        answers = _fired(prepared, log, chunk, made, state, rules)
        # Each snapshot's plan: its answer's, on the evaluation date or before it.
        final = np.zeros(len(answers), dtype=bool)
        final[[end - 1 for _, _, _, end in made]] = True
        pairs, firsts, which = np.unique(
            answers * 2 + final, return_index=True, return_inverse=True
        )
        begins = np.array([start for _, _, start, _ in made], dtype=np.int64)
        owners = np.searchsorted(begins, firsts, side="right") - 1
        found = []
        for pair, owner in zip(pairs.tolist(), owners.tolist(), strict=True):
            key = (pair // 2, bool(pair % 2))
            plan = plans.get(key)
            if plan is None:  # the subject named if a status rule fired on a past event
                hits = state.hits[key[0]]
                plan = plans[key] = evaluator.plan(hits, key[1], made[owner][1].key)
            found.append(plan)
        if writing is not None:  # the chunk's lines written from templates where they can be
            codes = pairs[which.ravel()]  # each snapshot's plan, as the run knows it
            shaped = _shaped(evaluator, chunk, made, found, which.ravel(), codes, state)
            rendered = writing.lines(shaped, np.arange(len(made))) if shaped is not None else None
            if rendered is not None:
                writing.write(*rendered)
            else:
                plan_of = which.ravel().tolist()
                for _, subject, start, end in made:
                    planned = [found[k] for k in plan_of[start:end]]
                    writing.decision(evaluator.resolved(subject, planned), subject)
            yield [], []
            continue
        planned_all = [found[k] for k in which.ravel().tolist()]
        for _, subject, start, end in made:
            planned = planned_all[start:end]
            subjects.append(subject)
            decisions.append(evaluator.resolved(subject, planned))
            if len(subjects) >= SUBJECTS_PER_BATCH:
                yield subjects, decisions
                subjects, decisions = [], []
    if subjects:
        yield subjects, decisions


Made = list[tuple[int, Subject, int, int]]  # project, subject, its snapshots [start, end)


def _shaped(
    evaluator: Any,
    chunk: Folded,
    made: Made,
    found: list[Any],
    plan_of: np.ndarray,
    codes: np.ndarray,
    state: State,
) -> Decided | None:
    """The chunk's projects as lines of shapes (engine/columnar/lines.py), or None if one
    is not for a template (a criterion judged, an amount made).

    A project's decision (evaluate.resolved) is its plans' status, rules fired and set
    aside, which depend only on its distinct plans in the order they first come; and the
    actions of the snapshots whose plans make any (its reads), made from their values. So
    projects of a shape have the same distinct plans in that order, the same plans
    reading in that order, the same values present where an action reads one, and the
    same actions falling together (resolved keeps an action once: the same rule's action
    made on two reads with the same values). An action's value is named by its read:
    "2:overrun_since" is the third reading snapshot's."""
    count = len(made)
    begins = np.array([start for _, _, start, _ in made], dtype=np.int64)
    ends = np.array([end for _, _, _, end in made], dtype=np.int64)
    snapshots = len(codes)
    # Each project's distinct plans in the order they first come, and its reads.
    owner = np.repeat(np.arange(count), ends - begins)
    order = np.lexsort((np.arange(snapshots), codes, owner))
    opens = np.ones(snapshots, dtype=bool)
    opens[1:] = (owner[order][1:] != owner[order][:-1]) | (codes[order][1:] != codes[order][:-1])
    first_seen = np.zeros(snapshots, dtype=bool)
    first_seen[order[opens]] = True
    seen_at = np.flatnonzero(first_seen)
    reads = np.array([bool(plan.makers or plan.verdicts) for plan in found])[plan_of]
    read_at = np.flatnonzero(reads)
    seen, read = codes[seen_at], codes[read_at]
    seen_from, seen_to = np.searchsorted(seen_at, begins), np.searchsorted(seen_at, ends)
    read_from, read_to = np.searchsorted(read_at, begins), np.searchsorted(read_at, ends)
    series: dict[tuple[bytes, bytes], list[int]] = {}
    for line, (a, b, c, d) in enumerate(
        zip(seen_from.tolist(), seen_to.tolist(), read_from.tolist(), read_to.tolist(), strict=True)
    ):
        series.setdefault((seen[a:b].tobytes(), read[c:d].tobytes()), []).append(line)
    days = {name: np.asarray(chunk.values[name], dtype=np.int64) for name in VALUES}
    shape = np.zeros(count, dtype=np.int64)
    keys: list[Any] = []
    recipes: list[list[Make]] = []  # each shape's makers, in the order of its actions
    for key, members in series.items():
        lines = np.array(members, dtype=np.int64)
        first = members[0]
        plans = [found[k] for k in plan_of[read_at[read_from[first] : read_to[first]]].tolist()]
        if any(plan.verdicts for plan in plans):
            return None
        raw = [(r, make) for r, plan in enumerate(plans) for make in plan.makers]
        if any(make.amount for _, make in raw):
            return None
        # For each action: its read's value of each source it reads, for each line (None
        # for a source that is no snapshot value: Snapshot.value gives None for it, alike
        # on every read, so it neither varies nor parts two actions).
        values = [
            [
                days[source][read_at[read_from[lines] + r]] if source in days else None
                for source in _sources(make)
            ]
            for r, make in raw
        ]
        bits = [column != NONE for columns_ in values for column in columns_ if column is not None]
        presence = len(bits)
        pairs = [
            (j, k)
            for k, (_, make) in enumerate(raw)
            for j in range(k)
            if (raw[j][1].fixed["rule"], raw[j][1].fixed["position"])
            == (make.fixed["rule"], make.fixed["position"])
        ]
        for j, k in pairs:
            same = np.ones(len(lines), dtype=bool)
            for a, b in zip(values[j], values[k], strict=True):
                if a is not None and b is not None:
                    same &= a == b
            bits.append(same)
        if bits:
            matrix = np.stack(bits, axis=1).astype(np.uint8)
            firsts, which = distinct(matrix)
        else:
            matrix = np.zeros((1, 0), dtype=np.uint8)
            firsts, which = np.zeros(1, dtype=np.int64), np.zeros(len(lines), dtype=np.int64)
        for position in firsts.tolist():
            pattern = matrix[position]
            dropped = {k for (_, k), bit in zip(pairs, pattern[presence:], strict=True) if bit}
            recipes.append(
                [_renamed(make, r) for k, (r, make) in enumerate(raw) if k not in dropped]
            )
            keys.append((state.token, key, pattern.tobytes()))
        shape[lines] = len(keys) - len(firsts) + which

    ids = np.array([subject.key for _, subject, _, _ in made], dtype=object)
    owns: dict[str, np.ndarray | None] = {"subject": ids}
    last_read = max(len(read_at) - 1, 0)

    def own(source: str, line: int) -> np.ndarray | None:
        found_: np.ndarray | None = owns.get(source, _UNSET)
        if found_ is _UNSET:
            at, _, name = source.partition(":")
            if name:  # a read's value: each project's read `at` (another's: not looked at)
                column = days.get(name)
                found_ = (
                    None
                    if column is None
                    else column[read_at[np.minimum(read_from + int(at), last_read)]]
                )
            else:  # a value of the project's
                found_ = np.array(
                    [subject.values.get(source) for _, subject, _, _ in made], dtype=object
                )
            owns[source] = found_
        return found_

    def decision(line: int) -> tuple[Subject, Decision]:
        _, subject, start, end = made[line]
        planned = [found[k] for k in plan_of[start:end].tolist()]
        return subject, evaluator.resolved(subject, planned)

    return Decided(
        np.zeros(count, dtype=bool),
        decision,
        shape,
        own,
        lambda line: recipes[int(shape[line])],
        keys,
    )


_UNSET: Any = object()


def _sources(make: Make) -> list[str]:
    """The snapshot values an action's maker reads, in a fixed order."""
    found = [source for _, source in make.plain]
    if make.due:
        found.append(make.due[0])
    if make.not_before:
        found.append(make.not_before[0])
    return found


def _renamed(make: Make, at: int) -> Make:
    """The maker with each source it reads named by its read: "2:event_date"."""
    return Make(
        make.fixed,
        tuple((name, f"{at}:{source}") for name, source in make.plain),
        None,
        (f"{at}:{make.due[0]}", make.due[1]) if make.due else None,
        (f"{at}:{make.not_before[0]}", make.not_before[1]) if make.not_before else None,
    )


def _row(key: str, day: date, amount: Decimal, name: str, funding: str) -> BudgetEvent:
    """The project's budget row as budget._fold makes it (the values are the row path's
    own, made as FastRow makes a row)."""
    fast = fields.FastRow.of(BudgetEvent)
    assert fast is not None
    given = {"project_id": key, "date": day, "event": "budget", "amount": amount}
    row: BudgetEvent = fast.build({**given, "name": name, "funding": funding})
    return row


def _fold_chunk(
    log: Log,
    first: int,
    last: int,
    rules: Mapping[str, Any],
    as_of_day: date,
    reader: RowReader,
    dates: dict[int, date | None],
) -> tuple[Folded, Made]:
    """Fold projects [first, last) of the log into snapshots (budget._fold, on integers)."""
    as_of = as_of_day.toordinal()
    start_day = rules.get("principles_from")
    start = start_day.toordinal() if start_day is not None else NONE
    ratio = Fraction(rules["referral_ratio"])
    r_num, r_den = ratio.numerator, ratio.denominator
    report_days, halt_days = int(rules["report_days"]), int(rules["halt_within_days"])
    # The chunk's events, from 0.
    base, top = int(log.starts[first]), int(log.starts[last])
    ids, starts = log.ids, (log.starts[first : last + 1] - base).tolist()
    days, kinds = log.day[base:top].tolist(), log.kind[base:top].tolist()
    fens, names, fundings = log.fen[base:top].tolist(), log.name, log.funding
    rows: list[int] = []  # each snapshot's FOLDED figures, one after the other
    add = rows.extend
    projects: list[tuple[str, int, int, int]] = []
    events: list[tuple[int, bool]] = []  # each project's first event, whether budgeted
    pending: list[tuple[int, str, BudgetEvent, dict[str, Any] | None, int]] = []

    for p in range(first, last):
        at, end = starts[p - first], starts[p - first + 1]
        key = ids[p]
        budget_day = days[at]
        funding_text = fundings[p]
        funding = FUNDING_ALIASES.get(funding_text or "", "other")
        name = names[p]
        budget = fens[at]
        yuan = _yuan(budget)
        budget_date = _date(dates, budget_day)
        assert budget_date is not None
        row = _row(key, budget_date, yuan, name, funding_text)
        snapshot_start = len(rows) // WIDTH
        if budget_day > as_of:  # not budgeted yet on the evaluation date
            add(NOT_BUDGETED)
            projects.append((funding, budget, budget_day, 1))
            events.append((at, False))
            pending.append((p, key, row, None, snapshot_start))
            continue
        approved = 0
        estimate = 0  # none yet: the budget stands (budget._Ledger.overrun: estimate or budget)
        construction = ACTIVE
        since = NONE
        reported = False
        reported_fen = 0
        request = NOT_ASKED
        rejected_on = NONE
        ever_approved = False
        stopped = False
        since_event = NONE
        referral_on = NONE
        over = 0
        complaint = False
        i = at
        while True:
            if i < end and days[i] <= as_of:
                day = days[i]
                kind = kinds[i]
            else:
                day, kind = as_of, AS_OF  # the evaluation date: what is later has not happened
            # budget._refer(ledger, ledger.breach_met_ratio(day)): B5's first day.
            if (
                referral_on == NONE
                and since != NONE
                and since_event != NONE
                and over * r_den >= r_num * budget
            ):
                found = NONE
                if not reported:
                    passed = since + report_days + 1
                    if passed <= day:
                        found = passed if passed > since_event else since_event
                halt_until = since + halt_days
                if construction == ACTIVE and day > halt_until:
                    halted = since_event if since_event > halt_until else halt_until
                    found = halted if found == NONE or halted < found else found
                referral_on = found
            if kind == ESTIMATE:
                estimate = fens[i]
                over = (estimate or budget) - budget - approved
                if over <= 0:
                    over = 0
                    since, reported, reported_fen, request = NONE, False, 0, NOT_ASKED
                    rejected_on, stopped = NONE, False
                elif since == NONE or (reported and over > reported_fen):
                    if since == NONE:
                        referral_on = NONE
                    since, reported, reported_fen, request = day, False, 0, NOT_ASKED
                    stopped = construction != ACTIVE
            elif kind == REPORT:
                if over:
                    reported, reported_fen, request = True, over, PENDING
                    rejected_on = NONE
            elif kind == APPROVE:
                approved += fens[i]
                ever_approved = True
                over = (estimate or budget) - budget - approved
                if over <= 0:
                    over = 0
                    since, reported, reported_fen, request = NONE, False, 0, NOT_ASKED
                    rejected_on, stopped = NONE, False
                else:
                    if since == NONE:
                        referral_on = NONE
                    since, reported, reported_fen, request = day, False, 0, NOT_ASKED
                    stopped = construction != ACTIVE
            elif kind == REJECT:
                if request != PENDING:
                    reader.problem(
                        int(log.rows[base + i]), "event", "reject", msg("reject_without_report")
                    )
                    complaint = True
                    break
                request, rejected_on = REJECTED, day
            elif kind == SUSPEND:
                if construction == ACTIVE:
                    construction, stopped = SUSPENDED, True
            elif kind == RESUME:
                construction = ACTIVE
                if over and referral_on == NONE and over * r_den >= r_num * budget:
                    referral_on = day  # resumed before approval, at the ratio
            elif kind == COMPLETE:
                construction, stopped = DONE, True
            add(
                (
                    over,
                    reported,
                    request,
                    construction,
                    ever_approved,
                    stopped,
                    since,
                    rejected_on,
                    referral_on,
                )
            )
            if kind == AS_OF:
                break
            since_event = day
            i += 1
        if complaint:
            del rows[snapshot_start * WIDTH :]
            continue
        values = {
            "name": name,
            "funding": funding_text,
            "budget": yuan,
            "approved_increases": _yuan(approved) if approved else ZERO,
            "estimate": _yuan(estimate) if estimate and estimate != budget else yuan,
            "overrun": _yuan(over) if over else ZERO,
            "overrun_ratio": (Decimal(over) / Decimal(budget)).quantize(
                RATIO_PLACES, rounding=ROUND_DOWN
            ),
        }
        projects.append((funding, budget, budget_day, len(rows) // WIDTH - snapshot_start))
        events.append((at, True))
        pending.append((p, key, row, values, snapshot_start))
    chunk = Folded(
        rows, projects, events, (log.day[base:top], log.kind[base:top]), start, as_of, dates
    )
    made: Made = []
    ends = [s for *_, s in pending[1:]] + [len(rows) // WIDTH] * bool(pending)
    for (p, key, row, given, begin), end in zip(pending, ends, strict=True):
        figures: Mapping[str, Any] = given if given is not None else {"name": row.name}
        snapshots = cast(tuple[Snapshot, ...], Snapshots(chunk, begin, end))
        made.append((p, Subject(key, row, snapshots, figures), begin, end))
    return chunk, made


def _fired(
    prepared: Prepared,
    log: Log,
    chunk: Folded,
    made: Made,
    state: State,
    rules: Mapping[str, Any],
) -> np.ndarray:
    """What fired on each snapshot of the chunk (an index into state.hits): the engine's
    answer for each combination, asked (and checked against the row path) once per
    combination in a run (or a worker)."""
    engine = prepared.evaluator.engine
    count = len(chunk.day)
    columns = chunk.columns()
    budgeted = chunk.budgeted
    for name, which in (("overrun_ratio", "over"), ("previous_overrun_ratio", "before_over")):
        lo, hi = _bounds(chunk.col[which], chunk.budget, engine.scale)
        columns[name + "__lo"], columns[name + "__hi"] = (budgeted, lo), (budgeted, hi)
    keys = signatures(engine.terms(), columns, count)
    firsts, combination = distinct(keys)
    known = state.known
    answers = np.array([known.get(keys[at].tobytes(), -1) for at in firsts.tolist()])
    owner = np.repeat(np.arange(len(made)), [end - start for _, _, start, end in made])
    # The new combinations, by the project each first appears in: a project is checked
    # once for all of them (its fold is as long as its log).
    new: dict[int, list[tuple[int, int]]] = {}
    for k, at in enumerate(firsts.tolist()):
        if answers[k] < 0:
            new.setdefault(int(owner[at]), []).append((k, at))
    for item, found in new.items():
        ats = [at for _, at in found]
        for (k, at), hits in zip(
            found, _checked(prepared, log, made[item], ats, keys[ats], rules), strict=True
        ):
            answers[k] = known[keys[at].tobytes()] = len(state.hits)
            state.hits.append(hits)
    return answers[combination] if len(answers) else np.zeros(0, dtype=np.int64)


def _bounds(over: np.ndarray, budget: np.ndarray, scale: int) -> tuple[np.ndarray, np.ndarray]:
    """The floor and ceiling of over / budget x scale (Engine.bounds), each row (a
    snapshot not budgeted has a budget of 0 here: its bounds are not read)."""
    whole = np.where(budget > 0, budget, 1)
    if int(over.max(initial=0)) * scale < 1 << 62:
        scaled = over * scale
        return scaled // whole, -(-scaled // whole)
    pairs = zip(over.tolist(), whole.tolist(), strict=True)
    lo, hi = zip(*((o * scale // b, -(-o * scale // b)) for o, b in pairs), strict=True)
    return np.array(lo, dtype=object), np.array(hi, dtype=object)


def _checked(
    prepared: Prepared,
    log: Log,
    item: tuple[int, Subject, int, int],
    ats: list[int],
    keys: np.ndarray,
    rules: Mapping[str, Any],
) -> list[Any]:
    """The engine's answer for new combinations, first seen on snapshots `ats` of the
    item's project (their signatures `keys`), and a check that the columns give what the
    row path gives for that whole project: its snapshots, signatures, decision, figures
    and row."""
    p, subject, start, end = item
    evaluator, engine = prepared.evaluator, prepared.evaluator.engine
    problems: list[Any] = []
    expected = _fold(
        subject.key,
        log.events(p),
        prepared.as_of,
        lambda *problem: problems.append(problem),
        rules,
    )
    where = f"columnar path: project {subject.key}"
    if expected is None or problems:
        raise EngineError(f"{where}: refused by the row path: {problems}")
    if len(expected.snapshots) != end - start:
        raise EngineError(f"{where}: {len(expected.snapshots)} snapshots, not {end - start}")
    for ours, theirs in zip(subject.snapshots, expected.snapshots, strict=True):
        if ours.day != theirs.day or ours.tests != theirs.tests:
            raise EngineError(f"{where}: the snapshot of {theirs.day} differs")
        if _given(ours.values) != _given(theirs.values):  # type: ignore[attr-defined]
            raise EngineError(f"{where}: the values of {theirs.day} differ")
    for at, key in zip(ats, keys, strict=True):
        snapshot = expected.snapshots[at - start]
        signature = engine.signature(engine.fact(snapshot.day, snapshot.tests))
        if not np.array_equal(np.packbits(np.array(signature, dtype=bool)), key):
            raise EngineError(f"{where}: the signature of {snapshot.day} differs")
    hits = evaluator.engine.fire([(s.day, s.tests) for s in expected.snapshots], evaluator.memo)
    if (
        dict(subject.values) != dict(expected.values)
        or subject.row.model_dump() != expected.row.model_dump()
        or evaluator._resolve(subject, hits) != evaluator._resolve(expected, hits)
    ):
        raise EngineError(f"{where}: the decision differs")
    return [hits[at - start] for at in ats]


def _date(dates: dict[int, date | None], number: int) -> date | None:
    """A day number as a date (None for NONE), each made once a run."""
    found = dates.get(number)
    if found is None and number != NONE:
        found = dates[number] = date.fromordinal(number)
    return found


def _given(values: Mapping[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in values.items() if value is not None}
