"""Bad input gets a clear error: file, row, column, value and what was expected.

One fixture per error in tests/fixtures/bad_parcels/, each with the words its message must
contain. Every run is through the real CLI: exit status 2, no traceback, nothing written.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from comply.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "bad_parcels"
BUDGET_FIXTURES = Path(__file__).parent / "fixtures" / "bad_budget"
EXAMPLE = Path(__file__).parent.parent / "examples" / "district-2012" / "parcels.csv"

EXPECTED: dict[str, list[str]] = {
    "price_not_a_number.csv": ["row 2, column 'price': got 'abc'", "an amount in yuan"],
    "price_negative.csv": ["row 2, column 'price': got '-5'", "a positive amount"],
    "price_below_fen.csv": ["column 'price': got '100.005'", "at most 2 decimals (fen)"],
    "date_impossible.csv": [
        "row 2, column 'agreed_start': got '2013-02-29'",
        "month 2 of 2013 has 28 days",
    ],
    "date_unknown_form.csv": ["column 'agreed_start': got '01/07/2012'", "expected a date"],
    "supply_unknown.csv": [
        "column 'supply': got 'lease'",
        "transfer or allocation: 出让 (or 协议出让, 招标出让, 拍卖出让, 挂牌出让, 招拍挂) or 划拨",
    ],
    "cause_unknown.csv": ["column 'cause': got 'govt'", "holder, government, force_majeure"],
    "bool_unknown.csv": [
        "column 'cause_verified': got 'maybe'",
        "yes or no: 是/否, 有/无, √/×, Y/N, true/false or 1/0",
    ],
    "ratio_above_one.csv": ["column 'developed_ratio': got '1.5'", "between 0 and 1"],
    "halted_without_ratio.csv": [
        "row 2, column 'developed_ratio'",
        "both developed_ratio and invested_ratio",
        "developed_area and total_area",
    ],
    "halted_not_started.csv": ["row 2, column 'halted_on'", "only a started parcel can halt"],
    "no_start_date.csv": ["row 2, column 'agreed_start'", "delivered_on to count it from"],
    "holder_missing.csv": ["row 2, column 'holder'", "this column is required"],
    "duplicate_id.csv": ["row 3, column 'parcel_id': got 'P1'", "a unique id"],
    "extra_cells.csv": ["row 2, column '(row)'", "13 cells, as in the header, not 14"],
    "column_misspelt.csv": ["row 1, column 'mortaged'", "did you mean 'mortgaged'"],
    "column_missing.csv": ["row 2, column 'price': got ''", "expected the transfer price"],
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
    # Facts that contradict each other (decisions.md L15), and what the new columns need.
    "mortgagee_missing.csv": [
        "row 2, column 'mortgagee': got ''",
        "the mortgagee's name for a mortgaged parcel",
    ],
    "fee_before_idle.csv": [
        "row 2, column 'fee_levied_on': got '2012-08-15'",
        "a date on or after 2012-08-16, the day the parcel became idle",
    ],
    "share_rounded.csv": [
        "row 2, column 'developed_ratio': got '0.3333'",
        "0.3333 is 1/3 rounded",
        "give developed_area and total_area instead",
    ],
    "share_contradicts.csv": [
        "row 2, column 'developed_ratio': got '0.5'",
        "1/3 (developed_area / total_area), or empty",
    ],
    "area_without_total.csv": [
        "row 2, column 'total_area': got ''",
        "since developed_area is given",
    ],
    "invested_over_total.csv": [
        "row 2, column 'invested_amount': got '5000000'",
        "at most total_investment (4000000)",
    ],
    "area_not_a_number.csv": ["column 'developed_area': got '约一千'", "a positive area"],
    "agreement_date_missing.csv": [
        "row 2, column 'agreement_signed_on': got ''",
        "the day the supplementary agreement was signed",
    ],
    "published_without_determination.csv": [
        "row 2, column 'published_on': got '2012-08-10'",
        "a determination first",
    ],
    "hearing_before_determination.csv": [
        "row 2, column 'hearing_notice_on': got '2012-08-01'",
        "a date on or after determination_on",
    ],
    "several_problems.csv": [
        "2 input problems",
        "row 2, column 'price'",
        "row 3, column 'agreed_start': got '2011-13-01'",
    ],
}


# The same problems with --lang zh: row, column and value as written, the expectation in
# Simplified Chinese (decisions.md IO2: codes, column names and values never change).
EXPECTED_ZH: dict[str, list[str]] = {
    "price_not_a_number.csv": [
        "第 2 行，列 'price'：值 'abc'，应为以元计的金额，如 38600000、1,250,000.50、3860万元、"
        "3860万 或 0.386亿元"
    ],
    "price_negative.csv": [
        "第 2 行，列 'price'：值 '-5'，应为不超过 10,000,000,000,000 元的正数金额"
    ],
    "price_below_fen.csv": ["值 '100.005'，应为最多两位小数（精确到分）的正数金额（元）"],
    "date_impossible.csv": [
        "第 2 行，列 'agreed_start'：值 '2013-02-29'，应为日历上存在的日期：2013年2月只有 28 天"
    ],
    "date_unknown_form.csv": [
        "值 '01/07/2012'，应为日期，如 2012-07-01、2012-7-1、2012.7.1、2012/7/1 或 2012年7月1日"
    ],
    "supply_unknown.csv": [
        "列 'supply'：值 'lease'，应为出让（含协议出让、招标出让、拍卖出让、挂牌出让、"
        "招拍挂）或划拨"
    ],
    "cause_unknown.csv": [
        "列 'cause'：值 'govt'，应为以下之一：holder, government, force_majeure"
        "（也可填 使用权人、政府、不可抗力；留空视为 holder）"
    ],
    "bool_unknown.csv": [
        "列 'cause_verified'：值 'maybe'，应为是或否：是/否、有/无、√/×、Y/N、true/false 或 1/0"
    ],
    "ratio_above_one.csv": ["值 '1.5'，应为介于 0 至 1 之间的比例，如 0.25、1/3 或 25%"],
    "halted_without_ratio.csv": [
        "第 2 行，列 'developed_ratio'：值 ''，"
        "应为中止开发地块的 developed_ratio 和 invested_ratio 两项均有值，或填写据以计算的数额"
        "（developed_area 和 total_area、invested_amount 和 total_investment）（第二条第二款）"
    ],
    "halted_not_started.csv": [
        "第 2 行，列 'halted_on'：值 '2011-06-01'，"
        "应为已动工地块的中止日期（请同时填写 started_on）"
    ],
    "no_start_date.csv": [
        "第 2 行，列 'agreed_start'：值 ''，"
        "应为约定动工日期，或据以起算的实际交地日期 delivered_on（L2）"
    ],
    "holder_missing.csv": ["第 2 行，列 'holder'：值 ''，应为非空值：此列为必填列"],
    "duplicate_id.csv": ["第 3 行，列 'parcel_id'：值 'P1'，应为唯一编号：该编号已在前面的行出现"],
    "extra_cells.csv": ["第 2 行，列 '(row)'", "应为与表头相同的 13 个单元格，而不是 14 个"],
    "column_misspelt.csv": [
        "第 1 行，列 'mortaged'",
        "应为输入规范中的列名（是否是指 'mortgaged'？）",
    ],
    "column_missing.csv": ["第 2 行，列 'price'：值 ''，应为出让价款：出让地块必有价款"],
    "not_utf8.csv": [
        "第 2 行，列 'holder'",
        "应为以 UTF-8 编码的文本（请将文件另存为 UTF-8 编码）",
    ],
    "column_twice.csv": ["第 1 行，列 'started_on'", "应为每列只出现一次：该列在表头中出现了两次"],
    "row_short.csv": ["第 2 行，列 '(row)'", "应为与表头相同的 7 个单元格，而不是 5 个"],
    "value_not_scalar.jsonl": [
        "第 1 行，列 'parcel_id'：值 '[\"P\", 1]'，应为单个值（文本、数字或 true/false）"
    ],
    "key_twice.jsonl": [
        "第 1 行，列 '(line)'",
        "应为一个 JSON 对象（每个键只出现一次；重复的键：holder）",
    ],
    "quoted_newline.csv": ["第 2 行，列 'price'：值 'abc'，应为以元计的金额"],
    "line_not_json.jsonl": ["第 2 行，列 '(line)'：值 'not json'，应为一个 JSON 对象（"],
    "delay_days_not_holder_cause.csv": [
        "第 2 行，列 'government_delay_days'：值 '400'，应为空值或 0，除非闲置原因为使用权人原因"
        "（L6：经核实的延误天数仅在使用权人原因的案件中扣除）"
    ],
    "extension_earlier.csv": [
        "第 2 行，列 'extended_start'：值 '2010-01-01'，"
        "应为不早于被替代的动工日期（2012-06-01）的日期；补充协议不能将动工日期提前"
    ],
    "determination_before_notice.csv": [
        "第 2 行，列 'determination_on'：值 '2012-07-01'，应为不早于 investigation_notice_on 的日期"
    ],
    "mortgagee_missing.csv": [
        "第 2 行，列 'mortgagee'：值 ''，应为设有抵押权地块的抵押权人名称：须书面通知或抄送"
        "抵押权人（第十三条第二款、第十四条第（二）项）"
    ],
    "fee_before_idle.csv": [
        "第 2 行，列 'fee_levied_on'：值 '2012-08-15'，应为不早于 2012-08-16（该地块成为闲置"
        "土地之日）的日期：闲置前不征缴土地闲置费（第十四条第（一）项）"
    ],
    "share_rounded.csv": [
        "第 2 行，列 'developed_ratio'：值 '0.3333'，应为精确的比例：0.3333 是 1/3 的近似值，"
        "而它决定该地块是否低于该比例（第二条第二款）；请改填 developed_area 和 total_area"
    ],
    "share_contradicts.csv": [
        "第 2 行，列 'developed_ratio'：值 '0.5'，应为1/3（developed_area / total_area），"
        "或留空：比例与据以计算的数额不一致"
    ],
    "area_without_total.csv": [
        "第 2 行，列 'total_area'：值 ''，应为与 developed_area 同时填写的值：以数额给出比例须"
        "两项均有值"
    ],
    "invested_over_total.csv": [
        "第 2 行，列 'invested_amount'：值 '5000000'，应为不超过 total_investment（4000000）"
        "的数额：部分不能大于总数"
    ],
    "area_not_a_number.csv": [
        "第 2 行，列 'developed_area'：值 '约一千'，应为最多两位小数的正数面积，如 12000 或 "
        "12000.5（两项面积单位一致）"
    ],
    "agreement_date_missing.csv": [
        "第 2 行，列 'agreement_signed_on'：值 ''，应为补充协议的签订日期（与 extended_start "
        "同时填写）：第十二条第（一）项一年期限自签订之日起算（L2）"
    ],
    "published_without_determination.csv": [
        "第 2 行，列 'published_on'：值 '2012-08-10'，应为先有闲置土地认定书：published_on "
        "在下达认定书之后（第十一条、第十五条）；请填写 determination_on"
    ],
    "hearing_before_determination.csv": [
        "第 2 行，列 'hearing_notice_on'：值 '2012-08-01'，应为不早于 determination_on 的日期"
    ],
    "several_problems.csv": [
        "输入有 2 处问题，未写出任何结果：",
        "第 2 行，列 'price'：值 'abc'，应为以元计的金额",
        "第 3 行，列 'agreed_start'：值 '2011-13-01'，应为日历上存在的日期：没有 13 月",
    ],
}


def test_every_fixture_has_its_expected_message() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(EXPECTED) == sorted(EXPECTED_ZH)


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


@pytest.mark.parametrize("name", sorted(EXPECTED_ZH))
def test_bad_input_is_refused_in_chinese_with_lang_zh(name: str, tmp_path: Path) -> None:
    out = tmp_path / "decisions.json"
    result = CliRunner().invoke(
        main,
        [
            "parcels",
            str(FIXTURES / name),
            "--as-of",
            "2012-08-31",
            "--out",
            str(out),
            "--lang",
            "zh",
        ],
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.output.startswith("错误：输入有 ")
    assert f"{FIXTURES / name}：第" in result.output
    for words in EXPECTED_ZH[name]:
        assert words in result.output
    assert ", expected " not in result.output, "no English expectation in a Chinese run"
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
    "event_unknown.csv": [
        "row 3, column 'event': got 'overspend'",
        "one of the events: budget (预算/批复预算/下达预算); estimate (估算/预估/超概算/",
        "complete (竣工/完工)",
    ],
    "date_impossible.csv": [
        "row 3, column 'date': got '2012-02-30'",
        "expected a day the calendar has: month 2 of 2012 has 29 days",
    ],
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


BUDGET_EXPECTED_ZH: dict[str, str] = {
    "event_before_budget.csv": "第 2 行，列 'date'：值 '2012-03-01'，"
    "应为不早于本项目预算事件（2012-04-01，第 3 行）的日期",
    "no_budget_event.csv": "第 2 行，列 'event'：值 'estimate'，"
    "应为先有预算事件：项目 B1 没有预算事件（budget）",
    "two_budget_events.csv": "第 3 行，列 'event'：值 'budget'，"
    "应为每个项目只有一条预算事件：项目 B1 已在第 2 行有一条",
    "estimate_without_amount.csv": "第 3 行，列 'amount'：值 ''，应为该 estimate 事件的金额（元）",
    "budget_without_name.csv": "第 2 行，列 'name'：值 ''，应为预算事件上的项目名称",
    "budget_without_funding.csv": "第 2 行，列 'funding'：值 ''，"
    "应为预算事件上的资金来源（区财政投资项目填 district_fiscal）",
    "event_unknown.csv": "第 3 行，列 'event'：值 'overspend'，应为以下事件之一：budget "
    "(预算/批复预算/下达预算); estimate (估算/预估/超概算/超预算/概算超支); "
    "report (报告/上报/报送); approve (批准/同意/adjust/调整/调整预算/预算调整/追加/追加预算); "
    "reject (否决/不同意/驳回); "
    "suspend (停工/暂停施工); resume (复工/恢复施工); complete (竣工/完工)",
    "date_impossible.csv": "第 3 行，列 'date'：值 '2012-02-30'，"
    "应为日历上存在的日期：2012年2月只有 29 天",
    "amount_negative.csv": "第 3 行，列 'amount'：值 '-5'，"
    "应为不超过 10,000,000,000,000 元的正数金额",
    "column_misspelt.csv": "第 1 行，列 'notes'：值 'notes'，"
    "应为输入规范中的列名（是否是指 'note'？）",
    "reject_without_report.csv": "第 4 行，列 'event'：值 'reject'，应为对已报告超支的答复，"
    "但该日期没有待答复的超支报告（请补充 report 事件，或更正本事件）",
    "same_day_before_budget.csv": "第 2 行，列 'event'：值 'report'，"
    "应为预算事件（第 3 行）在先：同一日期的预算事件须排在更前的行",
}


def test_every_budget_fixture_has_its_chinese_message() -> None:
    assert sorted(BUDGET_EXPECTED_ZH) == sorted(BUDGET_EXPECTED)


@pytest.mark.parametrize("name", sorted(BUDGET_EXPECTED_ZH))
def test_bad_budget_log_is_refused_in_chinese_with_lang_zh(name: str, tmp_path: Path) -> None:
    out = tmp_path / "decisions.json"
    source = BUDGET_FIXTURES / name
    result = CliRunner().invoke(
        main, ["budget", str(source), "--as-of", "2012-08-31", "--out", str(out), "--lang", "zh"]
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.output.startswith("错误：输入有 1 处问题，未写出任何结果：")
    assert f"{source}：{BUDGET_EXPECTED_ZH[name]}" in result.output
    assert ", expected " not in result.output
    assert not list(tmp_path.iterdir()), "no output, not even a partial one"


def test_refused_rows_are_written_with_the_expectation_in_the_output_language(
    tmp_path: Path,
) -> None:
    source = FIXTURES / "several_problems.csv"
    out, rejects = tmp_path / "decisions.json", tmp_path / "rejects.csv"
    args = ["parcels", str(source), "--as-of", "2012-08-31", "--out", str(out)]
    result = CliRunner().invoke(
        main, [*args, "--skip-invalid", "--rejects", str(rejects), "--lang", "zh"]
    )
    assert result.exit_code == 0, result.output
    with rejects.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row[:5] for row in csv.reader(handle)]
    assert rows[0] == ["file", "row", "column", "value", "expected"]
    assert rows[1:] == [
        [
            str(source),
            "2",
            "price",
            "abc",
            "以元计的金额，如 38600000、1,250,000.50、3860万元、3860万 或 0.386亿元",
        ],
        [
            str(source),
            "3",
            "agreed_start",
            "2011-13-01",
            "日历上存在的日期：没有 13 月",
        ],
    ]


@pytest.mark.parametrize(
    ("header", "says"),
    [
        (
            "地块编号,土地使用权人,供地方式,出让价款,约定开工日期,土地面积（万元）",
            "row 1, column '土地面积（万元）': got '土地面积（万元）', expected a unit (元, 万元",
        ),
        ("地块编号,土地使用权人,出让价款,约定开工日期,备注", "column 'supply': got '', expected"),
    ],
)
def test_a_header_no_row_can_be_read_past_is_refused_whatever_is_skipped(
    tmp_path: Path, header: str, says: str
) -> None:
    """--skip-invalid skips rows, not a header: a unit over the land area refused every
    parcel, wrote the header's problem alone to the rejects, decided nothing, and exited 0
    (a reviewer's find)."""
    source = tmp_path / "register.csv"
    width = header.count(",")
    rows = [f"P{n},甲置业有限公司,出让,3860,2011-03-15" + ",1" * (width - 4) for n in range(3)]
    source.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    out, rejects = tmp_path / "decisions.json", tmp_path / "rejects.csv"
    args = ["parcels", str(source), "--as-of", "2012-08-31", "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--skip-invalid", "--rejects", str(rejects)])
    assert result.exit_code == 2, result.output
    assert says in result.output
    assert not out.exists()
    assert not rejects.exists()


def test_explain_refuses_bad_input_in_its_language() -> None:
    source = FIXTURES / "price_not_a_number.csv"
    result = CliRunner().invoke(
        main, ["explain", "parcels", str(source), "P1", "--as-of", "2012-08-31", "--lang", "zh"]
    )
    assert result.exit_code == 2, result.output
    assert f"{source}：第 2 行，列 'price'：值 'abc'，应为以元计的金额" in result.output


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


def test_a_symlink_planted_at_the_output_is_replaced_never_followed(tmp_path: Path) -> None:
    """A link another user plants where --out will be written must not redirect the write
    to the file it points at (issue 14): the link itself is replaced."""
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    (tmp_path / "link.json").symlink_to(target)
    result = CliRunner().invoke(
        main,
        ["parcels", str(EXAMPLE), "--as-of", "2012-08-31", "--out", str(tmp_path / "link.json")],
    )
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "link.json").is_symlink()
    assert target.read_text(encoding="utf-8") == "old"
    assert (tmp_path / "link.json").read_text(encoding="utf-8").startswith('{"as_of": "2012-08-31"')
