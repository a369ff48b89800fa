"""Pages dumped by a text browser (lynx, w3m, links): the detector and the furniture that needs context.

A text browser prints a page's images as bracketed file names (``[ home.png ]``), its form
controls as ``[BUTTON Input] (not implemented)``, and everything around the article: the
navigation, the CMS's metadata line, a recommendation list, the headline again as image
captions. The widget labels are data (``rules/text_browser.toml``); what needs the shape of
the page is here. Lines are compared with their spaces taken out, so word-segmented pages
(``全部 导航``) are read like de-tokenized ones (``全部导航``).
"""

from __future__ import annotations

from typing import Any

import regex

from cleaners.detectors import Evidence, detector
from cleaners.kinds import drop_lines
from cleaners.model import Context, Stage
from cleaners.registry import cleaner
from cleaners.rules.images import BROWSER_STUB

#: What lynx prints for what it cannot show: ``[BUTTON Input] (not implemented)``, ``[INLINE]``, ``[IMG]``.
_FORM_CONTROL = regex.compile(r"\[ ?BUTTON\b[^\]\n]{0,40}\] ?\( ?not implemented ?\)|\[(?:INLINE|IMG)\]")
_SPACE = regex.compile(r"\s+")
#: A line closed like a sentence is prose, never furniture.
_SENTENCE_END = regex.compile(r"[。！？.!?…”」]$")
#: A navigation item: a short bullet (``* 时政``).
_NAV_ITEM = regex.compile(r"[*•·+\-] ?\S.{0,14}")
_NAV_MIN_ITEMS = 4
_NAV_ITEM_CHARS = 12
_HEAD_LINES = 60
#: The heading of a recommendation list, spaces taken out.
_RECOMMEND_HEADING = regex.compile(
    r".{0,4}(?:推荐|猜你喜欢|相关(?:新闻|文章|阅读)|热门|热点|延伸阅读).{0,4}"
    r"|(?i:recommended|related(?:news|stories|articles))"
)
#: The date that closes each entry of such a list, spaces taken out: ``02日``, ``11月29日``, ``3小时前``.
_ENTRY_DATE = regex.compile(
    r"(?:\d{4}[-/年.])?\d{1,2}[-/月.]\d{1,2}日?(?:\d{1,2}:\d{2})?|\d{1,2}日|\d{1,2}:\d{2}|\d{1,3}(?:分钟|小时|天)前|昨天|今天"
)
_ENTRY_LINES = 8
_MIN_ENTRIES = 2
_LOAD_MORE = regex.compile(r"(?:载入|加载|查看|点击加载|阅读)更多.{0,4}|(?i:load more|more)")
#: A CMS metadata line: ``key : value ;`` pairs, possibly hard-wrapped over a few lines.
_META_PAIR = regex.compile(r"\s*([A-Za-z][\w\s]{0,30}?)\s*:\s*([^;]*);")
_META_LINES = 4
_META_MIN_PAIRS = 3


def _squeeze(line: str) -> str:
    return _SPACE.sub("", line)


@detector("text-browser")
def detect_text_browser(text: str) -> tuple[bool, Evidence]:
    """A text-browser dump: three bracketed image file names, or a form control the browser could not show.

    >>> detect_text_browser("[ home.png ] [ logo.png ]\\n[ share.png ]\\n正文。")[0]
    True
    >>> detect_text_browser("见图 ![a](a.png)，[link](https://example.com)。")[0]
    False
    """
    stubs = len(BROWSER_STUB.findall(text))
    controls = len(_FORM_CONTROL.findall(text))
    return stubs >= 3 or controls >= 1, {"image_stubs": stubs, "form_controls": controls}


def _is_stub_line(line: str) -> bool:
    return bool(line.strip()) and not BROWSER_STUB.sub("", line).strip(" *•")


def _headline(lines: list[str]) -> int | None:
    """The first line in the head that reads like a headline: not a bullet, a stub or a sentence."""
    for i, line in enumerate(lines[:_HEAD_LINES]):
        text = _squeeze(line)
        prose = not _SENTENCE_END.search(text) and "[" not in text
        if 8 <= len(text) <= 80 and prose and not _NAV_ITEM.fullmatch(line.strip()) and not _is_stub_line(line):
            return i
    return None


@cleaner(
    "TB101",
    "browser-recommendation-list",
    Stage.BOILERPLATE,
    when="text-browser",
    examples=[
        (
            "正文。\n为你推荐\n[ a.jpg ]\n新闻标题一\n02日\n[ b.jpg ]\n新闻标题二\n导语。\n01日\n"
            "载入更多资讯\n新闻标题一\n",
            "正文。\n",
        ),
        ("正文。\n\n相关阅读\n\n这一段不是列表。\n",),
    ],
)
def remove_recommendation_list(text: str, ctx: Context) -> str:
    """Remove a recommendation list: its heading, entries closed by a date, "load more", and echoes.

    Each entry is an image stub, a title and maybe a lede, closed by a date line (``02日``,
    ``11月29日``); two entries make a list. Titles of the list repeated after it (a slider
    showing one of them) go too.

    Before: ``"正文。\\n为你推荐\\n[ a.jpg ]\\n新闻标题\\n02日\\n[ b.jpg ]\\n标题二\\n01日\\n载入更多资讯"``.
    After: ``"正文。"``.
    """
    lines = text.split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    doomed: set[int] = set()
    for pos, i in enumerate(nonblank):
        if not _RECOMMEND_HEADING.fullmatch(_squeeze(lines[i])) or i in doomed:
            continue
        entries, cursor = 0, pos + 1
        titles: set[str] = set()
        while cursor < len(nonblank):
            entry = nonblank[cursor : cursor + _ENTRY_LINES]
            close = next((k for k, j in enumerate(entry) if _ENTRY_DATE.fullmatch(_squeeze(lines[j]))), None)
            if close is None or close == 0:
                break
            texts = [j for j in entry[:close] if not _is_stub_line(lines[j])]
            titles.update(_squeeze(lines[j]) for j in texts[:1])
            entries, cursor = entries + 1, cursor + close + 1
        if entries < _MIN_ENTRIES:
            continue
        if cursor < len(nonblank) and _LOAD_MORE.fullmatch(_squeeze(lines[nonblank[cursor]])):
            cursor += 1
        doomed.update(nonblank[pos:cursor])
        doomed.update(j for j in nonblank[cursor:] if _squeeze(lines[j]) in titles)
    return drop_lines(lines, doomed) if doomed else text


def _metadata_pairs(text: str) -> dict[str, str] | None:
    pairs = _META_PAIR.findall(text)
    if len(pairs) < _META_MIN_PAIRS or _META_PAIR.sub("", text).strip():
        return None
    return {_squeeze(key).lower(): _tidy(value) for key, value in pairs}


_IDENTIFIER = regex.compile(r"(?=.*\d)[0-9a-fA-F_\- ]+")


def _tidy(value: str) -> str:
    """A value with the spaces a segmenter put inside it taken out: ``2023 - 03 - 29`` -> ``2023-03-29``.

    Identifiers (hex digits, hyphens and underscores, such as a file's UUID) never hold a space.

    >>> _tidy("1680 - 43614a4 d - 2 4 b d")
    '1680-43614a4d-24bd'
    """
    value = regex.sub(r"\s*([-:/.])\s*", r"\1", value.strip())
    if _IDENTIFIER.fullmatch(value):
        return value.replace(" ", "")
    return regex.sub(r"(?<=[\p{Han}\w])\s+(?=\p{Han})|(?<=\p{Han})\s+(?=[\p{Han}\w])", "", value)


@cleaner(
    "TB102",
    "browser-metadata-line",
    Stage.BOILERPLATE,
    when="text-browser",
    examples=[
        ("正文。\ncatalogs : 1 ; contentid : 2 ; author : 武乐 之 ;\n", "正文。\n"),
        ("正文。\ncatalogs : 1 ; content\nid : 2 ; publishdate : 2023 - 03 - 29 ;\n", "正文。\n"),
        ("比分 : 3 ; 时间 : 90 分钟 ;\n",),
    ],
)
def extract_metadata_line(text: str, ctx: Context) -> str:
    """Move a CMS metadata line (``catalogs : … ; contentid : … ; author : … ;``) into metadata.

    Three or more ``key : value ;`` pairs with Latin keys and nothing else make such a line,
    also when the browser wrapped it over a few lines. The pairs land in
    ``metadata["page"]`` with the segmenter's spaces taken out of their values.

    Before: ``"正文。\\ncatalogs : 1 ; author : 武乐 之 ; source : 29 ;"``. After: ``"正文。"``,
    with ``metadata["page"] == {"catalogs": "1", "author": "武乐之", "source": "29"}``.
    """
    lines = text.split("\n")
    doomed: set[int] = set()
    found: dict[str, Any] = {}
    for i, line in enumerate(lines):
        if i in doomed or not _META_PAIR.match(line):
            continue
        for end in range(i, min(len(lines), i + _META_LINES)):
            joined = "".join(lines[i : end + 1])
            if joined.rstrip().endswith(";"):
                pairs = _metadata_pairs(joined)
                if pairs:
                    found.update(pairs)
                    doomed.update(range(i, end + 1))
                break
    if not doomed:
        return text
    ctx.metadata.setdefault("page", {}).update(found)
    return drop_lines(lines, doomed)


@cleaner(
    "TB103",
    "browser-navigation-list",
    Stage.BOILERPLATE,
    when="text-browser",
    examples=[
        ("全部 导航\n\n* 时政\n* 国内\n* 国际\n* 财经\n\n长长的新闻标题在这里出现\n", "长长的新闻标题在这里出现\n"),
        ("长长的新闻标题在这里出现\n\n* 第一\n* 第二\n* 第三\n* 第四\n",),
    ],
)
def remove_navigation_list(text: str, ctx: Context) -> str:
    """Remove the site's navigation before the headline: a run of short bullets and its label.

    Four or more bullets of at most twelve characters in a row, above the first line that
    reads like a headline, are the menu; a short label line right above them (``全部导航``)
    goes too. Lists after the headline are the article's and stay.

    Before: ``"全部导航\\n* 时政\\n* 国内\\n* 国际\\n* 财经\\n新闻标题……"``. After: ``"新闻标题……"``.
    """
    lines = text.split("\n")
    headline = _headline(lines)
    if headline is None:
        return text
    nonblank = [i for i in range(headline) if lines[i].strip()]
    doomed: set[int] = set()
    run: list[int] = []
    for i in [*nonblank, headline]:
        if i < headline and _NAV_ITEM.fullmatch(lines[i].strip()) and len(_squeeze(lines[i])) <= _NAV_ITEM_CHARS + 1:
            run.append(i)
            continue
        if len(run) >= _NAV_MIN_ITEMS:
            doomed.update(run)
            before = [j for j in nonblank if j < run[0]]
            label = before[-1] if before else None
            if label is not None and len(_squeeze(lines[label])) <= 6 and not regex.search(r"\p{P}", lines[label]):
                doomed.add(label)
        run = []
    return drop_lines(lines, doomed) if doomed else text


@cleaner(
    "TB104",
    "browser-headline-echo",
    Stage.BOILERPLATE,
    when="text-browser",
    examples=[
        (
            "新闻标题在这里出现了\n\n正文第一段。\n\n新闻 标题 在 这里 出现 了\n\n正文第二段。\n",
            "新闻标题在这里出现了\n\n正文第一段。\n\n正文第二段。\n",
        ),
        ("新闻标题在这里出现了\n\n正文说：新闻标题在这里出现了。\n",),
    ],
)
def remove_headline_echo(text: str, ctx: Context) -> str:
    """Remove the headline where it comes back as a line of its own: the captions of the article's images.

    News sites caption every picture with the headline; a text browser prints each caption
    as a line. Only whole lines equal to the headline (spaces aside) go; the headline stays.

    Before: ``"新闻标题\\n\\n正文。\\n\\n新闻标题\\n\\n正文二。"``. After: ``"新闻标题\\n\\n正文。\\n\\n正文二。"``.
    """
    lines = text.split("\n")
    headline = _headline(lines)
    if headline is None:
        return text
    key = _squeeze(lines[headline])
    doomed = {i for i in range(headline + 1, len(lines)) if _squeeze(lines[i]) == key}
    return drop_lines(lines, doomed) if doomed else text
