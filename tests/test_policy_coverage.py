"""The policy stays honest: every rule has a scenario, a citation, and sourced parameters."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from gherkin.parser import Parser

from engine import families

FEATURES = Path(__file__).resolve().parent.parent / "features"
RULE_TAG = re.compile(r"^@([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)$")


def _scenario_tags() -> dict[str, set[str]]:
    """Rule-id tags per scenario name, with the tags of its Feature and Rule blocks."""
    found: dict[str, set[str]] = {}

    def walk(children: list[dict[str, Any]], inherited: set[str], where: str) -> None:
        for child in children:
            if "rule" in child:
                rule = child["rule"]
                tags = inherited | {t["name"] for t in rule["tags"]}
                walk(rule["children"], tags, where)
            elif "scenario" in child:
                scenario = child["scenario"]
                tags = inherited | {t["name"] for t in scenario["tags"]}
                for examples in scenario.get("examples", []):
                    tags |= {t["name"] for t in examples["tags"]}
                found[f"{where}: {scenario['name']}"] = tags

    for path in sorted(FEATURES.glob("*.feature")):
        document = Parser().parse(path.read_text(encoding="utf-8"))
        feature = document["feature"]
        walk(feature["children"], {t["name"] for t in feature["tags"]}, path.name)
    return found


def _rule_tags() -> set[str]:
    return {
        m.group(1) for tags in _scenario_tags().values() for t in tags if (m := RULE_TAG.match(t))
    }


FAMILIES = ("idle_land", "budget", "budget_national", "intake", "portfolio")


def _rule_ids() -> set[str]:
    return {r.rule.id for name in FAMILIES for r in families.load(name).rules}


def test_every_rule_has_a_scenario() -> None:
    rule_ids = _rule_ids()
    missing = sorted(rule_ids - _rule_tags())
    assert not missing, f"rules without a scenario in features/: {missing}"


def test_every_rule_tag_names_a_rule() -> None:
    rule_ids = _rule_ids()
    stale = sorted(_rule_tags() - rule_ids)
    assert not stale, f"scenario tags naming no rule: {stale}"


def test_every_rule_is_cited_and_every_parameter_sourced() -> None:
    for family in (families.load(name) for name in FAMILIES):
        for compiled in family.rules:
            assert compiled.rule.cites, compiled.rule.id
        for name, parameter in family.doc.parameters.items():
            assert parameter.source.strip(), name
