"""Hostile and pathological input: odd Unicode, huge documents, user rule folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaners
from cleaners.cli import main
from cleaners.profiles import load_profiles

PROFILES = sorted(load_profiles())
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Any code point at all, lone surrogates, controls and private use included.
ANY_CHAR = st.characters(codec=None, categories=None)
HOSTILE = st.one_of(
    st.text(ANY_CHAR),
    st.text(st.sampled_from("\x00\r\n\t \u3000\u00a0\u200b\u200d\ufeff\ud800\udfff\u0301\u0308锟斤拷�[]()!#*-_.")),
    st.builds(
        lambda c, n: c * n,
        st.sampled_from(["人 ", "a ", "[ ", "![](", "\n", "锟斤拷", "Ã©", "\u0301"]),
        st.integers(1, 3000),
    ),
)


@pytest.mark.parametrize("profile", PROFILES)
@SETTINGS
@given(text=HOSTILE)
def test_hostile_text_gives_valid_idempotent_text(profile: str, text: str) -> None:
    result = cleaners.clean_and_explain(text, profile=profile)
    assert not result.metadata.get("errors")
    result.text.encode("utf-8")
    assert cleaners.clean(result.text, profile=profile) == result.text


@pytest.mark.parametrize("profile", PROFILES)
@SETTINGS
@given(data=st.binary(max_size=4000))
def test_hostile_bytes_give_valid_text(profile: str, data: bytes) -> None:
    result = cleaners.clean_and_explain(data, profile=profile)
    assert not result.metadata.get("errors")
    result.text.encode("utf-8")


PARAGRAPH = st.text(st.characters(codec="utf-8", exclude_characters="\r"), min_size=1, max_size=60).filter(
    lambda p: any(c.isalnum() for c in p) and "\n\n" not in p
)  # paragraphs the rules keep: one erased whole next to a cut may leave a different blank run


@SETTINGS
@given(paragraphs=st.lists(PARAGRAPH, min_size=2, max_size=12))
def test_huge_documents_cleaned_in_pieces_equal_the_whole(paragraphs: list[str]) -> None:
    text = "\n\n".join(paragraphs) + "\n"
    whole = cleaners.Pipeline("generic").clean(text)
    pieces = cleaners.Pipeline("generic", chunk_chars=80).clean(text)
    assert pieces == whole


def test_the_encoding_repair_weighs_the_whole_document_cut_in_pieces() -> None:
    source = "這篇文章介紹了新的安全更新。\n\n廠商建議用戶儘快升級系統。\n\n**關鍵詞**\n\n贊\n"
    garbled = source.encode("gbk").decode("latin-1")  # the last two lines follow the document's reading
    pieces = cleaners.Pipeline("generic", chunk_chars=20).explain(garbled)
    assert pieces.metadata["chunks"] >= 3
    assert pieces.text == cleaners.Pipeline("generic").clean(garbled) == source


def test_a_long_document_is_cut_at_paragraphs_and_regions_still_apply() -> None:
    body = "\n\n".join(f"第{i}段，正文内容。" for i in range(2000))
    text = "Model loaded succeed\n" + body + "\n"
    result = cleaners.Pipeline("generic", chunk_chars=1000).explain(text)
    assert result.metadata["chunks"] > 10
    assert result.text == body + "\n"
    assert [c.code for c in result.changes] == ["LG101"]


def test_user_rules_appear_in_the_rule_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mine.toml").write_text(
        '[[rule]]\ncode = "MY101"\nname = "my-banner"\nkind = "remove-lines"\nstage = "boilerplate"\n'
        'doc = "Remove my banner."\nliterals = ["BANNER"]\n',
        encoding="utf-8",
    )
    assert main(["rules", "--rules", str(tmp_path)]) == 0
    assert "MY101" in capsys.readouterr().out
    assert cleaners.clean("BANNER\ntext\n", profile="generic", rules_dirs=[str(tmp_path)]) == "text\n"


def test_a_broken_user_rule_file_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.toml").write_text('[[rule]]\ncode = "MY101"\nkind = "remove-lines"\n', encoding="utf-8")
    assert main(["rules", "--rules", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.toml" in err and "key 'name'" in err
