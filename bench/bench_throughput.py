"""Throughput of the default (auto) pipeline on a mixed corpus, against ftfy.fix_text, and --jobs scaling.

Build the corpus first (not committed)::

    python bench/make_corpus.py /work/scratch/corpus --mb 200
    python bench/bench_throughput.py /work/scratch/corpus

Three measurements in one run, on the same documents:

1. in this process, one core: ``Pipeline("auto").clean(bytes)`` (decoding included) and
   ``ftfy.fix_text(str)`` (on the text already decoded, decoding not timed), alternating
   document by document so both see the same machine state; MB of input bytes per CPU
   second (process time, so other load on the machine does not count) and the ratio;
2. the command ``cleaners clean CORPUS -o OUT --jobs 1`` and ``--jobs 2``: wall time, CPU
   time of the command and its workers, MB/s, the speed-up, and whether both outputs are
   byte-identical. The speed-up is wall time: measure on an otherwise idle machine (the
   load average is printed before and after). The file system is flushed before each run,
   so that removing one run's output tree is not paid for by the next;
3. with ``--jsonl``, the same commands on the corpus as one JSONL file (documents decoded
   to text first), which separates the cleaning's scaling from the file system's cost of
   creating one output file per document.

Figures go to stdout with the git commit they were measured at.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

import ftfy

from cleaners.batch import default_jobs
from cleaners.decode import decode
from cleaners.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
#: Pause after flushing the file system before each command run.
SETTLE_SECONDS = 5


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def in_process(files: list[Path], profile: str) -> None:
    pipeline = Pipeline(profile)
    total = ours = theirs = 0.0
    for path in files:
        data = path.read_bytes()
        text, _ = decode(data)
        started = time.process_time()
        pipeline.clean(data)
        middle = time.process_time()
        ftfy.fix_text(text)
        ours += middle - started
        theirs += time.process_time() - middle
        total += len(data)
    mb = total / 1e6
    print(f"documents: {len(files)}, {mb:.1f} MB")
    print(f"cleaners Pipeline({profile!r}).clean: {ours:.1f} CPU s, {mb / ours:.2f} MB per CPU second")
    print(f"ftfy.fix_text (defaults):         {theirs:.1f} CPU s, {mb / theirs:.2f} MB per CPU second")
    print(f"cleaners / ftfy speed ratio: {theirs / ours:.2f}x")


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in corpus_files(folder):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def as_jsonl(files: list[Path], target: Path) -> Path:
    """The corpus as one JSONL file of ``{"id", "text"}`` records (legacy bytes decoded)."""
    with target.open("w", encoding="utf-8") as out:
        for number, path in enumerate(files):
            text, _ = decode(path.read_bytes())
            out.write(json.dumps({"id": number, "text": text}, ensure_ascii=False) + "\n")
    return target


def command_line(corpus: Path, scratch: Path, jobs_list: list[int], profile: str) -> None:
    mb = sum(p.stat().st_size for p in corpus_files(corpus)) / 1e6 if corpus.is_dir() else corpus.stat().st_size / 1e6
    cleaners_bin = Path(sys.executable).parent / "cleaners"
    seconds: dict[int, float] = {}
    digests: dict[int, str] = {}
    for jobs in jobs_list:
        out = scratch / f"out-jobs{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        command = [str(cleaners_bin), "clean", str(corpus), "-o", str(out), "--jobs", str(jobs), "-q"]
        command += ["--profile", profile]
        os.sync()  # the last run's writes and removals are flushed, not paid for by this one
        time.sleep(SETTLE_SECONDS)
        started, cpu_before = time.perf_counter(), os.times()
        done = subprocess.run(command, check=False)
        seconds[jobs] = time.perf_counter() - started
        cpu_after = os.times()
        cpu = sum(cpu_after[2:4]) - sum(cpu_before[2:4])  # children's user + system time
        digests[jobs] = tree_digest(out)
        print(
            f"$ {' '.join(command)}\n  exit {done.returncode}, {seconds[jobs]:.1f} s wall, {cpu:.1f} s CPU, "
            f"{mb / seconds[jobs]:.2f} MB/s, {mb / cpu:.2f} MB per CPU second, load {load()}"
        )
        shutil.rmtree(out, ignore_errors=True)
    base = jobs_list[0]
    for jobs in jobs_list[1:]:
        same = "identical" if digests[jobs] == digests[base] else "DIFFERENT"
        print(f"--jobs {jobs} vs --jobs {base}: {seconds[base] / seconds[jobs]:.2f}x faster, outputs {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--scratch", type=Path, default=Path("/work/scratch/bench-throughput"))
    parser.add_argument("--profile", default="auto")
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values for the command runs")
    parser.add_argument("--skip-in-process", action="store_true")
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--jsonl", action="store_true", help="also run the commands on the corpus as one JSONL file")
    args = parser.parse_args()
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], check=True, cwd=ROOT, capture_output=True, text=True
    )
    print(
        f"commit {commit.stdout.strip()}, Python {platform.python_version()}, ftfy {ftfy.__version__}, "
        f"{default_jobs()} cores ({os.cpu_count()} CPUs), load {load()}"
    )
    if not args.skip_in_process:
        in_process(corpus_files(args.corpus), args.profile)
    if not args.skip_cli:
        args.scratch.mkdir(parents=True, exist_ok=True)
        jobs = [int(j) for j in args.jobs.split(",")]
        command_line(args.corpus, args.scratch, jobs, args.profile)
        if args.jsonl:
            jsonl = as_jsonl(corpus_files(args.corpus), args.scratch / "corpus.jsonl")
            command_line(jsonl, args.scratch, jobs, args.profile)
            jsonl.unlink()


if __name__ == "__main__":
    main()
