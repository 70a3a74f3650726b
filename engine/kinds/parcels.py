"""Parcels: the register's row (the input contract), the facts the rules test, the view.

Derived values are computed here, as decisions.md prescribes: the start date that counts
(L2, L6), full years by the civil-code count (L1), the date a parcel becomes idle and the
days left until then, how long it had been idle when it started (L13), the shares of area
and investment as exact fractions (L15). Every fact is taken as of the evaluation date:
anything dated after it (a start, a halt, a levied fee, a notice, a supplementary
agreement) has not happened yet. Facts that contradict each other are refused as bad
input, naming the row and the column (L15): in the row model where the row alone shows
it, here where the rules' parameters are needed to see it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from .. import cells, fields, messages
from ..conditions import FactField
from ..dates import add_years, full_from, full_years
from ..evaluate import Decision
from ..messages import ColumnName as Col
from ..messages import Invalid, Message, msg
from ..rulebook import Text
from ..rulebook import words as _t
from ..subjects import ProblemSink, Subject, Tests
from ..summary import Summary
from . import BookColumn, Events, Kind, Option, View
from .parcel_case import STAGES, Procedure, as_parcel, case_on, procedure
from .parcel_events import ParcelEvent, timeline

messages.register(
    {
        "supply": {
            "en": "transfer or allocation: 出让 (or 协议出让, 招标出让, 拍卖出让, 挂牌出让, "
            "招拍挂) or 划拨",
            "zh": "出让（含协议出让、招标出让、拍卖出让、挂牌出让、招拍挂）或划拨"
            "（也可填 transfer 或 allocation）",
        },
        "cause": {
            "en": "one of {codes} (or 使用权人, 政府, 不可抗力; empty means holder)",
            "zh": "以下之一：{codes}（也可填 使用权人、政府、不可抗力；留空视为 holder）",
        },
        "area": {
            "en": "a positive area with at most 2 decimals, such as 12000 or 12000.5 (in any "
            "one unit for both areas)",
            "zh": "最多两位小数的正数面积，如 12000 或 12000.5（两项面积单位一致）",
        },
        "land_area": {
            "en": "a positive area in square metres with at most 2 decimals, such as 12000 "
            "or 12000.5",
            "zh": "以平方米计、最多两位小数的正数面积，如 12000 或 12000.5",
        },
        "delay_days": {
            "en": "a whole number of days from 0 to {maximum}",
            "zh": "介于 0 至 {maximum} 之间的整数天数",
        },
        "transfer_price": {
            "en": "the transfer price: a transferred parcel has one, and the idle fee is "
            "a share of it (Art. 14(1)); only an allocation may have none recorded",
            "zh": "出让价款：出让地块必有价款，土地闲置费按其比例计征（第十四条第（一）项）；"
            "仅划拨地块可不填",
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
            "en": "both developed_ratio and invested_ratio for a halted parcel, or the amounts "
            "they come from (developed_area and total_area, invested_amount and "
            "total_investment) (Art. 2 ¶2)",
            "zh": "中止开发地块的 developed_ratio 和 invested_ratio 两项均有值，或填写据以计算的"
            "数额（developed_area 和 total_area、invested_amount 和 total_investment）"
            "（第二条第二款）",
        },
        "mortgagee_missing": {
            "en": "the mortgagee's name for a mortgaged parcel: it is notified or copied "
            "(Art. 13 ¶2, Art. 14(2))",
            "zh": "设有抵押权地块的抵押权人名称：须书面通知或抄送抵押权人（第十三条第二款、"
            "第十四条第（二）项）",
        },
        "pair_needed": {
            "en": "a value, since {other} is given: a share given as amounts needs both",
            "zh": "与 {other} 同时填写的值：以数额给出比例须两项均有值",
        },
        "part_over_whole": {
            "en": "at most {whole} ({total}): a part cannot exceed the whole",
            "zh": "不超过 {whole}（{total}）的数额：部分不能大于总数",
        },
        "share_contradicts": {
            "en": "{exact} ({part} / {whole}), or empty: the share and the amounts it comes "
            "from disagree",
            "zh": "{exact}（{part} / {whole}），或留空：比例与据以计算的数额不一致",
        },
        "agreement_date": {
            "en": "the day the supplementary agreement was signed, for the start date it set "
            "(extended_start): the one-year limit of Art. 12(1) is counted from it (L2)",
            "zh": "补充协议的签订日期（与 extended_start 同时填写）：第十二条第（一）项一年期限"
            "自签订之日起算（L2）",
        },
        "needs_determination": {
            "en": "a determination first: {step} follows the idle-land determination "
            "(Arts. 11, 15); give determination_on",
            "zh": "先有闲置土地认定书：{step} 在下达认定书之后（第十一条、第十五条）；"
            "请填写 determination_on",
        },
        "fee_before_idle": {
            "en": "a date on or after {idle_from}, the day the parcel became idle: no idle fee "
            "is levied before (Art. 14(1))",
            "zh": "不早于 {idle_from}（该地块成为闲置土地之日）的日期：闲置前不征缴土地闲置费"
            "（第十四条第（一）项）",
        },
        "share_rounded": {
            "en": "an exact share: {value} is {threshold} rounded, and decides whether the "
            "parcel is under it (Art. 2 ¶2); give {part} and {whole} instead",
            "zh": "精确的比例：{value} 是 {threshold} 的近似值，而它决定该地块是否低于该比例"
            "（第二条第二款）；请改填 {part} 和 {whole}",
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

# How registers write the two ways land is supplied: a transfer by any of its procedures
# (agreement, tender, auction, listing: 招拍挂), or an allocation.
SUPPLY_ALIASES = {
    **dict.fromkeys(
        (
            "transfer",
            "出让",
            "协议出让",
            "招标出让",
            "拍卖出让",
            "挂牌出让",
            "招拍挂",
            "招拍挂出让",
            "协议",
            "招标",
            "拍卖",
            "挂牌",
        ),
        "transfer",
    ),
    **dict.fromkeys(("allocation", "划拨", "行政划拨"), "allocation"),
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
        FactField(
            "price_known",
            "bool",
            "the transfer or allocation price is recorded",
            "已记载出让或划拨价款",
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
            "years_signed_to_start",
            "int",
            "full years from signing the supplementary agreement to the start date it set",
            "补充协议签订之日至其约定动工开发日期的满年数",
        ),
        FactField(
            "years_unstarted_at_start",
            "int",
            "full years past the start date when development started",
            "动工开发时已超过动工开发日期的满年数",
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
        FactField(
            "plan_amended",
            "bool",
            "the land lies idle because a plan was lawfully amended (Art. 8(2))",
            "因土地利用总体规划、城乡规划依法修改造成闲置",
        ),
        FactField("price_paid", "bool", "the land price is paid in full", "已缴清土地价款"),
        FactField("funds_secured", "bool", "the project's funds are secured", "项目资金已落实"),
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
            "days_notice_to_determination",
            "int",
            "days from the investigation notice to the determination",
            "调查通知书至认定书的天数",
        ),
        FactField(
            "published",
            "bool",
            "the determination was published (Art. 11)",
            "闲置土地信息已向社会公开",
        ),
        FactField(
            "hearing_noticed",
            "bool",
            "the holder was told in writing of the right to a hearing (Art. 15)",
            "已书面告知申请听证的权利",
        ),
        FactField(
            "filed_in_monitoring",
            "bool",
            "filed in the land-market monitoring system",
            "已录入监测监管系统",
        ),
        FactField(
            "hoarding", "bool", "the holder was found to hoard land maliciously", "恶意囤地、炒地"
        ),
        # The case over time (decisions.md L10, L14): engine/kinds/parcel_case.py.
        FactField("stage", "enum", "where the case stands", "案件所处阶段", tuple(STAGES)),
        FactField(
            "investigation_late",
            "bool",
            "the investigation notice was issued after its due date (Art. 5)",
            "调查通知书晚于期限发出",
        ),
        FactField(
            "notice_served", "bool", "the investigation notice was served", "调查通知书已送达"
        ),
        FactField(
            "reply_over",
            "bool",
            "the holder's time to answer the notice has run, or the materials came in",
            "使用权人提交材料期限已届满或材料已收到",
        ),
        FactField(
            "determined_early",
            "bool",
            "the determination came before the holder's time to answer had run",
            "认定书在使用权人提交材料期限届满前下达",
        ),
        FactField(
            "awaiting_service",
            "bool",
            "an instrument was issued and is not yet served",
            "文书已下达尚未送达",
        ),
        FactField(
            "hearing_requested",
            "bool",
            "the holder asked for a hearing, not yet held",
            "使用权人已申请听证，尚未举行",
        ),
        FactField(
            "hearing_settled",
            "bool",
            "the hearing was held or waived, or its request period ran without a request",
            "听证已举行、已放弃，或申请期限届满未申请",
        ),
        FactField("approved", "bool", "the government approved the disposal", "处置已获政府批准"),
        FactField(
            "approved_early",
            "bool",
            "the approval came before the hearing was settled",
            "听证事项了结前即已报批",
        ),
        FactField(
            "reclaim_decided",
            "bool",
            "the decision served is the reclaim (not the fee)",
            "已送达的为收回决定书",
        ),
        FactField(
            "duty_overdue",
            "bool",
            "the holder's 30 days to pay or to cancel the registration have run, unmet",
            "使用权人缴纳闲置费或注销登记的期限已届满而未履行",
        ),
        FactField(
            "review_or_suit",
            "bool",
            "the holder applied for review or sued",
            "使用权人已申请行政复议或提起行政诉讼",
        ),
        FactField(
            "remedies_lapsed",
            "bool",
            "the review and litigation periods have run",
            "申请行政复议和提起行政诉讼的期限均已届满",
        ),
        FactField("demand_served", "bool", "the demand (催告书) was served", "催告书已送达"),
        FactField(
            "demand_period_over",
            "bool",
            "ten days have run since the demand was served",
            "催告书送达已满十日",
        ),
        FactField(
            "closed",
            "bool",
            "the case is closed: the fee paid, the registration cancelled, or disposed of",
            "案件已处置完毕：闲置费已缴纳、登记已注销或已协商处置",
        ),
        FactField(
            "court_applied",
            "bool",
            "the court was asked to enforce the decision",
            "已申请人民法院强制执行",
        ),
    )
}

# Values an action may carry (rules name them in action fields).
VALUE_FIELDS: dict[str, str] = {
    "as_of": "date",
    "start_date": "date",
    "idle_from": "date",
    "investigation_notice_on": "date",
    "determination_on": "date",
    "days_until_idle": "int",
    "price": "money",
    # The case over time (L14): the last day of each period, counted from the event that
    # starts it, and the days past it where it ran out unmet.
    "discovered_on": "date",
    "investigation_due": "date",
    "investigation_overdue_days": "int",
    "investigation_days_late": "int",
    "determine_not_before": "date",
    "hearing_request_due": "date",
    "approval_not_before": "date",
    "approved_on": "date",
    "decision_served_on": "date",
    "payment_due": "date",
    "payment_overdue_days": "int",
    "cancellation_due": "date",
    "cancellation_overdue_days": "int",
    "remedies_end": "date",
    "court_due": "date",
    "court_overdue_days": "int",
    "demand_due": "date",
    "apply_not_before": "date",
}

# Parameters the derivation below needs; the rulebook must define them.
MAX_DELAY_DAYS = 36_500  # a century: more is a typing slip, and would overflow the calendar
REQUIRED_PARAMS = (
    "idle_after_years",
    "reclaim_after_years",
    "start_after_delivery_years",
    "stalled_developed_under",
    "stalled_invested_under",
    "stalled_halt_years",
    # The periods of a case (L14), each counted from the event that starts it.
    "discovery_not_before",
    "investigation_days",
    "holder_reply_days",
    "hearing_request_working_days",
    "payment_days",
    "review_days",
    "litigation_months",
    "litigation_months_2015",
    "litigation_months_2015_from",
    "court_application_months",
    "demand_days",
    "public_notice_days",
    "public_notice_days_2022",
    "public_notice_days_2022_from",
)


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
        "受让单位": "holder",
        "土地使用者": "holder",
        "用地单位": "holder",
        "竞得人": "holder",
        "供地方式": "supply",
        "出让价款": "price",
        "成交价款": "price",
        "价款": "price",
        "出让金": "price",
        "土地出让金": "price",
        "出让金额": "price",
        "成交价": "price",
        "出让（划拨）价款": "price",
        "划拨价款": "price",
        "约定开工日期": "agreed_start",
        "约定动工日期": "agreed_start",
        "约定开工时间": "agreed_start",
        "约定动工时间": "agreed_start",
        "合同约定开工日期": "agreed_start",
        "合同约定动工日期": "agreed_start",
        "合同约定开工时间": "agreed_start",
        "应开工日期": "agreed_start",
        "实际交地日期": "delivered_on",
        "交地日期": "delivered_on",
        "交地时间": "delivered_on",
        "补充协议开工日期": "extended_start",
        "补充协议动工日期": "extended_start",
        "补充协议签订日期": "agreement_signed_on",
        "开工日期": "started_on",
        "动工日期": "started_on",
        "实际开工日期": "started_on",
        "实际动工日期": "started_on",
        "实际开工时间": "started_on",
        "实际动工时间": "started_on",
        "开工时间": "started_on",
        "动工时间": "started_on",
        "已开发面积比例": "developed_ratio",
        "已投资比例": "invested_ratio",
        "已开发面积": "developed_area",
        "应开发总面积": "total_area",
        "应动工开发建设用地总面积": "total_area",
        "已投资额": "invested_amount",
        "总投资额": "total_investment",
        "中止开发日期": "halted_on",
        "闲置原因": "cause",
        "原因已核实": "cause_verified",
        "规划依法修改": "plan_amended",
        "已缴清土地价款": "price_paid",
        "项目资金已落实": "funds_secured",
        "政府原因延误天数": "government_delay_days",
        "是否抵押": "mortgaged",
        "抵押权人": "mortgagee",
        "闲置费征缴日期": "fee_levied_on",
        "调查通知书日期": "investigation_notice_on",
        "认定书日期": "determination_on",
        "公开日期": "published_on",
        "听证告知日期": "hearing_notice_on",
        "听证权利告知书日期": "hearing_notice_on",
        "已录入监测系统": "filed_in_monitoring",
        "恶意囤地": "hoarding",
        "使用权人地址": "holder_address",
        "地址": "holder_address",
        "住所": "holder_address",
        "土地坐落": "location",
        "坐落": "location",
        "宗地位置": "location",
        "土地面积": "land_area",
        "土地面积（平方米）": "land_area",
        "面积（平方米）": "land_area",
        "宗地面积": "land_area",
        "土地面积（㎡）": "land_area",
        "面积（㎡）": "land_area",
        "宗地面积（平方米）": "land_area",
        "宗地面积（㎡）": "land_area",
        "土地用途": "land_use",
        "用途": "land_use",
        "合同编号": "contract_no",
        "出让合同编号": "contract_no",
        "划拨决定书编号": "contract_no",
    }

    # Columns of numbers that are not amounts of yuan, and what they measure.
    MEASURES: ClassVar[dict[str, Text]] = {
        "developed_area": _t(
            "an area, in the same unit as total_area", "面积，与应开发总面积单位一致"
        ),
        "total_area": _t(
            "an area, in the same unit as developed_area", "面积，与已开发面积单位一致"
        ),
        "land_area": _t("square metres (平方米)", "平方米"),
    }
    # Measures a workbook totals and shows as figures, as it does the amounts: the parcels'
    # land area, in one unit for every parcel (the two areas above may differ by row).
    TOTALLED: ClassVar[frozenset[str]] = frozenset({"land_area"})
    # Areas kept in one unit, which a register's title may not state otherwise (单位：亩).
    AREA_UNITS: ClassVar[dict[str, str]] = {"land_area": "平方米"}

    parcel_id: str = Field(min_length=1)
    holder: str = Field(min_length=1)
    supply: Literal["transfer", "allocation"]
    price: Decimal | None = None  # an allocation may have none recorded (a school's land)
    agreed_start: date | None = None
    delivered_on: date | None = None
    extended_start: date | None = None
    agreement_signed_on: date | None = None
    started_on: date | None = None
    developed_ratio: Fraction | None = None
    invested_ratio: Fraction | None = None
    developed_area: Decimal | None = None
    total_area: Decimal | None = None
    invested_amount: Decimal | None = None
    total_investment: Decimal | None = None
    halted_on: date | None = None
    cause: Literal["holder", "government", "force_majeure"] = "holder"
    cause_verified: bool = False
    plan_amended: bool = False
    price_paid: bool = False
    funds_secured: bool = False
    government_delay_days: int = Field(default=0, ge=0)
    mortgaged: bool = False
    mortgagee: str | None = None
    fee_levied_on: date | None = None
    investigation_notice_on: date | None = None
    determination_on: date | None = None
    published_on: date | None = None
    hearing_notice_on: date | None = None
    filed_in_monitoring: bool = False
    hoarding: bool = False
    # What the instruments a bureau serves name (Order 53 Arts. 6, 10, 16): never judged.
    holder_address: str | None = None
    location: str | None = None
    land_area: Decimal | None = None  # square metres
    land_use: str | None = None
    contract_no: str | None = None  # the transfer contract's or allocation decision's number

    @field_validator("supply", mode="before")
    @classmethod
    def _supply(cls, value: Any) -> Any:
        return fields.code(value, SUPPLY_ALIASES, SUPPLY_EXPECTED)

    @field_validator("price", "invested_amount", "total_investment", mode="before")
    @classmethod
    def _price(cls, value: Any) -> Decimal:
        return fields.amount(value)

    @field_validator("developed_area", "total_area", mode="before")
    @classmethod
    def _area(cls, value: Any) -> Decimal:
        try:
            return fields.area(value)
        except ValueError:
            raise Invalid("area") from None

    @field_validator("land_area", mode="before")
    @classmethod
    def _land_area(cls, value: Any) -> Decimal:
        try:
            return fields.area(value, "平方米")
        except ValueError:
            raise Invalid("land_area") from None

    @field_validator(
        "agreed_start",
        "delivered_on",
        "extended_start",
        "agreement_signed_on",
        "started_on",
        "halted_on",
        "fee_levied_on",
        "investigation_notice_on",
        "determination_on",
        "published_on",
        "hearing_notice_on",
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
        "cause_verified",
        "plan_amended",
        "price_paid",
        "funds_secured",
        "mortgaged",
        "filed_in_monitoring",
        "hoarding",
        mode="before",
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
        if self.price is None and self.supply == "transfer":
            raise Invalid("transfer_price", column="price")
        if self.agreed_start is None and self.delivered_on is None:
            raise Invalid("start_or_delivery", column="agreed_start")
        for ratio, part, whole in SHARES:
            self._share_agrees(ratio, part, whole)
        if self.halted_on is not None:
            if self.started_on is None:
                raise Invalid("halt_needs_start", column="halted_on")
            if self.halted_on < self.started_on:
                raise Invalid("on_or_after", column="halted_on", other=Col("started_on"))
            if self.share("developed_ratio") is None or self.share("invested_ratio") is None:
                raise Invalid("halt_needs_ratios", column="developed_ratio")
        if self.government_delay_days and self.cause != "holder":
            # L6: verified days of delay are deducted *within a holder-caused case*; a case
            # whose cause is the government's or force majeure goes to Arts. 8 and 12 whole.
            raise Invalid("delay_needs_holder_cause", column="government_delay_days")
        replaced = self.agreed_start or self.delivered_on
        if self.extended_start is not None:
            if replaced and self.extended_start < replaced:
                raise Invalid(
                    "extension_not_earlier", column="extended_start", replaced=replaced.isoformat()
                )
            if self.agreement_signed_on is None:
                raise Invalid("agreement_date", column="agreement_signed_on")
        if self.mortgaged and not self.mortgagee:
            raise Invalid("mortgagee_missing", column="mortgagee")
        if (
            self.determination_on
            and self.investigation_notice_on
            and self.determination_on < self.investigation_notice_on
        ):
            raise Invalid(
                "on_or_after", column="determination_on", other=Col("investigation_notice_on")
            )
        for column in ("published_on", "hearing_notice_on"):
            done = getattr(self, column)
            if done is not None and self.determination_on is None:
                raise Invalid("needs_determination", column=column, step=Col(column))
            if done is not None and self.determination_on and done < self.determination_on:
                raise Invalid("on_or_after", column=column, other=Col("determination_on"))
        return self

    def _share_agrees(self, ratio: str, part: str, whole: str) -> None:
        """A share given as two amounts needs both, a part no larger than its whole, and,
        if the share is also typed, the same share (L15: contradictory facts are refused)."""
        given_part, given_whole = getattr(self, part), getattr(self, whole)
        if (given_part is None) != (given_whole is None):
            missing, other = (part, whole) if given_part is None else (whole, part)
            raise Invalid("pair_needed", column=missing, other=Col(other))
        if given_part is None:
            return
        if given_part > given_whole:
            raise Invalid("part_over_whole", column=part, whole=Col(whole), total=given_whole)
        typed, exact = getattr(self, ratio), Fraction(given_part) / Fraction(given_whole)
        if typed is not None and typed != exact:
            raise Invalid(
                "share_contradicts",
                column=ratio,
                exact=_shown(exact),
                part=Col(part),
                whole=Col(whole),
            )

    def share(self, ratio: str) -> Fraction | None:
        """The share of area developed or of investment made: exact from the two amounts
        where they are given (so exactly one third is exact), else as typed."""
        part, whole = _SHARE_AMOUNTS[ratio]
        if getattr(self, part) is not None:
            return Fraction(getattr(self, part)) / Fraction(getattr(self, whole))
        typed: Fraction | None = getattr(self, ratio)
        return typed


# Each share, and the two amounts it may be given as instead (Art. 2 ¶2, Art. 30).
SHARES = (
    ("developed_ratio", "developed_area", "total_area"),
    ("invested_ratio", "invested_amount", "total_investment"),
)
_SHARE_AMOUNTS = {ratio: (part, whole) for ratio, part, whole in SHARES}


def _shown(share: Fraction) -> str:
    """A share as a reader writes it: 0.25 where the decimal ends, else 1/3."""
    places = _places(share)
    if places is None:
        return str(share)
    return f"{Decimal(share.numerator) / Decimal(share.denominator):.{places}f}"


def _places(share: Fraction) -> int | None:
    """How many decimal places write the share exactly, or None if no number of them can."""
    twos = fives = 0
    rest = share.denominator
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    return max(twos, fives) if rest == 1 else None


def rounds(share: Fraction, threshold: Fraction) -> bool:
    """Whether a share is the threshold rounded: a decimal of two or more places that is
    the threshold rounded half up to as many places, but not the threshold (0.33, 0.3333 for
    one third). Written so, it cannot say on which side of the threshold the true share lies
    (L15). A share written as a fraction (1/3) or with one place (0.3) is taken as written."""
    places = _places(share)
    if places is None or places < 2 or share == threshold:
        return False
    scale = 10**places
    # share == floor(threshold * scale + 1/2) / scale, in whole numbers (Fractions' own
    # arithmetic took most of a 10k-parcel register's reading of its shares).
    above, below = threshold.numerator, threshold.denominator
    nearest = (2 * above * scale + below) // (2 * below)
    return bool(share.numerator * scale == nearest * share.denominator)


@dataclass(frozen=True)
class ParcelFacts:
    """A parcel as of a date: the facts the rules test and the values actions carry."""

    parcel: Parcel
    as_of: date
    start_date: date
    idle_from: date
    tests: Tests
    case: Procedure | None = None  # the case over time, once its events are folded in

    @property
    def day(self) -> date:
        return self.as_of

    def counting(self, lang: str) -> list[str]:
        """How each period of the case was counted: its start event, its length, the plain
        last day and any move over holidays and rest days (L14), for an explanation."""
        return self.case.explained(lang) if self.case is not None else []

    def value(self, name: str) -> Any:
        if self.case is not None and name in self.case.values:
            return self.case.values[name]
        if name in ("price", "investigation_notice_on", "determination_on"):
            return getattr(self.parcel, name)
        if name == "days_until_idle":
            return (self.idle_from - self.as_of).days
        return getattr(self, name, None)


def original_start(parcel: Parcel, params: Mapping[str, Any]) -> date:
    """The agreed start date, or one year after delivery where none was agreed (L2)."""
    if parcel.agreed_start is not None:
        return parcel.agreed_start
    assert parcel.delivered_on is not None  # the model requires one of the two
    return add_years(parcel.delivered_on, params["start_after_delivery_years"])


def agreed_on(parcel: Parcel, as_of: date) -> bool:
    """A supplementary agreement signed by the evaluation date (one signed later has not
    been made yet, and the start date it sets does not count yet)."""
    signed = parcel.agreement_signed_on
    return parcel.extended_start is not None and signed is not None and signed <= as_of


def start_date(parcel: Parcel, params: Mapping[str, Any], as_of: date) -> date:
    """The start date that counts (L2), moved later by verified government delay (L6)."""
    start = original_start(parcel, params)
    if agreed_on(parcel, as_of):
        assert parcel.extended_start is not None
        start = parcel.extended_start  # Art. 12 ¶2: the clock restarts from the new date
    return start + timedelta(days=parcel.government_delay_days)


def first_idle(parcel: Parcel, params: Mapping[str, Any]) -> date:
    """The first day the parcel could have been idle: counted from the start date before
    any supplementary agreement (a later agreement does not undo a fee already levied)."""
    start = original_start(parcel, params) + timedelta(days=parcel.government_delay_days)
    return full_from(start, params["idle_after_years"])


def derive(parcel: Parcel, as_of: date, params: Mapping[str, Any]) -> ParcelFacts:
    def done(day: date | None) -> bool:
        return day is not None and day <= as_of

    start = start_date(parcel, params, as_of)
    started = done(parcel.started_on)
    halted = started and done(parcel.halted_on)
    determined = done(parcel.determination_on)
    tests: Tests = {
        "supply": parcel.supply,
        "price_known": parcel.price is not None,
        "started": started,
        "days_past_start": (as_of - start).days,
        "halted": halted,
        "cause": parcel.cause,
        "delivered_after_start": parcel.delivered_on is not None and parcel.delivered_on > start,
        "cause_verified": parcel.cause_verified,
        "plan_amended": parcel.plan_amended,
        "price_paid": parcel.price_paid,
        "funds_secured": parcel.funds_secured,
        "fee_levied": done(parcel.fee_levied_on),
        "mortgaged": parcel.mortgaged,
        "investigation_noticed": done(parcel.investigation_notice_on),
        "determined": determined,
        "published": done(parcel.published_on),
        "hearing_noticed": done(parcel.hearing_notice_on),
        "filed_in_monitoring": parcel.filed_in_monitoring,
        "hoarding": parcel.hoarding,
    }
    if started:
        assert parcel.started_on is not None
        tests["years_unstarted_at_start"] = full_years(start, parcel.started_on)
    else:
        tests["years_not_started"] = full_years(start, as_of)
    if agreed_on(parcel, as_of):
        assert parcel.agreement_signed_on is not None
        assert parcel.extended_start is not None
        tests["years_signed_to_start"] = full_years(
            parcel.agreement_signed_on, parcel.extended_start
        )
    if determined and parcel.investigation_notice_on is not None:
        assert parcel.determination_on is not None
        notice_to_determination = parcel.determination_on - parcel.investigation_notice_on
        tests["days_notice_to_determination"] = notice_to_determination.days
    if halted:
        assert parcel.halted_on is not None
        tests["years_halted"] = full_years(parcel.halted_on, as_of)
    for ratio, _, _ in SHARES:
        share = parcel.share(ratio)
        if share is not None:
            tests[ratio] = share
    return ParcelFacts(
        parcel=parcel,
        as_of=as_of,
        start_date=start,
        idle_from=full_from(start, params["idle_after_years"]),
        tests=tests,
    )


def contradiction(facts: ParcelFacts, params: Mapping[str, Any]) -> tuple[str, Any, Message] | None:
    """A contradiction only the rules' parameters reveal (L15), as (column, value, message):
    a fee levied before the parcel could be idle, or a share typed rounded where its
    rounding decides whether the parcel is under the Art. 2 ¶2 threshold."""
    parcel, tests = facts.parcel, facts.tests
    if parcel.fee_levied_on is not None:
        idle_from = first_idle(parcel, params)
        if parcel.fee_levied_on < idle_from:
            return (
                "fee_levied_on",
                parcel.fee_levied_on.isoformat(),
                msg("fee_before_idle", idle_from=idle_from.isoformat()),
            )
    halted_long = tests["halted"] and tests["years_halted"] >= params["stalled_halt_years"]
    if not halted_long:
        return None  # a halt under a year decides nothing, whatever the shares
    thresholds = {
        "developed_ratio": params["stalled_developed_under"],
        "invested_ratio": params["stalled_invested_under"],
    }
    for (ratio, part, whole), (other, _, _) in zip(SHARES, reversed(SHARES), strict=True):
        typed = getattr(parcel, ratio)
        if getattr(parcel, part) is not None or typed is None:
            continue  # given as amounts: exact
        other_under = tests[other] < thresholds[other]
        if rounds(typed, thresholds[ratio]) and not other_under:
            threshold = _shown(thresholds[ratio])
            shown = _shown(typed)
            return (
                ratio,
                shown,
                msg(
                    "share_rounded",
                    value=shown,
                    threshold=threshold,
                    part=Col(part),
                    whole=Col(whole),
                ),
            )
    return None


def suspect_from(facts: ParcelFacts, params: Mapping[str, Any]) -> date | None:
    """The day the parcel became suspect idle land on the register (Art. 2; L13), from
    which the investigation is due (L14); None if it is not suspect on the date."""
    tests, parcel = facts.tests, facts.parcel
    idle = params["idle_after_years"]
    if not tests["started"]:
        return facts.idle_from if tests["years_not_started"] >= idle else None
    if tests["halted"] and tests["years_halted"] >= params["stalled_halt_years"]:
        shares = (tests.get("developed_ratio"), tests.get("invested_ratio"))
        limits = (params["stalled_developed_under"], params["stalled_invested_under"])
        if any(s is not None and s < limit for s, limit in zip(shares, limits, strict=True)):
            assert parcel.halted_on is not None
            return full_from(parcel.halted_on, params["stalled_halt_years"])
    government = parcel.cause != "holder" and parcel.cause_verified
    if tests.get("years_unstarted_at_start", 0) >= idle and not government:
        return facts.idle_from  # started after becoming idle: the liability stands (L13)
    return None


def subjects(
    batches: Iterable[list[tuple[int, Parcel]]],
    as_of: date,
    params: Mapping[str, Any],
    problem: ProblemSink,
) -> Iterator[list[Subject]]:
    """Each parcel is one subject with one snapshot, taken on the evaluation date, its
    case's events (the events file's and the register's) folded in; a parcel whose facts
    contradict each other is reported, and not decided, and so is an event out of order."""
    store = params.get("events")
    for batch in batches:
        found = store.of(p.parcel_id for _, p in batch) if store is not None else {}
        refuse = store.problem if store is not None else problem
        made = []
        for row, parcel in batch:
            events = timeline(parcel, found.get(parcel.parcel_id, []), params, refuse)
            if events is None:
                continue
            case = case_on(events, as_of)
            facts = derive(as_parcel(parcel, case), as_of, params)
            refused = contradiction(facts, params)
            if refused is not None:
                problem(row, *refused)
                continue
            reclaim = facts.tests.get("years_not_started", 0) >= params["reclaim_after_years"]
            case_now = procedure(case, suspect_from(facts, params), params, reclaim)
            facts = ParcelFacts(
                facts.parcel,
                facts.as_of,
                facts.start_date,
                facts.idle_from,
                {**facts.tests, **case_now.tests},
                case_now,
            )
            values: dict[str, Any] = {"start_date": facts.start_date}
            started = parcel.started_on is not None and parcel.started_on <= as_of
            if not started or parcel.started_on >= facts.idle_from:  # type: ignore[operator]
                values["idle_from"] = facts.idle_from  # none for a parcel that started in time
            if case_now.stage is not None:
                values["stage"] = case_now.stage
            made.append(Subject(parcel.parcel_id, parcel, (facts,), values))
        yield made


def _columnar(prepared: Any, block: Any) -> Any:
    """The columnar path's facts (engine/columnar/parcels.py; numpy and Arrow are
    imported when a run takes it)."""
    from ..columnar.parcels import columnar

    return columnar(prepared, block)


def _staged(code: str) -> Callable[[Summary], dict[str, Any]]:
    """How many actions `code` the run counts in prospect, and how many due now (L10)."""

    def figures(s: Summary) -> dict[str, Any]:
        ahead = s.in_prospect[code]
        return {"prospect": ahead, "now": s.by_action[code] - ahead}

    return figures


@cells.markable
def _to_whom(texts: Any, decision: Decision, subject: Subject) -> str:
    """Whom the actions go to: the authorities named, and the mortgagee by its name where an
    action is addressed to it (Arts. 13, 14(2))."""
    named = cells.recipients(texts, decision, subject)
    mortgagee = getattr(subject.row, "mortgagee", None)
    if mortgagee and any(
        a.code in ("COPY_TO_MORTGAGEE", "NOTIFY_MORTGAGEE") for a in decision.actions
    ):
        return cells.joined(texts, [n for n in (named, mortgagee) if n])
    return named


BOOK = (
    BookColumn(_t("parcel", "地块编号"), cells.subject_id, lead=True),
    BookColumn(_t("holder", "土地使用权人"), cells.row_value("holder"), lead=True),
    BookColumn(_t("mortgagee", "抵押权人"), cells.row_value("mortgagee"), lead=True),
    BookColumn(_t("status", "状态"), cells.book_status),
    BookColumn(_t("idle from", "闲置起算日"), cells.book_value("idle_from"), "date"),
    BookColumn(
        _t("steps due now", "当前应办事项"),
        cells.actions_described(lambda t, a: not a.prospect),
        "long",
    ),
    BookColumn(_t("next due", "最近期限"), cells.earliest("due", lambda a: not a.prospect), "date"),
    BookColumn(
        _t("disposal in prospect", "预期处置"),
        cells.actions_described(lambda t, a: a.prospect, decided=True),
        "long",
    ),
    BookColumn(_t("amount (yuan)", "金额（元）"), cells.amount_of(), "money", total=True),
    BookColumn(_t("to whom", "报送及送达"), _to_whom, "long"),
)

VIEW = View(
    noun=_t("parcels", "地块"),
    sheet=_t("Disposal", "处置结果"),
    book=BOOK,
    columns=(
        (_t("parcel", "地块"), cells.subject_id),
        (_t("holder", "使用权人"), cells.row_field("holder")),
        (_t("status", "状态"), cells.status),
        (_t("idle from", "闲置起算日"), cells.value("idle_from")),
        (_t("next due", "下一期限"), cells.first("due")),
        (_t("amount (yuan)", "金额（元）"), cells.first("amount")),
        (_t("steps now", "当前步骤"), cells.codes(lambda t, code: not t.is_finding(code))),
        (_t("in prospect", "预期处置"), cells.codes(prospect=True)),
        (_t("findings", "发现问题"), cells.findings),
    ),
    totals=cells.staged_amounts("CHARGE_IDLE_FEE", "idle_fees_in_prospect", "idle_fees_decided"),
    lines=(
        (
            _t(
                "idle fees in prospect (procedure not yet at the decision): {count}, "
                "total {total} yuan",
                "预期征缴的土地闲置费（程序尚未进行到作出决定）：{count} 宗，合计 {total} 元",
            ),
            lambda s: {
                "count": s.in_prospect["CHARGE_IDLE_FEE"],
                "total": cells.money(s.totals.get("idle_fees_in_prospect", Decimal("0.00"))),
            },
        ),
        (
            _t(
                "idle fees decided (ready for approval and issue): {count}, total {total} yuan",
                "已可决定征缴的土地闲置费（待报批并下达决定书）：{count} 宗，合计 {total} 元",
            ),
            lambda s: {
                "count": s.by_action["CHARGE_IDLE_FEE"] - s.in_prospect["CHARGE_IDLE_FEE"],
                "total": cells.money(s.totals.get("idle_fees_decided", Decimal("0.00"))),
            },
        ),
        (
            _t(
                "reclaims without compensation: {prospect} in prospect, {now} ready for decision",
                "无偿收回：预期 {prospect} 宗，待作出决定 {now} 宗",
            ),
            _staged("RECLAIM_LAND"),
        ),
        (
            _t(
                "negotiated disposals: {prospect} in prospect, {now} ready to negotiate",
                "协商处置：预期 {prospect} 宗，可进行协商 {now} 宗",
            ),
            _staged("NEGOTIATE_DISPOSAL"),
        ),
    ),
)

KIND = Kind(
    name="parcel",
    command="parcels",
    help="""Decide what must happen now to each land-transfer parcel in FILE.

    Applies Order 53 of 2012 (闲置土地处置办法) as rules/idle_land.yaml encodes it: overdue,
    idle, stalled or started after becoming idle; the steps due now (investigate, determine,
    publish, file, give the hearing right, report); and apart from them the disposal in
    prospect — the 20% idle fee, reclaim at two years, negotiation for a verified government
    cause — with who approves it and who issues it. FILE is CSV (UTF-8 or GBK), JSON Lines
    or an Excel workbook, one parcel a row. Exit status 0 when the run succeeded, whatever
    it found; 2 for bad input, facts that contradict each other included (every problem is
    listed, nothing is written).
    """,
    examples=(
        "comply parcels examples/district-2012/parcels.csv --as-of 2012-08-31",
        "comply parcels parcels.csv --as-of 2012-08-31 --lang zh",
        "comply parcels parcels.csv --as-of 2012-08-31 --out decisions.jsonl",
    ),
    families=("idle_land",),
    options=(
        Option(
            "--events",
            "events",
            "file",
            "events",
            "The cases' dated events, one a row (parcel_id, date, event; doc_no, amount, "
            "note, new_start, cause, serves where they apply): CSV, JSON Lines or XLSX.",
        ),
    ),
    events=Events(model=ParcelEvent, key="parcel_id", day="date"),
    model=Parcel,
    id_field="parcel_id",
    unique_rows=True,
    facts=FACT_FIELDS,
    values=VALUE_FIELDS,
    required_params=REQUIRED_PARAMS,
    build=subjects,
    view=VIEW,
    columnar=_columnar,
)
