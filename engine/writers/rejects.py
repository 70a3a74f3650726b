"""The refused rows of a run with --skip-invalid, one line per problem, with its reason."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import IO

from ..errors import InputProblem
from . import inert


def write_rejects(
    stream: IO[str], problems: Sequence[InputProblem], lang: str = "en", *, bom: bool = False
) -> None:
    """CSV: file, row, the column as the file heads it, value and what was expected, in
    `lang` (decisions.md IO1); then the contract's name of the column and, in a workbook,
    the cell. With `bom`, for Excel."""
    if bom:
        stream.write("\ufeff")
    writer = csv.writer(stream)
    writer.writerow(["file", "row", "column", "value", "expected", "field", "cell"])
    for p in problems:
        cells = [p.file, str(p.row), p.shown, p.value, p.expected_in(lang), p.column, p.cell]
        writer.writerow([inert(cell) for cell in cells])
