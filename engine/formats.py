"""What a workbook cell's number format shows beside its value: a unit of money or of area.

A bureau may head its price column 出让价款 alone and format its cells #,##0.00"万元": Excel
shows 4,860.00万元, and the cell holds 4860. Or it keeps yuan and shows them in 万 with a
scale, 0!.0,"万": 48600000 shown as 4860.0万. The unit the cell's own value is in is read
from the format's words and its scale (`Shown.stored`), and the loader holds it against
the unit its column is read in (engine/loader.py, RowReader._format_unit).

A format has up to four sections (positive;negative;zero;text), each of which may carry a
condition ([>=10000]). The number sections' units must agree on the unit of the number
itself (conditional sections showing 亿 and 万 of the same yuan do); the text section (the
fourth, or one holding @) is a text cell's: @"万元" shows the text 4860 as 4860万元.
A currency sign alone (¥, the zh-CN accounting format's ￥) says the currency, not its
magnitude: it is no unit here.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from .register import MONEY_UNITS

# A workbook's own formats are numbered from 164, as openpyxl renumbers them on reading
# (its BUILTIN_FORMATS_MAX_SIZE; not imported: a run that reads no workbook imports no
# openpyxl).
CUSTOM_FROM = 164
PERCENTS = {9: "0%", 10: "0.00%"}  # Excel's built-in formats of a percent, by number
AREAS = frozenset(
    {"平方米", "亩", "公顷"}
)  # the units a column of area is read in (register.AREA_UNITS less those none is)


@dataclass(frozen=True)
class Shown:
    """What a number format shows a cell's value as.

    `shown` is the format's words (万元, 万, 亿, 亩); `stored` the unit the cell's own value
    is in: 0.00"万元" shows 4860 as 4,860.00万元, a number in 万元; 0!.0,"万" shows 48600000
    as 4860.0万, a number in 元 (`scaled`). A unit not read (千元, 美元, 平方公里) is stored as
    itself; `stored` is empty where the value's unit cannot be told (a percent, a rate, a
    scaled area, sections that disagree)."""

    code: str
    shown: str
    stored: str
    kind: str  # "money", "area"; or no unit: "percent" (a number, a share shown as a
    # percent), "per_mille" (a number shown with ‰) or "sign" (a text shown with a share's
    # unit: @"（%）", @"（‰）")
    scaled: bool = False

    @property
    def read(self) -> bool:
        """Whether the stored unit is one a column is read in."""
        return self.stored in (MONEY_UNITS if self.kind == "money" else AREAS)


# What a style's format shows a number and a text (either None: no unit).
Formats = tuple[Shown | None, Shown | None]


def format_units(book: Any) -> dict[int, Formats]:
    """The cell styles of a workbook (by their index, as a cell's `s` names them; a cell
    without one has the first) whose number format is one of the workbook's own (custom)
    showing a unit of money or of area. Excel's built-in formats show none (its currency
    formats show the system's symbol)."""
    codes = getattr(book, "_number_formats", None) or []
    found: dict[int, Formats] = {}
    for index, style in enumerate(getattr(book, "_cell_styles", None) or []):
        number = style.numFmtId - CUSTOM_FROM
        code = codes[number] if 0 <= number < len(codes) else PERCENTS.get(style.numFmtId)
        if code is not None:
            shown = (format_unit(code) or _percent(code), text_unit(code))
            if shown != (None, None):
                found[index] = shown
    return found


def _percent(code: str) -> Shown | None:
    """A number format showing a share as a percent (0%, 0.00%): a cell so formatted
    holds the share (0.25 shown 25%). Shown of kind "percent"."""
    sections = [s for s in _SECTION.findall(code)[:3] if s and "@" not in _LITERAL.sub("", s)]
    if any(part == "%" and char == "%" for s in sections for part, char in _tokens(s)):
        return Shown(code, "%", "%", "percent")
    if any("‰" in s for s in sections):  # 0.0‰, 0"‰": 1 shown 1‰ (Excel does not scale)
        return Shown(code, "‰", "", "per_mille")
    return None


def format_unit(code: str) -> Shown | None:
    """What a number format shows a number as, or None: no unit (0.00, a date, a percent
    alone, ¥ alone). Its number sections (up to three, none holding @) must agree on the
    unit of the number itself."""
    sections = _SECTION.findall(code)[:3]
    read = [_section_unit(s, code) for s in sections if s and "@" not in s]
    return _agreed([one for one in read if one is not None], code)


def text_unit(code: str) -> Shown | None:
    """What a number format shows a text cell as (its text section: the fourth, or one
    holding @), or None: no unit."""
    sections = _text_sections(code)
    read = [_section_unit(s, code, text=True) for s in sections]
    found = _agreed([one for one in read if one is not None], code)
    if found is None and any(_SIGN.search(t) for s in sections for k, t in _tokens(s) if k == "l"):
        return Shown(code, "%", "%", "sign")  # @"（%）": a percent sign after the text
    return found


# A share's unit a text's format shows: @"（%）", @"（百分比）", @"（‰）".
_SIGN = re.compile("%|‰|百分[比数率]|千分[比数率]")


def shown_text(code: str, text: str) -> str:
    """A text cell as its number format's text section shows it (the fourth section, or
    the first holding @): @"（万元）" shows 出让价款 as 出让价款（万元）. A format without one
    shows the text as it is."""
    texts = _text_sections(code)
    if not texts:
        return text
    section, out, at = texts[0], [], 0
    end = len(section)
    while at < end:
        char = section[at]
        if char == '"':
            close = section.find('"', at + 1)
            close = end if close < 0 else close
            out.append(section[at + 1 : close])
            at = close + 1
        elif char in "\\!":
            out.append(section[at + 1 : at + 2])
            at += 2
        elif char == "_":  # a space as wide as the next character
            out.append(" ")
            at += 2
        elif char == "*":  # the next character repeated to fill the cell: none here
            at += 2
        elif char == "[":  # a colour or a condition; [$¥-804]: a currency's symbol
            close = section.find("]", at)
            close = end if close < 0 else close
            inner = section[at + 1 : close]
            if inner.startswith("$"):
                out.append(inner[1:].split("-")[0])
            at = close + 1
        else:
            out.append(text if char == "@" else char)
            at += 1
    return "".join(out)


def _text_sections(code: str) -> list[str]:
    """A format's text section: the first holding an @ (not quoted or escaped), or the
    fourth."""
    sections = _SECTION.findall(code)
    return [s for s in sections if "@" in _LITERAL.sub("", s)][:1] or sections[3:4]


def _agreed(read: list[Shown], code: str) -> Shown | None:
    if not read:
        return None
    shown = "、".join(dict.fromkeys(one.shown for one in read))
    stored = {one.stored for one in read}
    kinds = {one.kind for one in read}
    if len(stored) > 1 or len(kinds) > 1:
        return Shown(code, shown, "", read[0].kind)
    return Shown(code, shown, stored.pop(), kinds.pop(), any(one.scaled for one in read))


# A format's sections, parted at each semicolon outside quotes and brackets.
_SECTION = re.compile(r'(?:"[^"]*"?|\[[^\]]*\]?|\\.|[^;"\[\\])+')
_LITERAL = re.compile(r'"[^"]*"?|[\\!].')  # a quoted or escaped text in a section
_MONEY_WORDS = re.compile("[元圆圓万萬亿億]")  # a word of a unit of money (¥ alone says none)
_YUAN = re.compile("[元圆圓]")
_POWERS = {"十": 1, "拾": 1, "百": 2, "佰": 2, "千": 3, "仟": 3, "万": 4, "萬": 4, "亿": 8, "億": 8}
_FOREIGN = re.compile("美元|美金|港元|港币|港幣|欧元|歐元|日元|英镑|英鎊")
_AREA_WORDS = re.compile("平方公里|平方千米|km²|km2|hm²|hm2|平方米|平米|m²|m2|㎡|公顷|公頃|亩|畝")
_AREA_UNIT = {  # any other the regular expression finds: 平方米
    **dict.fromkeys(("平方公里", "平方千米", "km²", "km2"), "平方公里"),
    **dict.fromkeys(("hm²", "hm2", "公顷", "公頃"), "公顷"),
    **dict.fromkeys(("亩", "畝"), "亩"),
}
_NOT_A_WORD = re.compile(r"[^\w/¥￥㎡²]")
_STORED = {0: "元", 4: "万元", 8: "亿元"}
_POWER_SAID = {1: "十元", 2: "百元", 3: "千元", 5: "十万元", 6: "百万元", 7: "千万元"}


def _section_unit(section: str, code: str, text: bool = False) -> Shown | None:
    """What one section of a number format shows (as Shown), or None: no unit in it."""
    tokens = _tokens(section.replace("G/通用格式", "General"))  # General, as WPS writes it
    words = "".join(text for kind, text in tokens if kind == "l").lower()
    words = _NOT_A_WORD.sub("", words)  # ¥#,##0.00_);(¥#,##0.00): the brackets are none
    areas = {_AREA_UNIT.get(found, "平方米") for found in _AREA_WORDS.findall(words)}
    money = _MONEY_WORDS.search(words) is not None
    if not areas and not money:
        return None
    if areas and money and not _YUAN.search(words):  # 万亩, 万平方米: a unit of area not read
        return Shown(code, words, words, "area")
    kind = "area" if areas and not money else "money"
    digits = [at for at, (part, _) in enumerate(tokens) if part == "d"]
    scale, clear = 0, "/" not in words and "每" not in words and not (areas and money)
    if digits and not text:
        first, last = digits[0], digits[-1]
        after = tokens[last + 1 :]
        commas = len(after) - len(list(itertools.dropwhile(lambda t: t[0] == "c", after)))
        points = [at for at in range(first, last) if tokens[at] == ("l", ".")]
        if points:  # 0!.0000"万元": the number shown divided by ten thousand
            clear = clear and not any(part == "p" for part, _ in tokens[first:last])
            scale = sum(1 for at in digits if at > points[-1])
        scale += 3 * commas  # #,##0,"千元": divided by a thousand
    clear = clear and not any(part == "%" for part, _ in tokens)
    if not clear:
        return Shown(code, words, "", kind, bool(scale))
    if kind == "area":
        unit = areas.pop() if len(areas) == 1 and not scale else ""
        return Shown(code, words, unit, kind, bool(scale))
    foreign = _FOREIGN.search(words)
    if foreign is not None:
        return Shown(code, words, foreign.group(), kind, bool(scale))
    power = sum(_POWERS.get(char, 0) for char in words) - scale
    stored = _STORED.get(power) or _POWER_SAID.get(power, "")
    return Shown(code, words, stored, kind, bool(scale))


def _tokens(section: str) -> list[tuple[str, str]]:
    r"""A format section's parts: ("d", a digit's place), ("p", the decimal point), ("c", a
    comma), ("%", a percent or an exponent), ("l", a text shown as written: quoted,
    escaped with \ or !, a currency's [$…-…], a character not ASCII)."""
    out: list[tuple[str, str]] = []
    at, end = 0, len(section)
    while at < end:
        char = section[at]
        if char == '"':
            close = section.find('"', at + 1)
            close = end if close < 0 else close
            out.append(("l", section[at + 1 : close]))
            at = close + 1
        elif char in "\\!":
            out.append(("l", section[at + 1 : at + 2]))
            at += 2
        elif char in "_*":  # a space as wide as the next character; the next repeated
            at += 2
        elif char == "[":
            close = section.find("]", at)
            close = end if close < 0 else close
            inner = section[at + 1 : close]
            if inner.startswith("$"):  # [$¥-804]: a currency's symbol and its locale
                out.append(("l", inner[1:].split("-")[0]))
            at = close + 1
        else:
            if char in "0#?":
                out.append(("d", char))
            elif char == ".":
                out.append(("p", char))
            elif char == ",":
                out.append(("c", char))
            elif char == "%" or (char in "eE" and section[at + 1 : at + 2] in ("+", "-")):
                out.append(("%", char))
            elif ord(char) > 127:
                out.append(("l", char))
            at += 1
    return out
