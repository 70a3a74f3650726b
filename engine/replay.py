"""Recorded runs read back: rendered when read, in the reader's language, or re-evaluated.

`show` renders a run's decision records with the rule files the run itself used (kept in
the ledger), in any output format and language. `replay` evaluates the run's recorded
inputs again with today's rulebook, through the same pipeline as any run, and lists each
decision that differs, with the rule changes that explain it.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from . import kinds, ledger, records
from .durable_adapter import ContextFact
from .errors import ComplyError
from .kinds import Kind
from .ledger import LedgerError
from .messages import Message, msg
from .packs import Rulebook, load_rulebook
from .pipeline import decide, prepare
from .rulebook import RuleFamily
from .subjects import Subject
from .writers import writer


def _kind(head: dict[str, Any]) -> Kind:
    options = head["options"]
    return kinds.by_name(options["kind"])


def _book(path: Path, run: int, head: dict[str, Any]) -> Rulebook:
    """The rulebook the run used, from the files the ledger keeps (checked by its hash)."""
    files = {
        body["name"]: ledger.source_bytes(body)
        for _, body in ledger.run_entries(path, run, "rulebook")
    }
    return load_rulebook(
        head["options"]["families"],
        date.fromisoformat(head["as_of"]),
        packs=[Path(p) for p in head.get("packs", [])],
        files=files,
        sha256=head["rulebook"]["sha256"],
    )


def show(path: Path, run: int, fmt: str = "table", lang: str = "en") -> str:
    """A recorded run's decisions, rendered now from their records (codes and values), with
    the figures about the whole run (a rate) made again from them."""
    head = ledger.header(path, run)
    kind = _kind(head)
    book = _book(path, run, head)
    recorded = head["options"]
    prepared = prepare(
        kind, book.as_of, recorded.get("options", {}), book=book, context=_context(head)
    )
    out = io.StringIO()
    rendered = writer(fmt, kind, book.families, book.as_of, lang, out, rulebook=book.identity())
    aggregate = kind.aggregate(prepared.params) if kind.aggregate is not None else None
    rendered.start()
    for key, stored in ledger.run_entries(path, run, "decision"):
        try:
            decision = records.decision(stored)
        except (KeyError, ValueError, TypeError):
            raise LedgerError(msg("ledger_decision_unreadable", run=run, key=key)) from None
        shown = Subject(decision.subject, None, (), dict(decision.values))  # type: ignore[arg-type]
        try:  # a status, code or value this comply does not know (an altered record)
            if aggregate is not None:
                aggregate.add(shown, decision)
            rendered.decision(decision, shown)
        except (KeyError, ValueError, TypeError):
            raise LedgerError(msg("ledger_decision_unreadable", run=run, key=key)) from None
    rendered.finish(aggregate.as_dict() if aggregate is not None else {})
    return out.getvalue()


def suspect(path: Path, run: int) -> list[Message]:
    """Warnings for a run's records that fail verification (altered, or the chain broken
    before them): what `show` prints is then not what was recorded."""
    found = ledger.verify(path)
    warnings: list[Message] = []
    broken = found.broken
    seqs = ledger.run_seqs(path, run, "decision")
    end = ledger.run_end(path, run)
    if broken is not None and end is not None and broken.seq <= end:
        warnings.append(msg("ledger_suspect_chain", seq=broken.seq, reason=broken.reason, run=run))
    for seq, key, span in seqs:
        if seq in found.bad and span is not None:
            warnings.append(msg("ledger_suspect_block", seq=seq, first=span[0], last=span[1]))
        elif seq in found.bad:
            warnings.append(msg("ledger_suspect_record", seq=seq, key=key))
    return warnings


def _context(head: dict[str, Any]) -> tuple[ContextFact, ...]:
    """The facts the run joined on, as it found them (the files need not be read again)."""
    stored = head["options"].get("context", [])
    return tuple(ContextFact(fact, key, fields) for fact, key, fields in stored)


def replay(
    path: Path, run: int, rules_dir: Path | None = None, packs: Sequence[Path] | None = None
) -> list[str]:
    """Re-evaluate a recorded run's inputs with the current rulebook (and `packs`, by
    default the run's own pack directories); list what differs, and why."""
    head = ledger.header(path, run)
    kind = _kind(head)
    stored = dict(ledger.run_entries(path, run, "decision"))
    for key, body in stored.items():
        if not isinstance(body, dict):
            raise LedgerError(msg("ledger_decision_unreadable", run=run, key=key))
    old_books = {
        Path(body["name"]).stem: yaml.safe_load(ledger.source_bytes(body))
        for _, body in ledger.run_entries(path, run, "rulebook")
        if body["name"].startswith("rules/")
    }
    recorded = head["options"]
    context = _context(head)
    options = dict(recorded.get("options", {}))
    events = _rows(path, run, "event")
    for option in kind.options:
        if option.role == "events" and options.get(option.dest) is not None:
            options[f"{option.dest}:rows"] = events  # the run's events, as it read them
    prepared = prepare(
        kind,
        date.fromisoformat(head["as_of"]),
        options,
        rules_dir=rules_dir,
        packs=tuple(packs if packs is not None else _pack_dirs(run, head)),
        context=context,
    )
    inputs = _rows(path, run, "input")
    reader = kind.reader(Path(f"run {run} inputs"), rows=inputs)
    now = {
        decision.subject: records.record(decision)
        for _, decisions in decide(prepared, reader)
        for decision in decisions
    }
    # A run recorded with --skip-invalid refused rows it kept: refused again, they have no
    # decision now as then (a row refused only now, or only then, is a decision that differs).
    if reader.problems and not recorded.get("skip_invalid"):
        raise ComplyError(msg("replay_inputs_invalid", run=run, problem=reader.problems[0]))
    changed = _rule_changes(old_books, list(prepared.families))
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


def _rows(path: Path, run: int, kind: str) -> list[tuple[int, Any]]:
    """A run's recorded input (or event) rows, each (row number, its cells by column)."""
    rows = []
    for key, raw in ledger.run_entries(path, run, kind):
        if not (key.isascii() and key.isdigit()) or not isinstance(raw, dict):
            raise LedgerError(msg("ledger_row_unreadable", run=run, key=key))
        rows.append((int(key), raw))
    return rows


def _pack_dirs(run: int, head: dict[str, Any]) -> list[Path]:
    """Where the run's packs were read from, as it named them (they must still be there)."""
    recorded = head["options"].get("pack_dirs", [])
    missing = [p for p in recorded if not Path(p).is_dir()]
    if missing:
        raise ComplyError(msg("replay_packs_missing", run=run, paths=", ".join(missing)))
    return [Path(p) for p in recorded]


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
