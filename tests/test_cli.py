"""`comply parcels` as a user runs it: the bundled example, every format, both languages."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from comply.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "district-2012" / "parcels.csv"
AS_OF = ["--as-of", "2012-08-31"]


def run(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def example_json(tmp_path: Path, *extra: str) -> dict[str, Any]:
    out = tmp_path / "decisions.json"
    run("parcels", str(EXAMPLE), *AS_OF, "--out", str(out), *extra)
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return document


def test_example_reproduces_the_speech(tmp_path: Path) -> None:
    """34 parcels; of the 13 that should have started, 5 idle over a year and 8 under."""
    document = example_json(tmp_path)
    summary = document["summary"]
    assert summary["parcels"] == 34
    assert summary["by_status"]["idle"] == 5
    assert summary["by_status"]["overdue"] == 8
    idle = [d for d in document["decisions"] if d["status"] == "idle"]
    disposals = {a["code"] for d in idle for a in d["actions"]}
    assert {"CHARGE_IDLE_FEE", "RECLAIM_LAND", "NEGOTIATE_DISPOSAL"} <= disposals
    # Nothing has reached the decision yet: every disposal is the case's prospect (L10).
    kinds = {"CHARGE_IDLE_FEE", "RECLAIM_LAND", "NEGOTIATE_DISPOSAL"}
    assert all(a.get("prospect") for d in idle for a in d["actions"] if a["code"] in kinds)
    fees = [
        Decimal(a["amount"]) for d in idle for a in d["actions"] if a["code"] == "CHARGE_IDLE_FEE"
    ]
    assert str(sum(fees)) == summary["idle_fees_in_prospect"] == "27094600.10"
    assert summary["idle_fees_decided"] == "0.00"
    assert summary["in_prospect"] == {
        "CHARGE_IDLE_FEE": 3,
        "NEGOTIATE_DISPOSAL": 1,
        "RECLAIM_LAND": 1,
    }


def test_example_fees_are_twenty_percent_of_the_price(tmp_path: Path) -> None:
    prices = {
        row["parcel_id"]: Decimal(row["price"])
        for row in csv.DictReader(EXAMPLE.open(encoding="utf-8"))
    }
    for decision in example_json(tmp_path)["decisions"]:
        for action in decision["actions"]:
            if action["code"] == "CHARGE_IDLE_FEE":
                expected = (prices[decision["subject"]] * Decimal("0.2")).quantize(Decimal("0.01"))
                assert Decimal(action["amount"]) == expected


def test_json_document_shape(tmp_path: Path) -> None:
    document = example_json(tmp_path)
    assert document["as_of"] == "2012-08-31"
    assert set(document["rulebook"]) == {"version", "sha256", "families"}
    assert len(document["rulebook"]["sha256"]) == 64
    for decision in document["decisions"]:
        assert {"subject", "status", "actions"} <= set(decision)
        if decision["status"] == "compliant":
            assert decision["actions"] == []
        for action in decision["actions"]:
            assert {"code", "rule", "basis", "title"} <= set(action)
            assert action["code"].isascii()
            assert action["rule"].isascii()


def test_codes_do_not_change_with_the_language(tmp_path: Path) -> None:
    english, chinese = example_json(tmp_path), example_json(tmp_path, "--lang", "zh")

    def codes(document: dict[str, Any]) -> list[Any]:
        return [
            (d["subject"], d["status"], [(a["code"], a["rule"]) for a in d["actions"]])
            for d in document["decisions"]
        ]

    assert codes(english) == codes(chinese)
    titles = [a["title"] for d in chinese["decisions"] for a in d["actions"]]
    assert titles
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in titles)
    bases = [a["basis"] for d in chinese["decisions"] for a in d["actions"]]
    assert all(b.startswith("《") for b in bases)


def test_jsonl_is_one_decision_per_line(tmp_path: Path) -> None:
    out = tmp_path / "decisions.jsonl"
    run("parcels", str(EXAMPLE), *AS_OF, "--out", str(out))  # format from the extension
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 34
    assert all(json.loads(line)["as_of"] == "2012-08-31" for line in lines)


def test_csv_has_a_row_per_action(tmp_path: Path) -> None:
    out = tmp_path / "actions.csv"
    run("parcels", str(EXAMPLE), *AS_OF, "--format", "csv", "--out", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["subject"] for r in rows} == {f"P-2012-{n:03d}" for n in range(1, 35)}
    fee_rows = [r for r in rows if r["code"] == "CHARGE_IDLE_FEE"]
    assert fee_rows
    assert all(r["amount"] and r["rule"] == "IL-ART14-1-FEE" for r in fee_rows)


def test_table_shows_as_of_every_parcel_and_the_summary() -> None:
    output = run("parcels", str(EXAMPLE), *AS_OF).output
    assert "as of 2012-08-31" in output
    assert sum(line.startswith("P-2012-") for line in output.splitlines()) == 34
    assert "idle: 5" in output
    assert "overdue: 8" in output
    assert "idle fees in prospect (procedure not yet at the decision): 3, total" in output
    assert "idle fees decided (ready for approval and issue): 0, total 0.00 yuan" in output


def test_table_in_chinese() -> None:
    output = run("parcels", str(EXAMPLE), *AS_OF, "--lang", "zh").output
    assert "评估日期 2012-08-31" in output
    assert "闲置：5" in output
    assert "逾期未动工：8" in output
    assert "预期征缴的土地闲置费" in output


def test_as_of_defaults_to_today_and_is_printed() -> None:
    output = run("parcels", str(EXAMPLE)).output
    assert f"as of {date.today().isoformat()}" in output


def test_date_forms_are_accepted_for_as_of() -> None:
    assert "as of 2012-08-31" in run("parcels", str(EXAMPLE), "--as-of", "2012年8月31日").output


def test_before_order_53_nothing_is_decided() -> None:
    result = CliRunner().invoke(main, ["parcels", str(EXAMPLE), "--as-of", "2012-06-30"])
    assert result.exit_code == 2
    assert "No rule of the idle_land rulebook is in force on 2012-06-30" in result.output
    assert "Order 53 (闲置土地处置办法) in force from 2012-07-01" in result.output


@pytest.mark.parametrize("command", [["--help"], ["parcels", "--help"]])
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    output = run(*command).output
    assert "Usage:" in output
    if command[0] == "parcels":
        assert "comply parcels examples/district-2012/parcels.csv --as-of 2012-08-31" in output


def test_the_installed_command_runs_as_a_real_process() -> None:
    comply = Path(sys.executable).parent / "comply"
    done = subprocess.run(
        [str(comply), "parcels", str(EXAMPLE), *AS_OF, "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 34
    bad = subprocess.run(
        [str(comply), "parcels", str(EXAMPLE), "--as-of", "2011-01-01"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    assert "No rule" in bad.stderr


def test_a_run_imports_no_library_its_output_does_not_need(tmp_path: Path) -> None:
    """Start-up is most of a small run: the workbook writer, the workbook reader and the
    keys' library are imported only by the runs that use them."""
    code = (
        "import sys\n"
        "from comply.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "print(sorted(m for m in ('xlsxwriter', 'openpyxl', 'cryptography') if m in sys.modules))"
    )
    out = tmp_path / "decisions.jsonl"
    args = ["parcels", str(EXAMPLE), *AS_OF, "--format", "jsonl", "--out", str(out)]
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"
    assert len(out.read_text(encoding="utf-8").splitlines()) == 34


def test_ctrl_c_while_the_command_loads_is_aborted_without_a_traceback() -> None:
    """SIGINT while the CLI is still being imported (click, here): "Aborted!" and exit
    status 1, as once it runs."""
    code = (
        "import builtins, os, signal, sys\n"
        "from comply.engine import start\n"
        "found = builtins.__import__\n"
        "def interrupted(name, *args, **kwargs):\n"
        "    if name == 'click':\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "    return found(name, *args, **kwargs)\n"
        "builtins.__import__ = interrupted\n"
        "sys.argv = ['comply', '--version']\n"
        "start.main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == "Aborted!"
    assert "Traceback" not in done.stderr
