"""The instruments a bureau serves, drafted as Word documents from the register and events.

For every parcel whose next step is to serve an instrument (Order 53 Arts. 5-17), the
instrument that step serves is drafted — investigation notice, determination, hearing-right
notice, fee decision, reclaim decision, the copy to the mortgagee, the written notice to a
mortgagee of a negotiated disposal — each with its proof of service (送达回证). The wording
is data: one YAML template per instrument in rules/documents/ (a bureau adapts it there),
each naming the fields of rules/documents/fields.yaml. A field the input lacks is left as a
visible blank and listed in the report, never invented.

Why python-docx from YAML templates rather than .docx templates (docxtpl): the wording sits
beside the rules as reviewable text, diffs line by line, and is checked at load (every
field a template names is known, each instrument's required contents are listed), where a
Word file's placeholders break silently when Word splits them into runs on editing. The
documents are plain .docx, with the layout of official documents (GB/T 9704: A4, 仿宋
三号 body, 小标宋 二号 title), which WPS and Word open to review, stamp and sign.

Each instrument gets a document number, 机关代字〔年份〕序号, from the bureau's settings
prefix: numbered per year and per kind, never reused. What was drafted is recorded in a
small SQLite register (engine/numbering.py); drafting the same instrument of the same case
again keeps its number.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from pydantic import BaseModel, ConfigDict, ValidationError

from . import cases
from .errors import OptionError, RulebookError
from .messages import Message
from .numbering import Numbering
from .outputs import sweep
from .packs import RULES_DIR
from .rulebook import describe_validation

TEMPLATES = "documents"  # rules/documents/
_FIELD = re.compile(r"\{([a-z_]+)\}")
BLANK = "＿＿＿＿"


class Settings(BaseModel):
    """The bureau's settings: who it is, how it numbers, who approves, reviews and enforces."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bureau: str | None = None  # 作出决定的行政机关名称
    bureau_address: str | None = None
    contact: str | None = None  # 联系人及电话
    government: str | None = None  # 本级人民政府 (approves a fee, a negotiated plan)
    approving_government: str | None = None  # 有批准权的人民政府 (approves a reclaim)
    review_body: str | None = None  # 行政复议机关
    court: str | None = None  # where the land lies
    payment_account: str | None = None  # where the fee is paid
    prefixes: dict[str, str] = {}  # instrument -> 机关代字, e.g. 某国土闲定


def load_settings(path: Path | None) -> Settings:
    """The settings file (YAML), or none: every field it would give is then a blank."""
    if path is None:
        return Settings()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return Settings.model_validate(data)
    except yaml.YAMLError as exc:
        raise OptionError(f"--settings {path}: not valid YAML: {exc}") from None
    except ValidationError as exc:
        raise OptionError(describe_validation(f"--settings {path}", data, exc)) from None


@dataclass(frozen=True)
class Template:
    """One instrument's template, as its YAML file says it."""

    path: Path
    instrument: str
    title: str
    body: tuple[dict[str, Any], ...]
    contents: tuple[str, ...]
    prefix: str | None = None
    step: str | None = None
    stages: tuple[str, ...] = ()

    def fields(self) -> set[str]:
        found: set[str] = set()
        for element in self.body:
            for value in element.values():
                found |= set(_FIELD.findall(yaml.safe_dump(value, allow_unicode=True)))
        return found


ORDER = (
    "investigation_notice",
    "determination",
    "hearing_notice",
    "fee_decision",
    "reclaim_decision",
    "mortgagee_copy",
    "mortgagee_notice",
)


def templates(
    rules_dir: Path | None = None,
) -> tuple[dict[str, Template], dict[str, dict[str, str]]]:
    """Every instrument's template and the fields they may name, checked: a template that
    names an unknown field, or lacks a part, is refused naming its file and the field."""
    directory = (rules_dir or RULES_DIR) / TEMPLATES
    known = yaml.safe_load((directory / "fields.yaml").read_text(encoding="utf-8"))["fields"]
    found: dict[str, Template] = {}
    problems = []
    for path in sorted(directory.glob("*.yaml")):
        if path.name == "fields.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        try:
            template = Template(
                path,
                data["instrument"],
                data["title"],
                tuple(data["body"]),
                tuple(data.get("contents", ())),
                data.get("prefix"),
                data.get("step"),
                tuple(data.get("stages", ())),
            )
        except (KeyError, TypeError) as exc:
            problems.append(f"{path}: field {exc}: every template has instrument, title, body")
            continue
        for name in sorted((template.fields() | set(template.contents)) - set(known)):
            problems.append(f"{path}: instrument {template.instrument}: unknown field {name!r}")
        found[template.instrument] = template
    if problems:
        raise RulebookError("\n".join(problems))
    return found, known


# ---- Words ---------------------------------------------------------------------------------

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_GROUPS = ("", "万", "亿", "万")


def rmb_upper(amount: Decimal) -> str:
    """An amount of yuan in Chinese capital numerals (大写), as a payment order writes it:
    8253600.00 -> 捌佰贰拾伍万叁仟陆佰元整; 100010.05 -> 壹拾万零壹拾元零伍分."""
    fen = int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if not 0 <= fen < 10**15:
        raise ValueError(f"an amount from 0 to under 10^13 yuan: {amount}")
    yuan, rest = divmod(fen, 100)
    jiao, cents = divmod(rest, 10)
    if yuan == 0 and rest == 0:
        return "零元整"
    text = _integer_upper(yuan) + "元" if yuan else ""
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif cents and yuan:
        text += "零"
    return text + (_DIGITS[cents] + "分" if cents else "整")


def _integer_upper(number: int) -> str:
    groups = []
    while number:
        number, group = divmod(number, 10_000)
        groups.append(group)
    text, zero = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero = bool(text)
            continue
        if text and group < 1000:
            zero = True
        for place, unit in ((1000, "仟"), (100, "佰"), (10, "拾"), (1, "")):
            digit = group // place % 10
            if digit == 0:
                zero = zero or bool(text)
                continue
            if zero:
                text += "零"
                zero = False
            text += _DIGITS[digit] + unit
        text += _GROUPS[index]
    return text


def zh_date(day: date | None) -> str | None:
    return f"{day.year}年{day.month}月{day.day}日" if day is not None else None


def yuan(amount: Decimal | None) -> str | None:
    return f"{amount:,.2f}元" if amount is not None else None


_ZH_NUMBERS = "零一二三四五六七八九十"


def zh_count(number: int) -> str:
    """A small count as a document writes it: 5 -> 五, 30 -> 三十, 60 -> 六十."""
    if number <= 10:
        return _ZH_NUMBERS[number]
    tens, ones = divmod(number, 10)
    return (_ZH_NUMBERS[tens] if tens > 1 else "") + "十" + (_ZH_NUMBERS[ones] if ones else "")


# ---- Drafting ------------------------------------------------------------------------------


@dataclass
class Drafted:
    """One document written: its file, number and the fields left blank."""

    parcel: str
    instrument: str
    title: str
    path: Path
    doc_no: str | None
    blanks: list[str] = field(default_factory=list)


def draft(
    register: Path,
    as_of: date,
    out_dir: Path,
    *,
    events: Path | None = None,
    settings: Path | None = None,
    numbering: Path,
    rules_dir: Path | None = None,
    packs: Sequence[Path] = (),
    notes: list[Message] | None = None,
) -> list[Drafted]:
    """Draft every instrument whose step is due on `as_of`, into `out_dir`: drafted first
    beside it (a directory named so a later run sweeps it if this one is killed), moved in
    only once every document is drafted and its number recorded, so a failed run leaves
    none of them."""
    chosen = load_settings(settings)
    forms, labels = templates(rules_dir)
    prepared, pairs = cases.evaluated(register, as_of, {"events": events}, rules_dir, packs, notes)
    params = prepared.params
    target = out_dir.resolve()
    if target.exists() and not target.is_dir():
        raise OptionError(f"--out {out_dir}: not a directory")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OptionError(f"--out {out_dir}: cannot make the folder ({exc.strerror})") from None
    sweep(target.parent)
    stage = Path(tempfile.mkdtemp(prefix=f".comply-{os.getpid()}-", dir=target.parent))
    try:
        drafted = _draft_into(stage, pairs, forms, labels, chosen, params, as_of, numbering)
        target.mkdir(exist_ok=True)
        placed = []
        for one in drafted:
            final = target / one.path.name
            os.replace(one.path, final)
            placed.append(replace(one, path=out_dir / one.path.name))
        return placed
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _draft_into(
    out_dir: Path,
    pairs: Sequence[tuple[Any, Any]],
    forms: Mapping[str, Template],
    labels: Mapping[str, Mapping[str, str]],
    chosen: Settings,
    params: Mapping[str, Any],
    as_of: date,
    numbering: Path,
) -> list[Drafted]:
    written: list[Drafted] = []
    with Numbering(numbering) as register_of:
        for subject, _ in pairs:  # every number the events record as issued, first
            procedure = getattr(subject.snapshots[-1], "case", None)
            if procedure is not None:
                register_of.known(procedure.events, chosen.prefixes)
        for subject, decision in pairs:
            facts = subject.snapshots[-1]
            procedure = getattr(facts, "case", None)
            if procedure is None or procedure.stage in (None, "closed"):
                continue
            steps = {a.code: a for a in decision.actions if not a.prospect}
            context = _context(facts, procedure, decision, chosen, params, as_of)
            for name in ORDER:
                form = forms.get(name)
                if form is None or form.step not in steps:
                    continue
                if form.stages and procedure.stage not in form.stages:
                    continue
                step = steps[form.step]
                if step.not_before is not None and step.not_before > as_of:
                    continue  # not yet: the holder's time has not run
                prefix = chosen.prefixes.get(form.prefix or "")
                doc_no = (
                    register_of.number(form.instrument, prefix, as_of, subject.key)
                    if prefix
                    else None
                )
                filled = {**context, "doc_no": doc_no}
                if name == "reclaim_decision":
                    context["reclaim_no"] = doc_no
                written.append(_write(subject.key, form, filled, labels, out_dir, len(written) + 1))
                recipient = "mortgagee" if name.startswith("mortgagee") else "holder"
                written.append(
                    _receipt(
                        subject.key,
                        form,
                        filled,
                        forms,
                        labels,
                        out_dir,
                        recipient,
                        len(written) + 1,
                    )
                )
            if "SERVE_INSTRUMENT" in steps:  # issued, not served: its proof of service
                awaiting = procedure.values.get("awaiting_service", "")
                issued_as, name = SERVED[awaiting]
                issued = next((e for e in procedure.events if e.kind == issued_as), None)
                filled = {**context, "doc_no": issued.doc_no if issued else None}
                written.append(
                    _receipt(
                        subject.key,
                        forms[name],
                        filled,
                        forms,
                        labels,
                        out_dir,
                        "holder",
                        len(written) + 1,
                    )
                )
    return written


# An awaited service: the event that issued the instrument, and the instrument's template.
SERVED = {
    "investigation_notice_served": ("investigation_notice_issued", "investigation_notice"),
    "determination_served": ("determination_issued", "determination"),
}


def _context(
    facts: Any,
    procedure: Any,
    decision: Any,
    settings: Settings,
    params: Mapping[str, Any],
    as_of: date,
) -> dict[str, Any]:
    """What the templates' fields hold for one parcel; None where the input lacks it."""
    parcel = facts.parcel
    by_kind = {e.kind: e for e in procedure.events}
    transfer = parcel.supply == "transfer"
    fee = next((a.amount for a in decision.actions if a.code == "CHARGE_IDLE_FEE"), None)
    reclaim = any(a.code == "RECLAIM_LAND" for a in decision.actions)
    if parcel.agreed_start is not None and parcel.extended_start is None:
        start = f"约定动工开发日期为{zh_date(facts.start_date)}"
    elif parcel.extended_start is not None:
        start = f"经补充协议约定的动工开发日期为{zh_date(facts.start_date)}"
    else:
        start = (
            f"未约定动工开发日期，实际交付土地日期为{zh_date(parcel.delivered_on)}，依照"
            f"《闲置土地处置办法》第二十二条第二款，以交地之日起一年即"
            f"{zh_date(facts.start_date)}为动工开发日期"
        )
    months_key = (
        "litigation_months_2015"
        if as_of >= params["litigation_months_2015_from"]
        else "litigation_months"
    )
    notice, determination = (
        by_kind.get("investigation_notice_issued"),
        by_kind.get("determination_issued"),
    )
    approved = by_kind.get("approved")
    heard = by_kind.get("hearing_notice_served")
    government = settings.approving_government if reclaim else settings.government
    cause = parcel.cause if parcel.cause_verified else "holder"
    return {
        "holder": parcel.holder,
        "holder_address": parcel.holder_address,
        "contract_kind": "国有建设用地使用权出让合同" if transfer else "国有建设用地划拨决定书",
        "contract_no": parcel.contract_no,
        "location": parcel.location,
        "land_area": f"{parcel.land_area:,.2f}平方米" if parcel.land_area is not None else None,
        "land_use": parcel.land_use,
        "supply_word": "出让" if transfer else "划拨",
        "start_clause": start,
        "idle_from": zh_date(facts.idle_from),
        "price": yuan(parcel.price),
        "fee_amount": yuan(fee),
        "fee_upper": rmb_upper(fee) if fee is not None else None,
        "notice_no": notice.doc_no if notice else None,
        "notice_date": zh_date(notice.day) if notice else None,
        "determination_no": determination.doc_no if determination else None,
        "determination_date": zh_date(determination.day) if determination else None,
        "hearing_notice_date": zh_date(heard.day) if heard else None,
        "approved_on": zh_date(approved.day) if approved else None,
        "government": government,
        "mortgagee": parcel.mortgagee,
        "reclaim_no": None,
        "holder_reply_days": zh_count(params["holder_reply_days"]),
        "hearing_request_working_days": zh_count(params["hearing_request_working_days"]),
        "payment_days": zh_count(params["payment_days"]),
        "review_days": zh_count(params["review_days"]),
        "litigation_period": zh_count(params[months_key]) + "个月",
        "review_body": settings.review_body,
        "court": settings.court,
        "payment_account": settings.payment_account,
        "bureau": settings.bureau,
        "bureau_address": settings.bureau_address,
        "contact": settings.contact,
        "date": zh_date(as_of),
        # Which variant paragraphs apply (a template's `when`).
        "fee": fee is not None and not reclaim,
        "reclaim": reclaim,
        "mortgaged": bool(parcel.mortgaged),
        "holder_cause": cause == "holder",
        "government_cause": cause == "government",
        "force_majeure_cause": cause == "force_majeure",
        "stalled": decision.status == "stalled",
        "unstarted": decision.status != "stalled",
    }


def _write(
    parcel: str,
    form: Template,
    context: Mapping[str, Any],
    labels: Mapping[str, Mapping[str, str]],
    out_dir: Path,
    order: int,
) -> Drafted:
    document = _document()
    blanks: list[str] = []
    _title(document, form.title)
    if form.prefix:
        _line(document, _fill("{doc_no}", context, labels, blanks), center=True)
    for element in form.body:
        _element(document, element, context, labels, blanks)
    path = out_dir / f"{parcel}_{order:02d}_{form.title}.docx"
    document.save(str(path))
    return Drafted(parcel, form.instrument, form.title, path, context.get("doc_no"), blanks)


def _receipt(
    parcel: str,
    served: Template,
    context: Mapping[str, Any],
    forms: Mapping[str, Template],
    labels: Mapping[str, Mapping[str, str]],
    out_dir: Path,
    recipient: str,
    order: int,
) -> Drafted:
    filled = dict(context)
    filled["served_title"] = served.title
    filled["served_no"] = context.get("doc_no")
    filled["recipient"] = context.get("mortgagee" if recipient == "mortgagee" else "holder")
    filled["recipient_address"] = (
        None if recipient == "mortgagee" else context.get("holder_address")
    )
    form = forms["service_receipt"]
    drafted = _write(parcel, form, filled, labels, out_dir, order)
    drafted.path = drafted.path.rename(
        out_dir / f"{parcel}_{order:02d}_{served.title}_{form.title}.docx"
    )
    drafted.doc_no = None
    return drafted


def _fill(
    text: str,
    context: Mapping[str, Any],
    labels: Mapping[str, Mapping[str, str]],
    blanks: list[str],
) -> list[tuple[str, bool]]:
    """The text as runs: (text, is a blank); each field the input lacks becomes a blank."""
    runs: list[tuple[str, bool]] = []
    at = 0
    for match in _FIELD.finditer(text):
        runs.append((text[at : match.start()], False))
        name = match.group(1)
        value = context.get(name)
        if value is None or value == "":
            label = labels[name]["zh"]
            if label not in blanks:
                blanks.append(label)
            runs.append((f"{BLANK}（待填：{label}）{BLANK}", True))
        else:
            runs.append((str(value), False))
        at = match.end()
    runs.append((text[at:], False))
    return [(t, b) for t, b in runs if t]


# ---- Layout (GB/T 9704: A4, margins 37/35/28/26 mm, 仿宋 16 pt body, 28 pt lines) ---------

BODY_FONT, TITLE_FONT = "仿宋", "宋体"


def _document() -> Any:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    style = document.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
    style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    style.paragraph_format.line_spacing = Pt(28)
    style.paragraph_format.space_after = Pt(0)
    return document


def _font(run: Any, name: str, size: int, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _title(document: Any, title: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(12)
    paragraph.paragraph_format.line_spacing = Pt(40)
    _font(paragraph.add_run(title), TITLE_FONT, 22, bold=True)


def _runs(paragraph: Any, runs: list[tuple[str, bool]]) -> None:
    for text, blank in runs:
        run = paragraph.add_run(text)
        _font(run, BODY_FONT, 16)
        if blank:
            run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
            run.font.underline = True


def _line(document: Any, runs: list[tuple[str, bool]], center: bool = False) -> None:
    paragraph = document.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(12)
    _runs(paragraph, runs)


def _element(
    document: Any,
    element: Mapping[str, Any],
    context: Mapping[str, Any],
    labels: Mapping[str, Mapping[str, str]],
    blanks: list[str],
) -> None:
    condition = element.get("when")
    if condition is not None and not context.get(condition):
        return
    if "to" in element:
        _line(document, _fill(element["to"], context, labels, blanks))
    elif "p" in element:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)  # two characters
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _runs(paragraph, _fill(element["p"], context, labels, blanks))
    elif "sign" in element:
        document.add_paragraph()
        for line in element["sign"]:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = Pt(32)
            _runs(paragraph, _fill(line, context, labels, blanks))
    elif "table" in element:
        rows = element["table"]
        table = document.add_table(rows=len(rows), cols=2)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for row, (label, value) in zip(table.rows, rows, strict=True):
            row.height = Mm(16)
            row.cells[0].width, row.cells[1].width = Mm(45), Mm(111)
            for cell, text in ((row.cells[0], label), (row.cells[1], value)):
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.line_spacing = Pt(22)
                for run_text, blank in _fill(text, context, labels, blanks):
                    run = paragraph.add_run(run_text)
                    _font(run, BODY_FONT, 14)
                    if blank:
                        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
                        run.font.underline = True
