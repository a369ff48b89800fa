"""Decoding and encoding repair: legacy bytes, mojibake (ftfy-style JSON cases), do-no-harm."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaners
from cleaners import lost_bytes
from cleaners.decode import decode
from cleaners.lost_bytes import Losses, holes_left, utf8_with_lost_bytes
from cleaners.lost_context import fit, known_document
from cleaners.mojibake import repair
from cleaners.plausibility import cost, han_costs

CASES = [
    case
    for path in sorted((Path(__file__).parent / "cases" / "encoding").glob("*.json"))
    for case in json.loads(path.read_text(encoding="utf-8"))
]


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_repair_case(case: dict[str, str]) -> None:
    assert repair(case["original"])[0] == case["fixed"]


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("你好", "gbk"),
        ("功能", "gbk"),
        ("北京欢迎你", "gbk"),
        ("這是一個測試。", "big5"),
        ("本报讯（记者 林晓雯）11月28日", "gb18030"),
        ("日本語のテキストです。", "shift_jis"),
        ("한국어 웹 문서입니다.", "euc-kr"),
        ("Der Müller aß Crêpes für 2,80 €.", "cp1252"),
    ],
)
def test_legacy_bytes_decode_to_the_text(text: str, codec: str) -> None:
    decoded, meta = decode(text.encode(codec))
    assert decoded == text
    assert 0.0 <= meta["confidence"] <= 1.0


def test_utf16_without_bom_is_found_by_its_nul_bytes() -> None:
    assert decode("hello 世界".encode("utf-16-le"))[0] == "hello 世界"


def test_mostly_ascii_bytes_are_never_read_as_ebcdic() -> None:
    # charset-normalizer may guess cp037 for ASCII with one stray byte: every letter would change
    text, metadata = decode(b"a" * 300 + b"\xf1" + b"a" * 700)
    assert text == "a" * 300 + "ñ" + "a" * 700
    assert metadata["encoding"] == "cp1252"


def test_english_with_one_accented_byte_is_read_as_cp1252() -> None:
    # one é (e9) in cp1252 English: charset-normalizer guesses mac_latin2 or mac_iceland for some,
    # and gb18030 pairs the byte with the next letter (閒) for a few, which cost about as much
    rng = random.Random(0)
    words = ["the", "quick", "brown", "fox", "jumps", "over", "a", "lazy", "dog", "while", "every", "model"]
    words += ["learns", "from", "data", "and", "people", "read"]
    right = 0
    for _ in range(100):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(90, 700)))
        cut = rng.randint(len(text) // 3, len(text) - 1)
        decoded, _ = decode(text[:cut].encode() + b"\xe9" + text[cut:].encode())
        right += decoded == text[:cut] + "é" + text[cut:]
    assert right >= 98


def test_encoding_option_overrides_detection() -> None:
    text, meta = decode("你好".encode("gbk"), "big5")
    assert meta["encoding"] == "big5" and text != "你好"


def test_undecodable_bytes_become_replacement_characters_and_are_counted() -> None:
    text, meta = decode(b"\xa4\xa4\xff", "big5")
    assert "\ufffd" in text and meta["replaced"] == 1


def test_clean_utf8_comes_back_byte_identical_from_the_encoding_stage() -> None:
    text = "标题：“数字中国”论坛，Müller 说 café 😀 ≠ ∑。\n锟斤拷是乱码。\n"
    result = cleaners.clean_and_explain(text.encode("utf-8"), select=["DC", "EN"])
    assert result.text == text
    assert result.metadata["encoding"] == "utf-8"


def test_unrecoverable_damage_is_counted_in_metadata() -> None:
    result = cleaners.clean_and_explain("乱码：锟斤拷锟斤拷和�。", select=["EN"])
    assert result.metadata["encoding_repair"]["garbled_runs"] == 1
    assert result.metadata["encoding_repair"]["replacement_characters"] == 1


def test_mojibake_costs_more_than_its_text() -> None:
    assert cost("你好") < cost("浣犲ソ")


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_repair_is_idempotent(case: dict[str, str]) -> None:
    once = repair(case["original"])[0]
    assert repair(once)[0] == once


def test_clean_text_is_not_even_suspected() -> None:
    from cleaners.mojibake import suspicions

    clean = "本报讯（记者 林晓雯）“数字中国”——论坛……早期的中文網站以 Big5 製作。Müller, café, 1·2, 10\u00a0000."
    assert suspicions(clean) == set()


def test_decoding_metadata_reaches_the_result() -> None:
    result = cleaners.clean_and_explain("北京欢迎你".encode("gbk"), select=["EN"])
    assert result.text == "北京欢迎你"
    assert result.metadata["encoding"] == "gb18030"
    assert result.metadata["confidence"] > 0.5
    assert result.metadata["replaced"] == 0


def test_repairs_are_counted_in_metadata() -> None:
    result = cleaners.clean_and_explain("第一行。\n浣犲ソ锛屼笘鐣岋紒\n", select=["EN"])
    assert result.text == "第一行。\n你好，世界！\n"
    assert result.metadata["encoding_repair"]["repaired_spans"] == 1
    assert result.metadata["encoding_repair"]["readings"] == {"gbk>utf-8": 1}


def test_encoding_option_reaches_the_decoder_through_clean() -> None:
    data = "你好".encode("gbk")
    assert cleaners.clean(data) == "你好"
    assert cleaners.clean(data, encoding="big5") == data.decode("big5")


COMMON_HAN = "".join(ch for ch, bits in sorted(han_costs().items(), key=lambda item: item[1]) if bits <= 12)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(COMMON_HAN + "，。、：；？！“”‘’（）《》…—·abcXYZ019 -_.,:;!?'\"()\n"),
        max_size=200,
    )
)
def test_clean_text_comes_back_byte_identical(text: str) -> None:
    data = text.encode("utf-8")
    decoded, meta = decode(data)
    assert meta["encoding"] == "utf-8"
    assert repair(decoded)[0].encode("utf-8") == data


def test_legacy_bytes_after_a_long_ascii_prefix_are_judged_where_they_start() -> None:
    data = b"x = 1\n" * 20000 + "中文的内容在这里，你好世界。".encode("gbk")
    text = cleaners.clean(data)
    assert text.endswith("中文的内容在这里，你好世界。")
    assert "\ufffd" not in text


def test_the_document_makes_a_guess_it_shows_intact_likelier() -> None:
    alone = fit("马", "斯", "克"), fit("马", "断", "克")
    with known_document("埃隆·马斯克是一位企业家。"):
        assert fit("马", "斯", "克") < alone[0] - 10.0
        assert fit("马", "断", "克") == alone[1]


def test_a_mark_fits_on_its_side_of_a_space() -> None:
    assert fit("said ", "\u201c", "yes") < fit("said ", "\u201d", "yes")
    assert fit("yes", "\u201d", " and") < fit("yes", "\u201c", " and")
    assert fit("costs ", "\u20ac", "5") < fit("costs ", "\u2022", "5")
    assert fit("", "\u2022", " item") < fit("", "\u2014", " item")


def test_holes_left_stay_replacement_characters_and_are_counted() -> None:
    data: list[int | None] = [0xE9, 0x92, 0x88, 0xE5, None, 0xB9]
    tally = Losses()
    with holes_left():
        assert utf8_with_lost_bytes(data, ("", None), tally, "gbk") == "针\ufffd"
    assert (tally.guessed, tally.unrecovered) == (0, 1)
    assert utf8_with_lost_bytes(data, ("", None), tally, "gbk") == "针对"
    assert tally.guessed == 1


def test_a_hole_whose_candidates_cost_the_same_stays_a_replacement_character(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lost_bytes, "fit", lambda before, middle, after: 0.0)
    tally = Losses()
    assert utf8_with_lost_bytes([0xE9, 0x92, 0x88, 0xE5, None, 0xB9], ("", None), tally, "gbk") == "针\ufffd"
    assert (tally.guessed, tally.unrecovered) == (0, 1)


def test_a_word_that_needs_what_follows_does_not_end_a_line(monkeypatch: pytest.MonkeyPatch) -> None:
    data: list[int | None] = [*"功能测试".encode(), 0xE4, 0xB8, None]  # 中, 上, 下, 不, 为, ...
    assert utf8_with_lost_bytes(data, ("", None), Losses(), "gbk") not in ("功能测试不", "功能测试为")
    monkeypatch.setattr(lost_bytes, "CLAUSE_EDGE_PENALTY", 0.0)
    assert utf8_with_lost_bytes(data, ("", None), Losses(), "gbk") in ("功能测试不", "功能测试为")


def test_korean_particles_agree_with_the_syllable_before() -> None:
    bonus = lost_bytes._bonus  # the rule alone: through a whole hole, 이 often wins either way
    assert bonus("책", "을", " ", line_end=False) > bonus("책", "를", " ", line_end=False)
    assert bonus("나", "를", " ", line_end=False) > bonus("나", "을", " ", line_end=False)
    assert bonus("책", "의", " ", line_end=False) == bonus("나", "의", " ", line_end=False)
