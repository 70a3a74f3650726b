"""Rendering decisions: table, json, jsonl and csv, in English or Simplified Chinese.

Codes (statuses, action codes, rule ids) never change with the language; titles, labels
and citations do. Output is streamed to a temporary file and only moved into place when
the whole run succeeded, so a failed run never leaves a half-written file.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from json.encoder import encode_basestring as _encode_string
from pathlib import Path
from typing import IO, Any

import openpyxl

from .errors import OutputError
from .evaluate import Action, Decision
from .rulebook import RuleFamily, Text
from .subjects import Kind, Subject

FORMATS = ("table", "json", "jsonl", "csv", "xlsx")
# The values an action may carry besides its code, rule, basis and title, in output order.
ACTION_VALUES = ("date", "amount", "due", "not_before", "idle_from", "days_left", "days_overdue")
_VALUE_FIELDS = tuple((Action._fields.index(name), name) for name in ACTION_VALUES)
CSV_COLUMNS = (
    "as_of",
    "subject",
    "status",
    "code",
    "rule",
    "basis",
    "title",
    *ACTION_VALUES,
    "recipients",
    "options",
)


def _t(en: str, zh: str) -> Text:
    return Text(en=en, zh=zh)


LABELS = {
    "heading": _t("{title}, as of {as_of}", "{title}，评估日期 {as_of}"),
    "rulebook": _t("rulebook {books}", "规则库 {books}"),
    "summary": _t("Summary", "汇总"),
    "subjects": _t("{noun}", "{noun}数"),
}


def _json(value: Any) -> str:
    """One JSON value as json.dumps(value, ensure_ascii=False) writes it."""
    if value.__class__ is str:
        return _encode_string(value)
    if value is None or value.__class__ in (bool, int):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False)


def plain(value: Any) -> Any:
    """A decision value as JSON shows it: decimals and dates as strings."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def money(value: Any) -> str:
    return f"{value:,.2f}" if isinstance(value, Decimal) else ""


@dataclass
class Summary:
    subjects: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    by_action: Counter[str] = field(default_factory=Counter)
    totals: dict[str, Decimal] = field(default_factory=dict)
    refused: int = 0  # rows refused and written to --rejects (with --skip-invalid)
    recorded_as: int | None = None  # the run's number in the ledger (with --record)

    def add(self, decision: Decision, totals: dict[str, Decimal]) -> None:
        self.subjects += 1
        self.by_status[decision.status] += 1
        for action in decision.actions:
            self.by_action[action.code] += 1
        for name, amount in totals.items():
            self.totals[name] = self.totals.get(name, Decimal("0.00")) + amount

    def merge(self, other: Summary) -> None:
        """Add another part's counts and totals to these."""
        self.subjects += other.subjects
        self.by_status.update(other.by_status)
        self.by_action.update(other.by_action)
        for name, amount in other.totals.items():
            self.totals[name] = self.totals.get(name, Decimal("0.00")) + amount

    def as_dict(self, noun: str, statuses: Sequence[str]) -> dict[str, Any]:
        return {
            noun: self.subjects,
            "by_status": {s: self.by_status[s] for s in statuses if self.by_status[s]},
            "by_action": dict(sorted(self.by_action.items())),
            **{name: str(total) for name, total in self.totals.items()},
        }


Cell = Callable[["Renderer", Decision, Subject], str]


@dataclass(frozen=True)
class View:
    """How a kind of subject is shown: its noun, table columns and summary totals."""

    noun: Text
    columns: tuple[tuple[Text, Cell], ...]
    totals: Callable[[Decision], dict[str, Decimal]]
    lines: tuple[tuple[Text, Callable[[Summary], dict[str, Any]]], ...]
    details: bool = False  # list each criterion, with value, threshold and verdict, under its row


def _codes(keep: Callable[[Renderer, Action], bool]) -> Cell:
    return lambda r, d, s: ", ".join(a.code for a in d.actions if keep(r, a))


def _first(name: str) -> Cell:
    def cell(r: Renderer, d: Decision, s: Subject) -> str:
        found = [getattr(a, name) for a in d.actions if getattr(a, name) is not None]
        if not found:
            return ""
        value = min(found) if name == "due" else found[0]
        return money(value) if isinstance(value, Decimal) else str(value)

    return cell


def _value(name: str, show: Callable[[Any], str] = str) -> Cell:
    return lambda r, d, s: show(dict(d.values)[name]) if name in dict(d.values) else ""


def _percent(value: Any) -> str:
    return f"{Decimal(value) * 100:.2f}%"


def _unmet(r: Renderer, d: Decision, s: Subject) -> str:
    return ", ".join(v.criterion for v in d.criteria if not v.met)


def _overdue(r: Renderer, d: Decision, s: Subject) -> str:
    return ", ".join(f"{a.code} ({a.days_overdue} d)" for a in d.actions if a.days_overdue)


def _fees(decision: Decision) -> dict[str, Decimal]:
    fees = [a.amount for a in decision.actions if a.code == "CHARGE_IDLE_FEE" and a.amount]
    return {"idle_fees_total": sum(fees, Decimal("0.00"))}


def _overrun(decision: Decision) -> dict[str, Decimal]:
    if decision.status == "out_of_scope":
        return {}
    overrun = dict(decision.values).get("overrun")
    return {"unapproved_overrun_total": overrun if isinstance(overrun, Decimal) else Decimal(0)}


def _findings(r: Renderer, d: Decision, s: Subject) -> str:
    return ", ".join(f"{a.code} {a.date}" for a in d.actions if r.is_finding(a))


VIEWS: dict[str, View] = {
    "parcel": View(
        noun=_t("parcels", "地块"),
        columns=(
            (_t("parcel", "地块"), lambda r, d, s: d.subject),
            (_t("holder", "使用权人"), lambda r, d, s: str(getattr(s.row, "holder", ""))),
            (_t("status", "状态"), lambda r, d, s: r.status_label(d.status)),
            (_t("idle from", "闲置起算日"), _value("idle_from")),
            (_t("next due", "下一期限"), _first("due")),
            (_t("amount (yuan)", "金额（元）"), _first("amount")),
            (_t("actions", "措施"), _codes(lambda r, a: True)),
        ),
        totals=_fees,
        lines=(
            (
                _t(
                    "idle fees to levy: {count}, total {total} yuan",
                    "应征缴土地闲置费：{count} 宗，合计 {total} 元",
                ),
                lambda s: {
                    "count": s.by_action["CHARGE_IDLE_FEE"],
                    "total": money(s.totals.get("idle_fees_total", Decimal("0.00"))),
                },
            ),
            (
                _t("parcels to reclaim without compensation: {count}", "应无偿收回：{count} 宗"),
                lambda s: {"count": s.by_action["RECLAIM_LAND"]},
            ),
            (
                _t("parcels to negotiate: {count}", "应协商处置：{count} 宗"),
                lambda s: {"count": s.by_action["NEGOTIATE_DISPOSAL"]},
            ),
        ),
    ),
    "project_event": View(
        noun=_t("projects", "项目"),
        columns=(
            (_t("project", "项目"), lambda r, d, s: d.subject),
            (_t("name", "名称"), _value("name")),
            (_t("budget", "预算"), _value("budget", money)),
            (_t("approved +", "批准追加"), _value("approved_increases", money)),
            (_t("estimate", "估算"), _value("estimate", money)),
            (_t("overrun", "超支"), _value("overrun", money)),
            (_t("ratio", "超支比例"), _value("overrun_ratio", _percent)),
            (_t("status", "状态"), lambda r, d, s: r.status_label(d.status)),
            (_t("actions in force", "当前措施"), _codes(lambda r, a: not r.is_finding(a))),
            (_t("findings", "发现问题"), _findings),
        ),
        totals=_overrun,
        lines=(
            (
                _t("unapproved overruns: {total} yuan", "未经批准的超支合计：{total} 元"),
                lambda s: {"total": money(s.totals.get("unapproved_overrun_total", Decimal(0)))},
            ),
            (
                _t(
                    "referrals to supervision: {refer}; late reports: {late}; construction "
                    "without approval: {breach}",
                    "移交监察：{refer}；报告迟延：{late}；未经批准施工：{breach}",
                ),
                lambda s: {
                    "refer": s.by_action["REFER_TO_SUPERVISION"],
                    "late": s.by_action["LATE_REPORT"],
                    "breach": s.by_action["CONSTRUCTION_WITHOUT_APPROVAL"],
                },
            ),
        ),
    ),
    "intake_candidate": View(
        noun=_t("projects", "项目"),
        columns=(
            (_t("rank", "排序"), _value("rank")),
            (_t("project", "项目"), lambda r, d, s: d.subject),
            (_t("name", "名称"), _value("name")),
            (_t("category", "类别"), _value("category")),
            (_t("investment", "总投资"), _value("total_investment", money)),
            (_t("outcome", "结论"), lambda r, d, s: r.status_label(d.status)),
            (_t("criteria not met", "未达标条件"), _unmet),
        ),
        totals=lambda d: {},
        lines=(),
        details=True,
    ),
    "listed_project": View(
        noun=_t("projects", "项目"),
        columns=(
            (_t("project", "项目"), lambda r, d, s: d.subject),
            (_t("name", "名称"), _value("name")),
            (_t("investment", "投资"), _value("investment", money)),
            (_t("planned start", "计划开工"), _value("planned_start")),
            (_t("status", "状态"), lambda r, d, s: r.status_label(d.status)),
            (_t("actions", "措施"), _overdue),
        ),
        totals=lambda d: {},
        lines=(
            (
                _t(
                    "started or completed: {started_or_completed} of {total}, rate {rate}; "
                    "target {target} needs {needed_total} ({target_exact}, rounded up): "
                    "{needed_more} more",
                    "已开竣工：{started_or_completed}/{total}，开竣工率 {rate}；目标 {target} 需 "
                    "{needed_total} 个（{target_exact}，向上取整），还需 {needed_more} 个",
                ),
                lambda s: {},
            ),
        ),
    ),
}


class Renderer:
    """Writes one run's decisions in one format and language."""

    def __init__(
        self,
        kind: Kind,
        families: Sequence[RuleFamily],
        as_of: date,
        fmt: str,
        lang: str,
        out: IO[str],
    ) -> None:
        self.view = VIEWS[kind.name]
        self.families, self.as_of, self.fmt, self.lang, self.out = families, as_of, fmt, lang, out
        self.summary = Summary()
        self.params = {k: str(v) for f in families for k, v in f.params.items()}
        self._first = True
        main = families[0].doc
        self._statuses = main.statuses
        self._titles, self._kinds = {}, {}
        self._recipients: dict[str, Text] = {}
        self._options: dict[str, Text] = {}
        self._basis: dict[tuple[str, int], str] = {}
        self._rule_basis: dict[str, str] = {}
        self._criterion_titles: dict[str, str] = {}
        self._fixed: dict[tuple[str, int], tuple[dict[str, Any], dict[str, Any]]] = {}
        self._fixed_json: dict[tuple[str, int], tuple[str, str]] = {}
        self._tails: dict[tuple[Any, ...], str] = {}
        self._as_of_head = '{"as_of": "' + as_of.isoformat() + '", '
        for family in families:
            for code, entry in family.doc.action_codes.items():
                self._titles[code] = entry.title.in_(lang).format(**self.params)
                self._kinds[code] = entry.kind
            self._recipients.update(family.doc.recipients)
            self._options.update(family.doc.options)
            for r in family.rules:
                self._rule_basis[r.rule.id] = family.basis(r.rule, lang)
                if r.rule.criterion is not None:
                    self._criterion_titles[r.rule.id] = r.rule.criterion.title.in_(lang)
                for i, a in enumerate(r.actions):
                    self._basis[r.rule.id, i] = family.basis(r.rule, lang, a.spec)
        self._csv: Any = csv.writer(out) if fmt == "csv" else None
        if fmt == "xlsx":  # the csv rows, as a sheet; saved over the output file at the end
            self._csv = _Sheet(self.view.noun.in_(lang))
        self._rows: list[tuple[str, ...]] = []
        self._details: list[list[str]] = []

    def text(self, key: str, **values: Any) -> str:
        return LABELS[key].in_(self.lang).format(**values)

    def rulebook(self) -> dict[str, Any]:
        """The rulebook's version and content hash (of all its families' files)."""
        shas = [f.sha256 for f in self.families]
        combined = hashlib.sha256("+".join(shas).encode()).hexdigest()
        return {
            "version": "+".join(f"{f.name} {f.doc.version}" for f in self.families),
            "sha256": shas[0] if len(shas) == 1 else combined,
            "families": [
                {"family": f.name, "version": f.doc.version, "sha256": f.sha256}
                for f in self.families
            ],
        }

    def is_finding(self, action: Action) -> bool:
        return self._kinds[action.code] == "finding"

    def start(self) -> None:
        if self.fmt == "json":
            head = {"as_of": self.as_of.isoformat(), "rulebook": self.rulebook()}
            self.out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "decisions": [')
        elif self._csv:
            self._csv.writerow(CSV_COLUMNS)
        elif self.fmt == "table":
            title = self.families[0].doc.title.in_(self.lang)
            book = self.rulebook()
            books = f"{book['version']} (sha256 {book['sha256'][:12]})"
            self.out.write(self.text("heading", title=title, as_of=self.as_of) + "\n")
            self.out.write(self.text("rulebook", books=books) + "\n\n")

    def restart(self, out: IO[str]) -> None:
        """Render a part of a run to `out`, with counts of its own. Parts are joined as
        they are (JSON: with a comma between two that hold decisions)."""
        self.out, self.summary, self._first = out, Summary(), True
        self._csv = csv.writer(out) if self.fmt == "csv" else None

    def decision(self, decision: Decision, subject: Subject) -> None:
        self.summary.add(decision, self.view.totals(decision))
        if self.fmt == "jsonl":
            self.out.write(self._as_of_head + self.as_json(decision)[1:] + "\n")
        elif self.fmt == "json":
            self.out.write(("" if self._first else ",") + "\n  ")
            self.out.write(self.as_json(decision))
        elif self._csv:
            for row in self.csv_rows(decision):
                self._csv.writerow(row)
        else:
            self._rows.append(tuple(cell(self, decision, subject) for _, cell in self.view.columns))
            self._details.append(self.criteria_lines(decision) if self.view.details else [])
        self._first = False

    def finish(self, extra: dict[str, Any] | None = None) -> None:
        """Close the output; `extra` adds figures about the whole list to the summary."""
        self.extra = extra or {}
        summary = {**self.summary.as_dict(self.view.noun.en, list(self._statuses)), **self.extra}
        if self.fmt == "json":
            self.out.write("\n], " + json.dumps({"summary": summary}, ensure_ascii=False)[1:])
            self.out.write("\n")
        elif self.fmt == "table":
            self._table()
        elif self.fmt == "xlsx":
            self._csv.save(self.out.name)

    def status_label(self, status: str) -> str:
        return self._statuses[status].in_(self.lang)

    def action_dict(self, action: Action) -> dict[str, Any]:
        key = (action.rule, action.position)
        fixed = self._fixed.get(key)
        if fixed is None:
            fixed = self._fixed[key] = self._fixed_parts(action)
        head, tail = fixed
        record = dict(head)
        for index, name in _VALUE_FIELDS:
            value = action[index]
            if value is not None:
                record[name] = plain(value)
        if tail:
            record.update(tail)
        return record

    def _fixed_parts(self, action: Action) -> tuple[dict[str, Any], dict[str, Any]]:
        """What an action's record holds whatever the subject: the head (code, rule, basis,
        title) and the tail (recipients, options), in the language of the output."""
        head = {
            "code": action.code,
            "rule": action.rule,
            "basis": self._basis[action.rule, action.position],
            "title": self._titles[action.code],
        }
        tail: dict[str, Any] = {}
        if action.recipients:
            tail["recipients"] = [
                {"code": c, "name": self._recipients[c].in_(self.lang)} for c in action.recipients
            ]
        if action.options:
            tail["options"] = [
                {"code": c, "title": self._options[c].in_(self.lang).format(**self.params)}
                for c in action.options
            ]
        return head, tail

    def as_json(self, decision: Decision) -> str:
        """json.dumps(self.as_dict(decision), ensure_ascii=False), from fragments: the parts
        that depend only on the rules (an action's code, basis, title; the rules fired) are
        encoded once. Tests hold the two equal, decision by decision."""
        if decision.criteria:
            return json.dumps(self.as_dict(decision), ensure_ascii=False)
        parts = ['{"subject": ', _json(decision.subject), ', "status": ', _json(decision.status)]
        for name, value in decision.values:
            parts += [", ", _json(name), ": ", _json(plain(value))]
        parts.append(', "actions": [')
        for index, action in enumerate(decision.actions):
            if index:
                parts.append(", ")
            key = (action.rule, action.position)
            fixed = self._fixed_json.get(key)
            if fixed is None:
                head, tail = self._fixed.get(key) or self._fixed_parts(action)
                fixed = self._fixed_json[key] = (
                    json.dumps(head, ensure_ascii=False)[:-1],
                    json.dumps(tail, ensure_ascii=False)[1:] if tail else "}",
                )
            parts.append(fixed[0])
            for position, name in _VALUE_FIELDS:
                value = action[position]
                if value is not None:
                    parts += [', "', name, '": ', _json(plain(value))]
            if fixed[1] != "}":
                parts.append(", ")
            parts.append(fixed[1])
        parts.append("]")
        ending = self._tails.get((decision.fired, decision.suppressed))
        if ending is None:
            end: dict[str, Any] = {"rules_fired": list(decision.fired)}
            if decision.suppressed:
                end["suppressed"] = [{"rule": s.rule, "by": s.by} for s in decision.suppressed]
            ending = self._tails[decision.fired, decision.suppressed] = (
                ", " + json.dumps(end, ensure_ascii=False)[1:]
            )
        parts.append(ending)
        return "".join(parts)

    def as_dict(self, decision: Decision) -> dict[str, Any]:
        record: dict[str, Any] = {"subject": decision.subject, "status": decision.status}
        record.update((name, plain(value)) for name, value in decision.values)
        if decision.criteria:
            record["criteria"] = [
                {
                    "criterion": v.criterion,
                    "value": plain(v.value),
                    "threshold": plain(v.threshold),
                    "met": v.met,
                    "rule": v.rule,
                    "basis": self._rule_basis[v.rule],
                }
                for v in decision.criteria
            ]
        record["actions"] = [self.action_dict(a) for a in decision.actions]
        record["rules_fired"] = list(decision.fired)
        if decision.suppressed:
            record["suppressed"] = [{"rule": s.rule, "by": s.by} for s in decision.suppressed]
        return record

    def csv_rows(self, decision: Decision) -> Iterator[tuple[str, ...]]:
        head = (self.as_of.isoformat(), decision.subject, decision.status)
        if not decision.actions:
            yield head + ("",) * (len(CSV_COLUMNS) - len(head))
        for action in decision.actions:
            record = self.action_dict(action)
            yield (
                *head,
                action.code,
                action.rule,
                record["basis"],
                record["title"],
                *(str(record.get(name, "")) for name in ACTION_VALUES),
                ";".join(r["code"] for r in record.get("recipients", [])),
                ";".join(o["code"] for o in record.get("options", [])),
            )

    def criteria_lines(self, decision: Decision) -> list[str]:
        verdicts = {True: _t("met", "达标"), False: _t("not met", "未达标")}
        lines = []
        for v in decision.criteria:
            if isinstance(v.value, bool):
                word = (_t("yes", "是") if v.value else _t("no", "否")).in_(self.lang)
                shown = f"{v.value_of} = {word}"
            else:
                shown = money(v.value) if isinstance(v.value, Decimal) else str(plain(v.value))
            against = (
                f" / {money(v.threshold) if isinstance(v.threshold, Decimal) else v.threshold}"
                if v.threshold is not None
                else ""
            )
            title = self._criterion_titles[v.rule]
            verdict = verdicts[v.met].in_(self.lang)
            lines.append(f"{verdict:<8}{title}: {shown}{against}  [{v.rule}]")
        return lines

    def _table(self) -> None:
        header = tuple(label.in_(self.lang) for label, _ in self.view.columns)
        rows = [header, *self._rows]
        widths = [max(_width(row[i]) for row in rows) for i in range(len(header) - 1)]
        for row, details in zip(rows, [[], *self._details], strict=True):
            cells = [_pad(c, widths[i]) if i < len(widths) else c for i, c in enumerate(row)]
            self.out.write("  ".join(cells).rstrip() + "\n")
            for line in details:
                self.out.write(f"      {line}\n")
        summary = self.summary
        self.out.write("\n" + self.text("summary") + "\n")
        noun = self.view.noun.in_(self.lang)
        self.out.write(f"  {self.text('subjects', noun=noun)}: {summary.subjects}\n")
        for status in self._statuses:
            if summary.by_status[status]:
                self.out.write(f"  {self.status_label(status)}: {summary.by_status[status]}\n")
        for label, values in self.view.lines:
            figures = {**values(summary), **self.extra}
            self.out.write("  " + label.in_(self.lang).format(**figures) + "\n")


class _Sheet:
    """A write-only workbook taking rows as csv.writer does (bureaus read Excel)."""

    def __init__(self, title: str) -> None:
        self.book = openpyxl.Workbook(write_only=True)
        self.sheet = self.book.create_sheet(title)

    def writerow(self, row: Sequence[Any]) -> None:
        self.sheet.append(list(row))

    def save(self, path: str) -> None:
        self.book.save(path)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def output_target(path: Path) -> Path:
    """Where --out really writes: through a symlink to its file, never over a device."""
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_file():
        raise OutputError(f"--out {path}: not a regular file; give a file path")
    if not target.parent.is_dir():
        raise OutputError(f"--out {path}: the directory {target.parent} does not exist")
    return target


@contextmanager
def atomic_output(path: Path | None) -> Iterator[IO[str]]:
    """A text stream that reaches `path` (or stdout) only if the block completes."""
    target = output_target(path) if path is not None else None
    try:
        tmp = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, on every path
            "w+",
            encoding="utf-8",
            newline="",
            prefix=".comply-",
            suffix=".part",
            dir=target.parent if target else None,
            delete=False,
        )
    except OSError as exc:
        raise OutputError(f"--out {path}: cannot write there ({exc.strerror})") from None
    try:
        with tmp:
            yield tmp
            tmp.flush()
        if target is not None:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp.name, 0o666 & ~umask)  # as a plain file would be created
            os.replace(tmp.name, target)
            return
        with open(tmp.name, encoding="utf-8", newline="") as done:
            while chunk := done.read(1 << 16):
                sys.stdout.write(chunk)
        sys.stdout.flush()
    except OSError as exc:
        raise OutputError(f"--out {path}: cannot write there ({exc.strerror})") from None
    finally:
        if os.path.exists(tmp.name):
            os.unlink(tmp.name)
