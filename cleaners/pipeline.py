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
from cleaners.model import Change, Context, Result, Rule, Stage
from cleaners.profiles import load_profiles, select_rules
from cleaners.registry import all_rules, find_rule

Input = str | bytes | bytearray | memoryview
#: The metadata key listing the codes of the rules that changed a document, in the order they ran.
CHANGED_BY = "changed_by"
#: Documents longer than this many characters are cleaned piece by piece (option ``chunk_chars``).
CHUNK_CHARS = 1 << 20


def split_for_cleaning(text: str, limit: int) -> list[str]:
    """``text`` cut into pieces of about ``limit`` characters, so huge documents are cleaned in bounded memory.

    Cuts fall after a run of blank lines where one exists, else after a line break, else after a
    space, else anywhere. Documents within the limit come back whole.

    >>> split_for_cleaning("一段。\\n\\n二段。\\n\\n三段。", 6)
    ['一段。\\n\\n', '二段。\\n\\n', '三段。']
    """
    pieces, start = [], 0
    while len(text) - start > limit:
        window_end = start + limit
        cut = text.rfind("\n\n", start + 1, window_end)
        if cut > 0:
            cut += 2
            while cut < len(text) and text[cut] == "\n":
                cut += 1
        else:
            cut = max(text.rfind("\n", start + 1, window_end), text.rfind(" ", start + 1, window_end)) + 1
            if cut <= start:
                cut = window_end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _trailing_newlines(text: str) -> int:
    return len(text) - len(text.rstrip("\n"))


def line_changes(rule: Rule, before: str, after: str, line_offset: int = 0) -> list[Change]:
    """The hunks between ``before`` and ``after``, one :class:`Change` each.

    >>> from cleaners.registry import all_rules
    >>> [c.line for c in line_changes(all_rules()[0], "a\\nb\\nc", "a\\nB\\nc")]
    [2]
    """
    old, new = before.split("\n"), after.split("\n")
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        Change(rule.code, rule.name, line_offset + i1 + 1, "\n".join(old[i1:i2]), "\n".join(new[j1:j2]))
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
        self._whole_document_rules = [rule for rule in self.rules if rule.stage <= Stage.ENCODING]
        self._piece_rules = [rule for rule in self.rules if rule.stage > Stage.ENCODING]
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
        metadata: dict[str, Any] = {"profile": self.profile.name, CHANGED_BY: []}
        if isinstance(data, str):
            text = data
        else:
            text, decoded = decode(bytes(data), self.options.get("encoding"))
            metadata.update(decoded)
        ctx = Context(metadata, self.profile.assume, self.profile.detect, self.options)
        changes: list[Change] | None = [] if explain else None
        # the encoding repair weighs the evidence of the whole document (one document has one history)
        text = self._run_rules(text, ctx, changes, 0, self._whole_document_rules)
        pieces = split_for_cleaning(text, self.options.get("chunk_chars", CHUNK_CHARS))
        if len(pieces) > 1:
            metadata["chunks"] = len(pieces)
        cleaned: list[str] = []
        lines_before = 0
        for k, piece in enumerate(pieces):
            ctx.at_start, ctx.at_end = k == 0, k == len(pieces) - 1
            out = self._run_rules(piece, ctx, changes, lines_before, self._piece_rules)
            if not ctx.at_end and out:  # a rule that trims a document's end must not glue the pieces
                needed = min(2, _trailing_newlines(piece))
                if _trailing_newlines(out) < needed:
                    out = out.rstrip("\n") + "\n" * needed
            if cleaned and cleaned[-1].endswith("\n\n"):  # a blank run left at the seam belongs to the break
                out = out.lstrip("\n")
            cleaned.append(out)
            lines_before += out.count("\n")
        return Result("".join(cleaned), changes or [], metadata)

    def _run_rules(
        self, text: str, ctx: Context, changes: list[Change] | None, line_offset: int, rules: list[Rule]
    ) -> str:
        for rule in rules:
            if rule.when and not ctx.holds(rule.when, text):
                continue
            try:
                new = rule.apply(text, ctx)
            except Exception as exc:  # a broken rule must not lose the document
                ctx.metadata.setdefault("errors", []).append(f"{rule.code} {rule.name}: {type(exc).__name__}: {exc}")
                continue
            if new != text:
                self.counters[rule.code] += 1
                changed_by = ctx.metadata[CHANGED_BY]
                if rule.code not in changed_by:
                    changed_by.append(rule.code)
                if changes is not None:
                    changes.extend(line_changes(rule, text, new, line_offset))
                text = new
        return text

    def rule(self, key: str) -> Rule | None:
        """The selected rule with code or name ``key``."""
        return find_rule(key, self.rules)


def _rebuild(profile: str, args: dict[str, Any]) -> Pipeline:
    return Pipeline(profile, **args)
