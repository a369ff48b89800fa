"""cleaners: repair damaged scraped text, above all Chinese and mixed Chinese-English web text.

>>> import cleaners
>>> cleaners.clean("第一行\\r\\n第二行\\u200b\\r\\n")
'第一行\\n第二行\\n'
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from cleaners.batch import clean_many
from cleaners.model import Change, Example, Result, Rule, Stage
from cleaners.pipeline import Input, Pipeline

__all__ = ["Change", "Example", "Pipeline", "Result", "Rule", "Stage", "clean", "clean_and_explain", "clean_many"]
__version__ = "0.1.0"


@functools.lru_cache(maxsize=32)
def _pipeline(key: tuple[tuple[str, Any], ...]) -> Pipeline:
    return Pipeline(**dict(key))


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list | tuple) else value


def _cached(
    profile: str, select: Sequence[str] | None, ignore: Sequence[str] | None, options: dict[str, Any]
) -> Pipeline:
    """The pipeline for these arguments, built once per distinct set of them."""
    args = {"profile": profile, "select": select, "ignore": ignore, **options}
    key = tuple(sorted((name, _hashable(value)) for name, value in args.items()))
    try:
        return _pipeline(key)
    except TypeError:  # an option value that cannot be a cache key
        return Pipeline(**args)


def clean(
    data: Input,
    *,
    profile: str = "auto",
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    **options: Any,
) -> str:
    """The cleaned text of ``data`` (str, or bytes of any encoding). Never raises on any input.

    Options are passed to :class:`Pipeline` (``rules_dirs=[...]`` adds rule folders;
    others are read by the rules). Pipelines are cached per set of arguments; for hot
    loops you may also build a :class:`Pipeline` once and call its ``clean``.
    """
    return _cached(profile, select, ignore, options).clean(data)


def clean_and_explain(
    data: Input,
    *,
    profile: str = "auto",
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    **options: Any,
) -> Result:
    """Like :func:`clean`, with the change log and the metadata the rules extracted."""
    return _cached(profile, select, ignore, options).explain(data)
