"""An idle-land case on a date: where it stands (its stage), and when each period its
events started ends (decisions.md L10, L14).

The events (engine/kinds/parcel_events.py) are taken as they stood on the evaluation date;
every legal period is counted from the event that starts it (engine/periods.py), its length
a parameter of rules/idle_land.yaml with its source. What each period means in law, and what
is due, is the rules'; this module says where the case stands and when each period ends.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..periods import Counted, count
from ..rulebook import Text
from ..rulebook import words as _t
from .parcel_events import ISSUED, Event


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
    # What model_copy(update=...) makes, without its copies of what is not changed: the row
    # is read-only from here on (a third of a parcel's reading time went to the copies).
    row = parcel.__class__.__new__(parcel.__class__)
    object.__setattr__(row, "__dict__", {**parcel.__dict__, **update})
    object.__setattr__(row, "__pydantic_fields_set__", parcel.__pydantic_fields_set__ | set(update))
    object.__setattr__(row, "__pydantic_extra__", parcel.__pydantic_extra__)
    object.__setattr__(row, "__pydantic_private__", parcel.__pydantic_private__)
    return row


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
