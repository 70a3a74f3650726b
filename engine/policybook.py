"""The policy book: a static HTML site of the policy, for auditors, built from its sources.

Each feature file (one law or principle) becomes a page: every Gherkin `Rule:` with the
Chinese text beside its English gloss, the rules of the rulebook it covers with their
citations and parameters (value and source), and its scenarios, steps and examples with
the outcome of the latest test run (pytest's JUnit XML). The index page lists the pages
and the coverage table: every rule id against its scenarios. The site is self-contained
(inline CSS, no fonts or scripts from elsewhere), so it works offline.
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

CJK = re.compile(r"[\u3400-\u9fff]")
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
    """Write the site into `out`; return the pages written, the index first."""
    out.mkdir(parents=True, exist_ok=True)
    results = outcomes(junit)
    rules = {e.rule.rule.id: e for e in catalog.entries(rules_dir)}
    scenarios = catalog.scenarios(features_dir)
    pages: list[Page] = []
    for feature_path in sorted(features_dir.glob("*.feature")):
        document: Any = Parser().parse(feature_path.read_text(encoding="utf-8"))
        page = Page(out / f"{feature_path.stem}.html", document["feature"]["name"])
        body = _feature(document["feature"], rules, results, page)
        (page.path).write_text(_html(page.title, body, back=True), encoding="utf-8")
        pages.append(page)
    index = out / "index.html"
    index.write_text(
        _html("Comply — the policy book", _index(pages, rules, scenarios, results)),
        encoding="utf-8",
    )
    return [index, *(p.path for p in pages)]


def _feature(feature: Any, rules: dict[str, Any], results: dict[str, str], page: Page) -> str:
    parts = [f"<div class='intro'>{_text(feature.get('description', ''))}</div>"]
    for child in feature["children"]:
        if "rule" in child:
            parts.append(_rule_block(child["rule"], rules, results, page))
        elif "scenario" in child:
            parts.append(_scenario(child["scenario"], set(), results, page))
    return "\n".join(parts)


def _rule_block(block: Any, rules: dict[str, Any], results: dict[str, str], page: Page) -> str:
    inherited = {t["name"] for t in block["tags"]}
    lines = block.get("description", "").splitlines()
    chinese = "\n".join(line.strip() for line in lines if CJK.search(line))
    english = " ".join(line.strip() for line in lines if line.strip() and not CJK.search(line))
    scenarios = [c["scenario"] for c in block["children"] if "scenario" in c]
    ids = sorted(
        {
            m.group(1)
            for s in scenarios
            for t in [*s["tags"], *block["tags"]]
            if (m := _RULE_TAG.match(t["name"]))
        }
    )
    covered = "".join(_rule_row(rules[i]) for i in ids if i in rules)
    return (
        f"<section class='rule'><h2>{html.escape(block['name'])}</h2>"
        f"<div class='texts'><div class='zh'>{html.escape(chinese)}</div>"
        f"<div class='en'>{html.escape(english)}</div></div>"
        + (
            f"<h3>Rules</h3><table><tr><th>rule</th><th>title</th><th>citation</th>"
            f"<th>parameters (value; source)</th></tr>{covered}</table>"
            if covered
            else ""
        )
        + "<h3>Scenarios</h3>"
        + "".join(_scenario(s, inherited, results, page) for s in scenarios)
        + "</section>"
    )


def _rule_row(entry: Any) -> str:
    rule = entry.rule.rule
    params = "<br>".join(html.escape(p) for p in catalog.parameters_of(entry))
    return (
        f"<tr><td><code>{rule.id}</code></td><td>{html.escape(rule.title.en)}<br>"
        f"<span class='small'>{html.escape(rule.title.zh)}</span></td>"
        f"<td>{html.escape(entry.family.basis(rule, 'en'))}</td><td class='small'>{params}"
        "</td></tr>"
    )


def _scenario(scenario: Any, inherited: set[str], results: dict[str, str], page: Page) -> str:
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
        f"<div class='scenario'><span class='badge {state.replace(' ', '-')}'>{state}"
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
) -> str:
    cards = "".join(
        f"<div class='card'><a href='{p.path.name}'><b>{html.escape(p.title)}</b></a>"
        f"<p class='small'>{len(p.rules)} rules · <span class='badge passed'>{p.passed} passed"
        f"</span> <span class='badge failed'>{p.failed} failed</span></p></div>"
        for p in pages
    )
    rows = []
    for rule_id, entry in rules.items():
        names = scenarios.get(rule_id, [])
        states = Counter(results.get(slug(n.split(": ", 1)[1]), "not run") for n in names)
        shown = " ".join(
            f"<span class='badge {s.replace(' ', '-')}'>{n} {s}</span>"
            for s, n in sorted(states.items())
        )
        missing = "" if names else "<span class='badge failed'>no scenario</span>"
        rows.append(
            f"<tr><td><code>{rule_id}</code></td><td>{entry.family.name}</td>"
            f"<td>{html.escape(entry.family.basis(entry.rule.rule, 'en'))}</td>"
            f"<td>{len(names)}</td><td>{shown}{missing}</td></tr>"
        )
    return (
        f"<h2>Laws and principles</h2><div class='cards'>{cards}</div>"
        "<h2>Coverage</h2><p class='small'>Every rule of the rulebook against the scenarios "
        "that exercise it, with the outcome of the latest test run.</p><table><tr><th>rule"
        "</th><th>family</th><th>citation</th><th>scenarios</th><th>outcome</th></tr>"
        + "".join(rows)
        + "</table>"
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


def _html(title: str, body: str, back: bool = False) -> str:
    nav = "<p><a href='index.html' style='color:#fff'>← the policy book</a></p>" if back else ""
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body><header>"
        f"{nav}<h1>{html.escape(title)}</h1><p>Comply — policy as data, evaluated by "
        f"durable_rules; 区级政策与法规规则</p></header><main>{body}</main></body></html>"
    )
