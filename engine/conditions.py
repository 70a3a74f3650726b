"""The condition language of rule files, parsed into a small engine-neutral tree.

A condition is written as a string an auditor can read:

    years_not_started >= reclaim_after_years    (a fact against a named parameter)
    started == false                             (a yes/no fact)
    cause in [government, force_majeure]         (a coded fact against its codes)
    idle_not_started                             (a named predicate of the same file)

or as ``{any: [...]}`` / ``{all: [...]}`` of such conditions. Numbers other than 0 must be
named parameters, so that every threshold carries its legal source.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal, TypeAlias

FactType = Literal["bool", "int", "enum", "ratio", "amount", "text"]
Op = Literal["==", "!=", "<", "<=", ">", ">="]
Value: TypeAlias = bool | int | str | Fraction


@dataclass(frozen=True)
class FactField:
    """A fact the rules may test, as the facts stage computes it."""

    name: str
    type: FactType
    en: str
    zh: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comparison:
    fact: str
    op: Op
    value: Value
    param: str | None = None  # the parameter the value came from, if any


@dataclass(frozen=True)
class AllOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]


Condition: TypeAlias = Comparison | AllOf | AnyOf

_COMPARISON = re.compile(r"^\s*([a-z_][a-z0-9_]*)\s*(==|!=|<=|>=|<|>)\s*(\S+)\s*$")
_MEMBERSHIP = re.compile(r"^\s*([a-z_][a-z0-9_]*)\s+in\s+\[([^\]]*)\]\s*$")
_NAME = re.compile(r"^\s*([a-z_][a-z0-9_]*)\s*$")
_NOT = re.compile(r"^\s*not\s+([a-z_][a-z0-9_]*)\s*$")
_FLIP: dict[Op, Op] = {"==": "!=", "!=": "==", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}
_INT = re.compile(r"^-?\d+$")


class ConditionError(ValueError):
    """A condition that cannot be understood; the message says what was expected."""


def closest(word: str, choices: Sequence[str]) -> str | None:
    """The choice nearest to a misspelt word, if any is near enough."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return close[0] if close else None


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    near = closest(word, choices)
    return f" (did you mean {near!r}?)" if near else ""


@dataclass(frozen=True)
class Scope:
    """What a condition may name: facts, parameters and predicates."""

    facts: Mapping[str, FactField]
    params: Mapping[str, Value]
    predicates: Mapping[str, Condition]
    param_kinds: Mapping[str, str] = field(default_factory=dict)


def parse_condition(raw: object, scope: Scope) -> Condition:
    if isinstance(raw, Mapping):
        if len(raw) != 1 or next(iter(raw)) not in ("any", "all"):
            raise ConditionError(f"expected {{any: [...]}} or {{all: [...]}}, got {dict(raw)!r}")
        key, items = next(iter(raw.items()))
        if not isinstance(items, list) or not items:
            raise ConditionError(f"{key}: expected a non-empty list of conditions")
        parsed = tuple(parse_condition(item, scope) for item in items)
        return AnyOf(parsed) if key == "any" else AllOf(parsed)
    if not isinstance(raw, str):
        raise ConditionError(f"expected a condition such as 'started == false', got {raw!r}")
    if match := _NOT.match(raw):
        name = match.group(1)
        if name in scope.predicates:
            return negate(scope.predicates[name])
        raise ConditionError(
            f"unknown predicate {name!r} after 'not'{did_you_mean(name, list(scope.predicates))}"
        )
    if match := _MEMBERSHIP.match(raw):
        fact = _fact(match.group(1), scope)
        codes = [code.strip() for code in match.group(2).split(",") if code.strip()]
        if fact.type != "enum" or not codes:
            raise ConditionError(f"'in [...]' needs a coded fact and a list of its codes: {raw!r}")
        return AnyOf(tuple(_compare(fact, "==", code, scope) for code in codes))
    if match := _COMPARISON.match(raw):
        fact = _fact(match.group(1), scope)
        return _compare(fact, match.group(2), match.group(3), scope)  # type: ignore[arg-type]
    if match := _NAME.match(raw):
        name = match.group(1)
        if name in scope.predicates:
            return scope.predicates[name]
        raise ConditionError(
            f"unknown predicate {name!r}{did_you_mean(name, list(scope.predicates))}"
        )
    raise ConditionError(
        f"cannot read condition {raw!r}: expected 'fact OP value' (OP one of == != < <= > >=), "
        "'fact in [code, ...]' or the name of a predicate"
    )


def _fact(name: str, scope: Scope) -> FactField:
    if name not in scope.facts:
        raise ConditionError(f"unknown fact {name!r}{did_you_mean(name, list(scope.facts))}")
    return scope.facts[name]


def _compare(fact: FactField, op: Op, text: str, scope: Scope) -> Comparison:
    if fact.type == "bool":
        if op not in ("==", "!=") or text not in ("true", "false"):
            raise ConditionError(f"{fact.name} is yes/no: compare it with == true or == false")
        return Comparison(fact.name, op, text == "true")
    if fact.type == "enum":
        if op not in ("==", "!="):
            raise ConditionError(f"{fact.name} is a code: use ==, != or 'in [...]'")
        if text not in fact.values:
            raise ConditionError(
                f"{text!r} is not a code of {fact.name} (codes: {', '.join(fact.values)})"
                f"{did_you_mean(text, fact.values)}"
            )
        return Comparison(fact.name, op, text)
    if _INT.match(text):
        if int(text) != 0 or fact.type != "int":
            raise ConditionError(
                f"{fact.name} {op} {text}: thresholds must be named parameters with a source "
                "(only 0 may be written as a number)"
            )
        return Comparison(fact.name, op, 0)
    if text not in scope.params:
        raise ConditionError(f"unknown parameter {text!r}{did_you_mean(text, list(scope.params))}")
    value = scope.params[text]
    if fact.type == "text":
        raise ConditionError(f"{fact.name} is text: it can only be matched by a join")
    if fact.type in ("ratio", "amount"):
        wanted = "ratio" if fact.type == "ratio" else "money"
        if scope.param_kinds.get(text, wanted) != wanted or op in ("==", "!="):
            raise ConditionError(
                f"{fact.name} is a {fact.type}: compare it with <, <=, > or >= a {wanted} parameter"
            )
    elif isinstance(value, bool) or not isinstance(value, int):
        raise ConditionError(f"{fact.name} counts whole units: {text!r} must be a whole number")
    return Comparison(fact.name, op, value, param=text)


def negate(condition: Condition) -> Condition:
    """The condition that holds exactly where `condition` does not (a fact a rule needs
    but the subject lacks makes both false: neither is decided without it)."""
    if isinstance(condition, Comparison):
        if isinstance(condition.value, bool) and condition.op in ("==", "!="):
            return Comparison(condition.fact, condition.op, not condition.value, condition.param)
        return Comparison(condition.fact, _FLIP[condition.op], condition.value, condition.param)
    if isinstance(condition, AllOf):
        return AnyOf(tuple(negate(item) for item in condition.items))
    return AllOf(tuple(negate(item) for item in condition.items))


def comparisons(condition: Condition) -> list[Comparison]:
    """Every comparison in a condition tree, in reading order."""
    if isinstance(condition, Comparison):
        return [condition]
    return [leaf for item in condition.items for leaf in comparisons(item)]
