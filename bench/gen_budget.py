"""Generate a large, valid project-log file (the district-project input contract) for benchmarks.

Usage:
    python bench/gen_budget.py N_EVENTS OUT.csv [--projects P] [--seed 20261124]

Writes about N_EVENTS events of P district public projects (default N_EVENTS / 10), one project
at a time, so memory stays flat (1,000,000 events take a few seconds); the same seed gives the
same file. Every project starts with its `budget` event; all dates fall in 2012. The mix, per
project: about 55% stay within budget (some estimates exactly at it, some completed); the rest
overrun by 1% to 35% of the budget (mostly under 20%; a share exactly at 20% or at 19.99%) and
then follow one of the decisions.md B2-B6 paths: reported on time and approved, suspended until
approval and then resumed; reported late; reported and awaiting a decision; not yet reported;
construction never suspended; resumed before approval; rejected; rejected and re-scoped back
within budget; two successive overruns. About 5% are out of scope (city fiscal, enterprise or
special-bond funding) and follow any of these paths. Extra within-budget estimates before the
first overrun bring each project near its share of the events; a log longer than the year is
squeezed into it, order kept, so with very few projects some gaps shrink. With very many
projects the total exceeds N_EVENTS, since each path needs its own events.

A project's rows are in date order, except that about 3% of projects have two neighbouring rows
swapped and about 1% are interleaved with the next project, so a reader must sort and group.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Iterator
from datetime import date, timedelta

# fmt: off
HEADER = ["project_id", "date", "event", "amount", "name", "funding", "note"]
PLACES = ["人民路", "建设路", "文化路", "黄河路", "嵩山路", "中原路", "解放路", "城东", "城南",
          "城西", "城北", "新区", "老城区", "滨河", "工业园区"]
KINDS = ["道路改造工程", "排水管网改造工程", "小学教学楼工程", "中学综合楼工程",
         "医院门诊楼扩建工程", "社区服务中心工程", "公园景观工程", "污水处理厂工程",
         "幼儿园新建工程", "桥梁加固工程", "农贸市场改造工程", "公共停车场工程",
         "保障性住房配套工程", "供热管网工程", "全民健身中心工程"]
PHASES = ["", "", "", "一期", "二期"]
OUT_OF_SCOPE = ["city_fiscal", "enterprise", "special_bond"]
NOTES = {
    "budget": ["区发改委批复工程预算", "区财政评审中心审定", ""],
    "estimate": ["设计变更", "材料价格上涨", "工程量复核", "地质条件变化", "", "", ""],
    "report": ["书面报告区政府", "报区工程建设领导小组", ""],
    "approve": ["区政府常务会议研究同意", "区政府批复追加", ""],
    "reject": ["区政府不同意追加，要求压缩规模", "退回重新测算", ""],
    "suspend": ["停工待批", "暂停施工", ""],
    "resume": ["复工", ""],
    "complete": ["竣工验收", ""],
}
# fmt: on
YEAR_DAYS = 366  # 2012 is a leap year
DEADLINE = 5  # decisions.md B3: report within 5 days of the estimate
Row = tuple[int, str, int | None]  # (day of 2012, event, amount in fen or None)

# Scenario weights, in hundredths; "within" takes what is left.
PATHS = [
    ("on_time_approved", 12), ("late_report", 5), ("pending", 5), ("unreported", 2),
    ("not_suspended", 3), ("resumed_early", 3), ("rejected", 4), ("rejected_rescoped", 3),
    ("two_overruns", 3),
]  # fmt: skip


def money(fen: int) -> str:
    """Fen as plain decimal yuan: whole yuan without a point, else two decimals."""
    yuan, cents = divmod(fen, 100)
    return str(yuan) if cents == 0 else f"{yuan}.{cents:02d}"


class Project:
    """Builds one project's events (day offsets from its budget date, amounts in fen)."""

    def __init__(self, rand: Callable[[], float], budget: int) -> None:
        self.rand = rand
        self.budget = budget
        self.approved = budget  # the budget plus approved increases (B2)
        self.rows: list[Row] = []
        self.day = 0

    def randint(self, low: int, high: int) -> int:  # random.randint is slow: it checks arguments
        return low + int(self.rand() * (high - low + 1))

    def add(self, gap_low: int, gap_high: int, event: str, amount: int | None = None) -> int:
        """Append an event `gap_low`..`gap_high` days after the previous one; return its day."""
        self.day += self.randint(gap_low, gap_high)
        self.rows.append((self.day, event, amount))
        return self.day

    def overrun_ratio(self) -> int:
        """An overrun in ten-thousandths of the budget, with the B5 boundary cases favoured."""
        pick = self.rand()
        if pick < 0.06:
            return 2000  # exactly 20%: referred
        if pick < 0.10:
            return 1999  # just under: not referred
        if pick < 0.75:
            return self.randint(100, 1999)
        return self.randint(2001, 3500)

    def overrun(self, gap_low: int, gap_high: int, suspend: bool = True) -> int:
        """An estimate above the approved budget; returns the unapproved overrun in fen."""
        extra = self.budget * self.overrun_ratio() // 10000
        self.add(gap_low, gap_high, "estimate", self.approved + extra)
        if suspend:  # the same day is in time (B4)
            self.add(0, 0, "suspend")
        return extra

    def report(self, late: bool = False) -> None:
        """Report on day 0 to 5 after the estimate (in time, B3), or on day 6 to 25 (late)."""
        if late:
            self.add(DEADLINE + 1, 25, "report")
        else:
            self.add(0, DEADLINE, "report")

    def approve(self, extra: int) -> None:
        self.approved += extra
        self.add(5, 45, "approve", extra)

    def within(self, count: int, gap_low: int = 1, gap_high: int = 12) -> None:
        """`count` estimates at or under the approved budget."""
        for _ in range(count):
            share = 10000 if self.rand() < 0.1 else self.randint(8800, 9999)
            self.add(gap_low, gap_high, "estimate", self.approved * share // 10000)

    def follow(self, path: str) -> None:
        """Append the events of one B2-B6 path after the padding estimates."""
        if path == "within":
            if self.rand() < 0.1:
                self.add(5, 30, "suspend")  # weather or a permit: lawful
                self.add(5, 30, "resume")
            if self.rand() < 0.3:
                self.add(20, 90, "complete")
            return
        if path in ("on_time_approved", "late_report", "two_overruns"):
            extra = self.overrun(10, 60)
            self.report(late=path == "late_report")
            if path == "late_report" and self.rand() < 0.5:
                return  # still awaiting a decision
            self.approve(extra)
            self.add(1, 10, "resume")
            if path == "two_overruns":
                second = self.overrun(20, 60)
                self.report()
                if self.rand() < 0.3:
                    self.approve(second)
            elif self.rand() < 0.3:
                self.within(1, 10, 40)
            if self.rand() < 0.2:
                self.add(20, 60, "complete")
            return
        if path == "pending":
            self.overrun(10, 60)
            self.report()
        elif path == "unreported":
            self.overrun(10, 60)
        elif path == "not_suspended":
            extra = self.overrun(10, 60, suspend=False)
            self.report()
            if self.rand() < 0.5:
                self.approve(extra)
        elif path == "resumed_early":
            extra = self.overrun(10, 60)
            self.report()
            self.add(1, 10, "resume")
            self.approve(extra)
        elif path in ("rejected", "rejected_rescoped"):
            self.overrun(10, 60)
            self.report()
            self.add(10, 40, "reject")
            if path == "rejected_rescoped":
                self.within(1, 10, 40)
                self.add(1, 10, "resume")


def choose_path(rand: Callable[[], float]) -> str:
    pick = int(rand() * 100)
    for path, weight in PATHS:
        if pick < weight:
            return path
        pick -= weight
    return "within"


def projects(n_events: int, n_projects: int, seed: int) -> Iterator[list[str]]:
    """Rows of the contract, project by project; nothing is kept beyond two projects."""
    rng = random.Random(seed)
    rand = rng.random
    start = date(2012, 1, 1)
    days = [(start + timedelta(days=i)).isoformat() for i in range(YEAR_DAYS)]
    names = [p + k + s for p in PLACES for k in KINDS for s in PHASES]
    left = n_events
    held: list[list[str]] = []
    for i in range(n_projects):
        share = left / (n_projects - i)
        target = max(1, int(share * (0.5 + rand())))
        if i == n_projects - 1:
            target = left
        budget = (500 + int(rand() * 19500)) * 1_000_000  # 5 to 200 million yuan, in fen
        if rand() < 0.2:
            budget += int(rand() * 1_000_000)  # some budgets to the fen
        path = choose_path(rand)
        project = Project(rand, budget)
        project.follow(path)
        scenario = project.rows
        padding = max(0, target - 1 - len(scenario))
        body = Project(rand, budget)  # within-budget estimates before the scenario
        body.within(padding, 1, 2 if padding > 60 else 6)
        shift = body.day + 1 + int(rand() * 20)
        events: list[Row] = [(0, "budget", budget), *body.rows]
        events += [(day + shift, event, amount) for day, event, amount in scenario]
        last = events[-1][0]
        if last >= YEAR_DAYS:  # a long log is squeezed into the year, order kept
            scale = YEAR_DAYS - 2, last - 1  # day 0 stays the budget's alone
            events = [(day and 1 + (day - 1) * scale[0] // scale[1], e, a) for day, e, a in events]
            last = YEAR_DAYS - 1
        origin = int(rand() * (YEAR_DAYS - last))
        pid = f"PJ{i + 1:07d}"
        funding = OUT_OF_SCOPE[int(rand() * 3)] if rand() < 0.05 else "district_fiscal"
        rows: list[list[str]] = []
        for day, event, amount in events:
            notes = NOTES[event]
            note = notes[int(rand() * len(notes))] if rand() < 0.3 else ""
            named = event == "budget"
            rows.append([
                pid, days[origin + day], event, "" if amount is None else money(amount),
                names[int(rand() * len(names))] if named else "", funding if named else "",
                note,
            ])  # fmt: skip
        left -= len(rows)
        if len(rows) > 1 and rand() < 0.03:  # swap two neighbours on different dates
            k = int(rand() * (len(rows) - 1))
            if rows[k][1] != rows[k + 1][1]:
                rows[k], rows[k + 1] = rows[k + 1], rows[k]
        if held:
            merged = [row for pair in zip(held, rows, strict=False) for row in pair]
            merged += held[len(rows) :] + rows[len(held) :]
            held = []
            yield from merged
        elif rand() < 0.01:
            held = rows
        else:
            yield from rows
    yield from held


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_events", type=int, help="about how many events to write")
    parser.add_argument("out", help="CSV file to write")
    parser.add_argument("--projects", type=int, help="number of projects (default N_EVENTS/10)")
    parser.add_argument("--seed", type=int, default=20261124, help="random seed")
    args = parser.parse_args()
    n_projects = args.projects or max(1, args.n_events // 10)
    with open(args.out, "w", encoding="utf-8", newline="") as handle:
        # No value ever holds a comma, quote or newline (notes use the full-width comma), so
        # plain joins are valid CSV and markedly faster than csv.writer.
        handle.write(",".join(HEADER) + "\n")
        handle.writelines(
            ",".join(row) + "\n" for row in projects(args.n_events, n_projects, args.seed)
        )


if __name__ == "__main__":
    main()
