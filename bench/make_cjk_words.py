"""Derive the CJK word costs shipped in cleaners/data/encoding/cjk_words.txt.xz.

They let :mod:`cleaners.lost_bytes` judge a guessed character by the words it would make
with its neighbours (a word unigram model, best segmentation of a few characters around it).

Sources, none of them a dependency of the project:

- Chinese: the word list of jieba (``jieba/dict.txt``: word, frequency, tag; MIT licence), and
  wordfreq's ``best`` list (CC BY-SA 4.0; words as jieba splits running text, so it has the
  common pairs a dictionary leaves out: 这一, 将于, 按下), each word also in traditional
  characters by zhconv (as bench/make_cjk_frequencies.py does);
- Japanese and Korean: wordfreq's ``best`` lists (tokens as MeCab splits them, so particles
  and endings are words of their own: の, は, 이, 는).

A word's cost is ``-log2`` of its share of its language's list; a word in two lists keeps the
lower cost. Kept: words of Han, kana (with ー) or hangul only, up to :data:`MAX_LENGTH`
characters, the :data:`KEEP` most common of each language (enough for the compounds and names a
guess must complete, 正整数, 台积电, 斯图尔特, within about 1.8 MB of xz). Run in a scratch venv::

    python -m venv /tmp/v && /tmp/v/bin/pip install jieba zhconv wordfreq
    /tmp/v/bin/python bench/make_cjk_words.py cleaners/data/encoding/cjk_words.txt.xz

Output (xz, UTF-8): one line per word length and first character, the length, then the words
sorted and written together (they are all that long), then their costs in hundredths of a bit
separated by commas. :class:`cleaners.word_table.WordTable` keeps each line as it is, so the
430,000 words take a few MiB in memory, not the 70 of a dict.
"""

from __future__ import annotations

import lzma
import math
import os
import sys

import jieba
import regex
import wordfreq
import zhconv

MAX_LENGTH = 5
KEEP = {"jieba": 150000, "zh": 200000, "ja": 80000, "ko": 30000}
WORD = {
    "jieba": regex.compile(r"\p{Han}+"),
    "zh": regex.compile(r"\p{Han}+"),
    "ja": regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー]+"),
    "ko": regex.compile(r"\p{Hangul}+"),
}


def chinese() -> dict[str, float]:
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    counts: dict[str, int] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, freq, *_ = line.split()
            if len(word) <= MAX_LENGTH and WORD["jieba"].fullmatch(word):
                counts[word] = counts.get(word, 0) + int(freq)
    total = sum(counts.values())
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[: KEEP["jieba"]]
    costs: dict[str, float] = {}
    for word, n in top:
        bits = -math.log2(n / total)
        for form in (word, zhconv.convert(word, "zh-tw"), zhconv.convert(word, "zh-hk")):
            if len(form) == len(word):
                costs[form] = min(costs.get(form, bits), bits)
    return costs


def from_wordfreq(lang: str) -> dict[str, float]:
    frequencies = wordfreq.get_frequency_dict(lang, "best")
    kept = [(w, f) for w, f in frequencies.items() if len(w) <= MAX_LENGTH and WORD[lang].fullmatch(w)]
    costs: dict[str, float] = {}
    for word, f in kept[: KEEP[lang]]:
        bits = -math.log2(f)
        forms = (word, zhconv.convert(word, "zh-tw"), zhconv.convert(word, "zh-hk")) if lang == "zh" else (word,)
        for form in forms:
            if len(form) == len(word):
                costs[form] = min(costs.get(form, bits), bits)
    return costs


def main() -> None:
    costs: dict[str, float] = {}
    for part in (chinese(), from_wordfreq("zh"), from_wordfreq("ja"), from_wordfreq("ko")):
        for word, bits in part.items():
            costs[word] = min(costs.get(word, bits), bits)
    groups: dict[tuple[int, str], list[tuple[str, int]]] = {}
    for word, bits in sorted(costs.items()):
        groups.setdefault((len(word), word[0]), []).append((word, max(1, round(bits * 100))))
    with lzma.open(sys.argv[1], "wt", encoding="utf-8", preset=9 | lzma.PRESET_EXTREME) as f:
        f.write("# CJK word costs in hundredths of a bit (-log2 share): jieba dict.txt and wordfreq zh + zhconv,")
        f.write(" wordfreq ja and ko; see bench/make_cjk_words.py\n")
        for (length, _), entries in sorted(groups.items()):
            words = "".join(word for word, _ in entries)
            f.write(f"{length} {words} {','.join(str(hundredths) for _, hundredths in entries)}\n")


if __name__ == "__main__":
    main()
