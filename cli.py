"""comply: the commands. One command a kind of subject, made from the kind's declaration
(engine/kinds/), and the commands that read the rulebook, the policy and the ledger. Each
command's body is a call into engine/; only this module talks to the user."""

from __future__ import annotations

import functools
import getpass
import inspect
import itertools
import json
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

import click

from .engine import (
    contract,
    families,
    kinds,
    ledger,
    parallel,
)
from .engine import run as runs
from .engine.dates import DATE_FORMS, parse_date
from .engine.errors import ComplyError, EngineError, InputError
from .engine.kinds import Kind, Option
from .engine.messages import Message, msg, render
from .engine.writers import format_names, printable

F = TypeVar("F", bound=Callable[..., Any])
EXIT_BAD_INPUT = 2


class DateParam(click.ParamType):  # type: ignore[type-arg]
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_date(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date: expected {DATE_FORMS}", param, ctx)


class Shown(click.ClickException):
    """An error as the terminal shows it: what the input held is printed, never acted on
    (control characters and escape sequences are removed)."""

    def format_message(self) -> str:
        return printable(super().format_message())


class Failure(Shown):
    """A user-fixable problem: printed without a traceback, exit status 2."""

    exit_code = EXIT_BAD_INPUT


class InputFailure(Failure):
    """Bad input, listed in the output language, under a heading in that language too."""

    def __init__(self, error: InputError, lang: str) -> None:
        super().__init__(error.in_(lang))
        self.lang = lang

    def show(self, file: Any = None) -> None:
        click.echo(render("error", self.lang, message=self.format_message()), file=file, err=True)


@dataclass(frozen=True)
class Run:
    """The options every evaluating command shares, gathered by @output_options."""

    as_of: date
    fmt: str | None
    out: Path | None
    lang: str
    record: bool
    ledger_path: Path
    operator: str
    signing_key: Path | None
    skip_invalid: bool
    rejects: Path | None
    sheet: str | None
    rules_dir: Path | None
    packs: tuple[Path, ...]
    workers: int | None
    executor: str
    scheduler: str | None
    cache: bool
    header_row: int | None
    keep: bool | None
    bom: bool | None


HEADER_ROW_OPTION = click.option(
    "--header-row",
    "header_row",
    type=click.IntRange(1, 1000),
    default=None,
    help="The register's header row (its number as the sheet shows it) [default: found "
    "among the first rows, below any title].",
)

RULES_OPTION = click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Rule directory [default: bundled].",
)
PACK_OPTION = click.option(
    "--pack",
    "packs",
    multiple=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="A rule pack laid over the rulebook (a directory; repeatable, later over earlier).",
)


def as_of_option(help: str) -> Callable[[F], F]:
    return click.option(
        "--as-of", "as_of", type=DateParam(), default=date.today, show_default="today", help=help
    )


def output_options(func: F) -> F:
    """The options every evaluating command shares, handed to it as one `run: Run`."""

    @functools.wraps(func)
    def with_run(*args: Any, **kwargs: Any) -> Any:
        shared = {name: kwargs.pop(name) for name in Run.__dataclass_fields__}
        return func(*args, run=Run(**shared), **kwargs)

    options = [
        as_of_option("Evaluate the facts as of this date."),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(format_names()),
            default=None,
            help="Output format [default: from the --out extension, else table].",
        ),
        click.option(
            "--out",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="Write to this file (only once the whole run succeeded).",
        ),
        click.option(
            "--lang",
            type=click.Choice(["en", "zh"]),
            default="en",
            show_default=True,
            help="Language of titles and labels; codes never change.",
        ),
        click.option(
            "--record",
            is_flag=True,
            help="Append this run (inputs, rulebook, decisions) to the ledger.",
        ),
        click.option(
            "--ledger",
            "ledger_path",
            type=click.Path(dir_okay=False, path_type=Path),
            default=Path("ledger.sqlite"),
            show_default=True,
            help="The decision ledger (SQLite) that --record appends to.",
        ),
        click.option(
            "--operator",
            default=getpass.getuser,
            show_default="your login name",
            help="With --record: who ran it, kept in the ledger.",
        ),
        click.option(
            "--signing-key",
            type=click.Path(dir_okay=False, exists=True, path_type=Path),
            envvar="COMPLY_LEDGER_KEY",
            default=None,
            help="With --record: the bureau's private key (comply ledger keygen) that signs "
            "the run [env COMPLY_LEDGER_KEY].",
        ),
        click.option(
            "--skip-invalid",
            is_flag=True,
            help="Evaluate the valid rows instead of stopping at bad ones (needs --rejects).",
        ),
        click.option(
            "--rejects",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="With --skip-invalid: write the refused rows, with reasons, here.",
        ),
        click.option(
            "--sheet",
            default=None,
            help="For an .xlsx FILE: the sheet to read [default: the first].",
        ),
        HEADER_ROW_OPTION,
        click.option(
            "--keep-columns/--drop-columns",
            "keep",
            default=None,
            help="Carry the register's own columns (序号, 土地坐落, 备注...) beside each decision "
            "[default: keep for table and xlsx, drop for json, jsonl and csv].",
        ),
        click.option(
            "--bom/--no-bom",
            "bom",
            default=None,
            help="Open a CSV with a byte-order mark, so that Excel reads it as UTF-8 "
            "[default: for a CSV written to a file, not to the terminal].",
        ),
        RULES_OPTION,
        PACK_OPTION,
        click.option(
            "--jobs",
            "workers",
            type=click.IntRange(1, 256),
            default=None,
            help="Worker processes [default: every core for a CSV or JSON Lines file over "
            f"{parallel.AUTO_MIN_BYTES >> 20} MB (a workbook written: "
            f"{parallel.auto_min_bytes('xlsx') >> 20} MB), else 1].",
        ),
        click.option(
            "--executor",
            type=click.Choice(["local", "dask"]),
            default="local",
            show_default=True,
            help="Where the workers run: processes here, or a Dask cluster.",
        ),
        click.option(
            "--scheduler",
            default=None,
            metavar="ADDRESS",
            help="With --executor dask: the scheduler, e.g. tcp://10.0.0.5:8786 "
            "[default: a local cluster of --jobs workers].",
        ),
        click.option(
            "--cache/--no-cache",
            default=True,
            show_default=True,
            help="Reuse the engine's answer for subjects whose facts fall on the same side "
            "of every threshold; --no-cache asks the engine about each (slower, same result).",
        ),
    ]
    wrapped: Any = with_run
    for option in reversed(options):
        wrapped = option(wrapped)
    return wrapped  # type: ignore[no-any-return]


def reports_errors(func: F) -> F:
    """Turn domain errors into messages and exit statuses; no traceback reaches the user."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            raise InputFailure(exc, _lang()) from None
        except EngineError as exc:
            raise Shown(exc.in_(_lang())) from None
        except ComplyError as exc:
            raise Failure(exc.in_(_lang())) from None
        except BrokenPipeError:  # the reader went away (`| head`): as before, click's way
            raise
        except OSError as exc:  # a disk full, a file gone under the run: said, not a traceback
            reason = exc.strerror or exc
            if exc.filename is None:  # a write to an open file: the output, staged
                shown = msg("os_failed_writing", reason=reason)
            else:
                shown = msg("os_failed", path=exc.filename, reason=reason)
            raise Failure(shown.in_(_lang())) from None

    return wrapper  # type: ignore[return-value]


def _lang() -> str:
    """The output language of the running command (its --lang), English if it has none."""
    context = click.get_current_context(silent=True)
    return str(context.params.get("lang") or "en") if context is not None else "en"


def _evaluate(kind: Kind, file: Path, run_: Run, options: dict[str, Any]) -> None:
    """Evaluate FILE as the kind; say where the output went, if to a file."""
    chosen = _format(run_.fmt, run_.out)
    lang = run_.lang
    if chosen == "xlsx" and run_.out is None:
        raise Failure(render("xlsx_needs_out", lang))
    rejects = _rejects(run_.skip_invalid, run_.rejects, lang)
    if run_.scheduler is not None and run_.executor != "dask":
        raise Failure(render("scheduler_needs_dask", lang))
    record = run_.ledger_path if run_.record else None
    summary = runs.run(
        runs.Request(
            kind=kind,
            source=file,
            as_of=run_.as_of,
            options=options,
            fmt=chosen,
            lang=run_.lang,
            out=run_.out,
            rejects=rejects,
            ledger=record,
            sheet=run_.sheet,
            rules_dir=run_.rules_dir,
            packs=tuple(run_.packs),
            operator=run_.operator,
            signing_key=run_.signing_key,
            workers=run_.workers,
            executor=run_.executor,
            scheduler=run_.scheduler,
            cached=run_.cache,
            header_row=run_.header_row,
            keep=run_.keep,
            bom=run_.bom,
        )
    )
    for note in summary.notes:
        click.echo(printable(note.in_(lang)), err=True)
    if summary.recorded_as is not None:
        click.echo(
            render("status_recorded", lang, run=summary.recorded_as, ledger=record), err=True
        )
    if summary.refused:
        shown = render("status_refused", lang, count=summary.refused, rejects=run_.rejects)
        click.echo(shown, err=True)
    if run_.out is not None:
        noun = kind.view.noun.in_(lang)
        shown = render(
            "status_written",
            lang,
            count=summary.subjects,
            noun=noun,
            as_of=run_.as_of,
            fmt=chosen,
            out=run_.out,
        )
        click.echo(shown, err=True)


class ShareParam(click.ParamType):  # type: ignore[type-arg]
    """A share above 0 and at most 1, written 0.7, 70% or 7/10; read exactly."""

    name = "SHARE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, Fraction):
            return value
        text = str(value).strip()
        try:
            share = Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
        except (ValueError, ZeroDivisionError):
            self.fail(
                f"{value!r} is not a share: expected a number above 0 and at most 1, "
                "such as 0.7, 70% or 7/10",
                param,
                ctx,
            )
        if not 0 < share <= 1:
            self.fail(f"{value!r}: expected a share above 0 and at most 1", param, ctx)
        return share


_TYPES: dict[str, Any] = {
    "year": click.IntRange(1900, 2999),
    "share": ShareParam(),
    "file": click.Path(dir_okay=False, exists=True, path_type=Path),
}


def kind_option(option: Option) -> Callable[[F], F]:
    """A kind's option as a click option."""
    if option.type == "switch":
        return click.option(option.flag, option.dest, default=None, help=option.help)
    return click.option(
        option.flag,
        option.dest,
        type=_TYPES[option.type],
        required=option.required,
        default=None,
        help=option.help,
    )


def _help(kind: Kind) -> str:
    text = inspect.cleandoc(kind.help)
    if kind.examples:
        lines = "\n".join("  " + line for e in kind.examples for line in e.splitlines())
        text += "\n\n\b\nExamples:\n" + lines
    return text


def kind_command(kind: Kind) -> click.Command:
    """`comply KIND FILE`: the kind's options, then the options every evaluation shares."""

    @reports_errors
    def command(file: Path, run: Run, **options: Any) -> None:
        _evaluate(kind, file, run, options)

    wrapped: Any = output_options(command)
    for option in reversed(kind.options):
        wrapped = kind_option(option)(wrapped)
    wrapped = click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))(
        wrapped
    )
    return click.command(kind.command, help=_help(kind))(wrapped)


def explain_command(kind: Kind) -> click.Command:
    """`comply explain KIND FILE SUBJECT`: why each rule did or did not apply."""

    @reports_errors
    def command(
        file: Path,
        subject: str,
        as_of: date,
        rule: str | None,
        lang: str,
        rules_dir: Path | None,
        packs: tuple[Path, ...],
        **options: Any,
    ) -> None:
        from .engine import explain  # on use: their imports are heavy

        text = explain.explain_subject(
            kind, file, subject, as_of, lang, rule, options, rules_dir=rules_dir, packs=packs
        )
        click.echo(text, nl=False)

    wrapped: Any = command
    for option in reversed(kind.options):
        wrapped = kind_option(option)(wrapped)
    for decorator in reversed(
        [
            click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path)),
            click.argument("subject"),
            as_of_option("Explain the decision as of this date."),
            click.option(
                "--rule", default=None, help="Only this rule (its id, e.g. IL-ART14-1-FEE)."
            ),
            click.option(
                "--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True
            ),
            RULES_OPTION,
            PACK_OPTION,
        ]
    ):
        wrapped = decorator(wrapped)
    return click.command(
        kind.command, help=f"Explain one SUBJECT of a {kind.command} FILE, rule by rule."
    )(wrapped)


class KindCommands(click.Group):
    """A group whose commands include one per kind of subject, made when asked for."""

    def __init__(self, *args: Any, make: Callable[[Kind], click.Command], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.make = make

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *(k.command for k in kinds.all_kinds())})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        found = super().get_command(ctx, name)
        if found is not None:
            return found
        for kind in kinds.all_kinds():
            if kind.command == name:
                return self.make(kind)
        return None


def _rejects(skip_invalid: bool, rejects: Path | None, lang: str) -> Path | None:
    """--skip-invalid and --rejects go together: refused rows are never just dropped."""
    if skip_invalid != (rejects is not None):
        raise Failure(render("rejects_together", lang))
    return rejects


def _format(fmt: str | None, out: Path | None) -> str:
    if fmt:
        return fmt
    suffix = out.suffix.lower().lstrip(".") if out else ""
    return suffix if suffix in format_names() else "table"


@click.group(
    cls=KindCommands, make=kind_command, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(package_name="comply")
def main() -> None:
    """Comply: Chinese idle-land law and district project rules as auditable rules,
    evaluated by durable_rules. One command per kind of subject (parcels, budget, intake,
    portfolio, ...), and commands to explain a decision, read the rulebook, write the
    policy book and keep the decision ledger."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum: int, frame: Any) -> None:
    """SIGTERM ends the run as Ctrl-C does: every output staged so far is dropped, scratch
    space removed, workers stopped (exit status 143, as a shell reports it)."""
    raise SystemExit(128 + signum)


@main.group(cls=KindCommands, make=explain_command, name="explain")
def explain_group() -> None:
    """Explain why each rule did or did not apply to one SUBJECT of FILE.

    For every rule of the KIND's rulebook: whether it applies, does not, is not decidable
    for lack of a fact, is not in force on the date, or is set aside by an exception; and,
    condition by condition, the value read, the threshold with its parameter and source,
    and whether it held. Computed from the same rule data the engine runs.

    \b
    Examples:
      comply explain parcels examples/district-2012/parcels.csv P-2012-025 --as-of 2012-08-31
      comply explain parcels parcels.csv P-2012-008 --rule IL-ART14-1-FEE --lang zh
      comply explain budget examples/district-2012/budget.csv PJ-2012-003 --as-of 2012-08-31
    """


EVENTS_OPTION = click.option(
    "--events",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="The cases' dated events, one a row (CSV, JSON Lines or XLSX).",
)


@main.command(name="cases")
@click.argument("register", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@EVENTS_OPTION
@as_of_option("Judge the cases as of this date.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@RULES_OPTION
@PACK_OPTION
@reports_errors
def cases_command(
    register: Path,
    events: Path | None,
    as_of: date,
    fmt: str,
    lang: str,
    rules_dir: Path | None,
    packs: tuple[Path, ...],
) -> None:
    """List every open idle-land case of REGISTER, most urgent first: its stage, its next
    step (the bureau's, or the holder's duty), the step's legal due date and the days it is
    overdue (decisions.md L14).

    \b
    Examples:
      comply cases examples/district-2012/parcels.csv \\
          --events examples/district-2012/events.csv --as-of 2013-06-30
      comply cases parcels.csv --events events.xlsx --as-of 2013-06-30 --lang zh
    """
    from .engine import cases  # on use: their imports are heavy

    notes: list[Message] = []  # what the reader says of the register: its title, its unit
    prepared, pairs = cases.evaluated(register, as_of, {"events": events}, rules_dir, packs, notes)
    found = cases.open_cases(prepared, pairs)
    text = cases.as_json(found, prepared) if fmt == "json" else cases.table(found, prepared, lang)
    click.echo(printable(text), nl=False)
    for note in notes:
        click.echo(printable(note.in_(lang)), err=True)


@main.command(name="documents")
@click.argument("register", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@EVENTS_OPTION
@as_of_option("Draft what is due on this date (the documents' date).")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder the documents are written to.",
)
@click.option(
    "--settings",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="The bureau's settings (YAML): name, address, contact, who approves, reviews and "
    "enforces, the document-number prefixes. Without it those are left blank.",
)
@click.option(
    "--numbering",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("documents.sqlite"),
    show_default=True,
    help="The register of drafted documents: numbers per year and kind, never reused.",
)
@RULES_OPTION
@PACK_OPTION
@reports_errors
def documents_command(
    register: Path,
    events: Path | None,
    as_of: date,
    out_dir: Path,
    settings: Path | None,
    numbering: Path,
    rules_dir: Path | None,
    packs: tuple[Path, ...],
) -> None:
    """Draft the instruments the cases of REGISTER serve next, as Word documents (.docx), in
    Simplified Chinese, each with its proof of service (送达回证): the investigation notice,
    the determination, the hearing-right notice, the fee and reclaim decisions, the copy to
    the mortgagee, the notice to a mortgagee of a negotiated disposal. The wording is
    rules/documents/*.yaml; a field the input lacks is left as a visible blank and listed.

    \b
    Examples:
      comply documents examples/district-2012/parcels.csv \\
          --events examples/district-2012/events.csv --as-of 2013-06-30 \\
          --settings examples/district-2012/bureau.yaml --out drafts/
    """
    from .engine import documents  # on use: their imports are heavy

    notes: list[Message] = []
    drafted = documents.draft(
        register,
        as_of,
        out_dir,
        events=events,
        settings=settings,
        numbering=numbering,
        rules_dir=rules_dir,
        packs=packs,
        notes=notes,
    )
    for note in notes:  # what the reader says of the register: its title, its unit
        click.echo(printable(note.in_("en")), err=True)
    blank = 0
    for item in drafted:
        number = f"  {item.doc_no}" if item.doc_no else ""
        click.echo(printable(f"{item.path}{number}"))
        if item.blanks:
            blank += 1
            click.echo(printable("    left blank: " + ", ".join(item.blanks)))
    click.echo(
        f"{len(drafted)} documents drafted in {out_dir} as of {as_of}; "
        f"{blank} with blanks to fill in"
    )


def columns_command(kind: Kind) -> click.Command:
    """`comply columns KIND`: the kind's input contract, as a register may write it."""

    @click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
    def command(lang: str) -> None:
        click.echo(contract.describe(kind, lang), nl=False)

    return click.command(
        kind.command, help=f"The columns a `comply {kind.command}` FILE may hold."
    )(command)


@main.group(cls=KindCommands, make=columns_command, name="columns")
def columns_group() -> None:
    """List every column a KIND file may hold: the headers it may be written under (Chinese
    and English), its unit and the form of its values.

    \b
    Examples:
      comply columns parcels
      comply columns budget --lang zh
    """


@main.command()
@click.argument("rule_id", required=False)
@click.option("--family", type=click.Choice(families.names()), default=None)
@click.option("--law", default=None, help="A law's key or short name, e.g. order53.")
@click.option("--article", type=int, default=None, help="An article of that law.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@RULES_OPTION
@PACK_OPTION
@reports_errors
def rules(
    rule_id: str | None,
    family: str | None,
    law: str | None,
    article: int | None,
    lang: str,
    rules_dir: Path | None,
    packs: tuple[Path, ...],
) -> None:
    """List the rules (filtered by family, law, article), or show RULE_ID in full; with
    --pack, as the packs lay them over the rulebook (what each pack set, added, switched off).

    \b
    Examples:
      comply rules --law order53 --article 14
      comply rules IL-ART14-1-FEE --lang zh
      comply rules --pack examples/packs/district-speech-2012 --family budget
    """
    from .engine import catalog  # on use: their imports are heavy

    found = list(catalog.entries(rules_dir, family, law, article, packs))
    word = catalog.word
    if rule_id is None:
        for entry in found:
            rule = entry.rule.rule
            origin = word("pack", lang, pack=entry.rule.origin) if entry.rule.origin else ""
            click.echo(
                f"{rule.id:<30} {entry.family.basis(rule, lang):<48.48} "
                f"{rule.title.in_(lang)}{origin}"
            )
        shown: set[str] = set()
        for entry in found:
            for off in entry.family.switched_off:
                if off.rule.id not in shown and (family is None or entry.family.name == family):
                    shown.add(off.rule.id)
                    stopped = word("off", lang, pack=off.pack, reason=off.reason)
                    click.echo(f"{off.rule.id:<30} {stopped}")
        return
    chosen = next((e for e in found if e.rule.rule.id == rule_id), None)
    if chosen is None:
        raise Failure(render("no_such_rule", lang, rule=repr(rule_id)))
    entry, rule = chosen, chosen.rule.rule
    added = word("added", lang, pack=entry.rule.origin) if entry.rule.origin else ""
    window = word("in_force", lang, start=rule.effective.start)
    if rule.effective.until:
        window += word("until", lang, until=rule.effective.until)
    brackets = "（{}）" if lang == "zh" else "  ({})"
    lines = [
        f"{rule.id}{brackets.format(entry.family.name + added)}",
        rule.title.in_(lang),
        entry.family.basis(rule, lang),
        window,
        "",
        word("when", lang),
        *("  " + line for line in catalog.describe(entry.rule.when, 0, lang)),
    ]
    if rule.note:
        lines[3:3] = [rule.note.in_(lang)]
    if entry.rule.test is not None:
        test = catalog.describe(entry.rule.test, 0, lang)
        lines += [word("test", lang), *("  " + line for line in test)]
    if rule.status:
        status = entry.family.doc.statuses.get(rule.status)
        shown_status = f"{status.zh}（{rule.status}）" if lang == "zh" and status else rule.status
        lines.append(word("status", lang, status=shown_status))
    if rule.actions:
        lines += [word("actions", lang), *("  " + line for line in catalog.actions_of(entry, lang))]
    if rule.exception_of:
        lines.append(word("exception", lang, rules=", ".join(rule.exception_of)))
    lines += ["", word("parameters", lang), *("  " + p for p in catalog.parameters_of(entry, lang))]
    lines += [
        "",
        word("scenarios", lang),
        *("  " + s for s in catalog.scenarios().get(rule.id, [])),
    ]
    click.echo("\n".join(lines))


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("policy-book"),
    show_default=True,
)
@click.option(
    "--results",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("reports/junit.xml"),
    show_default=True,
    help="The latest test results (pytest --junitxml), for each scenario's outcome.",
)
@RULES_OPTION
@reports_errors
def policy(out_dir: Path, results: Path, rules_dir: Path | None) -> None:
    """Write the policy book: a static HTML site of features/, the rulebook and test results.

    \b
    Examples:
      make test && comply policy --out policy-book
    """
    from .engine import policybook  # on use: their imports are heavy

    pages = policybook.build(out_dir, results if results.is_file() else None, rules_dir)
    click.echo(render("status_policy", "en", count=len(pages), out=out_dir, first=pages[0]))


RUN_NUMBER = click.IntRange(1, 2**63 - 1)  # as SQLite numbers a ledger's runs
LEDGER_OPTION = click.option(
    "--ledger",
    "ledger_path",
    default=Path("ledger.sqlite"),
    type=click.Path(dir_okay=False, path_type=Path),
    show_default=True,
)


@main.group(name="ledger")
def ledger_group() -> None:
    """The decision ledger: recorded runs, hash-chained and signed (list, show, verify,
    head, replay, keygen).

    \b
    Examples:
      comply ledger keygen --out bureau.key
      comply parcels examples/district-2012/parcels.csv --as-of 2012-08-31 --record \\
          --signing-key bureau.key
      comply ledger list
      comply ledger head          # keep what it prints elsewhere
      comply ledger verify --public-key bureau.key.pub --head RECORD:HASH
      comply ledger show 1 --lang zh
      comply ledger replay 1
    """


@ledger_group.command(name="list")
@LEDGER_OPTION
@reports_errors
def ledger_list(ledger_path: Path) -> None:
    """List the recorded runs."""
    for run in ledger.runs(ledger_path):
        book = run.get("rulebook", {})
        signed = f"  signed {run['signed_by']}" if run.get("signed_by") else "  unsigned"
        click.echo(
            printable(
                f"{run['run']:>4}  {run['recorded_at']}  {run['command']:<9} as of "
                f"{run['as_of']}  {run['rows']} rows, {run['decisions']} decisions  "
                f"rulebook {book.get('version', '')} ({str(book.get('sha256', ''))[:12]})  "
                f"by {run.get('operator', '')}{signed}"
            )
        )


@ledger_group.command(name="show")
@click.argument("run", type=RUN_NUMBER)
@LEDGER_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(format_names()),
    default="table",
    show_default=True,
    help="Render the recorded decisions in this format.",
)
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@reports_errors
def ledger_show(run: int, ledger_path: Path, fmt: str, lang: str) -> None:
    """Show one recorded run: its header, then its decisions rendered now, in any language.
    Records that fail verification are named first, on standard error."""
    from .engine import replay  # on use: their imports are heavy

    if fmt == "xlsx":
        raise Failure(render("ledger_show_terminal", lang))
    for warning in replay.suspect(ledger_path, run):
        click.echo(printable(warning.in_(lang)), err=True)
    click.echo(printable(json.dumps(ledger.header(ledger_path, run), ensure_ascii=False, indent=2)))
    click.echo(replay.show(ledger_path, run, fmt, lang), nl=False)


@ledger_group.command(name="verify")
@LEDGER_OPTION
@click.option(
    "--public-key",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="The bureau's public key (comply ledger keygen): check every run's signature.",
)
@click.option(
    "--head",
    "head_",
    default=None,
    metavar="RECORD:HASH",
    help="The head kept elsewhere (comply ledger head): find truncation or rollback past it.",
)
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@reports_errors
def ledger_verify(ledger_path: Path, public_key: Path | None, head_: str | None, lang: str) -> None:
    """Check the hash chain, every run's seal and signature, and the head kept elsewhere;
    name the first record that was altered, removed, moved or inserted, or the first run
    not signed by the bureau's key."""
    key = ledger.public_key(public_key) if public_key is not None else None
    found = ledger.verify(ledger_path, key, _head(head_) if head_ else None)
    broken = found.broken
    if broken is not None:
        where = (
            render("ledger_broken_where", lang, what=broken.kind, key=broken.key, run=broken.run)
            if broken.kind
            else ""
        )
        raise Failure(
            render("ledger_broken", lang, seq=broken.seq, where=where, reason=broken.reason)
        )
    click.echo(render("verified_intact", lang, records=found.records, runs=found.runs))
    if found.unsigned:
        click.echo(render("verified_unsigned", lang, runs=_spans(found.unsigned)))
    if found.signed:
        keys = ", ".join(sorted(found.keys))
        spans = _spans(found.signed)
        if key is not None:
            click.echo(render("verified_signatures", lang, runs=spans, keys=keys))
        else:
            click.echo(render("verified_signed_unchecked", lang, runs=spans, keys=keys))
    if head_ is None:
        click.echo(render("verified_no_head", lang))


def _head(text: str) -> tuple[int, str]:
    record, _, digest = text.partition(":")
    if not record.isdigit() or len(digest) != 64:
        raise Failure(render("head_form", _lang(), text=text))
    return int(record), digest.lower()


def _spans(runs: list[int]) -> str:
    spans: list[str] = []
    for _, group in itertools.groupby(enumerate(runs), key=lambda p: p[1] - p[0]):
        numbers = [n for _, n in group]
        spans.append(str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}")
    return ", ".join(spans)


@ledger_group.command(name="head")
@LEDGER_OPTION
@reports_errors
def ledger_head(ledger_path: Path) -> None:
    """Print the chain's end, to keep elsewhere (a register, a printed minute): `verify
    --head` then finds any truncation or rollback past it."""
    runs_, record, digest = ledger.head(ledger_path)
    click.echo(f"{record}:{digest}")
    click.echo(f"{runs_} runs, {record} records", err=True)


@ledger_group.command(name="keygen")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the private key (readable by you only); the public key goes to OUT.pub.",
)
@reports_errors
def ledger_keygen(out: Path) -> None:
    """Make the bureau's signing key: keep the private key off the ledger's machine's shared
    disks (give it to --record runs with --signing-key or COMPLY_LEDGER_KEY), and the public
    key where auditors can read it (comply ledger verify --public-key)."""
    public = ledger.keygen(out)
    click.echo(f"private key written to {out}; public key to {public}")


@ledger_group.command(name="replay")
@click.argument("run", type=RUN_NUMBER)
@LEDGER_OPTION
@RULES_OPTION
@click.option(
    "--pack",
    "packs",
    multiple=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Rule packs to lay over today's rulebook [default: the run's own, where they were].",
)
@reports_errors
def ledger_replay(
    run: int, ledger_path: Path, rules_dir: Path | None, packs: tuple[Path, ...]
) -> None:
    """Re-evaluate a recorded run with the current rulebook; list each decision that differs.
    Records that fail verification are named first, on standard error, as by show."""
    from .engine import replay  # on use: their imports are heavy

    for warning in replay.suspect(ledger_path, run):
        click.echo(printable(warning.in_("en")), err=True)
    differences = replay.replay(ledger_path, run, rules_dir, packs or None)
    for line in differences:
        click.echo(line)
    click.echo(render("status_replayed", "en", count=len(differences), run=run), err=True)


if __name__ == "__main__":
    sys.exit(main())
