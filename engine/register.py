"""A bureau's register as it is written: where its header is, what each column holds, which
rows are totals or separators, and the cells carried beside each decision.

Bureaus keep registers for people, not programs: a title row above the header, a header of
two rows (合同约定 over 开工日期), headers written with spaces or line breaks (地 块 编 号,
出让价款\\n（万元）), their own columns (序号, 土地坐落, 备注), a 合计 row at the bottom. The
header is the row (or pair of rows) within the first HEADER_SEARCH that names the most
columns of the input contract, under the contract's names or the Chinese headers each kind
declares (`COLUMN_ALIASES`); `--header-row N` names it instead. A column the contract does
not know is the bureau's own: it is carried through as written, never read by the rules.
A row that cannot be a subject (a total, a section heading, an empty row) is skipped and
reported as skipped, never read as one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal, get_args

from pydantic import BaseModel

from . import fields
from .conditions import closest

HEADER_SEARCH = 30  # rows looked through for the header: titles and notes stand above it
# Words that label a row of totals (合计 at the foot of a register, 小计 under a section).
TOTAL_WORDS = frozenset(
    ("合计", "小计", "总计", "共计", "累计", "本页小计", "本页合计", "total", "subtotal", "sum")
)
_AREA_LABEL = re.compile(r"[(\[【〔](平方米|m2|亩|公顷|平方公里|km2)[)\]】〕]$")  # 面积（亩）
# A title's statement of units: a clause of a line above the header (or a note below the
# rows) such as 单位：万元、平方米, 金额单位为人民币万元, 面积：亩, 单位（万元）. A unit of
# money the cell grammar has not (千元), in a title or a header, is refused, never taken for
# yuan.
MONEY_UNITS = frozenset({"亿元", "万元", "元"})
MONEY_UNREAD = frozenset({"千元", "十万元", "百万元", "千万元", "美元", "万美元", "港元", "万港元"})
NOT_YUAN = (MONEY_UNITS - {"元"}) | MONEY_UNREAD  # a figure in it is not read as yuan


def _either(units: Iterable[str]) -> str:
    """A regular expression's alternatives of units, the longest first."""
    return "|".join(sorted(units, key=lambda u: (-len(u), u)))


_MONEY = _either(MONEY_UNITS | MONEY_UNREAD)
# A header's unit, as registers write it (after compact: half-width, no spaces):
# 出让价款(万元), 出让价款(单位:万元), 出让价款(万元人民币), 出让价款【万元】, 出让价款/万元.
_UNIT = re.compile(
    r"^(.*?)(?:[(\[【〔](?:单位:?)?(?:人民币)?({u})(?:人民币)?[)\]】〕]|/({u}))$".format(
        u=_MONEY + "|万|亿"
    )
)


# A share's header in percent, compared compact: 已开发面积比例（%）, 已开发面积比例(单位：%),
# 已开发面积比例（百分比）, 已开发面积比例/%, 已开发面积比例%.
def _bracketed(words: str) -> str:
    """A share's unit after its header: （%）, (单位：%), /%, each of `words`."""
    return rf"[(\[【〔](?:单位:?)?(?:{words})[)\]】〕]|/(?:{words})"


_PERCENT_NAMES = "百分比|百分数|百分率"
_PERCENT_WORDS = f"%|{_PERCENT_NAMES}"
_PERCENT_UNIT = _bracketed(_PERCENT_WORDS)
_PERCENT = re.compile(rf"^(.+?)(?:{_PERCENT_UNIT}|{_PERCENT_WORDS})$")
# A share's header in per mille (已开发面积比例（‰）): not read, and refused, never taken
# for a column of the bureau's own (its shares then missing, or read in percent).
PER_MILLE = "‰"
_PER_MILLE_WORDS = r"‰|千分比|千分数|千分率|千分之"
_PER_MILLE_UNIT = _bracketed(_PER_MILLE_WORDS)
_PER_MILLE = re.compile(rf"^(.+?)(?:{_PER_MILLE_UNIT}|{_PER_MILLE_WORDS})$")
_PER_MILLE_LABEL = re.compile(rf"(?:{_PER_MILLE_UNIT}|{_PER_MILLE_WORDS})$")
# A label or a title stating percent (比例（%）, 单位：万元、%, 百分比), not a figure (达到95%).
_PERCENT_LABEL = re.compile(rf"(?:{_PERCENT_UNIT}|(?<![0-9.])%|、%[)\]】〕]|{_PERCENT_NAMES})$")


def in_per_mille(written: str) -> bool:
    """Whether a header or a label states per mille: 比例（‰）, 千分比."""
    return _PER_MILLE_LABEL.search(compact(written)) is not None


def in_percent(written: str) -> bool:
    """Whether a header or a label states percent: 已开发面积比例（%）, 比例(%), 百分比."""
    return _PERCENT_LABEL.search(compact(written)) is not None


def unit_apart(written: str) -> tuple[str, str]:
    """A header as compared (compact), apart from the unit of money it states: 出让价款（万元）
    is 出让价款 and 万元 (出让价款（万） too); a header stating none is itself and ''."""
    text = compact(written)
    match = _UNIT.match(text)
    if match is None:
        return text, ""
    unit = match.group(2) or match.group(3)
    return match.group(1), fields.SAID.get(unit, unit)


AREA_UNITS = frozenset({"平方米", "亩", "公顷", "平方公里", "km2"})
# Units of other measures a title states beside money's (NFKC: ㎡ and m² are m2).
OTHER_UNITS = AREA_UNITS | frozenset(
    ["m2", "宗", "个", "项", "人", "天", "日", "年", "月", "%", "米", "公里", "块", "笔"]
)
_STATEMENT = re.compile(
    r"^(?P<lead>.*?)(?P<word>单位|面积|金额|价款|资金)(?:[:：]|为|是)(?P<units>.*)$"
)
# Clauses part at commas, semicolons, full stops (not a decimal point), spaces and brackets:
# XX县台账（单位：万元）, 单位：万元（人民币）, 单位：万元（面积：亩）.
_CLAUSES = re.compile(r"[，,；;。\s()\[\]【】〔〕{}]+|(?<!\d)\.|\.(?!\d)")
_UNITS_APART = re.compile(r"[、及和]")
_ANY_UNIT = f"(?:人民币)?(?:{_MONEY}|万|亿|平方米|m2|亩|公顷|平方公里|km2)"
# How registers say it, each made 单位:X first: 以万元为单位, 以万元为计量单位, 金额均为万元,
# 金额均以万元计, 均按万元填列, 单位 万元, 单位——万元, 单位(万元), 人民币(万元).
_WHOLE = "均|皆|都|一律|统一"  # words of the whole before what a statement says
_GATHERED = "所列|所填|所有|全部|各项"  # and before what it is of (所列金额)
_ALL = f"(?:{_WHOLE})?"
_ENDS = r"(?=$|[，,；;。\s()、])"  # a statement's words end (以万元表示, not 以万元表示的…)
# Words after a statement's unit that say how its figures are written, nothing else: the
# unit is read (单位：万元保留两位小数; not 单位：元氏县…, 万元以上项目, 万元的已折算为元).
_KEPT = r"(?:整|保留[一二两三四1-4]位小数|(?:以下|下)同)(?=$|[，,；;。\s()、])"
_SAID_SO = (
    (re.compile(rf"{_ALL}以({_ANY_UNIT})为(?:计量|计价|货币)?单位"), r"单位:\1"),
    (re.compile(rf"{_ALL}(?:以|按)({_ANY_UNIT})(?:填列|填报|填写|列示|计列){_ENDS}"), r"单位:\1"),
    (re.compile(rf"{_ALL}(?:以|用)({_ANY_UNIT})(?:表示|计算|计量|记){_ENDS}"), r"单位:\1"),
    (re.compile(rf"(?<!单位)均?(?:为|以)({_ANY_UNIT})计?(?=$|[，,；;。\s()])"), r"单位:\1"),
    (re.compile(rf"单位[\s\-—–－~～]*\(({_ANY_UNIT})\)"), r"单位:\1"),
    (re.compile(rf"单位[\s\-—–－~～]*(?=(?:{_ANY_UNIT})(?:$|[、，,；;。\s()]))"), "单位:"),
    (re.compile(r"人民币\((万元|亿元|元)\)"), r"人民币\1"),
    (re.compile(rf"(面积|金额|价款|资金)\(({_ANY_UNIT})\)"), r"\1:\2"),  # 面积（亩）, 价款（万元）
    # 金额以万元保留两位小数: read 金额单位:万元保留两位小数, its unit the first (_money_first)
    (re.compile(rf"(金额|价款|资金){_ALL}(?:以|按|用)(?={_ANY_UNIT}{_KEPT})"), r"\1单位:"),
)
# What may stand before 单位 in a statement of the whole register's units, once a note's
# mark (注：1.) and words of the table itself (本表, 表中) are taken off.
_NOTE = re.compile(
    r"^(?:(?:注|说明|备注|附注|附|※)\d*[:：]?)?(?:\d+[、.:：)]?)?"
    r"(?:但|其中|另外|另)?(?:本表|表中|表内|全表|以上|以下|上述|下列|表\d+[:：])?"
)
# Words of the whole before and after what is stated of (本表所列金额均以万元为单位).
_COLLECTIVE = re.compile(rf"^(?:{_GATHERED})+|(?:{_WHOLE})$")
_OF_ALL = frozenset(
    {"", "金额", "货币", "价款", "资金", "计量", "数据", "数量", "统计", "金额单位", "各项"}
)
_OF_AREAS = frozenset({"面积", "土地面积", "用地面积", "宗地面积"})
MONEY_WORDS = re.compile(_either(NOT_YUAN))
# A unit of money mentioned, not an amount (1000万元, 五千万元) nor a kind of thing (万元以下
# 项目, 亿元以上, 万元户, 万元置业): not after a digit or a numeral, and followed by the end, a
# mark, or words of a unit's (为单位, 计, 整).
_MONEY_MENTIONED = re.compile(
    r"(?<![\d.零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟余多近逾数几约超过上达破])"
    r"(?:人民币)?(万元|亿元|千元|十万元|百万元|千万元|美元|港元)"
    r"(?!\(含\))(?=$|[\s,，;；。.、:：()\[\]【】〔〕]|为|计|整|人民币|填|列|表示|记)"
)
# Traditional characters of units, and English, as a title may write them.
_TRADITIONAL = str.maketrans("單萬億註額為畝積計價讓臺賬", "单万亿注额为亩积计价让台账")
_ENGLISH = (
    (re.compile(r"(?i)\bunits?\s*[:：]"), "单位:"),
    (
        re.compile(
            r"(?i)(?:\b(?:rmb|cny)\s*10[, ]?000\b|\b10[, ]?000\s*(?:yuan|rmb|cny)\b"
            r"|\bten thousand (?:yuan|rmb)\b|\b(?:rmb\s*)?10 thousand(?: yuan| rmb)?\b)"
        ),
        "万元",
    ),
)


def said_plainly(text: str) -> str:
    """A title's or a note's text as unit_statements reads it: half-width (NFKC), simplified
    (單位：萬元), English units in Chinese (Unit: 10,000 yuan), 单  位 and 1000 万元 closed
    up."""
    text = unicodedata.normalize("NFKC", text).translate(_TRADITIONAL)
    for said, written in _ENGLISH:
        text = said.sub(written, text)
    text = re.sub(r"单\s*位", "单位", text)
    return re.sub(r"(\d)\s+(?=[万亿千百十])", r"\1", text)


def states_money(text: str) -> bool:
    """Whether a cell states a unit of money other than yuan for the register: 万元 alone,
    （万元）, 单位：万元, 金额单位为万元 (not a remark mentioning 300余万元)."""
    plain = said_plainly(text).strip().strip("()[]【】〔〕")
    if plain in NOT_YUAN:
        return True
    return any(
        st.of == "all" and any(u in NOT_YUAN for u in st.units) for st in unit_statements(text)
    )


# A header of the bureau's own that states the register's units (单位：万元, 金额单位：万元,
# 备注（金额单位：万元）), not a column's own (竞买保证金（单位：万元）: its own figures').
_HEADER_STATES = re.compile(r"^(?:(?:备注|说明|附注|注|序号)[(\[【]|(?:金额|货币|计量|资金)?单位)")


def header_states(written: str) -> bool:
    """Whether a header of the bureau's own states the register's units."""
    return bool(_HEADER_STATES.match(compact(written)))


def mentions_money(text: str) -> bool:
    """Whether a cell mentions a unit of money other than yuan (万元 alone, 金额单位：万元),
    not an amount (50万元)."""
    return bool(_MONEY_MENTIONED.search(said_plainly(text)))


@dataclass(frozen=True)
class Units:
    """A clause stating units: what of (all, areas, columns: named ones alone, unclear: a
    unit of money in words not read) and the units, in the order stated."""

    of: Literal["all", "areas", "columns", "unclear"]
    units: tuple[str, ...]
    clause: str
    subject: str = ""  # of columns: the words naming them (出让价款, 已投资额、总投资额)
    # A bare unit after a comma, in a sentence about money other than the register's
    # amounts (土地闲置费按出让价款的20%计征，单位为元: the fee's unit): in a note, not the
    # register's. (以上金额，单位为元 and 本表数据截至8月31日，金额单位为元 are the register's.)
    goes_on: bool = False


def unit_statements(line: str) -> list[Units]:
    """The clauses of a line that state units: 单位：万元、平方米 (of all: 万元, 平方米),
    注：金额单位为万元 and 本表金额以万元为单位 (of all), 面积单位：亩 (of areas), 已投资额单位
    为万元 (of columns), 单位：万元/亩 (unclear); 填报单位：XX县国土资源局 states none, nor does
    出让价款1000万元以上 (an amount). A unit of money mentioned in words not read is unclear:
    never passed over. Square metres as 平方米, 万 and 亿 as 万元 and 亿元, 万元/宗 (a figure a
    parcel) as 万元, 元/平方米 as a rate."""
    text = said_plainly(line)
    text = re.sub(r"([万亿千百])\s*元", r"\1元", text)
    text = re.sub(r"人民币\s*", "人民币", text)
    text = re.sub(rf"(单位|面积|金额|价款|资金)\s*{_ALL}\s*([:：为是])\s*", r"\1\2", text)
    for said, written in _SAID_SO:
        text = said.sub(written, text)
    found = []
    read = set()  # the units of money the statements found account for
    for clause, goes_on in _clauses(text):
        match = _STATEMENT.match(clause)
        if match is None:
            continue
        shown = clause.translate(_SHOWN)  # as a Chinese title writes it: 单位：万元
        lead = _subject(match.group("lead"))
        word = match.group("word")
        subject = lead if word == "单位" else lead + word
        units = [_unit(_money_first(u)) for u in _UNITS_APART.split(match.group("units")) if u]
        known = MONEY_UNITS | MONEY_UNREAD | OTHER_UNITS
        if not units or not all(u in known or "/" in u for u in units):  # / : a rate
            if subject in _OF_ALL and any(_opens_not_yuan(u) for u in units):
                found.append(Units("unclear", (), shown))  # 价款（万元）见各列: not passed over
            continue
        money = [u for u in units if u in MONEY_UNITS | MONEY_UNREAD]
        if not money and MONEY_WORDS.search(match.group("units")):  # 万元/亩: a rate alone
            if subject in _OF_ALL:  # the register's, stated as a rate: not read
                found.append(Units("unclear", (), shown))
            continue
        of: Literal["all", "areas", "columns"] = "columns"  # of named columns alone
        if subject in _OF_ALL:
            of = "all"
        elif subject in _OF_AREAS:
            of = "areas"
        found.append(Units(of, tuple(units), shown, subject, goes_on and not lead))
        read.update(money)
    for mentioned in _MONEY_MENTIONED.finditer(text):
        if mentioned.group(1) not in read:  # 单位：万元/亩, 金额（万元）以下略: not read
            found.append(Units("unclear", (), line.strip()[:60]))
            break
    return found


_SHOWN = str.maketrans({":": "：", "(": "（", ")": "）"})
_KEPT_WHOLE = re.compile(_KEPT + "$")
_MONEY_FIRST = sorted(MONEY_UNITS | MONEY_UNREAD | {"人民币万元", "人民币元"}, key=len)[::-1]


def _clauses(text: str) -> Iterator[tuple[str, bool]]:
    """The clauses of a line (_CLAUSES), each with whether it goes on, after a comma, a
    sentence (from a full stop or a semicolon) about money other than the register's
    amounts: a clause before it names a fee, a tax or a deposit, and none since opens with
    the register's words (土地闲置费（按出让价款20%计征），; 按出让价款的20%征收土地闲置费，; not
    本表金额含税费，, nor 免费划拨地块不列入本表，, nor 价款含土地闲置费，以上金额，)."""
    other = False  # the sentence's subject so far: money other than the register's
    at, apart = 0, ""
    for mark in [*_CLAUSES.finditer(text), None]:
        clause = text[at : mark.start() if mark else len(text)]
        if _SENTENCE.search(apart):
            other = False
        if clause:
            yield clause, other and ("," in apart or "，" in apart)
            opening = _NOTE.sub("", clause)
            if _REGISTERS.match(opening):
                other = False  # 以上金额，…, 本表金额含税费，…: the register's again
            elif _OTHER_MONEY.search(opening):
                other = True  # 土地闲置费按…计征，…, 按出让价款的20%征收土地闲置费，…
        if mark is not None:
            at, apart = mark.end(), mark.group()


_SENTENCE = re.compile(r"[;；。.]")
# Money other than the register's amounts, in a clause not opening with the register's.
_OTHER_MONEY = re.compile(
    r"闲置(?:土地)?费|保证金|滞纳金|违约金|罚款|罚金|契税|税费|税款|单价|利息|手续费"
)


# The register's figures as a whole opening a clause, after a note's mark and the table's
# words (以上金额, 本表所列金额): a subject of _OF_ALL.
_REGISTERS = re.compile(rf"(?:{_GATHERED})*(?:金额|价款|资金|数据|数量|货币)")


def _subject(lead: str) -> str:
    """What a statement's words before 单位 say it is of, a note's mark and words of the
    table and of the whole taken off: 注：1.本表所列金额均 is 金额."""
    return _COLLECTIVE.sub("", _NOTE.sub("", lead))


def _money_opening(text: str) -> str:
    """The unit of money a statement's units open with (the longest), or ''."""
    return next((unit for unit in _MONEY_FIRST if text.startswith(unit)), "")


def _opens_not_yuan(text: str) -> bool:
    """Whether a statement's unit not read opens with a unit of money not yuan, other words
    after it (万元见各列, 万元以上项目, 万元每亩: a rate written out), not a rate (万元/亩)."""
    unit = _money_opening(text)
    return unit in NOT_YUAN and text[len(unit) : len(unit) + 1] not in ("/", "")


def _money_first(text: str) -> str:
    """A unit of money followed by words saying how figures are written (单位：万元保留两位
    小数, 单位：万元整, 单位：万元以下同: _KEPT) as the unit alone; other words leave the
    whole, not read (单位：元氏县国土资源局, 单位：万元以上项目)."""
    unit = _money_opening(text)
    return unit if unit and _KEPT_WHOLE.match(text, len(unit)) else text


def _unit(text: str) -> str:
    """A unit as a title writes it, as unit_statements names it (a rate: as written)."""
    unit = text.removeprefix("人民币").removesuffix("人民币")
    unit = fields.SAID.get(unit, unit)
    figure, per, each = unit.partition("/")
    if per and each in ("宗", "个", "项", "块", "笔"):  # 万元/宗: a parcel's figure in 万元
        return figure if figure in MONEY_UNITS | MONEY_UNREAD else unit
    return unit


_PLAIN_NUMBER = re.compile(r"^-?(?:0|[1-9]\d{0,14})(?:\.\d+)?$")
_GROUPED = re.compile(r"^-?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$")  # 1,234.50: thousands apart


class Grouped(Decimal):
    """A number of a register's own written with its thousands apart (1,234.50): a workbook
    shows it so."""

    __slots__ = ()


def compact(text: str) -> str:
    """A header or label as it is compared: half-width, without any space or line break
    (地 块 编 号 is 地块编号), an ASCII name in lower case."""
    text = "".join(unicodedata.normalize("NFKC", text).split())
    return text.lower() if text.isascii() else text


class Contract:
    """The columns of a row model, and every header a register may write each under."""

    def __init__(self, model: type[BaseModel]) -> None:
        self.columns = list(model.model_fields)
        self.required = [n for n, f in model.model_fields.items() if f.is_required()]
        measures = getattr(model, "MEASURES", {})  # Decimal columns that are not yuan
        self.amounts = {  # yuan: a unit in the header (出让价款（万元）) applies
            n
            for n, f in model.model_fields.items()
            if "Decimal" in str(f.annotation) and n not in measures
        }
        # Areas in a unit of their own (a parcel's land area in 平方米, a plot's in 亩).
        self.areas: dict[str, str] = dict(getattr(model, "AREA_UNITS", {}))
        # Measures read in one unit with each other, whatever it is (a developed and a
        # total area, compared as a share).
        self.alike = set(measures) - set(self.areas)
        # The figures a workbook totals: the amounts and the measures the model totals (a
        # parcel's land area).
        self.figures = self.amounts | set(getattr(model, "TOTALLED", ()))
        # A row's own figures, which a cell merged over several subjects may not give each
        # (each would be given the whole): every amount and every measure (a developed
        # area, read into a share the rules test).
        self.own_figures = {
            n for n, f in model.model_fields.items() if "Decimal" in str(f.annotation)
        }
        # Shares (0.25, 25%): a header in percent (已开发面积比例（%）) reads a bare 25 as 25%.
        self.shares = {n for n, f in model.model_fields.items() if "Fraction" in str(f.annotation)}
        self.texts = {  # columns of text (ids, names): never read as a number or a date
            n
            for n, f in model.model_fields.items()
            if {a for a in get_args(f.annotation) if a is not type(None)} == {str}
            or f.annotation is str
        }
        aliases: Mapping[str, str] = getattr(model, "COLUMN_ALIASES", {})
        self.aliases = {compact(name): name for name in self.columns}
        self.aliases.update({compact(alias): name for alias, name in aliases.items()})
        self.labels: dict[str, str] = {}  # a column's Chinese header: the first alias given
        for alias, name in aliases.items():
            self.labels.setdefault(name, alias)

    def resolve(self, written: str) -> tuple[str | None, str]:
        """The contract column a header names (or None: the bureau's own), and the unit it
        gives (出让价款（万元）: price, 万元)."""
        base, unit = unit_apart(written)
        if base in self.aliases:
            return self.aliases[base], unit
        for form, unit in ((_PERCENT, "%"), (_PER_MILLE, PER_MILLE)):
            stated = form.match(base)
            if stated is not None and self.aliases.get(stated.group(1)) in self.shares:
                return self.aliases[stated.group(1)], unit
        return None, ""

    def near(self, written: str) -> str | None:
        """The contract column an English header that names none is most likely a slip for
        (mortaged: mortgaged), if one is near enough to refuse it for. A Chinese header is
        never taken for a slip: Chinese headers one character apart name different things
        (开工日期 and 竣工日期); it is the bureau's own column, and the run says so."""
        text = compact(written)
        return closest(text, self.columns) if text.isascii() else None


@dataclass(frozen=True)
class Column:
    """One column of a register: where it is, its header as written, what it is."""

    index: int
    written: str
    field: str | None  # the contract's column, or None: the bureau's own
    unit: str = ""  # 元, 万元 or 亿元, where the header gives one

    @property
    def letter(self) -> str:
        from openpyxl.utils import get_column_letter  # on use: openpyxl is a heavy import

        return get_column_letter(self.index + 1)


@dataclass(frozen=True)
class Register:
    """A register's header: its columns in order, the row(s) it stands on."""

    columns: tuple[Column, ...]
    rows: tuple[int, ...]
    workbook: bool = False  # a sheet: cells are named as Excel names them (D7)

    def of(self, field: str) -> Column | None:
        return next((c for c in self.columns if c.field == field), None)

    def shown(self, field: str) -> str:
        """A contract column as the register heads it (出让价款（万元）), or its own name."""
        found = self.of(field)
        return found.written if found is not None else field

    def cell(self, field: str, row: int) -> str:
        """Where a contract column's cell of `row` is, as Excel names it (D7); "" in a CSV."""
        found = self.of(field)
        if not self.workbook or found is None or row < 1:
            return ""
        return f"{found.letter}{row}"

    @property
    def extras(self) -> tuple[Column, ...]:
        """The bureau's own columns."""
        return tuple(c for c in self.columns if c.field is None)


@dataclass(frozen=True)
class RegisterRow:
    """A row of a register as the bureau wrote it, every column, beside its decision."""

    register: Register
    values: tuple[Any, ...]
    # Cells a range merged over several rows filled, each one's column and the range's first
    # row (a figure of several rows, 7.5 亩 for three parcels): shown on each, counted once
    # in a workbook's totals.
    merged_from: tuple[tuple[int, int], ...] = ()

    def extras(self) -> list[tuple[Column, Any]]:
        return [(c, self.values[c.index]) for c in self.register.extras]


@dataclass(frozen=True)
class Skipped:
    """A row that is no subject: a total, a separator (a heading, an empty numbered row)."""

    row: int
    reason: Literal["total", "separator"]
    text: str


def columns(
    contract: Contract, own: Sequence[str], top: Sequence[str] | None = None
) -> list[Column]:
    """The columns a header row names, with the row above it where the header has two (a
    group label such as 合同约定 over 开工日期 and 竣工日期): a column is what the group
    label with its own header names, or else what its own header names. A group label
    stands over the empty cells to its right (a merged cell, as a CSV keeps it: in its
    first cell only)."""
    labels: list[str] = []
    for index in range(len(own)):
        above = top[index].strip() if top is not None and index < len(top) else ""
        labels.append(above or (labels[-1] if labels and own[index].strip() else ""))
    names = [cell.strip() for cell in own]
    found = []
    for index, written in enumerate(names):
        above = labels[index]
        tried = [written]
        if above and above != written:
            tried = [above + written, written + above, written] if written else [above]
        for name in tried:
            field, unit = contract.resolve(name)
            if field is not None:
                break
        if above and not unit and field in contract.amounts:
            # 金额（万元） over 出让价款 and 已缴价款: the group label's unit is theirs
            unit = unit_apart(above)[1]
        elif above and not unit and field in contract.shares and in_percent(above):
            unit = "%"  # 比例（%） over 已开发面积比例 and 已投资比例: theirs
        elif above and not unit and field in contract.shares and in_per_mille(above):
            unit = PER_MILLE  # 比例（‰）: refused (the loader)
        elif above and field in contract.areas:
            # 面积（亩） over 土地面积: refused (the loader) where not the column's own unit
            label = _AREA_LABEL.search(compact(above))
            said = fields.SAID.get(label.group(1), label.group(1)) if label else ""
            unit = said if said and said != contract.areas[field] else ""
        repeated = names.count(written) > 1
        grouped = above and written and above != written and (field is None or repeated)
        shown = f"{above} {written}" if grouped else written or above
        found.append(Column(index, shown, field, unit))
    return found


def score(found: Iterable[Column]) -> int:
    """How strongly a candidate header names the contract: the columns it names, once each."""
    return len({c.field for c in found if c.field is not None})


def find(
    contract: Contract, rows: Sequence[tuple[int, list[str]]], header_row: int | None
) -> tuple[int, int | None]:
    """Where the header is among the first rows: the index of its (last) row in `rows`, and
    of the group-label row above it if the header has two rows, else None. With
    `header_row`, that row (its number as the file numbers it)."""
    if header_row is not None:
        index = next((i for i, (row, _) in enumerate(rows) if row == header_row), 0)
        single = score(columns(contract, rows[index][1]))
        if index > 0:
            pair = score(columns(contract, rows[index][1], rows[index - 1][1]))
            if pair > single:
                return index, index - 1
        return index, None
    best = 0
    chosen: tuple[int, int | None] = (0, None)
    for index, (_, cells) in enumerate(rows):
        single = score(columns(contract, cells))
        pair = score(columns(contract, cells, rows[index - 1][1])) if index > 0 else 0
        if single > best:
            best, chosen = single, (index, None)
        if pair > max(best, single):
            best, chosen = pair, (index, index - 1)
    return chosen


_TOTAL_MARKS = frozenset("合小总共累本tTsS")  # the first letter of every total word


def subject_like(key: str) -> bool:
    """Whether a row's id cell plainly names a subject (the fast path: most rows), not a
    total word; a row that does not is looked at whole by `label`."""
    text = key.strip()
    if noted(text):
        return False  # 注：金额单位为万元, in the id's column: `label` reads it
    return bool(text) and (len(text) > 12 or text[0] not in _TOTAL_MARKS)


# A note below the rows, in a cell of its own: 注：…, 说明：…, 备注：…
_NOTE_ROW = re.compile(r"^(?:注|说明|备注|附注|附)\d*\s*(?:[:：]|$)")


def noted(text: str) -> bool:
    """Whether a cell opens a note (注：…, 说明：…)."""
    text = text.lstrip()
    return text[:1] in "注说备附" and bool(_NOTE_ROW.match(text.rstrip()))


def label(
    cells: Sequence[str], filled: frozenset[int], register: Register, id_field: str | None
) -> Skipped | None:
    """Whether a data row is no subject, and why: a total (合计, 小计, 总计 in a cell the
    row itself holds, with no id of its own), or a row naming nothing of the contract but
    in cells filled from a merged range above it (a section heading, an empty numbered
    row). The row's number is the caller's to set."""
    written = [
        (c, cells[c.index].strip())
        for c in register.columns
        if c.index < len(cells) and c.index not in filled and cells[c.index].strip()
    ]
    text = " ".join(value for _, value in written)[:80]
    totals = [c for c, value in written if _totals(value)]
    ids = [c for c, _ in written if c.field is not None and c.field == id_field]
    if totals and all(c in totals for c in ids):
        return Skipped(0, "total", text)
    if len(written) == 1 and _NOTE_ROW.match(written[0][1]):  # a note, wherever it stands
        return Skipped(0, "separator", text)
    if not any(c.field is not None for c, _ in written):
        return Skipped(0, "separator", text)
    return None


def _totals(value: str) -> bool:
    """Whether a cell labels a row of totals: 合计, 小计：, 合计（万元） (its unit, if it
    disagrees with the columns', was refused before: RowReader._unit_below)."""
    text = compact(value).rstrip(":：")
    return text in TOTAL_WORDS or unit_apart(text)[0].rstrip(":：") in TOTAL_WORDS


def typed(value: Any, contract_kind: str | None = None) -> Any:
    """A cell as the register holds it, for an output that keeps its type: a workbook's
    number, date or text as it is; a CSV cell that is plainly a number or a date in the
    cell grammar as that, any other text as written. `contract_kind` ("number", "date",
    "text") narrows what a CSV cell may be read as."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, bool | int | float | Decimal | date):
        return value
    text = str(value).strip()
    if not text:
        return None
    if contract_kind == "text":
        return text
    normal = fields.normal(text)
    plain = normal.replace(",", "")
    if _PLAIN_NUMBER.match(plain) and contract_kind in (None, "number"):
        number = Decimal(plain)
        if contract_kind is None and "," in normal:  # 1,234.50, not 12,34 (two numbers?)
            return Grouped(plain) if _GROUPED.match(normal) else text
        return int(number) if number == number.to_integral_value() and "." not in plain else number
    if contract_kind in (None, "date"):
        try:
            return fields.day(text) if not text.isdigit() else text
        except ValueError:
            return text
    return text
