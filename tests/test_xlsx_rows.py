"""A workbook's rows written whole (engine/writers/_xlsx_rows.py), row by row
(COMPLY_XLSX_ROWS=1) or a block at a time (the default), are the bytes XlsxWriter writes
cell by cell (COMPLY_XLSX_ROWS=0): on random rows of every kind of cell a sheet takes,
through the writer's own tables, and on a register decided through the CLI.

Every member of the two workbooks is compared byte for byte but docProps/core.xml, which
holds the moment each was made.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
import xlsxwriter.exceptions
import xlsxwriter.workbook
from click.testing import CliRunner
from comply.cli import main
from comply.engine.errors import OutputError
from comply.engine.writers import _xlsx_rows, xlsx
from comply.engine.writers._xlsx_rows import ZIP_LEVEL, Book, Fit, RowSheet
from comply.engine.writers.xlsx import NUMBER_FORMATS, _format_of, _Formats, _row, _Table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).parent.parent
COUNTY = ROOT / "examples" / "registers" / "county-2012.xlsx"
BUDGET = ROOT / "examples" / "district-2012" / "budget.csv"
PARCELS = ROOT / "examples" / "district-2012" / "parcels.csv"

# Texts built of what a sheet's writing treats apart: XML's own characters, line breaks,
# spaces at either end (tabs, ideographic and non-breaking ones), CJK and characters
# beyond the BMP, pieces of the XML of formatted text; then what is written cell by cell:
# carriage returns, what XML cannot hold, literal _xHHHH_ escapes, formatted text's XML.
PLAIN_PIECES = ["a", "地块", " ", "\t", "\n", "&", "<", ">", '"', "'", "_x00", "_X0041_"]
PLAIN_PIECES += ["\u3000", "\xa0", "😀", "<r>", "</r>", "1"]
ODD_PIECES = ["\r", "\r\n", "_x0041_", "\x00", "\x07", "\x1f", "\ufffe", "\uffff", "\ud800"]
PLAIN_TEXTS = st.lists(st.sampled_from(PLAIN_PIECES), max_size=8).map("".join)
TEXTS = st.one_of(
    st.lists(st.sampled_from(PLAIN_PIECES + ODD_PIECES), max_size=8).map("".join),
    st.text(max_size=20),
    st.builds(lambda n: "<r>" + "字" * n + "</r>", st.integers(16000, 17000)),
    st.builds(lambda n: "字" * n, st.integers(16380, 16390)),
)
# Cells a row written whole holds, and any cell a sheet is given.
PLAIN = st.one_of(
    PLAIN_TEXTS,
    st.none(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.dates(min_value=date(1899, 12, 31), max_value=date(9999, 12, 31)),
)
VALUES = st.one_of(
    PLAIN,
    TEXTS,
    st.booleans(),
    st.floats(),
    st.decimals(places=2),
    st.fractions(max_denominator=7).map(Fraction),
    st.datetimes(min_value=datetime(1900, 1, 1)),
    st.just(object()),
)
FORMS = st.sampled_from(sorted(NUMBER_FORMATS))


def _book(
    path: Path, tmp: Path, rows: list[list[Any]], forms: list[str], blocks: Sequence[int] = ()
) -> None:
    """A table of `rows` added one by one, or in blocks of the sizes `blocks` (add_many;
    the rest one by one)."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": str(tmp)})
    formats = _Formats(book)
    table = _Table(book, formats, "表", "标题", "zh")
    table.columns = [(f"列{n}", form) for n, form in enumerate(forms)]
    formats.before(forms)  # as the workbook's writer does before a sheet's first row
    at = 0
    for size in blocks:
        table.add_many(rows[at : at + size])
        at += size
    for row in rows[at:]:
        table.add(row)
    table.close([None] * len(forms))
    book.close()


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as book:
        return {n: book.read(n) for n in book.namelist() if n != "docProps/core.xml"}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_rows_written_whole_are_the_cells_xlsxwriter_writes(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    forms = data.draw(st.lists(FORMS, min_size=1, max_size=6))
    width = len(forms)
    row = st.one_of(
        st.lists(PLAIN, min_size=width, max_size=width),
        st.lists(VALUES, min_size=width, max_size=width),
    )
    rows = data.draw(st.lists(row, max_size=12))
    # The rows held for the widths: fewer, so that blocks come after them too.
    sample = data.draw(st.integers(1, 13))
    blocks = data.draw(st.lists(st.integers(0, 6), max_size=4))
    tmp = tmp_path_factory.mktemp("rows")
    made = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xlsx, "SAMPLE", sample)
        for switch in ("2", "1", "0"):
            patch.setenv("COMPLY_XLSX_ROWS", switch)
            made[switch] = tmp / f"{switch}.xlsx"
            _book(made[switch], tmp, rows, forms, blocks if switch == "2" else [])
    assert members(made["1"]) == members(made["0"])
    assert members(made["2"]) == members(made["0"])


@pytest.mark.parametrize("first", [0, -0.0, Decimal("-0.00"), None])
def test_zeros_of_either_sign_are_written_as_each_is(
    first: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """0, 0.0, -0.0 and a Decimal 0 are one value to a dict, but -0.0 is written -0: a
    block looks each up in its place (the reviewer's find: a block wrote -0.0 as 0 after a
    0 in its column, or 0 as -0)."""
    zeros = [first, 0, -0.0, Decimal("-0"), 0.0, Decimal("0.00"), 1, -0.0]
    rows = [[value, "甲"] for value in zeros] * 3
    made = {}
    for switch in ("2", "0"):
        monkeypatch.setenv("COMPLY_XLSX_ROWS", switch)
        made[switch] = tmp_path / f"{switch}.xlsx"
        _book(made[switch], tmp_path, rows, ["number", "text"], [len(zeros)] * 3)
    assert members(made["2"]) == members(made["0"])
    assert b"<v>-0</v>" in members(made["2"])["xl/worksheets/sheet1.xml"]


def test_values_a_block_declines_are_not_remembered(tmp_path: Path) -> None:
    """A text a block declines (a carriage return pasted from Windows) is not kept in its
    column's cells (the reviewer's find: 200,000 unique remarks of 10,000 characters were
    all kept, 4 GB), nor a text too long to keep; those it takes are."""
    book = xlsxwriter.Workbook(str(tmp_path / "b.xlsx"), {"constant_memory": True})
    formats = _Formats(book)
    table = _Table(book, formats, "表", "标题", "zh")
    table.columns = [("备注", "text")]
    table.add_many([[f"第{n}行\r\n说明"] for n in range(600)])
    table.add_many([["长" * 500], ["短"], ["短"]])
    kept = table.sheet._columns[0].cells
    assert list(kept) == ["短"]
    table.close([None])
    book.close()


def test_a_column_is_as_wide_as_any_of_its_numbers_and_its_total(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first rows set the widths (3 here); a number below them, or a total, wider than
    they were widens its column, the first column too (a reviewer: its total was shown
    ###), a whole number of the register's own too (one in General was shown 1E+14), at
    most WIDEST; a date and time is measured as it is shown (every one was ###)."""
    monkeypatch.setattr(xlsx, "SAMPLE", 3)
    path = tmp_path / "b.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    table = _Table(book, _Formats(book), "表", "标题", "zh")
    forms = ["number", "general", "general", "general", "percent", "general"]
    table.columns = [(f"列{n}", form) for n, form in enumerate(forms)]
    when = datetime(2012, 8, 31, 14, 30)
    first = [Decimal("99999.99"), 5, Decimal("1.5"), 1.5, Fraction(1, 5), when]
    later = [Decimal("99999.99"), 123456789012345, Decimal("1" + "1" * 300), 12345.678, 9999, when]
    table.add_many([first] * 3 + [later])
    table.close([Decimal("59999994.00"), None, None, None, None, None])
    book.close()
    sheet = openpyxl.load_workbook(path).worksheets[0]
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEF"]
    shown = ["59,999,994.00", "123456789012345", "1" * 40, "12345.678", "999900.00%"]
    for column, (wide, text) in enumerate(zip(widths, shown, strict=False)):
        assert min(xlsx.WIDEST, len(text) + 2) <= wide <= xlsx.WIDEST + 1, (column, text)
    assert widths[5] >= len("2012-08-31 14:30") + 2
    assert sheet["B5"].number_format == "0"


@pytest.mark.parametrize("totalled", [True, False])
def test_a_sheet_takes_as_many_rows_as_excel_holds_and_no_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, totalled: bool
) -> None:
    """A sheet of 5 rows (the limit made small) holds its header and 3 rows and a totals
    row, or, with no totals row (the actions'), its header and 4 rows; one more is refused
    (the actions' sheet was refused a row early)."""
    monkeypatch.setattr(xlsx, "MAX_ROWS", 5)
    room = 3 if totalled else 4
    for count, fits in ((room, True), (room + 1, False)):
        book = xlsxwriter.Workbook(str(tmp_path / "b.xlsx"), {"constant_memory": True})
        table = _Table(book, _Formats(book), "表", "标题", "zh", totalled=totalled)
        table.columns = [("数", "int")]
        table.add_many([[n] for n in range(count)])
        if fits:
            table.close([None] if totalled else None)
            book.close()
        else:
            with pytest.raises(OutputError, match="5"):
                table.close([None] if totalled else None)


def test_whole_rows_are_taken_and_odd_ones_declined(tmp_path: Path) -> None:
    """The test above compares something: plain rows are written whole, and a row holding
    a cell XlsxWriter writes its own way is left to it (the same bytes either way)."""
    book = xlsxwriter.Workbook(str(tmp_path / "b.xlsx"), {"constant_memory": True})
    formats = _Formats(book)
    table = _Table(book, formats, "表", "标题", "zh")
    sheet = table.sheet
    cell = formats.look("body", "General", False)
    looks: dict[Any, str] = {}
    forms = ["text", "money", "date"]

    def whole(row: int, *values: Any) -> bool:
        return bool(sheet.write_cells(row, list(values), forms, looks, lambda v, f: cell))

    assert whole(1, "甲 & 乙", Decimal("1.50"), date(2012, 8, 31))
    for row, odd in enumerate(["_x0041_", "\r", True, "<r>甲</r>", 10**400], start=2):
        assert not whole(row, odd, None, None)
    assert not whole(7, Decimal("sNaN"), None, None)
    assert not whole(8, float("inf"), None, None)
    assert not whole(0, "behind", None, None)
    # A block: its plain rows written at once, each odd one left to `one`, in its place.
    given: list[int] = []
    block = [["甲", Decimal(1), None], ["_x0041_", None, None], ["乙", None, date(2012, 8, 31)]]
    block += [[True, None, None], ["丙", Decimal("sNaN"), None], ["丁", 2, None]]

    def one(row: int, values: Any) -> None:
        given.append(row)
        assert sheet.previous_row < row  # the rows before it written
        sheet.write_cells(row, list(values), forms, looks, lambda v, f: cell)

    sheet.write_rows(10, block, forms, looks, lambda v, f: cell, None, one)
    assert given == [11, 13, 14]
    assert sheet.previous_row == 15
    book.close()
    written = members(tmp_path / "b.xlsx")["xl/worksheets/sheet1.xml"].decode()
    rows = [n for n in range(1, 17) if f'<row r="{n}"' in written]
    assert rows == [2, 11, 13, 16]  # the odd rows were left to `one`, which wrote none


@pytest.mark.parametrize(
    ("kind", "source", "lang"), [("parcels", COUNTY, "zh"), ("budget", BUDGET, "en")]
)
def test_a_decided_register_is_the_same_workbook_either_way(
    kind: str, source: Path, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = {}
    for switch in ("2", "1", "0"):
        monkeypatch.setenv("COMPLY_XLSX_ROWS", switch)
        made[switch] = tmp_path / f"{switch}.xlsx"
        args = [kind, str(source), "--as-of", "2012-08-31", "--lang", lang]
        result = CliRunner().invoke(main, [*args, "--out", str(made[switch])])
        assert result.exit_code == 0, result.output
    assert members(made["1"]) == members(made["0"])
    assert members(made["2"]) == members(made["0"])


def _each_way(
    tmp_path: Path, rows: list[str], monkeypatch: pytest.MonkeyPatch, *options: str
) -> dict[str, Path]:
    """A register of `rows` decided into a workbook each way its rows are written: in blocks
    ("2"), row by row ("1"), cell by cell ("0")."""
    register = tmp_path / "parcels.csv"
    register.write_text("\n".join(rows) + "\n", encoding="utf-8")
    made = {}
    for switch in ("2", "1", "0"):
        monkeypatch.setenv("COMPLY_XLSX_ROWS", switch)
        made[switch] = tmp_path / f"{switch}.xlsx"
        args = ["parcels", str(register), "--as-of", "2012-08-31", *options]
        result = CliRunner().invoke(main, [*args, "--out", str(made[switch])])
        assert result.exit_code == 0, result.output
    return made


def test_a_registers_own_numbers_are_the_same_workbook_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two columns of the register's own, each number shown with its own decimals and its
    thousands apart if they were (a format each): formats first met in another order row by
    row than a column at a time, and equal numbers written apart in a column, the same
    workbook (the formats are made before the first row, numbered alike; a number is
    remembered by its text)."""
    head, *body = PARCELS.read_text(encoding="utf-8").splitlines()
    # Formats first met row by row (after land_area's 0.00): 0.0, 0.000, #,##0.0, 0.00000,
    # #,##0, 0.0000; a column at a time: 0.0, #,##0, then 0.000, #,##0.0, 0.00000, 0.0000.
    # 1.5 and 1.50, 1,500 and 1500: equal, not shown alike.
    first = ["1.5", "1.50", "7", '"1,500"', "1500"]
    second = ["3.125", '"2,000.5"', "0.00001", "2.2222"]
    rows = [head + ",面积（亩）,系数"]
    for n in range(xlsx.SAMPLE + 100):  # rows after those held for the widths: in blocks
        line = body[n % len(body)]
        own = f"{first[n % 5]},{second[n % 4]}" if n >= xlsx.SAMPLE else ","
        rows.append(f"P-{n:05d}{line[line.index(',') :]},{own}")
    made = _each_way(tmp_path, rows, monkeypatch, "--lang", "zh")
    assert b'formatCode="0.00000"' in members(made["0"])["xl/styles.xml"]
    assert b'formatCode="#,##0"' in members(made["0"])["xl/styles.xml"]
    assert members(made["1"]) == members(made["0"])
    assert members(made["2"]) == members(made["0"])


def test_a_registers_amounts_keep_their_decimals_the_same_workbook_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A price of 万元 to the yuan (3860.1234) or the fen (6 decimals), read since the cell
    grammar reads it so, was shown 3,860.12, and its total to the cent (a reviewer's find):
    each is shown with its decimals, two at least; equal prices written apart (3860.1234,
    3860.123400) shown apart, the same workbook row by row, in blocks, cell by cell."""
    prices = ["3860.1234", "3860.123400", "3860.12", "980", "1250.5", "3860.123456"]
    rows = ["地块编号,土地使用权人,供地方式,出让价款（万元）,约定开工日期"]
    for n in range(xlsx.SAMPLE + 100):  # rows after those held for the widths: in blocks
        rows.append(f"P-{n:05d},甲置业有限公司,出让,{prices[n % 6]},2011-03-15")
    made = _each_way(tmp_path, rows, monkeypatch)
    assert members(made["1"]) == members(made["0"])
    assert members(made["2"]) == members(made["0"])
    sheet = openpyxl.load_workbook(made["2"]).worksheets[0]
    assert sheet["D1"].value == "出让价款（万元）"
    for first in (2, 596):  # the rows held for the widths, and a block's
        shown = [
            (sheet.cell(r, 4).value, sheet.cell(r, 4).number_format)
            for r in range(first, first + 6)
        ]
        assert shown == [
            (3860.1234, "#,##0.0000"),
            (3860.1234, "#,##0.000000"),
            (3860.12, "#,##0.00"),
            (980, "#,##0.00"),
            (1250.5, "#,##0.00"),
            (3860.123456, "#,##0.000000"),
        ]
    total = sheet.cell(sheet.max_row, 4)
    assert Decimal(str(total.value)) == sum(Decimal(p) for p in prices) * 100
    assert total.number_format == "#,##0.000000"


def test_a_workbook_is_deflated_quickly_and_xlsxwriter_left_as_it_was(tmp_path: Path) -> None:
    """The CLI's workbook is deflated at ZIP_LEVEL (each sheet's size is what zlib makes of
    it at that level, not at its default), and XlsxWriter's own zip class is back after a
    save, and after a failed one."""
    out = tmp_path / "b.xlsx"
    args = ["parcels", str(COUNTY), "--as-of", "2012-08-31", "--lang", "zh", "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as book:
        sheets = [i for i in book.infolist() if i.filename.startswith("xl/worksheets/")]
        for info in sheets:
            data = book.read(info)
            assert info.compress_size == _deflated(data, ZIP_LEVEL) != _deflated(data, 6)
    stored_with = xlsxwriter.workbook.ZipFile
    assert stored_with is zipfile.ZipFile
    failing = Book(str(tmp_path / "missing" / "b.xlsx"))
    failing.add_worksheet()
    with pytest.raises(xlsxwriter.exceptions.FileCreateError):
        failing.close()
    assert xlsxwriter.workbook.ZipFile is stored_with


def test_a_large_sheet_is_deflated_in_pieces_into_one_stream(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A member of PARALLEL_FROM bytes or more is deflated a PIECE at a time on threads,
    into one deflate stream: the zip tests whole (every CRC), each member is what it was."""
    args = ["parcels", str(COUNTY), "--as-of", "2012-08-31", "--lang", "zh", "--out"]
    whole = tmp_path / "whole.xlsx"
    assert CliRunner().invoke(main, [*args, str(whole)]).exit_code == 0
    monkeypatch.setattr(_xlsx_rows, "PARALLEL_FROM", 1000)
    monkeypatch.setattr(_xlsx_rows, "PIECE", 1500)
    pieces: list[int] = []
    deflated = _xlsx_rows._deflated
    monkeypatch.setattr(
        _xlsx_rows, "_deflated", lambda *a: pieces.append(len(a[0])) or deflated(*a)
    )
    made = tmp_path / "pieces.xlsx"
    assert CliRunner().invoke(main, [*args, str(made)]).exit_code == 0
    assert len(pieces) > 6
    assert set(pieces[:-1]) >= {1500}
    with zipfile.ZipFile(made) as book:
        assert book.testzip() is None
    assert members(made) == members(whole)


def test_pieces_deflated_apart_make_the_stream_deflated_whole() -> None:
    """10 MB of a sheet's rows in pieces of PIECE: inflated, the same bytes; deflated, about
    the size of one stream (each piece has the 32 KiB before it as its dictionary)."""
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" s="3" t="inlineStr"><is><t>XJ{n:07d} 地块{n % 97}</t></is></c>'
        f'<c r="B{n}" s="4"><v>{n * 7919 % 100003}.5</v></c></row>'
        for n in range(1, 100_000)
    ).encode()
    deflate = _xlsx_rows._Deflate(ZIP_LEVEL)
    made = b"".join(deflate.compress(rows[at : at + 65536]) for at in range(0, len(rows), 65536))
    made += deflate.flush()
    assert len(rows) > 2 * _xlsx_rows.PIECE
    assert zlib.decompress(made, -15) == rows
    assert len(made) < _deflated(rows, ZIP_LEVEL) * 1.01


def _deflated(data: bytes, level: int) -> int:
    deflate = zlib.compressobj(level, zlib.DEFLATED, -15)
    return len(deflate.compress(data) + deflate.flush())


@pytest.mark.parametrize("version", [2007, 2010])
def test_rows_of_a_sheet_with_its_own_default_height_are_the_same_either_way(
    version: int, tmp_path: Path
) -> None:
    """A row without a height of its own is <row r="N"> only for the default row height
    and Excel 2007's attributes; otherwise XlsxWriter writes its row element."""
    made = {}
    for way in ("cells", "rows", "blocks"):
        made[way] = tmp_path / f"{way}.xlsx"
        book = xlsxwriter.Workbook(str(made[way]), {"constant_memory": True})
        book.add_worksheet(worksheet_class=RowSheet)  # the rest of the book alike
        formats = _Formats(book)
        sheet = book.add_worksheet("表", worksheet_class=RowSheet)
        sheet.whole_rows = way != "cells"
        sheet.excel_version = version
        if version == 2007:
            sheet.set_default_row(24)
        fit = Fit([8.0, 8.0], lambda lines: lines * 15.6)
        rows = [["甲乙", "甲乙丙丁戊己"[: 2 * row + 1]] for row in range(4)]
        forms = ["text"] * 2

        def one(row: int, values: Any) -> None:
            _row(sheet, formats, row, list(values), forms, "body", fit)  # noqa: B023

        if way == "blocks":
            look = formats.attributes["body"]
            sheet.write_rows(0, rows, forms, look, _format_of(formats, "body"), fit, one)
        else:
            for row, values in enumerate(rows):
                one(row, values)
        book.close()
    assert members(made["rows"]) == members(made["cells"])
    assert members(made["blocks"]) == members(made["cells"])
    sheet_xml = members(made["blocks"])["xl/worksheets/sheet2.xml"].decode()
    assert '<row r="1"' in sheet_xml
    assert 'customHeight="1"' in sheet_xml  # the third row, of three lines


@pytest.mark.parametrize(
    "odd", [Decimal("Infinity"), Decimal("-Infinity"), Decimal("NaN"), float("inf"), float("nan")]
)
def test_a_number_that_is_not_finite_widens_its_column_as_a_row_written_alone(
    tmp_path: Path, odd: Any
) -> None:
    """A column's width is the widest of its numbers as shown: an infinity or a NaN (shown
    as a text) is no end of the column's numbers, in a block of rows as in a row written
    alone (the block took Infinity for its widest number, and 100000000 went unmeasured)."""
    forms = ["date", "int", "money"]
    rows = [
        ["", 0, None],
        ["", 100000000, Decimal("12345678.90")],
        ["", odd, odd],
        [None, 5, Decimal("1.00")],
        ["", "", ""],
    ]
    made = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xlsx, "SAMPLE", 1)
        for switch in ("2", "0"):
            patch.setenv("COMPLY_XLSX_ROWS", switch)
            made[switch] = tmp_path / f"{switch}.xlsx"
            _book(made[switch], tmp_path, rows, forms, [5] if switch == "2" else [])
    assert members(made["2"]) == members(made["0"])
