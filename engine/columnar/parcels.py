"""Parcels over columns: what kinds/parcels.py `subjects` makes of each row, for a block of
register rows at once (engine/columnar).

The facts (parcels.derive) are computed over whole columns of day numbers: the start date
that counts (L2, L6), full years by the civil-code count (L1), the day a parcel becomes idle;
the checks across columns the row model makes (Parcel._coherent) and the contradictions only
the parameters reveal (parcels.contradiction) send a row to the row path, which names the
problem. The case (the register's own dated columns; a run with an events file takes the
row path) is counted by parcel_case.procedure itself, once for each distinct combination of
the days it reads. The engine is asked, and the decision checked, on one subject per
combination made by the row path itself; every other row's decision is made from that
combination's plan and the row's own values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from ..errors import EngineError
from ..fields import FastRow
from ..kinds.parcel_case import FLAGS, Procedure, case_on, procedure
from ..kinds.parcel_events import timeline
from ..kinds.parcels import Parcel, rounds, subjects
from ..subjects import Subject
from . import Block, Row, add_years, distinct, full_from, full_years, signatures
from .lines import Decided
from .parcel_case import STAGES as STAGE_NAMES
from .parcel_case import cases

if TYPE_CHECKING:
    from ..evaluate import Decision
    from ..pipeline import Prepared

# Shares given as two amounts are left to the row path (none of the contract's examples or
# the benchmark writes them; a register that does is decided right, more slowly).
AMOUNTS = ("developed_area", "total_area", "invested_amount", "total_investment")
# The yes/no columns, each a fact of the same name.
FLAG_COLUMNS = tuple(n for n, f in Parcel.model_fields.items() if f.annotation is bool)
# Cases kept between blocks: a case with its periods counted holds a few kilobytes; the
# cases that recur (a parcel suspect since a day, nothing served yet) are few; one with a
# notice served is rarely another's.
CASES_KEPT = 1024
NONE = -1  # a day column's blank, as a day number (never a date a register can hold)


class Facts:
    """A parcel's snapshot on the evaluation date, as the actions read it (what
    parcels.ParcelFacts.value gives). What else a reader asks of a snapshot (its tests, its
    case, its row, how its periods were counted: a join, an explanation, a document) is
    the row path's snapshot of the same row, made when asked."""

    __slots__ = (
        "_determination",
        "_notice",
        "_reference",
        "_values",
        "as_of",
        "idle_from",
        "price",
        "start_date",
    )
    _BY_ROW_PATH = frozenset(("tests", "case", "parcel", "counting"))

    def __init__(
        self,
        as_of: date,
        values: Mapping[str, Any],
        price: Decimal | None,
        start_date: date,
        idle_from: date,
        notice: int,
        determination: int,
        reference: Callable[[], Any],
    ) -> None:
        self.as_of, self._values, self.price = as_of, values, price
        self.start_date, self.idle_from = start_date, idle_from
        self._notice, self._determination = notice, determination
        self._reference = reference

    def __getattr__(self, name: str) -> Any:
        if name in Facts._BY_ROW_PATH:
            return getattr(self._reference(), name)
        raise AttributeError(name)

    @property
    def day(self) -> date:
        return self.as_of

    def value(self, name: str) -> Any:
        values = self._values
        if name in values:
            return values[name]
        if name == "days_until_idle":
            return (self.idle_from - self.as_of).days
        if name == "investigation_notice_on":
            return date.fromordinal(self._notice) if self._notice != NONE else None
        if name == "determination_on":
            return date.fromordinal(self._determination) if self._determination != NONE else None
        if name in ("as_of", "price", "start_date", "idle_from"):
            return getattr(self, name)
        return None


def _ratio(value: Any) -> Fraction | None:
    return value if isinstance(value, Fraction) else None


def columnar(prepared: Prepared, block: Block) -> Decided:
    """For each line of the block, whether the row path must take it; for each other line,
    its subject and decision when asked, its shape and its own values."""
    params, as_of = prepared.params, prepared.as_of
    today = as_of.toordinal()
    slow = block.slow.copy()
    for name in AMOUNTS:
        slow |= block.has(name)

    def days(name: str) -> tuple[np.ndarray, np.ndarray]:
        found = block.days(name, NONE)
        return found != NONE, np.where(found == NONE, today, found)

    has_agreed, agreed = days("agreed_start")
    has_delivered, delivered = days("delivered_on")
    has_extended, extended = days("extended_start")
    has_signed, signed = days("agreement_signed_on")
    has_started, started_on = days("started_on")
    has_halted, halted_on = days("halted_on")
    has_fee, fee_on = days("fee_levied_on")
    has_notice, notice_on = days("investigation_notice_on")
    has_determined, determined_on = days("determination_on")
    has_published, published_on = days("published_on")
    has_hearing, hearing_on = days("hearing_notice_on")
    supply = block.codes("supply")
    cause = block.codes("cause")
    price_known = block.has("price")
    delay = block.mapped(
        "government_delay_days", lambda v: v if isinstance(v, int) else 0, np.int64
    )
    flags = {name: block.flag(name) for name in FLAG_COLUMNS}
    state = memo_of(prepared)
    bounds = prepared.evaluator.engine.bounds
    limits = {
        "developed_ratio": params["stalled_developed_under"],
        "invested_ratio": params["stalled_invested_under"],
    }

    def shares(name: str) -> np.ndarray:
        """For each row, of a share column: (given, typed rounded, under its limit, floor
        and ceiling times the engine's scale), read once per distinct cell in a run."""
        column = block.columns.get(name)
        if column is None:
            return np.zeros((len(block), 5), dtype=np.int64)
        known, limit = state.shares, limits[name]
        if len(known) >= 1 << 16:
            known.clear()
        table = []
        for text, value in zip(column.texts, column.values, strict=True):
            found = known.get((name, text))
            if found is None:
                share = _ratio(value)
                found = known[(name, text)] = (
                    (0, 0, 0, 0, 0)
                    if share is None
                    else (1, rounds(share, limit), share < limit, *bounds(share))
                )
            table.append(found)
        read: np.ndarray = np.array(table, dtype=np.int64).reshape(-1, 5)[column.index]
        return read

    developed, invested = shares("developed_ratio"), shares("invested_ratio")
    has_developed, has_invested = developed[:, 0] == 1, invested[:, 0] == 1
    mortgagee = block.mapped("mortgagee", lambda v: bool(v) and isinstance(v, str), bool)

    # The row model's checks across columns (Parcel._coherent): a row failing one is the
    # row path's to refuse, naming the column.
    slow |= ~price_known & (supply == "transfer")
    slow |= ~has_agreed & ~has_delivered
    slow |= has_halted & (~has_started | (halted_on < started_on) | ~has_developed | ~has_invested)
    slow |= (delay != 0) & (cause != "holder")
    replaced = np.where(has_agreed, agreed, delivered)
    slow |= has_extended & (((has_agreed | has_delivered) & (extended < replaced)) | ~has_signed)
    slow |= flags["mortgaged"] & ~mortgagee
    slow |= has_determined & has_notice & (determined_on < notice_on)
    for done, on in ((has_published, published_on), (has_hearing, hearing_on)):
        slow |= done & (~has_determined | (has_determined & (on < determined_on)))

    # The case as it stood on the date (parcel_case.as_parcel): nothing dated after it.
    started = has_started & (started_on <= today)
    halted = started & has_halted & (halted_on <= today)
    notice = has_notice & (notice_on <= today)
    determined = has_determined & (determined_on <= today)
    published = has_published & (published_on <= today)
    hearing = has_hearing & (hearing_on <= today)
    levied = has_fee & (fee_on <= today)
    agreed_on = has_extended & has_signed & (signed <= today)

    # parcels.derive
    original = np.where(
        has_agreed, agreed, add_years(delivered, params["start_after_delivery_years"])
    )
    start = np.where(agreed_on, extended, original) + delay
    idle_years = params["idle_after_years"]
    idle_from = full_from(start, idle_years)
    first_idle = full_from(original + delay, idle_years)
    not_started_years = full_years(start, np.full_like(start, today))
    unstarted_at_start = full_years(start, started_on)
    signed_to_start = full_years(signed, extended)
    halted_years = full_years(halted_on, np.full_like(halted_on, today))
    halt_years = params["stalled_halt_years"]

    # parcels.contradiction: a fee levied before the parcel could be idle; a share typed
    # rounded where a halt of a year makes it decide (the row path says which).
    slow |= levied & (fee_on < first_idle)
    halted_long = halted & (halted_years >= halt_years)
    rounded = (developed[:, 1] == 1) | (invested[:, 1] == 1)
    slow |= halted_long & rounded

    # parcels.suspect_from, and the reclaim in prospect
    under = (developed[:, 2] == 1) | (invested[:, 2] == 1)
    government = (cause != "holder") & flags["cause_verified"]
    stalled = halted_long & under
    suspect = np.where(
        ~started,
        np.where(not_started_years >= idle_years, idle_from, NONE),
        np.where(
            stalled,
            full_from(halted_on, halt_years),
            np.where((unstarted_at_start >= idle_years) & ~government, idle_from, NONE),
        ),
    )
    reclaim = ~started & (not_started_years >= params["reclaim_after_years"])

    fast = np.flatnonzero(~slow)
    # The case's procedure over columns (engine/columnar/parcel_case.py); a row whose
    # periods the holiday calendar cannot count goes to the row path, which says so.
    register_days = np.stack(
        [
            suspect,
            reclaim.astype(np.int64),
            np.where(notice, notice_on, NONE),
            np.where(determined, determined_on, NONE),
            np.where(hearing, hearing_on, NONE),
            np.where(levied, fee_on, NONE),
        ],
        axis=1,
    )
    case_days = register_days[fast]
    case = cases(*_days_of(case_days), today, params)
    if case.failed.any():
        slow[fast[case.failed]] = True
        fast = np.flatnonzero(~slow)
        case_days = register_days[fast]
        case = cases(*_days_of(case_days), today, params)
    case_kind = case.kind
    # A row of each kind of case checked against the procedure itself.
    for at in distinct(case_kind.reshape(-1, 1))[0].tolist():
        case.check(at, state.procedure(tuple(case_days[at].tolist()), params, as_of))

    # The engine's signature of each row, over columns.
    everywhere = np.ones(len(block), dtype=bool)
    engine = prepared.evaluator.engine

    columns: dict[str, tuple[np.ndarray, np.ndarray]] = {
        "day": (everywhere, np.full(len(block), today, dtype=np.int64)),
        "supply": (everywhere, supply),
        "price_known": (everywhere, price_known),
        "started": (everywhere, started),
        "days_past_start": (everywhere, today - start),
        "halted": (everywhere, halted),
        "cause": (everywhere, cause),
        "delivered_after_start": (everywhere, has_delivered & (delivered > start)),
        "fee_levied": (everywhere, levied),
        "investigation_noticed": (everywhere, notice),
        "determined": (everywhere, determined),
        "published": (everywhere, published),
        "hearing_noticed": (everywhere, hearing),
        "years_unstarted_at_start": (started, unstarted_at_start),
        "years_not_started": (~started, not_started_years),
        "years_signed_to_start": (agreed_on, signed_to_start),
        "days_notice_to_determination": (determined & notice, determined_on - notice_on),
        "years_halted": (halted, halted_years),
    }
    for name in FLAG_COLUMNS:
        columns[name] = (everywhere, flags[name])
    for name, table in (("developed_ratio", developed), ("invested_ratio", invested)):
        columns[name + "__lo"] = (table[:, 0] == 1, table[:, 3])
        columns[name + "__hi"] = (table[:, 0] == 1, table[:, 4])
    columns = {name: (present[fast], values[fast]) for name, (present, values) in columns.items()}
    for name in FLAGS:
        columns[name] = (np.ones(len(fast), dtype=bool), case.tests[name])
    stages = np.array(STAGE_NAMES, dtype=object)[case.stage]
    columns["stage"] = (case.stage != 0, stages)
    terms = engine.terms()
    keys = signatures(terms, columns, len(fast))
    representatives, combination_of = distinct(keys)

    evaluator = prepared.evaluator
    memo = evaluator.memo
    dates: dict[int, date] = {}

    def day(number: int) -> date:
        found = dates.get(number)
        if found is None:
            found = dates[number] = date.fromordinal(number)
        return found

    where = np.full(len(block), -1, dtype=np.int64)
    where[fast] = np.arange(len(fast))
    shows_idle = ~started | (started_on >= idle_from)
    ids = block.columns.get("parcel_id")
    assert ids is not None
    plans: list[Any] = []

    def made(line: int) -> tuple[Subject, Decision]:
        at = int(where[line])
        values: dict[str, Any] = {"start_date": day(int(start[line]))}
        idle = day(int(idle_from[line]))
        if shows_idle[line]:
            values["idle_from"] = idle
        stage = case.stage_of(at)
        if stage is not None:
            values["stage"] = stage
        facts = Facts(
            as_of,
            case.values_of(at),
            block.value("price", line),
            values["start_date"],
            idle,
            int(notice_on[line]) if notice[line] else NONE,
            int(determined_on[line]) if determined[line] else NONE,
            lambda: reference(line).snapshots[0],
        )
        subject = Subject(ids.value(line), cast(Any, Row(block, line)), (facts,), values)
        return subject, evaluator._resolve(subject, [plans[combination_of[at]]])

    # One subject per combination through the row path: the engine's answer, and a check
    # that the columns give what the row path gives.
    model: Any = prepared.kind.model  # Parcel
    fast_reader = FastRow.of(model)
    assert fast_reader is not None
    refused: list[Any] = []

    def refuse(*problem: Any) -> None:
        refused.append(problem)

    def reference(line: int) -> Subject:
        """The row's subject as the row path makes it."""
        raw = block.raw(line)
        parcel = fast_reader(raw) or model.model_validate(raw)
        refused.clear()
        made_rows = [
            s
            for batch in subjects([[(int(block.rows[line]), parcel)]], as_of, params, refuse)
            for s in batch
        ]
        if refused or len(made_rows) != 1:
            raise EngineError(
                f"columnar path: row {int(block.rows[line])} refused by the row path: {refused}"
            )
        return made_rows[0]

    # The engine asked once for all the block's new combinations (one batch of facts).
    plans.extend(state.plans.get(keys[at].tobytes()) for at in representatives)
    new = [k for k, hits in enumerate(plans) if hits is None]
    references = [reference(int(fast[representatives[k]])) for k in new]
    snapshots = [(r.snapshots[0].day, r.snapshots[0].tests) for r in references]
    for k, expected_subject, hits in zip(
        new, references, engine.fire(snapshots, memo) if snapshots else [], strict=True
    ):
        at = representatives[k]
        line = int(fast[at])
        snapshot = expected_subject.snapshots[0]
        expected = engine.signature(engine.fact(snapshot.day, snapshot.tests))
        if not np.array_equal(np.packbits(np.array(expected, dtype=bool)), keys[at]):
            raise EngineError(f"columnar path: row {int(block.rows[line])}: signature differs")
        plans[k] = hits
        subject, decision = made(line)
        if decision != evaluator._resolve(expected_subject, [hits]) or dict(subject.values) != dict(
            expected_subject.values
        ):
            raise EngineError(f"columnar path: row {int(block.rows[line])}: decision differs")
        state.plans[keys[at].tobytes()] = hits

    # Shapes: lines deciding alike but for their own values (engine/columnar/lines.py).
    # The case's values read as the row's own (its due dates, its days overdue): a shape is
    # the case's kind (its stage, the values it has), not its days.
    shaped = np.stack(
        [
            combination_of,
            case_kind,
            price_known[fast].astype(np.int64),
            shows_idle[fast].astype(np.int64),
        ],
        axis=1,
    )
    firsts, shape_of = distinct(shaped)
    shape = np.full(len(block), -1, dtype=np.int64)
    shape[fast] = shape_of
    names = [
        (
            keys[representatives[combination_of[f]]].tobytes(),
            case.kind_name(int(f)),
            bool(price_known[fast[f]]),
            bool(shows_idle[fast[f]]),
        )
        for f in firsts
    ]
    ids_column = block.codes("parcel_id")
    prices = block.codes("price")
    own_values: dict[str, np.ndarray] = {
        "subject": ids_column,
        "start_date": start,
        "idle_from": idle_from,
        "days_until_idle": idle_from - today,
        "investigation_notice_on": notice_on,
        "determination_on": determined_on,
        "price": prices,
    }
    given = {
        "investigation_notice_on": notice,
        "determination_on": determined,
        "price": price_known,
    }
    from_cases: dict[str, np.ndarray] = {}

    def case_values(source: str) -> np.ndarray:
        """A value of the cases, for every line."""
        found = from_cases.get(source)
        if found is None:
            found = np.zeros(len(block), dtype=np.int64)
            found[fast] = case.values[source][1]
            from_cases[source] = found
        return found

    def own(source: str, line: int) -> np.ndarray | None:
        """A value of the line's snapshot that varies from row to row within its shape."""
        if source in case.values and case.values[source][0][where[line]]:
            return case_values(source)
        if source not in own_values:
            return None
        if source in given and not given[source][line]:
            return None
        return own_values[source]

    def makers(line: int) -> Any:
        hits = plans[combination_of[where[line]]]
        plan = evaluator._plan(hits, True, str(ids.value(line)))
        return plan.makers

    def row(name: str) -> np.ndarray | None:
        """A field of the lines' rows, as Row (the subject's row) gives it."""
        return block.codes(name) if name in block.defaults else None

    return Decided(slow, made, shape, own, makers, names, row)


def _days_of(
    days: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The columns of a case's days: suspect from, reclaim, notice, determination, hearing
    notice, fee (parcel_case.cases)."""
    return days[:, 0], days[:, 1], days[:, 2], days[:, 3], days[:, 4], days[:, 5]


class State:
    """What a run's blocks share: the case's procedure for each combination of its days,
    and the engine's answer for each combination of threshold sides already checked."""

    def __init__(self) -> None:
        self.cases: dict[tuple[int, ...], Procedure] = {}
        self.plans: dict[bytes, Any] = {}
        self.shares: dict[tuple[str, str], tuple[int, ...]] = {}

    def procedure(self, key: tuple[int, ...], params: Mapping[str, Any], as_of: date) -> Procedure:
        found = self.cases.get(key)
        if found is None:
            found = _procedure(key, params, as_of)
            if key[2:] == (NONE, NONE, NONE, NONE):  # nothing served yet: such cases recur
                if len(self.cases) >= CASES_KEPT:
                    self.cases.clear()
                self.cases[key] = found
        return found


def memo_of(prepared: Prepared) -> State:
    """The run's State, kept in its memo (emptied with it, never across rulebooks)."""
    found = prepared.memo.fragments.setdefault(("columnar", "parcels"), State)
    assert isinstance(found, State)
    return found


def _procedure(key: tuple[int, ...], params: Mapping[str, Any], as_of: date) -> Procedure:
    """parcel_case.procedure for a register's case: the suspect-from day, the reclaim, the
    notice, the determination, the hearing notice and the fee levied (day numbers, NONE
    for none) as of the date."""
    suspect, reclaim, notice, determination, hearing, fee = key

    def on(number: int) -> date | None:
        return date.fromordinal(number) if number != NONE else None

    register = SimpleNamespace(
        investigation_notice_on=on(notice),
        determination_on=on(determination),
        published_on=None,
        hearing_notice_on=on(hearing),
        started_on=None,
        halted_on=None,
        extended_start=None,
        agreement_signed_on=None,
        fee_levied_on=on(fee),
        cause="holder",
    )
    events = timeline(register, [], params, None)
    assert events is not None
    return procedure(case_on(events, as_of), on(suspect), params, bool(reclaim))
