"""The pipeline: a profile and a selection turned into an ordered list of rules, run per document.

>>> pipeline = Pipeline("generic")
>>> pipeline.clean(b"line one  \\r\\nline two\\r\\n")
'line one\\nline two\\n'
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from cleaners.decode import decode
from cleaners.model import Change, Context, Result, Rule
from cleaners.profiles import load_profiles, select_rules
from cleaners.registry import all_rules, find_rule

Input = str | bytes | bytearray | memoryview


def line_changes(rule: Rule, before: str, after: str) -> list[Change]:
    """The hunks between ``before`` and ``after``, one :class:`Change` each.

    >>> from cleaners.registry import all_rules
    >>> [c.line for c in line_changes(all_rules()[0], "a\\nb\\nc", "a\\nB\\nc")]
    [2]
    """
    old, new = before.split("\n"), after.split("\n")
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        Change(rule.code, rule.name, i1 + 1, "\n".join(old[i1:i2]), "\n".join(new[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


class Pipeline:
    """Rules chosen once from a profile and a selection; :meth:`clean` runs them on a document.

    ``select`` replaces the profile's selection, ``ignore`` adds to its exclusions
    (codes, code prefixes, names or groups). ``options`` are read by the rules that
    take them, e.g. ``front_matter="strip"``, ``keep_images=True``, ``encoding="gb18030"``.
    Building compiles and loads everything; a pipeline is reusable, and pickles as its
    arguments, so shipping it to worker processes is cheap.
    """

    def __init__(
        self,
        profile: str = "auto",
        *,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        rules_dirs: Sequence[str] = (),
        **options: Any,
    ) -> None:
        self._args: dict[str, Any] = {
            "profile": profile,
            "select": select,
            "ignore": ignore,
            "rules_dirs": tuple(map(str, rules_dirs)),
            **options,
        }
        profiles = load_profiles(self._args["rules_dirs"])
        if profile not in profiles:
            raise ValueError(f"unknown profile {profile!r}; known: {', '.join(profiles)}")
        self.profile = profiles[profile]
        known = all_rules(self._args["rules_dirs"])
        for selector in [*(select or ()), *(ignore or ())]:
            if selector != "ALL" and not select_rules(known, [selector], []):
                raise ValueError(f"unknown rule selector {selector!r}: no rule code, prefix, name or group matches")
        self.rules: list[Rule] = select_rules(
            known, select if select is not None else self.profile.select, [*self.profile.ignore, *(ignore or ())]
        )
        self.options: Mapping[str, Any] = options
        self.counters: Counter[str] = Counter()

    def __reduce__(self) -> tuple[Any, ...]:
        args = dict(self._args)
        profile = args.pop("profile")
        return (_rebuild, (profile, args))

    def clean(self, data: Input) -> str:
        """The cleaned text of ``data`` (str or bytes). Never raises."""
        return self.run(data, explain=False).text

    def explain(self, data: Input) -> Result:
        """The cleaned text, every change with its rule and line, and the metadata extracted."""
        return self.run(data, explain=True)

    def run(self, data: Input, *, explain: bool) -> Result:
        metadata: dict[str, Any] = {"profile": self.profile.name}
        if isinstance(data, str):
            text = data
        else:
            text, decoded = decode(bytes(data), self.options.get("encoding"))
            metadata.update(decoded)
        ctx = Context(metadata, self.profile.assume, self.profile.detect, self.options)
        changes: list[Change] = []
        for rule in self.rules:
            if rule.when and not ctx.holds(rule.when, text):
                continue
            try:
                new = rule.apply(text, ctx)
            except Exception as exc:  # a broken rule must not lose the document
                metadata.setdefault("errors", []).append(f"{rule.code} {rule.name}: {type(exc).__name__}: {exc}")
                continue
            if new != text:
                self.counters[rule.code] += 1
                if explain:
                    changes.extend(line_changes(rule, text, new))
                text = new
        return Result(text, changes, metadata)

    def rule(self, key: str) -> Rule | None:
        """The selected rule with code or name ``key``."""
        return find_rule(key, self.rules)


def _rebuild(profile: str, args: dict[str, Any]) -> Pipeline:
    return Pipeline(profile, **args)
