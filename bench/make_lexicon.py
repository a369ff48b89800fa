"""Build cleaners/data/en_lexicon.txt.gz, the English word-frequency lexicon the de-tokenizer ships.

Needs wordfreq (dev only, in a scratch venv: it is about 60 MB with its data):

    python3 -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq
    /tmp/wf/bin/python bench/make_lexicon.py cleaners/data/en_lexicon.txt.gz

Each line of the output is a Zipf frequency times ten, a tab, and the space-separated lowercase
ASCII words with that frequency (words of Zipf >= 2.5, about 50,000). The word list is derived from
wordfreq's data (CC BY-SA 4.0, by Robyn Speer and contributors).
"""

import collections
import gzip
import re
import sys

import wordfreq

MIN_ZIPF = 2.5


def main() -> None:
    buckets: dict[int, list[str]] = collections.defaultdict(list)
    for word in wordfreq.top_n_list("en", 200_000):
        if re.fullmatch(r"[a-z]+", word):
            zipf = wordfreq.zipf_frequency(word, "en")
            if zipf >= MIN_ZIPF:
                buckets[round(zipf * 10)].append(word)
    lines = [f"{z}\t{' '.join(sorted(ws))}" for z, ws in sorted(buckets.items(), reverse=True)]
    with gzip.open(sys.argv[1], "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
