"""Conditions that the ``auto`` profile decides per document, and their detectors.

A detector is a function ``text -> (verdict, evidence)`` registered under a
condition name with :func:`detector`; rules name the condition they need with
``when=``. Detectors live beside the rules that use them, in :mod:`cleaners.rules`.

>>> @detector("shouting")
... def detect_shouting(text: str) -> tuple[bool, dict[str, object]]:
...     share = sum(c.isupper() for c in text) / max(1, len(text))
...     return share > 0.5, {"upper_share": round(share, 2)}
>>> detect("shouting", "HELLO")
(True, {'upper_share': 1.0})
"""

from __future__ import annotations

from collections.abc import Callable

Evidence = dict[str, object]
Detector = Callable[[str], tuple[bool, Evidence]]

_DETECTORS: dict[str, Detector] = {}


def detector(condition: str) -> Callable[[Detector], Detector]:
    """Register the detector of ``condition``."""

    def register(func: Detector) -> Detector:
        _DETECTORS[condition] = func
        return func

    return register


def detect(condition: str, text: str) -> tuple[bool, Evidence]:
    """Whether ``condition`` holds for ``text``, with the evidence; unknown conditions do not hold."""
    func = _DETECTORS.get(condition)
    if func is None:
        return False, {"reason": "no detector"}
    return func(text)
