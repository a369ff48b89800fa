"""Read rule files (TOML) into data rules, with errors that name the file and the key.

A rule file holds an optional ``[defaults]`` table and ``[[rule]]`` entries::

    [defaults]
    stage = "boilerplate"
    when = "wechat"

    [[rule]]
    code = "WX101"
    name = "wechat-ui-line"
    kind = "remove-lines"
    doc = "WeChat's UI text, one string per line. ..."
    literals = ["预览时标签不可点"]
    region = "tail"
    region_lines = 40

    [[rule.examples]]
    input = "正文\\n\\n预览时标签不可点\\n"
    expected = "正文\\n"

The first paragraph of ``doc`` is the rule's summary. Files whose name starts with
``_`` (such as ``_profiles.toml``) are not rule files.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import regex

from cleaners.kinds import (
    KINDS,
    DataRule,
    ExtractMetadata,
    Region,
    RemoveBlock,
    RemoveCluster,
    RemoveLines,
    Replace,
)
from cleaners.model import Example, Stage, summary_of
from cleaners.safety import check_pattern

CODE_RE = regex.compile(r"[A-Z]{2,3}[0-9]{3}")
NAME_RE = regex.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
COMMON_KEYS = {"code", "name", "kind", "doc", "stage", "when", "default", "groups", "examples"}
KIND_KEYS = {
    "remove-lines": {"literals", "patterns", "region", "region_lines"},
    "remove-block": {"start", "end", "max_lines", "region", "region_lines"},
    "replace": {"literal", "pattern", "replacement"},
    "extract-metadata": {"pattern", "remove", "region", "region_lines"},
    "remove-cluster": {
        "anchors",
        "anchor_patterns",
        "literals",
        "patterns",
        "gap",
        "gap_chars",
        "squeeze",
        "sweep",
        "max_chars",
    },
}


class RuleFileError(ValueError):
    """A rule file that cannot be used; the message names the file and the key."""


class _Entry:
    """One ``[[rule]]`` table with typed getters that name the file and key on error."""

    def __init__(self, path: Path, index: int, table: dict[str, Any], defaults: dict[str, Any]) -> None:
        self.path, self.table = path, {**defaults, **table}
        self.where = f"{path}: rule[{index}]" + (f" ({table['code']})" if isinstance(table.get("code"), str) else "")

    def fail(self, key: str, problem: str) -> RuleFileError:
        return RuleFileError(f"{self.where}: key '{key}': {problem}")

    def get(self, key: str, kind: type, default: Any = ...) -> Any:
        if key not in self.table:
            if default is ...:
                raise self.fail(key, "missing")
            return default
        value = self.table[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(key, f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    def strings(self, key: str) -> list[str]:
        values = self.get(key, list, [])
        if not all(isinstance(v, str) for v in values):
            raise self.fail(key, "expected a list of strings")
        return list(values)

    def pattern(self, key: str, value: str) -> regex.Pattern[str]:
        try:
            compiled = regex.compile(value, regex.V0)
        except regex.error as exc:
            raise self.fail(key, f"invalid regex {value!r}: {exc}") from None
        problem = check_pattern(value)
        if problem:
            raise self.fail(key, f"unsafe regex {value!r}: {problem}")
        return compiled

    def region(self) -> Region:
        where = self.get("region", str, "all")
        if where not in ("all", "head", "tail"):
            raise self.fail("region", f"expected all, head or tail, got {where!r}")
        lines = self.get("region_lines", int, 0)
        if where != "all" and lines <= 0:
            raise self.fail("region_lines", f"a positive number is needed with region = {where!r}")
        return Region(where, lines)


def _examples(entry: _Entry) -> tuple[Example, ...]:
    out = []
    for i, ex in enumerate(entry.get("examples", list, [])):
        if not isinstance(ex, dict) or not isinstance(ex.get("input"), str):
            raise entry.fail(f"examples[{i}]", "each example needs an 'input' string")
        expected, profile = ex.get("expected"), ex.get("profile")
        if expected is not None and not isinstance(expected, str):
            raise entry.fail(f"examples[{i}].expected", "expected a string")
        if profile is not None and not isinstance(profile, str):
            raise entry.fail(f"examples[{i}].profile", "expected a string")
        out.append(Example(ex["input"], expected, profile))
    return tuple(out)


def _build(entry: _Entry) -> DataRule:
    kind = entry.get("kind", str)
    if kind not in KINDS:
        raise entry.fail("kind", f"unknown kind {kind!r}; known: {', '.join(KINDS)}")
    unknown = set(entry.table) - COMMON_KEYS - KIND_KEYS[kind]
    if unknown:
        raise entry.fail(sorted(unknown)[0], f"not a key of kind {kind!r}")
    code, name = entry.get("code", str), entry.get("name", str)
    if not CODE_RE.fullmatch(code):
        raise entry.fail("code", f"{code!r} is not a code like WX101")
    if not NAME_RE.fullmatch(name):
        raise entry.fail("name", f"{name!r} is not a kebab-case name")
    stage_name = entry.get("stage", str)
    if stage_name.upper() not in Stage.__members__:
        raise entry.fail("stage", f"unknown stage {stage_name!r}")
    doc = entry.get("doc", str).strip()
    common: dict[str, Any] = {
        "code": code,
        "name": name,
        "stage": Stage[stage_name.upper()],
        "doc": doc,
        "summary": summary_of(doc),
        "examples": _examples(entry),
        "origin": f"{entry.path.parent.name}/{entry.path.name}",
        "when": entry.get("when", str, None),
        "default": entry.get("default", bool, True),
        "groups": tuple(entry.strings("groups")),
    }
    if kind == "remove-lines":
        patterns = entry.strings("patterns")
        for p in patterns:
            entry.pattern("patterns", p)
        literals = frozenset(s.strip() for s in entry.strings("literals"))
        if not literals and not patterns:
            raise entry.fail("literals", "a remove-lines rule needs literals or patterns")
        joined = entry.pattern("patterns", "|".join(f"(?:{p})" for p in patterns)) if patterns else None
        return RemoveLines(literals=literals, pattern=joined, region=entry.region(), **common)
    if kind == "remove-block":
        return RemoveBlock(
            start=entry.pattern("start", entry.get("start", str)),
            end=entry.pattern("end", entry.get("end", str)),
            max_lines=entry.get("max_lines", int, 200),
            region=entry.region(),
            **common,
        )
    if kind == "replace":
        literal, pattern = entry.get("literal", str, None), entry.get("pattern", str, None)
        if (literal is None) == (pattern is None):
            raise entry.fail("pattern", "a replace rule needs exactly one of 'literal' and 'pattern'")
        source = regex.escape(literal) if literal is not None else pattern
        return Replace(pattern=entry.pattern("pattern", source), replacement=entry.get("replacement", str), **common)
    if kind == "remove-cluster":
        return _cluster(entry, common)
    compiled = entry.pattern("pattern", entry.get("pattern", str))
    if not compiled.groupindex:
        raise entry.fail("pattern", "an extract-metadata pattern needs named groups (?P<key>...)")
    return ExtractMetadata(pattern=compiled, remove=entry.get("remove", bool, True), region=entry.region(), **common)


def _items(entry: _Entry, literals_key: str, patterns_key: str, squeeze: bool) -> tuple[list[str], set[str]]:
    """The checked patterns and the literals (spaces taken out when ``squeeze``) of one item list."""
    patterns = entry.strings(patterns_key)
    for p in patterns:
        entry.pattern(patterns_key, p)
    literals = {"".join(s.split()) if squeeze else s.strip() for s in entry.strings(literals_key)}
    return patterns, literals - {""}


def _alternation(patterns: list[str], literals: set[str]) -> regex.Pattern[str]:
    """One regex: the patterns, then the literals longest first, so that the longest item wins."""
    sources = patterns + [regex.escape(s) for s in sorted(literals, key=lambda s: (-len(s), s))]
    return regex.compile("|".join(f"(?:{s})" for s in sources))


def _cluster(entry: _Entry, common: dict[str, Any]) -> RemoveCluster:
    squeeze = entry.get("squeeze", bool, False)
    anchor_patterns, anchors = _items(entry, "anchors", "anchor_patterns", squeeze)
    if not anchor_patterns and not anchors:
        raise entry.fail("anchors", "a remove-cluster rule needs anchors or anchor_patterns")
    patterns, literals = _items(entry, "literals", "patterns", squeeze)
    return RemoveCluster(
        anchors=_alternation(anchor_patterns, anchors),
        items=_alternation(anchor_patterns + patterns, anchors | literals),
        gap=entry.get("gap", int, 0),
        gap_chars=entry.get("gap_chars", int, 20),
        squeeze=squeeze,
        sweep=entry.get("sweep", bool, False),
        max_chars=entry.get("max_chars", int, 200),
        **common,
    )


def load_rule_file(path: Path) -> list[DataRule]:
    """The data rules of one TOML file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleFileError(f"{path}: {exc}") from None
    unknown = set(data) - {"defaults", "rule"}
    if unknown:
        raise RuleFileError(f"{path}: key '{sorted(unknown)[0]}': a rule file holds only [defaults] and [[rule]]")
    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        raise RuleFileError(f"{path}: key 'defaults': expected a table")
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        raise RuleFileError(f"{path}: key 'rule': expected [[rule]] tables")
    return [_build(_Entry(path, i, table, defaults)) for i, table in enumerate(entries)]


def load_rule_dirs(dirs: Iterable[Path]) -> list[DataRule]:
    """The data rules of every ``*.toml`` file (not starting with ``_``) in ``dirs``, in name order."""
    rules: list[DataRule] = []
    for folder in dirs:
        if not folder.is_dir():
            raise RuleFileError(f"{folder}: not a folder of rule files")
        for path in sorted(folder.glob("*.toml")):
            if not path.name.startswith("_"):
                rules.extend(load_rule_file(path))
    return rules
