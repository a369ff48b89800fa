"""Profiles: named, ordered selections of rules, read from ``_profiles.toml``.

>>> profile = load_profiles()["wechat"]
>>> profile.assume
{'wechat': True}
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cleaners.loader import RuleFileError
from cleaners.model import Rule
from cleaners.registry import builtin_rules_dir

PROFILE_KEYS = {"doc", "select", "ignore", "assume", "detect"}


@dataclass(frozen=True)
class Profile:
    name: str
    doc: str
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    assume: dict[str, bool] = field(default_factory=dict)
    detect: bool = True


def _profile(path: Path, name: str, table: object) -> Profile:
    where = f"{path}: profile '{name}'"
    if not isinstance(table, dict):
        raise RuleFileError(f"{where}: expected a table")
    for key, value in table.items():
        ok = {
            "doc": isinstance(value, str),
            "select": isinstance(value, list) and all(isinstance(v, str) for v in value),
            "ignore": isinstance(value, list) and all(isinstance(v, str) for v in value),
            "assume": isinstance(value, dict) and all(isinstance(v, bool) for v in value.values()),
            "detect": isinstance(value, bool),
        }.get(key)
        if ok is None:
            raise RuleFileError(f"{where}: key '{key}': unknown; known: {', '.join(sorted(PROFILE_KEYS))}")
        if not ok:
            raise RuleFileError(f"{where}: key '{key}': wrong type {type(value).__name__}")
    return Profile(
        name,
        table.get("doc", ""),
        tuple(table.get("select", ["ALL"])),
        tuple(table.get("ignore", [])),
        dict(table.get("assume", {})),
        table.get("detect", True),
    )


@functools.cache
def load_profiles(rules_dirs: tuple[str, ...] = ()) -> dict[str, Profile]:
    """Every profile: the built-in ones, then those of each ``_profiles.toml`` in ``rules_dirs``."""
    profiles: dict[str, Profile] = {}
    for folder in [builtin_rules_dir(), *map(Path, rules_dirs)]:
        path = folder / "_profiles.toml"
        if path.is_file():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise RuleFileError(f"{path}: {exc}") from None
            profiles.update({name: _profile(path, name, table) for name, table in data.items()})
    return profiles


def _matches(selector: str, rule: Rule) -> bool:
    """Whether ``selector`` (code, code prefix, name or group) names ``rule``."""
    return (rule.code.startswith(selector.upper()) and selector[:1].isalpha() and selector.isalnum()) or (
        selector == rule.name or selector in rule.groups
    )


def select_rules(rules: Iterable[Rule], select: Sequence[str], ignore: Sequence[str]) -> list[Rule]:
    """The rules that ``select`` names and ``ignore`` does not, in the given order.

    ``ALL`` names every rule that is on by default; any other selector also names
    rules that are off by default.
    """
    chosen = []
    for rule in rules:
        named = any(_matches(s, rule) for s in select)
        if (named or ("ALL" in select and rule.default)) and not any(_matches(s, rule) for s in ignore):
            chosen.append(rule)
    return chosen
