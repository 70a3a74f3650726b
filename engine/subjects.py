"""What rules are evaluated over: subjects, each a series of dated snapshots of facts.

A parcel is one snapshot, taken on the evaluation date. A project is one snapshot per
event of its change log, in order, then one on the evaluation date: findings that depend
on order (a late report, construction resumed before approval) are made by rules on the
snapshot of the event concerned, and the status on the last snapshot.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any, Protocol

from pydantic import BaseModel

from .messages import Message
from .register import RegisterRow

Tests = dict[str, bool | int | str | Fraction]


class Snapshot(Protocol):
    """Facts at one moment: what rules test, and the values actions may carry."""

    @property
    def day(self) -> date: ...

    @property
    def tests(self) -> Tests: ...

    def value(self, name: str) -> Any: ...


@dataclass(frozen=True)
class Subject:
    """One parcel or project: its input row(s) and its snapshots, the last on the as-of date."""

    key: str
    row: BaseModel
    snapshots: tuple[Snapshot, ...]
    values: Mapping[str, Any]  # decision-level figures, e.g. a project's overrun
    register: RegisterRow | None = None  # its row as the register wrote it, to keep beside it


# Reports a problem found while assembling subjects: (row, column, value, what was expected).
ProblemSink = Callable[[int, str, Any, Message], None]


@dataclass(frozen=True)
class Facts:
    """A snapshot as a kind makes one: its day, what rules test, and the values actions read."""

    day: date
    tests: Tests
    values: Mapping[str, Any]

    def value(self, name: str) -> Any:
        return self.values.get(name)
