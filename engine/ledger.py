"""The decision ledger: every recorded run, hash-chained and signed, so a later change shows.

One table holds the chain. For each run: a header (the schema version, command, as-of date,
options, the input files' names and hashes, the operator, Comply's version, the rulebook's
identity with its packs), the text of every rule file it used (once per content hash),
every input row, every decision, and a seal. Decisions are kept as records of codes,
values and dates (engine/records.py), never as rendered in a language.

A run's input rows and decisions are kept in blocks: each block is a record of the chain
(kind 'block') whose body names its entries (the first and the last, how many) and holds the
SHA-256 of their bytes as stored, compressed with Zstandard, in the table `blocks` beside the
chain. One record per block, not per entry, is what lets a run of a million parcels be
recorded in about the time it takes to evaluate it (one hash-chained record per entry was
3.6 times the run unrecorded). Runs recorded before kept one record per entry (schema 2):
they are read and verified as they were, and such a ledger takes no new run (an earlier
comply would read a run's blocks as no entries at all).

What proves what:
- each record's hash covers the previous record's hash and everything the record holds,
  its position and its run included, so altering, moving, inserting or removing a record
  breaks the chain from there; a block's record holds the hash of its entries' bytes, so
  altering an entry breaks its block (verify names the block, and its first and last entry);
- each run ends with a seal signed with the bureau's Ed25519 key (`comply ledger keygen`),
  which the database does not hold: nobody without the key can append a run, or rewrite
  the chain and its hashes, without `verify --public-key` naming the first bad run;
- `comply ledger head` prints the chain's end (record number and hash) for the bureau to
  keep elsewhere; `verify --head` then names any truncation or rollback past it;
- every commit is checkpointed into the database file, so a lost WAL file loses nothing.

A run is spooled while it is evaluated and appended in one transaction (BEGIN IMMEDIATE:
concurrent recorders queue for the write lock and each reads the chain's true end).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import operator
import os
import pickle
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .errors import ComplyError
from .messages import Message, msg
from .packs import Rulebook
from .records import READ, SCHEMA

if TYPE_CHECKING:  # the keys' library is imported where keys are used (30 ms of start-up)
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

GENESIS = "0" * 64
TABLES = """
CREATE TABLE IF NOT EXISTS chain (
    seq INTEGER PRIMARY KEY,
    run INTEGER NOT NULL,
    kind TEXT NOT NULL,   -- run | rulebook | input | decision | seal
    key TEXT NOT NULL,    -- run: command; rulebook: sha256; input: row; decision: subject
    body TEXT NOT NULL,   -- canonical JSON
    prev TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chain_runs ON chain (run) WHERE kind = 'run';
CREATE INDEX IF NOT EXISTS chain_rulebook ON chain (key) WHERE kind = 'rulebook';
CREATE TABLE IF NOT EXISTS blocks (
    seq INTEGER PRIMARY KEY,  -- the chain's record of the block
    data BLOB NOT NULL        -- its entries, spooled lines, compressed (Zstandard)
);
"""
# Indexes of the few entries looked up by kind: a run's header, a rule file kept once. A
# run's other entries lie between its header and the next run's (one transaction each): they
# are found by number. (An index of every entry by (run, kind), as ledgers made before had,
# was a quarter of the time SQLite took to append a run; those ledgers keep it.) Pages of
# 32 KiB for a new ledger (one made before keeps its size): a block's bytes are about half a
# megabyte, and a run appends a block for every 7,000 parcels or so.
PAGE_SIZE = 32768
# A block holds whole entries, about this many bytes of them before compression: some 7,000
# parcels' input rows, or 13,000 decisions. Zstandard at level 1 compresses the spooled lines
# three times faster than zlib at its fastest, to a third less (measured on 100k parcels'
# entries: 0.10 s against 0.30 s, 6.1 MB against 8.9 MB).
BLOCK_BYTES = 4 << 20
CODEC = "zstd"
LEVEL = 1
SIGNED = "comply-ledger/{schema}\x1f{run}\x1f{last}"  # what a run's seal signs


class LedgerError(ComplyError):
    """The ledger cannot be opened, written or read as asked."""


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


# What json.dumps(ensure_ascii=False) writes of a string (quoted, escaped), made directly for
# the entries written most (an input row of text cells, an entry's kind and key).
_STRING = json.encoder.encode_basestring
_ORDERS: dict[tuple[str, ...], tuple[list[str], list[str]] | None] = {}


def _canonical_texts(value: dict[str, Any]) -> str:
    """canonical(value) of a dict of strings; canonical() itself for any other value."""
    keys = tuple(value)
    if keys not in _ORDERS:
        if len(_ORDERS) > 64:
            _ORDERS.clear()
        order = sorted(keys) if all(key.__class__ is str for key in keys) else None
        _ORDERS[keys] = (order, [_STRING(k) + ":" for k in order]) if order else None
    found = _ORDERS[keys]
    if found is None:
        return canonical(value)
    order, heads = found
    texts = [value[key] for key in order]
    try:
        "".join(texts)  # only strings (in C: a number or a None raises)
    except TypeError:
        return canonical(value)
    return "{" + ",".join(map(operator.add, heads, map(_STRING, texts))) + "}"


def entry_hash(prev: str, seq: int, run: int, kind: str, key: str, body: str) -> str:
    """A record's hash: the previous hash and every column that carries meaning."""
    fields = (prev, str(seq), str(run), kind, key, body)
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


# ---- keys ----


def keygen(path: Path) -> Path:
    """A new signing key: the private key at `path` (readable by its owner only) and the
    public key beside it, `path`.pub. Refuses to overwrite either."""
    public = path.with_name(path.name + ".pub")
    for target in (path, public):
        if target.exists() or target.is_symlink():
            raise LedgerError(msg("key_exists", path=target))
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(private_pem)
        public.write_bytes(public_pem)
    except OSError as exc:
        raise LedgerError(msg("key_unwritable", path=path, reason=exc.strerror)) from None
    return public


def private_key(path: Path) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise LedgerError(msg("signing_key_bad", path=path, reason=exc)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise LedgerError(msg("signing_key_bad", path=path, reason=type(key).__name__))
    return key


def public_key(path: Path) -> Ed25519PublicKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (OSError, ValueError, TypeError) as exc:
        raise LedgerError(msg("public_key_bad", path=path, reason=exc)) from None
    if not isinstance(key, Ed25519PublicKey):
        raise LedgerError(msg("public_key_bad", path=path, reason=type(key).__name__))
    return key


def fingerprint(key: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


# ---- writing ----


def _connect(path: Path, create: bool) -> sqlite3.Connection:
    """The ledger's database; a file that is not one, or is damaged, is a LedgerError."""
    try:
        if create:
            db = _created(path)
        else:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=600)
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    except sqlite3.Error as exc:
        raise LedgerError(msg("ledger_cannot_open", path=path, reason=exc)) from None
    if "chain" not in tables:
        db.close()
        raise LedgerError(msg("ledger_no_chain", path=path))
    return db


def _created(path: Path) -> sqlite3.Connection:
    """The ledger opened to append to, made if new: in WAL, its tables there. Several
    runs recording at once into a new ledger (four processes of the test suite, on a busy
    machine) once had one told "database is locked" here at once, not after the busy
    timeout; not seen again in 200 such races. Each step is idempotent: on that error, the
    whole is tried again, for up to CREATE_WAIT seconds."""
    waited, attempt = 0.0, 0
    while True:
        db = sqlite3.connect(path, timeout=600, isolation_level=None)
        try:
            db.execute(f"PRAGMA page_size={PAGE_SIZE}")  # a ledger made before keeps its own
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(TABLES)
            return db
        except sqlite3.OperationalError as exc:
            db.close()
            if "locked" not in str(exc) or waited >= CREATE_WAIT:
                raise
            pause = min(0.5, 0.02 * 2**attempt)
            time.sleep(pause)
            waited, attempt = waited + pause, attempt + 1


CREATE_WAIT = 30.0


@dataclass
class Recorder:
    """Collects one run's entries on disk while it is evaluated; appends them at the end:
    the rule files, then every input row in file order, then every decision in output order
    (the same entries whether the run was made by one process or in parts), then the seal.
    Input rows and decisions go in blocks, packed as they are made: by the workers, or here
    from entries given as text (a run in one process)."""

    path: Path
    command: str
    as_of: str
    options: dict[str, Any]
    inputs: dict[str, Path] = field(default_factory=dict)  # role -> file, named and hashed
    operator: str = ""
    signing_key: Path | None = None
    header: dict[str, Any] = field(init=False)
    rows: int = field(init=False, default=0)
    decisions: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self._key = private_key(self.signing_key) if self.signing_key is not None else None
        self.header = {
            "schema": SCHEMA,
            "command": self.command,
            "as_of": self.as_of,
            "options": self.options,
            "operator": self.operator,
            "comply": _version(),
            "inputs": [
                {"role": role, "name": str(path), "sha256": _file_sha256(path)}
                for role, path in self.inputs.items()
            ],
            "recorded_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        self._sources: list[tuple[str, str]] = []  # (sha256, body) of each file read
        # Each stream's blocks, pickled one after another to a file of its own: packed by
        # the workers, or here from entries given as text (a run in one process).
        self._packed: dict[str, BinaryIO] = {
            stream: tempfile.TemporaryFile("w+b")  # noqa: SIM115 - closed by commit
            for stream in ("input", "decision")
        }
        self._inputs, self._decisions = (
            Packer(functools.partial(_dump, spool)) for spool in self._packed.values()
        )

    def check(self) -> None:
        """Refuse now a ledger the run could not be appended to (before anything is written):
        a foreign or damaged file, another schema, a directory that cannot take a new one."""
        path = self.path
        if not path.exists():
            if not path.parent.is_dir() or not os.access(path.parent, os.W_OK | os.X_OK):
                raise LedgerError(msg("ledger_cannot_create", path=path))
            return
        if not path.is_file():
            raise LedgerError(msg("ledger_not_a_file", path=path))
        try:
            with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
                tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
                if tables and "chain" not in tables:
                    raise LedgerError(msg("ledger_other_database", path=path, reason="-"))
                if tables:  # none yet: a ledger another run is creating this moment
                    check_schema(db, path, appending=True)
        except sqlite3.Error as exc:
            raise LedgerError(msg("ledger_other_database", path=path, reason=exc)) from None

    def rulebook(self, book: Rulebook) -> None:
        """The run's rulebook: its identity in the header, every file it was loaded from
        (rule files, laws, packs) kept by content hash, once per ledger."""
        self.header["rulebook"] = book.identity()
        sources = {}
        for name, data in sorted(book.sources().items()):
            sha = hashlib.sha256(data).hexdigest()
            sources[name] = sha
            try:
                body = {"name": name, "text": data.decode("utf-8")}
            except UnicodeDecodeError:
                body = {"name": name, "base64": base64.b64encode(data).decode("ascii")}
            self._sources.append((sha, canonical(body)))
        self.header["sources"] = sources
        self.header["packs"] = [p.root.name for p in book.packs]

    def input_row(self, row: int, raw: dict[str, Any]) -> None:
        self.rows += 1
        self._inputs.write(input_entry(row, raw))

    def input_rows(self, entries: str, rows: int) -> None:
        """Input rows already made as input_entry makes them, in order."""
        self.rows += rows
        self._inputs.write(entries)

    def event_row(self, row: int, raw: dict[str, Any]) -> None:
        """A row of the run's events file (kinds.Events), kept beside its input rows."""
        self._inputs.write(spooled("event", str(row), raw))

    def decision(self, record: dict[str, Any]) -> None:
        self.decisions += 1
        self._decisions.write(decision_entry(record))

    def decision_entries(self, entries: str, count: int) -> None:
        """Decisions already made as decision_entry makes them, in order."""
        self.decisions += count
        self._decisions.write(entries)

    def extend(
        self, inputs: str | list[Block], decisions: str | list[Block], rows: int, count: int
    ) -> None:
        """Entries made elsewhere (by a worker evaluating a part of the input), in order:
        their text, or the blocks the worker packed them in (pack)."""
        for packer, made in ((self._inputs, inputs), (self._decisions, decisions)):
            if isinstance(made, str):
                packer.write(made)
            else:
                packer.packed()  # entries given before: into blocks first, to keep their order
                packer.sink(made)
        self.rows += rows
        self.decisions += count

    def restart(self) -> None:
        """Forget the entries so far: the run is evaluated again from the start."""
        self._sources.clear()
        for packer in (self._inputs, self._decisions):
            packer.forget()
        for spool in self._packed.values():
            spool.seek(0)
            spool.truncate()
        self.rows = self.decisions = 0

    def commit(self) -> int:
        """Append the run to the chain in one transaction, sealed; return its number."""
        for packer in (self._inputs, self._decisions):
            packer.packed()
        for spool in self._packed.values():
            spool.seek(0)
        with closing(_connect(self.path, create=True)) as db:
            try:
                db.execute("BEGIN IMMEDIATE")
                check_schema(db, self.path, appending=True)
                last = db.execute(
                    "SELECT seq, hash FROM chain ORDER BY seq DESC LIMIT 1"
                ).fetchone()
                run = _runs(db) + 1
                known = {k for (k,) in db.execute("SELECT key FROM chain WHERE kind = 'rulebook'")}
                seq, prev = (last[0], last[1]) if last else (0, GENESIS)
                stray = db.execute("SELECT MIN(seq) FROM blocks WHERE seq > ?", (seq,)).fetchone()
                if stray[0] is not None:  # kept for records the chain does not hold
                    raise LedgerError(msg("ledger_stray_blocks", path=self.path, seq=stray[0]))
                header = {**self.header, "rows": self.rows, "decisions": self.decisions}
                if self._key is not None:
                    header["signed_by"] = fingerprint(self._key.public_key())
                seq += 1
                prev = _append(db, seq, run, "run", self.command, canonical(header), prev)
                for sha, body in self._sources:
                    if sha not in known:  # the same rule file is kept once
                        known.add(sha)
                        seq += 1
                        prev = _append(db, seq, run, "rulebook", sha, body, prev)
                for stream, packed in self._packed.items():
                    for block in _loaded(packed):
                        seq += 1
                        named = f"{stream} {block.first} .. {block.last}"
                        prev = _append(db, seq, run, "block", named, block.body(stream), prev)
                        db.execute(INSERT_BLOCK, (seq, block.data))
                seal: dict[str, Any] = {"last": prev, "key": None, "signature": None}
                if self._key is not None:
                    message = SIGNED.format(schema=SCHEMA, run=run, last=prev).encode("utf-8")
                    seal["key"] = fingerprint(self._key.public_key())
                    seal["signature"] = base64.b64encode(self._key.sign(message)).decode()
                seq += 1
                _append(db, seq, run, "seal", str(run), canonical(seal), prev)
                db.execute("COMMIT")
                # Into the database file now: a lost WAL file must not lose the run.
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:
                db.execute("ROLLBACK") if db.in_transaction else None
                raise LedgerError(msg("ledger_not_recorded", path=self.path, reason=exc)) from None
            finally:
                for spool in self._packed.values():
                    spool.close()
        return int(run)


@dataclass(frozen=True)
class Block:
    """Whole spooled entries, compressed: what the chain's record of them says, and the
    bytes the table `blocks` keeps."""

    data: bytes  # compressed
    sha256: str  # of `data`
    size: int  # bytes before compression
    entries: int
    first: str  # the first entry's key (an input row's number, a decision's subject)
    last: str

    def body(self, stream: str) -> str:
        return canonical(
            {
                "stream": stream,
                "codec": CODEC,
                "entries": self.entries,
                "bytes": self.size,
                "sha256": self.sha256,
                "first": self.first,
                "last": self.last,
            }
        )


INSERT_BLOCK = "INSERT INTO blocks (seq, data) VALUES (?, ?)"


@functools.cache
def _compressor() -> Any:
    """The process's own compressor, made on first use."""
    import zstandard

    return zstandard.ZstdCompressor(level=LEVEL)


def _compressed(data: bytes) -> Block:
    """A block of spooled lines."""
    packed = _compressor().compress(data)
    first, last = _ends(data)
    return Block(
        data=packed,
        sha256=hashlib.sha256(packed).hexdigest(),
        size=len(data),
        entries=data.count(b"\n"),
        first=first,
        last=last,
    )


def _ends(lines: bytes) -> tuple[str, str]:
    """The keys of the first and the last of a block's spooled lines."""
    end = lines.index(b"\n")
    start = lines.rfind(b"\n", 0, len(lines) - 1) + 1
    return _entry(lines[:end])[1], _entry(lines[start:-1])[1]


def pack(text: str) -> list[Block]:
    """Spooled entries (whole lines, in order) in blocks, compressed here (by a worker,
    while the other evaluates)."""
    data = text.encode("utf-8")
    found, start = [], 0
    while start < len(data):
        end = data.rfind(b"\n", start, start + BLOCK_BYTES) + 1
        if end <= start:  # one entry longer than a block: a block of its own
            end = data.index(b"\n", start) + 1
        found.append(_compressed(data[start:end]))
        start = end
    return found


class Packer:
    """Where a worker, or the recorder of a run in one process, writes entries (whole
    lines, in order): packed into blocks as they come, a block's worth at a time, so that
    they are never all held as text at once. The blocks are kept, or handed to `sink`."""

    def __init__(self, sink: Callable[[list[Block]], None] | None = None) -> None:
        self.blocks: list[Block] = []
        self.sink = sink if sink is not None else self.blocks.extend
        self._pieces: list[str] = []
        self._size = 0

    def forget(self) -> None:
        self.blocks.clear()
        self._pieces, self._size = [], 0

    def write(self, text: str) -> None:
        self._pieces.append(text)
        self._size += len(text)
        if self._size >= BLOCK_BYTES:
            self._pack()

    def packed(self) -> list[Block]:
        """Every block, the last entries written packed too."""
        self._pack()
        return self.blocks

    def _pack(self) -> None:
        if self._pieces:
            text = "".join(self._pieces)
            self._pieces, self._size = [], 0
            self.sink(pack(text))


def _dump(spool: BinaryIO, blocks: list[Block]) -> None:
    for block in blocks:
        pickle.dump(block, spool, protocol=pickle.HIGHEST_PROTOCOL)


def _loaded(spool: BinaryIO) -> Iterator[Block]:
    """The blocks _dump wrote (to a file of the recorder's own), in order."""
    while True:
        try:
            yield pickle.load(spool)
        except EOFError:
            return


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("comply")
    except PackageNotFoundError:
        return "unknown"


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def check_schema(db: sqlite3.Connection, path: Path, appending: bool = False) -> None:
    """Refuse a ledger whose runs were recorded in a schema this comply does not read, or,
    `appending`, in another than its own (no migration: the records are hash-chained, and
    rewriting them would break the chain they prove)."""
    first = db.execute("SELECT body FROM chain WHERE kind = 'run' ORDER BY seq LIMIT 1").fetchone()
    if first is None:
        return
    try:
        schema = json.loads(first[0]).get("schema", 1)
    except (ValueError, AttributeError):
        schema = None
    if appending and schema in READ and schema != SCHEMA:
        raise LedgerError(msg("ledger_entries_schema", path=path, schema=schema, current=SCHEMA))
    if schema not in READ:
        raise LedgerError(msg("ledger_old_schema", path=path, schema=schema, current=SCHEMA))


# A spooled entry is one line: [kind, key] and the body, each canonical JSON, between them a
# unit separator (JSON escapes it in any string, so it cannot occur inside either): the body
# goes into the chain as it was written, never parsed and dumped again.
SEPARATOR = "\x1f"


def spooled(kind: str, key: str, body: Any) -> str:
    return _head(kind, key) + SEPARATOR + canonical(body) + "\n"


def _head(kind: str, key: str) -> str:
    """canonical([kind, key])."""
    return "[" + _STRING(kind) + "," + _STRING(key) + "]"


def _entry(line: bytes) -> tuple[str, str, str]:
    """The kind, key and body of a spooled entry's line."""
    head, body = line.split(SEPARATOR.encode("ascii"), 1)
    kind, key = _read_head(head.decode("utf-8"))
    return kind, key, body.decode("utf-8")


def _read_head(head: str) -> tuple[str, str]:
    """The kind and key of an entry's head (its JSON read directly where nothing in it is
    escaped: then no string holds a quote, and the first '","' parts the two)."""
    if "\\" not in head:
        kind, _, key = head[2:-2].partition('","')
        return kind, key
    kind, key = json.loads(head)
    return kind, key


def input_entry(row: int, raw: dict[str, Any]) -> str:
    return _head("input", str(row)) + SEPARATOR + _canonical_texts(raw) + "\n"


def input_entries(rows: list[int], columns: list[tuple[str, list[str], Any]]) -> str:
    """input_entry(row, {name: cell}) for each of the rows, in order, from columns given as
    (name, distinct cells, each row's index into them: a list or an array of integers):
    each distinct cell encoded once, and the whole made by one join."""
    import numpy as np  # here: a ledger read or verified needs none

    # Each row's pieces side by side in one list, a column's pieces set by one slice:
    # '["input","', the row, '"]' SEPARATOR '{', each cell as '"name":"text"' (after a
    # comma), '}' and the line's end.
    width, count = len(columns) + 4, len(rows)
    flat = [""] * (width * count)
    flat[0::width] = ['["input","'] * count
    flat[1::width] = map(str, rows)
    flat[2::width] = ['"]' + SEPARATOR + "{"] * count
    for at, (name, texts, index) in enumerate(sorted(columns, key=operator.itemgetter(0))):
        head = ("," if at else "") + _STRING(name) + ":"
        shown = np.array([head + _STRING(t) for t in texts], dtype=object)
        flat[3 + at :: width] = shown[np.asarray(index, dtype=np.intp)].tolist()
    flat[width - 1 :: width] = ["}\n"] * count
    return "".join(flat)


def decision_entry(record: dict[str, Any]) -> str:
    return spooled("decision", str(record["subject"]), record)


INSERT = "INSERT INTO chain (seq, run, kind, key, body, prev, hash) VALUES (?,?,?,?,?,?,?)"


def _append(
    db: sqlite3.Connection, seq: int, run: int, kind: str, key: str, body: str, prev: str
) -> str:
    digest = entry_hash(prev, seq, run, kind, key, body)
    db.execute(INSERT, (seq, run, kind, key, body, prev, digest))
    return digest


# ---- reading and verifying ----


@contextmanager
def opened(path: Path) -> Iterator[sqlite3.Connection]:
    if not path.is_file():
        raise LedgerError(msg("ledger_missing", path=path))
    with closing(_connect(path, create=False)) as db:
        try:
            yield db
        except sqlite3.Error as exc:
            raise LedgerError(msg("ledger_damaged", path=path, reason=exc)) from None


@dataclass(frozen=True)
class Break:
    seq: int
    run: int
    kind: str
    key: str
    reason: Message


@dataclass
class Verified:
    """What `verify` found: records checked, the first break, runs signed or not."""

    records: int = 0
    runs: int = 0
    head: tuple[int, str] | None = None  # the last record: number and hash
    broken: Break | None = None
    unsigned: list[int] = field(default_factory=list)
    signed: list[int] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    bad: set[int] = field(default_factory=set)  # records whose own hash does not hold


def _rows(db: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    # As text whatever they were stored as (bytes would fail the hash's join): a record whose
    # text was put in as a blob reads as the text it is.
    yield from db.execute(
        "SELECT seq, run, CAST(kind AS TEXT), CAST(key AS TEXT), CAST(body AS TEXT), "
        "CAST(prev AS TEXT), CAST(hash AS TEXT) FROM chain ORDER BY seq"
    )


def verify(
    path: Path, key: Ed25519PublicKey | None = None, head: tuple[int, str] | None = None
) -> Verified:
    """Walk the chain: every record's hash and link, every run sealed (and with `key`, its
    signature), and with `head`, that the chain still reaches that record unchanged."""
    found = Verified()
    with opened(path) as db:
        check_schema(db, path)
        prev, expected_seq = GENESIS, 1
        run_open: int | None = None
        signed_in = SCHEMA  # the schema of the open run: its seal signs it
        blocks = _has_blocks(db)
        for seq, run, kind, entry_key, body, stored_prev, stored in _rows(db):
            found.records += 1
            ours = entry_hash(stored_prev, seq, run, kind, entry_key, body)
            fault = _block_fault(db, seq, body, blocks) if kind == "block" else None
            if ours != stored or fault is not None:
                found.bad.add(seq)
            if found.broken is None:
                reason = None
                if seq != expected_seq or stored_prev != prev:
                    reason = msg("break_link")
                elif ours != stored:
                    reason = msg("break_altered")
                elif fault is not None:
                    reason = fault
                elif kind == "run":
                    if run_open is not None:
                        reason = msg("break_no_seal_before", run=run_open)
                    run_open, signed_in = run, _schema_of(body)
                elif run != run_open:
                    reason = (
                        msg("break_wrong_run", run=run, open=run_open)
                        if run_open is not None
                        else msg("break_outside_run", run=run)
                    )
                elif kind == "seal":
                    reason = _seal(run, body, stored_prev, key, signed_in, found)
                    run_open = None
                if reason is not None:
                    found.broken = Break(seq, run, kind, entry_key, reason)
            prev, expected_seq = stored, seq + 1
            found.head = (seq, stored)
        if found.broken is None and run_open is not None:
            found.broken = Break(
                expected_seq - 1,
                run_open,
                "",
                "",
                msg("break_no_seal", run=run_open),
            )
        found.runs = len(found.signed) + len(found.unsigned)
    if head is not None and found.broken is None:
        found.broken = _against_head(path, head, found)
    if found.broken is None:  # entries kept for no block of the chain
        found.broken = _stray(path)
    return found


def _stray(path: Path) -> Break | None:
    with opened(path) as db:
        if not _has_blocks(db):
            return None
        stray = db.execute(
            "SELECT MIN(seq) FROM blocks WHERE seq NOT IN "
            "(SELECT seq FROM chain WHERE kind = 'block')"
        ).fetchone()[0]
    return None if stray is None else Break(int(stray), 0, "", "", msg("break_block_stray"))


def _schema_of(header: str) -> Any:
    """The schema a run's header names (a header not read: this comply's own)."""
    try:
        return json.loads(header).get("schema", SCHEMA)
    except (ValueError, AttributeError):
        return SCHEMA


def _has_blocks(db: sqlite3.Connection) -> bool:
    """Whether the ledger has the table of blocks (one made before blocks has none)."""
    return db.execute("SELECT 1 FROM sqlite_master WHERE name = 'blocks'").fetchone() is not None


def _block_data(db: sqlite3.Connection, seq: int, blocks: bool) -> bytes | None:
    if not blocks:
        return None
    # As bytes whatever it was stored as (text that is not UTF-8 would not read as text).
    row = db.execute("SELECT CAST(data AS BLOB) FROM blocks WHERE seq = ?", (seq,)).fetchone()
    return bytes(row[0]) if row is not None and row[0] is not None else None


# The stream of blocks a kind of entry is kept in: events are kept beside the input rows.
STREAM = {"input": "input", "event": "input", "decision": "decision"}
# How each of a stream's entries begins (an entry's head: its kind, then its key).
_HEADS = {
    stream: tuple(f'["{kind}","'.encode("ascii") for kind, of in STREAM.items() if of == stream)
    for stream in set(STREAM.values())
}


def _block_fault(db: sqlite3.Connection, seq: int, body: str, blocks: bool) -> Message | None:
    """What is wrong with a block's entries, if anything: gone, not the bytes its record
    hashed, or not the entries it names."""
    data = _block_data(db, seq, blocks)
    if data is None:
        return msg("break_block_missing")
    try:
        meta = json.loads(body)
        digest, stream = meta["sha256"], meta["stream"]
        heads = _HEADS[stream]
    except (ValueError, KeyError, TypeError):
        return msg("break_block_unreadable")
    if hashlib.sha256(data).hexdigest() != digest:
        return msg("break_block_altered")
    try:
        lines = _unpacked(meta, data)
        first, last = _ends(lines)
    except (LedgerError, ValueError, UnicodeDecodeError):
        return msg("break_block_unreadable")
    # Every line an entry of the block's stream, the first and the last those it names.
    kept = sum(lines.count(b"\n" + head) + lines.startswith(head) for head in heads)
    if not (lines.count(b"\n") == kept == meta.get("entries")) or (first, last) != (
        meta.get("first"),
        meta.get("last"),
    ):
        return msg("break_block_unreadable")
    return None


# Bytes a block may hold before compression: a block is about BLOCK_BYTES, or one entry
# longer than that (a row of the longest line a register may hold, with its JSON). A block
# that says it holds more is not decompressed (it would take that much memory).
MOST_BYTES = 64 << 20


def _unpacked(meta: Any, data: bytes) -> bytes:
    """A block's spooled lines, from its record's body (read) and its bytes."""
    import zstandard

    try:
        size = meta["bytes"]
        if meta["codec"] != CODEC or not isinstance(size, int) or not 0 < size <= MOST_BYTES:
            raise ValueError(meta["codec"])
        # The size the frame says it holds, checked before it is decompressed: the library
        # takes the frame's word over max_output_size.
        if zstandard.frame_content_size(data) != size:
            raise ValueError(size)
        frame = zstandard.ZstdDecompressor().decompressobj()
        lines = frame.decompress(data)
        if frame.unused_data:  # bytes after the frame: nothing a block holds
            raise ValueError(len(frame.unused_data))
    except (KeyError, TypeError, ValueError, zstandard.ZstdError, MemoryError):
        raise LedgerError(msg("ledger_block_unreadable")) from None
    if len(lines) != size or (lines and not lines.endswith(b"\n")):
        raise LedgerError(msg("ledger_block_unreadable"))
    return lines


def _seal(
    run: int,
    body: str,
    prev: str,
    key: Ed25519PublicKey | None,
    schema: Any,
    found: Verified,
) -> Message | None:
    try:
        seal = json.loads(body)
        last, signature, signer = seal["last"], seal["signature"], seal["key"]
    except (ValueError, KeyError, TypeError):
        return msg("break_seal_unreadable")
    if last != prev:
        return msg("break_seal_open")
    if signature is None:
        found.unsigned.append(run)
        if key is not None:
            return msg("break_unsigned", run=run)
        return None
    found.signed.append(run)
    found.keys.add(str(signer))
    if key is None:
        return None
    message = SIGNED.format(schema=schema, run=run, last=last).encode("utf-8")
    from cryptography.exceptions import InvalidSignature

    try:
        key.verify(base64.b64decode(signature), message)
    except (InvalidSignature, ValueError):
        return msg("break_signature", run=run, key=fingerprint(key), signer=signer)
    return None


def _against_head(path: Path, head: tuple[int, str], found: Verified) -> Break | None:
    seq, digest = head
    with opened(path) as db:
        row = db.execute("SELECT run, kind, key, hash FROM chain WHERE seq = ?", (seq,)).fetchone()
    if row is None:
        last = found.head[0] if found.head else 0
        return Break(
            seq,
            0,
            "",
            "",
            msg("break_truncated", seq=seq, last=last),
        )
    run, kind, entry_key, stored = row
    if stored != digest:
        return Break(
            seq,
            run,
            kind,
            entry_key,
            msg("break_rewritten"),
        )
    return None


def head(path: Path) -> tuple[int, int, str]:
    """The chain's end: (runs, last record's number, its hash), to keep elsewhere."""
    with opened(path) as db:
        row = db.execute("SELECT seq, hash FROM chain ORDER BY seq DESC LIMIT 1").fetchone()
        runs_ = _runs(db)
    if row is None:
        raise LedgerError(msg("ledger_empty", path=path))
    return int(runs_), int(row[0]), str(row[1])


def _json(seq: int, body: str) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        raise LedgerError(msg("ledger_record_unreadable", seq=seq)) from None


def runs(path: Path) -> list[dict[str, Any]]:
    with opened(path) as db:
        check_schema(db, path)
        found = []
        for seq, run, body in db.execute(
            "SELECT seq, run, body FROM chain WHERE kind = 'run' ORDER BY seq"
        ):
            header_ = _json(seq, body)
            if not isinstance(header_, dict):
                raise LedgerError(msg("ledger_not_header", seq=seq))
            found.append({"run": run, **header_})
        return found


def run_entries(path: Path, run: int, kind: str) -> list[tuple[str, Any]]:
    """A run's entries of a kind (rulebook, input, event, decision) as (key, body), in the
    order they were recorded: one record each, or read from the run's blocks."""
    with opened(path) as db:
        check_schema(db, path)
        if kind == "rulebook":  # kept once: a later run may reuse an earlier run's text
            shas = list(_sources(db, run).values())
            rows = db.execute(
                f"SELECT seq, key, body FROM chain WHERE kind = 'rulebook' AND key IN "
                f"({','.join('?' * len(shas))})",
                shas,
            )
        else:
            rows = db.execute(
                f"SELECT seq, key, body FROM chain WHERE {_IN_RUN} ORDER BY seq",
                (run, run, run, kind),
            )
        found = [(key, _json(seq, body)) for seq, key, body in rows]
        for seq, meta in _run_blocks(db, run, kind):
            kept = _block_entries(db, seq, meta)
            found += [(key, _json(seq, body)) for made, key, body in kept if made == kind]
        return found


def entries(path: Path) -> Iterator[tuple[int, int, str, str, str]]:
    """Every entry of the ledger in the order recorded, as (record number, run, kind, key,
    body): a block's entries each in its place, under the block's record number."""
    with opened(path) as db:
        for seq, run, kind, key, body, _, _ in _rows(db):
            if kind != "block":
                yield seq, run, kind, key, body
                continue
            for made, named, text in _block_entries(db, seq, _json(seq, body)):
                yield seq, run, made, named, text


def _run_blocks(db: sqlite3.Connection, run: int, kind: str) -> list[tuple[int, Any]]:
    """(record number, body read) of each of a run's blocks holding entries of a kind."""
    stream = STREAM.get(kind)
    if stream is None:
        return []
    rows = db.execute(
        f"SELECT seq, body FROM chain WHERE {_IN_RUN} ORDER BY seq", (run, run, run, "block")
    )
    found = []
    for seq, body in rows:
        meta = _json(seq, body)
        if isinstance(meta, dict) and meta.get("stream") == stream:
            found.append((int(seq), meta))
    return found


def _block_entries(db: sqlite3.Connection, seq: int, meta: Any) -> list[tuple[str, str, str]]:
    """(kind, key, body) of each of a block's entries, in order (a block gone or not
    readable: the record is named as not readable)."""
    data = _block_data(db, seq, _has_blocks(db))
    try:
        if data is None:
            raise LedgerError(msg("ledger_block_unreadable"))
        lines = _unpacked(meta, data).rstrip(b"\n").split(b"\n")
        return [_entry(line) for line in lines]
    except (LedgerError, ValueError, UnicodeDecodeError):
        raise LedgerError(msg("ledger_record_unreadable", seq=seq)) from None


def run_seqs(path: Path, run: int, kind: str) -> list[tuple[int, str, tuple[str, str] | None]]:
    """(record number, key, and for a block the first and last entry it names) of each
    record of a kind that says it is of the run, in order, wherever it lies: a record moved,
    or a run whose header is gone, is named as before the ledger indexed runs by their
    headers; and each block of the run holding entries of the kind, by its body's word, as
    show reads it. A scan of the ledger, for `show`'s warnings (which verifies the whole
    ledger anyway)."""
    with opened(path) as db:
        rows = db.execute(
            "SELECT seq, key FROM chain WHERE run = ? AND kind = ? ORDER BY seq", (run, kind)
        )
        found: list[tuple[int, str, tuple[str, str] | None]] = [
            (int(seq), str(key), None) for seq, key in rows
        ]
        blocks = db.execute(
            "SELECT seq, key, body FROM chain WHERE run = ? AND kind = 'block' ORDER BY seq",
            (run,),
        )
        for seq, key, body in blocks:
            try:
                meta = json.loads(body)
                stream, span = meta["stream"], (str(meta["first"]), str(meta["last"]))
            except (ValueError, KeyError, TypeError):
                stream, span = STREAM.get(kind), (str(key), "")
            if stream == STREAM.get(kind):
                found.append((int(seq), str(key), span))
        return sorted(found)


def run_end(path: Path, run: int) -> int | None:
    """The number of the last record `show` reads of a run, or that says it is of the run:
    a break at or before it makes what is shown suspect."""
    with opened(path) as db:
        said = db.execute("SELECT MAX(seq) FROM chain WHERE run = ?", (run,)).fetchone()[0]
        span = db.execute(
            f"SELECT MAX(seq) FROM chain WHERE {_IN_RUN.replace(' AND kind = ?', '')}",
            (run, run, run),
        ).fetchone()[0]
        ends = [int(end) for end in (said, span) if end is not None]
        return max(ends) if ends else None


def _runs(db: sqlite3.Connection) -> int:
    """The number of the ledger's last run: its header's, or its last record's if that is
    higher (a header altered or removed: the next run must not take its number again)."""
    header = db.execute("SELECT COALESCE(MAX(run), 0) FROM chain WHERE kind = 'run'").fetchone()
    last = db.execute("SELECT run FROM chain ORDER BY seq DESC LIMIT 1").fetchone()
    return max(int(header[0]), int(last[0]) if last else 0)


# A run's entries of a kind (parameters: run, run, run, kind): those numbered from its header
# to the next run's header (runs are numbered one after another).
_IN_RUN = (
    "seq >= (SELECT seq FROM chain WHERE kind = 'run' AND run = ?)"
    " AND seq < COALESCE((SELECT seq FROM chain WHERE kind = 'run' AND run = ? + 1), 1 << 62)"
    " AND run = ? AND kind = ?"
)


def _sources(db: sqlite3.Connection, run: int) -> dict[str, str]:
    sources = runs_one(db, run).get("sources")
    if not isinstance(sources, dict):
        raise LedgerError(msg("ledger_no_sources", run=run))
    return sources


def runs_one(db: sqlite3.Connection, run: int) -> dict[str, Any]:
    row = db.execute(
        "SELECT seq, body FROM chain WHERE run = ? AND kind = 'run'", (run,)
    ).fetchone()
    if row is None:
        raise LedgerError(msg("ledger_no_run", run=run))
    header_ = _json(row[0], row[1])
    if not isinstance(header_, dict):
        raise LedgerError(msg("ledger_not_header", seq=row[0]))
    return header_


def header(path: Path, run: int) -> dict[str, Any]:
    with opened(path) as db:
        check_schema(db, path)
        return runs_one(db, run)


def source_bytes(body: dict[str, Any]) -> bytes:
    """A rule file as the run read it, from its ledger entry."""
    if "base64" in body:
        return base64.b64decode(body["base64"])
    return str(body["text"]).encode("utf-8")
