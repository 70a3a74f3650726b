"""Change logs: the columnar path gives what the row path gives, byte for byte
(engine/columnar/budget.py).

Random change logs, as of random dates, are run through `comply budget` twice: as a user
runs it (the columnar path, where the log is for it) and with COMPLY_COLUMNAR=0 (the row
path alone). Outputs, messages and exit statuses must be identical. The logs hold every
event in every order the contract allows — overruns at and just under the referral ratio,
reports in time and late, approvals of part of an overrun, rejections, suspensions and
resumptions, events after the evaluation date and before the principles applied, rows out
of order and projects interleaved — and, in some, what only the row path may answer (a
reject that answers nothing, a missing amount, an event before the budget, a blank or a
total line, a quoted cell, a refused date), so that both ways of leaving the columns are
taken.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import blocks
import numpy as np
import pytest
from click.testing import CliRunner
from comply.cli import main
from comply.engine import columnar, fields, ledger, parallel
from comply.engine.evaluate import UNDETERMINED, Decision, Evaluator
from comply.engine.kinds.budget import BudgetEvent
from hypothesis import given, settings
from hypothesis import strategies as st
from kind_examples import EXAMPLES as KIND_EXAMPLES

HEADER = "project_id,date,event,amount,name,funding,note"
EVENTS = ["estimate", "report", "approve", "reject", "suspend", "resume", "complete"]
WEIGHTS = [6, 3, 2, 1, 2, 2, 1]
NAMES = {"estimate": "超概算", "report": "上报", "approve": "追加预算", "suspend": "停工"}


def _yuan(fen: int, rng: random.Random, dirty: bool) -> str:
    text = f"{fen // 100}.{fen % 100:02d}" if fen % 100 else str(fen // 100)
    roll = rng.random()
    if roll < 0.03 and fen % 10_000 == 0:
        return f"{fen // 10_000}万元"  # the cell grammar's other forms
    if roll < 0.05 and fen % 100 == 0:
        return f"{fen // 100:08d}"
    if roll < 0.07 and dirty:
        return f'"{fen // 100:,}.{fen % 100:02d}"'  # quoted: the row path reads it
    return text


def random_log(rng: random.Random, projects: int, dirty: bool) -> str:
    """A change log of `projects` projects; `dirty` adds what only the row path answers."""
    records: list[list[str]] = []
    for n in range(projects):
        key = f"PJ{n:05d}" if rng.random() < 0.95 else f"项目{n:04d}"
        day = date(2011, 9, 1) + timedelta(days=rng.randrange(0, 500))
        budget = rng.choice([1_000_000_00, 5_000_000_00, 12_345_678_90, 250_000_00])
        funding = rng.choice(["district_fiscal"] * 6 + ["区财政", "city_fiscal", "企业自筹", "x"])
        kind = "budget" if rng.random() < 0.9 else "预算"
        log = [[key, day.isoformat(), kind, _yuan(budget, rng, dirty), f"工程{n}", funding, ""]]
        approved, share, previous = False, 0.0, ""
        for _ in range(rng.randrange(0, 12)):
            day += timedelta(days=rng.choice([0, 0, 1, 2, 4, 5, 6, 7, 9, 30, 90]))
            event = rng.choices(EVENTS, WEIGHTS)[0]
            amount = ""
            if event == "estimate":
                share = rng.choice([0.9, 1.0, 1.05, 1.1999, 1.2, 1.25, 1.4])
                amount = _yuan(max(100, int(budget * share) // 100 * 100), rng, dirty)
            elif event == "approve":
                amount = _yuan(budget // 100 * rng.choice([5, 10, 20, 30]), rng, dirty)
                approved = True
            # Clean: a reject only where it answers a report of an overrun (else the row
            # path reports it).
            answers = previous == "report" and share >= 1.05 and not approved
            if event == "reject" and not dirty and not answers:
                event = "report"
            written = NAMES.get(event, event) if rng.random() < 0.1 else event
            log.append(
                [key, day.isoformat(), written, amount, "", "", rng.choice(["", "设计变更"])]
            )
            previous = event
        if rng.random() < 0.05 and len(log) > 2 and all(r[2] != "reject" for r in log):
            log[1], log[2] = log[2], log[1]  # two rows out of order
        records += log
    for _ in range(projects // 20):  # projects interleaved
        at = rng.randrange(0, max(1, len(records) - 1))
        if records[at][0] != records[at + 1][0]:
            records[at], records[at + 1] = records[at + 1], records[at]
    lines = [",".join(r) for r in records]
    if dirty:
        for _ in range(rng.randrange(1, 4)):
            at = rng.randrange(0, len(lines))
            lines.insert(at, rng.choice(_ROW_PATH_ONLY)(rng))
    return HEADER + "\n" + "\n".join(lines) + "\n"


_ROW_PATH_ONLY = [
    lambda rng: "",  # a blank line
    lambda rng: "合计,,,,,,",
    lambda rng: 'PJ00001,2012-05-05,estimate,,"某""工程""",,',  # no amount; a quoted cell
    lambda rng: "PJ00002,2012-02-30,report,,,,",  # no such day
    lambda rng: "PJ00003,2001-01-01,estimate,100,,,",  # before the budget
    lambda rng: "PJ00004,2012-06-01,budget,100,第二预算,district_fiscal,",  # a second budget
    lambda rng: "PJ00005,2012-06-01,reject,,,,",  # perhaps answering nothing
    lambda rng: "PJ00006,2012-06-01,inspect,,,,",  # no such event
    lambda rng: f"PJ0000{rng.randrange(9)},2012-07-01,approve,-5,,,",
]


def _run(monkeypatch: pytest.MonkeyPatch, on: bool, *args: str) -> tuple[int, str]:
    monkeypatch.setenv("COMPLY_COLUMNAR", "1" if on else "0")
    result = CliRunner().invoke(main, ["budget", *args])
    return result.exit_code, result.output


def _both(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, source: Path, *extra: str
) -> tuple[int, str]:
    seen = []
    columnar.TAKEN.clear()
    for on in (False, True):
        suffix = Path(extra[extra.index("--out") + 1]).suffix if "--out" in extra else ""
        out = tmp_path / f"out-{on}{suffix}"
        args = [str(out) if a.startswith("OUT") else a for a in extra]
        code, shown = _run(monkeypatch, on, str(source), *args)
        shown = shown.replace(str(out), "OUT")
        seen.append((code, shown, out.read_bytes() if out.exists() else None))
    assert seen[0][0] == seen[1][0], (seen[0][1], seen[1][1])
    assert seen[0][1] == seen[1][1]
    assert seen[0][2] == seen[1][2]
    return seen[1][0], seen[1][1]


@pytest.mark.parametrize("seed", range(10))
def test_random_logs_decide_alike(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    dirty = seed % 3 == 2
    source = tmp_path / "budget.csv"
    source.write_text(random_log(rng, 300, dirty), encoding="utf-8")
    as_of = date(2012, 1, 1) + timedelta(days=rng.randrange(0, 500))
    fmt, lang = [(".jsonl", "en"), (".json", "zh"), (".csv", "en"), ("", "zh")][seed % 4]
    for jobs in ("1", "2"):
        out = ["--out", "OUT" + fmt] if fmt else []
        _both(
            monkeypatch, tmp_path, source, "--as-of", as_of.isoformat(), *out,
            "--lang", lang, "--jobs", jobs,
        )  # fmt: skip
        if not dirty and jobs == "1":
            assert columnar.TAKEN["logs by columns"] == 1, columnar.TAKEN


def test_a_clean_log_is_decided_from_columns_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Clean logs only, several thousand projects, every format the columns feed, on one
    core and on two (the workers read pieces, the parent joins and sorts them, the workers
    fold parts of the log)."""
    monkeypatch.setattr(parallel, "LOG_PART_EVENTS", 2000)  # the parent cuts several parts
    rng = random.Random(42)
    source = tmp_path / "budget.csv"
    source.write_text(random_log(rng, 3000, False), encoding="utf-8")
    for fmt, jobs in ((".jsonl", "1"), (".jsonl", "2"), (".csv", "2"), (".json", "1")):
        _both(
            monkeypatch, tmp_path, source, "--as-of", "2012-12-31", "--out", "OUT" + fmt,
            "--jobs", jobs, "--no-national",
        )  # fmt: skip
        if jobs == "1":
            assert columnar.TAKEN["logs by columns"] == 1, columnar.TAKEN


REFUSED_BY_A_REJECT = {
    # Two projects among many.
    "among others": random_log(random.Random(7), 200, False)
    + "PJ00010,2012-12-01,reject,,,,\nPJ00150,2012-12-02,reject,,,,\n",
    # Every project of a chunk (here the only one): nothing to decide (found by review:
    # the columnar path crashed).
    "every one": HEADER
    + "\nA,2012-03-01,budget,1000000,X,district_fiscal,\nA,2012-03-06,reject,,,,\n",
}


@pytest.mark.parametrize("text", REFUSED_BY_A_REJECT.values(), ids=list(REFUSED_BY_A_REJECT))
def test_a_reject_answering_nothing_is_reported_in_its_place(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str
) -> None:
    """The columnar path reports it as the row path does (and, on every core, the run goes
    back to one process, which reports it)."""
    source = tmp_path / "budget.csv"
    source.write_text(text, encoding="utf-8")
    for jobs in ("1", "2"):
        code, shown = _both(
            monkeypatch, tmp_path, source, "--as-of", "2012-12-31", "--out", "OUT.jsonl",
            "--jobs", jobs,
        )  # fmt: skip
        assert code == 2, shown
        assert "reject" in shown, shown


def test_ids_like_total_words_and_an_event_noted_as_a_total(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Ids that begin as a total word does (S1, T-2012) are looked at whole, as the row path
    looks at them, and stay on the columnar path; a row whose id is 合计 is a total (the row
    path skips it and says so), but an event whose note says 合计 is an event of its
    project (it was skipped as a total: the row path asked whether the row's id was a total
    word with no id column to ask it of)."""
    events = (
        "S1,2012-01-05,budget,100,X,district_fiscal,\n"
        "S1,2012-02-01,estimate,130,,,合计\nT-2012,2012-01-05,budget,100,Y,区财政,\n"
    )
    for total in ("", "合计,,,,,,\n"):
        source = tmp_path / "budget.csv"
        source.write_text(HEADER + "\n" + total + events, encoding="utf-8")
        code, shown = _both(
            monkeypatch, tmp_path, source, "--as-of", "2012-12-31", "--out", "OUT.jsonl",
            "--jobs", "1",
        )  # fmt: skip
        assert code == 0, shown
        taken = "logs by the row path" if total else "logs by columns"
        assert columnar.TAKEN[taken] == 1, columnar.TAKEN
        assert ("row 2 skipped" in shown) == bool(total), shown
        assert "row 3 skipped" not in shown, shown
        decided = (tmp_path / "out-True.jsonl").read_text(encoding="utf-8")
        assert '"subject": "S1", "status": "overrun_unreported"' in decided, decided


def test_quoted_cells_stay_on_the_columnar_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A log as a spreadsheet exports it (a name or a note holding a comma, an amount with
    thousands separators, quoted; a quote doubled inside one): read as CSV a block at a
    time, decided from columns, as the row path decides it; a quote that does not close,
    or that opens inside a cell, leaves the log to the row path."""
    rng = random.Random(11)
    lines = random_log(rng, 400, False).splitlines()
    quoted = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        if cells[4] and rng.random() < 0.3:
            cells[4] = f'"{cells[4]},一期"'
        if cells[3].isdigit() and rng.random() < 0.1:
            cells[3] = f'"{int(cells[3]):,}"'
        if rng.random() < 0.05:
            cells[6] = '"设计变更,""材料""上涨"'
        quoted.append(",".join(cells))
    source = tmp_path / "budget.csv"
    source.write_text("\n".join(quoted) + "\n", encoding="utf-8")
    for jobs in ("1", "2"):
        _both(
            monkeypatch, tmp_path, source, "--as-of", "2012-12-31", "--out", "OUT.jsonl",
            "--jobs", jobs,
        )  # fmt: skip
        if jobs == "1":
            assert columnar.TAKEN["logs by columns"] == 1, columnar.TAKEN
    for odd in ('PJ00001,2012-05-05,report,,某"工程,,\n', 'PJ00001,2012-05-05,report,,"某,,\n'):
        source.write_text("\n".join(quoted) + "\n" + odd, encoding="utf-8")
        _both(monkeypatch, tmp_path, source, "--as-of", "2012-12-31", "--out", "OUT.jsonl")


def test_a_recorded_run_keeps_the_same_entries(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`--record` on the columnar path: the ledger holds the same input rows (each row's
    cells as the row path hands them on, quoted ones too), decisions and rule files, in the
    same order, as on the row path."""

    rng = random.Random(21)
    lines = random_log(rng, 300, False).splitlines()
    cells = lines[5].split(",")
    lines[5] = ",".join([*cells[:6], '"设计变更,""加"""'])  # a quoted note
    source = tmp_path / "budget.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kept = []
    columnar.TAKEN.clear()
    for on in (False, True):
        ledger = tmp_path / f"ledger-{on}.sqlite"
        code, shown = _run(
            monkeypatch, on, str(source), "--as-of", "2012-12-31", "--out",
            str(tmp_path / f"out-{on}.jsonl"), "--record", "--ledger", str(ledger),
        )  # fmt: skip
        assert code == 0, shown
        kept.append(
            [e[2:] for e in blocks.entries(ledger, "rulebook", "input", "event", "decision")]
        )
    assert columnar.TAKEN["logs by columns"] == 1, columnar.TAKEN
    assert kept[0] == kept[1]
    assert sum(1 for kind, _, _ in kept[1] if kind == "input") == len(lines) - 1
    assert (tmp_path / "out-False.jsonl").read_bytes() == (tmp_path / "out-True.jsonl").read_bytes()


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(
        st.one_of(
            st.from_regex(r"\A\s?0{0,3}[0-9]{0,15}(\.[0-9]{0,3})?\s?\Z"),
            st.text(alphabet="0123456789٣, .万元亿-"),
        ),
        max_size=40,
    )
)
def test_amounts_are_read_to_fen_as_the_row_path_reads_them(texts: list[str]) -> None:
    """A change log's amounts become fen by Arrow where written plainly, by the row path's
    reader otherwise: each must be what the row path's reader makes of the cell."""
    fast = fields.FastRow.of(BudgetEvent)
    assert fast is not None
    long = ["0" * 5000 + "1300000.5", "0" * (columnar.MAX_CELL - 3) + "1.5"]  # past int()'s 4,300
    distinct = list(dict.fromkeys([*texts, *long, "0" * (columnar.MAX_CELL + 1)]))
    found = columnar.read_column(
        fast, "amount", distinct, np.arange(len(distinct)), frozenset({"amount"})
    )
    for at, text in enumerate(distinct):
        value = columnar.REFUSED if len(text) > columnar.MAX_CELL else fast._read("amount", text)
        if isinstance(value, Decimal):
            assert found.values[at] == int(value * 100) == found.fen[at], text
        else:
            assert found.values[at] is value, text
            assert found.fen[at] == 0, text


def _resolved_plainly(evaluator: Any, subject: Any, made: Any) -> Decision:
    """Evaluator.resolved as first written, snapshot by snapshot (its shapes remembered
    now): the statement it is held to."""
    actions: dict[Any, None] = {}
    verdicts: dict[Any, None] = {}
    statuses: list[str] = []
    distinct = list({id(plan): plan for plan in made}.values())
    for i, plan in enumerate(made):
        statuses += plan.statuses
        if not plan.verdicts and not plan.makers:
            continue
        snapshot = subject.snapshots[i]
        for rule_id, met in plan.verdicts:
            verdicts[evaluator._verdict(rule_id, met, snapshot)] = None
        for make in plan.makers:
            actions[make(snapshot)] = None
    assert len(statuses) <= 1
    if len(distinct) == 1:
        fired, suppressed = distinct[0].fired, distinct[0].suppressed
    else:
        ids = {rule for plan in distinct for rule in plan.fired}
        fired = tuple(rule for rule in evaluator._ids if rule in ids)
        suppressed = tuple(dict.fromkeys(s for plan in distinct for s in plan.suppressed))
    return Decision(
        subject=subject.key,
        status=statuses[0] if statuses else UNDETERMINED,
        actions=tuple(actions),
        fired=fired,
        suppressed=suppressed,
        values=tuple(subject.values.items()),
        criteria=tuple(sorted(verdicts, key=lambda v: evaluator._order[v.rule])),
    )


@pytest.mark.parametrize("columns", [True, False])
def test_decisions_from_remembered_shapes_are_the_plain_ones(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, columns: bool
) -> None:
    """Each subject's decision, resolved from its plans' remembered shape, is what
    resolving snapshot by snapshot gives: every kind's example, and random change logs
    (both paths), as of dates before, within and after their events."""
    seen = []
    resolved = Evaluator.resolved

    def checked(self: Evaluator, subject: Any, made: Any) -> Decision:
        found = resolved(self, subject, made)
        assert found == _resolved_plainly(self, subject, made), subject.key
        seen.append(subject.key)
        return found

    monkeypatch.setattr(Evaluator, "resolved", checked)
    monkeypatch.setenv("COMPLY_COLUMNAR", "1" if columns else "0")
    for example in KIND_EXAMPLES:
        result = CliRunner().invoke(main, [*example.args, "--format", "jsonl"])
        assert result.exit_code == 0, result.output
    rng = random.Random(5)
    source = tmp_path / "budget.csv"
    source.write_text(random_log(rng, 400, False), encoding="utf-8")
    for as_of in ("2012-01-15", "2012-06-30", "2012-10-31", "2013-12-31"):
        result = CliRunner().invoke(
            main, ["budget", str(source), "--as-of", as_of, "--format", "jsonl"]
        )
        assert result.exit_code == 0, result.output
    assert len(seen) > 1000


@settings(max_examples=200, deadline=None)
@given(
    cells=st.lists(
        st.fixed_dictionaries(
            {
                name: st.text(
                    alphabet=st.characters(codec="utf-8")
                    | st.sampled_from(
                        ['"', "\\", "\x00", "\x1f", " ", "\u3000", "\t", "合", "\ud800"]
                    ),
                    max_size=6,
                )
                for name in ("project_id", "date", "event", "amount", "note")
            }
        ),
        min_size=1,
        max_size=30,
    ),
    first=st.integers(2, 10**7),
)
def test_input_rows_for_the_ledger_are_made_as_input_entry_makes_them(
    cells: list[dict[str, str]], first: int
) -> None:
    """A recorded log's input rows made a column at a time (each distinct cell trimmed and
    encoded once) are ledger.input_entry's, row by row, byte for byte."""
    coded = {}
    for name in cells[0]:
        texts = [row[name] for row in cells]
        lookup: dict[str, int] = {}
        index = np.array([lookup.setdefault(t, len(lookup)) for t in texts], dtype=np.int64)
        coded[name] = columnar.Coded(index, list(lookup), list(lookup))
    rows = np.arange(first, first + 2 * len(cells), 2, dtype=np.int64)
    expected = "".join(
        ledger.input_entry(int(row), {n: c.strip() for n, c in given.items()})
        for row, given in zip(rows, cells, strict=True)
    )
    assert ledger.input_entries(rows.tolist(), columnar.trimmed(coded)) == expected


def test_parts_of_a_log_read_on_every_core_are_decided_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A change log read on every core is cut into parts of whole projects, each decided
    by a worker from the columns the parent read, never by reading the file again: a small
    file (one process reads it by the row path) was read whole by each part's worker, so
    that with --record every input row went into the ledger twice, and with --no-cache each
    part decided every project. As a user runs it: COMPLY_COLUMNAR unset."""
    monkeypatch.delenv("COMPLY_COLUMNAR", raising=False)
    monkeypatch.setattr(parallel, "LOG_PART_EVENTS", 100)  # parts are cut by the parent
    source = tmp_path / "budget.csv"
    source.write_text(random_log(random.Random(31), 120, False), encoding="utf-8")
    ledger_path = tmp_path / "ledger.sqlite"
    runs = {
        "one process": ["--jobs", "1"],
        "every core": ["--jobs", "2"],
        "no cache": ["--jobs", "2", "--no-cache"],
        "recorded": ["--jobs", "2", "--record", "--ledger", str(ledger_path)],
    }
    written = {}
    for name, extra in runs.items():
        out = tmp_path / f"{name}.jsonl"
        result = CliRunner().invoke(
            main, ["budget", str(source), "--as-of", "2012-12-31", "--out", str(out), *extra]
        )
        assert result.exit_code == 0, (name, result.output)
        written[name] = out.read_bytes()
    assert len(written["one process"].splitlines()) == 120
    for name in runs:
        assert written[name] == written["one process"], name
    rows = len(source.read_text(encoding="utf-8").splitlines()) - 1
    listed = CliRunner().invoke(main, ["ledger", "list", "--ledger", str(ledger_path)]).output
    assert f" {rows} rows, 120 decisions" in listed, listed
    replayed = CliRunner().invoke(main, ["ledger", "replay", "1", "--ledger", str(ledger_path)])
    assert replayed.exit_code == 0, replayed.output
    assert "0 decisions differ" in replayed.output
