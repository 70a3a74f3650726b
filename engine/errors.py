"""Domain errors. Only the CLI turns them into messages and exit statuses."""

from __future__ import annotations

from dataclasses import dataclass


class ComplyError(Exception):
    """Base of every error a user can cause and fix."""


class RulebookError(ComplyError):
    """A rule file is malformed: the message names file, rule and field."""


@dataclass(frozen=True)
class InputProblem:
    """One bad cell (or row) of an input file."""

    file: str
    row: int  # 1-based data row as a spreadsheet shows it (header is row 1)
    column: str
    value: str
    expected: str

    def __str__(self) -> str:
        return (
            f"{self.file}: row {self.row}, column {self.column!r}: "
            f"got {self.value!r}, expected {self.expected}"
        )


class InputError(ComplyError):
    """The input file has problems; all of them are listed, none is dropped."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = problems
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{len(problems)} input {noun}")


class NotCoveredError(ComplyError):
    """No rule of the family is in force on the requested date."""


class OutputError(ComplyError):
    """The output cannot be written where the user asked."""


class OptionError(ComplyError):
    """An option that cannot apply to this kind of input."""


class EngineError(ComplyError):
    """The rules engine failed or the rulebook produced a contradiction."""
