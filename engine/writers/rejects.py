"""The refused rows of a run with --skip-invalid, one line per problem, with its reason."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import IO

from ..errors import InputProblem
from . import inert


def write_rejects(stream: IO[str], problems: Sequence[InputProblem], lang: str = "en") -> None:
    """CSV: file, row, column, value and what was expected, in `lang` (decisions.md IO1)."""
    writer = csv.writer(stream)
    writer.writerow(["file", "row", "column", "value", "expected"])
    for p in problems:
        cells = [p.file, str(p.row), p.column, p.value, p.expected_in(lang)]
        writer.writerow([inert(cell) for cell in cells])
