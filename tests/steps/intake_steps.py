"""Steps for project intake and the year's list, through `comply intake` and `comply portfolio`.

Scenarios write rows exactly as a planning office's CSV holds them and run the real
commands (click's runner, the real durable_rules engine), reading back their JSON output.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from comply.cli import main
from comply.engine.kinds.intake import Candidate
from comply.engine.kinds.parcels import Parcel
from comply.engine.kinds.portfolio import ListedProject
from pytest_bdd import given, parsers, then, when

from steps.files import READY, write_csv


@pytest.fixture
def candidates() -> list[dict[str, str]]:
    return []


@pytest.fixture
def idle_parcels() -> list[dict[str, str]]:
    return []


@pytest.fixture
def listed() -> list[dict[str, str]]:
    return []


@given(
    parsers.parse(
        'a candidate "{project}" in {category} investing {amount} yuan, ready to start on {day}'
    )
)
def candidate(
    candidates: list[dict[str, str]], project: str, category: str, amount: str, day: str
) -> None:
    candidates.append(
        {
            "project_id": project,
            "name": "示例项目",
            "category": category,
            "holder": "示例投资有限公司",
            "total_investment": amount.replace(",", ""),
            "land_mu": "100",
            "expected_annual_tax": "",
            "planned_start": day,
            **READY,
        }
    )


@given(parsers.parse("the candidate expects {tax} yuan of tax a year on {mu} mu"))
def tax(candidates: list[dict[str, str]], tax: str, mu: str) -> None:
    candidates[-1].update(expected_annual_tax=tax.replace(",", ""), land_mu=mu)


@given(parsers.parse('the candidate\'s "{column}" is {value}'))
def candidate_cell(candidates: list[dict[str, str]], column: str, value: str) -> None:
    candidates[-1][column] = value


@given(parsers.parse('the candidate\'s holder is "{holder}"'))
def candidate_holder(candidates: list[dict[str, str]], holder: str) -> None:
    candidates[-1]["holder"] = holder


@given(parsers.parse('"{holder}" holds a parcel agreed to start on {day}, not started'))
def holder_parcel(idle_parcels: list[dict[str, str]], holder: str, day: str) -> None:
    idle_parcels.append(
        {
            "parcel_id": f"IP{len(idle_parcels) + 1}",
            "holder": holder,
            "supply": "transfer",
            "price": "10000000",
            "agreed_start": day,
        }
    )


@given(parsers.parse("in the register the holder's parcel has {cells}"))
def holder_parcel_cells(idle_parcels: list[dict[str, str]], cells: str) -> None:
    """Cells of the last parcel, written "column value, column value" ("nothing more")."""
    assert idle_parcels, "a step about the holder's parcel needs a parcel first"
    if cells == "nothing more":
        return
    for cell in cells.split(", "):
        column, value = cell.split(" ", 1)
        idle_parcels[-1][column] = value


@when(
    parsers.parse("the candidates are screened for {year:d} as of {day}"),
    target_fixture="intake_result",
)
def screen(
    candidates: list[dict[str, str]],
    idle_parcels: list[dict[str, str]],
    year: int,
    day: str,
    tmp_path: Path,
) -> dict[str, Any]:
    source = write_csv(tmp_path / "intake.csv", list(Candidate.model_fields), candidates)
    args = ["intake", str(source), "--plan-year", str(year), "--as-of", day]
    if idle_parcels:
        parcels = write_csv(tmp_path / "parcels.csv", list(Parcel.model_fields), idle_parcels)
        args += ["--parcels", str(parcels)]
    return _run(args, tmp_path)


@given(parsers.parse('a listed project "{project}" planned to start on {day}'))
def listed_project(listed: list[dict[str, str]], project: str, day: str) -> None:
    listed.append(
        {"project_id": project, "name": "示例项目", "investment": "100000000", "planned_start": day}
    )


@given(parsers.parse("{count:d} listed projects, {started:d} of them started on {day}"))
def many_listed(listed: list[dict[str, str]], count: int, started: int, day: str) -> None:
    for n in range(count):
        listed.append(
            {
                "project_id": f"L{n + 1:03d}",
                "name": "示例项目",
                "investment": "100000000",
                "planned_start": day,
                "started_on": day if n < started else "",
            }
        )


@given(parsers.parse("the listed project started on {day}"))
def listed_started(listed: list[dict[str, str]], day: str) -> None:
    listed[-1]["started_on"] = day


@given(parsers.parse("the listed project was completed on {day}"))
def listed_completed(listed: list[dict[str, str]], day: str) -> None:
    listed[-1]["completed_on"] = day


@given(parsers.parse("the listed project must start by {day}"))
def must_start(listed: list[dict[str, str]], day: str) -> None:
    listed[-1]["must_start_by"] = day


@when(
    parsers.parse("the list is tracked as of {day} against a target of {target}"),
    target_fixture="portfolio_result",
)
def track(listed: list[dict[str, str]], day: str, target: str, tmp_path: Path) -> dict[str, Any]:
    source = write_csv(tmp_path / "projects.csv", list(ListedProject.model_fields), listed)
    return _run(["portfolio", str(source), "--as-of", day, "--target", target], tmp_path)


def _run(args: list[str], tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "out.json"
    run = CliRunner().invoke(main, [*args, "--out", str(out)])
    result: dict[str, Any] = {"exit_code": run.exit_code, "output": run.output}
    if run.exit_code == 0:
        document = json.loads(out.read_text(encoding="utf-8"))
        result["summary"] = document["summary"]
        result["by_subject"] = {d["subject"]: d for d in document["decisions"]}
    return result


def _one(result: dict[str, Any], project: str) -> dict[str, Any]:
    assert result["exit_code"] == 0, result["output"]
    decision: dict[str, Any] = result["by_subject"][project]
    return decision


@then(parsers.parse('candidate "{project}" is admitted as a new start'))
def new_start(intake_result: dict[str, Any], project: str) -> None:
    assert _one(intake_result, project)["status"] == "ADMIT_NEW_START"


@then(parsers.parse('candidate "{project}" is admitted to the reserve list'))
def reserve(intake_result: dict[str, Any], project: str) -> None:
    assert _one(intake_result, project)["status"] == "ADMIT_RESERVE"


@then(parsers.parse('candidate "{project}" is rejected'))
def rejected(intake_result: dict[str, Any], project: str) -> None:
    assert _one(intake_result, project)["status"] == "REJECT"


@then(parsers.parse('candidate "{project}" has outcome {outcome}'))
def outcome(intake_result: dict[str, Any], project: str, outcome: str) -> None:
    assert _one(intake_result, project)["status"] == outcome


@then(parsers.parse('for candidate "{project}" the criterion {criterion} is {verdict}'))
def criterion(intake_result: dict[str, Any], project: str, criterion: str, verdict: str) -> None:
    found = [c for c in _one(intake_result, project)["criteria"] if c["criterion"] == criterion]
    assert found, f"no {criterion} criterion"
    assert found[0]["met"] is (verdict == "met"), found[0]


@then(parsers.parse('candidate "{project}" is ranked {rank:d}'))
def ranked(intake_result: dict[str, Any], project: str, rank: int) -> None:
    assert _one(intake_result, project).get("rank") == rank


@then(parsers.parse("the rate is {rate}, {started:d} of {total:d} started or completed"))
def rate(portfolio_result: dict[str, Any], rate: str, started: int, total: int) -> None:
    summary = portfolio_result["summary"]
    assert (summary["rate"], summary["started_or_completed"], summary["total"]) == (
        rate,
        started,
        total,
    )


@then(parsers.parse("{needed:d} are needed to reach the target, {more:d} more"))
def needed(portfolio_result: dict[str, Any], needed: int, more: int) -> None:
    summary = portfolio_result["summary"]
    assert (summary["needed_total"], summary["needed_more"]) == (needed, more)


@then(parsers.parse('listed project "{project}" is "{status}"'))
def listed_status(portfolio_result: dict[str, Any], project: str, status: str) -> None:
    assert _one(portfolio_result, project)["status"] == status


@then(parsers.parse('listed project "{project}" is supervised, {days:d} days overdue'))
def supervised(portfolio_result: dict[str, Any], project: str, days: int) -> None:
    actions = _one(portfolio_result, project)["actions"]
    assert [(a["code"], a["days_overdue"]) for a in actions] == [("SUPERVISE_START", days)]


@then(parsers.parse('listed project "{project}" is not supervised'))
def not_supervised(portfolio_result: dict[str, Any], project: str) -> None:
    assert _one(portfolio_result, project)["actions"] == []


def _criteria(result: dict[str, Any], project: str) -> dict[str, dict[str, Any]]:
    return {c["criterion"]: c for c in _one(result, project)["criteria"]}


def _shown(value: Any) -> str:
    """A criterion's value or threshold as a scenario writes it: none, true, false or text."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@then(parsers.parse('for candidate "{project}" the criteria read:'))
def criteria_read(intake_result: dict[str, Any], project: str, datatable: list[list[str]]) -> None:
    """Rows of criterion, value, threshold and verdict ("met" or "not met"); amounts may
    be written with thousands separators, a missing threshold as "none"."""
    found = _criteria(intake_result, project)
    head, *rows = datatable
    for row in rows:
        want = dict(zip(head, row, strict=True))
        name = want["criterion"]
        assert name in found, f"no {name} criterion: {sorted(found)}"
        got = found[name]
        shown = {
            "criterion": name,
            "value": _shown(got["value"]),
            "threshold": _shown(got["threshold"]),
            "verdict": "met" if got["met"] else "not met",
        }
        expected = {
            k: v.replace(",", "") if k in ("value", "threshold") else v for k, v in want.items()
        }
        assert {k: shown[k] for k in expected} == expected, got


@then(parsers.parse('the criteria of candidate "{project}" are {names}'))
def criteria_listed(intake_result: dict[str, Any], project: str, names: str) -> None:
    listed_names = [c["criterion"] for c in _one(intake_result, project)["criteria"]]
    assert listed_names == [n.strip() for n in names.split(",")], listed_names


@then(parsers.parse('candidate "{project}" has no {criterion} criterion'))
def criterion_absent(intake_result: dict[str, Any], project: str, criterion: str) -> None:
    assert criterion not in _criteria(intake_result, project)


@then(parsers.parse('for candidate "{project}" the criterion {criterion} rests on {basis}'))
def criterion_basis(
    intake_result: dict[str, Any], project: str, criterion: str, basis: str
) -> None:
    found = _criteria(intake_result, project)
    assert criterion in found, f"no {criterion} criterion: {sorted(found)}"
    assert basis in found[criterion]["basis"], found[criterion]


@then(parsers.parse('the outcome of candidate "{project}" comes from {rule}'))
def outcome_rule(intake_result: dict[str, Any], project: str, rule: str) -> None:
    fired = _one(intake_result, project)["rules_fired"]
    assert fired == [rule], fired


@then(parsers.parse('candidate "{project}" has no rank'))
def no_rank(intake_result: dict[str, Any], project: str) -> None:
    assert "rank" not in _one(intake_result, project)
