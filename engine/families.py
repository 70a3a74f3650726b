"""Where rule families live, and the kinds of subject whose facts they test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from . import intake, packs, parcels, projects
from .errors import RulebookError
from .rulebook import RuleFamily, Schema
from .subjects import Kind

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (parcels.KIND, projects.KIND, intake.CANDIDATE_KIND, intake.LISTED_KIND)
}
_CACHE: dict[Path, tuple[tuple[object, ...], RuleFamily]] = {}


def schemas() -> dict[str, Schema]:
    return {name: (kind.facts, kind.values, kind.context) for name, kind in KINDS.items()}


def load(name: str, rules_dir: Path | None = None) -> RuleFamily:
    """The rule family `name` from rules_dir (the bundled rules/ by default), without packs,
    its parameters as in force today. A run as of a date loads with packs.load_rulebook."""
    directory = rules_dir or RULES_DIR
    path = directory / f"{name}.yaml"
    if not path.is_file():
        raise RulebookError(f"{path}: rule file not found")
    today = date.today()
    laws = directory / packs.LAWS_FILE
    stamp = (today, path.stat().st_mtime, laws.stat().st_mtime if laws.is_file() else None)
    cached = _CACHE.get(path)
    if cached is None or cached[0] != stamp:
        cached = (stamp, packs.load_rulebook([name], today, rules_dir=directory).families[0])
        _CACHE[path] = cached
    return cached[1]
