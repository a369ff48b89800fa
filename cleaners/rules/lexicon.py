"""An English word-frequency lexicon, shipped as package data, for deciding whether letters form a word.

The data file (``cleaners/data/en_lexicon.txt.gz``, built by ``bench/make_lexicon.py``) holds
about 50,000 lowercase words with their Zipf frequency (log10 of occurrences per billion
words; ``the`` is 7.7, ``home`` 5.5, ``googl`` is absent). It loads once, on first use.

>>> zipf("home") > 5 > zipf("hom")
True
>>> zipf("opena")
0.0
"""

from __future__ import annotations

import functools
import gzip
from importlib import resources

LEXICON_FILE = "en_lexicon.txt.gz"


@functools.cache
def _lexicon() -> dict[str, float]:
    data = resources.files("cleaners").joinpath(f"data/{LEXICON_FILE}").read_bytes()
    words: dict[str, float] = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        tenths, _, bucket = line.partition("\t")
        value = int(tenths) / 10
        for word in bucket.split(" "):
            words[word] = value
    return words


@functools.lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """The Zipf frequency of ``word`` (case-insensitive), 0.0 when it is not in the lexicon."""
    return _lexicon().get(word.lower(), 0.0)
