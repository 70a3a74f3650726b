"""Writing decisions out, in a format and a language: one module of this package a format.

Every writer shares what this module defines: the words of the run's language (status
labels, action titles, citations, recipients, options), the run's counts, and the stream
it writes to. A format module declares ``FORMATS`` (name -> Writer class); the list of
formats is derived from them. Codes (statuses, action codes, rule ids) never change with
the language; titles, labels and citations do. Output is streamed to a temporary file and
only moved into place when the whole run succeeded (engine/outputs.py), so a failed run
never leaves a half-written file.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any, ClassVar

from ..evaluate import Action, Decision
from ..kinds import Kind
from ..memo import Memo
from ..messages import Message
from ..register import Grouped, Skipped
from ..rulebook import RuleFamily, Text, identity
from ..rulebook import words as _t
from ..subjects import Subject
from ..summary import Summary

# The values an action may carry besides its code, rule, basis and title, in output order.
ACTION_VALUES = ("date", "amount", "due", "not_before", "idle_from", "days_left", "days_overdue")
VALUE_FIELDS = tuple((Action._fields.index(name), name) for name in ACTION_VALUES)


LABELS = {
    "heading": _t("{title}, as of {as_of}", "{title}，评估日期 {as_of}"),
    "rulebook": _t("rulebook {books}", "规则库 {books}"),
    "summary": _t("Summary", "汇总"),
    "subjects": _t("{noun}", "{noun}数"),
    "met": _t("met", "达标"),
    "not met": _t("not met", "未达标"),
    "yes": _t("yes", "是"),
    "no": _t("no", "否"),
}


def plain(value: Any) -> Any:
    """A decision value as JSON shows it: decimals and dates as strings."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def plain_text(value: Any) -> str:
    """A register's cell as text (a kept column in CSV): a date as ISO (a time of day only
    if it has one), a whole number without its .0, text as written."""
    if value is None:
        return ""
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        value = value.date()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(plain(value))


def kept_columns(subject: Subject) -> dict[str, Any] | None:
    """The register's own columns of the subject's row, by heading, for JSON (a heading
    the register gives two columns, the second by its heading and its column's letter)."""
    if subject.register is None:
        return None
    found: dict[str, Any] = {}
    for column, value in subject.register.extras():
        if isinstance(value, datetime) and value.time() == datetime.min.time():
            value = value.date()
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        value = plain(value)
        if value is not None and not isinstance(value, str | int | float):
            value = str(value)  # a time of day, a duration: as a CSV shows it (plain_text)
        elif isinstance(value, float) and not math.isfinite(value):
            value = str(value)  # not JSON's: as a CSV shows it (inf, nan)
        heading = column.written or column.letter
        while heading in found:  # its column's letter, and again if a heading is that
            heading = f"{heading} ({column.letter})"
        found[heading] = value
    return found


# A cell a spreadsheet would read as a formula: = + - @, or a tab or carriage return first
# (the OWASP guidance on CSV injection). A plain number with a sign is left as it is.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SIGNED_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
# Characters a terminal acts on rather than shows: C0 and C1 controls, DEL.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def inert(text: str) -> str:
    """A CSV cell a spreadsheet shows as the text it is, never runs as a formula."""
    if text and text[0] in _FORMULA_START and not _SIGNED_NUMBER.match(text):
        return "'" + text
    return text


def printable(text: str) -> str:
    """Text for a terminal: control characters (escape sequences among them) removed."""
    return _CONTROLS.sub("", text)


class Words:
    """The words of one language for a rulebook: labels, titles, citations (kinds.Texts)."""

    def __init__(self, families: Sequence[RuleFamily], lang: str) -> None:
        self.families, self.lang = families, lang
        self.params = {k: str(v) for f in families for k, v in f.params.items()}
        self.statuses = families[0].doc.statuses
        self.titles: dict[str, str] = {}
        self.names: dict[str, str] = {}  # a few words for each action code
        self.kinds: dict[str, str] = {}
        self.recipients: dict[str, Text] = {}
        self.authorities: dict[str, Text] = {}
        self.options: dict[str, Text] = {}
        self.basis: dict[tuple[str, int], str] = {}
        # Who approves and who issues each action of each rule (decisions.md L11), if named.
        self.decided_by_codes: dict[tuple[str, int], tuple[str | None, str | None]] = {}
        self.rule_basis: dict[str, str] = {}
        self.criterion_titles: dict[str, str] = {}
        for family in families:
            for code, entry in family.doc.action_codes.items():
                self.titles[code] = entry.title.in_(lang).format(**self.params)
                self.names[code] = entry.short().in_(lang).format(**self.params)
                self.kinds[code] = entry.kind
            self.recipients.update(family.doc.recipients)
            self.authorities.update(family.doc.authorities)
            self.options.update(family.doc.options)
            for r in family.rules:
                self.rule_basis[r.rule.id] = family.basis(r.rule, lang)
                if r.rule.criterion is not None:
                    self.criterion_titles[r.rule.id] = r.rule.criterion.title.in_(lang)
                for i, a in enumerate(r.actions):
                    self.basis[r.rule.id, i] = family.basis(r.rule, lang, a.spec)
                    if a.spec.approved_by or a.spec.issued_by:
                        self.decided_by_codes[r.rule.id, i] = (
                            a.spec.approved_by,
                            a.spec.issued_by,
                        )

    def text(self, key: str, **values: Any) -> str:
        return LABELS[key].in_(self.lang).format(**values)

    def status_label(self, status: str) -> str:
        return self.statuses[status].in_(self.lang)

    def is_finding(self, code: str) -> bool:
        return self.kinds[code] == "finding"

    def action_name(self, code: str) -> str:
        return self.titles[code]

    def short_name(self, code: str) -> str:
        return self.names[code]

    def criterion_title(self, rule: str) -> str:
        return self.criterion_titles.get(rule, rule)

    def decided_by(self, rule: str, position: int) -> tuple[str | None, str | None]:
        return self.decided_by_codes.get((rule, position), (None, None))

    def recipient(self, code: str) -> str:
        return self.recipients[code].in_(self.lang)

    def option(self, code: str) -> str:
        return self.options[code].in_(self.lang).format(**self.params)

    def authority(self, code: str) -> str:
        return self.authorities[code].in_(self.lang)


@dataclass
class Reading:
    """How the input was read, for an output that reports it: the file, what the reader
    noted (where the header was, the register's own columns), the rows it skipped."""

    source: str = ""
    notes: list[Message] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


class Writer:
    """Writes one run's decisions in one format and language, and counts them."""

    joinable: ClassVar[bool] = False  # parts written apart can be joined as they are
    # Parts written apart are gathered by the run's writer (gather), which writes them whole.
    gathers: ClassVar[bool] = False
    # Evaluated on every core, unasked, from a file of this size (None: parallel's own).
    every_core_from: ClassVar[int | None] = None

    def __init__(
        self,
        kind: Kind,
        families: Sequence[RuleFamily],
        as_of: date,
        lang: str,
        out: IO[str],
        rulebook: Mapping[str, Any] | None = None,
        memo: Memo | None = None,
    ) -> None:
        self.kind, self.view = kind, kind.view
        self.families, self.as_of, self.lang, self.out = families, as_of, lang, out
        self.words = Words(families, lang)
        self.rulebook = dict(rulebook or identity(families))
        self.memo = memo if memo is not None else Memo()
        self.summary = Summary()
        self.extra: dict[str, Any] = {}
        self.reading = Reading()
        self.bom = False  # a CSV for Excel opens with a byte-order mark
        self.keep = False  # the register's own columns are carried beside each decision

    def decision(self, decision: Decision, subject: Subject) -> None:
        self.summary.add(decision, self.view.totals(decision))
        self.write(decision, subject)

    def write(self, decision: Decision, subject: Subject) -> None:
        raise NotImplementedError

    def start(self) -> None:
        """Write what comes before the decisions."""

    def restart(self, out: IO[str]) -> None:
        """Write a part of a run to `out`, with counts of its own (parts are joined in order)."""
        self.out, self.summary = out, Summary()

    def part_written(self) -> None:
        """A worker's part is decided whole: what the writer holds back of it is written."""

    def gather(self, text: str) -> None:
        """A part's decisions as a worker's writer wrote them, taken in (for a writer that
        gathers parts)."""
        raise NotImplementedError

    def between_parts(self) -> str:
        """What separates the decisions of two parts, both holding some, once joined."""
        return ""

    def abandon(self) -> None:
        """The run failed and nothing is published: let go of what the writer holds."""

    def finish(self, extra: Mapping[str, Any] | None = None) -> None:
        """Write what follows the decisions; `extra` adds figures about the whole run."""
        self.extra = dict(extra or {})

    def summary_dict(self) -> dict[str, Any]:
        counts = self.summary.as_dict(self.view.noun.en, list(self.words.statuses))
        return {**counts, **self.extra}

    def action_parts(self, action: Action) -> tuple[dict[str, Any], dict[str, Any]]:
        """What an action's record holds whatever the subject: the head (code, rule, basis,
        title) and the tail (recipients, options), in the language of the output."""
        found = self.memo.fragments.get(("parts", self.lang, action.rule, action.position))
        if found is not None:
            return found  # type: ignore[return-value]
        words = self.words
        head: dict[str, Any] = {
            "code": action.code,
            "rule": action.rule,
            "basis": words.basis[action.rule, action.position],
            "title": words.titles[action.code],
        }
        if action.prospect:
            head["prospect"] = True
        tail: dict[str, Any] = {}
        if action.recipients:
            tail["recipients"] = [
                {"code": c, "name": words.recipient(c)} for c in action.recipients
            ]
        if action.options:
            tail["options"] = [{"code": c, "title": words.option(c)} for c in action.options]
        approved_by, issued_by = words.decided_by(action.rule, action.position)
        if approved_by:
            tail["approved_by"] = {"code": approved_by, "name": words.authority(approved_by)}
        if issued_by:
            tail["issued_by"] = {"code": issued_by, "name": words.authority(issued_by)}
        parts = (head, tail)
        self.memo.fragments.put(("parts", self.lang, action.rule, action.position), parts)
        return parts

    def action_dict(self, action: Action) -> dict[str, Any]:
        head, tail = self.action_parts(action)
        record = dict(head)
        for index, name in VALUE_FIELDS:
            value = action[index]
            if value is not None:
                record[name] = plain(value)
        if tail:
            record.update(tail)
        return record

    def as_dict(self, decision: Decision) -> dict[str, Any]:
        """The decision as the JSON formats write it, in the output's language."""
        record: dict[str, Any] = {"subject": decision.subject, "status": decision.status}
        record.update((name, plain(value)) for name, value in decision.values)
        if decision.criteria:
            record["criteria"] = [
                {
                    "criterion": v.criterion,
                    "value": plain(v.value),
                    "threshold": plain(v.threshold),
                    "met": v.met,
                    "rule": v.rule,
                    "basis": self.words.rule_basis[v.rule],
                }
                for v in decision.criteria
            ]
        record["actions"] = [self.action_dict(a) for a in decision.actions]
        record["rules_fired"] = list(decision.fired)
        if decision.suppressed:
            record["suppressed"] = [{"rule": s.rule, "by": s.by} for s in decision.suppressed]
        return record


_FORMATS: dict[str, type[Writer]] = {}


def formats() -> dict[str, type[Writer]]:
    """Every output format, by name, from the modules of this package (but those whose
    names begin with _: a format's helpers, imported by the format when it is written)."""
    if not _FORMATS:
        for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
            if module.startswith("_"):
                continue
            declared = getattr(importlib.import_module(f"{__name__}.{module}"), "FORMATS", {})
            _FORMATS.update(declared)
    return _FORMATS


def format_names() -> tuple[str, ...]:
    """The formats, "table" first (the default), then as their modules list them."""
    names = list(formats())
    return tuple(sorted(names, key=lambda n: (n != "table", names.index(n))))


def writer(fmt: str, *args: Any, **kwargs: Any) -> Writer:
    return formats()[fmt](*args, **kwargs)


# A workbook column of a register's cells as the register holds them: a column of its own,
# or a contract field neither an amount nor a text (a ratio, a date). A number in it is
# shown with the decimals it was written with (12.50, 2012.10: two; 0.82 as 0.82).
OWN_FORM = "general"
SHOWN_PLACES = 15  # the digits a sheet's number keeps: a number of more is shown in General
WHOLE_SHOWN = 10**11  # Excel's General shows a whole number from here as 1.23457E+11


def own_format(value: Decimal | int) -> str:
    """The number format of a number in an OWN_FORM column: the decimals it was written
    with (Decimal keeps them), its thousands apart if they were (register.Grouped); General
    for one of more digits than a sheet's number keeps (15373.000000000002, of a program's
    arithmetic: shown 15373, as a sheet holds it); a whole number of more digits than
    Excel's General shows (a 15-digit 身份证号, shown 4.10102E+14) with all of them."""
    if value.__class__ is int:
        return "0" if abs(value) >= WHOLE_SHOWN else "General"
    assert isinstance(value, Decimal)
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or len(digits) > SHOWN_PLACES or exponent < -SHOWN_PLACES:
        return "General"
    if exponent >= 0 and value.__class__ is not Grouped and abs(value) >= WHOLE_SHOWN:
        return "0"
    return places_format(max(0, -exponent), value.__class__ is Grouped)


def amount_places(value: Decimal | float) -> int:
    """The decimals a figure a register wrote in a column of amounts or areas is shown with:
    two, or as many as it was written with where it has more (3860.1234 in a column of 万元,
    a price to the yuan; 35.1234 亩), at most SHOWN_PLACES."""
    if value.__class__ is float:
        exponent = Decimal(repr(value)).as_tuple().exponent
    else:
        exponent = value.as_tuple().exponent  # type: ignore[union-attr]
    places = -exponent if isinstance(exponent, int) else 0
    return min(max(places, 2), SHOWN_PLACES)


def amount_format(value: Decimal | float) -> str:
    """The number format of such a figure (amount_places), its thousands apart."""
    places = amount_places(value)
    return "#,##0.00" if places == 2 else places_format(places, True)


def places_format(places: int, grouped: bool = False) -> str:
    """The number format showing a number with `places` decimals, its thousands apart if
    `grouped` (register.Grouped: 1,234.50, and 1,234 with none); General for a number of
    none, not grouped."""
    decimals = "." + "0" * places if places else ""
    return f"#,##0{decimals}" if grouped else f"0{decimals}" if places else "General"


def width(text: str) -> int:
    """Columns a text takes on a terminal: CJK characters take two (each text other than
    ASCII measured once: a table's names, titles and labels recur)."""
    if text.isascii():
        return len(text)
    found = _WIDTHS.get(text)
    if found is None:
        if len(_WIDTHS) >= 1 << 16:
            _WIDTHS.clear()
        found = _WIDTHS[text] = sum(
            2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text
        )
    return found


_WIDTHS: dict[str, int] = {}
