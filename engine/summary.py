"""A run's counts and totals: subjects by status, actions by code, amounts summed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .evaluate import Decision
from .messages import Message


@dataclass
class Summary:
    subjects: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    by_action: Counter[str] = field(default_factory=Counter)
    in_prospect: Counter[str] = field(default_factory=Counter)  # of by_action: prospects (L10)
    totals: dict[str, Decimal] = field(default_factory=dict)
    refused: int = 0  # rows refused and written to --rejects (with --skip-invalid)
    recorded_as: int | None = None  # the run's number in the ledger (with --record)
    notes: list[Message] = field(default_factory=list)  # what the user should know of the run

    def add(self, decision: Decision, totals: dict[str, Decimal]) -> None:
        self.subjects += 1
        self.by_status[decision.status] += 1
        for action in decision.actions:
            self.by_action[action.code] += 1
            if action.prospect:
                self.in_prospect[action.code] += 1
        for name, amount in totals.items():
            self.totals[name] = self.totals.get(name, Decimal("0.00")) + amount

    def merge(self, other: Summary) -> None:
        """Add another part's counts and totals to these."""
        self.subjects += other.subjects
        self.by_status.update(other.by_status)
        self.by_action.update(other.by_action)
        self.in_prospect.update(other.in_prospect)
        for name, amount in other.totals.items():
            self.totals[name] = self.totals.get(name, Decimal("0.00")) + amount

    def as_dict(self, noun: str, statuses: Sequence[str]) -> dict[str, Any]:
        return {
            noun: self.subjects,
            "by_status": {s: self.by_status[s] for s in statuses if self.by_status[s]},
            "by_action": dict(sorted(self.by_action.items())),
            **({"in_prospect": dict(sorted(self.in_prospect.items()))} if self.in_prospect else {}),
            **{name: str(total) for name, total in self.totals.items()},
        }
