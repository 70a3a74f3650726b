"""No input, however broken, gives a traceback or silently loses a row (hypothesis)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from comply.engine import kinds
from comply.engine.kinds.parcels import Parcel
from comply.engine.loader import RowReader
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

MODELS = [(k.model, k.id_field if k.unique_rows else None) for k in kinds.all_kinds()]
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "2012-07-01",
            "2012/7/1",
            "2012年7月1日",
            "41091",
            "1/3",
            "25%",
            "3860万元",
            "1e400",
            "NaN",
            "是",
            "否",
            "transfer",
            "出让",
            "holder",
            "budget",
            "estimate",
            "-1",
            "0",
            "9999-12-31",
            "\x00",
            '"',
            ",",
            "\n",
        ]
    ),
)


def read_all(path: Path, model: type, key: str | None) -> tuple[list[int], RowReader]:
    reader = RowReader(path, model, key)
    rows = [row for row, _ in reader]
    return rows, reader


@FUZZ
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".csv", ".jsonl", ".xlsx"]))
def test_any_bytes_give_rows_or_problems_never_an_exception(
    tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    for model, key in MODELS:
        read_all(path, model, key)  # must not raise


@FUZZ
@given(table=st.lists(st.lists(cell, min_size=21, max_size=21), min_size=1, max_size=6))
def test_every_parcel_row_is_accepted_or_reported(tmp_path: Path, table: list[list[str]]) -> None:
    columns = list(Parcel.model_fields)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows(table)
    path = tmp_path / "parcels.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    accepted, reader = read_all(path, Parcel, "parcel_id")
    reported = {p.row for p in reader.problems}
    records = list(csv.reader(io.StringIO(buffer.getvalue())))[1:]
    rows = [r for r in records if any(c.strip() for c in r)]  # a blank line is not a row
    # Each record starts on its own line, so each accepted or refused one has its own number.
    assert len(set(accepted) | reported) == len(rows), (accepted, reported, buffer.getvalue())
    assert not set(accepted) & reported, "a row both accepted and refused"
    assert all(p.column and p.expected and p.expected_in("zh") for p in reader.problems)
    assert all(p.message.id != "valid_value" for p in reader.problems), "a catalog message each"
