"""Parcels: the register's row (the input contract), the facts the rules test, the view.

Derived values are computed here, as decisions.md prescribes: the start date that counts
(L2, L6), full years by the civil-code count (L1), the date a parcel becomes idle and the
days left until then. Every fact is taken as of the evaluation date: anything dated after
it (a start, a halt, a levied fee, a notice) has not happened yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from .. import cells, fields, messages
from ..conditions import FactField
from ..dates import add_years, full_from, full_years
from ..messages import Invalid, msg
from ..rulebook import words as _t
from ..subjects import ProblemSink, Subject, Tests
from . import Kind, View

messages.register(
    {
        "supply": {
            "en": "transfer or allocation (出让 or 划拨)",
            "zh": "出让或划拨（transfer 或 allocation）",
        },
        "cause": {
            "en": "one of {codes} (or 使用权人, 政府, 不可抗力; empty means holder)",
            "zh": "以下之一：{codes}（也可填 使用权人、政府、不可抗力；留空视为 holder）",
        },
        "delay_days": {
            "en": "a whole number of days from 0 to {maximum}",
            "zh": "介于 0 至 {maximum} 之间的整数天数",
        },
        "start_or_delivery": {
            "en": "a start date, or delivered_on to count it from (L2)",
            "zh": "约定动工日期，或据以起算的实际交地日期 delivered_on（L2）",
        },
        "halt_needs_start": {
            "en": "only a started parcel can halt (give started_on)",
            "zh": "已动工地块的中止日期（请同时填写 started_on）",
        },
        "halt_needs_ratios": {
            "en": "both developed_ratio and invested_ratio for a halted parcel (Art. 2 ¶2)",
            "zh": "中止开发地块的 developed_ratio 和 invested_ratio 两项均有值（第二条第二款）",
        },
        "delay_needs_holder_cause": {
            "en": "empty or 0 unless the cause is the holder's (L6: verified days of delay are "
            "deducted within a holder-caused case)",
            "zh": "空值或 0，除非闲置原因为使用权人原因（L6：经核实的延误天数仅在使用权人原因的"
            "案件中扣除）",
        },
        "extension_not_earlier": {
            "en": "a date on or after the start date it replaces ({replaced}); an extension "
            "cannot move it earlier",
            "zh": "不早于被替代的动工日期（{replaced}）的日期；补充协议不能将动工日期提前",
        },
    }
)

SUPPLY_ALIASES = {
    "transfer": "transfer",
    "出让": "transfer",
    "allocation": "allocation",
    "划拨": "allocation",
}
CAUSES = ("holder", "government", "force_majeure")
CAUSE_ALIASES = {
    **{c: c for c in CAUSES},
    "使用权人": "holder",
    "使用权人原因": "holder",
    "政府": "government",
    "政府原因": "government",
    "不可抗力": "force_majeure",
}

# The facts rules may test (rules/idle_land.yaml names them; the rulebook checks the names).
FACT_FIELDS: dict[str, FactField] = {
    f.name: f
    for f in (
        FactField(
            "supply", "enum", "how the land was supplied", "供地方式", ("transfer", "allocation")
        ),
        FactField("started", "bool", "development has started (Art. 30)", "已动工开发"),
        FactField(
            "days_past_start",
            "int",
            "days past the start date that counts",
            "超过动工开发日期的天数",
        ),
        FactField(
            "years_not_started",
            "int",
            "full years past the start date, not started",
            "未动工开发满年数",
        ),
        FactField(
            "years_extended",
            "int",
            "full years a supplementary agreement moved the start date",
            "补充协议延长动工开发期限满年数",
        ),
        FactField("halted", "bool", "development halted after starting", "已中止开发建设"),
        FactField(
            "years_halted", "int", "full years since development halted", "中止开发建设满年数"
        ),
        FactField(
            "developed_ratio", "ratio", "developed share of the area to develop", "已开发面积占比"
        ),
        FactField("invested_ratio", "ratio", "share of total investment made", "已投资额占比"),
        FactField(
            "delivered_after_start",
            "bool",
            "the land was delivered after the start date that counts",
            "实际交地晚于动工开发日期",
        ),
        FactField("cause", "enum", "cause of the delay", "闲置原因", CAUSES),
        FactField("cause_verified", "bool", "the cause was verified (Art. 8)", "原因经审核属实"),
        FactField("fee_levied", "bool", "the idle-land fee was levied", "已征缴土地闲置费"),
        FactField("mortgaged", "bool", "the land is mortgaged", "土地设有抵押权"),
        FactField(
            "investigation_noticed",
            "bool",
            "an investigation notice was issued",
            "已发出调查通知书",
        ),
        FactField("determined", "bool", "the idle-land determination was issued", "已下达认定书"),
        FactField(
            "filed_in_monitoring",
            "bool",
            "filed in the land-market monitoring system",
            "已录入监测监管系统",
        ),
        FactField(
            "hoarding", "bool", "the holder was found to hoard land maliciously", "恶意囤地、炒地"
        ),
    )
}

# Values an action may carry (rules name them in action fields).
VALUE_FIELDS: dict[str, str] = {
    "as_of": "date",
    "start_date": "date",
    "idle_from": "date",
    "investigation_notice_on": "date",
    "days_until_idle": "int",
    "price": "money",
}

# Parameters the derivation below needs; the rulebook must define them.
MAX_DELAY_DAYS = 36_500  # a century: more is a typing slip, and would overflow the calendar
REQUIRED_PARAMS = ("idle_after_years", "start_after_delivery_years")


SUPPLY_EXPECTED = msg("supply")  # what a code cell must hold, built once
CAUSE_EXPECTED = msg("cause", codes=", ".join(CAUSES))  # what a code cell must hold, built once


class Parcel(fields.Row):
    """One row of a parcels file, as the input contract defines it."""

    # Chinese column headers a bureau's register may use for the contract's columns.
    COLUMN_ALIASES: ClassVar[dict[str, str]] = {
        "地块编号": "parcel_id",
        "宗地编号": "parcel_id",
        "使用权人": "holder",
        "土地使用权人": "holder",
        "受让人": "holder",
        "供地方式": "supply",
        "出让价款": "price",
        "成交价款": "price",
        "价款": "price",
        "出让金": "price",
        "约定开工日期": "agreed_start",
        "约定动工日期": "agreed_start",
        "实际交地日期": "delivered_on",
        "交地日期": "delivered_on",
        "补充协议开工日期": "extended_start",
        "开工日期": "started_on",
        "动工日期": "started_on",
        "已开发面积比例": "developed_ratio",
        "已投资比例": "invested_ratio",
        "中止开发日期": "halted_on",
        "闲置原因": "cause",
        "原因已核实": "cause_verified",
        "政府原因延误天数": "government_delay_days",
        "是否抵押": "mortgaged",
        "抵押权人": "mortgagee",
        "闲置费征缴日期": "fee_levied_on",
        "调查通知书日期": "investigation_notice_on",
        "认定书日期": "determination_on",
        "已录入监测系统": "filed_in_monitoring",
        "恶意囤地": "hoarding",
    }

    parcel_id: str = Field(min_length=1)
    holder: str = Field(min_length=1)
    supply: Literal["transfer", "allocation"]
    price: Decimal
    agreed_start: date | None = None
    delivered_on: date | None = None
    extended_start: date | None = None
    started_on: date | None = None
    developed_ratio: Fraction | None = None
    invested_ratio: Fraction | None = None
    halted_on: date | None = None
    cause: Literal["holder", "government", "force_majeure"] = "holder"
    cause_verified: bool = False
    government_delay_days: int = Field(default=0, ge=0)
    mortgaged: bool = False
    mortgagee: str | None = None
    fee_levied_on: date | None = None
    investigation_notice_on: date | None = None
    determination_on: date | None = None
    filed_in_monitoring: bool = False
    hoarding: bool = False

    @field_validator("supply", mode="before")
    @classmethod
    def _supply(cls, value: Any) -> Any:
        return fields.code(value, SUPPLY_ALIASES, SUPPLY_EXPECTED)

    @field_validator("price", mode="before")
    @classmethod
    def _price(cls, value: Any) -> Decimal:
        return fields.amount(value)

    @field_validator(
        "agreed_start",
        "delivered_on",
        "extended_start",
        "started_on",
        "halted_on",
        "fee_levied_on",
        "investigation_notice_on",
        "determination_on",
        mode="before",
    )
    @classmethod
    def _date(cls, value: Any) -> date:
        return fields.day(value)

    @field_validator("developed_ratio", "invested_ratio", mode="before")
    @classmethod
    def _ratio(cls, value: Any) -> Fraction:
        return fields.ratio(value)

    @field_validator("cause", mode="before")
    @classmethod
    def _cause(cls, value: Any) -> Any:
        return fields.code(value, CAUSE_ALIASES, CAUSE_EXPECTED)

    @field_validator(
        "cause_verified", "mortgaged", "filed_in_monitoring", "hoarding", mode="before"
    )
    @classmethod
    def _bool(cls, value: Any) -> bool:
        return fields.flag(value)

    @field_validator("government_delay_days", mode="before")
    @classmethod
    def _days(cls, value: Any) -> Any:
        text = str(value).strip()
        if re.fullmatch("[0-9]{1,6}", text) and int(text) <= MAX_DELAY_DAYS:
            return int(text)
        raise Invalid("delay_days", maximum=MAX_DELAY_DAYS)

    @model_validator(mode="after")
    def _coherent(self) -> Parcel:
        if self.agreed_start is None and self.delivered_on is None:
            raise Invalid("start_or_delivery", column="agreed_start")
        if self.halted_on is not None:
            if self.started_on is None:
                raise Invalid("halt_needs_start", column="halted_on")
            if self.halted_on < self.started_on:
                raise Invalid("on_or_after", column="halted_on", other="started_on")
            if self.developed_ratio is None or self.invested_ratio is None:
                raise Invalid("halt_needs_ratios", column="developed_ratio")
        if self.government_delay_days and self.cause != "holder":
            # L6: verified days of delay are deducted *within a holder-caused case*; a case
            # whose cause is the government's or force majeure goes to Arts. 8 and 12 whole.
            raise Invalid("delay_needs_holder_cause", column="government_delay_days")
        replaced = self.agreed_start or self.delivered_on
        if self.extended_start is not None and replaced and self.extended_start < replaced:
            raise Invalid(
                "extension_not_earlier", column="extended_start", replaced=replaced.isoformat()
            )
        if (
            self.determination_on
            and self.investigation_notice_on
            and self.determination_on < self.investigation_notice_on
        ):
            raise Invalid("on_or_after", column="determination_on", other="investigation_notice_on")
        return self


@dataclass(frozen=True)
class ParcelFacts:
    """A parcel as of a date: the facts the rules test and the values actions carry."""

    parcel: Parcel
    as_of: date
    start_date: date
    idle_from: date
    tests: Tests

    @property
    def day(self) -> date:
        return self.as_of

    def value(self, name: str) -> Any:
        if name in ("price", "investigation_notice_on"):
            return getattr(self.parcel, name)
        if name == "days_until_idle":
            return (self.idle_from - self.as_of).days
        return getattr(self, name)


def original_start(parcel: Parcel, params: Mapping[str, Any]) -> date:
    """The agreed start date, or one year after delivery where none was agreed (L2)."""
    if parcel.agreed_start is not None:
        return parcel.agreed_start
    assert parcel.delivered_on is not None  # the model requires one of the two
    return add_years(parcel.delivered_on, params["start_after_delivery_years"])


def start_date(parcel: Parcel, params: Mapping[str, Any]) -> date:
    """The start date that counts (L2), moved later by verified government delay (L6)."""
    start = parcel.extended_start or original_start(parcel, params)  # Art. 12 ¶2: re-count
    return start + timedelta(days=parcel.government_delay_days)


def derive(parcel: Parcel, as_of: date, params: Mapping[str, Any]) -> ParcelFacts:
    def done(day: date | None) -> bool:
        return day is not None and day <= as_of

    start = start_date(parcel, params)
    started = done(parcel.started_on)
    halted = started and done(parcel.halted_on)
    tests: Tests = {
        "supply": parcel.supply,
        "started": started,
        "days_past_start": (as_of - start).days,
        "halted": halted,
        "cause": parcel.cause,
        "delivered_after_start": parcel.delivered_on is not None and parcel.delivered_on > start,
        "cause_verified": parcel.cause_verified,
        "fee_levied": done(parcel.fee_levied_on),
        "mortgaged": parcel.mortgaged,
        "investigation_noticed": done(parcel.investigation_notice_on),
        "determined": done(parcel.determination_on),
        "filed_in_monitoring": parcel.filed_in_monitoring,
        "hoarding": parcel.hoarding,
    }
    if not started:
        tests["years_not_started"] = full_years(start, as_of)
    if parcel.extended_start is not None:
        tests["years_extended"] = full_years(original_start(parcel, params), parcel.extended_start)
    if halted:
        assert parcel.halted_on is not None
        tests["years_halted"] = full_years(parcel.halted_on, as_of)
    if parcel.developed_ratio is not None:
        tests["developed_ratio"] = parcel.developed_ratio
    if parcel.invested_ratio is not None:
        tests["invested_ratio"] = parcel.invested_ratio
    return ParcelFacts(
        parcel=parcel,
        as_of=as_of,
        start_date=start,
        idle_from=full_from(start, params["idle_after_years"]),
        tests=tests,
    )


def subjects(
    batches: Iterable[list[tuple[int, Parcel]]],
    as_of: date,
    params: Mapping[str, Any],
    problem: ProblemSink,
) -> Iterator[list[Subject]]:
    """Each parcel is one subject with one snapshot, taken on the evaluation date."""
    for batch in batches:
        made = []
        for _, parcel in batch:
            facts = derive(parcel, as_of, params)
            values = {"start_date": facts.start_date, "idle_from": facts.idle_from}
            made.append(Subject(parcel.parcel_id, parcel, (facts,), values))
        yield made


VIEW = View(
    noun=_t("parcels", "地块"),
    columns=(
        (_t("parcel", "地块"), cells.subject_id),
        (_t("holder", "使用权人"), cells.row_field("holder")),
        (_t("status", "状态"), cells.status),
        (_t("idle from", "闲置起算日"), cells.value("idle_from")),
        (_t("next due", "下一期限"), cells.first("due")),
        (_t("amount (yuan)", "金额（元）"), cells.first("amount")),
        (_t("actions", "措施"), cells.codes()),
    ),
    totals=cells.amounts("CHARGE_IDLE_FEE", "idle_fees_total"),
    lines=(
        (
            _t(
                "idle fees to levy: {count}, total {total} yuan",
                "应征缴土地闲置费：{count} 宗，合计 {total} 元",
            ),
            lambda s: {
                "count": s.by_action["CHARGE_IDLE_FEE"],
                "total": cells.money(s.totals.get("idle_fees_total", Decimal("0.00"))),
            },
        ),
        (
            _t("parcels to reclaim without compensation: {count}", "应无偿收回：{count} 宗"),
            lambda s: {"count": s.by_action["RECLAIM_LAND"]},
        ),
        (
            _t("parcels to negotiate: {count}", "应协商处置：{count} 宗"),
            lambda s: {"count": s.by_action["NEGOTIATE_DISPOSAL"]},
        ),
    ),
)

KIND = Kind(
    name="parcel",
    command="parcels",
    help="""Decide what must happen now to each land-transfer parcel in FILE.

    Applies Order 53 of 2012 (闲置土地处置办法) as rules/idle_land.yaml encodes it: overdue or
    idle, the 20% idle fee, reclaim at two years, negotiation for a verified government
    cause, and the next procedural step. FILE is CSV (UTF-8 or GBK), JSON Lines or an Excel
    workbook, one parcel a row. Exit status 0 when the run succeeded, whatever it found; 2
    for bad input (every problem is listed, nothing is written).
    """,
    examples=(
        "comply parcels examples/district-2012/parcels.csv --as-of 2012-08-31",
        "comply parcels parcels.csv --as-of 2012-08-31 --lang zh",
        "comply parcels parcels.csv --as-of 2012-08-31 --out decisions.jsonl",
    ),
    families=("idle_land",),
    model=Parcel,
    id_field="parcel_id",
    unique_rows=True,
    facts=FACT_FIELDS,
    values=VALUE_FIELDS,
    required_params=REQUIRED_PARAMS,
    build=subjects,
    view=VIEW,
)
