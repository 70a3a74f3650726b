"""Scale without a different answer: the combination cache, the parts and Dask.

Every decision the fast paths make must be the one the engine makes subject by subject in
one process: the cache is checked against the engine, the parts against one process,
byte for byte, bad rows and ledger included.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from comply.cli import main
from comply.engine import collector, ledger, memo, parallel
from comply.engine.kinds import parcels
from comply.engine.kinds.parcels import Parcel
from comply.engine.loader import RowReader
from comply.engine.pipeline import decide, decide_rows, prepare
from comply.engine.progress import Progress
from comply.engine.writers import writer
from comply.engine.writers.json_records import JsonLinesWriter
from comply.engine.writers.table import TableWriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kind_examples import EXAMPLE_IDS, Example
from kind_examples import EXAMPLES as KIND_EXAMPLES
from test_engine import random_parcel

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "district-2012"
COLUMNS = list(Parcel.model_fields)
SOME = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def comply(*args: str, code: int | None = 0) -> str:
    """The output of a run; `code` None accepts any exit status, shown in the output."""
    result = CliRunner().invoke(main, list(args))
    if code is None:
        return f"exit {result.exit_code}\n{result.output}"
    assert result.exit_code == code, result.output
    return result.output


def write_parcels(path: Path, rows: list[dict[str, Any]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: str(v).lower() if isinstance(v, bool) else v for k, v in row.items()}
            )
    return path


def parcels_file(path: Path, count: int, seed: int = 7, **kwargs: Any) -> Path:
    rng = random.Random(seed)
    rows = [random_parcel(rng, n) for n in range(count)]
    for n, row in enumerate(rows):
        if n % 97 == 0:  # a cell with a quote, a comma and a line break: cuts must respect it
            row["holder"] = f'某"置业",有限\n公司{n}'
    return write_parcels(path, rows, **kwargs)


# ---- the combination cache ----


@SOME
@given(seed=st.integers(0, 10**6), as_of=st.dates(date(2012, 7, 1), date(2017, 12, 31)))
def test_the_cache_gives_the_engines_answer_for_every_parcel(seed: int, as_of: date) -> None:
    rng = random.Random(seed)
    items = [Parcel.model_validate(random_parcel(rng, n)) for n in range(300)]

    def decided(cached: bool) -> list[Any]:
        prepared = prepare(parcels.KIND, as_of, cached=cached)
        return [decision for _, decision in decide_rows(prepared, [(0, p) for p in items])]

    assert decided(True) == decided(False)


@pytest.mark.parametrize("as_of", ["2012-08-31", "2013-06-30", "2014-12-31"])
@pytest.mark.parametrize("case", KIND_EXAMPLES, ids=EXAMPLE_IDS)
def test_the_cache_changes_no_decision_of_the_examples(
    tmp_path: Path, case: Example, as_of: str
) -> None:
    outputs = []
    args = case.args[: case.args.index("--as-of")] + case.args[case.args.index("--as-of") + 2 :]
    for cache in ("--cache", "--no-cache"):
        out = tmp_path / f"{cache}.json"
        comply(*args, "--as-of", as_of, "--format", "json", "--out", str(out), cache)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


# ---- cutting a file into pieces ----

cell = st.text(alphabet='ab,"\n\r 地块', max_size=6)


@settings(max_examples=200, deadline=None)
@given(
    records=st.lists(st.lists(cell, min_size=3, max_size=3), min_size=1, max_size=30),
    size=st.integers(1, 120),
    crlf=st.booleans(),
)
def test_pieces_cut_at_record_ends_and_keep_row_numbers(
    tmp_path_factory: pytest.TempPathFactory, records: list[list[str]], size: int, crlf: bool
) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n" if crlf else "\n").writerows(
        [["a", "b", "c"], *records]
    )
    path = tmp_path_factory.mktemp("cut") / "f.csv"
    path.write_bytes(buffer.getvalue().encode())
    whole = list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    starts = _record_lines(buffer.getvalue())
    found: list[list[str]] = []
    found_starts: list[int] = []
    pieces = list(parallel.pieces(path, True, size))
    for piece in pieces:
        text = (piece.header + piece.data).decode()
        local = _record_lines(text)
        found += list(csv.reader(io.StringIO(text, newline="")))[1:]
        found_starts += [line + piece.offset for line in local[1:]]
    assert (
        b"".join(p.data for p in pieces) == path.read_bytes()[len(pieces[0].header) :]
        if pieces
        else True
    )
    assert found == whole[1:]
    assert found_starts == starts[1:]


def _record_lines(text: str) -> list[int]:
    """The line on which each CSV record starts, as a spreadsheet numbers them."""
    reader = csv.reader(io.StringIO(text, newline=""))
    lines, start = [], 1
    for _ in reader:
        lines.append(start)
        start = reader.line_num + 1
    return lines


# ---- parts evaluated by workers, joined ----


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PIECE_BYTES", 16_000)  # about 100 parcels a piece


AS_OF = {"parcels": "2013-03-01", "budget": "2012-10-31"}


def run_both(
    tmp_path: Path,
    source: Path,
    *args: str,
    code: int | None = 0,
    workers: tuple[str, ...] = (),
    command: str = "parcels",
) -> tuple[Any, Any]:
    """(output, messages) of one process, then of two workers (or as `workers` says);
    "{n}" in an argument is the run's number."""
    results = []
    for n, how in enumerate([("--jobs", "1"), workers or ("--jobs", "2")]):
        out = tmp_path / f"out-{n}-{source.stem}"
        messages = comply(
            command,
            str(source),
            "--as-of",
            AS_OF[command],
            "--out",
            str(out),
            *how,
            *(arg.format(n=n) for arg in args),
            code=code,
        )
        results.append((_written(out), messages.replace(str(out), "OUT")))
    return results[0], results[1]


def _written(out: Path) -> Any:
    """An output's bytes; a workbook's members, but the moment it was made (core.xml)."""
    if not out.exists():
        return None
    data = out.read_bytes()
    if not data.startswith(b"PK"):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {n: book.read(n) for n in book.namelist() if n != "docProps/core.xml"}


@pytest.fixture
def fallbacks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Why runs in parts went back to one process (so a test sees parts really joined)."""
    seen: list[str] = []
    in_parts = parallel.evaluate

    def watched(*args: Any, **kwargs: Any) -> Any:
        try:
            return in_parts(*args, **kwargs)
        except parallel.Fallback as exc:
            seen.append(str(exc))
            raise

    monkeypatch.setattr(parallel, "evaluate", watched)
    return seen


@pytest.mark.usefixtures("small_pieces")
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json", "table", "xlsx"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_two_workers_write_what_one_process_writes(
    tmp_path: Path, fmt: str, lang: str, fallbacks: list[str]
) -> None:
    source = parcels_file(tmp_path / "p.csv", 1500)
    lf = tmp_path / "lf.csv"  # line feeds alone (the csv module writes CRLF, as Excel does)
    lf.write_bytes(source.read_bytes().replace(b"\r\n", b"\n"))
    one, two = run_both(tmp_path, lf, "--format", fmt, "--lang", lang)
    assert one[0] is not None
    assert one == two
    one, two = run_both(tmp_path, source, "--format", fmt, "--lang", lang)
    assert one[0] is not None
    assert one == two
    assert fallbacks == []  # joined from parts, not read again by one process


@pytest.mark.usefixtures("small_pieces")
def test_a_workbook_s_rows_sent_in_many_lines_are_the_rows_one_process_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fallbacks: list[str]
) -> None:
    """A worker sends its subjects' rows a few at a time (xlsx.SENT_TOGETHER), the rest
    when its part is decided: none lost, none out of order."""
    from comply.engine.writers import xlsx

    monkeypatch.setattr(xlsx, "SENT_TOGETHER", 7)  # about 100 parcels a part: 15 lines
    source = parcels_file(tmp_path / "p.csv", 1500)
    one, two = run_both(tmp_path, source, "--format", "xlsx", "--lang", "zh")
    assert one[0] is not None
    assert one == two
    assert fallbacks == []


@pytest.mark.usefixtures("small_pieces")
def test_a_table_of_a_register_with_its_own_columns_is_gathered_from_workers(
    tmp_path: Path, fallbacks: list[str]
) -> None:
    """A table keeps the register's own columns (序号, 备注) beside each decision: the
    workers send their rows' cells and the headings, the run aligns them as one process."""
    source = parcels_file(tmp_path / "p.csv", 900)
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    kept = tmp_path / "kept.csv"
    with kept.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["序号", *rows[0], "备注"])
        for n, row in enumerate(rows[1:], start=1):
            note = "" if n % 5 else f"备注{n}：待核查 \x1f\x1e\x1d"  # control characters
            writer.writerow([n, *row, note])
    for lang in ("en", "zh"):
        one, two = run_both(tmp_path, kept, "--format", "table", "--lang", lang)
        assert one[0] is not None
        assert "备注" in one[0].decode("utf-8")
        assert one == two
        # A workbook's: the register's own cells as their types, its summed columns'
        # totals, from the values the workers send.
        one, two = run_both(tmp_path, kept, "--format", "xlsx", "--lang", lang)
        assert one[0] is not None
        assert "备注" in one[0]["xl/worksheets/sheet1.xml"].decode("utf-8")
        assert one == two
    assert fallbacks == []


def test_a_workers_workbook_writer_serving_another_run_takes_its_columns_again() -> None:
    """A Dask worker keeps its writers from run to run: a part of a register with its own
    columns, then a part of a plain file, sends what a new writer sends for the second (it
    sent the first register's columns, and its values under them); nothing the first part
    held back (it failed before it was decided whole) is sent with the second."""
    kind = parcels.KIND
    as_of = date(2012, 8, 31)
    prepared = prepare(kind, as_of)

    def pairs(source: Path) -> list[Any]:
        reader = kind.reader(source, keep=True)
        return [
            pair
            for subjects, decisions in decide(prepared, reader)
            for pair in zip(subjects, decisions, strict=True)
        ]

    def sent(made: Any, part: list[Any], whole: bool = True) -> str:
        text = io.StringIO()
        made.restart(text)
        for subject, decision in part:
            made.decision(decision, subject)
        if whole:  # as a worker does once its part is decided
            made.part_written()
        return text.getvalue()

    def workbook_writer() -> Any:
        return writer("xlsx", kind, prepared.families, as_of, "zh", io.StringIO())

    register = pairs(EXAMPLES.parent / "registers" / "county-2012.xlsx")
    plain = pairs(EXAMPLES / "parcels.csv")
    own = register[0][0].register
    assert own is not None
    assert len(own.values) > 10  # the register's own columns, kept
    kept = workbook_writer()
    sent(kept, register, whole=False)
    assert sent(kept, plain) == sent(workbook_writer(), plain)
    assert len(sent(kept, plain).splitlines()) == 2  # the columns, then its 34 parcels


def test_a_table_gathered_from_parts_is_the_table_written_whole() -> None:
    """Parts a table's writers send (a worker's, after restart) and the run's writer
    gathers: the same table, criteria lines under their rows included (intake lists them;
    one process decides it, being ranked)."""
    case = next(c for c in KIND_EXAMPLES if c.kind.command == "intake")
    kind, as_of = case.kind, case.as_of
    prepared = prepare(kind, as_of, case.options)
    pairs = [
        pair
        for subjects, decisions in decide(prepared, kind.reader(case.file))
        for pair in zip(subjects, decisions, strict=True)
    ]
    assert any(d.criteria for _, d in pairs)

    def table(**kwargs: Any) -> TableWriter:
        made = writer("table", kind, prepared.families, as_of, "zh", io.StringIO(), **kwargs)
        assert isinstance(made, TableWriter)
        return made

    whole, gathered = table(), table()
    for subject, decision in pairs:
        whole.decision(decision, subject)
    half = len(pairs) // 2
    for part in (pairs[:half], pairs[half:]):
        worker, text = table(), io.StringIO()
        worker.restart(text)
        for subject, decision in part:
            worker.decision(decision, subject)
        gathered.gather(text.getvalue())
        gathered.summary.merge(worker.summary)
    whole.finish()
    gathered.finish()
    shown = whole.out.getvalue()  # type: ignore[attr-defined]
    assert "达标" in shown or "未达标" in shown or "met" in shown
    assert gathered.out.getvalue() == shown  # type: ignore[attr-defined]


@pytest.mark.usefixtures("small_pieces")
def test_a_gbk_file_and_json_lines_split_alike(tmp_path: Path, fallbacks: list[str]) -> None:
    source = parcels_file(tmp_path / "p.csv", 800, encoding="gb18030")
    one, two = run_both(tmp_path, source, "--format", "jsonl")
    assert one == two
    lines = tmp_path / "p.jsonl"
    rng = random.Random(3)
    lines.write_text(
        "\ufeff"
        + "".join(
            __import__("json").dumps(random_parcel(rng, n), default=str, ensure_ascii=False) + "\n"
            for n in range(800)
        ),
        encoding="utf-8",
    )
    one, two = run_both(tmp_path, lines, "--format", "jsonl")
    assert one[0] is not None
    assert one == two
    assert fallbacks == []


def _with_bad_rows(path: Path) -> Path:
    rng = random.Random(5)
    rows = [random_parcel(rng, n) for n in range(900)]
    rows[10]["price"] = "abc"
    rows[450]["agreed_start"] = "2013-02-30"
    rows[800]["supply"] = "lease"
    # Facts that contradict each other, seen only once the facts are built (L15).
    rows[300].update(agreed_start=date(2012, 1, 10), fee_levied_on=date(2012, 6, 1))
    rows[300].pop("delivered_on", None)
    rows[300].pop("extended_start", None)
    rows[300]["government_delay_days"] = 0
    return write_parcels(path, rows)


@pytest.mark.usefixtures("small_pieces")
def test_bad_rows_are_reported_as_one_process_reports_them(tmp_path: Path) -> None:
    source = _with_bad_rows(tmp_path / "bad.csv")
    one, two = run_both(tmp_path, source, "--format", "jsonl", code=2)
    assert one == two
    assert one[0] is None
    assert "row 12, column 'price'" in one[1]
    assert "row 802, column 'supply'" in one[1]
    lines = [line for line in one[1].splitlines() if ": row " in line]
    assert [line.split(": row ")[1].split(",")[0] for line in lines] == ["12", "302", "452", "802"]
    one, two = run_both(tmp_path, source, "--format", "jsonl", "--lang", "zh", code=2)
    assert one == two
    assert "第 452 行，列 'agreed_start'" in one[1]
    rejects = [tmp_path / "r0.csv", tmp_path / "r1.csv"]
    skip = ("--format", "jsonl", "--skip-invalid", "--rejects", str(tmp_path / "r{n}.csv"))
    one, two = run_both(tmp_path, source, *skip)
    assert one[0] == two[0]
    assert rejects[0].read_bytes() == rejects[1].read_bytes()
    assert rejects[0].read_text().count("\n") == 5


@pytest.mark.usefixtures("small_pieces")
@pytest.mark.parametrize("repeat", [5, 700], ids=["same piece", "another piece"])
def test_a_repeated_id_is_reported_wherever_it_falls(tmp_path: Path, repeat: int) -> None:
    rng = random.Random(9)
    rows = [random_parcel(rng, n) for n in range(900)]
    rows[repeat + 1]["parcel_id"] = (
        rows[repeat]["parcel_id"] if repeat == 5 else rows[3]["parcel_id"]
    )
    source = write_parcels(tmp_path / "dup.csv", rows)
    one, two = run_both(tmp_path, source, "--format", "jsonl", code=2)
    assert one == two
    assert "a unique id" in one[1]


@pytest.mark.usefixtures("small_pieces")
def test_a_workbook_begun_from_parts_then_made_by_one_process_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fallbacks: list[str]
) -> None:
    """A run in parts that goes back to one process (a total line in a late part), or
    fails (an id repeated in another part), after the run's workbook has taken rows from
    parts: the workbook one process writes, or nothing; no workbook scratch left."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    source = parcels_file(tmp_path / "p.csv", 900)
    total = tmp_path / "total.csv"
    total_line = "合计" + "," * (len(COLUMNS) - 1) + "\n"
    total.write_text(source.read_text(encoding="utf-8") + total_line, encoding="utf-8")
    one, two = run_both(tmp_path, total, "--format", "xlsx")
    assert one[0] is not None
    assert one == two
    assert fallbacks == ["rows that are no subject (totals): one process reports them"]
    rng = random.Random(9)
    rows = [random_parcel(rng, n) for n in range(900)]
    rows[701]["parcel_id"] = rows[3]["parcel_id"]
    one, two = run_both(
        tmp_path, write_parcels(tmp_path / "dup.csv", rows), "--format", "xlsx", code=2
    )
    assert one == two
    assert one[0] is None
    assert "a unique id" in one[1]
    assert not list(scratch.iterdir())


@pytest.mark.usefixtures("small_pieces")
def test_a_recorded_run_in_parts_is_one_run_of_the_same_decisions(tmp_path: Path) -> None:
    source = parcels_file(tmp_path / "p.csv", 600)
    db = tmp_path / "ledger.sqlite"
    for workers in ("1", "2"):
        comply(
            "parcels",
            str(source),
            "--as-of",
            "2013-03-01",
            "--out",
            str(tmp_path / "o.json"),
            "--jobs",
            workers,
            "--record",
            "--ledger",
            str(db),
        )
    assert ledger.verify(db).broken is None
    with sqlite3.connect(db) as connection:
        entries = [
            connection.execute(
                "SELECT kind, key, body FROM chain WHERE run = ? AND kind IN ('input', "
                "'decision') ORDER BY seq",
                (run,),
            ).fetchall()
            for run in (1, 2)
        ]
    assert entries[0] == entries[1]  # the same entries, in the same order
    assert ledger.header(db, 2)["rows"] == 600


def test_what_cannot_be_split_is_refused_with_the_reason(tmp_path: Path) -> None:
    log = tmp_path / "budget.jsonl"
    log.write_text("", encoding="utf-8")
    out = comply("budget", str(log), "--jobs", "2", code=2)
    assert "--jobs 2: not for this run: a change log is split by subject from a CSV" in out
    args = ["--jobs", "2", "--header-row", "2"]
    out = comply("parcels", str(EXAMPLES / "parcels.csv"), *args, code=2)
    assert "--jobs 2: not for this run: a register whose header is not its first row" in out
    out = comply("parcels", str(EXAMPLES / "parcels.csv"), "--scheduler", "tcp://x:1", code=2)
    assert "--executor dask" in out
    args = ["--executor", "dask", "--scheduler", "notaport:abc", "--format", "jsonl"]
    out = comply("parcels", str(EXAMPLES / "parcels.csv"), *args, code=2)
    assert "--scheduler notaport:abc: no Dask cluster to work with" in out


@pytest.mark.usefixtures("small_pieces")
def test_a_local_dask_cluster_writes_what_one_process_writes(tmp_path: Path) -> None:
    source = parcels_file(tmp_path / "p.csv", 700)
    one, dask = run_both(
        tmp_path, source, "--format", "jsonl", workers=("--executor", "dask", "--jobs", "2")
    )
    assert one[0] is not None
    assert one[0] == dask[0]
    logs = tmp_path / "logs"
    logs.mkdir()
    one, _ = run_budget(logs, EXAMPLES / "budget.csv", "--format", "jsonl")
    dask_out = logs / "dask.jsonl"
    comply(
        "budget", str(EXAMPLES / "budget.csv"), "--as-of", "2012-10-31", "--out", str(dask_out),
        "--format", "jsonl", "--executor", "dask", "--jobs", "2",
    )  # fmt: skip
    assert dask_out.read_bytes() == one[0]


@pytest.mark.usefixtures("small_pieces")
@pytest.mark.parametrize(
    "damage",
    ["carriage returns", "a quote inside a cell", "empty", "header only", "header misspelt"],
)
def test_files_one_process_must_read_are_read_by_one_process(
    tmp_path: Path, damage: str, fallbacks: list[str]
) -> None:
    source = parcels_file(tmp_path / "p.csv", 1200)
    data = source.read_bytes()
    header, _, body = data.partition(b"\n")
    if damage == "carriage returns":  # old Mac line ends: Python reads them, the cut would not
        data = data.replace(b"\n", b"\r")
    elif damage == "a quote inside a cell":  # a literal quote, then a quoted line break
        lines = body.split(b"\n")
        lines[300] = lines[300].replace(b",", b'X"Y,', 1)
        data = header + b"\n" + b"\n".join(lines)
    elif damage == "empty":
        data = b""
    elif damage == "header only":
        data = header + b"\n"
    else:
        data = header.replace(b"holder", b"holdr") + b"\n" + body
    source.write_bytes(data)
    one = run_both(tmp_path, source, "--format", "jsonl", code=None)
    assert one[0] == one[1]
    assert len(fallbacks) == 1  # the run in parts saw it, and handed it to one process


def test_json_lines_with_carriage_returns_are_read_by_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "PIECE_BYTES", 16_000)
    rng = random.Random(4)
    lines = [json.dumps(random_parcel(rng, n), default=str) for n in range(800)]
    source = tmp_path / "p.jsonl"
    source.write_text("\r".join(lines) + "\r", encoding="utf-8")
    one, two = run_both(tmp_path, source, "--format", "jsonl")
    assert one == two
    assert one[0].count(b"\n") == 800


def test_the_cache_when_full_starts_again_and_answers_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(memo, "LIMIT", 7)
    rng = random.Random(31)
    items = [Parcel.model_validate(random_parcel(rng, n)) for n in range(1200)]
    as_of = date(2013, 5, 1)
    decided = []
    for cached in (True, False):
        prepared = prepare(parcels.KIND, as_of, cached=cached)
        assert prepared.memo.combinations.limit == 7
        decided.append([d for _, d in decide_rows(prepared, [(0, p) for p in items])])
    assert decided[0] == decided[1]


# ---- change logs: split by subject ----

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def budget_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20,000 events of 2,000 projects, some rows swapped and projects interleaved."""
    path = tmp_path_factory.mktemp("log") / "budget.csv"
    script = BENCH / "gen_budget.py"
    subprocess.run([sys.executable, str(script), "20000", str(path)], check=True)
    return path


def run_budget(tmp_path: Path, source: Path, *args: str, code: int | None = 0) -> tuple[Any, Any]:
    return run_both(tmp_path, source, *args, code=code, command="budget")


@pytest.mark.usefixtures("small_pieces")
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json", "table", "xlsx"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_change_log_in_two_workers_is_what_one_process_writes(
    tmp_path: Path, budget_log: Path, fmt: str, lang: str, fallbacks: list[str]
) -> None:
    one, two = run_budget(tmp_path, budget_log, "--format", fmt, "--lang", lang)
    assert one[0] is not None
    assert one == two
    assert fallbacks == []


def _recorded_entries(db: Path, run: int) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db) as connection:
        found: list[tuple[str, str, str]] = connection.execute(
            "SELECT kind, key, body FROM chain WHERE run = ? AND kind IN ('input', "
            "'decision') ORDER BY seq",
            (run,),
        ).fetchall()
    return found


@pytest.mark.usefixtures("small_pieces")
@pytest.mark.parametrize("total_line", [False, True])
def test_a_recorded_change_log_in_two_workers_is_one_process_run(
    tmp_path: Path,
    budget_log: Path,
    monkeypatch: pytest.MonkeyPatch,
    fallbacks: list[str],
    total_line: bool,
) -> None:
    """Decided in parts of projects, its rows handed to the ledger in file order by the
    parent meanwhile: the ledger's entries and the output are one process's. A log the
    columns do not take (a total line) is recorded by one process."""
    monkeypatch.setattr(parallel, "LOG_PART_EVENTS", 3000)  # several parts
    source = budget_log
    if total_line:
        source = tmp_path / "with-total.csv"
        text = budget_log.read_text(encoding="utf-8")
        source.write_text(text + "合计,,,,,,\n", encoding="utf-8")
    db = tmp_path / "ledger.sqlite"
    one, two = run_budget(tmp_path, source, "--format", "jsonl", "--record", "--ledger", str(db))
    assert one[0] is not None
    assert one[0] == two[0]
    assert one[1].replace("run 1", "run 2") == two[1]
    assert ledger.verify(db).broken is None
    assert _recorded_entries(db, 1) == _recorded_entries(db, 2)
    assert ledger.header(db, 2)["rows"] == ledger.header(db, 1)["rows"] >= 20_000
    if total_line:
        assert fallbacks == ["a recorded change log not read as columns: its rows go in file order"]
    else:
        assert fallbacks == []  # recorded from parts, not read again by one process


@pytest.mark.usefixtures("small_pieces")
def test_a_change_log_with_problems_is_reported_as_one_process_reports_it(
    tmp_path: Path, budget_log: Path
) -> None:
    lines = budget_log.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[500] = lines[500].replace(",estimate,", ",estimated,")
    lines[9000] = lines[9000].replace("2012-", "2012-13-", 1)
    broken = tmp_path / "broken.csv"
    broken.write_text("".join(lines), encoding="utf-8")
    one, two = run_budget(tmp_path, broken, "--format", "jsonl", code=2)
    assert one == two
    assert "row 501, column 'event'" in one[1]


@pytest.mark.usefixtures("small_pieces")
@pytest.mark.parametrize("damage", ["carriage returns", "a carriage return in a note"])
def test_a_change_log_one_process_must_read_is_read_by_one_process(
    tmp_path: Path, budget_log: Path, damage: str
) -> None:
    data = budget_log.read_bytes()
    if damage == "carriage returns":
        data = data.replace(b"\n", b"\r")
    else:
        lines = data.split(b"\n")
        lines[40] = lines[40] + b',"see\rmemo"'
        data = b"\n".join(lines)
    source = tmp_path / "log.csv"
    source.write_bytes(data)
    one, two = run_budget(tmp_path, source, "--format", "jsonl", code=None)
    assert one == two


# ---- JSON from fragments ----


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case", KIND_EXAMPLES, ids=EXAMPLE_IDS)
def test_json_from_fragments_is_what_json_dumps_writes(
    tmp_path: Path, case: Example, lang: str
) -> None:
    kind = case.kind
    files = [case.file]
    if kind is parcels.KIND:  # and random parcels, with every action and value
        rng = random.Random(23)
        rows = [random_parcel(rng, n) for n in range(1500)]
        files.append(write_parcels(tmp_path / "random.csv", rows))
    for as_of in (date(2012, 8, 31), date(2013, 9, 30), date(2015, 1, 1)):
        prepared = prepare(kind, as_of, case.options)
        writer = JsonLinesWriter(
            kind, prepared.families, as_of, lang, io.StringIO(), memo=prepared.memo
        )
        for source in files:
            reader = RowReader(source, kind.model, kind.id_field if kind.unique_rows else None)
            for _, decisions in decide(prepared, reader):
                for decision in decisions:
                    expected = json.dumps(writer.as_dict(decision), ensure_ascii=False)
                    assert writer.as_json(decision) == expected


# ---- the progress bar ----


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_the_share_read_and_the_pace() -> None:
    screen = Terminal()
    progress = Progress("parcels", total=1000, stream=screen)
    progress.tick(Progress.EVERY - 1, lambda: 100)
    assert screen.getvalue() == ""  # not yet: every 10,000 subjects
    progress.tick(1, lambda: 450)
    line = screen.getvalue()
    assert line.startswith("\r[###########.............]  45%  10,000 parcels decided (")
    progress.done()
    assert screen.getvalue().endswith("\r")
    quiet = io.StringIO()  # not a terminal: nothing is drawn
    Progress("parcels", total=1000, stream=quiet).tick(10_000, lambda: 500)
    assert quiet.getvalue() == ""


# ---- how workers start ----


def test_workers_are_forked_from_a_run_of_one_thread_and_spawned_otherwise() -> None:
    """Forking copies every lock as it stands: a lock another Python thread held at the
    fork would stay held in the worker. None (a fresh process, numpy and Arrow imported:
    their own threads run no Python): forked; one: spawned."""
    code = (
        "import numpy, pyarrow; from comply.engine import columnar, parallel;"
        " print(parallel.start_method())"
    )
    fresh = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
    )
    assert fresh.stdout.strip() == "fork"
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert parallel.start_method() == "spawn"
    finally:
        stop.set()
        other.join()


INTERRUPTED = """
import os, signal, sys, time
from comply.engine import parallel

def pid():
    return os.getpid()

def sleeping():
    time.sleep(60)

executor = parallel.LocalExecutor(2)
executor.submit(pid).result()
workers = list(executor._pool._processes)
for worker in workers:  # waiting for a part: Ctrl-C leaves them to the run
    os.kill(worker, signal.SIGINT)
time.sleep(0.5)
for worker in workers:
    os.kill(worker, 0)  # alive
print("waiting:", executor.submit(pid).result() in workers)
working = [executor.submit(sleeping) for _ in workers]
time.sleep(1)
for worker in workers:  # working on a part: Ctrl-C stops it
    os.kill(worker, signal.SIGINT)
for future in working:
    try:
        future.result(timeout=30)
    except KeyboardInterrupt:
        print("working: interrupted")
executor.close()
"""


def test_ctrl_c_stops_a_workers_part_and_leaves_a_waiting_worker_to_the_run(
    tmp_path: Path,
) -> None:
    """The terminal sends Ctrl-C to every process of the run: a worker waiting for its
    next part (the run writing a workbook's rows, say) printed a traceback of its own; it
    now leaves the ending to the run. A worker working on a part stops it. Real workers,
    real signals."""
    script = tmp_path / "interrupted.py"
    script.write_text(INTERRUPTED, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["waiting: True", *["working: interrupted"] * 2]
    assert "Traceback" not in done.stderr, done.stderr


STARTING = """
import os, signal, sys, time
from comply.engine import parallel

def pid():
    return os.getpid()

started = parallel._worker_starts
def slowly(parent):  # a worker slow to start: a Ctrl-C comes before its handler is set
    time.sleep(1)
    started(parent)
parallel._worker_starts = slowly
executor = parallel.LocalExecutor(2)
first = executor.submit(pid)
for worker in list(executor._pool._processes):
    os.kill(worker, signal.SIGINT)
print("worked:", first.result(timeout=60) in executor._pool._processes)
executor.close()
"""


def test_a_ctrl_c_while_workers_start_is_held_back_until_they_can_take_it(
    tmp_path: Path,
) -> None:
    """Ctrl-C reaching workers still starting (before their handler is set): held back,
    then taken by their handler, which leaves a waiting worker to the run. Unheld, each
    printed "Exception in initializer" with a traceback, and the pool broke (a flaky
    failure of the test above, when the second worker was slow to start)."""
    script = tmp_path / "starting.py"
    script.write_text(STARTING, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["worked: True"]
    assert "Traceback" not in done.stderr, done.stderr


# The CLI run as a user runs it, telling which way its workers started.
WATCHED = """
import sys
from comply.engine import parallel
chosen = parallel.start_method
def start_method():
    found = chosen()
    print("workers:", found, file=sys.stderr)
    return found
parallel.start_method = start_method
context = parallel.get_context
def get_context(method):
    imported = "comply.engine.columnar" in sys.modules
    print("columnar imported before the fork:", imported, file=sys.stderr)
    return context(method)
parallel.get_context = get_context
from comply.cli import main
sys.argv[0] = "comply"
main()
"""


@pytest.mark.parametrize(
    ("command", "generator", "size", "as_of"),
    [
        ("parcels", "gen_parcels.py", 20_000, "2012-08-31"),
        ("budget", "gen_budget.py", 60_000, "2012-12-31"),
    ],
)
def test_forked_workers_write_what_one_process_writes(
    tmp_path: Path, command: str, generator: str, size: int, as_of: str
) -> None:
    """The CLI in a process of its own (as a user runs it) forks its workers, the
    columnar path imported before (they share its pages); their output is the one
    process's, byte for byte, over several pieces and parts."""
    source = tmp_path / f"{command}.csv"
    bench = Path(__file__).resolve().parent.parent / "bench"
    subprocess.run(
        [sys.executable, str(bench / generator), str(size), str(source)],
        check=True,
        capture_output=True,
    )
    assert source.stat().st_size > 2 * parallel.PIECE_BYTES
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}.jsonl"
        done = subprocess.run(
            [sys.executable, "-c", WATCHED, command, str(source), "--as-of", as_of,
             "--format", "jsonl", "--out", str(out), "--jobs", jobs],
            capture_output=True,
            text=True,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert ("workers: fork" in done.stderr) == (jobs == "2"), done.stderr
        forked = "columnar imported before the fork: True" in done.stderr
        assert forked == (jobs == "2"), done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


RELEASED = """
import sys
from comply.engine import parallel

def resident():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096

parallel.TRIM_ABOVE = int(sys.argv[1])
parallel._libc()  # loaded before it is measured (its first call takes a few pages)
held = [bytes(20_000) for _ in range(6_000)]  # 120 MB of the heap (each below mmap's size)
del held[::2]  # half of it free, between chunks held
before = resident()
parallel._release()
print(int((before - resident()) / (1 << 20)))  # a few pages more or less: 0, not -1
"""


@pytest.mark.skipif(
    parallel._libc() is None or not hasattr(parallel._libc(), "mallinfo2"),
    reason="glibc 2.33 or later only",
)
@pytest.mark.parametrize(("above_mb", "given_back"), [(16, True), (1 << 20, False)])
def test_a_worker_gives_its_heap_back_only_when_a_part_left_much_of_it_free(
    above_mb: int, given_back: bool
) -> None:
    """60 MB left free in a worker's heap: given back to the system above TRIM_ABOVE;
    below it, kept for the next part (given back after every part, it was faulted in again
    page by page, a second of the workers' time at 1M parcels)."""
    done = subprocess.run(
        [sys.executable, "-c", RELEASED, str(above_mb << 20)],
        capture_output=True,
        text=True,
        check=True,
    )
    released = int(done.stdout)
    assert (released > 20) if given_back else (released == 0), released


def test_a_run_asks_the_collector_for_fewer_walks_then_gives_it_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """engine/collector.py: thresholds raised for the run, as they were after it."""
    before = gc.get_threshold()
    seen = []
    why_not = parallel.why_not

    def watched(*args: Any) -> Any:
        seen.append(gc.get_threshold())
        return why_not(*args)

    monkeypatch.setattr(parallel, "why_not", watched)
    comply("parcels", str(EXAMPLES / "parcels.csv"), "--as-of", "2012-08-31")
    assert seen == [collector.THRESHOLDS]
    assert gc.get_threshold() == before
    with pytest.raises(KeyError), collector.at_ease_while():
        raise KeyError("a run that fails")
    assert gc.get_threshold() == before


def test_a_part_whose_file_is_gone_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    """A worker's part is spilled to the run's scratch space; if something removed it
    under the run, the run stops with an error a user can act on."""
    from comply.engine.errors import EngineError
    from comply.engine.summary import Summary

    gone = parallel.Part("", 1, [], Summary(), [], False, path=str(tmp_path / "gone.part"))
    with pytest.raises(EngineError, match=r"a worker failed \(FileNotFoundError"):
        parallel._append(io.StringIO(), gone)


def test_a_full_disk_in_a_worker_is_said_as_in_this_process(tmp_path: Path) -> None:
    """A worker's files (its part, its ledger entries) are all closed though the first
    fails, the first failure raised (a file left open would fail again when collected and
    print a traceback); a full disk in a worker is said as one in this process ("writing
    failed", exit 2), any other failure as the worker's."""
    import errno

    from comply.engine.errors import EngineError

    class Full(io.StringIO):
        def close(self) -> None:
            super().close()
            raise OSError(errno.ENOSPC, "No space left on device")

    first, second = (tmp_path / "a").open("w"), (tmp_path / "b").open("w")
    with pytest.raises(OSError, match="No space") as raised:
        parallel._closed(None, first, _NotStringIO(Full()), second)
    assert raised.value.errno == errno.ENOSPC
    assert first.closed
    assert second.closed

    def full() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    def reset() -> None:
        raise ConnectionResetError(errno.ECONNRESET, "Connection reset by peer")

    with pytest.raises(OSError, match="No space"):
        parallel._guarded(full)
    with pytest.raises(EngineError, match=r"a worker failed \(ConnectionResetError"):
        parallel._guarded(reset)


class _NotStringIO:
    """A file that is not a StringIO (a worker's files on this machine), closing as given."""

    def __init__(self, inner: io.StringIO) -> None:
        self.inner = inner

    def close(self) -> None:
        self.inner.close()


def test_a_workbook_is_made_on_every_core_from_a_smaller_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unasked (no --jobs), a file is evaluated on every core from the size its format
    says: a workbook's is smaller than the others' (XlsxWriter.every_core_from)."""
    from comply.engine.writers.xlsx import XlsxWriter

    source = parcels_file(tmp_path / "p.csv", 300)
    size = source.stat().st_size
    monkeypatch.setattr(XlsxWriter, "every_core_from", size)
    monkeypatch.setattr(parallel, "AUTO_MIN_BYTES", size + 1)
    monkeypatch.setattr(parallel, "cores", lambda: 2)  # as on the machines the tests run on
    in_parts: list[str] = []
    evaluate = parallel.evaluate

    def watched(job: Any, *args: Any, **kwargs: Any) -> Any:
        in_parts.append(job.fmt)
        return evaluate(job, *args, **kwargs)

    monkeypatch.setattr(parallel, "evaluate", watched)
    for fmt in ("xlsx", "jsonl"):
        comply("parcels", str(source), "--as-of", "2013-03-01", "--format", fmt,
               "--out", str(tmp_path / f"out.{fmt}"))  # fmt: skip
    assert in_parts == ["xlsx"]
    assert parallel.auto_min_bytes("xlsx") == size
    assert parallel.auto_min_bytes("jsonl") == size + 1


DASK_INTERRUPTED = """
import os, signal, time
from comply.engine import parallel

executor = parallel.DaskExecutor(None, 2)
workers = executor._client.run(os.getpid)
for worker in workers.values():  # Ctrl-C from a terminal reaches them: the run ends them
    os.kill(worker, signal.SIGINT)
time.sleep(1)
print("alive:", executor._client.run(os.getpid) == workers)
executor.close()
"""


def test_a_local_dask_cluster_s_workers_leave_ctrl_c_to_the_run() -> None:
    """Ctrl-C reaches every process of a run started from a terminal: a local Dask
    cluster's workers ignore it (each printed its own traceback and was restarted), and
    the run, interrupted, closes the cluster."""
    done = subprocess.run(
        [sys.executable, "-c", DASK_INTERRUPTED],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "alive: True"
    assert "Traceback" not in done.stderr
