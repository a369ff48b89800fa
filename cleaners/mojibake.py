"""Mojibake repair, CJK included: undo a wrong decoding where the result is clearly likelier text.

A cheap pre-check (:func:`suspicions`) lets clean text through at once. On each
suspected line, readings are tried on the whole line (ftfy) and on each token of it,
so that a garbled span inside clean text is repaired alone:

- ftfy's encoding repair (UTF-8 read as cp1252, latin-1, MacRoman, cp1251, cp437; C1
  controls), judged by cost like the others;
- text encoded back as cp1252 (latin-1 for the bytes cp1252 lacks) and decoded as
  UTF-8, GBK/GB18030 or Big5: ``ÄãºÃ`` is 你好 read as latin-1;
- text encoded back as GBK (Shift_JIS) and decoded as UTF-8: ``浣犲ソ`` is 你好 read as
  GBK, ``縺薙ｓ`` こん read as Shift_JIS. A byte the decoder could not read shows as
  U+FFFD, or ``?`` once saved back; it is guessed from the characters that fit, by
  character and two-character word frequency, where few fit or one is far ahead; else
  it stays U+FFFD.

Readings repeat while they help (double encoding). A reading replaces a token only if
it costs clearly fewer bits (:mod:`cleaners.plausibility`) and is plausible text of one
script; a line's first reading needs evidence (several characters, many bits), and a
reading that repaired two lines is trusted on the rest of the document. So correct
text that merely looks unusual stays. ``锟斤拷`` (U+FFFD itself read as GBK) cannot be
undone and stays as it is.

>>> repair("浣犲ソ锛屼笘鐣岋紒")[0]
'你好，世界！'
>>> repair("ÄãºÃ£¬ÊÀ½ç")[0]
'你好，世界'
>>> repair("Müller, café, 锟斤拷 and 😀 stay")[0]
'Müller, café, 锟斤拷 and 😀 stay'
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import ftfy
import ftfy.badness

from cleaners.plausibility import RARE_HAN, char_cost, cost, pair_bonus

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
#: Characters that appear in mojibake and rarely in clean CJK text: a token without them is not read again.
SUSPECT = re.compile(f"[\\x80-\\xff\\ufffd{_CP1252_HIGH}{_UTF8_AS_GBK_STARTS}{_UTF8_AS_SJIS_STARTS}{_UTF8_2_AS_GBK}]")
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


#: The characters that start UTF-8 read with each codec.
_STARTS = {"gbk": _GBK_STARTS, "cp932": _SJIS_STARTS}


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


def suspicions(text: str) -> set[str]:
    """The cheap pre-check: which kinds of mojibake ``text`` may hold, ``latin`` (byte pairs read as
    Latin-1 or cp1252, C1 controls, U+FFFD), ``gbk`` (UTF-8 read as GBK) and ``sjis`` (UTF-8 read
    as Shift_JIS); clean text mostly answers at once that it holds none.

    >>> suspicions("café, 1·2, “引号”——省略……頁與"), suspicions("cafÃ©"), suspicions("浣犲ソ")
    (set(), {'latin'}, {'gbk'})
    """
    found: set[str] = set()
    pos = checked_until = 0
    while len(found) < 3 and (match := _SCAN_FOR[frozenset(_KINDS - found)].search(text, pos)):
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


#: A reading must cost at most this share of the original's bits ...
RATIO = 0.75
#: ... and at least this many bits fewer.
MARGIN = 4.0
#: Bits a token must save when the line as a whole already shows the reading applies.
LENIENT_MARGIN = 1.0
#: A line's first reading must save this many bits in all, and change this many characters:
#: two characters are no evidence (ŸŸ is not 煙, 靵丼 is not 쁁S).
LINE_GAIN = 16.0
MIN_EVIDENCE = 3
#: Lines a reading must have repaired before the rest of its document trusts it.
TRUSTED_AFTER = 2
#: ... and its non-ASCII characters must average at most this many bits (ordinary CJK text: 9-12).
PLAUSIBLE = 14.0
#: ... and this share of them must be of one script family (see :func:`_script`).
SAME_SCRIPT = 0.6
#: A lost byte is guessed when at most this many characters fit, or when the best is this many bits ahead.
MAX_GUESSES = 24
GUESS_LEAD = 3.0
MIN_LEAD = 1.0
#: A lost character at the end of a line is likely to end a sentence.
SENTENCE_ENDS = frozenset("。！？”）…")
SENTENCE_END_BONUS = 3.0
#: After a digit, a unit or date character is likely (2023年6月10日).
AFTER_DIGIT = frozenset("年月日号时分秒个万亿元岁倍次点章节条项位名人米克")
AFTER_DIGIT_BONUS = 4.0
ROUNDS = 3
_GARBLED_REPLACEMENT = "锟斤拷"
_CP1252_SPECIALS = {ch: bytes([b]) for b in range(0x80, 0xA0) for ch in bytes([b]).decode("cp1252", errors="ignore")}


@dataclass(frozen=True)
class Plan:
    """What to try on a line: token readings by name, ftfy or not, and the readings the rest of
    the document has already shown to apply (``trusted``: they need no evidence of their own)."""

    readings: tuple[str, ...]
    use_ftfy: bool = True
    trusted: frozenset[str] = frozenset()


@dataclass
class Report:
    """What a repair did: spans repaired, lost bytes guessed or left as U+FFFD."""

    repaired: int = 0
    guessed: int = 0
    unrecovered: int = 0
    readings: dict[str, int] = field(default_factory=dict)

    def merge(self, other: Report) -> None:
        self.repaired += other.repaired
        self.guessed += other.guessed
        self.unrecovered += other.unrecovered
        for reading, n in other.readings.items():
            self.readings[reading] = self.readings.get(reading, 0) + n

    def count(self, reading: str) -> None:
        self.repaired += 1
        self.readings[reading] = self.readings.get(reading, 0) + 1


def sloppy_cp1252(text: str) -> bytes | None:
    """``text`` as the bytes that cp1252 (latin-1 where cp1252 has a hole) would have read into it."""
    out = bytearray()
    for ch in text:
        code = ord(ch)
        if code < 0x100 and not 0x80 <= code < 0xA0:
            out.append(code)
        elif ch in _CP1252_SPECIALS:
            out += _CP1252_SPECIALS[ch]
        elif code < 0xA0:
            out.append(code)
        else:
            return None
    return bytes(out)


#: What surrounds a token: the character before it and the byte after it (in the misread codec).
Around = tuple[str, int | None]
Reading = Callable[[str, Around, Report], str | None]


def _from_cp1252(target: str) -> Reading:
    def reading(token: str, around: Around, report: Report) -> str | None:
        data = sloppy_cp1252(token)
        if data is None or data.isascii():
            return None
        try:
            return data.decode(target)
        except UnicodeDecodeError:
            return None

    return reading


@functools.lru_cache(maxsize=65536)
def _rejects(codec: str, lead: int, follower: int | None) -> bool:
    """Whether ``codec`` fails on ``lead`` followed by ``follower`` (so a decoder drops ``lead`` as U+FFFD)."""
    if follower is None:
        return True
    try:
        bytes([lead, follower]).decode(codec)
    except UnicodeDecodeError:
        return True
    return False


def _utf8_length(lead: int) -> int:
    if lead < 0x80:
        return 1
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _variant_penalty(known: str) -> Callable[[str], float]:
    """Extra bits for a guessed Han character of the other variant than the ``known`` text's.

    The cost table mixes simplified and traditional; a lost byte in simplified text
    is a simplified character (记, not 議).
    """
    han = [ch for ch in known if ord(ch) >= 0x3400]
    simplified = sum(map(_in_gb2312, han))
    if len(han) < 2 or simplified * 4 < len(han) * 3:
        return lambda ch: 0.0
    return lambda ch: 0.0 if ord(ch) < 0x3400 or _in_gb2312(ch) else 6.0


def _guess(
    sequence: list[int | None], after: int | None, score: Callable[[str], float], report: Report, codec: str
) -> str:
    """The likeliest character for a UTF-8 ``sequence`` with lost bytes (``None``), or U+FFFD.

    Each lost byte must be one ``codec`` rejects before the byte that follows it (that is why
    it was lost); of the characters that fit, the cheapest by ``score`` wins if it is ahead
    of the next by :data:`MIN_LEAD` and few fit, or far ahead (:data:`GUESS_LEAD`).
    """
    slots = [i for i, b in enumerate(sequence) if b is None]
    if len(slots) > 2:
        report.unrecovered += 1
        return "\ufffd"
    options = [range(0x80, 0xC0) if slot else range(0xC2, 0xF5) for slot in slots]
    fits: list[tuple[float, str]] = []
    for filled in itertools.product(*options):
        values = iter(filled)
        candidate = [b if b is not None else next(values) for b in sequence]
        following = [candidate[s + 1] if s + 1 < len(candidate) else after for s in slots]
        if not all(_rejects(codec, candidate[s], f) for s, f in zip(slots, following, strict=True)):
            continue
        try:
            ch = bytes(candidate).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(ch) == 1 and char_cost(ch) < RARE_HAN:
            fits.append((score(ch), ch))
    fits.sort()
    lead = fits[1][0] - fits[0][0] if len(fits) > 1 else GUESS_LEAD
    if fits and lead >= MIN_LEAD and (len(fits) <= MAX_GUESSES or lead >= GUESS_LEAD):
        report.guessed += 1
        return fits[0][1]
    report.unrecovered += 1
    return "\ufffd"


def _utf8_with_lost_bytes(data: list[int | None], around: Around, report: Report, codec: str) -> str | None:
    """Decode UTF-8 in which ``None`` marks a lost byte; ``None`` if it is not UTF-8."""
    pieces: list[str | tuple[list[int | None], int | None]] = []
    i = 0
    while i < len(data):
        lead = data[i]
        if lead is None:
            tail = 0
            while i + 1 + tail < len(data) and (b := data[i + 1 + tail]) is not None and 0x80 <= b < 0xC0:
                tail += 1
            if not 1 <= tail <= 3:
                report.unrecovered += 1
                pieces.append("\ufffd")
                i += 1
                continue
            length = tail + 1
        else:
            length = _utf8_length(lead)
            if length == 0 or i + length > len(data):
                return None
        sequence = data[i : i + length]
        if None in sequence:
            pieces.append((sequence, data[i + length] if i + length < len(data) else around[1]))
        else:
            try:
                pieces.append(bytes(b for b in sequence if b is not None).decode("utf-8"))
            except UnicodeDecodeError:
                return None
        i += length
    penalty = _variant_penalty("".join(p for p in pieces if isinstance(p, str)))
    out = []
    for k, piece in enumerate(pieces):
        if isinstance(piece, str):
            out.append(piece)
            continue
        before = out[-1][-1:] if out else around[0]
        following = pieces[k + 1] if k + 1 < len(pieces) else ""
        after_char = following[:1] if isinstance(following, str) else ""

        line_end = k + 1 == len(pieces) and around[1] in (None, 0x0A, 0x0D)

        def score(ch: str, before: str = before, after_char: str = after_char, line_end: bool = line_end) -> float:
            bonus = SENTENCE_END_BONUS if line_end and ch in SENTENCE_ENDS else 0.0
            if before.isdigit() and ch in AFTER_DIGIT:
                bonus += AFTER_DIGIT_BONUS
            return char_cost(ch) + penalty(ch) - pair_bonus(before, ch) - pair_bonus(ch, after_char) - bonus

        out.append(_guess(*piece, score, report, codec))
    return "".join(out)


def _utf8_read_as(token: str, around: Around, report: Report, codec: str) -> str | None:
    """Undo UTF-8 read as ``codec`` (GBK: ``浣犲ソ`` -> 你好), guessing bytes lost as U+FFFD.

    Saved back as GBK, each U+FFFD became ``?`` (``鏈?鎶ヨ``): a ``?`` inside the token is
    read as a lost byte when the token is not UTF-8 with it as a question mark.
    """
    if _GARBLED_REPLACEMENT in token or token.isascii():
        return None
    if "\ufffd" not in token:
        try:
            decoded = token.encode(codec).decode("utf-8")
        except UnicodeError:
            decoded = None
        if decoded is not None or "?" not in token.lstrip("?"):
            return None if decoded is None or "\ufffd" in decoded else decoded
    data: list[int | None] = []
    for i, ch in enumerate(token):
        if ch == "\ufffd" or (ch == "?" and i and not token[i - 1].isascii()):
            data.append(None)
            continue
        try:
            data.extend(ch.encode(codec))
        except UnicodeEncodeError:
            return None
    trial = Report()
    text = _utf8_with_lost_bytes(data, around, trial, codec)
    if text is None or text.count("\ufffd") > trial.unrecovered:
        return None  # not UTF-8, or a U+FFFD of its own (锟斤拷)
    if not text.strip("\ufffd") and _STARTS[codec].isdisjoint(token):
        return None  # nothing read but marks, from a token that does not look garbled (¢)
    report.guessed += trial.guessed
    report.unrecovered += trial.unrecovered
    return text


_CJK_PUNCTUATION_RUN = re.compile(r"([，。、：；？！“”（）《》]+)")


def _utf8_read_as_in_pieces(codec: str) -> Reading:
    """:func:`_utf8_read_as` on the token, or, if it is not all garbled, on its pieces between CJK punctuation.

    The punctuation of clean text (，= a3 ac in GBK) is not UTF-8, but garbled text may
    contain it too (档 = e6 a1 a3 reads as 囨。), so the whole token is tried first.
    """

    def reading(token: str, around: Around, report: Report) -> str | None:
        whole = _utf8_read_as(token, around, report, codec)
        if whole is not None:
            return whole
        parts = _CJK_PUNCTUATION_RUN.split(token)
        if len(parts) == 1:
            return None
        out = []
        for i, part in enumerate(parts):
            follower = _first_byte(parts[i + 1], codec) if i + 1 < len(parts) else around[1]
            before = parts[i - 1][-1:] if i else around[0]
            new = _utf8_read_as(part, (before, follower), report, codec) if i % 2 == 0 and part else None
            out.append(new if new is not None and _better(new, part) else part)
        return "".join(out)

    return reading


def _ftfy(line: str, report: Report) -> str | None:
    fixed: str = ftfy.fix_encoding(line)
    return fixed


#: Token readings: name, pattern of the independent tokens of a line, function. GBK and Big5
#: trail bytes may be ASCII from 0x40 up, so only lower ASCII separates their tokens; ``?`` does
#: not separate UTF-8 read as GBK, where it may stand for a lost byte.
READINGS: tuple[tuple[str, re.Pattern[str], Reading], ...] = (
    ("cp1252>utf-8", re.compile(r"[^\x00-\x7f]+"), _from_cp1252("utf-8")),
    ("cp1252>gbk", re.compile(r"[^\x00-\x3f]+"), _from_cp1252("gb18030")),
    ("cp1252>big5", re.compile(r"[^\x00-\x3f]+"), _from_cp1252("big5")),
    ("gbk>utf-8", re.compile(r"[^\x00-\x3e\x40-\x7f]+"), _utf8_read_as_in_pieces("gbk")),
    ("sjis>utf-8", re.compile(r"[^\x00-\x3e\x40-\x7f]+"), _utf8_read_as_in_pieces("cp932")),
)
#: The codec that misread the bytes, where a reading needs the byte after a token (default GBK).
_MISREAD_WITH = {"sjis>utf-8": "cp932"}


ALL_READINGS = tuple(name for name, _, _ in READINGS)
FULL_PLAN = Plan(ALL_READINGS)


def _changed_middle(new: str, old: str) -> tuple[str, str]:
    """The parts of ``new`` and ``old`` between their common prefix and suffix."""
    start = 0
    while start < min(len(new), len(old)) and new[start] == old[start]:
        start += 1
    end = 0
    while end < min(len(new), len(old)) - start and new[-1 - end] == old[-1 - end]:
        end += 1
    return new[start : len(new) - end], old[start : len(old) - end]


def _better(new: str, old: str) -> bool:
    """Whether ``new`` is clearly likelier than ``old``, judged on the part that differs."""
    changed, replaced = _changed_middle(new, old)
    before, after = cost(replaced), cost(changed)
    if not (after <= before * RATIO and after <= before - MARGIN):
        return False
    return _plausible(changed)


def _plausible(changed: str) -> bool:
    """Whether the non-ASCII characters of ``changed`` are cheap enough, and its letters mostly of one script family."""
    wide = [ch for ch in changed if ord(ch) >= 0x80 and ch != "\ufffd"]
    if not wide:
        return True
    letters = [ch for ch in wide if unicodedata.category(ch).startswith("L")]
    scripts = Counter(map(_script, letters))
    return cost("".join(wide)) <= PLAUSIBLE * len(wide) and (
        not letters or (scripts["other"] == 0 and max(scripts.values()) >= SAME_SCRIPT * len(letters))
    )


def _script(ch: str) -> str:
    """The script family of a non-ASCII character: latin, greek-cyrillic, cjk (with punctuation) or other."""
    code = ord(ch)
    if code < 0x250:
        return "latin"
    if 0x370 <= code < 0x530:
        return "greek-cyrillic"
    if 0x2000 <= code < 0x2070 or 0x3000 <= code < 0xA000 or 0xAC00 <= code < 0xD7B0 or 0xFF00 <= code < 0xFFF0:
        return "cjk"
    if code >= 0x20000 or 0xF900 <= code < 0xFB00:
        return "cjk"
    return "other"


def _first_byte(text: str, codec: str) -> int | None:
    """The first byte of ``text`` in ``codec``, which is what its decoder saw after the text before it."""
    try:
        return text[:1].encode(codec)[0] if text else None
    except UnicodeEncodeError:
        return None


@dataclass
class _Readout:
    """A line read token by token: ``text`` with each token's reading where it passes the bar."""

    text: str = ""
    changed: int = 0


@dataclass(frozen=True)
class _Verdict:
    """A token's reading and whether it passes the strict and the lenient bar; ``evidence``:
    the non-ASCII characters it replaces."""

    new: str
    strict: bool
    lenient: bool
    evidence: int


Memo = dict[tuple[str, str, Around], _Verdict | None]


def _verdict(new: str | None, part: str) -> _Verdict | None:
    if new is None or new == part:
        return None
    changed, replaced = _changed_middle(new, part)
    before, after = cost(replaced), cost(changed)
    plausible = _plausible(changed)
    return _Verdict(
        new,
        strict=plausible and after <= before * RATIO and after <= before - MARGIN,
        lenient=plausible and after <= before - LENIENT_MARGIN,
        evidence=sum(1 for ch in replaced if ord(ch) >= 0x80),
    )


def _read_tokens(
    line: str, name: str, token: re.Pattern[str], reading: Reading, report: Report, *, memo: Memo
) -> tuple[_Readout, _Readout]:
    """``line`` read token by token, twice: each token replaced by its reading where that is clearly
    better (strict, see :func:`_better`), and where it is merely better (lenient: for a line that
    shows the reading as a whole). ``memo`` keeps the verdicts on tokens met before (by the
    reading's ``name``)."""
    codec = _MISREAD_WITH.get(name, "gbk")
    strict, lenient = _Readout(), _Readout()

    found_any = False

    def verdict(match: re.Match[str]) -> _Verdict | None:
        nonlocal found_any
        part, start, end = match.group(), match.start(), match.end()
        if not SUSPECT.search(part):
            return None
        key = (name, part, (line[start - 1 : start], _first_byte(line[end : end + 1], codec)))
        if key not in memo:
            memo[key] = _verdict(reading(part, key[2], report), part)
        found_any = found_any or memo[key] is not None
        return memo[key]

    def strictly(match: re.Match[str]) -> str:
        found = verdict(match)
        if found is None or not found.strict:
            return match.group()
        strict.changed += found.evidence
        return found.new

    def leniently(match: re.Match[str]) -> str:
        found = verdict(match)
        if found is None or not found.lenient:
            return match.group()
        lenient.changed += found.evidence
        return found.new

    strict.text = token.sub(strictly, line)
    lenient.text = token.sub(leniently, line) if found_any else strict.text
    return strict, lenient


def _token_rounds(line: str, report: Report, plan: Plan) -> str:
    """Apply the reading that helps the line most, then again on its result, for up to :data:`ROUNDS` rounds.

    A line's first reading needs :data:`MIN_EVIDENCE` changed characters and :data:`LINE_GAIN`
    bits, unless the document already trusts it. The line as a whole is evidence too: tokens
    too short to judge alone (ø read as GBK is 酶) follow the reading if they are merely likelier
    and the line gains :data:`LINE_GAIN` bits.
    """
    memo: Memo = {}
    for round_ in range(ROUNDS):
        if round_ and not suspicions(line):
            break
        best, best_cost, best_name, best_report = line, cost(line), "", Report()
        start = best_cost
        for name, token, reading in READINGS:
            if name not in plan.readings:
                continue
            first = best_cost == start and name not in plan.trusted
            trial = Report()
            strict, lenient = _read_tokens(line, name, token, reading, trial, memo=memo)
            chosen = strict
            if lenient.changed > strict.changed and cost(lenient.text) <= start - LINE_GAIN:
                chosen = lenient
            new = chosen.text
            if first and chosen.changed < MIN_EVIDENCE:
                continue
            if new != line and (new_cost := cost(new)) < best_cost - LINE_GAIN * first:
                best, best_cost, best_name, best_report = new, new_cost, name, trial
        if not best_name:
            break
        best_report.count(best_name)
        report.merge(best_report)
        line = best
    return line


#: Characters that the Unicode stage removes (C0 controls, zero-width and bidi marks): they are
#: left out of a line that gets repaired, so that repairing the result again changes nothing.
_REMOVED_LATER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u2060\ufeff\u180e\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


_C1 = re.compile("[\x80-\x9f]")
_HIGH = re.compile("[\x80-\xff]")
#: No-break spaces, which the Unicode stage turns into spaces (UC104): a line is repaired
#: again with them as spaces, which is what a second cleaning would see.
_NO_BREAK_SPACE = re.compile("[\xa0\u2007\u202f]")


def repair_line(line: str, report: Report, plan: Plan = FULL_PLAN) -> str:
    """Repair one line: token readings, repeated, on the line as it is and as ftfy repairs it; the cheapest wins.

    ftfy alone can half-repair CJK mojibake (``ÖÐ¹ú`` -> ``Öйú``), which no reading
    undoes, hence the two starts. So that a second cleaning, which sees the line after the
    Unicode stage, changes nothing: C0 controls are left out, C1 controls left over in a
    repaired line are removed, and the line is tried again without C1 controls and with
    its no-break spaces as spaces (that result is kept if it repairs more).
    Returns ``line`` itself when nothing is repaired.
    """
    start = _REMOVED_LATER.sub("", line)
    current = _settle(start, report, plan)
    for pattern, replacement in ((_C1, ""), (_NO_BREAK_SPACE, " ")):
        if pattern.search(current):
            plain = pattern.sub(replacement, current)
            again = _settle(plain, report, plan)
            if again != plain:
                current = again
    return line if current == start else current


def _settle(line: str, report: Report, plan: Plan) -> str:
    for _ in range(ROUNDS):
        new = _repair_once(line, report, plan)
        if new == line:
            break
        line = _C1.sub("", new)
    return line


def _repair_once(line: str, report: Report, plan: Plan) -> str:
    own = Report()
    best, best_report = _token_rounds(line, own, plan), own
    # ftfy's start is needed only where the readings left Latin-1 characters or something suspect
    needed = best == line or _HIGH.search(best) or suspicions(best)
    fixed = _ftfy(line, report) if plan.use_ftfy and needed else None
    if fixed is not None and fixed != line and cost(fixed) < cost(line):
        via_ftfy = Report()
        via_ftfy.count("ftfy")
        candidate = _token_rounds(fixed, via_ftfy, plan)
        if cost(candidate) < cost(best):
            best, best_report = candidate, via_ftfy
    if best != line:
        report.merge(best_report)
    return best


def _line_suspicions(line: str) -> set[str]:
    """:func:`suspicions` of the line as the Unicode stage leaves it (without C0 controls)."""
    return suspicions(_REMOVED_LATER.sub("", line) if _REMOVED_LATER.search(line) else line)


def _plan_for(kinds: set[str], left_out: str = "", trusted: frozenset[str] = frozenset()) -> Plan:
    """The readings worth trying on a line with these suspicions: a line suspected of UTF-8 read
    as GBK only (traditional Chinese often is: 網頁大) gets that reading alone, and no ftfy."""
    if "latin" not in kinds:
        return Plan(tuple(f"{kind}>utf-8" for kind in sorted(kinds)), use_ftfy=False, trusted=trusted)
    return Plan(tuple(name for name in ALL_READINGS if name != left_out), use_ftfy=True, trusted=trusted)


def repair(text: str) -> tuple[str, Report]:
    """Repair the mojibake in ``text`` line by line; clean lines are not touched.

    One document has one history. If both GBK and Big5 read as cp1252 were found, the
    lines are repaired again with the rarer of the two left out (a lone ``¨C`` is – in
    GBK and 每 in Big5). A reading that repaired :data:`TRUSTED_AFTER` lines is then
    trusted on the lines where it lacked evidence of its own, and GBK or Big5 read as cp1252,
    once trusted, is looked for on every line with a Latin-1 character (``¨C`` for –, in English).
    """
    report = Report()
    if not suspicions(text) and not (_REMOVED_LATER.search(text) and suspicions(_REMOVED_LATER.sub("", text))):
        return text, report
    lines = text.split("\n")
    suspects = {i: kinds for i, line in enumerate(lines) if (kinds := _line_suspicions(line))}
    fixed = {i: repair_line(lines[i], report, _plan_for(kinds)) for i, kinds in suspects.items()}
    gbk, big5 = report.readings.get("cp1252>gbk", 0), report.readings.get("cp1252>big5", 0)
    left_out = "" if not (gbk and big5) else "cp1252>big5" if gbk >= big5 else "cp1252>gbk"
    trusted = frozenset(name for name, n in report.readings.items() if n >= TRUSTED_AFTER and name != left_out)
    if not left_out and len(trusted & {"cp1252>gbk", "cp1252>big5"}) == 1:
        left_out = "cp1252>big5" if "cp1252>gbk" in trusted else "cp1252>gbk"
    if trusted & {"cp1252>gbk", "cp1252>big5"}:
        suspects.update({i: {"latin"} for i, line in enumerate(lines) if i not in suspects and _HIGH.search(line)})
    if left_out or trusted:
        report = Report()
        fixed = {i: repair_line(lines[i], report, _plan_for(kinds, left_out, trusted)) for i, kinds in suspects.items()}
    for i, line in fixed.items():
        lines[i] = line
    return "\n".join(lines), report
