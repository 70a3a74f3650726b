"""From parcels to decisions: derive facts, let the engine fire rules, resolve the result.

Resolution follows the rule file, not code: a rule that fires as an ``exception_of``
another suppresses it (Catala-style default logic: Art. 8 causes suppress the Art. 14 fee
and reclaim), and the decision records which rule suppressed which. Exactly one status
rule may stand; none means the facts do not decide the case, and that is said.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import islice
from typing import Any

from engine import durable_adapter, parcels
from engine.errors import EngineError, NotCoveredError, RulebookError
from engine.rulebook import CompiledRule, RuleFamily

UNDETERMINED = "undetermined"
BATCH = 500  # facts per engine call: far below the session limit, large enough to amortise
FEN = Decimal("0.01")


@dataclass(frozen=True)
class Action:
    code: str
    rule: str
    index: int  # which action of the rule: its citations may be its own
    amount: Decimal | None = None
    due: date | None = None
    idle_from: date | None = None
    days_left: int | None = None
    recipients: tuple[str, ...] = ()
    options: tuple[str, ...] = ()


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


class Evaluator:
    """Evaluates parcels of one family as of one date."""

    def __init__(self, family: RuleFamily, as_of: date) -> None:
        missing = [p for p in parcels.REQUIRED_PARAMS if p not in family.params]
        if missing:
            raise RulebookError(
                f"{family.path}: parameters the engine needs are missing: {', '.join(missing)}"
            )
        if UNDETERMINED not in family.doc.statuses:
            raise RulebookError(f"{family.path}: field 'statuses': must define {UNDETERMINED!r}")
        self.family, self.as_of = family, as_of
        rules = family.in_force(as_of)
        if not any(r.rule.status for r in rules):
            raise NotCoveredError(not_covered_message(family, as_of))
        self.rules = rules
        self.ruleset = durable_adapter.ruleset_for(family, rules)
        self.params: dict[str, Any] = dict(family.params)

    def decide(self, items: Iterable[parcels.Parcel]) -> Iterator[tuple[parcels.Parcel, Decision]]:
        """Decisions in input order, each with its parcel; parcels are read batch by batch."""
        iterator = iter(items)
        while batch := list(islice(iterator, BATCH)):
            facts = [parcels.derive(p, self.as_of, self.params) for p in batch]
            fired = self.ruleset.run(
                [self.ruleset.to_fact(f.parcel.parcel_id, f.tests) for f in facts]
            )
            for fact in facts:
                yield fact.parcel, self._resolve(fact, fired[fact.parcel.parcel_id])

    def _resolve(self, facts: parcels.ParcelFacts, hits: list[durable_adapter.Hit]) -> Decision:
        fired_rules: dict[int, set[int]] = {}
        for rule_index, action_index in hits:
            if action_index is None:
                fired_rules.setdefault(rule_index, set())
        for rule_index, action_index in hits:
            if action_index is not None and rule_index in fired_rules:
                fired_rules[rule_index].add(action_index)
        by_id = {self.rules[i].rule.id: i for i in fired_rules}
        suppressed: dict[str, str] = {}
        for index in fired_rules:
            for base in self.rules[index].rule.exception_of:
                if base in by_id and base not in suppressed:
                    suppressed[base] = self.rules[index].rule.id
        standing = sorted(
            (i for i in fired_rules if self.rules[i].rule.id not in suppressed),
            key=lambda i: (self.rules[i].rule.priority, i),
        )
        statuses = [s for i in standing if (s := self.rules[i].rule.status) is not None]
        if len(statuses) > 1:
            ids = [self.rules[i].rule.id for i in standing if self.rules[i].rule.status]
            raise EngineError(
                f"{self.family.path}: rules {', '.join(ids)} all set a status for "
                f"{facts.parcel.parcel_id}; status rules must exclude each other"
            )
        actions = []
        for index in standing:
            compiled = self.rules[index]
            for action_index, action in enumerate(compiled.actions):
                if action.when is None or action_index in fired_rules[index]:
                    actions.append(self._action(compiled, action_index, facts))
        return Decision(
            subject=facts.parcel.parcel_id,
            status=statuses[0] if statuses else UNDETERMINED,
            actions=tuple(actions),
            fired=tuple(self.rules[i].rule.id for i in sorted(fired_rules)),
            suppressed=tuple(Suppression(rule, by) for rule, by in suppressed.items()),
        )

    def _action(self, compiled: CompiledRule, index: int, facts: parcels.ParcelFacts) -> Action:
        spec = compiled.actions[index].spec
        values: dict[str, Any] = {}
        if spec.amount:
            base = Decimal(facts.value(spec.amount.of))
            values["amount"] = (base * self.params[spec.amount.rate]).quantize(
                FEN, rounding=ROUND_HALF_UP
            )
        if spec.due:
            after = facts.value(spec.due.after)
            values["due"] = after + timedelta(days=self.params[spec.due.days])
        if spec.idle_from:
            values["idle_from"] = facts.value(spec.idle_from)
        if spec.days_left:
            values["days_left"] = facts.value(spec.days_left)
        return Action(
            code=spec.code,
            rule=compiled.rule.id,
            index=index,
            recipients=tuple(spec.recipients),
            options=tuple(spec.options),
            **values,
        )


def not_covered_message(family: RuleFamily, as_of: date) -> str:
    starts = sorted({r.rule.effective.start for r in family.rules})
    laws = "; ".join(
        f"{law.short.en} ({law.title.zh}) in force from {law.effective.start}"
        for law in family.doc.laws.values()
        if law.effective.start > as_of
    )
    first = starts[0] if starts else as_of
    return (
        f"No rule of the {family.name} rulebook is in force on {as_of}: {laws}. "
        f"Rules in force before that date are not encoded, so nothing is decided; "
        f"evaluate as of {first} or later."
    )
