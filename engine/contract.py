"""A kind's input contract as a bureau reads it (`comply columns KIND`): every column, the
headers a register may write it under, its unit, and the form its values take.

Nothing here is written twice: the headers are the model's own names and its
`COLUMN_ALIASES`, the unit follows from the column's type (an amount of yuan, or the
measure the model names in `MEASURES`), and the form of the values is what the column's
own cell reader says it expects when it refuses a cell.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, get_args

from pydantic import ValidationError

from .kinds import Kind
from .messages import Message, of_error
from .register import Contract
from .rulebook import words as _t

WORDS = {
    "title": _t("The columns of `comply {command}` FILE", "`comply {command}` 输入文件的各列"),
    "intro": _t(
        "A register may hold them under any of the headers shown, in any order, below a "
        "title; headers are compared without spaces or line breaks, full-width or not. A "
        "unit in the header (出让价款（万元）) applies to every cell of the column; one the "
        "title states (单位：万元) to every amount column whose header states none; a share's "
        "header in percent (已开发面积比例（%）) reads a bare 25 as 25%; a "
        'workbook cell\'s number format that shows another (#,##0.00"万元" under 出让价款) '
        "refuses the run; a header or a title whose cell's format shows a unit is read as shown "
        '(出让价款 formatted @"（万元）" is 出让价款（万元）). '
        "Columns not listed are the register's own: kept beside the "
        "decision, never read by the rules. Rows of 合计, 小计 or 总计, and rows naming none "
        "of these columns, are skipped and reported.",
        "台账可在标题行之下按任意顺序、以下列任一表头填写各列；比较表头时不计空格、换行及全角"
        "半角之别。表头中的单位（如 出让价款（万元））适用于该列所有单元格；标题中注明的单位"
        "（如 单位：万元）适用于表头未注明单位的各金额列；以百分数为单位的比例列表头（如 "
        "已开发面积比例（%））下的 25 即 25%；工作簿单元格的数字格式显示其他单位的"
        '（如 出让价款 下的 #,##0.00"万元"），拒绝运行；单元格数字格式显示单位的表头和标题'
        '按其所显示的内容读取（如 设置了 @"（万元）" 格式的 出让价款 即为 出让价款（万元））。'
        "未列出的列为台账"
        "自有的列：随决定一并保留，不参与规则判定。合计、小计、总计行以及未填写下列任何一列的"
        "行将被跳过并予以说明。",
    ),
    "required": _t("required", "必填"),
    "optional": _t("optional", "选填"),
    "headers": _t("headers", "表头"),
    "unit": _t("unit", "单位"),
    "values": _t("values", "取值"),
    "yuan": _t(
        "yuan; 元, 万元 or 亿元 in the header (出让价款（万元）), the title (单位：万元) or the "
        "cell (3860万)",
        "元；可在表头（出让价款（万元））、标题（单位：万元）或单元格（3860万）中注明 元、"
        "万元 或 亿元",
    ),
    "text": _t("text, as written", "文本，按原样读取"),
}


def describe(kind: Kind, lang: str) -> str:
    """Every column of the kind's input contract, as text in `lang`."""
    contract = Contract(kind.model)
    measures: dict[str, Any] = getattr(kind.model, "MEASURES", {})
    aliases: dict[str, str] = getattr(kind.model, "COLUMN_ALIASES", {})
    lines = [WORDS["title"].in_(lang).format(command=kind.command), "", WORDS["intro"].in_(lang)]
    for name, field in kind.model.model_fields.items():
        required = WORDS["required" if name in contract.required else "optional"].in_(lang)
        headers = [name, *(alias for alias, column in aliases.items() if column == name)]
        colon, sep = ("：", "、") if lang == "zh" else (": ", ", ")
        lines += ["", f"{name}（{required}）" if lang == "zh" else f"{name}  ({required})"]
        lines.append(f"  {WORDS['headers'].in_(lang)}{colon}{sep.join(headers)}")
        if name in measures:
            lines.append(f"  {WORDS['unit'].in_(lang)}{colon}{measures[name].in_(lang)}")
        elif Decimal in (field.annotation, *get_args(field.annotation)):
            lines.append(f"  {WORDS['unit'].in_(lang)}{colon}{WORDS['yuan'].in_(lang)}")
        expected = expects(kind, name)
        shown = expected.in_(lang) if expected is not None else WORDS["text"].in_(lang)
        lines.append(f"  {WORDS['values'].in_(lang)}{colon}{shown}")
    return "\n".join(lines) + "\n"


def expects(kind: Kind, name: str) -> Message | None:
    """What the column's cell reader expects, as it says when it refuses a cell; None for a
    column of free text."""
    for probe in ("\ufffd?", "-1"):
        try:
            kind.model.model_validate({name: probe})
        except ValidationError as exc:
            for error in exc.errors():
                if error["loc"] and error["loc"][0] == name:
                    return of_error(error)[1]
    return None
