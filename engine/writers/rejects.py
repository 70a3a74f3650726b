"""The refused rows of a run with --skip-invalid, one line per problem, with its reason."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputProblem
from . import atomic_output


def write_rejects(path: Path, problems: Sequence[InputProblem], lang: str = "en") -> None:
    """CSV: file, row, column, value and what was expected, in `lang` (decisions.md IO1)."""
    with atomic_output(path) as stream:
        writer = csv.writer(stream)
        writer.writerow(["file", "row", "column", "value", "expected"])
        for p in problems:
            writer.writerow([p.file, p.row, p.column, p.value, p.expected_in(lang)])
