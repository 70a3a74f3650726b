"""JSON and JSON Lines: every decision with its actions, citations and titles.

`json` is one document: the as-of date, the rulebook, the decisions, the summary. `jsonl`
is one decision a line, each carrying the as-of date. A decision is encoded from fragments:
what depends only on the rules (an action's code, basis and title; the rules fired) is
encoded once a run (the memo's fragments); tests hold the result equal to `json.dumps`.
"""

from __future__ import annotations

import json
from decimal import Decimal
from json.encoder import encode_basestring as _encode_string
from typing import IO, Any, ClassVar

from ..evaluate import Decision
from ..subjects import Subject
from . import VALUE_FIELDS, Writer, kept_columns, plain


def _json(value: Any) -> str:
    """One JSON value as json.dumps(value, ensure_ascii=False) writes it."""
    if value.__class__ is str:
        return _encode_string(value)
    if value is None or value.__class__ in (bool, int):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False)


# Each value's name as it opens its member (', "budget": '), made once a name.
_KEYS: dict[str, str] = {}


def _key(name: str) -> str:
    found = _KEYS[name] = ", " + _json(name) + ": "
    return found


class JsonLinesWriter(Writer):
    joinable: ClassVar[bool] = True

    def write(self, decision: Decision, subject: Subject) -> None:
        head = '{"as_of": "' + self.as_of.isoformat() + '", '
        self.out.write(head + self.with_columns(self.as_json(decision), subject)[1:] + "\n")

    def with_columns(self, encoded: str, subject: Subject) -> str:
        """The decision with the register's own columns of its row, where they are kept."""
        kept = kept_columns(subject)
        if kept is None:
            return encoded
        return encoded[:-1] + ', "columns": ' + json.dumps(kept, ensure_ascii=False) + "}"

    def as_json(self, decision: Decision) -> str:
        """json.dumps(self.as_dict(decision), ensure_ascii=False), from fragments."""
        if decision.criteria:
            return json.dumps(self.as_dict(decision), ensure_ascii=False)
        fragments = self.memo.fragments
        parts = ['{"subject": ', _json(decision.subject), ', "status": ', _json(decision.status)]
        add = parts.append
        for name, value in decision.values:
            opening = _KEYS.get(name) or _key(name)
            if value.__class__ is Decimal:  # its text needs no escaping (digits, a point)
                add(opening + '"' + str(value) + '"')
            else:
                add(opening + _json(plain(value)))
        parts.append(', "actions": [')
        for index, action in enumerate(decision.actions):
            if index:
                parts.append(", ")
            key = ("json", self.lang, action.rule, action.position)
            fixed: Any = fragments.get(key)
            if fixed is None:
                head, tail = self.action_parts(action)
                fixed = fragments.put(
                    key,
                    (
                        json.dumps(head, ensure_ascii=False)[:-1],
                        json.dumps(tail, ensure_ascii=False)[1:] if tail else "}",
                    ),
                )
            parts.append(fixed[0])
            for position, name in VALUE_FIELDS:
                value = action[position]
                if value is not None:
                    parts += [', "', name, '": ', _json(plain(value))]
            if fixed[1] != "}":
                parts.append(", ")
            parts.append(fixed[1])
        parts.append("]")
        tail_key = ("tail", decision.fired, decision.suppressed)
        ending: Any = fragments.get(tail_key)
        if ending is None:
            end: dict[str, Any] = {"rules_fired": list(decision.fired)}
            if decision.suppressed:
                end["suppressed"] = [{"rule": s.rule, "by": s.by} for s in decision.suppressed]
            ending = fragments.put(tail_key, ", " + json.dumps(end, ensure_ascii=False)[1:])
        parts.append(ending)
        return "".join(parts)


class JsonWriter(JsonLinesWriter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._first = True

    def start(self) -> None:
        head = {"as_of": self.as_of.isoformat(), "rulebook": self.rulebook}
        self.out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "decisions": [')

    def restart(self, out: IO[str]) -> None:
        super().restart(out)
        self._first = True

    def between_parts(self) -> str:
        return ","

    def write(self, decision: Decision, subject: Subject) -> None:
        self.out.write(("" if self._first else ",") + "\n  ")
        self.out.write(self.with_columns(self.as_json(decision), subject))
        self._first = False

    def finish(self, extra: Any = None) -> None:
        super().finish(extra)
        summary = json.dumps({"summary": self.summary_dict()}, ensure_ascii=False)
        self.out.write("\n], " + summary[1:] + "\n")


FORMATS = {"json": JsonWriter, "jsonl": JsonLinesWriter}
