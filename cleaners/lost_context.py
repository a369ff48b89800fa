"""How well a character guessed for lost bytes fits between its neighbours: a cost in bits, lower is likelier.

Chinese, Japanese and Korean characters are judged by the words they make with their
neighbours: the cheapest segmentation of the run of CJK characters around the guess into
words of ``data/encoding/cjk_words.txt.xz`` (a word unigram model, with a charge per
word that favours compounds; see bench/make_cjk_words.py). So 个 wins after 是 and before
让 (是/个/让), 中 before ， (工作/中), and 讯 after 本报 (本报讯). Other characters cost
what :func:`cleaners.plausibility.char_cost` says, with the typographic marks of Western
text (’ ” “ — – … • €) as cheap as their frequency warrants, and a quote or bracket
cheaper where its side fits: an opening one after a space, a closing one before a space
or after its unclosed opener. Within
:func:`known_document`, the document's own text is evidence too (a cache model): a
character, or a pair, that it shows intact elsewhere is likelier.

>>> fit("工作", "中", "，") < fit("工作", "一", "，")
True
>>> fit("said", "\u201d", " and") < fit("said", "\u201c", " and")
True
"""

from __future__ import annotations

import contextlib
import functools
import io
import itertools
import lzma
import math
import operator
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from importlib import resources

from cleaners.plausibility import char_cost, encodable
from cleaners.word_table import WordTable

#: Longest word in the table, and how far the context reaches on each side.
MAX_WORD = 5
REACH = 4
#: Extra bits for a CJK character that is no word of its own in the table (it is mostly part of longer words).
NOT_A_WORD = 3.0
#: Extra bits for each word of a segmentation: a unigram model takes the words of a split as
#: independent and so prices a common word plus a common character (本报/说) below the compound
#: they should be (本报讯); the charge favours the longer word. Not in Korean, whose list holds
#: whole words between spaces (책을), where a split is no choice between words.
WORD_BREAK = 2.0
#: Typographic marks, currency signs and symbols outside the CJK blocks, in bits on the scale of
#: :func:`char_cost` (ASCII letters 4.5, ， 4.5). Their order follows their usual frequency in web text
#: (typographic apostrophe and quotes, then dashes and the ellipsis, bullets, the euro sign, arrows,
#: comparison signs and shapes; in CJK text the ideographic space); the values are rough, set by hand.
#: Marks of these blocks not listed cost :data:`UNLISTED_MARK` more than their class.
MARK_COSTS = {
    **dict.fromkeys("\u2019", 9.0),
    **dict.fromkeys("\u201c\u201d\u2014", 8.5),
    **dict.fromkeys("\u2013", 9.0),
    **dict.fromkeys("\u2026", 9.3),
    **dict.fromkeys("\u2018\u2022\u20ac", 9.5),
    **dict.fromkeys("\u201e\u2032\u2122\u2103", 11.0),
    **dict.fromkeys("\u2192\u2212\u00d7\u00b1\u2264\u2265\u2260\u2248\u2605\u25cf\u203b\u2116", 12.0),
    **dict.fromkeys("\u2190\u2191\u2193\u2194\u21d2\u2033\u2030\u2020\u2039\u203a\u201a\u2606\u25cb\u25a0\u25a1", 13.0),
    **dict.fromkeys("\u25b2\u25b3\u25bc\u25c6\u25c7\u25ce\u2713\u2714\u2717\u221e\u221a\u2211\u2208\u2261\u00f7", 13.0),
    **dict.fromkeys("\u00a3\u00a5\u20b9\u20bd\u20a9\u20ba\u20ab\u20b1\u00b0", 11.5),
    # the ideographic space, and CJK brackets and marks that plausibility leaves among the rare ones
    **dict.fromkeys("\u3000", 8.0),
    **dict.fromkeys("〔〕〜", 10.0),
}
UNLISTED_MARK = 2.0
#: Bits saved by a mark on the side it belongs to, or added on the wrong side.
FITS = 2.5
MISFITS = 4.0
_OPENING = frozenset(("Ps", "Pi"))
_CLOSING = frozenset(("Pe", "Pf"))
#: Marks that start the items of a list.
BULLETS = frozenset("•‣●○■□◆◇▪▶►★☆※·・")
_PAIRS = {
    "\u201d": "\u201c",
    "\u2019": "\u2018",
    "）": "（",
    "」": "「",
    "』": "『",
    "》": "《",
    "】": "【",
    ")": "(",
    "]": "[",
}


#: CJK brackets: in CJK text, one token from the start of the line, so their openers are in sight.
_CJK_CLOSERS = frozenset("）」』》】")
#: Weights of the document's own counts against the shipped statistics (a cache model): characters, pairs.
DOCUMENT_WEIGHT = 0.3
DOCUMENT_PAIR_WEIGHT = 0.3
_CLOSERS = {opener: closer for closer, opener in _PAIRS.items()}


@functools.cache
def word_costs() -> WordTable:
    """The shipped CJK word costs: word -> bits."""
    with (
        resources.files("cleaners").joinpath("data/encoding/cjk_words.txt.xz").open("rb") as raw,
        io.TextIOWrapper(lzma.LZMAFile(raw), encoding="utf-8") as lines,
    ):  # read a line at a time: the whole text at once would double what the table takes
        return WordTable(line.rstrip("\n") for line in lines if not line.startswith("#"))


def is_word_char(ch: str) -> bool:
    """Whether ``ch`` is written in words of the table: Han, kana (and ー) or hangul."""
    code = ord(ch)
    return (
        0x3040 <= code <= 0x30FF
        or 0x3400 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7A3
        or 0xF900 <= code <= 0xFAFF
        or code >= 0x20000
    ) and ch not in "・゠"


def segmented_cost(run: str) -> float:
    """The cost of the cheapest split of ``run`` (CJK characters) into words of the table."""
    words = word_costs()
    best = [0.0] + [float("inf")] * len(run)
    for end in range(1, len(run) + 1):
        for start in range(max(0, end - MAX_WORD), end):
            piece = run[start:end]
            bits = words.get(piece)
            if bits is None:
                if end - start > 1:
                    continue
                bits = char_cost(piece) + NOT_A_WORD
            if not "\uac00" <= piece[0] <= "\ud7a3":
                bits += WORD_BREAK
            best[end] = min(best[end], best[start] + bits)
    return best[-1]


def mark_cost(ch: str) -> float:
    """The cost of a character that is not written in words: :data:`MARK_COSTS`, else its class cost."""
    if ch in MARK_COSTS:
        return MARK_COSTS[ch]
    base = char_cost(ch)
    return base + UNLISTED_MARK if 0x2000 <= ord(ch) < 0x2C00 else base


def _side_fit(before: str, ch: str, after: str) -> float:
    """Bits added (or, negative, saved) for a quote, bracket, dash, currency sign or bullet where it stands.

    An opening mark fits after a space or another opener and not before a space; a closing
    one the other way round, and after its own opener left open (a CJK bracket closing
    nothing is unlikely); an apostrophe between
    letters (and a closing quote after a letter only where its opener is in sight, a closing apostrophe
    only after the s of a plural); an ellipsis after a word; an en dash between digits, an em dash between
    letters; a currency sign beside
    a digit; a bullet or an ideographic space at the start of a line.
    """
    category = unicodedata.category(ch)
    prev, following = before[-1:], after[:1]
    open_left = not prev or prev.isspace() or unicodedata.category(prev) in _OPENING
    open_right = not following or following.isspace() or unicodedata.category(following).startswith("P")
    if category in _OPENING:
        nested = ch in _CLOSERS and _unclosed(before, _CLOSERS[ch])
        return (-FITS if open_left else 0.0) + (MISFITS if open_right else 0.0) + (FITS if nested else 0.0)
    if category in _CLOSING:
        if ch == "\u2019" and prev.isalpha() and following.isalpha():
            return -FITS
        opened = _unclosed(before, ch)
        stray = not opened and ch in _CJK_CLOSERS
        # after a Latin letter, ” closes a quoted word whose opener is in sight, and ’ ends a plural (users’)
        unlikely = not opened and prev.isascii() and prev.isalpha() and (ch == "\u201d" or prev not in "sSzZ")
        return (
            (-FITS if opened else MISFITS if stray else 0.0)
            + (-FITS if open_right and not unlikely else 0.0)
            + (MISFITS if open_left and not opened else 0.0)
        )
    if category == "Pd":
        between = prev + following
        if (ch == "\u2013" and between.isdigit()) or (ch == "\u2014" and between.isalpha()):
            return -FITS
        return 0.0
    if ch == "\u2026":
        return -FITS if prev and (prev.isalnum() or is_word_char(prev)) and open_right else 0.0
    if category == "Sc":
        return -FITS if prev.isdigit() or following.isdigit() else 0.0
    if ((ch in BULLETS and following.isspace()) or ch == "\u3000") and not before.strip():
        return -2 * FITS  # a bullet, or an ideographic space indenting a paragraph
    return 0.0


def _unclosed(before: str, ch: str) -> bool:
    """Whether ``before`` has an opener of ``ch`` (a closing mark) left open; not if a lost
    character (U+FFFD) after the opener may have closed it."""
    opener = _PAIRS.get(ch)
    return (
        opener is not None
        and before.count(opener) > before.count(ch)
        and "\ufffd" not in before[before.rfind(opener) :]
    )


def fit(before: str, middle: str, after: str) -> float:
    """The cost of ``middle`` (one guessed character, or guesses with known text between)
    between ``before`` and ``after``, the known text around it, counting the CJK words it
    joins: comparable between candidates for the same place."""
    left = before[-REACH:]
    right = after[:REACH]
    i = len(left)
    while i and is_word_char(left[i - 1]):
        i -= 1
    j = 0
    while j < len(right) and is_word_char(right[j]):
        j += 1
    text = left[i:] + middle + right[:j]
    offset = len(before) - len(left) + i
    total = 0.0
    run_start = 0
    for k, ch in enumerate(text):
        if is_word_char(ch):
            continue
        total += segmented_cost(text[run_start:k])
        run_start = k + 1
        # a mark is always in ``middle``: the runs taken from the context are all CJK
        prefix = before[:offset] + text[:k]
        suffix = text[k + 1 :] + after[j:]
        total += mark_cost(ch) + _side_fit(prefix, ch, suffix)
    return total + segmented_cost(text[run_start:]) - document_bonus(before, middle, after)


@dataclass(frozen=True)
class _Counts:
    """Characters and pairs of characters of a document."""

    chars: Counter[str]
    pairs: Counter[str]
    total: int

    @functools.cached_property
    def variant(self) -> str:
        """The variant of its Han characters (:func:`han_variant`), ``""`` if none or it has kana."""
        return han_variant(self.chars) or ""


_DOCUMENT: ContextVar[_Counts | None] = ContextVar("document", default=None)


@contextlib.contextmanager
def known_document(text: str) -> Iterator[None]:
    """Within this block, :func:`fit` takes the characters and pairs of ``text`` (the document as
    far as it is known) as evidence: a guess seen elsewhere in the document, or beside the same
    neighbour, is likelier (马斯克 once intact makes 斯 after 马 likely everywhere)."""
    counts = _Counts(Counter(text), Counter(map(operator.add, text, text[1:])), max(1, len(text)))
    token = _DOCUMENT.set(counts)
    try:
        yield
    finally:
        _DOCUMENT.reset(token)


def han_variant(chars: Counter[str]) -> str | None:
    """``gb2312`` if the Han characters among ``chars`` that only one variant writes are simplified,
    two in three at least (设, 这); ``big5`` if they are traditional (設, 這); ``""`` if none or mixed;
    ``None`` with kana (Japanese has variants of its own).

    >>> han_variant(Counter("设置这个")), han_variant(Counter("設置這個")), han_variant(Counter("設定する"))
    ('gb2312', 'big5', None)
    """
    if any(0x3040 <= ord(ch) <= 0x30FF for ch in chars):
        return None
    han = Counter({ch: n for ch, n in chars.items() if 0x3400 <= ord(ch) <= 0x9FFF})
    simplified = sum(n for ch, n in han.items() if encodable(ch, "gb2312") and not encodable(ch, "big5"))
    traditional = sum(n for ch, n in han.items() if encodable(ch, "big5") and not encodable(ch, "gb2312"))
    if simplified >= 2 * traditional and simplified:
        return "gb2312"
    if traditional >= 2 * simplified and traditional:
        return "big5"
    return ""


def document_variant() -> str:
    """:func:`han_variant` of the document in :func:`known_document` (``""`` outside it, or with kana)."""
    counts = _DOCUMENT.get()
    return counts.variant if counts is not None else ""


def _base_cost(ch: str) -> float:
    return char_cost(ch) if is_word_char(ch) else mark_cost(ch)


def document_bonus(before: str, middle: str, after: str) -> float:
    """Bits saved by ``middle``'s characters, and its pairs with each other and its neighbours,
    where the document in :func:`known_document` has them: ``log2(1 + w * p_document / p_shipped)``."""
    counts = _DOCUMENT.get()
    if counts is None:
        return 0.0
    bits = 0.0
    for ch in middle:
        # not marks: how often one is seen intact depends on what follows it (” loses its last byte before a space)
        if is_word_char(ch) and (seen := counts.chars[ch]):
            bits += math.log2(1 + DOCUMENT_WEIGHT * seen / counts.total * 2 ** _base_cost(ch))
    text = before[-1:] + middle + after[:1]
    for first, second in itertools.pairwise(text):
        if (first.isspace() or second.isspace()) and not (is_word_char(first) or is_word_char(second)):
            continue  # a mark beside a space: its side of the space is judged by _side_fit
        if (seen := counts.pairs[first + second]) and (given := counts.chars[first]):
            bits += math.log2(1 + DOCUMENT_PAIR_WEIGHT * seen / given * 2 ** _base_cost(second))
    return bits
