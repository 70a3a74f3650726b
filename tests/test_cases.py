"""comply cases and the events input through the real CLI: the open cases in order of
urgency, each with its stage, next step, due date and days overdue; a run with events
recorded in the ledger and replayed with them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from comply.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "district-2012"
PARCELS, EVENTS = str(EXAMPLES / "parcels.csv"), str(EXAMPLES / "events.csv")


def _cases(*extra: str) -> str:
    args = ["cases", PARCELS, "--events", EVENTS, "--as-of", "2013-06-30", *extra]
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 0, run.output
    return run.output


def test_the_open_cases_most_urgent_first() -> None:
    listed = json.loads(_cases("--format", "json"))["cases"]
    overdue = [c.get("days_overdue", 0) for c in listed]
    assert overdue == sorted(overdue, reverse=True)
    by_parcel = {c["subject"]: c for c in listed}
    assert by_parcel["P-2012-004"] == {
        "subject": "P-2012-004",
        "stage": "enforcement",
        "next_step": "CANCEL_REGISTRATION",
        "due": "2012-12-20",
        "days_overdue": 192,
    }
    assert by_parcel["P-2012-012"]["next_step"] == "HOLD_HEARING"
    assert by_parcel["P-2012-027"]["due"] == "2013-07-02"  # 5 working days from 25 June
    # Closed cases are not listed: the fee paid (P-2012-033), an extension agreed (P-2012-008).
    assert "P-2012-033" not in by_parcel
    assert "P-2012-008" not in by_parcel


def test_the_cases_in_chinese() -> None:
    text = _cases("--lang", "zh")
    assert "未结案件" in text
    assert "听证申请期内" in text


def test_parcels_json_carries_the_stage_and_the_days_overdue(tmp_path: Path) -> None:
    out = tmp_path / "decisions.json"
    args = ["parcels", PARCELS, "--events", EVENTS, "--as-of", "2013-06-30", "--out", str(out)]
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 0, run.output
    decisions = {d["subject"]: d for d in json.loads(out.read_text("utf-8"))["decisions"]}
    fee = decisions["P-2012-006"]
    assert fee["stage"] == "awaiting_remedy_periods"
    [pay] = [a for a in fee["actions"] if a["code"] == "PAY_IDLE_FEE"]
    assert (pay["due"], pay["days_overdue"]) == ("2013-05-27", 34)
    assert decisions["P-2012-033"]["stage"] == "closed"
    assert "stage" not in decisions["P-2012-001"]  # started in time: no case


def test_a_run_with_events_is_recorded_and_replayed_with_them(tmp_path: Path) -> None:
    ledger = str(tmp_path / "ledger.sqlite")
    events = tmp_path / "events.csv"
    events.write_bytes(Path(EVENTS).read_bytes())
    args = ["parcels", PARCELS, "--events", str(events), "--as-of", "2013-06-30"]
    run = CliRunner().invoke(main, [*args, "--record", "--ledger", ledger])
    assert run.exit_code == 0, run.output
    events.unlink()  # the ledger holds the events: the file is not needed again
    replayed = CliRunner().invoke(main, ["ledger", "replay", "1", "--ledger", ledger])
    assert replayed.exit_code == 0, replayed.output
    assert "0 decisions differ from run 1" in replayed.output
    verified = CliRunner().invoke(main, ["ledger", "verify", "--ledger", ledger])
    assert "intact" in verified.output


def test_an_events_file_in_chinese(tmp_path: Path) -> None:
    events = tmp_path / "事件.csv"
    events.write_text(
        "地块编号,日期,事件,文号\nP-2012-025,2012-09-01,发现涉嫌闲置,\n"
        "P-2012-025,2012-09-05,发出调查通知书,某国土闲调〔2012〕9号\n",
        encoding="gbk",
    )
    args = ["cases", PARCELS, "--events", str(events), "--as-of", "2012-09-10", "--format", "json"]
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 0, run.output
    [case] = [c for c in json.loads(run.output)["cases"] if c["subject"] == "P-2012-025"]
    assert case == {
        "subject": "P-2012-025",
        "stage": "investigating",
        "next_step": "SERVE_INSTRUMENT",
    }


def test_a_period_past_the_holiday_calendar_is_refused(tmp_path: Path) -> None:
    events = tmp_path / "events.csv"
    events.write_text("parcel_id,date,event\nP-2012-025,2030-01-05,discovered\n", "utf-8")
    args = ["cases", PARCELS, "--events", str(events), "--as-of", "2030-02-01"]
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 2
    assert "covers 2004-" in run.output


def test_explain_says_how_each_due_date_was_counted(tmp_path: Path) -> None:
    events = tmp_path / "events.csv"
    events.write_text("parcel_id,date,event\nP-2012-025,2012-09-01,discovered\n", "utf-8")
    args = ["explain", "parcels", PARCELS, "P-2012-025", "--as-of", "2012-10-09"]
    run = CliRunner().invoke(main, [*args, "--events", str(events)])
    assert run.exit_code == 0, run.output
    counted = run.output.split("How each due date was counted:\n")[1]
    assert "from discovered (2012-09-01), 30 days" in counted
    assert "last day 2012-10-08" in counted
    assert "day 2012-10-01 is a holiday or rest day" in counted
    run = CliRunner().invoke(main, [*args, "--events", str(events), "--lang", "zh"])
    assert "至 2012-10-08 届满" in run.output


def test_an_event_of_a_parcel_not_in_the_register_is_named_in_the_output_language(
    tmp_path: Path,
) -> None:
    """ "expected a parcels of the main file", and in Chinese 应为主文件中的parcels (the second
    reviewer's): the kind's English plural in either language."""
    events = tmp_path / "events.csv"
    lines = Path(EVENTS).read_text(encoding="utf-8").splitlines()
    events.write_text(
        "\n".join([*lines, "P-9999-001,2012-07-12,investigation_notice_issued,,,,,,"]) + "\n",
        encoding="utf-8",
    )
    for lang, says in (
        ("en", "got 'P-9999-001', expected an id of the main file: P-9999-001 is not in it"),
        ("zh", "值 'P-9999-001'，应为主文件中已有的编号：P-9999-001 不在主文件中"),
    ):
        args = ["cases", PARCELS, "--events", str(events), "--as-of", "2013-06-30"]
        run = CliRunner().invoke(main, [*args, "--lang", lang])
        assert run.exit_code == 2, run.output
        assert says in run.output
        assert "a parcels" not in run.output
        assert "的parcels" not in run.output
