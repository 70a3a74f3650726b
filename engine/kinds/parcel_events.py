"""A case's dated events: the events file's row, its vocabulary, and the order the law
gives them (Order 53 Arts. 5-18).

A bureau works a case over months: it serves an investigation notice, waits the holder's
30 days, issues a determination, gives notice of the right to a hearing, gets the
government's approval, serves a decision, waits 30 days for payment. Each step is an event
of the events file (`comply parcels REGISTER --events EVENTS`), one a row: `parcel_id`,
`date`, `event` and, where it applies, `doc_no`, `amount`, `note`, `new_start`, `cause`,
`serves`. A register without events still works: its dated columns (the notice, the
determination, a start, a halt, a supplementary agreement...) are read as the events they
record, so one fold serves both.

Events are checked as a budget change log is: an event before the one it needs (a
determination before the notice, a service before the issue, a payment before the
decision) is refused naming its row, and so is a second one of an event that happens once,
or an event that contradicts the register's column for the same fact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from .. import fields, messages
from ..messages import Invalid, Message, msg
from ..periods import count

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
