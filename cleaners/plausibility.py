"""How plausible a text is as something a person wrote: a cost in bits, lower is likelier.

A unigram model: each character costs about ``-log2`` of its share in ordinary
text. Han characters take their cost from ``data/encoding/han_costs.txt`` (derived
from a Chinese word list, simplified and traditional; see bench/make_cjk_frequencies.py);
other characters cost by class: ASCII is cheap, kana and KS X 1001 hangul fairly
cheap (hangul without a final consonant a little cheaper), accented Latin dearer,
Latin-1 symbols, half-width katakana, box drawing and rare Han dearer still,
private-use, unassigned and C1 control characters dearest. Common two-character
words (``data/encoding/han_pairs.txt``) give a bonus where context is known
(:func:`pair_bonus`).

Mojibake is a more expensive reading of the same bytes than the text it came from,
which is how the decoder and the repair choose between readings:

>>> cost("你好") < cost("浣犲ソ") and cost("你好") < cost("ÄãºÃ")
True
>>> cost("Müller") < cost("M黮ler")
True
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

#: Words are fewer than characters: a word's share understates its share of character pairs by ~0.7 bits.
PAIR_OFFSET = 0.7
MAX_PAIR_BONUS = 12.0
#: Cost of a Han character missing from the table (rarer than any listed one).
RARE_HAN = 23.0
#: How many characters' costs :func:`cost` keeps at hand.
CACHED_CHARACTERS = 65536
#: Extra bits for a Latin-1 character that follows another (see :func:`cost`).
LATIN1_RUN = 4.0
#: Two or more Latin-1 characters in a row: each after the first follows another.
_LATIN1_SEQUENCE = re.compile("[\x80-\xff]{2,}")
#: Icelandic letters: rare in text, common in other single-byte encodings read as cp1252; and
#: Ã, Â, rare in text and the first half of most UTF-8 mojibake.
_RARE_LATIN1 = frozenset("ÐðÞþÝýÃÂ")
#: The most common hangul syllables and kana, cheaper than the rest of their script.
COMMON_HANGUL = frozenset(
    "이다의는에을를하고가지기로서리사자한도어대인해나들수아시게보정구일전상주와만부과면요라국적제여성동있"
    "된것니내장러원공생문비소신학오세그중화연위개무유경까방우분거미실저치였했습않더우리말씀년할"
)
COMMON_KANA = frozenset("のにはをたがでてとしいかなるれらすまあうこもくりきつさせそっんですンールトスリクイラタ")
#: Small kana follow only certain kana (きゃ, って): alone they are rarer than the rest.
SMALL_KANA = frozenset("ぁぃぅぇぉゃゅょゎァィゥェォャュョヮ")
#: Common full-width and CJK punctuation, as cheap as a common character, by frequency.
CJK_PUNCTUATION = {
    **dict.fromkeys("，", 4.5),
    **dict.fromkeys("。", 4.8),
    **dict.fromkeys("、", 5.5),
    **dict.fromkeys("“”：（）", 6.0),
    **dict.fromkeys("；？！《》「」…—", 7.0),
    **dict.fromkeys("‘’·～－％", 7.5),
    **dict.fromkeys("『』【】〈〉＋＝／", 8.5),
}
#: The rest of the CJK symbols and punctuation block (U+3000-U+303F): rarer marks.
RARE_CJK_PUNCTUATION = 11.0
_CLASS_COSTS = {
    "space": 3.0,
    "ascii-alnum": 4.5,
    "ascii-punct": 6.5,
    "common-kana": 6.5,
    "kana": 9.5,
    "small-kana": 11.0,
    "common-hangul": 7.0,
    "open-hangul": 10.5,
    "hangul": 12.5,
    "latin-letter": 10.0,
    "letter": 11.0,
    "other-letter": 15.0,
    "symbol": 12.0,
    "latin1-symbol": 13.0,
    "halfwidth-kana": 15.0,
    "replacement": 16.0,
    "rare-hangul": 17.0,
    "box": 15.0,
    "other": 18.0,
    "control": 22.0,
    "private": 24.0,
}


def _cost_table(name: str, width: int) -> dict[str, float]:
    """A shipped cost table: lines of ``bits`` then items of ``width`` characters run together."""
    table: dict[str, float] = {}
    text = resources.files("cleaners").joinpath(f"data/encoding/{name}").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            bits, items = line.split(" ", 1)
            for i in range(0, len(items), width):
                table.setdefault(items[i : i + width], float(bits))
    return table


@functools.cache
def han_costs() -> dict[str, float]:
    """The shipped Han character costs: character -> bits."""
    return _cost_table("han_costs.txt", 1)


@functools.cache
def pair_costs() -> dict[str, float]:
    """The shipped costs of common two-character words: word -> bits."""
    return _cost_table("han_pairs.txt", 2)


def pair_bonus(first: str, second: str) -> float:
    """Bits saved by reading ``first`` and ``second`` as a common word rather than apart (their
    pointwise mutual information, from 0 to :data:`MAX_PAIR_BONUS`).

    >>> pair_bonus("中", "国") > pair_bonus("一", "国") == 0.0
    True
    """
    bits = pair_costs().get(first + second) if first and second else None
    if bits is None:
        return 0.0
    return max(0.0, min(MAX_PAIR_BONUS, char_cost(first) + char_cost(second) - bits - PAIR_OFFSET))


def encodable(ch: str, codec: str) -> bool:
    """Whether ``codec`` can write ``ch``: ``encodable("说", "gb2312")`` but not ``encodable("說", "gb2312")``."""
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


@functools.lru_cache(maxsize=65536)
def char_cost(ch: str) -> float:
    """The cost in bits of one character.

    >>> char_cost("的") < char_cost("犲") < char_cost("\\ue000")
    True
    """
    code = ord(ch)
    if code < 0x80:
        if ch in " \t\n\r":
            return _CLASS_COSTS["space"]
        if ch.isalnum():
            return _CLASS_COSTS["ascii-alnum"]
        if code < 0x20 or code == 0x7F:
            return _CLASS_COSTS["control"]
        return _CLASS_COSTS["ascii-punct"]
    if ch == "\xa0":
        return _CLASS_COSTS["space"]
    if ch in CJK_PUNCTUATION:
        return CJK_PUNCTUATION[ch]
    if 0x3000 <= code <= 0x303F and ch not in "々〇":
        return RARE_CJK_PUNCTUATION
    costs = han_costs()
    if ch in costs:
        return costs[ch]
    category = unicodedata.category(ch)
    name_class = _class_of(ch, code, category)
    if name_class == "han":
        return RARE_HAN + (2.0 if code > 0xFFFF else 0.0)
    return _CLASS_COSTS[name_class]


def _class_of(ch: str, code: int, category: str) -> str:
    if category in ("Co", "Cn", "Cs"):
        return "private"
    if category == "Cc":
        return "control"
    if code == 0xFFFD:
        return "replacement"
    if category == "Lo" and (0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or code >= 0x20000):
        return "han"
    if 0x3040 <= code <= 0x30FF:
        if ch in COMMON_KANA:
            return "common-kana"
        return "small-kana" if ch in SMALL_KANA else "kana"
    if 0xFF61 <= code <= 0xFF9F:
        return "halfwidth-kana"
    if 0xAC00 <= code <= 0xD7A3:
        if ch in COMMON_HANGUL:
            return "common-hangul"
        if not encodable(ch, "euc-kr"):
            return "rare-hangul"
        return "open-hangul" if (code - 0xAC00) % 28 == 0 else "hangul"
    if 0x2500 <= code <= 0x259F:
        return "box"
    if code <= 0xFF:
        return "latin-letter" if category.startswith("L") and ch not in _RARE_LATIN1 else "latin1-symbol"
    if category.startswith("L"):
        return "letter" if code < 0x530 else "other-letter"
    if category.startswith(("S", "P", "N", "Z", "M")):
        return "symbol"
    return "other"


def cost(text: str) -> float:
    """The cost of ``text`` in bits: the sum of its characters' costs.

    A Latin-1 character right after another one costs :data:`LATIN1_RUN` more: accented
    letters come one at a time in Western text, while other scripts read as Latin-1, and
    mojibake, run them together.

    >>> cost("Ïðèâåò") > cost("Привет")
    True
    """
    runs = _LATIN1_SEQUENCE.findall(text)
    return sum(map(_KNOWN_COSTS.__getitem__, text)) + LATIN1_RUN * (sum(map(len, runs)) - len(runs))


class _CostCache(dict[str, float]):
    """:func:`char_cost` as a plain dict that fills itself: summing a text's costs is then a C loop."""

    def __missing__(self, ch: str) -> float:
        if len(self) > CACHED_CHARACTERS:
            self.clear()
        bits = self[ch] = char_cost(ch)
        return bits


_KNOWN_COSTS = _CostCache()
