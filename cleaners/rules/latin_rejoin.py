"""Decide which spaces inside a run of Latin tokens a segmenter added, and rejoin what it split.

A Chinese word segmenter splits Latin text at odd places: ``OpenA I``, ``hom e . png``,
``2023 - 03 - 29 15 : 42``, ``w e have``, ``benc hmark _ py 31 1 . pdf``. Real spaces survive as
token boundaries (``Future of Life Institute``, ``iPhone 15 Pro``), so every space in a run is
a decision. The evidence, in order:

- the characters around the space: punctuation that never takes a space on that side (``3 . 5``,
  ``GPT - 4``, ``humanity ,``), or that takes one (``, and``, ``: Should``), quote and emphasis parity;
- the document itself: a joined form that occurs whole elsewhere in it (``OpenAI``);
- for runs of letters, an English word-frequency lexicon: two common words side by side stay apart
  (``Stability AI``, ``a long``); elsewhere the reading, joined or apart, whose words are likeliest
  wins (``t o`` is ``to``, ``Googl e`` is ``Google``), and the segmenter is taken to cut seldom before
  a capital (``Elon Musk``), after an acronym (``AI labs``) or between two long pieces;
- for digits and letters: one-letter prefixes (``A 17``), units (``120 mm``), digit fragments (``17 6``);
- the shape of the text: URLs, e-mail addresses and file names are one token (``w w w . apple . com``,
  ``[ hom e . png ]``), code spans, command-line options (``pip install -r``), list markers, headings.

>>> rejoin("OpenA I 的 GPT - 4 与 Stability AI")
'OpenAI 的 GPT-4 与 Stability AI'
>>> rejoin("critical t o prevent humanit y .")
'critical to prevent humanity.'
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Container, Iterator
from itertools import compress
from typing import NamedTuple

from cleaners.rules.lexicon import zipf

#: A run of printable ASCII tokens separated by single spaces.
LATIN_RUN = re.compile(r"[!-~×÷±≈≠≤≥°℃‰]+(?: [!-~×÷±≈≠≤≥°℃‰]+)+")
_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_DIGITS_AS_ZERO = str.maketrans("123456789", "000000000")
_ASCII_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_LEADING_LETTERS = re.compile(r"[A-Za-z]+")
#: A file-name extension after its dot, as the segmenter leaves it: ``. png``.
_EXTENSION = re.compile(r"\. [a-z][a-z0-9]{1,3}")
_LINE_MARKER = re.compile(r"[*+>-]|#{1,6}")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_OPTION_LETTER = re.compile(r"[a-z]")
_OPTION = re.compile(r"--?[a-z]")
_NUMBERING = re.compile(r"\d{1,3}\\?[.)]")

#: Units written after a number, usually without a space in Chinese text (``120mm``, ``6GB``).
UNITS = frozenset(
    {
        "mm",
        "cm",
        "km",
        "nm",
        "um",
        "m",
        "kg",
        "mg",
        "g",
        "t",
        "ml",
        "l",
        "gb",
        "mb",
        "kb",
        "tb",
        "pb",
        "gib",
        "mib",
        "kib",
        "bit",
        "bits",
        "byte",
        "bytes",
        "gbps",
        "mbps",
        "kbps",
        "ghz",
        "mhz",
        "khz",
        "hz",
        "kw",
        "kwh",
        "mw",
        "w",
        "v",
        "mv",
        "a",
        "ma",
        "mah",
        "ms",
        "ns",
        "us",
        "s",
        "h",
        "min",
        "fps",
        "dpi",
        "ppi",
        "px",
        "pt",
        "em",
        "rpm",
        "db",
        "k",
        "x",
    }
)
#: What follows an apostrophe inside an English word (``Let's``, ``don't``, ``we're``).
URL_STARTS = frozenset({"http", "https", "ftp", "www"})
_LONGEST_URL_START = max(map(len, URL_STARTS))
APOSTROPHE_ENDINGS = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})
SPACE_AFTER = frozenset(",;!?")
CLOSERS = frozenset(",.;:!?)]}%")
OPENERS = frozenset("([{")
QUOTES = frozenset("\"'`")
_COUNTED = frozenset('"*`()')

#: Cost (minus log10 probability) of a one-letter word other than ``a`` and ``I``.
LONE_LETTER_COST = 6.5
#: Cost of a word the lexicon does not know: a base and a price per letter.
UNKNOWN_BASE = 3.0
UNKNOWN_PER_LETTER = 0.8
#: Price of each join, for the segmenter splits far fewer words than it leaves whole.
JOIN_COST = 1.0
#: Zipf frequency granted to a joined form that the same document shows whole.
SEEN_WHOLE_ZIPF = 5.0
#: A run with at least this many words of letters reads as English prose.
PROSE_WORDS = 4
MAX_PIECES = 6
#: Zipf frequency from which a piece counts as a word by itself, short (up to four letters) or longer:
#: two such words side by side are two words (``Stability AI``), not a word the segmenter cut.
COMMON_SHORT_WORD_ZIPF = 4.0
COMMON_WORD_ZIPF = 3.0
#: Letters from which a piece counts as long: the segmenter seldom cuts a word into two long pieces.
LONG_PIECE = 4


@functools.lru_cache(maxsize=65536)
def _lexicon_cost(word: str) -> float:
    """Minus log10 of the word's probability: from the lexicon, or by length for an unknown word."""
    if len(word) == 1:
        return 9 - zipf(word) if word in "aAI" else LONE_LETTER_COST
    frequency = zipf(word)
    return 9 - frequency if frequency else UNKNOWN_BASE + UNKNOWN_PER_LETTER * len(word)


def _word_cost(word: str, seen: Container[str], joined: bool) -> float:
    cost = _lexicon_cost(word)
    return min(cost, 9 - SEEN_WHOLE_ZIPF) if joined and word in seen else cost


@functools.lru_cache(maxsize=65536)
def _is_word(piece: str) -> bool:
    """Whether a piece of letters is a common English word by itself (one letter only for a and I)."""
    if len(piece) == 1:
        return piece in ("a", "A", "I")
    return zipf(piece) >= (COMMON_SHORT_WORD_ZIPF if len(piece) <= 4 else COMMON_WORD_ZIPF)


@functools.lru_cache(maxsize=65536)
def _may_be_one_word(left: str, right: str) -> bool:
    """Whether two pieces of letters could be one word the segmenter cut, by the lexicon alone."""
    if len(left) == len(right) == 1:
        return True
    if len(left) == 1 and left.isupper() and len(right) > 1:
        return not _is_word(right)  # an initial or a code letter before a word: R&D on
    return not (_is_word(left) and _is_word(right))


def _unlikely_split(left: str, right: str) -> bool:
    """Whether the segmenter would hardly have cut here: before a capital (Elon Musk), after an acronym (AI labs)."""
    if left[-1].islower() and right[0].isupper():
        return len(left) > 1 or left == "a"  # but a lone lowercase letter is no word: m Close
    if len(left) > 1 and left.isupper() and right.isupper() and len(right) == 1:
        return True  # an acronym and the initial of the next word: AI R&D
    if len(left) > 1 and left[-2:].isupper():
        return right[0].islower() or right[1:2].islower()  # AI labs, XZ Utils
    return False


def _letter_joins(pieces: list[str], seen: Container[str]) -> list[bool]:
    """For consecutive pieces of letters, whether each gap joins, by the likeliest reading.

    >>> _letter_joins(["w", "e", "have"], set())
    [True, False]
    >>> _letter_joins(["Future", "of", "Life"], set())
    [False, False]
    """
    n = len(pieces)
    blocked = list(map(_unlikely_split, pieces, pieces[1:]))
    best = [0.0] + [math.inf] * n
    back = [0] * (n + 1)
    for end in range(1, n + 1):
        word, long_pieces, best_end = "", 0, math.inf
        for start in range(end - 1, max(-1, end - 1 - MAX_PIECES), -1):
            extra = end - start - 1
            if extra and blocked[start]:
                break
            piece = pieces[start]
            word = piece + word
            long_pieces += len(piece) >= LONG_PIECE
            if extra and long_pieces > 1 and not zipf(word) and word not in seen:
                break  # two long pieces of an unknown word: real words, AutoModel tokenizer
            if (word in ("A", "I") and any(p.isupper() for p in pieces[start - 1 : start] + pieces[end : end + 1])) or (
                word == "a" and end == n
            ):
                cost = best[start] + LONE_LETTER_COST  # an acronym spelled out (A I), an article before no word
            else:
                cost = best[start] + _word_cost(word, seen, extra > 0) + JOIN_COST * extra
            if cost < best_end:
                best_end, back[end] = cost, start
        best[end] = best_end
    joins = [True] * (n - 1)
    end = n
    while end > 0:
        start = back[end]
        if start > 0:
            joins[start - 1] = False
        end = start
    return joins


def _letters_after(tokens: list[str], index: int, joins: dict[int, bool]) -> str:
    """The letters that start token ``index``, with the following letter pieces it joins."""
    word = tokens[index]
    while joins.get(index) and index + 1 < len(tokens):
        index += 1
        word += tokens[index]
    match = _LEADING_LETTERS.match(word)
    return match.group() if match else ""


class _Run:
    """The tokens of one Latin run and what is known about them while deciding its gaps."""

    def __init__(self, tokens: list[str], seen: Container[str], before: _Before) -> None:
        self.tokens = tokens
        self.after_apostrophe = before.after_apostrophe
        self.seen = seen
        self.at_line_start = before.at_line_start
        self.quotes, self.stars, self.ticks = before.quotes, before.stars, before.ticks
        self.depth = 0
        self.in_url = False
        self.words_before = 0
        self.marker_words = int(self.at_line_start and bool(_LINE_MARKER.fullmatch(tokens[0])))
        self.alpha = alpha = list(map(str.isalpha, tokens))
        word_lengths = list(map(len, compress(tokens, alpha)))
        self.prose = len(word_lengths) - word_lengths.count(1) >= PROSE_WORDS  # words of two letters or more
        self.letter_joins = self._decide_letter_pieces()

    def _decide_letter_pieces(self) -> dict[int, bool]:
        """For the gaps between two pieces of letters, whether each joins: ``w e have`` is ``we have``.

        Pieces that may be one word (:func:`_may_be_one_word`, or joined elsewhere in the document)
        are read as a chain by :func:`_letter_joins`; two words side by side keep their space.
        """
        joins: dict[int, bool] = {}
        tokens, alpha, seen = self.tokens, self.alpha, self.seen
        alnum = list(map(str.isalnum, tokens))  # every piece of letters is alphanumeric too
        n, i = len(tokens), 0
        while i < n:
            follows_apostrophe = tokens[i - 1] == "'" if i else self.after_apostrophe
            if follows_apostrophe and tokens[i].lower() in APOSTROPHE_ENDINGS:
                i += 1  # the s of Let ' s belongs to the word before
            j = i
            while j < n and alnum[j]:
                j += 1
            if j - i > 1 and self._is_file_name(i, j):
                joins.update(dict.fromkeys(range(i, j - 1), True))  # icons hare . png, f44 d30 . png
            k = i
            while k < j:
                if not alpha[k]:
                    k += 1
                    continue
                end = k + 1
                while (
                    end < j
                    and alpha[end]
                    and (_may_be_one_word(tokens[end - 1], tokens[end]) or tokens[end - 1] + tokens[end] in seen)
                ):
                    end += 1
                if end - k > 1 and k not in joins:
                    joins.update(zip(range(k, end - 1), _letter_joins(tokens[k:end], seen), strict=True))
                elif end < j and alpha[end - 1] and alpha[end]:
                    joins[end - 1] = False
                k = end
            i = j + 1
        return joins

    def _is_file_name(self, start: int, end: int) -> bool:
        """Whether alphanumeric pieces start..end, then ``. ext``, spell a file name outside prose."""
        before = self.tokens[start - 1] if start else ""
        return (
            not self.prose
            and (not before or not before[-1].isalnum())
            and bool(_EXTENSION.fullmatch(" ".join(self.tokens[end : end + 2])))
        )

    def text(self) -> str:
        """The run with the segmenter's spaces removed; :attr:`kept` records which gaps kept theirs."""
        tokens, letter_joins = self.tokens, self.letter_joins
        out, left = [], tokens[0]
        self.kept: list[bool] = []
        self.in_url = left.lower() in URL_STARTS
        self._count(left)
        seen, closer_joins = self.seen, not self.at_line_start  # a list marker or number may precede a closer
        for i, right in enumerate(tokens[1:]):
            joins = letter_joins.get(i)
            if joins is None:
                joins = (closer_joins and right[0] in CLOSERS) or self._joins(left, right, i)  # humanity ,
            elif not joins:
                if left.isalnum():  # two words: whole elsewhere in the document?
                    joined = left + right
                    joins = not joined.isdigit() and joined in seen and (len(joined) > 2 or not joined.isalpha())
                else:
                    joins = self._seen_whole(left, right)
            elif self.words_before and _OPTION.fullmatch(left):
                joins = False  # python -m venv
            self.kept.append(not joins)
            if joins:
                left += right
            else:
                out.append(left)
                left = right
                self.words_before += 1
                self.in_url = False
            if not right.isalnum():
                if len(right) > 1 or right in _COUNTED:
                    self._count(right)
            elif len(right) <= _LONGEST_URL_START and right.lower() in URL_STARTS:
                self.in_url = True
        out.append(left)
        return " ".join(out)

    def _count(self, token: str) -> None:
        """Follow the quotes, emphasis, code spans and parentheses that ``token`` opens or closes."""
        if len(token) == 1:  # most punctuation tokens: one character, and one count that can change
            if token in _COUNTED:
                self.quotes += token == '"'
                self.stars += token == "*"
                self.ticks += token == "`"
                self.depth = max(0, self.depth + (token == "(") - (token == ")"))
            return
        self.quotes += token.count('"')
        self.stars += token.count("*")
        self.ticks += token.count("`")
        self.depth = max(0, self.depth + token.count("(") - token.count(")"))

    def _joins(self, left: str, right: str, i: int) -> bool:
        a, b = left[-1], right[0]
        after = self.tokens[i + 2] if i + 2 < len(self.tokens) else ""
        if (
            not self.words_before
            and self.at_line_start
            and _LINE_MARKER.fullmatch(left)
            and self._is_list_marker(right)
        ):
            return False
        if self.in_url and not (a.isalnum() and b.isalnum()):
            return True
        numbered = self.at_line_start and not right[0].isdigit() and self.words_before <= self.marker_words
        if numbered and _NUMBERING.fullmatch(left):
            return False  # 1. Install, ### 1\. Pascal
        if a.isalnum() and b.isalnum():
            return self._joins_alnum(left, right, i, after)
        if b in QUOTES or a in QUOTES:
            return self._joins_quote(left, right, after)
        if b == "*" or a == "*":
            return self._joins_star(left, right)
        return self._joins_punct(left, right, i, after)

    def _is_list_marker(self, right: str) -> bool:
        """Whether the run's first token marks a list item or heading: ``*`` but not the ``**`` of ``**bold**``,
        ``#`` but not the first of ``# #`` (``##``)."""
        first = self.tokens[0]
        if first == "#":
            return right != "#"
        if first != "*":
            return True
        stars = next((k for k, t in enumerate(self.tokens) if t != "*"), len(self.tokens))
        return stars % 2 == 1

    def _seen_whole(self, left: str, right: str) -> bool:
        """Whether the document shows the letters and digits around the gap whole elsewhere (OpenAI)."""
        if left.isalnum() and right.isalnum():
            joined = left + right
        else:
            tail = left if left.isalnum() else _ALNUM_RUN.findall(left)[-1]
            joined = tail + right[: len(right) - len(right.lstrip(_ASCII_ALNUM))]
        return not joined.isdigit() and joined in self.seen and (len(joined) > 2 or not joined.isalpha())

    def _joins_alnum(self, left: str, right: str, i: int, after: str) -> bool:
        a, b = left[-1], right[0]
        tail = left if left.isalnum() else _ALNUM_RUN.findall(left)[-1]
        if self._seen_whole(left, right):
            return True
        if i in self.letter_joins:
            return self.letter_joins[i]
        if self.in_url or after == "@":
            return True
        if a.isdigit() and b.isdigit():
            digits_left = len(tail) - len(tail.rstrip("0123456789"))
            digits_right = len(right) - len(right.lstrip("0123456789"))
            if not tail.isdigit():
                return digits_right < 2  # a model code and a number: G9 702
            return digits_left < 2 or digits_right < 2
        if a.isalpha() and b.isdigit():
            letters = len(tail) - len(tail.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            if any(c in left for c in "_/@\\"):
                return True
            return letters == 1 and tail[-1] not in "aI"
        if a.isdigit() and b.isalpha():
            unit = _letters_after(self.tokens, i + 1, self.letter_joins)
            if any(c.isdigit() for c in right):
                return False  # a model code after a number (2013 SP1)
            if len(unit) == 1 and not tail.isdigit():
                return True  # the last letter of a code: Log4 j
            return unit.lower() in UNITS or (len(unit) == 1 and unit.isupper())
        return False

    def _joins_quote(self, left: str, right: str, after: str) -> bool:
        a, b = left[-1], right[0]
        if b == "'" and a.isalpha() and after.lower() in APOSTROPHE_ENDINGS:
            return True
        if a == "'" and left[-2:-1].isalpha() and right.lower() in APOSTROPHE_ENDINGS:
            return True
        if b in QUOTES:
            opening = {'"': self.quotes % 2 == 0, "`": self.ticks % 2 == 0}.get(b, not a.isalnum())
            if a in OPENERS or a == b:
                return True
            return not opening
        if right[0] in CLOSERS:
            return True
        return {'"': self.quotes % 2 == 1, "`": self.ticks % 2 == 1}.get(a, len(left) == 1)

    def _joins_star(self, left: str, right: str) -> bool:
        a, b = left[-1], right[0]
        if (a == "*" and b == "*") or b in CLOSERS:
            return True
        if b == "*":
            return self.stars % 4 != 0  # closing emphasis: no space before it
        return self.stars % 4 != 0  # opening emphasis: no space after it

    def _joins_punct(self, left: str, right: str, i: int, after: str) -> bool:
        a, b = left[-1], right[0]
        if a in SPACE_AFTER and b not in CLOSERS:
            return a == "," and left[-2:-1].isdigit() and len(right) == 3 and right.isdigit()  # 1 , 000
        if b in CLOSERS:
            return True
        if a == "%":
            return not b.isalpha()
        if a == ":":
            return b.isdigit() or b in "/\\"
        if a == "." and _INITIALS.fullmatch(left) and b.isupper():
            return False  # Ronald J. Williams
        if a == ".":
            in_code = self.ticks % 2 == 1
            return not (self.prose and not in_code and (b.isupper() or b in "(\"'*["))
        if a in ")]}":
            return not (b.isalnum() or b in "\"'" or (a == "]" and b == "["))
        if b in OPENERS:
            return not (a.isalpha() and self.prose and after.isalpha() and len(after) > 1)
        if a in OPENERS:
            return True
        if b == "-" and a.isalpha() and len(left) > 1 and self._option_follows(i, right, after):
            return False  # a command-line option: xz --version, python -m venv
        if "&" in (a, b):
            return self._joins_ampersand(left, right, after)
        if "=" in (a, b):
            return self._joins_equals(left, right, after)
        return True

    def _option_follows(self, i: int, right: str, after: str) -> bool:
        """Whether the hyphen token ``right`` starts a command-line option: ``--``, ``- -``, or ``-`` and a
        letter standing alone (``- r requirements``, not the ``- c ompetitive`` of a split compound)."""
        if right == "--" or after == "-":
            return True
        return right == "-" and bool(_OPTION_LETTER.fullmatch(after)) and self.letter_joins.get(i + 2) is False

    def _joins_ampersand(self, left: str, right: str, after: str) -> bool:
        if left[-1] == right[0]:
            return True
        if right[0] == "&":
            return not (left[-1].isalnum() and len(_ALNUM_RUN.findall(left)[-1]) > 1 and len(after) > 1)
        return left.strip("&") != ""

    def _joins_equals(self, left: str, right: str, after: str) -> bool:
        if left[-1] == right[0] or after.startswith("=") or self.depth > 0:
            return True
        if right[0] == "=":
            return not (left[-1].isalnum() and len(left) > 1 and after[:1].isalpha())
        return left.strip("=") != ""


class _Before(NamedTuple):
    """What the line shows before a run: whether nothing, whether it ends in an apostrophe, and the
    quotes, asterisks and backticks opened so far, counted as far as they matter: the parity of quotes
    and backticks (an odd count opens one) and the asterisks modulo four (``*`` and ``**`` emphasis)."""

    at_line_start: bool
    after_apostrophe: bool
    quotes: int
    stars: int
    ticks: int


def rejoin(line: str, seen: Container[str] = frozenset(), quotes_before: int = 0) -> str:
    """``line`` with the segmenter's spaces inside its Latin runs removed and real spaces kept.

    ``seen`` holds the Latin words the document shows whole, for joins that recur in it.

    >>> rejoin("2023 - 03 - 29 15 : 42 来 源 ： 澎湃 新闻")
    '2023-03-29 15:42 来 源 ： 澎湃 新闻'
    >>> rejoin("[ hom e . png ]")
    '[home.png]'
    """
    return "".join(rejoined_parts(line, seen, quotes_before))


def rejoined_parts(line: str, seen: Container[str] = frozenset(), quotes_before: int = 0) -> Iterator[str]:
    """The pieces of :func:`rejoin`'s result, in order: the text between runs and each run rejoined.

    >>> list(rejoined_parts("见 hom e . png 与 GPT - 4"))
    ['见 ', 'home.png', ' 与 ', 'GPT-4', '']
    """
    last = counted = 0
    at_line_start, after_apostrophe = True, False
    quotes, stars, ticks = quotes_before, 0, 0
    for match in LATIN_RUN.finditer(line):
        start = match.start()
        gap = line[last:start]
        yield gap
        if at_line_start:
            at_line_start = not gap.strip()
        visible = len(gap.rstrip())
        if visible:
            after_apostrophe = gap[visible - 1] in "'\u2019"
        quotes += line.count('"', counted, start)
        stars += line.count("*", counted, start)
        ticks += line.count("`", counted, start)
        counted = start
        yield _rejoined_run(
            match.group(), seen, _Before(at_line_start, after_apostrophe, quotes % 2, stars % 4, ticks % 2)
        )
        at_line_start, after_apostrophe = False, line[match.end() - 1] == "'"
        last = match.end()
    yield line[last:]


class _SeenAsked:
    """A document's whole forms that remembers what it was asked and what it answered."""

    __slots__ = ("asked", "seen")

    def __init__(self, seen: Container[str]) -> None:
        self.seen = seen
        self.asked: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        found = word in self.seen
        self.asked[str(word)] = found
        return found


class _RunCache:
    """Which gaps of a run keep their space, by the run's text and the parities of what precedes it,
    with the document forms each decision asked about: a run recurs across lines and documents
    ("GPT - 4", a URL), and its decision holds wherever those forms are seen or unseen alike. A run
    without letters is kept by its shape, digits taken as 0: no decision about it looks at which
    digits it holds, nor asks about the document (``3 . 5`` decides ``7 . 2``). Bounded; long runs
    are not kept."""

    MAX_RUNS = 16384
    MAX_RUN_LENGTH = 256

    def __init__(self) -> None:
        #: For each key, the decisions made: the run decided, its text, the gaps that kept a space,
        #: and the document forms asked about with their answers.
        self.runs: dict[tuple[str, _Before], list[tuple[str, str, list[bool], dict[str, bool]]]] = {}
        self.cache_clear = self.runs.clear

    def rejoined(self, run: str, seen: Container[str], before: _Before) -> str:
        if len(run) > self.MAX_RUN_LENGTH:
            return _Run(run.split(" "), seen, before).text()
        key = (run if _ASCII_LETTER.search(run) else run.translate(_DIGITS_AS_ZERO), before)
        decided = self.runs.get(key)
        if decided is None:
            if len(self.runs) >= self.MAX_RUNS:
                self.runs.clear()
            decided = self.runs[key] = []
        for source, text, kept, asked in decided:
            if not asked or all((word in seen) == found for word, found in asked.items()):
                return text if source == run else _assembled(run.split(" "), kept)
        recorder = _SeenAsked(seen)
        latin_run = _Run(run.split(" "), recorder, before)
        text = latin_run.text()
        decided.append((run, text, latin_run.kept, recorder.asked))
        return text


def _assembled(tokens: list[str], kept: list[bool]) -> str:
    """The tokens joined again, with a space in each gap that ``kept`` one.

    >>> _assembled(["GPT", "-", "4", "is"], [False, False, True])
    'GPT-4 is'
    """
    return tokens[0] + "".join(" " + token if keep else token for keep, token in zip(kept, tokens[1:], strict=True))


_run_cache = _RunCache()
_rejoined_run = _run_cache.rejoined


def whole_words(text: str) -> set[str]:
    """The alphanumeric runs of ``text``: the forms it shows whole (numbers too, though no decision
    asks about a number alone).

    >>> sorted(whole_words("OpenAI 的 OpenA I 与 3 . 5"))
    ['3', '5', 'I', 'OpenA', 'OpenAI']
    """
    return set(_ALNUM_RUN.findall(text))
