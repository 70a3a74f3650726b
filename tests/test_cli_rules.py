"""`comply rules` lists and shows the rulebook; every command documents itself."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from comply.cli import main


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_rules_filtered_by_law_and_article() -> None:
    lines = run("rules", "--law", "order53", "--article", "14").splitlines()
    assert [line.split()[0] for line in lines] == [
        "IL-ART2-STARTED-AFTER-IDLE",
        "IL-ART14-1-FEE",
        "IL-ART14-1-FEE-LATE-START",
        "IL-ART14-2-RECLAIM",
        "IL-ART14-2-REVIEW-RECLAIM",
    ]


def test_rules_of_one_family_in_chinese() -> None:
    text = run("rules", "--family", "budget", "--lang", "zh")
    assert "BUD-B5-REFER" in text
    assert "超支预算20%且未履行相关手续的" in text
    assert "IL-ART2-IDLE" not in text


def test_one_rule_with_conditions_parameters_and_scenarios() -> None:
    text = run("rules", "IL-ART14-1-FEE")
    assert "years_not_started >= idle_after_years (1)" in text
    assert "idle_fee_rate = 0.20 (law; Order 53 Art. 14(1)" in text
    assert "\nscenarios:\n" in text
    assert "\n  idle_land.feature:" in text
    # each action with its stage, who approves and who issues it, and its own condition
    assert (
        "  CHARGE_IDLE_FEE (in prospect): approved by the people's government at the same "
        "level, issued by the city or county land-resources department\n    when:\n"
    ) in text


def test_an_unknown_rule() -> None:
    result = CliRunner().invoke(main, ["rules", "IL-NOPE"])
    assert result.exit_code == 2
    assert "no rule has the id 'IL-NOPE'" in result.output


@pytest.mark.parametrize(
    "command", ["parcels", "budget", "intake", "portfolio", "explain", "rules"]
)
def test_every_command_has_help_with_an_example(command: str) -> None:
    text = run(command, "--help")
    assert "Examples:" in text
    assert f"comply {command}" in text
