"""Shared fixtures; the Gherkin step definitions live in tests/steps/."""

from __future__ import annotations

from typing import Any

from engine import families

pytest_plugins = ["steps.parcel_steps", "steps.budget_steps", "steps.intake_steps"]

FAMILIES = ("idle_land", "budget", "budget_national", "intake", "portfolio")
RULE_IDS = {r.rule.id for name in FAMILIES for r in families.load(name).rules}


def pytest_bdd_apply_tag(tag: str, function: Any) -> bool | None:
    """Rule-id tags (@IL-ART14-1-FEE) tie scenarios to rules; they are not pytest markers."""
    return True if tag in RULE_IDS else None
