"""Bad input gets a clear error: file, row, column, value and what was expected.

One fixture per error in tests/fixtures/bad_parcels/, each with the words its message must
contain. Every run is through the real CLI: exit status 2, no traceback, nothing written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "bad_parcels"
BUDGET_FIXTURES = Path(__file__).parent / "fixtures" / "bad_budget"
EXAMPLE = Path(__file__).parent.parent / "examples" / "district-2012" / "parcels.csv"

EXPECTED: dict[str, list[str]] = {
    "price_not_a_number.csv": ["row 2, column 'price': got 'abc'", "an amount in yuan"],
    "price_negative.csv": ["row 2, column 'price': got '-5'", "a positive amount"],
    "price_below_fen.csv": ["column 'price': got '100.005'", "at most 2 decimals (fen)"],
    "date_impossible.csv": [
        "row 2, column 'agreed_start': got '2013-02-29'",
        "2012/7/1 or 2012年7月1日",
    ],
    "date_unknown_form.csv": ["column 'agreed_start': got '01/07/2012'", "expected a date"],
    "supply_unknown.csv": ["column 'supply': got 'lease'", "transfer or allocation (出让 or 划拨)"],
    "cause_unknown.csv": ["column 'cause': got 'govt'", "holder, government, force_majeure"],
    "bool_unknown.csv": ["column 'cause_verified': got 'maybe'", "true or false"],
    "ratio_above_one.csv": ["column 'developed_ratio': got '1.5'", "between 0 and 1"],
    "halted_without_ratio.csv": [
        "row 2, column 'developed_ratio'",
        "both developed_ratio and invested_ratio",
    ],
    "halted_not_started.csv": ["row 2, column 'halted_on'", "only a started parcel can halt"],
    "no_start_date.csv": ["row 2, column 'agreed_start'", "delivered_on to count it from"],
    "holder_missing.csv": ["row 2, column 'holder'", "this column is required"],
    "duplicate_id.csv": ["row 3, column 'parcel_id': got 'P1'", "a unique id"],
    "extra_cells.csv": ["row 2, column '(row)'", "13 cells, as in the header, not 14"],
    "column_misspelt.csv": ["row 1, column 'mortaged'", "did you mean 'mortgaged'"],
    "column_missing.csv": ["row 1, column 'price'", "this required column in the header"],
    "not_utf8.csv": ["row 2, column 'holder'", "UTF-8 text"],
    "column_twice.csv": ["row 1, column 'started_on'", "it appears twice in the header"],
    "row_short.csv": ["row 2, column '(row)'", "7 cells, as in the header, not 5"],
    "value_not_scalar.jsonl": ["row 1, column 'parcel_id'", "a single value"],
    "key_twice.jsonl": ["row 1, column '(line)'", "repeated: holder"],
    "quoted_newline.csv": ["row 2, column 'price': got 'abc'"],
    "line_not_json.jsonl": ["row 2, column '(line)': got 'not json'", "a JSON object"],
    "delay_days_not_holder_cause.csv": [
        "row 2, column 'government_delay_days'",
        "within a holder-caused case",
    ],
    "extension_earlier.csv": ["row 2, column 'extended_start'", "cannot move it earlier"],
    "determination_before_notice.csv": [
        "row 2, column 'determination_on'",
        "on or after investigation_notice_on",
    ],
    "several_problems.csv": [
        "2 input problems",
        "row 2, column 'price'",
        "row 3, column 'agreed_start': got '2011-13-01'",
    ],
}


def test_every_fixture_has_its_expected_message() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_is_refused_with_a_precise_message(name: str, tmp_path: Path) -> None:
    out = tmp_path / "decisions.json"
    result = CliRunner().invoke(
        main, ["parcels", str(FIXTURES / name), "--as-of", "2012-08-31", "--out", str(out)]
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{FIXTURES / name}: row" in result.output
    for words in EXPECTED[name]:
        assert words in result.output
    assert not out.exists()
    assert not list(tmp_path.iterdir()), "no partial output may be left behind"


def test_a_refused_run_leaves_an_existing_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "decisions.json"
    out.write_text("yesterday's decisions", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "parcels",
            str(FIXTURES / "price_not_a_number.csv"),
            "--as-of",
            "2012-08-31",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "yesterday's decisions"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--as-of", "2012-02-30"], "'2012-02-30' is not a date"),
        (["--as-of", "2012-08-31", "--format", "xml"], "'xml' is not one of"),
        (["--as-of", "2012-08-31", "--lang", "fr"], "'fr' is not one of"),
    ],
)
def test_bad_options_are_refused(args: list[str], words: str) -> None:
    source = FIXTURES / "duplicate_id.csv"
    result = CliRunner().invoke(main, ["parcels", str(source), *args])
    assert result.exit_code == 2
    assert words in result.output


def test_missing_file() -> None:
    result = CliRunner().invoke(main, ["parcels", "no/such/file.csv"])
    assert result.exit_code == 2
    assert "does not exist" in result.output


BUDGET_EXPECTED: dict[str, list[str]] = {
    "event_before_budget.csv": [
        "row 2, column 'date': got '2012-03-01'",
        "on or after the project's budget event (2012-04-01, row 3)",
    ],
    "no_budget_event.csv": ["row 2, column 'event': got 'estimate'", "B1 has no budget event"],
    "two_budget_events.csv": [
        "row 3, column 'event': got 'budget'",
        "one budget event per project: B1 has one on row 2",
    ],
    "estimate_without_amount.csv": ["row 3, column 'amount'", "an amount in yuan for a estimate"],
    "budget_without_name.csv": ["row 2, column 'name'", "the project's name on its budget event"],
    "budget_without_funding.csv": ["row 2, column 'funding'", "district_fiscal"],
    "event_unknown.csv": ["row 3, column 'event': got 'overspend'", "one of budget, estimate"],
    "date_impossible.csv": ["row 3, column 'date': got '2012-02-30'", "expected a date"],
    "amount_negative.csv": ["row 3, column 'amount': got '-5'", "a positive amount"],
    "column_misspelt.csv": ["row 1, column 'notes'", "did you mean 'note'"],
    "reject_without_report.csv": [
        "row 4, column 'event': got 'reject'",
        "no report is awaiting an answer",
    ],
    "same_day_before_budget.csv": [
        "row 2, column 'event': got 'report'",
        "the budget event (row 3) first",
    ],
}


def test_every_budget_fixture_has_its_expected_message() -> None:
    assert sorted(p.name for p in BUDGET_FIXTURES.iterdir()) == sorted(BUDGET_EXPECTED)


@pytest.mark.parametrize("name", sorted(BUDGET_EXPECTED))
def test_bad_budget_log_is_refused_with_a_precise_message(name: str, tmp_path: Path) -> None:
    out = tmp_path / "decisions.json"
    source = BUDGET_FIXTURES / name
    result = CliRunner().invoke(
        main, ["budget", str(source), "--as-of", "2012-08-31", "--out", str(out)]
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for words in BUDGET_EXPECTED[name]:
        assert words in result.output
    assert not list(tmp_path.iterdir()), "no output, not even a partial one"


def test_output_into_a_missing_directory_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "decisions.json"
    result = CliRunner().invoke(
        main, ["parcels", str(EXAMPLE), "--as-of", "2012-08-31", "--out", str(out)]
    )
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert not list(tmp_path.iterdir())


def test_output_over_a_directory_or_device_is_refused(tmp_path: Path) -> None:
    for out, words in ((str(tmp_path), "is a directory"), ("/dev/null", "not a regular file")):
        result = CliRunner().invoke(
            main, ["parcels", str(EXAMPLE), "--as-of", "2012-08-31", "--out", out]
        )
        assert result.exit_code == 2
        assert words in result.output


def test_output_through_a_symlink_writes_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    (tmp_path / "link.json").symlink_to(target)
    result = CliRunner().invoke(
        main,
        ["parcels", str(EXAMPLE), "--as-of", "2012-08-31", "--out", str(tmp_path / "link.json")],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "link.json").is_symlink()
    assert target.read_text(encoding="utf-8").startswith('{"as_of": "2012-08-31"')
