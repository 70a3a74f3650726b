"""Generate a large, valid parcels file (the idle-land input contract) for benchmarks.

Usage:
    python bench/gen_parcels.py N OUT.csv [--seed 20261124] [--as-of 2012-08-31]

Writes N land-transfer parcels row by row, so memory stays flat (1,000,000 rows take a few
seconds); the same seed gives the same file. The first rows are boundary cases computed from
the as-of date (anniversaries and the day after, 29 February, a halt exactly a year back,
invested exactly 0.25). Then a mix, as of that date: about 40% started and compliant, 5%
stalled (Art. 2 ¶2), 15% not yet due, 15% overdue under a year, 25% idle (15% one to two
years, 10% two or more). Causes are mostly the holder's, some government or force majeure,
verified or not, some with verified government delay days; about 20% are mortgaged, 2%
hoarding, 5% have only a delivery date. Random dates stay at least three days clear of the
anniversaries, so every row lands in its intended group.
"""

from __future__ import annotations

import argparse
import calendar
import random
from collections.abc import Callable, Iterator
from datetime import date, timedelta

# fmt: off
HEADER = [
    "parcel_id", "holder", "supply", "price", "agreed_start", "delivered_on", "extended_start",
    "agreement_signed_on", "started_on", "developed_ratio", "invested_ratio", "halted_on",
    "cause", "cause_verified", "government_delay_days", "mortgaged", "mortgagee", "fee_levied_on",
    "investigation_notice_on", "determination_on", "filed_in_monitoring", "hoarding",
]
PLACES = ["河南", "中原", "郑州", "洛阳", "开封", "许昌", "豫", "嵩山", "黄河", "伏牛", "中州"]
CORES = ["鑫源", "宏达", "华盛", "恒基", "锦泰", "天昊", "瑞祥", "嘉和", "鼎盛", "永丰",
         "汇通", "凯旋", "润和", "盛世", "金鼎", "华宇"]
KINDS = ["置业有限公司", "房地产开发有限公司", "实业有限公司", "商贸有限公司", "物流有限公司",
         "机械制造有限公司", "建设投资有限公司", "科技有限公司", "食品有限公司"]
BANKS = ["中国工商银行股份有限公司", "中国农业银行股份有限公司", "中国银行股份有限公司",
         "中国建设银行股份有限公司", "交通银行股份有限公司", "中信银行股份有限公司"]
BRANCHES = ["城东支行", "城西支行", "新区支行", "经济开发区支行", "人民路支行", "区直支行"]
# fmt: on
COL = {name: i for i, name in enumerate(HEADER)}
PAST, FUTURE = 2200, 900  # days of dates kept either side of the as-of date


def add_years(day: date, years: int) -> date:
    """The same calendar date `years` later, or the month's last day if it does not exist."""
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def ratio(n: int) -> str:
    """A share given in ten-thousandths, as a plain decimal. One third typed rounded (0.33,
    0.333, 0.3333) is refused where it decides (L15): those become the next share on the
    same side of the threshold."""
    n = {3300: 3301, 3330: 3331, 3333: 3332}.get(n, n)
    return "1" if n >= 10000 else f"0.{n:04d}"


def price(rand: Callable[[], float]) -> str:
    """A transfer price in yuan, 5 to 300 million, whole ten-thousands or to the fen."""
    if rand() < 0.7:
        return str((500 + int(rand() * 29501)) * 10000)
    fen = 500_000_000 + int(rand() * 29_500_000_001)
    return f"{fen // 100}.{fen % 100:02d}"


def boundary_rows(as_of: date) -> list[dict[str, str]]:
    """Rows at the edges the rules count from (decisions.md L1, L2, L5, L6, L7)."""
    day, year_ago, two_ago = timedelta(days=1), add_years(as_of, -1), add_years(as_of, -2)
    leaps = [date(y, 2, 29) for y in range(as_of.year, 1900, -1) if calendar.isleap(y)]
    leap, leap_old = [d for d in leaps if d <= as_of][:2]

    def at(start: date, **extra: str) -> dict[str, str]:
        return {"agreed_start": start.isoformat(), **extra}

    def halted(on: date, developed: str, invested: str) -> dict[str, str]:
        return at(on - 400 * day, delivered_on=str(on - 700 * day),
                  started_on=str(on - 200 * day), halted_on=str(on),
                  developed_ratio=developed, invested_ratio=invested)  # fmt: skip

    procedure = {"investigation_notice_on": str(as_of - 70 * day),
                 "determination_on": str(as_of - 30 * day),
                 "fee_levied_on": str(as_of - 5 * day)}  # fmt: skip
    return [  # comments give the outcome as of a usual date; 29 February shifts some (L1)
        at(year_ago),  # overdue: idle from tomorrow
        at(year_ago - day),  # idle from today: fee
        at(as_of),  # not yet due
        at(as_of - day),  # overdue by one day
        at(two_ago),  # idle, not yet two full years: fee
        at(two_ago - day, mortgaged="true", mortgagee=BANKS[0] + BRANCHES[0]),  # reclaim
        at(leap),  # a 29 February start
        {"delivered_on": str(leap_old)},  # start one year after a 29 February delivery
        halted(year_ago, "0.1000", "0.1000"),  # halted a year ago today: not yet stalled
        halted(year_ago - day, "0.1000", "0.1000"),  # halted a full year: stalled
        halted(two_ago, "0.5000", "0.25"),  # invested exactly 25% is not under: compliant
        halted(two_ago, "0.3332", "0.5000"),  # 0.3332 is under 1/3: stalled
        at(year_ago - 31 * day, government_delay_days="30"),  # delay: idle from today
        # Art. 12(1): a new start date a year after the agreement's signing
        at(
            year_ago - day, extended_start=str(as_of - day), agreement_signed_on=str(year_ago - day)
        ),
        at(year_ago - 60 * day, **procedure),  # the fee was levied: no second fee
        at(year_ago - 90 * day, cause="government"),  # unverified: verify first
        at(two_ago - 90 * day, cause="force_majeure", cause_verified="true"),  # negotiate
    ]


def rows(n: int, seed: int, as_of: date) -> Iterator[list[str]]:
    """N rows of the contract, boundary cases first; nothing is kept between rows."""
    rng = random.Random(seed)
    rand = rng.random

    def randint(low: int, high: int) -> int:  # random.randint is slow: it checks arguments
        return low + int(rand() * (high - low + 1))

    def pick(items: list[str]) -> str:
        return items[int(rand() * len(items))]

    origin = as_of - timedelta(days=PAST)
    dates = [(origin + timedelta(days=i)).isoformat() for i in range(PAST + FUTURE + 1)]

    def iso(offset: int) -> str:  # offset in days from the as-of date
        return dates[offset + PAST]

    holders = [p + c + k for p in PLACES for c in CORES for k in KINDS]
    banks = [b + br for b in BANKS for br in BRANCHES]
    edges = boundary_rows(as_of)
    flags = ("cause_verified", "mortgaged", "filed_in_monitoring", "hoarding")
    blank = ["false" if name in flags else "" for name in HEADER]
    for i in range(1, n + 1):
        row = blank.copy()
        row[0], row[1], row[2], row[3] = f"B{i:07d}", pick(holders), "transfer", price(rand)
        if rand() < 0.2:
            row[COL["mortgaged"]], row[COL["mortgagee"]] = "true", pick(banks)
        if i <= len(edges):
            for name, value in edges[i - 1].items():
                row[COL[name]] = value
            yield row
            continue
        group = rand()
        if group < 0.45:  # started: compliant, or (the last 5%) stalled
            stalled = group >= 0.40
            started = randint(-1800, -400) if stalled else randint(-1800, 0)
            delivered = started - randint(30, 400)
            row[COL["agreed_start"]] = iso(min(started + randint(-200, 200), FUTURE))
            row[COL["delivered_on"]], row[COL["started_on"]] = iso(delivered), iso(started)
            if stalled or rand() < 0.3:
                halt = randint(started, -370) if stalled else randint(started, 0)
                if stalled:  # under one third developed, or under 25% invested
                    under_third = rand() < 0.5
                    # 0.3333 would be one third typed rounded, refused where it decides (L15)
                    dev = randint(0, 3332) if under_third else randint(3334, 10000)
                    inv = randint(2500, 10000) if under_third else randint(0, 2499)
                elif halt > -360:  # halted under a year: any ratios, nothing stalls yet
                    dev, inv = randint(0, 10000), randint(0, 10000)
                else:  # halted a year or more: at or above both thresholds
                    dev, inv = randint(3334, 10000), randint(2500, 10000)
                row[COL["halted_on"]] = iso(halt)
                row[COL["developed_ratio"]], row[COL["invested_ratio"]] = ratio(dev), ratio(inv)
            elif rand() < 0.5:
                row[COL["developed_ratio"]] = ratio(randint(0, 10000))
                row[COL["invested_ratio"]] = ratio(randint(0, 10000))
            yield row
            continue
        # Not started: the effective start date, by group, clear of the anniversaries.
        if group < 0.60:
            start = randint(3, 540)  # not yet due
        elif group < 0.75:
            start = randint(-360, -3)  # overdue
        elif group < 0.90:
            start = randint(-725, -370)  # idle one to two years
        else:
            start = randint(-1800, -735)  # idle two years or more
        idle = group >= 0.75
        cause = rand()
        if idle and cause >= 0.80:
            row[COL["cause"]] = "government" if cause < 0.92 else "force_majeure"
            row[COL["cause_verified"]] = "true" if rand() < 0.6 else "false"
        elif cause < 0.3:
            row[COL["cause"]] = "holder"
        shape = rand()
        if row[COL["cause"]] in ("", "holder") and shape < 0.05:
            delay = randint(30, 330)  # verified government delay inside a holder case
            row[COL["agreed_start"]] = iso(start - delay)
            row[COL["government_delay_days"]] = str(delay)
        elif not idle and shape < 0.08:
            row[COL["extended_start"]] = iso(start)  # Art. 12(1), signed by the as-of date
            row[COL["agreement_signed_on"]] = iso(min(start, 0) - randint(0, 60))
            row[COL["agreed_start"]] = iso(start - randint(90, 365))
        elif shape < 0.16 and iso(start)[5:] != "02-29":
            row[COL["delivered_on"]] = add_years(as_of + timedelta(days=start), -1).isoformat()
        else:
            row[COL["agreed_start"]] = iso(start)
        if not row[COL["delivered_on"]] and rand() < 0.9:
            row[COL["delivered_on"]] = iso(start - randint(60, 400))
        if idle:
            row[COL["filed_in_monitoring"]] = "true" if rand() < 0.4 else "false"
            row[COL["hoarding"]] = "true" if rand() < 0.08 else "false"
            if rand() < 0.45:  # investigation done so far, after the land became idle
                notice = randint(max(start + 367, -400), 0)
                row[COL["investigation_notice_on"]] = iso(notice)
                determined = notice + randint(31, 90)
                if determined <= 0 and rand() < 0.55:
                    row[COL["determination_on"]] = iso(determined)
                    levied = determined + randint(10, 60)
                    if levied <= 0 and rand() < 0.4:
                        row[COL["fee_levied_on"]] = iso(levied)
        yield row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of parcels")
    parser.add_argument("out", help="CSV file to write")
    parser.add_argument("--seed", type=int, default=20261124, help="random seed")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2012, 8, 31),
                        help="the date the mix is judged on (YYYY-MM-DD)")  # fmt: skip
    args = parser.parse_args()
    with open(args.out, "w", encoding="utf-8", newline="") as handle:
        # No value ever holds a comma, quote or newline, so plain joins are valid CSV (and
        # markedly faster than csv.writer).
        handle.write(",".join(HEADER) + "\n")
        handle.writelines(",".join(row) + "\n" for row in rows(args.n, args.seed, args.as_of))


if __name__ == "__main__":
    main()
