"""Score the de-tokenizer on bench/data/detok and measure its speed.

Usage (needs rapidfuzz, a bench-only tool: ``pip install rapidfuzz``)::

    .venv/bin/python bench/bench_detok.py [--data bench/data/detok] [--split tok] [--profile auto]

Prints, for each noisy split, the figures of ``/work/shared/bench/score_detok.py`` computed the
same way (cer_strict: edit distance over gold length with whitespace folded per paragraph;
cer_lenient: the same ignoring whitespace next to CJK; latin_ok: share of the gold's Latin and
number tokens found whole), whether the clean gold texts come back unchanged, and the throughput
in MB/s of tokenized text per core (CPU time of the whole ``cleaners.clean`` pipeline, best of five,
the de-tokenizer's caches emptied before each run). ``--select WS`` also times the WS rules alone
(with detection), on the noisy splits and on the clean gold::

    .venv/bin/python bench/bench_detok.py --select WS
"""

from __future__ import annotations

import argparse
import collections
import pathlib
import re
import sys
import time

from rapidfuzz.distance import Levenshtein

import cleaners
from cleaners.rules import detokenize, latin_rejoin, lexicon, tokenized_detect

CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’—…·"


#: Timed runs per figure; the best counts (the machine may be shared).
REPEATS = 5


def fold(text: str) -> list[str]:
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return [re.sub(r"\s+", " ", p).strip() for p in paragraphs]


def lenient(text: str) -> str:
    return re.sub(rf"(?<=[{CJK}])\s+", "", re.sub(rf"\s+(?=[{CJK}])", "", text))


def latin_tokens(text: str) -> collections.Counter[str]:
    return collections.Counter(re.findall(r"[!-~]+", lenient(re.sub(r"\s+", " ", text))))


def score(pairs: list[tuple[str, str]]) -> dict[str, float]:
    dist_s = dist_l = len_s = len_l = want = got = 0
    for gold, out in pairs:
        g, o = "\n".join(fold(gold)), "\n".join(fold(out))
        dist_s += Levenshtein.distance(g, o)
        len_s += len(g)
        dist_l += Levenshtein.distance(lenient(g), lenient(o))
        len_l += len(lenient(g))
        expected, found = latin_tokens(gold), latin_tokens(out)
        want += sum(expected.values())
        got += sum((expected & found).values())
    return {"cer_strict": dist_s / max(len_s, 1), "cer_lenient": dist_l / max(len_l, 1), "latin_ok": got / max(want, 1)}


def forget_caches() -> None:
    """Empty the de-tokenizer's memo caches (not the lexicon's loaded data), so every timed run sees new documents."""
    for module in (detokenize, latin_rejoin, lexicon, tokenized_detect):
        for name, value in vars(module).items():
            if hasattr(value, "cache_clear") and name != "_lexicon":
                value.cache_clear()


def throughput(texts: list[str], profile: str, select: list[str] | None) -> float:
    pipeline = cleaners.Pipeline(profile, select=select)
    size = sum(len(t.encode("utf-8")) for t in texts)
    best = float("inf")
    for _ in range(REPEATS):
        forget_caches()
        start = time.process_time()
        for text in texts:
            pipeline.clean(text)
        best = min(best, time.process_time() - start)
    return size / best / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(pathlib.Path(__file__).parent / "data" / "detok"))
    parser.add_argument("--split", action="append", help="noisy folder(s) under --data (default: tok, tok-seed1)")
    parser.add_argument("--profile", default="auto")
    parser.add_argument(
        "--select", action="append", help="time only these rules (e.g. WS), as well as the whole profile"
    )
    args = parser.parse_args()
    data = pathlib.Path(args.data)
    golds = {p.stem: p.read_text(encoding="utf-8") for p in sorted((data / "src").glob("*.txt"))}
    for split in args.split or ["tok", "tok-seed1"]:
        noisy = {p.name.split(".")[0]: p.read_text(encoding="utf-8") for p in sorted((data / split).glob("*.tok.txt"))}
        pairs = [(golds[k], cleaners.clean(v, profile=args.profile)) for k, v in noisy.items() if k in golds]
        figures = " ".join(f"{k}={v:.4f}" for k, v in score(pairs).items())
        speed = throughput(list(noisy.values()), args.profile, None)
        line = f"{split:12s} {figures} docs={len(pairs)} speed={speed:.2f}MB/s"
        if args.select:
            line += (
                f" speed[{','.join(args.select)}]={throughput(list(noisy.values()), args.profile, args.select):.2f}MB/s"
            )
        print(line)
    for select in [None, args.select] if args.select else [None]:
        unchanged = sum(cleaners.clean(g, profile=args.profile, select=select) == g for g in golds.values())
        label = f"[{','.join(select)}]" if select else ""
        speed = throughput(list(golds.values()), args.profile, select)
        print(f"{'clean gold':12s} unchanged{label}={unchanged}/{len(golds)} speed{label}={speed:.2f}MB/s")
    sys.exit(0)


if __name__ == "__main__":
    main()
