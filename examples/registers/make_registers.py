"""Writes the registers of this directory, made the way bureaus keep them (README there).

    python examples/registers/make_registers.py

county-2012.xlsx       a county land bureau's supply register in Excel: a title and a note
                       above the header, the bureau's own columns, 供地方式 merged over the
                       rows of each way of supply, prices in 万元 (one typed as text with a
                       thousands separator), dates as Excel dates and as text in three forms,
                       抵押 as √/×, an allocated school parcel with no price, a 合计 row.
township-2012-gbk.csv  a township's register saved as CSV by a Chinese Excel (GBK): a title,
                       a header of two rows (合同约定 and 实际 over 开工日期 and 竣工日期),
                       sections headed 一、二、 with a 小计 row each and a 合计 at the foot,
                       prices as 万/亿 in the cells, full-width digits, dates written 2011.3.16.
finance-2012.xlsx      a finance bureau's change log of district projects: a title row, amounts
                       in 万元, events as the bureau names them (预算, 超概算, 上报, 调整, 停工).

Each is read by comply without an edit (tests/test_registers.py).
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).parent

COUNTY_HEADER = [
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
# (宗地编号, 使用权人, 坐落, 用途, 面积, 价款, 签订, 约定开工, 实际开工, 抵押, 抵押权人, 备注)
LISTED = [
    (
        "XJ2010-07",
        "金桥置业有限公司",
        "城关镇建设路东段",
        "住宅用地",
        18650.5,
        4860,
        datetime(2010, 3, 2),
        datetime(2010, 9, 1),
        datetime(2010, 8, 26),
        "×",
        None,
        None,
    ),
    (
        "XJ2010-11",
        "鼎城房地产开发有限公司",
        "城关镇滨河路北",
        "商服用地",
        9620,
        "1,200.5",
        "2010.5.8",
        "2011.3.16",
        None,
        "√",
        "中国农业银行股份有限公司XX县支行",
        "已催告两次",
    ),
    (
        "XJ2011-02",
        "宏达商贸有限公司",
        "城南新区纬二路",
        "商服用地",
        6200,
        960,
        datetime(2011, 1, 12),
        "2011-7-10",
        None,
        "×",
        None,
        None,
    ),
    (
        "XJ2011-05",
        "恒昌置业有限公司",
        "城南新区经三路",
        "住宅用地",
        26400,
        7350,
        "2011年3月20日",
        "2011年12月20日",
        None,
        "√",
        "中国建设银行股份有限公司XX县支行",
        None,
    ),
    (
        "XJ2011-09",
        "华丰物流有限公司",
        "工业园区纬一路",
        "仓储用地",
        33300,
        1665,
        datetime(2011, 6, 30),
        datetime(2012, 3, 30),
        datetime(2012, 3, 18),
        "×",
        None,
        None,
    ),
    (
        "XJ2012-01",
        "永盛房地产开发有限公司",
        "城关镇人民路西",
        "住宅用地",
        15800,
        5530,
        datetime(2012, 2, 16),
        datetime(2012, 11, 16),
        None,
        "×",
        None,
        "合同约定分两期开发",
    ),
]
AGREED = [
    (
        "XY2010-03",
        "XX县鑫源化工有限公司",
        "工业园区经一路",
        "工业用地",
        40000,
        880,
        datetime(2010, 4, 15),
        datetime(2010, 10, 15),
        None,
        "有",
        "XX县农村信用合作联社",
        None,
    ),
    (
        "XY2011-04",
        "XX县明达机械制造有限公司",
        "工业园区经二路",
        "工业用地",
        28600,
        629.2,
        "2011/4/8",
        "2011/10/8",
        "2011/9/30",
        "无",
        None,
        None,
    ),
]
AUCTIONED = [
    (
        "XP2011-06",
        "天润置业有限公司",
        "城关镇文化路南",
        "住宅用地",
        21500,
        8600,
        datetime(2011, 5, 26),
        datetime(2011, 11, 26),
        None,
        "×",
        None,
        "竞得后未办理施工许可",
    ),
]
ALLOCATED = [
    (
        "HB2011-01",
        "XX县第二实验小学",
        "城南新区纬三路",
        "教育用地",
        32000,
        None,
        datetime(2011, 3, 1),
        datetime(2011, 6, 1),
        None,
        "×",
        None,
        "划拨，未计价款",
    ),
    (
        "HB2011-02",
        "XX县自来水公司",
        "城北水厂路",
        "公用设施用地",
        12800,
        396,
        datetime(2011, 8, 1),
        datetime(2012, 2, 1),
        datetime(2012, 1, 10),
        "×",
        None,
        None,
    ),
]


def county() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "供地台账"
    sheet.append(["XX县2012年国有建设用地供应台账"])
    sheet.merge_cells("A1:N1")
    sheet["A1"].font = Font(bold=True, size=16)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(
        ["填报单位：XX县国土资源局        截止日期：2012年8月31日        单位：万元、平方米"]
    )
    sheet.merge_cells("A2:N2")
    sheet.append(COUNTY_HEADER)
    number = 0
    for supply, rows in (
        ("挂牌出让", LISTED),
        ("协议出让", AGREED),
        ("拍卖出让", AUCTIONED),
        ("划拨", ALLOCATED),
    ):
        first = sheet.max_row + 1
        for index, row in enumerate(rows):
            number += 1
            (
                parcel,
                holder,
                place,
                use,
                area,
                price,
                signed,
                agreed,
                started,
                pledged,
                bank,
                note,
            ) = row
            sheet.append(
                [
                    number,
                    parcel,
                    holder,
                    place,
                    use,
                    area,
                    supply if index == 0 else None,
                    price,
                    signed,
                    agreed,
                    started,
                    pledged,
                    bank,
                    note,
                ]
            )
        if len(rows) > 1:
            sheet.merge_cells(f"G{first}:G{first + len(rows) - 1}")
        sheet[f"G{first}"].alignment = Alignment(vertical="center")
    every = [*LISTED, *AGREED, *AUCTIONED, *ALLOCATED]
    area = sum(r[4] for r in every)
    price = sum(float(str(r[5]).replace(",", "")) for r in every if r[5] is not None)
    sheet.append(["合计", None, None, None, None, area, None, round(price, 2)])
    for row in sheet.iter_rows(min_row=4, min_col=9, max_col=11):
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd"
    for letter, wide in zip(
        "ABCDEFGHIJKLMN", (6, 12, 28, 20, 12, 14, 10, 16, 14, 14, 14, 10, 30, 22), strict=True
    ):
        sheet.column_dimensions[letter].width = wide
    book.save(HERE / "county-2012.xlsx")


TOWNSHIP = [
    ["XX镇2012年国有建设用地使用权出让情况登记表", "", "", "", "", "", "", "", "", ""],
    [
        "序号",
        "地块编号",
        "土地使用权人",
        "供地方式",
        "成交价款",
        "合同约定",
        "",
        "实际",
        "",
        "备注",
    ],
    ["", "", "", "", "", "开工日期", "竣工日期", "开工日期", "竣工日期", ""],
    ["一、商服用地", "", "", "", "", "", "", "", "", ""],
    [
        "１",
        "ZC-2011-01",
        "XX镇兴旺商贸有限公司",
        "挂牌出让",
        "860万",
        "2011.3.16",
        "2013.3.16",
        "",
        "",
        "",
    ],
    [
        "２",
        "ZC-2011-02",
        "XX镇福源酒店管理有限公司",
        "招拍挂",
        "1,200.5万",
        "２０１１．８．１",
        "2013.8.1",
        "2011.7.20",
        "",
        "已开工",
    ],
    ["", "小计", "", "", "2,060.5万", "", "", "", "", ""],
    ["二、工业用地", "", "", "", "", "", "", "", "", ""],
    [
        "3",
        "ZC-2011-03",
        "XX镇宏发建材有限公司",
        "协议出让",
        "0.35亿元",
        "2011.5.30",
        "2012.11.30",
        "",
        "",
        "厂房未建",
    ],
    [
        "4",
        "ZC-2012-01",
        "XX镇绿源农产品加工有限公司",
        "出让",
        "420万元",
        "2012.4.10",
        "2013.10.10",
        "2012.4.2",
        "",
        "",
    ],
    ["", "小计", "", "", "3,920万", "", "", "", "", ""],
    ["", "合计", "", "", "5,980.5万", "", "", "", "", ""],
]


def township() -> None:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(TOWNSHIP)
    (HERE / "township-2012-gbk.csv").write_bytes(text.getvalue().encode("gbk"))


FINANCE_HEADER = [
    "序号",
    "项目编号",
    "项目名称",
    "日期",
    "事项",
    "金额（万元）",
    "资金来源",
    "经办人",
    "备注",
]
FINANCE = [
    ("XM-2012-01", "县城西环路改造工程", date(2012, 3, 1), "预算", 3200, "区财政", "王某", None),
    ("XM-2012-01", None, date(2012, 5, 10), "超概算", 3936, None, "王某", "地质条件变化"),
    ("XM-2012-01", None, date(2012, 5, 12), "上报", None, None, "王某", None),
    ("XM-2012-01", None, date(2012, 5, 13), "停工", None, None, "李某", None),
    ("XM-2012-01", None, date(2012, 6, 20), "调整", 736, None, "李某", "县政府常务会议研究同意"),
    ("XM-2012-01", None, date(2012, 6, 25), "复工", None, None, "李某", None),
    ("XM-2012-02", "第三中学综合楼工程", date(2012, 4, 1), "预算", 1850, "区财政", "赵某", None),
    ("XM-2012-02", None, date(2012, 7, 2), "超概算", 2331, None, "赵某", "设计变更"),
    ("XM-2012-02", None, date(2012, 7, 20), "上报", None, None, "赵某", "逾期上报"),
]


def finance() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "项目变更台账"
    sheet.append(["XX县2012年财政投资项目预算变更台账"])
    sheet.merge_cells("A1:I1")
    sheet.append(FINANCE_HEADER)
    for number, (project, name, day, event, amount, funding, clerk, note) in enumerate(
        FINANCE, start=1
    ):
        sheet.append([number, project, name, day, event, amount, funding, clerk, note])
    for row in sheet.iter_rows(min_row=3, min_col=4, max_col=4):
        row[0].number_format = "yyyy-mm-dd"
    book.save(HERE / "finance-2012.xlsx")


if __name__ == "__main__":
    county()
    township()
    finance()
