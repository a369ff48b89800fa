"""Encoding repair: mojibake (Latin and CJK) undone where the result is clearly likelier text; HTML entities."""

from __future__ import annotations

import html

import regex

from cleaners.model import Context, Stage
from cleaners.mojibake import repair
from cleaners.registry import cleaner

_GARBLED_RUN = regex.compile(r"(?:锟斤拷)+")
_ENTITY = regex.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z][a-zA-Z0-9]{1,9});")
#: Markup: a tag, a comment or a doctype. Entities in markup are the markup's business.
_MARKUP = regex.compile(r"<(?:[a-zA-Z][a-zA-Z0-9-]*[\s/>]|/[a-zA-Z]|!)")


@cleaner(
    "EN101",
    "mojibake",
    Stage.ENCODING,
    examples=[
        ("他说：浣犲ソ锛屼笘鐣岋紒", "他说：你好，世界！"),
        ("ÄãºÃ£¬ÊÀ½ç", "你好，世界"),
        ("The cafÃ© is open", "The café is open"),
        ("Müller, Þórunn and naïve stay; 锟斤拷 stays; “引号”，逗号 stay",),
    ],
)
def repair_mojibake(text: str, ctx: Context) -> str:
    """Undo text decoded with the wrong codec: UTF-8 read as cp1252, latin-1 or GBK, GBK or Big5 read as latin-1.

    Each line is repaired alone, and a reading is kept only when it is much likelier
    text than the original, so correct text that merely looks unusual stays. Bytes lost
    in the garbling (U+FFFD) are guessed where few characters fit; what cannot be
    recovered (``锟斤拷`` runs, U+FFFD) stays and is counted in ``metadata["encoding_repair"]``.

    Before: ``"浣犲ソ锛屼笘鐣岋紒"``. After: ``"你好，世界！"``.
    """
    fixed, report = repair(text)
    garbled_runs = len(_GARBLED_RUN.findall(fixed)) if "锟" in fixed else 0
    replacement_chars = fixed.count("\ufffd")
    if report.repaired or garbled_runs or replacement_chars:
        ctx.metadata["encoding_repair"] = {
            "repaired_spans": report.repaired,
            "readings": report.readings,
            "lost_bytes_guessed": report.guessed,
            "replacement_characters": replacement_chars,
            "garbled_runs": garbled_runs,
        }
    return fixed


@cleaner(
    "EN102",
    "html-entity",
    Stage.ENCODING,
    examples=[
        ("Q&amp;A：&#20320;&#x597D; &lt;3", "Q&A：你好 <3"),
        ("<p>Q&amp;A</p>",),
        ("AT&T and R&D; stay",),
    ],
)
def unescape_html_entities(text: str, ctx: Context) -> str:
    """Turn HTML character references into characters, in text that is not markup.

    Before: ``"Q&amp;A：&#20320;&#x597D;"``. After: ``"Q&A：你好"``.
    """
    if "&" not in text or _MARKUP.search(text):
        return text
    return _ENTITY.sub(lambda m: _unescape_one(m.group()), text)


def _unescape_one(entity: str) -> str:
    char = html.unescape(entity)
    if char == entity or any(0xD800 <= ord(c) <= 0xDFFF or (ord(c) < 0x20 and c not in "\t\n") for c in char):
        return entity
    return char
