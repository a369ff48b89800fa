"""Detect word-segmented (tokenized) Chinese: spaces a segmenter put between words.

A segmenter such as THULAC writes ``这 封 信 呼吁 ， 所有 人工智能 实验室`` for ``这封信呼吁，所有人工智能实验室``.
The evidence is the share of adjacent CJK character pairs broken by a space: about half in
segmented text, none in normal Chinese, and still none in pangu-style text, which only spaces
CJK from Latin (``使用 Python 编程``). Pages mix segmented body text with untouched parts,
so the verdict is given per document (the ``tokenized`` condition) and per paragraph
(:func:`tokenized_paragraphs`, which the repairs use to leave untouched parts alone).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cleaners.detectors import Evidence, detector

#: CJK letters (Han, kana, bopomofo, radicals) and CJK punctuation (full-width forms, quotes,
#: ellipsis, dashes, middle dot) as plain ranges: the standard library matches these fastest, and every
#: repair uses the same classes as detection, so a repaired paragraph no longer looks segmented.
#: Hangul is left out: Korean puts spaces between words itself, and they must stay.
CJK_LETTERS = (
    "\u2e80-\u2fff\u3005\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
)
CJK_PUNCTS = (
    "\u3000-\u3004\u3006\u3008-\u3020\u302a-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    "\u2018\u2019\u201c\u201d\u2026\u2014\u00b7"
)
CJK_ALL = CJK_LETTERS + CJK_PUNCTS
#: Curly quotes serve English as well; pairs with them are no evidence.
CURLY_QUOTES = "\u2018\u2019\u201c\u201d"
CJK_UNAMBIGUOUS = CJK_ALL.replace(CURLY_QUOTES, "")
#: Each CJK character or punctuation mark followed by another; the group holds the space between
#: (possessive: a space taken is never given back, for no pair follows the space instead).
_CJK_PAIR = re.compile(f"[{CJK_UNAMBIGUOUS}]( ?+)(?=[{CJK_UNAMBIGUOUS}])")
# Alternatives share their first character class, so that the regex engine can skip ahead with it.
_GLUED_PUNCT = re.compile(f"[{CJK_ALL}](?:(?<=[{CJK_LETTERS}])[{CJK_PUNCTS}]|(?<=[{CJK_PUNCTS}])[{CJK_LETTERS}])")
#: A CJK punctuation mark with a CJK letter just before or after it: fewer to try, quicker to count.
_PUNCT_TOUCHING_LETTER = re.compile(f"[{CJK_PUNCTS}](?:(?<=[{CJK_LETTERS}].)|(?=[{CJK_LETTERS}]))")
# The two patterns below start at the punctuation mark, which is rare, so that the regex engine skips
# ahead to it, and count as if each match took the characters from the word to the mark: a mark that
# would reuse the last character of a match (the ``,`` of ``“ a ,``, the ``”`` of ``again , ”``) is
# taken along with it and not counted.
#: A Latin word followed by a space and closing punctuation (``humanity ,``), which segmenters write.
#: Curly quotes spaced off their words (``“ Our``, ``elsewhere , ”``) count the same.
_SPACED_LATIN_PUNCT = re.compile(
    r"[,.;:!?)’”‘“](?:(?<=[A-Za-z0-9] [,.;:!?)])(?=\s|$)(?: [’”])?|(?<=[A-Za-z0-9,.] [’”])"
    r"|(?<=[‘“]) [A-Za-z](?: [,.;:!?)](?=\s|$)| [’”])?)",
    re.MULTILINE,
)
#: Every space that ``_SPACED_LATIN_PUNCT`` counts sits in one of these.
_SPACED_MARKS = (" ,", " .", " ;", " :", " !", " ?", " )", " \u2019", " \u201d", "\u2018 ", "\u201c ")
#: Every match of ``_LATIN_PUNCT`` starts with one of these, so there are no more matches than marks.
_LATIN_PUNCT_MARKS = ",.;:!?)\u2019\u201d\u2018\u201c"
#: Closing punctuation after a Latin word, spaced or not (``humanity ,``, ``humanity,``), and curly quotes.
_LATIN_PUNCT = re.compile(
    r"[,.;:!?)’”‘“](?:(?:(?<=[A-Za-z0-9][,.;:!?)])|(?<=[A-Za-z0-9] [,.;:!?)]))(?=\s|$)(?: ?[’”])?"
    r"|(?<=[A-Za-z0-9,.][’”])|(?<=[A-Za-z0-9,.] [’”])|(?<=[‘“]) ?[A-Za-z](?: ?[,.;:!?)](?=\s|$)| ?[’”])?)",
    re.MULTILINE,
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")

#: Share of CJK pairs broken by a space above which a document counts as tokenized.
DOCUMENT_SHARE = 0.2
#: The same for one paragraph, and the least number of broken pairs it must show.
PARAGRAPH_SHARE = 0.2
PARAGRAPH_MIN_BROKEN = 2
#: In a tokenized document, a paragraph with fewer broken pairs counts at this share.
WEAK_PARAGRAPH_SHARE = 0.2
#: A paragraph of a tokenized document with at most this many CJK pairs, none broken, is judged by its Latin.
FEW_PAIRS = 3


class Paragraph(NamedTuple):
    """A paragraph's span in the document, whether its words were segmented, and its CJK pair counts."""

    start: int
    end: int
    tokenized: bool
    broken: int
    pairs: int


def cjk_pair_counts(text: str) -> tuple[int, int]:
    """Adjacent CJK pairs (characters or CJK punctuation) broken by one space, and all such pairs.

    >>> cjk_pair_counts("这 封 信 呼吁")
    (3, 4)
    >>> cjk_pair_counts("使用 Python 编程")
    (0, 2)
    """
    gaps = _CJK_PAIR.findall(text) if " " in text else ()
    if not gaps:
        return 0, len(_CJK_PAIR.findall(text)) if text else 0
    return gaps.count(" "), len(gaps)


def latin_shows_segmentation(text: str) -> bool:
    """Whether closing punctuation after Latin words mostly has a space before it (``humanity ,``).

    >>> latin_shows_segmentation("critical t o prevent humanit y . Global action , cooperation")
    True
    """
    if not any(map(text.__contains__, _SPACED_MARKS)):
        return False
    spaced = len(_SPACED_LATIN_PUNCT.findall(text))
    if spaced < 1:
        return False
    if sum(map(text.count, _LATIN_PUNCT_MARKS)) < spaced * 2:
        return True  # each mark holds one at most: even fewer of them, spaced or not
    return spaced * 2 > len(_LATIN_PUNCT.findall(text))


def _share(broken: int, total: int) -> float:
    return broken / total if total else 0.0


def _counts_show_segmentation(broken: int, total: int) -> bool:
    return broken >= PARAGRAPH_MIN_BROKEN and _share(broken, total) >= DOCUMENT_SHARE


def _punctuation_glued(text: str, broken: int) -> bool:
    """Whether CJK punctuation sits glued to CJK letters (``（记者 陈思远 编辑 周航）``): a segmenter
    always spaces punctuation off, so such spaces between words are the source's own."""
    if len(_PUNCT_TOUCHING_LETTER.findall(text)) * 2 <= broken:
        return False  # each contact holds one of these marks: even fewer contacts
    return len(_GLUED_PUNCT.findall(text)) * 2 > broken


def _paragraph_is_tokenized(text: str, broken: int, total: int, in_tokenized_document: bool) -> bool:
    share = _share(broken, total)
    if broken >= PARAGRAPH_MIN_BROKEN and share >= PARAGRAPH_SHARE:
        return not _punctuation_glued(text, broken)
    if not in_tokenized_document:
        return False
    if broken:
        return share >= WEAK_PARAGRAPH_SHARE and not _punctuation_glued(text, broken)
    return total <= FEW_PAIRS and latin_shows_segmentation(text)


def _judged_by_latin(broken: int, total: int, in_tokenized_document: bool) -> bool:
    """Whether :func:`_paragraph_is_tokenized` decides by the paragraph's Latin, not its CJK pairs."""
    return in_tokenized_document and not broken and total <= FEW_PAIRS


#: The paragraphs of the last few documents seen, by text: each rule of a pipeline asks for them again.
_PARAGRAPHS: dict[str, tuple[Paragraph, ...]] = {}
_PARAGRAPHS_KEPT = 8
#: What the last judgement found about each paragraph, by text: its CJK pair counts (broken, all),
#: whether the document counted as tokenized, and the verdict. The next rule's text repeats most of them.
_LAST_JUDGED: dict[str, tuple[int, int, bool, bool]] = {}


def tokenized_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """The document's paragraphs (split at blank lines), each with its verdict.

    A paragraph needs its own evidence; a short one (a heading, ``全部 导航``) or one without
    CJK (an English paragraph written ``humanit y .``) counts when the whole document is tokenized.

    >>> [p.tokenized for p in tokenized_paragraphs("马斯克 等 千 名 科技 人士\\n\\n来源：澎湃新闻\\n")]
    [True, False]
    """
    paragraphs = _PARAGRAPHS.get(text)
    if paragraphs is None:
        paragraphs = _judge_paragraphs(text)
        _remember(text, paragraphs)
    return paragraphs


def _remember(text: str, paragraphs: tuple[Paragraph, ...]) -> None:
    if len(_PARAGRAPHS) >= _PARAGRAPHS_KEPT:
        _PARAGRAPHS.clear()  # the next rule asks for the text just made, never for an old one
    _PARAGRAPHS[text] = paragraphs


def _paragraph_chunks(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """The spans of the paragraphs (split at blank lines) and their text."""
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans, [text[a:b] for a, b in spans]


def _pair_counts(chunk: str) -> tuple[int, int]:
    """:func:`cjk_pair_counts`, taken from the last judgement when it saw the same paragraph."""
    return _LAST_JUDGED[chunk][:2] if chunk in _LAST_JUDGED else cjk_pair_counts(chunk)


def _judge_paragraphs(text: str) -> tuple[Paragraph, ...]:
    spans, chunks = _paragraph_chunks(text)
    return _judged(spans, chunks, list(map(_pair_counts, chunks)))


def _judged(spans: list[tuple[int, int]], chunks: list[str], counts: list[tuple[int, int]]) -> tuple[Paragraph, ...]:
    """The paragraphs with their CJK pair counts and verdicts; remembered for the next judgement."""
    in_document = _counts_show_segmentation(sum(c[0] for c in counts), sum(c[1] for c in counts))
    verdicts = [_verdict(chunk, *count, in_document) for chunk, count in zip(chunks, counts, strict=True)]
    _LAST_JUDGED.clear()
    _LAST_JUDGED.update(
        (chunk, (*count, in_document, verdict)) for chunk, count, verdict in zip(chunks, counts, verdicts, strict=True)
    )
    return tuple(
        Paragraph(a, b, verdict, *count) for (a, b), count, verdict in zip(spans, counts, verdicts, strict=True)
    )


def _verdict(text: str, broken: int, total: int, in_tokenized_document: bool) -> bool:
    """:func:`_paragraph_is_tokenized`, taken from the last judgement when it saw the same paragraph so."""
    known = _LAST_JUDGED.get(text)
    if known is not None and known[2] == in_tokenized_document:
        return known[3]
    return _paragraph_is_tokenized(text, broken, total, in_tokenized_document)


def carry_paragraphs(text: str, paragraphs: tuple[Paragraph, ...]) -> None:
    """Record the paragraphs of ``text``, made by a repair that kept every paragraph's CJK pair counts
    and CJK letter-punctuation contacts (it added or removed no space next to CJK on both sides, no
    CJK character, no line break), so the verdicts stand; only those decided by Latin are judged again.

    ``paragraphs`` hold the new spans with the old counts and verdicts.
    """
    in_document = _counts_show_segmentation(sum(p.broken for p in paragraphs), sum(p.pairs for p in paragraphs))
    _remember(text, tuple(_judge_again(text, p, in_document) for p in paragraphs))


def judge_counted(text: str, paragraphs: tuple[Paragraph, ...]) -> None:
    """Record the paragraphs of ``text``, made by a repair that knows how it changed each paragraph's
    CJK pair counts (it joined lines): ``paragraphs`` hold the new spans and counts, from which every
    verdict is judged again without counting. Nothing is recorded if a paragraph break moved.
    """
    spans, chunks = _paragraph_chunks(text)
    if spans == [(p.start, p.end) for p in paragraphs]:
        _remember(text, _judged(spans, chunks, [(p.broken, p.pairs) for p in paragraphs]))


def _judge_again(text: str, p: Paragraph, in_document: bool) -> Paragraph:
    if not _judged_by_latin(p.broken, p.pairs, in_document):
        return p
    chunk = text[p.start : p.end]
    verdict = _verdict(chunk, p.broken, p.pairs, in_document)
    _LAST_JUDGED[chunk] = (p.broken, p.pairs, in_document, verdict)
    return p._replace(tokenized=verdict)


@detector("tokenized")
def detect_tokenized(text: str) -> tuple[bool, Evidence]:
    """Whether ``text`` was word-segmented: enough of its adjacent CJK pairs are broken by a space.

    Most documents are not, and show it early: paragraph by paragraph, counting stops as soon as
    the pairs glued so far outnumber what even every space left could break. Only the documents
    it could be are judged whole (the repairs will ask for their paragraphs). The evidence holds
    the counts, or when counting stopped, the bounds that decided.

    >>> detect_tokenized("这 封 信 呼吁 ， 所有 人工智能 实验室 立即 暂停 训练")
    (True, {'cjk_pairs': 20, 'broken_by_space': 10, 'share': 0.5})
    >>> detect_tokenized("使用Python编程。\\n\\n这封信呼吁所有人工智能实验室立即暂停训练。\\n\\n见 GPT 4")
    (False, {'cjk_pairs_at_least': 23, 'broken_by_space_at_most': 2})
    """
    paragraphs = _PARAGRAPHS.get(text)
    if paragraphs is None:
        spaces_left = text.count(" ")
        spans, chunks = _paragraph_chunks(text)
        counts, broken, total = [], 0, 0
        for chunk in chunks:
            count = _pair_counts(chunk)
            broken, total, spaces_left = broken + count[0], total + count[1], spaces_left - chunk.count(" ")
            most_broken = broken + spaces_left
            if not _counts_show_segmentation(most_broken, most_broken + total - broken):
                return False, {"cjk_pairs_at_least": total, "broken_by_space_at_most": most_broken}
            counts.append(count)
        paragraphs = _judged(spans, chunks, counts)
        _remember(text, paragraphs)  # the repairs will ask for them on the same text
    broken, total = sum(p.broken for p in paragraphs), sum(p.pairs for p in paragraphs)
    evidence: Evidence = {"cjk_pairs": total, "broken_by_space": broken, "share": round(_share(broken, total), 3)}
    return _counts_show_segmentation(broken, total), evidence
