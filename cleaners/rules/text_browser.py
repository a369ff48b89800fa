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
_PAGE_MARKS_ALONE = 3
_PAGE_MARKS_WITH_STUB = 2
#: Kinds of news-site furniture, each a line of its own, spaces taken out: a licence line (京ICP备…号,
#: 公网安备, 新闻信息服务许可证), copyright, a breadcrumb, a bracketed editor credit, a comment box,
#: a font-size bar, a run of four navigation bullets. Each comes with strings its pattern cannot match
#: without, in the lowercased text: where none is there, the pattern is not run.
_PAGE_MARKS: dict[str, tuple[tuple[str, ...], regex.Pattern[str]]] = {
    "licence": (
        ("icp", "公网安备", "新闻信息服务许可证"),
        regex.compile(r"ICP[备证]\d{5,12}号|公网安备\d{8,20}号|新闻信息服务许可证"),
    ),
    "copyright": (
        ("©", "(c)", "copyright", "allrightsreserved"),
        regex.compile(r"(?im)^(?:(?:copyright)?(?:©|\(c\))|copyright(?:19|20)\d{2}|.{0,60}allrightsreserved)"),
    ),
    "breadcrumb": (("位置",), regex.compile(r"(?m)^(?:当前|您的|您现在的)?位置[:：]")),
    "editor": (("责任编辑",), regex.compile(r"(?m)^[\[【（(]责任编辑[:：]")),
    "comments": (
        ("人参与", "评论", "请文明上网"),
        regex.compile(r"(?m)^(?:已有\d{1,7}人参与|登录后(?:发表)?评论|请文明上网)"),
    ),
    "font_bar": (("大中小",), regex.compile(r"(?m)^[【\[]?字[号体][:：]?大中小")),
    "navigation": (("*", "•", "+"), regex.compile(r"(?m)(?:^[*•+]\S{1,8}\n){4}")),
}
#: A line closed like a sentence is prose, never furniture.
_SENTENCE_END = regex.compile(r"[。！？.!?…”」]$")
#: A navigation item: a short bullet (``* 时政``).
_NAV_ITEM = regex.compile(r"[*•·+\-] ?\S.{0,14}")
_NAV_MIN_ITEMS = 4
_NAV_ITEM_CHARS = 12
_HEAD_LINES = 60
#: The heading of a recommendation list, spaces taken out: the widget's own words, nothing around them
#: (专家推荐 or 热点回顾 head the article's lists), and never a bare word (推荐, 精选, 热点).
_RECOMMEND_HEADING = regex.compile(
    r"(?:为[你您]|热[点门]|精彩|相关|编辑|今日)推荐|推荐(?:阅读|新闻|文章)|猜你喜欢|相关(?:新闻|文章|阅读|稿件|报道|链接)"
    r"|热门(?:新闻|文章|资讯)|热点(?:新闻|资讯)|延伸阅读|(?:点击|热门|阅读)排行榜?|排行榜|最新(?:新闻|文章|资讯)"
    r"|精选(?:文章|新闻|内容)|(?i:recommended|related(?:news|stories|articles))"
)
#: Headings only a recommendation widget prints: under them a list of bulleted titles needs no dates.
_WIDGET_HEADING = regex.compile(r"猜你喜欢|为[你您]推荐|(?:热[点门]|精彩|相关)推荐|相关(?:新闻|文章)")
#: The date that closes each entry of such a list, spaces taken out: ``02日``, ``11月29日``, ``3小时前``.
_DATE = (
    r"(?:\d{4}[-/年.])?\d{1,2}[-/月.]\d{1,2}日?(?:\d{1,2}:\d{2})?"
    r"|\d{1,2}日|\d{1,2}:\d{2}|\d{1,3}(?:分钟|小时|天)前|昨天|今天"
)
_ENTRY_DATE = regex.compile(_DATE)
#: An entry on one line, spaces taken out: a title followed by its date (``新闻标题10-17``).
_DATED_ENTRY = regex.compile(rf"(?=.*\p{{Han}})(.{{4,40}}?)(?:\(|（)?(?:{_DATE})(?:\)|）)?")
#: A linked title as a bullet (``*新闻标题``): an entry when it shows its picture or under a widget's heading.
_BULLET_ENTRY = regex.compile(r"[*•·+\-](?=.*\p{Han}).{3,40}")
_ENTRY_LINES = 8
_MIN_ENTRIES = 2
_LOAD_MORE = regex.compile(r"(?:载入|加载|查看|点击加载|阅读)更多.{0,4}|(?i:load more|more)")
#: A CMS metadata line: ``key : value ;`` pairs, possibly hard-wrapped over a few lines.
_META_PAIR = regex.compile(r"\s*([A-Za-z][\w\s]{0,30}?)\s*:\s*([^;]*);")
_META_LINES = 4
_META_MIN_PAIRS = 3
#: Keys only a CMS writes into such a line; one of them must be there (``color : red ;`` is CSS).
_CMS_KEYS = frozenset({"catalogs", "contentid", "publishdate", "articleid", "docid", "channelid", "nodeid"})
#: A short heading the de-wrapper joined to the end of a metadata line (``…; timestamp : … ;热点推荐``).
_GLUED_LINE = regex.compile(r"(?=.*\p{Han})[^:：;]{1,12}")


def _squeeze(line: str) -> str:
    return "".join(line.split())


@detector("text-browser")
def detect_text_browser(text: str) -> tuple[bool, Evidence]:
    """A text-browser dump: three bracketed image file names, a form control the browser could not show,
    or news-site furniture: one image stub and two kinds of it (a licence line such as 京ICP备12345678号,
    copyright, a breadcrumb, an editor credit, a comment box, a font-size bar, a navigation run), or
    three kinds without a stub. One stub and one kind is an article with a picture and a credit.

    >>> detect_text_browser("[ home.png ] [ logo.png ]\\n[ share.png ]\\n正文。")[0]
    True
    >>> detect_text_browser("[ logo.png ]\\n正文。\\n京ICP备12345678号\\nCopyright © 2023")[0]
    True
    >>> detect_text_browser("正文。\\n[图1.jpg]\\n（责任编辑：王明）")[0]
    False
    >>> detect_text_browser("见图 ![a](a.png)，[link](https://example.com)。")[0]
    False
    """
    stubs = len(BROWSER_STUB.findall(text))
    controls = len(_FORM_CONTROL.findall(text))
    evidence: Evidence = {"image_stubs": stubs, "form_controls": controls}
    if stubs >= 3 or controls >= 1:
        return True, evidence
    squeezed = text.replace(" ", "").replace("\t", "").replace("\u3000", "")  # three fast passes
    lowered = squeezed.lower()
    marks = sorted(
        name
        for name, (needs, mark) in _PAGE_MARKS.items()
        if any(needed in lowered for needed in needs) and mark.search(squeezed)
    )
    evidence["page_marks"] = marks
    return (stubs >= 1 and len(marks) >= _PAGE_MARKS_WITH_STUB) or len(marks) >= _PAGE_MARKS_ALONE, evidence


def _is_stub_line(line: str) -> bool:
    return bool(line.strip()) and not BROWSER_STUB.sub("", line).strip(" *•")


#: A dateline, spaces taken out: a date, then a time or who published it (``2023-03-2915:42来源：澎湃新闻``).
_DATELINE = regex.compile(r"\D{0,20}\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?.{0,50}")
_DATELINE_MARK = regex.compile(r"\d{1,2}:\d{2}|来源|來源|作者|记者|記者|编辑|編輯|发布|發布")
#: A headline may ask or exclaim (……吗？) or close on a quote; above a dateline only a full stop ends a sentence.
_STATEMENT_END = regex.compile(r"[。.…]$")
#: What the short bars between a headline and its dateline say (字体：大 中 小, 打印 | 关闭, 分享到：微信):
#: such a bar holds no Han character besides these words.
_WIDGET_WORD = regex.compile(r"字[号体]|[大中小]|打印|关闭|分享(?:到|至)?|收藏|微信|朋友圈|微博|QQ空间|复制链接")
_WIDGET_CHARS = 16
_HAN = regex.compile(r"\p{Han}")
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
    if len(text) <= _WIDGET_CHARS and _WIDGET_WORD.search(text) and not _HAN.search(_WIDGET_WORD.sub("", text)):
        return False
    return 8 <= len(text) <= 80 and prose and not _NAV_ITEM.fullmatch(line.strip()) and not _is_stub_line(line)


def _dateline(lines: list[str]) -> int | None:
    """The first dateline in the head of the page."""
    head = [i for i, line in enumerate(lines) if line.strip()][:_HEAD_LINES]
    return next((i for i in head if _is_dateline(lines[i])), None)


def _headline(lines: list[str]) -> int | None:
    """The headline: the line that reads like one right above the dateline (it may end in ？ or ！),
    else the first such line in the head; never the dateline or a line below it."""
    dateline = _dateline(lines)
    if dateline is not None:
        above = [i for i in range(dateline) if lines[i].strip()][-_HEADLINE_REACH:]
        found = next((i for i in reversed(above) if _reads_like_headline(lines[i], _STATEMENT_END)), None)
        if found is not None:
            return found
    head = [i for i, line in enumerate(lines[:dateline]) if line.strip()][:_HEAD_LINES]
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
            "正文。\n\n相关新闻\n新闻标题一 10-18\n* 新闻标题二 10-17\n\n猜你喜欢\n* 新闻标题三\n* 新闻标题四\n",
            "正文。\n",
        ),
        ("正文。\n\n相关链接\n* 国务院关于某事的通知\n* 某部门的实施办法\n",),
        ("正文。\n\n专家推荐\n* 每天喝水1500毫升以上\n* 保持规律作息 10-17\n",),
        ("正文。\n\n相关阅读\n\n这一段不是列表。\n",),
        ("正文。\n\n热门推荐\n\n* 他说了这句话。\n* 她也说了一句话。\n",),
    ],
)
def remove_recommendation_list(text: str, ctx: Context) -> str:
    """Remove a recommendation list: its heading, entries closed by a date, "load more", and echoes.

    The heading is the widget's own words (为你推荐, 相关新闻, 猜你喜欢, 点击排行 …), nothing
    around them, never a bare word (推荐, 精选). Each entry is an image stub, a title and maybe
    a lede, closed by a date line (``02日``, ``11月29日``), or one line: a title and its date
    (``新闻标题 10-17``), or a bulleted title (``* 新闻标题``) that shows its picture or stands
    under a heading only the widget prints (猜你喜欢, 为你推荐, 热点推荐, 精彩推荐, 相关新闻; not
    相关报道, 相关链接 or 延伸阅读, which may head the article's own list); two entries make a
    list. Titles of the list repeated after it (a slider showing one of them) go too.

    Before: ``"正文。\\n为你推荐\\n[ a.jpg ]\\n新闻标题\\n02日\\n[ b.jpg ]\\n标题二\\n01日\\n载入更多资讯"``.
    After: ``"正文。"``.
    """
    lines = text.split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    doomed: set[int] = set()
    echoes: dict[str, int] = {}  # a list's title -> where the list ends: a repeat below it is an echo
    for pos, i in enumerate(nonblank):
        heading = _squeeze(lines[i])
        if not _RECOMMEND_HEADING.fullmatch(heading) or i in doomed:
            continue
        bullets_suffice = bool(_WIDGET_HEADING.fullmatch(heading))
        entries, cursor = 0, pos + 1
        titles: set[str] = set()
        while cursor < len(nonblank):
            if _is_one_line_entry(lines[nonblank[cursor]], bullets_suffice):
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


def _is_one_line_entry(line: str, bullets_suffice: bool) -> bool:
    text = _squeeze(line)
    dated = _DATED_ENTRY.fullmatch(text)
    if dated is not None:
        return not _SENTENCE_END.search(dated.group(1))
    bulleted = bullets_suffice or bool(BROWSER_STUB.search(line))
    return bulleted and bool(_BULLET_ENTRY.fullmatch(text)) and not _SENTENCE_END.search(text)


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
        ("可以这样写：\ncolor : red ; width : 100px ; height : 50px ;\n",),
    ],
)
def extract_metadata_line(text: str, ctx: Context) -> str:
    """Move a CMS metadata line (``catalogs : … ; contentid : … ; author : … ;``) into metadata.

    Three or more ``key : value ;`` pairs with Latin keys and nothing else, one of them a key only
    a CMS writes (catalogs, contentid, publishdate …; ``color : red ;`` is CSS and stays), make such a line,
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
            if pairs and _CMS_KEYS.isdisjoint(pairs):
                continue  # no CMS's key yet (a style sheet, or the key is on the wrapped line below)
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
            "新闻标题在这里出现了\n\n正文第一段。\n\n[ photo1.jpg ]\n新闻 标题 在 这里 出现 了\n\n正文第二段。\n",
            "新闻标题在这里出现了\n\n正文第一段。\n\n[ photo1.jpg ]\n\n正文第二段。\n",
        ),
        (
            "新闻标题在这里出现了\n\n正文一。\n\n新闻标题在这里出现了\n\n正文二。\n",
            "新闻标题在这里出现了\n\n正文一。\n\n正文二。\n",
        ),
        ("歌名就是这一句歌词\n\n正文第一段。\n\n歌名就是这一句歌词\n下一句歌词\n",),
        ("新闻标题在这里出现了\n\n正文说：新闻标题在这里出现了。\n",),
    ],
)
def remove_headline_echo(text: str, ctx: Context) -> str:
    """Remove the headline where it comes back as a line of its own: the captions of the article's images.

    News sites caption every picture with the headline; a text browser prints each caption
    as a line next to the picture's stub, or as a paragraph of its own when the stub is gone.
    Only whole lines equal to the headline (spaces aside) with nothing but blank lines or image
    stubs right above and below them go; the headline stays, and so does a line that repeats it
    inside a stanza or a paragraph (a refrain, a quote).

    Before: ``"新闻标题\\n\\n正文。\\n\\n[ a.jpg ]\\n新闻标题\\n\\n正文二。"``.
    After: ``"新闻标题\\n\\n正文。\\n\\n[ a.jpg ]\\n\\n正文二。"``.
    """
    lines = text.split("\n")
    headline = _headline(lines)
    if headline is None:
        return text
    key = _squeeze(lines[headline])
    doomed = {i for i in range(headline + 1, len(lines)) if _squeeze(lines[i]) == key and _is_caption(lines, i)}
    return drop_lines(lines, doomed) if doomed else text


def _is_caption(lines: list[str], i: int) -> bool:
    """A line printed as an image's caption: an image stub right above or below it, or a paragraph of its own
    (a refrain or a quoted line has lines of its stanza around it)."""
    neighbours = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return all(not line.strip() or _is_stub_line(line) for line in neighbours)


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
        ("[ a.png ] [ b.png ]\n\n小满时节\n\n2023-05-21 08:00 来源：本报\n\n正文。\n",),
        (
            "首页 | 新闻 | 财经\n\n搜索引擎的新战场\n\n新闻标题在这里出现了\n\n2023-03-29 15:42 来源：本报\n",
            "搜索引擎的新战场\n\n新闻标题在这里出现了\n\n2023-03-29 15:42 来源：本报\n",
        ),
        (
            "首页 | 新闻 | 财经\n\n青年创业大赛下周在杭州开幕\n\n本届大赛共有三百个项目\n\n2023年5月2日 09:00 开幕\n",
            "青年创业大赛下周在杭州开幕\n\n本届大赛共有三百个项目\n\n2023年5月2日 09:00 开幕\n",
        ),
    ],
)
def remove_page_head(text: str, ctx: Context) -> str:
    """Remove the masthead above a headline that its dateline confirms: channel bars, breadcrumbs, login links.

    When a line that reads like a headline sits right above a dateline (``2023-03-29 15:42
    来源：新华社``) and something above it says "site" (a bar of links, a breadcrumb, a navigation
    bullet, a login or search box, a stub of the site's logo or menu), the page head goes, except
    a line right above the headline, below every sign, that reads like a headline too (it may be
    the real one, above a body line the dateline confused). Lines closed like a sentence stay (a
    slogan such as 欢迎访问本站！ is kept, in case it is the article's). Without a dateline or a
    sign, or with prose above the headline (a line of more than eighty characters, or a sentence
    of more than twenty), nothing goes.

    Before: ``"首页 | 新闻 | 财经\\n当前位置：首页 > 科技\\n新闻标题……\\n2023-03-29 15:42 来源：新华社\\n正文。"``.
    After: ``"新闻标题……\\n2023-03-29 15:42 来源：新华社\\n正文。"``.
    """
    if not ctx.at_start:
        return text
    lines = text.split("\n")
    dateline, headline = _dateline(lines), _headline(lines)
    if dateline is None or headline is None or headline >= dateline:
        return text
    above = [_squeeze(line) for line in lines[:headline]]
    if any(len(line) > _MASTHEAD_CHARS or (len(line) > _SLOGAN_CHARS and line.endswith("。")) for line in above):
        return text  # prose above the headline: this is no page head
    signs = [i for i, line in enumerate(above) if _MASTHEAD_SIGN.search(line) or _NAV_ITEM.fullmatch(lines[i].strip())]
    if not signs:
        return text  # nothing says "site": the lines above may be the article's
    doomed = {i for i, line in enumerate(above) if line and not _SENTENCE_END.search(line)}
    right_above = max(doomed, default=-1)
    if right_above > signs[-1] and _reads_like_headline(lines[right_above]):
        doomed.discard(right_above)  # maybe the real headline, above a body line the dateline confused
    return drop_lines(lines, doomed) if doomed else text


#: Longer lines above a headline are prose, and so are sentences longer than a slogan: then it is no page head.
_MASTHEAD_CHARS = 80
_SLOGAN_CHARS = 20
#: What only a site's masthead prints, spaces taken out: a breadcrumb, a navigation label, login or
#: search boxes, a form control, a bar of links (``首页 | 新闻 | 财经``, ``财经 · 科技 · 文旅``), a stub
#: of the site's logo or menu (``[logo.png]``), today's date (``2022年11月10日星期三``).
_MASTHEAD_SIGN = regex.compile(
    r"位置[:：]|^.{0,4}导航$|(?:^|[|｜\]】])(?:登录|注册|搜索)(?:$|[|｜\[【])|设为首页|加入收藏|_{5}|\[(?:BUTTON|INLINE)"
    r"|(?:[^|｜>＞»·/]{0,20}[|｜>＞»·/]){2}"
    r"|\[[\w\-.]{0,40}(?i:logo|menu|nav|search|login|close)[\w\-.]{0,40}\]"
    r"|^\d{4}年\d{1,2}月\d{1,2}日(?:星期|周)[一二三四五六日天]$"
)
#: The moods a news page lets its readers vote for, one per line of the widget (a count after one is a poll's result).
_REACTION = regex.compile(
    r"[*•]?(?:开心|难过|点赞|飘过|感动|愤怒|搞笑|震惊|同情|无聊|鼓掌|流泪|惊讶|好笑|支持|反对|喜欢|无语|担忧|期待|送花|鸡蛋)"
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
        (
            "正文。\n\n* [ a.png ]\n开心\n\n* [ b.png ]\n难过\n\n* [ c.png ]\n震惊\n",
            "正文。\n\n* [ a.png ]\n\n* [ b.png ]\n\n* [ c.png ]\n",
        ),
        ("正文。\n\n开心\n\n正文说大家都很开心。\n\n点赞\n",),
        ("她的心情：\n\n开心\n难过\n无语\n\n都有。\n",),
        ("投票结果：\n\n支持 62\n反对 21\n无语 17\n\n返回\n",),
    ],
)
def remove_reaction_bar(text: str, ctx: Context) -> str:
    """Remove a reaction bar: three or more different moods, one per line (开心 / 难过 / 点赞), and a 返回 after it.

    A single mood word between paragraphs stays; only a run of them, with nothing but blank
    lines or image stubs between, is the widget, and only when the widget shows itself: the
    moods' icons (image stubs) in or next to the run, or a 返回 right after it. Moods with counts
    (支持 62 / 反对 21) are a poll's results and stay.

    Before: ``"正文。\\n\\n* 开心\\n\\n* 难过\\n\\n* 点赞\\n\\n返回"``. After: ``"正文。"``.
    """
    lines = text.split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip() and not _is_stub_line(line)]
    doomed: set[int] = set()
    run: list[int] = []
    for pos, i in enumerate([*nonblank, None]):
        if i is not None and _REACTION.fullmatch(_squeeze(lines[i])):
            run.append(i)
            continue
        if len({_squeeze(lines[j]).lstrip("*•") for j in run}) >= _REACTION_MIN:
            end = len(lines) if i is None else i
            back = [end] if end < len(lines) and _BACK.fullmatch(_squeeze(lines[end])) else []
            start = nonblank[pos - len(run) - 1] + 1 if pos > len(run) else 0
            if back or any(_is_stub_line(line) for line in lines[start:end]):
                doomed.update(run + back)
        run = []
    return drop_lines(lines, doomed) if doomed else text
