"""Rule files (rules/*.yaml): their schema, loading, and every check made at load time.

A malformed file fails here, never later, with a message that names the file, the rule
and the field. The parsed family is what the engine compiles and what explanations read.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .conditions import (
    AllOf,
    Condition,
    ConditionError,
    FactField,
    Scope,
    Value,
    did_you_mean,
    parse_condition,
)
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


class Window(_Strict):
    """When a rule or law is in force: from a date, until a date (inclusive) or open."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    start: date = Field(alias="from")
    until: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.until is None or day <= self.until)


class Law(_Strict):
    title: Text
    short: Text
    issued_by: Text
    effective: Window
    source: str


class Citation(_Strict):
    law: str
    article: int | None = None
    paragraph: int | None = None
    item: int | None = None
    section: str | None = None  # for texts cited by section, such as the speech


class Parameter(_Strict):
    value: Any
    type: Literal["years", "days", "rate", "ratio", "money"]
    maximum: Any = Field(default=None, alias="max")
    set_by: Literal["law", "district"]
    source: str = Field(min_length=1)
    title: Text

    def parsed(self) -> int | Decimal | Fraction:
        return _parse_param(self.type, self.value)


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
    due: DueSpec | None = None  # the last day of a period of days from a date
    not_before: DueSpec | None = None  # the first day after such a period
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
    kind: Literal["step", "disposal", "notice", "sanction", "finding"]


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
    """The YAML document of one rule family, as written."""

    family: str
    version: str
    facts: str
    enabled: bool = True  # a district may switch a family off (e.g. national rules)
    title: Text
    laws: dict[str, Law]
    statuses: dict[str, Text]
    parameters: dict[str, Parameter]
    action_codes: dict[str, CodeEntry] = {}
    recipients: dict[str, Text] = {}
    authorities: dict[str, Text] = {}  # who approves or issues a decision (approved_by, ...)
    options: dict[str, Text] = {}
    predicates: dict[str, Predicate] = {}
    rules: list[Rule] = Field(min_length=1)


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


@dataclass(frozen=True)
class RuleFamily:
    """A loaded, checked rule family: the data the engine runs and explanations read."""

    path: Path
    doc: FamilyFile
    sha256: str
    params: Mapping[str, int | Decimal | Fraction]
    rules: tuple[CompiledRule, ...]
    fact_fields: Mapping[str, FactField] = field(repr=False)

    @property
    def name(self) -> str:
        return self.doc.family

    def in_force(self, day: date) -> tuple[CompiledRule, ...]:
        return tuple(r for r in self.rules if r.rule.effective.covers(day))

    def basis(self, rule: Rule, lang: str, action: ActionSpec | None = None) -> str:
        """The citations of a rule, or of one of its actions, as one line of text."""
        cites = action.cites if action is not None and action.cites else rule.cites
        separator = "；" if lang == "zh" else "; "
        return separator.join(cite_text(self.doc.laws[c.law], c, lang) for c in cites)


_PARAM_NUMBER = re.compile(r"^(\d{1,6}(\.\d{1,9})?|\d{1,9}/\d{1,9})$")


def _parse_param(kind: str, raw: Any) -> int | Decimal | Fraction:
    text = str(raw).strip()
    if kind in ("years", "days"):
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            raise ValueError(f"expected a whole number of {kind}, got {raw!r}")
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


def load_family(
    path: Path, schemas: Mapping[str, Schema], raw_bytes: bytes | None = None
) -> RuleFamily:
    """Read, validate and cross-check one rule file; raise RulebookError naming what is wrong.

    `schemas` maps a kind of facts (the file's `facts:`) to the facts rules may test and the
    values actions may carry. `raw_bytes` gives the file's content, read elsewhere (a
    worker on another machine is sent the rules a run uses).
    """
    if raw_bytes is None:
        raw_bytes = path.read_bytes()
    try:
        data = yaml.safe_load(raw_bytes)
    except yaml.YAMLError as exc:
        raise RulebookError(f"{path}: not valid YAML: {exc}") from None
    try:
        doc = FamilyFile.model_validate(data)
    except ValidationError as exc:
        raise RulebookError(_describe_validation(path, data, exc)) from None
    if doc.facts not in schemas:
        raise RulebookError(
            f"{path}: field 'facts': unknown kind of facts {doc.facts!r}"
            f"{did_you_mean(doc.facts, list(schemas))}"
        )
    problems: list[str] = []
    checker = _Checker(path, doc, *schemas[doc.facts], problems)
    family = checker.build(hashlib.sha256(raw_bytes).hexdigest())
    checker.check_placeholders()
    if problems:
        raise RulebookError("\n".join(problems))
    return family


def _describe_validation(path: Path, data: Any, exc: ValidationError) -> str:
    lines = []
    for error in exc.errors():
        loc = list(error["loc"])
        where = str(path)
        if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
            rule_id = "?"
            with contextlib.suppress(KeyError, IndexError, TypeError, AttributeError):
                rule_id = data["rules"][loc[1]].get("id", "?")
            where += f": rule {rule_id} (rules[{loc[1]}])"
            loc = loc[2:]
        field_path = ".".join(str(part) for part in loc) or "(file)"
        lines.append(f"{where}: field {field_path!r}: {error['msg']}")
    return "\n".join(lines)


class _Predicates(Mapping[str, Condition]):
    """Named predicates, parsed on first use so that they may refer to each other in any
    order; a predicate that refers back to itself is an error, not an endless loop."""

    def __init__(
        self,
        written: Mapping[str, Predicate],
        facts: Mapping[str, FactField],
        params: Mapping[str, Value],
        kinds: Mapping[str, str],
    ) -> None:
        self.written = written
        self.scope = Scope(facts, params, self, kinds)
        self._parsed: dict[str, Condition] = {}
        self._parsing: list[str] = []

    def __getitem__(self, name: str) -> Condition:
        if name not in self._parsed:
            if name in self._parsing:
                cycle = " -> ".join([*self._parsing[self._parsing.index(name) :], name])
                raise ConditionError(f"predicates refer to each other in a circle: {cycle}")
            self._parsing.append(name)
            try:
                items = tuple(parse_condition(i, self.scope) for i in self.written[name].when)
            except ConditionError as exc:
                if str(exc).startswith("predicates refer"):
                    raise
                raise ConditionError(f"predicate {name!r} is not valid: {exc}") from None
            finally:
                self._parsing.pop()
            self._parsed[name] = items[0] if len(items) == 1 else AllOf(items)
        return self._parsed[name]

    def __contains__(self, name: object) -> bool:
        return name in self.written

    def __iter__(self) -> Iterator[str]:
        return iter(self.written)

    def __len__(self) -> int:
        return len(self.written)


class _Checker:
    """Cross-references a family: every name used must be defined, every number sourced."""

    def __init__(
        self,
        path: Path,
        doc: FamilyFile,
        fact_fields: Mapping[str, FactField],
        value_fields: Mapping[str, str],
        context: Mapping[str, tuple[str, ...]],
        problems: list[str],
    ) -> None:
        self.path, self.doc, self.problems = path, doc, problems
        self.fact_fields, self.value_fields, self.context = fact_fields, value_fields, context
        self.params: dict[str, int | Decimal | Fraction] = {}

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{self.path}: {where}: {message}")

    def build(self, sha256: str) -> RuleFamily:
        doc = self.doc
        for name, param in doc.parameters.items():
            try:
                self.params[name] = param.parsed()
                if param.maximum is not None and self.params[name] > _parse_param(
                    param.type, param.maximum
                ):
                    self.fail(
                        f"parameter {name}",
                        f"value {param.value} exceeds its legal maximum {param.maximum}",
                    )
            except ValueError as exc:
                self.fail(f"parameter {name}", str(exc))
        kinds = {name: p.type for name, p in doc.parameters.items()}
        comparable: dict[str, Value] = {}
        for name, value in self.params.items():
            if isinstance(value, Decimal):
                if kinds[name] == "money":  # money thresholds compare exactly, as fractions
                    comparable[name] = Fraction(value)
            else:
                comparable[name] = value
        predicates = _Predicates(doc.predicates, self.fact_fields, comparable, kinds)
        for name, pred in doc.predicates.items():
            self.condition(f"predicate {name}", pred.when, predicates.scope)
        scope = predicates.scope
        ids = [r.id for r in doc.rules]
        compiled = []
        for rule in doc.rules:
            where = f"rule {rule.id}"
            if ids.count(rule.id) > 1:
                self.fail(where, "field 'id': the id is used by more than one rule")
            for cite in rule.cites:
                if cite.law in doc.laws:
                    self.renders(where, doc.laws[cite.law], cite)
                else:
                    self.fail(
                        where,
                        f"field 'cites.law': unknown law {cite.law!r}"
                        f"{did_you_mean(cite.law, list(doc.laws))}",
                    )
            primary = doc.laws.get(rule.cites[0].law)
            if primary is not None and rule.effective.start < primary.effective.start:
                self.fail(
                    where,
                    f"field 'effective': from {rule.effective.start}, before the "
                    f"law it cites first is in force ({primary.effective.start})",
                )
            if rule.effective.until and rule.effective.until < rule.effective.start:
                self.fail(where, "field 'effective': 'until' is before 'from'")
            if rule.status is not None and rule.status not in doc.statuses:
                self.fail(
                    where,
                    f"field 'status': unknown status {rule.status!r}"
                    f"{did_you_mean(rule.status, list(doc.statuses))}",
                )
            for other in rule.exception_of:
                if other not in ids or other == rule.id:
                    self.fail(
                        where,
                        f"field 'exception_of': no other rule has id {other!r}"
                        f"{did_you_mean(other, ids)}",
                    )
            if rule.status is None and not rule.actions and rule.criterion is None:
                self.fail(
                    where, "the rule sets no status, yields no action and judges no criterion"
                )
            when = self.condition(f"{where}: field 'when'", rule.when, scope)
            actions = []
            for index, spec in enumerate(rule.actions):
                actions.append(
                    CompiledAction(
                        spec,
                        self.condition(f"{where}: field 'actions[{index}].when'", spec.when, scope)
                        if spec.when
                        else None,
                    )
                )
                self.check_action(f"{where}: field 'actions[{index}]'", spec)
            test = self.criterion(where, rule, scope)
            for name in ("if_exists", "unless_exists", "test_unless_exists"):
                self.join(where, name, getattr(rule, name))
            if when is not None:
                compiled.append(CompiledRule(rule, when, tuple(actions), test))
        return RuleFamily(self.path, doc, sha256, self.params, tuple(compiled), self.fact_fields)

    def condition(self, where: str, items: list[Any], scope: Scope) -> Condition | None:
        try:
            parsed = tuple(parse_condition(item, scope) for item in items)
        except ConditionError as exc:
            self.problems.append(f"{self.path}: {where}: {exc}")
            return None
        return parsed[0] if len(parsed) == 1 else AllOf(parsed)

    def check_action(self, where: str, spec: ActionSpec) -> None:
        doc = self.doc
        for cite in spec.cites:
            if cite.law not in doc.laws:
                self.fail(
                    where,
                    f"cites.law: unknown law {cite.law!r}{did_you_mean(cite.law, list(doc.laws))}",
                )
        if spec.code not in doc.action_codes:
            self.fail(
                where,
                f"unknown action code {spec.code!r}"
                f"{did_you_mean(spec.code, list(doc.action_codes))}",
            )
        wanted: list[tuple[str, str | None, str]] = [
            ("date", spec.date, "date"),
            ("idle_from", spec.idle_from, "date"),
            ("days_left", spec.days_left, "int"),
            ("days_overdue", spec.days_overdue, "int"),
        ]
        if spec.amount:
            wanted.append(("amount.of", spec.amount.of, "money"))
            self.param(where, "amount.rate", spec.amount.rate, "rate")
        for name, period in (("due", spec.due), ("not_before", spec.not_before)):
            if period:
                wanted.append((f"{name}.after", period.after, "date"))
                self.param(where, f"{name}.days", period.days, "days")
        for name, value, kind in wanted:
            if value is not None and self.value_fields.get(value) != kind:
                known = [k for k, v in self.value_fields.items() if v == kind]
                self.fail(
                    where,
                    f"{name}: {value!r} is not a {kind} value of the facts"
                    f"{did_you_mean(value, known)}",
                )
        for code in spec.recipients:
            if code not in doc.recipients:
                self.fail(where, f"unknown recipient {code!r}")
        for code in spec.options:
            if code not in doc.options:
                self.fail(where, f"unknown option {code!r}")
        for name in ("approved_by", "issued_by"):
            code = getattr(spec, name)
            if code is not None and code not in doc.authorities:
                self.fail(
                    where,
                    f"{name}: unknown authority {code!r}"
                    f"{did_you_mean(code, list(doc.authorities))}",
                )

    def criterion(self, where: str, rule: Rule, scope: Scope) -> Condition | None:
        """A criterion rule has exactly one test, sets no status and yields no action."""
        if rule.criterion is None:
            if rule.test or rule.test_unless_exists:
                self.fail(where, "field 'test': only a rule with a 'criterion' has a test")
            return None
        if bool(rule.test) == bool(rule.test_unless_exists):
            self.fail(
                where, "field 'criterion': give exactly one of 'test' and 'test_unless_exists'"
            )
        if rule.status is not None or rule.actions:
            self.fail(where, "field 'criterion': a criterion rule sets no status and no action")
        spec = rule.criterion
        if spec.value is not None and spec.value not in self.value_fields:
            self.fail(
                where,
                f"field 'criterion.value': {spec.value!r} is not a value of the "
                f"facts{did_you_mean(spec.value, list(self.value_fields))}",
            )
        if spec.threshold is not None and spec.threshold not in self.doc.parameters:
            self.fail(where, f"field 'criterion.threshold': unknown parameter {spec.threshold!r}")
        if not rule.test:
            return None
        return self.condition(f"{where}: field 'test'", rule.test, scope)

    def join(self, where: str, name: str, exists: Exists | None) -> None:
        if exists is None:
            return
        fields = self.context.get(exists.fact)
        if fields is None:
            self.fail(
                where,
                f"field '{name}.fact': unknown kind of fact {exists.fact!r}"
                f"{did_you_mean(exists.fact, list(self.context))}",
            )
        elif exists.match not in fields or self.fact_fields.get(exists.match) is None:
            self.fail(
                where,
                f"field '{name}.match': {exists.match!r} is not a field of both "
                f"the subject and {exists.fact}",
            )

    def renders(self, where: str, law: Law, cite: Citation) -> None:
        """A citation must read in both languages, or the rule file is refused now."""
        try:
            for lang in ("en", "zh"):
                cite_text(law, cite, lang)
        except ValueError as exc:
            self.fail(where, f"field 'cites': {exc}")

    def check_placeholders(self) -> None:
        """Titles may name parameters as {name}; each must exist, in both languages."""
        doc = self.doc
        texts = [
            (f"action_codes.{code}.title", entry.title) for code, entry in doc.action_codes.items()
        ]
        texts += [(f"options.{code}", text) for code, text in doc.options.items()]
        for where, text in texts:
            for lang in ("en", "zh"):
                try:
                    fields = list(string.Formatter().parse(text.in_(lang)))
                except ValueError as exc:
                    self.fail(where, f"{lang}: {exc} (write a literal brace as {{{{ or }}}})")
                    continue
                for _, name, _, _ in fields:
                    if name is not None and name not in doc.parameters:
                        self.fail(
                            where,
                            f"{lang}: {{{name}}} is not a parameter"
                            f"{did_you_mean(name, list(doc.parameters))}",
                        )

    def param(self, where: str, name: str, value: str, kind: str) -> None:
        param = self.doc.parameters.get(value)
        if param is None or param.type != kind:
            self.fail(
                where,
                f"{name}: {value!r} is not a {kind} parameter"
                f"{did_you_mean(value, list(self.doc.parameters))}",
            )
