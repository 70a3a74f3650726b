"""A ledger's entries read, and altered, as a test (or someone with the file) would: one
record per entry in runs recorded before blocks, many to a block (engine/ledger.py) now."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import zstandard
from comply.engine import ledger


def entries(db: Path, *kinds: str) -> list[tuple[int, int, str, str, str]]:
    """(record number, run, kind, key, body) of every entry, or of those of `kinds`."""
    return [entry for entry in ledger.entries(db) if not kinds or entry[2] in kinds]


def alter(
    db: Path,
    kind: str,
    key: str,
    change: Callable[[str], str],
    *,
    run: int | None = None,
    rehash: bool = False,
) -> int:
    """Change the first entry of a kind and key of the ledger (or of a run) where its block
    keeps it (its line: head, separator and body); return the block's record number.
    With `rehash`, the block's record is made to name the new bytes too (its own hash in the
    chain then no longer holds), so that the entry reads back as altered."""
    head = ledger._head(kind, key).encode("utf-8") + ledger.SEPARATOR.encode("ascii")
    with sqlite3.connect(db) as con:
        found = con.execute(
            "SELECT seq, body FROM chain WHERE kind = 'block' AND (? IS NULL OR run = ?)",
            (run, run),
        )
        for seq, body in found.fetchall():
            meta = json.loads(body)
            [[data]] = con.execute("SELECT data FROM blocks WHERE seq = ?", (seq,))
            size = meta["bytes"]
            lines = zstandard.ZstdDecompressor().decompress(data, max_output_size=size)
            split = lines.split(b"\n")
            for at, line in enumerate(split):
                if line.startswith(head):
                    split[at] = change(line.decode("utf-8")).encode("utf-8")
                    made = b"\n".join(split)
                    packed = zstandard.ZstdCompressor().compress(made)
                    con.execute("UPDATE blocks SET data = ? WHERE seq = ?", (packed, seq))
                    if rehash:
                        meta |= {"bytes": len(made), "sha256": hashlib.sha256(packed).hexdigest()}
                        con.execute(
                            "UPDATE chain SET body = ? WHERE seq = ?",
                            (ledger.canonical(meta), seq),
                        )
                    return int(seq)
    raise AssertionError(f"no entry {kind} {key} in {db}")
