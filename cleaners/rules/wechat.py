"""Whether a document is a WeChat article dump: the condition of the rules in ``rules/wechat_ui.toml``.

The rules themselves are data; what decides whether they apply is this detector. It looks
for WeChat's hosts (article URLs, the mmbiz image CDN, the reader's static files) and for
strings only WeChat's reader prints. Either is evidence; a page from another site that
merely mentions a WeChat article once, far from its head, is not a dump.
"""

from __future__ import annotations

import regex

from cleaners.detectors import Evidence, detector

_ARTICLE_URL = regex.compile(r"mp\.weixin\.qq\.com/s")
_WECHAT_ASSET = regex.compile(r"mmbiz\.(?:qpic|qlogo)\.cn|res\.wx\.qq\.com")
#: Strings that WeChat's reader prints and articles practically never do.
_READER_STRINGS = (
    "预览时标签不可点",
    "关注该公众号",
    "轻点两下取消赞",
    "轻点两下取消在看",
    "继续滑动看下一个",
    "轻触阅读原文",
    "微信扫一扫可打开此内容",
    "已同步到看一看",
    "在小说阅读器中沉浸阅读",
    "长按二维码向我转账",
    "Scan to Follow",
    "Scan with Weixin to",
)
#: The head holds the dump's own URL (front matter, a Jina header) and the account card.
_HEAD_CHARS = 1500
_ACCOUNT_ID = regex.compile(r"^\s*微信号[：:]?\s", regex.MULTILINE)
_ACCOUNT_INTRO = regex.compile(r"^\s*功能介绍", regex.MULTILINE)


@detector("wechat")
def detect_wechat(text: str) -> tuple[bool, Evidence]:
    """A WeChat dump: WeChat assets or its URL in the head, the account card, or two reader strings.

    >>> detect_wechat("---\\nurl: https://mp.weixin.qq.com/s/abc\\n---\\n正文。")[0]
    True
    >>> detect_wechat("正文提到了预览时标签不可点这几个字。")[0]
    False
    """
    head = text[:_HEAD_CHARS]
    assets = len(_WECHAT_ASSET.findall(text))
    url_in_head = bool(_ARTICLE_URL.search(head))
    account_card = bool(_ACCOUNT_ID.search(head) and _ACCOUNT_INTRO.search(head))
    reader_strings = [s for s in _READER_STRINGS if s in text]
    verdict = bool(assets or url_in_head or account_card) or len(reader_strings) >= 2
    evidence: Evidence = {
        "assets": assets,
        "url_in_head": url_in_head,
        "account_card": account_card,
        "reader_strings": reader_strings,
    }
    return verdict, evidence
