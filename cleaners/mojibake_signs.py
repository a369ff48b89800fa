"""Signs of mojibake: the cheap pre-check that lets clean text through, and what marks a token.

Every kind of mojibake starts with characters that are rare in clean text: Latin-1 pairs
(``Ã©``, ``ÄãºÃ``) for bytes read as Latin-1 or cp1252, and for UTF-8 read with a
double-byte codec the character its lead byte and first continuation byte make (浣, 縺),
followed by what UTF-8 puts next.

>>> suspicions("café, 1·2, “引号”——省略……頁與"), suspicions("cafÃ©"), suspicions("浣犲ソ")
(set(), {'latin'}, {'gbk'})
"""

from __future__ import annotations

import itertools
import re

import ftfy.badness

from cleaners.plausibility import char_cost

#: UTF-8 lead bytes of CJK text, hangul and general punctuation (U+2000-U+DFFF, U+F000-U+FFFF)
#: paired with a continuation byte: how UTF-8 Chinese starts when read as GBK (浣, 锛, 銆, 鈥, ...).
_UTF8_AS_GBK_STARTS = "".join(
    ch
    for lead in (0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEF)
    for trail in range(0x80, 0xC0)
    for ch in bytes([lead, trail]).decode("gbk", errors="ignore")
)
#: The characters cp1252 has in 0x80-0x9f, as a character-class body.
#: The same for UTF-8 Japanese read as Shift_JIS (cp932): 縺, 繧, 繝, ...
_UTF8_AS_SJIS_STARTS = "".join(
    ch
    for lead in (0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEF)
    for trail in range(0x80, 0xC0)
    for ch in bytes([lead, trail]).decode("cp932", errors="ignore")
)
#: Two-byte UTF-8 (Latin, Greek, Cyrillic: ø = c3 b8) read as GBK (酶): common Han characters,
#: so they make a token worth reading only on a line already suspected.
_UTF8_2_AS_GBK = "".join(
    ch
    for lead in range(0xC2, 0xE0)
    for trail in range(0x80, 0xC0)
    for ch in bytes([lead, trail]).decode("gbk", errors="ignore")
)
_CP1252_HIGH = (
    "\\u0152\\u0153\\u0160\\u0161\\u0178\\u017d\\u017e\\u0192\\u02c6\\u02dc\\u2013\\u2014"
    "\\u2018-\\u201e\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203a\\u20ac\\u2122"
)
#: Big5's less frequent characters (0xC940 on, cp950). GBK read as Big5 (中文 as 笢恅) is made of
#: them about half the time; Chinese text, simplified or traditional, a few in a hundred.
_RARE_BIG5 = "".join(
    ch
    for lead in range(0xC9, 0xFA)
    for trail in range(0x40, 0xFF)
    for ch in bytes([lead, trail]).decode("cp950", "ignore")
)

#: Letters and symbols of other 8-bit code pages (cp1250, cp1251, MacRoman, cp437) that UTF-8 read
#: with them starts with (Р, С, √, ╨, Ă): where one is found, ftfy's own badness test decides.
_OTHER_8BIT = "\\u0100-\\u024f\\u02c7-\\u02dd\\u0401-\\u045f\\u2202-\\u2265\\u2500-\\u25a0\\u25ca\\uf8ff"
_OTHER_8BIT_CHAR = re.compile(f"[{_OTHER_8BIT}]")
#: A C1 control or U+FFFD; or two Latin-1 (or cp1252) characters in a row, as every byte-pair
#: mojibake gives (Ã©, ÄãºÃ), where clean text has one at a time (café, 1·2); or Â, Ã before a
#: space (à whose second byte, a no-break space, became a space).
_LIKELY_HERE = re.compile(
    f"[\\x80-\\x9f\\ufffd]|[\\xa1-\\xff][\\x80-\\xff{_CP1252_HIGH}]|[{_CP1252_HIGH}][\\xa1-\\xff]|[\\xc2\\xc3] "
)
_GBK_STARTS = frozenset(_UTF8_AS_GBK_STARTS) - {"锟"}
#: UTF-8 leads of three-byte characters (CJK, punctuation, hangul): what follows a continuation byte.
_THREE_BYTE_LEADS = (0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEF)
#: What follows a start in UTF-8 read as GBK: a continuation byte paired with the next lead
#: (浣 e4bd, then 犲 a0e5), or U+FFFD where the next character is ASCII. Clean 頁大 has 大 = b4f3.
_GBK_AFTER_START = frozenset(
    "\ufffd"
    + "".join(
        ch
        for lead in range(0x80, 0xC0)
        for trail in _THREE_BYTE_LEADS
        for ch in bytes([lead, trail]).decode("gbk", "ignore")
    )
)
_SJIS_STARTS = frozenset(_UTF8_AS_SJIS_STARTS)
#: The same in Shift_JIS, where 0xa1-0xbf are half-width katakana on their own (縺 e381, then ｫ ab)
#: and 0x80 is U+0080. Common kanji are among these (上 = 8fe3), so another start must follow soon.
_SJIS_AFTER_START = frozenset(
    "\ufffd\x80"
    + bytes(range(0xA1, 0xC0)).decode("cp932")
    + "".join(
        ch
        for lead in range(0x81, 0xA0)
        for trail in _THREE_BYTE_LEADS
        for ch in bytes([lead, trail]).decode("cp932", "ignore")
    )
)


#: The same in Big5 (cp950), whose trail bytes start at 0xa1 after a lead of 0x81 up: 銝 e4b8, 撠 e5b0.
_UTF8_AS_BIG5_STARTS = frozenset(
    ch
    for lead in _THREE_BYTE_LEADS
    for trail in range(0xA1, 0xC0)
    for ch in bytes([lead, trail]).decode("cp950", errors="ignore")
)

#: The characters that start UTF-8 read with each codec.
STARTS = {"gbk": _GBK_STARTS, "cp932": _SJIS_STARTS, "cp950": _UTF8_AS_BIG5_STARTS}


_KINDS = frozenset(("latin", "gbk", "sjis"))
_SCAN_CLASSES = {
    "latin": f"\\x80-\\xff\\ufffd{_CP1252_HIGH}{_OTHER_8BIT}",
    "gbk": _UTF8_AS_GBK_STARTS,
    "sjis": _UTF8_AS_SJIS_STARTS,
}
#: The scan for any character that can start mojibake of the kinds not found yet (once a kind
#: is found, its characters need no more looking at); where one is found, a closer look decides.
_SCAN_FOR = {
    frozenset(kinds): re.compile(f"[{''.join(_SCAN_CLASSES[kind] for kind in kinds)}]")
    for n in range(1, 4)
    for kinds in itertools.combinations(sorted(_KINDS), n)
}
#: GB2312's Han characters (leads 0xb0-0xf7) read as Big5 are the same byte pairs of Big5's first
#: level too: characters of its 5401 that are rare in text (嫘豢晤鎢 for 广告编码), where clean Chinese
#: has about one in a hundred and fifty.
RARE_IN_TEXT = 14.0
_GBK_AS_BIG5 = "".join(
    ch
    for lead in range(0xB0, 0xF8)
    for trail in range(0xA1, 0xFF)
    for ch in bytes([lead, trail]).decode("cp950", "ignore")
    if char_cost(ch) >= RARE_IN_TEXT and ch not in _RARE_BIG5
)
_BIG5_LIKE = _RARE_BIG5 + _GBK_AS_BIG5
#: Characters that bytes read as Latin-1 or cp1252 give (a character-class body).
LATIN_1 = f"\\x80-\\xff{_CP1252_HIGH}"
#: Characters that appear in mojibake and rarely in clean CJK text: a token without them is not read again.
SUSPECT = re.compile(
    f"[\\x80-\\xff\\ufffd{_CP1252_HIGH}{_UTF8_AS_GBK_STARTS}{_UTF8_AS_SJIS_STARTS}{_UTF8_2_AS_GBK}{_BIG5_LIKE}]"
)
_BIG5_LIKE_SET = frozenset(_BIG5_LIKE)
#: Two of them within three characters: where GBK or UTF-8 read as Big5 may show (see :func:`_big5_run`).
_BIG5_PAIR = re.compile(f"[{_BIG5_LIKE}][^\\x00-\\x7f]?[{_BIG5_LIKE}]")


def _big5_run(text: str) -> bool:
    """Whether ``text`` shows GBK or UTF-8 read as Big5: three of those characters in four (another
    non-ASCII character may stand among them), or a word of two that are rare in text alone between
    ASCII marks (``[笢恅]`` for 中文, in code and markup; in tokenized text words stand between
    spaces, and 澎湃 is a word).

    >>> _big5_run("汜傖蹈腔"), _big5_run("English | [笢恅](README_ZH.md)"), _big5_run("来源：澎湃 新闻")
    (True, True, False)
    """
    pos = 0
    while match := _BIG5_PAIR.search(text, pos):
        start, end = match.span()
        if _three_in_four(text, start, end) or _rare_word_alone(text, start, end):
            return True
        pos = start + 1
    return False


def _three_in_four(text: str, start: int, end: int) -> bool:
    """Whether the pair at ``start``-``end`` (two characters, or three with one between) is part of three in four."""
    after = text[end : end + 1]
    if end - start == 3:
        return text[start + 1] in _BIG5_LIKE_SET or after in _BIG5_LIKE_SET
    return after in _BIG5_LIKE_SET or (after > "\x7f" and text[end + 1 : end + 2] in _BIG5_LIKE_SET)


def _rare_word_alone(text: str, start: int, end: int) -> bool:
    """Whether the pair at ``start``-``end`` is two characters rare in text between ASCII marks (or the text's ends)."""
    before, after = text[start - 1 : start] if start else "", text[end : end + 1]
    return (
        end - start == 2
        and (not before or "\x21" <= before <= "\x7e")
        and (not after or "\x21" <= after <= "\x7e")
        and all(char_cost(ch) >= RARE_IN_TEXT for ch in text[start:end])
    )


def suspicions(text: str) -> set[str]:
    """The cheap pre-check: which kinds of mojibake ``text`` may hold, ``latin`` (byte pairs read as
    Latin-1 or cp1252, C1 controls, U+FFFD), ``gbk`` (UTF-8 read as GBK), ``sjis`` (UTF-8 read
    as Shift_JIS) and ``big5`` (GBK or UTF-8 read as Big5); clean text mostly answers at once that it holds none.

    >>> sorted(suspicions("縺薙ｓ縺ｫ縺｡縺ｯ")), sorted(suspicions("汜傖蹈腔笢恅勤茼桶"))
    (['big5', 'sjis'], ['big5'])
    """
    found: set[str] = {"big5"} if _big5_run(text) else set()
    pos = checked_until = 0
    while not found >= _KINDS and (match := _SCAN_FOR[frozenset(_KINDS - found)].search(text, pos)):
        at, char = match.start(), match.group()
        if char in _GBK_STARTS or char in _SJIS_STARTS:
            following = text[at + 1 : at + 2]
            if char in _GBK_STARTS and following in _GBK_AFTER_START:
                found.add("gbk")
            if (
                char in _SJIS_STARTS
                and following in _SJIS_AFTER_START
                and not _SJIS_STARTS.isdisjoint(text[at + 2 : at + 6])
            ):
                found.add("sjis")
        elif _LIKELY_HERE.match(text, at):
            found.add("latin")
        elif "latin" not in found and at >= checked_until and _OTHER_8BIT_CHAR.match(char):
            checked_until = text.find("\n", at) % (len(text) + 1)
            if ftfy.badness.is_bad(text[text.rfind("\n", 0, at) + 1 : checked_until]):
                found.add("latin")
        pos = match.end()
    return found
