"""The package as a user installs it: the wheel, in a fresh virtual environment, run from
another directory. An editable checkout once hid a package that did not run at all."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "district-2012"
REGISTERS = ROOT / "examples" / "registers"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A wheel built from the repository, installed with its runtime dependencies only."""
    base = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(base), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = base.glob("comply-*.whl")
    env_dir = base / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True
    )
    work = base / "elsewhere"
    work.mkdir()
    return {"wheel": wheel, "env": env_dir, "python": python, "work": work}


def comply(
    installed: dict[str, Path], *args: str, **environ: str
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(environ)
    return subprocess.run(
        [str(installed["env"] / "bin" / "comply"), *args],
        cwd=installed["work"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_the_wheel_holds_one_package_with_its_rules_features_and_notes(
    installed: dict[str, Path],
) -> None:
    names = zipfile.ZipFile(installed["wheel"]).namelist()
    tops = {n.split("/")[0] for n in names if not n.startswith("comply-")}
    assert tops == {"comply"}
    for wanted in (
        "comply/cli.py",
        "comply/engine/durable_adapter.py",
        "comply/rules/idle_land.yaml",
        "comply/features/idle_land.feature",
        "comply/rules/notes/decisions.md",
        "comply/rules/documents/fee_decision.yaml",
        "comply/rules/documents/fields.yaml",
    ):
        assert wanted in names
    assert not any(n.startswith(("comply/tests", "comply/bench", "comply/examples")) for n in names)


def test_only_comply_lands_in_site_packages(installed: dict[str, Path]) -> None:
    [site] = (installed["env"] / "lib").glob("python3*/site-packages")
    assert not (site / "engine").exists()
    assert not (site / "cli.py").exists()
    assert (site / "comply" / "rules" / "idle_land.yaml").is_file()


def test_every_command_runs_from_another_directory(installed: dict[str, Path]) -> None:
    parcels = str(EXAMPLES / "parcels.csv")
    done = comply(installed, "parcels", parcels, "--as-of", "2012-08-31")
    assert done.returncode == 0, done.stderr
    assert "27,094,600.10" in done.stdout
    checks = [
        (["budget", str(EXAMPLES / "budget.csv"), "--as-of", "2012-08-31"], "PJ-2012-012"),
        (
            [
                "intake",
                str(EXAMPLES / "intake-2013.csv"),
                "--plan-year",
                "2013",
                "--parcels",
                parcels,
                "--as-of",
                "2012-08-31",
            ],
            "admit as a new start: 15",
        ),
        (["portfolio", str(EXAMPLES / "projects-2012.csv"), "--as-of", "2012-08-31"], "82"),
        (["landuse", str(EXAMPLES / "landuse.csv"), "--as-of", "2012-08-31"], "0.4350"),
        # A workbook read and one written: openpyxl is imported only when a run needs it.
        (
            ["parcels", str(REGISTERS / "county-2012.xlsx"), "--as-of", "2012-08-31"],
            "XJ2010-07",
        ),
        (["parcels", parcels, "--as-of", "2012-08-31", "--out", "book.xlsx"], "xlsx written"),
        (["explain", "parcels", parcels, "P-2012-025", "--as-of", "2012-08-31"], "IL-ART2-IDLE"),
        (["parcels", parcels, "--as-of", "2012-08-31", "--record"], "27,094,600.10"),
        (["ledger", "verify"], "intact"),
        (["ledger", "list"], "parcels"),
        (
            ["cases", parcels, "--events", str(EXAMPLES / "events.csv"), "--as-of", "2013-06-30"],
            "P-2012-004",
        ),
        (
            [
                "documents",
                parcels,
                "--events",
                str(EXAMPLES / "events.csv"),
                "--as-of",
                "2013-06-30",
                "--settings",
                str(EXAMPLES / "bureau.yaml"),
                "--out",
                "drafts",
            ],
            "征缴土地闲置费决定书.docx",
        ),
    ]
    for args, wanted in checks:
        done = comply(installed, *args)
        assert done.returncode == 0, (args, done.stderr)
        said = done.stdout + done.stderr  # a run's status line goes to stderr
        assert wanted in said, (args, said[-2000:])


def test_the_columnar_path_runs_from_the_wheel(installed: dict[str, Path]) -> None:
    """Arrow and numpy installed with the wheel, engine/columnar in it: the same decisions
    either way (a register this small takes the row path unless asked)."""
    parcels = str(EXAMPLES / "parcels.csv")
    for switch, out in (("0", "rows.jsonl"), ("1", "columns.jsonl")):
        done = comply(
            installed, "parcels", parcels, "--as-of", "2013-03-15", "--out", out,
            COMPLY_COLUMNAR=switch,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    work = installed["work"]
    assert (work / "columns.jsonl").read_bytes() == (work / "rows.jsonl").read_bytes()


def test_rules_and_the_policy_book_find_the_scenarios(installed: dict[str, Path]) -> None:
    done = comply(installed, "rules", "IL-ART14-1-FEE")
    assert done.returncode == 0, done.stderr
    scenarios = done.stdout.split("scenarios:", 1)[1].strip().splitlines()
    assert scenarios
    assert all(".feature: " in line for line in scenarios)
    done = comply(installed, "policy", "--out", "book")
    assert done.returncode == 0, done.stderr
    index = (installed["work"] / "book" / "index.html").read_text(encoding="utf-8")
    assert "IL-ART14-1-FEE" in index
    assert "no scenario" not in index
