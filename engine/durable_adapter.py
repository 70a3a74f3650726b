"""The one place that talks to durable_rules.

What goes in is neutral: rules as the rulebook compiled them, snapshots as a day and a
mapping of facts (booleans, whole numbers, codes, exact fractions), facts of other kinds
to join on. What comes out is neutral: for each snapshot, which rules fired (their ids,
and which conditional action or criterion verdict). The encoding of facts for the engine,
its limits, the ruleset's registration and the keys of the combination cache stay here.

Why it looks the way it does (each point was a real failure of durable_rules 2.0.28 on
this project's machines, measured in the peer benchmarks):
- rulesets are built as dicts from our rule data and deep-copied, because durable mutates
  the definition it is given;
- the Host starts no dispatcher threads (the stock one races the caller and loses actions);
  there is one Host per process and rule family, created before anything touches it;
- every parcel is asserted as a *fact*, so every matching rule fires (an event would be
  consumed by the first), in batches well under the ~65,000-fact session limit, and is
  retracted after its batch, so one session serves any number of parcels;
- a lowest-priority catch-all rule matches every fact, so no batch ever raises
  MessageNotHandledException (which would leave matched actions unrun);
- no rule tests a field named ``id`` (it hangs the engine): the subject travels as ``pid``;
- a rule's effective window is part of its condition, on the day of the snapshot, so a
  finding about a past event is made only under a rule in force on that day;
- the engine has no dates, decimals or fractions: days are integers, and a ratio is sent
  as floor and ceiling of ratio x scale, where the scale makes every threshold whole, so
  that ``r < t`` is exactly ``floor(r*s) < t*s`` and ``r <= t`` is ``ceil(r*s) <= t*s``.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
import os
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from fractions import Fraction
from typing import Any, NamedTuple

from durable import engine as durable_engine

from .conditions import AllOf, AnyOf, Comparison, Condition, FactField, comparisons, negate
from .errors import EngineError, RulebookError
from .fields import MAX_YUAN
from .memo import Memo
from .rulebook import CompiledRule, Exists

MAX_SCALE = 10**9  # ratio x scale must stay an exact integer in the engine (doubles: 2^53)
SUBJECT = "pid"
CTX, SUBJECT_CTX = "ctx", "subject"  # what kind of fact: the subject, or a context fact
_Pattern = tuple[Condition, dict[str, Any] | None]
DAY = "day"  # the snapshot's day number (date.toordinal), for effective windows
CATCH_ALL_PRIORITY = 1_000_000
_OPS = {"<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte", "!=": "$neq"}
_FROM_DURABLE = {durable: op for op, durable in _OPS.items()}
BATCH = 500  # facts per call into the engine: far below its session limit, large enough to amortise
# durable_rules fails (error 303, then 107) on a ruleset of about 50 rules: a family that
# compiles to more is registered as several rulesets of at most this many, each fact
# asserted into each, and their answers joined (every matching rule fires either way).
RULES_PER_RULESET = 40
# Ratio comparisons that are exact on the floor of ratio*scale; the others use the ceiling.
_FLOOR_OPS = ("<", ">=")


class _ThreadlessHost(durable_engine.Host):  # type: ignore[misc]
    """A durable Host without the background dispatcher threads of the stock one."""

    def _run(self) -> None:
        pass


_HOSTS: dict[tuple[int, str], _ThreadlessHost] = {}


def _host_for(rulebook: str) -> _ThreadlessHost:
    key = (os.getpid(), rulebook)
    if key not in _HOSTS:
        _HOSTS[key] = _ThreadlessHost()
    return _HOSTS[key]


# What fired on a snapshot, in firing order: (rule id, None for the rule itself, an action
# index for a conditional action, or "met" / "unmet" for a criterion).
Hit = tuple[str, int | str | None]
Tests = Mapping[str, bool | int | str | Fraction]


class ContextFact(NamedTuple):
    """A fact of another kind, given with an evaluation, that rules may join on."""

    fact: str  # its kind, as rules name it (`if_exists: {fact: idle_holder, ...}`)
    key: str  # unique among the facts of its kind
    fields: Mapping[str, Any]


class Engine:
    """Rules of one or more families, registered once as a durable ruleset."""

    def __init__(
        self, name: str, rules: Sequence[CompiledRule], facts: Mapping[str, FactField]
    ) -> None:
        self.rules = tuple(rules)
        ratio_params = [c.value for r in rules for c in _leaves(r) if isinstance(c.value, Fraction)]
        self.scale = math.lcm(1, *(v.denominator for v in ratio_params))
        amounts = {n for n, t in facts.items() if t.type == "amount"}
        compares_amounts = any(c.fact in amounts for r in rules for c in _leaves(r))
        # An amount (up to fields.MAX_YUAN) times the scale must stay an exact double.
        limit = 2**53 // int(MAX_YUAN) if compares_amounts else MAX_SCALE
        if self.scale > limit:
            raise RulebookError(
                f"ratio parameters {sorted(set(map(str, ratio_params)))} need a scale of "
                f"{self.scale}, beyond the engine's exact integers; use coarser ratios"
            )
        self._keys: list[Hit] = []
        self._hits: list[tuple[int, str]] = []
        self._leaves: dict[tuple[str, str, Any], int] = {}  # (field, op, value): position
        self._joins: dict[tuple[str, str], int] = {}  # (kind of fact, field): position
        self._context: dict[tuple[str, str], set[Any]] = {}
        self._bounds: dict[str, tuple[str, str]] = {}
        definition: dict[str, Any] = {}
        for compiled in self.rules:
            rule, window = compiled.rule, _window(compiled)
            if rule.criterion is not None:  # one durable rule where it is met, one where not
                met, unmet = _criterion(compiled)
                self._add(definition, (rule.id, "met"), rule.priority, met[0], window, met[1])
                self._add(definition, (rule.id, "unmet"), rule.priority, unmet[0], window, unmet[1])
                continue
            join = _join(rule.if_exists, rule.unless_exists)
            self._add(definition, (rule.id, None), rule.priority, compiled.when, window, join)
            for action_index, action in enumerate(compiled.actions):
                if action.when is not None:
                    both = AllOf((compiled.when, action.when))
                    key: Hit = (rule.id, action_index)
                    self._add(definition, key, rule.priority, both, window, join)
        self.signature = self._signature_function()
        digest = hashlib.sha256(
            json.dumps(definition, sort_keys=True, default=lambda _: "action").encode()
        ).hexdigest()[:16]
        self._host = _host_for(name)
        entries = list(definition.items())
        self.names: list[str] = []
        for start in range(0, max(len(entries), 1), RULES_PER_RULESET):
            part = dict(entries[start : start + RULES_PER_RULESET])
            part["catch_all"] = {
                "all": [{"m": {"$neq": {SUBJECT: None}}}],
                "pri": CATCH_ALL_PRIORITY,
                "run": _ignore,
            }
            ruleset = f"{name}_{digest}_{start // RULES_PER_RULESET}"
            try:
                self._host.get_ruleset(ruleset)
            except Exception:  # durable signals "not registered" with a bare Exception
                self._host.register_rulesets({ruleset: copy.deepcopy(part)})
            else:
                raise EngineError(f"ruleset {ruleset} registered twice in one process")
            self.names.append(ruleset)

    def _add(
        self,
        definition: dict[str, Any],
        key: Hit,
        priority: int,
        cond: Condition | None,
        window: list[dict[str, Any]],
        join: dict[str, Any] | None = None,
    ) -> None:
        subject = [{CTX: SUBJECT_CTX}, *([self._compile(cond)] if cond else []), *window]
        for test in window:
            [(op, [(name, value)])] = [(o, list(t.items())) for o, t in test.items()]
            self._leaves.setdefault((name, _FROM_DURABLE[op], value), len(self._leaves))
        patterns: list[dict[str, Any]] = [{"m": {"$and": subject}}]
        if join:
            patterns.append(join)
            [(_, pattern)] = join.items()
            kind, (match,) = pattern["$and"][0][CTX], pattern["$and"][1]
            self._joins.setdefault((kind, match), len(self._joins))
        definition[f"r{len(self._keys)}"] = {
            "all": patterns,
            "pri": priority,
            "run": self._recorder(len(self._keys)),
        }
        self._keys.append(key)

    def _recorder(self, key_index: int) -> Callable[[Any], None]:
        hits = self._hits

        def record(c: Any) -> None:
            hits.append((key_index, c.m[SUBJECT]))

        return record

    def _compile(self, cond: Condition) -> dict[str, Any]:
        if isinstance(cond, AllOf):
            return {"$and": [self._compile(item) for item in cond.items]}
        if isinstance(cond, AnyOf):
            return {"$or": [self._compile(item) for item in cond.items]}
        name, value = cond.fact, cond.value
        if isinstance(value, Fraction):
            name += "__lo" if cond.op in _FLOOR_OPS else "__hi"
            value = int(value * self.scale)
        self._leaves.setdefault((name, cond.op, value), len(self._leaves))
        if cond.op == "==":
            return {name: value}
        return {_OPS[cond.op]: {name: value}}

    def _fact(self, day: date, tests: Tests) -> dict[str, Any]:
        """A snapshot as the engine sees it: integers, strings and booleans; a ratio as the
        floor and ceiling of ratio x scale (exact integer arithmetic)."""
        fact: dict[str, Any] = {CTX: SUBJECT_CTX, DAY: day.toordinal()}
        for name, value in tests.items():
            if value.__class__ is Fraction:
                lo, hi = self._bounds.get(name) or self._bound_names(name)
                fact[lo], fact[hi] = self.bounds(value)
            else:
                fact[name] = value
        return fact

    def bounds(self, share: Fraction) -> tuple[int, int]:
        """A ratio as the engine sees it: the floor and ceiling of ratio x scale."""
        scaled, denominator = share.numerator * self.scale, share.denominator
        return scaled // denominator, -(-scaled // denominator)

    def _bound_names(self, name: str) -> tuple[str, str]:
        self._bounds[name] = (name + "__lo", name + "__hi")
        return self._bounds[name]

    def _signature_function(self) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
        """What the engine's answer for a fact can depend on: for each field a rule tests,
        whether the fact has it; for each comparison, its truth; for each join, whether a
        context fact matches. Facts with equal signatures fire the same rules, so the
        engine's answer for one is the answer for all (the combination cache; tests
        check it against the engine, fact by fact)."""
        names = self.terms()[0]
        lines = ["def signature(f):"]
        lines += [f"    v{i} = f.get(N[{i}], M)" for i in range(len(names))]
        slot = {name: i for i, name in enumerate(names)}
        terms = [f"v{i} is not M" for i in range(len(names))]
        for position, (name, op, _) in enumerate(self._leaves):
            v = f"v{slot[name]}"
            terms.append(f"({v} is not M and {v} {op} L[{position}])")
        terms += [f"f.get(J[{i}], M) in C[{i}]" for i in range(len(self._joins))]
        lines.append(f"    return ({', '.join(terms)},)")
        self._context = {key: set() for key in self._joins}
        namespace: dict[str, Any] = {
            "N": names,
            "M": _MISSING,
            "L": [value for _, _, value in self._leaves],
            "J": [match for _, match in self._joins],
            "C": list(self._context.values()),
        }
        source = "\n".join(lines)
        exec(compile(source, f"<signature of {len(self.rules)} rules>", "exec"), namespace)
        function: Callable[[dict[str, Any]], tuple[Any, ...]] = namespace["signature"]
        return function

    def terms(self) -> tuple[list[str], list[tuple[str, str, Any]], int]:
        """What `signature` reads, for a reader computing it over whole columns
        (engine/columnar): the fields, in the order of their presence terms; each comparison
        (field, operator, value), in order; and how many joins follow them. A fact's
        ratio is tested as its floor and ceiling times `scale` (`name__lo`, `name__hi`)."""
        names = sorted({name for name, _, _ in self._leaves})
        return names, list(self._leaves), len(self._joins)

    def fact(self, day: date, tests: Tests) -> dict[str, Any]:
        """A snapshot as the engine sees it (for `signature`)."""
        return self._fact(day, tests)

    def join(self, facts: Sequence[ContextFact], memo: Memo) -> None:
        """Facts of other kinds that stay asserted while subjects are evaluated."""
        if not facts:
            return  # nothing a join could find changes: the combinations stand
        encoded = [_context_fact(f) for f in facts]
        for ruleset in self.names:
            for start in range(0, len(encoded), BATCH):
                self._host.assert_facts(ruleset, encoded[start : start + BATCH])
        self._hits.clear()  # context facts fire nothing but the catch-all
        for (kind, match), values in self._context.items():
            values.update(f.fields[match] for f in facts if f.fact == kind and match in f.fields)
        memo.forget_combinations()

    def leave(self, facts: Sequence[ContextFact], memo: Memo) -> None:
        if not facts:
            return
        encoded = [_context_fact(f) for f in facts]
        for ruleset in self.names:
            for start in range(0, len(encoded), BATCH):
                self._host.retract_facts(ruleset, encoded[start : start + BATCH])
        for values in self._context.values():
            values.clear()
        memo.forget_combinations()

    def fire(self, snapshots: Sequence[tuple[date, Tests]], memo: Memo) -> list[tuple[Hit, ...]]:
        """What fired on each snapshot, in order: the engine's answer, from the memo's
        combinations where a snapshot on the same sides of every threshold was asked before
        (unless the memo does not use them)."""
        to_fact = self._fact
        facts = [to_fact(day, tests) for day, tests in snapshots]
        if not memo.use_combinations:
            return self._in_batches(facts)
        cache = memo.combinations
        signature_of = self.signature
        signatures = [signature_of(fact) for fact in facts]
        known = cache.entries
        fired = [known.get(signature) for signature in signatures]
        ask: dict[tuple[Any, ...], dict[str, Any]] = {}
        for signature, fact, hits in zip(signatures, facts, fired, strict=True):
            if hits is None and signature not in ask:
                ask[signature] = fact
        if not ask:
            return fired  # type: ignore[return-value]
        fresh = dict(zip(ask, self._in_batches(list(ask.values())), strict=True))
        for signature, hits in fresh.items():
            cache.put(signature, hits)
        return [
            fresh[signature] if hits is None else hits  # type: ignore[misc]
            for signature, hits in zip(signatures, fired, strict=True)
        ]

    def _in_batches(self, facts: list[dict[str, Any]]) -> list[tuple[Hit, ...]]:
        fired: list[tuple[Hit, ...]] = []
        for start in range(0, len(facts), BATCH):
            fired += self._engine(facts[start : start + BATCH])
        return fired

    def _engine(self, facts: list[dict[str, Any]]) -> list[tuple[Hit, ...]]:
        """Assert a batch of facts, collect what fired on each, retract them."""
        for position, fact in enumerate(facts):
            fact[SUBJECT] = str(position)  # unique in the batch; context facts are named
        self._hits.clear()
        for ruleset in self.names:
            try:
                state = self._host.assert_facts(ruleset, facts)
            except durable_engine.MessageObservedException:
                # Nothing was asserted: the batch is refused as a whole.
                raise EngineError(
                    "the rules engine saw the same facts twice in one batch (duplicate subject?)"
                ) from None
            try:
                # Nothing may stay asserted: a fact left behind would be "observed" again by
                # the next run in this process. Not thread-safe: one ruleset per process.
                self._host.retract_facts(ruleset, facts)
            except Exception as exc:
                raise EngineError(f"the rules engine could not retract a batch: {exc}") from None
            if isinstance(state, dict) and "exception" in state:
                raise EngineError(f"a rule action failed inside the engine: {state['exception']}")
        fired: list[list[Hit]] = [[] for _ in facts]
        for key_index, subject in self._hits:
            fired[int(subject)].append(self._keys[key_index])
        self._hits.clear()
        return [tuple(hits) for hits in fired]


def _join(if_exists: Exists | None, unless_exists: Exists | None) -> dict[str, Any] | None:
    """A second pattern: a context fact sharing the subject's value (or, with $not, none)."""
    exists = if_exists or unless_exists
    if exists is None:
        return None
    pattern = {"$and": [{CTX: exists.fact}, {exists.match: {"m": exists.match}}]}
    return {"j$not" if unless_exists else "j": pattern}


def _criterion(compiled: CompiledRule) -> tuple[_Pattern, _Pattern]:
    """Where a criterion is met and where it is not: its test, and the test negated."""
    rule = compiled.rule
    if compiled.test is not None:
        met = AllOf((compiled.when, compiled.test))
        unmet = AllOf((compiled.when, negate(compiled.test)))
        return (met, None), (unmet, None)
    exists = rule.test_unless_exists
    return (compiled.when, _join(None, exists)), (compiled.when, _join(exists, None))


def _context_fact(fact: ContextFact) -> dict[str, Any]:
    return {SUBJECT: f"{fact.fact}\x1f{fact.key}", CTX: fact.fact, **fact.fields}


def _window(compiled: CompiledRule) -> list[dict[str, Any]]:
    """The rule's effective window as conditions on the snapshot's day number."""
    effective = compiled.rule.effective
    window = [{"$gte": {DAY: effective.start.toordinal()}}]
    if effective.until is not None:
        window.append({"$lte": {DAY: effective.until.toordinal()}})
    return window


def _ignore(c: Any) -> None:
    """The catch-all rule's action: nothing to do, the fact was handled."""


def _leaves(compiled: CompiledRule) -> list[Comparison]:
    found = comparisons(compiled.when)
    for action in compiled.actions:
        if action.when is not None:
            found += comparisons(action.when)
    return found


_ENGINES: dict[tuple[int, str, str], Engine] = {}
_MISSING = object()  # a field the fact does not have


def engine_for(
    name: str, key: str, rules: Sequence[CompiledRule], facts: Mapping[str, FactField]
) -> Engine:
    """The engine of these rules, registered once per process; `key` identifies the
    rules' content (their files' hashes and the parameters they were compiled with)."""
    found = _ENGINES.get((os.getpid(), name, key))
    if found is None:
        found = _ENGINES[os.getpid(), name, key] = Engine(f"{name}_{_short(key)}", rules, facts)
    return found


def _short(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:12]
