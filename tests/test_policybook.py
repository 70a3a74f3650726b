"""The policy book: built from features/, the rulebook and test results; it renders."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from comply.cli import main
from comply.engine import catalog, families, policybook

PASSED = policybook.slug(
    "the day after its start date the holder is urged to start and told when the land becomes idle"
)
FAILED = policybook.slug("on its start date a parcel is not yet due and nothing is asked of anyone")
JUNIT = f"""<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest">
<testcase classname="tests.test_features" name="{PASSED}"/>
<testcase classname="tests.test_features" name="{FAILED}"><failure message="x"/></testcase>
</testsuite></testsuites>"""


# As this machine's Chromium must run: headless, as root, offline (no background traffic).
HEADLESS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def book(tmp_path: Path) -> Path:
    junit = tmp_path / "junit.xml"
    junit.write_text(JUNIT, encoding="utf-8")
    out = tmp_path / "book"
    result = CliRunner().invoke(main, ["policy", "--out", str(out), "--results", str(junit)])
    assert result.exit_code == 0, result.output
    return out


def test_one_page_per_law_or_principle_and_an_index(book: Path) -> None:
    pages = sorted(p.name for p in book.glob("*.html"))
    features = sorted((Path(__file__).parent.parent / "features").glob("*.feature"))
    assert pages == sorted(["index.html", *(f"{p.stem}.html" for p in features)])
    assert {"budget.html", "explain.html", "idle_land.html", "intake.html"} <= set(pages)


def test_the_index_covers_every_rule(book: Path) -> None:
    index = (book / "index.html").read_text(encoding="utf-8")
    for name in families.names():
        for entry in catalog.entries(family=name):
            assert f"<code>{entry.rule.rule.id}</code>" in index


def test_a_page_shows_the_chinese_text_beside_the_gloss_and_the_outcomes(book: Path) -> None:
    page = (book / "idle_land.html").read_text(encoding="utf-8")
    assert "<div class='zh'>《闲置土地处置办法》第二条第一款" in page
    assert "<div class='en'>Gloss: state construction land not started" in page
    assert "idle_after_years = 1 (law; Order 53 Art. 2 ¶1" in page
    assert "class='badge passed'>passed</span> <b>Example: the day after its start date" in page
    assert "class='badge failed'>failed</span> <b>Example: on its start date" in page


def test_a_gloss_that_quotes_a_chinese_word_stays_whole_in_english(book: Path) -> None:
    """A gloss line with a Chinese word in it ("不足", 送达回证) is English all the same: it
    stays in the gloss, in order, and is not moved among the quoted articles."""
    page = (book / "idle_land.html").read_text(encoding="utf-8")
    english = [block.split("</div>")[0] for block in page.split("<div class='en'>")[1:]]
    chinese = [block.split("</div>")[0] for block in page.split("<div class='zh'>")[1:]]
    assert any("&quot;不足&quot; is strict" in text for text in english)
    assert any("送达回证" in text for text in english)
    assert not any("is strict" in text for text in chinese)


def test_the_site_works_offline(book: Path) -> None:
    for page in book.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "http://" not in text, page.name
        assert "https://" not in text, page.name
        assert "<script" not in text


def test_scenario_names_map_to_pytest_bdd_test_names() -> None:
    assert policybook.slug("under one third and under 25% are strict") == (
        "test_under_one_third_and_under_25_are_strict"
    )
    assert policybook.slug("3 days: ok") == "test_days_ok"


def test_the_index_page_renders_in_headless_chromium(book: Path, tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it")
        pytest.skip("chromium is not installed here (.ci/run installs it)")
    shot = tmp_path / "index.png"
    subprocess.run(
        [
            chromium,
            *HEADLESS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--hide-scrollbars",
            "--window-size=1280,1100",
            f"--screenshot={shot}",
            (book / "index.html").as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 1100)
    assert len(data) > 50_000, "a blank page compresses to a few kilobytes"
    dom = subprocess.run(
        [
            chromium,
            *HEADLESS,
            f"--user-data-dir={tmp_path / 'profile2'}",
            "--dump-dom",
            (book / "index.html").as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
        text=True,
    ).stdout
    assert "Coverage" in dom
    assert "IL-ART14-1-FEE" in dom


def test_a_chinese_edition_beside_the_english_with_a_switch(book: Path) -> None:
    chinese = sorted(p.name for p in (book / "zh").glob("*.html"))
    assert chinese == sorted(p.name for p in book.glob("*.html"))
    page = (book / "zh" / "idle_land.html").read_text(encoding="utf-8")
    assert "<html lang='zh-CN'>" in page
    assert "<h1>闲置土地处置（国土资源部令第53号，《闲置土地处置办法》）</h1>" in page
    assert "<a href='../idle_land.html' hreflang='en'>English</a> | <b>中文</b>" in page
    assert "超过动工开发日期满一年未动工开发的国有建设用地为闲置土地" in page  # a rule's title
    assert "idle_after_years = 1（法定；《闲置土地处置办法》第二条第一款" in page
    assert "class='badge passed'>通过</span>" in page
    english = (book / "idle_land.html").read_text(encoding="utf-8")
    assert "<b>English</b> | <a href='zh/idle_land.html' hreflang='zh-CN'>中文</a>" in english
    index = (book / "zh" / "index.html").read_text(encoding="utf-8")
    assert "<h2>法律与原则</h2>" in index
    assert "<h2>覆盖情况</h2>" in index


def test_every_feature_has_its_chinese_title_and_summary() -> None:
    for path in sorted((Path(__file__).parent.parent / "features").glob("*.feature")):
        head = path.read_text(encoding="utf-8").splitlines()[:2]
        assert head[0].startswith("# 中文标题："), path.name
        assert head[1].startswith("# 中文说明："), path.name


def test_the_chinese_index_renders_in_headless_chromium(book: Path, tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it")
        pytest.skip("chromium is not installed here (.ci/run installs it)")
    dom = subprocess.run(
        [
            chromium,
            *HEADLESS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            (book / "zh" / "index.html").as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
        text=True,
    ).stdout
    assert "覆盖情况" in dom
    assert "IL-ART14-1-FEE" in dom
