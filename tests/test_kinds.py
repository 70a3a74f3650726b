"""A kind describes itself: a toy kind, declared in this file alone, runs through the CLI.

Nothing else names it: the command, its options, `comply explain`, the output formats, the
ledger and the rulebook's checks find it from its declaration. If adding a kind needed a
registry entry anywhere else, this test could not pass without touching that file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from comply.cli import main
from comply.engine import cells, fields, kinds
from comply.engine.conditions import FactField
from comply.engine.kinds import Kind, Option, View
from comply.engine.rulebook import words
from comply.engine.subjects import Facts, ProblemSink, Subject
from pydantic import Field, field_validator


class Meter(fields.Row):
    meter_id: str = Field(min_length=1)
    reading: int

    @field_validator("reading", mode="before")
    @classmethod
    def _reading(cls, value: Any) -> int:
        return int(value)


def meters(
    batches: Iterable[list[tuple[int, Meter]]],
    as_of: date,
    params: Mapping[str, Any],
    problem: ProblemSink,
) -> Iterator[list[Subject]]:
    for batch in batches:
        yield [
            Subject(
                m.meter_id,
                m,
                (Facts(as_of, {"reading": m.reading}, {"reading": m.reading}),),
                {"reading": m.reading, "site": params.get("site", "")},
            )
            for _, m in batch
        ]


TOY = Kind(
    name="meter",
    command="meters",
    help="Check each meter's reading against the limit.",
    families=("meters",),
    model=Meter,
    id_field="meter_id",
    unique_rows=True,
    facts={"reading": FactField("reading", "int", "the reading", "读数")},
    values={"reading": "int"},
    build=meters,
    view=View(
        noun=words("meters", "电表"),
        columns=(
            (words("meter", "电表"), cells.subject_id),
            (words("status", "状态"), cells.status),
            (words("actions", "措施"), cells.codes()),
        ),
        lines=(
            (
                words("over the limit: {over}", "超限：{over}"),
                lambda s: {"over": s.by_status["over"]},
            ),
        ),
    ),
    options=(Option("--site", "site", "file", "build", "Unused here: a file option."),),
)

LAWS = """
laws:
  house_rule:
    title: {en: House rule, zh: 内部规定}
    short: {en: House rule, zh: 内部规定}
    issued_by: {en: The house, zh: 本单位}
    effective: {from: 2000-01-01}
    source: "a test"
"""

RULES = """
family: meters
version: "1"
facts: meter
title: {en: Meter readings, zh: 电表读数}
statuses:
  fine: {en: fine, zh: 正常}
  over: {en: over the limit, zh: 超限}
  undetermined: {en: undetermined, zh: 无法判定}
parameters:
  limit:
    value: 100
    type: days
    set_by: district
    source: "the house rule"
    title: {en: the limit, zh: 上限}
action_codes:
  READ_AGAIN:
    kind: step
    title: {en: "Read the meter again (limit {limit})", zh: "重新抄表（上限{limit}）"}
rules:
  - id: MT-FINE
    title: {en: A reading within the limit is fine, zh: 读数未超限为正常}
    cites: [{law: house_rule, article: 1}]
    effective: {from: 2000-01-01}
    priority: 10
    when: [reading <= limit]
    status: fine
  - id: MT-OVER
    title: {en: A reading over the limit is read again, zh: 读数超限的重新抄表}
    cites: [{law: house_rule, article: 2}]
    effective: {from: 2000-01-01}
    priority: 10
    when: [reading > limit]
    status: over
    actions:
      - code: READ_AGAIN
"""


@pytest.fixture
def toy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    kinds.all_kinds()  # the bundled kinds first, as any run finds them
    monkeypatch.setitem(kinds._KINDS, TOY.name, TOY)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "meters.yaml").write_text(RULES, encoding="utf-8")
    (rules / "laws.yaml").write_text(LAWS, encoding="utf-8")
    data = tmp_path / "meters.csv"
    data.write_text("meter_id,reading\nM1,99\nM2,100\nM3,101\n", encoding="utf-8")
    return {"rules": rules, "data": data, "tmp": tmp_path}


def comply(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_a_toy_kind_gets_its_command_formats_summary_and_explanation(toy: dict[str, Path]) -> None:
    common = ["--rules", str(toy["rules"]), "--as-of", "2020-01-01"]
    out = json.loads(comply("meters", str(toy["data"]), *common, "--format", "json"))
    assert [(d["subject"], d["status"]) for d in out["decisions"]] == [
        ("M1", "fine"),
        ("M2", "fine"),
        ("M3", "over"),
    ]
    assert out["decisions"][2]["actions"][0]["title"] == "Read the meter again (limit 100)"
    assert out["summary"]["by_status"] == {"fine": 2, "over": 1}
    table = comply("meters", str(toy["data"]), *common, "--lang", "zh")
    assert "超限：1" in table
    assert "重新抄表" in table  # a Chinese table names the actions in words
    assert "READ_AGAIN" not in table
    assert "READ_AGAIN" in comply("meters", str(toy["data"]), *common)  # an English one, codes
    why = comply("explain", "meters", str(toy["data"]), "M3", *common)
    assert "MT-OVER" in why
    assert "the reading: 101 > 100 (limit: the house rule)" in why
    assert "meters" in comply("--help")


def test_a_toy_kind_is_recorded_and_shown_from_the_ledger(toy: dict[str, Path]) -> None:
    db = toy["tmp"] / "ledger.sqlite"
    common = ["--rules", str(toy["rules"]), "--as-of", "2020-01-01", "--ledger", str(db)]
    comply("meters", str(toy["data"]), *common, "--record", "--out", str(toy["tmp"] / "o.json"))
    shown = comply("ledger", "show", "1", "--ledger", str(db), "--lang", "zh")
    assert "超限：1" in shown
