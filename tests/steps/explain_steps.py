"""Steps for `comply explain`: why a rule applied to one subject, and why not.

A scenario builds one subject exactly as a bureau's CSV file holds it (a parcel, a
project's budget log, an intake candidate, a listed project), runs the real
`comply explain` command (click's runner, the real durable_rules engine) in English or
Chinese, and reads back the text an official would read: the heading with the status,
each rule's verdict line, and its condition lines marked ✓, ✗ or ?.

The expected words are written out in the feature file, in both languages, rather than
taken from engine/explain.py, so that a change of wording shows as a failing scenario.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from comply.cli import main
from comply.engine.kinds.budget import BudgetEvent
from comply.engine.kinds.intake import Candidate
from comply.engine.kinds.parcels import Parcel
from comply.engine.kinds.portfolio import ListedProject
from pytest_bdd import given, parsers, then, when

from steps.files import READY, write_csv

LANGUAGES = {"English": "en", "Chinese": "zh"}
MARKS = ("✓", "✗", "?")
FINDINGS = ("Findings about past events:", "过往事件的认定：")
FINDING = re.compile(r"^  [A-Z_]+ \d{4}-\d{2}-\d{2} \([A-Z0-9-]+\)$")
# A finding as a Chinese explanation names it: the action's name, its code beside it.
FINDING_ZH = re.compile(r"^  \S+（([A-Z_]+)） (\d{4}-\d{2}-\d{2})（([A-Z0-9-]+)）$")


def _as_coded(line: str) -> str:
    """A finding line as its codes say it ("  CODE DATE (RULE)"), in either language."""
    match = FINDING_ZH.match(line)
    return f"  {match.group(1)} {match.group(2)} ({match.group(3)})" if match else line


PARCEL_ID = "P-EX-1"
PROJECT_ID = "PJ-EX-1"
CANDIDATE_ID = "SB-EX-1"
LISTED_ID = "ZD-EX-1"


@pytest.fixture
def explained() -> dict[str, Any]:
    """The subject being built: its kind, its rows, and any parcels its holder holds."""
    return {"kind": None, "rows": [], "parcels": []}


def _start(explained: dict[str, Any], kind: str, row: dict[str, str]) -> None:
    assert explained["kind"] is None, "one explained subject a scenario"
    explained["kind"] = kind
    explained["rows"].append(row)


def _row(explained: dict[str, Any], kind: str) -> dict[str, str]:
    assert explained["kind"] == kind, f"a step about the explained {kind} needs one first"
    row: dict[str, str] = explained["rows"][-1]
    return row


def _money(amount: str) -> str:
    return amount.replace(",", "")


def _code(words: str) -> str:
    return words.strip().replace(" ", "_").replace("-", "_")


# ---- Given: a parcel --------------------------------------------------------------------


@given(parsers.parse("an explained parcel agreed to start on {day}"))
def parcel(explained: dict[str, Any], day: str) -> None:
    _start(
        explained,
        "parcels",
        {
            "parcel_id": PARCEL_ID,
            "holder": "示例置业有限公司",
            "supply": "transfer",
            "price": "10000000",
            "agreed_start": day,
        },
    )


@given(parsers.parse("the explained parcel started on {day}"))
def parcel_started(explained: dict[str, Any], day: str) -> None:
    _row(explained, "parcels")["started_on"] = day


@given(
    parsers.parse(
        "the explained parcel halted on {day}, {developed} of its area developed "
        "and {invested} of its investment made"
    )
)
def parcel_halted(explained: dict[str, Any], day: str, developed: str, invested: str) -> None:
    _row(explained, "parcels").update(
        halted_on=day, developed_ratio=developed, invested_ratio=invested
    )


@given(parsers.parse("the explained parcel's holder claims a {cause} cause, not yet verified"))
def parcel_cause_claimed(explained: dict[str, Any], cause: str) -> None:
    _row(explained, "parcels").update(cause=_code(cause), cause_verified="false")


@given(parsers.parse("the explained parcel's {cause} cause is verified"))
def parcel_cause_verified(explained: dict[str, Any], cause: str) -> None:
    _row(explained, "parcels").update(cause=_code(cause), cause_verified="true")


@given("the explained parcel is mortgaged")
def parcel_mortgaged(explained: dict[str, Any]) -> None:
    _row(explained, "parcels").update(mortgaged="true", mortgagee="示例银行城东支行")


@given(
    parsers.parse(
        "the explained parcel's start date was moved to {day} by a supplementary agreement "
        "signed on {signed}"
    )
)
def parcel_extended(explained: dict[str, Any], day: str, signed: str) -> None:
    _row(explained, "parcels").update(extended_start=day, agreement_signed_on=signed)


@given(parsers.parse("the explained parcel's fee was levied on {day}"))
def parcel_fee_levied(explained: dict[str, Any], day: str) -> None:
    _row(explained, "parcels")["fee_levied_on"] = day


@given(parsers.parse("the explained parcel's investigation notice was issued on {day}"))
def parcel_noticed(explained: dict[str, Any], day: str) -> None:
    _row(explained, "parcels")["investigation_notice_on"] = day


@given(parsers.parse("the explained parcel's idle-land determination was issued on {day}"))
def parcel_determined(explained: dict[str, Any], day: str) -> None:
    _row(explained, "parcels")["determination_on"] = day


@given("the explained parcel is filed in the land-market monitoring system")
def parcel_filed(explained: dict[str, Any]) -> None:
    _row(explained, "parcels")["filed_in_monitoring"] = "true"


@given("the explained parcel's holder was found to hoard land maliciously")
def parcel_hoarding(explained: dict[str, Any]) -> None:
    _row(explained, "parcels")["hoarding"] = "true"


# ---- Given: a project's budget log ------------------------------------------------------


@given(
    parsers.parse("an explained project funded by {funding}, budgeted at {amount} yuan on {day}")
)
def project(explained: dict[str, Any], funding: str, amount: str, day: str) -> None:
    _start(
        explained,
        "budget",
        {
            "project_id": PROJECT_ID,
            "date": day,
            "event": "budget",
            "amount": _money(amount),
            "name": "示例工程",
            "funding": funding,
        },
    )


def _event(explained: dict[str, Any], day: str, event: str, amount: str = "") -> None:
    _row(explained, "budget")  # the budget comes first
    explained["rows"].append(
        {"project_id": PROJECT_ID, "date": day, "event": event, "amount": _money(amount)}
    )


@given(parsers.parse("the explained project's estimate was revised to {amount} yuan on {day}"))
def project_estimate(explained: dict[str, Any], amount: str, day: str) -> None:
    _event(explained, day, "estimate", amount)


@given(
    parsers.parse(
        "the explained project's overrun was reported to the district government on {day}"
    )
)
def project_report(explained: dict[str, Any], day: str) -> None:
    _event(explained, day, "report")


@given(
    parsers.parse(
        "the district government approved an increase of {amount} yuan "
        "for the explained project on {day}"
    )
)
def project_approve(explained: dict[str, Any], amount: str, day: str) -> None:
    _event(explained, day, "approve", amount)


@given(parsers.parse("the district government rejected the explained project's increase on {day}"))
def project_reject(explained: dict[str, Any], day: str) -> None:
    _event(explained, day, "reject")


@given(parsers.parse("the explained project's construction was {what} on {day}"))
def project_construction(explained: dict[str, Any], what: str, day: str) -> None:
    event = {"suspended": "suspend", "resumed": "resume", "completed": "complete"}[what]
    _event(explained, day, event)


# ---- Given: an intake candidate ----------------------------------------------------------


@given(
    parsers.parse(
        "an explained candidate in {category} investing {amount} yuan, ready to start on {day}"
    )
)
def candidate(explained: dict[str, Any], category: str, amount: str, day: str) -> None:
    _start(
        explained,
        "intake",
        {
            "project_id": CANDIDATE_ID,
            "name": "示例项目",
            "category": category,
            "holder": "示例投资有限公司",
            "total_investment": _money(amount),
            "land_mu": "100",
            "expected_annual_tax": "",
            "planned_start": day,
            **READY,
        },
    )


@given(parsers.parse("the explained candidate expects {tax} yuan of tax a year on {mu} mu"))
def candidate_tax(explained: dict[str, Any], tax: str, mu: str) -> None:
    _row(explained, "intake").update(expected_annual_tax=_money(tax), land_mu=mu)


@given(parsers.parse('the explained candidate\'s "{column}" is "{value}"'))
def candidate_cell(explained: dict[str, Any], column: str, value: str) -> None:
    _row(explained, "intake")[column] = value


@given(
    parsers.parse(
        "the explained candidate's holder also holds a parcel agreed to start on {day}, "
        "never started"
    )
)
def candidate_holder_parcel(explained: dict[str, Any], day: str) -> None:
    holder = _row(explained, "intake")["holder"]
    explained["parcels"].append(
        {
            "parcel_id": f"IP-{len(explained['parcels']) + 1}",
            "holder": holder,
            "supply": "transfer",
            "price": "10000000",
            "agreed_start": day,
        }
    )


# ---- Given: a project on the year's list -------------------------------------------------


@given(parsers.parse("an explained listed project planned to start on {day}"))
def listed(explained: dict[str, Any], day: str) -> None:
    _start(
        explained,
        "portfolio",
        {
            "project_id": LISTED_ID,
            "name": "示例项目",
            "investment": "100000000",
            "planned_start": day,
        },
    )


@given(parsers.parse("the explained listed project started on {day}"))
def listed_started(explained: dict[str, Any], day: str) -> None:
    _row(explained, "portfolio")["started_on"] = day


@given(parsers.parse("the explained listed project was completed on {day}"))
def listed_completed(explained: dict[str, Any], day: str) -> None:
    _row(explained, "portfolio")["completed_on"] = day


@given(parsers.parse("the explained listed project must start by {day}"))
def listed_must_start(explained: dict[str, Any], day: str) -> None:
    _row(explained, "portfolio")["must_start_by"] = day


# ---- When: the real command ---------------------------------------------------------------

COLUMNS = {
    "parcels": list(Parcel.model_fields),
    "budget": list(BudgetEvent.model_fields),
    "intake": list(Candidate.model_fields),
    "portfolio": list(ListedProject.model_fields),
}
SUBJECT = {
    "parcels": PARCEL_ID,
    "budget": PROJECT_ID,
    "intake": CANDIDATE_ID,
    "portfolio": LISTED_ID,
}


def _explain(
    explained: dict[str, Any],
    kind: str,
    day: str,
    lang: str,
    tmp_path: Path,
    extra: tuple[str, ...] = (),
) -> dict[str, Any]:
    assert explained["kind"] == kind, f"explaining the {kind}, but the scenario built none"
    assert lang in LANGUAGES, f"a language is one of {sorted(LANGUAGES)}"
    source = write_csv(tmp_path / f"{kind}.csv", COLUMNS[kind], explained["rows"])
    args = ["explain", kind, str(source), SUBJECT[kind], "--as-of", day]
    args += ["--lang", LANGUAGES[lang], *extra]
    if explained["parcels"]:
        parcels = write_csv(tmp_path / "parcels.csv", COLUMNS["parcels"], explained["parcels"])
        args += ["--parcels", str(parcels)]
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 0, run.output
    return {"text": run.output, "lines": run.output.splitlines()}


@when(
    parsers.parse("comply explains the parcel as of {day} in {lang}"),
    target_fixture="explanation",
)
def explain_parcel(
    explained: dict[str, Any], day: str, lang: str, tmp_path: Path
) -> dict[str, Any]:
    return _explain(explained, "parcels", day, lang, tmp_path)


@when(
    parsers.parse("comply explains only {rule} for the parcel as of {day} in {lang}"),
    target_fixture="explanation",
)
def explain_parcel_rule(
    explained: dict[str, Any], rule: str, day: str, lang: str, tmp_path: Path
) -> dict[str, Any]:
    return _explain(explained, "parcels", day, lang, tmp_path, ("--rule", rule))


@when(
    parsers.parse("comply explains the project as of {day} in {lang}"),
    target_fixture="explanation",
)
def explain_project(
    explained: dict[str, Any], day: str, lang: str, tmp_path: Path
) -> dict[str, Any]:
    return _explain(explained, "budget", day, lang, tmp_path)


@when(
    parsers.parse("comply explains the candidate for plan year {year:d} as of {day} in {lang}"),
    target_fixture="explanation",
)
def explain_candidate(
    explained: dict[str, Any], year: int, day: str, lang: str, tmp_path: Path
) -> dict[str, Any]:
    return _explain(explained, "intake", day, lang, tmp_path, ("--plan-year", str(year)))


@when(
    parsers.parse("comply explains the listed project as of {day} in {lang}"),
    target_fixture="explanation",
)
def explain_listed(
    explained: dict[str, Any], day: str, lang: str, tmp_path: Path
) -> dict[str, Any]:
    return _explain(explained, "portfolio", day, lang, tmp_path)


# ---- Then: the text an official reads -----------------------------------------------------


def _block(explanation: dict[str, Any], rule: str) -> list[str]:
    """The lines explaining one rule: its title, basis, verdict and conditions."""
    lines: list[str] = explanation["lines"]
    # The evaluation date's part; past events are explained after the findings heading.
    lines = lines[: next((i for i, line in enumerate(lines) if line in FINDINGS), len(lines))]
    starts = [i for i, line in enumerate(lines) if line.startswith(f"{rule}  ")]
    assert len(starts) == 1, f"{rule} is not explained once:\n{explanation['text']}"
    block = []
    for line in lines[starts[0] :]:
        if not line.strip():
            break
        block.append(line)
    return block


@then(parsers.parse('the explanation is headed "{heading}"'))
def headed(explanation: dict[str, Any], heading: str) -> None:
    assert explanation["lines"][0] == heading, explanation["text"]


@then(parsers.parse('the explanation of {rule} reads "{verdict}"'))
def verdict(explanation: dict[str, Any], rule: str, verdict: str) -> None:
    block = _block(explanation, rule)
    said = [line.strip() for line in block if line.startswith("  → ")]
    assert said == [f"→ {verdict}"], "\n".join(block)


@then(parsers.parse('the explanation of {rule} shows {mark} "{condition}"'))
def condition(explanation: dict[str, Any], rule: str, mark: str, condition: str) -> None:
    assert mark in MARKS, f"a condition is marked one of {MARKS}"
    block = _block(explanation, rule)
    checks = [line.strip() for line in block[3:]]  # after the title, basis and verdict
    assert any(line.startswith(f"{mark} {condition}") for line in checks), "\n".join(block)


@then(parsers.parse('the explanation of {rule} lists "{action}"'))
def lists_action(explanation: dict[str, Any], rule: str, action: str) -> None:
    """The rule's line of actions (actions: / 措施：) names the action as written."""
    block = _block(explanation, rule)
    listed = [line.strip() for line in block if line.strip().startswith(("actions:", "措施："))]
    assert listed, "\n".join(block)
    named = re.split(r"[:：]", listed[0], maxsplit=1)[1]
    assert action in [a.strip() for a in re.split(r", |；", named)], listed[0]


COUNTING = ("How each due date was counted:", "期限的计算：")


@then(parsers.parse("the explanation shows no rule but {rule}"))
def only_rule(explanation: dict[str, Any], rule: str) -> None:
    _block(explanation, rule)
    lines = explanation["lines"][2:]
    for heading in COUNTING:  # how the due dates were counted: not a rule
        if heading in lines:
            lines = lines[: lines.index(heading)]
    titles = [line.split()[0] for line in lines if line[:1].isalpha()]
    assert titles == [rule], explanation["text"]


@then(parsers.parse('the explanation lists, under "{heading}", the past finding "{finding}"'))
def past_finding(explanation: dict[str, Any], heading: str, finding: str) -> None:
    assert heading in FINDINGS, f"the findings are headed one of {FINDINGS}"
    assert heading in explanation["lines"], explanation["text"]
    assert f"  {finding}" in _findings(explanation), explanation["text"]


@then(
    parsers.parse(
        'on the {event} event of {day}, the explanation of {rule} shows {mark} "{condition}"'
    )
)
def past_condition(
    explanation: dict[str, Any], event: str, day: str, rule: str, mark: str, condition: str
) -> None:
    """A condition as it held on a past event, in the section explaining that event."""
    assert mark in MARKS, f"a condition is marked one of {MARKS}"
    lines: list[str] = explanation["lines"]
    headings = (f"On the {event} event of {day}:", f"事件 {event}（{day}）：")
    starts = [i for i, line in enumerate(lines) if line in headings]
    assert len(starts) == 1, explanation["text"]
    section = lines[starts[0] + 1 :]
    ends = [i for i, line in enumerate(section) if line.startswith(("On the ", "事件 "))]
    block = _block({"lines": section[: ends[0] if ends else len(section)]}, rule)
    checks = [line.strip() for line in block[3:]]
    assert any(line.startswith(f"{mark} {condition}") for line in checks), "\n".join(block)


@then(parsers.parse("the explanation lists no past finding of {rule}"))
def no_past_finding(explanation: dict[str, Any], rule: str) -> None:
    """No line anywhere reads like a finding ("  CODE 2012-04-20 (RULE)") made by the rule."""
    found = [_as_coded(line) for line in explanation["lines"]]
    found = [line for line in found if FINDING.match(line)]
    assert not [f for f in found if f.endswith(f"({rule})")], explanation["text"]


def _findings(explanation: dict[str, Any]) -> list[str]:
    lines: list[str] = explanation["lines"]
    starts = [i for i, line in enumerate(lines) if line in FINDINGS]
    if not starts:
        return []
    listed = []
    for line in lines[starts[0] + 1 :]:
        if not line.strip():
            break
        listed.append(_as_coded(line))
    return listed
