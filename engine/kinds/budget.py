"""Budget change logs: events of district projects, folded into one snapshot per event.

Each project's events are put in order (by date, then by row within a date: decisions.md
and the input contract), and the project's figures are carried forward event by event:
budget, approved increases, latest estimate, the unapproved overrun and since when it has
stood, whether it was reported, what the district government answered, and whether
construction is going on. Every snapshot holds the figures just before its event and just
after it, so that rules can see order: a report made N days after the estimate that
revealed the overrun, construction that was still going on at a later event, an estimate
that took the ratio across the referral threshold. What those mean in law is decided by
the rules (rules/budget.yaml), not here. One date is computed here from the rules'
parameters, as the idle-land kind computes the day a parcel becomes idle: the first day a
breach of principle 3 met an unapproved overrun of the referral ratio (decisions.md B5),
which dates the referral whichever later snapshot the rule fires on, so that it is made
once and stays on the record after an approval.

Rows may arrive in any order; they are sorted on disk (SQLite in a temporary file), so a
log of millions of events is never held in memory at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from itertools import groupby
from typing import Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from .. import cells, fields, messages
from ..conditions import FactField
from ..messages import Invalid, Message, msg
from ..rulebook import words as _t
from ..subjects import Facts, ProblemSink, Subject, Tests
from . import BookColumn, Kind, Option, View

messages.register(
    {
        "event": {
            "en": "one of the events: {codes}",
            "zh": "以下事件之一：{codes}",
        },
        "amount_for_event": {
            "en": "an amount in yuan for a {event} event",
            "zh": "该 {event} 事件的金额（元）",
        },
        "budget_name": {
            "en": "the project's name on its budget event",
            "zh": "预算事件上的项目名称",
        },
        "budget_funding": {
            "en": "the source of funds on the budget event (district_fiscal for district "
            "fiscally-funded projects)",
            "zh": "预算事件上的资金来源（区财政投资项目填 district_fiscal）",
        },
        "no_budget": {
            "en": "a budget event first: project {project} has no budget event",
            "zh": "先有预算事件：项目 {project} 没有预算事件（budget）",
        },
        "budget_twice": {
            "en": "one budget event per project: {project} has one on row {row}",
            "zh": "每个项目只有一条预算事件：项目 {project} 已在第 {row} 行有一条",
        },
        "before_budget": {
            "en": "a date on or after the project's budget event ({date}, row {row})",
            "zh": "不早于本项目预算事件（{date}，第 {row} 行）的日期",
        },
        "budget_first_same_day": {
            "en": "the budget event (row {row}) first: on the same date it must come on an "
            "earlier row",
            "zh": "预算事件（第 {row} 行）在先：同一日期的预算事件须排在更前的行",
        },
        "reject_without_report": {
            "en": "a reject answers a reported overrun, but no report is awaiting an answer on "
            "this date (add the report event, or correct the event)",
            "zh": "对已报告超支的答复，但该日期没有待答复的超支报告（请补充 report 事件，"
            "或更正本事件）",
        },
    }
)

EVENTS = ("budget", "estimate", "report", "approve", "reject", "suspend", "resume", "complete")
# The names a finance bureau gives each event. 超概算 (over the approved estimate) is a new
# estimate above the budget; an adjustment (adjust, 调整预算, 追加) is an increase the
# district government approved.
EVENT_NAMES: dict[str, tuple[str, ...]] = {
    "budget": ("预算", "批复预算", "下达预算"),
    "estimate": ("估算", "预估", "超概算", "超预算", "概算超支"),
    "report": ("报告", "上报", "报送"),
    "approve": ("批准", "同意", "adjust", "调整", "调整预算", "预算调整", "追加", "追加预算"),
    "reject": ("否决", "不同意", "驳回"),
    "suspend": ("停工", "暂停施工"),
    "resume": ("复工", "恢复施工"),
    "complete": ("竣工", "完工"),
}
EVENT_ALIASES = {
    **{e: e for e in EVENTS},
    **{name: event for event, names in EVENT_NAMES.items() for name in names},
}
# Sources of funding the rules may name; any other funding is read as "other".
FUNDINGS = (
    "district_fiscal",
    "city_fiscal",
    "provincial_fiscal",
    "central_fiscal",
    "special_bond",
    "enterprise",
    "other",
)
FUNDING_ALIASES = {
    **{f: f for f in FUNDINGS},
    "区财政": "district_fiscal",
    "区级财政": "district_fiscal",
    "市财政": "city_fiscal",
    "省财政": "provincial_fiscal",
    "中央财政": "central_fiscal",
    "专项债": "special_bond",
    "企业自筹": "enterprise",
}
CONSTRUCTION = ("active", "suspended", "complete")
REQUESTS = ("none", "pending", "rejected")
RATIO_PLACES = Decimal("0.000001")

FACT_FIELDS: dict[str, FactField] = {
    f.name: f
    for f in (
        FactField(
            "event",
            "enum",
            "the event of this snapshot (as_of: the evaluation date)",
            "本次事件（as_of 为评估日期）",
            (*EVENTS, "as_of"),
        ),
        FactField("funding", "enum", "source of the project's funds", "资金来源", FUNDINGS),
        FactField("budgeted", "bool", "an engineering budget was approved", "已批准工程预算"),
        FactField(
            "has_overrun", "bool", "the estimate exceeds the approved budget", "估算超出已批准预算"
        ),
        FactField(
            "overrun_ratio",
            "ratio",
            "unapproved overrun / original budget",
            "未经批准的超支额占原预算比例",
        ),
        FactField(
            "previous_overrun_ratio",
            "ratio",
            "the overrun ratio before this event",
            "本次事件前的超支比例",
        ),
        FactField(
            "overrun_reported",
            "bool",
            "the overrun was reported to the district government",
            "超支已报告区政府",
        ),
        FactField(
            "request",
            "enum",
            "the district government's answer to the reported overrun",
            "区政府对超支报告的答复",
            REQUESTS,
        ),
        FactField(
            "was_active",
            "bool",
            "construction was going on just before this event",
            "本次事件前正在施工",
        ),
        FactField(
            "construction",
            "enum",
            "construction after this event",
            "本次事件后施工状态",
            CONSTRUCTION,
        ),
        FactField(
            "days_since_overrun",
            "int",
            "days since the unapproved overrun arose",
            "未经批准超支发生以来的天数",
        ),
        FactField(
            "days_unreported",
            "int",
            "days the overrun had gone unreported (0 once reported)",
            "超支未报告的天数（已报告的为0）",
        ),
        FactField(
            "stopped_since_overrun",
            "bool",
            "construction stopped at some point since the overrun arose",
            "超支发生后曾停工",
        ),
        FactField(
            "ever_approved",
            "bool",
            "the district government approved an increase",
            "区政府曾批准追加预算",
        ),
    )
}

VALUE_FIELDS: dict[str, str] = {
    "as_of": "date",
    "event_date": "date",
    "budget_date": "date",
    "overrun_since": "date",
    "previous_overrun_since": "date",
    "rejected_on": "date",
    "referral_on": "date",
}

# Parameters the referral's date needs (B5); the rulebook must define them.
REQUIRED_PARAMS = ("report_days", "halt_within_days", "referral_ratio")


# What an event cell must hold, every name listed (built once).
EVENT_EXPECTED = msg("event", codes="; ".join(f"{e} ({'/'.join(EVENT_NAMES[e])})" for e in EVENTS))


class BudgetEvent(fields.Row):
    """One row of a budget change log, as the input contract defines it."""

    COLUMN_ALIASES: ClassVar[dict[str, str]] = {
        "项目编号": "project_id",
        "日期": "date",
        "事项": "event",
        "事件": "event",
        "金额": "amount",
        "项目名称": "name",
        "资金来源": "funding",
        "备注": "note",
    }

    project_id: str = Field(min_length=1)
    date: date
    event: Literal[
        "budget", "estimate", "report", "approve", "reject", "suspend", "resume", "complete"
    ]
    amount: Decimal | None = None
    name: str | None = None
    funding: str | None = None
    note: str | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return fields.day(value)

    @field_validator("event", mode="before")
    @classmethod
    def _event(cls, value: Any) -> Any:
        return fields.code(value, EVENT_ALIASES, EVENT_EXPECTED)

    @field_validator("amount", mode="before")
    @classmethod
    def _money(cls, value: Any) -> Decimal:
        return fields.amount(value)

    @model_validator(mode="after")
    def _complete(self) -> BudgetEvent:
        if self.event in ("budget", "estimate", "approve") and self.amount is None:
            raise Invalid("amount_for_event", column="amount", event=self.event)
        if self.event == "budget":
            if not self.name:
                raise Invalid("budget_name", column="name")
            if not self.funding:
                raise Invalid("budget_funding", column="funding")
        return self


@dataclass(frozen=True)
class _Event:
    row: int
    day: date
    kind: str
    fen: int | None
    name: str | None
    funding: str | None
    refused: bool = False  # a row refused for a cell: known only as far as it could be read


@dataclass(frozen=True)
class Refused:
    """What a change log can still tell of a row it refused for a bad cell: its project,
    and its event and date where they could be read. The log's shape (one budget event,
    none before it) is checked with it in the same run, so that fixing the cells does not
    reveal new problems; the project is not decided."""

    project_id: str
    event: str | None
    day: date | None


def refused(raw: Mapping[str, Any]) -> Refused | None:
    """A refused row, as far as it can be read; None without a project id."""
    project = str(raw.get("project_id") or "").strip()
    if not project:
        return None
    event = raw.get("event")
    code = EVENT_ALIASES.get(fields.code_text(event)) if isinstance(event, str) else None
    try:
        day = fields.day(raw["date"]) if raw.get("date") else None
    except ValueError:
        day = None
    return Refused(project, code, day)


@dataclass
class _Ledger:
    """A project's figures, carried forward event by event (amounts in fen)."""

    budget: int
    approved: int = 0
    estimate: int | None = None
    construction: str = "active"
    since: date | None = None  # the unapproved overrun has stood since this date
    reported: bool = False
    reported_fen: int = 0
    request: str = "none"
    rejected_on: date | None = None
    ever_approved: bool = False
    stopped: bool = False  # construction stopped at some point since the overrun arose
    since_event: date | None = None  # the day of the last event: the figures hold from it
    referral_on: date | None = None  # a breach first met the referral ratio (B5)

    def overrun(self) -> int:
        return max(0, (self.estimate or self.budget) - self.budget - self.approved)

    def copy(self) -> _Ledger:
        """The figures as they stand (a plain copy: every field is immutable)."""
        clone = object.__new__(_Ledger)
        clone.__dict__.update(self.__dict__)
        return clone

    def open(self, day: date) -> None:
        """A new obligation to report, from `day` (a new overrun: no referral on it yet)."""
        if self.since is None:
            self.referral_on = None
        self.since, self.reported, self.reported_fen, self.request = day, False, 0, "none"
        self.stopped = self.construction != "active"

    def ratio(self) -> Fraction:
        return Fraction(self.overrun(), self.budget)

    def breach_met_ratio(self, day: date, rules: Mapping[str, Any]) -> date | None:
        """The first day up to `day`, while these figures held, on which a breach of
        principle 3 stood with the overrun at the referral ratio (B5): the report not made
        within its days, or construction going on past the day the overrun arose. Mirrors
        the conditions of BUD-B5-REFER, which decide whether there is a referral."""
        if self.since is None or self.since_event is None:
            return None
        if self.ratio() < rules["referral_ratio"]:
            return None
        found = []
        if not self.reported:
            deadline_passed = self.since + timedelta(days=rules["report_days"] + 1)
            if deadline_passed <= day:
                found.append(max(deadline_passed, self.since_event))
        halt_until = self.since + timedelta(days=rules["halt_within_days"])
        if self.construction == "active" and day > halt_until:
            found.append(max(self.since_event, halt_until))
        return min(found, default=None)

    def close(self) -> None:
        self.since, self.reported, self.reported_fen, self.request = None, False, 0, "none"
        self.rejected_on, self.stopped = None, False

    def apply(self, event: _Event) -> Message | None:
        """Carry the figures past one event; say what is wrong if the log contradicts itself."""
        kind = event.kind
        if kind == "reject" and self.request != "pending":
            return msg("reject_without_report")
        if kind == "estimate":
            self.estimate = event.fen
            overrun = self.overrun()
            if overrun == 0:
                self.close()
            elif self.since is None or (self.reported and overrun > self.reported_fen):
                self.open(event.day)
        elif kind == "report" and self.overrun():
            self.reported, self.reported_fen, self.request = True, self.overrun(), "pending"
            self.rejected_on = None
        elif kind == "approve":
            self.approved += event.fen or 0
            self.ever_approved = True
            if self.overrun() == 0:
                self.close()
            else:  # approved less than the overrun: the rest must be reported anew
                self.open(event.day)
        elif kind == "reject":
            self.request, self.rejected_on = "rejected", event.day
        elif kind == "suspend" and self.construction == "active":
            self.construction, self.stopped = "suspended", True
        elif kind == "resume":
            self.construction = "active"
        elif kind == "complete":
            self.construction, self.stopped = "complete", True
        return None


def _refer(ledger: _Ledger, day: date | None) -> None:
    """Keep the first date a referral arose (B5): later breaches do not move it."""
    if ledger.referral_on is None and day is not None:
        ledger.referral_on = day


def _yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def _snapshot(
    kind: str,
    day: date,
    ledger: _Ledger,
    before: _Ledger,
    funding: str,
    as_of: date,
    budget_date: date,
    start: date | None = None,
) -> Facts:
    """The figures at one event. A date a finding or a duty is dated by is never earlier
    than `start`, the day the principles apply from (B0): what went on before them is
    judged from that day, not before it."""
    overrun = ledger.overrun()
    tests: Tests = {
        "event": kind,
        "funding": funding,
        "budgeted": True,
        "has_overrun": overrun > 0,
        "overrun_ratio": Fraction(overrun, ledger.budget),
        "previous_overrun_ratio": Fraction(before.overrun(), before.budget),
        "overrun_reported": ledger.reported,
        "request": ledger.request,
        "was_active": before.construction == "active",
        "construction": ledger.construction,
        "ever_approved": ledger.ever_approved,
    }
    if before.since is not None:
        tests["days_since_overrun"] = (day - before.since).days
        tests["stopped_since_overrun"] = before.stopped
        tests["days_unreported"] = 0 if before.reported else (day - before.since).days
    values = {
        "as_of": as_of,
        "event_date": day,
        "budget_date": budget_date,
        "overrun_since": _not_before(ledger.since or before.since, start),
        # The overrun as it stood before this event: what construction went on through.
        "previous_overrun_since": _not_before(before.since, start),
        "rejected_on": _not_before(ledger.rejected_on, start),
        "referral_on": _not_before(ledger.referral_on, start),
    }
    return Facts(day, tests, values)


def _not_before(day: date | None, start: date | None) -> date | None:
    return max(day, start) if day is not None and start is not None else day


def _unbudgeted(as_of: date, funding: str) -> Facts:
    tests: Tests = {"event": "as_of", "funding": funding, "budgeted": False}
    return Facts(as_of, tests, {"as_of": as_of})


def _fold(
    key: str,
    events: list[_Event],
    as_of: date,
    problem: ProblemSink,
    rules: Mapping[str, Any],
) -> Subject | None:
    first = events[0]
    funding = FUNDING_ALIASES.get(first.funding or "", "other")
    row = BudgetEvent(
        project_id=key,
        date=first.day,
        event="budget",
        amount=_yuan(first.fen or 0),
        name=first.name,
        funding=first.funding,
    )
    if first.day > as_of:  # not budgeted yet on the evaluation date
        return Subject(key, row, (_unbudgeted(as_of, funding),), {"name": first.name})
    assert first.fen is not None
    start = rules.get("principles_from")
    ledger = _Ledger(budget=first.fen)
    snapshots: list[Facts] = []
    for event in events:
        if event.day > as_of:
            break  # it has not happened yet on the evaluation date
        _refer(ledger, ledger.breach_met_ratio(event.day, rules))
        before = ledger.copy()
        complaint = ledger.apply(event)
        if complaint:
            problem(event.row, "event", event.kind, complaint)
            return None
        resumed = event.kind == "resume" and ledger.overrun() > 0
        if resumed and ledger.ratio() >= rules["referral_ratio"]:
            _refer(ledger, event.day)  # resumed before approval, at the ratio
        ledger.since_event = event.day
        snapshots.append(
            _snapshot(event.kind, event.day, ledger, before, funding, as_of, first.day, start)
        )
    _refer(ledger, ledger.breach_met_ratio(as_of, rules))
    snapshots.append(_snapshot("as_of", as_of, ledger, ledger, funding, as_of, first.day, start))
    overrun = ledger.overrun()
    values = {
        "name": first.name,
        "funding": first.funding,
        "budget": _yuan(ledger.budget),
        "approved_increases": _yuan(ledger.approved),
        "estimate": _yuan(ledger.estimate or ledger.budget),
        "overrun": _yuan(overrun),
        "overrun_ratio": (Decimal(overrun) / Decimal(ledger.budget)).quantize(
            RATIO_PLACES, rounding=ROUND_DOWN
        ),
    }
    return Subject(key, row, tuple(snapshots), values)


SUBJECTS_PER_BATCH = 500


def subjects(
    batches: Iterable[list[tuple[int, BudgetEvent]]],
    as_of: date,
    params: Mapping[str, Any],
    problem: ProblemSink,
) -> Iterator[list[Subject]]:
    """Group events by project (on disk), check each log's shape, fold it into snapshots."""
    batch: list[Subject] = []
    rules = {name: params[name] for name in (*REQUIRED_PARAMS, "principles_from") if name in params}
    for subject in _folded((row for rows in batches for row in rows), as_of, problem, rules):
        batch.append(subject)
        if len(batch) >= SUBJECTS_PER_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _folded(
    rows: Iterable[tuple[int, BudgetEvent]],
    as_of: date,
    problem: ProblemSink,
    rules: Mapping[str, Any],
) -> Iterator[Subject]:
    # A private temporary database: SQLite deletes it on close, and its file has no name
    # on disk while open, so even a killed run leaves nothing behind.
    db = sqlite3.connect("")
    db.execute(
        "CREATE TABLE ev (project TEXT, day INT, row INT, kind TEXT, fen INT, "
        "name TEXT, funding TEXT, refused INT)"
    )
    batch: list[tuple[Any, ...]] = []
    for row, event in rows:
        if isinstance(event, Refused):
            day = event.day.toordinal() if event.day is not None else None
            batch.append((event.project_id, day, row, event.event or "?", None, None, None, 1))
            continue
        fen = int(event.amount * 100) if event.amount is not None else None
        batch.append(
            (
                event.project_id,
                event.date.toordinal(),
                row,
                event.event,
                fen,
                event.name,
                event.funding,
                0,
            )
        )
        if len(batch) >= 10_000:
            db.executemany("INSERT INTO ev VALUES (?,?,?,?,?,?,?,?)", batch)
            batch.clear()
    db.executemany("INSERT INTO ev VALUES (?,?,?,?,?,?,?,?)", batch)
    try:
        cursor = db.execute("SELECT * FROM ev ORDER BY project, day, row")
        for key, group in groupby(cursor, key=lambda r: r[0]):
            events = [
                _Event(
                    r[2],
                    date.fromordinal(r[1]) if r[1] else date.min,
                    r[3],
                    r[4],
                    r[5],
                    r[6],
                    bool(r[7]),
                )
                for r in group
            ]
            if _well_formed(key, events, problem) and not any(e.refused for e in events):
                subject = _fold(key, events, as_of, problem, rules)
                if subject is not None:
                    yield subject
    finally:
        db.close()


def _well_formed(key: str, events: list[_Event], problem: ProblemSink) -> bool:
    """The log's shape: one budget event, nothing before it. A refused row counts for what
    could be read of it: an unreadable event might be the budget, an unreadable date is
    before nothing."""
    budgets = [e for e in events if e.kind == "budget"]
    if not budgets and any(e.refused and e.kind == "?" for e in events):
        return False  # its budget event may be the row whose event could not be read
    if not budgets:
        first = min(events, key=lambda e: e.row)
        problem(
            first.row,
            "event",
            first.kind,
            msg("no_budget", project=key),
        )
        return False
    if len(budgets) > 1:
        for extra in budgets[1:]:
            problem(
                extra.row,
                "event",
                "budget",
                msg("budget_twice", project=key, row=budgets[0].row),
            )
        return False
    budget = budgets[0]
    if budget.day == date.min:
        return False  # the budget's own date was refused: nothing is before or after it
    early = [e for e in events if e.day != date.min and (e.day, e.row) < (budget.day, budget.row)]
    for event in early:
        if event.day < budget.day:
            problem(
                event.row,
                "date",
                event.day.isoformat(),
                msg("before_budget", date=budget.day.isoformat(), row=budget.row),
            )
        else:
            problem(
                event.row,
                "event",
                event.kind,
                msg("budget_first_same_day", row=budget.row),
            )
    return not early


def _overrun(decision: Any) -> dict[str, Decimal]:
    if decision.status == "out_of_scope":
        return {}
    overrun = dict(decision.values).get("overrun")
    return {"unapproved_overrun_total": overrun if isinstance(overrun, Decimal) else Decimal(0)}


def _columnar_log(prepared: Any, reader: Any, lines: Any = None) -> Any:
    """The columnar path over a clean log (engine/columnar/budget.py; numpy and Arrow are
    imported only when a run takes it); given `lines`, the run's writer, it writes JSON
    Lines, JSON and CSV itself."""
    from ..columnar.budget import decide

    return decide(prepared, reader, lines)


BOOK = (
    BookColumn(_t("project", "项目编号"), cells.subject_id, lead=True),
    BookColumn(_t("name", "项目名称"), cells.book_value("name"), lead=True),
    BookColumn(_t("budget (yuan)", "预算（元）"), cells.book_value("budget"), "money", total=True),
    BookColumn(
        _t("approved increases (yuan)", "批准追加（元）"),
        cells.book_value("approved_increases"),
        "money",
        total=True,
    ),
    BookColumn(
        _t("estimate (yuan)", "估算（元）"), cells.book_value("estimate"), "money", total=True
    ),
    # Not totalled: an out-of-scope project's overrun is no unapproved overrun of these rules
    # (the summary gives that total).
    BookColumn(_t("overrun (yuan)", "超支（元）"), cells.book_value("overrun"), "money"),
    BookColumn(_t("overrun ratio", "超支比例"), cells.book_value("overrun_ratio"), "percent"),
    BookColumn(_t("status", "状态"), cells.book_status),
    BookColumn(
        _t("actions in force", "当前措施"),
        cells.actions_described(lambda t, a: not t.is_finding(a.code)),
        "long",
    ),
    BookColumn(
        _t("next due", "最近期限"),
        cells.earliest("due"),
        "date",
    ),
    BookColumn(_t("findings", "发现问题"), cells.findings_dated, "long"),
)

VIEW = View(
    noun=_t("projects", "项目"),
    sheet=_t("Budget changes", "预算变更"),
    book=BOOK,
    columns=(
        (_t("project", "项目"), cells.subject_id),
        (_t("name", "名称"), cells.value("name")),
        (_t("budget", "预算"), cells.value("budget", cells.money)),
        (_t("approved +", "批准追加"), cells.value("approved_increases", cells.money)),
        (_t("estimate", "估算"), cells.value("estimate", cells.money)),
        (_t("overrun", "超支"), cells.value("overrun", cells.money)),
        (_t("ratio", "超支比例"), cells.value("overrun_ratio", cells.percent)),
        (_t("status", "状态"), cells.status),
        (_t("actions in force", "当前措施"), cells.codes(lambda t, code: not t.is_finding(code))),
        (_t("findings", "发现问题"), cells.findings),
    ),
    totals=_overrun,
    lines=(
        (
            _t("unapproved overruns: {total} yuan", "未经批准的超支合计：{total} 元"),
            lambda s: {"total": cells.money(s.totals.get("unapproved_overrun_total", Decimal(0)))},
        ),
        (
            _t(
                "referrals to supervision: {refer}; late reports: {late}; construction "
                "without approval: {breach}",
                "移交监察：{refer}；报告迟延：{late}；未经批准施工：{breach}",
            ),
            lambda s: {
                "refer": s.by_action["REFER_TO_SUPERVISION"],
                "late": s.by_action["LATE_REPORT"],
                "breach": s.by_action["CONSTRUCTION_WITHOUT_APPROVAL"],
            },
        ),
    ),
)

KIND = Kind(
    name="project_event",
    command="budget",
    help="""Check the budget changes of district fiscally-funded projects in FILE (a change log).

    FILE holds dated events per project (budget, estimate, report, approve, reject, suspend,
    resume, complete), in any row order. Applies the four principles of the 2012 speech as
    rules/budget.yaml encodes them: report an overrun within 5 days, suspend construction
    until the district government approves, refer an overrun of 20% or more to the
    supervision department where the unit reported late or built on before approval,
    re-scope after a rejection. Shows per project the figures, the
    status, the actions in force on the evaluation date and the dated findings.
    """,
    examples=(
        "comply budget examples/district-2012/budget.csv --as-of 2012-08-31",
        "comply budget budget.csv --as-of 2020-01-31 --no-national --out decisions.json",
    ),
    families=("budget", "budget_national"),
    options=(
        Option(
            "--national/--no-national",
            "national",
            "switch",
            "family",
            "Apply the national Government Investment Regulations (from 2019-07-01) "
            "[default: as rules/budget_national.yaml says].",
            target="budget_national",
        ),
    ),
    model=BudgetEvent,
    id_field="project_id",
    unique_rows=False,
    facts=FACT_FIELDS,
    values=VALUE_FIELDS,
    required_params=REQUIRED_PARAMS,
    build=subjects,
    view=VIEW,
    partial=refused,
    columnar_log=_columnar_log,
)
