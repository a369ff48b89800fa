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
_INLINE_SPACE = regex.compile(r"[ \t\u3000]+")
_PAGE_MARKS_ALONE = 3
#: Kinds of news-site furniture, each a line of its own, spaces taken out: a licence line (京ICP备…号,
#: 公网安备, 新闻信息服务许可证), copyright, a breadcrumb, a bracketed editor credit, a comment box,
#: a font-size bar, a run of four navigation bullets.
_PAGE_MARKS = {
    "licence": regex.compile(r"ICP[备证]\d{5,12}号|公网安备\d{8,20}号|新闻信息服务许可证"),
    "copyright": regex.compile(r"(?im)^(?:copyright|.{0,30}版权所有|.{0,60}allrightsreserved)"),
    "breadcrumb": regex.compile(r"(?m)^(?:当前|您的|您现在的)?位置[:：]"),
    "editor": regex.compile(r"(?m)^[\[【（(]责任编辑[:：]"),
    "comments": regex.compile(r"(?m)^(?:已有\d{1,7}人参与|登录后(?:发表)?评论|请文明上网)"),
    "font_bar": regex.compile(r"(?m)^[【\[]?字[号体][:：]?大中小"),
    "navigation": regex.compile(r"(?m)(?:^[*•+]\S{1,8}\n){4}"),
}
#: A line closed like a sentence is prose, never furniture.
_SENTENCE_END = regex.compile(r"[。！？.!?…”」]$")
#: A navigation item: a short bullet (``* 时政``).
_NAV_ITEM = regex.compile(r"[*•·+\-] ?\S.{0,14}")
_NAV_MIN_ITEMS = 4
_NAV_ITEM_CHARS = 12
_HEAD_LINES = 60
#: The heading of a recommendation list, spaces taken out.
_RECOMMEND_HEADING = regex.compile(
    r".{0,4}(?:推荐|猜你喜欢|相关(?:新闻|文章|阅读|稿件|报道|链接)|热门|热点|延伸阅读|排行榜?|最新(?:新闻|文章|资讯)|精选).{0,4}"
    r"|(?i:recommended|related(?:news|stories|articles))"
)
#: The date that closes each entry of such a list, spaces taken out: ``02日``, ``11月29日``, ``3小时前``.
_DATE = (
    r"(?:\d{4}[-/年.])?\d{1,2}[-/月.]\d{1,2}日?(?:\d{1,2}:\d{2})?|\d{1,2}日|\d{1,2}:\d{2}|\d{1,3}(?:分钟|小时|天)前|昨天|今天"
)
_ENTRY_DATE = regex.compile(_DATE)
#: An entry on one line, spaces taken out: a linked title as a bullet (``*新闻标题``) or followed by its date.
_ONE_LINE_ENTRY = regex.compile(
    rf"[*•·+\-](?=.*\p{{Han}}).{{3,40}}|(?=.*\p{{Han}})(.{{4,40}}?)(?:\(|（)?(?:{_DATE})(?:\)|）)?"
)
_ENTRY_LINES = 8
_MIN_ENTRIES = 2
_LOAD_MORE = regex.compile(r"(?:载入|加载|查看|点击加载|阅读)更多.{0,4}|(?i:load more|more)")
#: A CMS metadata line: ``key : value ;`` pairs, possibly hard-wrapped over a few lines.
_META_PAIR = regex.compile(r"\s*([A-Za-z][\w\s]{0,30}?)\s*:\s*([^;]*);")
_META_LINES = 4
_META_MIN_PAIRS = 3
#: A short heading the de-wrapper joined to the end of a metadata line (``…; timestamp : … ;热点推荐``).
_GLUED_LINE = regex.compile(r"(?=.*\p{Han})[^:：;]{1,12}")


def _squeeze(line: str) -> str:
    return "".join(line.split())


@detector("text-browser")
def detect_text_browser(text: str) -> tuple[bool, Evidence]:
    """A text-browser dump: three bracketed image file names, a form control the browser could not show,
    or news-site furniture: one image stub and one kind of it (a licence line such as 京ICP备12345678号,
    copyright, a breadcrumb, an editor credit, a comment box, a font-size bar, a navigation run), or
    three kinds without a stub.

    >>> detect_text_browser("[ home.png ] [ logo.png ]\\n[ share.png ]\\n正文。")[0]
    True
    >>> detect_text_browser("[ logo.png ]\\n正文。\\n京ICP备12345678号")[0]
    True
    >>> detect_text_browser("见图 ![a](a.png)，[link](https://example.com)。")[0]
    False
    """
    stubs = len(BROWSER_STUB.findall(text))
    controls = len(_FORM_CONTROL.findall(text))
    evidence: Evidence = {"image_stubs": stubs, "form_controls": controls}
    if stubs >= 3 or controls >= 1:
        return True, evidence
    squeezed = _INLINE_SPACE.sub("", text)
    marks = sorted(name for name, mark in _PAGE_MARKS.items() if mark.search(squeezed))
    evidence["page_marks"] = marks
    return (stubs >= 1 and len(marks) >= 1) or len(marks) >= _PAGE_MARKS_ALONE, evidence


def _is_stub_line(line: str) -> bool:
    return bool(line.strip()) and not BROWSER_STUB.sub("", line).strip(" *•")


#: A dateline, spaces taken out: a date, then a time or who published it (``2023-03-2915:42来源：澎湃新闻``).
_DATELINE = regex.compile(r"\D{0,20}\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?.{0,50}")
_DATELINE_MARK = regex.compile(r"\d{1,2}:\d{2}|来源|來源|作者|记者|記者|编辑|編輯|发布|發布")
#: A headline may ask or exclaim (……吗？) or close on a quote; above a dateline only a full stop ends a sentence.
_STATEMENT_END = regex.compile(r"[。.…]$")
#: What the short bars between a headline and its dateline say (字体：大 中 小, 打印 | 关闭, 分享到).
_WIDGET_WORD = regex.compile(r"字[号体]|大中小|打印|关闭|分享|收藏")
_WIDGET_CHARS = 16
#: Nonblank lines between a headline and its dateline (a font-size or share bar may sit there).
_HEADLINE_REACH = 3
#: Separators of a channel bar or a breadcrumb (``首页 > 科技 > 正文``), never of a headline.
_BAR_MARK = regex.compile(r"[|｜>＞»]|】【")


def _is_dateline(line: str) -> bool:
    text = _squeeze(line)
    if len(text) > 70 or _SENTENCE_END.search(text):
        return False
    return bool(_DATELINE.fullmatch(text)) and bool(_DATELINE_MARK.search(text))


def _reads_like_headline(line: str, sentence_end: regex.Pattern[str] = _SENTENCE_END) -> bool:
    """Not a bullet, a stub, a sentence, a bar of links or a short widget; eight to eighty characters."""
    text = _squeeze(line)
    prose = not sentence_end.search(text) and "[" not in text and len(_BAR_MARK.findall(text)) < 2
    if len(text) <= _WIDGET_CHARS and _WIDGET_WORD.search(text):
        return False
    return 8 <= len(text) <= 80 and prose and not _NAV_ITEM.fullmatch(line.strip()) and not _is_stub_line(line)


def _dateline(lines: list[str]) -> int | None:
    """The first dateline in the head of the page."""
    head = [i for i, line in enumerate(lines) if line.strip()][:_HEAD_LINES]
    return next((i for i in head if _is_dateline(lines[i])), None)


def _headline(lines: list[str]) -> int | None:
    """The headline: the line that reads like one right above the dateline (it may end in ？ or ！),
    else the first such line in the head."""
    dateline = _dateline(lines)
    if dateline is not None:
        above = [i for i in range(dateline) if lines[i].strip()][-_HEADLINE_REACH:]
        found = next((i for i in reversed(above) if _reads_like_headline(lines[i], _STATEMENT_END)), None)
        if found is not None:
            return found
    head = [i for i, line in enumerate(lines) if line.strip()][:_HEAD_LINES]
    return next((i for i in head if _reads_like_headline(lines[i])), None)


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
        (
            "正文。\n\n相关新闻\n* 新闻标题一\n* 新闻标题二\n\n猜你喜欢\n新闻标题三 10-17\n新闻标题四 2023-10-16\n",
            "正文。\n",
        ),
        ("正文。\n\n相关阅读\n\n这一段不是列表。\n",),
        ("正文。\n\n热门推荐\n\n* 他说了这句话。\n* 她也说了一句话。\n",),
    ],
)
def remove_recommendation_list(text: str, ctx: Context) -> str:
    """Remove a recommendation list: its heading, entries closed by a date, "load more", and echoes.

    Each entry is an image stub, a title and maybe a lede, closed by a date line (``02日``,
    ``11月29日``), or one line: a bulleted title (``* 新闻标题``) or a title and its date
    (``新闻标题 10-17``); two entries make a list. Titles of the list repeated after it (a slider
    showing one of them) go too.

    Before: ``"正文。\\n为你推荐\\n[ a.jpg ]\\n新闻标题\\n02日\\n[ b.jpg ]\\n标题二\\n01日\\n载入更多资讯"``.
    After: ``"正文。"``.
    """
    lines = text.split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    doomed: set[int] = set()
    echoes: dict[str, int] = {}  # a list's title -> where the list ends: a repeat below it is an echo
    for pos, i in enumerate(nonblank):
        if not _RECOMMEND_HEADING.fullmatch(_squeeze(lines[i])) or i in doomed:
            continue
        entries, cursor = 0, pos + 1
        titles: set[str] = set()
        while cursor < len(nonblank):
            if _is_one_line_entry(lines[nonblank[cursor]]):
                entries, cursor = entries + 1, cursor + 1
                continue
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
        end = nonblank[cursor] if cursor < len(nonblank) else len(lines)
        for title in titles:
            echoes.setdefault(title, end)
    if echoes:
        doomed.update(j for j in nonblank if _squeeze(lines[j]) in echoes and j >= echoes[_squeeze(lines[j])])
    return drop_lines(lines, doomed) if doomed else text


def _is_one_line_entry(line: str) -> bool:
    text = _squeeze(line)
    match = _ONE_LINE_ENTRY.fullmatch(text)
    return match is not None and not _SENTENCE_END.search(match.group(1) or text)


def _metadata_pairs(text: str, least: int = _META_MIN_PAIRS) -> dict[str, str] | None:
    text = BROWSER_STUB.sub("", text)
    pairs = _META_PAIR.findall(text)
    if len(pairs) < least or _META_PAIR.sub("", text).strip():
        return None
    return {_squeeze(key).lower(): _tidy(value) for key, value in pairs}


def _more_pairs(lines: list[str], start: int, found: dict[str, Any]) -> set[int]:
    """The lines from ``start`` on that hold nothing but more pairs (the rest of a wrapped metadata line)."""
    more: set[int] = set()
    for j in range(start, min(len(lines), start + _META_LINES)):
        pairs = _metadata_pairs(lines[j], least=1)
        if not pairs:
            break
        found.update(pairs)
        more.add(j)
    return more


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
        ("正文。\ntimestamp : 2024 ; file : 9 ;\ncatalogs : 1 ; author : 刘 ;\nsource : 3 ;\n", "正文。\n"),
        ("正文。\ncatalogs : 1 ; channel : 港澳 ; source : 86 ; [ a.png ]热点推荐\n", "正文。\n热点推荐\n"),
        ("比分 : 3 ; 时间 : 90 分钟 ;\n",),
    ],
)
def extract_metadata_line(text: str, ctx: Context) -> str:
    """Move a CMS metadata line (``catalogs : … ; contentid : … ; author : … ;``) into metadata.

    Three or more ``key : value ;`` pairs with Latin keys and nothing else make such a line,
    also when the browser wrapped it over a few lines (lines of pairs right below it belong to it);
    image stubs on it are ignored, and a short
    Chinese line glued to its end (a heading the de-wrapper joined to it) stays. The pairs land in
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
            pairs_text, _, rest = BROWSER_STUB.sub("", "".join(lines[i : end + 1])).rstrip().rpartition(";")
            if rest and not _GLUED_LINE.fullmatch(rest.strip()):
                continue
            pairs = _metadata_pairs(pairs_text + ";")
            if pairs:
                found.update(pairs)
                doomed.update(range(i, end + 1))
                if rest.strip():
                    lines[end] = rest.strip()
                    doomed.discard(end)
                else:
                    doomed.update(_more_pairs(lines, end + 1, found))
            if pairs or rest.strip():
                break
    if not doomed and not found:
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


@cleaner(
    "TB105",
    "browser-page-head",
    Stage.BOILERPLATE,
    when="text-browser",
    examples=[
        (
            "首页 | 新闻 | 财经 | 科技\n\n当前位置：首页 > 科技 > 正文\n\n登录 注册\n\n"
            "新闻标题在这里出现了\n\n2023-03-29 15:42 来源：新华社\n\n正文。\n",
            "新闻标题在这里出现了\n\n2023-03-29 15:42 来源：新华社\n\n正文。\n",
        ),
        ("编者按：这是一句话。\n\n新闻标题在这里出现了\n\n2023-03-29 15:42 来源：新华社\n\n正文。\n",),
        (
            "小标题\n\n这是文章的第一段，写得比较长，讲的是一件事情的来龙去脉和前因后果。\n\n"
            "新闻标题在这里出现了\n\n2023-03-29 15:42 来源：新华社\n\n正文。\n",
        ),
        ("首页 | 新闻 | 财经\n\n新闻标题在这里出现了\n\n正文。\n",),
    ],
)
def remove_page_head(text: str, ctx: Context) -> str:
    """Remove the masthead above a headline that its dateline confirms: channel bars, breadcrumbs, login links.

    When a line that reads like a headline sits right above a dateline (``2023-03-29 15:42
    来源：新华社``), what the page prints above it is the site's: its lines go, except those
    closed like a sentence (a slogan such as 欢迎访问本站！ is kept, in case it is the article's).
    Without a dateline, or with prose above the headline (a line of more than eighty characters,
    or a sentence of more than twenty), nothing goes.

    Before: ``"首页 | 新闻 | 财经\\n当前位置：首页 > 科技\\n新闻标题……\\n2023-03-29 15:42 来源：新华社\\n正文。"``.
    After: ``"新闻标题……\\n2023-03-29 15:42 来源：新华社\\n正文。"``.
    """
    if not ctx.at_start:
        return text
    lines = text.split("\n")
    dateline, headline = _dateline(lines), _headline(lines)
    if dateline is None or headline is None or headline > dateline:
        return text
    above = [_squeeze(line) for line in lines[:headline]]
    if any(len(line) > _MASTHEAD_CHARS or (len(line) > _SLOGAN_CHARS and line.endswith("。")) for line in above):
        return text  # prose above the headline: this is no page head
    doomed = {i for i, line in enumerate(above) if line and not _SENTENCE_END.search(line)}
    return drop_lines(lines, doomed) if doomed else text


#: Longer lines above a headline are prose, and so are sentences longer than a slogan: then it is no page head.
_MASTHEAD_CHARS = 80
_SLOGAN_CHARS = 20
#: The moods a news page lets its readers vote for, one per line of the widget.
_REACTION = regex.compile(
    r"[*•]?(?:开心|难过|点赞|飘过|感动|愤怒|搞笑|震惊|同情|无聊|鼓掌|流泪|惊讶|好笑|支持|反对|喜欢|无语|担忧|期待|送花|鸡蛋)\d{0,6}"
)
_REACTION_MIN = 3
_BACK = regex.compile(r"返回|返回顶部|回到顶部")


@cleaner(
    "TB106",
    "browser-reaction-bar",
    Stage.BOILERPLATE,
    when="text-browser",
    examples=[
        ("正文。\n\n* 开心\n\n* 难过\n\n* 点赞\n\n* 震惊\n\n返回\n", "正文。\n"),
        ("正文。\n\n开心\n\n正文说大家都很开心。\n\n点赞\n",),
    ],
)
def remove_reaction_bar(text: str, ctx: Context) -> str:
    """Remove a reaction bar: three or more different moods, one per line (开心 / 难过 / 点赞), and a 返回 after it.

    A single mood word between paragraphs stays; only a run of them, with nothing but blank
    lines or image stubs between, is the widget.

    Before: ``"正文。\\n\\n* 开心\\n\\n* 难过\\n\\n* 点赞\\n\\n返回"``. After: ``"正文。"``.
    """
    lines = text.split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip() and not _is_stub_line(line)]
    doomed: set[int] = set()
    run: list[int] = []
    for i in [*nonblank, None]:
        if i is not None and _REACTION.fullmatch(_squeeze(lines[i])):
            run.append(i)
            continue
        if len({_squeeze(lines[j]).lstrip("*•") for j in run}) >= _REACTION_MIN:
            doomed.update(run)
            if i is not None and _BACK.fullmatch(_squeeze(lines[i])):
                doomed.add(i)
        run = []
    return drop_lines(lines, doomed) if doomed else text
