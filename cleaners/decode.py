"""Bytes to text: byte-order marks, strict UTF-8, UTF-16/32, then legacy detection.

Legacy bytes are decoded by every plausible codec (the CJK family, cp1252 and
charset-normalizer's best guess), and the reading that looks most like text wins
(:mod:`cleaners.plausibility`): charset-normalizer alone misreads short GBK as Big5,
cp949 or Shift_JIS. Never raises and never drops bytes silently: what cannot be
decoded becomes U+FFFD and is counted in the returned metadata (``replaced``).

>>> decode("你好".encode("utf-16"))[0]
'你好'
>>> decode(b"\\xef\\xbb\\xbfhello")
('hello', {'encoding': 'utf-8-sig', 'confidence': 1.0, 'replaced': 0})
>>> decode("你好，世界".encode("gbk"))[1]["encoding"]
'gb18030'
"""

from __future__ import annotations

import codecs
import math
import re
from collections.abc import Iterable
from typing import Any

import charset_normalizer
import regex

from cleaners.chars import CJK
from cleaners.plausibility import cost

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Codecs always tried on bytes that are not UTF-8. gb18030 reads all of GBK and GB2312.
CJK_FAMILY = ("gb18030", "big5", "shift_jis", "euc-jp", "cp949")
LEGACY = (*CJK_FAMILY, "cp1252")
#: Codecs that plausibility judges even when charset-normalizer picked them: it reads
#: short GBK as Big5, cp949 or Shift_JIS, and Western text as cp1250.
WEIGHED = frozenset(codecs.lookup(name).name for name in (*LEGACY, "cp1250", "latin-1", "iso8859-2", "iso8859-15"))
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_NON_ASCII_RUN = re.compile("[^\x00-\x7f]+")
_CJK_RUN = regex.compile(f"[{CJK}]+")
WIDE = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")
#: Extra bits charged per undecodable byte, on top of the cost of U+FFFD.
INVALID_BYTE = 12.0
#: Text with fewer than one non-ASCII byte in this many is weighed, whatever charset-normalizer guesses.
NEARLY_ASCII = 50
#: Bits by which a clear CJK reading must lead the other legacy readings for charset-normalizer not to be asked.
CLEAR_LEAD = 16.0
#: Bytes of a large input that the candidates are compared on; first looks take fewer, in turn.
SAMPLE = 16 * 1024
QUICK_SAMPLE = 512
MIDDLE_SAMPLE = 4096
#: A reading: its cost in bits, the text, the bytes replaced.
Reading = tuple[float, str, int]


def _with_replacements(data: bytes, encoding: str, whole: bool = True) -> tuple[str, int]:
    """``data`` decoded with U+FFFD for what cannot be, and how many U+FFFD that added (the bytes
    may spell U+FFFD themselves, which a second decoding tells apart). Unless the data is
    ``whole``, a character cut in two at its end is left out, not replaced.

    >>> _with_replacements("中文".encode("gbk")[:3], "gbk", whole=False)
    ('中', 0)
    """
    text = _decoded(data, encoding, "replace", whole)
    found = text.count("\ufffd")
    return text, found - _decoded(data, encoding, "ignore", whole).count("\ufffd") if found else 0


def _decoded(data: bytes, encoding: str, errors: str, whole: bool) -> str:
    if whole:
        return data.decode(encoding, errors)
    return codecs.getincrementaldecoder(encoding)(errors).decode(data, final=False)


def _reading(sample: bytes, encoding: str, whole: bool) -> Reading:
    """The cost of ``sample`` read as ``encoding`` (undecodable bytes charged extra), the text, the bytes replaced."""
    try:
        text, replaced = _with_replacements(sample, encoding, whole)
    except LookupError:
        return float("inf"), "", 0
    return cost(text) + INVALID_BYTE * replaced, text, replaced


def _readings(sample: bytes, encodings: Iterable[str], whole: bool) -> dict[str, Reading]:
    """The readings of ``sample``, which is the ``whole`` data or a cut of it."""
    return {name: _reading(sample, name, whole) for name in encodings}


_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"


def _may_trust(encoding: str) -> bool:
    """Whether a guess of charset-normalizer may be trusted: UTF-16 and UTF-32, and the codecs that
    read ASCII as ASCII. The others (EBCDIC, cp037) turn text that is mostly ASCII into other characters.

    >>> _may_trust("gb18030"), _may_trust("utf_16"), _may_trust("cp037")
    (True, True, False)
    """
    if _normalized(encoding).startswith(("utf-16", "utf-32")):
        return True
    try:
        return _ASCII.decode(encoding) == _ASCII.decode("ascii")
    except (LookupError, UnicodeDecodeError):
        return False


def _normalized(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def _choose(
    sample: bytes,
    readings: dict[str, Reading],
    trusted: str | None = None,
    trusted_confidence: float = 0.0,
) -> tuple[str, float]:
    """The codec whose reading is cheapest, and the confidence: the posterior against the runner-up.

    When charset-normalizer ``trusted`` a codec outside :data:`WEIGHED`, it is
    overruled only by a clear CJK reading (:func:`_clear_cjk`); its confidence is then
    charset-normalizer's (``trusted_confidence``). Text that is nearly all ASCII is weighed
    whatever the guess: its few other bytes are accented letters and marks, which the costs
    judge, where the guess has little to go on (one é in English made mac_latin2's ť); there a
    CJK reading must lead cp1252's by :data:`CLEAR_LEAD` bits (one é and the letter after it
    made about as cheap a rare Han character, 閒).
    """
    best = min(readings, key=lambda name: readings[name][0])
    nearly_ascii = len(_HIGH_BYTE.findall(sample)) * NEARLY_ASCII <= len(sample)
    if (
        trusted in readings
        and _normalized(trusted) not in WEIGHED
        and not _clear_cjk(sample, best, readings[best])
        and not nearly_ascii
    ):
        return trusted, trusted_confidence
    western = readings.get("cp1252")
    if nearly_ascii and best in CJK_FAMILY and western is not None and western[0] - readings[best][0] < CLEAR_LEAD:
        best = "cp1252"
    return best, _confidence(readings, best)


def _lead(readings: dict[str, Reading], best: str) -> float:
    """Bits by which the ``best`` reading is cheaper than the runner-up (64 when there is none)."""
    runner_up = min((bits for name, (bits, _, _) in readings.items() if name != best), default=readings[best][0] + 64)
    return float(runner_up - readings[best][0])


def _confidence(readings: dict[str, Reading], best: str) -> float:
    gap = max(-64.0, min(_lead(readings, best), 64.0))
    return round(1.0 / (1.0 + math.pow(2.0, -gap)), 3)


def _clear_cjk(sample: bytes, name: str, reading: Reading) -> bool:
    """Whether ``reading`` of ``sample`` by ``name`` is CJK that decodes (nearly) cleanly and is mostly CJK."""
    _, text, replaced = reading
    return name in CJK_FAMILY and replaced * 1000 <= len(sample) and _cjk_share(text) >= 0.3


def _cjk_share(text: str) -> float:
    """The share of CJK characters among the non-ASCII ones."""
    wide = sum(map(len, _NON_ASCII_RUN.findall(text)))
    return sum(map(len, _CJK_RUN.findall(text))) / max(1, wide)


def _wide_candidates(data: bytes) -> list[str]:
    """UTF-16/32 without a byte-order mark, recognised by NUL bytes; those that decode strictly."""
    if b"\x00" not in data[:SAMPLE] or len(data) % 2:
        return []
    found = []
    for name in WIDE:
        if name.startswith("utf-32") and len(data) % 4:
            continue
        try:
            data[: SAMPLE - SAMPLE % 4].decode(name)
        except UnicodeDecodeError:
            continue
        found.append(name)
    return found


def _sample(data: bytes, size: int = SAMPLE) -> bytes:
    """The bytes the candidates are judged on: ``size`` bytes from shortly before the first
    non-ASCII byte, where the readings start to differ (aligned to 4, for UTF-16 and UTF-32).

    >>> len(_sample(b"a" * 50000 + "中文".encode("gbk")))
    1028
    """
    found = _HIGH_BYTE.search(data)
    start = max(0, found.start() - size // 16) // 4 * 4 if found else 0
    return data[start : start + size]


def _line_sample(data: bytes, size: int) -> bytes:
    """:func:`_sample`, ended after a line break in its second half when it stops short of the
    end, so that it does not cut a character of a byte encoding in two.

    >>> _line_sample("中文\\n".encode("gbk") * 200, 512)[-3:]
    b'\\xce\\xc4\\n'
    """
    sample = _sample(data, size)
    cut = sample.rfind(b"\n", size // 2) + 1 if len(sample) == size else 0
    return sample[:cut] if cut else sample


def detect_encoding(data: bytes) -> tuple[str, float]:
    """The encoding of bytes that are not UTF-8, and the confidence in it.

    The legacy codecs are weighed on :data:`QUICK_SAMPLE` bytes, :data:`MIDDLE_SAMPLE` and then
    :data:`SAMPLE`, until one gives a clear CJK reading far ahead of the rest (:data:`CLEAR_LEAD`
    bits). Only when none does is charset-normalizer asked (it could then only be overruled),
    about the quick sample if that holds the whole input, else about the full sample.

    >>> detect_encoding("中文".encode("gbk"))
    ('gb18030', 1.0)
    """
    wide = _wide_candidates(data)
    if wide:
        sample = _sample(data)
        return _choose(sample, _readings(sample, wide, whole=data == sample))
    for size in (QUICK_SAMPLE, MIDDLE_SAMPLE, SAMPLE):
        sample = _line_sample(data, size)
        whole = data.endswith(sample)  # the samples start where the first non-ASCII byte is near
        readings = _readings(sample, LEGACY, whole)
        best = min(readings, key=lambda name: readings[name][0])
        if _lead(readings, best) >= CLEAR_LEAD and _clear_cjk(sample, best, readings[best]):
            return best, _confidence(readings, best)
        if whole and size == QUICK_SAMPLE:
            break
    guess = charset_normalizer.from_bytes(sample).best()
    if guess is None or not _may_trust(guess.encoding):
        return _choose(sample, readings)
    known = {_normalized(name): name for name in LEGACY}
    trusted = known.get(_normalized(guess.encoding), guess.encoding)
    if trusted not in readings:
        readings[trusted] = _reading(sample, trusted, whole)
    return _choose(sample, readings, trusted, round(1.0 - guess.chaos, 3))


def decode(data: bytes, encoding: str | None = None) -> tuple[str, dict[str, Any]]:
    """Decode ``data``; ``encoding`` overrides detection. Returns the text and its metadata."""
    confidence = 1.0
    if encoding is None:
        for bom, name in BOMS:
            if data.startswith(bom):
                encoding = name
                break
    if encoding is None and data[:SAMPLE].count(0) * 8 > len(data[:SAMPLE]) and (wide := _wide_candidates(data)):
        encoding, confidence = _choose(data[:SAMPLE], _readings(data[:SAMPLE], wide, whole=len(data) <= SAMPLE))
    if encoding is None:
        try:
            return data.decode("utf-8"), {"encoding": "utf-8", "confidence": 1.0, "replaced": 0}
        except UnicodeDecodeError:
            encoding, confidence = detect_encoding(data)
    try:
        text, replaced = _with_replacements(data, encoding)
    except LookupError:
        text, replaced = _with_replacements(data, "utf-8")
        encoding, confidence = "utf-8", 0.0
    return text, {"encoding": encoding, "confidence": confidence, "replaced": replaced}
