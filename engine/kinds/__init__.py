"""Kinds of subject. Each module of this package declares one kind whole; the rest is derived.

A kind module defines ``KIND``: the command that evaluates it, its input contract (a row
model with the Chinese headers and units it accepts), the facts it offers the rules and
the values actions may carry, how its rows become subjects, how its decisions are shown
(table columns, summary lines), the options its command takes, what it joins with, and
what is made of all its decisions at once (a ranking, a rate). The CLI, the renderer,
the rulebook's checks, the catalog and the test steps read these declarations: nobody
keeps a list of kinds. A new kind is a module here, a rule file, a feature file and its
steps (README, "Adding a kind").
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from ..conditions import FactField
from ..errors import OptionError
from ..fields import Row
from ..loader import RowReader
from ..messages import Message, msg
from ..rulebook import Text
from ..subjects import ProblemSink, Subject

if TYPE_CHECKING:
    from ..evaluate import Decision
    from ..summary import Summary

# Rows in, subjects out: each batch is the (row number, row) pairs read so far; what is
# yielded is a batch of subjects, ready for the engine. A kind whose subject is one row
# maps batch to batch; a change log gathers every batch before it folds its subjects.
Build = Callable[
    [Iterable[list[tuple[int, Any]]], date, Mapping[str, Any], ProblemSink],
    Iterator[list[Subject]],
]


class Texts(Protocol):
    """What a table cell may ask of the output: words in the run's language."""

    lang: str

    def status_label(self, status: str) -> str: ...

    def is_finding(self, code: str) -> bool: ...

    def action_name(self, code: str) -> str: ...

    def short_name(self, code: str) -> str: ...

    def recipient(self, code: str) -> str: ...

    def authority(self, code: str) -> str: ...

    def decided_by(self, rule: str, position: int) -> tuple[str | None, str | None]: ...

    def criterion_title(self, rule: str) -> str: ...


# A table cell: the text shown for one decision of the subject.
Cell = Callable[[Texts, "Decision", Subject], str]
# A workbook cell: the value (text, a date, an amount, a count, a share) for one decision.
Value = Callable[[Texts, "Decision", Subject], Any]
Form = Literal["text", "long", "date", "money", "number", "int", "percent"]


@dataclass(frozen=True)
class BookColumn:
    """A column of the decisions' workbook: its heading, its value for a decision, and how
    the value is shown (a date, an amount of yuan, a count, a share, a short or long text)."""

    title: Text
    value: Value
    form: Form = "text"
    lead: bool = False  # names the subject: shown when the register's own columns are not
    total: bool = False  # summed in the totals row


def _no_totals(decision: Decision) -> dict[str, Decimal]:
    return {}


@dataclass(frozen=True)
class View:
    """How a kind's decisions are shown: its noun, table columns and summary lines."""

    noun: Text
    columns: tuple[tuple[Text, Cell], ...]
    # Amounts summed over the run (name -> amount of one decision), shown in the summary.
    totals: Callable[[Decision], dict[str, Decimal]] = _no_totals
    # Summary lines: a text with placeholders, and the figures that fill it.
    lines: tuple[tuple[Text, Callable[[Summary], dict[str, Any]]], ...] = ()
    details: bool = False  # list each criterion, with value, threshold and verdict, under its row
    # The workbook's sheet of decisions (处置结果) and its columns, one row a subject. Where
    # the kind declares none, the noun names the sheet and the table's columns are its
    # columns (the first naming the subject).
    sheet: Text | None = None
    book: tuple[BookColumn, ...] = ()

    def sheet_title(self) -> Text:
        return self.sheet or self.noun

    def book_columns(self) -> tuple[BookColumn, ...]:
        if self.book:
            return self.book
        return tuple(
            BookColumn(title, cell, lead=index == 0)
            for index, (title, cell) in enumerate(self.columns)
        )


@dataclass(frozen=True)
class Option:
    """An option of the kind's command (and of `comply explain KIND`), and what it sets.

    role "build": a value the kind's facts need (e.g. the plan year);
    role "parameter": a run's own value of a rule parameter (`target`: its name);
    role "family": switches a rule family on or off (`target`: the family);
    role "join": a file of another kind whose decisions the rules join on (`target`: the
    join's fact);
    role "events": a file of dated events, many a subject, read with the kind's `events`
    declaration and handed to `build` as the option's value, an engine.events.EventStore
    that gives each batch of subjects its events in order (`store.of(keys)`).
    """

    flag: str  # "--plan-year"; a "family" switch is written "--national/--no-national"
    dest: str
    type: Literal["year", "share", "file", "switch"]
    role: Literal["build", "parameter", "family", "join", "events"]
    help: str
    target: str = ""
    required: bool = False


@dataclass(frozen=True)
class Join:
    """Facts of another kind that rules of this one may join on (`if_exists` in a rule).

    The subjects of `kind` in the file the option names are decided as of the same date;
    `select` turns each decision that matters into a fact of `fields`, or None.
    """

    fact: str
    fields: tuple[str, ...]
    kind: str
    select: Callable[[Subject, Decision], dict[str, Any] | None]


@dataclass(frozen=True)
class Events:
    """A second input of dated events, many a subject, that `build` folds into its subjects
    (a case's procedure: notices issued and served, decisions, payments).

    `model` is its row model (a fields.Row, read by the same loader as the main file),
    `key` the field naming the subject (the main file's id), `day` the event's date field.
    """

    model: type[Row]
    key: str
    day: str


class Aggregate(Protocol):
    """Figures about all of a run's decisions (a rate), added to its summary."""

    def add(self, subject: Subject, decision: Decision) -> None: ...

    def as_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Kind:
    """A kind of subject: everything the engine, the CLI and the outputs need to know."""

    name: str  # the kind of facts a rule file names (`facts: parcel`)
    command: str  # `comply parcels`
    help: str  # the command's --help: what it decides, then an example block
    families: tuple[str, ...]  # the rule families it runs; the first decides the status
    model: type[Row]
    id_field: str
    unique_rows: bool  # each row is a subject, or rows are events of one (a change log)
    facts: Mapping[str, FactField]
    values: Mapping[str, str]  # value name -> "date" | "int" | "money" | "text" | "bool"
    build: Build
    view: View
    required_params: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    joins: tuple[Join, ...] = ()
    events: Events | None = None  # a second input of dated events per subject, if any
    # Decisions re-ordered once all are made (a ranking), or None.
    rank: Callable[[list[tuple[Subject, Decision]]], list[tuple[Subject, Decision]]] | None = None
    # Figures about the whole run, from the run's parameters, or None.
    aggregate: Callable[[Mapping[str, Any]], Aggregate] | None = None
    examples: tuple[str, ...] = field(default=())  # command lines for --help
    # What a change log can still tell of a row refused for a bad cell (its subject, its
    # event), so that `build` checks the log's shape in the same run; None: nothing.
    partial: Callable[[Mapping[str, Any]], Any] | None = None
    # The kind's columnar path (engine/columnar): (prepared, block) -> (rows left to the row
    # path, each other row's subject and decision); None: the row path only.
    columnar: Callable[[Any, Any], Any] | None = None
    # A change log's columnar path (engine/columnar/budget.py): (prepared, reader, the
    # run's writer or None) -> the batches of (subjects, decisions), empty where it wrote
    # the lines itself, or None where the row path must read the log.
    columnar_log: Callable[[Any, Any, Any], Any] | None = None

    @property
    def context(self) -> dict[str, tuple[str, ...]]:
        """Other kinds of fact the rules may join on: fact name -> its fields."""
        return {join.fact: join.fields for join in self.joins}

    @property
    def whole(self) -> Message | None:
        """Why the decisions must all be made in one place, or None if they need not."""
        if self.rank is not None:
            return msg("why_ranked")
        if self.aggregate is not None:
            return msg("why_rate")
        return None

    def reader(self, source: Path, sheet: str | None = None, **kwargs: Any) -> RowReader:
        """A reader of the kind's rows from `source`: each subject's id checked, and asked
        for once where a row is a subject."""
        unique = self.id_field if self.unique_rows else None
        return RowReader(source, self.model, unique, sheet, key=self.id_field, **kwargs)

    def option(self, dest: str) -> Option:
        return next(o for o in self.options if o.dest == dest)


_KINDS: dict[str, Kind] = {}


def _discover() -> dict[str, Kind]:
    """Every KIND declared by a module of this package, by name (imported once)."""
    if not _KINDS:
        for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
            declared = getattr(importlib.import_module(f"{__name__}.{module}"), "KIND", None)
            if isinstance(declared, Kind):
                register(declared)
    return _KINDS


def register(kind: Kind) -> Kind:
    """Make a kind known (the modules of this package are found by themselves)."""
    for other in _KINDS.values():
        if other.name != kind.name and other.command == kind.command:
            raise ValueError(f"kinds {other.name} and {kind.name} claim `comply {kind.command}`")
    _KINDS[kind.name] = kind
    return kind


def all_kinds() -> list[Kind]:
    """Every kind, in the order of their commands."""
    return sorted(_discover().values(), key=lambda k: k.command)


def by_name(name: str) -> Kind:
    return _discover()[name]


def by_command(command: str) -> Kind:
    for kind in _discover().values():
        if kind.command == command:
            return kind
    known = ", ".join(k.command for k in all_kinds())
    raise OptionError(msg("no_such_kind", command=repr(command), known=known))


def schemas() -> dict[str, tuple[Mapping[str, FactField], Mapping[str, str], dict[str, Any]]]:
    """What a rule file of each kind may name: facts, values, and the facts it may join."""
    return {k.name: (k.facts, k.values, k.context) for k in _discover().values()}
