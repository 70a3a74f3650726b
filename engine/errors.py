"""Domain errors. Only the CLI turns them into messages and exit statuses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import notices  # noqa: F401 - registers the messages errors carry
from .messages import Message, render


class ComplyError(Exception):
    """Base of every error a user can cause and fix: its text, or a catalog message shown
    in the output language (engine/notices.py)."""

    def __init__(self, message: str | Message = "", *args: object) -> None:
        super().__init__(message, *args)
        self.message = message

    def in_(self, lang: str) -> str:
        message = self.message
        return message.in_(lang) if isinstance(message, Message) else str(message)

    def __str__(self) -> str:
        return self.in_("en")


class RulebookError(ComplyError):
    """A rule file is malformed: the message names file, rule and field."""


@dataclass(frozen=True)
class InputProblem:
    """One bad cell (or row) of an input file, and what was expected there."""

    file: str
    row: int  # 1-based row as a spreadsheet shows it (a header on the first row is row 1)
    column: str  # the contract's name of the column (or "(row)", "(file)", ...)
    value: str
    message: Message  # what was expected, in any output language
    header: str = ""  # the column as the file heads it (出让价款（万元）), if it differs
    cell: str = ""  # the cell as Excel names it (D7), for a workbook
    # A problem of the file, its title or its header: no row can be read past it, and the
    # run is refused, --skip-invalid or not.
    whole: bool = False

    @property
    def shown(self) -> str:
        """The column as the user sees it: the file's own header."""
        return self.header or self.column

    @property
    def expected(self) -> str:
        return self.message.in_("en")

    def expected_in(self, lang: str) -> str:
        return self.message.in_(lang)

    def in_(self, lang: str) -> str:
        """The whole problem as one line: file, row (and cell), the column as the file heads
        it, the value and the expectation."""
        expected, column, value = self.message.in_(lang), repr(self.shown), repr(self.value)
        if self.cell:
            return render(
                "problem_cell",
                lang,
                file=self.file,
                cell=self.cell,
                row=self.row,
                column=column,
                value=value,
                expected=expected,
            )
        if not self.row:  # the file's, or its sheet's: no "row 0"
            return render(
                "problem_file", lang, file=self.file, column=column, value=value, expected=expected
            )
        return render(
            "problem_line",
            lang,
            file=self.file,
            row=self.row,
            column=column,
            value=value,
            expected=expected,
        )

    def __str__(self) -> str:
        return self.in_("en")


class InputError(ComplyError):
    """The input file has problems; all of them are listed, none is dropped."""

    def __init__(self, problems: list[InputProblem]) -> None:
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{len(problems)} input {noun}")
        self.problems = problems

    def in_(self, lang: str) -> str:
        """A heading, then every problem on its own line, in the output language."""
        count = len(self.problems)
        if count == 1:
            heading = render("input_problem", lang, count=count)
        else:
            heading = render("input_problems", lang, count=count)
        return "\n".join([heading, *(p.in_(lang) for p in self.problems)])


class NotCoveredError(ComplyError):
    """No rule of the family is in force on the requested date."""


class ParameterNotInForceError(NotCoveredError):
    """A parameter a rule uses by the requested date has no value yet on it."""

    def __init__(self, message: str | Message, parameter: str, first: date) -> None:
        super().__init__(message)
        self.parameter, self.first = parameter, first


class OutputError(ComplyError):
    """The output cannot be written where the user asked."""


class OptionError(ComplyError):
    """An option that cannot apply to this kind of input."""


class EngineError(ComplyError):
    """The rules engine failed or the rulebook produced a contradiction."""
