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
