"""The vocabulary every cleaner shares: stages, rules, examples, changes and results.

A rule is a pure ``str -> str`` repair with an identity (a stable code such as
``UC101`` and a kebab-case name naming the defect), a stage that fixes when it runs,
and examples that double as tests. Rules may write what they extract into the
document's metadata through the :class:`Context` they are handed.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from cleaners.detectors import detect


class Stage(IntEnum):
    """When a rule runs. Stages run in this order; inside a stage, rules run by code."""

    DECODE = 0
    ENCODING = 1
    UNICODE = 2
    WHITESPACE = 3
    BOILERPLATE = 4
    STRUCTURE = 5

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Example:
    """An input and what the rule must make of it (``None``: it must stay unchanged)."""

    input: str
    expected: str | None = None
    profile: str | None = None


@dataclass(frozen=True)
class Change:
    """One hunk a rule changed: 1-based line in the text the rule was given."""

    code: str
    name: str
    line: int
    before: str
    after: str


@dataclass
class Result:
    """What :func:`cleaners.clean_and_explain` returns."""

    text: str
    changes: list[Change] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)


class Context:
    """Per-document state handed to each rule: metadata, options and conditions.

    A profile may fix a condition in advance (``assumed``); otherwise, when ``detect`` is
    on, its detector decides the first time a rule asks, on the text as it stands then,
    and the verdict and evidence are recorded in ``metadata["detected"]``.
    """

    def __init__(
        self, metadata: dict[str, Any], assumed: Mapping[str, bool], detect: bool, options: Mapping[str, Any]
    ) -> None:
        self.metadata = metadata
        self.options = options
        self._detect = detect
        self._conditions: dict[str, bool] = dict(assumed)
        #: False while a rule sees a later / an earlier chunk of a document too big to clean whole.
        self.at_start = self.at_end = True

    def holds(self, condition: str, text: str) -> bool:
        """Whether ``condition`` holds for this document."""
        if condition not in self._conditions:
            verdict, evidence = detect(condition, text) if self._detect else (False, {"reason": "not detected"})
            self._conditions[condition] = verdict
            self.metadata.setdefault("detected", {})[condition] = {"verdict": verdict, **evidence}
        return self._conditions[condition]


class Rule:
    """Base of every rule. Subclasses implement :meth:`apply`.

    ``when`` names a condition (see :class:`Context`) the document must meet for the
    rule to run; ``default`` is False for rules that run only when selected by code,
    name or group.
    """

    code: str
    name: str
    stage: Stage
    summary: str
    doc: str
    examples: tuple[Example, ...]
    origin: str
    when: str | None
    default: bool
    groups: tuple[str, ...]

    def apply(self, text: str, ctx: Context) -> str:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code} {self.name}>"


def summary_of(doc: str) -> str:
    """The first paragraph of a docstring, on one line."""
    first = inspect.cleandoc(doc).split("\n\n", 1)[0]
    return " ".join(first.split())


class FunctionRule(Rule):
    """A code rule: a Python function ``(text, ctx) -> text`` with its identity."""

    def __init__(
        self,
        func: Callable[[str, Context], str],
        *,
        code: str,
        name: str,
        stage: Stage,
        examples: tuple[Example, ...],
        when: str | None,
        default: bool,
        groups: tuple[str, ...],
    ) -> None:
        doc = inspect.cleandoc(func.__doc__ or "")
        if not doc:
            raise ValueError(f"rule {code} ({func.__module__}.{func.__name__}) has no docstring")
        self.func = func
        self.code, self.name, self.stage = code, name, stage
        self.doc, self.summary = doc, summary_of(doc)
        self.examples, self.when, self.default, self.groups = examples, when, default, groups
        self.origin = f"{func.__module__}.{func.__name__}"

    def apply(self, text: str, ctx: Context) -> str:
        return self.func(text, ctx)
