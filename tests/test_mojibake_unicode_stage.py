"""Mojibake repair sees a line as the Unicode stage will leave it, so that cleaning twice equals cleaning once."""

from __future__ import annotations

import pytest

import cleaners

#: UTF-8 Japanese read as Shift_JIS by Windows: ・ took two bytes (86 e3 of 理を), and ｒ (82 92) is what is
#: left of を; the Unicode stage makes ｒ half-width, which splits the garbled run.
GARBLED_WITH_FULL_WIDTH = 'msg = "蜃ｦ逅・ｒ荳ｭ譁ｭ縺励∪縺励◆"'


@pytest.mark.parametrize("profile", ["auto", "generic"])
def test_full_width_letter_in_garbled_shift_jis_cleans_once(profile: str) -> None:
    once = cleaners.clean(GARBLED_WITH_FULL_WIDTH, profile=profile)
    assert "中断しました" in once
    assert cleaners.clean(once, profile=profile) == once
