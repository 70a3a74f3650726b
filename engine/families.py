"""Where rule families live: the bundled rules/ directory, or one a user names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from . import kinds, packs
from .errors import RulebookError
from .rulebook import RuleFamily

RULES_DIR = packs.RULES_DIR
_CACHE: dict[Path, tuple[tuple[object, ...], RuleFamily]] = {}


def names() -> list[str]:
    """Every rule family of the bundled rulebook: those the kinds run, in their order."""
    return [name for kind in kinds.all_kinds() for name in kind.families]


def load(name: str, rules_dir: Path | None = None) -> RuleFamily:
    """The rule family `name` from rules_dir (the bundled rules/ by default), without packs,
    its parameters as in force today (to browse the rulebook). A run as of a date loads
    with packs.load_rulebook."""
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
