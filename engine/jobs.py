"""The user tasks, end to end: file in, decisions out. The CLI and the features call these."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from engine import families
from engine.errors import InputError
from engine.evaluate import Evaluator
from engine.loader import RowReader
from engine.parcels import Parcel
from engine.report import Renderer, Summary, atomic_output


def evaluate_parcels(
    source: Path, as_of: date, fmt: str, lang: str, out: Path | None, rules_dir: Path | None = None
) -> Summary:
    """Evaluate a parcels file as of a date and write the decisions.

    Raises InputError (listing every bad cell) before anything is written if the file has
    any problem, NotCoveredError if no rule is in force on `as_of`.
    """
    family = families.load("idle_land", rules_dir)
    evaluator = Evaluator(family, as_of)
    reader = RowReader(source, Parcel, "parcel_id")
    with atomic_output(out) as stream:
        renderer = Renderer(family, as_of, fmt, lang, stream)
        renderer.start()
        for parcel, decision in evaluator.decide(reader):
            renderer.decision(decision, parcel.holder)
        if reader.problems:
            raise InputError(reader.problems)
        renderer.finish()
    return renderer.summary
