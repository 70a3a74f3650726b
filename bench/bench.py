"""Benchmark: Comply against a plain Python loop, end to end, CSV in, JSON Lines out.

For each size, in the same run: the plain loop (bench/plain_parcels.py or plain_budget.py,
the same core decisions without engine, explanation or ledger), then `comply parcels` or
`comply budget` as a user runs it (every core, the combination cache). Both are whole
processes, timed from start to exit, imports included. Then every subject's core decisions
are compared; a single difference stops the benchmark. Printed per run: wall seconds of
each, Comply's time as a multiple of the loop's, subjects per second, and peak memory: of
the largest process, and of all of Comply's processes together (sampled every 20 ms), both
as resident sizes summed (MB all: a library every worker maps is counted once per worker)
and as proportional set sizes summed (PSS all: shared pages counted once among them;
sampled every 200 ms).

    python bench/bench.py                                  # parcels: 10k, 100k, 1M
    python bench/bench.py budget --sizes 1000000           # 1M events over 100k projects
    python bench/bench.py parcels --sizes 1000000 --repeat 3 --jobs 1
    python bench/bench.py parcels --sizes 100000 --variants csv,json,xlsx,record

Data goes to bench/data/ (not committed) and is reused between runs.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import subprocess
import sys
import threading
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
PLAIN = {"parcels": "plain_parcels", "budget": "plain_budget"}
PSS_EVERY = 10  # samples of resident sizes per sample of proportional sizes


def generate(command: str, size: int) -> Path:
    path = DATA / f"{command}-{size}.csv"
    if not path.exists():
        DATA.mkdir(exist_ok=True)
        script, *extra = GENERATOR[command]
        subprocess.run(
            [sys.executable, str(HERE / script), str(size), str(path), *extra], check=True
        )
    return path


class TreeMemory(threading.Thread):
    """Samples the resident memory of a process and all its descendants, every 20 ms."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_sum, self.peak_one, self.done = pid, 0, 0, False
        self.peak_pss = 0

    def run(self) -> None:
        tick = 0
        while not self.done:
            tree = _tree(self.pid)
            sizes = [_rss_kb(p) for p in tree]
            self.peak_sum = max(self.peak_sum, sum(sizes))
            # Proportional sizes every 200 ms only: the kernel walks a process's every page
            # to count them (milliseconds for a few hundred MB), which every 20 ms took a
            # good part of a core from the run it measures.
            if tick % PSS_EVERY == 0:
                self.peak_pss = max(self.peak_pss, sum(_pss_kb(p) for p in tree))
            self.peak_one = max(self.peak_one, *sizes, 0)
            tick += 1
            time.sleep(0.02)


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                children = Path(f"/proc/{current}/task/{task}/children").read_text()
                todo += [int(c) for c in children.split()]
        except OSError:
            pass
    return found


def _rss_kb(pid: int) -> int:
    return _proc_kb(pid, "status", "VmRSS:")


def _pss_kb(pid: int) -> int:
    """The process's proportional set size: its private pages, and its share of the pages
    it shares with others (the libraries every worker maps count once among them, where
    the resident sizes summed count them once per process)."""
    return _proc_kb(pid, "smaps_rollup", "Pss:")


def _proc_kb(pid: int, name: str, key: str) -> int:
    """A size in kB that /proc/PID/NAME gives on the line starting with KEY (0: gone)."""
    try:
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def timed(command: list[str]) -> tuple[float, int, int, int, float, int]:
    """Wall seconds, peak RSS of the process as the kernel counts it (its largest
    descendant included), the sampled peaks of the largest process and of the tree, in MB,
    the CPU seconds of the process and every descendant it waited for (on a virtual
    machine whose host takes cycles away, CPU seconds vary less than wall seconds), and the
    sampled peak of the tree's proportional set sizes, in MB."""
    started = time.perf_counter()
    process = subprocess.Popen(command)
    sampler = TreeMemory(process.pid)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    sampler.done = True
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed with status {status}")
    cpu = usage.ru_utime + usage.ru_stime
    return (
        wall,
        usage.ru_maxrss // 1024,
        sampler.peak_one // 1024,
        sampler.peak_sum // 1024,
        cpu,
        sampler.peak_pss // 1024,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", choices=sorted(AS_OF), default="parcels")
    parser.add_argument("--sizes", default="10000,100000,1000000", help="rows per run")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--jobs", default=None, help="comply --jobs [default: comply's own]")
    parser.add_argument(
        "--variants",
        default="",
        help="also time these against JSON Lines, comma-separated: csv, json, table, xlsx, "
        "record (JSON Lines with --record to a fresh ledger)",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    plain = importlib.import_module(PLAIN[args.command])
    as_of = AS_OF[args.command]
    comply = str(Path(sys.executable).parent / "comply")
    print(
        f"comply {args.command} against a plain Python loop, CSV in, JSON Lines out, "
        f"as of {as_of}; Python {platform.python_version()}, {os.cpu_count()} cores"
        + (f", --jobs {args.jobs}" if args.jobs else "")
    )
    print(
        f"{'rows':>10} {'subjects':>9} {'loop s':>7} {'comply s':>9} {'ratio':>6} "
        f"{'loop cpu':>8} {'comply cpu':>10} {'ratio':>6} "
        f"{'subjects/s':>11} {'MB loop':>8} {'MB one':>7} {'MB all':>7} {'PSS all':>7}  statuses"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        source = generate(args.command, size)
        rows = sum(1 for _ in source.open(encoding="utf-8")) - 1
        for _ in range(args.repeat):
            ours, theirs = source.with_suffix(".comply.jsonl"), source.with_suffix(".plain.jsonl")
            loop = timed([sys.executable, str(HERE / f"{PLAIN[args.command]}.py"),
                          str(source), str(theirs), "--as-of", as_of])  # fmt: skip
            run = timed(
                [comply, args.command, str(source), "--as-of", as_of, "--format", "jsonl",
                 "--out", str(ours), *(["--jobs", args.jobs] if args.jobs else [])]
            )  # fmt: skip
            subjects, mismatches, examples = plain.compare(theirs, ours)
            if mismatches:
                sys.exit(
                    f"{mismatches} of {subjects} decisions differ, e.g.:\n" + "\n".join(examples)
                )
            counts = Counter(json.loads(line)["status"] for line in ours.open(encoding="utf-8"))
            statuses = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            print(
                f"{rows:>10,} {subjects:>9,} {loop[0]:>7.2f} {run[0]:>9.2f} "
                f"{run[0] / loop[0]:>6.2f} {loop[4]:>8.2f} {run[4]:>10.2f} "
                f"{run[4] / loop[4]:>6.2f} "
                f"{subjects / run[0]:>11,.0f} {loop[1]:>8,} "
                f"{max(run[1], run[2]):>7,} {run[3]:>7,} {run[5]:>7,}  {statuses}",
                flush=True,
            )
            for variant in filter(None, args.variants.split(",")):
                extra = _variant(comply, args, source, as_of, variant)
                print(
                    f"{'':>10} {variant:>9} {'':>7} {extra[0]:>9.2f} "
                    f"{extra[0] / run[0]:>6.2f}x of jsonl, cpu {extra[4]:>7.2f} "
                    f"{extra[4] / run[4]:>5.2f}x {'':>8} "
                    f"{max(extra[1], extra[2]):>7,} {extra[3]:>7,} {extra[5]:>7,}",
                    flush=True,
                )
            ours.unlink()
            theirs.unlink()


def _variant(
    comply: str, args: argparse.Namespace, source: Path, as_of: str, variant: str
) -> tuple[float, int, int, int, float]:
    """The same run writing another format, or JSON Lines recorded in a fresh ledger."""
    out = source.with_suffix(f".variant.{'jsonl' if variant == 'record' else variant}")
    ledger = source.with_suffix(".ledger.sqlite")
    for stale in (out, ledger, Path(f"{ledger}-wal"), Path(f"{ledger}-shm")):
        stale.unlink(missing_ok=True)
    command = [comply, args.command, str(source), "--as-of", as_of, "--out", str(out)]
    command += ["--format", "jsonl"] if variant == "record" else ["--format", variant]
    command += ["--record", "--ledger", str(ledger)] if variant == "record" else []
    command += ["--jobs", args.jobs] if args.jobs else []
    try:
        return timed(command)
    finally:
        for stale in (out, ledger, Path(f"{ledger}-wal"), Path(f"{ledger}-shm")):
            stale.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
