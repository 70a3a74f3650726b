"""Table cells that kinds compose their views from: a value, the first action's date, codes."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .evaluate import Decision
from .kinds import Cell, Texts
from .subjects import Subject


def money(value: Any) -> str:
    return f"{value:,.2f}" if isinstance(value, Decimal) else ""


def percent(value: Any) -> str:
    return f"{Decimal(value) * 100:.2f}%"


def subject_id(texts: Texts, decision: Decision, subject: Subject) -> str:
    return decision.subject


def status(texts: Texts, decision: Decision, subject: Subject) -> str:
    return texts.status_label(decision.status)


def row_field(name: str) -> Cell:
    """A field of the subject's input row, as written."""
    return lambda t, d, s: str(getattr(s.row, name, ""))


def value(name: str, show: Callable[[Any], str] = str) -> Cell:
    """One of the decision's values, shown by `show`."""

    def cell(texts: Texts, decision: Decision, subject: Subject) -> str:
        for key, found in decision.values:
            if key == name:
                return show(found)
        return ""

    return cell


def first(name: str) -> Cell:
    """An action value: the earliest due date, or the first action's value."""

    def cell(texts: Texts, decision: Decision, subject: Subject) -> str:
        found = [getattr(a, name) for a in decision.actions if getattr(a, name) is not None]
        if not found:
            return ""
        shown = min(found) if name == "due" else found[0]
        return money(shown) if isinstance(shown, Decimal) else str(shown)

    return cell


def codes(
    keep: Callable[[Texts, str], bool] = lambda t, code: True, prospect: bool = False
) -> Cell:
    """The codes of the decision's actions that `keep` keeps, in order: the steps due now,
    or with `prospect` those where the case is going (decisions.md L10)."""
    return lambda t, d, s: ", ".join(
        a.code for a in d.actions if a.prospect == prospect and keep(t, a.code)
    )


def findings(texts: Texts, decision: Decision, subject: Subject) -> str:
    """Findings about past events, each with the date of its event."""
    return ", ".join(f"{a.code} {a.date}" for a in decision.actions if texts.is_finding(a.code))


def amounts(code: str, total: str) -> Callable[[Decision], dict[str, Decimal]]:
    """The run's total of the amounts of the actions with `code`, named `total`."""

    def totals(decision: Decision) -> dict[str, Decimal]:
        found = [a.amount for a in decision.actions if a.code == code and a.amount]
        return {total: sum(found, Decimal("0.00"))}

    return totals


def staged_amounts(
    code: str, prospect_total: str, now_total: str
) -> Callable[[Decision], dict[str, Decimal]]:
    """The amounts of the actions with `code`, totalled apart: those in prospect, named
    `prospect_total`, and those due now, named `now_total` (decisions.md L10)."""

    def totals(decision: Decision) -> dict[str, Decimal]:
        sums = {prospect_total: Decimal("0.00"), now_total: Decimal("0.00")}
        for a in decision.actions:
            if a.code == code and a.amount:
                sums[prospect_total if a.prospect else now_total] += a.amount
        return sums

    return totals
