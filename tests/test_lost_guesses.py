"""Guesses for bytes lost in mojibake: the kinds of loss that real decoders leave (see cleaners/lost_bytes.py)."""

from __future__ import annotations

import cleaners


def windows_read(text: str, codec: str = "gbk") -> str:
    """``text`` in UTF-8 read as ``codec`` the way a Windows decoder does: a lead byte it cannot pair
    becomes ``?`` together with the byte after it, even an ASCII one."""
    data = text.encode("utf-8")
    out: list[str] = []
    i = 0
    while i < len(data):
        if data[i] < 0x80:
            out.append(chr(data[i]))
            i += 1
            continue
        try:
            out.append(data[i : i + 2].decode(codec))
        except UnicodeDecodeError:
            out.append("?")
        i += 2
    return "".join(out)


def repaired(text: str) -> str:
    return cleaners.clean(text, select=["EN101"])


def test_windows_read_swallows_the_byte_after_a_lost_one() -> None:
    # 量 ends in 0x8f, a lead byte: with the space after it, it becomes one ? (the space is gone)
    assert windows_read("| 访问量 |").endswith("閲?|")


def test_a_lost_byte_before_a_bar_is_guessed_as_if_a_byte_was_swallowed() -> None:
    # 0x8f before | reads as a GBK character, so judged by the bar alone 量 could not have been lost there
    line = "| 名称 | 访问量 | 手机号 |"
    garbled = windows_read(line)
    assert "?|" in garbled
    assert repaired(garbled) == line


def test_the_space_before_a_bar_comes_back_only_in_a_line_that_spaces_its_bars() -> None:
    garbled = windows_read("名称|访问量 |")
    assert garbled.endswith("?|")
    assert repaired(garbled) == "名称|访问量|"


def cp1252_read(text: str, *, dropped: bytes = b"", questioned: bytes = b"") -> str:
    """``text`` in UTF-8 read as cp1252, with the bytes in ``dropped`` left out and those in ``questioned``
    written as ``?`` (a later step that keeps Latin-1 only); cp1252's undefined bytes read as C1 controls."""
    out: list[str] = []
    for byte in text.encode("utf-8"):
        if byte in dropped:
            continue
        if byte in questioned:
            out.append("?")
            continue
        out.append(bytes([byte]).decode("cp1252", errors="ignore") or chr(byte))
    return "".join(out)


def test_a_question_mark_in_cp1252_mojibake_is_a_lost_byte_where_the_token_then_reads_as_cjk() -> None:
    # 据 is e6 8d ae (8d undefined in cp1252), 辑 is e8 be 91 (91 a curly quote, which Latin-1 lacks)
    for text, byte in (("数据存储", b"\x8d"), ("编辑器", b"\x91")):
        garbled = cp1252_read(text, questioned=byte)
        assert "?" in garbled
        assert repaired(f" * {garbled}") == f" * {text}"


def test_a_soft_hyphen_or_undefined_byte_left_out_of_cp1252_mojibake_is_guessed() -> None:
    # 学 is e5 ad a6 and 中 e4 b8 ad (ad a soft hyphen, invisible); ” is e2 80 9d (9d undefined)
    for text in ("学习中文", "“中文”"):
        garbled = cp1252_read(text, dropped=b"\xad\x9d")
        assert repaired(garbled) == text


def test_a_question_mark_in_latin_mojibake_stays_a_question_mark() -> None:
    assert repaired("cafÃ©?Ã©tÃ©") == "café?été"
    assert repaired("Is it rÃ©el?") == "Is it réel?"
    assert repaired("ä½\xa0å¥½å\x90—?") == "你好吗?"


def test_accented_latin_read_as_gbk_is_repaired_in_a_document_read_so_throughout() -> None:
    lines = ["编码测试，中文内容。", "第二行也是中文。", "La canción está en el café, según él."]
    garbled = "\n".join(line.encode("utf-8").decode("gbk", errors="replace") for line in lines)
    assert "caf茅" in garbled
    assert repaired(garbled).split("\n")[2] == lines[2]


def test_accented_latin_that_reads_as_gbk_stays_where_nothing_else_was_read_so() -> None:
    # alone, 茅 after Latin letters is no sign: the document must show UTF-8 read as GBK elsewhere
    text = "第一行。\nLa canci贸n est谩 en el caf茅.\n"
    assert repaired(text) == text


def test_a_soft_hyphen_shown_as_a_hyphen_in_big5_read_as_cp1252_is_read_back() -> None:
    # 五 is a4 ad in Big5: a page showed the soft hyphen (ad) as -
    # 個 is ad d3: a soft hyphen may stand first in a pair too
    for text in ("五金行", "台北五金行", "五個工作天"):
        garbled = text.encode("big5").decode("cp1252").replace("\xad", "-")
        assert "-" in garbled
        assert repaired(f'see "{garbled}" here') == f'see "{text}" here'


def test_a_hyphen_between_latin_mojibake_stays_a_hyphen() -> None:
    assert repaired("well-known Ã©-Ã¨ test") == "well-known é-è test"
