"""Where a markdown document holds code, which line rules must leave as it is.

>>> sorted(fenced_code_lines(["text", "```js", "x = '<img src=a>';", "```", "text", "```", "open"]))
[1, 2, 3]
>>> outside_code_spans("`![](a.png)` and ![](b.png)", lambda s: s.replace("![](b.png)", ""))
'`![](a.png)` and '
"""

from __future__ import annotations

from collections.abc import Callable

import regex

_FENCE = regex.compile(r" {0,3}(`{3,}|~{3,})")
_CODE_SPAN = regex.compile(r"(`+)[^`\n]*?\1")


def fenced_code_lines(lines: list[str]) -> set[int]:
    """The indices of the lines inside closed fenced code blocks, fences included.

    A fence left open is not taken as code: scrapers break fences, and an open one would
    otherwise cover the rest of the document.
    """
    inside: set[int] = set()
    opened: int | None = None
    for i, line in enumerate(lines):
        match = _FENCE.match(line)
        if not match:
            continue
        if opened is None:
            opened = i
        elif match.group(1)[0] == lines[opened].lstrip()[0] and not line.strip(" `~"):
            inside.update(range(opened, i + 1))
            opened = None
    return inside


def outside_code_spans(line: str, edit: Callable[[str], str]) -> str:
    """``line`` with ``edit`` applied to the parts outside inline code spans (```x```)."""
    if "`" not in line:
        return edit(line)
    out, start = [], 0
    for span in _CODE_SPAN.finditer(line):
        out += [edit(line[start : span.start()]), span.group()]
        start = span.end()
    return "".join([*out, edit(line[start:])])
