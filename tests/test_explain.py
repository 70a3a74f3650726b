"""`comply explain`: the explanation is computed from the rules the engine runs, and agrees."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from comply.cli import main
from comply.engine import explain, families
from comply.engine.kinds import parcels
from comply.engine.kinds.parcels import Parcel
from comply.engine.loader import RowReader
from comply.engine.pipeline import decide, decide_rows, prepare
from kind_examples import EXAMPLE_IDS, Example
from kind_examples import EXAMPLES as KIND_EXAMPLES
from test_engine import random_parcel

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "district-2012"


@pytest.mark.parametrize("seed", [11, 12])
def test_explanations_agree_with_the_engine(seed: int) -> None:
    """What the explanation calls applying is exactly what the engine fired."""
    rng = random.Random(seed)
    as_of = date(2013, 3, 1)
    family = families.load("idle_land")
    prepared = prepare(parcels.KIND, as_of)
    items = [Parcel.model_validate(random_parcel(rng, n)) for n in range(600)]
    explainer = explain.Explainer([family], parcels.KIND.facts)
    for subject, decision in decide_rows(prepared, [(0, p) for p in items]):
        verdicts = explainer.explain(subject.snapshots[-1], decision)
        applied = {v.rule.rule.id for v in verdicts if v.verdict in ("fired", "suppressed")}
        assert applied == set(decision.fired), subject.key
        assert {v.rule.rule.id for v in verdicts if v.verdict == "suppressed"} == {
            s.rule for s in decision.suppressed
        }


@pytest.mark.parametrize("case", KIND_EXAMPLES, ids=EXAMPLE_IDS)
@pytest.mark.parametrize("shift", [0, 200, 500])
def test_every_kind_explains_what_its_engine_decided(case: Example, shift: int) -> None:
    """For each kind's example, on several dates: every rule the explanation calls applying
    (on the evaluation date's snapshot) is one the engine fired, and the reverse."""
    as_of = case.as_of + timedelta(days=shift)
    prepared = prepare(case.kind, as_of, case.options)
    reader = RowReader(
        case.file, case.kind.model, case.kind.id_field if case.kind.unique_rows else None
    )
    explainer = explain.Explainer(prepared.families, case.kind.facts, _joined(prepared))
    checked = 0
    for subjects, decisions in decide(prepared, reader):
        for subject, decision in zip(subjects, decisions, strict=True):
            verdicts = explainer.explain(subject.snapshots[-1], decision)
            applied = {
                v.rule.rule.id
                for v in verdicts
                if v.verdict in ("fired", "suppressed") and v.rule.rule.criterion is None
            }
            judged = {v.rule.rule.id for v in verdicts if v.criterion is not None}
            assert judged == {c.rule for c in decision.criteria}, subject.key
            if len(subject.snapshots) == 1:  # a change log also fires on its past events
                assert applied == set(decision.fired), subject.key
            else:
                assert applied <= set(decision.fired), subject.key
            checked += 1
    assert checked


def _joined(prepared: Any) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for compiled in prepared.evaluator.rules:
        rule = compiled.rule
        for exists in (rule.if_exists, rule.unless_exists, rule.test_unless_exists):
            if exists is not None:
                found.setdefault(exists.fact, set()).update(
                    c.fields[exists.match] for c in prepared.context if c.fact == exists.fact
                )
    return found


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["explain", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_why_not_the_fee_for_a_verified_government_cause() -> None:
    text = run(
        "parcels",
        str(EXAMPLES / "parcels.csv"),
        "P-2012-008",
        "--as-of",
        "2012-08-31",
        "--rule",
        "IL-ART14-1-FEE",
    )
    assert "→ applies, but is set aside by an exception (IL-ART12-NEGOTIATE)" in text
    assert "✓ full years past the start date, not started: 1 ≥ 1 (idle_after_years" in text


def test_why_not_reclaim_in_chinese() -> None:
    text = run(
        "parcels",
        str(EXAMPLES / "parcels.csv"),
        "P-2012-025",
        "--as-of",
        "2012-08-31",
        "--rule",
        "IL-ART14-2-RECLAIM",
        "--lang",
        "zh",
    )
    assert "→ 不适用" in text
    assert "✗ 未动工开发满年数：1 ≥ 2（reclaim_after_years" in text
    assert "《闲置土地处置办法》第十四条第（二）项" in text


def test_a_rule_not_in_force_and_a_missing_fact_are_said_so(tmp_path: Path) -> None:
    source = tmp_path / "p.csv"
    source.write_text(
        "parcel_id,holder,supply,price,agreed_start,started_on\n"
        "S1,甲,transfer,1000,2010-01-01,2010-03-01\n",
        encoding="utf-8",
    )
    text = run("parcels", str(source), "S1", "--as-of", "2012-08-31", "--rule", "IL-ART2-STALLED")
    assert "→ does not apply" in text
    budget = run(
        "budget",
        str(EXAMPLES / "budget.csv"),
        "PJ-2012-003",
        "--as-of",
        "2012-08-31",
        "--rule",
        "NAT-GIR-ART23-ADJUST",
    )
    assert "→ not in force on this date" in budget
    assert "✗ in force from 2019-07-01" in budget


def test_budget_explains_the_evaluation_date_and_lists_past_findings() -> None:
    text = run("budget", str(EXAMPLES / "budget.csv"), "PJ-2012-003", "--as-of", "2012-08-31")
    assert "BUD-B2-APPROVED" in text
    assert "Findings about past events:\n  LATE_REPORT 2012-05-29 (BUD-B3-LATE-REPORT)" in text


def test_intake_explains_the_idle_land_join() -> None:
    text = run(
        "intake",
        str(EXAMPLES / "intake-2013.csv"),
        "SB-2013-016",
        "--as-of",
        "2012-08-31",
        "--plan-year",
        "2013",
        "--parcels",
        str(EXAMPLES / "parcels.csv"),
        "--rule",
        "INT-I5-RESERVE-IDLE-HOLDER",
    )
    assert "→ fired" in text
    assert "holder 鼎盛华府房地产开发有限公司 is among the idle_holder facts given" in text


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["parcels", str(EXAMPLES / "parcels.csv"), "P-9"], "no subject with id 'P-9'"),
        (
            ["parcels", str(EXAMPLES / "parcels.csv"), "P-2012-001", "--rule", "IL-NOPE"],
            "no rule of the parcels rulebook has that id",
        ),
        (["intake", str(EXAMPLES / "intake-2013.csv"), "SB-2013-016"], "needs --plan-year"),
    ],
)
def test_explain_refuses_what_it_cannot_explain(args: list[str], words: str) -> None:
    result = CliRunner().invoke(main, ["explain", *args, "--as-of", "2012-08-31"])
    assert result.exit_code == 2
    assert words in result.output
