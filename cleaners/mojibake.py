"""Mojibake repair, CJK included: undo a wrong decoding where the result is clearly likelier text.

A cheap pre-check (:func:`cleaners.mojibake_signs.suspicions`) lets clean text through at once. On each
suspected line, readings are tried on the whole line (ftfy) and on each token of it,
so that a garbled span inside clean text is repaired alone:

- ftfy's encoding repair (UTF-8 read as cp1252, latin-1, MacRoman, cp1251, cp437; C1
  controls), judged by cost like the others;
- text encoded back as cp1252 (latin-1 for the bytes cp1252 lacks) and decoded as
  UTF-8, GBK/GB18030, Big5, EUC-JP or Shift_JIS: ``ÄãºÃ`` is 你好 read as latin-1,
  ``ÆüËÜ`` 日本; a space where UTF-8 needs a continuation byte was a no-break space;
- text encoded back as GBK (Shift_JIS, Big5) and decoded as UTF-8: ``浣犲ソ`` is 你好 read as
  GBK, ``縺薙ｓ`` こん read as Shift_JIS; where words were typed into a garbled line,
  the spans that read as UTF-8 alone. A byte the decoder could not read shows as
  U+FFFD, or ``?`` (Windows' Shift_JIS: ``・``) once saved back; it is guessed where few
  characters fit or one is far ahead (:mod:`cleaners.lost_bytes`); else it stays U+FFFD;
- text encoded back as Big5 (cp950 or HKSCS) and decoded as GBK: ``笢恅`` is 中文.

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

import contextlib
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import ftfy

from cleaners.lost_bytes import Around, Losses, holes_left, utf8_with_lost_bytes
from cleaners.lost_context import known_document
from cleaners.mojibake_signs import LATIN_1, STARTS, SUSPECT, suspicions
from cleaners.plausibility import cost, encodable, pair_costs

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
#: ... or this many where the line shows the reading elsewhere (a rare Han character costs 23).
PLAUSIBLE_IN_CONTEXT = 24.0
#: ... and this share of them must be of one script family (see :func:`_script`).
SAME_SCRIPT = 0.6
ROUNDS = 3
#: Bits a character of ordinary Chinese text costs at most, on average (common words: 8-10).
ORDINARY_CHINESE = 12.0
#: Characters of the line before a token that its reading may look at (quotes opened, a list bullet).
CONTEXT = 64
_GARBLED_REPLACEMENT = "锟斤拷"
_NON_ASCII = re.compile("[^\x00-\x7f]")
_CP1252_SPECIALS = {ch: bytes([b]) for b in range(0x80, 0xA0) for ch in bytes([b]).decode("cp1252", errors="ignore")}


@dataclass(frozen=True)
class Plan:
    """What to try on a line: token readings by name, ftfy or not, and the readings the rest of
    the document has already shown to apply (``trusted``: they need no evidence of their own)."""

    readings: tuple[str, ...]
    use_ftfy: bool = True
    trusted: frozenset[str] = frozenset()


@dataclass
class Report(Losses):
    """What a repair did: spans repaired, by which reading, lost bytes guessed or left as U+FFFD."""

    repaired: int = 0
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


Reading = Callable[[str, Around, Report], str | None]


#: Half-width katakana: Shift_JIS's single bytes 0xa1-0xdf, which are Latin-1's letters À-ß and symbols ¡-¿.
_HALFWIDTH_KATAKANA = re.compile("[\uff61-\uff9f]")


def _from_cp1252(target: str) -> Reading:
    """Text encoded back as cp1252 and decoded as ``target``. Not as Shift_JIS where that gives
    half-width katakana: those bytes were Latin-1 (``‚Ä¦`` is …, read as MacRoman; not てｶ)."""

    def reading(token: str, around: Around, report: Report) -> str | None:
        if target == "utf-8" and "\ufffd" in token:
            return _utf8_with_lost_cp1252_bytes(token, around, report)
        data = sloppy_cp1252(token)
        if data is None or data.isascii():
            return None
        try:
            text = data.decode(target)
        except UnicodeDecodeError:
            if target == "utf-8" or _HYPHEN not in data:
                return None
            try:
                text = _soft_hyphens_shown(data).decode(target)
            except UnicodeDecodeError:
                return None
        return None if target == "cp932" and _HALFWIDTH_KATAKANA.search(text) else text

    return reading


_HYPHEN = 0x2D


def _soft_hyphens_shown(data: bytes) -> bytes:
    """``data`` (a double-byte encoding) with each hyphen that stands as the second byte of a pair, or
    as the first before a non-ASCII byte, taken for the soft hyphen (0xad) that a page showed as one:
    ``¤-`` is a4 ad, 五 in Big5, and ``¤--Ó`` a4 ad ad d3, 五個."""
    out = bytearray(data)
    i = 0
    while i < len(out) - 1:
        if out[i] == _HYPHEN and out[i + 1] >= 0x80:
            out[i] = 0xAD
        if out[i] < 0x81:
            i += 1
            continue
        if out[i + 1] == _HYPHEN:
            out[i + 1] = 0xAD
        i += 2
    return bytes(out)


#: What a guess for a byte lost in cp1252 may give, with what it leaves: CJK text only (curly quotes
#: around it aside). Elsewhere a lost byte is mostly a quote or a dash in English (``â€\ufffd``), too many
#: to tell apart.
_CJK_ONLY = re.compile("[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff01-\uff5e]+")
_CURLY_QUOTES = "\u2018\u2019\u201c\u201d"
#: Bytes lost where UTF-8 was read as cp1252: its five undefined bytes (U+FFFD, or left out), the soft
#: hyphen (invisible, so left out in a copy: ``ä¸`` is 中, e4 b8 ad), and, where a later step wrote ``?``
#: for what Latin-1 lacks, any of 0x80-0x9f.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_CP1252_LEFT_OUT = _CP1252_UNDEFINED | {0xAD}
_CP1252_QUESTIONED = frozenset(range(0x80, 0xA0)) | {0xAD}
#: A token with more sequences short of a byte than this is not guessed.
MAX_LEFT_OUT = 2


def _utf8_with_lost_cp1252_bytes(token: str, around: Around, report: Report) -> str | None:
    """Undo UTF-8 read as cp1252 where bytes were lost, where the whole token then reads as CJK:
    the bytes cp1252 lacks (81 8d 8f 90 9d) that became U+FFFD are guessed among those five
    (``æ•°æ\ufffd®`` is 数据); a ``?`` between non-ASCII characters is one of 0x80-0x9f (``é?»`` is 逻),
    and a sequence one byte short lost one of the five or a soft hyphen (``â€œä¸å›½â€`` is “中国”);
    where the missing byte may stand at more than one place in it, the likeliest reading wins."""
    data: list[int | None] = []
    questioned = False
    for i, ch in enumerate(token):
        if ch == "\ufffd" or (ch == "?" and 0 < i < len(token) - 1 and not token[i - 1].isascii()):
            questioned = questioned or ch == "?"
            data.append(None)
            continue
        known = sloppy_cp1252(ch)
        if known is None:
            return None
        data.extend(known)
    variants = _with_left_out_bytes(data)
    if not variants or (len(variants) == 1 and None not in variants[0]):
        return None
    if around[1] == 0x20 and _nbsp_completes(data):
        return None  # a no-break space became the space after it (see _utf8_with_spaces_for_nbsp)
    lost = _CP1252_QUESTIONED if questioned else _CP1252_LEFT_OUT if variants != [data] else None
    best: tuple[float, str, Report] | None = None
    for variant in variants:
        trial = Report()
        text = utf8_with_lost_bytes(variant, around, trial, "cp1252", lost)
        if text is None or trial.unrecovered or not _CJK_ONLY.fullmatch(text.strip(_CURLY_QUOTES)):
            continue
        if best is None or cost(text) < best[0]:
            best = (cost(text), text, trial)
    if best is None:
        return None
    report.guessed += best[2].guessed
    return best[1]


def _with_left_out_bytes(data: list[int | None]) -> list[list[int | None]]:
    """``data`` (UTF-8 with lost bytes as ``None``) with a lost byte put where a sequence is one byte
    short, at each place it may stand (``e4 b8 | e5`` is ``e4 ? b8`` or ``e4 b8 ?``): the variants, ``[]``
    if a sequence is shorter still or more than :data:`MAX_LEFT_OUT` are short."""
    gaps: list[range] = []
    i = 0
    while i < len(data):
        lead = data[i]
        due = _utf8_continuations(lead)
        present = 0
        while present < due and i + 1 + present < len(data) and _continues(data[i + 1 + present]):
            present += 1
        if present < due - 1:
            return []
        if present == due - 1:
            gaps.append(range(i + 1, i + due + 1))
        i += 1 + present
    if len(gaps) > MAX_LEFT_OUT:
        return []
    variants = []
    for places in itertools.product(*gaps):
        variant = list(data)
        for place in reversed(places):
            variant.insert(place, None)
        variants.append(variant)
    return variants


def _nbsp_completes(data: list[int | None]) -> bool:
    """Whether ``data`` ends with a sequence that a0, a no-break space in cp1252, completes to CJK."""
    start = len(data) - 1
    while start > 0 and data[start] is not None and _continues(data[start]):
        start -= 1
    tail = [byte for byte in data[start:] if byte is not None]
    if len(tail) != len(data) - start or len(tail) != _utf8_continuations(tail[0] if tail else None):
        return False
    return _CJK_ONLY.fullmatch(bytes([*tail, 0xA0]).decode("utf-8", errors="replace")) is not None


def _utf8_continuations(lead: int | None) -> int:
    """How many continuation bytes a UTF-8 sequence starting with ``lead`` has (0 for none, or no lead)."""
    if lead is None or lead < 0xC2 or lead > 0xF4:
        return 0
    return 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3


def _continues(byte: int | None) -> bool:
    return byte is None or 0x80 <= byte < 0xC0


#: Runs of non-ASCII characters with ``?`` between them (where a lost byte may stand).
_WITH_QUESTION_MARKS = re.compile("[^\x00-\x7f](?:[^\x00-\x7f]|\\?(?=[^\x00-\x7f]))+")


def _utf8_with_cp1252_bytes_left_out(token: str, around: Around, report: Report) -> str | None:
    """:func:`_utf8_with_lost_cp1252_bytes` on a token without U+FFFD (the cp1252 reading guesses those)."""
    return None if "\ufffd" in token else _utf8_with_lost_cp1252_bytes(token, around, report)


def _utf8_with_spaces_for_nbsp(token: str, around: Around, report: Report) -> str | None:
    """Undo UTF-8 read as cp1252 whose no-break spaces became spaces on the way (a copy from a page):
    byte a0 is a continuation byte too, so a space where one is due stands for it (``ä½ å¥½`` is 你好)."""
    data = sloppy_cp1252(token)
    if data is None:
        return None
    out, due = bytearray(), 0
    for read in data:
        byte = 0xA0 if due and read == 0x20 else read
        if due and 0x80 <= byte < 0xC0:
            due -= 1
        else:
            due = 1 if 0xC2 <= byte < 0xE0 else 2 if 0xE0 <= byte < 0xF0 else 3 if 0xF0 <= byte < 0xF5 else 0
        out.append(byte)
    if out == data:
        return None
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        return None


def misread_bytes(text: str, codec: str) -> bytes:
    """The bytes that ``codec`` read as ``text``. For GBK, Windows (cp936) and GB18030 decoders
    are covered too: they read byte 0x80 as € and the user-defined rows as private-use characters.

    >>> misread_bytes("鏈€\ue21a", "gbk").hex(" ")
    'e6 9c 80 af e5'
    """
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        if codec != "gbk":
            raise
    out = bytearray()
    for ch in text:
        if ch == "€":
            out.append(0x80)
        elif "\ue000" <= ch <= "\uf8ff" and len(pair := ch.encode("gb18030")) == 2:
            out += pair
        else:
            out += ch.encode("gbk")
    return bytes(out)


#: Big5 as Windows (cp950) and Hong Kong (Big5-HKSCS) decoders read it: they differ in the rows
#: of symbols and kana (ワ is c7 a9 in cp950, c7 eb in HKSCS), and HKSCS has more characters (⻌).
BIG5_TABLES = ("cp950", "big5hkscs")


def _big5_bytes(text: str, table: str) -> bytes | None:
    """The bytes a Big5 decoder read as ``text``, by ``table`` where it has the character, else by the other."""
    out = bytearray()
    for ch in text:
        for codec in (table, *BIG5_TABLES):
            if encodable(ch, codec):
                out += ch.encode(codec)
                break
        else:
            return None
    return bytes(out)


def _gbk_read_as_big5(token: str, around: Around, report: Report) -> str | None:
    """Undo GBK read as Big5 (cp950): ``笢恅`` -> 中文.

    Big5's rarer characters are GBK's common ones read that way, so rare Big5 text of any
    kind reads back as Chinese of a sort: only a reading as cheap as ordinary Chinese
    (:data:`ORDINARY_CHINESE` bits a character) is offered.
    """
    readings = set()
    for table in BIG5_TABLES:
        data = _big5_bytes(token, table)
        with contextlib.suppress(UnicodeDecodeError):
            readings.add(data.decode("gb18030") if data is not None else "")
    text = min(readings - {""}, key=cost, default="")
    wide = _NON_ASCII.findall(text)
    return text if wide and cost("".join(wide)) <= ORDINARY_CHINESE * len(wide) else None


def _utf8_read_as(token: str, around: Around, report: Report, codec: str) -> str | None:
    """Undo UTF-8 read as ``codec`` (GBK: ``浣犲ソ`` -> 你好), guessing bytes lost as U+FFFD.

    Saved back as GBK, each U+FFFD became ``?`` (``鏈?鎶ヨ``): a ``?`` inside the token is
    read as a lost byte when the token is not UTF-8 with it as a question mark.
    """
    if _GARBLED_REPLACEMENT in token or token.isascii():
        return None
    marks = _DEFAULT_CHARACTERS.get(codec, "?")
    # ・ read as Shift_JIS is 81 45, whose UTF-8 reading (a lead byte, then E) is never meant
    if "\ufffd" not in token and not (codec == "cp932" and "・" in token[1:]):
        try:
            decoded = misread_bytes(token, codec).decode("utf-8")
        except UnicodeError:
            decoded = None
        if decoded is not None or not any(mark in token.lstrip(marks) for mark in marks):
            return None if decoded is None or "\ufffd" in decoded else decoded
    data: list[int | None] = []
    for i, ch in enumerate(token):
        if ch == "\ufffd" or (ch in marks and i and not token[i - 1].isascii()):
            data.append(None)
            continue
        try:
            data.extend(misread_bytes(ch, codec))
        except UnicodeEncodeError:
            return None
    trial = Report()
    text = utf8_with_lost_bytes(data, _swallowed_next(token, around, marks), trial, codec)
    if text is None or text.count("\ufffd") > trial.unrecovered:
        return None  # not UTF-8, or a U+FFFD of its own (锟斤拷)
    if not text.strip("\ufffd") and STARTS[codec].isdisjoint(token):
        return None  # nothing read but marks, from a token that does not look garbled (¢)
    report.guessed += trial.guessed
    report.unrecovered += trial.unrecovered
    return text + _swallowed_byte(token, around, marks)


def _swallowed_next(token: str, around: Around, marks: str) -> Around:
    """What followed a token that ends with a Windows decoder's mark (not U+FFFD) before ASCII: the
    decoder swallowed the byte after the lost one with it, so the lost byte was rejected before that
    unseen byte, not before the ASCII character in sight. Where that character is one a lead byte may
    pair with (from 0x40), it is taken as a space, which every lead byte rejects (``棰?|``, where 0x91
    before ``|`` would have read as a character, is 频 as well as 颤)."""
    follower = around[1]
    if token[-1:] in marks and follower is not None and 0x40 <= follower < 0x80:
        return around[0], 0x20
    return around


#: What Windows decoders write for bytes they cannot read, besides U+FFFD: cp932 writes ・.
_DEFAULT_CHARACTERS = {"cp932": "?・"}
_CLOSERS = frozenset(b")]},;")
_SEPARATOR = ord("|")


def _swallowed_byte(token: str, around: Around, marks: str) -> str:
    """The closing quote, or space, that a Windows decoder swallowed with the lost byte before it, if any.

    Meeting a lead byte it cannot pair, a Windows decoder writes its mark for the lead byte and the
    byte after it, even an ASCII one. Where a token ends with the mark before a closing bracket or
    a comma, and a quote is open on the line, that byte was the closing quote
    (``print("荳ｭ譁ｭ縲・)`` is ``print("中断。")``); before the bar that closes a table cell, in a line
    whose bars are followed by spaces, it was the space before the bar (``| 鍏?|`` is ``| 入 |``).
    """
    if not token or token[-1] not in marks:
        return ""
    if around[1] == _SEPARATOR and f"{chr(_SEPARATOR)} " in around[0]:
        return " "
    if around[1] not in _CLOSERS:
        return ""
    open_quotes = [quote for quote in "\"'" if around[0].count(quote) % 2]
    return open_quotes[0] if len(open_quotes) == 1 else ""


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
        out: list[str] = []
        for i, part in enumerate(parts):
            follower = _first_byte(parts[i + 1], codec) if i + 1 < len(parts) else around[1]
            before = (around[0] + "".join(out))[-CONTEXT:]
            new = _utf8_read_as(part, (before, follower), report, codec) if i % 2 == 0 and part else None
            if new is None and i % 2 == 0 and part and not _LOST_MARK.search(part):
                new = _garbled_spans_read(part, codec)
            out.append(new if new is not None and _better(new, part) else part)
        text = "".join(out)
        return None if text == token else text

    return reading


#: What stands for a lost byte: U+FFFD, or a decoder's mark saved back (see :data:`_DEFAULT_CHARACTERS`).
_LOST_MARK = re.compile("[?\ufffd・]")


def _garbled_spans_read(text: str, codec: str) -> str | None:
    """``text`` with each span whose bytes in ``codec`` are UTF-8 read as UTF-8 where that is clearly
    better: words typed into a garbled line (``杩斿洖鐨勬槸相对浜庢湪`` is 返回的是相对于木). Of the
    last few ends a span may have, the one that saves the most bits is taken (``鍏朵粬偏`` reads
    as 其他ƫ, but ``鍏朵粬`` as 其他, and 偏 is a word typed in)."""
    out: list[str] = []
    i = changed = 0
    while i < len(text):
        best: tuple[float, int, str] | None = None
        for end in _utf8_span_ends(text, i, codec)[-SPAN_ENDS_TRIED:]:
            span = text[i:end]
            try:
                new = misread_bytes(span, codec).decode("utf-8")
            except UnicodeError:
                continue
            if "\ufffd" in new or _typed_in(span, new, codec):
                continue  # 锟斤拷 is U+FFFD itself, read as GBK
            gain = cost(span) - cost(new)
            if _better(new, span) and (best is None or gain > best[0]):
                best = (gain, end, new)
        if best is None:
            out.append(text[i])
            i += 1
        else:
            out.append(best[2])
            changed += 1
            i = best[1]
    return "".join(out) if changed else None


def _typed_in(span: str, new: str, codec: str) -> bool:
    """Whether a span's reading has no CJK (three-byte) character, or begins or ends with a character
    whose bytes alone are a two-byte UTF-8 character (偏 = c6 ab, ƫ; 僻 = c6 a7, Ƨ): a character typed
    next to the garbled ones, not one of them."""
    if max(new) < "\u0800":
        return True
    return any(
        "\x80" <= read < "\u0800" and misread_bytes(own, codec) == read.encode()
        for own, read in ((span[0], new[0]), (span[-1], new[-1]))
    )


#: How many of a span's possible ends (longest first) :func:`_garbled_spans_read` compares.
SPAN_ENDS_TRIED = 3


def _utf8_span_ends(text: str, start: int, codec: str) -> list[int]:
    """The ends of the spans of ``text`` from ``start`` whose bytes in ``codec`` make whole UTF-8
    characters, not all ASCII, shortest first."""
    need, wide, ends = 0, False, list[int]()
    for j in range(start, len(text)):
        try:
            data = misread_bytes(text[j], codec)
        except UnicodeEncodeError:
            break
        for byte in data:
            if need:
                if not 0x80 <= byte < 0xC0:
                    return ends
                need -= 1
            elif byte >= 0x80:
                if not 0xC2 <= byte <= 0xF4:
                    return ends
                need, wide = (1 if byte < 0xE0 else 2 if byte < 0xF0 else 3), True
        if not need and wide:
            ends.append(j + 1)
    return ends


def _ftfy(line: str, report: Report) -> str | None:
    fixed: str = ftfy.fix_encoding(line)
    return fixed


def _with_latin_1(body: str) -> re.Pattern[str]:
    """Runs of ``body`` (a character-class body) that hold a character of :data:`LATIN_1`: the others
    have no reading from cp1252, and are not worth a look (a clean CJK line with one é has many)."""
    return re.compile(f"(?<![{body}])[{body}]*?[{LATIN_1}][{body}]*")


#: Double-byte legacy encodings read as cp1252: their second bytes may be ASCII from 0x40 up, and a hyphen
#: may be a soft hyphen shown (see :func:`_soft_hyphens_shown`), so lower ASCII but the hyphen separates tokens.
_LEGACY_BODY = r"^\x00-\x2c\x2e-\x3f"
#: Token readings: name, pattern of the independent tokens of a line, function. GBK and Big5
#: trail bytes may be ASCII from 0x40 up, so only lower ASCII separates their tokens; ``?`` does
#: not separate UTF-8 read as GBK, where it may stand for a lost byte.
READINGS: tuple[tuple[str, re.Pattern[str], Reading], ...] = (
    ("cp1252>utf-8", _with_latin_1(r"^\x00-\x7f"), _from_cp1252("utf-8")),
    ("cp1252>utf-8 nbsp", re.compile("(?:[^\x00-\x7f]|(?<=[^\x00-\x7f]) )+"), _utf8_with_spaces_for_nbsp),
    ("cp1252>utf-8 lost", _WITH_QUESTION_MARKS, _utf8_with_cp1252_bytes_left_out),
    ("cp1252>gbk", _with_latin_1(_LEGACY_BODY), _from_cp1252("gb18030")),
    ("cp1252>big5", _with_latin_1(_LEGACY_BODY), _from_cp1252("big5")),
    ("cp1252>euc-jp", _with_latin_1(_LEGACY_BODY), _from_cp1252("euc_jp")),
    ("cp1252>sjis", _with_latin_1(_LEGACY_BODY), _from_cp1252("cp932")),
    ("gbk>utf-8", re.compile(r"[^\x00-\x3e\x40-\x7f]+"), _utf8_read_as_in_pieces("gbk")),
    ("sjis>utf-8", re.compile(r"[^\x00-\x3e\x40-\x7f]+"), _utf8_read_as_in_pieces("cp932")),
    ("big5>gbk", re.compile(r"[^\x00-\x3f\x80-\xff\ufffd]+"), _gbk_read_as_big5),
    ("big5>utf-8", re.compile(r"[^\x00-\x3e\x40-\x7f]+"), _utf8_read_as_in_pieces("cp950")),
)
#: The codec that misread the bytes, where a reading needs the byte after a token (default GBK).
_MISREAD_WITH = {"sjis>utf-8": "cp932", "big5>utf-8": "cp950"}


#: Double-byte legacy encodings read as cp1252 (or latin-1): one document has one of them (see :func:`repair`).
LEGACY_AS_CP1252 = ("cp1252>gbk", "cp1252>big5", "cp1252>euc-jp", "cp1252>sjis")
#: UTF-8 read as GBK: once trusted, looked for on every line with a suspect character (see :func:`repair`).
_UTF8_AS_GBK = "gbk>utf-8"
#: UTF-8 read as cp1252, which a document garbled from a double-byte encoding has not been.
UTF8_AS_CP1252 = ("cp1252>utf-8", "cp1252>utf-8 nbsp", "cp1252>utf-8 lost")
#: Big5 readings are tried only where Big5's rarer characters gather (see :func:`_plan_for`).
BIG5_READINGS = ("big5>gbk", "big5>utf-8")
ALL_READINGS = tuple(name for name, _, _ in READINGS if name not in BIG5_READINGS)
#: The readings for each kind of suspicion but ``latin`` (see :func:`cleaners.mojibake_signs.suspicions`).
_READINGS_FOR = {"gbk": ("gbk>utf-8",), "sjis": ("sjis>utf-8",), "big5": BIG5_READINGS}
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


#: Unicode categories no text is written in: private use, unassigned, surrogates.
_NOT_TEXT = frozenset(("Co", "Cn", "Cs"))
#: A combining mark on a CJK character, which no text writes (撘溧 read as Big5's UTF-8 gave 強̤@).
_MARK_AFTER_CJK = re.compile(
    "[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff][\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff]"
)


def _plausible(changed: str, *, in_context: bool = False) -> bool:
    """Whether the non-ASCII characters of ``changed`` are cheap enough and text at all (no private
    use, no combining mark on a CJK character), its letters mostly of one script family, and, if it
    has kana, its Han characters ones that Japanese writes (not 刚, 们).

    ``in_context``: the line shows the reading elsewhere, so a token may be as rare as a rare Han
    character (a name, 谭琪欣; 36氪) and mix scripts as GB2312 text does (1σ到2σ).
    """
    wide = [ch for ch in changed if ord(ch) >= 0x80 and ch != "\ufffd"]
    if not wide:
        return True
    categories = list(map(unicodedata.category, wide))
    letters = [ch for ch, category in zip(wide, categories, strict=True) if category.startswith("L")]
    scripts = Counter(map(_script, letters))
    mixed = in_context or not letters or max(scripts.values()) >= SAME_SCRIPT * len(letters)
    return (
        cost("".join(wide)) <= (PLAUSIBLE_IN_CONTEXT if in_context else PLAUSIBLE) * len(wide)
        and _NOT_TEXT.isdisjoint(categories)
        and not _MARK_AFTER_CJK.search(changed)
        and scripts["other"] == 0
        and mixed
        and not _kana_with_chinese_only_han(letters)
    )


def _kana_with_chinese_only_han(letters: list[str]) -> bool:
    """Whether ``letters`` mix kana with Han characters that Japanese does not write (not in JIS X 0213):
    GB2312 has the kana too, so Big5 or EUC-JP read as GBK gives such a mix (中文測試 as いゅ代刚)."""
    if not any("\u3041" <= ch <= "\u3096" or "\u30a1" <= ch <= "\u30fa" for ch in letters):  # not ー, ・
        return False
    return any(0x3400 <= ord(ch) <= 0x9FFF and not encodable(ch, "euc_jis_2004") for ch in letters)


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


#: Two Latin-1 letters inside an ASCII word (HÅØYA, BLÅØYD): one double-byte character by its bytes, but a
#: Latin word by its letters; read as CJK only where the rest of the line shows the reading.
_LATIN_WORD_PAIR = re.compile(r"[A-Za-z]+[^\x00-\x7f]{2}[A-Za-z]+")


def _in_latin_word(name: str, part: str) -> bool:
    return name in LEGACY_AS_CP1252 and _LATIN_WORD_PAIR.fullmatch(part) is not None


def _verdict(new: str | None, part: str, *, strong: bool = True) -> _Verdict | None:
    """How ``new`` compares with ``part``; a reading that is not ``strong`` enough alone is at most lenient."""
    if new is None or new == part:
        return None
    changed, replaced = _changed_middle(new, part)
    before, after = cost(replaced), cost(changed)
    plausible = _plausible(changed)
    # a common two-character word read from two characters is as good as a third (笢恅 -> 中文)
    word = len(changed) == len(replaced) == 2 and changed in pair_costs()
    return _Verdict(
        new,
        strict=strong and plausible and after <= before * RATIO and after <= before - MARGIN,
        lenient=_plausible(changed, in_context=True) and after <= before - LENIENT_MARGIN,
        # a lost byte guessed counts twice: 鈧� is € (a mark and its hole) as surely as three garbled characters
        evidence=sum(1 for ch in replaced if ord(ch) >= 0x80)
        + max(0, replaced.count("\ufffd") - changed.count("\ufffd"))
        + word,
    )


def _tail(pieces: list[str], size: int) -> str:
    """The last ``size`` characters of ``pieces`` joined."""
    taken: list[str] = []
    length = 0
    for piece in reversed(pieces):
        taken.append(piece)
        length += len(piece)
        if length >= size:
            break
    return "".join(reversed(taken))[-size:]


def _read_tokens(
    line: str, name: str, token: re.Pattern[str], reading: Reading, report: Report, *, memo: Memo
) -> tuple[_Readout, _Readout]:
    """``line`` read token by token, twice: each token replaced by its reading where that is clearly
    better (strict, see :func:`_better`), and where it is merely better (lenient: for a line that
    shows the reading as a whole). ``memo`` keeps the verdicts on tokens met before (by the
    reading's ``name`` and what surrounds them)."""
    codec = _MISREAD_WITH.get(name, "gbk")
    strict, lenient = _Readout(), _Readout()

    found_any = False

    def verdict(match: re.Match[str], context: str) -> _Verdict | None:
        nonlocal found_any
        part, end = match.group(), match.end()
        if not SUSPECT.search(part):
            return None
        key = (name, part, (context, _first_byte(line[end : end + 1], codec)))
        if key not in memo:
            memo[key] = _verdict(reading(part, key[2], report), part, strong=not _in_latin_word(name, part))
        found_any = found_any or memo[key] is not None
        return memo[key]

    def reader(readout: _Readout, lenient: bool) -> Callable[[re.Match[str]], str]:
        """The replacement function of one pass. A token with a lost byte (U+FFFD, ``?``) is read with
        the line before it as this pass has read it; the other readings do not look at it, and are shared."""
        done: list[str] = []
        done_end = 0

        def replace(match: re.Match[str]) -> str:
            nonlocal done_end
            start, part = match.start(), match.group()
            if start > done_end:
                done.append(line[done_end:start])
            found = verdict(match, _tail(done, CONTEXT) if _LOST_MARK.search(part) else "")
            new = part
            if found is not None and (found.lenient if lenient else found.strict):
                readout.changed += found.evidence
                new = found.new
            done.append(new)
            done_end = match.end()
            return new

        return replace

    strict.text = token.sub(reader(strict, lenient=False), line)
    lenient.text = token.sub(reader(lenient, lenient=True), line) if found_any else strict.text
    return strict, lenient


def _token_rounds(line: str, report: Report, plan: Plan) -> str:
    """Apply the reading that helps the line most, then again on its result, for up to :data:`ROUNDS` rounds.

    A line's first reading needs :data:`MIN_EVIDENCE` changed characters and :data:`LINE_GAIN`
    bits, unless the document already trusts it. The line as a whole is evidence too: where a
    token shows the reading clearly, tokens too short to judge alone (ø read as GBK is 酶) follow
    it if they are merely likelier and the line gains :data:`LINE_GAIN` bits.
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
            if lenient.changed > strict.changed and (
                cost(lenient.text) < start
                if name in plan.trusted
                else strict.changed and cost(lenient.text) <= start - LINE_GAIN
            ):
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
#: A character cp1252 reads from a byte above 0x7f (‚€ is 個 in GBK).
_CP1252_CHAR = re.compile(f"[{LATIN_1}]")
#: Two Latin-1 letters' UTF-8 read as cp1252 in a row (Ã¯Â» for ï»): UTF-8 garbled twice shows them
#: in every sequence (Ã¯Â»Â¿ is a byte-order mark), which ftfy undoes where a token reading finds CJK.
_LATIN_1_UTF8_AS_CP1252 = re.compile(
    "(?:[ÂÃ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]){2}"
)
#: No-break spaces, which the Unicode stage turns into spaces (UC104): a line is repaired
#: again with them as spaces, which is what a second cleaning would see.
_NO_BREAK_SPACE = re.compile("[\xa0\u2007\u202f]")


#: Full-width letters and digits, which the Unicode stage makes half-width (UN102): garbled Shift_JIS
#: has them (ｒ is 82 92), and where they stopped a repair, the second cleaning would see ASCII there.
_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _half_width(match: re.Match[str]) -> str:
    return chr(ord(match.group()) - 0xFEE0)


_AS_THE_UNICODE_STAGE_LEAVES_IT: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (_C1, ""),
    (_NO_BREAK_SPACE, " "),
    (_FULLWIDTH_ALNUM, _half_width),
)


def repair_line(line: str, report: Report, plan: Plan = FULL_PLAN) -> str:
    """Repair one line: token readings, repeated, on the line as it is and as ftfy repairs it; the cheapest wins.

    ftfy alone can half-repair CJK mojibake (``ÖÐ¹ú`` -> ``Öйú``), which no reading
    undoes, hence the two starts. So that a second cleaning, which sees the line after the
    Unicode stage, changes nothing: C0 controls are left out, C1 controls left over in a
    repaired line are removed, and the line is tried again without C1 controls and with
    its no-break spaces as spaces, and with its full-width letters and digits half-width
    (each result is kept if it repairs more).
    Returns ``line`` itself when nothing is repaired.
    """
    start = _REMOVED_LATER.sub("", line)
    current = _settle(start, report, plan)
    for pattern, replacement in _AS_THE_UNICODE_STAGE_LEAVES_IT:
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
    # ftfy's start is needed only where the readings left Latin-1 characters or something suspect,
    # or where the line shows UTF-8 garbled twice
    needed = best == line or _HIGH.search(best) or suspicions(best) or _LATIN_1_UTF8_AS_CP1252.search(line)
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


def _plan_for(kinds: set[str], left_out: frozenset[str] = frozenset(), trusted: frozenset[str] = frozenset()) -> Plan:
    """The readings worth trying on a line with these suspicions: a line suspected of UTF-8 read
    as GBK only (traditional Chinese often is: 網頁大) gets that reading alone, and no ftfy; the
    Big5 readings only where suspected (Latin-1 characters such as ¢ are in Big5 too)."""
    big5 = BIG5_READINGS if "big5" in kinds else ()
    if "latin" not in kinds:
        readings = tuple(name for kind in sorted(kinds) for name in _READINGS_FOR[kind])
        return Plan(readings, use_ftfy=False, trusted=trusted)
    return Plan(tuple(name for name in ALL_READINGS if name not in left_out) + big5, use_ftfy=True, trusted=trusted)


#: A lost byte saved back as GBK: ``?`` (or Shift_JIS's ``・``) after a non-ASCII character (see :func:`_utf8_read_as`).
_LOST_AS_QUESTION_MARK = re.compile("[^\x00-\x7f][?・]")


def repair(text: str) -> tuple[str, Report]:
    """Repair the mojibake in ``text`` line by line; clean lines are not touched.

    One document has one history. If more than one double-byte encoding read as cp1252 (GBK,
    Big5, EUC-JP, Shift_JIS) was found, the lines are repaired again with all but the commonest
    left out (a lone ``¨C`` is – in GBK and 每 in Big5); all of them, where UTF-8 read as cp1252
    was found on more lines (``Â©`` is ©, not 息 in EUC-JP). A reading that repaired
    :data:`TRUSTED_AFTER` lines is then trusted on the lines where it lacked evidence of its own,
    and a double-byte encoding read as cp1252, once trusted, is looked for on every line with a
    Latin-1 character (``¨C`` for –, in English); UTF-8 read as GBK, once trusted, on every line with a
    character that mojibake shows, since accented Latin read as GBK shows no sign of its own (``canci贸n``).

    Where bytes may have been lost in the garbling (U+FFFD, or ``?`` after a wide character, is
    found), the document is repaired twice: first without guessing them, then guessing them
    with what that recovered as evidence of the document's own characters and pairs
    (:func:`cleaners.lost_context.known_document`).
    """
    if not suspicions(text) and not (_REMOVED_LATER.search(text) and suspicions(_REMOVED_LATER.sub("", text))):
        return text, Report()
    if "\ufffd" not in text and not _LOST_AS_QUESTION_MARK.search(text):
        return _repair_lines(text)
    with holes_left():
        known = _repair_lines(text)[0]
    with known_document(known):
        return _repair_lines(text)


#: An inline code span (Markdown or HTML). A backquote right after a Latin-1 character may be the
#: second byte of a GBK or Big5 character read as Latin-1 (``©``` for ー), and opens no span.
_CODE_SPAN = re.compile(f"((?<![{LATIN_1}])`[^`\\n]+`|<code>[^<\\n]*</code>)")


def _repair_outside_code(line: str, report: Report, plan: Plan) -> str:
    """:func:`repair_line` on the parts of ``line`` outside inline code spans, which quote text as it
    is: a page about mojibake shows ``浣犲ソ`` or ``ä½ å¥½`` on purpose.

    >>> _repair_outside_code("例如 `浣犲ソ` 即 浣犲ソ锛屼笘鐣岋紒", Report(), FULL_PLAN)
    '例如 `浣犲ソ` 即 你好，世界！'
    """
    if "`" not in line and "<code>" not in line:
        return repair_line(line, report, plan)
    parts = _CODE_SPAN.split(line)
    return "".join(part if k % 2 else repair_line(part, report, plan) for k, part in enumerate(parts))


def _repair_lines(text: str) -> tuple[str, Report]:
    report = Report()
    lines = text.split("\n")
    suspects = {i: kinds for i, line in enumerate(lines) if (kinds := _line_suspicions(line))}
    fixed = {i: _repair_outside_code(lines[i], report, _plan_for(kinds)) for i, kinds in suspects.items()}
    found = {name: n for name in LEGACY_AS_CP1252 if (n := report.readings.get(name, 0))}
    left_out = frozenset(LEGACY_AS_CP1252) - {max(found, key=found.__getitem__)} if len(found) > 1 else frozenset()
    utf8 = sum(report.readings.get(name, 0) for name in UTF8_AS_CP1252)
    if utf8 >= TRUSTED_AFTER and utf8 > sum(found.values()):
        left_out = frozenset(LEGACY_AS_CP1252)  # the document is UTF-8 read as cp1252 (Â© is ©, not 息)
    elif found and max(found.values()) >= TRUSTED_AFTER and max(found.values()) > utf8:
        left_out |= frozenset(UTF8_AS_CP1252)  # and the other way round (Ù\x9d is 贊 in GBK, not ٝ)
    trusted = frozenset(name for name, n in report.readings.items() if n >= TRUSTED_AFTER and name not in left_out)
    if (
        not left_out.intersection(LEGACY_AS_CP1252)
        and len(trusted_legacy := trusted.intersection(LEGACY_AS_CP1252)) == 1
    ):
        left_out |= frozenset(LEGACY_AS_CP1252) - trusted_legacy
    if trusted.intersection(LEGACY_AS_CP1252):
        suspects.update(
            {i: {"latin"} for i, line in enumerate(lines) if i not in suspects and _CP1252_CHAR.search(line)}
        )
    if _UTF8_AS_GBK in trusted:
        suspects.update({i: {"gbk"} for i, line in enumerate(lines) if i not in suspects and SUSPECT.search(line)})
    if left_out or trusted:
        report = Report()
        fixed = {
            i: _repair_outside_code(lines[i], report, _plan_for(kinds, left_out, trusted))
            for i, kinds in suspects.items()
        }
    for i, line in fixed.items():
        lines[i] = line
    return "\n".join(lines), report
