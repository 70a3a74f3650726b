"""Benchmark: `comply parcels` end to end on generated parcels, CSV in, JSON Lines out.

Prints, per size: wall time (process start to exit, imports included), parcels per second,
peak resident memory of the comply process, and the status counts it reported.

    python bench/parcels_bench.py                      # 10k, 100k and 1M parcels
    python bench/parcels_bench.py --sizes 100000 --repeat 3

Data goes to bench/data/ (not committed) and is reused between runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
AS_OF = "2012-08-31"


def generate(size: int) -> Path:
    path = DATA / f"parcels-{size}.csv"
    if not path.exists():
        DATA.mkdir(exist_ok=True)
        subprocess.run(
            [sys.executable, str(HERE / "gen_parcels.py"), str(size), str(path), "--as-of", AS_OF],
            check=True,
        )
    return path


def measure(source: Path) -> tuple[float, int, Counter[str]]:
    """Wall seconds, peak RSS in MB and status counts of one comply run."""
    out = source.with_suffix(".out.jsonl")
    comply = Path(sys.executable).parent / "comply"
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            str(comply),
            "parcels",
            str(source),
            "--as-of",
            AS_OF,
            "--format",
            "jsonl",
            "--out",
            str(out),
        ]
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"comply failed on {source} with status {status}")
    counts: Counter[str] = Counter()
    with out.open(encoding="utf-8") as handle:
        for line in handle:
            counts[json.loads(line)["status"]] += 1
    out.unlink()
    return wall, usage.ru_maxrss // 1024, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print(
        f"comply parcels, CSV in, JSON Lines out; Python {platform.python_version()}, "
        f"{os.cpu_count()} cores; as of {AS_OF}"
    )
    print(f"{'parcels':>10} {'wall s':>8} {'parcels/s':>10} {'peak RSS MB':>12}  statuses")
    for size in (int(s) for s in args.sizes.split(",")):
        source = generate(size)
        for _ in range(args.repeat):
            wall, rss, counts = measure(source)
            assert sum(counts.values()) == size, "every parcel must get a decision"
            statuses = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            print(
                f"{size:>10,} {wall:>8.2f} {size / wall:>10,.0f} {rss:>12,}  {statuses}", flush=True
            )


if __name__ == "__main__":
    main()
