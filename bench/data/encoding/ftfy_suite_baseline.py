"""How many of ftfy's own JSON test cases ftfy passes (baseline for the peer suite).

Usage: python ftfy_suite_baseline.py CASES_DIR [--verbose]
CASES_DIR holds ftfy's tests/test-cases/*.json (label, original, fixed,
optional fixed-encoding, expect "pass"/"fail"). Needs `pip install ftfy`.

Criteria, each counted on the cases with expect == "pass" and on all cases:
  fix_encoding, uncurled vs fixed: uncurl(fix_encoding(original)) == uncurl(fixed)
  fix_encoding, ftfy's rule:       fix_encoding(original) == fixed-encoding (else fixed),
                                   the check ftfy's own test_examples_in_json.py makes
  fix_text:                        fix_text(original) == fixed
"""
import argparse
import collections
import json
import pathlib

import ftfy
from ftfy.fixes import uncurl_quotes


def checks(case: dict) -> dict:
    orig, fixed = case["original"], case["fixed"]
    enc = ftfy.fix_encoding(orig)
    return {
        "fix_encoding, uncurled vs fixed": uncurl_quotes(enc) == uncurl_quotes(fixed),
        "fix_encoding, ftfy's rule": enc == case.get("fixed-encoding", fixed),
        "fix_text": ftfy.fix_text(orig) == fixed,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--verbose", action="store_true", help="list the cases each check fails")
    args = ap.parse_args()
    cases = []
    for path in sorted(pathlib.Path(args.dir).glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            cases.append((path.stem, case))
    print(f"ftfy {ftfy.__version__}, {len(cases)} cases from {args.dir}")
    per_file = collections.defaultdict(collections.Counter)
    totals = {"pass": collections.Counter(), "all": collections.Counter()}
    fails = collections.defaultdict(list)
    for stem, case in cases:
        res = checks(case)
        subsets = ["all"] + (["pass"] if case["expect"] == "pass" else [])
        for subset in subsets:
            totals[subset]["n"] += 1
            for name, ok in res.items():
                totals[subset][name] += ok
        per_file[stem]["n"] += 1
        for name, ok in res.items():
            per_file[stem][name] += ok
            if not ok:
                fails[name].append(f"{stem}: {case['label']}")
    names = list(checks({"original": "", "fixed": ""}))
    for subset, label in (("pass", 'expect == "pass"'), ("all", "all cases")):
        n = totals[subset]["n"]
        print(f"== {label}: {n} cases")
        for name in names:
            k = totals[subset][name]
            print(f"   {name:34s} {k:4d}/{n:<4d} = {k / max(n, 1):.3f}")
    print("== per file (all cases)")
    for stem, row in sorted(per_file.items()):
        cells = "  ".join(f"{row[name]}/{row['n']}" for name in names)
        print(f"   {stem:20s} {cells}   ({', '.join(names)})")
    if args.verbose:
        for name in names:
            print(f"== failing: {name}")
            for line in fails[name]:
                print("   " + line)


if __name__ == "__main__":
    main()
