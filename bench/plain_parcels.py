"""The yardstick: a plain Python loop taking the core idle-land decisions, CSV in, JSONL out.

Usage:
    python bench/plain_parcels.py PARCELS.csv OUT.jsonl --as-of 2012-08-31

Reads the contract's columns with the csv module, ISO dates and plain numbers only (what
gen_parcels.py writes), and decides per parcel, as decisions.md says: the status, the
disposal the law points to (fee, reclaim, negotiation, verification of the cause) and the
fee, rounded half up to the fen. No engine, no validation beyond what the data needs, no
explanation, no ledger: the fastest honest reading, which bench.py compares Comply with
(decision by decision, and in time). Standard library only.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import json
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from itertools import zip_longest
from pathlib import Path

RATE, FEN = Decimal("0.2"), Decimal("0.01")
THIRD, QUARTER = Fraction(1, 3), Fraction(1, 4)
TRUE = {"true", "1", "yes", "是", "y"}


def anniversary(day: date, years: int) -> date:
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def full_years(start: date, as_of: date) -> int:
    years = max(0, as_of.year - start.year)
    while years > 0 and as_of <= anniversary(start, years):
        years -= 1
    return years


def when(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def decide(row: list[str], col: dict[str, int], as_of: date) -> dict[str, object]:
    agreed, delivered = when(row[col["agreed_start"]]), when(row[col["delivered_on"]])
    extended = when(row[col["extended_start"]])
    signed = when(row[col["agreement_signed_on"]]) if "agreement_signed_on" in col else None
    started, halted = when(row[col["started_on"]]), when(row[col["halted_on"]])
    cause = row[col["cause"]] or "holder"
    verified = row[col["cause_verified"]].lower() in TRUE
    levied = when(row[col["fee_levied_on"]])
    delay = int(row[col["government_delay_days"]] or 0)
    if extended and signed and signed <= as_of:  # an agreement not yet signed does not count
        start = extended
    elif agreed:
        start = agreed
    else:
        assert delivered is not None
        start = anniversary(delivered, 1)
    start += timedelta(days=delay)
    status, disposal, fee = "compliant", "", None
    if not (started and started <= as_of):
        years = full_years(start, as_of)
        if as_of <= start:
            status = "not_yet_due"
        elif years < 1:
            status = "overdue"
        else:
            status = "idle"
            if cause != "holder":
                disposal = "NEGOTIATE_DISPOSAL" if verified else "VERIFY_CAUSE"
            elif delivered and delivered > start:
                disposal = "VERIFY_CAUSE"
            elif years >= 2:
                disposal = "RECLAIM_LAND"
            elif not (levied and levied <= as_of):
                disposal = "CHARGE_IDLE_FEE"
                price = Decimal(row[col["price"]])
                fee = str((price * RATE).quantize(FEN, rounding=ROUND_HALF_UP))
    else:
        if halted and halted <= as_of:
            developed = Fraction(row[col["developed_ratio"]])
            invested = Fraction(row[col["invested_ratio"]])
            if (developed < THIRD or invested < QUARTER) and full_years(halted, as_of) >= 1:
                status, disposal = "stalled", "NEGOTIATE_DISPOSAL"
        if full_years(start, started) >= 1 and not (cause != "holder" and verified):
            # Started only after a full year idle (L13): the fee is still owed. The generated
            # files hold no such parcel; the loop decides it all the same.
            status = "started_after_idle" if status == "compliant" else status
            if not disposal and cause == "holder" and not (delivered and delivered > start):
                if not (levied and levied <= as_of):
                    disposal = "CHARGE_IDLE_FEE"
                    price = Decimal(row[col["price"]])
                    fee = str((price * RATE).quantize(FEN, rounding=ROUND_HALF_UP))
            elif not disposal:
                disposal = "VERIFY_CAUSE"
    return {"subject": row[col["parcel_id"]], "status": status, "disposal": disposal, "fee": fee}


DISPOSALS = {"CHARGE_IDLE_FEE", "RECLAIM_LAND", "NEGOTIATE_DISPOSAL", "VERIFY_CAUSE"}


def compare(plain: Path, comply: Path) -> tuple[int, int, list[str]]:
    """(subjects, mismatches, a few examples): the loop's decisions against Comply's JSONL,
    subject by subject in order: status, the disposal among the actions, the fee."""
    count, mismatches, examples = 0, 0, []
    with plain.open(encoding="utf-8") as ours, comply.open(encoding="utf-8") as theirs:
        for mine, line in zip_longest(ours, theirs):
            count += 1
            a = json.loads(mine) if mine else {}
            b = json.loads(line) if line else {"actions": []}
            codes = {x["code"] for x in b["actions"]} & DISPOSALS
            fees = [x.get("amount") for x in b["actions"] if x["code"] == "CHARGE_IDLE_FEE"]
            expected = (
                a.get("subject"),
                a.get("status"),
                {a.get("disposal")} - {""},
                [a.get("fee")] if a.get("fee") else [],
            )
            if expected != (b.get("subject"), b.get("status"), codes, fees):
                mismatches += 1
                if len(examples) < 5:
                    examples.append(
                        f"loop {a} / comply {b.get('subject')} {b.get('status')} {codes} {fees}"
                    )
    return count, mismatches, examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("out")
    parser.add_argument("--as-of", type=date.fromisoformat, required=True)
    args = parser.parse_args()
    with (
        open(args.source, encoding="utf-8-sig", newline="") as handle,
        open(args.out, "w", encoding="utf-8") as out,
    ):
        reader = csv.reader(handle)
        col = {name: i for i, name in enumerate(next(reader))}
        for row in reader:
            out.write(json.dumps(decide(row, col, args.as_of), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
