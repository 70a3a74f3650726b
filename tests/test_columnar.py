"""The columnar path gives what the row path gives, byte for byte (engine/columnar).

Random registers, as of random dates, are run through `comply parcels` twice: as a user runs
it (the columnar path, where the file is for it) and with COMPLY_COLUMNAR=0 (the row path
alone). Outputs, rejects, messages and exit statuses must be identical. The registers are
mutated the way bureaus write them — other date and amount forms, Chinese yes/no and
supply words, blank and total lines, quotes, CRLF, repeated ids, refused cells, facts that
contradict each other, columns the columnar code leaves to the row path — so that every
way a row or a block goes to the row path is taken.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import random
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import blocks
import numpy as np
import pyarrow as pa
import pytest
from click.testing import CliRunner
from comply.cli import main
from comply.engine import columnar, dates, fields
from comply.engine.kinds.budget import BudgetEvent
from comply.engine.kinds.parcels import Parcel
from hypothesis import given, settings
from hypothesis import strategies as st
from test_engine import random_parcel
from test_scale import _written

COLUMNS = list(Parcel.model_fields)


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return "" if value is None else str(value)


def _mutate(rng: random.Random, row: dict[str, str], n: int) -> None:
    """Write a row as some register would (most rows stay as they are)."""
    roll = rng.random()
    if roll < 0.03 and row.get("agreed_start"):
        y, m, d = row["agreed_start"].split("-")
        row["agreed_start"] = rng.choice(
            [f"{y}/{int(m)}/{int(d)}", f"{y}年{int(m)}月{int(d)}日", f" {y}-{m}-{d} "]
        )
    elif roll < 0.05:
        row["price"] = rng.choice(["3860万元", "1,250,000.50", "0.386亿元", "１２００"])
    elif roll < 0.07:
        row["mortgaged"] = rng.choice(["是", "否", "TRUE", "yes"])
        if row["mortgaged"] in ("是", "TRUE", "yes"):
            row["mortgagee"] = row.get("mortgagee") or "某银行"
    elif roll < 0.08:
        row["supply"] = rng.choice(["出让", "招拍挂", "划拨", "Transfer"])
    elif roll < 0.09:
        row["agreed_start"] = rng.choice(["2012-02-30", "2012-13-01", "1900-01-01", "soon"])
    elif roll < 0.10:
        row["price"] = rng.choice(["", "-5", "0.001", "abc"])
    elif roll < 0.11:
        row["parcel_id"] = rng.choice(["", " ", f"R{n - 1:06d}", "R\u200b1", "Ｒ0001"])
    elif roll < 0.12:
        row["halted_on"] = row.get("halted_on") or "2011-05-05"  # without a start, perhaps
    elif roll < 0.13:
        row["cause"] = rng.choice(["government", "政府原因", "不可抗力", "nobody"])
        row["government_delay_days"] = rng.choice(["", "0", "30"])
    elif roll < 0.14:
        row["holder"] = rng.choice(
            ['某"置业",有限\n公司', " 某公司 ", "某\u3000公司\u3000", "=1+2"]
        )
    elif roll < 0.15:
        row["investigation_notice_on"] = "2011-03-01"
        row["determination_on"] = rng.choice(["2011-04-15", "2011-02-01", ""])
        row["published_on"] = rng.choice(["2011-05-01", "", "2011-04-01"])
        row["hearing_notice_on"] = rng.choice(["2011-05-10", ""])
    elif roll < 0.16:
        row["developed_area"], row["total_area"] = rng.choice(
            [("100", "300"), ("100", ""), ("400", "300")]
        )
    elif roll < 0.17:
        row["developed_ratio"] = rng.choice(["0.33", "25%", "1/3", "0.3333", "2"])
        row["invested_ratio"] = row.get("invested_ratio") or "0.5"
        row["started_on"] = row.get("started_on") or "2009-01-01"
        row["halted_on"] = row.get("halted_on") or "2010-01-01"
    elif roll < 0.18:
        row["location"], row["land_area"], row["contract_no"] = "某路1号", "12000.5", "HT-1"
    elif roll < 0.19:
        row["extended_start"] = "2013-01-01"
        row["agreement_signed_on"] = rng.choice(["2012-01-01", "", "2014-06-30"])


def register(path: Path, seed: int, count: int) -> Path:
    """A random register of `count` parcels, mutated; blank and total lines, CRLF now and
    then, now and then a quote in a cell not quoted (Python's csv reads it as written)."""
    rng = random.Random(seed)
    lines = []
    for n in range(count):
        row = {k: _cell(v) for k, v in random_parcel(rng, n).items()}
        _mutate(rng, row, n)
        lines.append([row.get(c, "") for c in COLUMNS])
        if rng.random() < 0.005:
            lines.append([""] * len(COLUMNS))
        if rng.random() < 0.003:
            lines.append(["合计", "", "", "123456"] + [""] * (len(COLUMNS) - 4))
    ending = "\r\n" if seed % 3 == 0 else "\n"
    stray = random.Random(seed + 1000)  # rows written by hand, a quote in an unquoted cell
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator=ending)
        writer.writerow(COLUMNS)
        for cells in lines:
            plain = not any(c in cell for cell in cells for c in ',"\r\n')
            if plain and cells[1] and stray.random() < 0.01:
                cells = [cells[0], stray.choice(['某"置业', '某""公司"', "x'\"y"]), *cells[2:]]
                handle.write(",".join(cells) + ending)
            else:
                writer.writerow(cells)
    if seed % 4 == 1:  # a last line without its line end, and a blank line before it
        text = path.read_text(encoding="utf-8")
        path.write_text(text.rstrip("\r\n") + "\n\n" + "X1,某公司,transfer,100,2010-01-01", "utf-8")
    return path


def clean_register(
    path: Path, rng: random.Random, count: int, first: dict[str, str] | None = None
) -> Path:
    """A register of random parcels as written by a program (the first row's cells set)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for n in range(count):
            row = {k: _cell(v) for k, v in random_parcel(rng, n).items()}
            # Holders of their own (a table shows each row's), one with a control character.
            row["holder"] = rng.choice(["某公司", f"豫{n}置业有限公司", "Acme Ltd", "中\x07原"])
            if n == 0 and first:
                row.update(first)
            writer.writerow([row.get(c, "") for c in COLUMNS])
    return path


def _run(monkeypatch: pytest.MonkeyPatch, columnar_on: bool, *args: str) -> tuple[int, str]:
    monkeypatch.setenv("COMPLY_COLUMNAR", "1" if columnar_on else "0")
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _both(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, source: Path, *extra: str) -> None:
    outputs = []
    columnar.TAKEN.clear()
    for on in (False, True):
        out = (
            tmp_path
            / f"out-{on}{Path(extra[extra.index('--out') + 1]).suffix if '--out' in extra else ''}"
        )
        rejects = tmp_path / f"rejects-{on}.csv"
        args = [str(out) if a.startswith("OUT") else a for a in extra]
        code, shown = _run(
            monkeypatch,
            on,
            "parcels",
            str(source),
            *args,
            "--skip-invalid",
            "--rejects",
            str(rejects),
        )
        shown = shown.replace(str(out), "OUT").replace(str(rejects), "REJECTS")
        files = [_written(p) for p in (out, rejects)]
        assert code != 0 or files[0] is not None, shown  # a run that succeeded wrote its output
        outputs.append((code, shown, files))
    if "--jobs" in extra and extra[extra.index("--jobs") + 1] == "1":
        assert columnar.TAKEN["rows by columns"] > 0, (columnar.TAKEN, outputs)  # taken
    assert outputs[0][0] == outputs[1][0], (outputs[0][1], outputs[1][1])
    assert outputs[0][1] == outputs[1][1]
    assert outputs[0][2] == outputs[1][2]


@pytest.mark.parametrize("seed", range(8))
def test_random_registers_decide_alike(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    source = register(tmp_path / "parcels.csv", seed, 600)
    as_of = date(2012, 7, 1) + timedelta(days=rng.randrange(0, 365 * 4))
    suffix = (".json", ".csv")[seed % 2]  # the other formats written from columns
    _both(monkeypatch, tmp_path, source, "--as-of", as_of.isoformat(), "--out", "OUT" + suffix)
    _both(
        monkeypatch,
        tmp_path,
        source,
        "--as-of",
        as_of.isoformat(),
        "--out",
        "OUT.jsonl",
        "--jobs",
        "1",
    )
    _both(
        monkeypatch, tmp_path, source, "--as-of", as_of.isoformat(), "--out", "OUT", "--jobs", "1"
    )
    # A workbook, its rows made from templates (the register kept beside them, or not).
    keep = ("--keep-columns", "--drop-columns")[seed % 2]
    lang = ("zh", "en")[seed // 2 % 2]
    _both(
        monkeypatch, tmp_path, source, "--as-of", as_of.isoformat(), "--out", "OUT.xlsx",
        "--jobs", "1", keep, "--lang", lang,
    )  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_clean_registers_decide_alike_in_every_format(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, seed: int
) -> None:
    """Registers with no row for the row path (the columnar path decides every one), in
    each format, in both languages, on every core."""
    rng = random.Random(100 + seed)
    path = clean_register(tmp_path / "parcels.csv", rng, 1500)
    as_of = date(2012, 7, 1) + timedelta(days=rng.randrange(0, 365 * 4))
    formats = ((".jsonl", "en", "1"), (".csv", "zh", "2"), (".json", "zh", "1"), ("", "zh", "1"))
    books = ((".xlsx", "zh", "1"), (".xlsx", "en", "2"))
    for suffix, lang, jobs in (*formats, ("", "en", "2"), *books):  # "": a table
        _both(
            monkeypatch,
            tmp_path,
            path,
            "--as-of",
            as_of.isoformat(),
            "--out",
            f"OUT{suffix}",
            "--lang",
            lang,
            "--jobs",
            jobs,
        )
        if jobs == "1" and suffix == ".xlsx":  # a workbook's rows made from templates
            assert columnar.TAKEN["rows made from templates"] == 1500, columnar.TAKEN
        elif jobs == "1":  # written from templates, the table too
            assert columnar.TAKEN["rows written from templates"] == 1500, columnar.TAKEN


def test_a_tables_row_fields_are_shown_each_as_itself() -> None:
    """A row field a table shows is str() of each row's value, printable: values that are
    equal but show otherwise (Decimal 1000 and 1000.00, True and 1) each as itself."""
    from decimal import Decimal

    from comply.engine.columnar.lines import _shown_all

    values = [Decimal("1000"), Decimal("1000.00"), True, 1, 1.0, "某\x07公司", "某\x07公司", None]
    shown = _shown_all(np.array(values, dtype=object))
    assert shown == ["1000", "1000.00", "True", "1", "1.0", "某公司", "某公司", "None"]


@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".csv", ""])
def test_a_first_row_the_row_path_decides(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, suffix: str
) -> None:
    """The first decision written comes from the row path (a quoted cell), the rest from
    columns: a JSON document's first decision has no comma before it."""
    first = {"holder": '某"置业",有限公司', "agreed_start": "2011-08-31", "delivered_on": ""}
    path = clean_register(tmp_path / "parcels.csv", random.Random(3), 300, first)
    _both(monkeypatch, tmp_path, path, "--as-of", "2013-01-15", "--out", "OUT" + suffix)
    assert columnar.TAKEN["rows by the row path"] == 1, columnar.TAKEN


@given(
    st.lists(
        st.lists(st.sampled_from(["a", "某", '"', '""', " ", ""]), max_size=4).map("".join),
        min_size=1,
        max_size=12,
    ),
    st.lists(st.sampled_from([",", "\n", "\r\n"]), min_size=12, max_size=12),
)
@settings(max_examples=400, deadline=None)
def test_records_end_where_pythons_csv_ends_them(cells: list[str], separators: list[str]) -> None:
    """A block's records are the lines the row path's csv.reader takes for each: a quote
    opens a quoted cell only at a cell's start (a stray one, 某"公司, is as written)."""
    text = "".join(c + sep for c, sep in zip(cells, separators, strict=False))
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.reader(lines)
    expected, taken = [], 0
    for _ in reader:
        expected.append(taken)
        taken = reader.line_num
    texts, starts = columnar.records(lines)
    assert starts == expected
    assert "".join(texts) == text
    assert all(len(list(csv.reader(io.StringIO(t, newline="")))) == 1 for t in texts)


def test_a_stray_quote_is_read_as_the_row_path_reads_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A quote inside a cell not quoted, then a quoted cell with a line break: the blocks
    and records end where csv.reader ends them (counting quotes, the columnar path joined
    the rows after the stray quote and refused the file the row path reads)."""
    written = clean_register(tmp_path / "c.csv", random.Random(9), 40)
    rows = list(csv.reader(written.read_text(encoding="utf-8").splitlines()))
    lines = [",".join(rows[0]) + "\n"]
    for n, cells in enumerate(rows[1:]):
        if n == 3:
            cells[1] += 'x"y'
        if n in (6, 30):
            cells[1] = f'"{cells[1]}\n第二行"'
        lines.append(",".join(cells) + "\n")
    source = tmp_path / "stray.csv"
    source.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setattr(columnar, "BLOCK_BYTES", 600)  # blocks ending in the quoted cells
    _both(monkeypatch, tmp_path, source, "--as-of", "2013-01-15", "--out", "OUT.jsonl")
    assert columnar.TAKEN["rows by columns"] > 30, columnar.TAKEN


def test_a_header_below_a_quoted_cell_of_many_lines_is_found_as_one_process_finds_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The row path looks through the first 30 records for the header, not 30 lines: a
    quoted cell of 40 lines in the second record puts a header naming one more column, the
    fifth record, on line 46. The columnar path (which looked through 30 lines) and the
    parts on every core (which took line 1) read line 1 as the header and refused every
    row below line 46 (the second reviewer's case)."""
    written = clean_register(tmp_path / "c.csv", random.Random(5), 60)
    rows = list(csv.reader(written.read_text(encoding="utf-8").splitlines()))
    short = [cells[:-1] for cells in rows]  # without the last column (an optional one)
    short[1][1] = '"' + short[1][1] + "\n" * 40 + '"'
    lines = [short[0], *short[1:5], rows[0], *rows[5:]]
    source = tmp_path / "below.csv"
    source.write_text("".join(",".join(cells) + "\n" for cells in lines), encoding="utf-8")
    outputs = []
    for on, jobs in ((False, "1"), (True, "1"), (True, "2")):
        out = tmp_path / f"out-{on}-{jobs}.jsonl"
        code, shown = _run(
            monkeypatch, on, "parcels", str(source), "--as-of", "2013-01-15",
            "--out", str(out), "--jobs", jobs,
        )  # fmt: skip
        assert code == 0, shown
        outputs.append(out.read_bytes())
    assert len(outputs[0].splitlines()) == 56  # the rows below the header
    assert outputs[1] == outputs[0]
    assert outputs[2] == outputs[0]


def test_a_workers_part_is_one_block_and_a_whole_file_is_read_in_blocks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A worker's part, in memory already, is read as one block (a block pays once for its
    columns' distinct cells and its combinations); a whole file, BLOCK_BYTES at a time, so
    that memory stays flat. The same lines either way."""
    from comply.engine import kinds

    monkeypatch.setattr(columnar, "BLOCK_BYTES", 2_000)
    source = clean_register(tmp_path / "parcels.csv", random.Random(4), 300)
    text = source.read_bytes().decode("utf-8")  # its line ends as written
    header = text[: text.index("\n") + 1]
    kind = kinds.by_command("parcels")
    whole = list(columnar.blocks(kind.reader(source), header))
    part = list(columnar.blocks(kind.reader(source, part=(text, 0)), header))
    assert len(whole) > 10
    assert part == [[line for block in whole for line in block]]


def test_parts_on_every_core_decide_alike(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    source = register(tmp_path / "parcels.csv", 11, 3000)
    _both(
        monkeypatch, tmp_path, source, "--as-of", "2013-03-15", "--out", "OUT.jsonl", "--jobs", "2"
    )


@pytest.mark.parametrize(
    ("seed", "suffix", "lang", "jobs"),
    [
        (0, ".jsonl", "en", "1"),
        (1, ".csv", "zh", "1"),
        (2, ".json", "zh", "2"),
        (5, ".jsonl", "en", "2"),
        (3, ".xlsx", "zh", "1"),
        (4, ".xlsx", "en", "2"),
    ],
)
def test_a_recorded_run_keeps_the_same_entries(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, seed: int, suffix: str, lang: str, jobs: str
) -> None:
    """`--record` on the columnar path (decisions and their ledger entries made from each
    shape's templates, input rows from the columns, the row path's rows between them): the
    ledger holds the same input rows, decisions and rule files, in the same order, as on the
    row path; the output and the rejects are the same."""
    import sqlite3

    source = register(tmp_path / "parcels.csv", seed, 800)
    kept = []
    columnar.TAKEN.clear()
    for on in (False, True):
        ledger = tmp_path / f"ledger-{on}.sqlite"
        out, rejects = tmp_path / f"out-{on}{suffix}", tmp_path / f"rejects-{on}.csv"
        code, shown = _run(
            monkeypatch, on, "parcels", str(source), "--as-of", "2013-03-15", "--out", str(out),
            "--lang", lang, "--jobs", jobs, "--skip-invalid", "--rejects", str(rejects),
            "--record", "--ledger", str(ledger),
        )  # fmt: skip
        assert code == 0, shown
        entries = [entry[2:] for entry in blocks.entries(ledger, "rulebook", "input", "decision")]
        with sqlite3.connect(ledger) as db:
            (header,) = db.execute("SELECT body FROM chain WHERE kind = 'run'").fetchone()
        counted = {k: v for k, v in json.loads(header).items() if k in ("rows", "decisions")}
        kept.append((entries, _written(out), rejects.read_bytes(), counted))
    if jobs == "1":
        assert columnar.TAKEN["rows by columns"] > 0, columnar.TAKEN
        assert columnar.TAKEN["rows by the row path"] > 0, columnar.TAKEN
        if suffix == ".xlsx":  # its rows and their entries made from templates
            assert columnar.TAKEN["rows made from templates"] > 500, columnar.TAKEN
    assert kept[0][1:] == kept[1][1:]
    assert kept[0][0] == kept[1][0]
    kinds = Counter(kind for kind, _, _ in kept[1][0])
    assert kinds["decision"] > 700, kinds
    assert kinds["input"] >= kinds["decision"], kinds


_DATE_EDGES = [
    "1948-12-31", "1949-01-01", "2999-12-31", "3000-01-01", "0000-01-01", "9999-12-31",
    "2012-02-29", "2013-02-29", "2000-02-29", "1900-02-28", "2100-02-29", "2012-04-31",
    "2012-13-01", "2012-00-10", "2012-07-00", "2012-7-1", "2012/07/01", " 2012-07-01",
    "2012-07-01 ", "", "   ", "２０１２-07-01", "٢٠١٢-07-01", "2012-07-01\t", "41091",
    "2012年7月1日", "2012-07-011", "12012-07-01", "0" * (columnar.MAX_CELL + 1),
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    texts=st.lists(
        st.one_of(
            st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
            st.from_regex(r"\A(19[4-9][0-9]|2[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])\Z"),
            st.text(alphabet="0123456789-/年月日 ", max_size=12),
        ),
        max_size=40,
    )
)
def test_dates_are_read_as_the_row_path_reads_them(texts: list[str]) -> None:
    """A column of dates (columnar._date_column): each value what the row path's reader
    makes of the cell, a date or a refusal (a day the calendar lacks, a year outside
    1949..2999), with its day number (0 for none); read afresh, and again from what the
    column remembers (FastRow.memos)."""
    for model, name in ((Parcel, "agreed_start"), (BudgetEvent, "date")):
        fast = fields.FastRow.of(model)
        assert fast is not None
        assert name in fast.dates  # read as a column of dates
        distinct = list(dict.fromkeys([*texts, *_DATE_EDGES]))
        once, often = np.arange(len(distinct)), np.tile(np.arange(len(distinct)), 4)
        fast.memos[name].clear()  # read afresh; then again, remembered (the cells recur)
        for arrow, rows in ((None, once), (pa.array(distinct, pa.string()), often), (None, often)):
            found = columnar.read_column(fast, name, distinct, rows, arrow=arrow)
            for at, text in enumerate(distinct):
                expected = (
                    columnar.REFUSED if len(text) > columnar.MAX_CELL else fast._read(name, text)
                )
                if isinstance(expected, date):
                    assert found.values[at] == expected, text
                    assert type(found.values[at]) is date, text
                    assert found.days is not None
                    assert found.days[at] == expected.toordinal(), text
                else:
                    assert found.values[at] is expected, text
                    assert found.days is not None
                    assert found.days[at] == 0, text


def test_the_year_counts_agree_with_the_calendar() -> None:
    """The column forms of dates.add_years, full_from and full_years, on every day from
    1999 to 2031 (29 February among them) against the row path's own functions."""
    days = np.arange(date(1999, 1, 1).toordinal(), date(2031, 12, 31).toordinal() + 1)
    for years in (1, 2, 4):
        expected = [dates.add_years(date.fromordinal(int(d)), years).toordinal() for d in days]
        assert columnar.add_years(days, years).tolist() == expected
        assert (columnar.full_from(days, years) - 1).tolist() == expected
    rng = random.Random(5)
    starts = np.array([rng.choice(days) for _ in range(20000)])
    ends = starts + np.array([rng.randrange(-800, 3000) for _ in range(20000)])
    ends[::7] = [
        dates.add_years(date.fromordinal(int(s)), 2).toordinal() + rng.choice((-1, 0, 1))
        for s in starts[::7]
    ]
    expected = [
        dates.full_years(date.fromordinal(int(s)), date.fromordinal(int(e)))
        for s, e in zip(starts, ends, strict=True)
    ]
    assert columnar.full_years(starts, ends).tolist() == expected
    assert calendar.isleap(2012)


_EPOCH = date(1970, 1, 1).toordinal()  # numpy's day 0, as a day number


def test_days_are_counted_and_looked_up_as_the_calendar_has_them() -> None:
    """Year, month and day of day numbers, and the first day of months, as date counts them
    on every day of years 1 to 9999 (counted) and as numpy's calendar does before year 1;
    the look-up tables' answers the same, inside them and beyond, in one column."""
    every = np.arange(1, date.max.toordinal() + 1)
    y, m, d = columnar._ymd_counted(every)
    step = 997  # date.fromordinal on a sample; numpy's calendar on every day
    assert [
        (int(a), int(b), int(c)) for a, b, c in zip(y[::step], m[::step], d[::step], strict=True)
    ] == [(x.year, x.month, x.day) for x in map(date.fromordinal, every[::step].tolist())]
    before = np.arange(-800_000, 1)
    for days in (every, before):
        stamp = (days - _EPOCH).astype("datetime64[D]")
        years, months = stamp.astype("datetime64[Y]"), stamp.astype("datetime64[M]")
        expected = (
            years.astype(np.int64) + 1970,
            (months - years.astype("datetime64[M]")).astype(np.int64) + 1,
            (stamp - months.astype("datetime64[D]")).astype(np.int64) + 1,
        )
        for found in (columnar._ymd_counted(days), columnar._ymd(days)):
            for part, wanted in zip(found, expected, strict=True):
                assert part.dtype == np.int64
                assert np.array_equal(part, wanted)
    years = np.repeat(np.arange(-400, 10000), 13)
    months = np.tile(np.arange(1, 14), 10400)
    starts = ((years - 1970) * 12 + (months - 1)).astype("datetime64[M]")
    expected = starts.astype("datetime64[D]").astype(np.int64) + _EPOCH
    assert np.array_equal(columnar._month_start_counted(years, months), expected)
    assert np.array_equal(columnar._month_start(years, months), expected)
    rng = np.random.default_rng(7)  # a column mostly inside the tables, some days beyond
    days = rng.integers(date(1890, 1, 1).toordinal(), date(2110, 1, 1).toordinal(), 5000)
    days[::9] = 0
    assert all(
        np.array_equal(a, b)
        for a, b in zip(columnar._ymd(days), columnar._ymd_counted(days), strict=True)
    )
    y, m, _ = columnar._ymd_counted(days)
    assert np.array_equal(columnar._month_start(y, m + 1), columnar._month_start_counted(y, m + 1))


@pytest.mark.parametrize(
    ("width", "dtype", "kinds"),
    [
        (13, np.uint8, 300),
        (4, np.int64, 50),
        (1, np.int64, 20),
        (3, np.uint8, 7),
        (16, np.uint8, 2),
    ],
)
def test_distinct_rows_are_found_and_ordered_as_their_bytes(
    width: int, dtype: Any, kinds: int
) -> None:
    """columnar.distinct against np.unique over the rows viewed as bytes: the same first
    rows, in the same order, and the same index of every row."""
    rng = np.random.default_rng(width)
    high = 256 if dtype == np.uint8 else 1 << 40
    for rows in (1, 2, 5000):
        made = rng.integers(0, high, (kinds, width)).astype(dtype)
        made[::3] = -made[::3] if dtype == np.int64 else made[::3]
        keys = made[rng.integers(0, kinds, rows)]
        flat = keys.view(np.dtype((np.void, keys.dtype.itemsize * width))).ravel()
        _, first, inverse = np.unique(flat, return_index=True, return_inverse=True)
        found_first, found_inverse = columnar.distinct(keys)
        assert found_first.tolist() == first.tolist()
        assert found_inverse.tolist() == inverse.ravel().tolist()


def test_rows_with_no_keys_are_one_row() -> None:
    first, inverse = columnar.distinct(np.zeros((3, 0), dtype=np.uint8))
    assert (first.tolist(), inverse.tolist()) == ([0], [0, 0, 0])
    first, inverse = columnar.distinct(np.zeros((0, 4), dtype=np.uint8))
    assert (first.tolist(), inverse.tolist()) == ([], [])


HEAD = "parcel_id,holder,supply,price,agreed_start,investigation_notice_on\n"
LONG = "P50," + "x" * (1 << 20) + ",transfer,1,2010-01-01,\n"
FOUND = [  # what a review found the two paths disagreeing on, each fixed (name, text, as of)
    (  # a repeated id whose periods the holiday calendar cannot count
        "repeated",
        HEAD + "A,某公司,transfer,100,2020-01-01,\nA,某公司,transfer,100,2020-01-01,2026-12-10\n",
        "2026-12-31",
    ),
    (  # the first period the calendar cannot count is the row path's first
        "calendar",
        HEAD + "A,某公司,transfer,100,2020-01-01,2026-12-20\nB,某公司,transfer,100,2020-01-01,"
        "2026-12-10\n",
        "2027-01-15",
    ),
    (  # a byte-order mark opening a line: Arrow drops it, the row path refuses the id
        "bom",
        HEAD + "\ufeffP1,某公司,transfer,100,2010-01-01,\nP2,某公司,transfer,100,2010-01-01,\n",
        "2013-01-01",
    ),
    (  # a line too long, named by its row in the file
        "long",
        HEAD
        + "".join(f"P{i},某公司,transfer,{1000 + i},2010-01-01,\n" for i in range(50))
        + LONG
        + "".join(f"P{i},某公司,transfer,{1000 + i},2010-01-01,\n" for i in range(51, 60)),
        "2013-01-01",
    ),
    (  # a later line naming more contract columns: the row path takes it for the header
        "header",
        "parcel_id,holder,supply\nA,某公司,allocation\nprice,agreed_start,started_on,halted_on\n",
        "2013-01-01",
    ),
]


@pytest.mark.parametrize(("name", "text", "as_of"), FOUND, ids=[f[0] for f in FOUND])
def test_what_a_review_found(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, text: str, as_of: str
) -> None:
    source = tmp_path / f"{name}.csv"
    source.write_text(text, encoding="utf-8")
    _both(monkeypatch, tmp_path, source, "--as-of", as_of, "--out", "OUT.jsonl")


def _book_column(monkeypatch: pytest.MonkeyPatch, value: Any, markable: bool = True) -> None:
    """Every workbook's decisions sheet given one more column, `value` (declared to take
    the row's values as they are, cells.markable, unless not `markable`)."""
    from comply.engine import cells
    from comply.engine.kinds import BookColumn, View
    from comply.engine.rulebook import words

    shown = View.book_columns
    column = BookColumn(words("added", "附加"), cells.markable(value) if markable else value)
    monkeypatch.setattr(View, "book_columns", lambda self: (*shown(self), column))


def _set(path: Path, name: str, value: Any) -> None:
    """A clean register's column `name` set to value(n) on its nth line (None: left)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = COLUMNS.index(name)
    for n in range(1, len(lines)):
        if (made := value(n)) is not None:
            cells = lines[n].split(",")
            cells[at] = made
            lines[n] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _book_decided(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, path: Path) -> Counter[Any]:
    """The register decided into a workbook in one process by both paths (as of
    2014-03-01, compared by _both), and how often each value of the columnar path's last
    column is shown."""
    _both(monkeypatch, tmp_path, path, "--as-of", "2014-03-01", "--out", "OUT.xlsx", "--jobs", "1")
    return _last_column(tmp_path / "out-True.xlsx")


def _last_column(path: Path) -> Counter[Any]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    rows = book.worksheets[0].iter_rows(min_row=3, values_only=True)
    return Counter(row[-1] for row in rows)


def test_a_workbook_cell_that_compares_its_rows_values_is_made_row_by_row(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A template made from a shape's first row would give every row of the shape that
    row's answer to a comparison of its own values: a marker refuses to be compared (or
    tested, measured, sliced), and such a shape's rows are made one by one."""
    from comply.engine import cells

    idle_from = cells.book_value("idle_from")

    def early(texts: Any, decision: Any, subject: Any) -> str | None:
        found = idle_from(texts, decision, subject)
        return None if found is None else "early" if str(found) < "2012-09-01" else "late"

    _book_column(monkeypatch, early)
    path = clean_register(tmp_path / "parcels.csv", random.Random(5), 1500)
    shown = _book_decided(monkeypatch, tmp_path, path)
    # The shapes with an idle-from date made row by row, the others from templates.
    assert 0 < columnar.TAKEN["rows made from templates"] < 1000, columnar.TAKEN
    assert shown["early"] > 10, shown  # the test can fail
    assert shown["late"] > 10, shown


def test_a_workbook_cell_that_tests_a_row_field_is_made_for_each_truth(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A cell that asks whether a row field is there (the mortgagee: to whom the actions
    go) is answered by each row: a shape's rows are grouped by the truth of the fields its
    cells ask for, each group with a template of its own."""

    def mortgaged(texts: Any, decision: Any, subject: Any) -> str:
        return "yes" if subject.row.mortgagee else "no"

    _book_column(monkeypatch, mortgaged)
    rng = random.Random(6)
    path = clean_register(tmp_path / "parcels.csv", rng, 1500)
    _set(path, "mortgagee", lambda n: "某银行" if n % 3 == 1 else None)  # every third
    shown = _book_decided(monkeypatch, tmp_path, path)
    assert columnar.TAKEN["rows made from templates"] == 1500, columnar.TAKEN
    assert shown["yes"] > 100, shown  # the test can fail
    assert shown["no"] > 100, shown


def test_a_workbook_cell_that_looks_a_row_field_up_is_made_row_by_row(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A marker looked up in a dict would be found by its text (the first row's answer for
    every row): it refuses to be hashed (a review's find)."""

    def bank(texts: Any, decision: Any, subject: Any) -> str:
        return {"某银行": "BANK-001"}.get(subject.row.mortgagee, "other")

    _book_column(monkeypatch, bank)
    path = clean_register(tmp_path / "parcels.csv", random.Random(7), 1500)
    _set(path, "mortgagee", lambda n: ("甲银行", "某银行")[n % 2])  # two banks, taking turns
    shown = _book_decided(monkeypatch, tmp_path, path)
    assert shown["BANK-001"] > 10, shown  # the test can fail
    assert shown["other"] > 10, shown


def test_a_workbook_cell_not_declared_markable_is_made_row_by_row(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A C function reads a marker's text without its knowing (re, unicodedata): a
    workbook with a column not declared markable (cells.markable) is made row by row."""
    import re

    def spaced(texts: Any, decision: Any, subject: Any) -> str:
        return re.sub(r"\s+", " ", subject.row.holder)

    _book_column(monkeypatch, spaced, markable=False)
    path = clean_register(tmp_path / "parcels.csv", random.Random(8), 600)
    _set(path, "holder", lambda n: "Acme  Works" if n % 2 else None)  # one space in the column
    shown = _book_decided(monkeypatch, tmp_path, path)
    assert columnar.TAKEN["rows by columns"] > 500, columnar.TAKEN
    assert columnar.TAKEN["rows made from templates"] == 0, columnar.TAKEN
    assert shown["Acme Works"] > 250  # the test can fail


def test_a_marker_refuses_what_only_a_rows_value_can_answer() -> None:
    from decimal import Decimal

    from comply.engine.columnar.book import AmountMark, Mark, Refused, Sum, SureMark

    mark, sure, amount = Mark("\x001\x00"), SureMark("\x002\x00"), AmountMark("\x003\x00")
    shown = f"by {mark}" + "、".join(["甲", sure]) + format(amount, "")
    assert shown == "by \x001\x00甲、\x002\x00\x003\x00"
    assert type(shown) is str
    assert bool(sure)
    refused = [
        lambda: mark < date(2012, 1, 1),
        lambda: str(mark) < "2012",
        lambda: date(2012, 1, 1) > mark,
        lambda: mark == "x",
        lambda: hash(mark),
        lambda: {"x": 1}.get(sure),
        lambda: bool(mark),
        lambda: len(mark),
        lambda: mark[0],
        lambda: "x" in mark,
        lambda: mark.strip(),
        lambda: mark.isoformat(),
        lambda: f"{mark:>12}",
        lambda: mark * 2,
        lambda: min([sure, mark]),
        lambda: bool(amount),
        lambda: amount + 1,
        lambda: "x" + amount,
        lambda: sum([amount], Decimal(0)) > 0,
        lambda: str(sum([amount], Decimal(0))),
    ]
    for made in refused:
        with pytest.raises(Refused):
            made()
    total = sum([amount, amount], Decimal("0.00"))
    assert type(total) is Sum
    assert total.terms == (Decimal("0.00"), amount, amount)


def test_a_memo_kept_from_run_to_run_gives_each_layout_templates_of_its_own(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A Dask worker keeps a run's memo for the next run of the same rulebook, kind, as-of
    date and options: one keeping the register's columns beside the decisions and one not
    lay their columns out otherwise, and each is given templates of its own."""
    from comply.engine import memo, pipeline

    shared = memo.Memo()
    monkeypatch.setattr(pipeline, "Memo", lambda combinations=True, limit=None: shared)
    path = clean_register(tmp_path / "parcels.csv", random.Random(9), 600)
    for keep in ("--keep-columns", "--drop-columns", "--keep-columns"):
        _both(
            monkeypatch, tmp_path, path, "--as-of", "2014-03-01", "--out", "OUT.xlsx",
            "--jobs", "1", keep,
        )  # fmt: skip
        assert columnar.TAKEN["rows made from templates"] == 600, columnar.TAKEN


def test_a_value_declared_markable_that_reads_a_markers_text_is_caught_on_a_second_row(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A text made from a marker is a plain text: what is done to it, the markers cannot
    see (cells.markable promises it is not done). A value that breaks the promise is
    caught where a group's last row's values differ from its first's: each template is
    checked on a second row too, and made row by row where it does not hold."""

    def upper(texts: Any, decision: Any, subject: Any) -> str:
        return f"{subject.row.holder}".upper()

    _book_column(monkeypatch, upper)  # declared markable: wrongly
    path = clean_register(tmp_path / "parcels.csv", random.Random(10), 1500)
    # The first rows' holders are their own upper case; the others are not.
    _set(path, "holder", lambda n: "某公司" if n <= 200 else "acme works")
    assert _book_decided(monkeypatch, tmp_path, path)["ACME WORKS"] == 1300  # the test can fail
