"""Cells that kinds compose their views from: a table's texts (a value, the first action's
date, the actions), and a workbook's values (dates, amounts and counts as themselves; the
actions in words, with their dates and who decides)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from .evaluate import Action, Decision
from .kinds import Cell, Texts, Value
from .rulebook import words as _t
from .subjects import Subject

WORDS = {
    "by": _t("by {day}", "{day}前"),
    "not_before": _t("not before {day}", "不早于{day}"),
    "decided": _t("{approver} approves, {issuer} issues", "{approver}批准，{issuer}下达"),
    "approves": _t("{approver} approves", "{approver}批准"),
    "issues": _t("{issuer} issues", "{issuer}下达"),
}


def joined(texts: Texts, items: list[str]) -> str:
    """Items as the language lists them: 调查核实、下达认定书 / investigate, publish."""
    return ("、" if texts.lang == "zh" else ", ").join(items)


def code_shown(texts: Texts, code: str) -> str:
    """An action as a table shows it: its code in English, its name in Chinese (the code
    itself never changes; JSON and CSV carry it)."""
    return texts.short_name(code) if texts.lang == "zh" else code


def money(value: Any) -> str:
    return f"{value:,.2f}" if isinstance(value, Decimal) else ""


C = TypeVar("C", bound=Callable[..., str])


def through(cell: C) -> C:
    """A table's cell that shows the decision's values and its subject's row fields where
    they stand: given a decision and a row holding markers in their place, it shows the
    markers. A table's rows are made from templates of such cells (engine/columnar/
    lines.py), which fill a value in as str() shows it, an amount as money(); a shape whose
    first row the template does not give as the cells do, and a view with a cell without
    the mark, is made row by row."""
    cell.through = True  # type: ignore[attr-defined]
    return cell


V = TypeVar("V", bound=Callable[..., Any])


def markable(value: V) -> V:
    """A workbook's value that takes the decision's values and its row's fields as they
    are: it shows them in its text where they stand (format() without a spec, joined),
    takes one whole, sums amounts, takes the least of one date, or asks whether a row field
    is there; nothing else (no comparing, no reading a text's characters, no looking a value
    up, no re or unicodedata). Given markers in their place, it gives markers: a workbook's
    rows are made from templates only where every column's value is markable or
    `through` (engine/columnar/book.py). The markers refuse what is done to them, but
    cannot see what is done to a text made from them (f"{value}".upper()) or a C function
    reading them (re.sub, `in` a text, str.upper(value)): that a value does none of these
    is what this declaration promises."""
    value.markable = True  # type: ignore[attr-defined]
    return value


def percent(value: Any) -> str:
    return f"{Decimal(value) * 100:.2f}%"


@through
def subject_id(texts: Texts, decision: Decision, subject: Subject) -> str:
    return decision.subject


@through
def status(texts: Texts, decision: Decision, subject: Subject) -> str:
    return texts.status_label(decision.status)


def row_field(name: str) -> Cell:
    """A field of the subject's input row, as written."""
    return through(lambda t, d, s: str(getattr(s.row, name, "")))


def value(name: str, show: Callable[[Any], str] = str) -> Cell:
    """One of the decision's values, shown by `show`."""

    def cell(texts: Texts, decision: Decision, subject: Subject) -> str:
        for key, found in decision.values:
            if key == name:
                return show(found)
        return ""

    return through(cell) if show is str else cell


def first(name: str) -> Cell:
    """An action value: the earliest due date, or the first action's value."""

    def cell(texts: Texts, decision: Decision, subject: Subject) -> str:
        found = [getattr(a, name) for a in decision.actions if getattr(a, name) is not None]
        if not found:
            return ""
        shown = min(found) if name == "due" else found[0]
        return money(shown) if isinstance(shown, Decimal) else str(shown)

    if name == "due":  # the earliest of several: a template compares no markers (lines.py)
        cell.earliest = name  # type: ignore[attr-defined]
        return cell
    return through(cell)


def codes(
    keep: Callable[[Texts, str], bool] = lambda t, code: True, prospect: bool = False
) -> Cell:
    """The codes of the decision's actions that `keep` keeps, in order: the steps due now,
    or with `prospect` those where the case is going (decisions.md L10)."""

    def cell(texts: Texts, decision: Decision, subject: Subject) -> str:
        kept = [a for a in decision.actions if a.prospect == prospect and keep(texts, a.code)]
        return joined(texts, [code_shown(texts, a.code) for a in kept])

    return through(cell)


@through
def findings(texts: Texts, decision: Decision, subject: Subject) -> str:
    """Findings about past events, each with the date of its event."""
    return joined(
        texts,
        [
            f"{code_shown(texts, a.code)} {a.date}"
            for a in decision.actions
            if texts.is_finding(a.code)
        ],
    )


# ---- Workbook values: what a cell holds, typed; the workbook writer formats it by its form.


@markable
def book_status(texts: Texts, decision: Decision, subject: Subject) -> str:
    return texts.status_label(decision.status)


def book_value(name: str) -> Value:
    """One of the decision's values, as it is (a date, an amount, a count)."""

    def cell(texts: Texts, decision: Decision, subject: Subject) -> Any:
        return next((found for key, found in decision.values if key == name), None)

    return markable(cell)


def row_value(name: str) -> Value:
    """A field of the subject's input row, as read."""
    return markable(lambda t, d, s: getattr(s.row, name, None))


def earliest(name: str, keep: Callable[[Action], bool] = lambda a: True) -> Value:
    """The earliest date `name` (due, date...) among the actions `keep` keeps."""

    def cell(texts: Texts, decision: Decision, subject: Subject) -> date | None:
        found = [getattr(a, name) for a in decision.actions if keep(a) and getattr(a, name)]
        return min(found, default=None)

    return markable(cell)


def amount_of(keep: Callable[[Action], bool] = lambda a: True) -> Value:
    """The amounts of the actions `keep` keeps, summed (None where there is none)."""

    def cell(texts: Texts, decision: Decision, subject: Subject) -> Decimal | None:
        found = [a.amount for a in decision.actions if keep(a) and a.amount is not None]
        return sum(found, Decimal("0.00")) if found else None

    return markable(cell)


def described(texts: Texts, action: Action, *, decided: bool = False) -> str:
    """An action in a few words, with its dates, and (`decided`) who approves and issues it:
    调查核实（2012-09-30前）; 征缴土地闲置费（本级人民政府批准，市、县国土资源主管部门下达）."""
    details = []
    if action.due is not None:
        details.append(WORDS["by"].in_(texts.lang).format(day=action.due))
    if action.not_before is not None:
        details.append(WORDS["not_before"].in_(texts.lang).format(day=action.not_before))
    if decided:
        approver, issuer = texts.decided_by(action.rule, action.position)
        names = {
            "approver": texts.authority(approver) if approver else "",
            "issuer": texts.authority(issuer) if issuer else "",
        }
        key = "decided" if approver and issuer else "approves" if approver else "issues"
        if approver or issuer:
            details.append(WORDS[key].in_(texts.lang).format(**names))
    name = texts.short_name(action.code)
    if not details:
        return name
    if texts.lang == "zh":
        return f"{name}（{'，'.join(details)}）"
    return f"{name} ({'; '.join(details)})"


def actions_described(
    keep: Callable[[Texts, Action], bool] = lambda t, a: True, *, decided: bool = False
) -> Value:
    """The actions `keep` keeps, each described, one a line."""

    def cell(texts: Texts, decision: Decision, subject: Subject) -> str:
        return "\n".join(
            described(texts, a, decided=decided) for a in decision.actions if keep(texts, a)
        )

    return markable(cell)


def recipients(texts: Texts, decision: Decision, subject: Subject) -> str:
    """Whom the actions go to, each once, in the order the actions name them."""
    found = dict.fromkeys(code for a in decision.actions for code in a.recipients)
    return joined(texts, [texts.recipient(code) for code in found])


@markable
def findings_dated(texts: Texts, decision: Decision, subject: Subject) -> str:
    """Findings about past events in words, each with the date of its event, one a line."""
    return "\n".join(
        f"{texts.short_name(a.code)} {a.date}" for a in decision.actions if texts.is_finding(a.code)
    )


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
