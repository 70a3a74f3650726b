"""`comply columns KIND`: every column a register may hold, its headers, its unit and its
values, as a bureau reads them before it fills a register in."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from comply.cli import main
from comply.engine.kinds import all_kinds, by_command
from comply.engine.register import Contract


def _columns(command: str, lang: str) -> dict[str, list[str]]:
    """Each column's lines of `comply columns COMMAND`, by the column's name."""
    result = CliRunner().invoke(main, ["columns", command, "--lang", lang])
    assert result.exit_code == 0, result.output
    found: dict[str, list[str]] = {}
    name = None
    for line in result.output.splitlines():
        if line and not line.startswith(" "):
            name = line.split("（")[0].split(" ")[0]
            found[name] = []
        elif line and name is not None:
            found[name].append(line.strip())
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", [kind.command for kind in all_kinds()])
def test_every_column_is_listed_and_only_an_amount_is_said_to_be_in_yuan(
    command: str, lang: str
) -> None:
    model = by_command(command).model
    contract = Contract(model)
    listed = _columns(command, lang)
    assert set(model.model_fields) <= set(listed)
    yuan = "unit: yuan;" if lang == "en" else "单位：元；"
    for name in model.model_fields:
        said = any(line.startswith(yuan) for line in listed[name])
        assert said == (name in contract.amounts), (name, listed[name])


def test_a_parcels_land_area_is_in_square_metres() -> None:
    """It was listed as "unit: yuan; 元, 万元 or 亿元 in the header", and its values as
    "in any one unit for both areas", which are the developed and the total area's."""
    assert _columns("parcels", "en")["land_area"][1:] == [
        "unit: square metres (平方米)",
        "values: a positive area in square metres with at most 2 decimals, such as 12000 "
        "or 12000.5",
    ]
    assert _columns("parcels", "zh")["land_area"][1] == "单位：平方米"


def test_a_unit_of_money_over_the_land_area_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "register.csv"
    source.write_text(
        "地块编号,土地使用权人,供地方式,出让价款,约定开工日期,土地面积（万元）\n"
        "P1,甲置业有限公司,出让,38600000,2011-03-15,12000\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["parcels", str(source), "--as-of", "2012-08-31"])
    assert result.exit_code == 2
    assert (
        "column '土地面积（万元）': got '土地面积（万元）', expected a unit (元, 万元, 亿元) only "
        "on an amount column" in result.output
    )


@pytest.mark.parametrize("header", ["土地面积（㎡）", "土地面积(m²)", "宗地面积（平方米）"])
def test_a_land_area_headed_with_its_unit_is_the_land_area(tmp_path: Path, header: str) -> None:
    """土地面积（㎡） was a column of the bureau's own: the documents left the area blank."""
    source = tmp_path / "register.csv"
    source.write_text(
        f"地块编号,土地使用权人,供地方式,出让价款,约定开工日期,{header}\n"
        "P1,甲置业有限公司,出让,38600000,2011-03-15,12000平方米\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["parcels", str(source), "--as-of", "2012-08-31"])
    assert result.exit_code == 0, result.output
    assert "own columns" not in result.output
    assert Contract(by_command("parcels").model).resolve(header) == ("land_area", "")
