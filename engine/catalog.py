"""The rulebook as a reader browses it: every rule, its parameters, and its scenarios."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from gherkin.parser import Parser

from . import families
from .conditions import AllOf, Comparison, Condition, comparisons
from .packs import load_rulebook
from .rulebook import CompiledRule, RuleFamily, source_in
from .rulebook import words as _t

FEATURES_DIR = families.RULES_DIR.parent / "features"
_RULE_TAG = re.compile(r"^@([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)$")


@dataclass(frozen=True)
class Entry:
    family: RuleFamily
    rule: CompiledRule


def entries(
    rules_dir: Path | None = None,
    family: str | None = None,
    law: str | None = None,
    article: int | None = None,
    packs: Sequence[Path] = (),
) -> Iterator[Entry]:
    """Rules of every family (or one), optionally citing one law, or one of its articles;
    with `packs`, as the packs lay them over the rulebook (today's parameter values)."""
    for name in families.names():
        if family is not None and name != family:
            continue
        if packs:
            loaded = load_rulebook([name], date.today(), rules_dir=rules_dir, packs=packs).families[
                0
            ]
        else:
            loaded = families.load(name, rules_dir)
        for compiled in loaded.rules:
            cites = compiled.rule.cites
            if law is not None:
                cites = [
                    c
                    for c in cites
                    if law
                    in (c.law, loaded.doc.laws[c.law].short.en, loaded.doc.laws[c.law].short.zh)
                ]
            if article is not None:
                cites = [c for c in cites if c.article == article]
            if (law is None and article is None) or cites:
                yield Entry(loaded, compiled)


def scenarios(features_dir: Path = FEATURES_DIR) -> dict[str, list[str]]:
    """Scenario names per rule id, from the rule-id tags in features/ (official parser)."""
    found: dict[str, list[str]] = {}

    def walk(children: list[Any], inherited: set[str], where: str) -> None:
        for child in children:
            if "rule" in child:
                rule = child["rule"]
                walk(rule["children"], inherited | {t["name"] for t in rule["tags"]}, where)
            elif "scenario" in child:
                scenario = child["scenario"]
                tags = inherited | {t["name"] for t in scenario["tags"]}
                for examples in scenario.get("examples", []):
                    tags |= {t["name"] for t in examples["tags"]}
                for tag in sorted(tags):
                    if match := _RULE_TAG.match(tag):
                        found.setdefault(match.group(1), []).append(f"{where}: {scenario['name']}")

    for path in sorted(features_dir.glob("*.feature")):
        feature: Any = Parser().parse(path.read_text(encoding="utf-8"))["feature"]
        walk(feature["children"], {t["name"] for t in feature["tags"]}, path.name)
    return found


WORDS = {
    "in_force": _t("in force from {start}", "自 {start} 起施行"),
    "until": _t(" until {until}", "，至 {until} 止"),
    "when": _t("when:", "条件："),
    "test": _t("test:", "判定："),
    "status": _t("status: {status}", "状态：{status}"),
    "actions": _t("actions:", "措施："),
    "exception": _t("exception of: {rules}", "例外于：{rules}"),
    "parameters": _t("parameters:", "参数："),
    "scenarios": _t("scenarios:", "场景："),
    "added": _t(", added by pack {pack}", "，由规则包 {pack} 增设"),
    "pack": _t("  [pack {pack}]", "  [规则包 {pack}]"),
    "off": _t("switched off by pack {pack}: {reason}", "已由规则包 {pack} 停用：{reason}"),
    "all": _t("all of:", "同时满足："),
    "any": _t("any of:", "满足其一："),
    "prospect": _t(" (in prospect)", "（预期处置）"),
    "approved": _t("approved by {who}", "由{who}批准"),
    "issued": _t("issued by {who}", "由{who}作出"),
    "law": _t("law", "法定"),
    "district": _t("district", "区定"),
    "set_by_pack": _t(", set by pack {pack}", "，由规则包 {pack} 设定"),
}


def word(key: str, lang: str, **values: Any) -> str:
    return WORDS[key].in_(lang).format(**values)


def describe(cond: Condition, depth: int = 0, lang: str = "en") -> list[str]:
    """A condition tree as indented lines: 'fact OP parameter (value)'."""
    pad = "  " * depth
    if isinstance(cond, Comparison):
        shown = f"{cond.param} ({cond.value})" if cond.param else str(cond.value).lower()
        return [f"{pad}{cond.fact} {cond.op} {shown}"]
    if depth == 0 and isinstance(cond, AllOf):  # the rule's own list: no heading
        return [line for item in cond.items for line in describe(item, depth, lang)]
    heading = word("all" if isinstance(cond, AllOf) else "any", lang)
    items = (line for item in cond.items for line in describe(item, depth + 1, lang))
    return [f"{pad}{heading}", *items]


def actions_of(entry: Entry, lang: str = "en") -> list[str]:
    """Each action of a rule: its code; in prospect or not (decisions.md L10); who approves
    and who issues it (L11); and its own condition, if it has one."""
    doc = entry.family.doc
    lines = []
    for action in entry.rule.actions:
        spec = action.spec
        line = spec.code + (word("prospect", lang) if spec.prospect else "")
        if lang == "zh" and spec.code in doc.action_codes:
            line = f"{doc.action_codes[spec.code].short().zh}（{spec.code}）" + (
                word("prospect", lang) if spec.prospect else ""
            )
        by = [
            word(key, lang, who=doc.authorities[code].in_(lang))
            for key, code in (("approved", spec.approved_by), ("issued", spec.issued_by))
            if code
        ]
        if by:
            line += ("：" if lang == "zh" else ": ") + ("，" if lang == "zh" else ", ").join(by)
        lines.append(line)
        if action.when is not None:
            lines += [
                "  " + word("when", lang),
                *("    " + t for t in describe(action.when, 0, lang)),
            ]
    return lines


def parameters_of(entry: Entry, lang: str = "en") -> list[str]:
    """The parameters a rule tests or quotes, each with its value and source."""
    compiled = entry.rule
    names = {c.param for c in comparisons(compiled.when) if c.param}
    if compiled.test is not None:
        names |= {c.param for c in comparisons(compiled.test) if c.param}
    for action in compiled.actions:
        spec = action.spec
        for period in (spec.due, spec.not_before):
            if period and not isinstance(period, str):
                names.add(period.days)
        if spec.amount:
            names.add(spec.amount.rate)
    doc = entry.family.doc
    origins = entry.family.param_origins
    shown = []
    for n in sorted(names):
        if n not in doc.parameters:
            continue
        parameter = doc.parameters[n]
        pack = word("set_by_pack", lang, pack=origins[n]) if n in origins else ""
        source = source_in(parameter.source, lang)
        if lang == "zh":
            shown.append(
                f"{n} = {parameter.value}（{word(parameter.set_by, lang)}{pack}；{source}）"
            )
        else:
            shown.append(
                f"{n} = {parameter.value} ({word(parameter.set_by, lang)}{pack}; {source})"
            )
    return shown
