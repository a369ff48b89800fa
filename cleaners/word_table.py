"""A compact word -> cost table, for the 430,000 CJK words of the lost-byte guesses.

A dict of them takes about 70 MiB in every process that loads it (each worker of a batch run,
at its first lossy document), which alone would take a two-worker run past 300 MB. Here the
words of one length and first character stay as the data file writes them, sorted and side by
side in one string, with their costs in an array of hundredths of a bit: a few MiB. A lookup
bisects the words that share the first character and length; the last 16,384 words looked up
are remembered, since a guess looks up the same few words again and again.

>>> table = WordTable(["2 中国中文 800,950", "1 中 725"])
>>> table.get("中文"), table.get("中国"), table.get("中"), table.get("文"), len(table)
(9.5, 8.0, 7.25, None, 3)
"""

from __future__ import annotations

import functools
from array import array
from collections.abc import Iterable


class WordTable:
    """Words and their costs in bits, read from lines of ``length words-written-together costs``
    (costs in hundredths of a bit, separated by commas); :meth:`get` works as ``dict.get`` does."""

    def __init__(self, lines: Iterable[str]) -> None:
        #: For each first character and length: the words written together, and their costs.
        self._groups: dict[tuple[str, int], tuple[str, array[int]]] = {}
        for line in lines:
            length, words, costs = line.split(" ")
            self._groups[words[0], int(length)] = (words, array("H", map(int, costs.split(","))))

    def __len__(self) -> int:
        return sum(len(costs) for _, costs in self._groups.values())

    def get(self, word: str, default: float | None = None) -> float | None:
        bits = self._cost(word)
        return default if bits is None else bits

    @functools.lru_cache(maxsize=1 << 14)  # noqa: B019 (the table is loaded once and lives as long as the process)
    def _cost(self, word: str) -> float | None:
        group = self._groups.get((word[:1], len(word)))
        if group is None:
            return None
        words, costs = group
        width = len(word)
        low, high = 0, len(costs)
        while low < high:
            middle = (low + high) // 2
            if words[middle * width : middle * width + width] < word:
                low = middle + 1
            else:
                high = middle
        if low < len(costs) and words[low * width : low * width + width] == word:
            return costs[low] / 100
        return None
