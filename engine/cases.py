"""Open cases, most urgent first: what a bureau's case officer works from (decisions.md L14).

The parcels of a register are decided as `comply parcels` decides them (the one run path,
engine/pipeline.py), their events folded in; every parcel whose case is open (a stage, not
closed) is listed with its stage, its next step (the bureau's or the holder's), that step's
due date and the days it is overdue. The most overdue come first, then the nearest due
date, then the rest by parcel.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from . import kinds
from .errors import InputError
from .evaluate import Action, Decision
from .kinds.parcel_case import STAGES
from .loader import RowReader
from .messages import Message
from .pipeline import Prepared, decide, prepare
from .subjects import Subject
from .writers import Words, width

LATEST = date.max  # a step with no due date sorts after every dated one
RANK = {"step": 0, "duty": 1, "disposal": 2, "notice": 3, "sanction": 4}


@dataclass(frozen=True)
class OpenCase:
    subject: Subject
    decision: Decision
    stage: str
    step: Action | None  # the next step, the bureau's or the holder's
    overdue: int  # days the most overdue step is late (0 if none is)


def evaluated(
    source: Path,
    as_of: date,
    options: Mapping[str, Any],
    rules_dir: Path | None = None,
    packs: Sequence[Path] = (),
    notes: list[Message] | None = None,
) -> tuple[Prepared, list[tuple[Subject, Decision]]]:
    """Every parcel of the register decided, its events folded in; bad input refused. What
    the reader says of the register (its title, the unit it states) is added to `notes`."""
    kind = kinds.by_command("parcels")
    prepared = prepare(kind, as_of, options, rules_dir=rules_dir, packs=packs)
    reader = RowReader(source, kind.model, kind.id_field)
    pairs = [
        pair
        for subjects, decisions in decide(prepared, reader)
        for pair in zip(subjects, decisions, strict=True)
    ]
    if reader.problems:
        raise InputError(sorted(reader.problems, key=lambda p: (p.file, p.row)))
    if notes is not None:
        notes += reader.notes
    return prepared, pairs


def open_cases(prepared: Prepared, pairs: list[tuple[Subject, Decision]]) -> list[OpenCase]:
    """The open cases, most urgent first."""
    words = Words(prepared.families, "en")
    found = []
    for subject, decision in pairs:
        stage = dict(decision.values).get("stage")
        if stage is None or stage == "closed":
            continue
        steps = [a for a in decision.actions if not a.prospect and not words.is_finding(a.code)]
        overdue = max((a.days_overdue or 0 for a in steps), default=0)
        late = [a for a in steps if (a.days_overdue or 0) == overdue and overdue]
        dated = sorted((a for a in steps if a.due is not None), key=lambda a: a.due or LATEST)
        ready = [a for a in steps if a.not_before is None or a.not_before <= prepared.as_of]
        # Otherwise the bureau's own step first, then a duty, a disposal, a notice.
        ranked = sorted(ready, key=lambda a: RANK.get(words.kinds[a.code], len(RANK)))
        chosen = late or dated or ranked or steps
        step = chosen[0] if chosen else None
        found.append(OpenCase(subject, decision, stage, step, overdue))
    return sorted(
        found,
        key=lambda c: (-c.overdue, (c.step.due if c.step and c.step.due else LATEST), c.stage),
    )


def table(cases: list[OpenCase], prepared: Prepared, lang: str) -> str:
    """The open cases as a table in the run's language."""
    words = Words(prepared.families, lang)
    zh = lang == "zh"
    heads = (
        ["地块", "使用权人", "阶段", "下一步", "责任方", "期限", "逾期天数"]
        if zh
        else ["parcel", "holder", "stage", "next step", "whose", "due", "days overdue"]
    )
    rows = []
    for case in cases:
        step = case.step
        whose = ""
        if step is not None and words.kinds[step.code] != "notice":  # a period running
            duty = words.kinds[step.code] == "duty"
            whose = ("使用权人" if duty else "国土部门") if zh else ("holder" if duty else "bureau")
        rows.append(
            [
                case.decision.subject,
                str(getattr(case.subject.row, "holder", "")),
                STAGES[case.stage].in_(lang),
                step.code if step else "",
                whose,
                str(step.due) if step and step.due else "",
                str(case.overdue) if case.overdue else "",
            ]
        )
    widths = [max([width(h), *(width(r[i]) for r in rows)]) for i, h in enumerate(heads)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - width(c)) for c, w in zip(cells, widths, strict=True))

    title = (
        f"未结案件（按紧迫程度排列），评估日期 {prepared.as_of}"
        if zh
        else f"Open idle-land cases, most urgent first, as of {prepared.as_of}"
    )
    body = [title, "", line(heads).rstrip(), *(line(r).rstrip() for r in rows)]
    count = f"未结案件 {len(rows)} 宗" if zh else f"open cases: {len(rows)}"
    overdue = sum(1 for c in cases if c.overdue)
    late = f"，其中逾期 {overdue} 宗" if zh else f", {overdue} overdue"
    return "\n".join([*body, "", count + late]) + "\n"


def as_json(cases: list[OpenCase], prepared: Prepared) -> str:
    """The open cases as one JSON document (codes and dates, no words)."""
    listed = []
    for case in cases:
        entry: dict[str, Any] = {"subject": case.decision.subject, "stage": case.stage}
        if case.step is not None:
            entry["next_step"] = case.step.code
            if case.step.due is not None:
                entry["due"] = case.step.due.isoformat()
        if case.overdue:
            entry["days_overdue"] = case.overdue
        listed.append(entry)
    document = {"as_of": prepared.as_of.isoformat(), "cases": listed}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
