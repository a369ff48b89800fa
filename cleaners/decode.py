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
import re
from typing import Any

import charset_normalizer

from cleaners.chars import CJK_CHAR
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
WIDE = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")
#: Extra bits charged per undecodable byte, on top of the cost of U+FFFD.
INVALID_BYTE = 12.0
#: Bytes of a large input that the candidates are compared on.
SAMPLE = 16 * 1024


def _with_replacements(data: bytes, encoding: str) -> tuple[str, int]:
    text = data.decode(encoding, errors="replace")
    return text, text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")


def _reading(sample: bytes, encoding: str) -> tuple[float, str, int]:
    """The cost of ``sample`` read as ``encoding`` (undecodable bytes charged extra), the text, the bytes replaced."""
    try:
        text, replaced = _with_replacements(sample, encoding)
    except LookupError:
        return float("inf"), "", 0
    return cost(text) + INVALID_BYTE * replaced, text, replaced


def _normalized(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def _choose(
    sample: bytes, candidates: list[str], trusted: str | None = None, trusted_confidence: float = 0.0
) -> tuple[str, float]:
    """The candidate whose reading is cheapest, and the confidence: the posterior against the runner-up.

    When charset-normalizer ``trusted`` a codec outside :data:`WEIGHED`, it is
    overruled only by a CJK reading that decodes (nearly) cleanly and is mostly CJK; its
    confidence is then charset-normalizer's (``trusted_confidence``).
    """
    readings = {name: _reading(sample, name) for name in candidates}
    ranked = sorted(candidates, key=lambda name: readings[name][0])
    best = ranked[0]
    if trusted is not None and trusted in readings and _normalized(trusted) not in WEIGHED:
        _, text, replaced = readings[best]
        if best not in CJK_FAMILY or replaced * 1000 > len(sample) or _cjk_share(text) < 0.3:
            return trusted, trusted_confidence
    runner_up = min((readings[name][0] for name in candidates if name != best), default=readings[best][0] + 64)
    gap = max(-64.0, min(runner_up - readings[best][0], 64.0))
    return best, round(1.0 / (1.0 + 2.0**-gap), 3)


def _cjk_share(text: str) -> float:
    """The share of CJK characters among the non-ASCII ones."""
    wide = [ch for ch in text if ord(ch) >= 0x80]
    return sum(1 for ch in wide if CJK_CHAR.match(ch)) / max(1, len(wide))


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


def _sample(data: bytes) -> bytes:
    """The bytes the candidates are judged on: :data:`SAMPLE` bytes from shortly before the first
    non-ASCII byte, where the readings start to differ (aligned to 4, for UTF-16 and UTF-32).

    >>> len(_sample(b"a" * 50000 + "中文".encode("gbk")))
    1028
    """
    found = _HIGH_BYTE.search(data)
    start = max(0, found.start() - 1024) // 4 * 4 if found else 0
    return data[start : start + SAMPLE]


def detect_encoding(data: bytes) -> tuple[str, float]:
    """The encoding of bytes that are not UTF-8, and the confidence in it.

    >>> detect_encoding("中文".encode("gbk"))
    ('gb18030', 1.0)
    """
    sample = _sample(data)
    wide = _wide_candidates(data)
    if wide:
        return _choose(sample, wide)
    candidates = list(LEGACY)
    guess = charset_normalizer.from_bytes(sample).best()
    trusted, trusted_confidence = None, 0.0
    if guess is not None:
        trusted_confidence = round(1.0 - guess.chaos, 3)
        known = {_normalized(name): name for name in candidates}
        trusted = known.get(_normalized(guess.encoding), guess.encoding)
        if trusted not in candidates:
            candidates.append(trusted)
    return _choose(sample, candidates, trusted, trusted_confidence)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, dict[str, Any]]:
    """Decode ``data``; ``encoding`` overrides detection. Returns the text and its metadata."""
    confidence = 1.0
    if encoding is None:
        for bom, name in BOMS:
            if data.startswith(bom):
                encoding = name
                break
    if encoding is None and data[:SAMPLE].count(0) * 8 > len(data[:SAMPLE]) and _wide_candidates(data):
        encoding, confidence = _choose(data[:SAMPLE], _wide_candidates(data))
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
