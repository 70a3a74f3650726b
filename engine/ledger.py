"""The decision ledger: every recorded run, hash-chained in SQLite, so a later change shows.

One table holds the chain: for each run, a header (the schema version, command, as-of
date, options, the rulebook's version and hash), the text of every rule file it used (once
per content hash), every input row and every decision. Decisions are kept as records of
codes, values and dates (engine/records.py), never as rendered in the run's language: a
run recorded in Chinese and the same run in English hold the same records. Each entry's
hash covers the previous entry's hash and its own canonical body, so altering any byte of a
past entry breaks the chain from there.
A run is spooled while it is evaluated and appended in one transaction (BEGIN IMMEDIATE:
concurrent recorders queue for the write lock and each reads the chain's true end).
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from .errors import ComplyError
from .messages import msg
from .packs import Rulebook
from .records import SCHEMA

GENESIS = "0" * 64
TABLES = """
CREATE TABLE IF NOT EXISTS chain (
    seq INTEGER PRIMARY KEY,
    run INTEGER NOT NULL,
    kind TEXT NOT NULL,   -- run | rulebook | input | decision
    key TEXT NOT NULL,    -- run: command; rulebook: sha256; input: row; decision: subject
    body TEXT NOT NULL,   -- canonical JSON
    prev TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chain_run ON chain (run, kind);
"""


class LedgerError(ComplyError):
    """The ledger cannot be opened, written or read as asked."""


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(prev: str, kind: str, key: str, body: str) -> str:
    return hashlib.sha256("\x1f".join((prev, kind, key, body)).encode("utf-8")).hexdigest()


def connect(path: Path) -> sqlite3.Connection:
    try:
        db = sqlite3.connect(path, timeout=600, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(TABLES)
    except sqlite3.Error as exc:
        raise LedgerError(msg("ledger_cannot_open", path=path, reason=exc)) from None
    return db


class Recorder:
    """Collects one run's entries on disk while it is evaluated; appends them at the end:
    the rule files, then every input row in file order, then every decision in output order
    (the same whether the run was made by one process or in parts)."""

    def __init__(self, path: Path, command: str, as_of: str, options: dict[str, Any]) -> None:
        self.path, self.command = path, command
        self.header = {
            "schema": SCHEMA,
            "command": command,
            "as_of": as_of,
            "options": options,
            "recorded_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        self._spools: list[IO[str]] = [
            tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed by commit
            for _ in range(3)
        ]
        self._spool, self._inputs, self._decisions = self._spools
        self.rows = self.decisions = 0

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
                    raise LedgerError(
                        msg("ledger_other_database", path=path, reason="another database")
                    )
                if tables:  # none yet: a ledger another run is creating this moment
                    check_schema(db, path)
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
            self._spool.write(canonical(["rulebook", sha, body]) + "\n")
        self.header["sources"] = sources
        self.header["packs"] = [p.root.name for p in book.packs]

    def input_row(self, row: int, raw: dict[str, Any]) -> None:
        self.rows += 1
        self._inputs.write(input_entry(row, raw))

    def decision(self, record: dict[str, Any]) -> None:
        self.decisions += 1
        self._decisions.write(decision_entry(record))

    def extend(self, inputs: str, decisions: str, rows: int, count: int) -> None:
        """Entries made elsewhere (by a worker evaluating a part of the input), in order."""
        self._inputs.write(inputs)
        self._decisions.write(decisions)
        self.rows += rows
        self.decisions += count

    def restart(self) -> None:
        """Forget the entries so far: the run is evaluated again from the start."""
        for spool in self._spools:
            spool.seek(0)
            spool.truncate()
        self.rows = self.decisions = 0

    def commit(self) -> int:
        """Append the run to the chain in one transaction; return its number."""
        for spool in self._spools:
            spool.seek(0)
        with closing(connect(self.path)) as db:
            try:
                db.execute("BEGIN IMMEDIATE")
                check_schema(db, self.path)
                last = db.execute("SELECT hash FROM chain ORDER BY seq DESC LIMIT 1").fetchone()
                run = db.execute("SELECT COALESCE(MAX(run), 0) + 1 FROM chain").fetchone()[0]
                known = {k for (k,) in db.execute("SELECT key FROM chain WHERE kind = 'rulebook'")}
                prev = last[0] if last else GENESIS
                header = {**self.header, "rows": self.rows, "decisions": self.decisions}
                prev = _append(db, run, "run", self.command, canonical(header), prev)
                for line in itertools.chain(*self._spools):
                    kind, key, body = json.loads(line)
                    if kind == "rulebook" and key in known:
                        continue  # the same rule file is kept once
                    known.add(key)
                    prev = _append(db, run, kind, key, canonical(body), prev)
                db.execute("COMMIT")
            except sqlite3.Error as exc:
                db.execute("ROLLBACK") if db.in_transaction else None
                raise LedgerError(msg("ledger_not_recorded", path=self.path, reason=exc)) from None
            finally:
                for spool in self._spools:
                    spool.close()
        return int(run)


def check_schema(db: sqlite3.Connection, path: Path) -> None:
    """Refuse a ledger whose runs were recorded in another schema (no migration: the
    records are hash-chained, and rewriting them would break the chain they prove)."""
    first = db.execute("SELECT body FROM chain WHERE kind = 'run' ORDER BY seq LIMIT 1").fetchone()
    if first is None:
        return
    try:
        schema = json.loads(first[0]).get("schema", 1)
    except (ValueError, AttributeError):
        schema = None
    if schema != SCHEMA:
        raise LedgerError(msg("ledger_old_schema", path=path, schema=schema, current=SCHEMA))


def input_entry(row: int, raw: dict[str, Any]) -> str:
    return canonical(["input", str(row), raw]) + "\n"


def decision_entry(record: dict[str, Any]) -> str:
    return canonical(["decision", str(record["subject"]), record]) + "\n"


def _append(db: sqlite3.Connection, run: int, kind: str, key: str, body: str, prev: str) -> str:
    digest = entry_hash(prev, kind, key, body)
    db.execute(
        "INSERT INTO chain (run, kind, key, body, prev, hash) VALUES (?,?,?,?,?,?)",
        (run, kind, key, body, prev, digest),
    )
    return digest


@contextmanager
def opened(path: Path) -> Iterator[sqlite3.Connection]:
    if not path.is_file():
        raise LedgerError(msg("ledger_missing", path=path))
    with closing(connect(path)) as db:
        yield db


@dataclass(frozen=True)
class Break:
    seq: int
    run: int
    kind: str
    key: str
    reason: str


def verify(path: Path) -> tuple[int, Break | None]:
    """Walk the chain; the number of entries checked and the first broken one, if any."""
    with opened(path) as db:
        prev, count = GENESIS, 0
        for seq, run, kind, key, body, stored_prev, stored in db.execute(
            "SELECT seq, run, kind, key, body, prev, hash FROM chain ORDER BY seq"
        ):
            count += 1
            if stored_prev != prev:
                return count, Break(
                    seq,
                    run,
                    kind,
                    key,
                    "its link to the entry before it "
                    "does not match (an entry was removed or inserted)",
                )
            if entry_hash(prev, kind, key, body) != stored:
                return count, Break(
                    seq, run, kind, key, "its content no longer matches its hash (it was altered)"
                )
            prev = stored
        return count, None


def runs(path: Path) -> list[dict[str, Any]]:
    with opened(path) as db:
        return [
            {"run": run, **json.loads(body)}
            for run, body in db.execute(
                "SELECT run, body FROM chain WHERE kind = 'run' ORDER BY run"
            )
        ]


def run_entries(path: Path, run: int, kind: str) -> list[tuple[str, Any]]:
    with opened(path) as db:
        check_schema(db, path)
        if kind == "rulebook":  # kept once: a later run may reuse an earlier run's text
            shas = list(runs_one(db, run)["sources"].values())
            rows = db.execute(
                f"SELECT key, body FROM chain WHERE kind = 'rulebook' AND key IN "
                f"({','.join('?' * len(shas))})",
                shas,
            )
        else:
            rows = db.execute(
                "SELECT key, body FROM chain WHERE run = ? AND kind = ? ORDER BY seq", (run, kind)
            )
        return [(key, json.loads(body)) for key, body in rows]


def runs_one(db: sqlite3.Connection, run: int) -> dict[str, Any]:
    row = db.execute("SELECT body FROM chain WHERE run = ? AND kind = 'run'", (run,)).fetchone()
    if row is None:
        raise LedgerError(msg("ledger_no_run", run=run))
    header: dict[str, Any] = json.loads(row[0])
    return header


def header(path: Path, run: int) -> dict[str, Any]:
    with opened(path) as db:
        check_schema(db, path)
        return runs_one(db, run)


def source_bytes(body: dict[str, Any]) -> bytes:
    """A rule file as the run read it, from its ledger entry."""
    if "base64" in body:
        return base64.b64decode(body["base64"])
    return str(body["text"]).encode("utf-8")
