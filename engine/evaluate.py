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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from .dates import after_days
from .durable_adapter import ContextFact, Engine, Hit, engine_for
from .errors import EngineError, NotCoveredError, RulebookError
from .memo import Memo
from .messages import Message, msg
from .rulebook import CompiledRule, RuleFamily
from .subjects import Snapshot, Subject

if TYPE_CHECKING:
    from .kinds import Kind

UNDETERMINED = "undetermined"
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
    prospect: bool = False  # where the case is going, not a step due now (L10)


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

    verdicts: tuple[tuple[str, bool], ...]
    fired: tuple[str, ...]  # in rule order
    suppressed: tuple[Suppression, ...]
    statuses: tuple[str, ...]
    makers: tuple[Callable[[Snapshot], Action], ...]  # the actions, in order


@dataclass(frozen=True)
class _Shape:
    """What a subject's series of plans decides, whatever its snapshots hold: the status,
    the rules fired and set aside, and the snapshots whose plans read values."""

    plans: tuple[_Plan, ...]  # held, so that their ids (the key) are not reused
    status: str
    reads: tuple[tuple[int, _Plan], ...]
    fired: tuple[str, ...]
    suppressed: tuple[Suppression, ...]


SHAPES = 1 << 14  # series of plans remembered by an evaluator (emptied when full)


class Evaluator:
    """Evaluates subjects of one kind, under one or more rule families, as of one date."""

    def __init__(
        self,
        kind: Kind,
        families: Sequence[RuleFamily],
        as_of: date,
        memo: Memo | None = None,
        identity: str = "",
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
        key = identity or "+".join(f.values_key for f in families)
        name = "_".join(f.name for f in families)
        self.engine: Engine = engine_for(name, key, self.rules, kind.facts)
        self.memo = memo if memo is not None else Memo()
        self.params = params
        self._by_id = {r.rule.id: r for r in self.rules}
        self._order = {r.rule.id: i for i, r in enumerate(self.rules)}
        self._ids = tuple(self._order)  # the rule ids, in rule order
        self._shapes: dict[tuple[int, ...], _Shape] = {}  # by the ids of the plans

    def join(self, context: Sequence[ContextFact]) -> None:
        """Facts of other kinds the rules may join on, until `leave` (one set at a time)."""
        self.engine.join(context, self.memo)

    def leave(self, context: Sequence[ContextFact]) -> None:
        self.engine.leave(context, self.memo)

    def decide(self, subjects: Sequence[Subject]) -> list[Decision]:
        """The decision on each subject, in order."""
        snapshots = [(s.day, s.tests) for subject in subjects for s in subject.snapshots]
        fired = self.engine.fire(snapshots, self.memo)
        decisions = []
        start = 0
        for subject in subjects:
            end = start + len(subject.snapshots)
            decisions.append(self._resolve(subject, fired[start:end]))
            start = end
        return decisions

    def _resolve(self, subject: Subject, hits: list[tuple[Hit, ...]]) -> Decision:
        plans = self.memo.plans
        if len(hits) == 1:  # one snapshot (a parcel): its plan decides it, values aside
            plan = plans.get((hits[0], True)) or self._plan(hits[0], True, subject.key)
            assert isinstance(plan, _Plan)
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
        return self.resolved(
            subject, [self._plan(h, i == last, subject.key) for i, h in enumerate(hits)]
        )

    def plan(self, hits: tuple[Hit, ...], last: bool, subject: str) -> _Plan:
        """What one snapshot's hits decide (for a reader that resolves from plans)."""
        return self._plan(hits, last, subject)

    def resolved(self, subject: Subject, made: Sequence[_Plan]) -> Decision:
        """The decision on a subject from the plan of each of its snapshots, in order. A
        snapshot is read (subject.snapshots[i]) only where its plan reads values."""
        if len(made) != len(subject.snapshots):
            raise EngineError(
                f"{subject.key}: {len(made)} plans for {len(subject.snapshots)} snapshots"
            )
        key = tuple(map(id, made))  # the plans are alive while their shape holds them
        shape = self._shapes.get(key)
        if shape is None:
            shape = self._shape(subject, tuple(made))
            if len(self._shapes) >= SHAPES:
                self._shapes.clear()
            self._shapes[key] = shape
        actions: dict[Action, None] = {}  # in order, each once
        verdicts: dict[Verdict, None] = {}
        for i, plan in shape.reads:
            snapshot = subject.snapshots[i]
            for rule_id, met in plan.verdicts:
                verdicts[self._verdict(rule_id, met, snapshot)] = None
            for make in plan.makers:  # one snapshot's are distinct (rule, index) pairs
                actions[make(snapshot)] = None
        return Decision(
            subject=subject.key,
            status=shape.status,
            actions=tuple(actions),
            fired=shape.fired,
            suppressed=shape.suppressed,
            values=tuple(subject.values.items()),
            criteria=tuple(sorted(verdicts, key=lambda v: self._order[v.rule])),
        )

    def _shape(self, subject: Subject, made: tuple[_Plan, ...]) -> _Shape:
        """What a series of plans decides before any snapshot is read: the same series
        always decides the same (a change log's projects fall into a few hundred)."""
        statuses = [status for plan in made for status in plan.statuses]
        if len(statuses) > 1:
            raise EngineError(
                f"rules setting {', '.join(statuses)} all fired for {subject.key}; "
                "status rules must exclude each other"
            )
        distinct = list({id(plan): plan for plan in made}.values())  # in order: plans recur
        if len(distinct) == 1:
            fired, suppressed = distinct[0].fired, distinct[0].suppressed
        else:
            ids = {rule for plan in distinct for rule in plan.fired}
            fired = tuple(rule for rule in self._ids if rule in ids)
            suppressed = tuple(dict.fromkeys(s for plan in distinct for s in plan.suppressed))
        return _Shape(
            made,
            statuses[0] if statuses else UNDETERMINED,
            tuple((i, plan) for i, plan in enumerate(made) if plan.verdicts or plan.makers),
            fired,
            suppressed,
        )

    def _plan(self, hits: tuple[Hit, ...], last: bool, subject: str) -> _Plan:
        """What one snapshot's hits decide, before the snapshot's values are read: the same
        hits always decide the same, so the plan is made once per combination (memo.plans)."""
        key = (hits, last)
        plan = self.memo.plans.get(key)
        if isinstance(plan, _Plan):
            return plan
        standing, fired_actions, suppressed = self._standing(hits)
        verdicts = [(rule, tag == "met") for rule, tag in hits if tag in ("met", "unmet")]
        statuses: list[str] = []
        makers: list[Callable[[Snapshot], Action]] = []
        for rule_id in standing:
            compiled = self._by_id[rule_id]
            if compiled.rule.status is not None:
                if not last:
                    raise EngineError(
                        f"status rule {compiled.rule.id} fired on a past event "
                        f"of {subject}; status rules must test the "
                        "evaluation date"
                    )
                statuses.append(compiled.rule.status)
            for action_index, action in enumerate(compiled.actions):
                if action.when is None or action_index in fired_actions[rule_id]:
                    makers.append(self._maker(compiled, action_index))
        plan = _Plan(
            verdicts=tuple(dict.fromkeys(verdicts)),
            fired=tuple(r.rule.id for r in self.rules if r.rule.id in fired_actions),
            suppressed=tuple(suppressed),
            statuses=tuple(statuses),
            makers=tuple(makers),
        )
        self.memo.plans.put(key, plan)
        return plan

    def _verdict(self, rule_id: str, met: bool, snapshot: Snapshot) -> Verdict:
        rule = self._by_id[rule_id].rule
        assert rule.criterion is not None
        spec = rule.criterion
        value = snapshot.value(spec.value) if spec.value else None
        threshold = self.params.get(spec.threshold) if spec.threshold else None
        return Verdict(rule.id, spec.name, met, value, threshold, spec.value)

    def _standing(
        self, hits: Sequence[Hit]
    ) -> tuple[list[str], dict[str, set[int]], list[Suppression]]:
        """The rules that fired on one snapshot and stand after exceptions, by priority."""
        fired: dict[str, set[int]] = {}
        for rule_id, tag in hits:
            if tag is None:
                fired.setdefault(rule_id, set())
        for rule_id, tag in hits:
            if isinstance(tag, int) and rule_id in fired:
                fired[rule_id].add(tag)
        suppressed: dict[str, str] = {}
        for rule_id in fired:
            for base in self._by_id[rule_id].rule.exception_of:
                if base in fired and base not in suppressed:
                    suppressed[base] = rule_id
        standing = sorted(
            (r for r in fired if r not in suppressed),
            key=lambda r: (self._by_id[r].rule.priority, self._order[r]),
        )
        return standing, fired, [Suppression(rule, by) for rule, by in suppressed.items()]

    def _maker(self, compiled: CompiledRule, index: int) -> Make:
        """A function making the rule's action `index` from a snapshot's values."""
        spec = compiled.actions[index].spec
        fixed: dict[str, Any] = {
            "code": spec.code,
            "rule": compiled.rule.id,
            "position": index,
            "recipients": tuple(spec.recipients),
            "options": tuple(spec.options),
            "prospect": spec.prospect,
        }
        amount = (spec.amount.of, self.params[spec.amount.rate]) if spec.amount else None
        period, nb = spec.due, spec.not_before
        plain = [
            (n, v)
            for n in ("date", "idle_from", "days_left", "days_overdue")
            if (v := getattr(spec, n))
        ]
        due = not_before = None
        if isinstance(period, str):  # a date value the facts counted (L14) stands as it is
            plain.append(("due", period))
        elif period is not None:
            due = (period.after, timedelta(days=self.params[period.days]))
        if isinstance(nb, str):
            plain.append(("not_before", nb))
        elif nb is not None:
            not_before = (nb.after, self.params[nb.days])

        return Make(fixed, tuple(plain), amount, due, not_before)


def share_of(base: Any, rate: Any) -> Decimal:
    """An action's amount: `rate` of `base`, rounded half up to the fen."""
    amount: Decimal = (Decimal(base) * rate).quantize(FEN, rounding=ROUND_HALF_UP)
    return amount


class Make:
    """Makes a rule's action from a snapshot's values: the action's fixed fields, and where
    each of its values comes from (a reader of whole columns reads the same recipe)."""

    __slots__ = ("amount", "due", "fixed", "not_before", "plain")

    def __init__(
        self,
        fixed: dict[str, Any],
        plain: tuple[tuple[str, str], ...],
        amount: tuple[str, Any] | None,
        due: tuple[str, timedelta] | None,
        not_before: tuple[str, int] | None,
    ) -> None:
        self.fixed, self.plain, self.amount = fixed, plain, amount
        self.due, self.not_before = due, not_before

    def __call__(self, snapshot: Snapshot) -> Action:
        values = {name: snapshot.value(source) for name, source in self.plain}
        amount, due, not_before = self.amount, self.due, self.not_before
        base = snapshot.value(amount[0]) if amount else None
        if amount and base is not None:  # no base, no amount: never one invented
            values["amount"] = share_of(base, amount[1])
        if due:
            values["due"] = snapshot.value(due[0]) + due[1]
        if not_before:
            values["not_before"] = after_days(snapshot.value(not_before[0]), not_before[1])
        return Action(**self.fixed, **values)


def not_covered_message(family: RuleFamily, as_of: date) -> Message:
    """Why nothing is decided on `as_of`: the laws not yet in force, the first date that is."""
    starts = sorted({r.rule.effective.start for r in family.rules if r.rule.status})
    laws = [law for law in family.doc.laws.values() if law.effective.start > as_of]
    first = starts[0] if starts else as_of
    later = tuple(
        msg("not_covered_law", short=law.short.en, title=law.title.zh, start=law.effective.start)
        for law in laws
    )
    if later:
        return msg("not_covered_by", family=family.name, as_of=as_of, first=first, laws=later)
    return msg("not_covered", family=family.name, as_of=as_of, first=first)
