"""The year's list of major projects, tracked against its start/completion target (I6).

Each project of the list is one snapshot as of the evaluation date: started, completed,
and how many days a required start date has passed. Once all are decided, the rate of
projects started or completed is set against the target: how many are needed (the
smallest whole number that reaches it) and which projects are closest to starting.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field, field_validator, model_validator

from .. import cells, fields
from ..conditions import FactField
from ..messages import ColumnName as Col
from ..messages import Invalid
from ..rulebook import words as _t
from ..subjects import Facts, ProblemSink, Subject, Tests
from . import BookColumn, Kind, Option, View

if TYPE_CHECKING:
    from ..evaluate import Decision


class ListedProject(fields.Row):
    """One row of a year's project list, as the input contract defines it."""

    COLUMN_ALIASES: ClassVar[dict[str, str]] = {
        "项目编号": "project_id",
        "项目名称": "name",
        "投资": "investment",
        "总投资": "investment",
        "计划投资": "investment",
        "计划开工日期": "planned_start",
        "计划开工": "planned_start",
        "要求开工日期": "must_start_by",
        "集中开工日期": "must_start_by",
        "开工日期": "started_on",
        "实际开工日期": "started_on",
        "竣工日期": "completed_on",
        "实际竣工日期": "completed_on",
    }

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
            raise Invalid("on_or_after", column="completed_on", other=Col("started_on"))
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
    batches: Iterable[list[tuple[int, ListedProject]]],
    as_of: date,
    params: Mapping[str, Any],
    problem: ProblemSink,
) -> Iterator[list[Subject]]:
    for batch in batches:
        yield [_listed(p, as_of) for _, p in batch]


def _listed(p: ListedProject, as_of: date) -> Subject:
    completed = p.completed_on is not None and p.completed_on <= as_of
    started = completed or (p.started_on is not None and p.started_on <= as_of)
    tests: Tests = {"started": started, "completed": completed}
    values: dict[str, Any] = {"must_start_by": p.must_start_by, "as_of": as_of}
    if p.must_start_by is not None and not started:
        tests["days_past_must_start"] = (as_of - p.must_start_by).days
        values["days_past_must_start"] = (as_of - p.must_start_by).days
    shown = {"name": p.name, "investment": p.investment, "planned_start": p.planned_start}
    return Subject(p.project_id, p, (Facts(as_of, tests, values),), shown)


STARTED = ("started", "completed")


class RateSummary:
    """The start/completion rate of a year's list against its target (decisions.md I6)."""

    def __init__(self, params: Mapping[str, Any]) -> None:
        self.target: Fraction = Fraction(params["target_rate"])
        self.total, self.started = 0, 0
        self.waiting: list[tuple[str, str, Any]] = []

    def add(self, subject: Subject, decision: Decision) -> None:
        self.total += 1
        if decision.status in STARTED:
            self.started += 1
        else:
            planned = subject.values.get("planned_start")
            self.waiting.append((str(planned or "9999"), subject.key, subject.values))

    def as_dict(self) -> dict[str, Any]:
        needed = math.ceil(self.target * self.total)  # the smallest whole number that reaches it
        rate = Fraction(self.started, self.total) if self.total else Fraction(0)
        closest = sorted(self.waiting)[:10]
        return {
            "total": self.total,
            "started_or_completed": self.started,
            "rate": _decimal(rate),
            "target": _decimal(self.target),
            "needed_total": needed,
            "needed_more": max(0, needed - self.started),
            "target_exact": f"{_decimal(self.target * self.total, 1)} of {self.total}",
            "closest_to_starting": [
                {
                    "subject": key,
                    "name": values.get("name"),
                    "planned_start": str(values.get("planned_start") or ""),
                }
                for _, key, values in closest
            ],
        }


def _decimal(value: Fraction, places: int = 4) -> str:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def _overdue(texts: Any, decision: Decision, subject: Subject) -> str:
    return ", ".join(f"{a.code} ({a.days_overdue} d)" for a in decision.actions if a.days_overdue)


KIND = Kind(
    name="listed_project",
    command="portfolio",
    help="""Track a year's list of major projects in FILE against its start/completion target.

    Reports the rate of projects started or completed, how many must start to reach the
    target (the smallest whole number that reaches it, decisions.md I6), the projects
    closest to starting, and a supervision action for every project past a required
    start date (rules/portfolio.yaml).
    """,
    examples=(
        "comply portfolio examples/district-2012/projects-2012.csv --as-of 2012-08-31 "
        "--target 0.70",
    ),
    families=("portfolio",),
    options=(
        Option(
            "--target",
            "target",
            "share",
            "parameter",
            "Start/completion rate to reach [default: rules/portfolio.yaml, 0.70].",
            target="target_rate",
        ),
    ),
    model=ListedProject,
    id_field="project_id",
    unique_rows=True,
    facts=LISTED_FACTS,
    values=LISTED_VALUES,
    build=listed,
    view=View(
        noun=_t("projects", "项目"),
        sheet=_t("Year's list", "年度项目"),
        book=(
            BookColumn(_t("project", "项目编号"), cells.subject_id, lead=True),
            BookColumn(_t("name", "项目名称"), cells.row_value("name"), lead=True),
            BookColumn(
                _t("investment (yuan)", "投资（元）"),
                cells.row_value("investment"),
                "money",
                total=True,
            ),
            BookColumn(_t("planned start", "计划开工"), cells.row_value("planned_start"), "date"),
            BookColumn(_t("must start by", "要求开工"), cells.row_value("must_start_by"), "date"),
            BookColumn(_t("status", "状态"), cells.book_status),
            BookColumn(
                _t("days overdue", "逾期天数"),
                lambda t, d, s: next((a.days_overdue for a in d.actions if a.days_overdue), None),
                "int",
            ),
            BookColumn(_t("actions", "措施"), cells.actions_described(), "long"),
        ),
        columns=(
            (_t("project", "项目"), cells.subject_id),
            (_t("name", "名称"), cells.value("name")),
            (_t("investment", "投资"), cells.value("investment", cells.money)),
            (_t("planned start", "计划开工"), cells.value("planned_start")),
            (_t("status", "状态"), cells.status),
            (_t("actions", "措施"), _overdue),
        ),
        lines=(
            (
                _t(
                    "started or completed: {started_or_completed} of {total}, rate {rate}; "
                    "target {target} needs {needed_total} ({target_exact}, rounded up): "
                    "{needed_more} more",
                    "已开竣工：{started_or_completed}/{total}，开竣工率 {rate}；目标 {target} 需 "
                    "{needed_total} 个（{target_exact}，向上取整），还需 {needed_more} 个",
                ),
                lambda s: {},
            ),
        ),
    ),
    aggregate=RateSummary,
)
