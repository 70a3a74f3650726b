"""Document numbers: 机关代字〔年份〕序号, per year and per kind of instrument, never reused.

What was drafted is kept in a small SQLite file (`comply documents --numbering`): each
number once, and each instrument of a case once, so drafting it again keeps its number. A
number the events file already records as issued (an instrument's doc_no) is never given to
another: the serial starts above the highest one known for that prefix and year.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from .errors import OptionError

_NUMBER = re.compile(r"^(?P<prefix>.+)〔(?P<year>\d{4})〕(?P<serial>\d+)号$")


class Numbering:
    """The register of drafted instruments and their numbers."""

    def __init__(self, path: Path) -> None:
        try:
            self.db = sqlite3.connect(path, timeout=60, isolation_level=None)
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS drafted (prefix TEXT, year INT, serial INT, "
                "doc_no TEXT UNIQUE, instrument TEXT, subject TEXT, drafted_at TEXT, "
                "UNIQUE (prefix, year, serial), UNIQUE (instrument, subject, year))"
            )
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise OptionError(
                f"--numbering {path}: cannot keep the numbers there ({exc})"
            ) from None
        self.seen: dict[tuple[str, int], int] = {}

    def __enter__(self) -> Numbering:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
        self.db.close()

    def known(self, events: Iterable[Any], prefixes: Mapping[str, str]) -> None:
        """Numbers the case's events record as issued: never given again."""
        wanted = set(prefixes.values())
        for event in events:
            match = _NUMBER.match(event.doc_no or "")
            if match and match["prefix"] in wanted:
                key = (match["prefix"], int(match["year"]))
                self.seen[key] = max(self.seen.get(key, 0), int(match["serial"]))

    def number(self, instrument: str, prefix: str, day: date, subject: str) -> str:
        """The instrument's number: the one it was given before, or the next free one."""
        year = day.year
        found = self.db.execute(
            "SELECT doc_no FROM drafted WHERE instrument = ? AND subject = ? AND year = ?",
            (instrument, subject, year),
        ).fetchone()
        if found is not None:
            return str(found[0])
        last = self.db.execute(
            "SELECT COALESCE(MAX(serial), 0) FROM drafted WHERE prefix = ? AND year = ?",
            (prefix, year),
        ).fetchone()[0]
        serial = max(int(last), self.seen.get((prefix, year), 0)) + 1
        doc_no = f"{prefix}〔{year}〕{serial}号"
        self.db.execute(
            "INSERT INTO drafted VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                prefix,
                year,
                serial,
                doc_no,
                instrument,
                subject,
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )
        return doc_no
