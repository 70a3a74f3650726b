"""An idle-land case over time: its dated events, the periods they start, its stage.

A bureau works a case over months (Order 53 Arts. 5-18): it serves an investigation notice,
waits the holder's 30 days, issues a determination, gives notice of the right to a hearing,
gets the government's approval, serves a decision, waits 30 days for payment. Each step is
an event of the events file (`comply parcels REGISTER --events EVENTS`), one a row:
`parcel_id`, `date`, `event` and, where it applies, `doc_no`, `amount`, `note`, `new_start`,
`cause`, `serves`. A register without events still works: its dated columns (the notice,
the determination, a start, a halt, a supplementary agreement...) are read as the events
they record, so one fold serves both.

Events are checked as a budget change log is: an event before the one it needs (a
determination before the notice, a service before the issue, a payment before the
decision) is refused naming its row, and so is a second one of an event that happens once,
or an event that contradicts the register's column for the same fact.

Every legal period is counted from the event that starts it (decisions.md L14, through
engine/periods.py); the lengths are parameters of rules/idle_land.yaml, each with its
source. What each period means in law, and what is due, is the rules'; this module says
where the case stands (`stage`) and when each period ends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from .. import fields, messages
from ..messages import Invalid, Message, msg
from ..periods import Counted, count
from ..rulebook import Text
from ..rulebook import words as _t

messages.register(
    {
        "case_event": {
            "en": "one of {codes} (or its Chinese name, such as 调查通知书送达)",
            "zh": "以下之一：{codes}（也可填中文名称，如 调查通知书送达）",
        },
        "new_start_needed": {
            "en": "the new start date the supplementary agreement sets (new_start), for an "
            "extension_agreed event (Art. 12(1))",
            "zh": "补充协议约定的新动工开发日期（new_start），extension_agreed 事件必填"
            "（第十二条第（一）项）",
        },
        "event_cause": {
            "en": "government or force_majeure (政府, 不可抗力): the cause claimed or verified",
            "zh": "government 或 force_majeure（政府、不可抗力）：主张或核实的原因",
        },
        "event_needs": {
            "en": "{needed} on or before {day} first: {event} follows it ({why})",
            "zh": "在 {day} 或之前先有 {needed}：{event} 在其之后（{why}）",
        },
        "event_once": {
            "en": "one {event} per case: row {row} already has it ({day})",
            "zh": "每宗案件只有一次 {event}：第 {row} 行已有（{day}）",
        },
        "event_register": {
            "en": "{day}, as the register's {column} gives it, or no such event: the two "
            "contradict each other (L15)",
            "zh": "{day}（与登记表 {column} 一致），或删除该事件：二者相互矛盾（L15）",
        },
        "nothing_to_serve": {
            "en": "an instrument issued and not yet served, for service by public notice "
            "(name it in serves: {codes})",
            "zh": "已下达尚未送达的文书，方可公告送达（在 serves 中注明：{codes}）",
        },
        "serves_what": {
            "en": "one of {codes}: the service a public notice stands for",
            "zh": "以下之一：{codes}：公告送达所代替的送达",
        },
    }
)

EVENTS = (
    "discovered",
    "investigation_notice_issued",
    "investigation_notice_served",
    "materials_received",
    "cause_claimed",
    "cause_verified",
    "cause_rejected",
    "determination_issued",
    "determination_served",
    "published",
    "government_notified",
    "filed_in_monitoring",
    "hearing_notice_served",
    "hearing_requested",
    "hearing_waived",
    "hearing_held",
    "approved",
    "fee_decision_served",
    "reclaim_decision_served",
    "fee_paid",
    "registration_cancelled",
    "mortgagee_notified",
    "extension_agreed",
    "temporary_use_arranged",
    "started",
    "halted",
    "resumed",
    "review_applied",
    "suit_filed",
    "served_by_public_notice",
    "demand_served",
    "court_applied",
)
EVENT_NAMES_ZH = {
    "discovered": "发现涉嫌闲置",
    "investigation_notice_issued": "发出调查通知书",
    "investigation_notice_served": "调查通知书送达",
    "materials_received": "收到说明材料",
    "cause_claimed": "主张闲置原因",
    "cause_verified": "原因经审核属实",
    "cause_rejected": "原因经审核不属实",
    "determination_issued": "下达认定书",
    "determination_served": "认定书送达",
    "published": "向社会公开",
    "government_notified": "书面告知有关政府",
    "filed_in_monitoring": "录入监测监管系统",
    "hearing_notice_served": "听证权利告知书送达",
    "hearing_requested": "申请听证",
    "hearing_waived": "放弃听证",
    "hearing_held": "举行听证",
    "approved": "政府批准",
    "fee_decision_served": "征缴决定书送达",
    "reclaim_decision_served": "收回决定书送达",
    "fee_paid": "缴纳闲置费",
    "registration_cancelled": "注销登记",
    "mortgagee_notified": "书面通知抵押权人",
    "extension_agreed": "签订补充协议",
    "temporary_use_arranged": "安排临时使用",
    "started": "动工开发",
    "halted": "中止开发",
    "resumed": "恢复开发",
    "review_applied": "申请行政复议",
    "suit_filed": "提起行政诉讼",
    "served_by_public_notice": "公告送达",
    "demand_served": "催告书送达",
    "court_applied": "申请法院强制执行",
}
EVENT_ALIASES = {**{e: e for e in EVENTS}, **{zh: e for e, zh in EVENT_NAMES_ZH.items()}}
EVENT_EXPECTED = msg("case_event", codes=", ".join(EVENTS))
CAUSE_ALIASES = {
    "government": "government",
    "force_majeure": "force_majeure",
    "政府": "government",
    "政府原因": "government",
    "不可抗力": "force_majeure",
}
# What service by public notice may stand for: the services of the instruments.
SERVICES = (
    "investigation_notice_served",
    "determination_served",
    "hearing_notice_served",
    "fee_decision_served",
    "reclaim_decision_served",
    "demand_served",
)
SERVES_ALIASES = {**{s: s for s in SERVICES}, **{EVENT_NAMES_ZH[s]: s for s in SERVICES}}
SERVES_EXPECTED = msg("serves_what", codes=", ".join(SERVICES))


class ParcelEvent(fields.Row):
    """One row of a case's events file, as the input contract defines it."""

    COLUMN_ALIASES: ClassVar[dict[str, str]] = {
        "地块编号": "parcel_id",
        "宗地编号": "parcel_id",
        "日期": "date",
        "事件": "event",
        "事项": "event",
        "文号": "doc_no",
        "文书编号": "doc_no",
        "金额": "amount",
        "备注": "note",
        "新动工日期": "new_start",
        "原因": "cause",
        "公告送达文书": "serves",
    }

    parcel_id: str = Field(min_length=1)
    date: dt.date
    event: str
    doc_no: str | None = None
    amount: Decimal | None = None
    note: str | None = None
    new_start: dt.date | None = None
    cause: Literal["government", "force_majeure"] | None = None
    serves: str | None = None

    @field_validator("date", "new_start", mode="before")
    @classmethod
    def _date(cls, value: Any) -> dt.date:
        return fields.day(value)

    @field_validator("event", mode="before")
    @classmethod
    def _event(cls, value: Any) -> Any:
        return fields.code(value, EVENT_ALIASES, EVENT_EXPECTED)

    @field_validator("amount", mode="before")
    @classmethod
    def _money(cls, value: Any) -> Decimal:
        return fields.amount(value)

    @field_validator("cause", mode="before")
    @classmethod
    def _cause(cls, value: Any) -> Any:
        return fields.code(value, CAUSE_ALIASES, msg("event_cause"))

    @field_validator("serves", mode="before")
    @classmethod
    def _serves(cls, value: Any) -> Any:
        return fields.code(value, SERVES_ALIASES, SERVES_EXPECTED)

    @model_validator(mode="after")
    def _complete(self) -> ParcelEvent:
        if self.event == "extension_agreed" and self.new_start is None:
            raise Invalid("new_start_needed", column="new_start")
        return self


# Which event each needs first (on or before its date), and why: the law's order.
NEEDS: dict[str, tuple[tuple[str, ...], str]] = {
    "investigation_notice_served": (
        ("investigation_notice_issued",),
        "a service follows the issue",
    ),
    "materials_received": (("investigation_notice_issued",), "Art. 5 ¶2"),
    "cause_verified": (("cause_claimed",), "Art. 8: a cause claimed is verified"),
    "cause_rejected": (("cause_claimed",), "Art. 8: a cause claimed is verified"),
    "determination_issued": (("investigation_notice_issued",), "Arts. 5, 9"),
    "determination_served": (("determination_issued",), "a service follows the issue"),
    "published": (("determination_issued",), "Art. 11"),
    "government_notified": (("determination_issued",), "Art. 11"),
    "filed_in_monitoring": (("determination_issued",), "Art. 25, L10"),
    "hearing_notice_served": (("determination_issued",), "Art. 15"),
    "hearing_requested": (("hearing_notice_served",), "Art. 15"),
    "hearing_waived": (("hearing_notice_served",), "Art. 15"),
    "hearing_held": (("hearing_requested",), "Art. 15"),
    "approved": (("determination_issued",), "Arts. 12-14"),
    "fee_decision_served": (("approved",), "Art. 14(1): the decision after approval"),
    "reclaim_decision_served": (("approved",), "Art. 14(2): the decision after approval"),
    "fee_paid": (("fee_decision_served",), "Art. 17: a payment follows the decision"),
    "registration_cancelled": (("reclaim_decision_served",), "Art. 17"),
    "mortgagee_notified": (("determination_issued",), "Arts. 13, 14(2)"),
    "halted": (("started",), "Art. 2 ¶2"),
    "resumed": (("halted",), "a resumption follows a halt"),
    "review_applied": (("fee_decision_served", "reclaim_decision_served"), "Art. 17 ¶2"),
    "suit_filed": (("fee_decision_served", "reclaim_decision_served"), "Art. 17 ¶2"),
    "demand_served": (("fee_decision_served", "reclaim_decision_served"), "行政强制法 Art. 54"),
    "court_applied": (("demand_served",), "行政强制法 Art. 54"),
}
# Events that happen once in a case.
ONCE = frozenset(
    {
        "discovered",
        "investigation_notice_issued",
        "investigation_notice_served",
        "determination_issued",
        "determination_served",
        "hearing_notice_served",
        "approved",
        "fee_decision_served",
        "reclaim_decision_served",
        "fee_paid",
        "registration_cancelled",
        "demand_served",
        "court_applied",
    }
)
# The register's dated columns, the events they record, and those they imply unless the
# events file records them (a notice's date is read as its service too, as it always was).
REGISTER_EVENTS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("investigation_notice_on", ("investigation_notice_issued",), ("investigation_notice_served",)),
    ("determination_on", ("determination_issued",), ("determination_served",)),
    ("published_on", ("published",), ()),
    ("hearing_notice_on", ("hearing_notice_served",), ()),
    ("started_on", ("started",), ()),
    ("halted_on", ("halted",), ()),
)
# What an issued instrument's service is: the event it awaits.
ISSUED = {
    "investigation_notice_issued": "investigation_notice_served",
    "determination_issued": "determination_served",
}


@dataclass(frozen=True)
class Event:
    """One event of a case, from the events file (its row) or the register (row 0)."""

    row: int
    day: date
    kind: str
    doc_no: str | None = None
    amount: Decimal | None = None
    note: str | None = None
    new_start: date | None = None
    cause: str | None = None
    serves: str | None = None
    by_public_notice: bool = False


def timeline(
    parcel: Any,
    rows: list[tuple[int, ParcelEvent]],
    public_notice_days: Mapping[str, Any],
    refuse: Any,
) -> list[Event] | None:
    """The case's events in order, the register's among them; None if a row is refused
    (each refused row reported through `refuse(row, column, value, message)`)."""
    events: list[Event] = []
    from_register: dict[str, tuple[date, str]] = {}
    given = {item.event for _, item in rows}
    for column, kinds, implied in REGISTER_EVENTS:
        day = getattr(parcel, column)
        if day is not None:
            for kind in kinds:
                from_register[kind] = (day, column)
                events.append(Event(0, day, kind))
            events += [Event(0, day, kind) for kind in implied if kind not in given]
    if parcel.extended_start is not None and parcel.agreement_signed_on is not None:
        signed = parcel.agreement_signed_on
        events.append(Event(0, signed, "extension_agreed", new_start=parcel.extended_start))
    if parcel.fee_levied_on is not None:  # levied and collected (征缴): decided and paid
        for kind in ("fee_decision_served", "fee_paid"):
            from_register[kind] = (parcel.fee_levied_on, "fee_levied_on")
            events.append(Event(0, parcel.fee_levied_on, kind))
    ok = True
    for row, item in rows:
        if item.event in from_register:
            day, column = from_register[item.event]
            if item.date != day:
                refuse(row, "date", item.date.isoformat(), _register(day, column))
                ok = False
                continue
            # The register's own event, told again with its number or note: one event.
            events = [e for e in events if e.kind != item.event]
        event = Event(
            row,
            item.date,
            item.event,
            item.doc_no,
            item.amount,
            item.note,
            item.new_start,
            item.cause,
            item.serves,
        )
        if item.event == "served_by_public_notice":
            served = _by_public_notice(event, events, public_notice_days, refuse)
            if served is None:
                ok = False
                continue
            events.append(event)
            event = served
        events.append(event)
    events.sort(key=lambda e: (e.day, e.row))
    return events if ok and _in_order(events, parcel, refuse) else None


def _register(day: date, column: str) -> Message:
    return msg("event_register", day=day.isoformat(), column=column)


def _by_public_notice(
    event: Event, earlier: list[Event], days: Mapping[str, Any], refuse: Any
) -> Event | None:
    """The service a public notice stands for, deemed made once its period ran (L14)."""
    served = {e.kind for e in earlier if e.day <= event.day}
    awaiting = [
        ISSUED[e.kind]
        for e in earlier
        if e.kind in ISSUED and e.day <= event.day and ISSUED[e.kind] not in served
    ]
    what = event.serves or (awaiting[-1] if awaiting else None)
    if what is None:
        refuse(event.row, "serves", "", msg("nothing_to_serve", codes=", ".join(SERVICES)))
        return None
    switch = days["public_notice_days_2022_from"]
    length = days["public_notice_days_2022" if event.day >= switch else "public_notice_days"]
    deemed = count(event.day, length).end
    return Event(event.row, deemed, what, event.doc_no, note=event.note, by_public_notice=True)


def _in_order(events: list[Event], parcel: Any, refuse: Any) -> bool:
    """Every event after the one it needs; once-only events once (rows refused, named)."""
    seen: dict[str, Event] = {}
    ok = True
    claimed = parcel.cause != "holder"  # the register's cause is a claim already made
    for event in events:
        needs = NEEDS.get(event.kind)
        if needs is not None and event.row:
            wanted, why = needs
            have = any(k in seen for k in wanted) or (claimed and "cause_claimed" in wanted)
            if not have:
                needed = " or ".join(wanted)
                message = msg(
                    "event_needs",
                    needed=needed,
                    day=event.day.isoformat(),
                    event=event.kind,
                    why=why,
                )
                refuse(event.row, "event", event.kind, message)
                ok = False
        if event.kind == "cause_claimed" and not event.cause and not claimed:
            refuse(event.row, "cause", "", msg("event_cause"))
            ok = False
        if event.kind in ONCE and event.kind in seen and event.row:
            first = seen[event.kind]
            refuse(
                event.row,
                "event",
                event.kind,
                msg("event_once", event=event.kind, row=first.row, day=first.day.isoformat()),
            )
            ok = False
        seen.setdefault(event.kind, event)
    return ok


@dataclass
class Case:
    """A case as it stood on a date: the first day of each event up to it, and the events."""

    as_of: date
    first: dict[str, Event] = field(default_factory=dict)
    last: dict[str, Event] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)

    def on(self, kind: str) -> date | None:
        found = self.first.get(kind)
        return found.day if found is not None else None

    def has(self, kind: str) -> bool:
        return kind in self.first


def case_on(events: list[Event], day: date) -> Case:
    """The case on `day`: events dated after it have not happened yet."""
    case = Case(day)
    for event in events:
        if event.day > day:
            break
        case.first.setdefault(event.kind, event)
        case.last[event.kind] = event
        case.events.append(event)
    return case


def as_parcel(parcel: Any, case: Case) -> Any:
    """The register's row as the case says it stood: the facts the rules have always read
    (started, halted, the notice, the determination...), dated by the events."""
    halt, resumed = case.last.get("halted"), case.last.get("resumed")
    halted_on = halt.day if halt and (resumed is None or resumed.day < halt.day) else None
    extension = case.last.get("extension_agreed")
    cause, verdict = parcel.cause, parcel.cause_verified
    claimed = case.last.get("cause_claimed")
    if claimed is not None and claimed.cause:
        cause, verdict = claimed.cause, False  # a claim is unverified until it is verified
    settled = [case.last[k] for k in ("cause_verified", "cause_rejected") if k in case.last]
    if settled:
        latest = max(settled, key=lambda e: (e.day, e.row))
        if latest.kind == "cause_verified":
            cause, verdict = latest.cause or cause, True
        else:
            cause, verdict = "holder", False
    update = {
        "started_on": case.on("started"),
        "halted_on": halted_on,
        "extended_start": extension.new_start if extension else None,
        "agreement_signed_on": extension.day if extension else None,
        "investigation_notice_on": case.on("investigation_notice_issued"),
        "determination_on": case.on("determination_issued"),
        "published_on": case.on("published"),
        "hearing_notice_on": case.on("hearing_notice_served"),
        "fee_levied_on": case.on("fee_decision_served"),
        "cause": cause,
        "cause_verified": verdict,
        "filed_in_monitoring": parcel.filed_in_monitoring or case.has("filed_in_monitoring"),
    }
    return parcel.model_copy(update=update)


UNITS = {
    "days": ("days", "日"),
    "months": ("months", "个月"),
    "working_days": ("working days", "个工作日"),
}
PERIODS: dict[str, Text] = {
    "investigation": _t("investigation notice (Art. 5 ¶1)", "发出调查通知书（第五条第一款）"),
    "reply": _t("holder's answer to the notice (Art. 5 ¶2)", "使用权人提交材料（第五条第二款）"),
    "hearing_request": _t("hearing request (Art. 15)", "申请听证（第十五条）"),
    "payment": _t("payment of the idle fee (Art. 17)", "缴纳土地闲置费（第十七条）"),
    "cancellation": _t("cancellation of the registration (Art. 17)", "办理注销登记（第十七条）"),
    "review": _t("administrative review (行政复议法 Art. 9)", "申请行政复议（行政复议法第九条）"),
    "litigation": _t("administrative suit (行政诉讼法)", "提起行政诉讼（行政诉讼法）"),
    "court": _t(
        "application to the court (行政强制法 Art. 53)", "申请法院强制执行（行政强制法第五十三条）"
    ),
    "demand": _t("demand before the court (行政强制法 Art. 54)", "催告（行政强制法第五十四条）"),
}
STAGES: dict[str, Text] = {
    "to_investigate": _t("to investigate", "待调查"),
    "investigating": _t("investigating", "调查中"),
    "determined": _t("determined", "已认定"),
    "awaiting_hearing_request": _t("awaiting hearing request", "听证申请期内"),
    "hearing": _t("hearing requested", "听证中"),
    "awaiting_approval": _t("awaiting approval", "待报批"),
    "decided": _t("decided", "已批准待下达"),
    "awaiting_payment": _t("awaiting payment", "待缴纳闲置费"),
    "awaiting_cancellation": _t("awaiting cancellation", "待注销登记"),
    "awaiting_remedy_periods": _t("overdue, remedy periods running", "逾期未履行，复议诉讼期内"),
    "review_or_litigation": _t("in review or litigation", "复议或诉讼中"),
    "enforcement": _t("enforcement", "强制执行"),
    "closed": _t("closed", "已结案"),
}
# What the rules may test of a case: each false until an event makes it true.
FLAGS = (
    "investigation_late",
    "notice_served",
    "reply_over",
    "determined_early",
    "awaiting_service",
    "hearing_requested",
    "hearing_settled",
    "approved",
    "approved_early",
    "reclaim_decided",
    "duty_overdue",
    "review_or_suit",
    "remedies_lapsed",
    "demand_served",
    "demand_period_over",
    "court_applied",
    "closed",
)
DISPOSED = ("extension_agreed", "temporary_use_arranged", "registration_cancelled")


@dataclass(frozen=True)
class Procedure:
    """The periods a case's events started, as counted, and what follows for the rules:
    facts they test, values actions carry, and each period's counting (explanations)."""

    stage: str | None
    tests: dict[str, Any]
    values: dict[str, Any]
    counted: dict[str, tuple[str, Counted]]  # period -> (the event that started it, count)
    events: tuple[Event, ...] = ()  # the case's events up to its date (what instruments cite)

    def explained(self, lang: str) -> list[str]:
        """Each period as counted, one line: start event and day, length, last day, moves."""
        lines = []
        for name, (start, found) in self.counted.items():
            unit = UNITS[found.unit][lang == "zh"]
            moved = ""
            if found.moved_over:
                first, last = found.moved_over[0], found.moved_over[-1]
                moved = (
                    f"（{found.plain_end} 为节假日或休息日，顺延至 {found.end}："
                    f"{first} 至 {last} 不计）"
                    if lang == "zh"
                    else f" (day {found.plain_end} is a holiday or rest day: moved to the next "
                    f"working day, over {first} to {last})"
                )
            if lang == "zh":
                lines.append(
                    f"{PERIODS[name].zh}：自 {start}（{found.start}）起 {found.length} {unit}，"
                    f"首日不计，至 {found.end} 届满{moved}"
                )
            else:
                lines.append(
                    f"{PERIODS[name].en}: from {start} ({found.start}), {found.length} {unit}, "
                    f"the first day not counted: last day {found.end}{moved}"
                )
        return lines


def procedure(
    case: Case,
    suspect_from: date | None,
    params: Mapping[str, Any],
    reclaim_due: bool,
) -> Procedure:
    """Where the case stands on its date, and when each period it is in ends (L14).

    `suspect_from` is the day the parcel became suspect idle on the register (None if it is
    not); `reclaim_due` whether its disposal is the reclaim (two full years unstarted)."""
    today = case.as_of
    tests: dict[str, Any] = dict.fromkeys(FLAGS, False)
    values: dict[str, Any] = {}
    counted: dict[str, tuple[str, Counted]] = {}

    def period(name: str, start: str, day: date, length: int, unit: Any = "days") -> Counted:
        found = count(day, length, unit)
        counted[name] = (start, found)
        values[f"{name}_due"] = found.end
        late = found.days_late(today)
        if late is not None:
            values[f"{name}_overdue_days"] = late
        return found

    discovered = case.on("discovered")
    if discovered is None and suspect_from is not None:
        discovered = max(suspect_from, params["discovery_not_before"])
    issued = case.on("investigation_notice_issued")
    if discovered is not None and (issued is None or issued >= discovered):
        investigation = period(
            "investigation",
            "discovered" if case.has("discovered") else "idle_from",
            discovered,
            params["investigation_days"],
        )
        values["discovered_on"] = discovered
        if issued is not None:
            late = investigation.days_late(issued)
            tests["investigation_late"] = late is not None
            if late is not None:
                values["investigation_days_late"] = late
                values["investigation_notice_on"] = issued
            values.pop("investigation_overdue_days", None)  # done, late or not
    served = case.on("investigation_notice_served")
    tests["notice_served"] = served is not None
    if served is not None:
        reply = period("reply", "investigation_notice_served", served, params["holder_reply_days"])
        ready = reply.end + timedelta(days=1)
        materials = case.on("materials_received")
        if materials is not None and materials < ready:
            ready = materials
        values.pop("reply_overdue_days", None)  # the holder's silence is no default
        values["determine_not_before"] = ready
        tests["reply_over"] = today >= ready
        determined = case.on("determination_issued")
        if determined is not None:
            tests["determined_early"] = determined < ready
            values["determination_on"] = determined
    heard = case.on("hearing_notice_served")
    settled_on = None
    if heard is not None:
        hearing = period(
            "hearing_request",
            "hearing_notice_served",
            heard,
            params["hearing_request_working_days"],
            "working_days",
        )
        values.pop("hearing_request_overdue_days", None)
        requested, held = case.on("hearing_requested"), case.on("hearing_held")
        waived = case.on("hearing_waived")
        tests["hearing_requested"] = requested is not None and held is None
        if held is not None:
            settled_on = held
        elif waived is not None:
            settled_on = waived
        elif requested is None and hearing.over_on(today):
            settled_on = hearing.end + timedelta(days=1)
        tests["hearing_settled"] = settled_on is not None
        values["approval_not_before"] = settled_on or hearing.end + timedelta(days=1)
        approved = case.on("approved")
        if approved is not None and approved < values["approval_not_before"]:
            tests["approved_early"] = True
            values["approved_on"] = approved
    tests["approved"] = case.has("approved")
    decision = case.first.get("reclaim_decision_served") or case.first.get("fee_decision_served")
    duty_met = False
    if decision is not None:
        reclaim = decision.kind == "reclaim_decision_served"
        duty = "cancellation" if reclaim else "payment"
        met = case.on("registration_cancelled" if reclaim else "fee_paid")
        duty_met = met is not None
        tests["reclaim_decided"] = reclaim
        values["decision_served_on"] = decision.day
        term = period(duty, decision.kind, decision.day, params["payment_days"])
        if duty_met:
            values.pop(f"{duty}_overdue_days", None)
        review = period("review", decision.kind, decision.day, params["review_days"])
        switch = params["litigation_months_2015_from"]
        months = params["litigation_months_2015" if decision.day >= switch else "litigation_months"]
        suit = period("litigation", decision.kind, decision.day, months, "months")
        for name in ("review", "litigation"):
            values.pop(f"{name}_overdue_days", None)
        lapsed = max(review.end, suit.end, term.end)
        values["remedies_end"] = lapsed
        tests["duty_overdue"] = not duty_met and term.over_on(today)
        tests["review_or_suit"] = case.has("review_applied") or case.has("suit_filed")
        tests["remedies_lapsed"] = today > lapsed
        period("court", "remedies_end", lapsed, params["court_application_months"], "months")
        demand = case.on("demand_served")
        tests["demand_served"] = demand is not None
        if demand is not None:
            wait = period("demand", "demand_served", demand, params["demand_days"])
            values.pop("demand_overdue_days", None)
            values["apply_not_before"] = wait.end + timedelta(days=1)
            tests["demand_period_over"] = wait.over_on(today)
        tests["court_applied"] = case.has("court_applied")
        if tests["court_applied"] or duty_met:
            values.pop("court_overdue_days", None)
    awaiting = [
        ISSUED[e.kind]
        for e in case.events
        if e.kind in ISSUED and ISSUED[e.kind] not in case.first and e.row
    ]
    tests["awaiting_service"] = bool(awaiting)
    if awaiting:
        values["awaiting_service"] = awaiting[-1]
    stage = _stage(case, tests, decision is not None, duty_met, reclaim_due, suspect_from)
    tests["closed"] = stage == "closed"
    if stage is not None:
        tests["stage"] = stage
        values["stage"] = stage
    return Procedure(stage, tests, values, counted, tuple(case.events))


def _stage(
    case: Case,
    tests: Mapping[str, Any],
    decided: bool,
    duty_met: bool,
    reclaim_due: bool,
    suspect_from: date | None,
) -> str | None:
    reclaim = bool(tests.get("reclaim_decided"))
    if any(e.kind in DISPOSED and e.row for e in case.events) and not decided:
        return "closed"  # disposed of by negotiation (Art. 12): an extension, temporary use
    if decided and duty_met and (reclaim or not reclaim_due):
        return "closed"
    if decided and not duty_met:
        if tests.get("review_or_suit"):
            return "review_or_litigation"
        if not tests.get("duty_overdue"):
            return "awaiting_cancellation" if reclaim else "awaiting_payment"
        if not tests.get("remedies_lapsed"):
            return "awaiting_remedy_periods"
        return "enforcement"
    if tests.get("approved"):
        return "decided"
    if case.has("hearing_notice_served"):
        if tests.get("hearing_requested"):
            return "hearing"
        return "awaiting_approval" if tests.get("hearing_settled") else "awaiting_hearing_request"
    if case.has("determination_issued"):
        return "determined"
    if case.has("investigation_notice_issued"):
        return "investigating"
    if suspect_from is not None:
        return "to_investigate"
    return None
