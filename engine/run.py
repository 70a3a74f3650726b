"""A user's run end to end: a file of one kind in, decisions out, whole or not at all.

The decisions of `pipeline.decide` go to the run's sinks: the output (in its format and
language), the ledger (with --record), the progress bar and the kind's figures about the
whole run. Whether they were made in this process or in parts by workers, the run ends
the same way: bad rows stop it before anything is written (or, with --skip-invalid, go to
the rejects file), the output is moved into place, the ledger appended.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import ledger, parallel, records
from .errors import InputError, InputProblem, OptionError
from .kinds import Aggregate, Kind
from .outputs import Staged, check_distinct, sweep
from .pipeline import Prepared, decide, prepare
from .progress import Progress
from .summary import Summary
from .writers import Writer, writer
from .writers.rejects import write_rejects


@dataclass(frozen=True)
class Request:
    """What a user asked for: a kind's file, a date, the kind's options, where things go."""

    kind: Kind
    source: Path
    as_of: date
    options: Mapping[str, Any] = field(default_factory=dict)  # the kind's, by Option.dest
    fmt: str = "table"
    lang: str = "en"
    out: Path | None = None
    rejects: Path | None = None  # with --skip-invalid: the refused rows go here
    ledger: Path | None = None  # with --record: the run is appended here
    sheet: str | None = None
    rules_dir: Path | None = None
    packs: tuple[Path, ...] = ()  # rule packs laid over the rulebook, in order
    operator: str = ""  # who ran it, for the ledger
    signing_key: Path | None = None  # the bureau's key that signs the ledger's runs
    workers: int | None = None  # None: every core for a large file
    executor: str = "local"
    scheduler: str | None = None
    cached: bool = True


def run(request: Request) -> Summary:
    """Evaluate the file and write its decisions; raise InputError (listing every bad cell)
    before anything is written if the file has any problem, unless rejects are asked for."""
    kind = request.kind
    if request.rejects is not None and not kind.unique_rows:
        raise OptionError(
            "--skip-invalid does not apply to a change log: with rows left out, "
            "a project would be judged on events that did not happen that way"
        )
    inputs = {"FILE": request.source}
    for option in kind.options:
        if option.role in ("join", "events") and request.options.get(option.dest) is not None:
            inputs[option.flag] = Path(request.options[option.dest])
    check_distinct(
        inputs, {"--out": request.out, "--rejects": request.rejects, "--ledger": request.ledger}
    )
    sweep(Path(tempfile.gettempdir()))  # what killed runs left
    prepared = prepare(
        kind,
        request.as_of,
        request.options,
        rules_dir=request.rules_dir,
        packs=request.packs,
        cached=request.cached,
    )
    recorder = _recorder(request, prepared, inputs)
    if recorder is not None:
        recorder.check()  # a ledger that cannot take the run fails it before anything is written
        prepared.on_event = recorder.event_row
    why_not = parallel.why_not(kind, request.source, request.fmt, recorder is not None)
    if any(o.role == "events" and request.options.get(o.dest) for o in kind.options):
        why_not = "a file's events are folded into its subjects in one process"
    workers, notes = request.workers, []
    if workers is not None and workers > parallel.cores() and request.executor == "local":
        notes.append(
            f"--jobs {workers}: this machine has {parallel.cores()} cores; "
            f"{parallel.cores()} worker processes were used"
        )
        workers = parallel.cores()
    if workers is None:  # every core for a large file, or the cluster a user asked for
        big = request.source.is_file() and request.source.stat().st_size >= parallel.AUTO_MIN_BYTES
        wanted = request.executor == "dask" or (why_not is None and big)
        workers = parallel.cores() if wanted else 1
    if workers > 1 or request.executor == "dask":
        if why_not is not None:
            flag = "--executor dask" if request.executor == "dask" else f"--jobs {workers}"
            raise OptionError(f"{flag}: not for this run: {why_not}")
        executor = parallel.executor(request.executor, request.scheduler, workers)
        try:
            summary = _finish(request, prepared, recorder, executor)
            summary.notes += notes
            return summary
        except parallel.Fallback:
            if recorder is not None:
                recorder.restart()
    summary = _finish(request, prepared, recorder, None)
    summary.notes += notes
    return summary


def _recorder(
    request: Request, prepared: Prepared, inputs: dict[str, Path]
) -> ledger.Recorder | None:
    if request.ledger is None:
        return None
    options = {
        "kind": prepared.kind.name,
        "families": [f.name for f in prepared.families],
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in request.options.items()},
        "context": [[c.fact, c.key, dict(c.fields)] for c in prepared.context],
        "pack_dirs": [str(p.resolve()) for p in request.packs],
    }
    return ledger.Recorder(
        request.ledger,
        prepared.kind.command,
        request.as_of.isoformat(),
        options,
        inputs=inputs,
        operator=request.operator,
        signing_key=request.signing_key,
    )


def _finish(
    request: Request,
    prepared: Prepared,
    recorder: ledger.Recorder | None,
    executor: parallel.Executor | None,
) -> Summary:
    """One attempt at the run: the decisions written whole, or nothing."""
    kind = prepared.kind
    staged = [Staged(request.out, "--out")]
    if request.rejects is not None:
        staged.append(Staged(request.rejects, "--rejects"))
    try:
        out = writer(
            request.fmt,
            kind,
            prepared.families,
            request.as_of,
            request.lang,
            staged[0].stream,
            prepared.rulebook,
            prepared.memo,
        )
        if recorder is not None:
            recorder.rulebook(prepared.book)
        out.start()
        aggregate = kind.aggregate(prepared.params) if kind.aggregate is not None else None
        if executor is None:
            problems = _in_this_process(request, prepared, out, recorder, aggregate)
        else:
            job = parallel.job(request, prepared, recorder is not None)
            problems = parallel.evaluate(job, request.source, executor, out, recorder)
        # In row order: a kind may find a problem only once it builds a batch's facts (facts
        # that contradict each other), after the reader's; parts of a file cut elsewhere
        # than batches must report the same list in the same order.
        problems = sorted(problems, key=lambda problem: problem.row)
        if problems and request.rejects is None:
            raise InputError(list(problems))
        out.finish(aggregate.as_dict() if aggregate is not None else {})
        if request.rejects is not None:
            write_rejects(staged[1].stream, problems, request.lang)
            out.summary.refused = len({p.row for p in problems})
        if recorder is not None:  # the ledger first: an output is never left without its record
            out.summary.recorded_as = recorder.commit()
        for output in staged:
            output.publish()
    finally:
        for output in staged:
            output.discard()
    return out.summary


def _in_this_process(
    request: Request,
    prepared: Prepared,
    out: Writer,
    recorder: ledger.Recorder | None,
    aggregate: Aggregate | None,
) -> Sequence[InputProblem]:
    kind = prepared.kind
    reader = kind.reader(request.source, request.sheet)
    if recorder is not None:
        reader.on_row = recorder.input_row
    size = request.source.stat().st_size if kind.unique_rows and request.source.is_file() else 0
    progress = Progress(kind.view.noun.en, size)
    for subjects, decisions in decide(prepared, reader):
        for subject, decision in zip(subjects, decisions, strict=True):
            if aggregate is not None:
                aggregate.add(subject, decision)
            out.decision(decision, subject)
            if recorder is not None:
                recorder.decision(records.record(decision))
        progress.tick(len(subjects), reader.position)
    progress.done()
    return reader.problems
