"""Rule packs: laid over the rulebook, refused at load where they overreach, evaluated by
the real engine, and identified by the hash of their files."""

from __future__ import annotations

import csv
import io
import pickle
import shutil
from collections.abc import Callable
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from comply.engine import packs
from comply.engine.errors import NotCoveredError, RulebookError
from comply.engine.evaluate import Decision, Evaluator
from comply.engine.kinds import Kind
from comply.engine.kinds import budget as projects
from comply.engine.loader import RowReader
from comply.engine.pipeline import decide as pipeline_decide
from comply.engine.pipeline import prepare
from comply.engine.rulebook import source_in
from comply.engine.writers import identity
from comply.engine.writers.json_records import JsonWriter

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "packs" / "district-speech-2012"
BUDGET_LOG = Path(__file__).resolve().parent.parent / "examples" / "district-2012" / "budget.csv"
BUDGET = ["budget", "budget_national"]


def make_pack(directory: Path, name: str = "test-pack", **overlays: Any) -> Path:
    """A pack directory: pack.yaml, and one file per family it lays over."""
    root = directory / name
    root.mkdir(parents=True)
    head = {
        "pack": name,
        "version": "1",
        "title": {"en": "A test pack", "zh": "测试规则包"},
        "description": "Made by a test.",
    }
    (root / "pack.yaml").write_text(yaml.safe_dump(head, allow_unicode=True), "utf-8")
    for family, overlay in overlays.items():
        text = yaml.safe_dump(overlay, allow_unicode=True)
        (root / f"{family}.yaml").write_text(text, "utf-8")
    return root


def decide(book: packs.Rulebook, kind: Kind, source: Path, as_of: date) -> dict[str, Decision]:
    """A file's subjects through the engine under the rulebook, as a run takes them."""
    prepared = prepare(kind, as_of, book=book)
    reader = RowReader(source, kind.model, kind.id_field if kind.unique_rows else None)
    decided = {
        subject.key: decision
        for subjects, decisions in pipeline_decide(prepared, reader)
        for subject, decision in zip(subjects, decisions, strict=True)
    }
    assert not reader.problems, reader.problems
    return decided


def change_log(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    """A budget change log of one district-funded project: (date, event, amount)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["project_id", "date", "event", "amount", "name", "funding"])
        for project, day, event, amount in rows:
            extra = ["工程", "district_fiscal"] if event == "budget" else ["", ""]
            writer.writerow([project, day, event, amount, *extra])
    return path


def codes(decision: Decision) -> list[tuple[str, date | None]]:
    return [(a.code, a.date) for a in decision.actions]


# ---- refused at load: each message names file, family, parameter or rule, and field ----

REFUSED: dict[str, tuple[dict[str, Any], list[str]]] = {
    "override below the parameter's minimum": (
        {"budget": {"parameters": {"principles_from": {"value": "2011-06-01", "source": "x"}}}},
        [
            "budget.yaml: family budget: parameter principles_from",
            "field 'value'",
            "2011-06-01 is below its minimum 2012-01-01",
        ],
    ),
    "a dated override outside the bounds": (
        {
            "budget": {
                "parameters": {
                    "principles_from": {
                        "values": {
                            "2012-01-01": {"value": "2012-01-01", "source": "the default"},
                            "2013-01-01": {"value": "2011-12-31", "source": "a mistake"},
                        }
                    }
                }
            }
        },
        ["parameter principles_from", "field 'values.2013-01-01.value'", "is below its minimum"],
    ),
    "override of a parameter set by law": (
        {"idle_land": {"parameters": {"idle_fee_rate": {"value": "0.15", "source": "cheaper"}}}},
        [
            "idle_land.yaml: family idle_land: parameter idle_fee_rate",
            "set by law",
            "a pack sets district parameters only",
            "decisions.md L7",
        ],
    ),
    "unknown parameter": (
        {"budget": {"parameters": {"report_dys": {"value": 3, "source": "x"}}}},
        ["family budget: parameter report_dys", "did you mean 'report_days'"],
    ),
    "override without its source": (
        {"budget": {"parameters": {"report_days": {"value": 3}}}},
        ["budget.yaml: field 'parameters.report_days'", "'value' with its 'source'"],
    ),
    "a new parameter that already exists": (
        {
            "budget": {
                "add": {
                    "parameters": {
                        "report_days": {
                            "value": 3,
                            "source": "x",
                            "type": "days",
                            "set_by": "district",
                            "title": {"en": "days", "zh": "日"},
                        }
                    }
                }
            }
        },
        ["family budget: parameter report_days", "override it under 'parameters'"],
    ),
    "a new rule whose id is a base rule's": (
        {
            "budget": {
                "add": {
                    "rules": [
                        {
                            "id": "BUD-B5-REFER",
                            "title": {"en": "again", "zh": "再"},
                            "cites": [{"law": "speech", "section": "4.6"}],
                            "effective": {"from": "principles_from"},
                            "priority": 30,
                            "when": ["in_scope"],
                            "status": "within_budget",
                        }
                    ]
                }
            }
        },
        [
            "family budget: rule BUD-B5-REFER",
            "field 'id'",
            "already used by the family's own rules",
        ],
    ),
    "a new rule whose id is another family's": (
        {
            "budget_national": {
                "add": {
                    "rules": [
                        {
                            "id": "BUD-B5-REFER",
                            "title": {"en": "again", "zh": "再"},
                            "cites": [{"law": "gov_investment", "article": 12}],
                            "effective": {"from": "2019-07-01"},
                            "priority": 30,
                            "when": ["government_funded"],
                            "status": "undetermined",
                        }
                    ]
                }
            }
        },
        [
            "budget_national.yaml: family budget_national: rule BUD-B5-REFER",
            "field 'id'",
            "already used by a rule of family budget",
        ],
    ),
    "switching off a rule that does not exist": (
        {"budget": {"switch_off": {"BUD-B5-REFR": "not wanted"}}},
        ["family budget: switch_off BUD-B5-REFR", "did you mean 'BUD-B5-REFER'"],
    ),
    "switching off without saying why": (
        {"budget": {"switch_off": {"BUD-B5-REFER": " "}}},
        ["budget.yaml", "say why the rule is switched off"],
    ),
    "a file for a family that does not exist": (
        {"budgt": {"parameters": {}}},
        ["budgt.yaml: unknown family 'budgt'", "did you mean 'budget'"],
    ),
    "an added rule testing a fact that does not exist": (
        {
            "budget": {
                "add": {
                    "rules": [
                        {
                            "id": "PK-BUD-NEW",
                            "title": {"en": "new", "zh": "新"},
                            "cites": [{"law": "speech", "section": "4.6"}],
                            "effective": {"from": "principles_from"},
                            "priority": 30,
                            "when": ["overun_ratio >= referral_ratio"],
                            "actions": [{"code": "REPORT_TO_AUDIT"}],
                        }
                    ]
                }
            }
        },
        [
            "budget.yaml: family budget: rule PK-BUD-NEW: field 'when'",
            "unknown fact 'overun_ratio'",
            "did you mean 'overrun_ratio'",
            "unknown action code 'REPORT_TO_AUDIT'",
        ],
    ),
    "an added rule citing an unknown law": (
        {
            "portfolio": {
                "add": {
                    "rules": [
                        {
                            "id": "PK-PORT-NEW",
                            "title": {"en": "new", "zh": "新"},
                            "cites": [{"law": "spech", "section": "2.1"}],
                            "effective": {"from": "2012-01-01"},
                            "priority": 10,
                            "when": ["started == true"],
                            "status": "started",
                        }
                    ]
                }
            }
        },
        [
            "portfolio.yaml: family portfolio: rule PK-PORT-NEW",
            "field 'cites.law': unknown law 'spech'",
            "did you mean 'speech'",
        ],
    ),
    "an added rule malformed": (
        {
            "portfolio": {
                "add": {
                    "rules": [
                        {
                            "id": "PK-PORT-NEW",
                            "title": {"en": "new"},
                            "cites": [{"law": "speech"}],
                            "effective": {"from": "2012-01-01"},
                            "priority": 10,
                            "when": ["started == true"],
                        }
                    ]
                }
            }
        },
        ["portfolio.yaml: rule PK-PORT-NEW (add.rules[0])", "field 'title.zh'", "Field required"],
    ),
    "an added rule in force from a date parameter of another family": (
        {
            "portfolio": {
                "add": {
                    "rules": [
                        {
                            "id": "PK-PORT-NEW",
                            "title": {"en": "new", "zh": "新"},
                            "cites": [{"law": "speech", "section": "2.1"}],
                            "effective": {"from": "principles_from"},
                            "priority": 10,
                            "when": ["started == true"],
                            "status": "started",
                        }
                    ]
                }
            }
        },
        [
            "portfolio.yaml: family portfolio: rule PK-PORT-NEW: field 'effective.from'",
            "'principles_from' is neither a date nor a date parameter",
        ],
    ),
    "an added status that exists": (
        {"portfolio": {"add": {"statuses": {"started": {"en": "begun", "zh": "已开始"}}}}},
        ["family portfolio: statuses.started", "does not redefine"],
    ),
    "an added action code whose title names no parameter": (
        {
            "portfolio": {
                "add": {
                    "action_codes": {
                        "PING": {
                            "kind": "step",
                            "title": {"en": "in {days} days", "zh": "{days}日内"},
                        }
                    }
                }
            }
        },
        ["portfolio.yaml: family portfolio: action_codes.PING.title", "{days} is not a parameter"],
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_pack_that_overreaches_is_refused_naming_what(case: str, tmp_path: Path) -> None:
    overlays, words = REFUSED[case]
    root = make_pack(tmp_path, **overlays)
    with pytest.raises(RulebookError) as raised:
        packs.load_rulebook(BUDGET, date(2012, 12, 31), packs=[root])
    message = str(raised.value)
    assert str(root) in message
    for word in words:
        assert word in message, message


def test_a_directory_without_pack_yaml_is_not_a_pack(tmp_path: Path) -> None:
    with pytest.raises(RulebookError, match=r"not a rule pack: it has no pack\.yaml"):
        packs.load_rulebook(BUDGET, date(2012, 12, 31), packs=[tmp_path])


def test_pack_yaml_names_the_pack(tmp_path: Path) -> None:
    root = make_pack(tmp_path)
    (root / "pack.yaml").write_text("pack: Test Pack\nversion: '1'\n", "utf-8")
    with pytest.raises(RulebookError) as raised:
        packs.load_rulebook(BUDGET, date(2012, 12, 31), packs=[root])
    assert "pack.yaml: field 'pack'" in str(raised.value)
    assert "field 'title'" in str(raised.value)


def test_the_same_pack_given_twice_is_refused(tmp_path: Path) -> None:
    root = make_pack(tmp_path)
    with pytest.raises(RulebookError, match="pack 'test-pack' is given twice"):
        packs.load_rulebook(BUDGET, date(2012, 12, 31), packs=[root, root])


# ---- parameters: overridden, dated, in order ----


def test_overrides_lay_over_the_rulebook_and_say_where_they_come_from() -> None:
    book = packs.load_rulebook(["intake"], date(2012, 8, 31), packs=[EXAMPLE])
    intake = book.family("intake")
    assert intake.params["scale_infrastructure"] == 300_000_000
    assert intake.params["scale_other"] == 50_000_000  # not overridden: the rulebook's
    assert intake.param_origins == {
        "scale_infrastructure": "district-speech-2012",
        "scale_industry": "district-speech-2012",
    }
    assert "¥487m" in source_in(intake.doc.parameters["scale_infrastructure"].source, "en")
    # the budget family the pack touches is checked too, though not asked for
    assert set(book.sources()) >= {"rules/budget.yaml", "packs/district-speech-2012/budget.yaml"}


def test_a_later_pack_lays_over_an_earlier_one(tmp_path: Path) -> None:
    first = make_pack(
        tmp_path, "first", budget={"parameters": {"report_days": {"value": 3, "source": "one"}}}
    )
    second = make_pack(
        tmp_path, "second", budget={"parameters": {"report_days": {"value": 7, "source": "two"}}}
    )
    for order, days, origin in (([first, second], 7, "second"), ([second, first], 3, "first")):
        budget = packs.load_rulebook(BUDGET, date(2012, 12, 31), packs=order).family("budget")
        assert budget.params["report_days"] == days
        assert budget.param_origins["report_days"] == origin


DATED_REPORT_DAYS = {
    "budget": {
        "parameters": {
            "report_days": {
                "values": {
                    date(2012, 1, 1): {"value": 5, "source": "speech §4.6, decisions.md B3"},
                    date(2012, 7, 1): {"value": 3, "source": "the district's July notice"},
                }
            }
        }
    }
}


def test_a_dated_parameter_takes_the_value_in_force_on_the_run_date(tmp_path: Path) -> None:
    root = make_pack(tmp_path, **DATED_REPORT_DAYS)
    for day, days, source in (
        (date(2012, 6, 30), 5, "speech §4.6, decisions.md B3"),
        (date(2012, 7, 1), 3, "the district's July notice"),
        (date(2020, 1, 1), 3, "the district's July notice"),
    ):
        budget = packs.load_rulebook(BUDGET, day, packs=[root]).family("budget")
        assert budget.params["report_days"] == days
        assert budget.doc.parameters["report_days"].source == source


def test_a_dated_parameter_decides_through_the_engine(tmp_path: Path) -> None:
    """A report 4 days after the estimate: on time under 5 days, late under 3. The same rule
    files, two dates: the engine must not reuse the ruleset compiled for the other date."""
    log = change_log(
        tmp_path / "log.csv",
        [
            ("PJ-1", "2012-03-01", "budget", "10000000"),
            ("PJ-1", "2012-03-10", "estimate", "10500000"),
            ("PJ-1", "2012-03-10", "suspend", ""),
            ("PJ-1", "2012-03-14", "report", ""),
        ],
    )
    root = make_pack(tmp_path, **DATED_REPORT_DAYS)
    for day, late in ((date(2012, 6, 30), False), (date(2012, 7, 1), True)):
        book = packs.load_rulebook(BUDGET, day, packs=[root])
        found = codes(decide(book, projects.KIND, log, day)["PJ-1"])
        assert (("LATE_REPORT", date(2012, 3, 14)) in found) is late, (day, found)


def test_a_run_before_a_parameter_has_a_value_is_refused(tmp_path: Path) -> None:
    root = make_pack(
        tmp_path,
        budget={
            "parameters": {
                "report_days": {"values": {date(2012, 7, 1): {"value": 3, "source": "July"}}}
            }
        },
    )
    with pytest.raises(NotCoveredError) as raised:
        packs.load_rulebook(BUDGET, date(2012, 6, 30), packs=[root])
    message = str(raised.value)
    assert "parameter report_days has no value on 2012-06-30" in message
    assert "its first value takes effect on 2012-07-01" in message
    assert str(root / "budget.yaml") in message
    assert raised.value.parameter == "report_days"  # type: ignore[attr-defined]
    assert raised.value.first == date(2012, 7, 1)  # type: ignore[attr-defined]
    assert packs.load_rulebook(BUDGET, date(2012, 7, 1), packs=[root])


def test_a_parameter_no_rule_in_force_uses_yet_may_start_later(tmp_path: Path) -> None:
    """The national rules apply from 2019: their parameter may be dated from then, and a
    2012 run is not refused for it."""
    root = make_pack(
        tmp_path,
        budget_national={
            "add": {
                "parameters": {
                    "national_audit_ratio": {
                        "values": {date(2019, 7, 1): {"value": "0.15", "source": "x"}},
                        "type": "ratio",
                        "set_by": "district",
                        "title": {"en": "audit ratio", "zh": "审计比例"},
                    }
                },
                "action_codes": {
                    "AUDIT": {"kind": "step", "title": {"en": "audit", "zh": "审计"}},
                },
                "rules": [
                    {
                        "id": "PK-NAT-AUDIT",
                        "title": {"en": "audit", "zh": "审计"},
                        "cites": [{"law": "gov_investment", "article": 12}],
                        "effective": {"from": "2019-07-01"},
                        "priority": 31,
                        "when": ["government_funded", "overrun_ratio >= national_audit_ratio"],
                        "actions": [{"code": "AUDIT", "date": "event_date"}],
                    }
                ],
            }
        },
    )
    book = packs.load_rulebook(BUDGET, date(2012, 8, 31), packs=[root])
    assert book.family("budget_national").params["national_audit_ratio"] == Fraction(3, 20)


# ---- the budget principles from a later date (decisions.md B0) ----


def test_principles_from_the_speech_leave_earlier_events_without_findings(tmp_path: Path) -> None:
    day = date(2012, 12, 31)
    base = decide(packs.load_rulebook(BUDGET, day), projects.KIND, BUDGET_LOG, day)
    book = packs.load_rulebook(BUDGET, day, packs=[EXAMPLE])
    assert book.family("budget").params["principles_from"] == date(2012, 9, 1)
    later = decide(book, projects.KIND, BUDGET_LOG, day)
    assert ("LATE_REPORT", date(2012, 5, 29)) in codes(base["PJ-2012-003"])
    assert codes(later["PJ-2012-003"]) == []
    # Rules judging an event: every event of the log is before 2012-09-01. (Construction
    # still going on, unapproved, on the evaluation date is judged on that date.)
    on_events = {"BUD-B3-LATE-REPORT", "BUD-B4-RESUMED"}
    assert on_events <= {rule for d in base.values() for rule in d.fired}
    assert not on_events & {rule for d in later.values() for rule in d.fired}
    # What is judged on the evaluation date is dated no earlier than the principles (B0).
    dated = [
        a.date
        for d in later.values()
        for a in d.actions
        if a.date is not None and a.code != "OUT_OF_SCOPE"  # dated by its budget: a notice
    ]
    assert dated
    assert min(dated) >= date(2012, 9, 1)
    assert later["PJ-2012-003"].status == base["PJ-2012-003"].status  # judged on the day


def test_principles_from_the_speech_refuse_a_run_before_them() -> None:
    book = packs.load_rulebook(BUDGET, date(2012, 8, 31), packs=[EXAMPLE])
    with pytest.raises(NotCoveredError, match="No rule of the budget rulebook is in force"):
        Evaluator(projects.KIND, book.families, date(2012, 8, 31))


# ---- rules added and switched off, in the real engine ----


def test_a_rule_a_pack_adds_fires_in_the_engine(tmp_path: Path) -> None:
    log = change_log(
        tmp_path / "log.csv",
        [
            ("PJ-1", "2012-09-05", "budget", "10000000"),
            ("PJ-1", "2012-10-10", "estimate", "11200000"),  # 12%: the pack's 10%, not 20%
            ("PJ-1", "2012-10-10", "suspend", ""),
            ("PJ-1", "2012-10-12", "report", ""),
        ],
    )
    day = date(2012, 12, 31)
    base = decide(packs.load_rulebook(BUDGET, day), projects.KIND, log, day)["PJ-1"]
    book = packs.load_rulebook(BUDGET, day, packs=[EXAMPLE])
    with_pack = decide(book, projects.KIND, log, day)["PJ-1"]
    assert "NOTIFY_LEADING_GROUP" not in {a.code for a in base.actions}
    assert ("NOTIFY_LEADING_GROUP", date(2012, 10, 10)) in codes(with_pack)
    assert "DS12-BUD-LEADING-GROUP" in with_pack.fired
    added = [r for r in book.family("budget").rules if r.origin == "district-speech-2012"]
    assert [r.rule.id for r in added] == ["DS12-BUD-LEADING-GROUP"]
    renderer = JsonWriter(projects.KIND, book.families, day, "en", io.StringIO())
    [shown] = [
        a for a in renderer.as_dict(with_pack)["actions"] if a["code"] == "NOTIFY_LEADING_GROUP"
    ]
    assert shown["title"].startswith("Tell the district engineering-construction leading group")
    assert "reached 1/10 of the budget" in shown["title"]
    assert shown["basis"] == "District speech 2012 §4.6"


def test_a_rule_switched_off_does_not_fire(tmp_path: Path) -> None:
    log = change_log(
        tmp_path / "log.csv",
        [
            ("PJ-1", "2012-03-01", "budget", "10000000"),
            ("PJ-1", "2012-03-10", "estimate", "10500000"),
            ("PJ-1", "2012-03-10", "suspend", ""),
            ("PJ-1", "2012-03-20", "report", ""),  # 10 days: late
        ],
    )
    root = make_pack(
        tmp_path, budget={"switch_off": {"BUD-B3-LATE-REPORT": "the district's own audit"}}
    )
    day = date(2012, 12, 31)
    base = decide(packs.load_rulebook(BUDGET, day), projects.KIND, log, day)["PJ-1"]
    book = packs.load_rulebook(BUDGET, day, packs=[root])
    off = decide(book, projects.KIND, log, day)["PJ-1"]
    assert ("LATE_REPORT", date(2012, 3, 20)) in codes(base)
    assert "BUD-B3-LATE-REPORT" in base.fired
    assert "LATE_REPORT" not in {a.code for a in off.actions}
    assert "BUD-B3-LATE-REPORT" not in off.fired
    budget = book.family("budget")
    assert "BUD-B3-LATE-REPORT" not in {r.rule.id for r in budget.rules}
    [switched] = budget.switched_off
    assert (switched.rule.id, switched.pack, switched.reason) == (
        "BUD-B3-LATE-REPORT",
        "test-pack",
        "the district's own audit",
    )


def test_switching_off_a_rule_an_exception_names_leaves_the_exception(tmp_path: Path) -> None:
    """IL-ART12-NEGOTIATE sets the fee aside; with the fee rule off, it has nothing to set
    aside, and still stands."""
    root = make_pack(tmp_path, idle_land={"switch_off": {"IL-ART14-1-FEE": "a test"}})
    family = packs.load_rulebook(["idle_land"], date(2012, 8, 31), packs=[root]).family("idle_land")
    rules = {r.rule.id: r.rule for r in family.rules}
    assert "IL-ART14-1-FEE" not in rules
    assert "IL-ART14-1-FEE" not in rules["IL-ART12-NEGOTIATE"].exception_of


# ---- identity, and loading from the bytes a worker is sent ----


def test_without_packs_the_identity_is_the_one_outputs_print() -> None:
    day = date(2012, 8, 31)
    for names in (["idle_land"], BUDGET):
        book = packs.load_rulebook(names, day)
        assert book.identity() == identity(book.families)
        assert "packs" not in book.identity()


def copy_pack(tmp_path: Path) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path / EXAMPLE.name))


def identity_of(root: Path) -> dict[str, Any]:
    return packs.load_rulebook(BUDGET, date(2012, 12, 31), packs=[root]).identity()


def test_the_identity_changes_with_a_pack_file_and_only_then(tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    first = identity_of(root)
    assert first["packs"] == [
        {
            "pack": "district-speech-2012",
            "version": "2026.11.30",
            "sha256": first["packs"][0]["sha256"],
        }
    ]
    base = packs.load_rulebook(BUDGET, date(2012, 12, 31)).identity()
    assert first["sha256"] != base["sha256"]
    assert identity_of(root) == first  # loaded again: the same
    (root / "budget.yaml").touch()  # a new time, not new content
    assert identity_of(root) == first
    national = first["families"][1]
    assert national == base["families"][1]  # the pack does not touch the national rules
    for name, change in (
        ("pack.yaml", lambda t: t.replace("An example district.", "An example district!")),
        ("intake.yaml", lambda t: t + "\n# a comment is content too\n"),
        ("NOTES.md", lambda t: t + "notes travel with the pack\n"),
    ):
        path = root / name
        before = path.read_text("utf-8") if path.exists() else ""
        path.write_text(change(before), "utf-8")
        changed = identity_of(root)
        assert changed["packs"][0]["sha256"] != first["packs"][0]["sha256"], name
        assert changed["sha256"] != first["sha256"], name
        if path.exists() and before:
            path.write_text(before, "utf-8")
        else:
            path.unlink()
        assert identity_of(root) == first, name


def test_files_sent_make_the_same_rulebook(tmp_path: Path) -> None:
    day = date(2012, 12, 31)
    book = packs.load_rulebook(BUDGET, day, packs=[EXAMPLE])
    sent = book.sources()
    assert sorted(sent) == [
        "packs/district-speech-2012/budget.yaml",
        "packs/district-speech-2012/intake.yaml",
        "packs/district-speech-2012/pack.yaml",
        "rules/budget.yaml",
        "rules/budget_national.yaml",
        "rules/intake.yaml",
        "rules/laws.yaml",
    ]
    elsewhere = packs.load_rulebook(
        BUDGET,
        day,
        rules_dir=tmp_path / "nothing here",
        packs=[Path("district-speech-2012")],
        files=sent,
        sha256=book.identity()["sha256"],
    )
    assert elsewhere.identity() == book.identity()
    for mine, theirs in zip(book.families, elsewhere.families, strict=True):
        assert mine.params == theirs.params
        assert [r.rule for r in mine.rules] == [r.rule for r in theirs.rules]
        assert [r.origin for r in mine.rules] == [r.origin for r in theirs.rules]
    travelled = pickle.loads(pickle.dumps(book.bundle())).load()
    assert travelled.identity() == book.identity()


ALTERED: dict[str, Callable[[dict[str, bytes]], None]] = {
    "a rule file": lambda f: f.update(
        {"rules/budget.yaml": f["rules/budget.yaml"].replace(b"value: 5", b"value: 4")}
    ),
    "a pack file": lambda f: f.update(
        {
            "packs/district-speech-2012/intake.yaml": f["packs/district-speech-2012/intake.yaml"]
            + b"\n"
        }
    ),
    "the laws": lambda f: f.update({"rules/laws.yaml": f["rules/laws.yaml"] + b"#\n"}),
}


@pytest.mark.parametrize("what", list(ALTERED))
def test_files_altered_in_transit_are_refused(what: str) -> None:
    day = date(2012, 12, 31)
    book = packs.load_rulebook(BUDGET, day, packs=[EXAMPLE])
    sent = book.sources()
    ALTERED[what](sent)
    with pytest.raises(RulebookError, match="the rule files changed in transit"):
        packs.load_rulebook(
            BUDGET, day, packs=[EXAMPLE], files=sent, sha256=book.identity()["sha256"]
        )


def test_files_sent_without_the_packs_they_hold_are_refused() -> None:
    day = date(2012, 12, 31)
    sent = packs.load_rulebook(BUDGET, day, packs=[EXAMPLE]).sources()
    with pytest.raises(RulebookError, match="files sent that this rulebook does not read"):
        packs.load_rulebook(BUDGET, day, files=sent)
