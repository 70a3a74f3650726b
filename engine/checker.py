"""Every check made when a family is compiled: each name a rule uses is defined, each number
is a sourced parameter, each citation reads in both languages; conditions are compiled.

A malformed family fails here, never later, with every problem listed, each naming the file,
the rule and the field (and, for what a rule pack added, the pack's file and the family).
"""

from __future__ import annotations

import contextlib
import string
from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

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
from .rulebook import (
    ActionSpec,
    Citation,
    CompiledAction,
    CompiledRule,
    Exists,
    FamilyFile,
    Law,
    ParamValue,
    Predicate,
    Rule,
    RuleFamily,
    Schema,
    cite_text,
    parameter_problems,
)


def compile_family(
    path: Path,
    doc: FamilyFile,
    laws: Mapping[str, Law],
    schemas: Mapping[str, Schema],
    sha256: str,
    *,
    as_of: date | None = None,
    written_in: Mapping[str, str] | None = None,
) -> RuleFamily:
    """Cross-check and compile one family, as it applies on `as_of`: parameters holding the
    values of that date, rule windows resolved (engine/packs.py makes `doc` so). Raise
    RulebookError listing every problem, each naming file, rule and field.

    `schemas` maps a kind of facts (the file's `facts:`) to the facts rules may test and the
    values actions may carry; `laws` are the laws rules may cite. `written_in` names the file
    that wrote an item a rule pack added ("rule ID", "predicate NAME", ...), for messages.
    """
    if doc.facts not in schemas:
        raise RulebookError(
            f"{path}: field 'facts': unknown kind of facts {doc.facts!r}"
            f"{did_you_mean(doc.facts, list(schemas))}"
        )
    problems: list[str] = []
    checker = _Checker(path, doc, laws, *schemas[doc.facts], problems, written_in or {})
    family = checker.build(sha256, as_of)
    checker.check_placeholders()
    checker.exception_cycles()
    if problems:
        raise RulebookError("\n".join(problems))
    return family


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
        laws: Mapping[str, Law],
        fact_fields: Mapping[str, FactField],
        value_fields: Mapping[str, str],
        context: Mapping[str, tuple[str, ...]],
        problems: list[str],
        written_in: Mapping[str, str],
    ) -> None:
        self.path, self.doc, self.laws, self.problems = path, doc, laws, problems
        self.fact_fields, self.value_fields, self.context = fact_fields, value_fields, context
        self.written_in = written_in
        self.params: dict[str, ParamValue] = {}

    def fail(self, where: str, message: str) -> None:
        """A problem, named by the file that wrote the item: a pack's file names the family."""
        pack_file = self.written_in.get(where.split(":", 1)[0])
        prefix = f"{pack_file}: family {self.doc.family}" if pack_file else str(self.path)
        self.problems.append(f"{prefix}: {where}: {message}")

    def build(self, sha256: str, as_of: date | None) -> RuleFamily:
        doc = self.doc
        for name, param in doc.parameters.items():
            for problem in parameter_problems(param):
                self.fail(f"parameter {name}", problem)
            with contextlib.suppress(ValueError):  # reported just above
                self.params[name] = param.parsed()
        kinds = {name: p.type for name, p in doc.parameters.items()}
        comparable: dict[str, Value] = {}
        for name, value in self.params.items():
            if isinstance(value, Decimal):
                if kinds[name] == "money":  # money thresholds compare exactly, as fractions
                    comparable[name] = Fraction(value)
            elif not isinstance(value, date):  # a date bounds a window, not a fact
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
                if cite.law in self.laws:
                    self.renders(where, self.laws[cite.law], cite)
                else:
                    self.fail(
                        where,
                        f"field 'cites.law': unknown law {cite.law!r}"
                        f"{did_you_mean(cite.law, list(self.laws))}",
                    )
            primary = self.laws.get(rule.cites[0].law)
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
        return RuleFamily(
            self.path, doc, sha256, self.params, tuple(compiled), self.fact_fields, as_of
        )

    def exception_cycles(self) -> None:
        """Exceptions may not go round in a circle (A sets aside B, B sets aside A): which
        would stand would then depend on firing order, not on the rule file."""
        graph = {rule.id: list(rule.exception_of) for rule in self.doc.rules}
        done: set[str] = set()
        for start in graph:
            path: list[str] = []
            self._walk(start, graph, path, done)

    def _walk(
        self, rule: str, graph: dict[str, list[str]], path: list[str], done: set[str]
    ) -> None:
        if rule in path:
            cycle = " -> ".join([*path[path.index(rule) :], rule])
            self.fail(f"rule {rule}", f"field 'exception_of': exceptions in a circle: {cycle}")
            return
        if rule in done or rule not in graph:
            return
        path.append(rule)
        for other in graph[rule]:
            self._walk(other, graph, path, done)
        path.pop()
        done.add(rule)

    def condition(self, where: str, items: list[Any], scope: Scope) -> Condition | None:
        try:
            parsed = tuple(parse_condition(item, scope) for item in items)
        except ConditionError as exc:
            self.fail(where, str(exc))
            return None
        return parsed[0] if len(parsed) == 1 else AllOf(parsed)

    def check_action(self, where: str, spec: ActionSpec) -> None:
        doc = self.doc
        for cite in spec.cites:
            if cite.law not in self.laws:
                self.fail(
                    where,
                    f"cites.law: unknown law {cite.law!r}{did_you_mean(cite.law, list(self.laws))}",
                )
            else:
                self.renders(where, self.laws[cite.law], cite)
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
            if isinstance(period, str):
                wanted.append((name, period, "date"))
            elif period:
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
                for _, name, spec, conversion in fields:
                    if name is not None and (spec or conversion):
                        self.fail(
                            where,
                            f"{lang}: a placeholder is a parameter's name alone, {{{name}}}, "
                            "without a format",
                        )
                    elif name is not None and name not in doc.parameters:
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
