"""Inputs the fuzzer (fuzz/fuzz_clean.py) found breaking a property, kept as tests.

Each case: the profile and the bytes or text libFuzzer wrote; the harness's checks hold.
"""

from __future__ import annotations

import pytest

import cleaners

CASES = [
    # A CR inside a line of cp1250-looking mojibake: the encoding stage judged the line with the CR in it,
    # and a second run (CR now a line break) repaired what the first had left.
    pytest.param(
        "tokenized-zh",
        b"---\n$c\xef\xbf\xbdcp9500\rp90/\xef\xbf\xbd\xe9tle: \xb1\xea: \xb1\xea\xcc\xe2\ndet`\\[\xa3"
        + b"\xff" * 84
        + b"\n",
        id="cr-inside-mojibake-line",
    ),
    # NULs inside cp1252-looking text: with NULs and C0 removal after the encoding stage, a second run judged
    # the line without them. C0 controls now go at decoding. Its last line then read as Big5 alone on the
    # second run (È а ロ); the line's GBK reading now passes the lenient bar on the first.
    pytest.param(
        "tokenized-zh",
        b"---\ntit"
        + b"\x00" * 14
        + b"\xe3" * 9
        + b"\x00" * 40
        + b"le: \xb1\xea\xcc\xe2:;\x00\x00\x00\x003-03-31\n-\xce-\n\n"
        + b"\x00" * 6
        + b"\xc8 \xc7\x00\x00\xc8 \xc7\xa7 ",
        id="nul-runs-in-cp1252-mojibake",
    ),
]


@pytest.mark.parametrize(("profile", "data"), CASES)
def test_fuzz_case(profile: str, data: bytes | str) -> None:
    result = cleaners.clean_and_explain(data, profile=profile)
    assert not result.metadata.get("errors")
    result.text.encode("utf-8")
    assert cleaners.clean(result.text, profile=profile) == result.text
