"""Intake candidates for next year's major-project plan (decisions.md I1-I5).

Each candidate is one snapshot with its scale, returns and readiness facts; whether its
holder is barred for its land is not a fact of the candidate but a join, made by the
engine, with the holders that the idle-land decisions on a parcels file bar (`--parcels`,
I4). Admitted candidates are ranked once all are decided.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field, field_validator

from .. import cells, fields, messages
from ..conditions import FactField
from ..messages import Invalid, msg
from ..rulebook import Text
from ..rulebook import words as _t
from ..subjects import Facts, ProblemSink, Subject, Tests
from . import BookColumn, Join, Kind, Option, View

if TYPE_CHECKING:
    from ..evaluate import Decision

messages.register(
    {
        "area_mu": {
            "en": "a positive area in mu, such as 80 or 12.5",
            "zh": "以亩计的正数面积，如 80 或 12.5",
        },
    }
)

CATEGORIES = ("infrastructure", "industry", "hightech", "social", "service")
BOOLEANS = (
    "land_secured",
    "planning_approved",
    "eia_approved",
    "feasibility_approved",
    "filing_done",
    "funds_secured",
    "expropriation_pending",
    "government_funded",
)


# Categories as a plan's tables name them.
CATEGORY_ALIASES = {
    **{c: c for c in CATEGORIES},
    "基础设施": "infrastructure",
    "基础设施项目": "infrastructure",
    "工业": "industry",
    "工业项目": "industry",
    "产业": "industry",
    "高新技术": "hightech",
    "高新技术项目": "hightech",
    "社会事业": "social",
    "社会事业项目": "social",
    "服务业": "service",
    "现代服务业": "service",
}


# What a category cell must hold, every name listed (built once).
CATEGORY_EXPECTED = msg(
    "one_of",
    codes="; ".join(
        f"{c} ({'/'.join(a for a, code in CATEGORY_ALIASES.items() if code == c and a != c)})"
        for c in CATEGORIES
    ),
)


class Candidate(fields.Row):
    """One row of an intake file, as the input contract defines it."""

    COLUMN_ALIASES: ClassVar[dict[str, str]] = {
        "项目编号": "project_id",
        "项目名称": "name",
        "项目类别": "category",
        "类别": "category",
        "项目单位": "holder",
        "建设单位": "holder",
        "总投资": "total_investment",
        "总投资额": "total_investment",
        "计划总投资": "total_investment",
        "用地面积（亩）": "land_mu",
        "用地面积": "land_mu",
        "用地（亩）": "land_mu",
        "预计年税收": "expected_annual_tax",
        "年税收": "expected_annual_tax",
        "用地已落实": "land_secured",
        "规划已批准": "planning_approved",
        "环评已批准": "eia_approved",
        "可研已批复": "feasibility_approved",
        "已备案": "filing_done",
        "资金已落实": "funds_secured",
        "房屋征收未完成": "expropriation_pending",
        "计划开工日期": "planned_start",
        "计划开工": "planned_start",
        "政府投资项目": "government_funded",
        "政府投资": "government_funded",
    }

    MEASURES: ClassVar[dict[str, Text]] = {"land_mu": _t("mu (亩)", "亩")}
    AREA_UNITS: ClassVar[dict[str, str]] = {"land_mu": "亩"}  # a title may not say otherwise

    project_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    category: Literal["infrastructure", "industry", "hightech", "social", "service"]
    holder: str = Field(min_length=1)
    total_investment: Decimal
    land_mu: Decimal
    expected_annual_tax: Decimal | None = None
    land_secured: bool
    planning_approved: bool
    eia_approved: bool
    feasibility_approved: bool = False
    filing_done: bool = False
    funds_secured: bool
    expropriation_pending: bool
    planned_start: date
    government_funded: bool

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, value: Any) -> Any:
        return fields.code(value, CATEGORY_ALIASES, CATEGORY_EXPECTED)

    @field_validator("total_investment", "expected_annual_tax", mode="before")
    @classmethod
    def _amount(cls, value: Any) -> Decimal:
        return fields.amount(value)

    @field_validator("land_mu", mode="before")
    @classmethod
    def _area(cls, value: Any) -> Decimal:
        try:
            return fields.area(value, "亩")
        except ValueError:
            raise Invalid("area_mu") from None

    @field_validator("planned_start", mode="before")
    @classmethod
    def _planned(cls, value: Any) -> date:
        return fields.day(value)

    @field_validator(*BOOLEANS, mode="before")
    @classmethod
    def _flag(cls, value: Any) -> bool:
        return fields.flag(value)


CANDIDATE_FACTS: dict[str, FactField] = {
    f.name: f
    for f in (
        FactField("category", "enum", "category of project", "项目类别", CATEGORIES),
        FactField("total_investment", "amount", "total investment, yuan", "总投资（元）"),
        FactField("pays_tax", "bool", "the project pays tax", "项目纳税"),
        FactField(
            "tax_per_mu", "amount", "expected annual tax per mu of land, yuan", "亩均年税收（元）"
        ),
        FactField("land_secured", "bool", "land secured", "用地已落实"),
        FactField("planning_approved", "bool", "planning approved", "规划已批准"),
        FactField("eia_approved", "bool", "environmental assessment approved", "环评已批准"),
        FactField("feasibility_approved", "bool", "feasibility study approved", "可研已批复"),
        FactField("filing_done", "bool", "filing done", "已备案"),
        FactField("funds_secured", "bool", "funds and their sources in place", "资金已落实"),
        FactField(
            "expropriation_pending", "bool", "house expropriation outstanding", "房屋征收未完成"
        ),
        FactField("government_funded", "bool", "a government project", "政府投资项目"),
        FactField(
            "years_from_plan_year",
            "int",
            "years between the planned start and the plan year",
            "计划开工年份与计划年度之差",
        ),
        FactField("holder", "text", "the project's holder", "项目单位"),
    )
}
CANDIDATE_VALUES = {
    "total_investment": "money",
    "tax_per_mu": "money",
    "planned_start": "date",
    "holder": "text",
    "land_secured": "bool",
    "planning_approved": "bool",
    "eia_approved": "bool",
    "feasibility_approved": "bool",
    "filing_done": "bool",
    "funds_secured": "bool",
    "expropriation_pending": "bool",
    "plan_year": "int",
}


def candidates(
    batches: Iterable[list[tuple[int, Candidate]]],
    as_of: date,
    params: Mapping[str, Any],
    problem: ProblemSink,
) -> Iterator[list[Subject]]:
    """Each candidate is one snapshot; `params["plan_year"]` is the year being planned."""
    for batch in batches:
        yield [_candidate(c, as_of, params["plan_year"]) for _, c in batch]


def _candidate(c: Candidate, as_of: date, plan_year: int) -> Subject:
    tests: Tests = {
        "category": c.category,
        "total_investment": Fraction(c.total_investment),
        "pays_tax": c.expected_annual_tax is not None,
        "years_from_plan_year": c.planned_start.year - plan_year,
        "holder": c.holder,
        **{name: getattr(c, name) for name in BOOLEANS},
    }
    values: dict[str, Any] = {
        "total_investment": c.total_investment,
        "planned_start": c.planned_start,
        "holder": c.holder,
        "plan_year": plan_year,
        **{name: getattr(c, name) for name in BOOLEANS},
    }
    if c.expected_annual_tax is not None:
        tests["tax_per_mu"] = Fraction(c.expected_annual_tax) / Fraction(c.land_mu)
        values["tax_per_mu"] = (c.expected_annual_tax / c.land_mu).quantize(
            Decimal("0.01"),
            rounding=ROUND_DOWN,  # never shown reaching a threshold it misses
        )
    snapshot = Facts(as_of, tests, values)
    shown = {
        "name": c.name,
        "category": c.category,
        "holder": c.holder,
        "total_investment": c.total_investment,
    }
    return Subject(c.project_id, c, (snapshot,), shown)


OUTCOMES = ("ADMIT_NEW_START", "ADMIT_RESERVE", "REJECT")
# Parcel statuses of land that lies, or lay, idle: whether they bar the holder is idle_holder's.
IDLE_STATUSES = ("idle", "stalled", "started_after_idle")


def ranked(decided: list[tuple[Subject, Decision]]) -> list[tuple[Subject, Decision]]:
    """Admitted projects first (new starts, then reserve), larger investment first; ranked."""

    def key(item: tuple[Subject, Decision]) -> tuple[int, Decimal, str]:
        subject, decision = item
        order = OUTCOMES.index(decision.status) if decision.status in OUTCOMES else 9
        return order, -Decimal(subject.values.get("total_investment", 0)), subject.key

    done = []
    rank = 0
    for subject, decision in sorted(decided, key=key):
        if decision.status in OUTCOMES[:2]:
            rank += 1
            decision = replace(decision, values=(*decision.values, ("rank", rank)))
        done.append((subject, decision))
    return done


def idle_holder(subject: Subject, decision: Decision) -> dict[str, Any] | None:
    """A parcel's holder, as a fact the intake rules join on, if the parcel bars it (I4).

    Barred: a holder whose own land is idle or stalled as of the evaluation date for its
    own cause — not a verified government or force-majeure one — and not yet rectified
    (2010 notice: no new land bidding until the idle land is rectified); or a holder found
    to hoard land maliciously, until its case is closed (Order 53 Art. 24). Land that
    started after becoming idle is rectified once the fee was paid: a fee_paid event of its
    case, which a register's 征缴 date (fee_levied_on: decided and collected) gives. Land
    merely overdue bars nobody."""
    if decision.status not in IDLE_STATUSES:
        return None
    snapshot = subject.snapshots[-1]
    facts = snapshot.tests
    case = getattr(snapshot, "case", None)
    paid = case is not None and any(event.kind == "fee_paid" for event in case.events)
    rectified = decision.status == "started_after_idle" and paid
    not_own = facts.get("cause") != "holder" and facts.get("cause_verified") is True
    hoarding = facts.get("hoarding") is True
    if rectified or (not_own and not hoarding):
        return None
    return {"holder": getattr(subject.row, "holder", ""), "parcel": subject.key}


def _unmet(texts: Any, decision: Decision, subject: Subject) -> str:
    return ", ".join(v.criterion for v in decision.criteria if not v.met)


def _unmet_words(texts: Any, decision: Decision, subject: Subject) -> str:
    """Each criterion not met, in words, with its value and threshold, one a line."""
    lines = []
    for v in decision.criteria:
        if v.met:
            continue
        shown = v.value if not isinstance(v.value, bool) else ("是" if v.value else "否")
        against = f" / {v.threshold}" if v.threshold is not None else ""
        lines.append(f"{texts.criterion_title(v.rule)}: {shown}{against}")
    return "\n".join(lines)


KIND = Kind(
    name="intake_candidate",
    command="intake",
    help="""Screen candidate projects in FILE for next year's major-project plan.

    Applies "quantity, but quality even more" as rules/intake.yaml encodes it (decisions.md
    I1-I5): large scale by category, tax per mu, and readiness to start in the plan year.
    Admits new starts and reserve projects, ranked, and rejects the rest; shows every
    criterion with its value, threshold and verdict. With --parcels, a holder whose own
    land lies idle, unrectified (MLR 2010 notice), or who was found hoarding (Order 53
    Art. 24), cannot get a new start.
    """,
    examples=(
        "comply intake examples/district-2012/intake-2013.csv --plan-year 2013 \\\n"
        "    --parcels examples/district-2012/parcels.csv --as-of 2012-08-31",
    ),
    families=("intake",),
    options=(
        Option(
            "--plan-year",
            "plan_year",
            "year",
            "build",
            "The year whose major-project plan is being prepared.",
            required=True,
        ),
        Option(
            "--parcels",
            "parcels",
            "file",
            "join",
            "Parcels file: holders whose own land lies idle, unrectified, or who were found "
            "hoarding (as of --as-of) fail feasibility.",
            target="idle_holder",
        ),
    ),
    joins=(Join("idle_holder", ("holder", "parcel"), "parcel", idle_holder),),
    model=Candidate,
    id_field="project_id",
    unique_rows=True,
    facts=CANDIDATE_FACTS,
    values=CANDIDATE_VALUES,
    build=candidates,
    view=View(
        noun=_t("projects", "项目"),
        sheet=_t("Intake", "项目入库"),
        book=(
            BookColumn(_t("rank", "排序"), cells.book_value("rank"), "int"),
            BookColumn(_t("project", "项目编号"), cells.subject_id, lead=True),
            BookColumn(_t("name", "项目名称"), cells.row_value("name"), lead=True),
            BookColumn(_t("holder", "项目单位"), cells.row_value("holder"), lead=True),
            BookColumn(_t("category", "类别"), cells.row_value("category")),
            BookColumn(
                _t("investment (yuan)", "总投资（元）"),
                cells.row_value("total_investment"),
                "money",
                total=True,
            ),
            BookColumn(_t("outcome", "结论"), cells.book_status),
            BookColumn(_t("criteria not met", "未达标条件"), _unmet_words, "long"),
        ),
        columns=(
            (_t("rank", "排序"), cells.value("rank")),
            (_t("project", "项目"), cells.subject_id),
            (_t("name", "名称"), cells.value("name")),
            (_t("category", "类别"), cells.value("category")),
            (_t("investment", "总投资"), cells.value("total_investment", cells.money)),
            (_t("outcome", "结论"), cells.status),
            (_t("criteria not met", "未达标条件"), _unmet),
        ),
        details=True,
    ),
    rank=ranked,
)
