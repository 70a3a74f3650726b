"""Rule files (rules/*.yaml) as a model: their schema, parameter values, citations, and the
compiled family the engine runs and explanations read.

engine/packs.py reads the files (rules/laws.yaml, the families, any rule packs), lays the
packs over the families and chooses each parameter's value for the run's date;
engine/checker.py checks and compiles the result. A malformed file fails at load, never
later, with a message that names the file, the rule and the field.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, Literal, TypeAlias

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from .conditions import Condition, FactField
from .errors import RulebookError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A text in English and in Simplified Chinese (decisions.md IO2)."""

    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def in_(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def words(en: str, zh: str) -> Text:
    """A text in both languages, written in code (labels, column headings)."""
    return Text(en=en, zh=zh)


_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


class Window(_Strict):
    """When a rule or law is in force: from a date, until a date (inclusive) or open.

    A rule's `from` may name a date parameter instead (`from: principles_from`, decisions.md
    B0): its name is kept in `start_param`, and the loader puts the parameter's value on the
    run's date in `start` before anything reads it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    start: date = Field(alias="from")
    until: date | None = None
    start_param: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _named_start(cls, data: Any) -> Any:
        if isinstance(data, dict):
            if "start_param" in data:
                raise ValueError("write the date parameter in 'from'")
            start = data.get("from", data.get("start"))
            if isinstance(start, str) and _NAME.match(start):
                rest = {k: v for k, v in data.items() if k not in ("from", "start")}
                return {**rest, "from": date.min, "start_param": start}  # resolved at load
        return data

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.until is None or day <= self.until)


class Law(_Strict):
    title: Text
    short: Text
    issued_by: Text
    effective: Window
    source: str


class LawsFile(_Strict):
    """rules/laws.yaml: every law the rule files cite, declared once, by key."""

    laws: dict[str, Law] = Field(min_length=1)


class Citation(_Strict):
    law: str
    article: int | None = None
    paragraph: int | None = None
    item: int | None = None
    section: str | None = None  # for texts cited by section, such as the speech


ParamValue: TypeAlias = int | Decimal | Fraction | date


# A parameter's source: in both languages ({en: ..., zh: ...}); a plain text (a district's
# own words in a pack) is shown as written in either.
Source: TypeAlias = Annotated[str, StringConstraints(min_length=1)] | Text


def source_in(source: Source | None, lang: str) -> str:
    """A parameter's source in the output's language."""
    if source is None:
        return ""
    return source.in_(lang) if isinstance(source, Text) else source


class DatedValue(_Strict):
    """One value of a parameter, in force from the date it is keyed by, with its source."""

    value: Any
    source: Source


class Parameter(_Strict):
    """A named number (or date) with its legal source: one `value` with its `source`, or
    `values` keyed by the date each took effect, each with its own source.

    In a loaded family, `value` and `source` are those in force on the run's date (`values`
    keeps the history).
    """

    type: Literal["years", "months", "days", "rate", "ratio", "money", "date"]
    set_by: Literal["law", "district"]
    title: Text
    value: Any = None
    source: Source | None = None
    values: dict[date, DatedValue] | None = Field(default=None, min_length=1)
    minimum: Any = Field(default=None, alias="min")
    maximum: Any = Field(default=None, alias="max")

    @model_validator(mode="after")
    def _one_form(self) -> Parameter:
        if self.values is not None:
            if self.value is not None or self.source is not None:
                raise ValueError(
                    "give either 'value' with its 'source', or 'values' keyed by the date "
                    "each took effect, not both"
                )
        elif self.value is None:
            raise ValueError(
                "give 'value' with its 'source', or 'values' keyed by the date each took effect"
            )
        elif self.source is None:
            raise ValueError("'value' needs its 'source'")
        return self

    def history(self) -> list[tuple[date | None, Any, Source]]:
        """(in force from, value, source), oldest first; one undated entry for `value`."""
        if self.values is None:
            return [(None, self.value, self.source or "")]
        return [(day, dated.value, dated.source) for day, dated in sorted(self.values.items())]

    def on(self, day: date) -> tuple[date | None, Any, Source] | None:
        """The entry in force on `day`: the latest on or before it; None before every one."""
        chosen = None
        for entry in self.history():
            if entry[0] is None or entry[0] <= day:
                chosen = entry
        return chosen

    def parsed(self) -> ParamValue:
        return parse_value(self.type, self.value)


class AmountSpec(_Strict):
    rate: str
    of: str


class DueSpec(_Strict):
    after: str
    days: str


class ActionSpec(_Strict):
    code: str
    cites: list[Citation] = []  # the action's own basis; the rule's citations if empty
    when: list[Any] = []
    date: str | None = None  # the value dating the action: when it arose
    amount: AmountSpec | None = None
    # The last day of a period of days from a date; or a date value the facts count (the
    # end of a legal period from the event that starts it, holidays moved over: L14).
    due: DueSpec | str | None = None
    not_before: DueSpec | str | None = None  # the first day after such a period; or a value
    idle_from: str | None = None
    days_left: str | None = None
    days_overdue: str | None = None
    recipients: list[str] = []
    options: list[str] = []
    # Where the case is going rather than a step due now (decisions.md L10): a disposal
    # before the procedure reaches the decision. Output marks it; summaries count it apart.
    prospect: bool = False
    approved_by: str | None = None  # an authority of the file: who approves it (L11)
    issued_by: str | None = None  # an authority of the file: who issues it (L11)


class Exists(_Strict):
    """A join: another kind of fact, given with the evaluation, sharing a field's value."""

    fact: str
    match: str


class Criterion(_Strict):
    """A criterion the rule judges: met where `test` holds, not met where it fails."""

    name: str
    title: Text
    value: str | None = None  # the value shown beside the verdict
    threshold: str | None = None  # the parameter it is held against


class CodeEntry(_Strict):
    title: Text
    # step: the bureau's; duty: the holder's, with its due date (a fee to pay)
    kind: Literal["step", "duty", "disposal", "notice", "sanction", "finding"]
    name: Text | None = None  # a few words, for tables and workbooks (the title if none)

    def short(self) -> Text:
        return self.name or self.title


class Predicate(_Strict):
    meaning: Text
    when: list[Any] = Field(min_length=1)


class Rule(_Strict):
    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
    title: Text
    cites: list[Citation] = Field(min_length=1)
    effective: Window
    when: list[Any] = Field(min_length=1)
    status: str | None = None
    actions: list[ActionSpec] = []
    if_exists: Exists | None = None
    unless_exists: Exists | None = None
    criterion: Criterion | None = None
    test: list[Any] = []  # a criterion's test, met where it holds
    test_unless_exists: Exists | None = None  # or: met where no such fact exists
    priority: int
    exception_of: list[str] = []
    note: Text | None = None


class FamilyFile(_Strict):
    """The YAML document of one rule family, as written (or, in a loaded RuleFamily, as it
    applies on the run's date)."""

    family: str
    version: str
    facts: str
    enabled: bool = True  # a district may switch a family off (e.g. national rules)
    title: Text
    statuses: dict[str, Text]
    parameters: dict[str, Parameter]
    action_codes: dict[str, CodeEntry] = {}
    recipients: dict[str, Text] = {}
    authorities: dict[str, Text] = {}  # who approves or issues a decision (approved_by, ...)
    options: dict[str, Text] = {}
    predicates: dict[str, Predicate] = {}
    rules: list[Rule] = Field(min_length=1)
    # Declared once, in rules/laws.yaml: a family file declares none. In a loaded family,
    # the laws the family cites, in the order laws.yaml declares them.
    laws: dict[str, Law] = {}


@dataclass(frozen=True)
class SwitchedOff:
    """A rule of the family that a rule pack switched off, and why."""

    rule: Rule
    pack: str
    reason: str


@dataclass(frozen=True)
class CompiledAction:
    spec: ActionSpec
    when: Condition | None


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    when: Condition
    actions: tuple[CompiledAction, ...]
    test: Condition | None = None  # a criterion's test
    origin: str | None = None  # the rule pack that added the rule; None: the rulebook's own


@dataclass(frozen=True)
class RuleFamily:
    """A loaded, checked rule family: the data the engine runs and explanations read.

    `doc` is the family as it applies on `as_of`: rule packs laid over it, each parameter's
    value and source those in force on that date, rule windows from date parameters
    resolved, and `laws` the laws it cites. `sha256` covers every file it was made from
    (its rule file, rules/laws.yaml and the packs laid over it), not the date.
    """

    path: Path
    doc: FamilyFile
    sha256: str
    params: Mapping[str, ParamValue]
    rules: tuple[CompiledRule, ...]
    fact_fields: Mapping[str, FactField] = field(repr=False)
    as_of: date | None = None  # the date its parameters' values were chosen for
    param_origins: Mapping[str, str] = field(default_factory=dict)  # parameter -> pack
    switched_off: tuple[SwitchedOff, ...] = ()

    @property
    def name(self) -> str:
        return self.doc.family

    @property
    def laws(self) -> Mapping[str, Law]:
        return self.doc.laws

    @property
    def values_key(self) -> str:
        """The family's sources and its parameters' values: what its compiled rules depend
        on (one source may give other values on another date)."""
        values = ";".join(f"{name}={value}" for name, value in sorted(self.params.items()))
        return hashlib.sha256(f"{self.sha256}|{values}".encode()).hexdigest()

    def in_force(self, day: date) -> tuple[CompiledRule, ...]:
        return tuple(r for r in self.rules if r.rule.effective.covers(day))

    def basis(self, rule: Rule, lang: str, action: ActionSpec | None = None) -> str:
        """The citations of a rule, or of one of its actions, as one line of text."""
        cites = action.cites if action is not None and action.cites else rule.cites
        separator = "；" if lang == "zh" else "; "
        return separator.join(cite_text(self.doc.laws[c.law], c, lang) for c in cites)


def identity(families: Sequence[RuleFamily], more: Sequence[str] = ()) -> dict[str, Any]:
    """The rulebook's version and content hash, as outputs and the ledger print them: the
    one family's hash, or a hash over every family's (and `more`: the packs') hashes."""
    shas = [f.sha256 for f in families] + list(more)
    combined = hashlib.sha256("+".join(shas).encode()).hexdigest()
    return {
        "version": "+".join(f"{f.name} {f.doc.version}" for f in families),
        "sha256": shas[0] if len(shas) == 1 else combined,
        "families": [
            {"family": f.name, "version": f.doc.version, "sha256": f.sha256} for f in families
        ],
    }


_PARAM_NUMBER = re.compile(r"^(\d{1,6}(\.\d{1,9})?|\d{1,9}/\d{1,9})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# Bounds a rule file is held to, so that no file can exhaust memory or time at load or run.
MAX_YAML_NODES = 200_000  # values in a file, aliases expanded (a "billion laughs" is refused)
MAX_YAML_DEPTH = 40  # nesting of lists and mappings (conditions nest a few levels)
MAX_YEARS = 100  # a period of years a parameter may hold
MAX_DAYS = 36_500  # a period of days a parameter may hold (a century)


# libyaml's parser where PyYAML was built with it (it is, in the wheels): the file is read
# ten times faster; the constructor, and so every check below, is the same Python code.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeLoader):  # type: ignore[misc]
    """YAML as rule files are written: a key given twice in a mapping is refused, not
    silently replaced by the last."""

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep)


def read_yaml(shown: str, data: bytes) -> Any:
    """A rule file's YAML, refused with its name if it is not YAML, gives a key twice, nests
    deeper than MAX_YAML_DEPTH or expands (through aliases) beyond MAX_YAML_NODES values."""
    loader = _StrictLoader(data)
    try:
        return _checked(shown, loader)
    finally:
        loader.dispose()


def _checked(shown: str, loader: Any) -> Any:
    """The document `loader` reads, composed once, sized, then constructed."""
    try:
        node = loader.get_single_node()
    except RecursionError:
        raise RulebookError(f"{shown}: nested deeper than a rule file can be") from None
    except yaml.YAMLError as exc:
        if "maximum nesting depth" in str(exc):  # libyaml's own bound, under Python's
            raise RulebookError(f"{shown}: nested deeper than a rule file can be") from None
        raise RulebookError(f"{shown}: not valid YAML: {exc}") from None
    if node is None:
        return None
    sizes: dict[int, int] = {}

    def size(current: Any, depth: int) -> int:
        if depth > MAX_YAML_DEPTH:
            raise RulebookError(
                f"{shown}: line {current.start_mark.line + 1}: nested deeper than "
                f"{MAX_YAML_DEPTH} levels"
            )
        known = sizes.get(id(current))
        if known is not None:
            return known  # an alias: its expansion is counted where it is used
        if isinstance(current, yaml.MappingNode):
            inner = [n for pair in current.value for n in pair]
        elif isinstance(current, yaml.SequenceNode):
            inner = list(current.value)
        else:
            inner = []
        total = 1 + sum(size(child, depth + 1) for child in inner)
        if total > MAX_YAML_NODES:
            raise RulebookError(
                f"{shown}: expands to more than {MAX_YAML_NODES} values (aliases included)"
            )
        sizes[id(current)] = total
        return total

    size(node, 0)
    try:
        return loader.construct_document(node)  # a SafeLoader: no object is made
    except yaml.YAMLError as exc:
        raise RulebookError(f"{shown}: not valid YAML: {exc}") from None
    except (ValueError, TypeError, OverflowError) as exc:
        # A value YAML's own types cannot hold: 2012-02-30 as a date, !!int abc, an integer
        # of more digits than Python converts, a list used as a mapping's key.
        raise RulebookError(f"{shown}: a value cannot be read: {exc}") from None


def parse_value(kind: str, raw: Any) -> ParamValue:
    """A parameter's value as written, read as its type; ValueError saying what was expected."""
    text = str(raw).strip()
    if kind == "date":
        if isinstance(raw, date) and not isinstance(raw, datetime):
            return raw
        if isinstance(raw, str) and _ISO_DATE.match(text):
            with contextlib.suppress(ValueError):
                return date.fromisoformat(text)
        raise ValueError(f"expected a date such as 2012-01-01, got {raw!r}")
    if kind in ("years", "months", "days"):
        most = {"years": MAX_YEARS, "months": MAX_YEARS * 12, "days": MAX_DAYS}[kind]
        if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= most:
            raise ValueError(f"expected a whole number of {kind} from 0 to {most}, got {raw!r}")
        return int(raw)
    if kind == "money":
        try:
            money = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"expected an amount of yuan, got {raw!r}") from None
        if not money.is_finite() or not 0 <= money <= Decimal("1e13"):
            raise ValueError(f"expected an amount of yuan up to 10^13, got {raw!r}")
        return money
    if not _PARAM_NUMBER.match(text):
        raise ValueError(f"expected a {kind} such as 0.20 or 1/3, got {raw!r}")
    try:
        if kind == "rate":
            value: Decimal | Fraction = Decimal(text)
        else:
            value = Fraction(text)
    except (InvalidOperation, ValueError, ZeroDivisionError):
        raise ValueError(f"expected a {kind} such as 0.20 or 1/3, got {raw!r}") from None
    if not 0 <= value <= 1:
        raise ValueError(f"expected a {kind} between 0 and 1, got {raw!r}")
    return value


def parameter_problems(param: Parameter) -> list[str]:
    """What is wrong with a parameter's values (each, dated or not) and its bounds."""
    problems = []
    bounds: dict[str, Any] = {}  # of one type, so comparable
    for name, raw in (("min", param.minimum), ("max", param.maximum)):
        if raw is not None:
            try:
                bounds[name] = parse_value(param.type, raw)
            except ValueError as exc:
                problems.append(f"field '{name}': {exc}")
    if "min" in bounds and "max" in bounds and bounds["min"] > bounds["max"]:
        problems.append(f"field 'min': {param.minimum} is above its 'max' {param.maximum}")
    legal = "legal " if param.set_by == "law" else ""
    for day, raw, _ in param.history():
        where = "value" if day is None else f"values.{day}.value"
        try:
            value: Any = parse_value(param.type, raw)
        except ValueError as exc:
            problems.append(f"field '{where}': {exc}")
            continue
        if "max" in bounds and value > bounds["max"]:
            problems.append(f"field '{where}': {raw} exceeds its {legal}maximum {param.maximum}")
        if "min" in bounds and value < bounds["min"]:
            problems.append(f"field '{where}': {raw} is below its {legal}minimum {param.minimum}")
    return problems


_ZH_DIGITS = "零一二三四五六七八九"


def zh_number(n: int) -> str:
    """Chinese numerals as statutes write article numbers: 十四, 一百零五, 一千二百五十九."""
    if not 0 < n < 10000:
        raise ValueError(f"article number out of range: {n}")
    digits = [int(d) for d in f"{n:04d}"]
    units = ["千", "百", "十", ""]
    text, gap = "", False
    for digit, unit in zip(digits, units, strict=True):
        if digit == 0:
            gap = bool(text)
            continue
        if gap:
            text += "零"
            gap = False
        text += _ZH_DIGITS[digit] + unit
    return text[1:] if text.startswith("一十") else text


def cite_text(law: Law, cite: Citation, lang: str) -> str:
    """'Order 53 Art. 14(1)' / '《闲置土地处置办法》第十四条第（一）项'."""
    if lang == "zh":
        text = f"《{law.short.zh}》"
        if cite.article is not None:
            text += f"第{zh_number(cite.article)}条"
        if cite.paragraph is not None:
            text += f"第{zh_number(cite.paragraph)}款"
        if cite.item is not None:
            text += f"第（{zh_number(cite.item)}）项"
        return text + (f"§{cite.section}" if cite.section else "")
    text = law.short.en
    if cite.article is not None:
        text += f" Art. {cite.article}"
    if cite.paragraph is not None:
        text += f" ¶{cite.paragraph}"
    if cite.item is not None:
        text += f"({cite.item})"
    return text + (f" §{cite.section}" if cite.section else "")


# facts rules may test, values actions may carry, other kinds of fact it may be joined with
Schema = tuple[Mapping[str, FactField], Mapping[str, str], Mapping[str, tuple[str, ...]]]


def describe_validation(where: str, data: Any, exc: ValidationError) -> str:
    """pydantic's errors as lines naming the file, the rule (by id) and the field."""
    lines = []
    for error in exc.errors():
        loc = list(error["loc"])
        prefix, node = where, data
        for index, part in enumerate(loc[:-1]):
            if part == "rules" and isinstance(loc[index + 1], int):
                position = loc[index + 1]
                rule_id = "?"
                with contextlib.suppress(KeyError, IndexError, TypeError, AttributeError):
                    rule_id = node["rules"][position].get("id", "?")
                path = ".".join(str(p) for p in [*loc[:index], f"rules[{position}]"])
                prefix += f": rule {rule_id} ({path})"
                loc = loc[index + 2 :]
                break
            with contextlib.suppress(KeyError, IndexError, TypeError):
                node = node[part]
        field_path = ".".join(str(part) for part in loc) or "(file)"
        lines.append(f"{prefix}: field {field_path!r}: {error['msg']}")
    return "\n".join(lines)
