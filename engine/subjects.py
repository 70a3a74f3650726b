"""What rules are evaluated over: subjects, each a series of dated snapshots of facts.

A parcel is one snapshot, taken on the evaluation date. A project is one snapshot per
event of its change log, in order, then one on the evaluation date: findings that depend
on order (a late report, construction resumed before approval) are made by rules on the
snapshot of the event concerned, and the status on the last snapshot.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any, Protocol

from pydantic import BaseModel

from .conditions import FactField
from .messages import Message

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


# Reports a problem found while assembling subjects: (row, column, value, what was expected).
ProblemSink = Callable[[int, str, Any, Message], None]


@dataclass(frozen=True)
class Kind:
    """A kind of subject: its input row model, the facts it offers rules, how it is built."""

    name: str
    model: type[BaseModel]
    id_field: str
    unique_rows: bool  # each row is a subject (parcels), or rows are events of one (projects)
    facts: Mapping[str, FactField]
    values: Mapping[str, str]  # value name -> "date" | "int" | "money"
    required_params: tuple[str, ...]
    build: Callable[[Iterable[Any], date, Mapping[str, Any], ProblemSink], Iterator[Subject]]
    # Other kinds of fact given with an evaluation, that rules may join on: name -> fields.
    context: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    ranked: bool = False  # decisions are ranked by outcome once all are made
