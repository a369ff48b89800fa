"""Properties that hold for every input: no exception, valid text, idempotence, do-no-harm."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaners
from cleaners.profiles import load_profiles

PROFILES = sorted(load_profiles())
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
CJK_PUNCT = st.sampled_from("，。、；：？！“”（）《》")
ASCII_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10)


@st.composite
def chinese_paragraph(draw: st.DrawFn) -> str:
    """Clean Chinese prose: runs of Han characters closed by full-width punctuation."""
    parts = draw(st.lists(st.tuples(st.text(HAN, min_size=2, max_size=20), CJK_PUNCT), min_size=1, max_size=8))
    return "".join(run + punct for run, punct in parts) + "。"


@st.composite
def english_paragraph(draw: st.DrawFn) -> str:
    """Clean ASCII prose: words separated by single spaces, a capital and a full stop."""
    words = draw(st.lists(ASCII_WORD, min_size=1, max_size=30))
    sentence = " ".join(words)
    return sentence[0].upper() + sentence[1:] + "."


def document(paragraph: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(paragraph, min_size=1, max_size=6).map(lambda ps: "\n\n".join(ps) + "\n")


@pytest.mark.parametrize("profile", PROFILES)
@SETTINGS
@given(data=st.text() | st.binary())
def test_never_raises_and_returns_valid_text(profile: str, data: str | bytes) -> None:
    result = cleaners.clean_and_explain(data, profile=profile)
    assert isinstance(result.text, str)
    result.text.encode("utf-8")
    assert not result.metadata.get("errors")


@pytest.mark.parametrize("profile", PROFILES)
@SETTINGS
@given(text=st.text())
def test_idempotent(profile: str, text: str) -> None:
    once = cleaners.clean(text, profile=profile)
    assert cleaners.clean(once, profile=profile) == once


@pytest.mark.parametrize("profile", PROFILES)
@SETTINGS
@given(text=document(chinese_paragraph()) | document(english_paragraph()))
def test_clean_prose_is_left_alone(profile: str, text: str) -> None:
    assert cleaners.clean(text, profile=profile) == text
    assert cleaners.clean(text.encode("utf-8"), profile=profile) == text


@SETTINGS
@given(text=document(chinese_paragraph()), encoding=st.sampled_from(["utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_encodings_decode_to_the_text(text: str, encoding: str) -> None:
    assert cleaners.clean(text.encode(encoding)) == text
