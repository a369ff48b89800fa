"""CJK-safe Unicode normalization: NFC without touching compatibility ideographs; full-width letters and digits.

Policy (issue 7): NFC, but CJK compatibility ideographs (U+F900-U+FAFF, U+2F800-U+2FA1F)
stay as written, since NFC would replace them by their unified forms; no NFKC, so
emoji, math symbols, Kangxi radicals and full-width punctuation stay. Full-width ASCII
letters and digits become half-width; full-width punctuation （），：stays.
U+3000 is kept wherever it stands except at the end of a line (UC105), so a
paragraph indent of ideographic spaces is kept the same way in every paragraph.
"""

from __future__ import annotations

import unicodedata

import regex

from cleaners.model import Context, Stage
from cleaners.registry import cleaner

_COMPAT_IDEOGRAPH = regex.compile(r"([\uf900-\ufaff\U0002f800-\U0002fa1f]+)")
_FULLWIDTH_ALNUM = regex.compile(r"[０-９Ａ-Ｚａ-ｚ]+")
_TO_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF5B) if chr(code).isalnum()}


@cleaner(
    "UN101",
    "not-nfc",
    Stage.UNICODE,
    examples=[
        ("Cafe\u0301 和 e\u0301", "Café 和 é"),
        ("\uf900 and \U0002f800 stay, as do ⼈ 😀 ∑ₖ₌₁ⁿ",),
    ],
)
def normalize_nfc(text: str, ctx: Context) -> str:
    """Compose characters to NFC, leaving CJK compatibility ideographs as they are.

    Before: ``"Cafe\\u0301"`` (e + combining acute). After: ``"Café"``.
    """
    if unicodedata.is_normalized("NFC", text):
        return text
    parts = _COMPAT_IDEOGRAPH.split(text)
    return "".join(part if i % 2 else unicodedata.normalize("NFC", part) for i, part in enumerate(parts))


@cleaner(
    "UN102",
    "full-width-alphanumeric",
    Stage.UNICODE,
    examples=[
        ("ＡＩ模型ＧＰＴ－４在２０２３年发布（测试版），", "AI模型GPT－4在2023年发布（测试版），"),
        ("全角标点（），：；！？stays",),
    ],
)
def halve_full_width_alphanumerics(text: str, ctx: Context) -> str:
    """Turn full-width ASCII letters and digits into half-width; full-width punctuation stays.

    Before: ``"ＧＰＴ－４在２０２３年"``. After: ``"GPT－4在2023年"``.
    """
    return _FULLWIDTH_ALNUM.sub(lambda m: m.group().translate(_TO_HALFWIDTH), text)
