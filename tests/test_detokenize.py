"""De-tokenization (WS101-WS104): detection, the repairs, and do-no-harm on clean and pangu-spaced text."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cleaners
from cleaners.model import Context
from cleaners.rules.detokenize import _SPACED
from cleaners.rules.latin_rejoin import _run_cache, rejoin
from cleaners.rules.tokenized_detect import (
    _LAST_JUDGED,
    _LATIN_PUNCT,
    _PARAGRAPHS,
    _SPACED_LATIN_PUNCT,
    _counts_show_segmentation,
    _judge_paragraphs,
    detect_tokenized,
    tokenized_paragraphs,
)

SEGMENTED = "这 封 信 呼吁 ， 所有 人工智能 实验室 立即 暂停 训练 比 GPT - 4 更 强大 的 人工智能 系统 至少 6 个 月 。\n"


def test_detects_segmented_text_but_not_clean_or_pangu_text() -> None:
    assert detect_tokenized(SEGMENTED)[0]
    assert not detect_tokenized("这封信呼吁，所有人工智能实验室立即暂停训练比GPT-4更强大的系统。")[0]
    assert not detect_tokenized("我们使用 Python 编程，也使用 Rust 写扩展，效果很好。")[0]


WRAPPED = (
    "这 封 信 呼吁 ， 所有 人工智能 实验室 立即 暂停 训练 比 GPT - 4 更 强大 的 "
    "人工智能 系统 至少 6 个 月 。 并且 包括 所有 关键 "
)
PLAIN = "这封信呼吁，所有人工智能实验室立即暂停训练比GPT-4更强大的系统。\n"


@pytest.mark.parametrize(
    "text",
    [
        PLAIN * 3 + "\n" + SEGMENTED,  # stops early: the glued pairs of the first paragraph decide
        "\n".join([PLAIN, SEGMENTED, PLAIN, "使用 Python 编程"]),
        "\n".join([SEGMENTED, PLAIN, SEGMENTED, PLAIN]),  # judged whole
        "\n".join([SEGMENTED, PLAIN * 2]),
        "\n".join([SEGMENTED, PLAIN * 5]),
        "见 GPT 4 与 A I\n\n" + PLAIN,
    ],
)
def test_detection_that_stops_early_agrees_with_counting_everything(text: str) -> None:
    _PARAGRAPHS.clear()
    verdict, evidence = detect_tokenized(text)
    paragraphs = _judge_paragraphs(text)
    assert verdict == _counts_show_segmentation(sum(p.broken for p in paragraphs), sum(p.pairs for p in paragraphs))
    if "cjk_pairs_at_least" in evidence:
        assert isinstance(evidence["cjk_pairs_at_least"], int)
        assert evidence["cjk_pairs_at_least"] <= sum(p.pairs for p in paragraphs)


def test_paragraph_verdicts_follow_their_own_evidence() -> None:
    text = SEGMENTED + "\n来源：澎湃新闻  发布时间：2023-03-29\n\nhumanit y , cooperation , and t o prevent\n"
    assert [p.tokenized for p in tokenized_paragraphs(text)] == [True, False, True]


def test_segmented_paragraph_is_repaired_under_auto() -> None:
    assert (
        cleaners.clean(SEGMENTED)
        == "这封信呼吁，所有人工智能实验室立即暂停训练比GPT-4更强大的人工智能系统至少6个月。\n"
    )


def test_untouched_paragraph_of_a_segmented_page_stays() -> None:
    plain = "欢迎使用 Python 3.11 编程，详见 https://docs.python.org/3/ 页面。\n"
    assert cleaners.clean(SEGMENTED + "\n" + plain).endswith("\n\n" + plain)


@pytest.mark.parametrize(
    "text",
    [
        "这封信呼吁，所有人工智能实验室立即暂停训练。\n",
        "Future of Life Institute, Elon Musk and Stability AI signed the MIT license.\n",
        "我们使用 Python 编程，也使用 Rust 写扩展。\n\n来源：澎湃新闻  发布时间：2023-03-29\n",
    ],
)
@pytest.mark.parametrize("profile", ["auto", "tokenized-zh"])
def test_clean_text_is_unchanged(text: str, profile: str) -> None:
    assert cleaners.clean(text, profile=profile) == text


@pytest.mark.parametrize(
    ("noisy", "expected"),
    [
        ("OpenA I 最近", "OpenAI 最近"),
        ("[ hom e . png ]", "[home.png]"),
        ("bottom _ tex t . png", "bottom_text.png"),
        ("3 . 5亿", "3.5亿"),
        ("9 . 8 %", "9.8%"),
        ("2023 - 03 - 29 15 : 42", "2023-03-29 15:42"),
        ("Adept . AI", "Adept.AI"),
        ("GPT - 4", "GPT-4"),
        ("https : // w w w . apple . com . cn / iphone - 15 - p r o /", "https://www.apple.com.cn/iphone-15-pro/"),
        ("cncert @ cer t . or g . cn", "cncert@cert.org.cn"),
        ("critical t o prevent humanit y .", "critical to prevent humanity."),
        ("A 17 Pro芯片", "A17 Pro芯片"),
        ("焦距 120 mm", "焦距 120mm"),
    ],
)
def test_split_latin_is_rejoined(noisy: str, expected: str) -> None:
    assert rejoin(noisy) == expected


@pytest.mark.parametrize(
    "spaced",
    [
        "Future of Life Institute",
        "Stability AI",
        "Elon Musk",
        "the MIT license",
        "iPhone 15 Pro Max",
        "Python 3 . 11",
        "all AI labs to pause",
    ],
)
def test_real_spaces_survive(spaced: str) -> None:
    assert rejoin(spaced).count(" ") == spaced.replace(" . ", ".").count(" ")


def test_joined_form_seen_elsewhere_in_the_document_wins() -> None:
    assert rejoin("Fine Woven 材料", seen={"FineWoven"}) == "FineWoven 材料"
    assert rejoin("Fine Woven 材料") == "Fine Woven 材料"


def test_soft_wrap_joins_cut_lines_but_not_list_items() -> None:
    cut = "所有 关键 " * 12 + "参与\n者 。 如果 不 能 迅速 实施 。\n"
    assert "参与者。" in cleaners.clean(cut, profile="tokenized-zh")
    items = "全部 导航\n\n* 时政\n* 国内\n* 国际 新闻 报道\n"
    assert cleaners.clean(items, profile="tokenized-zh") == "全部导航\n\n* 时政\n* 国内\n* 国际新闻报道\n"


def test_cjk_latin_boundaries_follow_the_document_convention() -> None:
    glued = "比 GPT-4 更 强大 ， 见 AI系统 。 所有 人工智能 实验室 立即 暂停 。\n"
    assert cleaners.clean(glued) == "比GPT-4更强大，见AI系统。所有人工智能实验室立即暂停。\n"
    pangu = "".join(f"我们 使用 Python 编程 ， 也 用 Rust 写 扩展 {i} 次 。 " for i in range(4)) + "\n"
    assert "使用 Python 编程" in cleaners.clean(pangu)


def test_dateline_keeps_its_spaces() -> None:
    noisy = "2023 - 03 - 29 15 : 42 来 源 ： 澎湃 新闻\n\n" + SEGMENTED
    assert cleaners.clean(noisy).startswith("2023-03-29 15:42 来源：澎湃新闻\n\n")


def test_repair_is_idempotent() -> None:
    once = cleaners.clean(SEGMENTED, profile="tokenized-zh")
    assert cleaners.clean(once, profile="tokenized-zh") == once


def test_browser_wrap_in_terminal_columns_joins_latin_with_its_space() -> None:
    line = "首先 是 被 称为 “ 人工智能 教父 ” 的 杰弗 里 · 辛顿 （ Geoffrey"
    rest = "Hinton ） ， 他 上周 在 接受 哥伦比亚 广播 公司 采访 时 表示 ， 人工智能 可能 发展 到 对 人类 构成 威胁 。"
    wrapped = ("人工智能 风险 引发 了 多 位 科技 领袖 的 深切 担忧 " * 4).strip()
    text = "\n\n".join([f"{wrapped}\n{wrapped}\n。", f"{line}\n{rest}"] * 3) + "\n"
    assert "辛顿（Geoffrey Hinton），他上周" in cleaners.clean(text)


def test_image_stubs_stay_one_line_each() -> None:
    noisy = "全部 导航 页面\n\n[ hom e . png ] [ log o . png ]\n[ bottom _ tex t . png ]\n\n" + SEGMENTED
    assert "[home.png] [logo.png]\n[bottom_text.png]\n" in cleaners.clean(noisy, select=["WS"])


@pytest.mark.parametrize(
    "text",
    [
        SEGMENTED + "\nhumanit y , cooperation , and t o prevent\n\n来源：澎湃新闻 2023\n",
        "全部 导航\n\n* 时政\n\n“ Our AI su mmer ” , w e said .\n\n" + SEGMENTED,
        "使用 Python 编程 ， 也 用 Rust 写 扩展 。\n\n" + SEGMENTED + "\nA I - caused harm ; 比 GPT - 4 更 强\n",
        # WS101 joins these lines (the first ones reach the wrap width), across CJK, a full-width space, Latin
        "\n\n".join(
            [
                f"{WRAPPED}参与\n者 。 如果 不 能 迅速 实施 这种 暂停 。",
                f"{WRAPPED}　\n“ 参与 ” 者",
                f"{WRAPPED}GPT\n- 4",
            ]
        )
        + "\n",
    ],
)
def test_verdicts_handed_on_between_rules_equal_fresh_ones(text: str) -> None:
    # WS101, WS102 and WS103 hand their paragraph verdicts on to the next rule instead of judging again.
    for rule in cleaners.Pipeline("tokenized-zh", select=["WS"]).rules:
        new = rule.apply(text, Context({}, {"tokenized": True}, True, {}))
        handed_on = tokenized_paragraphs(new)
        _LAST_JUDGED.clear()  # judge afresh: count every paragraph again
        assert handed_on == _judge_paragraphs(new), rule.code
        text = new


def test_korean_word_spaces_are_not_segmentation() -> None:
    korean = "대한민국의 수도는 서울이다. 서울은 한강을 끼고 있으며 인구가 많다.\n\n오늘 날씨가 좋아서 공원에 갔다.\n"
    assert cleaners.clean(korean) == korean
    assert cleaners.clean(korean, profile="tokenized-zh") == korean


_NUMBER_SHAPES = ["#", "#", "#", ".", "-", ":", "%", ",", "/", "(", ")", "+", "=", "~", "#,###", "#%", "#.#"]


def _filled(template: str, rng: random.Random) -> str:
    """``template`` with each ``#`` run replaced by a number of one to four digits."""
    parts = template.split("\0")
    return "".join(str(rng.randint(0, 10 ** rng.randint(0, 3))) if part == "#" else part for part in parts)


@given(st.lists(st.sampled_from(_NUMBER_SHAPES), min_size=2, max_size=8), st.integers(0, 2**32))
def test_a_run_without_letters_decides_as_fresh_after_a_run_like_it(tokens: list[str], seed: int) -> None:
    # WS102 caches runs without letters by their shape (digits taken as 0): a number of the same form
    # decided first must not change how this one is decided, whatever its digits.
    rng = random.Random(seed)
    template = " ".join(tokens).replace("#", "\0#\0")
    first, second = _filled(template, rng), _filled(template, rng)
    _run_cache.cache_clear()
    fresh = rejoin(f"见 {second} 与")
    _run_cache.cache_clear()
    rejoin(f"见 {first} 与")
    assert rejoin(f"见 {second} 与") == fresh


def test_a_line_after_an_empty_line_is_never_joined_to_it() -> None:
    # the first line of the text is empty: the next line (a URL that reached the wrap width) starts a block
    text = "\nhttps://example.com/" + "a" * 30 + "\n这 是 链接 。\n" + WRAPPED + "\n人工智能 系统 。\n"
    result = cleaners.Pipeline("tokenized-zh").explain(text)
    assert "errors" not in result.metadata
    assert result.text.startswith("\nhttps://example.com/")


def _greedy_spaced_count(text: str) -> int:
    """CJK-Latin spaces counted left to right, each taking the characters on both sides (the old pattern)."""
    count, i = 0, 0
    while i + 2 < len(text):
        a, space, b = text[i : i + 3]
        if space == " " and {_kind(a), _kind(b)} == {"cjk", "latin"}:
            count, i = count + 1, i + 3
        else:
            i += 1
    return count


def _kind(char: str) -> str:
    if "\u4e00" <= char <= "\u9fff":
        return "cjk"
    return "latin" if char.isascii() and char.isalnum() else "other"


@given(st.text(alphabet="中国aB1  \n，.", max_size=30))
def test_cjk_latin_spaces_count_as_if_each_took_both_neighbours(text: str) -> None:
    assert len(_SPACED.findall(text)) == _greedy_spaced_count(text)


#: The patterns of latin_shows_segmentation as first written, starting at the word: the reference for the
#: counts of the ones that start at the punctuation mark.
_SPACED_LATIN_PUNCT_FROM_WORD = re.compile(
    r"[A-Za-z0-9,.‘“] (?:(?<=[A-Za-z0-9] )[,.;:!?)](?=\s|$)|(?<=[A-Za-z0-9,.] )[’”]|(?<=[‘“] )[A-Za-z])", re.MULTILINE
)
_LATIN_PUNCT_FROM_WORD = re.compile(r"[A-Za-z0-9] ?[,.;:!?)](?=\s|$)|[A-Za-z0-9,.] ?[’”]|[‘“] ?[A-Za-z]", re.MULTILINE)


@given(st.text(alphabet="a1Z  ,.;:!?)’”‘“\n中-", max_size=24))
def test_latin_punctuation_counts_as_if_each_match_took_the_word(text: str) -> None:
    assert len(_SPACED_LATIN_PUNCT.findall(text)) == len(_SPACED_LATIN_PUNCT_FROM_WORD.findall(text))
    assert len(_LATIN_PUNCT.findall(text)) == len(_LATIN_PUNCT_FROM_WORD.findall(text))
