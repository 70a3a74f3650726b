"""A rule pack's files (pack.yaml, and one file per family it lays over) and the laying of
such a file over the family as written: parameters overridden, names and rules added, rules
switched off. Each is refused where it overreaches (a parameter of the law, an id taken, a
name unknown) with a message naming the pack's file, the family, the item and the field.
Then the family as it applies on a date: each parameter's value in force, rule windows
that start at a date parameter resolved.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .conditions import did_you_mean
from .errors import RulebookError
from .rulebook import (
    CodeEntry,
    DatedValue,
    FamilyFile,
    Law,
    Parameter,
    Predicate,
    Rule,
    Source,
    SwitchedOff,
    Text,
    parse_value,
    source_in,
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PackFile(_Strict):
    """A pack's pack.yaml: what it is called, its version, what it is for."""

    pack: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    version: str = Field(min_length=1)
    title: Text
    description: str = Field(min_length=1)


class Override(_Strict):
    """A pack's new value for a parameter of the family: `value` with its `source`, or
    `values` keyed by the date each took effect. Type, title, bounds and who sets it stay."""

    value: Any = None
    source: Source | None = None
    values: dict[date, DatedValue] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_form(self) -> Override:
        if (self.values is None) == (self.value is None) or (self.value is None) != (
            self.source is None
        ):
            raise ValueError(
                "give 'value' with its 'source', or 'values' keyed by the date each took "
                "effect, each with its source"
            )
        return self


class Additions(_Strict):
    """What a pack adds to a family: rules, and the names they need."""

    parameters: dict[str, Parameter] = {}
    statuses: dict[str, Text] = {}
    action_codes: dict[str, CodeEntry] = {}
    recipients: dict[str, Text] = {}
    authorities: dict[str, Text] = {}
    options: dict[str, Text] = {}
    predicates: dict[str, Predicate] = {}
    rules: list[Rule] = []


class Overlay(_Strict):
    """A pack's file for one family (<pack>/<family>.yaml)."""

    parameters: dict[str, Override] = {}
    add: Additions = Additions()
    switch_off: dict[str, str] = {}  # rule id -> why (a reason, with its source)

    @model_validator(mode="after")
    def _reasons(self) -> Overlay:
        for rule_id, reason in self.switch_off.items():
            if not reason.strip():
                raise ValueError(f"switch_off.{rule_id}: say why the rule is switched off")
        return self


@dataclass(frozen=True)
class Pack:
    """A loaded rule pack: its identity, and its file for each family it touches."""

    name: str
    version: str
    title: Text
    description: str
    sha256: str  # of its files' contents, sorted by relative path
    root: Path  # the directory as given
    overlays: Mapping[str, tuple[str, Overlay]]  # family -> (its file, as named, overlay)

    def identity(self) -> dict[str, str]:
        return {"pack": self.name, "version": self.version, "sha256": self.sha256}


def check_packs(packs: Sequence[Pack], known: list[str]) -> None:
    problems = []
    seen: dict[str, Pack] = {}
    for pack in packs:
        if pack.name in seen or pack.root.name in {p.root.name for p in seen.values()}:
            problems.append(
                f"{pack.root}: pack {pack.name!r} is given twice (or two packs share the "
                f"directory name {pack.root.name!r})"
            )
        seen[pack.name] = pack
        for family, (shown, _) in pack.overlays.items():
            if family not in known:
                problems.append(
                    f"{shown}: unknown family {family!r}{did_you_mean(family, known)}: a pack's "
                    f"file is named after the family it lays over ({', '.join(known)})"
                )
    if problems:
        raise RulebookError("\n".join(problems))


class Layers:
    """A family's document as written, with packs laid over it, and who wrote what."""

    TABLES = ("statuses", "action_codes", "recipients", "authorities", "options", "predicates")

    def __init__(self, doc: FamilyFile, shown: str) -> None:
        self.doc, self.shown = doc, shown
        self.params: dict[str, Parameter] = dict(doc.parameters)
        self.tables: dict[str, dict[str, Any]] = {t: dict(getattr(doc, t)) for t in self.TABLES}
        self.rules: list[Rule] = list(doc.rules)
        self.every_id: dict[str, str] = {r.id: "the family's own rules" for r in doc.rules}
        self.written_in: dict[str, str] = {}  # checker's "rule ID", "parameter N" -> pack file
        self.rule_packs: dict[str, str] = {}
        self.param_packs: dict[str, str] = {}
        self.off: list[SwitchedOff] = []
        self.problems: list[str] = []

    def fail(self, shown: str, where: str, message: str) -> None:
        self.problems.append(f"{shown}: family {self.doc.family}: {where}: {message}")

    def lay(self, pack: Pack, shown: str, overlay: Overlay) -> None:
        for name, override in overlay.parameters.items():
            base = self.params.get(name)
            if base is None:
                self.fail(
                    shown,
                    f"parameter {name}",
                    f"unknown parameter{did_you_mean(name, list(self.params))} (a pack adds "
                    "a parameter under 'add: parameters')",
                )
            elif base.set_by == "law":
                self.fail(
                    shown,
                    f"parameter {name}",
                    f"set by law ({source_in(base.source, 'en') or 'see the rule file'}): "
                    "a pack sets district parameters only; a different value of the law is "
                    "a what-if, not a rule pack (decisions.md L7)",
                )
            else:
                self.params[name] = base.model_copy(
                    update={
                        "value": override.value,
                        "source": override.source,
                        "values": override.values,
                    }
                )
                self._wrote(f"parameter {name}", shown)
                self.param_packs[name] = pack.name
        for rule_id, reason in overlay.switch_off.items():
            found = next((r for r in self.rules if r.id == rule_id), None)
            if found is None:
                known = [r.id for r in self.rules]
                self.fail(
                    shown,
                    f"switch_off {rule_id}",
                    f"no rule of the family has that id{did_you_mean(rule_id, known)}",
                )
                continue
            self.rules.remove(found)
            self.off.append(SwitchedOff(found, pack.name, reason))
        self._add(pack, shown, overlay.add)

    def _add(self, pack: Pack, shown: str, add: Additions) -> None:
        for name, param in add.parameters.items():
            if name in self.params:
                self.fail(
                    shown,
                    f"parameter {name}",
                    "already a parameter of the family: override it under 'parameters'",
                )
                continue
            self.params[name] = param
            self._wrote(f"parameter {name}", shown)
            self.param_packs[name] = pack.name
        for table in self.TABLES:
            for key, entry in getattr(add, table).items():
                if key in self.tables[table]:
                    self.fail(
                        shown,
                        f"{table}.{key}",
                        "already defined: a pack adds names, it does not redefine them",
                    )
                    continue
                self.tables[table][key] = entry
                where = {"predicates": f"predicate {key}", "options": f"options.{key}"}
                self._wrote(where.get(table, f"{table}.{key}.title"), shown)
        for rule in add.rules:
            if rule.id in self.every_id:
                self.fail(
                    shown,
                    f"rule {rule.id}",
                    f"field 'id': the id is already used by {self.every_id[rule.id]}; a pack "
                    "adds rules under ids of their own",
                )
                continue
            self.every_id[rule.id] = f"pack {pack.name}"
            self.rules.append(rule)
            self._wrote(f"rule {rule.id}", shown)
            self.rule_packs[rule.id] = pack.name

    def _wrote(self, where: str, shown: str) -> None:
        self.written_in[where] = shown

    def resolve(self, as_of: date, laws: Mapping[str, Law]) -> tuple[FamilyFile, dict[str, date]]:
        """The document as it applies on `as_of`, and the parameters that have no value yet
        on that date (each with its first date; its first value stands in, to compile)."""
        params: dict[str, Parameter] = {}
        missing: dict[str, date] = {}
        dates: dict[str, date] = {}
        for name, param in self.params.items():
            entry = param.on(as_of)
            if entry is None:
                entry = param.history()[0]
                missing[name] = entry[0] or as_of
            params[name] = param.model_copy(update={"value": entry[1], "source": entry[2]})
            if param.type == "date":
                with contextlib.suppress(ValueError):  # reported with the parameter
                    value = parse_value("date", entry[1])
                    if isinstance(value, date):
                        dates[name] = value
        off = {s.rule.id for s in self.off}
        rules = []
        for rule in self.rules:
            update: dict[str, Any] = {}
            start = rule.effective.start_param
            if start is not None:
                if start in dates:
                    update["effective"] = rule.effective.model_copy(update={"start": dates[start]})
                elif start not in self.params or self.params[start].type != "date":
                    pack_file = self.written_in.get(f"rule {rule.id}")
                    where = f"{pack_file}: family {self.doc.family}" if pack_file else self.shown
                    self.problems.append(
                        f"{where}: rule {rule.id}: field 'effective.from': {start!r} is neither "
                        f"a date nor a date parameter{did_you_mean(start, list(dates))}"
                    )
            if off & set(rule.exception_of):  # nothing left to set aside
                update["exception_of"] = [r for r in rule.exception_of if r not in off]
            rules.append(rule.model_copy(update=update) if update else rule)
        cited = {c.law for r in rules for c in [*r.cites, *(c for a in r.actions for c in a.cites)]}
        doc = self.doc.model_copy(
            update={
                "parameters": params,
                "rules": rules,
                "laws": {key: law for key, law in laws.items() if key in cited},
                **self.tables,
            }
        )
        return doc, missing
