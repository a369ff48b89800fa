"""Bytes to text: byte-order marks, strict UTF-8, UTF-16/32, then legacy detection.

Never raises and never drops bytes silently: what cannot be decoded becomes
U+FFFD and is counted in the returned metadata.

>>> decode("你好".encode("utf-16"))[0]
'你好'
>>> decode(b"\\xef\\xbb\\xbfhello")
('hello', {'encoding': 'utf-8-sig', 'confidence': 1.0, 'replaced': 0})
"""

from __future__ import annotations

import codecs
from typing import Any

import charset_normalizer

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _with_replacements(data: bytes, encoding: str) -> tuple[str, int]:
    text = data.decode(encoding, errors="replace")
    return text, text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")


def decode(data: bytes, encoding: str | None = None) -> tuple[str, dict[str, Any]]:
    """Decode ``data``; ``encoding`` overrides detection. Returns the text and its metadata."""
    if encoding is None:
        for bom, name in BOMS:
            if data.startswith(bom):
                encoding = name
                break
    if encoding is None:
        try:
            return data.decode("utf-8"), {"encoding": "utf-8", "confidence": 1.0, "replaced": 0}
        except UnicodeDecodeError:
            best = charset_normalizer.from_bytes(data).best()
            if best is None:
                encoding, confidence = "utf-8", 0.0
            else:
                encoding, confidence = best.encoding, round(1.0 - best.chaos, 3)
    else:
        confidence = 1.0
    try:
        text, replaced = _with_replacements(data, encoding)
    except LookupError:
        text, replaced = _with_replacements(data, "utf-8")
        encoding, confidence = "utf-8", 0.0
    return text, {"encoding": encoding, "confidence": confidence, "replaced": replaced}
