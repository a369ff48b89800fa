"""Where rules are declared and found.

Code rules are functions in the modules of :mod:`cleaners.rules`, declared with
:func:`cleaner`::

    @cleaner("UC101", "crlf-line-break", Stage.UNICODE, examples=[("a\\r\\nb", "a\\nb")])
    def normalize_line_breaks(text: str, ctx: Context) -> str:
        \"\"\"Turn CRLF and lone CR line breaks into LF. ...\"\"\"

Data rules are TOML files in the top-level ``rules/`` folder (shipped in the wheel as
``cleaners/_rules``) and in any folder a user adds; :mod:`cleaners.loader` reads them.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from cleaners.model import Context, Example, FunctionRule, Rule, Stage

CleanerFunc = Callable[[str, Context], str]
ExampleSpec = tuple[str] | tuple[str, str | None] | tuple[str, str | None, str] | Example

_CODE_RULES: dict[str, FunctionRule] = {}


def _example(spec: ExampleSpec) -> Example:
    return spec if isinstance(spec, Example) else Example(*spec)


def cleaner(
    code: str,
    name: str,
    stage: Stage,
    *,
    examples: Sequence[ExampleSpec] = (),
    when: str | None = None,
    default: bool = True,
    groups: Sequence[str] = (),
) -> Callable[[CleanerFunc], CleanerFunc]:
    """Declare a code rule. Examples are ``(input, expected[, profile])``; ``(input,)`` must stay unchanged."""

    def register(func: CleanerFunc) -> CleanerFunc:
        if code in _CODE_RULES:
            raise ValueError(f"rule code {code} declared twice: {_CODE_RULES[code].origin} and {func.__qualname__}")
        _CODE_RULES[code] = FunctionRule(
            func,
            code=code,
            name=name,
            stage=stage,
            examples=tuple(_example(e) for e in examples),
            when=when,
            default=default,
            groups=tuple(groups),
        )
        return func

    return register


def builtin_rules_dir() -> Path:
    """The rule files: ``cleaners/_rules`` in an installed wheel, ``rules/`` in a checkout."""
    package = Path(__file__).resolve().parent
    packaged = package / "_rules"
    return packaged if packaged.is_dir() else package.parent / "rules"


def _import_code_rules() -> None:
    import cleaners.rules

    for module in pkgutil.iter_modules(cleaners.rules.__path__):
        importlib.import_module(f"cleaners.rules.{module.name}")


@functools.cache
def all_rules(rules_dirs: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """Every known rule, code and data, sorted by stage then code. Cached per set of folders."""
    from cleaners.loader import load_rule_dirs

    _import_code_rules()
    rules: dict[str, Rule] = dict(_CODE_RULES)
    for rule in load_rule_dirs([builtin_rules_dir(), *map(Path, rules_dirs)]):
        if rule.code in rules:
            raise ValueError(f"rule code {rule.code} in {rule.origin} is already used by {rules[rule.code].origin}")
        rules[rule.code] = rule
    return tuple(sorted(rules.values(), key=lambda r: (r.stage, r.code)))


def find_rule(key: str, rules: Iterable[Rule]) -> Rule | None:
    """The rule whose code or name is ``key`` (case-insensitive code)."""
    for rule in rules:
        if rule.code == key.upper() or rule.name == key:
            return rule
    return None
