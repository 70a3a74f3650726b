"""Rule files fail at load, naming file, rule and field; the bundled rulebook is sound."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from comply.engine import families, packs
from comply.engine.errors import (
    ComplyError,
    NotCoveredError,
    ParameterNotInForceError,
    RulebookError,
)
from comply.engine.evaluate import Evaluator
from comply.engine.kinds import budget as projects
from comply.engine.rulebook import source_in, zh_number

BUNDLED = families.RULES_DIR / "idle_land.yaml"
LAWS = families.RULES_DIR / "laws.yaml"


def write_rules(directory: Path, name: str, doc: Any) -> Path:
    """A rules directory holding one family file (and the laws every rule file cites)."""
    (directory / "laws.yaml").write_bytes(LAWS.read_bytes())
    path = directory / f"{name}.yaml"
    text = doc if isinstance(doc, str) else yaml.safe_dump(doc, allow_unicode=True)
    path.write_text(text, "utf-8")
    return path


def _rule(doc: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return next(r for r in doc["rules"] if r["id"] == rule_id)


# Each case: a change to the bundled rule file, and the words its error must contain.
BAD_RULEBOOKS: dict[str, tuple[Callable[[dict[str, Any]], None], list[str]]] = {
    "unknown fact": (
        lambda d: _rule(d, "IL-ART2-IDLE").update(when=["yeras_not_started >= idle_after_years"]),
        [
            "rule IL-ART2-IDLE",
            "field 'when'",
            "unknown fact 'yeras_not_started'",
            "did you mean 'years_not_started'",
        ],
    ),
    "unknown parameter": (
        lambda d: _rule(d, "IL-ART14-1-FEE")["when"].append("years_not_started < two_years"),
        ["rule IL-ART14-1-FEE", "unknown parameter 'two_years'"],
    ),
    "literal threshold": (
        lambda d: _rule(d, "IL-ART14-1-FEE")["when"].append("years_not_started < 2"),
        ["rule IL-ART14-1-FEE", "thresholds must be named parameters"],
    ),
    "unknown code of a coded fact": (
        lambda d: _rule(d, "IL-ART14-1-FEE")["when"].append("cause == goverment"),
        ["'goverment' is not a code of cause", "did you mean 'government'"],
    ),
    "unreadable condition": (
        lambda d: _rule(d, "IL-ART14-1-FEE")["when"].append("years_not_started is big"),
        ["rule IL-ART14-1-FEE", "cannot read condition"],
    ),
    "missing Chinese title": (
        lambda d: _rule(d, "IL-ART14-1-FEE")["title"].pop("zh"),
        ["rule IL-ART14-1-FEE (rules[", "field 'title.zh'", "Field required"],
    ),
    "missing citation": (
        lambda d: _rule(d, "IL-ART14-1-FEE").pop("cites"),
        ["rule IL-ART14-1-FEE", "field 'cites'", "Field required"],
    ),
    "unknown authority": (
        lambda d: _rule(d, "IL-ART14-1-FEE")["actions"][2].update(approved_by="province"),
        ["rule IL-ART14-1-FEE", "approved_by: unknown authority 'province'"],
    ),
    "unknown law cited": (
        lambda d: _rule(d, "IL-ART14-1-FEE")["cites"].append({"law": "order5", "article": 1}),
        ["rule IL-ART14-1-FEE", "unknown law 'order5'"],
    ),
    "parameter without source": (
        lambda d: d["parameters"]["idle_fee_rate"].pop("source"),
        ["field 'parameters.idle_fee_rate'", "'value' needs its 'source'"],
    ),
    "fee rate above the statute's ceiling": (
        lambda d: d["parameters"]["idle_fee_rate"].update(value="0.25"),
        ["parameter idle_fee_rate", "field 'value'", "0.25 exceeds its legal maximum 0.20"],
    ),
    "unknown action code": (
        lambda d: _rule(d, "IL-ART14-1-FEE")["actions"].append({"code": "CHARGE_FEE"}),
        ["rule IL-ART14-1-FEE", "unknown action code 'CHARGE_FEE'"],
    ),
    "exception of a rule that does not exist": (
        lambda d: _rule(d, "IL-ART12-NEGOTIATE")["exception_of"].append("IL-ART14-3-FEE"),
        ["rule IL-ART12-NEGOTIATE", "field 'exception_of'", "IL-ART14-3-FEE"],
    ),
    "duplicate rule id": (
        lambda d: d["rules"].append(copy.deepcopy(_rule(d, "IL-ART2-IDLE"))),
        ["rule IL-ART2-IDLE", "used by more than one rule"],
    ),
    "unknown status": (
        lambda d: _rule(d, "IL-ART2-IDLE").update(status="idel"),
        ["unknown status 'idel'", "did you mean 'idle'"],
    ),
    "unknown key": (
        lambda d: _rule(d, "IL-ART2-IDLE").update(priorty=3),
        ["rule IL-ART2-IDLE", "field 'priorty'", "Extra inputs are not permitted"],
    ),
    "ratio compared to a whole number": (
        lambda d: _rule(d, "IL-ART2-IDLE")["when"].append("developed_ratio < stalled_halt_years"),
        ["developed_ratio is a ratio"],
    ),
    "placeholder that is not a parameter": (
        lambda d: d["action_codes"]["INVESTIGATE"]["title"].update(en="within {days} days"),
        ["action_codes.INVESTIGATE.title", "{days} is not a parameter"],
    ),
    "rule in force before its law": (
        lambda d: _rule(d, "IL-ART2-NOT-YET-DUE")["effective"].update({"from": "2001-01-01"}),
        ["rule IL-ART2-NOT-YET-DUE", "before the law it cites first is in force (2012-07-01)"],
    ),
    "effective window backwards": (
        lambda d: _rule(d, "IL-ART2-IDLE")["effective"].update(until="2011-01-01"),
        ["rule IL-ART2-IDLE", "'until' is before 'from'"],
    ),
}


@pytest.mark.parametrize("case", list(BAD_RULEBOOKS))
def test_malformed_rule_file_is_refused_with_a_precise_message(case: str, tmp_path: Path) -> None:
    change, words = BAD_RULEBOOKS[case]
    doc = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    change(doc)
    write_rules(tmp_path, "idle_land", doc)
    with pytest.raises(RulebookError) as raised:
        families.load("idle_land", tmp_path)
    message = str(raised.value)
    assert str(tmp_path / "idle_land.yaml") in message
    for word in words:
        assert word in message


def test_not_yaml_at_all(tmp_path: Path) -> None:
    write_rules(tmp_path, "idle_land", "rules: [unclosed")
    with pytest.raises(RulebookError, match="not valid YAML"):
        families.load("idle_land", tmp_path)


def test_bundled_rulebook_loads_and_every_rule_is_cited_and_sourced() -> None:
    family = families.load("idle_land")
    assert family.rules
    for compiled in family.rules:
        assert compiled.rule.cites
        assert family.basis(compiled.rule, "en")
        assert family.basis(compiled.rule, "zh")
    for name, param in family.doc.parameters.items():
        assert source_in(param.source, "en").strip(), name
        assert source_in(param.source, "zh").strip(), name


def test_citations_read_as_the_law_is_cited() -> None:
    family = families.load("idle_land")
    fee = next(r.rule for r in family.rules if r.rule.id == "IL-ART14-1-FEE")
    assert family.basis(fee, "en").startswith("Order 53 Art. 14(1); Order 53 Art. 15")
    assert family.basis(fee, "zh").startswith("《闲置土地处置办法》第十四条第（一）项；")


def test_predicates_may_be_written_in_any_order(tmp_path: Path) -> None:
    doc = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    doc["predicates"] = dict(reversed(list(doc["predicates"].items())))
    write_rules(tmp_path, "idle_land", doc)
    assert len(families.load("idle_land", tmp_path).rules) == len(families.load("idle_land").rules)


def test_predicates_referring_to_each_other_in_a_circle(tmp_path: Path) -> None:
    doc = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    doc["predicates"]["not_started_idle"]["when"].append("found_idle")
    write_rules(tmp_path, "idle_land", doc)
    with pytest.raises(RulebookError, match="in a circle: found_idle -> not_started_idle"):
        families.load("idle_land", tmp_path)


@pytest.mark.parametrize(
    ("number", "chinese"),
    [
        (1, "一"),
        (10, "十"),
        (14, "十四"),
        (20, "二十"),
        (32, "三十二"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1005, "一千零五"),
        (1259, "一千二百五十九"),
    ],
)
def test_article_numbers_in_chinese(number: int, chinese: str) -> None:
    assert zh_number(number) == chinese


def test_money_thresholds_too_fine_for_exact_amounts_are_refused(tmp_path: Path) -> None:
    """An amount times the scale must stay an exact integer in the engine (a double)."""
    from datetime import date

    from comply.engine.evaluate import Evaluator
    from comply.engine.kinds import intake

    path = families.RULES_DIR / "intake.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["parameters"]["tax_per_mu_min"]["value"] = "150000.001"  # scale 1000 > 900
    write_rules(tmp_path, "intake", doc)
    family = families.load("intake", tmp_path)
    with pytest.raises(RulebookError, match="beyond the engine's exact integers"):
        Evaluator(intake.KIND, [family], date(2012, 8, 31))


# ---- laws declared once (rules/laws.yaml) ----


def test_every_law_is_declared_once_and_rule_files_declare_none() -> None:
    laws = yaml.safe_load(LAWS.read_text(encoding="utf-8"))["laws"]
    assert list(laws) == [
        "order53",
        "real_estate_law",
        "land_admin_law",
        "notice_2010",
        "speech",
        "gov_investment",
        "civil_code",
        "admin_compulsion_law",
        "admin_review_law",
        "admin_litigation_law",
        "hearing_rules",
    ]
    assert laws["speech"]["effective"] == {"from": date(2012, 1, 1)}
    for path in families.RULES_DIR.glob("*.yaml"):
        if path.name != "laws.yaml":
            assert "laws" not in yaml.safe_load(path.read_text(encoding="utf-8")), path.name


def test_a_family_cites_the_laws_in_the_order_laws_yaml_declares_them() -> None:
    assert list(families.load("idle_land").laws) == [
        "order53",
        "real_estate_law",
        "land_admin_law",
        "notice_2010",
        "speech",
        "admin_compulsion_law",
        "admin_review_law",
        "admin_litigation_law",
        "hearing_rules",
    ]
    assert list(families.load("budget").laws) == ["speech", "civil_code"]
    assert list(families.load("budget_national").laws) == ["gov_investment", "civil_code"]


@pytest.mark.parametrize(
    ("name", "rule_id", "en", "zh"),
    [
        (
            "idle_land",
            "IL-ART2-OVERDUE",
            "Order 53 Art. 2 ¶1; District speech 2012 §2.3",
            "《闲置土地处置办法》第二条第一款；《区委书记讲话（2012）》§2.3",
        ),
        (
            "budget",
            "BUD-B5-REFER",
            "District speech 2012 §4.6; Civil Code Art. 1259",
            "《区委书记讲话（2012）》§4.6；《民法典》第一千二百五十九条",
        ),
        (
            "intake",
            "INT-I2-SCALE-INDUSTRY",
            "District speech 2012 §4.5",
            "《区委书记讲话（2012）》§4.5",
        ),
        (
            "portfolio",
            "PORT-REQUIRED-START",
            "District speech 2012 §4.2",
            "《区委书记讲话（2012）》§4.2",
        ),
    ],
)
def test_the_speech_is_one_law_cited_by_section(name: str, rule_id: str, en: str, zh: str) -> None:
    family = families.load(name)
    rule = next(r.rule for r in family.rules if r.rule.id == rule_id)
    assert (family.basis(rule, "en"), family.basis(rule, "zh")) == (en, zh)


def test_a_rule_file_that_declares_laws_is_refused(tmp_path: Path) -> None:
    doc = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    doc["laws"] = yaml.safe_load(LAWS.read_text(encoding="utf-8"))["laws"]
    path = write_rules(tmp_path, "idle_land", doc)
    with pytest.raises(RulebookError) as raised:
        families.load("idle_land", tmp_path)
    assert f"{path}: field 'laws': laws are declared once, in rules/laws.yaml" in str(raised.value)


def test_a_rules_directory_without_its_laws_is_refused(tmp_path: Path) -> None:
    write_rules(tmp_path, "idle_land", BUNDLED.read_text(encoding="utf-8"))
    (tmp_path / "laws.yaml").unlink()
    with pytest.raises(RulebookError) as raised:
        families.load("idle_land", tmp_path)
    assert f"{tmp_path / 'laws.yaml'}: not found" in str(raised.value)


def test_a_law_takes_effect_on_a_date_not_on_a_parameter(tmp_path: Path) -> None:
    write_rules(tmp_path, "idle_land", BUNDLED.read_text(encoding="utf-8"))
    laws = yaml.safe_load(LAWS.read_text(encoding="utf-8"))
    laws["laws"]["order53"]["effective"] = {"from": "principles_from"}
    (tmp_path / "laws.yaml").write_text(yaml.safe_dump(laws, allow_unicode=True), "utf-8")
    with pytest.raises(RulebookError) as raised:
        families.load("idle_land", tmp_path)
    assert "laws.yaml: law order53: field 'effective.from'" in str(raised.value)
    assert "not on a parameter ('principles_from')" in str(raised.value)


def test_an_unknown_law_is_refused_with_a_suggestion_from_laws_yaml(tmp_path: Path) -> None:
    doc = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    _rule(doc, "IL-ART2-OVERDUE")["cites"][1]["law"] = "speach"
    path = write_rules(tmp_path, "idle_land", doc)
    with pytest.raises(RulebookError) as raised:
        families.load("idle_land", tmp_path)
    message = str(raised.value)
    assert f"{path}: rule IL-ART2-OVERDUE: field 'cites.law': unknown law 'speach'" in message
    assert "did you mean 'speech'" in message


# ---- dated parameters, date parameters, bounds ----

BUDGET_FILE = families.RULES_DIR / "budget.yaml"


def budget_with(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    doc = yaml.safe_load(BUDGET_FILE.read_text(encoding="utf-8"))
    change(doc)
    return write_rules(tmp_path, "budget", doc)


def dated_report_days(doc: dict[str, Any]) -> None:
    param = doc["parameters"]["report_days"]
    del param["value"], param["source"]
    param["values"] = {
        date(2012, 1, 1): {"value": 5, "source": "speech §4.6 (decisions.md B3)"},
        date(2019, 7, 1): {"value": 3, "source": "a later district notice"},
    }


@pytest.mark.parametrize(
    ("day", "days", "source"),
    [
        (date(2012, 1, 1), 5, "speech §4.6 (decisions.md B3)"),
        (date(2019, 6, 30), 5, "speech §4.6 (decisions.md B3)"),
        (date(2019, 7, 1), 3, "a later district notice"),
        (date(2030, 1, 1), 3, "a later district notice"),
    ],
)
def test_a_dated_parameter_takes_the_latest_value_on_or_before_the_date(
    tmp_path: Path, day: date, days: int, source: str
) -> None:
    budget_with(tmp_path, dated_report_days)
    family = packs.load_rulebook(["budget"], day, rules_dir=tmp_path).family("budget")
    assert family.params["report_days"] == days
    assert family.doc.parameters["report_days"].source == source
    assert family.as_of == day


def test_a_run_before_every_date_of_a_parameter_a_rule_uses_is_refused(tmp_path: Path) -> None:
    def from_july(doc: dict[str, Any]) -> None:
        dated_report_days(doc)
        values = doc["parameters"]["report_days"]["values"]
        values[date(2012, 7, 1)] = values.pop(date(2012, 1, 1))

    path = budget_with(tmp_path, from_july)
    with pytest.raises(ParameterNotInForceError) as raised:
        packs.load_rulebook(["budget"], date(2012, 6, 30), rules_dir=tmp_path)
    assert str(raised.value) == (
        f"{path}: parameter report_days has no value on 2012-06-30: its first value takes "
        "effect on 2012-07-01, and rule BUD-B3-UNREPORTED uses it; evaluate as of 2012-07-01 "
        "or later"
    )
    assert (raised.value.parameter, raised.value.first) == ("report_days", date(2012, 7, 1))
    assert isinstance(raised.value, ComplyError)
    assert packs.load_rulebook(["budget"], date(2012, 7, 1), rules_dir=tmp_path)


def test_a_parameter_only_rules_not_yet_in_force_use_may_start_later(tmp_path: Path) -> None:
    """Before 2012-01-01 no budget rule is in force: the load does not refuse the date for
    report_days, the engine refuses it for want of rules (as it does today)."""
    budget_with(tmp_path, dated_report_days)
    book = packs.load_rulebook(["budget"], date(2011, 12, 31), rules_dir=tmp_path)
    with pytest.raises(NotCoveredError, match="No rule of the budget rulebook is in force"):
        Evaluator(projects.KIND, book.families, date(2011, 12, 31))


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda d: d["parameters"]["report_days"].update(
                values={"2012-01-01": {"value": 5, "source": "x"}}
            ),
            ["field 'parameters.report_days'", "not both"],
        ),
        (
            lambda d: d["parameters"]["report_days"].update(
                value=None, source=None, values={"2012-01-01": {"value": 5}}
            ),
            ["field 'parameters.report_days.values.2012-01-01.source'", "Field required"],
        ),
        (
            lambda d: d["parameters"]["report_days"].update(
                value=None, source=None, values={"1 July": {"value": 5, "source": "x"}}
            ),
            ["field 'parameters.report_days.values.1 July.[key]'", "valid date"],
        ),
        (
            lambda d: d["parameters"]["principles_from"].update(value="2012-13-01"),
            ["parameter principles_from: field 'value'", "expected a date such as 2012-01-01"],
        ),
        (
            lambda d: d["parameters"]["principles_from"].update(value="2011-12-31"),
            ["parameter principles_from: field 'value'", "2011-12-31 is below its minimum"],
        ),
        (
            lambda d: d["parameters"]["report_days"].update(max=3),
            ["parameter report_days: field 'value'", "5 exceeds its maximum 3"],
        ),
        (
            lambda d: d["parameters"]["report_days"].update(min=10, max=3),
            ["parameter report_days: field 'min'", "10 is above its 'max' 3"],
        ),
        (
            lambda d: _rule(d, "BUD-B5-REFER")["effective"].update({"from": "principle_from"}),
            [
                "rule BUD-B5-REFER: field 'effective.from'",
                "'principle_from' is neither a date nor a date parameter",
                "did you mean 'principles_from'",
            ],
        ),
        (
            lambda d: _rule(d, "BUD-B5-REFER")["effective"].update({"from": "report_days"}),
            ["rule BUD-B5-REFER", "'report_days' is neither a date nor a date parameter"],
        ),
    ],
)
def test_malformed_parameters_are_refused(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], words: list[str]
) -> None:
    path = budget_with(tmp_path, change)
    with pytest.raises(RulebookError) as raised:
        packs.load_rulebook(["budget"], date(2012, 8, 31), rules_dir=tmp_path)
    message = str(raised.value)
    assert str(path) in message
    for word in words:
        assert word in message, message


def test_a_rule_window_may_start_at_a_date_parameter(tmp_path: Path) -> None:
    budget_with(tmp_path, lambda d: d["parameters"]["principles_from"].update(value="2012-09-01"))
    family = packs.load_rulebook(["budget"], date(2012, 12, 31), rules_dir=tmp_path).family(
        "budget"
    )
    for compiled in family.rules:
        assert compiled.rule.effective.start == date(2012, 9, 1)
        assert compiled.rule.effective.start_param == "principles_from"
    assert family.params["principles_from"] == date(2012, 9, 1)
    bundled = families.load("budget")
    assert {r.rule.effective.start for r in bundled.rules} == {date(2012, 1, 1)}


def test_a_date_parameter_is_not_a_threshold_of_a_condition(tmp_path: Path) -> None:
    budget_with(
        tmp_path,
        lambda d: _rule(d, "BUD-B5-REFER")["when"].append("days_unreported > principles_from"),
    )
    with pytest.raises(RulebookError, match="unknown parameter 'principles_from'"):
        packs.load_rulebook(["budget"], date(2012, 8, 31), rules_dir=tmp_path)
