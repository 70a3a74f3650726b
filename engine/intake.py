"""Intake candidates for next year's major-project plan, and the year's list of projects.

Intake (decisions.md I1-I5): each candidate is one snapshot with its scale, returns and
readiness facts; whether its holder has idle land is not a fact of the candidate but a
join, made by the engine, with idle-holder facts found by evaluating a parcels file.

Portfolio (I6): each project of the year's list is one snapshot as of the evaluation date:
started, completed, and how many days a required start date has passed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from . import fields
from .conditions import FactField
from .messages import Invalid, msg
from .subjects import Kind, ProblemSink, Subject, Tests

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


CATEGORY_EXPECTED = msg(
    "one_of", codes=", ".join(CATEGORIES)
)  # what a code cell must hold, built once


class Candidate(fields.Row):
    """One row of an intake file, as the input contract defines it."""

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
        return fields.code(value, CATEGORIES, CATEGORY_EXPECTED)

    @field_validator("total_investment", "expected_annual_tax", mode="before")
    @classmethod
    def _amount(cls, value: Any) -> Decimal:
        return fields.amount(value)

    @field_validator("land_mu", mode="before")
    @classmethod
    def _area(cls, value: Any) -> Decimal:
        try:
            return fields.amount(value)
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


@dataclass(frozen=True)
class Snapshot:
    day: date
    tests: Tests
    values: Mapping[str, Any]

    def value(self, name: str) -> Any:
        return self.values.get(name)


def candidates(
    rows: Iterable[tuple[int, Candidate]],
    as_of: date,
    params: Mapping[str, Any],
    problem: ProblemSink,
) -> Iterator[Subject]:
    """Each candidate is one snapshot; `params["plan_year"]` is the year being planned."""
    plan_year: int = params["plan_year"]
    for _, c in rows:
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
        snapshot = Snapshot(as_of, tests, values)
        shown = {
            "name": c.name,
            "category": c.category,
            "holder": c.holder,
            "total_investment": c.total_investment,
        }
        yield Subject(c.project_id, c, (snapshot,), shown)


CANDIDATE_KIND = Kind(
    name="intake_candidate",
    model=Candidate,
    id_field="project_id",
    unique_rows=True,
    facts=CANDIDATE_FACTS,
    values=CANDIDATE_VALUES,
    required_params=(),
    build=candidates,
    context={"idle_holder": ("holder", "parcel")},
    ranked=True,
)


class ListedProject(fields.Row):
    """One row of a year's project list, as the input contract defines it."""

    project_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    investment: Decimal
    planned_start: date | None = None
    must_start_by: date | None = None
    started_on: date | None = None
    completed_on: date | None = None

    @field_validator("investment", mode="before")
    @classmethod
    def _amount(cls, value: Any) -> Decimal:
        return fields.amount(value)

    @field_validator("planned_start", "must_start_by", "started_on", "completed_on", mode="before")
    @classmethod
    def _dates(cls, value: Any) -> date:
        return fields.day(value)

    @model_validator(mode="after")
    def _order(self) -> ListedProject:
        if self.completed_on and self.started_on and self.completed_on < self.started_on:
            raise Invalid("on_or_after", column="completed_on", other="started_on")
        return self


LISTED_FACTS: dict[str, FactField] = {
    f.name: f
    for f in (
        FactField("started", "bool", "started or completed by the evaluation date", "已开工或竣工"),
        FactField("completed", "bool", "completed by the evaluation date", "已竣工"),
        FactField(
            "days_past_must_start",
            "int",
            "days since the required start date passed",
            "超过要求开工日期的天数",
        ),
    )
}
LISTED_VALUES = {"must_start_by": "date", "days_past_must_start": "int", "as_of": "date"}


def listed(
    rows: Iterable[tuple[int, ListedProject]],
    as_of: date,
    params: Mapping[str, Any],
    problem: ProblemSink,
) -> Iterator[Subject]:
    for _, p in rows:
        completed = p.completed_on is not None and p.completed_on <= as_of
        started = completed or (p.started_on is not None and p.started_on <= as_of)
        tests: Tests = {"started": started, "completed": completed}
        values: dict[str, Any] = {"must_start_by": p.must_start_by, "as_of": as_of}
        if p.must_start_by is not None and not started:
            tests["days_past_must_start"] = (as_of - p.must_start_by).days
            values["days_past_must_start"] = (as_of - p.must_start_by).days
        shown = {"name": p.name, "investment": p.investment, "planned_start": p.planned_start}
        yield Subject(p.project_id, p, (Snapshot(as_of, tests, values),), shown)


LISTED_KIND = Kind(
    name="listed_project",
    model=ListedProject,
    id_field="project_id",
    unique_rows=True,
    facts=LISTED_FACTS,
    values=LISTED_VALUES,
    required_params=(),
    build=listed,
)
