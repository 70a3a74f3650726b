"""Why a rule fired or did not, for one subject: condition by condition, in plain words.

The explanation walks the same condition trees that durable_adapter compiles into the
engine (the rule data, not a second copy of the policy), reads each fact of the subject's
snapshot, and says for each comparison the value read, the threshold with its parameter
and source, and whether it held. A fact the subject lacks makes a comparison undecidable,
as it makes the engine's pattern fail to match. Tests check that the rules this module
calls fired are exactly those the engine fired, so the two cannot drift apart.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from .conditions import AllOf, Comparison, Condition, FactField
from .errors import InputError, OptionError
from .evaluate import Decision
from .kinds import Kind
from .messages import msg
from .pipeline import decide, prepare
from .rulebook import CompiledRule, Exists, RuleFamily, Text, source_in
from .subjects import Snapshot

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_SYMBOL = {"==": "=", "!=": "≠", "<": "<", "<=": "≤", ">": ">", ">=": "≥"}
Held = bool | None  # None: a fact it needs is missing, so it is not decidable


@dataclass(frozen=True)
class Check:
    """One comparison, or one group of them, as applied to the subject."""

    held: Held
    text: Text
    depth: int


@dataclass(frozen=True)
class RuleVerdict:
    rule: CompiledRule
    family: RuleFamily
    verdict: str  # fired | not_fired | undecidable | not_in_force | suppressed
    checks: tuple[Check, ...]
    by: str | None = None  # the exception that suppressed it
    criterion: Held = None  # a criterion rule: met, not met, or not decidable
    missing: tuple[Text, ...] = ()  # facts it tests that the subject does not have
    actions: tuple[tuple[str, Held], ...] = ()  # what a fired rule yields (its own condition)


@dataclass
class Explainer:
    families: Sequence[RuleFamily]
    facts: Mapping[str, FactField]
    context: Mapping[str, set[str]] = field(default_factory=dict)  # join kind -> values

    def __post_init__(self) -> None:
        # Each parameter's value and the family defining it, looked up once per explainer.
        self.params = {
            name: (value, family)
            for family in self.families
            for name, value in family.params.items()
        }

    def explain(self, snapshot: Snapshot, decision: Decision) -> list[RuleVerdict]:
        suppressed = {s.rule: s.by for s in decision.suppressed}
        verdicts = []
        for family in self.families:
            for compiled in family.rules:
                verdicts.append(self._rule(family, compiled, snapshot, suppressed))
        return verdicts

    def _rule(
        self,
        family: RuleFamily,
        compiled: CompiledRule,
        snapshot: Snapshot,
        suppressed: Mapping[str, str],
    ) -> RuleVerdict:
        rule = compiled.rule
        if not rule.effective.covers(snapshot.day):
            window = Text(
                en=f"in force from {rule.effective.start}", zh=f"自{rule.effective.start}起施行"
            )
            return RuleVerdict(compiled, family, "not_in_force", (Check(False, window, 0),))
        checks: list[Check] = []
        held = self._condition(compiled.when, snapshot.tests, 0, checks)
        for exists, wanted in ((rule.if_exists, True), (rule.unless_exists, False)):
            if exists is not None:
                held = _and(held, self._join(exists, wanted, snapshot.tests, 0, checks))
        missing = tuple(
            Text(en=c.text.en.split(":")[0], zh=c.text.zh.split("：")[0])
            for c in checks
            if c.held is None
        )
        actions: list[tuple[str, Held]] = []
        if held:
            for action in compiled.actions:
                when = (
                    self._condition(action.when, snapshot.tests, 0, [])
                    if action.when is not None
                    else True
                )
                actions.append((action.spec.code, when))
        criterion: Held = None
        if rule.criterion is not None and held:
            if compiled.test is not None:
                criterion = self._condition(compiled.test, snapshot.tests, 0, checks)
            elif rule.test_unless_exists is not None:
                criterion = self._join(rule.test_unless_exists, False, snapshot.tests, 0, checks)
        verdict = {True: "fired", False: "not_fired", None: "undecidable"}[held]
        if verdict == "fired" and rule.id in suppressed:
            return RuleVerdict(
                compiled, family, "suppressed", tuple(checks), by=suppressed[rule.id]
            )
        return RuleVerdict(
            compiled,
            family,
            verdict,
            tuple(checks),
            criterion=criterion,
            missing=missing,
            actions=tuple(actions),
        )

    def _condition(
        self, cond: Condition, tests: Mapping[str, Any], depth: int, checks: list[Check]
    ) -> Held:
        if isinstance(cond, Comparison):
            held, text = self._comparison(cond, tests)
            checks.append(Check(held, text, depth))
            return held
        header = len(checks)
        top = depth == 0 and isinstance(cond, AllOf)  # the rule's own list: no heading
        results = [
            self._condition(item, tests, depth if top else depth + 1, checks) for item in cond.items
        ]
        if isinstance(cond, AllOf):
            held = False if False in results else (None if None in results else True)
            text = Text(en="all of:", zh="同时满足：")
        else:
            held = True if True in results else (None if None in results else False)
            text = Text(en="any of:", zh="满足其一：")
        if top:
            return held
        checks.insert(header, Check(held, text, depth))
        return held

    def _comparison(self, cond: Comparison, tests: Mapping[str, Any]) -> tuple[Held, Text]:
        fact = self.facts[cond.fact]
        value = tests.get(cond.fact)
        threshold_en, threshold_zh = _show(cond.value), _show(cond.value, "zh")
        if cond.param is not None:
            param_value, family = self.params[cond.param]
            parameter = family.doc.parameters[cond.param]
            source_en, source_zh = (source_in(parameter.source, lang) for lang in ("en", "zh"))
            threshold_en = f"{_show(param_value)} ({cond.param}: {source_en})"
            threshold_zh = f"{_show(param_value)}（{cond.param}：{source_zh}）"
        symbol = _SYMBOL[cond.op]
        if value is None:
            return None, Text(
                en=f"{fact.en}: not known {symbol} {threshold_en}",
                zh=f"{fact.zh}：未知 {symbol} {threshold_zh}",
            )
        held = _COMPARE[cond.op](value, cond.value)
        return held, Text(
            en=f"{fact.en}: {_show(value)} {symbol} {threshold_en}",
            zh=f"{fact.zh}：{_show(value, 'zh')} {symbol} {threshold_zh}",
        )

    def _join(
        self,
        exists: Exists,
        wanted: bool,
        tests: Mapping[str, Any],
        depth: int,
        checks: list[Check],
    ) -> Held:
        value = tests.get(exists.match)
        present = value in self.context.get(exists.fact, set())
        held = present == wanted
        verb_en = "is" if present else "is not"
        verb_zh = "属于" if present else "不属于"
        checks.append(
            Check(
                held,
                Text(
                    en=f"{exists.match} {_show(value)} {verb_en} among the {exists.fact} "
                    "facts given",
                    zh=f"{exists.match} {_show(value)} {verb_zh}所提供的 {exists.fact}",
                ),
                depth,
            )
        )
        return held


def _and(left: Held, right: Held) -> Held:
    if left is False or right is False:
        return False
    return None if None in (left, right) else True


def _show(value: Any, lang: str = "en") -> str:
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        if exact * value.denominator == value.numerator:
            return str(exact.normalize())  # 1/4 reads 0.25
        return str(value)  # 1/3 stays 1/3
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


VERDICT_WORDS = {
    "fired": Text(en="fired", zh="适用"),
    "not_fired": Text(en="does not apply", zh="不适用"),
    "undecidable": Text(
        en="not decidable: the subject has no value for", zh="无法判定：本对象没有以下事实"
    ),
    "not_in_force": Text(en="not in force on this date", zh="该日期尚未施行"),
    "suppressed": Text(en="applies, but is set aside by an exception", zh="适用，但被例外规则排除"),
}
MARK = {True: "✓", False: "✗", None: "?"}


def render(
    subject: str,
    status_label: str,
    as_of: date,
    verdicts: list[RuleVerdict],
    lang: str,
    only: str | None = None,
) -> str:
    """The explanation as text an official can read, in English or Chinese."""
    head = (
        f"{subject}，评估日期 {as_of}：{status_label}"
        if lang == "zh"
        else f"{subject} as of {as_of}: {status_label}"
    )
    lines = [head, ""]
    for v in verdicts:
        if only is not None and v.rule.rule.id != only:
            continue
        rule = v.rule.rule
        lines.append(f"{rule.id}  {rule.title.in_(lang)}")
        lines.append(f"  {v.family.basis(rule, lang)}")
        word = VERDICT_WORDS[v.verdict].in_(lang)
        if v.by:
            word += f" ({v.by})"
        if v.verdict == "undecidable" and v.missing:
            names = dict.fromkeys(m.in_(lang) for m in v.missing)
            word += (" " if lang == "en" else "") + "; ".join(names)
        if rule.criterion is not None and v.verdict == "fired":
            met = {
                True: ("met", "达标"),
                False: ("not met", "未达标"),
                None: ("not decidable", "无法判定"),
            }[v.criterion]
            colon = "：" if lang == "zh" else ": "
            word = f"{rule.criterion.title.in_(lang)}{colon}{met[1] if lang == 'zh' else met[0]}"
        lines.append(f"  → {word}")
        for check in v.checks:
            lines.append(f"    {'  ' * check.depth}{MARK[check.held]} {check.text.in_(lang)}")
        if v.actions:
            label = "措施" if lang == "zh" else "actions"
            own = "本措施自身条件不满足" if lang == "zh" else "its own condition does not hold"
            ahead = "预期处置" if lang == "zh" else "in prospect"
            shown = []
            for action, (code, held) in zip(v.rule.actions, v.actions, strict=True):
                notes = [] if held is True else [f"{MARK[held]} {own}"]
                if action.spec.prospect and held is True:
                    notes.append(ahead)
                shown.append(_action(code, v.family, lang, notes))
            separator = "；" if lang == "zh" else ", "
            colon = "：" if lang == "zh" else ": "
            lines.append(f"    {label}{colon}{separator.join(shown)}")
        lines.append("")
    return "\n".join(lines)


def _action(code: str, family: RuleFamily, lang: str, notes: list[str]) -> str:
    """An action as an explanation names it: its code in English; in Chinese its name, with
    the code (never translated) beside it."""
    if lang != "zh":
        return code + "".join(f" ({note})" for note in notes)
    entry = family.doc.action_codes.get(code)
    name = entry.short().in_(lang) if entry is not None else code
    return f"{name}（{'，'.join([code, *notes])}）"


def explain_subject(
    kind: Kind,
    source: Path,
    key: str,
    as_of: date,
    lang: str,
    rule: str | None = None,
    options: Mapping[str, Any] | None = None,
    rules_dir: Path | None = None,
    packs: Sequence[Path] = (),
) -> str:
    """Every rule's verdict for one subject of FILE, condition by condition, as text."""
    prepared = prepare(kind, as_of, options, rules_dir=rules_dir, packs=packs)
    loaded = prepared.families
    if rule is not None and rule not in {r.rule.id for f in loaded for r in f.rules}:
        raise OptionError(msg("no_such_rule_in_kind", rule=rule, command=kind.command))
    reader = kind.reader(source)
    found = [
        pair
        for subjects, decisions in decide(prepared, reader, only=key)
        for pair in zip(subjects, decisions, strict=True)
    ]
    if reader.problems:
        raise InputError(reader.problems)
    if not found:
        raise OptionError(msg("no_such_subject", source=source, key=repr(key)))
    [(subject, decision)] = found
    joined: dict[str, set[str]] = {}
    for compiled in prepared.evaluator.rules:  # the values each join matches on, per fact
        rule_ = compiled.rule
        for exists in (rule_.if_exists, rule_.unless_exists, rule_.test_unless_exists):
            if exists is not None:
                joined.setdefault(exists.fact, set()).update(
                    c.fields[exists.match] for c in prepared.context if c.fact == exists.fact
                )
    explainer = Explainer(loaded, kind.facts, joined)
    verdicts = explainer.explain(subject.snapshots[-1], decision)
    status = loaded[0].doc.statuses[decision.status].in_(lang)
    text = render(key, status, as_of, verdicts, lang, rule)
    # A change log's findings are made on the snapshot of their event: list them, then
    # explain each on that snapshot.
    findings: list[str] = []
    sections: list[str] = []
    for snapshot in subject.snapshots[:-1]:
        fired = [
            v
            for v in explainer.explain(snapshot, decision)
            if v.verdict == "fired" and (rule is None or v.rule.rule.id == rule)
        ]
        for v in fired:
            for action, (code, held) in zip(v.rule.actions, v.actions, strict=True):
                day = snapshot.value(action.spec.date) if action.spec.date else snapshot.day
                rule_id = f"（{v.rule.rule.id}）" if lang == "zh" else f" ({v.rule.rule.id})"
                line = f"  {_action(code, v.family, lang, [])} {day}{rule_id}"
                if held and line not in findings:
                    findings.append(line)
        if fired:
            event = snapshot.tests.get("event", "")
            heading = (
                f"事件 {event}（{snapshot.day}）："
                if lang == "zh"
                else f"On the {event} event of {snapshot.day}:"
            )
            body = render(key, status, snapshot.day, fired, lang).split("\n", 2)[2]
            sections.append(heading + "\n" + body)
    if findings:
        heading = "过往事件的认定：" if lang == "zh" else "Findings about past events:"
        text += "\n" + heading + "\n" + "\n".join(findings) + "\n\n" + "\n".join(sections)
    # How each due date was counted (a kind whose snapshot counts periods says so, L14).
    counting = getattr(subject.snapshots[-1], "counting", None)
    lines = counting(lang) if callable(counting) else []
    if lines:
        heading = "期限的计算：" if lang == "zh" else "How each due date was counted:"
        text += "\n" + heading + "\n" + "\n".join("  " + line for line in lines) + "\n"
    return text
