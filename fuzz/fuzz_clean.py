"""Coverage-guided fuzzing of cleaners.clean with atheris: bytes in, every profile.

    pip install '.[fuzz]'
    python fuzz/fuzz_clean.py fuzz/corpus -max_total_time=600

A crash is any exception, a result that is not a str, a result that does not encode
to UTF-8, a rule error recorded in metadata, or a second cleaning that changes the
text. Every crash found becomes a case in tests/test_fuzz_regressions.py.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import cleaners
    from cleaners.profiles import load_profiles

PROFILES = sorted(load_profiles())


def check(data: bytes) -> None:
    """One fuzz input: the first byte picks the profile and whether the rest is bytes or text."""
    if not data:
        return
    profile = PROFILES[data[0] % len(PROFILES)]
    payload: str | bytes = data[1:]
    if data[0] & 0x80:
        payload = data[1:].decode("utf-8", errors="surrogateescape")
    result = cleaners.clean_and_explain(payload, profile=profile)
    if not isinstance(result.text, str):
        raise TypeError(f"clean returned {type(result.text).__name__}")
    result.text.encode("utf-8")
    if result.metadata.get("errors"):
        raise RuntimeError(f"rule errors: {result.metadata['errors']}")
    again = cleaners.clean(result.text, profile=profile)
    if again != result.text:
        raise AssertionError(f"not idempotent under {profile}: {result.text!r} -> {again!r}")


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
