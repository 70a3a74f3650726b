"""The one way to load a rulebook: rules/laws.yaml, the rule families, and any rule packs
laid over them, with every parameter's value chosen for the run's date.

A rule pack is a directory laid over the rulebook, never a copy of it: `pack.yaml` names it,
and one file per family it touches (`budget.yaml`, `intake.yaml`, ...) overrides parameters,
adds rules (with the statuses, action codes, predicates and parameters they need) and
switches rules off by id. Packs apply in the order given, a later one over an earlier one.
A district parameter may be overridden; a parameter of the law may not (decisions.md L7).

Every file the load reads is kept by a logical name ("rules/budget.yaml", "rules/laws.yaml",
"packs/<directory>/budget.yaml"), so that a worker on another machine is sent the bytes and
loads the same rulebook without a disk, checked by the rulebook's sha256.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import kinds
from .checker import compile_family
from .conditions import comparisons, did_you_mean
from .errors import ParameterNotInForceError, RulebookError
from .messages import msg
from .overlay import Layers, Overlay, Pack, PackFile, check_packs
from .rulebook import (
    FamilyFile,
    Law,
    LawsFile,
    RuleFamily,
    describe_validation,
    read_yaml,
)
from .rulebook import identity as family_identity

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
LAWS_FILE = "laws.yaml"
PACK_FILE = "pack.yaml"


@dataclass(frozen=True)
class Bundle:
    """A rulebook as it travels to a worker: what load_rulebook needs to make it again."""

    names: tuple[str, ...]
    as_of: date
    packs: tuple[str, ...]  # each pack's directory as given (only its name is used)
    files: Mapping[str, bytes]
    sha256: str

    def load(self) -> Rulebook:
        """The same rulebook, from the bytes sent; refused if they are not what was sent."""
        return load_rulebook(
            self.names,
            self.as_of,
            packs=[Path(p) for p in self.packs],
            files=self.files,
            sha256=self.sha256,
        )


@dataclass(frozen=True)
class Rulebook:
    """The families a run evaluates, as they apply on `as_of`, with the packs laid over."""

    families: tuple[RuleFamily, ...]
    as_of: date
    packs: tuple[Pack, ...]
    laws: Mapping[str, Law]
    files: Mapping[str, bytes] = field(repr=False)  # every file read, by logical name

    def family(self, name: str) -> RuleFamily:
        for family in self.families:
            if family.name == name:
                return family
        raise KeyError(name)

    def identity(self) -> dict[str, Any]:
        """Version and content hash, as outputs and the ledger print them: the families'
        identity, and with packs their identities too, the hash covering them."""
        identity = family_identity(self.families, [p.sha256 for p in self.packs])
        if self.packs:
            identity["packs"] = [p.identity() for p in self.packs]
        return identity

    def sources(self) -> dict[str, bytes]:
        """Every file the load read, by logical name: load_rulebook(files=...) takes them."""
        return dict(self.files)

    def bundle(self) -> Bundle:
        return Bundle(
            tuple(f.name for f in self.families),
            self.as_of,
            tuple(str(p.root) for p in self.packs),
            self.sources(),
            self.identity()["sha256"],
        )


def load_rulebook(
    names: Sequence[str],
    as_of: date,
    *,
    rules_dir: Path | None = None,
    packs: Sequence[Path] = (),
    files: Mapping[str, bytes] | None = None,
    sha256: str | None = None,
) -> Rulebook:
    """The rule families `names` as they apply on `as_of`, with `packs` laid over in order.

    Each parameter takes the value in force on `as_of` (the latest date on or before it);
    a rule's window may start at a date parameter. Raises RulebookError naming file, family,
    rule or parameter and field; ParameterNotInForceError where a rule that may apply by
    `as_of` uses a parameter whose first value is later. Every family a pack touches is
    checked, whether or not it is in `names`.

    `files` gives the bytes instead of the disk, by the logical names of `sources()`
    (`rules_dir` is then not read, and `packs` only name the packs' directories); with
    `sha256`, the rulebook they make must have that identity hash.
    """
    if not names:
        raise RulebookError("a rulebook has at least one rule family: none was named")
    reader = _Reader(rules_dir or RULES_DIR, files)
    laws = reader.laws()
    loaded = [reader.pack(Path(root)) for root in packs]
    check_packs(loaded, reader.family_names())
    wanted = list(dict.fromkeys([*names, *(f for pack in loaded for f in pack.overlays)]))
    built = {name: _build(reader, name, laws, loaded, as_of, name in names) for name in wanted}
    _check_ids_across(built, loaded)
    if files is not None:
        unused = sorted(set(files) - set(reader.read))
        if unused:
            raise RulebookError(
                f"files sent that this rulebook does not read: {', '.join(unused)} "
                "(are the same packs given?)"
            )
    book = Rulebook(tuple(built[n] for n in names), as_of, tuple(loaded), laws, reader.read)
    if sha256 is not None and book.identity()["sha256"] != sha256:
        raise RulebookError(
            f"the rule files changed in transit: they make rulebook "
            f"{book.identity()['sha256'][:12]}, not {sha256[:12]}"
        )
    return book


def digest(entries: Iterable[tuple[str, bytes]]) -> str:
    """sha256 over named contents, in the order given: one 'sha256  name' line each."""
    lines = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in entries)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


# ---- reading ----


class _Reader:
    """Reads rule files and packs from the disk, or from the bytes a worker was sent, and
    keeps what it read by logical name."""

    def __init__(self, rules_dir: Path, files: Mapping[str, bytes] | None) -> None:
        self.rules_dir, self.files = rules_dir, files
        self.read: dict[str, bytes] = {}

    def _get(self, logical: str, path: Path) -> tuple[str, bytes] | None:
        """(the name messages give, content), or None where there is no such file."""
        if self.files is None:
            if not path.is_file():
                return None
            data, shown = path.read_bytes(), str(path)
        else:
            if logical not in self.files:
                return None
            data, shown = self.files[logical], logical
        self.read[logical] = data
        return shown, data

    def family_names(self) -> list[str]:
        if self.files is None:
            found = [p.stem for p in self.rules_dir.glob("*.yaml")]
        else:
            found = [m.group(1) for k in self.files if (m := re.match(r"^rules/([^/]+)\.yaml$", k))]
        return sorted(n for n in found if f"{n}.yaml" != LAWS_FILE)

    def family(self, name: str) -> tuple[Path, str, bytes]:
        path = self.rules_dir / f"{name}.yaml"
        got = None if f"{name}.yaml" == LAWS_FILE else self._get(f"rules/{name}.yaml", path)
        if got is None:
            shown = path if self.files is None else f"rules/{name}.yaml"
            raise RulebookError(
                f"{shown}: rule file not found{did_you_mean(name, self.family_names())}"
            )
        return (path if self.files is None else Path(f"rules/{name}.yaml")), *got

    def laws(self) -> dict[str, Law]:
        got = self._get(f"rules/{LAWS_FILE}", self.rules_dir / LAWS_FILE)
        if got is None:
            shown = self.rules_dir / LAWS_FILE if self.files is None else f"rules/{LAWS_FILE}"
            raise RulebookError(
                f"{shown}: not found: the laws the rule files cite are declared there, once"
            )
        shown, data = got
        doc = _validated(LawsFile, shown, _yaml(shown, data))
        problems = [
            f"{shown}: law {key}: field 'effective.from': a law takes effect on a date, "
            f"not on a parameter ({law.effective.start_param!r})"
            for key, law in doc.laws.items()
            if law.effective.start_param is not None
        ]
        if problems:
            raise RulebookError("\n".join(problems))
        return doc.laws

    def pack(self, root: Path) -> Pack:
        prefix = f"packs/{root.name}/"
        if self.files is None:
            if not (root / PACK_FILE).is_file():
                raise RulebookError(f"{root}: not a rule pack: it has no {PACK_FILE}")
            relative = sorted(
                p.relative_to(root).as_posix()
                for p in root.rglob("*")
                if p.is_file() and not any(s.startswith(".") for s in p.relative_to(root).parts)
            )
        else:
            relative = sorted(k[len(prefix) :] for k in self.files if k.startswith(prefix))
            if PACK_FILE not in relative:
                raise RulebookError(f"{prefix}{PACK_FILE}: not sent")
        contents: dict[str, tuple[str, bytes]] = {}
        for name in relative:
            got = self._get(prefix + name, root / name)
            if got is not None:
                contents[name] = got
        shown, data = contents[PACK_FILE]
        head = _validated(PackFile, shown, _yaml(shown, data))
        overlays: dict[str, tuple[str, Overlay]] = {}
        for name, (shown, data) in contents.items():
            if "/" not in name and name.endswith(".yaml") and name != PACK_FILE:
                overlays[name[: -len(".yaml")]] = (
                    shown,
                    _validated(Overlay, shown, _yaml(shown, data) or {}),
                )
        sha = digest((name, data) for name, (_, data) in sorted(contents.items()))
        return Pack(head.pack, head.version, head.title, head.description, sha, root, overlays)


_Model = TypeVar("_Model", bound=BaseModel)


def _yaml(shown: str, data: bytes) -> Any:
    return read_yaml(shown, data)


def _validated(model: type[_Model], shown: str, data: Any) -> _Model:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RulebookError(describe_validation(shown, data, exc)) from None


def _build(
    reader: _Reader,
    name: str,
    laws: Mapping[str, Law],
    packs: Sequence[Pack],
    as_of: date,
    strict: bool,
) -> RuleFamily:
    path, shown, raw = reader.family(name)
    data = _yaml(shown, raw)
    doc = _validated(FamilyFile, shown, data)
    if isinstance(data, dict) and "laws" in data:
        raise RulebookError(
            f"{shown}: field 'laws': laws are declared once, in rules/{LAWS_FILE}; a rule "
            "file cites them by key"
        )
    layers = Layers(doc, shown)
    over = [(pack, *pack.overlays[name]) for pack in packs if name in pack.overlays]
    for pack, overlay_shown, overlay in over:
        layers.lay(pack, overlay_shown, overlay)
    effective, missing = layers.resolve(as_of, laws)
    if layers.problems:
        raise RulebookError("\n".join(layers.problems))
    sources = [(f"rules/{name}.yaml", raw), (f"rules/{LAWS_FILE}", reader.read["rules/laws.yaml"])]
    sha = digest([*sources, *((f"pack {p.name}", p.sha256.encode()) for p, _, _ in over)])
    family = compile_family(
        path, effective, laws, kinds.schemas(), sha, as_of=as_of, written_in=layers.written_in
    )
    if strict:
        _check_in_force(family, missing, as_of, layers.written_in)
    rules = tuple(
        replace(r, origin=layers.rule_packs[r.rule.id]) if r.rule.id in layers.rule_packs else r
        for r in family.rules
    )
    return replace(
        family,
        rules=rules,
        param_origins=dict(layers.param_packs),
        switched_off=tuple(layers.off),
    )


def _check_in_force(
    family: RuleFamily, missing: Mapping[str, date], as_of: date, written_in: Mapping[str, str]
) -> None:
    """A rule that may apply by `as_of` may not use a parameter that has no value yet."""
    if not missing:
        return
    titles = {**family.doc.action_codes}
    for compiled in family.rules:
        rule = compiled.rule
        used = {rule.effective.start_param} if rule.effective.start_param else set()
        if rule.effective.start > as_of and not used & set(missing):
            continue
        for cond in (compiled.when, compiled.test, *(a.when for a in compiled.actions)):
            if cond is not None:
                used |= {c.param for c in comparisons(cond) if c.param}
        for action in rule.actions:
            used |= {
                p.days for p in (action.due, action.not_before) if p and not isinstance(p, str)
            }
            used |= {action.amount.rate} if action.amount else set()
            code = titles.get(action.code)
            texts = [code.title] if code else []
            texts += [family.doc.options[o] for o in action.options if o in family.doc.options]
            used |= {n for t in texts for n in missing if f"{{{n}}}" in t.en + t.zh}
        if rule.criterion is not None and rule.criterion.threshold:
            used.add(rule.criterion.threshold)
        for name in sorted(used & set(missing)):
            shown = written_in.get(f"parameter {name}", str(family.path))
            raise ParameterNotInForceError(
                msg(
                    "parameter_not_in_force",
                    shown=shown,
                    name=name,
                    as_of=as_of,
                    first=missing[name],
                    rule=rule.id,
                ),
                name,
                missing[name],
            )


def _check_ids_across(built: Mapping[str, RuleFamily], packs: Sequence[Pack]) -> None:
    """A rule a pack adds may not take the id of a rule of another family."""
    owners: dict[str, list[str]] = {}
    for family in built.values():
        for compiled in family.rules:
            owners.setdefault(compiled.rule.id, []).append(family.name)
    problems = []
    for family in built.values():
        for compiled in family.rules:
            others = [f for f in owners[compiled.rule.id] if f != family.name]
            if compiled.origin is not None and others:
                pack = next(p for p in packs if p.name == compiled.origin)
                problems.append(
                    f"{pack.overlays[family.name][0]}: family {family.name}: rule "
                    f"{compiled.rule.id}: field 'id': the id is already used by a rule of "
                    f"family {others[0]}"
                )
    if problems:
        raise RulebookError("\n".join(problems))
