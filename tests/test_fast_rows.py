"""The fast row reader builds exactly the model pydantic builds, or steps aside.

For any row, valid or broken, `FastRow` either returns None (and pydantic reads the row,
reporting what is wrong) or the very object `model_validate` returns: the same fields,
values of the same type and text, the same fields set. Rows come from the examples, from
the random parcels of the engine tests, and from hypothesis mixing cells of every kind.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from comply.engine import fields
from comply.engine.fields import FastRow
from comply.engine.kinds.parcels import Parcel
from comply.engine.loader import RowReader
from comply.engine.messages import Invalid
from hypothesis import given, settings
from hypothesis import strategies as st
from kind_examples import EXAMPLES
from pydantic import BaseModel, ValidationError
from test_engine import random_parcel
from test_fuzz_loaders import cell

MODELS: list[type[BaseModel]] = [e.kind.model for e in EXAMPLES]
EXAMPLE_OF = {e.kind.model: e.file for e in EXAMPLES}


def same_as_pydantic(model: type[BaseModel], raw: dict[str, Any]) -> bool:
    """Whether the fast reader agrees with pydantic on `raw`; True if it stepped aside."""
    fast = FastRow.of(model)
    assert fast is not None, f"{model.__name__} has no fast reader"
    made = fast(raw)
    try:
        reference = model.model_validate(raw)
    except ValidationError:
        assert made is None, f"accepted a row pydantic refuses: {raw}"
        return True
    if made is None:
        return False
    assert made == reference
    assert made.model_fields_set == reference.model_fields_set
    for name in type(reference).model_fields:
        ours, theirs = getattr(made, name), getattr(reference, name)
        assert (type(ours), repr(ours)) == (type(theirs), repr(theirs)), name
    return True


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_example_row_is_read_fast_and_the_same(model: type[BaseModel]) -> None:
    rows = _example_rows(model)
    assert rows
    for raw in rows:
        assert same_as_pydantic(model, raw), raw
        assert FastRow.of(model)(raw) is not None, raw  # type: ignore[misc]


def test_random_parcels_are_read_fast_and_the_same() -> None:
    rng = random.Random(17)
    for n in range(3000):
        raw = {
            k: str(v).lower() if isinstance(v, bool) else str(v)
            for k, v in random_parcel(rng, n).items()
        }
        assert same_as_pydantic(Parcel, raw)


@settings(max_examples=400, deadline=None)
@given(data=st.data(), model=st.sampled_from(MODELS))
def test_any_row_is_read_the_same_or_left_to_pydantic(data: Any, model: type[BaseModel]) -> None:
    names = list(model.model_fields)
    chosen = data.draw(st.lists(st.sampled_from([*names, "unknown"]), unique=True))
    raw = {name: data.draw(st.one_of(cell, st.none(), st.booleans())) for name in chosen}
    assert same_as_pydantic(model, raw)


def _example_rows(model: type[BaseModel]) -> list[dict[str, str]]:
    """The example's rows as the loader hands them to the row model: columns named by the
    contract whatever the header says (Chinese headers, units)."""
    reader = RowReader(EXAMPLE_OF[model], model, None)
    return [raw for _, raw, _ in reader._raw_rows()]


@settings(max_examples=1500, deadline=None)
@given(data=st.data(), model=st.sampled_from(MODELS), seed=st.integers(0, 10**6))
def test_a_valid_row_changed_a_little_is_read_the_same_or_left_to_pydantic(
    data: Any, model: type[BaseModel], seed: int
) -> None:
    """Rows one to three cells away from valid: the checks across columns and the
    constraints after each reader are where a fast reader could go wrong."""
    rng = random.Random(seed)
    if model is Parcel:
        base = {
            k: str(v).lower() if isinstance(v, bool) else str(v)
            for k, v in random_parcel(rng, 0).items()
        }
    else:
        base = dict(rng.choice(_example_rows(model)))
    names = list(model.model_fields)
    for _ in range(data.draw(st.integers(1, 3))):
        name = data.draw(st.sampled_from(names))
        if data.draw(st.booleans()):
            base.pop(name, None)
        else:
            other = rng.choice(_example_rows(model)).get(name, "")
            base[name] = data.draw(st.one_of(cell, st.just(other), st.just(" ")))
    assert same_as_pydantic(model, base)


def test_a_model_the_reader_cannot_mirror_gets_none() -> None:
    class Loose(BaseModel):
        count: int

    assert FastRow.of(Loose) is None


@settings(max_examples=500, deadline=None)
@given(
    text=st.one_of(
        st.from_regex(r"\A\s?0{0,3}[0-9]{0,16}\s?\Z"), st.text(alphabet="0123456789٣, .万元")
    )
)
def test_a_whole_amount_is_read_as_the_general_reading_reads_it(text: str) -> None:
    """fields.amount takes a short cut for whole yuan; it must give what the rest gives."""
    outcomes = []
    for read in (fields.amount, lambda t: fields._amount(t.strip())):
        try:
            value = read(text)
            outcomes.append((type(value), repr(value)))
        except Invalid as exc:
            outcomes.append((Invalid, str(exc.message)))
    assert outcomes[0] == outcomes[1]
