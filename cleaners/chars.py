"""Character classes shared by the rules, compiled once.

>>> bool(CJK_CHAR.match("中")), bool(CJK_CHAR.match("a"))
(True, False)
"""

from __future__ import annotations

import regex

#: Han, kana, hangul, bopomofo and the CJK compatibility blocks.
CJK = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Bopomofo}\u3005\u3007\u30fc"
#: Full-width and CJK punctuation (。，、；：？！「」『』（）【】《》〈〉…—“”‘’ and the full-width forms).
CJK_PUNCT = (
    r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2026\u2014\u00b7"
)
CJK_CHAR = regex.compile(f"[{CJK}]")
