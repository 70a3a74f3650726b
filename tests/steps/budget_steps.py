"""Steps for the budget rules: a project's change log, evaluated by the real `comply budget`.

A scenario writes the log exactly as a finance bureau's CSV holds it, one event a row, and
runs the command (click's runner, the real durable_rules engine), reading its JSON output.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from comply.cli import main
from comply.engine import families
from comply.engine.kinds.budget import BudgetEvent
from pytest_bdd import given, parsers, then, when

from steps.files import write_csv

COLUMNS = list(BudgetEvent.model_fields)


@pytest.fixture
def log() -> list[dict[str, str]]:
    return []


@pytest.fixture
def district_rules() -> dict[str, Path]:
    """The rules directory a scenario's district uses, if not the bundled one."""
    return {}


@given(parsers.parse("the district applies the principles from {day}"))
def principles_from(district_rules: dict[str, Path], day: str, tmp_path: Path) -> None:
    # A copy of rules/ with one parameter changed, until the CLI takes a rule pack.
    directory = tmp_path / "rules"
    shutil.copytree(families.RULES_DIR, directory, ignore=shutil.ignore_patterns("notes"))
    path = directory / "budget.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["parameters"]["principles_from"]["value"] = day
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    district_rules["dir"] = directory


def _project(log: list[dict[str, str]]) -> str:
    assert log, "a step about 'the project' needs a budget first"
    return log[-1]["project_id"]


@given(
    parsers.parse('project "{project}" has a budget of {amount} yuan on {day}, funded by {funding}')
)
def budget_funded(
    log: list[dict[str, str]], project: str, amount: str, day: str, funding: str
) -> None:
    log.append(
        {
            "project_id": project,
            "date": day,
            "event": "budget",
            "amount": amount.replace(",", ""),
            "name": "示例工程",
            "funding": funding,
        }
    )


@given(
    parsers.re(
        r'project "(?P<project>[^"]+)" has a budget of (?P<amount>[0-9,.]+) yuan '
        r"on (?P<day>\d{4}-\d{2}-\d{2})$"
    )
)
def budget(log: list[dict[str, str]], project: str, amount: str, day: str) -> None:
    budget_funded(log, project, amount, day, "district_fiscal")


@given(parsers.parse("on {day} the estimate is revised to {amount} yuan"))
def estimate(log: list[dict[str, str]], day: str, amount: str) -> None:
    log.append(
        {
            "project_id": _project(log),
            "date": day,
            "event": "estimate",
            "amount": amount.replace(",", ""),
        }
    )


@given(parsers.parse("on {day} the district government approves an increase of {amount} yuan"))
def approve(log: list[dict[str, str]], day: str, amount: str) -> None:
    log.append(
        {
            "project_id": _project(log),
            "date": day,
            "event": "approve",
            "amount": amount.replace(",", ""),
        }
    )


@given(parsers.parse("on {day} the overrun is reported to the district government"))
def report(log: list[dict[str, str]], day: str) -> None:
    log.append({"project_id": _project(log), "date": day, "event": "report"})


@given(parsers.parse("on {day} the district government rejects the increase"))
def reject(log: list[dict[str, str]], day: str) -> None:
    log.append({"project_id": _project(log), "date": day, "event": "reject"})


@given(parsers.parse("on {day} construction is {what}"))
def construction(log: list[dict[str, str]], day: str, what: str) -> None:
    event = {"suspended": "suspend", "resumed": "resume", "completed": "complete"}[what]
    log.append({"project_id": _project(log), "date": day, "event": event})


@given(parsers.parse('a row "{project}" "{day}" "{event}" "{amount}"'))
def raw_row(log: list[dict[str, str]], project: str, day: str, event: str, amount: str) -> None:
    log.append({"project_id": project, "date": day, "event": event, "amount": amount})


@when(parsers.parse("the log is evaluated as of {day}"), target_fixture="budget_result")
@when(parsers.parse("the log is evaluated as of {day} {flag}"), target_fixture="budget_result")
def evaluate(
    log: list[dict[str, str]],
    day: str,
    tmp_path: Path,
    district_rules: dict[str, Path],
    flag: str = "",
) -> dict[str, Any]:
    source = write_csv(tmp_path / "budget.csv", COLUMNS, log)
    out = tmp_path / "decisions.json"
    args = ["budget", str(source), "--as-of", day, "--out", str(out)]
    if flag == "without the national rules":
        args.append("--no-national")
    if "dir" in district_rules:
        args += ["--rules", str(district_rules["dir"])]
    run = CliRunner().invoke(main, args)
    result: dict[str, Any] = {"exit_code": run.exit_code, "output": run.output, "by_subject": {}}
    if run.exit_code == 0:
        document = json.loads(out.read_text(encoding="utf-8"))
        result["by_subject"] = {d["subject"]: d for d in document["decisions"]}
    else:
        assert not out.exists(), "a refused run must not write its output"
    return result


def _decision(result: dict[str, Any], project: str | None) -> dict[str, Any]:
    assert result["exit_code"] == 0, result["output"]
    if project is None:
        assert len(result["by_subject"]) == 1, "say which project"
        return next(iter(result["by_subject"].values()))
    return result["by_subject"][project]


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


@then(parsers.parse('the project is "{status}"'))
def project_status(budget_result: dict[str, Any], status: str) -> None:
    assert _decision(budget_result, None)["status"] == status


@then(parsers.parse('project "{project}" is "{status}"'))
def named_status(budget_result: dict[str, Any], project: str, status: str) -> None:
    assert _decision(budget_result, project)["status"] == status


@then(parsers.parse("the overrun is {amount} yuan, {ratio} of the budget"))
def overrun(budget_result: dict[str, Any], amount: str, ratio: str) -> None:
    decision = _decision(budget_result, None)
    assert decision["overrun"] == amount.replace(",", "")
    assert decision["overrun_ratio"] == ratio


@then(parsers.parse("the project's actions are {codes}"))
def actions_are(budget_result: dict[str, Any], codes: str) -> None:
    actual = [a["code"] for a in _decision(budget_result, None)["actions"]]
    assert actual == ([] if codes == "none" else _codes(codes)), actual


@then(parsers.parse("the project's actions include {code} dated {day}"))
def action_dated(budget_result: dict[str, Any], code: str, day: str) -> None:
    actions = _decision(budget_result, None)["actions"]
    assert any(a["code"] == code and a.get("date") == day for a in actions), actions


@then(parsers.parse("the project's actions include {code} due on {day}"))
def action_due(budget_result: dict[str, Any], code: str, day: str) -> None:
    actions = _decision(budget_result, None)["actions"]
    assert any(a["code"] == code and a.get("due") == day for a in actions), actions


@then(parsers.parse("the project's actions do not include {codes}"))
def actions_exclude(budget_result: dict[str, Any], codes: str) -> None:
    present = {a["code"] for a in _decision(budget_result, None)["actions"]}
    assert not set(_codes(codes)) & present, present


@then(parsers.parse("the basis of {code} is {basis}"))
def budget_basis(budget_result: dict[str, Any], code: str, basis: str) -> None:
    actions = [a for a in _decision(budget_result, None)["actions"] if a["code"] == code]
    assert actions, f"no {code}"
    assert basis in actions[0]["basis"]


@then(parsers.parse('the log is refused at row {row:d}, column "{column}"'))
def refused(budget_result: dict[str, Any], row: int, column: str) -> None:
    assert budget_result["exit_code"] == 2
    assert f"row {row}, column {column!r}" in budget_result["output"]


@then(parsers.parse("the evaluation is refused: no budget rule is in force on {day}"))
def not_covered(budget_result: dict[str, Any], day: str) -> None:
    assert budget_result["exit_code"] == 2
    assert f"No rule of the budget rulebook is in force on {day}" in budget_result["output"]
