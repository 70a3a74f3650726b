"""Workbooks an official can hand on (issue 13): read back with openpyxl, and rendered.

The county's register (examples/registers/county-2012.xlsx) is decided into a workbook in
Chinese; the test reads it back and checks what an official opens: the sheets, the
register's own columns before the decision, values as Excel values with their number
formats, the frozen header, the autofilter, the totals row, the print setup. Another
renders it to PDF in headless LibreOffice, and the first page to PNG, and checks that
there is something on them (the PNG was looked at when the layout was made).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from comply.cli import main
from comply.engine.writers import xlsx
from workbooks import stored_as

ROOT = Path(__file__).parent.parent
COUNTY = ROOT / "examples" / "registers" / "county-2012.xlsx"
BUDGET = ROOT / "examples" / "district-2012" / "budget.csv"
PARCELS = ROOT / "examples" / "district-2012" / "parcels.csv"
AS_OF = ["--as-of", "2012-08-31"]
REGISTER_HEADER = [
    "序号",
    "宗地编号",
    "土地使用权人",
    "土地坐落",
    "土地用途",
    "面积（平方米）",
    "供地方式",
    "出让价款（万元）",
    "合同签订日期",
    "约定开工日期",
    "实际开工日期",
    "是否抵押",
    "抵押权人",
    "备注",
]
DECISION_HEADER = [
    "状态",
    "闲置起算日",
    "当前应办事项",
    "最近期限",
    "预期处置",
    "金额（元）",
    "报送及送达",
]


def workbook(tmp_path: Path, source: Path, *args: str, kind: str = "parcels") -> Path:
    out = tmp_path / "处置结果.xlsx"
    result = CliRunner().invoke(main, [kind, str(source), *AS_OF, "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return workbook(tmp_path_factory.mktemp("book"), COUNTY, "--lang", "zh")


def rows(sheet: Any) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows()]


def test_three_sheets_in_chinese(county: Path) -> None:
    book = openpyxl.load_workbook(county)
    assert book.sheetnames == ["处置结果", "措施清单", "汇总"]
    heading = [c.value for c in next(book["处置结果"].iter_rows())]
    assert heading == [*REGISTER_HEADER, *DECISION_HEADER]


def test_one_row_per_parcel_the_registers_cells_then_the_decision(county: Path) -> None:
    sheet = openpyxl.load_workbook(county)["处置结果"]
    table = rows(sheet)
    heading = [c.value for c in table[0]]
    body, totals = table[1:-1], table[-1]
    assert len(body) == 11
    by_id = {row[1].value: dict(zip(heading, row, strict=True)) for row in body}
    fee = by_id["XJ2010-11"]
    assert fee["状态"].value == "闲置"
    assert fee["闲置起算日"].value == datetime(2012, 3, 17)
    assert fee["闲置起算日"].number_format == "yyyy-mm-dd"
    assert fee["金额（元）"].value == 2401000
    assert fee["金额（元）"].number_format == "#,##0.00"
    # Due 30 days after discovery, the day it became idle (decisions.md L14), not the as-of.
    assert fee["最近期限"].value == datetime(2012, 7, 31)
    assert fee["当前应办事项"].value == "调查核实（2012-07-31前）"
    assert fee["预期处置"].value == "征缴土地闲置费（本级人民政府批准，市、县国土资源主管部门下达）"
    assert fee["出让价款（万元）"].value == 1200.5, "the bureau's text '1,200.5' as a number"
    assert fee["合同签订日期"].value == datetime(2010, 5, 8), "its text 2010.5.8, as a date"
    assert fee["合同签订日期"].number_format == "yyyy-mm-dd"
    assert fee["抵押权人"].value == "中国农业银行股份有限公司XX县支行"
    assert fee["备注"].data_type == "s"
    school = by_id["HB2011-01"]
    assert school["金额（元）"].value is None, "no price, no amount"
    assert "核定闲置费计征基数" in school["当前应办事项"].value
    assert by_id["XJ2011-09"]["闲置起算日"].value is None
    assert totals[0].value == "合计"
    assert totals[heading.index("金额（元）")].value == 6081000
    assert totals[heading.index("面积（平方米）")].value == pytest.approx(244870.5)
    assert totals[0].font.b


@pytest.mark.parametrize(
    ("odd", "shown_as", "summed"),
    [
        (True, True, 0.0),
        (1e26, pytest.approx(1e26), 1e26),
        (10**30, pytest.approx(1e30), 1e30),
    ],
)
def test_an_odd_cell_in_a_summed_column_of_the_register_is_shown_and_totalled(
    odd: Any, shown_as: Any, summed: float, tmp_path: Path
) -> None:
    """A workbook register's own column of an area (面积（亩）) holding TRUE, or a number
    too large to total to the cent: the cell is kept as it is, the total sums the numbers
    (TRUE raised decimal.InvalidOperation in the totals row, and 1e26 too)."""
    source = openpyxl.load_workbook(COUNTY)
    sheet = source.worksheets[0]
    header_row = next(
        n for n, row in enumerate(sheet.iter_rows(values_only=True), 1) if "宗地编号" in row
    )
    column = sheet.max_column + 1
    sheet.cell(header_row, column, "面积（亩）")
    below = range(header_row + 1, sheet.max_row + 1)
    ids = [sheet.cell(n, 2).value for n in below]
    for n in below:
        sheet.cell(n, column, odd if n == header_row + 2 else 2.5)
    register = tmp_path / "register.xlsx"
    source.save(register)
    book = openpyxl.load_workbook(workbook(tmp_path, register, "--lang", "zh"))
    decided = rows(book["处置结果"])
    heading = [cell.value for cell in decided[0]]
    at = heading.index("面积（亩）")
    shown = [row[at].value for row in decided[1:-1]]
    parcels = sum(1 for i in ids if i)
    assert shown[1] == shown_as
    assert isinstance(shown[1], bool) == (odd is True)
    assert shown.count(2.5) == parcels - 1
    assert decided[-1][at].value == pytest.approx(summed + 2.5 * (parcels - 1))


def test_infinities_in_a_summed_column_of_the_register_are_not_summed(tmp_path: Path) -> None:
    """Number cells stored as 1E+309 and -1E+309 (read as infinities) in a register's own
    summed column: shown as their text, the total the sum of the finite numbers (infinity
    beside minus infinity raised decimal.InvalidOperation)."""
    source = openpyxl.load_workbook(COUNTY)
    sheet = source.worksheets[0]
    column = sheet.max_column + 1
    sheet.cell(3, column, "面积（亩）")
    for n in range(4, 15):
        sheet.cell(n, column, {4: 111.25, 5: 222.25}.get(n, 2.5))
    made = tmp_path / "made.xlsx"
    source.save(made)
    infinities = {b"<v>111.25</v>": b"<v>1E+309</v>", b"<v>222.25</v>": b"<v>-1E+309</v>"}
    register = stored_as(made, tmp_path / "register.xlsx", infinities)
    book = openpyxl.load_workbook(workbook(tmp_path, register, "--lang", "zh"))
    decided = rows(book["处置结果"])
    at = [cell.value for cell in decided[0]].index("面积（亩）")
    shown = [row[at].value for row in decided[1:-1]]
    assert shown[:2] == ["inf", "-inf"]
    assert decided[-1][at].value == pytest.approx(2.5 * (len(shown) - 2))


# A CSV register's own cells, as written, and as a workbook shows them (its number format).
OWN_NUMBERS = [
    ("12.50", 12.5, "0.00"),
    ("12.5", 12.5, "0.0"),  # equal to 12.50, not shown alike
    ("2012.10", 2012.1, "0.00"),  # a period, not 2012.1
    ("0.125", 0.125, "0.000"),
    ("3", 3, "General"),
    ("1,234.5", 1234.5, "#,##0.0"),  # its thousands apart
    ("1234.5", 1234.5, "0.0"),  # equal to 1,234.5, not shown alike
    ("12,345", 12345, "#,##0"),
    ("12,34", "12,34", "General"),  # not thousands: two numbers? text
    ("007", "007", "General"),  # a code: its zeros kept
    ("110101199001011234", "110101199001011234", "General"),  # 18 digits: an id, not a number
    ("410102198001011", 410102198001011, "0"),  # 15: all shown, not 4.10102E+14
    ("1.00000000000000", 1.0, "0." + "0" * 14),  # fifteen digits, as a sheet's number keeps
    ("15373.000000000002", 15373, "General"),  # more (a program's arithmetic): as a sheet keeps it
    ("0.0000001", 0.0000001, "0.0000000"),
]


def test_a_csv_registers_own_numbers_are_shown_as_written(tmp_path: Path) -> None:
    """A CSV register's own column (not the contract's) is carried as written: a number
    keeps the decimals it was written with (2012.10 is not shown 2012.1) and its thousands
    apart if they were; one of more digits than a sheet's number keeps is shown as a sheet
    holds it (General); an id of 18 digits, and 12,34 (not thousands apart), stay text; the
    column's total shows the decimals its figures had, and the column is as wide as the
    widest (1E-7 was measured, not 0.0000001)."""
    lines = PARCELS.read_text(encoding="utf-8").splitlines()
    body = lines[1 : len(OWN_NUMBERS) + 1]
    assert len(body) == len(OWN_NUMBERS)
    register = tmp_path / "parcels.csv"
    with register.open("w", encoding="utf-8", newline="") as handle:
        written = csv.writer(handle)
        written.writerow([*lines[0].split(","), "面积（亩）", "备注", "系数"])
        for line, (text, _, _) in zip(body, OWN_NUMBERS, strict=True):
            written.writerow([*next(csv.reader([line])), text, text, "0.0000001"])
    sheet = openpyxl.load_workbook(workbook(tmp_path, register, "--lang", "zh"))["处置结果"]
    decided = rows(sheet)
    heading = [cell.value for cell in decided[0]]
    for name in ("面积（亩）", "备注"):
        at = heading.index(name)
        shown = [(row[at].value, row[at].number_format) for row in decided[1:-1]]
        assert shown == [(value, shape) for _, value, shape in OWN_NUMBERS]
    summed = decided[-1][heading.index("面积（亩）")]
    figures = 2 * 12.5 + 2012.1 + 0.125 + 3 + 2 * 1234.5 + 12345 + 1 + 15373.000000000002
    figures += 410102198001011
    assert summed.value == pytest.approx(figures + 0.0000001)
    # 31,203.3250001 and fourteen decimals more: more digits than a number keeps.
    assert summed.number_format == "General"
    tiny = decided[1][heading.index("系数")]  # (its width was measured of 1E-7)
    assert (tiny.value, tiny.number_format) == (0.0000001, "0.0000000")
    assert sheet.column_dimensions[tiny.column_letter].width >= len("0.0000001") + 2
    assert decided[-1][heading.index("备注")].value is None, "备注 is not summed"


def test_a_total_wider_than_its_columns_figures_widens_its_column(tmp_path: Path) -> None:
    """The district's land areas (土地面积, 57,936.00 at most) total 1,292,935.00: its column is
    made as wide as the total in bold, which a reader showed ### in the width its figures
    set; so are the price's and the amount's."""
    book = openpyxl.load_workbook(workbook(tmp_path, PARCELS, "--lang", "zh"))
    sheet = book.worksheets[0]
    decided = rows(sheet)
    heading = [cell.value for cell in decided[0]]
    for name in ("土地面积", "出让价款", "金额（元）"):
        total = decided[-1][heading.index(name)]
        shown = f"{total.value:,.2f}"
        assert total.number_format == "#,##0.00"
        assert sheet.column_dimensions[total.column_letter].width >= len(shown) + 2, name


def test_a_later_rows_wider_number_widens_its_column(tmp_path: Path) -> None:
    """The first rows set the widths, before the rest are streamed: a wider number below
    them (a price of 9,876,543,210.00, an area of 12345.125) widens its column, which a
    reader showed ### in a number format that shows it whole."""
    head, *body = PARCELS.read_text(encoding="utf-8").splitlines()
    lines = [head + ",面积"]
    for n in range(xlsx.SAMPLE + 20):
        cells = next(csv.reader([body[n % len(body)]]))
        cells[0] = f"P-{n:05d}"
        if n >= xlsx.SAMPLE:
            cells[3] = "9876543210"
        lines.append(",".join(cells) + ("," + ("12345.125" if n >= xlsx.SAMPLE else "1.5")))
    register = tmp_path / "parcels.csv"
    register.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sheet = openpyxl.load_workbook(workbook(tmp_path, register, "--lang", "zh"))["处置结果"]
    decided = rows(sheet)
    heading = [cell.value for cell in decided[0]]
    for name, shown in (("出让价款", "9,876,543,210.00"), ("面积", "12345.125")):
        last = decided[-2][heading.index(name)]
        assert f"{last.value:,.2f}" == shown or f"{last.value}" == shown, name
        assert sheet.column_dimensions[last.column_letter].width >= len(shown) + 2, name


def test_the_sheet_is_set_up_for_reading_and_printing(county: Path) -> None:
    book = openpyxl.load_workbook(county)
    sheet = book["处置结果"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:U12"  # the header and the parcels, not the totals
    assert sheet.print_title_rows == "$1:$1"
    setup = sheet.page_setup
    assert setup.orientation == "landscape"
    # One page wide (1, the attribute's default in the file format, may be left out), as
    # many pages tall as it takes (0).
    assert (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert int(setup.paperSize) == int(sheet.PAPERSIZE_A3), "a register this wide prints on A3"
    widths = {k: d.width for k, d in sheet.column_dimensions.items()}
    assert widths["C"] > widths["A"], "columns as wide as what they hold"
    assert next(sheet.iter_rows())[0].font.b
    assert "闲置土地处置" in sheet.oddHeader.center.text


def test_rows_are_as_tall_as_their_wrapped_texts(county: Path) -> None:
    """A row whose text wraps in its column is made as tall as its lines (a reader does not
    always lay out rows it did not write); a row of one line keeps the default height."""
    book = openpyxl.load_workbook(county)
    for sheet, tall in ((book["处置结果"], {3, 4, 8, 11}), (book["措施清单"], set(range(2, 13)))):
        heights = {r: sheet.row_dimensions[r].height for r in range(1, sheet.max_row + 1)}
        assert {r for r, height in heights.items() if height} == tall, sheet.title
        assert all(heights[r] >= 2 * 15.6 for r in tall), heights  # two lines at least
        wrapped = [
            cell.row
            for row in sheet.iter_rows(min_row=2)
            for cell in row
            if isinstance(cell.value, str) and "\n" in cell.value
        ]
        assert set(wrapped) <= tall, "a text of two lines makes its row taller"


def test_every_action_one_a_row(county: Path) -> None:
    sheet = openpyxl.load_workbook(county)["措施清单"]
    table = [[c.value for c in row] for row in sheet.iter_rows()]
    heading = table[0]
    assert heading[:6] == ["地块编号", "土地使用权人", "状态", "措施代码", "措施", "具体内容"]
    codes = [(row[0], row[3]) for row in table[1:]]
    assert ("HB2011-01", "DETERMINE_FEE_BASE") in codes
    assert all(re.fullmatch(r"[A-Z_]+", code) for _, code in codes), "codes stay ASCII"
    fee = next(
        row
        for row in table[1:]
        if row[:4] == ["XJ2010-11", "鼎城房地产开发有限公司", "闲置", "CHARGE_IDLE_FEE"]
    )
    assert fee[heading.index("预期处置")] == "是"
    assert fee[heading.index("金额（元）")] == 2401000
    assert fee[heading.index("批准机关")] == "本级人民政府"
    assert fee[heading.index("依据")].startswith("《闲置土地处置办法》第十四条")


def test_the_summary_names_the_rulebook_and_the_date(county: Path, tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(county)["汇总"]
    found = {row[0].value: row[1].value if len(row) > 1 else None for row in sheet.iter_rows()}
    assert found["评估日期"] == datetime(2012, 8, 31)
    out = tmp_path / "same.json"
    CliRunner().invoke(main, ["parcels", str(COUNTY), *AS_OF, "--out", str(out)])
    rulebook = json.loads(out.read_text(encoding="utf-8"))["rulebook"]
    assert found["规则库 sha256"] == rulebook["sha256"]
    assert found["规则库版本"] == rulebook["version"]
    assert found["地块数"] == 11
    assert found["闲置"] == 4
    lines = [row[1].value for row in sheet.iter_rows() if row[0].value is None]
    assert "第 15 行已跳过（合计行）：合计 244870.5 32070.7" in lines


def test_an_english_workbook_and_one_for_change_logs(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(workbook(tmp_path, BUDGET, kind="budget"))
    assert book.sheetnames == ["Budget changes", "Actions", "Summary"]
    table = rows(book["Budget changes"])
    heading = [c.value for c in table[0]]
    assert heading[:3] == ["project", "name", "budget (yuan)"]
    row = dict(zip(heading, table[4], strict=True))  # PJ-2012-004
    assert row["overrun ratio"].value == pytest.approx(0.2)
    assert row["overrun ratio"].number_format == "0.00%"
    assert row["status"].value == "overrun awaiting approval"
    assert table[-1][0].value == "Total"


def test_without_the_registers_columns_the_parcel_is_named_by_its_own(tmp_path: Path) -> None:
    out = workbook(tmp_path, COUNTY, "--drop-columns", "--lang", "zh")
    heading = [c.value for c in next(openpyxl.load_workbook(out)["处置结果"].iter_rows())]
    assert heading == ["地块编号", "土地使用权人", "抵押权人", *DECISION_HEADER]


def test_ids_stay_text_and_characters_xml_cannot_hold_are_replaced(tmp_path: Path) -> None:
    """A parcel id that looks like a number or a date is an id; U+FFFE and U+FFFF, which a
    workbook's XML cannot hold, are shown as U+FFFD rather than failing the run; a text
    that reads as the XML of formatted text is the text it is."""
    source = tmp_path / "ids.csv"
    source.write_text(
        "parcel_id,holder,supply,price,agreed_start\n"
        "-1,甲\ufffe乙,transfer,100000,2010-01-01\n"
        "2012-01-01,丙,transfer,100000,2010-01-01\n"
        '"1,000",丁\uffff,transfer,100000,2010-01-01\n'
        "P4,<r>戊 & 己</r>,transfer,100000,2010-01-01\n"
        "P5,<r><t>庚</t></r>,transfer,100000,2010-01-01\n"
        "P6,<r>_x0041_ 辛</r>,transfer,100000,2010-01-01\n"
        'P8,"<r>壬\r癸\r\n子</r>",transfer,100000,2010-01-01\n'
        f"P7,<r>{'&' * 7000}</r>,transfer,100000,2010-01-01\n",
        encoding="utf-8",
    )
    table = rows(openpyxl.load_workbook(workbook(tmp_path, source)).worksheets[0])
    assert [(r[0].value, r[0].data_type) for r in table[1:4]] == [
        ("-1", "s"),
        ("2012-01-01", "s"),
        ("1,000", "s"),
    ]
    assert [r[1].value for r in table[1:9]] == [
        "甲\ufffd乙",
        "丙",
        "丁\ufffd",
        "<r>戊 & 己</r>",
        "<r><t>庚</t></r>",
        "<r>_x0041_ 辛</r>",
        "<r>壬\n癸\n子</r>",  # its carriage returns as line breaks: on that path, no escape
        f"<r>{'&' * 7000}</r>",
    ]


def test_a_sheet_too_long_for_a_workbook_is_refused_not_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sheet holds 1,048,576 rows; XlsxWriter drops the cells past them. A run whose
    decisions or actions would need more fails with the reason, and writes nothing (the
    limit is made small here: 34 parcels, 10 rows)."""
    from comply.engine.writers import xlsx

    monkeypatch.setattr(xlsx, "MAX_ROWS", 10)
    scratch = tmp_path / "scratch"  # the workbook's scratch goes here (not a shared /tmp)
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = tmp_path / "book.xlsx"
    result = CliRunner().invoke(main, ["parcels", str(PARCELS), *AS_OF, "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "more than the 10 rows a sheet holds; nothing was written" in result.output
    assert not out.exists()
    assert not list(scratch.iterdir())
    monkeypatch.setattr(xlsx, "MAX_ROWS", 200)
    assert (
        CliRunner().invoke(main, ["parcels", str(PARCELS), *AS_OF, "--out", str(out)]).exit_code
        == 0
    )


def test_a_csv_for_excel_opens_with_a_bom_and_plain_utf8_is_asked_for(tmp_path: Path) -> None:
    out = tmp_path / "actions.csv"
    for extra, bom in (([], True), (["--no-bom"], False)):
        result = CliRunner().invoke(
            main, ["parcels", str(PARCELS), *AS_OF, "--out", str(out), *extra]
        )
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(b"\xef\xbb\xbf") is bom
    shown = CliRunner().invoke(main, ["parcels", str(PARCELS), *AS_OF, "--format", "csv"])
    assert shown.output.startswith("as_of,subject"), "to the terminal, no BOM"


# ---- Rendered as a person sees it --------------------------------------------------------


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing: .ci/run installs it")
        pytest.skip("LibreOffice is not installed here (.ci/run installs it)")
    return found


def test_the_workbook_renders_in_headless_libreoffice(county: Path, tmp_path: Path) -> None:
    soffice = _soffice()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(county),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = (tmp_path / county.with_suffix(".pdf").name).read_bytes()
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert len(pages) == 3, "one page a sheet: the register fits the width of its page"
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box is not None
    width, height = float(box.group(1)), float(box.group(2))
    assert width > height, "landscape"
    assert round(width) == 1191, "A3"
    fonts = set(re.findall(rb"/BaseFont\s*/[A-Z]+\+([A-Za-z-]+)", pdf))
    assert any(b"WenQuanYi" in f or b"Noto" in f or b"CJK" in f for f in fonts), fonts
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        return
    subprocess.run(
        [
            pdftoppm,
            "-r",
            "60",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(tmp_path / "处置结果.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
        timeout=120,
    )
    png = next(tmp_path.glob("page*.png")).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    png_width, png_height = struct.unpack(">II", png[16:24])
    assert png_width > png_height
    assert len(png) > 30_000, "a blank page compresses to a few kilobytes"


def test_a_failed_run_to_a_workbook_prints_no_traceback(tmp_path: Path) -> None:
    """Bad input with a workbook asked for: the problems, exit 2, no workbook, and nothing
    from openpyxl's abandoned sheet streams after the messages (they were left to the
    garbage collector, and lxml complained)."""
    rows = ["parcel_id,holder,supply,price,agreed_start"]
    rows += [
        f"P{i},某公司,transfer,{'abc' if i % 7 == 0 else 100 + i},2010-01-01" for i in range(300)
    ]
    source = tmp_path / "bad.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "book.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "comply.cli", "parcels", str(source), "--as-of", "2013-01-01",
         "--out", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "expected an amount in yuan" in done.stderr
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr
    assert not out.exists()


@pytest.mark.parametrize("suffix", [".jsonl", ".xlsx"])
def test_a_disk_that_fills_up_under_the_run_is_said_not_a_traceback(
    tmp_path: Path, suffix: str
) -> None:
    """The output cannot grow past a limit the system sets (here the process's file-size
    limit, as a full disk would): the run says so in a line, exits 2, and the file that
    stood there before is left as it was; no workbook scratch is left behind."""
    import resource
    import signal

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    out = tmp_path / f"out{suffix}"
    out.write_text("kept", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "comply.cli", "parcels", str(_big_register(tmp_path)),
         "--as-of", "2013-01-01", "--out", str(out), "--jobs", "1"],
        capture_output=True, text=True, timeout=300, preexec_fn=limited,
        env={**os.environ, "TMPDIR": str(scratch)},
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "writing failed: File too large; nothing was written" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr
    assert out.read_text(encoding="utf-8") == "kept"
    assert not list(scratch.iterdir())


def test_an_interrupt_while_the_workbook_is_saved_leaves_nothing_and_no_traceback(
    tmp_path: Path,
) -> None:
    """Ctrl-C as the workbook is being put together (the moment is chosen by making
    XlsxWriter's assembling of a sheet raise the KeyboardInterrupt a Ctrl-C raises there):
    'Aborted!', the file that stood there before left as it was, no scratch left behind, and
    no complaint from the half-written zip after the run's message."""
    code = (
        "import sys\n"
        "from xlsxwriter.worksheet import Worksheet\n"
        "def interrupted(self):\n"
        "    raise KeyboardInterrupt\n"
        "Worksheet._assemble_xml_file = interrupted\n"
        "from comply.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    out = tmp_path / "out.xlsx"
    out.write_text("kept", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", code, "parcels", str(_big_register(tmp_path)),
         "--as-of", "2013-01-01", "--out", str(out), "--jobs", "1"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "TMPDIR": str(scratch)},
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "Aborted!" in done.stderr
    assert "Exception ignored" not in done.stderr, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert out.read_text(encoding="utf-8") == "kept"
    assert not list(scratch.iterdir())


def _big_register(tmp_path: Path) -> Path:
    """3,000 parcels: more than 200 KB of output in any format."""
    rows = ["parcel_id,holder,supply,price,agreed_start"]
    rows += [f"P{i:05d},某置业有限公司{i},transfer,{100000 + i},2010-01-01" for i in range(3000)]
    source = tmp_path / "big.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return source
