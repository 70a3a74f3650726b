"""The user tasks, end to end: file in, decisions out. The CLI and the features call these."""

from __future__ import annotations

import csv
import functools
import json
import math
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import IO, Any

import yaml

from . import durable_adapter, explain, families, ledger, parallel, parcels
from .errors import InputError, InputProblem, OptionError
from .evaluate import Decision, Evaluator
from .loader import RowReader
from .report import Renderer, Summary, atomic_output
from .rulebook import RuleFamily
from .subjects import Kind, Subject

OUTCOME_ORDER = ("ADMIT_NEW_START", "ADMIT_RESERVE", "REJECT")
IDLE_STATUSES = ("idle", "stalled")


def evaluate_file(
    family_names: list[str],
    source: Path,
    as_of: date,
    fmt: str,
    lang: str,
    out: Path | None,
    rules_dir: Path | None = None,
    *,
    build_params: dict[str, Any] | None = None,
    context: Sequence[dict[str, Any]] = (),
    target: Fraction | None = None,
    sheet: str | None = None,
    rejects: Path | None = None,
    recorder: ledger.Recorder | None = None,
    workers: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    cached: bool = True,
) -> Summary:
    """Evaluate a file of subjects as of a date under the named families; write decisions.

    Raises InputError (listing every bad cell) before anything is written if the file has
    any problem, NotCoveredError if no status rule is in force on `as_of`; with `rejects`,
    the valid rows are evaluated and the refused ones written there with their reasons
    (decisions.md IO1). `context` holds facts of other kinds the rules may join on;
    `target` asks for the rate summary of a year's list.

    `workers` processes evaluate the file in parts (None: every core, for a file large
    enough to gain from it), on this machine or, with `executor` "dask", on the cluster at
    `scheduler` (a local one if None); the result is the one a single process makes.
    `cached` False asks the engine about every subject, without the combination cache.
    """
    loaded = [families.load(name, rules_dir) for name in family_names]
    kind = families.KINDS[loaded[0].doc.facts]
    if rejects is not None and not kind.unique_rows:
        raise OptionError(
            "--skip-invalid does not apply to a change log: with rows left out, "
            "a project would be judged on events that did not happen that way"
        )
    evaluator = Evaluator(kind, loaded, as_of, cached)
    split = parallel.applies(
        kind.unique_rows, kind.ranked, source, fmt, target, recorder is not None
    )
    if workers is None:  # every core for a large file, or the cluster a user asked for
        big = source.is_file() and source.stat().st_size >= parallel.AUTO_MIN_BYTES
        workers = parallel.cores() if executor == "dask" or (split is None and big) else 1
    if workers > 1 or executor == "dask":
        if split is not None:
            option = "--executor dask" if executor == "dask" else f"--jobs {workers}"
            raise OptionError(f"{option}: not for this run: {split}")
        job = parallel.make_job(
            loaded,
            kind.name,
            source,
            as_of,
            fmt,
            lang,
            build_params=dict(build_params or {}),
            context=tuple(context),
            cached=cached,
            record=recorder is not None,
        )
        try:
            return _evaluate_in_parts(
                job,
                loaded,
                kind,
                source,
                out,
                rejects,
                recorder,
                _executor(executor, scheduler, workers),
            )
        except parallel.Fallback:
            if recorder is not None:
                recorder.restart()
    reader = RowReader(source, kind.model, kind.id_field if kind.unique_rows else None, sheet)
    params = {**evaluator.params, **(build_params or {})}
    if recorder is not None:
        reader.on_row = recorder.input_row
    subjects = kind.build(reader, as_of, params, reader.problem)
    with atomic_output(out) as stream:
        renderer = Renderer(kind, loaded, as_of, fmt, lang, stream)
        if recorder is not None:
            recorder.rulebook(loaded, renderer.rulebook())
        renderer.start()
        decided = evaluator.decide(subjects, context)
        if kind.ranked:
            decided = ranked(decided)
        rate = RateSummary(target) if target is not None else None
        size = source.stat().st_size if kind.unique_rows and source.is_file() else 0
        progress = Progress(renderer.view.noun.en, size)
        for subject, decision in decided:
            if rate:
                rate.add(subject, decision)
            renderer.decision(decision, subject)
            if recorder is not None:
                recorder.decision(renderer.as_dict(decision))
            progress.tick(1, reader.position)
        progress.done()
        if reader.problems and rejects is None:
            raise InputError(reader.problems)
        renderer.finish(rate.as_dict() if rate else {})
    if rejects is not None:
        write_rejects(rejects, reader.problems, lang)
        renderer.summary.refused = len({p.row for p in reader.problems})
    if recorder is not None:
        renderer.summary.recorded_as = recorder.commit()
    return renderer.summary


def _executor(name: str, scheduler: str | None, workers: int) -> parallel.Executor:
    if name == "dask":
        return parallel.DaskExecutor(scheduler, workers)
    return parallel.LocalExecutor(workers)


def _evaluate_in_parts(
    job: parallel.Job,
    loaded: list[RuleFamily],
    kind: Kind,
    source: Path,
    out: Path | None,
    rejects: Path | None,
    recorder: ledger.Recorder | None,
    executor: parallel.Executor,
) -> Summary:
    """evaluate_file, with the file's parts evaluated by the executor's workers."""
    problems: list[InputProblem] = []
    repeats = parallel.Repeats()
    spill = None
    try:
        if executor.local:
            spill = tempfile.TemporaryDirectory(prefix="comply-parts-")
            job = replace(job, spill=spill.name)
        with atomic_output(out) as stream:
            renderer = Renderer(kind, loaded, job.as_of, job.fmt, job.lang, stream)
            if recorder is not None:
                recorder.rulebook(loaded, renderer.rulebook())
            renderer.start()
            first = True
            progress = Progress(renderer.view.noun.en, source.stat().st_size)
            done_bytes = 0
            for part in parallel.parts(job, source, executor):
                if part.stopped:
                    raise parallel.Fallback("a CSV record could not be read")
                if job.change_log and part.problems:  # reported as one process reads the log
                    raise parallel.Fallback("the change log has problems")
                repeats.add(part.digests)
                if job.fmt == "json" and part.count:
                    stream.write("" if first else ",")  # between two parts' decisions
                    first = False
                _append_part(stream, part)
                renderer.summary.merge(part.summary)
                problems += part.problems
                if recorder is not None:
                    recorder.extend(part.inputs, part.decisions, part.rows, part.count)
                done_bytes += part.size
                progress.tick(part.count, functools.partial(int, done_bytes))
            progress.done()
            if repeats.found():
                raise parallel.Fallback("an id is repeated across parts")
            if problems and rejects is None:
                raise InputError(problems)
            renderer.finish()
    finally:
        executor.close()
        if spill is not None:
            spill.cleanup()
    if rejects is not None:
        write_rejects(rejects, problems, job.lang)
        renderer.summary.refused = len({p.row for p in problems})
    if recorder is not None:
        renderer.summary.recorded_as = recorder.commit()
    return renderer.summary


def _append_part(stream: IO[str], part: parallel.Part) -> None:
    """A part's decisions after those written: its text, or its file copied by the kernel."""
    if part.path is None:
        stream.write(part.text)
        return
    stream.flush()
    with open(part.path, "rb") as spilled:
        size = os.fstat(spilled.fileno()).st_size
        sent = 0
        try:
            while sent < size:
                step = os.sendfile(stream.fileno(), spilled.fileno(), sent, size - sent)
                if step == 0:
                    break
                sent += step
        except (AttributeError, OSError):  # no sendfile here, or not between these files
            pass
        spilled.seek(sent)
        while chunk := spilled.read(1 << 20):  # what sendfile did not send
            view = memoryview(chunk)
            while view:
                view = view[os.write(stream.fileno(), view) :]
    os.unlink(part.path)


class Progress:
    """A progress bar on stderr, only when a person is watching a terminal: the share of the
    file read (when it is known), the subjects decided and how fast."""

    EVERY = 10_000
    WIDTH = 24

    def __init__(self, noun: str, total: int = 0, stream: IO[str] | None = None) -> None:
        self.noun, self.total, self.count, self.done_bytes = noun, total, 0, 0
        self.stream = stream or sys.stderr
        self.shown = self.stream.isatty()
        self.started = time.monotonic()

    def tick(self, count: int = 1, read: Callable[[], int] | None = None) -> None:
        """`count` more subjects decided; `read` says how many bytes of the file are read
        (asked only when the bar is drawn)."""
        before, self.count = self.count, self.count + count
        if self.shown and before // self.EVERY != self.count // self.EVERY:
            if read is not None:
                self.done_bytes = read()
            self.stream.write("\r" + self.line())
            self.stream.flush()

    def line(self) -> str:
        rate = self.count / max(time.monotonic() - self.started, 1e-9)
        counted = f"{self.count:,} {self.noun} decided ({rate:,.0f}/s)"
        if not self.total:
            return counted
        share = min(1.0, self.done_bytes / self.total)
        filled = round(share * self.WIDTH)
        return f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {share:4.0%}  {counted}"

    def done(self) -> None:
        if self.shown and self.count >= self.EVERY:
            self.stream.write("\r" + " " * 79 + "\r")
            self.stream.flush()


def write_rejects(path: Path, problems: Sequence[InputProblem], lang: str = "en") -> None:
    """The refused rows, one line per problem, with what was expected in `lang` (CSV)."""
    with atomic_output(path) as stream:
        writer = csv.writer(stream)
        writer.writerow(["file", "row", "column", "value", "expected"])
        for p in problems:
            writer.writerow([p.file, p.row, p.column, p.value, p.expected_in(lang)])


def ranked(decided: Iterable[tuple[Subject, Decision]]) -> Iterator[tuple[Subject, Decision]]:
    """Admitted projects first (new starts, then reserve), larger investment first; ranked."""

    def key(item: tuple[Subject, Decision]) -> tuple[int, Decimal, str]:
        subject, decision = item
        order = OUTCOME_ORDER.index(decision.status) if decision.status in OUTCOME_ORDER else 9
        return order, -Decimal(subject.values.get("total_investment", 0)), subject.key

    rank = 0
    for subject, decision in sorted(decided, key=key):
        if decision.status in OUTCOME_ORDER[:2]:
            rank += 1
            decision = replace(decision, values=(*decision.values, ("rank", rank)))
        yield subject, decision


class RateSummary:
    """The start/completion rate of a year's list against its target (decisions.md I6)."""

    def __init__(self, target: Fraction) -> None:
        self.target, self.total, self.started = target, 0, 0
        self.waiting: list[tuple[str, str, Any]] = []

    def add(self, subject: Subject, decision: Decision) -> None:
        self.total += 1
        if decision.status in ("started", "completed"):
            self.started += 1
        else:
            planned = subject.values.get("planned_start")
            self.waiting.append((str(planned or "9999"), subject.key, subject.values))

    def as_dict(self) -> dict[str, Any]:
        needed = math.ceil(self.target * self.total)  # the smallest whole number that reaches it
        rate = Fraction(self.started, self.total) if self.total else Fraction(0)
        closest = sorted(self.waiting)[:10]
        return {
            "total": self.total,
            "started_or_completed": self.started,
            "rate": _decimal(rate),
            "target": _decimal(self.target),
            "needed_total": needed,
            "needed_more": max(0, needed - self.started),
            "target_exact": f"{_decimal(self.target * self.total, 1)} of {self.total}",
            "closest_to_starting": [
                {
                    "subject": key,
                    "name": values.get("name"),
                    "planned_start": str(values.get("planned_start") or ""),
                }
                for _, key, values in closest
            ],
        }


def _decimal(value: Fraction, places: int = 4) -> str:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def idle_holders(source: Path, as_of: date, rules_dir: Path | None = None) -> list[dict[str, Any]]:
    """Holders with idle (or stalled) land, as the idle-land rules decide them on `as_of`,
    as facts the intake rules join on. Bad rows in the parcels file are refused."""
    family = families.load("idle_land", rules_dir)
    evaluator = Evaluator(parcels.KIND, [family], as_of)
    reader = RowReader(source, parcels.KIND.model, parcels.KIND.id_field)
    subjects = parcels.KIND.build(reader, as_of, evaluator.params, reader.problem)
    found = [
        durable_adapter.context_fact(
            "idle_holder",
            subject.key,
            {"holder": getattr(subject.row, "holder", ""), "parcel": subject.key},
        )
        for subject, decision in evaluator.decide(subjects)
        if decision.status in IDLE_STATUSES
    ]
    if reader.problems:
        raise InputError(reader.problems)
    return found


COMMAND_FAMILIES = {
    "parcels": ["idle_land"],
    "budget": ["budget", "budget_national"],
    "intake": ["intake"],
    "portfolio": ["portfolio"],
}


def explain_subject(
    command: str,
    source: Path,
    key: str,
    as_of: date,
    lang: str,
    rule: str | None = None,
    rules_dir: Path | None = None,
    *,
    build_params: dict[str, Any] | None = None,
    context: Sequence[dict[str, Any]] = (),
) -> str:
    """Every rule's verdict for one subject of FILE, condition by condition, as text."""
    loaded = [families.load(name, rules_dir) for name in COMMAND_FAMILIES[command]]
    loaded = [f for i, f in enumerate(loaded) if i == 0 or f.doc.enabled]
    if rule is not None and rule not in {r.rule.id for f in loaded for r in f.rules}:
        raise OptionError(f"--rule {rule}: no rule of the {command} rulebook has that id")
    kind = families.KINDS[loaded[0].doc.facts]
    evaluator = Evaluator(kind, loaded, as_of)
    reader = RowReader(source, kind.model, kind.id_field if kind.unique_rows else None)
    params = {**evaluator.params, **(build_params or {})}
    subjects = [s for s in kind.build(reader, as_of, params, reader.problem) if s.key == key]
    if reader.problems:
        raise InputError(reader.problems)
    if not subjects:
        raise OptionError(f"{source}: no subject with id {key!r}")
    [(subject, decision)] = list(evaluator.decide(subjects, context))
    joined: dict[str, set[str]] = {}
    for compiled in evaluator.rules:  # the values each join matches on, per kind of fact
        rule_ = compiled.rule
        for exists in (rule_.if_exists, rule_.unless_exists, rule_.test_unless_exists):
            if exists is not None:
                joined.setdefault(exists.fact, set()).update(
                    f[exists.match] for f in context if f["ctx"] == exists.fact
                )
    explainer = explain.Explainer(loaded, kind.facts, joined)
    verdicts = explainer.explain(subject.snapshots[-1], decision)
    status = loaded[0].doc.statuses[decision.status].in_(lang)
    text = explain.render(key, status, as_of, verdicts, lang, rule)
    # A change log's findings are made on the snapshot of their event: list them, then
    # explain each on that snapshot.
    found: list[str] = []
    sections: list[str] = []
    for snapshot in subject.snapshots[:-1]:
        fired = [
            v
            for v in explainer.explain(snapshot, decision)
            if v.verdict == "fired" and (rule is None or v.rule.rule.id == rule)
        ]
        for v in fired:
            for action, (code, held) in zip(v.rule.actions, v.actions, strict=True):
                day = snapshot.value(action.spec.date) if action.spec.date else snapshot.day
                line = f"  {code} {day} ({v.rule.rule.id})"
                if held and line not in found:
                    found.append(line)
        if fired:
            event = snapshot.tests.get("event", "")
            heading = (
                f"事件 {event}（{snapshot.day}）："
                if lang == "zh"
                else f"On the {event} event of {snapshot.day}:"
            )
            body = explain.render(key, status, snapshot.day, fired, lang).split("\n", 2)[2]
            sections.append(heading + "\n" + body)
    if found:
        heading = "过往事件的认定：" if lang == "zh" else "Findings about past events:"
        text += "\n" + heading + "\n" + "\n".join(found) + "\n\n" + "\n".join(sections)
    return text


def replay(path: Path, run: int, rules_dir: Path | None = None) -> list[str]:
    """Re-evaluate a recorded run's inputs with the current rulebook; list what differs, why."""
    head = ledger.header(path, run)
    options = dict(head["options"])
    names = options.pop("families")
    stored = dict(ledger.run_entries(path, run, "decision"))
    old_books = {
        body["family"]: yaml.safe_load(body["text"])
        for _, body in ledger.run_entries(path, run, "rulebook")
    }
    with tempfile.TemporaryDirectory(prefix="comply-replay-") as tmp:
        source, out = Path(tmp) / "inputs.jsonl", Path(tmp) / "decisions.json"
        with source.open("w", encoding="utf-8") as handle:
            for _, raw in ledger.run_entries(path, run, "input"):
                handle.write(json.dumps(raw, ensure_ascii=False) + "\n")
        target = options.get("target")
        evaluate_file(
            names,
            source,
            date.fromisoformat(head["as_of"]),
            "json",
            "en",
            out,
            rules_dir,
            build_params=options.get("build_params"),
            context=options.get("context", ()),
            target=Fraction(target) if target else None,
        )
        now = {d["subject"]: d for d in json.loads(out.read_text(encoding="utf-8"))["decisions"]}
    changed = _rule_changes(old_books, [families.load(n, rules_dir) for n in names])
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
    """What a decision decides, without the wording (titles follow the output language)."""
    if record is None:
        return None
    keep = (
        "code",
        "rule",
        "amount",
        "due",
        "not_before",
        "date",
        "idle_from",
        "days_left",
        "days_overdue",
    )
    actions = [{k: a[k] for k in keep if k in a} for a in record["actions"]]
    criteria = [(c["criterion"], c["met"]) for c in record.get("criteria", [])]
    return record["status"], actions, criteria


def _difference(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    if before is None or after is None:
        return "new decision" if before is None else "no longer decided"
    parts = []
    if before["status"] != after["status"]:
        parts.append(f"status {before['status']} -> {after['status']}")
    old, new = _essence(before)[1], _essence(after)[1]
    gone = [a for a in old if a not in new]
    came = [a for a in new if a not in old]
    if gone:
        parts.append("was " + ", ".join(_action(a) for a in gone))
    if came:
        parts.append("now " + ", ".join(_action(a) for a in came))
    return "; ".join(parts) or "criteria differ"


def _action(action: dict[str, Any]) -> str:
    extra = [f"{k} {action[k]}" for k in ("amount", "due", "date", "days_overdue") if k in action]
    return str(action["code"]) + (f" ({', '.join(extra)})" if extra else "")


def _rule_changes(old_books: dict[str, Any], current: list[Any]) -> list[tuple[str, str]]:
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
