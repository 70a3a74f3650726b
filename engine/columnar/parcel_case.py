"""A register's case over columns: what kinds/parcel_case.procedure gives for a parcel whose
case is only what the register's dated columns say (no events file), for many at once.

The register can say: the day the parcel became suspect (from the facts), whether the
reclaim is in prospect, and the days of the investigation notice (issued and served), the
determination, the hearing notice and the fee levied (decided, served and paid). Each
period is counted by periods.count itself, once per distinct first day. The procedure's
own code stays the reference: `check` compares these columns with it for a row of each
kind of case in every block (engine/columnar/parcels.py), and the byte-for-byte tests
compare whole runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import numpy as np

from ..errors import EngineError
from ..kinds.parcel_case import FLAGS, Procedure
from ..periods import CalendarError, Unit, count

NONE = -1  # no such day

# Each value a register's case may carry, and whether it is a date (else a number of days).
VALUES = {
    "investigation_due": "date",
    "investigation_overdue_days": "int",
    "discovered_on": "date",
    "investigation_days_late": "int",
    "investigation_notice_on": "date",
    "reply_due": "date",
    "determine_not_before": "date",
    "determination_on": "date",
    "hearing_request_due": "date",
    "approval_not_before": "date",
    "decision_served_on": "date",
    "payment_due": "date",
    "review_due": "date",
    "litigation_due": "date",
    "remedies_end": "date",
    "court_due": "date",
}
STAGES = (
    None,
    "to_investigate",
    "investigating",
    "determined",
    "awaiting_hearing_request",
    "awaiting_approval",
    "closed",
)


class Cases:
    """The cases of some rows: each one's stage, the facts the rules test of it, and the
    values its actions read (each with where it is present)."""

    def __init__(
        self,
        stage: np.ndarray,
        tests: dict[str, np.ndarray],
        values: dict[str, tuple[np.ndarray, np.ndarray]],
        failed: np.ndarray,
    ) -> None:
        self.stage, self.tests, self.values = stage, tests, values  # stage: index in STAGES
        self.failed = failed  # rows whose periods the holiday calendar cannot count
        bits = np.zeros(len(stage), dtype=np.int64)
        for position, (present, _) in enumerate(values.values()):
            bits |= present.astype(np.int64) << position
        self.kind = stage * (1 << len(values)) + bits  # what a case has: stage, values present

    def stage_of(self, row: int) -> str | None:
        return STAGES[int(self.stage[row])]

    def values_of(self, row: int) -> dict[str, Any]:
        """One row's values as the procedure gives them (dates as dates)."""
        found: dict[str, Any] = {}
        for name, (present, numbers) in self.values.items():
            if present[row]:
                number = int(numbers[row])
                found[name] = date.fromordinal(number) if VALUES[name] == "date" else number
        stage = self.stage_of(row)
        if stage is not None:
            found["stage"] = stage
        return found

    def kind_name(self, row: int) -> tuple[Any, ...]:
        """What kind of case a row's is, by name (the same across blocks)."""
        return (
            self.stage_of(row),
            tuple(name for name, (present, _) in self.values.items() if present[row]),
        )

    def check(self, row: int, reference: Procedure) -> None:
        """The columns agree with the procedure's own answer for the row."""
        tests: dict[str, Any] = {name: bool(column[row]) for name, column in self.tests.items()}
        stage = self.stage_of(row)
        if stage is not None:
            tests["stage"] = stage
        if (
            stage != reference.stage
            or tests != reference.tests
            or self.values_of(row) != reference.values
        ):
            raise EngineError(
                f"columnar path: a case's procedure differs: {reference.values} "
                f"{reference.tests} against {self.values_of(row)} {tests}"
            )


def _ends(
    starts: np.ndarray, given: np.ndarray, length: int, unit: Unit, failed: np.ndarray
) -> np.ndarray:
    """The last day of a period counted from each start (periods.count), where given. A
    period the holiday calendar cannot count marks its rows `failed`: the row path counts
    them, and says so in the order it reads them."""
    out = np.zeros(len(starts), dtype=np.int64)
    if not given.any():
        return out
    firsts, where = np.unique(starts[given], return_inverse=True)
    ends = []
    for first in firsts.tolist():
        try:
            ends.append(count(date.fromordinal(first), length, unit).end.toordinal())
        except CalendarError:
            ends.append(NONE)
    found = np.array(ends, dtype=np.int64)[where.ravel()]
    out[given] = found
    failed[np.flatnonzero(given)[found == NONE]] = True
    return out


def cases(
    suspect: np.ndarray,
    reclaim: np.ndarray,
    notice: np.ndarray,
    determined: np.ndarray,
    hearing: np.ndarray,
    fee: np.ndarray,
    today: int,
    params: Mapping[str, Any],
) -> Cases:
    """parcel_case.procedure over columns of day numbers (NONE for none), as of `today`."""
    rows = len(suspect)
    reclaim = reclaim.astype(bool)
    failed = np.zeros(rows, dtype=bool)
    tests = {name: np.zeros(rows, dtype=bool) for name in FLAGS}
    values: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def put(name: str, present: np.ndarray, numbers: np.ndarray | int) -> None:
        values[name] = (present, np.where(present, numbers, 0).astype(np.int64))

    has_suspect, has_notice = suspect != NONE, notice != NONE
    has_determined, has_hearing, has_fee = determined != NONE, hearing != NONE, fee != NONE

    # The investigation (Art. 5), from the day of discovery: here the day the parcel became
    # suspect, or the day the rule came in force if later.
    floor = params["discovery_not_before"].toordinal()
    discovered = np.where(has_suspect, np.maximum(suspect, floor), NONE)
    investigating = has_suspect & (~has_notice | (notice >= discovered))
    due = _ends(discovered, investigating, params["investigation_days"], "days", failed)
    late = investigating & has_notice & (notice > due)
    put("investigation_due", investigating, due)
    put("investigation_overdue_days", investigating & ~has_notice & (today > due), today - due)
    put("discovered_on", investigating, discovered)
    put("investigation_days_late", late, notice - due)
    put("investigation_notice_on", late, notice)
    tests["investigation_late"] = late

    # The holder's answer to the notice (served the day it was issued, as the register says).
    tests["notice_served"] = has_notice
    reply = _ends(notice, has_notice, params["holder_reply_days"], "days", failed)
    ready = reply + 1
    put("reply_due", has_notice, reply)
    put("determine_not_before", has_notice, ready)
    tests["reply_over"] = has_notice & (today >= ready)
    tests["determined_early"] = has_notice & has_determined & (determined < ready)
    put("determination_on", has_notice & has_determined, determined)

    # The hearing (Art. 15): nobody asked for one on the register.
    heard = _ends(
        hearing, has_hearing, params["hearing_request_working_days"], "working_days", failed
    )
    settled = has_hearing & (today > heard)
    put("hearing_request_due", has_hearing, heard)
    tests["hearing_settled"] = settled
    put("approval_not_before", has_hearing, heard + 1)

    # The fee decision served, and paid the same day (征缴: levied and collected).
    put("decision_served_on", has_fee, fee)
    payment = _ends(fee, has_fee, params["payment_days"], "days", failed)
    review = _ends(fee, has_fee, params["review_days"], "days", failed)
    switch = params["litigation_months_2015_from"].toordinal()
    newer = has_fee & (fee >= switch)
    suit = np.where(
        newer,
        _ends(fee, newer, params["litigation_months_2015"], "months", failed),
        _ends(fee, has_fee & ~newer, params["litigation_months"], "months", failed),
    )
    lapsed = np.maximum(np.maximum(review, suit), payment)
    put("payment_due", has_fee, payment)
    put("review_due", has_fee, review)
    put("litigation_due", has_fee, suit)
    put("remedies_end", has_fee, lapsed)
    tests["remedies_lapsed"] = has_fee & (today > lapsed)
    court = _ends(lapsed, has_fee & ~failed, params["court_application_months"], "months", failed)
    put("court_due", has_fee, court)

    stage = np.select(
        [has_fee & ~reclaim, has_hearing, has_determined, has_notice, has_suspect],
        [
            STAGES.index("closed"),
            np.where(
                settled,
                STAGES.index("awaiting_approval"),
                STAGES.index("awaiting_hearing_request"),
            ),
            STAGES.index("determined"),
            STAGES.index("investigating"),
            STAGES.index("to_investigate"),
        ],
        0,
    ).astype(np.int64)
    tests["closed"] = stage == STAGES.index("closed")
    ordered = {name: values[name] for name in VALUES}
    return Cases(stage, tests, ordered, failed)
