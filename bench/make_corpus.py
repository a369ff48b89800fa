"""Build a mixed benchmark corpus (default 200 MB) from the samples and bench/data, for the batch benchmarks.

Four kinds of documents, in these shares of the bytes:

- ``tokenized`` (30%): THULAC-tokenized pages (bench/data/detok/tok*, sample 001);
- ``wechat`` (20%): WeChat dumps (sample 002), body paragraphs varied, UI tail kept;
- ``prose`` (30%): clean prose (bench/data/detok/src, bench/data/encoding/src, samples 000/003/004);
- ``legacy`` (20%): clean Chinese prose written as GBK (GB18030 when GBK cannot hold it) or Big5.

Each document is a variation of a source: a random window of its paragraphs, rotated,
with its digits redrawn, so no two documents are byte-identical. Seeded, so the corpus
is the same on every machine. The corpus is not committed; build it in a scratch folder::

    python bench/make_corpus.py /work/scratch/corpus --mb 200
    python bench/make_corpus.py /work/scratch/corpus.jsonl --mb 1000 --jsonl   # one JSONL file

Prints the bytes and documents written per kind.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
SHARES = {"tokenized": 0.3, "wechat": 0.2, "prose": 0.3, "legacy": 0.2}
DIGIT = re.compile(r"\d")


def _read(paths: list[Path]) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(paths)]


def sources() -> dict[str, list[str]]:
    samples = ROOT / "samples"
    prose = _read(
        [
            *(DATA / "detok" / "src").glob("*.txt"),
            *(DATA / "encoding" / "src").glob("*.txt"),
            *(p for p in samples.glob("*.txt") if p.name[:3] in {"000", "003", "004"}),
        ]
    )
    return {
        "tokenized": _read(
            [
                *(DATA / "detok" / "tok").glob("*.txt"),
                *(DATA / "detok" / "tok-seed1").glob("*.txt"),
                *samples.glob("001_*.txt"),
            ]
        ),
        "wechat": _read(list(samples.glob("002_*.txt"))),
        "prose": prose,
        "legacy": [text for text in prose if re.search(r"[\u4e00-\u9fff]{20}", text)],
    }


def vary(text: str, rng: random.Random, keep_tail: bool) -> str:
    """A window of ``text``'s paragraphs, rotated, digits redrawn (a WeChat dump keeps its UI tail)."""
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 3:
        tail = paragraphs[-(len(paragraphs) // 3) :] if keep_tail else []
        body = paragraphs[: len(paragraphs) - len(tail)]
        start = rng.randrange(len(body))
        window = body[start:] + body[:start]
        paragraphs = window[: rng.randint(max(1, len(window) // 2), len(window))] + tail
    return DIGIT.sub(lambda _: str(rng.randrange(10)), "\n\n".join(paragraphs))


def encode_legacy(text: str, rng: random.Random) -> tuple[bytes, str]:
    """``text`` in a legacy Chinese encoding: Big5 for traditional text it can hold, else GBK, else GB18030."""
    for encoding in ("big5", "gbk") if rng.random() < 0.3 else ("gbk",):
        try:
            return text.encode(encoding), encoding
        except UnicodeEncodeError:
            continue
    return text.encode("gb18030"), "gb18030"


def generate(total_bytes: int, seed: int) -> Iterator[tuple[str, bytes, str]]:
    """``(kind, bytes, encoding)`` until ``total_bytes`` are out, each kind in its share."""
    rng = random.Random(seed)
    pools = sources()
    written: Counter[str] = Counter()
    kinds, weights = list(SHARES), list(SHARES.values())
    while sum(written.values()) < total_bytes:
        kind = rng.choices(kinds, weights)[0]
        if written[kind] > SHARES[kind] * total_bytes:
            continue
        text = vary(rng.choice(pools[kind]), rng, keep_tail=kind == "wechat")
        data, encoding = encode_legacy(text, rng) if kind == "legacy" else (text.encode("utf-8"), "utf-8")
        written[kind] += len(data)
        yield kind, data, encoding


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to fill (or the JSONL file with --jsonl)")
    parser.add_argument("--mb", type=float, default=200, help="size in MB (default 200)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jsonl", action="store_true", help="one JSONL file of {id, kind, text} records")
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    total = int(args.mb * 1e6)
    if args.jsonl:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with open(args.out, "wb") as handle:
            for number, (kind, data, encoding) in enumerate(generate(total, args.seed)):
                record = {"id": number, "kind": kind, "source": "make_corpus", "text": data.decode(encoding)}
                line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
                handle.write(line)
                counts[kind] += 1
                sizes[kind] += len(line)
    else:
        for number, (kind, data, _) in enumerate(generate(total, args.seed)):
            path = args.out / kind / f"{number // 1000:03}" / f"{number:07}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            counts[kind] += 1
            sizes[kind] += len(data)
    for kind in SHARES:
        print(f"{kind:<10} {counts[kind]:>7} documents {sizes[kind] / 1e6:>8.1f} MB")
    print(f"{'total':<10} {sum(counts.values()):>7} documents {sum(sizes.values()) / 1e6:>8.1f} MB -> {args.out}")


if __name__ == "__main__":
    main()
