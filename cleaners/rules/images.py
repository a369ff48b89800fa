"""Image stubs: images that carry no words, in markdown, HTML and text-browser form.

An image whose alt text says something stays as that text (``![图1 系统架构](…)`` becomes
``图1 系统架构``); one with no alt text, a file name or a placeholder (``Image 1``,
``cover_image``) for alt text is removed, and so is a line left holding only markup.
With the option ``keep_images`` markdown and HTML images stay as they are.

These rules run in the structure stage, after the boilerplate rules: the detectors of
WeChat and text-browser dumps take images as evidence, and UI clusters read them whole.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from cleaners.kinds import drop_lines
from cleaners.markdown import fenced_code_lines, outside_code_spans
from cleaners.model import Context, Stage
from cleaners.registry import cleaner

_EXTENSIONS = r"(?:png|jpe?g|gif|webp|svg|bmp|tiff?|ico|avif|heic)"
#: Alt texts that say nothing: a file name, a URL or query, a number, an identifier (``profile_qrcode``),
#: a placeholder word with a number, or the name of a page ornament (``pc官网logo``, ``作者头像``).
_MUTE_ALT = regex.compile(
    rf"[\w\-. ]{{0,80}}\.{_EXTENSIONS}|\S{{0,40}}(?:https?:)?//\S{{0,2000}}|[\w\-.]{{0,60}}\?[\w\-.=&]{{0,200}}"
    r"|[\d\s_\-]{0,12}|[a-z]{1,20}(?:_[a-z0-9]{1,20}){1,4}"
    r"|(?:cover[ _]?image|cover|图片?)[\s_\-]?\d{0,4}|Image \d{1,4}"
    r"|\S{0,8}?(?:logo|icon|avatar|banner|qr ?code|二维码|头像|封面|图标)",
    regex.IGNORECASE,
)
#: A placeholder an author typed (``image1``, ``photo``): a stub in a scraped dump, the author's image elsewhere.
_PLACEHOLDER_ALT = regex.compile(r"(?:image|img|picture|pic|photo|图像|照片|插图)[\s_\-]?\d{0,4}", regex.IGNORECASE)
#: Jina Reader numbers every image's alt text: ``Image 3: 系统架构``.
_JINA_ALT = regex.compile(r"\AImage \d{1,4}: ?")
#: ``![alt](url)`` and ``![alt](url "title")``, also wrapped in a link: ``[![alt](img)](href)``. No bracket
#: or parenthesis inside alt or URL, so that a scan never runs past the next one (linear on ``![](![](…``).
_MARKDOWN_IMAGE = regex.compile(r"(\[)?!\[([^\[\]\n]{0,300})\]\([^()\n]*\)(?(1)\]\(([^()\n]*)\))")
_HTML_IMAGE = regex.compile(r"<img\b[^>\n]{0,4000}>", regex.IGNORECASE)
#: A leftover image tag points at an image; ``<img src=x onerror=…>`` is a payload an article quotes.
_HTML_SOURCE = regex.compile(
    rf"""\b(?:data-)?src\s*=\s*["']?(?:https?:|//|data:image/|[^"'\s>]{{0,300}}\.{_EXTENSIONS}\b)""", regex.IGNORECASE
)
_HTML_HANDLER = regex.compile(r"\bon[a-z]{2,20}\s*=", regex.IGNORECASE)
_HTML_ALT = regex.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", regex.IGNORECASE)
#: A text browser's stand-in for an image: ``[ home.png ]``, or ``[ hom e . png ]`` once word-segmented.
BROWSER_STUB = regex.compile(
    rf"\[ ?[\w\-. ]{{0,100}}\. ?{_EXTENSIONS} ?\](?![(:])|\[(?:IMG|INLINE)\]", regex.IGNORECASE
)
#: What a line may hold once its stubs are gone and still be dropped whole: spaces and markup.
_MARKUP_ONLY = regex.compile(r"[\s*_#>|~`\-+•·“”\"'\[\]()]*")
#: A stub's caption that is only its file name (html2text writes ``![]()image (11).png``).
_FILE_CAPTION = regex.compile(rf"[\s>*_]*[\w\-. ()]{{1,80}}\.{_EXTENSIONS}[\s*_]*", regex.IGNORECASE)
_INDENTED = regex.compile(r"    |\t")
_SPACES = regex.compile(r"(?<=\S)  +(?=\S)")


def _says_something(alt: str) -> bool:
    return not _MUTE_ALT.fullmatch(alt.strip())


def _remove_on_lines(
    text: str, pattern: regex.Pattern[str], replace: Callable[[regex.Match[str]], str], *, in_blocks: bool = True
) -> str:
    """Apply ``replace`` to every match outside code spans; a line left with markup or a file name only is dropped.

    Without ``in_blocks``, code blocks (fenced or indented) are left alone too.
    """
    if not pattern.search(text):
        return text
    lines = text.split("\n")
    code = (
        set() if in_blocks else fenced_code_lines(lines) | {i for i, line in enumerate(lines) if _INDENTED.match(line)}
    )
    doomed: set[int] = set()
    for i, line in enumerate(lines):
        new = line if i in code else outside_code_spans(line, lambda part: pattern.sub(replace, part))
        if new == line:
            continue
        if _MARKUP_ONLY.fullmatch(new) or _FILE_CAPTION.fullmatch(new):
            doomed.add(i)
        else:
            lines[i] = _SPACES.sub(" ", new.rstrip())
    return drop_lines(lines, doomed)


def _markdown_image(match: regex.Match[str], *, scraped: bool) -> str:
    alt, href = _JINA_ALT.sub("", match.group(2).strip(), count=1), match.group(3)
    if not _says_something(alt):
        return ""
    if _PLACEHOLDER_ALT.fullmatch(alt):
        return "" if scraped else match.group()
    return f"[{alt}]({href})" if href is not None else alt


def _html_image(match: regex.Match[str]) -> str:
    tag = match.group()
    if not _HTML_SOURCE.search(tag) or _HTML_HANDLER.search(tag):
        return tag
    alt = _HTML_ALT.search(tag)
    text = (alt.group(1) or alt.group(2) or "").strip() if alt else ""
    return text if _says_something(text) else ""


@cleaner(
    "IM101",
    "markdown-image-stub",
    Stage.STRUCTURE,
    examples=[
        ("正文。\n\n![](https://mmbiz.qpic.cn/a/640?wx_fmt=png)\n\n下文。\n", "正文。\n\n下文。\n"),
        ("![图1 系统架构](https://example.com/a.png)\n", "图1 系统架构\n"),
        ("扫码关注我们![](https://example.com/qr.png)\n", "扫码关注我们\n"),
        ("正文。\n\n> ![]()image (11).png\n", "正文。\n"),
        ("![Image 3](https://example.com/3.png)\n\n**![]()****\n\n正文。\n", "正文。\n"),
        (
            "![Image 4: 图2 数据流](https://example.com/4.png)\n![640?wx_fmt=png](https://example.com/5)\n",
            "图2 数据流\n",
        ),
        ("数组写作 a[i](j) 时不是图片。\n",),
        ("博客正文。\n\n![image1](https://i.example.com/3p3Bz3k.jpg)\n",),
        ('```html\n<img src="a.png">\n```\n\n代码 `![](a.png)` 里的也不是。\n',),
        (
            "    payload = '<img src=\"https://a.com/x.png\" onerror=alert(1)>'\n\n"
            "载荷 <img src=x onerror=alert(1)> 可以触发。\n",
        ),
    ],
)
def remove_markdown_image_stubs(text: str, ctx: Context) -> str:
    """Remove markdown and HTML images that carry no words; keep the words of those that do.

    No alt text, a file name, a URL or a scraper's placeholder (``Image 1``, ``cover_image``,
    ``图片``) makes a stub, on any host and with ``data:`` URIs alike; an author's placeholder
    (``image1``) makes one only in a scraped dump (WeChat, text browser), and otherwise stays.
    A line left holding only markup (``**![]()****``) goes with it. Code spans are left alone,
    and HTML tags in code blocks (quoted payloads). The option ``keep_images`` keeps every image as it is.

    Before: ``"正文。\\n\\n![](https://mmbiz.qpic.cn/a/640)\\n\\n![图1 系统架构](a.png)"``.
    After: ``"正文。\\n\\n图1 系统架构"``.
    """
    if ctx.options.get("keep_images"):
        return text
    scraped = ctx.holds("wechat", text) or ctx.holds("text-browser", text)  # asked of every chunk's first one
    if "![" in text:  # every markdown image holds it; the pattern itself would be tried at every character
        text = _remove_on_lines(text, _MARKDOWN_IMAGE, lambda m: _markdown_image(m, scraped=scraped))
    return _remove_on_lines(text, _HTML_IMAGE, _html_image, in_blocks=False) if "<" in text else text


@cleaner(
    "IM102",
    "text-browser-image-stub",
    Stage.STRUCTURE,
    examples=[
        ("[ gmwLogo _ share . jpg ]\n\n[ hom e . png ] [ log o . png ]\n\n正文。\n", "正文。\n"),
        ("点击右上角 [ share.png ] 分享\n", "点击右上角 分享\n"),
        ("见 [附件 a.png](https://example.com/a.png) 与数组 [1.5]。\n",),
    ],
)
def remove_text_browser_image_stubs(text: str, ctx: Context) -> str:
    """Remove the bracketed file names text browsers print for images: ``[ home.png ]``, ``[IMG]``.

    Word-segmented forms (``[ hom e . png ]``, ``[ gmwLogo _ share . jpg ]``) count too. A
    markdown link whose text is a file name (``[a.png](…)``) is a link and stays.

    Before: ``"[ hom e . png ] [ log o . png ]\\n正文。"``. After: ``"正文。"``.
    """
    return _remove_on_lines(text, BROWSER_STUB, lambda m: "")
