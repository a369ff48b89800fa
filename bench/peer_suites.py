"""Run the peers' own suites against our decoder and encoding repair (peer files are not committed).

Usage: python bench/peer_suites.py PEERS_DIR [--verbose]

PEERS_DIR holds ``ftfy-cases/*.json`` (ftfy's tests/test-cases) and ``cn-data/`` (charset-
normalizer's data/ samples); see /work/scratch/peers/README.txt for where they come from.

- ftfy: our mojibake repair (rule EN101 alone; ftfy.fix_encoding does not unescape HTML
  either) against ``fixed-encoding`` when the case has one, else ``fixed``, with quotes
  straightened and as they are; beside it ftfy.fix_encoding on the same checks (ftfy 6.3.1:
  152/161 with quotes straightened).
- charset-normalizer: each sample's bytes decoded by ``cleaners.decode.decode`` must equal the
  bytes decoded with the encoding charset-normalizer's tests expect (BOM stripped).
"""

from __future__ import annotations

import argparse
import json
import pathlib

import ftfy
from ftfy.fixes import uncurl_quotes

import cleaners
from cleaners.decode import decode

#: charset-normalizer's tests/test_full_detection.py: sample -> expected encoding.
CN_EXPECTED = {
    "sample-arabic-1.txt": "cp1256",
    "sample-french-1.txt": "cp1252",
    "sample-arabic.txt": "utf_8",
    "sample-russian-3.txt": "utf_8",
    "sample-french.txt": "utf_8",
    "sample-chinese.txt": "big5",
    "sample-greek.txt": "cp1253",
    "sample-greek-2.txt": "cp1253",
    "sample-hebrew-2.txt": "cp1255",
    "sample-hebrew-3.txt": "cp1255",
    "sample-bulgarian.txt": "utf_8",
    "sample-english.bom.txt": "utf_8",
    "sample-spanish.txt": "utf_8",
    "sample-korean.txt": "cp949",
    "sample-turkish.txt": "cp1254",
    "sample-russian-2.txt": "utf_8",
    "sample-russian.txt": "mac_cyrillic",
    "sample-polish.txt": "utf_8",
}


def ours(text: str) -> str:
    return cleaners.clean(text, select=["EN101"])


def ftfy_suite(folder: pathlib.Path, verbose: bool) -> None:
    cases = [
        (path.stem, case)
        for path in sorted(folder.glob("*.json"))
        for case in json.loads(path.read_text(encoding="utf-8"))
    ]
    counts = {
        "ours": 0,
        "ftfy.fix_encoding": 0,
        "ours (expect pass)": 0,
        "ftfy (expect pass)": 0,
        "ours, quotes as they are": 0,
        "ftfy, quotes as they are": 0,
    }
    for stem, case in cases:
        exact = case.get("fixed-encoding", case["fixed"])
        want = uncurl_quotes(exact)
        mine_text, theirs_text = ours(case["original"]), ftfy.fix_encoding(case["original"])
        mine = uncurl_quotes(mine_text) == want
        theirs = uncurl_quotes(theirs_text) == want
        counts["ours"] += mine
        counts["ftfy.fix_encoding"] += theirs
        counts["ours, quotes as they are"] += mine_text == exact
        counts["ftfy, quotes as they are"] += theirs_text == exact
        if case["expect"] == "pass":
            counts["ours (expect pass)"] += mine
            counts["ftfy (expect pass)"] += theirs
        if verbose and mine != theirs:
            print(f"   {'ours only' if mine else 'ftfy only'}: {stem}: {case['label']}")
    print(f"== ftfy test cases ({len(cases)}), quotes straightened, fixed-encoding else fixed")
    for name, n in counts.items():
        print(f"   {name:22s} {n}")


def cn_suite(folder: pathlib.Path, verbose: bool) -> None:
    ok = 0
    for name, expected in CN_EXPECTED.items():
        data = (folder / name).read_bytes()
        want = data.decode("utf_8_sig" if expected == "utf_8" else expected)
        text, meta = decode(data)
        good = text == want
        ok += good
        if verbose or not good:
            print(f"   {name:24s} want {expected:12s} got {meta['encoding']:12s} {'PASS' if good else 'FAIL'}")
    print(f"== charset-normalizer samples: {ok}/{len(CN_EXPECTED)} decoded as its tests expect")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("peers", type=pathlib.Path)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    ftfy_suite(args.peers / "ftfy-cases", args.verbose)
    cn_suite(args.peers / "cn-data", args.verbose)


if __name__ == "__main__":
    main()
