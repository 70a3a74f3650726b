"""Where rule families live, and the kinds of subject whose facts they test."""

from __future__ import annotations

from pathlib import Path

from . import intake, parcels, projects
from .errors import RulebookError
from .rulebook import RuleFamily, Schema, load_family
from .subjects import Kind

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (parcels.KIND, projects.KIND, intake.CANDIDATE_KIND, intake.LISTED_KIND)
}
_CACHE: dict[Path, tuple[float, RuleFamily]] = {}


def schemas() -> dict[str, Schema]:
    return {name: (kind.facts, kind.values, kind.context) for name, kind in KINDS.items()}


def load(name: str, rules_dir: Path | None = None) -> RuleFamily:
    """The rule family `name` from rules_dir (the bundled rules/ by default)."""
    path = (rules_dir or RULES_DIR) / f"{name}.yaml"
    if not path.is_file():
        raise RulebookError(f"{path}: rule file not found")
    mtime = path.stat().st_mtime
    cached = _CACHE.get(path)
    if cached is None or cached[0] != mtime:
        cached = (mtime, load_family(path, schemas()))
        _CACHE[path] = cached
    return cached[1]
