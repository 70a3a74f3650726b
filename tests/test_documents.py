"""comply documents: every drafted instrument opened and read back for what Order 53 Arts. 6,
10 and 16 require it to say; one converted to PDF by LibreOffice, as a bureau's office
suite would open it; the numbers never reused; a field the input lacks a listed blank."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from comply.cli import main
from comply.engine.documents import rmb_upper, templates
from docx import Document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "district-2012"
AS_OF = "2013-06-30"


def _draft(out: Path, numbering: Path, *extra: str) -> tuple[int, str]:
    args = [
        "documents",
        str(EXAMPLES / "parcels.csv"),
        "--events",
        str(EXAMPLES / "events.csv"),
        "--as-of",
        AS_OF,
        "--out",
        str(out),
        "--numbering",
        str(numbering),
        *extra,
    ]
    run = CliRunner().invoke(main, args)
    return run.exit_code, run.output


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("drafts")
    code, output = _draft(
        base / "out", base / "numbers.sqlite", "--settings", str(EXAMPLES / "bureau.yaml")
    )
    assert code == 0, output
    return {"out": base / "out", "numbering": base / "numbers.sqlite", "report": output}


def text_of(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def register() -> dict[str, dict[str, str]]:
    with (EXAMPLES / "parcels.csv").open(encoding="utf-8") as handle:
        return {row["parcel_id"]: row for row in csv.DictReader(handle)}


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("8253600.00", "捌佰贰拾伍万叁仟陆佰元整"),
        ("13749000.10", "壹仟叁佰柒拾肆万玖仟元壹角整"),
        ("100010.05", "壹拾万零壹拾元零伍分"),
        ("10000001", "壹仟万零壹元整"),
        ("1005.5", "壹仟零伍元伍角整"),
        ("0.07", "柒分"),
        ("120000000", "壹亿贰仟万元整"),
        ("100000001", "壹亿零壹元整"),
    ],
)
def test_amounts_in_chinese_capital_numerals(amount: str, words: str) -> None:
    assert rmb_upper(Decimal(amount)) == words


def test_every_template_names_only_known_fields_and_lists_its_contents() -> None:
    forms, known = templates()
    assert set(forms) >= {
        "investigation_notice",
        "determination",
        "hearing_notice",
        "fee_decision",
        "reclaim_decision",
        "mortgagee_copy",
        "mortgagee_notice",
        "service_receipt",
    }
    for form in forms.values():
        assert form.contents, form.instrument
        assert set(form.contents) <= set(known)


def test_the_example_drafts_what_each_next_step_serves(drafted: dict[str, Any]) -> None:
    names = sorted(p.name for p in drafted["out"].glob("*.docx"))
    assert "P-2012-010_01_征缴土地闲置费决定书.docx" in names  # approved: the fee decision
    assert any(n.startswith("P-2012-011_") and "闲置土地调查通知书.docx" in n for n in names)
    assert any(n.startswith("P-2012-014_") and "听证权利告知书.docx" in n for n in names)
    assert any(n.startswith("P-2012-014_") and "认定书_送达回证" in n for n in names)  # issued
    # Every instrument comes with its proof of service.
    instruments = [n for n in names if "送达回证" not in n]
    for name in instruments:
        stem = name.removesuffix(".docx")
        assert any(
            n.startswith(stem.split("_")[0]) and stem.split("_", 2)[2] in n and "送达回证" in n
            for n in names
        ), name
    # Closed cases (paid, disposed of) and cases with nothing to serve draft nothing.
    assert not any(n.startswith(("P-2012-033_", "P-2012-008_", "P-2012-001_")) for n in names)


def test_every_document_says_what_the_law_requires(drafted: dict[str, Any]) -> None:
    """Each instrument's required contents (its template's `contents`, from Order 53 Arts. 6,
    10, 16 and instruments.md) read back from the document as the register gives them."""
    rows = register()
    forms, _ = templates()
    by_title = {form.title: form for form in forms.values()}
    bureau = yaml.safe_load((EXAMPLES / "bureau.yaml").read_text(encoding="utf-8"))
    checked = 0
    for path in drafted["out"].glob("*.docx"):
        parcel = path.name.split("_")[0]
        row = rows[parcel]
        text = text_of(path)
        assert row["holder"] in text, path.name
        assert bureau["bureau"] in text, path.name
        if "送达回证" in path.name:
            assert "受送达人签名或盖章" in text
            assert "送达方式" in text
            continue
        form = by_title[path.name.removesuffix(".docx").split("_", 2)[2]]
        expected = {
            "holder_address": row["holder_address"],
            "contract_no": row["contract_no"],
            "location": row["location"],
            "land_area": f"{Decimal(row['land_area']):,.2f}平方米",
            "mortgagee": row["mortgagee"],
            "bureau": bureau["bureau"],
            "contact": bureau["contact"],
            "date": "2013年6月30日",
            "doc_no": "〔2013〕",
            "holder_reply_days": "三十日",
            "hearing_request_working_days": "五个工作日",
            "payment_days": "三十日",
            "review_days": "六十日",
            "litigation_period": "三个月",
        }
        for name in form.contents:
            if name in expected:
                assert expected[name] in text, (path.name, name)
        assert "待填" not in text, path.name
        checked += 1
    assert checked >= 4


def test_the_fee_decision_has_the_contents_of_art_16(drafted: dict[str, Any]) -> None:
    text = text_of(drafted["out"] / "P-2012-010_01_征缴土地闲置费决定书.docx")
    for wanted in (
        "某国土闲征〔2013〕2号",  # 某国土闲征〔2013〕1号 is P-2012-006's, in the events
        "华瑞达电子科技有限公司",  # (1) the holder
        "违法事实和证据",  # (2) facts and evidence
        "某国土闲定〔2013〕1号",  # the determination it rests on
        "第十四条第（一）项",  # (3) the type and basis
        "某市人民政府于2013年6月20日批准",  # approved by the same-level government
        "5,720,000.00元",  # the amount in figures: 20% of 28,600,000
        "伍佰柒拾贰万元整",  # ... and in capital numerals
        "送达之日起三十日内",  # (4) how and by when
        "不得列入生产成本",
        "六十日内向某市人民政府申请行政复议",  # (5) review
        "三个月内向某区人民法院提起行政诉讼",  # ... and litigation (before 2015-05-01)
        "某市国土资源局",  # (6) the authority
        "2013年6月30日",  # ... and the date
    ):
        assert wanted in text, wanted


def test_a_field_the_input_lacks_is_a_visible_blank_listed_in_the_report(
    drafted: dict[str, Any],
) -> None:
    # P-2012-017's register row has no holder address.
    [receipt] = drafted["out"].glob("P-2012-017_*送达回证.docx")
    assert "待填：送达地点" in text_of(receipt)
    assert "left blank: 送达地点" in drafted["report"]


def test_without_settings_the_bureau_and_the_numbers_are_blanks(tmp_path: Path) -> None:
    code, output = _draft(tmp_path / "out", tmp_path / "numbers.sqlite")
    assert code == 0, output
    assert "作出决定的行政机关名称" in output
    assert "〔2013〕" not in output  # no prefix, no number: never invented
    text = text_of(tmp_path / "out" / "P-2012-010_01_征缴土地闲置费决定书.docx")
    assert "待填：文号" in text
    assert "待填：行政复议机关" in text


def test_numbers_are_never_reused_and_a_redraft_keeps_its_number(
    drafted: dict[str, Any], tmp_path: Path
) -> None:
    report = drafted["report"]
    numbers = [line.split()[-1] for line in report.splitlines() if line.endswith("号")]
    assert len(numbers) == len(set(numbers))
    # The events record 某国土闲调〔2013〕1-3号 as issued: drafting starts above them.
    assert "某国土闲调〔2013〕4号" in report
    assert "某国土闲调〔2013〕1号" not in report
    again = tmp_path / "again"
    code, output = _draft(again, drafted["numbering"], "--settings", str(EXAMPLES / "bureau.yaml"))
    assert code == 0, output
    assert sorted(n for n in output.split() if n.endswith("号")) == sorted(numbers)


def test_libreoffice_opens_a_drafted_document(drafted: dict[str, Any], tmp_path: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice or pdftotext is missing: .ci/run installs them")
        pytest.skip("LibreOffice is not installed here (.ci/run installs it)")
    source = drafted["out"] / "P-2012-010_01_征缴土地闲置费决定书.docx"
    profile = tmp_path / "profile"
    subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / (source.stem + ".pdf")
    assert pdf.is_file()
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.replace(" ", "")
    for wanted in (
        "征缴土地闲置费决定书",
        "某国土闲征〔2013〕2号",
        "伍佰柒拾贰万元整",
        "某市国土资源局",
    ):
        assert wanted in text, wanted


def test_a_reclaim_decision_its_copy_to_the_mortgagee_and_a_negotiation_notice(
    tmp_path: Path,
) -> None:
    """P-2012-004 approved for reclaim (mortgaged): the decision and its copy to the
    mortgagee; a mortgaged parcel idle for a verified government cause, determined and
    filed: the written notice to the mortgagee while the plan is drafted (Art. 13 ¶2)."""
    rows = list(csv.DictReader((EXAMPLES / "parcels.csv").open(encoding="utf-8")))
    negotiated = dict(rows[7])  # P-2012-008: a verified government cause
    negotiated.update(
        parcel_id="P-2012-108",
        mortgaged="true",
        mortgagee="某农村商业银行",
        filed_in_monitoring="true",
    )
    register = tmp_path / "parcels.csv"
    with register.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows([rows[3], negotiated])
    events = tmp_path / "events.csv"
    events.write_text(
        "parcel_id,date,event,doc_no\n"
        "P-2012-004,2012-07-12,investigation_notice_issued,某国土闲调〔2012〕1号\n"
        "P-2012-004,2012-08-20,determination_issued,某国土闲定〔2012〕1号\n"
        "P-2012-004,2012-09-03,published,\n"
        "P-2012-004,2012-09-05,hearing_notice_served,某国土闲听〔2012〕1号\n"
        "P-2012-004,2012-09-10,hearing_waived,\n"
        "P-2012-004,2012-11-15,approved,\n"
        "P-2012-108,2012-08-09,investigation_notice_issued,某国土闲调〔2012〕3号\n"
        "P-2012-108,2012-09-12,determination_issued,某国土闲定〔2012〕3号\n"
        "P-2012-108,2012-09-20,published,\n"
        "P-2012-108,2012-09-20,government_notified,\n",
        encoding="utf-8",
    )
    args = [
        "documents",
        str(register),
        "--events",
        str(events),
        "--as-of",
        "2012-11-16",
        "--out",
        str(tmp_path / "out"),
        "--numbering",
        str(tmp_path / "numbers.sqlite"),
        "--settings",
        str(EXAMPLES / "bureau.yaml"),
    ]
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 0, run.output
    names = sorted(p.name for p in (tmp_path / "out").glob("*.docx"))
    [decision] = [n for n in names if n.endswith("_收回国有建设用地使用权决定书.docx")]
    text = text_of(tmp_path / "out" / decision)
    for wanted in (
        "某国土闲收〔2012〕1号",
        "无偿收回",
        "第十四条第（二）项",
        "注销登记，交回土地权利证书",
        "抄送：中国建设银行股份有限公司新区支行",
    ):
        assert wanted in text, wanted
    [copy] = [n for n in names if n.endswith("_收回国有建设用地使用权决定书抄送函.docx")]
    assert "《收回国有建设用地使用权决定书》（某国土闲收〔2012〕1号）" in text_of(
        tmp_path / "out" / copy
    )
    [notice] = [n for n in names if n.endswith("_闲置土地处置方案拟订情况告知书.docx")]
    text = text_of(tmp_path / "out" / notice)
    assert "某农村商业银行" in text
    assert "第十三条第二款" in text
    receipts = [n for n in names if "送达回证" in n]
    assert len(receipts) == 4  # with the proof of service of P-2012-108's determination
