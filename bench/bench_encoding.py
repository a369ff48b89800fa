"""Encoding benchmark: the dev set scored with the shared scorer, and the speed of decode + repair on clean UTF-8.

Usage (needs rapidfuzz, ftfy and charset-normalizer for the scorer's baselines)::

    .venv/bin/python bench/bench_encoding.py            # bench/data/encoding and its extra/
    .venv/bin/python bench/bench_encoding.py --only tool --speed-mb 20

1. ``/work/shared/bench/score_encoding.py`` (or ``--scorer``) on each case folder, twice:
   ``encoding``: decoding plus the decode, encoding and Unicode stages alone (what issue 7 is
   about), and ``auto``: the whole ``auto`` profile, as the founders score it, so that another
   stage breaking an encoding case shows.
2. The pooled CER of the lossy cases (issue 7: < 2%).
3. MB/s of ``decode`` + rule EN101 on clean UTF-8 (the samples and the dev sources, repeated
   to ``--speed-mb``), the common case, which must stay cheap (issue 7: >= 20 MB/s); and a
   check that every clean document comes back byte-identical from that stage.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import cleaners
from cleaners.decode import decode
from cleaners.mojibake import repair

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "encoding"
ENCODING_STAGES = ["DC", "EN", "UC", "UN"]


def encoding_only(data: bytes | str) -> str:
    """The decode, encoding and Unicode stages alone (what ``--py bench_encoding:encoding_only`` scores)."""
    return cleaners.clean(data, select=ENCODING_STAGES)


def auto(data: bytes | str) -> str:
    return cleaners.clean(data)


def score(scorer: Path, folder: Path, only: str | None) -> None:
    for name in ("encoding_only", "auto"):
        args = [sys.executable, str(scorer), str(folder), "--py", f"bench_encoding:{name}"]
        if only:
            args += ["--only", only]
        env = {**os.environ, "PYTHONPATH": f"{Path(__file__).parent}{os.pathsep}{ROOT}"}
        print(f"## {folder.relative_to(ROOT)} -- tool = {name}", flush=True)
        subprocess.run(args, check=False, env=env)


def lossy_cer() -> None:
    """Pooled CER over the lossy kinds (UTF-8 read as GBK with bytes lost, and the partial cases)."""
    import re

    from rapidfuzz.distance import Levenshtein

    def fold(text: str) -> str:
        return re.sub(r"\s+", " ", text).strip()

    for name, tool in (("encoding_only", encoding_only), ("auto", auto)):
        distance = length = cases = 0
        for case in sorted((DATA / "cases").glob("*.bin")):
            if "__moji-utf8-as-gbk__" not in case.name and "__moji-partial__" not in case.name:
                continue
            gold = fold((DATA / "gold" / f"{case.stem}.txt").read_text(encoding="utf-8"))
            distance += Levenshtein.distance(fold(tool(case.read_bytes())), gold)
            length += len(gold)
            cases += 1
        print(f"## lossy cases ({cases}: utf8-as-gbk and partial), tool = {name}: CER {distance / length:.4f}")


def clean_documents() -> list[bytes]:
    paths = sorted((ROOT / "samples").glob("*.txt")) + sorted((DATA / "src").glob("*.txt"))
    return [path.read_bytes() for path in paths]


def speed(megabytes: float) -> None:
    documents = clean_documents()
    for data in documents:
        text = decode(data)[0]
        if repair(text)[0].encode("utf-8") != data:
            print("NOT byte-identical after decode + repair:", data[:40])
    size = sum(map(len, documents))
    rounds = max(1, int(megabytes * 1e6 / size))
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for data in documents:
            repair(decode(data)[0])
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    total = size * rounds / 1e6
    print(
        f"## decode + repair on clean UTF-8: {total:.1f} MB in {seconds:.2f} s = {total / seconds:.1f} MB/s"
        f" (CPU time {cpu:.2f} s = {total / cpu:.1f} MB/s; load average {os.getloadavg()[0]:.1f})"
    )
    print(f"   ({len(documents)} documents, {size} bytes, repeated {rounds} times; all byte-identical unless listed)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scorer", type=Path, default=Path("/work/shared/bench/score_encoding.py"))
    ap.add_argument("--only", help="score only this system (e.g. tool); default: the baselines too")
    ap.add_argument("--speed-mb", type=float, default=20.0)
    args = ap.parse_args()
    for folder in (DATA, DATA / "extra"):
        score(args.scorer, folder, args.only)
    lossy_cer()
    speed(args.speed_mb)


if __name__ == "__main__":
    main()
