"""Bytes lost in UTF-8 read with a double-byte codec, and the likeliest characters to restore.

When a GBK (or Shift_JIS) decoder meets a byte it cannot read, it writes U+FFFD for it
and goes on with the next byte; saved back, U+FFFD often became ``?``. Reading the rest
back as UTF-8 leaves a sequence with a hole: ``e6 9c ?`` before ``e6`` is 本, 未, 最 or
a few others, since the lost byte must be one the codec rejects before ``e6``. The
likeliest in its context (:func:`cleaners.lost_context.fit`: the words it makes with its
neighbours, or where a quote or dash stands) is restored whenever it is ahead of the
others; holes close together are guessed together (一个, not 中中). A few rules of
thumb add to the context: a unit after a number and a preposition before one, the
text's own variant (simplified or traditional, the document's where the token shows
too little), words that cannot end or start a clause there, Korean particles that
agree with the syllable before, and marks where they belong: a section number before
、, a question mark after 吗 or 呢, a colon after a label, a semicolon ending a list
item, 、 between numbers. Where nothing
tells the candidates apart, U+FFFD stays.

>>> tally = Losses()
>>> utf8_with_lost_bytes([0xE4, 0xBD, 0xA0, 0xE5, 0xA5, 0xBD], ("", None), tally, "gbk")
'你好'
>>> utf8_with_lost_bytes([0xE9, 0x92, 0x88, 0xE5, None, 0xB9], ("", None), tally, "gbk"), tally.guessed
('针对', 1)
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from cleaners.lost_context import REACH, document_variant, fit, han_variant, is_word_char
from cleaners.plausibility import RARE_HAN, char_cost, cost, encodable

#: A sequence with more lost bytes than this is not guessed.
MAX_LOST = 2
#: Characters never guessed: controls, invisible format characters, surrogates, private use, unassigned.
_NEVER = frozenset(("Cc", "Cf", "Cs", "Co", "Cn"))
#: Holes at most this many characters apart are guessed together, up to this many at a time,
#: each from its this many best candidates alone, left to right keeping the best partial guesses.
CLUSTER_GAP = 2
MAX_CLUSTER = 4
SHORTLIST = 30
BEAM = 8
#: A lost character at the end of a line is likely to end a sentence or a clause (a colon before a list).
SENTENCE_ENDS = frozenset("。！？：；”）」』…")
SENTENCE_END_BONUS = 3.0
#: After a digit or a Chinese numeral, a unit or date character is likely (2023年6月10日, 二十六个).
CHINESE_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两几")
AFTER_DIGIT = frozenset("年月日号时分秒个万亿元岁倍次点章节条项位名人米克")
AFTER_DIGIT_BONUS = 4.0
#: Before a number, a preposition or a word that takes one is likely (约为 3%, 从 2022 年, 第 2 章,
#: 自 2012 年), in simplified or traditional characters; 于 (a date) after a subject
#: written in Latin letters or an auxiliary (Apple 于 9 月, 将于 9 月), not after a verb, which takes 了
#: (下降了 40%).
BEFORE_DIGIT = frozenset("第约約为為至到从從达達近超逾共每自")
BEFORE_DATE = frozenset("于於")
AUXILIARIES = frozenset("将將已拟擬均并並曾")
BEFORE_DIGIT_BONUS = 3.0
#: Words that need what follows them (negation, adverbs, prepositions, determiners; Japanese の and を)
#: seldom end a clause, and particles seldom start one: 测试中。 not 测试不。, and 。的 is unlikely.
CLAUSE_END_UNLIKELY = frozenset("不没很太更都也还就才又把被对从向往给跟与及或这那每各某该其所为在将于以由而但并且如若")
CLAUSE_END_UNLIKELY |= frozenset("のを")
CLAUSE_START_UNLIKELY = frozenset("的了着过吗呢吧啊们地得")
CLAUSE_EDGE_PENALTY = 3.0
_CLAUSE_ENDS = "，。、；：？！…—）」』》】”"
_CLAUSE_MARKS = frozenset(_CLAUSE_ENDS + string.punctuation)
#: Korean particles come in pairs chosen by the syllable before: 은/는, 을/를, 이/가, 과/와 (책을, 나를).
AFTER_FINAL_CONSONANT = frozenset("은을과")
AFTER_VOWEL = frozenset("는를가와")
PARTICLE_PENALTY = 3.0
#: Extra bits for a Han character of the other variant than the text's (simplified or traditional).
VARIANT_PENALTY = 9.0
#: A Chinese numeral opening a line or a bracket before 、 or ） numbers a section (一、概述, （二）).
NUMBERING_BONUS = 4.0
#: A question mark after a question particle (你呢？); a colon after a label that opens a line or
#: follows a space, with its value after it (来源：新华社, 电话：010-…); a semicolon at the end of
#: a list item (1. 审核通过；); an enumeration comma between numbers (40%、45%, 7B、13B); the
#: Japanese topic particle before a comma (今日は、).
QUESTION_PARTICLES = frozenset("吗呢嗎麼么")
LABEL_LENGTH = 4
MARK_BONUS = 2.0
QUESTION_BONUS = 3.0
_LIST_ITEM = re.compile(r"\s*(?:[*•·\-]\s|\d{1,2}\.\s|[（(]?[0-9一二三四五六七八九十]{1,2}[)）、])")
#: In a date, the unit after the number follows the one before it (2023年10月18日).
DATE_UNITS = {"年": "月", "月": "日号"}

#: What surrounds a token: the end of its line's text before it and the byte after it (in the misread codec).
Around = tuple[str, int | None]


_GUESSING: ContextVar[bool] = ContextVar("guessing", default=True)


@contextlib.contextmanager
def holes_left() -> Iterator[None]:
    """Within this block, lost bytes are not guessed: they stay U+FFFD (and count as unrecovered)."""
    token = _GUESSING.set(False)
    try:
        yield
    finally:
        _GUESSING.reset(token)


@dataclass
class Losses:
    """Lost bytes met: guessed, or left as U+FFFD."""

    guessed: int = 0
    unrecovered: int = 0


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


def _variant_penalty(known: str) -> Callable[[str], float]:
    """Extra bits for a guessed Han character of the other variant than the ``known`` text's.

    The cost tables mix simplified and traditional; a lost byte in simplified text is a
    simplified character (记, not 議), in traditional text a traditional one (觀, not 观).
    The variant is the ``known`` text's (the token), or, where its characters do not tell
    (most are written alike in both), the document's (:func:`cleaners.lost_context.document_variant`).
    Japanese (with kana) has variants of its own and gets no penalty.
    """
    own = han_variant(Counter(known))
    if own is None:
        return lambda ch: 0.0
    variant = own or document_variant()
    if not variant:
        return lambda ch: 0.0
    return lambda ch: 0.0 if not 0x3400 <= ord(ch) <= 0x9FFF or encodable(ch, variant) else VARIANT_PENALTY


@functools.lru_cache(maxsize=4096)
def _candidates(
    sequence: tuple[int | None, ...], after: int | None, codec: str, lost: frozenset[int] | None = None
) -> tuple[str, ...]:
    """The characters a UTF-8 ``sequence`` with lost bytes (``None``) may have been.

    Each lost byte must be one ``codec`` rejects before the byte that follows it (that is
    why it was lost), or, where the bytes that get lost are known, one of ``lost``.
    Characters rarer than any listed Han, controls and invisible format characters are left out.
    """
    slots = [i for i, b in enumerate(sequence) if b is None]
    options = [range(0x80, 0xC0) if slot else range(0xC2, 0xF5) for slot in slots]
    found: list[str] = []
    for filled in itertools.product(*options):
        values = iter(filled)
        candidate = [b if b is not None else next(values) for b in sequence]
        following = [candidate[s + 1] if s + 1 < len(candidate) else after for s in slots]
        if lost is not None:
            if not all(candidate[s] in lost for s in slots):
                continue
        elif not all(_rejects(codec, candidate[s], f) for s, f in zip(slots, following, strict=True)):
            continue
        try:
            ch = bytes(candidate).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(ch) == 1 and char_cost(ch) < RARE_HAN and unicodedata.category(ch) not in _NEVER:
            found.append(ch)
    return tuple(found)


def utf8_with_lost_bytes(
    data: list[int | None], around: Around, report: Losses, codec: str, lost: frozenset[int] | None = None
) -> str | None:
    """Decode UTF-8 misread as ``codec`` in which ``None`` marks a lost byte: one ``codec`` rejected
    before the byte after it, or one of ``lost`` where given; ``None`` if it is not UTF-8."""
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
    if not _GUESSING.get():
        report.unrecovered += sum(1 for p in pieces if not isinstance(p, str))
        return "".join(p if isinstance(p, str) else "\ufffd" for p in pieces)
    holes = _Holes([p if isinstance(p, str) else "\ufffd" for p in pieces], around, codec, lost)
    for k, piece in enumerate(pieces):
        if not isinstance(piece, str):
            holes.add(k, *piece)
    for cluster in _clusters([k for k in holes.options if holes.options[k]]):
        holes.fill(cluster, report)
    report.unrecovered += sum(1 for found in holes.options.values() if not found)
    return "".join(holes.known)


def _readable(before: str, codec: str) -> str:
    """The line before a token as context: read as UTF-8 too if it is garbled the same way (it is, where
    the line is garbled throughout, and then shows its quotes opened: 鈥淪 is “S)."""
    read = before.encode(codec, errors="replace").decode("utf-8", errors="replace")
    return read if cost(read) < cost(before) else before


def _clusters(holes: list[int]) -> list[list[int]]:
    """Holes close enough to be guessed together (:data:`CLUSTER_GAP`), at most :data:`MAX_CLUSTER` at a time."""
    clusters: list[list[int]] = []
    for k in holes:
        if clusters and k - clusters[-1][-1] <= CLUSTER_GAP and len(clusters[-1]) < MAX_CLUSTER:
            clusters[-1].append(k)
        else:
            clusters.append([k])
    return clusters


class _Holes:
    """A token's characters, ``known`` (U+FFFD where bytes were lost), and the candidates for each hole."""

    def __init__(self, known: list[str], around: Around, codec: str, lost: frozenset[int] | None) -> None:
        self.known = known
        self.codec = codec
        self.lost = lost
        self.start = _readable(around[0], codec)
        follower = around[1]
        self.trailing = chr(follower) if follower is not None and follower < 0x80 else ""
        self.line_end = follower in (None, 0x0A, 0x0D)
        self.penalty = _variant_penalty("".join(ch for ch in known if ch != "\ufffd"))
        self.options: dict[int, tuple[str, ...]] = {}

    def add(self, k: int, sequence: list[int | None], follower: int | None) -> None:
        """Hole ``k``: a UTF-8 ``sequence`` with lost bytes, before the byte ``follower``."""
        lost = sequence.count(None) <= MAX_LOST
        self.options[k] = _candidates(tuple(sequence), follower, self.codec, self.lost) if lost else ()

    def fill(self, cluster: list[int], report: Losses) -> None:
        """Fill the holes of ``cluster`` with the likeliest characters together, or U+FFFD.

        Each hole keeps its :data:`SHORTLIST` best candidates alone; they are tried left to right
        after the :data:`BEAM` best partial guesses, and the combination that costs
        least as a whole (:func:`cleaners.lost_context.fit`) wins, since a wrong guess costs no
        more than U+FFFD (one character wrong either way); only a hole where combinations that
        cost the same differ stays U+FFFD.
        """
        known, first, last = self.known, cluster[0], cluster[-1]
        before = self.start + "".join(known[:first])
        after = "".join(known[last + 1 : last + 1 + REACH]) + self.trailing

        def score(fills: tuple[str, ...]) -> float:
            middle = known[first : last + 1]
            bits = 0.0
            for k, ch in zip(cluster, fills, strict=True):
                middle[k - first] = ch
                at_end = self.line_end and k + 1 == len(known)
                following = "".join(middle[k - first + 1 :]) + after
                bits += self.penalty(ch) - _bonus(before + "".join(middle[: k - first]), ch, following, at_end)
            return bits + fit(before, "".join(middle), after)

        shortlists = []
        for i, k in enumerate(cluster):

            def alone(ch: str, i: int = i) -> float:
                return score(tuple(ch if j == i else "\ufffd" for j in range(len(cluster))))

            shortlists.append(sorted(self.options[k], key=alone)[:SHORTLIST])
        scored: list[tuple[float, tuple[str, ...]]] = [(0.0, ())]
        for i, shortlist in enumerate(shortlists):
            rest = ("\ufffd",) * (len(cluster) - i - 1)
            beam = [fills for _, fills in sorted(scored)[:BEAM]]
            scored = [(score((*fills, ch, *rest)), (*fills, ch)) for fills in beam for ch in shortlist]
        best = min(bits for bits, _ in scored)
        tied = [fills for bits, fills in scored if bits == best]
        for i, k in enumerate(cluster):
            if all(fills[i] == tied[0][i] for fills in tied):
                known[k] = tied[0][i]
                report.guessed += 1
            else:
                report.unrecovered += 1


def _bonus(before: str, ch: str, after: str, line_end: bool) -> float:
    """Bits saved by a sentence end at the end of a line, a unit or date character after a number, or
    a word that takes a number before one; lost by a word that cannot end or start a clause where it would."""
    bonus = SENTENCE_END_BONUS if line_end and ch in SENTENCE_ENDS else 0.0
    last = before.rstrip()[-1:]
    if last.isdigit() or (last and last in CHINESE_NUMERALS):
        bonus += AFTER_DIGIT_BONUS if ch in AFTER_DIGIT else 0.0
        stem = before.rstrip().rstrip("0123456789-–~～").rstrip()
        bonus += AFTER_DIGIT_BONUS if ch in DATE_UNITS.get(stem[-1:], "") else 0.0
    if after.lstrip()[:1].isdigit() and (
        ch in BEFORE_DIGIT or (ch in BEFORE_DATE and (not is_word_char(last or " ") or last in AUXILIARIES))
    ):
        bonus += BEFORE_DIGIT_BONUS
    if ch in CLAUSE_END_UNLIKELY and ((not after and line_end) or after[:1] in _CLAUSE_MARKS):
        bonus -= CLAUSE_EDGE_PENALTY
    if (ch in AFTER_FINAL_CONSONANT or ch in AFTER_VOWEL) and before[-1:] and 0xAC00 <= ord(before[-1]) <= 0xD7A3:
        closed = (ord(before[-1]) - 0xAC00) % 28 != 0
        if (ch in AFTER_FINAL_CONSONANT) != closed:
            bonus -= PARTICLE_PENALTY
    if ch in CLAUSE_START_UNLIKELY and (not before or before[-1] in _CLAUSE_ENDS + "（「『《【“"):
        bonus -= CLAUSE_EDGE_PENALTY
    return bonus + _mark_bonus(before, ch, after, line_end)


def _mark_bonus(before: str, ch: str, after: str, line_end: bool) -> float:
    """Bits saved by a section number (一、), a question mark after a particle, a colon after a label,
    a semicolon ending a list item, 、 between numbers and は before a comma."""
    if ch in CHINESE_NUMERALS and after[:1] in ("、", "）") and before.rstrip()[-1:] in ("", "（"):
        return NUMBERING_BONUS
    if ch == "、" and before[-1:].isascii() and (before[-1:].isalnum() or before[-1:] == "%") and after[:1].isdigit():
        return MARK_BONUS
    if ch == "は" and after[:1] in ("、", "，"):
        return MARK_BONUS
    if ch == "？" and before[-1:] in QUESTION_PARTICLES:
        return QUESTION_BONUS
    if ch == "：" and not line_end and _ends_with_label(before):
        return MARK_BONUS
    if ch == "；" and line_end and _LIST_ITEM.match(before):
        return MARK_BONUS
    return 0.0


def _ends_with_label(before: str) -> bool:
    """Whether ``before`` ends with a short word (Han, or Latin letters) that opens its line or follows a
    bracket or a space (not one between Latin words and Han: Python 项目): 来源, 电话, DOI."""
    start = before.rstrip(string.ascii_letters)
    if start == before:
        start = before.rstrip("".join(ch for ch in before[-LABEL_LENGTH - 1 :] if is_word_char(ch)))
        if not 0 < len(before) - len(start) <= LABEL_LENGTH:
            return False
    last = start.rstrip()[-1:]
    return not last or start[-1] in ")]）】" or (start[-1].isspace() and not (last.isascii() and last.isalpha()))
