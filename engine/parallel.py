"""A large file on every core, or on a Dask cluster: cut at row boundaries, evaluated in
parts by worker processes with the same code as a run in one process, joined in file order.

The parent reads the file as bytes and cuts it into pieces of about PIECE_BYTES at line
ends outside quotes (a CSV cell may hold a line break; GB18030 and UTF-8 never use the
bytes of a quote or a line feed inside a character). Each piece travels with the header
line and the number of lines before it, so a worker reports the file's own row numbers.
The rule files travel as bytes (a packs.Bundle) and are checked by their sha256 on arrival:
a worker on another machine evaluates the rules the run names, not whatever its disk holds.

A worker evaluates its piece and returns the rendered decisions, the problems, the ids it
read and, for the ledger, its entries; the parent writes them in order. An id repeated
across pieces, or a CSV that stops being readable, sends the run back to one process,
whose report is the reference (decisions.md IO1).

Each worker process evaluates one piece at a time (durable_rules never releases the GIL
and a compiled ruleset is not thread-safe): Dask workers are asked for one thread each,
and a lock keeps a worker with more threads to one piece at a time.
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import ctypes
import errno
import functools
import hashlib
import importlib
import io
import os
import pickle
import re
import signal
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from multiprocessing import get_context
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Protocol

from . import collector, kinds, ledger, packs, records
from .durable_adapter import ContextFact
from .encoding import Encoding, encodable, file_encoding
from .errors import ComplyError, EngineError, InputProblem, OptionError
from .kinds import Kind
from .loader import RowReader, header_first
from .messages import Message, msg
from .outputs import scratch_dir
from .pipeline import Prepared, decide, has_columnar, prepare
from .progress import Progress
from .summary import Summary
from .writers import Writer, writer

if TYPE_CHECKING:
    from .run import Request

BUCKETS_PER_WORKER = 4  # a change log's subjects, in ranges of ids: at least this many per worker
BUCKET_BYTES = 2 << 20  # and about this much of the file in each (a worker holds one at a time)
SAMPLES = 2000  # lines read to choose the ranges
LOG_PART_EVENTS = 20_000  # a clean change log's events handed to a worker at a time, at least
LONGEST_RECORD = 8 << 20  # a record longer than this is a misread quote: one process reads it
PIECE_BYTES = 1 << 20  # about 7,000 parcels: light on memory, large enough to amortise
AUTO_MIN_BYTES = 8 << 20  # below this, one process (each worker prepares the run and learns again)
SUFFIXES = (".csv", ".txt", ".jsonl", ".ndjson")


class Fallback(Exception):
    """The parts cannot be joined into the run a single process would make."""


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to evaluate pieces of one run; sent with every piece."""

    rulebook: packs.Bundle  # the rule files, by logical name, and their sha256
    kind: str
    as_of: date
    fmt: str
    lang: str
    source: str  # the file's name, for messages
    encoding: str
    csv: bool
    options: dict[str, Any] = field(default_factory=dict)  # the kind's, by Option.dest
    context: tuple[ContextFact, ...] = ()  # the joined facts, found once by the parent
    cached: bool = True
    record: bool = False
    change_log: bool = False  # rows are events of subjects: split by subject, not by bytes
    keep: bool = False  # each row as the register wrote it goes beside its decision
    spill: str | None = None  # a directory the workers write their decisions to (this machine)
    # (and a recorded run's ledger entries: the parent copies their bytes, never decoding
    # and pickling them)


@dataclass(frozen=True)
class Piece:
    header: bytes  # a CSV's header line (empty for JSON Lines)
    data: bytes
    offset: int  # added to a row number within the piece to make the file's


@dataclass
class Part:
    """What a worker made of one piece."""

    text: str
    count: int
    problems: list[InputProblem]
    summary: Summary
    digests: list[bytes]  # the ids read as 8-byte digests, by first byte (to find repeats)
    stopped: bool  # the part cannot be joined: one process must read the file
    inputs: list[ledger.Block] = field(default_factory=list)  # the ledger's input rows, packed
    decisions: list[ledger.Block] = field(default_factory=list)  # and its decisions
    rows: int = 0
    size: int = 0  # bytes of the file the part covers (for the progress bar)
    path: str | None = None  # the decisions are in this file instead of `text` (spilled)
    skipped: bool = False  # rows were skipped (totals): one process reports them


def why_not(kind: Kind, source: Path, fmt: str, record: bool) -> Message | None:
    """Why this run cannot be split into parts, or None if it can."""
    if not kind.unique_rows and source.suffix.lower() not in (".csv", ".txt"):
        return msg("why_change_log_csv")
    if kind.whole is not None:
        return kind.whole
    from .writers import formats

    if not (formats()[fmt].joinable or formats()[fmt].gathers):
        joinable = ", ".join(name for name, w in formats().items() if w.joinable or w.gathers)
        return msg("why_format", fmt=fmt, joinable=joinable)
    if source.suffix.lower() not in SUFFIXES:
        return msg("why_workbook")
    return None


def auto_min_bytes(fmt: str) -> int:
    """The size from which a file is evaluated on every core, unasked, for this format."""
    from .writers import formats

    return formats()[fmt].every_core_from or AUTO_MIN_BYTES


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def job(request: Request, prepared: Prepared, record: bool) -> Job:
    """What the workers of this run are sent, with each piece."""
    source = request.source
    is_csv = source.suffix.lower() not in (".jsonl", ".ndjson")
    decided = file_encoding(source) if is_csv else Encoding("utf-8-sig")
    if decided.mixed is not None:
        raise Fallback("rows in two encodings: one process refuses the file")
    encoding = decided.name
    options = {o.dest: request.options.get(o.dest) for o in prepared.kind.options}
    return Job(
        prepared.book.bundle(),
        prepared.kind.name,
        request.as_of,
        request.fmt,
        request.lang,
        str(source),
        encoding,
        is_csv,
        options={k: v for k, v in options.items() if prepared.kind.option(k).role != "join"},
        context=prepared.context,
        cached=request.cached,
        record=record,
        change_log=not prepared.kind.unique_rows,
        keep=request.keeping,
    )


def pieces(path: Path, csv: bool, size: int = PIECE_BYTES) -> Iterator[Piece]:
    """The file cut at line ends outside quotes, each piece about `size` bytes."""
    with path.open("rb") as handle:
        header, rest = _first_record(handle) if csv else (b"", b"")
        header_lines = lines_before = header.count(b"\n")
        while True:
            more = handle.read(size)
            block = rest + more
            if not block:
                return
            cut = _cut(block, csv) if more else len(block)  # at the end, all that is left
            if cut == 0:  # no row ends in this block yet: read on, within reason
                if len(block) > LONGEST_RECORD:
                    raise Fallback("no row end outside quotes: a stray quote, or odd line ends")
                rest = block
                continue
            data, rest = block[:cut], block[cut:]
            yield Piece(header, data, lines_before - header_lines)
            lines_before += data.count(b"\n")


def _first_record(handle: BinaryIO) -> tuple[bytes, bytes]:
    """A CSV's header record (to its line end outside quotes) and the bytes read past it;
    with no such line end in the first LONGEST_RECORD bytes, what was read (not a header
    one can split a file after)."""
    block, start, quotes = bytearray(), 0, 0
    while True:
        more = handle.read(1 << 12)
        block += more  # a bytearray grows in place
        while (end := block.find(b"\n", start)) >= 0:
            quotes += block.count(b'"', start, end)
            if quotes % 2 == 0:
                return bytes(block[: end + 1]), bytes(block[end + 1 :])
            start = end + 1
        if not more or len(block) > LONGEST_RECORD:
            return bytes(block), b""


def _cut(block: bytes, csv: bool) -> int:
    """Where the last whole row of the block ends (after its line feed), or 0."""
    end = block.rfind(b"\n")
    if not csv:
        return end + 1
    quotes = block.count(b'"', 0, end) if end >= 0 else 0
    while end >= 0 and quotes % 2:  # that line feed is inside a quoted cell: go back
        previous = block.rfind(b"\n", 0, end)
        quotes -= block.count(b'"', previous + 1, end)
        end = previous
    return end + 1


def digests(keys: list[str]) -> list[bytes]:
    """The ids as 8-byte digests, grouped by their first byte. Two equal digests mean the
    same id (or, about once in 10^8 runs of a million rows, a collision: the run is then
    simply made again in one process)."""
    groups = [bytearray() for _ in range(256)]
    for key in keys:
        digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        groups[digest[0]] += digest
    return [bytes(group) for group in groups]


class Repeats:
    """Digests of every part's ids, kept by first byte: 8 bytes an id, checked group by
    group at the end, so the check never holds more than a 256th of them as numbers."""

    def __init__(self) -> None:
        self.groups = [bytearray() for _ in range(256)]

    def add(self, groups: list[bytes]) -> None:
        for mine, theirs in zip(self.groups, groups, strict=True):
            mine += theirs

    def found(self) -> bool:
        for group in self.groups:
            numbers = memoryview(group).cast("Q")
            if len(set(numbers)) != len(numbers):
                return True
        return False


# ---- the worker side ----

_LOCK = threading.Lock()


def evaluate_part(job: Job, piece: Piece) -> Part:
    """Evaluate one piece: the decisions rendered as the run's format, and the rest."""
    with _LOCK:
        return _evaluate_part(job, piece)


def _evaluate_part(job: Job, piece: Piece) -> Part:
    kind = kinds.by_name(job.kind)
    text = _text(job, piece)
    if _doubtful(job, piece, text):
        return Part("", 0, [], Summary(), [], stopped=True)
    part = (text, piece.offset)
    reader = kind.reader(Path(job.source), part=part, keep=job.keep)
    done = _evaluate_reader(job, reader)
    done.size = len(piece.data)
    _release()
    return done


def _release() -> None:
    """Give the heap back to the system (glibc keeps what is freed) once a part has left
    more than TRIM_ABOVE of it free: a worker keeps no more than that between parts. An
    ordinary part leaves less (10 to 23 MB of 1M parcels), kept for the next part: given
    back after every part, it was faulted in again page by page, 1 s of the workers' 15 at
    1M parcels, for 7 MB less at the peak. A change log's parts leave up to 36 MB, parts of
    records of several megabytes up to 53 MB."""
    libc = _libc()
    if libc is None:  # not glibc: nothing to trim
        return
    info = getattr(libc, "mallinfo2", None)  # glibc 2.33 on; before, trim every time
    if info is not None and info().fordblks < TRIM_ABOVE:
        return
    libc.malloc_trim(0)


TRIM_ABOVE = 32 << 20
_MALLINFO2 = "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost"


class _MallInfo(ctypes.Structure):
    """glibc's struct mallinfo2: the heap's figures, in bytes."""

    _fields_ = [(name, ctypes.c_size_t) for name in _MALLINFO2.split()]


@functools.cache
def _libc() -> Any:
    """The C library, if it is glibc (it has malloc_trim)."""
    try:
        libc = ctypes.CDLL(None)
        libc.malloc_trim.argtypes, libc.malloc_trim.restype = [ctypes.c_size_t], ctypes.c_int
    except (OSError, AttributeError):
        return None
    with contextlib.suppress(AttributeError):
        libc.mallinfo2.argtypes, libc.mallinfo2.restype = [], _MallInfo
    return libc


def _doubtful(job: Job, piece: Piece, text: str) -> bool:
    """Whether the piece may have been cut or counted otherwise than one process reads the
    file: a carriage return alone (a line end to Python, not to the cut, nor to the row
    count), or, in a CSV, a quote that does not open or close a quoted cell (the cut counts
    quotes as if every one did)."""
    for data in (piece.header, piece.data):
        if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
            return True
    return job.csv and '"' in text and '"' in _QUOTED_CELL.sub("", text)


# A quoted cell, as RFC 4180 writes it: at the start of a record or after a comma, closed
# before a comma or a line end, quotes inside doubled.
_QUOTED_CELL = re.compile(r'(?:^|(?<=[,\n]))"(?:[^"]++|"")*+"(?=,|\r?\n|\Z)')


def _text(job: Job, piece: Piece) -> str:
    # A byte-order mark can only open the file: the header, or a JSON Lines file's first piece.
    first = not job.csv and piece.offset == 0
    body = "utf-8" if job.encoding == "utf-8-sig" and not first else job.encoding
    return piece.header.decode(job.encoding, "surrogateescape") + piece.data.decode(
        body, "surrogateescape"
    )


def _evaluate_reader(job: Job, reader: RowReader) -> Part:
    prepared = _prepared(job)
    inputs, entries = (ledger.Packer(), ledger.Packer()) if job.record else (None, None)
    rows = 0
    if inputs is not None and entries is not None:

        def on_row(row: int, raw: dict[str, Any]) -> None:
            nonlocal rows
            rows += 1
            inputs.write(ledger.input_entry(row, raw))

        def on_rows(made: str, count: int) -> None:
            nonlocal rows
            rows += count
            inputs.write(made)

        def on_decisions(made: str, count: int) -> None:  # counted by the writer's summary
            entries.write(made)

        reader.on_row, reader.on_rows, reader.on_decisions = on_row, on_rows, on_decisions
    out: IO[str] = io.StringIO()
    if job.spill is not None:  # written where the parent will copy it from, byte for byte
        out = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, kept for the parent
            "w", encoding="utf-8", newline="", dir=job.spill, suffix=".part", delete=False
        )
    written = _writer(job, prepared, out)
    try:
        for subjects, decisions in decide(prepared, reader, lines=written):
            for subject, decision in zip(subjects, decisions, strict=True):
                written.decision(decision, subject)
                if entries is not None:
                    entries.write(ledger.decision_entry(records.record(decision)))
        written.part_written()
    finally:
        _closed(out)
    return Part(
        text=out.getvalue() if isinstance(out, io.StringIO) else "",
        path=out.name if job.spill is not None else None,
        count=written.summary.subjects,
        problems=reader.problems,
        summary=written.summary,
        digests=digests(reader.keys),
        stopped=reader.stopped,
        inputs=_made(inputs),
        decisions=_made(entries),
        rows=rows,
        skipped=bool(reader.skipped),
    )


def _closed(*written: IO[str] | None) -> None:
    """Close the files a worker wrote, every one though one fails (a full disk: a file left
    open would fail again when collected, and print that), then raise the first failure."""
    failed: OSError | None = None
    for made in written:
        if made is not None and not isinstance(made, io.StringIO):
            try:
                made.close()
            except OSError as exc:
                failed = failed or exc
    if failed is not None:
        raise failed


def _made(entries: ledger.Packer | None) -> list[ledger.Block]:
    """The entries written, in the ledger's blocks: compressed here, while the other worker
    evaluates (the parent then only chains them)."""
    return entries.packed() if entries is not None else []


# A change log in two steps. Split: each piece's records go to the bucket of their subject,
# buckets being ranges of subject ids. Evaluate: each bucket is read, sorted and evaluated
# whole; buckets in id order give the decisions in the order one process writes them.


@dataclass
class Split:
    buckets: list[bytes]  # per bucket, the piece's (row, cells) records, pickled
    doubtful: bool  # an unreadable record or an undecodable byte: one process decides


def split_piece(job: Job, piece: Piece, column: int, bounds: list[str]) -> Split:
    with _LOCK:
        text = _text(job, piece)
        doubtful = not encodable(text) or _doubtful(job, piece, text)
        reader = csv.reader(io.StringIO(text, newline=""))
        buckets: list[list[tuple[int, list[str]]]] = [[] for _ in range(len(bounds) + 1)]
        start = 1
        try:
            for cells in reader:
                if start > 1 or not piece.header:
                    key = cells[column].strip() if column < len(cells) else ""
                    buckets[bisect.bisect_right(bounds, key)].append((start + piece.offset, cells))
                start = reader.line_num + 1
        except csv.Error:
            doubtful = True
        return Split([pickle.dumps(b, pickle.HIGHEST_PROTOCOL) for b in buckets], doubtful)


def evaluate_bucket(job: Job, header: list[str], blobs: list[bytes]) -> Part:
    with _LOCK:
        kind = kinds.by_name(job.kind)
        records_ = [record for blob in blobs for record in pickle.loads(blob)]
        reader = kind.reader(Path(job.source), records=(header, records_))
        done = _evaluate_reader(job, reader)
        done.size = sum(len("".join(cells)) + len(cells) for _, cells in records_)
        return done


def _key(job: Job) -> tuple[Any, ...]:
    return (
        job.rulebook.sha256,
        job.kind,
        job.as_of,
        job.cached,
        repr(sorted(job.options.items())),
        job.context,
    )


_PREPARED: dict[tuple[Any, ...], Prepared] = {}
_WRITERS: dict[tuple[Any, ...], Writer] = {}


def _prepared(job: Job) -> Prepared:
    """The run made ready in this worker, once per run: what it learns (the memo) serves
    every part it evaluates."""
    key = _key(job)
    if key not in _PREPARED:
        kind = kinds.by_name(job.kind)
        _PREPARED[key] = prepare(
            kind,
            job.as_of,
            job.options,
            cached=job.cached,
            context=job.context,
            book=job.rulebook.load(),
        )
    return _PREPARED[key]


def _writer(job: Job, prepared: Prepared, out: IO[str]) -> Writer:
    """A writer for the next part, writing to `out`: one per process and run, so what it
    encodes once (titles, action heads) serves every part."""
    key = (*_key(job), job.fmt, job.lang)
    found = _WRITERS.get(key)
    if found is None:
        found = _WRITERS[key] = writer(
            job.fmt,
            prepared.kind,
            prepared.families,
            job.as_of,
            job.lang,
            out,
            prepared.rulebook,
            prepared.memo,
        )
    found.restart(out)
    return found


# ---- the parent side ----


class Executor(Protocol):
    def submit(self, function: Any, *args: Any) -> Any: ...  # a future with .result()

    def close(self) -> None: ...

    @property
    def workers(self) -> int: ...

    @property
    def local(self) -> bool: ...


def die_with_parent(parent: int) -> None:
    """A worker ends when the process that started it ends, even by SIGKILL (Linux: the
    parent-death signal), so no worker outlives a killed run."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _worker_starts(parent: int) -> None:
    """A worker's first step: it dies with the run, a SIGTERM ends it as it ends a process
    that did not inherit the run's handler (one that stops the whole run), a Ctrl-C stops
    only the part it is working on (_working), and its garbage collector runs as the
    run's does (engine/collector.py)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, _interrupted)
    if hasattr(signal, "pthread_sigmask"):  # held back while it started (_interrupts_held)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    collector.at_ease()  # a spawned worker's own; a forked one has the run's already
    die_with_parent(parent)


_WORKING = False  # a worker is evaluating a part (not waiting for one)


def _interrupted(signum: int, frame: Any) -> None:
    """Ctrl-C in a worker (the terminal sends it to every process of the run): the part
    it is working on stops, and the run says "Aborted!". A worker waiting for its next
    part lets the run end it: interrupted there, it printed its own traceback."""
    if _WORKING:
        raise KeyboardInterrupt


def _working(function: Any, *args: Any) -> Any:
    """A part's work in a worker, which a Ctrl-C interrupts."""
    global _WORKING
    _WORKING = True
    try:
        return function(*args)
    finally:
        _WORKING = False


def start_method() -> str:
    """How workers start: forked from the run where that is safe, a copy of it with every
    module already imported (a worker is ready in milliseconds, not after importing numpy,
    Arrow, pydantic and the engine again, about 0.7 s of a core each); else spawned fresh.
    Forking is safe on Linux while the run has no Python thread but its own: a lock such a
    thread held at the fork (the import lock, a stream's) would stay held in the worker for
    ever. The threads numpy and Arrow start themselves (OpenBLAS's, jemalloc's, Arrow's
    pool) run no Python and are made ready again in a forked process by their libraries'
    own fork handlers. A program that runs threads of its own (a test runner, a server
    embedding Comply) gets spawned workers."""
    if not sys.platform.startswith("linux"):
        return "spawn"
    return "fork" if threading.active_count() == 1 else "spawn"


class LocalExecutor:
    """Worker processes on this machine, started at the first call (the way start_method
    finds then: the workers are forked at that moment)."""

    local = True  # workers share this machine's disk

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, function: Any, *args: Any) -> Any:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=get_context(start_method()),
                initializer=_worker_starts,
                initargs=(os.getpid(),),
            )
        with _interrupts_held():  # workers start here: forked, all at the first call
            return self._pool.submit(_working, function, *args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


CONNECT_SECONDS = 30  # a scheduler that has not answered by then is not answering


def _connected(distributed: Any, address: str) -> Any:
    """A client of the scheduler at `address`, or OptionError once CONNECT_SECONDS pass: a
    server that accepts the connection and never answers must not hang the run (the
    client's own timeout does not cover every step of the handshake)."""
    found: dict[str, Any] = {}

    def connect() -> None:
        try:
            client = distributed.Client(address, timeout=f"{CONNECT_SECONDS // 3}s")
            client.wait_for_workers(1, timeout=CONNECT_SECONDS // 2)
            found["client"] = client
        except Exception as exc:
            found["error"] = exc

    attempt = threading.Thread(target=connect, name="comply-dask-connect", daemon=True)
    attempt.start()
    attempt.join(CONNECT_SECONDS)
    if "client" in found:
        return found["client"]
    reason = found.get("error") or f"no answer within {CONNECT_SECONDS} s"
    raise OptionError(msg("dask_unreachable", where=f"--scheduler {address}", reason=reason))


class DaskExecutor:
    """A Dask cluster: the scheduler at `address`, or a local cluster of `workers`."""

    local = False  # workers may be on other machines: results travel back

    def __init__(self, address: str | None, workers: int) -> None:
        try:
            distributed: Any = importlib.import_module("dask.distributed")
        except ImportError:
            raise OptionError(msg("dask_missing")) from None
        self._cluster: Any = None
        try:
            if address is None:
                with _interrupts_ignored():
                    self._cluster = distributed.LocalCluster(
                        n_workers=workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=40,
                    )
                self._client = distributed.Client(self._cluster)
            else:
                self._client = _connected(distributed, address)
        except OptionError:
            raise
        except Exception as exc:  # an address it cannot parse or reach, a cluster that fails
            if self._cluster is not None:
                self._cluster.close()
            where = f"--scheduler {address}" if address else "--executor dask"
            raise OptionError(msg("dask_unreachable", where=where, reason=exc)) from None
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))

    def submit(self, function: Any, *args: Any) -> Any:
        return self._client.submit(function, *args, pure=False)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Ctrl-C held back (blocked, not lost) while workers may be started: a worker started
    with it blocked unblocks it once its own handler is set (_worker_starts). One that got
    it before, still with the run's handler, printed a traceback ("Exception in
    initializer") and broke the pool. The run gets a Ctrl-C held back once this ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    kept = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, kept)


@contextlib.contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """Ctrl-C ignored while a local Dask cluster starts, so that its worker processes start
    ignoring it: the run ends them when it is interrupted (Ctrl-C reaches every process of
    the run from a terminal, and each of Dask's printed its traceback). A Ctrl-C in that
    time (half a second here) is not seen."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    kept = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, kept)


def executor(name: str, scheduler: str | None, workers: int) -> Executor:
    if name == "dask":
        return DaskExecutor(scheduler, workers)
    return LocalExecutor(workers)


def evaluate(
    job: Job,
    source: Path,
    executor: Executor,
    out: Writer,
    recorder: ledger.Recorder | None,
) -> list[InputProblem]:
    """The file's parts, evaluated by the executor's workers, written by `out` (and the
    ledger) in the order one process writes them; the problems found. Raises Fallback for
    a file one process must read."""
    problems: list[InputProblem] = []
    repeats = Repeats()
    with contextlib.ExitStack() as stack:
        if executor.local:
            job = replace(job, spill=stack.enter_context(scratch_dir("parts")))
            _imported_before_forking(job)
        # Closed first on the way out (the stack unwinds in reverse): the workers have stopped
        # before their scratch directory goes, or a part still being written keeps it.
        stack.callback(executor.close)
        stream = out.out
        first = True
        progress = Progress(out.view.noun.en, source.stat().st_size)
        done_bytes = 0
        for part in parts(job, source, executor, recorder):
            if part.stopped:
                raise Fallback("a CSV record could not be read")
            if part.skipped:
                raise Fallback("rows that are no subject (totals): one process reports them")
            if job.change_log and part.problems:  # reported as one process reads the log
                raise Fallback("the change log has problems")
            repeats.add(part.digests)
            if out.gathers:
                out.gather(_taken(part))
            else:
                if part.count:
                    stream.write("" if first else out.between_parts())
                    first = False
                _append(stream, part)
            out.summary.merge(part.summary)
            problems += part.problems
            if recorder is not None:
                recorder.extend(part.inputs, part.decisions, part.rows, part.count)
            done_bytes += part.size
            progress.tick(part.count, functools.partial(int, done_bytes))
        progress.done()
        if repeats.found():
            raise Fallback("an id is repeated across parts")
    return problems


def _imported_before_forking(job: Job) -> None:
    """The columnar path (numpy, Arrow and the engine's columnar modules), imported here
    before the workers are forked from this process, if they will be and the kind has the
    path (not switched off, COMPLY_COLUMNAR=0): they share its pages with this process,
    not each a copy of their own (12 MB less at the peak, all processes together, at 1M
    parcels), nor each spend 0.1 to 0.2 s importing."""
    if has_columnar(kinds.by_name(job.kind)) and start_method() == "fork":
        importlib.import_module(f"{__package__}.columnar")


def _spilled(path: str) -> BinaryIO:
    """A part's file, as its worker spilled it, open to read."""
    try:
        return open(path, "rb")  # the caller closes it
    except OSError as exc:  # the scratch space was removed under the run
        raise EngineError(msg("worker_failed", reason=f"{type(exc).__name__}: {exc}")) from None


def _taken(part: Part) -> str:
    """A part's decisions as its worker wrote them (for a writer that gathers parts)."""
    if part.path is None:
        return part.text
    with _spilled(part.path) as spilled:
        text = spilled.read().decode("utf-8")
    os.unlink(part.path)
    return text


def _append(stream: IO[str], part: Part) -> None:
    """A part's decisions after those written: its text, or its file copied by the kernel."""
    if part.path is None:
        stream.write(part.text)
        return
    stream.flush()
    with _spilled(part.path) as spilled:
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


def parts(
    job: Job, source: Path, executor: Executor, recorder: ledger.Recorder | None = None
) -> Iterator[Part]:
    """The parts of the file, in the order one process writes them. Raises Fallback for a
    file one process must read: a CSV header that is not one good record, or none. A
    change log's input rows are handed to the `recorder` here (a part holds none)."""
    if job.csv:
        _check_header(job, source)
    if job.change_log:
        yield from _bucket_parts(job, source, executor, recorder)
        return
    calls = ((evaluate_part, job, p) for p in pieces(source, job.csv, PIECE_BYTES))
    yield from _in_order(executor, calls)


def _in_order(executor: Executor, calls: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
    """The results of the calls, in order; a few are ahead in the workers."""
    ahead: deque[Any] = deque()
    window = 2 * executor.workers
    for function, *args in calls:
        ahead.append(_guarded(executor.submit, function, *args))
        if len(ahead) >= window:
            yield _guarded(ahead.popleft().result)
    while ahead:
        yield _guarded(ahead.popleft().result)


def _guarded(call: Any, *args: Any) -> Any:
    """Submit to the workers, or take a result; a failure as an error a user can act on."""
    try:
        return call(*args)
    except ComplyError:
        raise
    except Exception as exc:  # a worker killed, out of memory, a cluster gone
        if isinstance(exc, OSError) and exc.errno in _DISK_FULL:
            raise  # as when this process writes: "writing failed", exit 2
        raise EngineError(msg("worker_failed", reason=f"{type(exc).__name__}: {exc}")) from None


# A worker's write refused for want of room (its part, its ledger entries, a bucket).
_DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def _check_header(job: Job, source: Path) -> list[str]:
    """The header's cells, if it is one record ending in a line feed, naming the contract's
    columns as one process would accept them; else Fallback (one process reports it)."""
    with source.open("rb") as handle:
        header_bytes, rest = _first_record(handle)
        rest = rest or handle.read(1)
    if not header_bytes.endswith(b"\n") or not rest or b"\r" in header_bytes[:-2]:
        raise Fallback("no header record ending a line, or nothing after it")
    text = header_bytes.decode(job.encoding, "surrogateescape")
    try:
        cells = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        raise Fallback("an unreadable header") from None
    kind = kinds.by_name(job.kind)
    reader = RowReader(source, kind.model, None)
    if reader.header(cells) is None or reader.problems:
        raise Fallback("the header has problems")
    if not header_first(source, job.encoding, reader.contract):
        raise Fallback("one process finds the header further down")
    return cells


def _bucket_parts(
    job: Job, source: Path, executor: Executor, recorder: ledger.Recorder | None
) -> Iterator[Part]:
    kind = kinds.by_name(job.kind)
    header = _check_header(job, source)
    read = _columnar_log(job, kind, source, header, executor, recorder)
    if read is not None:  # read in pieces and sorted whole; decided in parts of projects
        cells, log = read
        events, size = max(len(log.rows), 1), source.stat().st_size
        parts_ = log.parts(max(LOG_PART_EVENTS, len(log.rows) // (4 * executor.workers) + 1))
        in_parts = (
            (evaluate_log, job, cells, part, size * len(part.rows) // events) for part in parts_
        )
        yield from _in_order(executor, in_parts)
        return
    if recorder is not None:
        raise Fallback("a recorded change log not read as columns: its rows go in file order")
    column = RowReader(source, kind.model, None).column_of(header, kind.id_field)
    if column is None:
        raise Fallback("the header does not name the subject's column once")
    count = max(BUCKETS_PER_WORKER * executor.workers, source.stat().st_size // BUCKET_BYTES)
    bounds = _bounds(source, job, column, count)
    with scratch_dir("buckets") as spill:
        files = [Path(spill) / f"{n}.bin" for n in range(len(bounds) + 1)]
        handles = [f.open("wb") for f in files]
        try:
            splits = (
                (split_piece, job, p, column, bounds) for p in pieces(source, True, PIECE_BYTES)
            )
            for split in _in_order(executor, splits):
                if split.doubtful:
                    raise Fallback("an unreadable record or an undecodable byte")
                for out, blob in zip(handles, split.buckets, strict=True):
                    out.write(len(blob).to_bytes(8, "big") + blob)
        finally:
            for out in handles:
                out.close()
        calls = ((evaluate_bucket, job, header, _blobs(f)) for f in files)
        yield from _in_order(executor, calls)


def _columnar_log(
    job: Job,
    kind: Kind,
    source: Path,
    header: list[str],
    executor: Executor,
    recorder: ledger.Recorder | None,
) -> Any:
    """A clean change log read by the columnar path (engine/columnar/budget.py), a piece
    on each worker, joined and sorted here; or None: the buckets below, each read by a
    worker (the row path where it must). A recorded log's rows go to the ledger here, in
    file order, each piece's made by the worker that read it."""
    # Not for a run the columnar path does not take (the workers decide the parts it reads
    # by it alone): one keeping the register's rows, or asking the engine for every
    # subject (--no-cache).
    if kind.columnar_log is None or not has_columnar(kind) or job.keep or not job.cached:
        return None
    from .columnar import budget

    pieces_ = ((read_log_piece, job, p) for p in pieces(source, True, PIECE_BYTES))
    found = []
    for piece in _in_order(executor, pieces_):
        if piece is None:
            return None  # not clean: read again, a bucket at a time
        columns_, inputs, rows = piece
        if recorder is not None:
            recorder.extend(inputs, [], rows, 0)
        found.append(columns_)
    log = budget.joined(found)
    return (header, log) if log is not None else None


def read_log_piece(job: Job, piece: Piece) -> Any:
    """A piece of a change log as columns (engine/columnar/budget.py), or None if a row is
    one the columnar path does not vouch for."""
    with _LOCK:
        from .columnar import budget

        text = _text(job, piece)
        if _doubtful(job, piece, text):
            return None
        reader = kinds.by_name(job.kind).reader(Path(job.source), part=(text, piece.offset))
        entries: list[str] | None = [] if job.record else None  # the ledger's input rows
        found = budget.read_columns(reader, None, entries)
        if found is None:
            return None
        made = ledger.pack("".join(entries)) if entries else []
        return found[1], made, len(found[1][2]) if job.record else 0


def evaluate_log(job: Job, cells: list[str], log: Any, size: int) -> Part:
    """Evaluate part of a change log the parent read (whole projects, sorted)."""
    with _LOCK:
        reader = kinds.by_name(job.kind).reader(Path(job.source))
        reader.given = (cells, log)
        done = _evaluate_reader(job, reader)
        done.size = size
        _release()
        return done


def _blobs(path: Path) -> list[bytes]:
    found, data, at = [], path.read_bytes(), 0
    while at < len(data):
        size = int.from_bytes(data[at : at + 8], "big")
        found.append(data[at + 8 : at + 8 + size])
        at += 8 + size
    return found


def _bounds(source: Path, job: Job, column: int, buckets: int) -> list[str]:
    """Subject ids that cut the file's subjects into `buckets` ranges of similar size,
    from a sample of its lines (a poor sample only makes the buckets uneven)."""
    size = source.stat().st_size
    keys: set[str] = set()
    with source.open("rb") as handle:
        for n in range(SAMPLES):
            handle.seek(size * n // SAMPLES)
            window = handle.read(1 << 12).split(b"\n")  # a line, if one ends nearby
            if len(window) < 3:
                continue
            line = window[1].decode(job.encoding, "replace")
            try:
                cells = next(csv.reader([line]), [])
            except csv.Error:
                continue  # a sample only: a line it cannot read is not needed
            if column < len(cells) and cells[column].strip():
                keys.add(cells[column].strip())
    ordered = sorted(keys)
    if not ordered:
        return []
    return sorted({ordered[len(ordered) * n // buckets] for n in range(1, buckets)})
