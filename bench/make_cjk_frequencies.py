"""Derive the Han character costs shipped in cleaners/data/encoding/han_costs.txt.

Source: the word list of jieba (``jieba/dict.txt``: word, frequency, tag; MIT licence),
with each word also converted to traditional characters by zhconv, so that traditional
text (Big5) scores like simplified text (GBK). A character's frequency is the sum of
the frequencies of the words it occurs in. Neither package is a dependency of the
project; run this in a scratch venv::

    python -m venv /tmp/v && /tmp/v/bin/pip install jieba zhconv
    /tmp/v/bin/python bench/make_cjk_frequencies.py cleaners/data/encoding/han_costs.txt

    /tmp/v/bin/python bench/make_cjk_frequencies.py cleaners/data/encoding/han_costs.txt \
        cleaners/data/encoding/han_pairs.txt

Output: one line per cost in whole bits (-log2 of the character's share), the cost
then the characters of that cost, most common first; characters rarer than
``MAX_COST`` bits are left out (the scorer gives them a fixed high cost). The second
file lists the ``PAIRS`` most common two-character words (with their traditional
forms) the same way, cost then the words run together, two characters each.
"""

from __future__ import annotations

import math
import os
import sys
from collections import Counter

import jieba
import regex
import zhconv

MAX_COST = 22
PAIRS = 24000
HAN = regex.compile(r"\p{Han}")


def main() -> None:
    out = sys.argv[1]
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    counts: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, freq, *_ = line.split()
            n = int(freq)
            forms = {word, zhconv.convert(word, "zh-tw"), zhconv.convert(word, "zh-hk")}
            for form in sorted(forms):
                for ch in HAN.findall(form):
                    counts[ch] += n
            if len(word) == 2 and len(HAN.findall(word)) == 2:
                pairs[word] += n
    if len(sys.argv) > 2:
        write_pairs(sys.argv[2], pairs)
    total = sum(counts.values())
    by_cost: dict[int, list[str]] = {}
    for ch, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        cost = max(1, round(-math.log2(n / total)))
        if cost <= MAX_COST:
            by_cost.setdefault(cost, []).append(ch)
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Han character costs in bits (-log2 share), from jieba's dict.txt + zhconv;")
        f.write(" see bench/make_cjk_frequencies.py\n")
        for cost in sorted(by_cost):
            f.write(f"{cost} {''.join(by_cost[cost])}\n")


def write_pairs(out: str, pairs: Counter[str]) -> None:
    total = sum(pairs.values())
    by_cost: dict[int, list[str]] = {}
    for word, n in sorted(pairs.items(), key=lambda item: (-item[1], item[0]))[:PAIRS]:
        cost = max(1, round(-math.log2(n / total)))
        for form in dict.fromkeys((word, zhconv.convert(word, "zh-tw"), zhconv.convert(word, "zh-hk"))):
            if len(form) == 2:
                by_cost.setdefault(cost, []).append(form)
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Two-character word costs in bits (-log2 share), from jieba's dict.txt + zhconv;")
        f.write(" see bench/make_cjk_frequencies.py\n")
        for cost in sorted(by_cost):
            f.write(f"{cost} {''.join(dict.fromkeys(by_cost[cost]))}\n")


if __name__ == "__main__":
    main()
