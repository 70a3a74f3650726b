"""Shared fixtures; the Gherkin step definitions live in tests/steps/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from comply.engine import families

# Every module of tests/steps/ named *_steps.py: a kind's steps are found, not listed.
pytest_plugins = sorted(
    f"steps.{p.stem}" for p in (Path(__file__).parent / "steps").glob("*_steps.py")
)

RULE_IDS = {r.rule.id for name in families.names() for r in families.load(name).rules}


def pytest_configure(config: Any) -> None:
    # pytest-bdd turns tags on Examples blocks into markers without the hook below.
    for rule_id in sorted(RULE_IDS):
        config.addinivalue_line("markers", f"{rule_id}: scenario exercising rule {rule_id}")


def pytest_bdd_apply_tag(tag: str, function: Any) -> bool | None:
    """Rule-id tags (@IL-ART14-1-FEE) tie scenarios to rules; they are not pytest markers."""
    return True if tag in RULE_IDS else None
