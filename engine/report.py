"""Rendering decisions: table, json, jsonl and csv, in English or Simplified Chinese.

Codes (statuses, action codes, rule ids) never change with the language; titles, labels
and citations do. Output is streamed to a temporary file and only moved into place when
the whole run succeeded, so a failed run never leaves a half-written file.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from engine.evaluate import Action, Decision
from engine.rulebook import RuleFamily, Text

FORMATS = ("table", "json", "jsonl", "csv")
CSV_COLUMNS = (
    "as_of",
    "subject",
    "status",
    "code",
    "rule",
    "basis",
    "title",
    "amount",
    "due",
    "idle_from",
    "days_left",
    "recipients",
    "options",
)

LABELS = {
    "heading": Text(en="Idle land as of {as_of}", zh="闲置土地处置，评估日期 {as_of}"),
    "rulebook": Text(
        en="rulebook {family} {version} (sha256 {sha})",
        zh="规则库 {family} {version}（sha256 {sha}）",
    ),
    "subject": Text(en="parcel", zh="地块"),
    "holder": Text(en="holder", zh="使用权人"),
    "status": Text(en="status", zh="状态"),
    "amount": Text(en="amount (yuan)", zh="金额（元）"),
    "idle_from": Text(en="idle from", zh="闲置起算日"),
    "due": Text(en="next due", zh="下一期限"),
    "actions": Text(en="actions", zh="措施"),
    "summary": Text(en="Summary", zh="汇总"),
    "parcels": Text(en="parcels", zh="地块数"),
    "fees": Text(
        en="idle fees to levy: {count}, total {total} yuan",
        zh="应征缴土地闲置费：{count} 宗，合计 {total} 元",
    ),
    "reclaims": Text(
        en="parcels to reclaim without compensation: {count}", zh="应无偿收回：{count} 宗"
    ),
    "negotiations": Text(en="parcels to negotiate: {count}", zh="应协商处置：{count} 宗"),
}


@dataclass
class Summary:
    parcels: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    by_action: Counter[str] = field(default_factory=Counter)
    fees_total: Decimal = Decimal("0.00")

    def add(self, decision: Decision) -> None:
        self.parcels += 1
        self.by_status[decision.status] += 1
        for action in decision.actions:
            self.by_action[action.code] += 1
            if action.code == "CHARGE_IDLE_FEE" and action.amount is not None:
                self.fees_total += action.amount

    def as_dict(self, family: RuleFamily) -> dict[str, Any]:
        return {
            "parcels": self.parcels,
            "by_status": {s: self.by_status[s] for s in family.doc.statuses if self.by_status[s]},
            "by_action": dict(sorted(self.by_action.items())),
            "idle_fees_total": str(self.fees_total),
        }


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


class Renderer:
    """Writes one run's decisions in one format and language."""

    def __init__(self, family: RuleFamily, as_of: date, fmt: str, lang: str, out: IO[str]) -> None:
        self.family, self.as_of, self.fmt, self.lang, self.out = family, as_of, fmt, lang, out
        self.summary = Summary()
        self.params = {k: str(v) for k, v in family.params.items()}
        self._first = True
        self._titles = {
            code: entry.title.in_(lang).format(**self.params)
            for code, entry in family.doc.action_codes.items()
        }
        self._basis = {
            (r.rule.id, i): family.basis(r.rule, lang, a.spec)
            for r in family.rules
            for i, a in enumerate(r.actions)
        }
        self._csv = csv.writer(out) if fmt == "csv" else None
        self._rows: list[tuple[str, ...]] = []

    def text(self, key: str, **values: Any) -> str:
        return LABELS[key].in_(self.lang).format(**values)

    def rulebook(self) -> dict[str, str]:
        return {
            "family": self.family.name,
            "version": self.family.doc.version,
            "sha256": self.family.sha256,
        }

    def start(self) -> None:
        if self.fmt == "json":
            head = {"as_of": self.as_of.isoformat(), "rulebook": self.rulebook()}
            self.out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "decisions": [')
        elif self._csv:
            self._csv.writerow(CSV_COLUMNS)
        elif self.fmt == "table":
            book = self.rulebook()
            self.out.write(self.text("heading", as_of=self.as_of) + "\n")
            self.out.write(
                self.text(
                    "rulebook",
                    family=book["family"],
                    version=book["version"],
                    sha=book["sha256"][:12],
                )
                + "\n\n"
            )

    def decision(self, decision: Decision, holder: str = "") -> None:
        self.summary.add(decision)
        if self.fmt in ("json", "jsonl"):
            record = self.as_dict(decision)
            if self.fmt == "jsonl":
                record = {"as_of": self.as_of.isoformat(), **record}
            else:
                self.out.write("" if self._first else ",")
                self.out.write("\n  ")
            self.out.write(json.dumps(record, ensure_ascii=False))
            if self.fmt == "jsonl":
                self.out.write("\n")
        elif self._csv:
            for row in self.csv_rows(decision):
                self._csv.writerow(row)
        else:
            self._rows.append(self.table_row(decision, holder))
        self._first = False

    def finish(self) -> None:
        summary = self.summary.as_dict(self.family)
        if self.fmt == "json":
            self.out.write("\n], " + json.dumps({"summary": summary}, ensure_ascii=False)[1:])
            self.out.write("\n")
        elif self.fmt == "table":
            self._table(summary)

    def status_label(self, status: str) -> str:
        return self.family.doc.statuses[status].in_(self.lang)

    def action_dict(self, action: Action) -> dict[str, Any]:
        doc = self.family.doc
        record: dict[str, Any] = {
            "code": action.code,
            "rule": action.rule,
            "basis": self._basis[action.rule, action.index],
            "title": self._titles[action.code],
        }
        if action.amount is not None:
            record["amount"] = str(action.amount)
        for name in ("due", "idle_from"):
            value = getattr(action, name)
            if value is not None:
                record[name] = value.isoformat()
        if action.days_left is not None:
            record["days_left"] = action.days_left
        if action.recipients:
            record["recipients"] = [
                {"code": c, "name": doc.recipients[c].in_(self.lang)} for c in action.recipients
            ]
        if action.options:
            record["options"] = [
                {"code": c, "title": doc.options[c].in_(self.lang).format(**self.params)}
                for c in action.options
            ]
        return record

    def as_dict(self, decision: Decision) -> dict[str, Any]:
        record: dict[str, Any] = {
            "subject": decision.subject,
            "status": decision.status,
            "actions": [self.action_dict(a) for a in decision.actions],
            "rules_fired": list(decision.fired),
        }
        if decision.suppressed:
            record["suppressed"] = [{"rule": s.rule, "by": s.by} for s in decision.suppressed]
        return record

    def csv_rows(self, decision: Decision) -> Iterator[tuple[str, ...]]:
        head = (self.as_of.isoformat(), decision.subject, decision.status)
        if not decision.actions:
            yield head + ("",) * (len(CSV_COLUMNS) - 3)
        for action in decision.actions:
            record = self.action_dict(action)
            yield (
                *head,
                action.code,
                action.rule,
                record["basis"],
                record["title"],
                record.get("amount", ""),
                record.get("due", ""),
                record.get("idle_from", ""),
                str(record.get("days_left", "")),
                ";".join(r["code"] for r in record.get("recipients", [])),
                ";".join(o["code"] for o in record.get("options", [])),
            )

    def table_row(self, decision: Decision, holder: str) -> tuple[str, ...]:
        amount = next((a.amount for a in decision.actions if a.amount is not None), None)
        idle_from = next((a.idle_from for a in decision.actions if a.idle_from), None)
        due = min((a.due for a in decision.actions if a.due), default=None)
        return (
            decision.subject,
            holder,
            self.status_label(decision.status),
            idle_from.isoformat() if idle_from else "",
            due.isoformat() if due else "",
            f"{amount:,.2f}" if amount is not None else "",
            ", ".join(a.code for a in decision.actions),
        )

    def _table(self, summary: dict[str, Any]) -> None:
        header = tuple(
            self.text(k)
            for k in ("subject", "holder", "status", "idle_from", "due", "amount", "actions")
        )
        rows = [header, *self._rows]
        widths = [max(_width(row[i]) for row in rows) for i in range(len(header) - 1)]
        for row in rows:
            cells = [
                _pad(cell, widths[i]) if i < len(widths) else cell for i, cell in enumerate(row)
            ]
            self.out.write("  ".join(cells).rstrip() + "\n")
        self.out.write("\n" + self.text("summary") + "\n")
        self.out.write(f"  {self.text('parcels')}: {summary['parcels']}\n")
        for status, count in summary["by_status"].items():
            self.out.write(f"  {self.status_label(status)}: {count}\n")
        actions = summary["by_action"]
        self.out.write(
            "  "
            + self.text(
                "fees",
                count=actions.get("CHARGE_IDLE_FEE", 0),
                total=f"{Decimal(summary['idle_fees_total']):,.2f}",
            )
            + "\n"
        )
        self.out.write("  " + self.text("reclaims", count=actions.get("RECLAIM_LAND", 0)) + "\n")
        self.out.write(
            "  " + self.text("negotiations", count=actions.get("NEGOTIATE_DISPOSAL", 0)) + "\n"
        )


@contextmanager
def atomic_output(path: Path | None) -> Iterator[IO[str]]:
    """A text stream that reaches `path` (or stdout) only if the block completes."""
    directory = path.parent if path else None
    with tempfile.NamedTemporaryFile(
        "w+",
        encoding="utf-8",
        newline="",
        dir=directory,
        prefix=".comply-",
        suffix=".part",
        delete=False,
    ) as tmp:
        try:
            yield tmp
            tmp.flush()
        except BaseException:
            tmp.close()
            os.unlink(tmp.name)
            raise
    if path is not None:
        os.replace(tmp.name, path)
        return
    try:
        with open(tmp.name, encoding="utf-8", newline="") as done:
            while chunk := done.read(1 << 16):
                sys.stdout.write(chunk)
        sys.stdout.flush()
    finally:
        os.unlink(tmp.name)
