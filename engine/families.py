"""Where rule families live: the bundled rules/ directory, or one a user names."""

from __future__ import annotations

from pathlib import Path

from . import kinds
from .errors import RulebookError
from .rulebook import RuleFamily, load_family

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
_CACHE: dict[Path, tuple[float, RuleFamily]] = {}


def names() -> list[str]:
    """Every rule family of the bundled rulebook: those the kinds run, in their order."""
    return [name for kind in kinds.all_kinds() for name in kind.families]


def load(name: str, rules_dir: Path | None = None) -> RuleFamily:
    """The rule family `name` from rules_dir (the bundled rules/ by default)."""
    path = (rules_dir or RULES_DIR) / f"{name}.yaml"
    if not path.is_file():
        raise RulebookError(f"{path}: rule file not found")
    mtime = path.stat().st_mtime
    cached = _CACHE.get(path)
    if cached is None or cached[0] != mtime:
        cached = (mtime, load_family(path, kinds.schemas()))
        _CACHE[path] = cached
    return cached[1]
