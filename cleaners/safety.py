"""Refuse regular expressions that risk catastrophic backtracking.

The check is conservative and syntactic: a group that holds an unbounded
quantifier (``+``, ``*``, ``{n,}``) and is itself repeated without bound, such as
``(a+)+`` or ``(?:\\s*x)*``, is refused. Rule files must express such things
differently (usually with a possessive or atomic form, or without the inner repeat).

>>> check_pattern(r"(a+)+$")
'nested unbounded quantifiers in group at offset 0'
>>> check_pattern(r"^(?:微信扫一扫|关注该公众号)\\s*$") is None
True
"""

from __future__ import annotations

import regex

_UNBOUNDED = regex.compile(r"[*+]|\{\d*,\}")


def _quantifier_at(pattern: str, pos: int) -> bool:
    """Whether an unbounded, backtracking quantifier starts at ``pos``."""
    match = _UNBOUNDED.match(pattern, pos)
    if not match:
        return False
    after = match.end()
    return not (after < len(pattern) and pattern[after] == "+")  # possessive forms cannot backtrack


def check_pattern(pattern: str) -> str | None:
    """A reason to refuse ``pattern``, or ``None`` when it looks safe."""
    stack: list[tuple[int, bool]] = []  # (offset of "(" or -1 when atomic, holds an unbounded quantifier)

    def mark_if_repeated(after: int) -> None:
        if stack and _quantifier_at(pattern, after):
            stack[-1] = (stack[-1][0], True)

    i, in_class = 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            if not in_class:
                mark_if_repeated(i)
            continue
        if in_class:
            if char == "]":
                in_class = False
                mark_if_repeated(i + 1)
        elif char == "[":
            in_class = True
            i += 1 + (pattern[i + 1 : i + 2] == "^")
            i += pattern[i : i + 1] == "]"  # a leading "]" is a literal
            continue
        elif char == "(":
            stack.append((-1 if pattern.startswith("(?>", i) else i, False))
        elif char == ")" and stack:
            start, inner = stack.pop()
            if inner and start >= 0 and _quantifier_at(pattern, i + 1):
                return f"nested unbounded quantifiers in group at offset {start}"
            if stack and inner:
                stack[-1] = (stack[-1][0], True)
            mark_if_repeated(i + 1)
        elif char not in "|^$*+?":
            mark_if_repeated(i + 1)
        i += 1
    return None
