"""comply: evaluate land parcels (and, later, projects) against the law, as data."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

import click

from .engine import catalog, families, jobs, ledger, parallel, policybook
from .engine.dates import DATE_FORMS, parse_date
from .engine.errors import ComplyError, EngineError, InputError
from .engine.messages import render
from .engine.report import FORMATS

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


class Failure(click.ClickException):
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
    skip_invalid: bool
    rejects: Path | None
    sheet: str | None
    rules_dir: Path | None
    workers: int | None
    executor: str
    scheduler: str | None
    cache: bool


def output_options(func: F) -> F:
    """The options every evaluating command shares, handed to it as one `run: Run`."""

    @functools.wraps(func)
    def with_run(*args: Any, **kwargs: Any) -> Any:
        shared = {name: kwargs.pop(name) for name in Run.__dataclass_fields__}
        return func(*args, run=Run(**shared), **kwargs)

    options = [
        click.option(
            "--as-of",
            "as_of",
            type=DateParam(),
            default=date.today,
            show_default="today",
            help="Evaluate the facts as of this date.",
        ),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(FORMATS),
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
        click.option(
            "--rules",
            "rules_dir",
            type=click.Path(file_okay=False, exists=True, path_type=Path),
            default=None,
            help="Rule directory [default: bundled].",
        ),
        click.option(
            "--jobs",
            "workers",
            type=click.IntRange(1, 256),
            default=None,
            help="Worker processes [default: every core for a CSV or JSON Lines file over "
            f"{parallel.AUTO_MIN_BYTES >> 20} MB, else 1].",
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
            raise click.ClickException(str(exc)) from None
        except ComplyError as exc:
            raise Failure(str(exc)) from None

    return wrapper  # type: ignore[return-value]


def _lang() -> str:
    """The output language of the running command (its --lang), English if it has none."""
    context = click.get_current_context(silent=True)
    return str(context.params.get("lang") or "en") if context is not None else "en"


def _run(run: Run, names: list[str], noun: str, file: Path, **options: Any) -> None:
    """Evaluate FILE under the named families; say where the output went, if a file."""
    chosen = _format(run.fmt, run.out)
    if chosen == "xlsx" and run.out is None:
        raise Failure("--format xlsx writes a workbook: give --out FILE.xlsx")
    options["rejects"] = _rejects(run.skip_invalid, run.rejects)
    if run.scheduler is not None and run.executor != "dask":
        raise Failure("--scheduler names a Dask scheduler: give it with --executor dask")
    record = run.ledger_path if run.record else None
    if record is not None:
        target = options.get("target")
        options["recorder"] = ledger.Recorder(
            record,
            click.get_current_context().info_name or "",
            run.as_of.isoformat(),
            {
                "families": names,
                "build_params": options.get("build_params"),
                "context": list(options.get("context", ())),
                "target": str(target) if target is not None else None,
            },
        )
    summary = jobs.evaluate_file(
        names,
        file,
        run.as_of,
        chosen,
        run.lang,
        run.out,
        run.rules_dir,
        sheet=run.sheet,
        workers=run.workers,
        executor=run.executor,
        scheduler=run.scheduler,
        cached=run.cache,
        **options,
    )
    if summary.recorded_as is not None:
        click.echo(f"recorded as run {summary.recorded_as} in {record}", err=True)
    if summary.refused:
        click.echo(
            f"{summary.refused} rows refused, written with their reasons to {run.rejects}",
            err=True,
        )
    if run.out is not None:
        click.echo(
            f"{summary.subjects} {noun} evaluated as of {run.as_of}; {chosen} written to {run.out}",
            err=True,
        )


def _rejects(skip_invalid: bool, rejects: Path | None) -> Path | None:
    """--skip-invalid and --rejects go together: refused rows are never just dropped."""
    if skip_invalid != (rejects is not None):
        raise Failure(
            "--skip-invalid and --rejects FILE go together (decisions.md IO1: "
            "refused rows are written with their reasons, never dropped)"
        )
    return rejects


def _format(fmt: str | None, out: Path | None) -> str:
    if fmt:
        return fmt
    suffix = out.suffix.lower().lstrip(".") if out else ""
    return suffix if suffix in FORMATS else "table"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="comply")
def main() -> None:
    """Comply: Chinese idle-land law as auditable rules, evaluated by durable_rules."""


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@output_options
@reports_errors
def parcels(
    file: Path,
    run: Run,
) -> None:
    """Decide what must happen now to each land-transfer parcel in FILE (CSV or JSON Lines).

    Applies Order 53 of 2012 (闲置土地处置办法) as rules/idle_land.yaml encodes it: overdue or
    idle, the 20% idle fee, reclaim at two years, negotiation for a verified government
    cause, and the next procedural step. Exit status 0 when the run succeeded, whatever it
    found; 2 for bad input (every problem is listed, nothing is written).

    \b
    Examples:
      comply parcels examples/district-2012/parcels.csv --as-of 2012-08-31
      comply parcels parcels.csv --as-of 2012-08-31 --lang zh
      comply parcels parcels.csv --as-of 2012-08-31 --out decisions.jsonl
    """
    _run(run, ["idle_land"], "parcels", file)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--national/--no-national",
    default=None,
    help="Apply the national Government Investment Regulations (from 2019-07-01) "
    "[default: as rules/budget_national.yaml says].",
)
@output_options
@reports_errors
def budget(
    file: Path,
    national: bool | None,
    run: Run,
) -> None:
    """Check the budget changes of district fiscally-funded projects in FILE (a change log).

    FILE holds dated events per project (budget, estimate, report, approve, reject, suspend,
    resume, complete), in any row order. Applies the four principles of the 2012 speech as
    rules/budget.yaml encodes them: report an overrun within 5 days, suspend construction
    until the district government approves, refer unapproved overruns of 20% or more to the
    supervision department, re-scope after a rejection. Shows per project the figures, the
    status, the actions in force on the evaluation date and the dated findings.

    \b
    Examples:
      comply budget examples/district-2012/budget.csv --as-of 2012-08-31
      comply budget budget.csv --as-of 2020-01-31 --no-national --out decisions.json
    """
    names = ["budget"]
    if national is None:
        national = families.load("budget_national", run.rules_dir).doc.enabled
    if national:
        names.append("budget_national")
    _run(run, names, "projects", file)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--plan-year",
    type=click.IntRange(1900, 2999),
    required=True,
    help="The year whose major-project plan is being prepared.",
)
@click.option(
    "--parcels",
    "parcels_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Parcels file: holders with idle land (as of --as-of) fail feasibility.",
)
@output_options
@reports_errors
def intake(
    file: Path,
    plan_year: int,
    parcels_file: Path | None,
    run: Run,
) -> None:
    """Screen candidate projects in FILE for next year's major-project plan.

    Applies "quantity, but quality even more" as rules/intake.yaml encodes it (decisions.md
    I1-I5): large scale by category, tax per mu, and readiness to start in the plan year.
    Admits new starts and reserve projects, ranked, and rejects the rest; shows every
    criterion with its value, threshold and verdict. With --parcels, a holder with idle
    land (Order 53 Art. 24) cannot get a new start.

    \b
    Examples:
      comply intake examples/district-2012/intake-2013.csv --plan-year 2013 \\
          --parcels examples/district-2012/parcels.csv --as-of 2012-08-31
    """
    context = jobs.idle_holders(parcels_file, run.as_of, run.rules_dir) if parcels_file else []
    _run(
        run, ["intake"], "candidates", file, build_params={"plan_year": plan_year}, context=context
    )


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--target",
    type=click.FloatRange(0, 1, min_open=True),
    default=None,
    help="Start/completion rate to reach [default: rules/portfolio.yaml, 0.70].",
)
@output_options
@reports_errors
def portfolio(
    file: Path,
    target: float | None,
    run: Run,
) -> None:
    """Track a year's list of major projects in FILE against its start/completion target.

    Reports the rate of projects started or completed, how many must start to reach the
    target (the smallest whole number that reaches it, decisions.md I6), the projects
    closest to starting, and a supervision action for every project past a required
    start date (rules/portfolio.yaml).

    \b
    Examples:
      comply portfolio examples/district-2012/projects-2012.csv --as-of 2012-08-31 --target 0.70
    """
    family = families.load("portfolio", run.rules_dir)
    goal = Fraction(str(target if target is not None else family.params["target_rate"]))
    _run(run, ["portfolio"], "projects", file, target=goal)


@main.command()
@click.argument("kind", type=click.Choice(sorted(jobs.COMMAND_FAMILIES)))
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.argument("subject")
@click.option(
    "--as-of",
    "as_of",
    type=DateParam(),
    default=date.today,
    show_default="today",
    help="Explain the decision as of this date.",
)
@click.option("--rule", default=None, help="Only this rule (its id, e.g. IL-ART14-1-FEE).")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@click.option(
    "--plan-year", type=click.IntRange(1900, 2999), default=None, help="For intake: the plan year."
)
@click.option(
    "--parcels",
    "parcels_file",
    default=None,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="For intake: the parcels file whose idle holders fail feasibility.",
)
@click.option(
    "--rules",
    "rules_dir",
    default=None,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
)
@reports_errors
def explain(
    kind: str,
    file: Path,
    subject: str,
    as_of: date,
    rule: str | None,
    lang: str,
    plan_year: int | None,
    parcels_file: Path | None,
    rules_dir: Path | None,
) -> None:
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
    build: dict[str, Any] = {}
    context: list[dict[str, Any]] = []
    if kind == "intake":
        if plan_year is None:
            raise Failure("explain intake needs --plan-year")
        build["plan_year"] = plan_year
        if parcels_file is not None:
            context = jobs.idle_holders(parcels_file, as_of, rules_dir)
    click.echo(
        jobs.explain_subject(
            kind, file, subject, as_of, lang, rule, rules_dir, build_params=build, context=context
        ),
        nl=False,
    )


@main.command()
@click.argument("rule_id", required=False)
@click.option("--family", type=click.Choice(catalog.ALL_FAMILIES), default=None)
@click.option("--law", default=None, help="A law's key or short name, e.g. order53.")
@click.option("--article", type=int, default=None, help="An article of that law.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@click.option(
    "--rules",
    "rules_dir",
    default=None,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
)
@reports_errors
def rules(
    rule_id: str | None,
    family: str | None,
    law: str | None,
    article: int | None,
    lang: str,
    rules_dir: Path | None,
) -> None:
    """List the rules (filtered by family, law, article), or show RULE_ID in full.

    \b
    Examples:
      comply rules --law order53 --article 14
      comply rules IL-ART14-1-FEE --lang zh
    """
    found = list(catalog.entries(rules_dir, family, law, article))
    if rule_id is None:
        for entry in found:
            rule = entry.rule.rule
            click.echo(
                f"{rule.id:<30} {entry.family.basis(rule, lang):<48.48} {rule.title.in_(lang)}"
            )
        return
    chosen = next((e for e in found if e.rule.rule.id == rule_id), None)
    if chosen is None:
        raise Failure(f"no rule has the id {rule_id!r}")
    entry, rule = chosen, chosen.rule.rule
    lines = [
        f"{rule.id}  ({entry.family.name})",
        rule.title.in_(lang),
        entry.family.basis(rule, lang),
        f"in force from {rule.effective.start}"
        + (f" until {rule.effective.until}" if rule.effective.until else ""),
        "",
        "when:",
        *("  " + line for line in catalog.describe(entry.rule.when)),
    ]
    if rule.note:
        lines[3:3] = [rule.note.in_(lang)]
    if entry.rule.test is not None:
        lines += ["test:", *("  " + line for line in catalog.describe(entry.rule.test))]
    if rule.status:
        lines.append(f"status: {rule.status}")
    if rule.actions:
        lines.append("actions: " + ", ".join(a.code for a in rule.actions))
    if rule.exception_of:
        lines.append("exception of: " + ", ".join(rule.exception_of))
    lines += ["", "parameters:", *("  " + p for p in catalog.parameters_of(entry))]
    lines += ["", "scenarios:", *("  " + s for s in catalog.scenarios().get(rule.id, []))]
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
@click.option(
    "--rules",
    "rules_dir",
    default=None,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
)
@reports_errors
def policy(out_dir: Path, results: Path, rules_dir: Path | None) -> None:
    """Write the policy book: a static HTML site of features/, the rulebook and test results.

    \b
    Examples:
      make test && comply policy --out policy-book
    """
    pages = policybook.build(out_dir, results if results.is_file() else None, rules_dir)
    click.echo(f"{len(pages)} pages written to {out_dir}; open {pages[0]}")


LEDGER_OPTION = click.option(
    "--ledger",
    "ledger_path",
    default=Path("ledger.sqlite"),
    type=click.Path(dir_okay=False, path_type=Path),
    show_default=True,
)


@main.group(name="ledger")
def ledger_group() -> None:
    """The decision ledger: recorded runs, hash-chained (list, show, verify, replay).

    \b
    Examples:
      comply parcels examples/district-2012/parcels.csv --as-of 2012-08-31 --record
      comply ledger list
      comply ledger verify
      comply ledger replay 1
    """


@ledger_group.command(name="list")
@LEDGER_OPTION
@reports_errors
def ledger_list(ledger_path: Path) -> None:
    """List the recorded runs."""
    for run in ledger.runs(ledger_path):
        book = run.get("rulebook", {})
        click.echo(
            f"{run['run']:>4}  {run['recorded_at']}  {run['command']:<9} as of "
            f"{run['as_of']}  {run['rows']} rows, {run['decisions']} decisions  "
            f"rulebook {book.get('version', '')} ({str(book.get('sha256', ''))[:12]})"
        )


@ledger_group.command(name="show")
@click.argument("run", type=int)
@LEDGER_OPTION
@reports_errors
def ledger_show(run: int, ledger_path: Path) -> None:
    """Show one recorded run: its header and each decision."""
    click.echo(json.dumps(ledger.header(ledger_path, run), ensure_ascii=False, indent=2))
    for subject, record in ledger.run_entries(ledger_path, run, "decision"):
        codes = ", ".join(a["code"] for a in record["actions"])
        click.echo(f"{subject}  {record['status']}  {codes}")


@ledger_group.command(name="verify")
@LEDGER_OPTION
@reports_errors
def ledger_verify(ledger_path: Path) -> None:
    """Check the hash chain; name the first record that was altered, removed or inserted."""
    count, broken = ledger.verify(ledger_path)
    if broken is None:
        click.echo(f"{count} records verified: the chain is intact")
        return
    raise Failure(
        f"record {broken.seq} ({broken.kind} {broken.key} of run {broken.run}) "
        f"is broken: {broken.reason}; {broken.seq - 1} records before it verified"
    )


@ledger_group.command(name="replay")
@click.argument("run", type=int)
@LEDGER_OPTION
@click.option(
    "--rules",
    "rules_dir",
    default=None,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
)
@reports_errors
def ledger_replay(run: int, ledger_path: Path, rules_dir: Path | None) -> None:
    """Re-evaluate a recorded run with the current rulebook; list each decision that differs."""
    differences = jobs.replay(ledger_path, run, rules_dir)
    for line in differences:
        click.echo(line)
    click.echo(f"{len(differences)} decisions differ from run {run}", err=True)


if __name__ == "__main__":
    sys.exit(main())
