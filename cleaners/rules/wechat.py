"""WeChat article dumps: the detector of the rules in ``rules/wechat_ui.toml``, and the UI that needs code.

The UI rules themselves are data; what decides whether they apply is this detector. It looks
for WeChat's hosts (article URLs, the mmbiz image CDN, the reader's static files) and for
strings only WeChat's reader prints. Either is evidence; a page from another site that
merely mentions a WeChat article once, far from its head, is not a dump.
"""

from __future__ import annotations

import regex

from cleaners.detectors import Evidence, detector
from cleaners.kinds import drop_lines
from cleaners.model import Context, Stage
from cleaners.registry import cleaner
from cleaners.rules.front_matter import body_start

_ARTICLE_URL = regex.compile(r"mp\.weixin\.qq\.com/s")
_WECHAT_ASSET = regex.compile(r"mm(?:biz|ecoa)\.(?:qpic|qlogo)\.cn|res\.wx\.qq\.com")
#: Every match of ``_WECHAT_ASSET`` holds one of these: where none is in the text, it is not scanned.
_ASSET_HOSTS = ("qpic.cn", "qlogo.cn", "res.wx.qq.com")
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
    "在公众号小说中沉浸阅读",
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
    assets = len(_WECHAT_ASSET.findall(text)) if any(map(text.__contains__, _ASSET_HOSTS)) else 0
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


_RELATED_HEADING = regex.compile(r"\**喜欢此内容的人还喜欢\**")
#: The feedback menu that closes each recommended article: 不喜欢 / 不看的原因 / 确定 / 内容质量低 / 不看此公众号.
_RELATED_ENTRY_END = regex.compile(r"(?:[-*]\s+)?(?:内容(?:质量低|低质)\s*)?不看此公众号(?:内容)?")
_RELATED_ENTRY_LINES = 14


@cleaner(
    "WX105",
    "wechat-related-articles",
    Stage.BOILERPLATE,
    when="wechat",
    examples=[
        (
            "正文。\n\n喜欢此内容的人还喜欢\n\n另一篇文章的标题很长很长很长很长很长很长\n\n某号\n\n不喜欢\n\n不看的原因\n\n确定\n\n"
            "- 内容质量低\n- 不看此公众号\n\n微信扫一扫\n",
            "正文。\n\n微信扫一扫\n",
        ),
        ("正文。\n\n喜欢此内容的人还喜欢\n\n这一段是正文，说的是读者的口味。\n",),
    ],
)
def remove_related_articles(text: str, ctx: Context) -> str:
    """Remove WeChat's "喜欢此内容的人还喜欢" list: each recommended title, its account and feedback menu.

    Every entry closes with the feedback menu (不看此公众号); entries are taken while one
    closes within a few lines, so nothing after the list goes.

    Before: ``"正文。\\n喜欢此内容的人还喜欢\\n标题\\n某号\\n不喜欢\\n不看的原因\\n确定\\n- 不看此公众号"``.
    After: ``"正文。"``.
    """
    lines = text.split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    doomed: set[int] = set()
    for pos, i in enumerate(nonblank):
        if i in doomed or not _RELATED_HEADING.fullmatch(lines[i].strip()):
            continue
        cursor = pos + 1
        while True:
            window = nonblank[cursor : cursor + _RELATED_ENTRY_LINES]
            close = next((k for k, j in enumerate(window) if _RELATED_ENTRY_END.fullmatch(lines[j].strip())), None)
            if close is None:
                break
            cursor += close + 1
        if cursor > pos + 1:
            doomed.update(nonblank[pos:cursor])
    return drop_lines(lines, doomed) if doomed else text


_KEY = regex.compile(r"[0-9.]")
_KEYPAD_MIN_KEYS = 5


@cleaner(
    "WX106",
    "wechat-reward-keypad",
    Stage.BOILERPLATE,
    when="wechat",
    examples=[
        (
            "正文。\n\n其他金额\n\n1\n\n2\n\n3\n\n4\n\n5\n\n6\n\n7\n\n8\n\n9\n\n0\n\n.\n\n更多\n",
            "正文。\n\n其他金额\n\n更多\n",
        ),
        ("## 1\n\n正文。\n\n2\n\n第二节。\n",),
    ],
)
def remove_reward_keypad(text: str, ctx: Context) -> str:
    """Remove the number pad of WeChat's reward card: five or more lines in a row holding one digit or a point.

    A lone digit (a section number) stays.

    Before: ``"正文。\\n其他金额\\n1\\n2\\n3\\n4\\n5\\n6\\n7\\n8\\n9\\n0\\n."``. After: ``"正文。\\n其他金额"``.
    """
    lines = text.split("\n")
    doomed: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, "end"]):
        if not line.strip():
            continue
        if _KEY.fullmatch(line.strip()):
            run.append(i)
            continue
        if len(run) >= _KEYPAD_MIN_KEYS:
            doomed.update(run)
        run = []
    return drop_lines(lines, doomed) if doomed else text


#: The page header: the lines before the first line long enough to be a paragraph of the article.
_HEADER_MAX_LINES = 20
#: Titles and names do not end like a sentence; a sentence said twice is the author's.
_SENTENCE_END = regex.compile(r"[。，；：.,;:…]$|^$")
_IMAGE_LINE = regex.compile(r"!\[[^\]]*\]\([^)]*\)$")
_BODY_LINE = regex.compile(r"^.{50,}|^.{15,}[。！？.!?]$")
_REPEAT_MAX_CHARS = 60
_HEADER_MARKUP = regex.compile(r"^#{1,6}\s+|\*\*|__|\s+$")


@cleaner(
    "WX107",
    "wechat-header-repeat",
    Stage.BOILERPLATE,
    when="wechat",
    examples=[
        (
            "# 标题\n\n# 标题\n\n安全牛\n\n安全牛\n\n正文第一段说的是一件事情，足够长，像是文章的正文。\n",
            "# 标题\n\n安全牛\n\n正文第一段说的是一件事情，足够长，像是文章的正文。\n",
        ),
        ("# 标题\n\n正文第一段说的是一件事情，这一段足够长，像是文章的正文而不是页面的装饰。\n\n好\n\n好\n",),
        ("好的。\n\n好的。\n",),
    ],
)
def remove_header_repeats(text: str, ctx: Context) -> str:
    """Remove the repeats in a WeChat page header: the title shown twice, the account name shown two or three times.

    Only short lines before the article's first paragraph are compared, each with the line
    before it (blank lines, images, heading and bold marks aside); the first copy stays, and
    repeats inside the article are left alone.

    Before: ``"# 标题\\n# 标题\\n安全牛\\n安全牛\\n正文……"``. After: ``"# 标题\\n安全牛\\n正文……"``.
    """
    if not ctx.at_start:
        return text
    start = body_start(text)
    lines = text[start:].split("\n")
    previous = ""
    doomed: set[int] = set()
    header_lines = 0
    for i, line in enumerate(lines):
        if not line.strip() or _IMAGE_LINE.match(line.strip()):
            continue
        header_lines += 1
        if (_BODY_LINE.search(line.strip()) and not line.startswith("#")) or header_lines > _HEADER_MAX_LINES:
            break
        key = _HEADER_MARKUP.sub("", line.strip())
        if key == previous and len(key) <= _REPEAT_MAX_CHARS and not _SENTENCE_END.search(key):
            doomed.add(i)
        previous = key
    return text[:start] + drop_lines(lines, doomed) if doomed else text
