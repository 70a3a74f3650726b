"""Steps for the idle-land policy, in the words of the law rather than of Python.

A scenario builds parcel rows exactly as a bureau's CSV file holds them, and evaluates them
through the real `comply parcels` command (click's runner, the real durable_rules engine),
reading back its JSON output: the same road a user's file travels.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from comply.cli import main
from comply.engine.kinds.parcel_events import ParcelEvent
from comply.engine.kinds.parcels import Parcel
from pytest_bdd import given, parsers, then, when

from steps.files import write_csv

COLUMNS = list(Parcel.model_fields)
EVENT_COLUMNS = list(ParcelEvent.model_fields)
DEFAULTS = {"holder": "示例置业有限公司", "supply": "transfer", "price": "10000000"}
LANGUAGES = {"English": "en", "Chinese": "zh"}  # the output language, as the features name it
# Findings are about what was done (a late notice, an early determination): not steps.
_CODES = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "rules" / "idle_land.yaml").read_text(encoding="utf-8")
)["action_codes"]
FINDINGS = {code for code, entry in _CODES.items() if entry["kind"] == "finding"}


@pytest.fixture
def rows() -> list[dict[str, str]]:
    return []


@pytest.fixture
def events() -> list[dict[str, str]]:
    """The case's events, one a row of the events file (--events), in the order given."""
    return []


def _last(rows: list[dict[str, str]]) -> dict[str, str]:
    assert rows, "a step about 'it' needs a parcel first"
    return rows[-1]


def _new(rows: list[dict[str, str]], parcel_id: str, **cells: str) -> None:
    rows.append({"parcel_id": parcel_id, **DEFAULTS, **cells})


# ---- Given: the parcel -----------------------------------------------------------------------


@given(parsers.parse('a parcel "{parcel_id}" agreed to start on {day}'))
@given(parsers.parse("a parcel agreed to start on {day}"))
def parcel_agreed(rows: list[dict[str, str]], day: str, parcel_id: str = "P1") -> None:
    _new(rows, parcel_id, agreed_start=day)


@given(parsers.parse('a parcel "{parcel_id}" delivered on {day} with no agreed start date'))
@given(parsers.parse("a parcel delivered on {day} with no agreed start date"))
def parcel_delivered(rows: list[dict[str, str]], day: str, parcel_id: str = "P1") -> None:
    _new(rows, parcel_id, delivered_on=day)


@given("a parcel with:")
def parcel_table(rows: list[dict[str, str]], datatable: list[list[str]]) -> None:
    cells = {name.strip(): value.strip() for name, value in datatable}
    rows.append({**DEFAULTS, "parcel_id": "P1", **cells})


@given(parsers.parse("its price is {amount} yuan"))
def price(rows: list[dict[str, str]], amount: str) -> None:
    _last(rows)["price"] = amount.replace(",", "")


@given(parsers.parse("its supply is {supply}"))
def supply(rows: list[dict[str, str]], supply: str) -> None:
    _last(rows)["supply"] = supply


@given(parsers.parse("it started on {day}"))
def started(rows: list[dict[str, str]], day: str) -> None:
    _last(rows)["started_on"] = day


@given(
    parsers.parse(
        "it halted on {day} with {developed} of the area developed and "
        "{invested} of the investment made"
    )
)
def halted(rows: list[dict[str, str]], day: str, developed: str, invested: str) -> None:
    row = _last(rows)
    row.update(halted_on=day, developed_ratio=developed, invested_ratio=invested)


@given(parsers.parse("the holder claims a {cause} cause that is not verified"))
def cause_claimed(rows: list[dict[str, str]], cause: str) -> None:
    _last(rows).update(cause=cause.replace(" ", "_").replace("-", "_"), cause_verified="false")


@given(parsers.parse("a {cause} cause of the delay is verified"))
def cause_verified(rows: list[dict[str, str]], cause: str) -> None:
    _last(rows).update(cause=cause.replace(" ", "_").replace("-", "_"), cause_verified="true")


@given(parsers.parse("{days:d} days of government delay are verified"))
def delay_days(rows: list[dict[str, str]], days: int) -> None:
    _last(rows)["government_delay_days"] = str(days)


@given(parsers.parse("a supplementary agreement signed on {signed} moved its start date to {day}"))
def extended(rows: list[dict[str, str]], signed: str, day: str) -> None:
    _last(rows).update(agreement_signed_on=signed, extended_start=day)


@given(
    parsers.parse(
        "it halted on {day} with {part} of {whole} square metres developed and "
        "{invested} of {total} yuan invested"
    )
)
def halted_amounts(
    rows: list[dict[str, str]], day: str, part: str, whole: str, invested: str, total: str
) -> None:
    _last(rows).update(
        halted_on=day,
        developed_area=part.replace(",", ""),
        total_area=whole.replace(",", ""),
        invested_amount=invested.replace(",", ""),
        total_investment=total.replace(",", ""),
    )


@given(parsers.parse('it is mortgaged to "{mortgagee}"'))
def mortgaged(rows: list[dict[str, str]], mortgagee: str) -> None:
    _last(rows).update(mortgaged="true", mortgagee=mortgagee)


@given(parsers.parse("the idle fee was levied on {day}"))
def fee_levied(rows: list[dict[str, str]], day: str) -> None:
    _last(rows)["fee_levied_on"] = day


@given(parsers.parse("the investigation notice was issued on {day}"))
def noticed(rows: list[dict[str, str]], day: str) -> None:
    _last(rows)["investigation_notice_on"] = day


@given(parsers.parse("the idle-land determination was issued on {day}"))
def determined(rows: list[dict[str, str]], day: str) -> None:
    _last(rows)["determination_on"] = day


@given(parsers.parse("the determination was published on {day}"))
def published(rows: list[dict[str, str]], day: str) -> None:
    _last(rows)["published_on"] = day


@given(parsers.parse("the holder was told in writing of the right to a hearing on {day}"))
def hearing_noticed(rows: list[dict[str, str]], day: str) -> None:
    _last(rows)["hearing_notice_on"] = day


@given("it is filed in the land-market monitoring system")
def filed(rows: list[dict[str, str]]) -> None:
    _last(rows)["filed_in_monitoring"] = "true"


@given("the holder was found to hoard land maliciously")
def hoarding(rows: list[dict[str, str]]) -> None:
    _last(rows)["hoarding"] = "true"


@given("its case's events are:")
@given("the case's events are:")
def case_events(
    rows: list[dict[str, str]], events: list[dict[str, str]], datatable: list[list[str]]
) -> None:
    """A table with a header row (date, event; doc_no, amount, note, new_start, cause,
    serves, parcel_id where they apply); the parcel is the last one given unless named."""
    header = [cell.strip() for cell in datatable[0]]
    for line in datatable[1:]:
        cells = {name: value.strip() for name, value in zip(header, line, strict=True)}
        cells.setdefault("parcel_id", _last(rows)["parcel_id"])
        events.append(cells)


@given("no price is recorded")
def no_price(rows: list[dict[str, str]]) -> None:
    _last(rows)["price"] = ""


@given(parsers.parse('its "{column}" is "{value}"'))
def raw_cell(rows: list[dict[str, str]], column: str, value: str) -> None:
    _last(rows)[column] = value


# ---- When: evaluation through the real command --------------------------------------------


@when(parsers.parse("it is evaluated as of {day}"), target_fixture="result")
@when(parsers.parse("it is evaluated as of {day} in {lang}"), target_fixture="result")
@when(parsers.parse("the parcels are evaluated as of {day}"), target_fixture="result")
def evaluate(
    rows: list[dict[str, str]],
    events: list[dict[str, str]],
    day: str,
    tmp_path: Path,
    lang: str = "English",
) -> dict[str, Any]:
    assert lang in LANGUAGES, f"a language is one of {sorted(LANGUAGES)}"
    source = write_csv(tmp_path / "parcels.csv", COLUMNS, rows)
    out = tmp_path / "decisions.json"
    args = ["parcels", str(source), "--as-of", day, "--out", str(out), "--lang", LANGUAGES[lang]]
    if events:
        args += ["--events", str(write_csv(tmp_path / "events.csv", EVENT_COLUMNS, events))]
    run = CliRunner().invoke(main, args)
    result: dict[str, Any] = {"exit_code": run.exit_code, "output": run.output, "by_subject": {}}
    if run.exit_code == 0:
        document = json.loads(out.read_text(encoding="utf-8"))
        result["document"] = document
        result["by_subject"] = {d["subject"]: d for d in document["decisions"]}
    else:
        assert not out.exists(), "a refused run must not write its output"
    return result


def _decision(result: dict[str, Any], parcel_id: str | None = None) -> dict[str, Any]:
    assert result["exit_code"] == 0, result["output"]
    decisions = result["by_subject"]
    if parcel_id is None:
        assert len(decisions) == 1, "say which parcel: more than one was evaluated"
        return next(iter(decisions.values()))
    return decisions[parcel_id]


def _action(result: dict[str, Any], code: str, parcel_id: str | None = None) -> dict[str, Any]:
    actions = [a for a in _decision(result, parcel_id)["actions"] if a["code"] == code]
    assert actions, (
        f"no {code} among {[a['code'] for a in _decision(result, parcel_id)['actions']]}"
    )
    return actions[0]


def _codes(text: str) -> list[str]:
    return [code.strip() for code in text.split(",") if code.strip()]


# ---- Then: the decision -------------------------------------------------------------------


@then(parsers.parse('its status is "{status}"'))
def status_is(result: dict[str, Any], status: str) -> None:
    assert _decision(result)["status"] == status


@then(parsers.parse('parcel "{parcel_id}" is "{status}"'))
def parcel_status_is(result: dict[str, Any], parcel_id: str, status: str) -> None:
    assert _decision(result, parcel_id)["status"] == status


@then(parsers.parse("the actions are {codes}"))
def actions_are(result: dict[str, Any], codes: str) -> None:
    assert [a["code"] for a in _decision(result)["actions"]] == _codes(codes)


@then(parsers.parse('the actions for "{parcel_id}" are {codes}'))
def parcel_actions_are(result: dict[str, Any], parcel_id: str, codes: str) -> None:
    assert [a["code"] for a in _decision(result, parcel_id)["actions"]] == _codes(codes)


@then("it has no actions")
def no_actions(result: dict[str, Any]) -> None:
    assert _decision(result)["actions"] == []


@then(parsers.parse("the actions include {codes}"))
def actions_include(result: dict[str, Any], codes: str) -> None:
    present = {a["code"] for a in _decision(result)["actions"]}
    assert set(_codes(codes)) <= present, present


@then(parsers.parse("the actions do not include {codes}"))
def actions_exclude(result: dict[str, Any], codes: str) -> None:
    present = {a["code"] for a in _decision(result)["actions"]}
    assert not set(_codes(codes)) & present, present


def _staged(result: dict[str, Any], prospect: bool, parcel_id: str | None = None) -> list[str]:
    actions = _decision(result, parcel_id)["actions"]
    return [
        a["code"]
        for a in actions
        if a.get("prospect", False) == prospect and a["code"] not in FINDINGS
    ]


@then(parsers.parse("the steps now are {codes}"))
def steps_now_are(result: dict[str, Any], codes: str) -> None:
    assert _staged(result, False) == ([] if codes == "none" else _codes(codes))


@then(parsers.parse('the steps now for "{parcel_id}" are {codes}'))
def parcel_steps_now_are(result: dict[str, Any], parcel_id: str, codes: str) -> None:
    assert _staged(result, False, parcel_id) == ([] if codes == "none" else _codes(codes))


@then(parsers.parse("the steps now include {codes}"))
def steps_now_include(result: dict[str, Any], codes: str) -> None:
    assert set(_codes(codes)) <= set(_staged(result, False)), _staged(result, False)


@then(parsers.parse("the steps now do not include {codes}"))
def steps_now_exclude(result: dict[str, Any], codes: str) -> None:
    assert not set(_codes(codes)) & set(_staged(result, False)), _staged(result, False)


@then(parsers.parse("in prospect is {codes}"))
def in_prospect(result: dict[str, Any], codes: str) -> None:
    assert _staged(result, True) == ([] if codes == "nothing" else _codes(codes))


@then(parsers.parse('in prospect for "{parcel_id}" is {codes}'))
def parcel_in_prospect(result: dict[str, Any], parcel_id: str, codes: str) -> None:
    assert _staged(result, True, parcel_id) == ([] if codes == "nothing" else _codes(codes))


@then(parsers.parse("{code} is approved by {approver} and issued by {issuer}"))
def decided_by(result: dict[str, Any], code: str, approver: str, issuer: str) -> None:
    action = _action(result, code)
    assert (action["approved_by"]["name"], action["issued_by"]["name"]) == (approver, issuer)


@then(parsers.parse("{code} is dated {day}"))
def dated(result: dict[str, Any], code: str, day: str) -> None:
    assert _action(result, code)["date"] == day


@then(
    parsers.parse(
        "the summary counts {ahead:d} idle fees in prospect, totalling {ahead_total} yuan, "
        "and {decided:d} decided, totalling {decided_total} yuan"
    )
)
def summary_fees(
    result: dict[str, Any], ahead: int, ahead_total: str, decided: int, decided_total: str
) -> None:
    summary = result["document"]["summary"]
    prospects = summary.get("in_prospect", {}).get("CHARGE_IDLE_FEE", 0)
    assert prospects == ahead
    assert summary["by_action"].get("CHARGE_IDLE_FEE", 0) - prospects == decided
    assert summary["idle_fees_in_prospect"] == ahead_total.replace(",", "")
    assert summary["idle_fees_decided"] == decided_total.replace(",", "")


@then(parsers.parse("the idle fee is {amount} yuan"))
def fee_is(result: dict[str, Any], amount: str) -> None:
    assert _action(result, "CHARGE_IDLE_FEE")["amount"] == amount.replace(",", "")


@then("the idle fee has no amount")
def fee_without_amount(result: dict[str, Any]) -> None:
    assert "amount" not in _action(result, "CHARGE_IDLE_FEE")


@then(parsers.parse("it becomes idle on {day} with {days:d} days left"))
@then(parsers.parse("it becomes idle on {day} with {days:d} day left"))
def becomes_idle(result: dict[str, Any], day: str, days: int) -> None:
    action = _action(result, "URGE_START")
    assert (action["idle_from"], action["days_left"]) == (day, days)


@then(parsers.parse("{code} is due on {day}"))
def due_on(result: dict[str, Any], code: str, day: str) -> None:
    assert _action(result, code)["due"] == day


@then(parsers.parse("{code} may not come before {day}"))
def not_before(result: dict[str, Any], code: str, day: str) -> None:
    assert _action(result, code)["not_before"] == day


@then(parsers.parse("{code} cites {basis}"))
def cites(result: dict[str, Any], code: str, basis: str) -> None:
    assert basis in _action(result, code)["basis"]


@then(parsers.parse("{code} is addressed to {recipients}"))
def addressed_to(result: dict[str, Any], code: str, recipients: str) -> None:
    names = [r["name"] for r in _action(result, code)["recipients"]]
    assert names == [name.strip() for name in recipients.replace(" and ", ", ").split(",")]


@then(parsers.parse("{code} offers {options}"))
def offers(result: dict[str, Any], code: str, options: str) -> None:
    assert [o["code"] for o in _action(result, code)["options"]] == _codes(options)


@then(parsers.parse("{rule} is suppressed by {by}"))
def suppressed(result: dict[str, Any], rule: str, by: str) -> None:
    assert {"rule": rule, "by": by} in _decision(result).get("suppressed", [])


@then("nothing is suppressed")
def nothing_suppressed(result: dict[str, Any]) -> None:
    assert "suppressed" not in _decision(result)


@then(parsers.parse("the evaluation is refused because no rule is in force on {day}"))
def refused_not_covered(result: dict[str, Any], day: str) -> None:
    assert result["exit_code"] == 2
    assert f"No rule of the idle_land rulebook is in force on {day}" in result["output"]


@then(parsers.parse('the input is refused at row {row:d}, column "{column}", value "{value}"'))
def refused_input(result: dict[str, Any], row: int, column: str, value: str) -> None:
    assert result["exit_code"] == 2
    assert f"row {row}, column {column!r}: got {value!r}" in result["output"]


@then(parsers.parse('the input is refused at row {row:d}, column "{column}", with no value'))
def refused_empty(result: dict[str, Any], row: int, column: str) -> None:
    refused_input(result, row, column, "")


@then(parsers.parse('the refusal reads "{words}"'))
def refusal_reads(result: dict[str, Any], words: str) -> None:
    assert result["exit_code"] == 2
    assert words in result["output"], result["output"]


# ---- Then: the case over time (L14) ----------------------------------------------------------


@then(parsers.parse('its stage is "{stage}"'))
def stage_is(result: dict[str, Any], stage: str) -> None:
    assert _decision(result).get("stage") == stage, _decision(result).get("stage")


@then("it has no stage")
def no_stage(result: dict[str, Any]) -> None:
    assert "stage" not in _decision(result)


@then(parsers.parse("{code} is overdue by {days:d} days"))
@then(parsers.parse("{code} is overdue by {days:d} day"))
def overdue_by(result: dict[str, Any], code: str, days: int) -> None:
    assert _action(result, code).get("days_overdue") == days, _action(result, code)


@then(parsers.parse("{code} is not overdue"))
def not_overdue(result: dict[str, Any], code: str) -> None:
    assert "days_overdue" not in _action(result, code), _action(result, code)


@then(parsers.parse('the events are refused at row {row:d}, column "{column}", value "{value}"'))
def events_refused(result: dict[str, Any], row: int, column: str, value: str) -> None:
    assert result["exit_code"] == 2, result["output"]
    assert "events.csv" in result["output"], result["output"]
    assert f"row {row}, column {column!r}: got {value!r}" in result["output"], result["output"]
