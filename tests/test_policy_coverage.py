"""The policy stays honest: every rule has a scenario, a citation, and sourced parameters."""

from __future__ import annotations

from comply.engine import catalog, families
from comply.engine.rulebook import Text

FAMILIES = families.names()


def _rule_ids() -> set[str]:
    return {r.rule.id for name in FAMILIES for r in families.load(name).rules}


def test_every_rule_has_a_scenario() -> None:
    missing = sorted(_rule_ids() - set(catalog.scenarios()))
    assert not missing, f"rules without a scenario in features/: {missing}"


def test_every_rule_tag_names_a_rule() -> None:
    stale = sorted(set(catalog.scenarios()) - _rule_ids())
    assert not stale, f"scenario tags naming no rule: {stale}"


def test_every_rule_is_cited_and_every_parameter_sourced() -> None:
    for family in (families.load(name) for name in FAMILIES):
        for compiled in family.rules:
            assert compiled.rule.cites, compiled.rule.id
        for name, parameter in family.doc.parameters.items():
            assert isinstance(parameter.source, Text), f"{name}: a source in English and Chinese"
            assert parameter.source.en.strip(), name
            assert parameter.source.zh.strip(), name
