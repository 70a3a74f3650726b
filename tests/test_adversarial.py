"""An adversarial suite: hundreds of bad inputs, hostile paths, tampered ledgers and rule
files, each refused cleanly (issue 14).

Every case runs the real CLI and asserts the same five things: exit status 2, a message
naming the place (file and row and column, or the option, or the record), no traceback,
no output file, and every input byte for byte as it was. The cases are made from each
kind's own example (its --help), so a new kind is attacked as soon as it is declared.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import blocks
import pytest
from click.testing import CliRunner
from comply.cli import main
from comply.engine import families
from comply.engine.loader import MAX_CELL, MAX_COLUMNS, MAX_LINE
from comply.engine.register import Contract
from kind_examples import EXAMPLES, Example

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Case:
    """One attack: files to write, the command line (with {tmp}), what the message names."""

    name: str
    args: list[str]
    names: list[str]  # each must appear in the output
    files: dict[str, bytes] = field(default_factory=dict)  # written under tmp before the run
    prepare: Callable[[Path], None] | None = None  # anything else to set up
    out: str | None = "out.json"  # the output that must not appear


def header_and_rows(example: Example) -> tuple[list[str], list[list[str]]]:
    with example.file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def as_csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def command(example: Example, source: str) -> list[str]:
    """The kind's example command line with FILE replaced."""
    args = list(example.args)
    args[1] = source
    return args


def _kind_of(annotation: Any) -> str:
    args = [a for a in get_args(annotation) if a is not type(None)] or [annotation]
    if get_origin(annotation) is Literal or any(get_origin(a) is Literal for a in args):
        return "code"
    base = args[0]
    return {date: "date", Decimal: "amount", Fraction: "share", bool: "flag", int: "whole"}.get(
        base, "text"
    )


HOSTILE = {
    "date": ["2012-13-45", "yesterday", "1800-01-01"],
    "amount": ["-5", "1e999999999", "twelve"],
    "share": ["1.5", "lots"],
    "flag": ["maybe"],
    "code": ["no_such_code"],
    "whole": ["-1", "1e9"],
}


def cell_cases() -> list[Case]:
    """Every typed column of every kind's example, given values it must refuse."""
    cases = []
    for example in EXAMPLES:
        header, rows = header_and_rows(example)
        kind = example.kind
        canonical = [Contract(kind.model).resolve(h)[0] for h in header]
        for position, column in enumerate(canonical):
            info = kind.model.model_fields.get(column)
            if info is None:
                continue
            values = list(HOSTILE.get(_kind_of(info.annotation), []))
            if column == kind.id_field:
                values.append("P\u200b1")  # an invisible character
            for value in values:
                broken = [list(r) for r in rows]
                broken[0][position] = value
                cases.append(
                    Case(
                        f"{kind.command}-{column}-{value.encode('unicode_escape').decode()}",
                        [*command(example, "{tmp}/in.csv"), "--out", "{tmp}/out.json"],
                        ["in.csv", "row 2"],
                        {"in.csv": as_csv(header, broken)},
                    )
                )
    return cases


def shape_cases() -> list[Case]:
    """Files of every kind damaged as a whole: header, width, bytes, sizes, repeats."""
    cases = []
    for example in EXAMPLES:
        header, rows = header_and_rows(example)
        kind, name = example.kind, example.kind.command
        first = Contract(kind.model).resolve(header[0])[0] or header[0]
        args = [*command(example, "{tmp}/in.csv"), "--out", "{tmp}/out.json"]
        wide = rows[0] + ["x"] * 3
        shapes: dict[str, tuple[bytes, list[str]]] = {
            "empty": (b"", ["in.csv", "header"]),
            "id-column-misnamed": (as_csv([header[0] + "x", *header[1:]], rows), [first]),
            "column-twice": (as_csv([*header, header[0]], [[*r, r[0]] for r in rows]), [header[0]]),
            "required-missing": (as_csv(header[1:], [r[1:] for r in rows]), [first]),
            "too-many-cells": (as_csv(header, [wide, *rows[1:]]), ["row 2"]),
            "nul-byte": (
                as_csv(header, [[rows[0][0] + "\x00", *rows[0][1:]], *rows[1:]]),
                ["row 2"],
            ),
            "line-too-long": (
                as_csv(header, rows) + b"\n" + b"x" * (MAX_LINE + 10) + b"\n",
                [str(MAX_LINE)],
            ),
            "cell-too-long": (
                as_csv(header, [["y" * (MAX_CELL + 1), *rows[0][1:]], *rows[1:]]),
                ["row 2", str(MAX_CELL)],
            ),
            "too-many-columns": (
                as_csv([f"c{i}" for i in range(MAX_COLUMNS + 5)], [["1"] * (MAX_COLUMNS + 5)]),
                [str(MAX_COLUMNS)],
            ),
            "not-utf8-cell": (
                as_csv(header, rows).replace(rows[0][0].encode(), b"\xff\xfe\xfa", 1),
                ["in.csv"],
            ),
        }
        if kind.unique_rows:
            shapes["repeated-id"] = (as_csv(header, [rows[0], *rows]), ["row 3"])
            nfc = [["e\u0301" + rows[0][0], *rows[0][1:]], ["\u00e9" + rows[0][0], *rows[1][1:]]]
            shapes["repeated-id-composed-otherwise"] = (as_csv(header, nfc), ["row 3"])
        for shape, (data, names) in shapes.items():
            cases.append(Case(f"{name}-{shape}", args, names, {"in.csv": data}))
        jsonl = [*command(example, "{tmp}/in.jsonl"), "--out", "{tmp}/out.json"]
        lines = {
            "jsonl-not-an-object": (b"[1, 2]\n", ["in.jsonl", "row 1"]),
            "jsonl-broken": (b'{"a": \n', ["in.jsonl", "row 1"]),
            "jsonl-lone-surrogate": (b'{"x": "\\ud800"}\n', ["in.jsonl", "row 1"]),
            "jsonl-nested": (json.dumps({header[0]: {"a": 1}}).encode() + b"\n", ["row 1"]),
            "jsonl-key-twice": (b'{"a": 1, "a": 2}\n', ["row 1"]),
            "jsonl-infinite-number": (
                json.dumps(dict(zip(header, rows[0], strict=False)))
                .encode()
                .replace(b"}", b', "zzz": 1e999}')
                + b"\n",
                ["row 1"],
            ),
        }
        for shape, (data, names) in lines.items():
            cases.append(Case(f"{name}-{shape}", jsonl, names, {"in.jsonl": data}))
        xlsx = [*command(example, "{tmp}/in.xlsx"), "--out", "{tmp}/out.json"]
        cases.append(Case(f"{name}-xlsx-not-a-zip", xlsx, ["in.xlsx"], {"in.xlsx": b"not a zip"}))
        cases.append(Case(f"{name}-xlsx-bomb", xlsx, ["in.xlsx", "MB"], {"in.xlsx": zip_bomb()}))
        cases.append(
            Case(
                f"{name}-fifo",
                [*command(example, "{tmp}/fifo"), "--out", "{tmp}/out.json"],
                ["fifo", "regular file"],
                prepare=lambda tmp: os.mkfifo(tmp / "fifo"),
            )
        )
        cases.append(
            Case(
                f"{name}-device",
                [*command(example, "/dev/zero"), "--out", "{tmp}/out.json"],
                ["/dev/zero", "regular file"],
            )
        )
    return cases


def zip_bomb() -> bytes:
    """A small .xlsx whose contents unpack to more than the loader reads (300 MB of zeros)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"0" * (1 << 20)
            for _ in range(300):
                member.write(block)
    return buffer.getvalue()


PARCELS = next(e for e in EXAMPLES if e.kind.command == "parcels")
BUDGET = next(e for e in EXAMPLES if e.kind.command == "budget")


def option_cases() -> list[Case]:
    """Bad option values of every command."""
    p = str(PARCELS.file)
    cases = [
        Case(
            "target-nan", ["portfolio", *command_tail("portfolio"), "--target", "nan"], ["--target"]
        ),
        Case(
            "target-inf", ["portfolio", *command_tail("portfolio"), "--target", "inf"], ["--target"]
        ),
        Case(
            "target-zero", ["portfolio", *command_tail("portfolio"), "--target", "0"], ["--target"]
        ),
        Case(
            "target-over",
            ["portfolio", *command_tail("portfolio"), "--target", "1.5"],
            ["--target"],
        ),
        Case(
            "plan-year-far",
            ["intake", *command_tail("intake", drop="--plan-year"), "--plan-year", "99999"],
            ["--plan-year"],
        ),
        Case(
            "as-of-nonsense",
            ["parcels", p, "--as-of", "soon", "--out", "{tmp}/out.json"],
            ["--as-of"],
        ),
        Case(
            "as-of-before-the-law",
            ["parcels", p, "--as-of", "2011-01-01", "--out", "{tmp}/out.json"],
            ["2012-07-01"],
        ),
        Case(
            "as-of-feb-30",
            ["parcels", p, "--as-of", "2012-02-30", "--out", "{tmp}/out.json"],
            ["--as-of"],
        ),
        Case(
            "format-unknown",
            ["parcels", p, "--format", "pdf", "--out", "{tmp}/out.json"],
            ["--format"],
        ),
        Case("lang-unknown", ["parcels", p, "--lang", "fr", "--out", "{tmp}/out.json"], ["--lang"]),
        Case("jobs-zero", ["parcels", p, "--jobs", "0", "--out", "{tmp}/out.json"], ["--jobs"]),
        Case(
            "skip-without-rejects",
            ["parcels", p, "--skip-invalid", "--out", "{tmp}/out.json"],
            ["--rejects"],
        ),
        Case(
            "rejects-for-a-change-log",
            [
                "budget",
                str(BUDGET.file),
                "--skip-invalid",
                "--rejects",
                "{tmp}/r.csv",
                "--out",
                "{tmp}/out.json",
            ],
            ["change log"],
        ),
        Case(
            "scheduler-without-dask",
            ["parcels", p, "--scheduler", "tcp://x:1", "--out", "{tmp}/out.json"],
            ["--executor dask"],
        ),
        Case(
            "pack-missing",
            ["parcels", str(PARCELS.file), "--pack", "{tmp}/nopack", "--out", "{tmp}/out.json"],
            ["--pack"],
        ),
        Case("xlsx-to-the-terminal", ["parcels", p, "--format", "xlsx"], ["--out"], out=None),
        Case(
            "explain-no-such-subject",
            ["explain", "parcels", p, "P-NOPE", "--as-of", "2012-08-31"],
            ["P-NOPE"],
            out=None,
        ),
        Case(
            "explain-no-such-rule",
            ["explain", "parcels", p, "P-2012-001", "--rule", "XX-NOPE"],
            ["XX-NOPE"],
            out=None,
        ),
        Case("rules-no-such-rule", ["rules", "XX-NOPE"], ["XX-NOPE"], out=None),
    ]
    return cases


def command_tail(name: str, drop: str | None = None) -> list[str]:
    example = next(e for e in EXAMPLES if e.kind.command == name)
    args = list(example.args[1:])
    if drop is not None and drop in args:
        at = args.index(drop)
        del args[at : at + 2]
    return [*args, "--out", "{tmp}/out.json"]


def path_cases() -> list[Case]:
    """Outputs aimed at inputs, at each other, at what is not a file; a run that would fail
    at its end must not write its output first."""
    p = "{tmp}/in.csv"
    data = PARCELS.file.read_bytes()
    base = ["parcels", p, "--as-of", "2012-08-31"]
    bad_row = (
        data
        + b"P-BAD,x,transfer,abc,2011-01-01"
        + b"," * (data.split(b"\n")[0].count(b",") - 4)
        + b"\n"
    )
    return [
        Case(
            "out-is-the-input", [*base, "--out", p], ["--out", "input"], {"in.csv": data}, out=None
        ),
        Case(
            "out-is-the-input-by-a-link",
            [*base, "--out", "{tmp}/link.csv"],
            ["--out", "input"],
            {"in.csv": data},
            prepare=lambda t: (t / "link.csv").symlink_to(t / "in.csv"),
            out=None,
        ),
        Case(
            "out-is-the-input-by-a-hard-link",
            [*base, "--out", "{tmp}/hard.csv"],
            ["--out", "input"],
            {"in.csv": data},
            prepare=lambda t: os.link(t / "in.csv", t / "hard.csv"),
            out=None,
        ),
        Case(
            "rejects-is-the-input",
            [*base, "--skip-invalid", "--rejects", p, "--out", "{tmp}/out.json"],
            ["--rejects", "input"],
            {"in.csv": bad_row},
        ),
        Case(
            "rejects-is-the-out",
            [*base, "--skip-invalid", "--rejects", "{tmp}/out.json", "--out", "{tmp}/out.json"],
            ["--rejects", "same file"],
            {"in.csv": bad_row},
        ),
        Case(
            "ledger-is-the-input",
            [*base, "--record", "--ledger", p, "--out", "{tmp}/out.json"],
            ["--ledger", "input"],
            {"in.csv": data},
        ),
        Case(
            "ledger-is-the-out",
            [*base, "--record", "--ledger", "{tmp}/out.json", "--out", "{tmp}/out.json"],
            ["--ledger", "same file"],
            {"in.csv": data},
        ),
        Case(
            "out-is-a-directory",
            [*base, "--out", "{tmp}/adir"],
            ["--out"],
            {"in.csv": data},
            prepare=lambda t: (t / "adir").mkdir(),
            out=None,
        ),
        Case(
            "out-in-no-directory",
            [*base, "--out", "{tmp}/none/out.json"],
            ["--out", "does not exist"],
            {"in.csv": data},
            out="none/out.json",
        ),
        Case(
            "out-is-a-device",
            [*base, "--out", "/dev/null"],
            ["--out", "regular file"],
            {"in.csv": data},
            out=None,
        ),
        Case(
            "rejects-in-no-directory",
            [*base, "--skip-invalid", "--rejects", "{tmp}/none/r.csv", "--out", "{tmp}/out.json"],
            ["--rejects", "does not exist"],
            {"in.csv": bad_row},
        ),
        Case(
            "ledger-is-another-database",
            [*base, "--record", "--ledger", "{tmp}/other.db", "--out", "{tmp}/out.json"],
            ["--ledger", "not a comply ledger"],
            {"in.csv": data},
            prepare=other_database,
        ),
        Case(
            "ledger-is-not-a-database",
            [*base, "--record", "--ledger", "{tmp}/junk.db", "--out", "{tmp}/out.json"],
            ["--ledger", "not a comply ledger"],
            {"in.csv": data, "junk.db": b"junk" * 100},
        ),
        Case(
            "ledger-is-a-directory",
            [*base, "--record", "--ledger", "{tmp}/adir", "--out", "{tmp}/out.json"],
            ["--ledger"],
            {"in.csv": data},
            prepare=lambda t: (t / "adir").mkdir(),
        ),
        Case(
            "signing-key-is-not-a-key",
            [
                *base,
                "--record",
                "--ledger",
                "{tmp}/l.db",
                "--signing-key",
                "{tmp}/key",
                "--out",
                "{tmp}/out.json",
            ],
            ["--signing-key"],
            {"in.csv": data, "key": b"not a key"},
        ),
        Case(
            "keygen-over-a-key",
            ["ledger", "keygen", "--out", "{tmp}/key"],
            ["key", "never overwritten"],
            {"key": b"precious"},
            out=None,
        ),
    ]


def other_database(tmp: Path) -> None:
    with sqlite3.connect(tmp / "other.db") as db:
        db.execute("CREATE TABLE accounts (id INTEGER, balance INTEGER)")


LAWS = (families.RULES_DIR / "laws.yaml").read_bytes()
IDLE = (families.RULES_DIR / "idle_land.yaml").read_text(encoding="utf-8")


def rules_case(name: str, change: Callable[[str], str], names: list[str]) -> Case:
    return Case(
        f"rules-{name}",
        [
            "parcels",
            str(PARCELS.file),
            "--as-of",
            "2012-08-31",
            "--rules",
            "{tmp}/rules",
            "--out",
            "{tmp}/out.json",
        ],
        names,
        {"rules/laws.yaml": LAWS, "rules/idle_land.yaml": change(IDLE).encode("utf-8")},
    )


def bomb(text: str) -> str:
    lines = ["x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"x{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n" + text


def rule_file_cases() -> list[Case]:
    fee = "  - id: IL-ART14-1-FEE\n"
    return [
        rules_case(
            "exception-cycle",
            lambda t: t.replace(fee, fee + "    exception_of: [IL-ART8-VERIFY-CAUSE]\n", 1),
            ["idle_land.yaml", "circle"],
        ),
        rules_case(
            "duplicate-key",
            lambda t: t.replace("family: idle_land", "family: idle_land\nfamily: idle_land", 1),
            ["idle_land.yaml", "twice"],
        ),
        rules_case("alias-bomb", bomb, ["idle_land.yaml", "expands"]),
        rules_case(
            "deep-nesting",
            lambda t: t.replace(
                "      - days_past_start <= 0",
                "      - " + "{all: [" * 3000 + "started == false" + "]}" * 3000,
                1,
            ),
            ["idle_land.yaml", "nested"],
        ),
        rules_case(
            "years-9999",
            lambda t: t.replace(
                "idle_after_years:\n    value: 1\n", "idle_after_years:\n    value: 9999\n", 1
            ),
            ["idle_after_years", "100"],
        ),
        rules_case(
            "days-1e12",
            lambda t: t.replace(
                "investigation_days:\n    value: 30\n", "investigation_days:\n    value: 1e12\n", 1
            ),
            ["investigation_days"],
        ),
        rules_case(
            "format-width",
            lambda t: t.replace("{investigation_days}", "{investigation_days:>999999999}", 1),
            ["INVESTIGATE", "placeholder"],
        ),
        rules_case("not-yaml", lambda t: t + "\n  - [unclosed", ["idle_land.yaml", "YAML"]),
        rules_case(
            "unknown-fact",
            lambda t: t.replace("days_past_start <= 0", "days_past_startt <= 0", 1),
            ["days_past_start"],
        ),
        rules_case(
            "number-not-a-parameter",
            lambda t: t.replace("days_past_start <= 0", "days_past_start <= 7", 1),
            ["named parameters"],
        ),
        rules_case(
            "rate-over-the-law",
            lambda t: t.replace(
                'value: "0.20"\n    max: "0.20"', 'value: "0.25"\n    max: "0.20"', 1
            ),
            ["idle_fee_rate"],
        ),
        # Values YAML's own types cannot hold: refused naming the file, never a traceback.
        rules_case(
            "impossible-date", lambda t: t + "\nextra: 2012-02-30\n", ["idle_land.yaml", "day"]
        ),
        rules_case("int-tag-not-int", lambda t: t + "\nextra: !!int abc\n", ["idle_land.yaml"]),
        rules_case(
            "float-tag-not-float", lambda t: t + "\nextra: !!float abc\n", ["idle_land.yaml"]
        ),
        rules_case(
            "integer-of-5000-digits", lambda t: t + "\nextra: " + "9" * 5000, ["idle_land.yaml"]
        ),
        rules_case("list-as-key", lambda t: t + "\n? [1, 2]\n: x\n", ["idle_land.yaml"]),
        rules_case(
            "laws-declared-here",
            lambda t: t.replace("statuses:", "laws: {}\nstatuses:", 1),
            ["laws.yaml"],
        ),
    ]


def ledger_cases() -> list[Case]:
    """A recorded, signed ledger, then tampered with: verify names each attack."""
    attacks = {
        "last-run-deleted": (
            "DELETE FROM chain WHERE run = (SELECT MAX(run) FROM chain)",
            ["records were removed"],
        ),
        "last-record-deleted": (
            "DELETE FROM chain WHERE seq = (SELECT MAX(seq) FROM chain)",
            ["removed"],
        ),
        "everything-deleted": ("DELETE FROM chain", ["records were removed"]),
        "table-renamed": ("ALTER TABLE chain RENAME TO elsewhere", ["not a comply ledger"]),
        "decisions-moved-to-another-run": (
            "UPDATE chain SET run = 1 WHERE run = 2 AND key LIKE 'decision %'",
            ["block decision P-2012-001 .. P-2012-034 of run 1", "altered"],
        ),
        "fee-altered": (None, ["block decision P-2012-001 .. P-2012-034 of run 2", "altered"]),
        "middle-run-removed": ("DELETE FROM chain WHERE run = 1", ["removed"]),
        "seal-removed": ("DELETE FROM chain WHERE kind = 'seal' AND run = 1", ["removed"]),
        "record-inserted": (
            "INSERT INTO chain (seq, run, kind, key, body, prev, hash) "
            "SELECT MAX(seq) + 1, 2, 'decision', 'P-X', '{}', 'x', 'y' FROM chain",
            ["P-X"],
        ),
        "forged-run-appended": (None, ["not signed"]),
        "chain-rewritten-without-the-key": (None, ["signature does not verify"]),
    }
    cases = []
    for name, (sql, names) in attacks.items():
        cases.append(
            Case(
                f"ledger-{name}",
                [
                    "ledger",
                    "verify",
                    "--ledger",
                    "{tmp}/ledger.sqlite",
                    "--public-key",
                    "{tmp}/key.pub",
                    "--head",
                    "{head}",
                ],
                names,
                prepare=lambda tmp, sql=sql, name=name: tampered(tmp, name, sql),
                out=None,
            )
        )
    return cases


_SIGNED: dict[str, Any] = {}


def signed_ledger(tmp: Path) -> str:
    """Two runs recorded and signed into tmp/ledger.sqlite (made once, copied after)."""
    if "dir" not in _SIGNED:
        made = tmp.parent / "signed-ledger"
        made.mkdir(exist_ok=True)
        runner = CliRunner()
        runner.invoke(
            main, ["ledger", "keygen", "--out", str(made / "key")], catch_exceptions=False
        )
        for n in (1, 2):
            result = runner.invoke(
                main,
                [
                    "parcels",
                    str(PARCELS.file),
                    "--as-of",
                    "2012-08-31",
                    "--record",
                    "--ledger",
                    str(made / "ledger.sqlite"),
                    "--signing-key",
                    str(made / "key"),
                    "--out",
                    str(made / f"o{n}.json"),
                ],
            )
            assert result.exit_code == 0, result.output
        head = runner.invoke(main, ["ledger", "head", "--ledger", str(made / "ledger.sqlite")])
        _SIGNED["dir"], _SIGNED["head"] = made, head.stdout.strip()
    made = _SIGNED["dir"]
    for name in ("ledger.sqlite", "key", "key.pub"):
        shutil.copy(made / name, tmp / name)
    return str(_SIGNED["head"])


def tampered(tmp: Path, name: str, sql: str | None) -> None:
    signed_ledger(tmp)
    db = tmp / "ledger.sqlite"
    if name == "forged-run-appended":  # recorded as the ledger's own code would, no key
        result = CliRunner().invoke(
            main,
            [
                "parcels",
                str(PARCELS.file),
                "--as-of",
                "2012-08-31",
                "--record",
                "--ledger",
                str(db),
                "--out",
                str(tmp / "forged.json"),
            ],
        )
        assert result.exit_code == 0, result.output
        (tmp / "forged.json").unlink()
        return
    if sql is None:  # the fee in run 2's decisions, where their block keeps it
        alter = "8253600.00", "1.00"
        rehash = name == "chain-rewritten-without-the-key"
        blocks.alter(
            db, "decision", "P-2012-025", lambda t: t.replace(*alter), run=2, rehash=rehash
        )
        if not rehash:
            return
    with sqlite3.connect(db) as con:
        if sql is not None:
            con.execute(sql)
            return
        rows = con.execute("SELECT seq, run, kind, key, body FROM chain ORDER BY seq").fetchall()
        prev, changed = "0" * 64, []
        for seq, run, kind, key, body in rows:
            if kind == "seal":
                seal = json.loads(body)
                seal["last"] = prev
                body = json.dumps(seal, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            digest = hashlib.sha256(
                "\x1f".join((prev, str(seq), str(run), kind, key, body)).encode()
            ).hexdigest()
            changed.append((body, prev, digest, seq))
            prev = digest
        con.executemany("UPDATE chain SET body = ?, prev = ?, hash = ? WHERE seq = ?", changed)


CASES = [
    *cell_cases(),
    *shape_cases(),
    *option_cases(),
    *path_cases(),
    *rule_file_cases(),
    *ledger_cases(),
]


def test_there_are_at_least_150_distinct_bad_inputs() -> None:
    names = [case.name for case in CASES]
    assert len(set(names)) == len(names)
    assert len(names) >= 150, len(names)


def _digests(tmp: Path) -> dict[str, str]:
    return {
        str(p.relative_to(tmp)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(tmp.rglob("*"))
        if p.is_file() and not p.is_symlink() and p.name != "out.json"
    }


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_attack_is_refused_cleanly(tmp_path: Path, case: Case) -> None:
    for name, data in case.files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    head = ""
    if case.prepare is not None:
        case.prepare(tmp_path)
        head = _SIGNED.get("head", "") if case.name.startswith("ledger-") else ""
    before = _digests(tmp_path)
    args = [a.replace("{tmp}", str(tmp_path)).replace("{head}", head) for a in case.args]
    result = CliRunner().invoke(main, args)
    output = result.output
    assert result.exit_code == 2, f"exit {result.exit_code}: {output[-2000:]}"
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in output
    for name in case.names:
        assert name in output, f"{name!r} not in: {output[-2000:]}"
    if case.out is not None:
        assert not (tmp_path / case.out).exists(), "an output was written"
    assert not list(tmp_path.glob(".comply-*")), "a staged file was left"
    after = _digests(tmp_path)
    if case.name.startswith("ledger-") or case.name.startswith("keygen"):
        after = {k: v for k, v in after.items() if not k.startswith("ledger.sqlite")}
        before = {k: v for k, v in before.items() if not k.startswith("ledger.sqlite")}
    assert after == before, "an input changed"


# ---- a large run killed ----


def _ours(tmp: Path) -> list[str]:
    return sorted(p.name for p in tmp.iterdir() if p.name.startswith(("comply-", ".comply-")))


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def _running(pid: int) -> bool:
    """Whether a process is alive (a zombie waiting to be reaped has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _workers_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if stat.rsplit(")", 1)[1].split()[1] == str(pid):
                found.append(int(entry.name))
    return found


@pytest.mark.parametrize(
    ("signal_name", "suffix"), [("SIGTERM", ".jsonl"), ("SIGKILL", ".jsonl"), ("SIGKILL", ".xlsx")]
)
def test_a_killed_run_leaves_nothing_and_the_previous_output_intact(
    tmp_path: Path, signal_name: str, suffix: str
) -> None:
    import signal

    big = tmp_path / "big.csv"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "gen_parcels.py"), "200000", str(big)],
        check=True,
        capture_output=True,
    )
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    out = tmp_path / "out" / f"decisions{suffix}"
    out.parent.mkdir()
    out.write_text("the previous output\n", encoding="utf-8")
    env = {**os.environ, "TMPDIR": str(scratch)}
    comply = Path(sys.executable).parent / "comply"
    args = [
        str(comply),
        "parcels",
        str(big),
        "--as-of",
        "2012-08-31",
        "--out",
        str(out),
        "--jobs",
        "2",
    ]
    process = subprocess.Popen(args, env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not _ours(scratch) and time.monotonic() < deadline:  # the parts' scratch exists
        time.sleep(0.05)
    assert _ours(scratch), "the run made no scratch space to kill it in"
    time.sleep(0.5)
    workers = _workers_of(process.pid)
    while not workers and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # a loaded machine (CI beside the suite) forks them later
        workers = _workers_of(process.pid)
    assert workers, "no worker processes"
    process.send_signal(getattr(signal, signal_name))
    process.wait(timeout=60)
    time.sleep(1.0)  # the workers' parent-death signal
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = [(pid, _state(pid)) for pid in workers if _running(pid)]
    assert not alive, f"workers outlived the run: {alive}"
    assert out.read_text(encoding="utf-8") == "the previous output\n"
    assert not _ours(out.parent), "a staged output was left beside the target"
    if signal_name == "SIGTERM":
        assert process.returncode == 143
        assert not _ours(scratch), "scratch space was left"
    else:
        # Nothing can run on SIGKILL: the next run sweeps what the killed one left.
        small = tmp_path / "small.csv"
        shutil.copy(PARCELS.file, small)
        subprocess.run(
            [
                str(comply),
                "parcels",
                str(small),
                "--as-of",
                "2012-08-31",
                "--out",
                str(tmp_path / "s.json"),
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        assert not _ours(scratch), "the next run did not sweep what the killed one left"
