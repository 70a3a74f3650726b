"""The message catalog is complete: every message in every language, nothing falls back.

Every id has an English and a Chinese template with the same placeholders; every message
the engine names (msg, Invalid, render with a written-out id) is in the catalog with the
values its templates need; and the row models, fed hostile values, raise only catalog
messages or the pydantic errors the catalog maps.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path
from typing import Any, Literal

import pytest
from comply.engine import kinds
from comply.engine.messages import BUILT_IN, CATALOG, LANGUAGES, Invalid, msg, of_error
from pydantic import BaseModel, ConfigDict, Field, ValidationError

ROOT = Path(__file__).parent.parent
SOURCES = [*sorted((ROOT / "engine").rglob("*.py")), ROOT / "cli.py"]
ROW_MODULES = (
    "fields",
    "loader",
    *(f"kinds/{p.stem}" for p in (ROOT / "engine" / "kinds").glob("[!_]*.py")),
)
PRODUCERS = {"msg", "Invalid", "render"}  # each takes the message id first
INVALID_OWN = {"column"}  # Invalid's own keyword: the column blamed, not a placeholder


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def produced() -> list[tuple[str, str, set[str] | None]]:
    """(where, message id, keyword names or None if passed as **) of every named message."""
    found = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            first = node.args[0]
            if name in PRODUCERS and isinstance(first, ast.Constant):
                keywords = {k.arg for k in node.keywords}
                names = None if None in keywords else {str(k) for k in keywords}
                if names is not None and name == "Invalid":
                    names -= INVALID_OWN
                found.append((f"{path.name}:{node.lineno}", str(first.value), names))
    return found


@pytest.mark.parametrize("message_id", sorted(CATALOG))
def test_every_message_is_in_every_language_with_the_same_placeholders(message_id: str) -> None:
    templates = CATALOG[message_id]
    assert sorted(templates) == sorted(LANGUAGES), f"{message_id}: languages {sorted(templates)}"
    assert all(text.strip() for text in templates.values()), f"{message_id}: an empty template"
    assert placeholders(templates["en"]) == placeholders(templates["zh"]), message_id


def test_chinese_templates_are_chinese() -> None:
    # A template copied across untranslated would still pass the placeholder check.
    for message_id, templates in CATALOG.items():
        assert templates["zh"] != templates["en"], message_id
        assert any("\u4e00" <= ch <= "\u9fff" for ch in templates["zh"]), message_id


def test_every_message_the_engine_names_is_in_the_catalog_with_its_values() -> None:
    found = produced()
    assert len(found) > 40, "the scan found the producers"
    for where, message_id, names in found:
        assert message_id in CATALOG, f"{where}: {message_id!r} is not in engine/messages.py"
        if names is not None:
            assert names == placeholders(CATALOG[message_id]["en"]), f"{where}: {message_id}"


def test_every_message_in_the_catalog_is_named_somewhere() -> None:
    named = {message_id for _, message_id, _ in produced()}
    named |= {message_id for message_id, _ in BUILT_IN.values()}
    assert set(CATALOG) - named == set(), "messages no code produces"


@pytest.mark.parametrize("module", ROW_MODULES)
def test_row_checks_raise_catalog_messages_not_bare_value_errors(module: str) -> None:
    tree = ast.parse((ROOT / "engine" / f"{module}.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            func = node.exc.func
            assert not (isinstance(func, ast.Name) and func.id == "ValueError"), (
                f"engine/{module}.py:{node.lineno}: raise Invalid(message id) instead"
            )


def test_an_unknown_message_id_fails_at_once() -> None:
    with pytest.raises(KeyError, match="no message 'no_such_message'"):
        msg("no_such_message")


class _Toy(BaseModel):
    """A row model that gets each built-in pydantic error the catalog maps."""

    model_config = ConfigDict(extra="forbid")
    code: Literal["a", "b"]
    name: str = Field(min_length=1)
    label: str
    days: int = Field(ge=0)
    required: str


def test_every_built_in_error_the_catalog_maps_renders_in_every_language() -> None:
    with pytest.raises(ValidationError) as caught:
        _Toy.model_validate({"code": "c", "name": "", "label": 5, "days": -1, "other": "x"})
    errors = caught.value.errors()
    assert {e["type"] for e in errors} == set(BUILT_IN)
    rendered = {}
    for error in errors:
        column, message = of_error(error)
        assert message.id == BUILT_IN[error["type"]][0]
        rendered[column] = {lang: message.in_(lang) for lang in LANGUAGES}
    assert rendered["code"] == {"en": "one of 'a', 'b'", "zh": "以下之一：'a', 'b'"}
    assert rendered["days"] == {"en": "a number of at least 0", "zh": "不小于 0 的数"}
    assert rendered["required"]["zh"] == "非空值：此列为必填列"


HOSTILE: list[Any] = [
    True,
    False,
    0,
    "",
    " ",
    "x",
    "-1",
    "0",
    "1e999",
    "NaN",
    "1/0",
    "2012-13-01",
    "99999",
    "１２",
    "是",
    "12.345",
    "3860万元",
    "99999999999999999999",
]


@pytest.mark.parametrize("model", [k.model for k in kinds.all_kinds()], ids=lambda m: m.__name__)
def test_hostile_values_give_only_catalog_messages(model: type[BaseModel]) -> None:
    for field in model.model_fields:
        for value in HOSTILE:
            try:
                model.model_validate({field: value})
            except ValidationError as exc:
                for error in exc.errors():
                    _, message = of_error(error)
                    assert message.id != "valid_value", (field, value, error)
                    cause = (error.get("ctx") or {}).get("error")
                    assert cause is None or isinstance(cause, Invalid), (field, value, error)
