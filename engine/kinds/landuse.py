"""The town's production land: each plot's use, and the land-utilisation rate (seed §2.6).

Each plot of the register is one snapshot as of the evaluation date: whether a project is
placed on it, and whether its area is in use, wholly or in part; the rules give its
standing and what its responsible unit must do by the year's end (rules/landuse.yaml).
Once all are decided, the area in use is set against the whole area, exactly: the rate,
the area the target needs and how much more must be brought into use, and what is
outstanding for each responsible unit.

Land is in use when, on the date the register gives, construction of the project placed
on it started or the land was handed over to it for production (rules/landuse.yaml, U3):
the register gives that date and the area so used; the engine does not judge works.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from .. import cells, fields, messages
from ..conditions import FactField
from ..messages import ColumnName as Col
from ..messages import Invalid, msg
from ..rulebook import Text
from ..rulebook import words as _t
from ..subjects import Facts, ProblemSink, Subject, Tests
from . import BookColumn, Kind, Option, View

if TYPE_CHECKING:
    from ..evaluate import Decision
    from ..summary import Summary

messages.register(
    {
        "landuse_area": {
            "en": "a positive area in mu, at most 4 decimals, such as 120 or 35.5",
            "zh": "以亩计的正数面积，最多四位小数，如 120 或 35.5",
        },
        "landuse_area_in_use": {
            "en": "an area in mu from 0, at most 4 decimals, such as 0 or 35.5",
            "zh": "以亩计、不小于 0 的面积，最多四位小数，如 0 或 35.5",
        },
        "landuse_not_over_area": {
            "en": "an area in use no larger than the plot's area_mu ({area} mu)",
            "zh": "不大于地块面积 area_mu（{area} 亩）的已利用面积",
        },
        "landuse_use_date": {
            "en": "the date in_use_mu was brought into use: an area in use needs its date",
            "zh": "已利用面积 in_use_mu 投入利用的日期（有已利用面积即须填写）",
        },
        "landuse_use_area": {
            "en": "the area brought into use on in_use_on, more than 0 mu",
            "zh": "投入利用日期 in_use_on 所对应的已利用面积（大于 0 亩）",
        },
        "landuse_use_needs_project": {
            "en": "the project placed on the plot: land is in use only through a project "
            "(its construction started, or the land handed over to it for production)",
            "zh": "落地项目名称：地块只有通过落地项目（项目开工建设或交付生产使用）才算已利用",
        },
        "landuse_placed_date": {
            "en": "the date the project was placed on the plot (investment agreement signed "
            "or land supplied to it)",
            "zh": "项目落地日期（签订投资协议或向项目供地之日）",
        },
        "landuse_project_name": {
            "en": "the name of the project placed on project_placed_on",
            "zh": "项目落地日期 project_placed_on 所对应的项目名称",
        },
    }
)

# The units the speech makes responsible (§2.6: 区财政局、规划分局与镇), and how registers
# name them.
UNITS: dict[str, Text] = {
    "finance_bureau": _t("finance bureau (区财政局)", "区财政局"),
    "planning_branch": _t("planning sub-bureau (规划分局)", "规划分局"),
    "town": _t("town (镇)", "镇"),
}
UNIT_NAMES = {
    **{code: code for code in UNITS},
    "区财政局": "finance_bureau",
    "财政局": "finance_bureau",
    "规划分局": "planning_branch",
    "区规划分局": "planning_branch",
    "镇": "town",
    "镇政府": "town",
    "镇人民政府": "town",
}
UNIT_EXPECTED = msg(
    "one_of", codes="finance_bureau (区财政局), planning_branch (规划分局), town (镇)"
)

MAX_MU = Decimal(10_000_000)  # beyond any district's plot: a typing slip
_MU = re.compile(r"^\d{1,8}(\.\d{1,4})?$")
HUNDREDTH = Decimal("0.01")


def _mu(value: Any) -> Decimal | None:
    """An area of mu as a register writes it (1,234.5 or 35.5亩), or None if it is not one."""
    text = str(value).strip().replace(",", "").replace("，", "").removesuffix("亩").strip()
    if not _MU.match(text) or Decimal(text) > MAX_MU:
        return None
    return Decimal(text)


class Plot(fields.Row):
    """One row of the town's production-land register, as the input contract defines it."""

    # Chinese column headers a register may use for the contract's columns.
    COLUMN_ALIASES: ClassVar[dict[str, str]] = {
        "地块编号": "plot_id",
        "宗地编号": "plot_id",
        "地块名称": "location",
        "地块位置": "location",
        "坐落": "location",
        "面积": "area_mu",
        "面积（亩）": "area_mu",
        "面积(亩)": "area_mu",
        "地块面积（亩）": "area_mu",
        "地块面积(亩)": "area_mu",
        "责任单位": "unit",
        "落地项目": "project",
        "项目名称": "project",
        "项目落地日期": "project_placed_on",
        "落地日期": "project_placed_on",
        "已利用面积": "in_use_mu",
        "已利用面积（亩）": "in_use_mu",
        "已利用面积(亩)": "in_use_mu",
        "投入利用日期": "in_use_on",
        "利用日期": "in_use_on",
    }

    MEASURES: ClassVar[dict[str, Text]] = {
        "area_mu": _t("mu (亩)", "亩"),
        "in_use_mu": _t("mu (亩)", "亩"),
    }
    AREA_UNITS: ClassVar[dict[str, str]] = {"area_mu": "亩", "in_use_mu": "亩"}  # not a title's

    plot_id: str = Field(min_length=1)
    location: str | None = None
    area_mu: Decimal
    unit: Literal["finance_bureau", "planning_branch", "town"]
    project: str | None = None
    project_placed_on: date | None = None
    in_use_mu: Decimal | None = None
    in_use_on: date | None = None

    @field_validator("area_mu", mode="before")
    @classmethod
    def _area(cls, value: Any) -> Decimal:
        area = _mu(value)
        if area is None or area <= 0:
            raise Invalid("landuse_area")
        return area

    @field_validator("in_use_mu", mode="before")
    @classmethod
    def _in_use(cls, value: Any) -> Decimal:
        area = _mu(value)
        if area is None:
            raise Invalid("landuse_area_in_use")
        return area

    @field_validator("unit", mode="before")
    @classmethod
    def _unit(cls, value: Any) -> Any:
        return fields.code(value, UNIT_NAMES, UNIT_EXPECTED)

    @field_validator("project_placed_on", "in_use_on", mode="before")
    @classmethod
    def _dates(cls, value: Any) -> date:
        return fields.day(value)

    @model_validator(mode="after")
    def _consistent(self) -> Plot:
        """Facts that contradict each other are refused, not judged (decisions.md L15)."""
        used = self.in_use_mu or Decimal(0)
        if used > self.area_mu:
            raise Invalid("landuse_not_over_area", column="in_use_mu", area=self.area_mu)
        if used and self.in_use_on is None:
            raise Invalid("landuse_use_date", column="in_use_on")
        if self.in_use_on is not None and not used:
            raise Invalid("landuse_use_area", column="in_use_mu")
        if self.project is not None and self.project_placed_on is None:
            raise Invalid("landuse_placed_date", column="project_placed_on")
        if self.project_placed_on is not None and self.project is None:
            raise Invalid("landuse_project_name", column="project")
        if used and self.project is None:
            raise Invalid("landuse_use_needs_project", column="project")
        placed = self.project_placed_on
        if self.in_use_on is not None and placed is not None and self.in_use_on < placed:
            raise Invalid("on_or_after", column="in_use_on", other=Col("project_placed_on"))
        return self


PLOT_FACTS: dict[str, FactField] = {
    f.name: f
    for f in (
        FactField(
            "project_placed",
            "bool",
            "a project placed on the plot by the evaluation date",
            "截至评估日期已有项目落地",
        ),
        FactField(
            "in_use",
            "bool",
            "some of the plot's area in use by the evaluation date",
            "截至评估日期地块已部分或全部利用",
        ),
        FactField(
            "wholly_in_use",
            "bool",
            "the plot's whole area in use by the evaluation date",
            "截至评估日期地块已全部利用",
        ),
    )
}
PLOT_VALUES = {
    "year_end": "date",
    "days_to_year_end": "int",
    "as_of": "date",
    "project_placed_on": "date",
    "in_use_on": "date",
}


def plots(
    batches: Iterable[list[tuple[int, Plot]]],
    as_of: date,
    params: Mapping[str, Any],
    problem: ProblemSink,
) -> Iterator[list[Subject]]:
    year_end = date(as_of.year, 12, 31)  # 年内: the evaluation date's year (U2)
    for batch in batches:
        yield [_plot(p, as_of, year_end) for _, p in batch]


def _plot(p: Plot, as_of: date, year_end: date) -> Subject:
    placed = p.project_placed_on is not None and p.project_placed_on <= as_of
    in_use = p.in_use_on is not None and p.in_use_on <= as_of  # later use has not happened yet
    used = p.in_use_mu if in_use and p.in_use_mu is not None else Decimal(0)
    tests: Tests = {
        "project_placed": placed,
        "in_use": used > 0,
        "wholly_in_use": used == p.area_mu,
    }
    values: dict[str, Any] = {
        "year_end": year_end,
        "days_to_year_end": (year_end - as_of).days,
        "as_of": as_of,
        "project_placed_on": p.project_placed_on if placed else None,
        "in_use_on": p.in_use_on if in_use else None,
    }
    shown = {
        "location": p.location,
        "unit": p.unit,
        "project": p.project if placed else None,
        "area_mu": _shown_mu(p.area_mu),
        "in_use_mu": _shown_mu(used),
        "not_in_use_mu": _shown_mu(p.area_mu - used),
        "share_in_use": _share(Fraction(used) / Fraction(p.area_mu)),
        "year_end": year_end,
    }
    return Subject(p.plot_id, p, (Facts(as_of, tests, values),), shown)


def _shown_mu(value: Decimal) -> Decimal:
    """An area as written, to the hundredth of a mu at least (120 -> 120.00)."""
    exponent = value.as_tuple().exponent
    return value.quantize(HUNDREDTH) if isinstance(exponent, int) and exponent > -2 else value


def _share(value: Fraction) -> str:
    """A share to four places, rounded down: never shown reaching a target it misses."""
    return str(Decimal(math.floor(value * 10_000)).scaleb(-4))


def _area(value: Fraction) -> str:
    """An area of mu, exact where it has a finite decimal form (0.5 x 925.35 = 462.675),
    else rounded up at 0.0001 mu (the least such area that reaches it)."""
    for places in range(2, 12):
        scaled = value * 10**places
        if scaled.denominator == 1:
            return str(Decimal(scaled.numerator).scaleb(-places))
    return str(Decimal(math.ceil(value * 10_000)).scaleb(-4))


class ActionCounts(dict[str, int]):
    """Actions by code: a mapping in JSON, "CODE n, CODE n" (or "—") in a summary line."""

    def __format__(self, spec: str) -> str:
        return ", ".join(f"{code} {n}" for code, n in self.items()) or "—"


class _UnitTally:
    def __init__(self) -> None:
        self.plots, self.outstanding = 0, 0
        self.area, self.used = Fraction(0), Fraction(0)
        self.actions: Counter[str] = Counter()

    def as_dict(self) -> dict[str, Any]:
        return {
            "plots": self.plots,
            "area_mu": _area(self.area),
            "in_use_mu": _area(self.used),
            "not_in_use_mu": _area(self.area - self.used),
            "rate": _share(self.used / self.area if self.area else Fraction(0)),
            "outstanding_plots": self.outstanding,
            "actions": ActionCounts(sorted(self.actions.items())),
        }


class UtilisationSummary:
    """The land-utilisation rate of all the plots against the target (U1-U2), per unit too.

    Read from the decisions' values alone (area, area in use, unit, year end), so that the
    same figures can be made again from a recorded run's decisions.
    """

    def __init__(self, params: Mapping[str, Any]) -> None:
        self.target = Fraction(params["target_rate"])
        self.total = _UnitTally()
        self.units = {code: _UnitTally() for code in UNITS}
        self.year_end: date | None = None

    def add(self, subject: Subject, decision: Decision) -> None:
        values = dict(decision.values)
        area, used = Fraction(values["area_mu"]), Fraction(values["in_use_mu"])
        self.year_end = self.year_end or values["year_end"]
        for tally in (self.total, self.units[values["unit"]]):
            tally.plots += 1
            tally.area += area
            tally.used += used
            tally.outstanding += used < area
            tally.actions.update(a.code for a in decision.actions)

    def as_dict(self) -> dict[str, Any]:
        total, used = self.total.area, self.total.used
        target_mu = self.target * total
        return {
            "area_mu": _area(total),
            "in_use_mu": _area(used),
            "rate": _share(used / total if total else Fraction(0)),
            "target": _share(self.target),
            "year_end": self.year_end.isoformat() if self.year_end else "",
            "target_mu": _area(target_mu),
            # 以上 includes the number itself (Civil Code Art. 1259): exactly 50% reaches it.
            "target_reached": bool(total) and used >= target_mu,
            "needed_mu": _area(max(Fraction(0), target_mu - used)),
            "by_unit": {code: tally.as_dict() for code, tally in self.units.items()},
        }


class _Unknown(str):
    """A figure about the whole run that a recorded run read back lacks (comply ledger
    show makes no aggregate): shown as —, at any depth, rather than failing."""

    def __getitem__(self, key: Any) -> _Unknown:
        return self


UNKNOWN = _Unknown("—")
FIGURES = ("area_mu", "in_use_mu", "rate", "target", "year_end", "target_mu", "needed_mu")


def _unknown(summary: Summary) -> dict[str, Any]:
    return {**dict.fromkeys(FIGURES, UNKNOWN), "by_unit": UNKNOWN}


def _unit(texts: Any, decision: Decision, subject: Subject) -> str:
    code = dict(decision.values).get("unit")
    return UNITS[code].in_(texts.lang) if code in UNITS else ""


def _unit_line(code: str) -> tuple[Text, Callable[[Summary], dict[str, Any]]]:
    """The summary line of one responsible unit: its plots and area not in use, its actions."""
    f = {
        name: f"{{by_unit[{code}][{name}]}}"
        for name in ("plots", "outstanding_plots", "area_mu", "not_in_use_mu", "actions")
    }
    en = (
        f"{UNITS[code].en}: {f['outstanding_plots']} of {f['plots']} plots not wholly in use, "
        f"{f['not_in_use_mu']} of {f['area_mu']} mu not in use; actions: {f['actions']}"
    )
    zh = (
        f"{UNITS[code].zh}：{f['plots']} 块地块中 {f['outstanding_plots']} 块未全部利用，"
        f"{f['area_mu']} 亩中 {f['not_in_use_mu']} 亩未利用；措施：{f['actions']}"
    )
    return _t(en, zh), _unknown


KIND = Kind(
    name="production_plot",
    command="landuse",
    help="""Track the town's production land in FILE against its land-utilisation target.

    For each plot, as of the evaluation date: in use, partly in use or not in use, and what
    its responsible unit (区财政局, 规划分局 or 镇) must do by 31 December: place a project
    on it, or bring it into use (rules/landuse.yaml). The summary gives the utilisation
    rate (area in use / total area, exact), the target (50% or more within the year,
    inclusive), the area it needs and how much more, and what is outstanding per unit.
    """,
    examples=("comply landuse examples/district-2012/landuse.csv --as-of 2012-08-31",),
    families=("landuse",),
    options=(
        Option(
            "--target",
            "target",
            "share",
            "parameter",
            "Land-utilisation rate to reach by the year's end [default: rules/landuse.yaml, 0.50].",
            target="target_rate",
        ),
    ),
    model=Plot,
    id_field="plot_id",
    unique_rows=True,
    facts=PLOT_FACTS,
    values=PLOT_VALUES,
    build=plots,
    required_params=("target_rate",),
    view=View(
        noun=_t("plots", "地块"),
        sheet=_t("Land use", "土地利用"),
        book=(
            BookColumn(_t("plot", "地块编号"), cells.subject_id, lead=True),
            BookColumn(_t("location", "位置"), cells.book_value("location"), lead=True),
            BookColumn(_t("unit", "责任单位"), _unit),
            BookColumn(
                _t("area (mu)", "面积（亩）"), cells.book_value("area_mu"), "number", total=True
            ),
            BookColumn(
                _t("in use (mu)", "已利用（亩）"),
                cells.book_value("in_use_mu"),
                "number",
                total=True,
            ),
            BookColumn(_t("project", "落地项目"), cells.book_value("project")),
            BookColumn(_t("status", "状态"), cells.book_status),
            BookColumn(_t("due", "期限"), cells.earliest("due"), "date"),
            BookColumn(
                _t("days left", "剩余天数"),
                lambda t, d, s: next(
                    (a.days_left for a in d.actions if a.days_left is not None), None
                ),
                "int",
            ),
            BookColumn(_t("actions", "措施"), cells.actions_described(), "long"),
        ),
        columns=(
            (_t("plot", "地块"), cells.subject_id),
            (_t("location", "位置"), cells.value("location", lambda v: v or "")),
            (_t("unit", "责任单位"), _unit),
            (_t("area (mu)", "面积（亩）"), cells.value("area_mu")),
            (_t("in use (mu)", "已利用（亩）"), cells.value("in_use_mu")),
            (_t("project", "落地项目"), cells.value("project", lambda v: v or "")),
            (_t("status", "状态"), cells.status),
            (_t("due", "期限"), cells.first("due")),
            (_t("days left", "剩余天数"), cells.first("days_left")),
            (_t("actions", "措施"), cells.codes()),
        ),
        lines=(
            (
                _t(
                    "land in use: {in_use_mu} of {area_mu} mu, utilisation rate {rate} "
                    "(rounded down)",
                    "已利用土地：{area_mu} 亩中 {in_use_mu} 亩，土地利用率 {rate}（向下取整）",
                ),
                _unknown,
            ),
            (
                _t(
                    "target {target} or more by {year_end} (inclusive): {target_mu} mu in use; "
                    "{needed_mu} mu more needed",
                    "目标：{year_end} 前土地利用率达到 {target} 以上（含本数），"
                    "即利用 {target_mu} 亩；还需利用 {needed_mu} 亩",
                ),
                _unknown,
            ),
            *(_unit_line(code) for code in UNITS),
        ),
    ),
    aggregate=UtilisationSummary,
)
