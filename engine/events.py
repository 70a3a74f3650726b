"""A kind's second input: dated events, many a subject, folded into its subjects.

A kind declares one (kinds.Events) and an option of role "events" that names the file. The
file is read by the same loader as every input (engine/loader.py: CSV in UTF-8 or GBK, JSON
Lines, XLSX; the row model's Chinese headers and cell readers), each bad cell reported
against the events file. Its rows are put in order on disk (SQLite in a private temporary
file, as a budget change log is), by subject, date and row, so a large file is never held
whole in memory; the kind's `build` receives the store as the option's value and asks it
for the events of each batch of subjects. What an event means, and which event must come
before which, is the kind's: it reports a row it refuses through `problem`, which names the
events file. An event of a subject the main file does not hold is refused once the run has
asked for every subject.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .errors import InputProblem
from .loader import RowReader
from .messages import Message, msg, register

register(
    {
        "event_subject_unknown": {
            "en": "an id of the main file: {key} is not in it",
            "zh": "主文件中已有的编号：{key} 不在主文件中",
        },
    }
)


class EventStore:
    """The events of a file, sorted by subject, date and row, asked for by subject."""

    def __init__(
        self,
        path: Path,
        model: type[BaseModel],
        key: str,
        day: str,
        *,
        rows: list[tuple[int, dict[str, Any]]] | None = None,
        on_row: Callable[[int, dict[str, Any]], None] | None = None,
    ) -> None:
        """`rows` gives the events already read (a recorded run's) instead of the file;
        `on_row` is told each row as read (the ledger keeps them)."""
        self.path, self.model, self.key, self.day = path, model, key, day
        self.reader = RowReader(path, model, None, rows=rows)
        self.reader.on_row = on_row
        self.asked: set[str] = set()
        self._refused: set[int] = set()
        self._db = sqlite3.connect("")  # a private temporary file, gone on close
        self._db.execute("CREATE TABLE ev (subject TEXT, day INT, row INT, data TEXT)")
        batch: list[tuple[Any, ...]] = []
        for row, event in self.reader:
            data = event.model_dump_json(exclude_none=True)
            batch.append((getattr(event, key), getattr(event, day).toordinal(), row, data))
            if len(batch) >= 10_000:
                self._db.executemany("INSERT INTO ev VALUES (?,?,?,?)", batch)
                batch.clear()
        self._db.executemany("INSERT INTO ev VALUES (?,?,?,?)", batch)
        self._db.execute("CREATE INDEX ev_subject ON ev (subject, day, row)")

    @property
    def problems(self) -> list[InputProblem]:
        return self.reader.problems

    def problem(self, row: int, column: str, value: Any, expected: Message) -> None:
        """A row of the events file the kind refuses (once, however many reasons)."""
        if row not in self._refused:
            self._refused.add(row)
            self.reader.problem(row, column, value, expected)

    def of(self, keys: Iterable[str]) -> dict[str, list[tuple[int, Any]]]:
        """Each subject's events, in order of date then row: (row number, event)."""
        wanted = list(dict.fromkeys(keys))
        self.asked.update(wanted)
        found: dict[str, list[tuple[int, Any]]] = {k: [] for k in wanted}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            cursor = self._db.execute(
                f"SELECT subject, row, data FROM ev WHERE subject IN ({marks}) "
                "ORDER BY subject, day, row",
                chunk,
            )
            for subject, row, data in cursor:
                found[subject].append((row, self.model.model_validate(json.loads(data))))
        return found

    def unasked(self) -> None:
        """Report every event of a subject the run never asked for (not in the main file)."""
        cursor = self._db.execute("SELECT subject, MIN(row) FROM ev GROUP BY subject ORDER BY 2")
        for subject, row in cursor:
            if subject not in self.asked:
                self.problem(row, self.key, subject, msg("event_subject_unknown", key=subject))

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Every event as stored, in order (what a ledger keeps of the file)."""
        for row, data in self._db.execute("SELECT row, data FROM ev ORDER BY row"):
            yield row, json.loads(data)

    def close(self) -> None:
        self._db.close()
