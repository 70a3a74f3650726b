"""The user tasks, end to end: file in, decisions out. The CLI and the features call these."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from engine import families
from engine.errors import InputError
from engine.evaluate import Evaluator
from engine.loader import RowReader
from engine.report import Renderer, Summary, atomic_output


def evaluate_file(
    family_names: list[str],
    source: Path,
    as_of: date,
    fmt: str,
    lang: str,
    out: Path | None,
    rules_dir: Path | None = None,
) -> Summary:
    """Evaluate a file of subjects as of a date under the named families; write decisions.

    Raises InputError (listing every bad cell) before anything is written if the file has
    any problem, NotCoveredError if no status rule is in force on `as_of`.
    """
    loaded = [families.load(name, rules_dir) for name in family_names]
    kind = families.KINDS[loaded[0].doc.facts]
    evaluator = Evaluator(kind, loaded, as_of)
    reader = RowReader(source, kind.model, kind.id_field if kind.unique_rows else None)
    subjects = kind.build(reader, as_of, evaluator.params, reader.problem)
    with atomic_output(out) as stream:
        renderer = Renderer(kind, loaded, as_of, fmt, lang, stream)
        renderer.start()
        for subject, decision in evaluator.decide(subjects):
            renderer.decision(decision, subject)
        if reader.problems:
            raise InputError(reader.problems)
        renderer.finish()
    return renderer.summary
