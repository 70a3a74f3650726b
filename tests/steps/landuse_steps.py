"""Steps for the town's production land, through `comply landuse` and `comply explain landuse`.

Scenarios write plots exactly as a unit's register holds them (a CSV file, the contract's
columns) and run the real commands (click's runner, the real durable_rules engine),
reading back the JSON output, the report of bad input or the explanation's text. The
explanation's wording is checked by the shared steps of explain_steps.py, which read the
`explanation` this module's When step makes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from comply.cli import main
from comply.engine.kinds.landuse import UNIT_NAMES, Plot
from parse import with_pattern
from pytest_bdd import given, parsers, then, when

from steps.files import write_csv

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "district-2012" / "landuse.csv"
LANGUAGES = {"English": "en", "Chinese": "zh"}


@with_pattern(r'[^"]*')
def _cell(text: str) -> str:
    """A cell as written between quotes, empty or not."""
    return text


CELL = {"Cell": _cell}


@pytest.fixture
def register() -> dict[str, Any]:
    """The plots a scenario writes, or a register file it names instead."""
    return {"plots": [], "file": None}


def _plot(register: dict[str, Any]) -> dict[str, str]:
    assert register["plots"], "a step about the plot needs a plot first"
    plot: dict[str, str] = register["plots"][-1]
    return plot


@given(parsers.parse('a plot "{plot}" of {area} mu for which {unit} is responsible'))
def plot(register: dict[str, Any], plot: str, area: str, unit: str) -> None:
    row = {"plot_id": plot, "location": "示例地块", "area_mu": area, "unit": unit}
    register["plots"].append(row)


@given(parsers.parse("a project was placed on the plot on {day}"))
def placed(register: dict[str, Any], day: str) -> None:
    _plot(register).update(project="示例项目", project_placed_on=day)


@given(parsers.parse("{area} mu of the plot were brought into use on {day}"))
def brought_into_use(register: dict[str, Any], area: str, day: str) -> None:
    _plot(register).update(in_use_mu=area, in_use_on=day)


@given(parsers.parse('the plot\'s "{column}" is "{value:Cell}"', extra_types=CELL))
def plot_cell(register: dict[str, Any], column: str, value: str) -> None:
    _plot(register)[column] = value


@given("the district's production-land register of 2012")
def example_register(register: dict[str, Any]) -> None:
    register["file"] = EXAMPLE


def _source(register: dict[str, Any], tmp_path: Path) -> Path:
    if register["file"] is not None:
        source: Path = register["file"]
        return source
    return write_csv(tmp_path / "landuse.csv", list(Plot.model_fields), register["plots"])


def _evaluate(register: dict[str, Any], tmp_path: Path, *extra: str) -> dict[str, Any]:
    out = tmp_path / "decisions.json"
    args = ["landuse", str(_source(register, tmp_path)), *extra, "--out", str(out)]
    run = CliRunner().invoke(main, args)
    result: dict[str, Any] = {"exit_code": run.exit_code, "output": run.output}
    if run.exit_code == 0:
        document = json.loads(out.read_text(encoding="utf-8"))
        result["summary"] = document["summary"]
        result["by_subject"] = {d["subject"]: d for d in document["decisions"]}
    else:
        assert not out.exists(), "a refused run must not write its output"
    return result


@when(parsers.parse("the register is evaluated as of {day}"), target_fixture="landuse_result")
def evaluate(register: dict[str, Any], day: str, tmp_path: Path) -> dict[str, Any]:
    return _evaluate(register, tmp_path, "--as-of", day)


@when(
    parsers.parse("the register is evaluated against a target of {target} as of {day}"),
    target_fixture="landuse_result",
)
def evaluate_target(
    register: dict[str, Any], target: str, day: str, tmp_path: Path
) -> dict[str, Any]:
    return _evaluate(register, tmp_path, "--as-of", day, "--target", target)


@when(
    parsers.parse("the register is evaluated in {lang} as of {day}"),
    target_fixture="landuse_result",
)
def evaluate_in(register: dict[str, Any], lang: str, day: str, tmp_path: Path) -> dict[str, Any]:
    assert lang in LANGUAGES, f"a language is one of {sorted(LANGUAGES)}"
    return _evaluate(register, tmp_path, "--as-of", day, "--lang", LANGUAGES[lang])


@when(
    parsers.parse('comply explains plot "{plot}" of the register in {lang} as of {day}'),
    target_fixture="explanation",
)
def explain(
    register: dict[str, Any], plot: str, lang: str, day: str, tmp_path: Path
) -> dict[str, Any]:
    assert lang in LANGUAGES, f"a language is one of {sorted(LANGUAGES)}"
    source = str(_source(register, tmp_path))
    args = ["explain", "landuse", source, plot, "--as-of", day, "--lang", LANGUAGES[lang]]
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 0, run.output
    return {"text": run.output, "lines": run.output.splitlines()}


def _decision(result: dict[str, Any], plot: str) -> dict[str, Any]:
    assert result["exit_code"] == 0, result["output"]
    decision: dict[str, Any] = result["by_subject"][plot]
    return decision


def _summary(result: dict[str, Any]) -> dict[str, Any]:
    assert result["exit_code"] == 0, result["output"]
    summary: dict[str, Any] = result["summary"]
    return summary


@then(parsers.parse('plot "{plot}" is "{status}", {area} mu in use'))
def standing(landuse_result: dict[str, Any], plot: str, status: str, area: str) -> None:
    decision = _decision(landuse_result, plot)
    assert (decision["status"], decision["in_use_mu"]) == (status, area), decision


@then(parsers.parse('plot "{plot}" must {code} by {due}, {days:d} days left'))
def must(landuse_result: dict[str, Any], plot: str, code: str, due: str, days: int) -> None:
    actions = _decision(landuse_result, plot)["actions"]
    assert [(a["code"], a["due"], a["days_left"]) for a in actions] == [(code, due, days)]


@then(parsers.parse('plot "{plot}" asks nothing of its unit'))
def nothing(landuse_result: dict[str, Any], plot: str) -> None:
    assert _decision(landuse_result, plot)["actions"] == []


@then(parsers.parse("{in_use} of {total} mu are in use, a land-utilisation rate of {rate}"))
def rate(landuse_result: dict[str, Any], in_use: str, total: str, rate: str) -> None:
    summary = _summary(landuse_result)
    assert (summary["in_use_mu"], summary["area_mu"], summary["rate"]) == (in_use, total, rate)


@then(
    parsers.parse("the target of {target} needs {target_mu} mu in use: {needed} mu more, {reached}")
)
def target(
    landuse_result: dict[str, Any], target: str, target_mu: str, needed: str, reached: str
) -> None:
    assert reached in ("reached", "not reached")
    summary = _summary(landuse_result)
    got = (summary["target"], summary["target_mu"], summary["needed_mu"], summary["target_reached"])
    assert got == (target, target_mu, needed, reached == "reached"), summary


def _unit(landuse_result: dict[str, Any], unit: str) -> dict[str, Any]:
    assert unit in UNIT_NAMES, f"a unit is one of {sorted(UNIT_NAMES)}"
    found: dict[str, Any] = _summary(landuse_result)["by_unit"][UNIT_NAMES[unit]]
    return found


@then(
    parsers.parse(
        "for {unit}, {outstanding:d} of {plots:d} plots are not wholly in use, "
        "{not_in_use} of {area} mu not in use"
    )
)
def outstanding(
    landuse_result: dict[str, Any],
    unit: str,
    outstanding: int,
    plots: int,
    not_in_use: str,
    area: str,
) -> None:
    found = _unit(landuse_result, unit)
    got = (found["outstanding_plots"], found["plots"], found["not_in_use_mu"], found["area_mu"])
    assert got == (outstanding, plots, not_in_use, area), found


@then(parsers.parse("for {unit} the actions are {actions}"))
def unit_actions(landuse_result: dict[str, Any], unit: str, actions: str) -> None:
    """Action codes with how many of each, "CODE n, CODE n", or "none"."""
    wanted = {}
    if actions != "none":
        for item in actions.split(","):
            code, count = item.split()
            wanted[code] = int(count)
    assert _unit(landuse_result, unit)["actions"] == wanted


@then(
    parsers.parse(
        'the register is refused at row {row:d}, column "{column}", value "{value:Cell}"',
        extra_types=CELL,
    )
)
def refused(landuse_result: dict[str, Any], row: int, column: str, value: str) -> None:
    assert landuse_result["exit_code"] == 2, landuse_result["output"]
    assert f"row {row}, column {column!r}: got {value!r}" in landuse_result["output"]


@then(parsers.parse('the register\'s refusal reads "{words}"'))
def refusal_reads(landuse_result: dict[str, Any], words: str) -> None:
    assert landuse_result["exit_code"] == 2, landuse_result["output"]
    assert words in landuse_result["output"], landuse_result["output"]


@then(parsers.parse("the evaluation of the register is refused: no rule is in force on {day}"))
def not_in_force(landuse_result: dict[str, Any], day: str) -> None:
    assert landuse_result["exit_code"] == 2, landuse_result["output"]
    assert f"No rule of the landuse rulebook is in force on {day}" in landuse_result["output"]
