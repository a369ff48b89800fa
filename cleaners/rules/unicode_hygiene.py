"""Unicode hygiene: line breaks, invisible and control characters, NBSP, trailing space, blank runs.

Plain character classes use the standard ``re`` module, which scans them about three times
faster than ``regex``; ``regex`` is for the patterns that need its Unicode properties.
"""

from __future__ import annotations

import functools
import re

import regex

from cleaners.chars import CJK, CJK_PUNCT
from cleaners.model import Context, Stage
from cleaners.registry import cleaner

_SURROGATES = r"\ud800-\udfff"
_SURROGATE = re.compile(f"[{_SURROGATES}]")
_CRLF = re.compile(r"\r\n?")
#: Zero-width space, word joiner, BOM, Mongolian vowel separator, bidi marks, embeddings and isolates.
_INVISIBLES = r"\u200b\u2060\ufeff\u180e\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVISIBLE = re.compile(f"[{_INVISIBLES}]")
_JOINERS = "\u200c\u200d"
#: Zero-width (non-)joiners are meaningful between letters of some scripts and inside emoji;
#: next to CJK, ASCII, space or an edge they are debris.
_STRAY_JOINER = regex.compile(
    rf"(?<=^|[\s\x00-\x7f{CJK}{CJK_PUNCT}])[\u200c\u200d]+|[\u200c\u200d]+(?=$|[\s\x00-\x7f{CJK}{CJK_PUNCT}])",
    regex.MULTILINE,
)
_C0_CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_C0_CONTROL = re.compile(f"[{_C0_CONTROLS}]")
_C1_CONTROLS = r"\x80-\x9f"
_C1_CONTROL = re.compile(f"[{_C1_CONTROLS}]")
_NBSPS = r"\u00a0\u2007\u202f"
_NBSP = re.compile(f"[{_NBSPS}]")
#: Every character the rules below act on, and the joiners UC102 looks at.
_ANY_TARGET = re.compile(f"[{_SURROGATES}{_INVISIBLES}{_JOINERS}{_C0_CONTROLS}{_C1_CONTROLS}{_NBSPS}]")
_TRAILING_CHARS = (" ", "\t", "\u3000")
_TRAILING = re.compile(f"[{''.join(_TRAILING_CHARS)}]+$", re.MULTILINE)
#: Every match of ``_TRAILING`` ends in one of these, or at the end of the text.
_TRAILING_ENDS = tuple(char + "\n" for char in _TRAILING_CHARS)
#: Possessive, since nothing follows the run: no backtracking state is kept for each of its lines.
_BLANK_RUN = re.compile(r"\n(?:[ \t]*+\n){3,}+")


@functools.lru_cache(maxsize=2)
def _targets(text: str) -> str:
    """The distinct characters of ``text`` that the rules here act on: one scan of the document
    serves the five rules that look for characters, which then look only at these.

    >>> _targets("a\u00a0b\u200bc\u00a0")
    '\xa0\u200b'
    """
    return "".join(sorted(set(_ANY_TARGET.findall(text))))


def _replace_found(pattern: re.Pattern[str], replacement: str, text: str) -> str:
    """``pattern`` (one of the character classes of :data:`_ANY_TARGET`) replaced in ``text``,
    substituted only when :func:`_targets` found one of its characters there."""
    return pattern.sub(replacement, text) if pattern.search(_targets(text)) else text


@cleaner("DC101", "lone-surrogate", Stage.DECODE, examples=[("a\ud800b", "a\ufffdb"), ("emoji 😀 stays",)])
def replace_lone_surrogates(text: str, ctx: Context) -> str:
    """Replace lone surrogate code points, which cannot be written as UTF-8, with U+FFFD.

    Before: ``"a\\ud800b"``. After: ``"a\\ufffdb"``.
    """
    return _replace_found(_SURROGATE, "\ufffd", text)


@cleaner(
    "UC101", "crlf-line-break", Stage.DECODE, examples=[("one\r\ntwo\rthree\n", "one\ntwo\nthree\n"), ("one\ntwo\n",)]
)
def normalize_line_breaks(text: str, ctx: Context) -> str:
    """Turn CRLF and lone CR line breaks into LF.

    It runs with decoding, so every later rule sees the same lines on a first and a second run.

    Before: ``"one\\r\\ntwo\\rthree"``. After: ``"one\\ntwo\\nthree"``.
    """
    return _CRLF.sub("\n", text)


@cleaner(
    "UC102",
    "invisible-character",
    Stage.UNICODE,
    examples=[
        ("\ufeff第一\u200b行\u202e", "第一行"),
        ("a\u200dx", "ax"),
        ("👩\u200d💻 family emoji", None),
        ("می\u200cخواهم", None),
    ],
)
def remove_invisible_characters(text: str, ctx: Context) -> str:
    """Remove zero-width spaces, byte-order marks, word joiners and bidi controls.

    Zero-width joiners are kept between letters of scripts that need them and inside emoji.

    Before: ``"\\ufeff第一\\u200b行"``. After: ``"第一行"``.
    """
    targets = _targets(text)
    text = _replace_found(_INVISIBLE, "", text)
    return _STRAY_JOINER.sub("", text) if "\u200c" in targets or "\u200d" in targets else text


@cleaner(
    "DC102",
    "c0-control-character",
    Stage.DECODE,
    examples=[("bell\x07 and\x00 nul\x7f", "bell and nul"), ("tab\tstays\r\n",)],
)
def remove_c0_controls(text: str, ctx: Context) -> str:
    """Remove C0 control characters and DEL, except tab and line breaks.

    It runs with decoding, before encoding repair, so that the repair judges the same text on a
    first and a second run.

    Before: ``"bell\\x07 and\\x00 nul"``. After: ``"bell and nul"``.
    """
    return _replace_found(_C0_CONTROL, "", text)


@cleaner(
    "UC103",
    "c1-control-character",
    Stage.UNICODE,
    examples=[("caf\u00e9\x85 and\x9d more", "caf\u00e9 and more"), ("plain text\n",)],
)
def remove_c1_controls(text: str, ctx: Context) -> str:
    """Remove C1 control characters (U+0080 to U+009F).

    They run after encoding repair, which reads the C1 characters of UTF-8 decoded as latin-1.

    Before: ``"café\\x85 and"``. After: ``"café and"``.
    """
    return _replace_found(_C1_CONTROL, "", text)


@cleaner(
    "UC104",
    "no-break-space",
    Stage.UNICODE,
    examples=[
        ("来源:\u00a0新华社\u00a0\u00a0发布时间", "来源: 新华社  发布时间"),
        ("10\u202f000", "10 000"),
        ("plain  spaces stay",),
    ],
)
def replace_no_break_spaces(text: str, ctx: Context) -> str:
    """Turn no-break spaces (U+00A0, U+2007, U+202F) into plain spaces.

    Scraped pages use them for layout, and they break tokenizers and exact matching.

    Before: ``"来源:\\u00a0新华社"``. After: ``"来源: 新华社"``.
    """
    return _replace_found(_NBSP, " ", text)


@cleaner(
    "UC105",
    "trailing-whitespace",
    Stage.UNICODE,
    examples=[("line one  \nline two\t\n", "line one\nline two\n"), ("  indented stays\n",)],
)
def strip_trailing_whitespace(text: str, ctx: Context) -> str:
    """Remove spaces, tabs and ideographic spaces at the end of lines.

    Before: ``"line one  \\nline two\\t"``. After: ``"line one\\nline two"``.
    """
    if not (any(map(text.__contains__, _TRAILING_ENDS)) or text.endswith(_TRAILING_CHARS)):
        return text  # the pattern would try every space of the text, and find none at a line end
    return _TRAILING.sub("", text)


@cleaner("UC106", "blank-line-run", Stage.UNICODE, examples=[("a\n\n\n\n\nb", "a\n\nb"), ("a\n\n\nb",), ("a\n\nb",)])
def collapse_blank_line_runs(text: str, ctx: Context) -> str:
    """Collapse runs of three or more blank lines into one blank line.

    Before: ``"a\\n\\n\\n\\n\\nb"``. After: ``"a\\n\\nb"``.
    """
    return _BLANK_RUN.sub("\n\n", text)
