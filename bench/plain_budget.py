"""The yardstick: a plain Python loop taking the core budget-overrun decisions, CSV in, JSONL out.

Usage:
    python bench/plain_budget.py EVENTS.csv OUT.jsonl --as-of 2012-12-31
    python bench/plain_budget.py EVENTS.csv OUT.jsonl --as-of 2012-12-31 --compare COMPLY.jsonl

Reads the change-log contract (project_id, date, event, amount, name, funding, note) with the
csv module, ISO dates and plain yuan amounts only (what gen_budget.py writes; event codes or
their Chinese aliases), and decides per project what decisions.md B1-B6 and rules/budget.yaml
decide: the status on the evaluation date and the set of district action codes (national
rules are not applied: they are in force only from 2019). A project's rows may be out of
order and projects may interleave, so the whole file is held in memory, grouped by project
(one small tuple per event), each project's events sorted by date, file order within a date
(a stable sort), and projects written in project-id order, as Comply writes them.

The figures are carried forward as engine/kinds/budget.py carries them, in integer fen: the
overrun is the estimate minus the budget and the approved increases; it stands from the
estimate (or short approval) that opened it until an estimate or approval removes it; a
report answers it unless a later estimate exceeds what was reported; ratios are compared
exactly (5 x overrun >= budget is reaching 20%). A referral needs both (B5): the overrun at
20%, and a breach of principle 3 standing with it — the report not made within 5 days, or
construction going on after the day the overrun arose, or resumed, before approval.
Findings (late report, construction without approval, referral) are made on events in force
from 2012-01-01; events after the evaluation date have not happened yet. Out-of-scope
projects are only listed as such. A log Comply would refuse (no budget first, a second
budget, a rejection nobody asked for) raises ValueError.
No engine, no validation beyond what the decisions need, no explanation, no ledger: the
fastest honest reading, which bench.py compares Comply with (decision by decision, and in
time). `compare` does that comparison. Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from itertools import zip_longest
from operator import itemgetter
from pathlib import Path

IN_FORCE = "2012-01-01"  # the speech's rules apply from the 2012 plan year (rules/budget.yaml)
REPORT_DAYS = 5  # B3: report within 5 days of the estimate that revealed the overrun
REFERRAL = 5  # B5: referred when 5 x overrun >= budget, i.e. the overrun reaches 20%
EVENT = {
    **{e: e for e in ("budget", "estimate", "report", "approve", "reject")},
    **{e: e for e in ("suspend", "resume", "complete")},
    "预算": "budget",
    "估算": "estimate",
    "报告": "report",
    "批准": "approve",
    "否决": "reject",
    "停工": "suspend",
    "复工": "resume",
    "竣工": "complete",
}
DISTRICT = {"district_fiscal", "区财政", "区级财政"}  # funding read as district fiscal
# The action codes of rules/budget.yaml: the core decisions compared (national ones are not).
CODES = frozenset(
    {
        "OUT_OF_SCOPE",
        "REPORT_OVERRUN",
        "LATE_REPORT",
        "HALT_CONSTRUCTION",
        "CONSTRUCTION_WITHOUT_APPROVAL",
        "REFER_TO_SUPERVISION",
        "RESCOPE_OR_RESUBMIT",
    }
)
ACTIVE, SUSPENDED, COMPLETE = 0, 1, 2
Event = tuple[str, str, str]  # (ISO date, event code, amount as written)
by_day = itemgetter(0)


def fen(text: str) -> int:
    """Plain decimal yuan (at most two decimals) as integer fen."""
    whole, _, cents = text.partition(".")
    return int(whole) * 100 + (int((cents + "00")[:2]) if cents else 0)


def days(later: str, earlier: str) -> int:
    return (date.fromisoformat(later) - date.fromisoformat(earlier)).days


def decide(events: list[Event], funding: str, as_of: str) -> tuple[str, list[str]]:
    """The status on `as_of` and the sorted district action codes, for one project's events
    (sorted by date, file order within a date; the budget first)."""
    rest = iter(events)
    day, kind, amount = next(rest)
    if kind != "budget":
        raise ValueError(f"the log does not open with the budget ({kind} on {day})")
    if day > as_of:
        return "not_budgeted", []
    if funding not in DISTRICT:
        return "out_of_scope", ["OUT_OF_SCOPE"]
    budget = fen(amount)
    limit = budget  # budget plus approved increases
    estimate = budget
    over = 0  # unapproved overrun, fen
    since: str | None = None  # the date the unapproved overrun has stood since
    reported = False
    reported_fen = 0
    request = "none"  # none, pending, rejected
    approved = False
    building = ACTIVE
    stopped = False  # construction stopped at some point since the overrun arose
    codes: set[str] = set()
    for day, kind, amount in rest:
        if day > as_of:
            break  # sorted: nothing after this has happened yet
        was_since, was_reported, was_over = since, reported, over
        # B5: a breach of principle 3 stood, up to this day, with the overrun at 20%.
        if was_since is not None and REFERRAL * was_over >= budget and day >= IN_FORCE:
            late = not was_reported and days(day, was_since) > REPORT_DAYS
            if late or (building == ACTIVE and day > was_since):
                codes.add("REFER_TO_SUPERVISION")
        # B4: construction that went on after the overrun arose, never stopped since.
        if (
            was_since is not None
            and building == ACTIVE
            and not stopped
            and day > was_since
            and day >= IN_FORCE
        ):
            codes.add("CONSTRUCTION_WITHOUT_APPROVAL")
        if kind == "estimate":
            estimate = fen(amount)
            over = estimate - limit if estimate > limit else 0
            if not over:
                since, reported, reported_fen, request, stopped = None, False, 0, "none", False
            elif since is None or (reported and over > reported_fen):  # a new duty to report
                since, reported, reported_fen, request = day, False, 0, "none"
                stopped = building != ACTIVE
        elif kind == "report":
            if over:
                reported, reported_fen, request = True, over, "pending"
            # B3: reported more than 5 days after the estimate that revealed it.
            if (
                was_since is not None
                and not was_reported
                and day >= IN_FORCE
                and days(day, was_since) > REPORT_DAYS
            ):
                codes.add("LATE_REPORT")
        elif kind == "approve":
            limit += fen(amount)
            approved = True
            over = estimate - limit if estimate > limit else 0
            if not over:
                since, reported, reported_fen, request, stopped = None, False, 0, "none", False
            else:  # approved less than the overrun: the rest is reported anew
                since, reported, reported_fen, request = day, False, 0, "none"
                stopped = building != ACTIVE
        elif kind == "reject":
            if request != "pending":
                raise ValueError(f"an increase rejected on {day} was never reported")
            request = "rejected"
        elif kind == "suspend":
            if building == ACTIVE:
                building, stopped = SUSPENDED, True
        elif kind == "resume":
            building = ACTIVE
            if over and day >= IN_FORCE:  # B4: resumed before approval
                codes.add("CONSTRUCTION_WITHOUT_APPROVAL")
                if REFERRAL * over >= budget:  # B5: at 20%
                    codes.add("REFER_TO_SUPERVISION")
        elif kind == "complete":
            building, stopped = COMPLETE, True
        else:
            raise ValueError(f"a second budget on {day}")
    # The evaluation date.
    if since is not None and building == ACTIVE and not stopped and as_of > since:
        codes.add("CONSTRUCTION_WITHOUT_APPROVAL")
    if since is not None and REFERRAL * over >= budget and as_of >= IN_FORCE:
        late = not reported and days(as_of, since) > REPORT_DAYS
        if late or (building == ACTIVE and as_of > since):
            codes.add("REFER_TO_SUPERVISION")
    if not over:
        status = "approved" if approved else "within_budget"
    else:
        if building != COMPLETE:
            codes.add("HALT_CONSTRUCTION")  # B4
        if request == "pending":
            status = "overrun_pending"
        elif request == "rejected":
            status = "overrun_rejected"  # B6
            codes.add("RESCOPE_OR_RESUBMIT")
        elif not reported:
            status = "overrun_unreported"  # B3
            codes.add("REPORT_OVERRUN")
        else:
            status = "undetermined"
    return status, sorted(codes)


def read(source: str | Path) -> tuple[dict[str, list[Event]], dict[str, str]]:
    """The events of every project (in file order) and each project's funding."""
    groups: defaultdict[str, list[Event]] = defaultdict(list)
    fundings: dict[str, str] = {}
    dates: dict[str, str] = {}  # one string per distinct date: the same date is shared
    with open(source, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        col = {name: i for i, name in enumerate(next(reader))}
        pick = itemgetter(col["project_id"], col["date"], col["event"], col["amount"])
        funding_col = col["funding"]
        for row in reader:
            project, day, kind, amount = pick(row)
            kind = EVENT[kind]
            groups[project].append((dates.setdefault(day, day), kind, amount))
            if kind == "budget":
                fundings[project] = row[funding_col]
    return groups, fundings


def run(source: str | Path, out_path: str | Path, as_of: date) -> int:
    """Decide every project of `source` as of `as_of`, write OUT; return how many."""
    if as_of.isoformat() < IN_FORCE:
        raise SystemExit(f"no rule is in force on {as_of}: the speech applies from {IN_FORCE}")
    groups, fundings = read(source)
    when = as_of.isoformat()
    dumps = json.dumps
    with open(out_path, "w", encoding="utf-8") as out:
        for project in sorted(groups):
            events = groups[project]
            events.sort(key=by_day)
            status, codes = decide(events, fundings.get(project, ""), when)
            out.write(
                f'{{"subject": {dumps(project, ensure_ascii=False)}, "status": "{status}", '
                f'"codes": {dumps(codes)}}}\n'
            )
    return len(groups)


def _lines(path: str | Path) -> Iterable[dict[str, object]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def compare(plain_path: str | Path, comply_path: str | Path) -> tuple[int, int, list[str]]:
    """Compare the loop's JSON Lines with Comply's (`--format jsonl`): the same subjects in the
    same order, and per subject the status and the set of district action codes. Returns
    (subjects compared, mismatches, the first few mismatches described)."""
    compared = mismatches = 0
    examples: list[str] = []
    for n, (plain, comply) in enumerate(
        zip_longest(_lines(plain_path), _lines(comply_path)), start=1
    ):
        compared += 1
        if plain is None or comply is None:
            only, which = (comply, "Comply") if plain is None else (plain, "the loop")
            assert only is not None
            problem = f"line {n}: {only['subject']} only in {which}'s output"
        elif plain["subject"] != comply["subject"]:
            problem = f"line {n}: the loop has {plain['subject']}, Comply {comply['subject']}"
        else:
            actions = comply.get("actions") or []
            assert isinstance(actions, list)
            theirs = sorted({a["code"] for a in actions if a["code"] in CODES})
            assert isinstance(plain["codes"], list)
            if plain["status"] == comply["status"] and sorted(set(plain["codes"])) == theirs:
                continue
            problem = (
                f"{plain['subject']}: loop {plain['status']} {plain['codes']}, "
                f"Comply {comply['status']} {theirs}"
            )
        mismatches += 1
        if len(examples) < 10:
            examples.append(problem)
    return compared, mismatches, examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("out")
    parser.add_argument("--as-of", type=date.fromisoformat, required=True)
    parser.add_argument("--compare", metavar="COMPLY_JSONL", help="then compare with this")
    args = parser.parse_args()
    run(args.source, args.out, args.as_of)
    if args.compare:
        subjects, mismatches, examples = compare(args.out, args.compare)
        print(f"{subjects} subjects compared, {mismatches} mismatches")
        for example in examples:
            print("  " + example)
        if mismatches:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
