"""Registers as bureaus keep them: Excel workbooks, GBK CSV, Chinese headers and units.

Each file here is made by the test in the form a bureau's software writes it, then run
through the real CLI; its decisions must equal those of the same data in plain UTF-8 CSV.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from comply.cli import main

HEADER_ZH = [
    "地块编号",
    "土地使用权人",
    "供地方式",
    "出让价款（万元）",
    "约定开工日期",
    "是否抵押",
    "抵押权人",
    "闲置原因",
    "原因已核实",
]
ROWS = [
    ["P1", "甲置业有限公司", "出让", "3860", "2011年3月15日", "否", "", "", ""],
    ["P2", "乙实业有限公司", "出让", "1250.5", "2010/6/30", "是", "中国银行", "政府", "是"],
    ["P3", "丙房地产开发有限公司", "划拨", "980", "2012-01-30", "否", "", "", ""],
]
PLAIN = """parcel_id,holder,supply,price,agreed_start,mortgaged,mortgagee,cause,cause_verified
P1,甲置业有限公司,transfer,38600000,2011-03-15,false,,,
P2,乙实业有限公司,transfer,12505000,2010-06-30,true,中国银行,government,true
P3,丙房地产开发有限公司,allocation,9800000,2012-01-30,false,,,
"""


def decisions(path: Path, tmp_path: Path, *extra: str) -> list[dict[str, Any]]:
    out = tmp_path / f"{path.stem}.json"
    result = CliRunner().invoke(
        main, ["parcels", str(path), "--as-of", "2012-08-31", "--out", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    found: list[dict[str, Any]] = json.loads(out.read_text(encoding="utf-8"))["decisions"]
    return found


@pytest.fixture
def plain(tmp_path: Path) -> list[dict[str, Any]]:
    source = tmp_path / "plain.csv"
    source.write_text(PLAIN, encoding="utf-8")
    return decisions(source, tmp_path)


def test_gbk_csv_with_chinese_headers_and_units(
    tmp_path: Path, plain: list[dict[str, Any]]
) -> None:
    source = tmp_path / "register.csv"
    lines = [",".join(HEADER_ZH), *(",".join(row) for row in ROWS)]
    source.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    assert decisions(source, tmp_path) == plain
    fee = next(a for d in plain for a in d["actions"] if a["code"] == "CHARGE_IDLE_FEE")
    assert fee["amount"] == "7720000.00"  # 20% of 3860万元


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_price_in_万元_to_the_yuan_or_the_fen_is_read(tmp_path: Path, suffix: str) -> None:
    """A 万元 column keeps a price to the yuan with 4 decimals, to the fen with 6: each was
    refused as "at most 2 decimals" (its bare number read as yuan first). A seventh is
    finer than a fen, and refused so, in the unit it was written in."""
    rows = [
        ["P1", "甲置业有限公司", "出让", "3860.1234", "2011-03-15"],
        ["P2", "乙实业有限公司", "出让", "1250.123456", "2011-03-15"],
    ]
    plain = tmp_path / "plain.csv"
    plain.write_text(
        "parcel_id,holder,supply,price,agreed_start\n"
        "P1,甲置业有限公司,transfer,38601234,2011-03-15\n"
        "P2,乙实业有限公司,transfer,12501234.56,2011-03-15\n",
        encoding="utf-8",
    )
    source = tmp_path / f"register{suffix}"
    header = ["地块编号", "土地使用权人", "供地方式", "出让价款（万元）", "约定开工日期"]
    if suffix == ".csv":
        source.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", "utf-8")
    else:
        book = openpyxl.Workbook()
        book.active.append(header)
        for row in rows:
            book.active.append([*row[:3], float(row[3]), row[4]])
        book.save(source)
    found = decisions(source, tmp_path)
    assert found == decisions(plain, tmp_path)
    fees = [a["amount"] for d in found for a in d["actions"] if a["code"] == "CHARGE_IDLE_FEE"]
    assert fees == ["7720246.80", "2500246.91"]  # 20% of 38,601,234 and of 12,501,234.56

    finer = tmp_path / "finer.csv"
    finer.write_text(",".join(header) + "\nP1,甲置业有限公司,出让,3860.1234567,2011-03-15\n")
    for lang, says in (
        ("en", "got '3860.1234567', expected a positive amount to the fen: at most 6 decimals"),
        ("zh", "值 '3860.1234567'，应为精确到分的正数金额：以万元计最多 6 位小数"),
    ):
        refused = CliRunner().invoke(
            main, ["parcels", str(finer), "--as-of", "2012-08-31", "--lang", lang]
        )
        assert refused.exit_code == 2
        assert says in refused.output


def test_xlsx_with_dates_numbers_and_a_chosen_sheet(
    tmp_path: Path, plain: list[dict[str, Any]]
) -> None:
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["本表为示例"])
    sheet = book.create_sheet("地块台账")
    sheet.append(HEADER_ZH)
    sheet.append(
        ["P1", "甲置业有限公司", "出让", 3860, datetime(2011, 3, 15), False, None, None, None]
    )
    sheet.append(
        ["P2", "乙实业有限公司", "出让", 1250.5, date(2010, 6, 30), True, "中国银行", "政府", True]
    )
    sheet.append(
        ["P3", "丙房地产开发有限公司", "划拨", 980, 40938, "否", None, None, None]  # serial
    )
    source = tmp_path / "register.xlsx"
    book.save(source)
    assert decisions(source, tmp_path, "--sheet", "地块台账") == plain
    wrong = CliRunner().invoke(
        main, ["parcels", str(source), "--as-of", "2012-08-31", "--sheet", "台账"]
    )
    assert wrong.exit_code == 2
    assert "column '(sheet)': got '台账', expected a sheet of the workbook (说明, 地块台账)" in (
        wrong.output
    )


@pytest.mark.parametrize("suffix", [".jsonl", ".xlsx"])
def test_a_small_share_stored_as_a_number_is_read_as_written(tmp_path: Path, suffix: str) -> None:
    """A share of 0.00001 stored as a number (JSON's 1e-05, a workbook's float) is read as
    the same share written in a CSV cell; it was refused as its exponent form (a reviewer's
    find: "got '1e-07', expected a share between 0 and 1")."""
    row: dict[str, Any] = {
        "parcel_id": "P1",
        "holder": "甲置业有限公司",
        "supply": "transfer",
        "price": 38600000,
        "agreed_start": "2011-03-15",
        "started_on": "2011-03-01",
        "developed_ratio": 0.00001,
        "invested_ratio": 0.0000001,
    }
    written = tmp_path / "plain.csv"
    written.write_text(
        ",".join(row) + "\n" + "P1,甲置业有限公司,transfer,38600000,2011-03-15,"
        "2011-03-01,0.00001,0.0000001\n",
        encoding="utf-8",
    )
    source = tmp_path / f"register{suffix}"
    if suffix == ".jsonl":
        source.write_text(json.dumps(row) + "\n", encoding="utf-8")
        assert "1e-05" in source.read_text(encoding="utf-8")
    else:
        book = openpyxl.Workbook()
        book.active.append(list(row))
        book.active.append(list(row.values()))
        book.save(source)
    assert decisions(source, tmp_path) == decisions(written, tmp_path)


def test_an_id_or_a_far_number_stored_in_exponent_form_keeps_it(tmp_path: Path) -> None:
    """Only a number a field reads is written out: an id stored as the number 1e+16 stays
    1e+16 (its digits written out, 10000000000000000, would be ones the user never wrote),
    and a price of 5e-324 is refused as 5e-324, not as 324 digits."""
    row: dict[str, Any] = {
        "parcel_id": 1e16,
        "holder": "甲置业有限公司",
        "supply": "transfer",
        "price": 38600000,
        "agreed_start": "2011-03-15",
    }
    source = tmp_path / "register.jsonl"
    source.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert [d["subject"] for d in decisions(source, tmp_path)] == ["1e+16"]
    source.write_text(json.dumps({**row, "price": 5e-324}) + "\n", encoding="utf-8")
    refused = CliRunner().invoke(main, ["parcels", str(source), "--as-of", "2012-08-31"])
    assert refused.exit_code == 2
    assert "got '5e-324'" in refused.output
    source.write_text(json.dumps({**row, "price": 1.5e25}) + "\n", encoding="utf-8")
    refused = CliRunner().invoke(main, ["parcels", str(source), "--as-of", "2012-08-31"])
    assert "got '15000000000000000000000000'" in refused.output  # not its binary noise


def test_a_whole_number_stored_as_a_float_is_read_as_a_workbook_reads_it(
    tmp_path: Path,
) -> None:
    """JSON's 3.0 is the number 3 (a program writes a column of whole numbers with gaps
    so: pandas' float64). A day count of 3.0 was refused as '3.0' and a share of -0.0 as
    '-0.0', where the same numbers in a workbook's cells were read (a reviewer's find)."""
    row: dict[str, Any] = {
        "parcel_id": "P1",
        "holder": "甲置业有限公司",
        "supply": "transfer",
        "price": 38600000.0,
        "agreed_start": "2011-03-15",
        "started_on": "2011-03-01",
        "developed_ratio": -0.0,
        "government_delay_days": 3.0,
    }
    plain = tmp_path / "plain.csv"
    plain.write_text(
        ",".join(row) + "\nP1,甲置业有限公司,transfer,38600000,2011-03-15,2011-03-01,0,3\n",
        encoding="utf-8",
    )
    source = tmp_path / "register.jsonl"
    source.write_text(json.dumps(row) + "\n", encoding="utf-8")
    book = openpyxl.Workbook()
    book.active.append(list(row))
    book.active.append(list(row.values()))
    workbook = tmp_path / "register.xlsx"
    book.save(workbook)
    expected = decisions(plain, tmp_path)
    assert decisions(source, tmp_path) == expected == decisions(workbook, tmp_path)


def test_a_workbooks_computed_price_is_read_as_excel_shows_it(tmp_path: Path) -> None:
    """A price a formula worked out (4246.11 万元, the double
    4246.110000000001) shows 4,246.11 in Excel; it was refused as "at most 6 decimals in
    万元" (the second reviewer's). A sheet's number is read to Excel's 15 digits."""
    book = openpyxl.Workbook()
    book.active.append(["地块编号", "土地使用权人", "供地方式", "出让价款（万元）", "约定开工日期"])
    book.active.append(["P1", "甲置业有限公司", "出让", 4246.110000000001, "2011-03-15"])
    source = tmp_path / "register.xlsx"
    book.save(source)
    found = decisions(source, tmp_path)
    fee = next(a for a in found[0]["actions"] if a["code"] == "CHARGE_IDLE_FEE")
    assert fee["amount"] == "8492220.00"  # 20% of 42,461,100 yuan


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_share_with_more_decimals_than_are_read_says_so(tmp_path: Path, lang: str) -> None:
    """A program's 1/30000 (3.3333333333333335e-05) has 21 decimals. It was refused as
    "expected a share between 0 and 1", which it is."""
    source = tmp_path / "register.jsonl"
    row = {
        "parcel_id": "P1",
        "holder": "甲",
        "supply": "transfer",
        "price": 1,
        "agreed_start": "2011-03-15",
        "started_on": "2011-03-01",
        "developed_ratio": 1 / 30000,
    }
    source.write_text(json.dumps(row) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["parcels", str(source), "--as-of", "2012-08-31", "--lang", lang]
    )
    assert result.exit_code == 2
    says = {
        "en": "got '0.000033333333333333335', expected a share with at most 18 decimals "
        "(rounded, if it was worked out)",
        "zh": "值 '0.000033333333333333335'，应为最多 18 位小数的比例（计算所得的请先舍入）",
    }
    assert says[lang] in result.output


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_nan_or_infinity_in_a_text_of_json_lines_is_refused(tmp_path: Path, lang: str) -> None:
    """Python's json reads NaN and Infinity, which JSON does not have: a holder NaN was the
    name 'nan', an id Infinity the id 'inf' (a reviewer's find). Refused, each named."""
    source = tmp_path / "register.jsonl"
    rows = [
        '{"parcel_id":"P1","holder":NaN,"supply":"transfer","price":1,"agreed_start":"2011-03-15"}',
        '{"parcel_id":Infinity,"holder":"甲","supply":"transfer","price":1,"agreed_start":"2011-03-15"}',
    ]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["parcels", str(source), "--as-of", "2012-08-31", "--lang", lang]
    )
    assert result.exit_code == 2
    if lang == "en":
        assert "row 1, column 'holder': got 'NaN', expected a text, or a number JSON" in (
            result.output
        )
        assert "row 2, column 'parcel_id': got 'Infinity'" in result.output
    else:
        assert "第 1 行，列 'holder'：值 'NaN'，应为文本或 JSON 允许的数字" in result.output
    assert "Traceback" not in result.output


def test_amounts_with_units_in_the_cell(tmp_path: Path, plain: list[dict[str, Any]]) -> None:
    source = tmp_path / "units.csv"
    source.write_text(
        PLAIN.replace("38600000", "3860万元").replace("12505000", "0.12505亿元"), encoding="utf-8"
    )
    assert decisions(source, tmp_path) == plain


@pytest.mark.parametrize(
    ("header", "words"),
    [
        (
            "地块编号,土地使用权人,供地方式,出让价款,约定开工日期（万元）",
            "column '约定开工日期（万元）'",
        ),
        ("地块编号,土地使用权人,供地方式,出让价款,地块编号", "it appears twice in the header"),
    ],
)
def test_bad_chinese_headers_are_refused(tmp_path: Path, header: str, words: str) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(f"{header}\nP1,甲,出让,100,2011-01-01\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["parcels", str(source), "--as-of", "2012-08-31"])
    assert result.exit_code == 2
    assert words in result.output


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    source = tmp_path / "fake.xlsx"
    source.write_text("parcel_id\nP1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["parcels", str(source), "--as-of", "2012-08-31"])
    assert result.exit_code == 2
    assert "expected an Excel .xlsx workbook" in result.output


def test_decisions_as_an_excel_workbook(tmp_path: Path, plain: list[dict[str, Any]]) -> None:
    source = tmp_path / "plain.csv"
    out = tmp_path / "decisions.xlsx"
    result = CliRunner().invoke(
        main, ["parcels", str(source), "--as-of", "2012-08-31", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Disposal", "Actions", "Summary"]
    rows = list(book["Disposal"].iter_rows(values_only=True))
    heading = list(rows[0])
    assert heading[:4] == ["parcel_id", "holder", "supply", "price"]  # the register's own
    fee = heading.index("amount (yuan)")
    assert [(r[0], r[fee]) for r in rows[1:-1] if r[fee]] == [("P1", 7720000)]
    actions = list(book["Actions"].iter_rows(values_only=True))
    assert ("P1", "CHARGE_IDLE_FEE") in {(r[0], r[3]) for r in actions}
    to_stdout = CliRunner().invoke(main, ["parcels", str(source), "--format", "xlsx"])
    assert to_stdout.exit_code == 2
    assert "give --out FILE.xlsx" in to_stdout.output


def test_skip_invalid_evaluates_the_rest_and_writes_the_refused(tmp_path: Path) -> None:
    source = tmp_path / "mixed.csv"
    source.write_text(PLAIN.replace("38600000", "abc"), encoding="utf-8")
    out, rejects = tmp_path / "out.json", tmp_path / "rejects.csv"
    args = ["parcels", str(source), "--as-of", "2012-08-31", "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--skip-invalid", "--rejects", str(rejects)])
    assert result.exit_code == 0, result.output
    assert "1 rows refused" in result.output
    subjects = [d["subject"] for d in json.loads(out.read_text(encoding="utf-8"))["decisions"]]
    assert subjects == ["P2", "P3"]
    raw = rejects.read_text(encoding="utf-8")
    assert raw.startswith("\ufeff"), "a rejects file opens in Excel: it has a BOM"
    lines = raw.removeprefix("\ufeff").splitlines()
    assert lines[0] == "file,row,column,value,expected,field,cell"
    assert f"{source},2,price,abc," in lines[1]
    alone = CliRunner().invoke(main, [*args, "--skip-invalid"])
    assert alone.exit_code == 2
    assert "go together" in alone.output
