"""What a bad input was expected to be, in every output language (decisions.md IO1, IO2).

Each message has a stable id and one template per language, with the same named
placeholders. Producers name the id and its values; the text is chosen only when the CLI
shows it, in the language the user asked for. Codes, column names and values are
placeholders or quoted as written, never translated. A message missing from the catalog,
or missing a language, is a programming error: tests/test_messages.py walks the catalog
and every producer, and nothing falls back to English.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Union

from .dates import DATE_FORMS

LANGUAGES = ("en", "zh")

CATALOG: dict[str, dict[str, str]] = {
    # How one problem is shown, and the heading over all of them.
    "error": {
        "en": "Error: {message}",
        "zh": "错误：{message}",
    },
    "problem_line": {
        "en": "{file}: row {row}, column {column}: got {value}, expected {expected}",
        "zh": "{file}：第 {row} 行，列 {column}：值 {value}，应为{expected}",
    },
    "problem_file": {
        "en": "{file}: column {column}: got {value}, expected {expected}",
        "zh": "{file}：列 {column}：值 {value}，应为{expected}",
    },
    "problem_cell": {
        "en": "{file}: cell {cell} (row {row}, column {column}): got {value}, expected {expected}",
        "zh": "{file}：单元格 {cell}（第 {row} 行，列 {column}）：值 {value}，应为{expected}",
    },
    "input_problem": {
        "en": "{count} input problem; nothing was written:",
        "zh": "输入有 {count} 处问题，未写出任何结果：",
    },
    "input_problems": {
        "en": "{count} input problems; nothing was written:",
        "zh": "输入有 {count} 处问题，未写出任何结果：",
    },
    # The shape of a file (engine/loader.py).
    "header_row": {
        "en": "a header row naming the columns",
        "zh": "列出各列名称的表头行",
    },
    "unknown_column": {
        "en": "a column of the input contract (did you mean {suggestion}?)",
        "zh": "输入规范中的列名（是否是指 {suggestion}？）",
    },
    "header_found": {
        "en": "the header is on row {rows}; above it, taken as a title: {title}",
        "zh": "表头位于第 {rows} 行；其上各行视为标题：{title}",
    },
    "title_unit": {
        "en": "amounts in {unit}, as the title states ({clause}): {columns}",
        "zh": "金额按标题所示（{clause}）以{unit}为单位：{columns}",
    },
    "unit_unread": {
        "en": "a unit of money Comply reads: 元, 万元 or 亿元 (convert the amounts into one of "
        "them)",
        "zh": "本工具可识别的金额单位：元、万元 或 亿元（请将金额换算为其中之一）",
    },
    "title_unit_unclear": {
        "en": "the whole register's unit of money (单位：万元), or each amount column's in its "
        "header (出让价款（万元）): '{clause}' was not read as either, and a bare number would "
        "be read as yuan",
        "zh": "全表的金额单位（如 单位：万元），或各金额列表头中注明的单位（如 出让价款（万元））："
        "“{clause}”未能读作二者之一，而未注明单位的数字将按元读取",
    },
    "format_unit": {
        "en": "a number in {unit}, this column's unit: this cell's number format, {code}, "
        "shows it in {stored}. If the column's figures are in {stored}, say so in its "
        "header ({header}); if in {unit}, give its cells a number format that shows {unit} "
        "or no unit",
        "zh": "按本列的单位（{unit}）填写的数字：此单元格的数字格式 {code} 表明其单位为{stored}。"
        "若本列数字以{stored}为单位，请在表头中注明（如 {header}）；若以{unit}为单位，请改用"
        "显示{unit}或不带单位的数字格式",
    },
    "format_unit_scaled": {
        "en": "a number in {unit}, this column's unit: this cell's number format, {code}, "
        "shows a number in {stored}, scaled, as {shown}. If the column's figures are in "
        "{stored}, say so in its header ({header}); if in {unit}, give its cells a number "
        "format that shows {unit} or no unit",
        "zh": "按本列的单位（{unit}）填写的数字：此单元格的数字格式 {code} 将以{stored}为单位的"
        "数字换算为“{shown}”显示。若本列数字以{stored}为单位，请在表头中注明（如 {header}）；"
        "若以{unit}为单位，请改用显示{unit}或不带单位的数字格式",
    },
    "format_unit_other": {
        "en": "a figure in {unit}, this column's unit: this cell's number format, {code}, "
        "shows it in {shown}. Give the column's figures in {unit}, with a number format "
        "that shows {unit} or no unit",
        "zh": "按本列的单位（{unit}）填写的数字：此单元格的数字格式 {code} 将其显示为{shown}。"
        "请按{unit}填写本列数字，并使用显示{unit}或不带单位的数字格式",
    },
    "format_unit_unclear": {
        "en": "a figure in {unit}, this column's unit: this cell's number format, {code}, "
        "shows a unit from which the figure's own cannot be told (a percent, a rate, a "
        "scale, two units). Give the column a number format that shows {unit} or no unit",
        "zh": "按本列的单位（{unit}）填写的数字：此单元格的数字格式 {code} 所示的单位无法确定"
        "数字本身的单位（百分比、单价、缩放或两种单位）。请改用显示{unit}或不带单位的数字格式",
    },
    "format_units_differ": {
        "en": "areas in one unit of area on a row (the number formats of {columns} show "
        "{units}): give them in one unit, with number formats that show it, or none",
        "zh": "同一行各面积使用同一面积单位（{columns} 的数字格式分别显示为{units}）：请按同一"
        "单位填写，并使用均显示该单位或均不带单位的数字格式",
    },
    "unit_on_row": {
        "en": "the unit of money above the rows (单位：万元) or in each amount column's header "
        "(出让价款（万元）), not on a row: the amounts are read as yuan",
        "zh": "在表头之上（如 单位：万元）或各金额列表头中（如 出让价款（万元））注明的金额单位，"
        "而非写在各行中：金额将按元读取",
    },
    "units_row": {
        "en": "this column's unit, {unit}, or its unit in its header (出让价款（万元）): a row "
        "of units below the header comes after the header's unit is taken",
        "zh": "本列的单位 {unit}，或在表头中注明单位（如 出让价款（万元））：表头下方的单位行"
        "不作为表头读取",
    },
    "unit_below": {
        "en": "a unit stated above the rows (单位：万元) or in each column's header "
        "(出让价款（万元）): this note's '{clause}' comes after the rows were read in their "
        "columns' units (yuan, a parcel's area in 平方米)",
        "zh": "在表头之上（如 单位：万元）或各列表头中（如 出让价款（万元））注明的单位：此处的"
        "“{clause}”位于各行之后，其上各行已按各列的单位读取（金额按元，地块面积按平方米）",
    },
    "format_header_unit": {
        "en": "a header whose number format shows no other unit than its text states: cell "
        "{cell}'s format, {code}, shows {shown} beside it. Remove the format, or the unit "
        "from the text",
        "zh": "数字格式所显示的单位与文字中注明的单位一致的表头：单元格 {cell} 的数字格式 "
        "{code} 在其后显示{shown}。请删除该数字格式，或删除文字中的单位",
    },
    "percent_above": {
        "en": "no percent above the header while {column} is read as shares (0.25 or 25%): "
        "'{text}' states percent. If its figures are percents (25 for 25%), head it "
        "{column}（%）; if shares, take the percent from above",
        "zh": "表头之上不注明百分数（{column} 按比例读取：0.25 或 25%）：“{text}”注明了百分数。"
        "若该列数字为百分数（25 即 25%），请将表头写为 {column}（%）；若为比例，请删去表头之上的"
        "百分号",
    },
    "total_unit": {
        "en": "a total labelled in the unit {columns} is read in ({unit}), or with no unit",
        "zh": "按 {columns} 的读取单位（{unit}）标注或不标注单位的合计",
    },
    "unit_below_other": {
        "en": "a note agreeing with the unit stated above the rows for {columns} ({unit}): "
        "this note's '{clause}' states another, and the rows above it were read in {unit}. "
        "State the register's unit once, or each column's in its header",
        "zh": "与表头之上为 {columns} 注明的单位（{unit}）一致的说明：此处的“{clause}”注明了"
        "另一单位，而其上各行已按{unit}读取。请只注明一次台账的单位，或在各列表头中分别注明",
    },
    "amount_yen_in": {
        "en": "a bare number in {unit}, this column's unit, or a figure with its own unit "
        "(4860万元): ¥ marks a sum of yuan",
        "zh": "以本列单位{unit}计的数字，或自带单位的金额（如 4860万元）：¥ 表示以元计的金额",
    },
    "area_unit_label": {
        "en": "areas in {wanted}, the unit of {column}; the label over it states {unit}",
        "zh": "以{wanted}计的面积（{column} 的单位）；其上的表头写有 {unit}",
    },
    "title_units_differ": {
        "en": "one unit of money for the register, or each amount column's own in its header "
        "(出让价款（万元）); the title states {units}",
        "zh": "全表统一的金额单位，或在各金额列表头中分别注明（如 出让价款（万元））；标题中写有"
        " {units}",
    },
    "title_area_unit": {
        "en": "areas in {wanted}, the unit of {column}; the title states {unit} (if the "
        "column's figures are in {wanted}, its header says so: {column}（{wanted}）; if in "
        "{unit}, a header of the register's own, such as 面积（{unit}）, keeps them as written)",
        "zh": "以{wanted}计的面积（{column} 的单位）；标题中写有 {unit}（如该列数字确以{wanted}"
        "计，请在表头中注明：{column}（{wanted}）；如以{unit}计，请改用台账自有的表头，如 "
        "面积（{unit}），按原样保留）",
    },
    "columns_kept": {
        "en": "the register's own columns, carried as written and not read by the rules: {columns}",
        "zh": "台账自有的列，按原样保留、不参与规则判定：{columns}",
    },
    "columns_ignored": {
        "en": "the register's own columns, not read by the rules: {columns}",
        "zh": "台账自有的列，不参与规则判定：{columns}",
    },
    "mixed_encoding": {
        "en": "one encoding for the whole file: rows {utf8} are UTF-8, but rows {other} are not "
        "(GBK?); save the whole file again in one encoding, nothing of it was read",
        "zh": "整个文件使用同一种编码：第 {utf8} 行为 UTF-8 编码，而第 {other} 行不是（GBK？）；"
        "请将整个文件以同一种编码重新保存，本文件未读取任何内容",
    },
    "column_twice": {
        "en": "each column once: it appears twice in the header",
        "zh": "每列只出现一次：该列在表头中出现了两次",
    },
    "share_per_mille": {
        "en": "a share's header in percent (（%）) or without a unit (0.25 for 25%):"
        " a share in per mille (‰) is not read",
        "zh": "比例列的表头以百分比注明（（%））或不注单位（0.25 即 25%）："
        "不读取以千分比（‰）注明的比例",
    },
    "share_per_mille_format": {
        "en": "a share as a number (0.25), a percent (25%, or a cell formatted 0%), or a "
        "fraction: its cell's number format {code} shows it in per mille (‰), which is not "
        "read",
        "zh": "以数字（0.25）、百分数（25%，或设置为 0% 格式的单元格）或分数表示的比例："
        "该单元格的数字格式 {code} 以千分比（‰）显示，不予读取",
    },
    "unit_not_amount": {
        "en": "a unit (元, 万元, 亿元) only on an amount column",
        "zh": "仅在金额列标注单位（元、万元、亿元）",
    },
    "required_column": {
        "en": "this required column in the header",
        "zh": "表头中包含此必填列",
    },
    "cell_count": {
        "en": "{cells} cells, as in the header, not {found}",
        "zh": "与表头相同的 {cells} 个单元格，而不是 {found} 个",
    },
    "csv_row": {
        "en": "a readable CSV row ({reason}); reading stopped",
        "zh": "可读取的 CSV 行（{reason}）；已停止读取",
    },
    "regular_file": {
        "en": "a regular file (not a directory, pipe or device)",
        "zh": "普通文件（不能是目录、管道或设备）",
    },
    "line_too_long": {
        "en": "a line of at most {limit} characters; reading stopped",
        "zh": "每行不超过 {limit} 个字符；已停止读取",
    },
    "cell_too_long": {
        "en": "a cell of at most {limit} characters",
        "zh": "不超过 {limit} 个字符的单元格",
    },
    "too_many_columns": {
        "en": "at most {limit} columns in the header",
        "zh": "表头不超过 {limit} 列",
    },
    "xlsx_too_large": {
        "en": "a workbook of at most {limit} MB once unpacked (this one holds {size} MB)",
        "zh": "解压后不超过 {limit} MB 的工作簿（本工作簿为 {size} MB）",
    },
    "xlsx_too_many_rows": {
        "en": "a sheet of at most {limit} rows; reading stopped",
        "zh": "工作表不超过 {limit} 行；已停止读取",
    },
    "merged_amount": {
        "en": "a figure of this row's own (an amount, an area), not a cell merged over the "
        "rows of several subjects (each would be given the whole figure)",
        "zh": "本行自有的数额（金额、面积），而非跨多个对象所在行的合并单元格"
        "（否则每个对象都会计入整个数额）",
    },
    "merged_from": {
        "en": "a figure of this row's own (an amount, an area), not a cell merged down from "
        "row {row}, which is no subject (a total, a heading)",
        "zh": "本行自有的数额（金额、面积），而非从第 {row} 行（合计、标题等非评估对象行）"
        "向下合并的单元格",
    },
    "xlsx_first_row": {
        "en": "cells Excel's format can hold, but a cell of the sheet's first row cannot be "
        "read ({reason}); reading stopped",
        "zh": "符合 Excel 格式的单元格，但工作表第一行有单元格无法读取（{reason}）；已停止读取",
    },
    "xlsx_row": {
        "en": "cells Excel's format can hold, but a cell below row {row} cannot be read "
        "({reason}); reading stopped",
        "zh": "符合 Excel 格式的单元格，但第 {row} 行以下有单元格无法读取（{reason}）；已停止读取",
    },
    "xlsx": {
        "en": "an Excel .xlsx workbook ({reason})",
        "zh": "一个 Excel .xlsx 工作簿（{reason}）",
    },
    "sheet": {
        "en": "a sheet of the workbook ({sheets})",
        "zh": "工作簿中的工作表（{sheets}）",
    },
    "utf8": {
        "en": "UTF-8 text (save the file as UTF-8)",
        "zh": "以 UTF-8 编码的文本（请将文件另存为 UTF-8 编码）",
    },
    "json_object": {
        "en": "a JSON object",
        "zh": "一个 JSON 对象",
    },
    "json_object_reason": {
        "en": "a JSON object ({reason})",
        "zh": "一个 JSON 对象（{reason}）",
    },
    "key_twice": {
        "en": "a JSON object (each key once; repeated: {keys})",
        "zh": "一个 JSON 对象（每个键只出现一次；重复的键：{keys}）",
    },
    "unknown_key": {
        "en": "a key of the input contract",
        "zh": "输入规范中的键",
    },
    "unknown_key_suggest": {
        "en": "a key of the input contract (did you mean {suggestion}?)",
        "zh": "输入规范中的键（是否是指 {suggestion}？）",
    },
    "scalar": {
        "en": "a single value (text, number, true/false)",
        "zh": "单个值（文本、数字或 true/false）",
    },
    "json_finite": {
        "en": "a text, or a number JSON holds (NaN and Infinity are not JSON)",
        "zh": "文本或 JSON 允许的数字（NaN、Infinity 不是 JSON 的值）",
    },
    "id_invisible": {
        "en": "an id of visible characters only (no zero-width space, byte-order mark or "
        "control character)",
        "zh": "仅由可见字符组成的编号（不含零宽空格、字节顺序标记或控制字符）",
    },
    "unique_id": {
        "en": "a unique id: it appears on an earlier row",
        "zh": "唯一编号：该编号已在前面的行出现",
    },
    # Built-in checks of the row models (pydantic error types, see BUILT_IN).
    "required_value": {
        "en": "a value: this column is required",
        "zh": "非空值：此列为必填列",
    },
    "text": {
        "en": "text",
        "zh": "文本",
    },
    "text_not_empty": {
        "en": "a non-empty text",
        "zh": "非空文本",
    },
    "not_in_contract": {
        "en": "a column or key of the input contract",
        "zh": "输入规范中的列名或键",
    },
    "at_least": {
        "en": "a number of at least {minimum}",
        "zh": "不小于 {minimum} 的数",
    },
    "valid_value": {
        "en": "a valid value ({detail})",
        "zh": "有效的值（{detail}）",
    },
    # One cell (engine/fields.py and the row models).
    "date": {
        "en": DATE_FORMS + ", or an Excel date",
        "zh": "日期，如 2012-07-01、2012-7-1、2012.7.1、2012/7/1 或 2012年7月1日"
        "（1949 年至 2999 年），或 Excel 日期",
    },
    "date_no_such_day": {
        "en": "a day the calendar has: month {month} of {year} has {days} days",
        "zh": "日历上存在的日期：{year}年{month}月只有 {days} 天",
    },
    "date_no_such_month": {
        "en": "a day the calendar has: there is no month {month}",
        "zh": "日历上存在的日期：没有 {month} 月",
    },
    "date_implausible": {
        "en": "a plausible date, from 1949 to 2999 ({date} is a slip of the year?)",
        "zh": "合理的日期，在 1949 年至 2999 年之间（{date} 是否年份有误？）",
    },
    "bool": {
        "en": "yes or no: 是/否, 有/无, √/×, Y/N, true/false or 1/0",
        "zh": "是或否：是/否、有/无、√/×、Y/N、true/false 或 1/0",
    },
    "amount": {
        "en": "an amount in yuan such as 38600000, 1,250,000.50, 3860万元, 3860万 or 0.386亿元",
        "zh": "以元计的金额，如 38600000、1,250,000.50、3860万元、3860万 或 0.386亿元",
    },
    "amount_implausible": {
        "en": "an amount of at least 1万元 in a column kept in {unit}: {yuan} yuan is more "
        "likely a figure in another unit",
        "zh": "以{unit}为单位的列中不少于 1 万元的金额：{yuan} 元更像是按其他单位填写的数",
    },
    "amount_range": {
        "en": "a positive amount in yuan, at most {maximum}",
        "zh": "不超过 {maximum} 元的正数金额",
    },
    "amount_fen": {
        "en": "a positive amount in yuan with at most 2 decimals (fen)",
        "zh": "最多两位小数（精确到分）的正数金额（元）",
    },
    "amount_fen_in": {
        "en": "a positive amount to the fen: at most {places} decimals in {unit}",
        "zh": "精确到分的正数金额：以{unit}计最多 {places} 位小数",
    },
    "ratio": {
        "en": "a share between 0 and 1, such as 0.25, 1/3 or 25%",
        "zh": "介于 0 至 1 之间的比例，如 0.25、1/3 或 25%",
    },
    "ratio_in_percent": {
        "en": "a share in percent, this column's unit (25 for 25%), or one with its own "
        "sign: {value} may mean {percent}% or {value}%; write which",
        "zh": "按本列的单位（%）填写的比例（25 即 25%），或自带百分号的比例：{value} 可能是 "
        "{percent}%，也可能是 {value}%，请写明",
    },
    "ratio_percent": {
        "en": "a share in percent, this column's unit: a number from 0 to 100 (25 for 25%), "
        "or a share with its own sign (25%, 1/4)",
        "zh": "按本列的单位（%）填写的比例：0 至 100 之间的数（25 即 25%），或自带百分号的"
        "比例（25%、1/4）",
    },
    "ratio_places": {
        "en": "a share with at most {places} decimals (rounded, if it was worked out)",
        "zh": "最多 {places} 位小数的比例（计算所得的请先舍入）",
    },
    "ratio_exponent": {
        "en": "a share written out, such as 0.00001 (not 1e-05), between 0 and 1",
        "zh": "不用科学计数法书写的比例，如 0.00001（而非 1e-05），介于 0 至 1 之间",
    },
    "one_of": {
        "en": "one of {codes}",
        "zh": "以下之一：{codes}",
    },
    # Checks across the columns of one row.
    "on_or_after": {
        "en": "a date on or after {other}",
        "zh": "不早于 {other} 的日期",
    },
}


def register(entries: Mapping[str, Mapping[str, str]]) -> None:
    """Add a kind's own messages to the catalog (each id once, in every language)."""
    for message_id, templates in entries.items():
        if message_id in CATALOG and CATALOG[message_id] != templates:
            raise KeyError(f"message {message_id!r} is defined twice")
        if sorted(templates) != sorted(LANGUAGES):
            raise KeyError(f"message {message_id!r}: templates for {sorted(templates)}")
        CATALOG[message_id] = dict(templates)


# pydantic's own error types, as the row models can raise them, and the context value that
# fills each one's placeholder (a ValueError a validator raises is an Invalid: see of_error).
BUILT_IN: dict[str, tuple[str, dict[str, str]]] = {
    "missing": ("required_value", {}),
    "string_type": ("text", {}),
    "string_too_short": ("text_not_empty", {}),
    "literal_error": ("one_of", {"codes": "expected"}),
    "extra_forbidden": ("not_in_contract", {}),
    "greater_than_equal": ("at_least", {"minimum": "ge"}),
}


# A message's value: text, or messages shown in the same language (a list joined by "; ").
Value = Union[str, "Message", tuple["Message", ...]]


def _shown(value: Value, lang: str) -> str:
    if isinstance(value, Message):
        return value.in_(lang)
    if isinstance(value, tuple):
        return ("；" if lang == "zh" else "; ").join(item.in_(lang) for item in value)
    return value


class ColumnName(str):
    """A message's value that names a column of the input contract: shown as the user's file
    heads it (出让价款（万元）), not as the contract names it (price)."""


@dataclass(frozen=True)
class Message:
    """A catalog message and its values, rendered in a language only when shown."""

    id: str
    params: tuple[tuple[str, Value], ...] = ()
    columns: tuple[str, ...] = ()  # the params that name a column of the contract

    def naming(self, shown: Callable[[str], str]) -> Message:
        """The message with each column it names shown as `shown` gives it."""
        if not self.columns:
            return self
        params = tuple(
            (n, shown(v) if n in self.columns and isinstance(v, str) else v) for n, v in self.params
        )
        return replace(self, params=params)

    def in_(self, lang: str) -> str:
        return CATALOG[self.id][lang].format_map({n: _shown(v, lang) for n, v in self.params})

    def __str__(self) -> str:
        return self.in_("en")


def msg(message_id: str, /, **params: object) -> Message:
    """The catalog message `message_id` with its values (shown as text)."""
    if message_id not in CATALOG:
        raise KeyError(f"no message {message_id!r} in engine/messages.py")
    columns = tuple(name for name, value in params.items() if isinstance(value, ColumnName))
    kept = tuple(
        (name, value if isinstance(value, Message | tuple) else str(value))
        for name, value in params.items()
    )
    return Message(message_id, kept, columns)


def render(message_id: str, lang: str, /, **params: object) -> str:
    return msg(message_id, **params).in_(lang)


class Invalid(ValueError):
    """A value or row that is not what the input contract expects, as a catalog message.

    A ValueError, so that pydantic reports it as a value error and keeps it (in the error's
    ctx); `column` names the column a check across columns blames.
    """

    def __init__(self, message: str | Message, /, *, column: str = "", **params: object) -> None:
        self.message = message if isinstance(message, Message) else msg(message, **params)
        self.column = column
        super().__init__(f"{column}: {self.message}" if column else str(self.message))


def of_error(error: Mapping[str, Any]) -> tuple[str, Message]:
    """The column and message of one pydantic validation error of a row."""
    column = str(error["loc"][0]) if error["loc"] else ""
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, Invalid):
        return cause.column or column, cause.message
    if error["type"] in BUILT_IN:
        message_id, names = BUILT_IN[error["type"]]
        ctx = error.get("ctx") or {}
        # pydantic lists literals as "'a', 'b' or 'c'": the codes, joined as the other lists are
        params = {name: str(ctx[key]).replace(" or ", ", ") for name, key in names.items()}
        return column, msg(message_id, **params)
    # Not reached by the row models (tests/test_messages.py feeds them hostile values); were
    # it reached, the user still gets the row and column, and pydantic's own words.
    return column, msg("valid_value", detail=error["msg"])
