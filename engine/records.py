"""Decisions as records: codes, values and dates, never words (the ledger's schema).

A record holds what a decision decides and nothing of how it reads: status and action
codes, rule ids, the values each action carries (amounts, dates, day counts), criteria
with their values and verdicts. Titles, citations and labels are rendered when a record
is read, in the reader's language. Values keep their type: a decimal or a date is written
as a one-key object ({"decimal": "12.50"}, {"date": "2012-07-01"}), so that a record read
back is the decision that was written.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .evaluate import Action, Decision, Suppression, Verdict

# The ledger's schema. 1: decisions stored as rendered in the run's language (comply 0.1);
# 2: as codes, values and dates, one record of the chain an entry; 3: as in 2, a run's input
# rows and decisions kept in blocks (engine/ledger.py). A ledger of schema 2 is read as it
# is; new runs are recorded only into a ledger of this schema, which an earlier comply refuses
# (it would read a run's blocks as no entries at all).
SCHEMA = 3
READ = (2, 3)
_ACTION_VALUES = ("date", "amount", "due", "not_before", "idle_from", "days_left", "days_overdue")


def typed(value: Any) -> Any:
    """A value as JSON holds it, its type kept."""
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Fraction):
        return {"fraction": str(value)}
    raise TypeError(f"a decision value of type {type(value).__name__}: {value!r}")


def untyped(value: Any) -> Any:
    """The value `typed` wrote."""
    if isinstance(value, dict):
        [(kind, text)] = value.items()
        if kind == "decimal":
            return Decimal(text)
        if kind == "date":
            return date.fromisoformat(text)
        if kind == "fraction":
            return Fraction(text)
        raise ValueError(f"unknown value type {kind!r}")
    return value


def record(decision: Decision) -> dict[str, Any]:
    """The decision as the ledger keeps it."""
    actions = []
    for action in decision.actions:
        entry: dict[str, Any] = {
            "code": action.code,
            "rule": action.rule,
            "position": action.position,
        }
        for name in _ACTION_VALUES:
            value = getattr(action, name)
            if value is not None:
                entry[name] = typed(value)
        if action.recipients:
            entry["recipients"] = list(action.recipients)
        if action.options:
            entry["options"] = list(action.options)
        if action.prospect:
            entry["prospect"] = True
        actions.append(entry)
    done: dict[str, Any] = {
        "subject": decision.subject,
        "status": decision.status,
        "values": [[name, typed(value)] for name, value in decision.values],
        "actions": actions,
        "rules_fired": list(decision.fired),
    }
    if decision.criteria:
        done["criteria"] = [
            {
                "rule": v.rule,
                "criterion": v.criterion,
                "met": v.met,
                "value": typed(v.value),
                "threshold": typed(v.threshold),
                "value_of": v.value_of,
            }
            for v in decision.criteria
        ]
    if decision.suppressed:
        done["suppressed"] = [{"rule": s.rule, "by": s.by} for s in decision.suppressed]
    return done


def decision(stored: dict[str, Any]) -> Decision:
    """The decision a record holds (KeyError or ValueError if it is not a record)."""
    actions = []
    for entry in stored["actions"]:
        values = {name: untyped(entry[name]) for name in _ACTION_VALUES if name in entry}
        actions.append(
            Action(
                code=entry["code"],
                rule=entry["rule"],
                position=int(entry["position"]),
                recipients=tuple(entry.get("recipients", ())),
                options=tuple(entry.get("options", ())),
                prospect=bool(entry.get("prospect", False)),
                **values,
            )
        )
    return Decision(
        subject=stored["subject"],
        status=stored["status"],
        actions=tuple(actions),
        fired=tuple(stored["rules_fired"]),
        suppressed=tuple(Suppression(s["rule"], s["by"]) for s in stored.get("suppressed", [])),
        values=tuple((name, untyped(value)) for name, value in stored["values"]),
        criteria=tuple(
            Verdict(
                c["rule"],
                c["criterion"],
                c["met"],
                untyped(c["value"]),
                untyped(c["threshold"]),
                c["value_of"],
            )
            for c in stored.get("criteria", [])
        ),
    )
