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

from . import collector, ledger, parallel, records
from .encoding import Encoding
from .errors import InputError, InputProblem, OptionError
from .kinds import Aggregate, Kind
from .loader import RowReader
from .messages import Message, msg
from .outputs import Staged, check_distinct, sweep
from .pipeline import Prepared, decide, prepare
from .progress import Progress
from .register import Skipped
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
    header_row: int | None = None  # the register's header row (else it is found)
    keep: bool | None = None  # carry the register's own columns (None: for table and xlsx)
    bom: bool | None = None  # a CSV opens with a BOM (None: a CSV file does, stdout does not)

    @property
    def keeping(self) -> bool:
        """Whether the register's rows are carried beside the decisions: by default in the
        formats a person reads (table, workbook); a change log's rows are events, not the
        subject's row, and are not carried."""
        keep = self.fmt in ("table", "xlsx") if self.keep is None else self.keep
        return keep and self.kind.unique_rows

    @property
    def with_bom(self) -> bool:
        """A CSV written to a file opens with a BOM, for Excel (which reads UTF-8 without
        one as the system's code page: garbled on a Chinese Windows); to the terminal or a
        pipe, none. --bom/--no-bom says otherwise."""
        return self.out is not None if self.bom is None else self.bom

    workers: int | None = None  # None: every core for a large file
    executor: str = "local"
    scheduler: str | None = None
    cached: bool = True


def run(request: Request) -> Summary:
    """Evaluate the file and write its decisions; raise InputError (listing every bad cell)
    before anything is written if the file has any problem, unless rejects are asked for."""
    with collector.at_ease_while():
        return _run(request)


def _run(request: Request) -> Summary:
    kind = request.kind
    if request.rejects is not None and not kind.unique_rows:
        raise OptionError(msg("skip_change_log"))
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
        why_not = msg("why_events")
    if why_not is None and request.header_row not in (None, 1):
        why_not = msg("why_header_row")
    if why_not is None and request.keeping and request.fmt == "csv":
        why_not = msg("why_kept_csv")
    workers, notes = request.workers, []
    if workers is not None and workers > parallel.cores() and request.executor == "local":
        notes.append(msg("status_jobs_capped", asked=workers, cores=parallel.cores()))
        workers = parallel.cores()
    if workers is None:  # every core for a large file, or the cluster a user asked for
        big = request.source.is_file() and (
            request.source.stat().st_size >= parallel.auto_min_bytes(request.fmt)
        )
        wanted = request.executor == "dask" or (why_not is None and big)
        workers = parallel.cores() if wanted else 1
    if workers > 1 or request.executor == "dask":
        if why_not is not None:
            flag = "--executor dask" if request.executor == "dask" else f"--jobs {workers}"
            raise OptionError(msg("not_for_this_run", flag=flag, why=why_not))
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


def _skipped_note(skipped: Skipped) -> Message:
    if skipped.reason == "total":
        return msg("skipped_total", row=skipped.row, text=skipped.text)
    return msg("skipped_separator", row=skipped.row, text=skipped.text)


def _survey(request: Request, kind: Kind, decided: Encoding) -> list[Message]:
    """What a reader notes of the file's header (the parts of a split run each read it
    whole, and say nothing of it), the file decoded as the run decided."""
    reader = RowReader(
        request.source, kind.model, None, header_row=request.header_row, keep=request.keeping
    )
    reader.decided = decided
    return reader.survey()


def _recorder(
    request: Request, prepared: Prepared, inputs: dict[str, Path]
) -> ledger.Recorder | None:
    if request.ledger is None:
        return None
    options: dict[str, Any] = {
        "kind": prepared.kind.name,
        "families": [f.name for f in prepared.families],
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in request.options.items()},
        "context": [[c.fact, c.key, dict(c.fields)] for c in prepared.context],
        "pack_dirs": [str(p.resolve()) for p in request.packs],
    }
    if request.rejects is not None:  # its refused rows are in the ledger, without decisions
        options["skip_invalid"] = True
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
    out: Writer | None = None
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
        out.bom, out.keep = request.with_bom, request.keeping
        out.reading.source = request.source.name
        if recorder is not None:
            recorder.rulebook(prepared.book)
        out.start()
        aggregate = kind.aggregate(prepared.params) if kind.aggregate is not None else None
        if executor is None:
            problems = _in_this_process(request, prepared, out, recorder, aggregate)
        else:
            job = parallel.job(request, prepared, recorder is not None)
            problems = parallel.evaluate(job, request.source, executor, out, recorder)
            out.reading.notes = _survey(request, prepared.kind, Encoding(job.encoding))
        # In row order: a kind may find a problem only once it builds a batch's facts (facts
        # that contradict each other), after the reader's; parts of a file cut elsewhere
        # than batches must report the same list in the same order.
        problems = sorted(problems, key=lambda problem: problem.row)
        # A problem of the file itself (row 0: not one encoding, not a workbook), of its
        # title or its header leaves no valid rows to evaluate: refused, --skip-invalid or
        # not (a header's unit over the land area refused every parcel, and said nothing).
        if problems and (
            request.rejects is None or problems[0].row == 0 or any(p.whole for p in problems)
        ):
            raise InputError(list(problems))
        extra = aggregate.as_dict() if aggregate is not None else {}
        if out.reading.skipped:
            extra["skipped_rows"] = [
                {"row": s.row, "reason": s.reason, "text": s.text} for s in out.reading.skipped
            ]
        out.finish(extra)
        out.summary.notes += [*out.reading.notes, *map(_skipped_note, out.reading.skipped)]
        if request.rejects is not None:
            write_rejects(staged[1].stream, problems, request.lang, bom=request.bom is not False)
            out.summary.refused = len({p.row for p in problems})
        if recorder is not None:  # the ledger first: an output is never left without its record
            out.summary.recorded_as = recorder.commit()
        for output in staged:
            output.publish()
    except BaseException:
        if out is not None:
            out.abandon()
        raise
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
    reader = kind.reader(
        request.source, request.sheet, header_row=request.header_row, keep=request.keeping
    )
    out.reading.notes, out.reading.skipped = reader.notes, reader.skipped
    if recorder is not None:
        reader.on_row = recorder.input_row
        reader.on_rows = recorder.input_rows
        reader.on_decisions = recorder.decision_entries
    size = request.source.stat().st_size if kind.unique_rows and request.source.is_file() else 0
    progress = Progress(kind.view.noun.en, size)
    lines = out if aggregate is None else None
    for subjects, decisions in decide(prepared, reader, lines=lines):
        for subject, decision in zip(subjects, decisions, strict=True):
            if aggregate is not None:
                aggregate.add(subject, decision)
            out.decision(decision, subject)
            if recorder is not None:
                recorder.decision(records.record(decision))
        progress.tick(len(subjects), reader.position)
    progress.done()
    return reader.problems
