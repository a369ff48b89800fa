"""Peak memory of ``cleaners clean`` streaming a large JSONL file (Linux: reads /proc).

Build the file first (not committed), then measure::

    python bench/make_corpus.py /work/scratch/big.jsonl --mb 1000 --jsonl
    python bench/bench_memory.py /work/scratch/big.jsonl --jobs 2

Runs the command, samples the resident memory (VmRSS) of its process and of its worker
processes every 0.1 s, and prints the peaks: the main process, the largest worker, and
the whole tree at once. Then checks the output has as many records as the input.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT_SECONDS = 60


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.extend(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def count_lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("--out", type=Path, default=Path("/work/scratch/bench-memory/out.jsonl"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--profile", default="auto")
    parser.add_argument("--ignore", help="rules to leave out (passed to the command)")
    args = parser.parse_args()
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], check=True, cwd=ROOT, capture_output=True, text=True
    )
    command = [str(Path(sys.executable).parent / "cleaners"), "clean", str(args.jsonl), "-o", str(args.out)]
    command += ["--jobs", str(args.jobs), "--profile", args.profile, "-q"]
    command += ["--ignore", args.ignore] if args.ignore else []
    print(f"commit {commit.stdout.strip()}\n$ {' '.join(command)}", flush=True)
    size = args.jsonl.stat().st_size
    started = time.perf_counter()
    process = subprocess.Popen(command)
    peak_main = peak_worker = peak_total = 0
    last_report = started
    while process.poll() is None:
        main_rss = rss_kib(process.pid)
        workers = [rss_kib(child) for child in children(process.pid)]
        peak_main = max(peak_main, main_rss)
        peak_worker = max([peak_worker, *workers])
        peak_total = max(peak_total, main_rss + sum(workers))
        time.sleep(0.1)
        if time.perf_counter() - last_report >= REPORT_SECONDS:
            last_report = time.perf_counter()
            done = args.out.parent.glob(f".{args.out.name}.*.tmp")
            written = sum(p.stat().st_size for p in done) / 1e6
            print(
                f"  {last_report - started:.0f} s: {written:.0f} MB written; peaks so far: main {peak_main / 1024:.0f}"
                f" MiB, worker {peak_worker / 1024:.0f} MiB, tree {peak_total / 1024:.0f} MiB",
                flush=True,
            )
    seconds = time.perf_counter() - started
    print(f"exit {process.returncode}, {size / 1e6:.0f} MB in {seconds:.0f} s ({size / 1e6 / seconds:.2f} MB/s)")
    print(f"peak RSS: main process {peak_main / 1024:.0f} MiB, largest worker {peak_worker / 1024:.0f} MiB, ")
    print(f"          whole tree at once {peak_total / 1024:.0f} MiB ({args.jobs} workers)")
    lines_in, lines_out = count_lines(args.jsonl), count_lines(args.out)
    print(f"records: {lines_in} in, {lines_out} out")


if __name__ == "__main__":
    main()
