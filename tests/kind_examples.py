"""Every kind's own example, as its --help gives it: the tests that hold for every kind run
on these, so a new kind is tested by declaring its example, not by naming it here."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from comply.engine import kinds
from comply.engine.kinds import Kind

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Example:
    kind: Kind
    file: Path
    args: list[str]  # the command line after `comply`, paths made absolute
    as_of: date
    options: dict[str, Any]  # the kind's options, by Option.dest, as the command reads them


def example(kind: Kind) -> Example:
    """The first example command line of the kind's --help, ready to run from anywhere."""
    words = shlex.split(kind.examples[0].replace("\\\n", " "))
    assert words[:2] == ["comply", kind.command], kind.examples[0]
    args = [str(ROOT / w) if w.startswith("examples/") else w for w in words[1:]]
    as_of = date.fromisoformat(args[args.index("--as-of") + 1])
    options: dict[str, Any] = {}
    for option in kind.options:
        flag = option.flag.split("/")[0]
        if flag in args:
            value = args[args.index(flag) + 1]
            options[option.dest] = int(value) if option.type == "year" else value
    return Example(kind, Path(args[1]), args, as_of, options)


EXAMPLES = [example(kind) for kind in kinds.all_kinds()]
EXAMPLE_IDS = [e.kind.command for e in EXAMPLES]
