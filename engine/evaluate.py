"""From subjects to decisions: let the engine fire rules on every snapshot, resolve the result.

Resolution follows the rule files, not code: a rule that fires as an ``exception_of``
another suppresses it (Catala-style default logic: Art. 8 causes suppress the Art. 14 fee
and reclaim), and the decision records which rule suppressed which. Exactly one status
rule may stand, on the snapshot of the evaluation date; none means the facts do not decide
the case, and that is said. Actions from every snapshot are kept, each once: a finding
about a past event is dated by that event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from . import durable_adapter
from .dates import after_days
from .errors import EngineError, NotCoveredError, RulebookError
from .rulebook import CompiledRule, RuleFamily
from .subjects import Kind, Snapshot, Subject

UNDETERMINED = "undetermined"
BATCH = 500  # facts per engine call: far below the session limit, large enough to amortise
FEN = Decimal("0.01")


class Action(NamedTuple):
    """An action a decision calls for (a tuple: made once per action of every decision)."""

    code: str
    rule: str
    position: int  # which action of the rule: its citations may be its own
    date: dt.date | None = None  # when it arose (a finding: the event it is about)
    amount: Decimal | None = None
    due: dt.date | None = None
    not_before: dt.date | None = None
    idle_from: dt.date | None = None
    days_left: int | None = None
    days_overdue: int | None = None
    recipients: tuple[str, ...] = ()
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """One criterion as judged: met, or not, with the value read and its threshold."""

    rule: str
    criterion: str
    met: bool
    value: Any = None
    threshold: Any = None
    value_of: str | None = None  # the fact the value is


@dataclass(frozen=True)
class Suppression:
    rule: str
    by: str


@dataclass(frozen=True)
class Decision:
    subject: str
    status: str
    actions: tuple[Action, ...]
    fired: tuple[str, ...]
    suppressed: tuple[Suppression, ...] = field(default=())
    values: tuple[tuple[str, Any], ...] = field(default=())
    criteria: tuple[Verdict, ...] = field(default=())


@dataclass(frozen=True)
class _Plan:
    """What a snapshot's hits decide: verdicts, rules fired and set aside, status, actions."""

    verdicts: tuple[tuple[int, bool], ...]
    fired: tuple[str, ...]  # in rule order
    suppressed: tuple[Suppression, ...]
    statuses: tuple[str, ...]
    makers: tuple[Callable[[Snapshot], Action], ...]  # the actions, in order


class Evaluator:
    """Evaluates subjects of one kind, under one or more rule families, as of one date."""

    def __init__(
        self, kind: Kind, families: Sequence[RuleFamily], as_of: date, cached: bool = True
    ) -> None:
        main = families[0]
        params: dict[str, Any] = {}
        for family in families:
            if family.doc.facts != kind.name:
                raise RulebookError(
                    f"{family.path}: field 'facts': {family.doc.facts!r}, expected {kind.name!r}"
                )
            clash = sorted(set(params) & set(family.params))
            if clash:
                raise RulebookError(f"{family.path}: parameters also defined elsewhere: {clash}")
            params.update(family.params)
        missing = [p for p in kind.required_params if p not in params]
        if missing:
            raise RulebookError(
                f"{main.path}: parameters the engine needs are missing: {', '.join(missing)}"
            )
        if UNDETERMINED not in main.doc.statuses:
            raise RulebookError(f"{main.path}: field 'statuses': must define {UNDETERMINED!r}")
        if not any(r.rule.status for r in main.in_force(as_of)):
            raise NotCoveredError(not_covered_message(main, as_of))
        self.kind, self.families, self.as_of = kind, tuple(families), as_of
        self.rules: tuple[CompiledRule, ...] = tuple(r for f in families for r in f.rules)
        ids = [r.rule.id for r in self.rules]
        if len(set(ids)) != len(ids):
            raise RulebookError(
                f"rule ids repeat across {', '.join(str(f.path) for f in families)}"
            )
        self.ruleset = durable_adapter.ruleset_for(families, self.rules)
        self.cached = cached
        self.params = params
        self._order = {r.rule.id: i for i, r in enumerate(self.rules)}
        self._plans: dict[tuple[tuple[durable_adapter.Hit, ...], bool], _Plan] = {}

    def decide(
        self, subjects: Iterable[Subject], context: Sequence[dict[str, Any]] = ()
    ) -> Iterator[tuple[Subject, Decision]]:
        """Decisions in input order; subjects are evaluated in batches of about BATCH facts.

        `context` holds facts of other kinds (made by durable_adapter.context_fact) that
        rules may join on; they stay asserted for the whole evaluation.
        """
        self.ruleset.assert_context(list(context))
        try:
            yield from self._decide(subjects)
        finally:
            self.ruleset.retract_context(list(context))

    def _decide(self, subjects: Iterable[Subject]) -> Iterator[tuple[Subject, Decision]]:
        batch: list[Subject] = []
        size = 0
        for subject in subjects:
            batch.append(subject)
            size += len(subject.snapshots)
            if size >= BATCH:
                yield from self._run(batch)
                batch, size = [], 0
        if batch:
            yield from self._run(batch)

    def _run(self, batch: list[Subject]) -> Iterator[tuple[Subject, Decision]]:
        to_fact = self.ruleset.to_fact
        facts = [to_fact(s.day, s.tests) for subject in batch for s in subject.snapshots]
        fired = self.ruleset.run(facts, self.cached)
        start = 0
        for subject in batch:
            end = start + len(subject.snapshots)
            yield subject, self._resolve(subject, fired[start:end])
            start = end

    def _resolve(self, subject: Subject, hits: list[tuple[durable_adapter.Hit, ...]]) -> Decision:
        if len(hits) == 1:  # one snapshot (a parcel): its plan decides it, values aside
            plan = self._plans.get((hits[0], True)) or self._plan(hits[0], True, subject.key)
            if not plan.verdicts and len(plan.statuses) <= 1:
                snapshot = subject.snapshots[0]
                return Decision(
                    subject.key,
                    plan.statuses[0] if plan.statuses else UNDETERMINED,
                    tuple([make(snapshot) for make in plan.makers]),
                    plan.fired,
                    plan.suppressed,
                    tuple(subject.values.items()),
                )
        last = len(subject.snapshots) - 1
        plans = [self._plan(h, i == last, subject.key) for i, h in enumerate(hits)]
        actions: dict[Action, None] = {}  # in order, each once
        verdicts: dict[Verdict, None] = {}
        statuses: list[str] = []
        for plan, snapshot in zip(plans, subject.snapshots, strict=True):
            for rule_index, met in plan.verdicts:
                verdicts[self._verdict(rule_index, met, snapshot)] = None
            statuses += plan.statuses
            for make in plan.makers:  # one snapshot's are distinct (rule, index) pairs
                actions[make(snapshot)] = None
        if len(statuses) > 1:
            raise EngineError(
                f"rules setting {', '.join(statuses)} all fired for {subject.key}; "
                "status rules must exclude each other"
            )
        if len(plans) == 1:
            fired, suppressed = plans[0].fired, plans[0].suppressed
        else:
            ids = {rule for plan in plans for rule in plan.fired}
            fired = tuple(r.rule.id for r in self.rules if r.rule.id in ids)
            suppressed = tuple(dict.fromkeys(s for plan in plans for s in plan.suppressed))
        return Decision(
            subject=subject.key,
            status=statuses[0] if statuses else UNDETERMINED,
            actions=tuple(actions),
            fired=fired,
            suppressed=suppressed,
            values=tuple(subject.values.items()),
            criteria=tuple(sorted(verdicts, key=lambda v: self._order[v.rule])),
        )

    def _plan(self, hits: tuple[durable_adapter.Hit, ...], last: bool, subject: str) -> _Plan:
        """What one snapshot's hits decide, before the snapshot's values are read: the same
        hits always decide the same, so the plan is computed once per combination."""
        key = (hits, last)
        plan = self._plans.get(key)
        if plan is not None:
            return plan
        standing, fired_actions, suppressed = self._standing(hits)
        verdicts = [(i, tag == "met") for i, tag in hits if tag in ("met", "unmet")]
        statuses: list[str] = []
        makers: list[Callable[[Snapshot], Action]] = []
        for rule_index in standing:
            compiled = self.rules[rule_index]
            if compiled.rule.status is not None:
                if not last:
                    raise EngineError(
                        f"status rule {compiled.rule.id} fired on a past event "
                        f"of {subject}; status rules must test the "
                        "evaluation date"
                    )
                statuses.append(compiled.rule.status)
            for action_index, action in enumerate(compiled.actions):
                if action.when is None or action_index in fired_actions[rule_index]:
                    makers.append(self._maker(compiled, action_index))
        ids = {self.rules[i].rule.id for i in fired_actions}
        plan = _Plan(
            verdicts=tuple(dict.fromkeys(verdicts)),
            fired=tuple(r.rule.id for r in self.rules if r.rule.id in ids),
            suppressed=tuple(suppressed),
            statuses=tuple(statuses),
            makers=tuple(makers),
        )
        if len(self._plans) > durable_adapter.CACHE_LIMIT:
            self._plans.clear()
        self._plans[key] = plan
        return plan

    def _verdict(self, rule_index: int, met: bool, snapshot: Snapshot) -> Verdict:
        rule = self.rules[rule_index].rule
        assert rule.criterion is not None
        spec = rule.criterion
        value = snapshot.value(spec.value) if spec.value else None
        threshold = self.params.get(spec.threshold) if spec.threshold else None
        return Verdict(rule.id, spec.name, met, value, threshold, spec.value)

    def _standing(
        self, hits: Sequence[durable_adapter.Hit]
    ) -> tuple[list[int], dict[int, set[int]], list[Suppression]]:
        """The rules that fired on one snapshot and stand after exceptions, by priority."""
        fired: dict[int, set[int]] = {}
        for rule_index, tag in hits:
            if tag is None:
                fired.setdefault(rule_index, set())
        for rule_index, tag in hits:
            if isinstance(tag, int) and rule_index in fired:
                fired[rule_index].add(tag)
        by_id = {self.rules[i].rule.id for i in fired}
        suppressed: dict[str, str] = {}
        for index in fired:
            for base in self.rules[index].rule.exception_of:
                if base in by_id and base not in suppressed:
                    suppressed[base] = self.rules[index].rule.id
        standing = sorted(
            (i for i in fired if self.rules[i].rule.id not in suppressed),
            key=lambda i: (self.rules[i].rule.priority, i),
        )
        return standing, fired, [Suppression(rule, by) for rule, by in suppressed.items()]

    def _maker(self, compiled: CompiledRule, index: int) -> Callable[[Snapshot], Action]:
        """A function making the rule's action `index` from a snapshot's values."""
        spec = compiled.actions[index].spec
        fixed: dict[str, Any] = {
            "code": spec.code,
            "rule": compiled.rule.id,
            "position": index,
            "recipients": tuple(spec.recipients),
            "options": tuple(spec.options),
        }
        amount = (spec.amount.of, self.params[spec.amount.rate]) if spec.amount else None
        due = (spec.due.after, timedelta(days=self.params[spec.due.days])) if spec.due else None
        nb = spec.not_before
        not_before = (nb.after, self.params[nb.days]) if nb else None
        plain = [
            (n, v)
            for n in ("date", "idle_from", "days_left", "days_overdue")
            if (v := getattr(spec, n))
        ]

        def make(snapshot: Snapshot) -> Action:
            values = {name: snapshot.value(source) for name, source in plain}
            if amount:
                base = Decimal(snapshot.value(amount[0]))
                values["amount"] = (base * amount[1]).quantize(FEN, rounding=ROUND_HALF_UP)
            if due:
                values["due"] = snapshot.value(due[0]) + due[1]
            if not_before:
                values["not_before"] = after_days(snapshot.value(not_before[0]), not_before[1])
            return Action(**fixed, **values)

        return make


def not_covered_message(family: RuleFamily, as_of: date) -> str:
    starts = sorted({r.rule.effective.start for r in family.rules if r.rule.status})
    laws = "; ".join(
        f"{law.short.en} ({law.title.zh}) in force from {law.effective.start}"
        for law in family.doc.laws.values()
        if law.effective.start > as_of
    )
    first = starts[0] if starts else as_of
    return (
        f"No rule of the {family.name} rulebook is in force on {as_of}"
        + (f": {laws}" if laws else "")
        + ". Rules in force before that date are not encoded, so nothing is decided; "
        f"evaluate as of {first} or later."
    )
