"""The generic rule kinds that data rules (TOML files in ``rules/``) instantiate.

Each kind is written once here; a rule file fills in its strings and patterns.
Patterns use the ``regex`` module (so ``\\p{Han}`` works) and must match a whole
line (after stripping surrounding whitespace) unless the kind says otherwise.

Regions restrict where a line rule may act: ``all``, ``head`` (the first
``region_lines`` non-blank lines) or ``tail`` (the last ``region_lines`` non-blank
lines). UI text sits in a document's head and tail; the same words in the body stay.
Where UI can sit anywhere (a video player, a reward card), ``remove-cluster`` finds it
instead by what surrounds it: plain UI words go only where a distinctive one anchors them.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Any

import regex

from cleaners.markdown import fenced_code_lines
from cleaners.model import Context, Example, Rule, Stage


@dataclass(frozen=True)
class Region:
    """Which non-blank lines a line rule may touch."""

    where: str = "all"
    lines: int = 0

    def indices(self, lines: list[str], ctx: Context) -> list[int]:
        """The indices of the lines in the region; a chunk of a huge document has a head only if it
        is the first chunk and a tail only if it is the last (see :attr:`Context.at_start`)."""
        if self.where not in ("head", "tail"):
            return [i for i, line in enumerate(lines) if line.strip()]
        if not (ctx.at_start if self.where == "head" else ctx.at_end):
            return []
        order = range(len(lines)) if self.where == "head" else range(len(lines) - 1, -1, -1)
        found = list(islice((i for i in order if lines[i].strip()), self.lines))  # the rest is not looked at
        return found if self.where == "head" else found[::-1]


def drop_lines(lines: list[str], doomed: set[int]) -> str:
    """Join ``lines`` without the ``doomed`` ones; a blank run left where lines went is kept to one.

    >>> drop_lines(["a", "", "UI", "", "b"], {2})
    'a\\n\\nb'
    """
    out: list[str] = []
    gap = False
    for i, line in enumerate(lines):
        if i in doomed:
            gap = True
            continue
        blank = not line.strip()
        if blank and gap and (not out or not out[-1].strip()):
            continue
        gap = gap and blank
        out.append(line)
    return "\n".join(out)


class DataRule(Rule):
    """Common fields of every data rule; built by :mod:`cleaners.loader`."""

    def __init__(
        self,
        *,
        code: str,
        name: str,
        stage: Stage,
        summary: str,
        doc: str,
        examples: tuple[Example, ...],
        origin: str,
        when: str | None,
        default: bool,
        groups: tuple[str, ...],
    ) -> None:
        self.code, self.name, self.stage, self.summary, self.doc = code, name, stage, summary, doc
        self.examples, self.origin, self.when, self.default, self.groups = examples, origin, when, default, groups


class RemoveLines(DataRule):
    """Remove whole lines equal to a literal or matching a pattern, inside a region."""

    def __init__(
        self, *, literals: frozenset[str], pattern: regex.Pattern[str] | None, region: Region, **common: Any
    ) -> None:
        super().__init__(**common)
        self.literals, self.pattern, self.region = literals, pattern, region

    def matches(self, line: str) -> bool:
        stripped = line.strip()
        return stripped in self.literals or bool(self.pattern and self.pattern.fullmatch(stripped))

    def apply(self, text: str, ctx: Context) -> str:
        lines = text.split("\n")
        doomed = {i for i in self.region.indices(lines, ctx) if self.matches(lines[i])}
        return drop_lines(lines, doomed) if doomed else text


class RemoveBlock(DataRule):
    """Remove a block of lines from a line matching ``start`` to one matching ``end``, inclusive.

    Nothing is removed when no end line follows within ``max_lines`` lines.
    """

    def __init__(
        self, *, start: regex.Pattern[str], end: regex.Pattern[str], max_lines: int, region: Region, **common: Any
    ) -> None:
        super().__init__(**common)
        self.start, self.end, self.max_lines, self.region = start, end, max_lines, region

    def apply(self, text: str, ctx: Context) -> str:
        lines = text.split("\n")
        doomed: set[int] = set()
        for i in self.region.indices(lines, ctx):
            if i in doomed or not self.start.fullmatch(lines[i].strip()):
                continue
            stop = min(len(lines), i + self.max_lines)
            end = next((j for j in range(i + 1, stop) if self.end.fullmatch(lines[j].strip())), None)
            if end is not None:
                doomed.update(range(i, end + 1))
        return drop_lines(lines, doomed) if doomed else text


class Replace(DataRule):
    """Replace every occurrence of a literal or a pattern (``\\1``/``\\g<name>`` in the replacement)."""

    def __init__(self, *, pattern: regex.Pattern[str], replacement: str, **common: Any) -> None:
        super().__init__(**common)
        self.pattern, self.replacement = pattern, replacement

    def apply(self, text: str, ctx: Context) -> str:
        return str(self.pattern.sub(self.replacement, text))


class ExtractMetadata(DataRule):
    """Move the named groups of a line matching ``pattern`` into metadata, and drop the line.

    With ``remove = false`` the line stays and only the metadata is recorded.
    """

    def __init__(self, *, pattern: regex.Pattern[str], remove: bool, region: Region, **common: Any) -> None:
        super().__init__(**common)
        self.pattern, self.remove, self.region = pattern, remove, region

    def apply(self, text: str, ctx: Context) -> str:
        lines = text.split("\n")
        doomed: set[int] = set()
        for i in self.region.indices(lines, ctx):
            match = self.pattern.fullmatch(lines[i].strip())
            if match:
                found = {k: v.strip() for k, v in match.groupdict().items() if v}
                ctx.metadata.setdefault(self.name, {}).update(found)
                doomed.add(i)
        return drop_lines(lines, doomed) if doomed and self.remove else text


#: Markdown links to nowhere (``[知道了](javascript:;)``): the text stays, the target goes.
_DEAD_LINK = regex.compile(r"\]\((?:java?script:(?:void\\?\(0\\?\))?[^)\n]{0,80}|#)\)")
#: Markdown images: their alt text stands for them (without Jina Reader's numbering, ``Image 3:``).
_IMAGE = regex.compile(r"!\[(?:Image \d{1,4}:?\s?)?([^\[\]\n]{0,300})\]\([^()\n]*\)")
#: Pandoc's attribute blocks: ``#### 发送到看一看 {.like_comment_primary_title}``.
_ATTRIBUTES = regex.compile(r"\s?\{[.#][^{}\n]{0,80}\}$")
_LINK = regex.compile(r"\[([^\[\]\n]{0,300})\]\([^()\n]*\)")
#: What may surround UI items (marked ``\x01``) on a line: spaces, punctuation, symbols (markup such as ``**``).
_RESIDUE = regex.compile(r"[\s\p{P}\p{S}\x01]*")
#: An item closed by a full stop is a sentence that happens to be made of UI words: body.
_SENTENCE = regex.compile(r"\x01\S*[。！？.!?]\S*$")
#: A line closed like a sentence is body, however short: it never sits inside a cluster.
_CLOSED = regex.compile(r"[。！!][\p{Pf}\p{Pe}*_]*$")
_SPACE = regex.compile(r"\s+")


class RemoveCluster(DataRule):
    """Remove lines made only of UI items where they cluster around a distinctive one.

    A line is a *UI line* when, with dead links (``[知道了](javascript:;)``) unwrapped,
    images read as their alt text and attribute blocks (``{.title}``) set aside, it holds
    nothing but ``items`` (literals or patterns, ``anchors`` included) with spaces,
    punctuation and markup around them; several on one line are fine, but not a full stop
    right after the last one (that is a sentence).
    A line of bare markup or punctuation (``****``, ``，``) is *furniture*.

    A cluster is a run of UI and furniture lines that holds an *anchored* line, one with an
    anchor item; blank lines and up to ``gap`` lines of at most ``gap_chars`` characters may
    sit between its lines (not sentences: a line closed by 。 or ！ ends a cluster). Its UI
    and furniture lines are removed; the short lines between them stay, unless ``sweep``:
    then those after its first UI line go too, and so do those that close the text. UI
    lines outside clusters stay: the same words inside an article survive. With
    ``squeeze``, spaces are ignored when matching (patterns see the line without its
    spaces), so word-segmented text (``调查 问题 加载 中``) matches too.
    Lines longer than ``max_chars`` are never UI, and lines of fenced code never furniture.
    """

    def __init__(
        self,
        *,
        anchors: regex.Pattern[str],
        items: regex.Pattern[str],
        gap: int,
        gap_chars: int,
        squeeze: bool,
        sweep: bool,
        max_chars: int,
        **common: Any,
    ) -> None:
        super().__init__(**common)
        self.anchors, self.items = anchors, items
        self.gap, self.gap_chars, self.squeeze, self.sweep, self.max_chars = gap, gap_chars, squeeze, sweep, max_chars

    def classify(self, line: str) -> str:
        """``"blank"``, ``"anchor"``, ``"ui"``, ``"furniture"``, ``"short"`` or ``"other"``."""
        stripped = line.strip()
        if not stripped:
            return "blank"
        linked = "](" in stripped  # links and images, dead or alive, all hold it
        text = _IMAGE.sub(r"\1", _DEAD_LINK.sub("]", stripped)) if linked else stripped
        if text.endswith("}"):
            text = _ATTRIBUTES.sub("", text)
        kind = self._items_only(text)
        if kind is None and linked and _LINK.search(text):  # a UI word linked somewhere: [阅读原文](https://…)
            kind = self._items_only(_LINK.sub(r"\1", text))
        if kind is not None:
            return kind
        return "short" if len(text) <= self.gap_chars and not _CLOSED.search(text) else "other"

    def _items_only(self, text: str) -> str | None:
        """The kind of a line that holds only items and residue, else ``None``."""
        if len(text) > self.max_chars:
            return None
        if self.squeeze:
            text = _SPACE.sub("", text)
        rest, found = self.items.subn("\x01", text)
        if not _RESIDUE.fullmatch(rest) or _SENTENCE.search(rest):
            return None
        if not found:
            return "furniture"
        return "anchor" if self.anchors.search(text) else "ui"

    def apply(self, text: str, ctx: Context) -> str:
        lines = text.split("\n")
        doomed: set[int] = set()
        run: list[int] = []  # UI and furniture lines of the cluster being built
        held: list[int] = []  # short lines between its UI lines
        waiting: list[tuple[int, str]] = []  # furniture and short lines since its last UI line
        anchored = False
        code = fenced_code_lines(lines)
        for i in range(len(lines) + 1):
            kind = "end" if i == len(lines) else self.classify(lines[i])
            if i in code and kind in ("furniture", "short"):
                kind = "other"  # a closing brace of code is no separator
            if kind == "blank":
                continue
            if kind in ("anchor", "ui"):
                if run:  # what waited between two UI lines belongs to the cluster
                    run.extend(j for j, k in waiting if k == "furniture")
                    held.extend(j for j, k in waiting if k == "short")
                else:  # furniture right above the first UI line
                    run.extend(j for j, _ in waiting)
                run.append(i)
                anchored, waiting = anchored or kind == "anchor", []
                continue
            if kind == "furniture" or (kind == "short" and run and sum(k == "short" for _, k in waiting) < self.gap):
                waiting.append((i, kind))
                continue
            if kind == "short" and not run:
                waiting = []
                continue
            if anchored:
                trailing = waiting if kind == "end" and self.sweep else self._leading_furniture(waiting)
                doomed.update(run + (held if self.sweep else []) + [j for j, _ in trailing])
            run, held, waiting, anchored = [], [], [], False
            if kind == "furniture":
                waiting.append((i, kind))
        return drop_lines(lines, doomed) if doomed else text

    @staticmethod
    def _leading_furniture(waiting: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """The furniture right below a cluster's last UI line, before any short line."""
        out = []
        for item in waiting:
            if item[1] != "furniture":
                break
            out.append(item)
        return out


KINDS: dict[str, type[DataRule]] = {
    "remove-lines": RemoveLines,
    "remove-block": RemoveBlock,
    "replace": Replace,
    "extract-metadata": ExtractMetadata,
    "remove-cluster": RemoveCluster,
}
