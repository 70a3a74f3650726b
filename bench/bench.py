"""Benchmark: `comply parcels` and `comply budget` end to end, CSV in, JSON Lines out.

Prints, per size: wall time (process start to exit, imports included), rows per second,
peak resident memory of the comply process, and the status counts it reported.

    python bench/bench.py                                  # parcels: 10k, 100k, 1M
    python bench/bench.py budget --sizes 1000000           # 1M events over 100k projects
    python bench/bench.py parcels --sizes 100000 --repeat 3

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
AS_OF = {"parcels": "2012-08-31", "budget": "2012-12-31"}
GENERATOR = {
    "parcels": ["gen_parcels.py", "--as-of", AS_OF["parcels"]],
    "budget": ["gen_budget.py"],
}


def generate(command: str, size: int) -> Path:
    path = DATA / f"{command}-{size}.csv"
    if not path.exists():
        DATA.mkdir(exist_ok=True)
        script, *extra = GENERATOR[command]
        subprocess.run(
            [sys.executable, str(HERE / script), str(size), str(path), *extra], check=True
        )
    return path


def measure(command: str, source: Path) -> tuple[float, int, Counter[str]]:
    """Wall seconds, peak RSS in MB and status counts of one comply run."""
    out = source.with_suffix(".out.jsonl")
    comply = Path(sys.executable).parent / "comply"
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            str(comply),
            command,
            str(source),
            "--as-of",
            AS_OF[command],
            "--format",
            "jsonl",
            "--out",
            str(out),
        ]
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"comply {command} failed on {source} with status {status}")
    counts: Counter[str] = Counter()
    with out.open(encoding="utf-8") as handle:
        for line in handle:
            counts[json.loads(line)["status"]] += 1
    out.unlink()
    return wall, usage.ru_maxrss // 1024, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", choices=sorted(AS_OF), default="parcels")
    parser.add_argument("--sizes", default="10000,100000,1000000", help="rows per run")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print(
        f"comply {args.command}, CSV in, JSON Lines out, as of {AS_OF[args.command]}; "
        f"Python {platform.python_version()}, {os.cpu_count()} cores"
    )
    print(f"{'rows':>10} {'subjects':>9} {'wall s':>8} {'rows/s':>9} {'peak RSS MB':>12}  statuses")
    for size in (int(s) for s in args.sizes.split(",")):
        source = generate(args.command, size)
        rows = sum(1 for _ in source.open(encoding="utf-8")) - 1
        for _ in range(args.repeat):
            wall, rss, counts = measure(args.command, source)
            statuses = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            print(
                f"{rows:>10,} {sum(counts.values()):>9,} {wall:>8.2f} {rows / wall:>9,.0f} "
                f"{rss:>12,}  {statuses}",
                flush=True,
            )


if __name__ == "__main__":
    main()
