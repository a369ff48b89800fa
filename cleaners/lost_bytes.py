"""Bytes lost in UTF-8 read with a double-byte codec, and the likeliest characters to restore.

When a GBK (or Shift_JIS) decoder meets a byte it cannot read, it writes U+FFFD for it
and goes on with the next byte; saved back, U+FFFD often became ``?``. Reading the rest
back as UTF-8 leaves a sequence with a hole: ``e6 9c ?`` before ``e6`` is 本, 未, 最 or
a few others, since the lost byte must be one the codec rejects before ``e6``. The
likeliest by character and two-character word frequency is restored where few fit or
one is far ahead; otherwise U+FFFD stays.

>>> tally = Losses()
>>> utf8_with_lost_bytes([0xE4, 0xBD, 0xA0, 0xE5, 0xA5, 0xBD], ("", None), tally, "gbk")
'你好'
>>> utf8_with_lost_bytes([0xE9, 0x92, 0x88, 0xE5, None, 0xB9], ("", None), tally, "gbk"), tally.guessed
('针对', 1)
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from cleaners.plausibility import RARE_HAN, char_cost, encodable, pair_bonus

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

#: What surrounds a token: the character before it and the byte after it (in the misread codec).
Around = tuple[str, int | None]


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

    The cost table mixes simplified and traditional; a lost byte in simplified text
    is a simplified character (记, not 議).
    """
    han = [ch for ch in known if ord(ch) >= 0x3400]
    simplified = sum(encodable(ch, "gb2312") for ch in han)
    if len(han) < 2 or simplified * 4 < len(han) * 3:
        return lambda ch: 0.0
    return lambda ch: 0.0 if ord(ch) < 0x3400 or encodable(ch, "gb2312") else 6.0


def _guess(
    sequence: list[int | None], after: int | None, score: Callable[[str], float], report: Losses, codec: str
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


def utf8_with_lost_bytes(data: list[int | None], around: Around, report: Losses, codec: str) -> str | None:
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
