"""Real-world CJK mojibake: short snippets quoted from public files and threads, scored by exact match.

Usage (ftfy is in the dev venv)::

    .venv/bin/python bench/bench_realworld.py              # the table
    .venv/bin/python bench/bench_realworld.py --verbose    # and every miss: original, expected, got
    .venv/bin/python bench/bench_realworld.py --verbose --systems encoding_only

Data: ``bench/data/encoding/realworld/cases.jsonl`` (see its README.md), one JSON object a line:
``original`` (the text as found), ``fixed`` (the text it should become; equal to ``original`` for
unrecoverable damage and for near misses), ``kind``, ``recoverable``, ``lossy`` (bytes were lost or
altered on the way), ``source``, and an optional ``note``.

Systems: ``encoding_only`` = ``cleaners.clean(original, select=["DC","EN","UC","UN"])`` (the
encoding and Unicode stages alone, as bench/bench_encoding.py scores them), ``auto`` =
``cleaners.clean(original)``, and the peers ``ftfy.fix_text`` (defaults) and ``ftfy.fix_encoding``.

Figures per system: exact / total per kind; recoverable-exact (split into lossless and lossy);
unrecoverable-unchanged; near-miss-unchanged. The issue-7 target: all but two recoverable cases
exact, every unrecoverable case unchanged.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import cleaners

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "bench" / "data" / "encoding" / "realworld" / "cases.jsonl"
ENCODING_STAGES = ["DC", "EN", "UC", "UN"]
NEAR_MISS = "near-miss"


def encoding_only(text: str) -> str:
    return cleaners.clean(text, select=ENCODING_STAGES)


def auto(text: str) -> str:
    return cleaners.clean(text)


def _ftfy(name: str) -> Callable[[str], str]:
    import ftfy

    return getattr(ftfy, name)  # type: ignore[no-any-return]


SYSTEMS: dict[str, Callable[[], Callable[[str], str]]] = {
    "encoding_only": lambda: encoding_only,
    "auto": lambda: auto,
    "ftfy.fix_text": lambda: _ftfy("fix_text"),
    "ftfy.fix_encoding": lambda: _ftfy("fix_encoding"),
}


def load(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def group(case: dict[str, object]) -> str:
    if case["kind"] == NEAR_MISS:
        return "near-miss-unchanged"
    if not case["recoverable"]:
        return "unrecoverable-unchanged"
    return "recoverable-exact (lossy)" if case["lossy"] else "recoverable-exact (lossless)"


def score(name: str, tool: Callable[[str], str], cases: list[dict[str, object]], verbose: bool) -> None:
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_group: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for number, case in enumerate(cases, 1):
        original, expected = str(case["original"]), str(case["fixed"])
        got = tool(original)
        hit = got == expected
        for table, key in ((by_kind, str(case["kind"])), (by_group, group(case))):
            table[key][0] += hit
            table[key][1] += 1
        if not hit:
            misses.append((number, case, got))
    total = sum(right for right, _ in by_kind.values())
    print(f"== {name}: exact {total}/{len(cases)}")
    for kind in sorted(by_kind):
        right, count = by_kind[kind]
        print(f"   {kind:32} {right:3}/{count:<3}")
    recoverable = [by_group[key] for key in by_group if key.startswith("recoverable")]
    right, count = sum(r for r, _ in recoverable), sum(c for _, c in recoverable)
    print(f"   {'recoverable-exact (all)':32} {right:3}/{count:<3} (misses: {count - right})")
    for key in sorted(by_group):
        right, count = by_group[key]
        print(f"   {key:32} {right:3}/{count:<3}")
    if verbose:
        for number, case, got in misses:
            print(f"   -- miss #{number} [{case['kind']}{', lossy' if case['lossy'] else ''}] {case['source']}")
            print(f"      original: {case['original']!r}")
            print(f"      expected: {case['fixed']!r}")
            print(f"      got:      {got!r}")
    print(flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=Path, default=CASES)
    ap.add_argument("--systems", nargs="+", choices=list(SYSTEMS), default=list(SYSTEMS))
    ap.add_argument("--verbose", action="store_true", help="list every miss: original, expected, got")
    args = ap.parse_args()
    cases = load(args.cases)
    for name in args.systems:
        score(name, SYSTEMS[name](), cases, args.verbose)


if __name__ == "__main__":
    main()
