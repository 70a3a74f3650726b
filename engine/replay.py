"""Recorded runs read back: rendered when read, in the reader's language, or re-evaluated.

`show` renders a run's decision records with the rule files the run itself used (kept in
the ledger), in any output format and language. `replay` evaluates the run's recorded
inputs again with today's rulebook, through the same pipeline as any run, and lists each
decision that differs, with the rule changes that explain it.
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from . import families, kinds, ledger, records
from .durable_adapter import ContextFact
from .errors import ComplyError
from .kinds import Kind
from .loader import RowReader
from .pipeline import decide, prepare
from .rulebook import RuleFamily, load_family
from .subjects import Subject
from .writers import writer


def _kind(head: dict[str, Any]) -> Kind:
    options = head["options"]
    return kinds.by_name(options["kind"])


def _families(path: Path, run: int, head: dict[str, Any]) -> list[RuleFamily]:
    """The rule families the run used, from the texts the ledger keeps."""
    texts = {body["family"]: body["text"] for _, body in ledger.run_entries(path, run, "rulebook")}
    loaded = []
    for name in head["options"]["families"]:
        text = texts[name].encode("utf-8")
        loaded.append(load_family(Path(f"{name}.yaml"), kinds.schemas(), text))
    return loaded


def show(path: Path, run: int, fmt: str = "table", lang: str = "en") -> str:
    """A recorded run's decisions, rendered now from their records (codes and values)."""
    head = ledger.header(path, run)
    kind = _kind(head)
    loaded = _families(path, run, head)
    out = io.StringIO()
    rendered = writer(fmt, kind, loaded, date.fromisoformat(head["as_of"]), lang, out)
    rendered.start()
    for _, stored in ledger.run_entries(path, run, "decision"):
        decision = records.decision(stored)
        shown = Subject(decision.subject, None, (), dict(decision.values))  # type: ignore[arg-type]
        rendered.decision(decision, shown)
    rendered.finish()
    return out.getvalue()


def replay(path: Path, run: int, rules_dir: Path | None = None) -> list[str]:
    """Re-evaluate a recorded run's inputs with the current rulebook; list what differs, why."""
    head = ledger.header(path, run)
    kind = _kind(head)
    stored = dict(ledger.run_entries(path, run, "decision"))
    old_books = {
        body["family"]: yaml.safe_load(body["text"])
        for _, body in ledger.run_entries(path, run, "rulebook")
    }
    recorded = head["options"]
    context = tuple(ContextFact(fact, key, fields) for fact, key, fields in recorded["context"])
    prepared = prepare(
        kind,
        date.fromisoformat(head["as_of"]),
        recorded.get("options", {}),
        rules_dir=rules_dir,
        context=context,
    )
    inputs = [(int(row), raw) for row, raw in ledger.run_entries(path, run, "input")]
    reader = RowReader(
        Path(f"run {run} inputs"),
        kind.model,
        kind.id_field if kind.unique_rows else None,
        rows=inputs,
    )
    now = {
        decision.subject: records.record(decision)
        for _, decisions in decide(prepared, reader)
        for decision in decisions
    }
    if reader.problems:
        raise ComplyError(
            f"run {run}: its recorded inputs are no longer valid: {reader.problems[0]}"
        )
    changed = _rule_changes(
        old_books, [families.load(f.name, rules_dir) for f in prepared.families]
    )
    lines = []
    for subject in sorted(set(stored) | set(now)):
        before, after = stored.get(subject), now.get(subject)
        if _essence(before) == _essence(after):
            continue
        fired = set((before or {}).get("rules_fired", [])) | set(
            (after or {}).get("rules_fired", [])
        )
        why = [reason for rule, reason in changed if rule in fired] or [
            reason for _, reason in changed
        ]
        lines.append(
            f"{subject}: {_difference(before, after)}"
            + (f"; because {'; '.join(why)}" if why else "")
        )
    return lines


def _essence(record: dict[str, Any] | None) -> Any:
    """What a decision decides: its record, without the rank a ranked list adds."""
    if record is None:
        return None
    return json.dumps(record, sort_keys=True)


def _difference(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    if before is None or after is None:
        return "new decision" if before is None else "no longer decided"
    parts = []
    if before["status"] != after["status"]:
        parts.append(f"status {before['status']} -> {after['status']}")
    old = [_action(a) for a in before["actions"]]
    new = [_action(a) for a in after["actions"]]
    gone = [a for a in old if a not in new]
    came = [a for a in new if a not in old]
    if gone:
        parts.append("was " + ", ".join(gone))
    if came:
        parts.append("now " + ", ".join(came))
    return "; ".join(parts) or "criteria or values differ"


def _action(action: dict[str, Any]) -> str:
    extra = [
        f"{k} {records.untyped(action[k])}"
        for k in ("amount", "due", "date", "days_overdue")
        if k in action
    ]
    return str(action["code"]) + (f" ({', '.join(extra)})" if extra else "")


def _rule_changes(old_books: dict[str, Any], current: list[RuleFamily]) -> list[tuple[str, str]]:
    """(rule id, reason) for each rule whose text, or a parameter it uses, has changed."""
    changes: list[tuple[str, str]] = []
    for family in current:
        old = old_books.get(family.name)
        if old is None:
            continue
        new = yaml.safe_load(family.path.read_text(encoding="utf-8"))
        old_rules = {r["id"]: r for r in old.get("rules", [])}
        for rule in new.get("rules", []):
            text = json.dumps(rule, sort_keys=True, default=str)
            if rule["id"] not in old_rules:
                changes.append((rule["id"], f"rule {rule['id']} is new"))
            elif json.dumps(old_rules[rule["id"]], sort_keys=True, default=str) != text:
                changes.append((rule["id"], f"rule {rule['id']} changed"))
            for name, param in new.get("parameters", {}).items():
                before = old.get("parameters", {}).get(name, {}).get("value")
                if before != param.get("value") and name in text:
                    changes.append(
                        (
                            rule["id"],
                            f"parameter {name} changed {before} -> "
                            f"{param.get('value')} (used by {rule['id']})",
                        )
                    )
        for rule_id in set(old_rules) - {r["id"] for r in new.get("rules", [])}:
            changes.append((rule_id, f"rule {rule_id} was removed"))
    return changes
