"""The one run path: read -> facts -> engine -> decisions, batch by batch.

Whether a file is evaluated in one process, in parts on every core or on a Dask cluster,
for one subject's explanation or in a replay, its rows travel the same road: `prepare`
makes a run ready (the kind's rulebook loaded, its options applied, the facts it joins
found), and `decide` takes the rows in batches through the kind's facts, the engine and
the resolution of what fired into decisions; the caller decides where they go (run.py).
A batch is a list of (row number, row) today; only the kinds' `build` and the evaluator
read inside it.

What a kind's options mean is declared by the kind (kinds.Option): a value its facts
need, a run's own value of a parameter, a rule family switched on or off, or a file of
another kind whose decisions the rules join on. This module applies them the same way
for every kind, so commands stay thin and a new kind needs no code here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from . import kinds
from .conditions import comparisons
from .durable_adapter import ContextFact
from .errors import InputError, InputProblem, OptionError, RulebookError
from .evaluate import Decision, Evaluator
from .events import EventStore
from .kinds import Join, Kind
from .loader import RowReader
from .memo import Memo
from .messages import msg
from .packs import Rulebook, load_rulebook
from .register import RegisterRow
from .rulebook import RuleFamily
from .subjects import Subject

# Rows read before their facts are made and the engine is asked. Small batches keep memory
# flat and the working set in cache: on 100k parcels, 5,000 took 22.5 s and 160 MB, 500
# took 17.2 s and 90 MB (the combination cache, not the batch, saves the engine's calls).
BATCH_ROWS = 500
# A file this large or larger takes the kind's columnar path, if it has one (about 2,000
# parcels: where the two paths take the same time).
COLUMNAR_MIN_BYTES = 256 << 10


@dataclass
class Prepared:
    """Everything the pipeline needs to decide a kind's subjects as of a date."""

    kind: Kind
    as_of: date
    book: Rulebook  # the families the run evaluates, with packs laid over, on its date
    params: dict[str, Any]  # the rules' parameters, the run's own values, the build values
    context: tuple[ContextFact, ...]
    evaluator: Evaluator
    memo: Memo
    options: dict[str, Any] = field(default_factory=dict)  # as given, for the ledger
    on_event: Callable[[int, dict[str, Any]], None] | None = None  # each event row read

    @property
    def families(self) -> tuple[RuleFamily, ...]:
        return self.book.families

    @property
    def rulebook(self) -> dict[str, Any]:
        """The rulebook's identity: versions, hashes, packs (every output's header)."""
        return self.book.identity()


def prepare(
    kind: Kind,
    as_of: date,
    options: Mapping[str, Any] | None = None,
    *,
    rules_dir: Path | None = None,
    packs: Sequence[Path] = (),
    cached: bool = True,
    context: Sequence[ContextFact] | None = None,
    book: Rulebook | None = None,
) -> Prepared:
    """Load and check the kind's rulebook for `as_of` (rules_dir, with `packs` laid over),
    apply `options` (by Option.dest).

    `context` gives the joined facts already found (a worker, a replay): the files named
    by join options are then not read again. `book` gives the rulebook already loaded (a
    worker was sent its files) instead of reading it.
    """
    options = dict(options or {})
    given = {o.dest: options.get(o.dest) for o in kind.options}
    for option in kind.options:
        if option.required and given[option.dest] is None:
            raise OptionError(
                msg("needs_option", command=kind.command, flag=option.flag.split("/")[0])
            )
    switched = {o.target: given[o.dest] for o in kind.options if o.role == "family"}
    if book is None:
        book = load_rulebook(kind.families, as_of, rules_dir=rules_dir, packs=packs)
        on = [
            family.name
            for index, family in enumerate(book.families)
            if index == 0 or _on(switched.get(family.name), family)
        ]
        if len(on) != len(book.families):  # a family switched off is not in the rulebook
            book = load_rulebook(on, as_of, rules_dir=rules_dir, packs=packs)
    chosen = book.families
    memo = Memo(combinations=cached)
    evaluator = Evaluator(kind, chosen, as_of, memo)
    params: dict[str, Any] = dict(evaluator.params)
    for option in kind.options:
        value = given[option.dest]
        if value is None:
            continue
        if option.role == "build":
            params[option.dest] = value
        elif option.role == "parameter":
            params[option.target] = _own_value(option.target, value, chosen)
    if context is None:
        files = {o.target: given[o.dest] for o in kind.options if o.role == "join"}
        context = tuple(
            fact
            for target, source in files.items()
            if source is not None
            for fact in joined(kind, target, Path(source), as_of, rules_dir, packs)
        )
    evaluator.params = params
    return Prepared(kind, as_of, book, params, tuple(context), evaluator, memo, options)


def _on(switch: bool | None, family: RuleFamily) -> bool:
    return family.doc.enabled if switch is None else switch


def _own_value(name: str, value: Any, loaded: Sequence[RuleFamily]) -> Any:
    """A run's own value of a parameter that no rule condition tests (a target rate)."""
    for family in loaded:
        if name not in family.params:
            continue
        tested = {c.param for r in family.rules for c in comparisons(r.when)}
        if name in tested:
            raise RulebookError(
                f"parameter {name} is tested by the rules: it cannot be set per run"
            )
        return Fraction(str(value)) if isinstance(value, float | str) else value
    raise RulebookError(f"no parameter {name} in the rulebook of this kind")


def joined(
    kind: Kind,
    fact: str,
    source: Path,
    as_of: date,
    rules_dir: Path | None,
    packs: Sequence[Path] = (),
) -> list[ContextFact]:
    """The facts of a join: the subjects of the other kind in `source`, decided as of
    `as_of`, that the join selects. A bad row of `source` is refused like any input."""
    join: Join = next(j for j in kind.joins if j.fact == fact)
    other = kinds.by_name(join.kind)
    prepared = prepare(other, as_of, rules_dir=rules_dir, packs=packs)
    reader = other.reader(source)
    found = []
    for subjects, decisions in decide(prepared, reader):
        for subject, decision in zip(subjects, decisions, strict=True):
            fields = join.select(subject, decision)
            if fields is not None:
                found.append(ContextFact(join.fact, subject.key, fields))
    if reader.problems:
        raise InputError(reader.problems)
    return found


def decide(
    prepared: Prepared, reader: RowReader, only: str | None = None, lines: Any = None
) -> Iterator[tuple[list[Subject], list[Decision]]]:
    """The pipeline: rows read in batches, their facts made, the engine asked, the
    decisions resolved; batch by batch, or all at once for a kind that ranks them.
    `only` decides the subject with that id alone (an explanation). `lines`, the run's
    writer, lets the columnar path write JSON Lines itself (from columns): the batches it
    yields are then empty."""
    kind, evaluator = prepared.kind, prepared.evaluator
    reader.partial = kind.partial
    store = events_of(prepared)
    params = prepared.params
    if store is not None:
        params = {**params, store[0]: store[1]}
    if store is None and only is None and kind.rank is None and not prepared.context:
        fast = _columnar(prepared, reader, lines)
        if fast is not None:
            yield from fast
            return
    batches = reader.batches(BATCH_ROWS)
    made = kind.build(batches, prepared.as_of, params, reader.problem)
    if reader.keep:
        made = (_kept(subjects, reader.kept) for subjects in made)
    if only is not None:
        made = ([s for s in subjects if s.key == only] for subjects in made)
    evaluator.join(prepared.context)
    try:
        if kind.rank is None:
            for subjects in made:
                yield subjects, evaluator.decide(subjects)
        else:
            pairs = [
                pair
                for subjects in made
                for pair in zip(subjects, evaluator.decide(subjects), strict=True)
            ]
            ranked = kind.rank(pairs)
            yield [s for s, _ in ranked], [d for _, d in ranked]
        if store is not None:
            if only is None:
                store[1].unasked()
            reader.problems.extend(store[1].problems)
    finally:
        evaluator.leave(prepared.context)
        if store is not None:
            store[1].close()


def has_columnar(kind: Kind) -> bool:
    """Whether the kind has a columnar path (engine/columnar) that is not switched off:
    COMPLY_COLUMNAR=0 in the environment keeps to the row path (to compare the two)."""
    found = kind.columnar is not None or kind.columnar_log is not None
    return found and os.environ.get("COMPLY_COLUMNAR") != "0"


def _columnar(
    prepared: Prepared, reader: RowReader, lines: Any = None
) -> Iterator[tuple[list[Subject], list[Decision]]] | None:
    """The kind's columnar path over the reader's source, if it has one and the source is
    for it (engine/columnar). A whole file under COLUMNAR_MIN_BYTES keeps to the row path:
    importing Arrow and numpy and checking each combination cost more than they save on a
    few hundred rows. COMPLY_COLUMNAR=0 in the environment keeps to the row path, =1 takes
    the columnar path whatever the size (to compare the two)."""
    switch = os.environ.get("COMPLY_COLUMNAR")
    kind = prepared.kind
    if not has_columnar(kind):
        return None
    whole = reader._part is None and reader._records is None and reader.given is None
    if switch != "1" and whole and _small(reader.path):
        return None
    if kind.columnar_log is not None:
        found: Iterator[tuple[list[Subject], list[Decision]]] | None
        found = kind.columnar_log(prepared, reader, lines)
        return found
    from . import columnar

    assert kind.columnar is not None
    return columnar.decide(prepared, reader, kind.columnar, lines)


def _small(path: Path) -> bool:
    try:
        return path.stat().st_size < COLUMNAR_MIN_BYTES
    except OSError:
        return True  # the row path names the problem


def events_of(prepared: Prepared) -> tuple[str, EventStore] | None:
    """The kind's events file, if the run names one, read and sorted (kinds.Events), with
    the option it is handed to `build` under."""
    kind = prepared.kind
    for option in kind.options:
        source = prepared.options.get(option.dest)
        if option.role != "events" or source is None:
            continue
        assert kind.events is not None, f"{kind.name}: an events option needs `events`"
        declared = kind.events
        rows = prepared.options.get(f"{option.dest}:rows")  # a recorded run's events
        store = EventStore(
            Path(source),
            declared.model,
            declared.key,
            declared.day,
            rows=rows,
            on_row=prepared.on_event,
        )
        return option.dest, store
    return None


def _kept(subjects: list[Subject], kept: dict[str, RegisterRow]) -> list[Subject]:
    """Each subject with its row as the register wrote it (given up by the reader as it
    goes, so that only the rows not yet decided are held)."""
    return [replace(s, register=kept.pop(s.key)) if s.key in kept else s for s in subjects]


def decide_rows(
    prepared: Prepared, rows: Sequence[tuple[int, Any]]
) -> list[tuple[Subject, Decision]]:
    """Rows already read and checked (row number, row model), decided in order: for a
    program that holds its rows in memory. A problem the kind finds across rows is raised."""

    def refuse(row: int, column: str, value: Any, expected: Any) -> None:
        raise InputError([InputProblem("(rows)", row, column, str(value), expected)])

    made = prepared.kind.build([list(rows)], prepared.as_of, prepared.params, refuse)
    prepared.evaluator.join(prepared.context)
    try:
        return [
            pair
            for subjects in made
            for pair in zip(subjects, prepared.evaluator.decide(subjects), strict=True)
        ]
    finally:
        prepared.evaluator.leave(prepared.context)
