"""Rule files fail at load, naming file, rule and field; the bundled rulebook is sound."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from comply.engine import families
from comply.engine.errors import RulebookError
from comply.engine.rulebook import zh_number

BUNDLED = families.RULES_DIR / "idle_land.yaml"


def _rule(doc: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return next(r for r in doc["rules"] if r["id"] == rule_id)


# Each case: a change to the bundled rule file, and the words its error must contain.
BAD_RULEBOOKS: dict[str, tuple[Callable[[dict[str, Any]], None], list[str]]] = {
    "unknown fact": (
        lambda d: _rule(d, "IL-ART2-IDLE").update(when=["yeras_not_started >= idle_after_years"]),
        [
            "rule IL-ART2-IDLE",
            "field 'when'",
            "unknown fact 'yeras_not_started'",
            "did you mean 'years_not_started'",
        ],
    ),
    "unknown parameter": (
        lambda d: _rule(d, "IL-ART14-1-FEE")["when"].append("years_not_started < two_years"),
        ["rule IL-ART14-1-FEE", "unknown parameter 'two_years'"],
    ),
    "literal threshold": (
        lambda d: _rule(d, "IL-ART14-1-FEE")["when"].append("years_not_started < 2"),
        ["rule IL-ART14-1-FEE", "thresholds must be named parameters"],
    ),
    "unknown code of a coded fact": (
        lambda d: _rule(d, "IL-ART14-1-FEE")["when"].append("cause == goverment"),
        ["'goverment' is not a code of cause", "did you mean 'government'"],
    ),
    "unreadable condition": (
        lambda d: _rule(d, "IL-ART14-1-FEE")["when"].append("years_not_started is big"),
        ["rule IL-ART14-1-FEE", "cannot read condition"],
    ),
    "missing Chinese title": (
        lambda d: _rule(d, "IL-ART14-1-FEE")["title"].pop("zh"),
        ["rule IL-ART14-1-FEE (rules[", "field 'title.zh'", "Field required"],
    ),
    "missing citation": (
        lambda d: _rule(d, "IL-ART14-1-FEE").pop("cites"),
        ["rule IL-ART14-1-FEE", "field 'cites'", "Field required"],
    ),
    "unknown authority": (
        lambda d: _rule(d, "IL-ART14-1-FEE")["actions"][2].update(approved_by="province"),
        ["rule IL-ART14-1-FEE", "approved_by: unknown authority 'province'"],
    ),
    "unknown law cited": (
        lambda d: _rule(d, "IL-ART14-1-FEE")["cites"].append({"law": "order5", "article": 1}),
        ["rule IL-ART14-1-FEE", "unknown law 'order5'"],
    ),
    "parameter without source": (
        lambda d: d["parameters"]["idle_fee_rate"].pop("source"),
        ["field 'parameters.idle_fee_rate.source'", "Field required"],
    ),
    "fee rate above the statute's ceiling": (
        lambda d: d["parameters"]["idle_fee_rate"].update(value="0.25"),
        ["parameter idle_fee_rate", "exceeds its legal maximum 0.20"],
    ),
    "unknown action code": (
        lambda d: _rule(d, "IL-ART14-1-FEE")["actions"].append({"code": "CHARGE_FEE"}),
        ["rule IL-ART14-1-FEE", "unknown action code 'CHARGE_FEE'"],
    ),
    "exception of a rule that does not exist": (
        lambda d: _rule(d, "IL-ART12-NEGOTIATE")["exception_of"].append("IL-ART14-3-FEE"),
        ["rule IL-ART12-NEGOTIATE", "field 'exception_of'", "IL-ART14-3-FEE"],
    ),
    "duplicate rule id": (
        lambda d: d["rules"].append(copy.deepcopy(_rule(d, "IL-ART2-IDLE"))),
        ["rule IL-ART2-IDLE", "used by more than one rule"],
    ),
    "unknown status": (
        lambda d: _rule(d, "IL-ART2-IDLE").update(status="idel"),
        ["unknown status 'idel'", "did you mean 'idle'"],
    ),
    "unknown key": (
        lambda d: _rule(d, "IL-ART2-IDLE").update(priorty=3),
        ["rule IL-ART2-IDLE", "field 'priorty'", "Extra inputs are not permitted"],
    ),
    "ratio compared to a whole number": (
        lambda d: _rule(d, "IL-ART2-IDLE")["when"].append("developed_ratio < stalled_halt_years"),
        ["developed_ratio is a ratio"],
    ),
    "placeholder that is not a parameter": (
        lambda d: d["action_codes"]["INVESTIGATE"]["title"].update(en="within {days} days"),
        ["action_codes.INVESTIGATE.title", "{days} is not a parameter"],
    ),
    "rule in force before its law": (
        lambda d: _rule(d, "IL-ART2-NOT-YET-DUE")["effective"].update({"from": "2001-01-01"}),
        ["rule IL-ART2-NOT-YET-DUE", "before the law it cites first is in force (2012-07-01)"],
    ),
    "effective window backwards": (
        lambda d: _rule(d, "IL-ART2-IDLE")["effective"].update(until="2011-01-01"),
        ["rule IL-ART2-IDLE", "'until' is before 'from'"],
    ),
}


@pytest.mark.parametrize("case", list(BAD_RULEBOOKS))
def test_malformed_rule_file_is_refused_with_a_precise_message(case: str, tmp_path: Path) -> None:
    change, words = BAD_RULEBOOKS[case]
    doc = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    change(doc)
    (tmp_path / "idle_land.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    with pytest.raises(RulebookError) as raised:
        families.load("idle_land", tmp_path)
    message = str(raised.value)
    assert str(tmp_path / "idle_land.yaml") in message
    for word in words:
        assert word in message


def test_not_yaml_at_all(tmp_path: Path) -> None:
    (tmp_path / "idle_land.yaml").write_text("rules: [unclosed", "utf-8")
    with pytest.raises(RulebookError, match="not valid YAML"):
        families.load("idle_land", tmp_path)


def test_bundled_rulebook_loads_and_every_rule_is_cited_and_sourced() -> None:
    family = families.load("idle_land")
    assert family.rules
    for compiled in family.rules:
        assert compiled.rule.cites
        assert family.basis(compiled.rule, "en")
        assert family.basis(compiled.rule, "zh")
    for name, param in family.doc.parameters.items():
        assert param.source.strip(), name


def test_citations_read_as_the_law_is_cited() -> None:
    family = families.load("idle_land")
    fee = next(r.rule for r in family.rules if r.rule.id == "IL-ART14-1-FEE")
    assert family.basis(fee, "en").startswith("Order 53 Art. 14(1); Order 53 Art. 15")
    assert family.basis(fee, "zh").startswith("《闲置土地处置办法》第十四条第（一）项；")


def test_predicates_may_be_written_in_any_order(tmp_path: Path) -> None:
    doc = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    doc["predicates"] = dict(reversed(list(doc["predicates"].items())))
    (tmp_path / "idle_land.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    assert len(families.load("idle_land", tmp_path).rules) == len(families.load("idle_land").rules)


def test_predicates_referring_to_each_other_in_a_circle(tmp_path: Path) -> None:
    doc = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    doc["predicates"]["not_started_idle"]["when"].append("found_idle")
    (tmp_path / "idle_land.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    with pytest.raises(RulebookError, match="in a circle: found_idle -> not_started_idle"):
        families.load("idle_land", tmp_path)


@pytest.mark.parametrize(
    ("number", "chinese"),
    [
        (1, "一"),
        (10, "十"),
        (14, "十四"),
        (20, "二十"),
        (32, "三十二"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1005, "一千零五"),
        (1259, "一千二百五十九"),
    ],
)
def test_article_numbers_in_chinese(number: int, chinese: str) -> None:
    assert zh_number(number) == chinese


def test_money_thresholds_too_fine_for_exact_amounts_are_refused(tmp_path: Path) -> None:
    """An amount times the scale must stay an exact integer in the engine (a double)."""
    from datetime import date

    from comply.engine.evaluate import Evaluator
    from comply.engine.kinds import intake

    path = families.RULES_DIR / "intake.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["parameters"]["tax_per_mu_min"]["value"] = "150000.001"  # scale 1000 > 900
    (tmp_path / "intake.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    family = families.load("intake", tmp_path)
    with pytest.raises(RulebookError, match="beyond the engine's exact integers"):
        Evaluator(intake.KIND, [family], date(2012, 8, 31))
