"""The policy book: a static HTML site of the policy, for auditors, built from its sources.

Each feature file (one law or principle) becomes a page: every Gherkin `Rule:` with the
Chinese text beside its English gloss, the rules of the rulebook it covers with their
citations and parameters (value and source), and its scenarios, steps and examples with
the outcome of the latest test run (pytest's JUnit XML). The index page lists the pages
and the coverage table: every rule id against its scenarios. The site is self-contained
(inline CSS, no fonts or scripts from elsewhere), so it works offline.

It is written twice: in English at the top, and a Chinese edition in `zh/`, each page
linking to its other edition. The Chinese edition gives each page the title and summary
its feature file carries in `# 中文标题：` and `# 中文说明：` comments, the rules' Chinese
titles, citations and parameter sources; the scenarios stay in the words they are run in.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gherkin.parser import Parser

from . import catalog
from .rulebook import words as _t

CJK = re.compile(r"[\u3400-\u9fff]")
WORDS = {
    "book": _t("Comply — the policy book", "Comply — 政策手册"),
    "subtitle": _t(
        "Comply — policy as data, evaluated by durable_rules; 区级政策与法规规则",
        "Comply — 以数据表达的政策，由 durable_rules 执行；Policy as data",
    ),
    "back": _t("← the policy book", "← 政策手册"),
    "laws": _t("Laws and principles", "法律与原则"),
    "coverage": _t("Coverage", "覆盖情况"),
    "coverage_note": _t(
        "Every rule of the rulebook against the scenarios that exercise it, with the outcome "
        "of the latest test run.",
        "规则库中每条规则及检验它的场景，以及最近一次测试运行的结果。",
    ),
    "rule": _t("rule", "规则"),
    "family": _t("family", "规则族"),
    "citation": _t("citation", "依据"),
    "scenarios": _t("scenarios", "场景数"),
    "outcome": _t("outcome", "结果"),
    "title": _t("title", "名称"),
    "params": _t("parameters (value; source)", "参数（取值；来源）"),
    "rules": _t("Rules", "规则"),
    "scenario_heading": _t("Scenarios", "场景（以运行时的英文原文列出）"),
    "count": _t("{rules} rules", "{rules} 条规则"),
    "passed": _t("passed", "通过"),
    "failed": _t("failed", "失败"),
    "not run": _t("not run", "未运行"),
    "no scenario": _t("no scenario", "无场景"),
    "english": _t("The feature as written (English)", "英文原文说明"),
}
LANGUAGES = {"en": "English", "zh": "中文"}
_RULE_TAG = re.compile(r"^@([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)$")

CSS = """
body{font-family:system-ui,"Segoe UI","DejaVu Sans","Noto Sans CJK SC",
 "Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif;
 margin:0;color:#1f2933;background:#f5f7fa;line-height:1.55}
header{background:#7b1e1e;color:#fff;padding:28px 48px}header h1{margin:0;font-size:26px}
header p{margin:6px 0 0;opacity:.85}main{padding:24px 48px;max-width:1180px}
a{color:#7b1e1e}section.rule{background:#fff;border-radius:8px;padding:18px 24px;
 margin:18px 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.texts{display:grid;grid-template-columns:1fr 1fr;gap:20px}.zh{font-size:15px}
.en{color:#3e4c59}.texts div{white-space:pre-wrap}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:14px}
th,td{border-bottom:1px solid #e4e7eb;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f0f4f8}.badge{display:inline-block;border-radius:10px;padding:1px 9px;
 font-size:12px;font-weight:600;color:#fff;white-space:nowrap}.passed{background:#2f8132}.failed{background:#c62828}
.not-run{background:#7b8794}.scenario{border-left:3px solid #d9e2ec;padding:4px 12px;
 margin:10px 0}.steps{font-family:ui-monospace,monospace;font-size:13px;white-space:pre-wrap;
 color:#323f4b}code{background:#f0f4f8;padding:0 4px;border-radius:3px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:16px}
.card{background:#fff;border-radius:8px;padding:16px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.small{font-size:13px;color:#616e7c}.intro{max-width:900px;color:#3e4c59}
header nav{display:flex;justify-content:space-between;font-size:14px}header a{color:#fff}
.switch{margin-left:auto}details{margin:8px 0}summary{cursor:pointer;color:#616e7c}
"""


def slug(name: str) -> str:
    """The test name pytest-bdd gives a scenario (its make_python_name)."""
    python_name = re.sub(r"\W", "", name.replace(" ", "_"))
    return "test_" + re.sub(r"^\d+_*", "", python_name).lower()


def outcomes(junit: Path | None) -> dict[str, str]:
    """Test name (without parameters) -> passed | failed, from a JUnit XML report."""
    found: dict[str, str] = {}
    if junit is None or not junit.is_file():
        return found
    for case in ElementTree.parse(junit).getroot().iter("testcase"):
        name = case.get("name", "").split("[")[0]
        failed = any(child.tag in ("failure", "error") for child in case)
        skipped = any(child.tag == "skipped" for child in case)
        if failed:
            found[name] = "failed"
        elif not skipped:
            found.setdefault(name, "passed")
    return found


@dataclass
class Page:
    path: Path
    title: str
    rules: Counter[str] = field(default_factory=Counter)
    passed: int = 0
    failed: int = 0


def build(
    out: Path,
    junit: Path | None = None,
    rules_dir: Path | None = None,
    features_dir: Path = catalog.FEATURES_DIR,
) -> list[Path]:
    """Write the site into `out` (and its Chinese edition into `out/zh`); return the pages
    written, the English index first."""
    results = outcomes(junit)
    rules = {e.rule.rule.id: e for e in catalog.entries(rules_dir)}
    scenarios = catalog.scenarios(features_dir)
    written: list[Path] = []
    for lang, where in (("en", out), ("zh", out / "zh")):
        written += _edition(where, lang, results, rules, scenarios, features_dir)
    return written


def _edition(
    out: Path,
    lang: str,
    results: dict[str, str],
    rules: dict[str, Any],
    scenarios: dict[str, list[str]],
    features_dir: Path,
) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    pages: list[Page] = []
    for feature_path in sorted(features_dir.glob("*.feature")):
        document: Any = Parser().parse(feature_path.read_text(encoding="utf-8"))
        chinese = _chinese(document)
        title = document["feature"]["name"]
        if lang == "zh":
            title = chinese.get("标题", title)
        page = Page(out / f"{feature_path.stem}.html", title)
        body = _feature(document["feature"], rules, results, page, lang, chinese)
        page.path.write_text(_html(page.title, body, lang, page.path.name, back=True), "utf-8")
        pages.append(page)
    index = out / "index.html"
    index.write_text(
        _html(
            WORDS["book"].in_(lang),
            _index(pages, rules, scenarios, results, lang),
            lang,
            "index.html",
        ),
        encoding="utf-8",
    )
    return [index, *(p.path for p in pages)]


def _chinese(document: Any) -> dict[str, str]:
    """The Chinese title and summary a feature file carries in its comments."""
    found: dict[str, str] = {}
    for comment in document.get("comments", []):
        text = comment["text"].lstrip("#").strip()
        for key in ("标题", "说明"):
            prefix = f"中文{key}："
            if text.startswith(prefix):
                found[key] = found.get(key, "") + text.removeprefix(prefix)
    return found


def _feature(
    feature: Any,
    rules: dict[str, Any],
    results: dict[str, str],
    page: Page,
    lang: str,
    chinese: dict[str, str],
) -> str:
    described = _text(feature.get("description", ""))
    if lang == "zh" and "说明" in chinese:
        english = f"<details><summary>{WORDS['english'].zh}</summary>{described}</details>"
        parts = [f"<div class='intro'><p>{html.escape(chinese['说明'])}</p>{english}</div>"]
    else:
        parts = [f"<div class='intro'>{described}</div>"]
    for child in feature["children"]:
        if "rule" in child:
            parts.append(_rule_block(child["rule"], rules, results, page, lang))
        elif "scenario" in child:
            parts.append(_scenario(child["scenario"], set(), results, page, lang))
    return "\n".join(parts)


def _rule_block(
    block: Any, rules: dict[str, Any], results: dict[str, str], page: Page, lang: str
) -> str:
    inherited = {t["name"] for t in block["tags"]}
    lines = block.get("description", "").splitlines()
    # The articles quoted in Chinese, then the English gloss, which may itself quote a
    # Chinese word ("以上", 送达回证): from the line that opens the gloss on, all is English.
    gloss = next((i for i, line in enumerate(lines) if line.strip().startswith("Gloss")), None)
    quoted, glossed = (lines, []) if gloss is None else (lines[:gloss], lines[gloss:])
    chinese = "\n".join(line.strip() for line in quoted if CJK.search(line))
    english = " ".join(
        line.strip()
        for line in [*(line for line in quoted if not CJK.search(line)), *glossed]
        if line.strip()
    )
    scenarios = [c["scenario"] for c in block["children"] if "scenario" in c]
    ids = sorted(
        {
            m.group(1)
            for s in scenarios
            for t in [*s["tags"], *block["tags"]]
            if (m := _RULE_TAG.match(t["name"]))
        }
    )
    covered = "".join(_rule_row(rules[i], lang) for i in ids if i in rules)
    heading = html.escape(block["name"])
    cited = next((line for line in chinese.splitlines() if line.startswith("《")), "")
    if lang == "zh" and cited:  # the article's Chinese citation, the rule's own words under it
        heading = f"{html.escape(cited.split(' (')[0].rstrip('：:'))}<br><small>{heading}</small>"
    w = {key: WORDS[key].in_(lang) for key in ("rules", "rule", "title", "citation", "params")}
    return (
        f"<section class='rule'><h2>{heading}</h2>"
        f"<div class='texts'><div class='zh'>{html.escape(chinese)}</div>"
        f"<div class='en'>{html.escape(english)}</div></div>"
        + (
            f"<h3>{w['rules']}</h3><table><tr><th>{w['rule']}</th><th>{w['title']}</th>"
            f"<th>{w['citation']}</th><th>{w['params']}</th></tr>{covered}</table>"
            if covered
            else ""
        )
        + f"<h3>{WORDS['scenario_heading'].in_(lang)}</h3>"
        + "".join(_scenario(s, inherited, results, page, lang) for s in scenarios)
        + "</section>"
    )


def _rule_row(entry: Any, lang: str) -> str:
    rule = entry.rule.rule
    params = "<br>".join(html.escape(p) for p in catalog.parameters_of(entry, lang))
    other = "zh" if lang == "en" else "en"
    return (
        f"<tr><td><code>{rule.id}</code></td><td>{html.escape(rule.title.in_(lang))}<br>"
        f"<span class='small'>{html.escape(rule.title.in_(other))}</span></td>"
        f"<td>{html.escape(entry.family.basis(rule, lang))}</td><td class='small'>{params}"
        "</td></tr>"
    )


def _scenario(
    scenario: Any, inherited: set[str], results: dict[str, str], page: Page, lang: str
) -> str:
    state = results.get(slug(scenario["name"]), "not run")
    page.passed += state == "passed"
    page.failed += state == "failed"
    for tag in {t["name"] for t in scenario["tags"]} | inherited:
        if match := _RULE_TAG.match(tag):
            page.rules[match.group(1)] += 1
    steps = "\n".join(
        f"{s['keyword'].strip()} {s['text']}" + _table(s.get("dataTable"))
        for s in scenario["steps"]
    )
    examples = "".join(_examples(e) for e in scenario.get("examples", []))
    return (
        f"<div class='scenario'><span class='badge {state.replace(' ', '-')}'>"
        f"{WORDS[state].in_(lang)}"
        f"</span> <b>{html.escape(scenario['keyword'])}: {html.escape(scenario['name'])}"
        f"</b><div class='steps'>{html.escape(steps)}</div>{examples}</div>"
    )


def _table(table: Any) -> str:
    if not table:
        return ""
    return "".join(
        "\n    | " + " | ".join(c["value"] for c in row["cells"]) + " |" for row in table["rows"]
    )


def _examples(examples: Any) -> str:
    head = "".join(f"<th>{html.escape(c['value'])}</th>" for c in examples["tableHeader"]["cells"])
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c['value'])}</td>" for c in r["cells"]) + "</tr>"
        for r in examples["tableBody"]
    )
    name = html.escape(examples.get("name", ""))
    return f"<div class='small'>{name}</div><table><tr>{head}</tr>{rows}</table>"


def _index(
    pages: list[Page],
    rules: dict[str, Any],
    scenarios: dict[str, list[str]],
    results: dict[str, str],
    lang: str,
) -> str:
    w = {key: value.in_(lang) for key, value in WORDS.items()}
    cards = "".join(
        f"<div class='card'><a href='{p.path.name}'><b>{html.escape(p.title)}</b></a>"
        f"<p class='small'>{w['count'].format(rules=len(p.rules))} · "
        f"<span class='badge passed'>{p.passed} {w['passed']}</span> "
        f"<span class='badge failed'>{p.failed} {w['failed']}</span></p></div>"
        for p in pages
    )
    rows = []
    for rule_id, entry in rules.items():
        names = scenarios.get(rule_id, [])
        states = Counter(results.get(slug(n.split(": ", 1)[1]), "not run") for n in names)
        shown = " ".join(
            f"<span class='badge {s.replace(' ', '-')}'>{n} {w[s]}</span>"
            for s, n in sorted(states.items())
        )
        missing = "" if names else f"<span class='badge failed'>{w['no scenario']}</span>"
        rows.append(
            f"<tr><td><code>{rule_id}</code></td><td>{entry.family.name}</td>"
            f"<td>{html.escape(entry.family.basis(entry.rule.rule, lang))}</td>"
            f"<td>{len(names)}</td><td>{shown}{missing}</td></tr>"
        )
    return (
        f"<h2>{w['laws']}</h2><div class='cards'>{cards}</div>"
        f"<h2>{w['coverage']}</h2><p class='small'>{w['coverage_note']}</p><table><tr>"
        f"<th>{w['rule']}</th><th>{w['family']}</th><th>{w['citation']}</th>"
        f"<th>{w['scenarios']}</th><th>{w['outcome']}</th></tr>" + "".join(rows) + "</table>"
    )


def _text(text: str) -> str:
    """A feature's description as paragraphs and lists, not its source's line breaks."""
    blocks = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        items: list[str] = []
        prose: list[str] = []
        for line in lines:
            if line.startswith("- "):
                items.append(line[2:])
            elif items:
                items[-1] += " " + line  # a list item continued on the next line
            else:
                prose.append(line)
        if prose:
            blocks.append(f"<p>{html.escape(' '.join(prose))}</p>")
        if items:
            blocks.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>")
    return "".join(blocks)


def _html(title: str, body: str, lang: str, name: str, back: bool = False) -> str:
    """A page of the edition in `lang`, with a switch to the same page of the other."""
    nav = f"<a href='index.html'>{WORDS['back'].in_(lang)}</a>" if back else ""
    other = f"zh/{name}" if lang == "en" else f"../{name}"
    switch = (
        f"<b>{LANGUAGES['en']}</b> | <a href='{other}' hreflang='zh-CN'>{LANGUAGES['zh']}</a>"
        if lang == "en"
        else f"<a href='{other}' hreflang='en'>{LANGUAGES['en']}</a> | <b>{LANGUAGES['zh']}</b>"
    )
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f"<!doctype html><html lang='{html_lang}'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body><header>"
        f"<nav>{nav}<span class='switch'>{switch}</span></nav>"
        f"<h1>{html.escape(title)}</h1><p>{WORDS['subtitle'].in_(lang)}</p></header>"
        f"<main>{body}</main></body></html>"
    )
