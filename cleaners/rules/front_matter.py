"""Document headers: YAML (and TOML) front matter and Jina Reader's header, read into metadata.

Front matter stays in the text by default (``front_matter="keep"``), byte for byte, so that
Jekyll and Hugo posts stay valid; ``front_matter="strip"`` takes it out. Either way its
fields land in ``metadata["front_matter"]``. The parser knows what scrapers and static-site
generators write: ``key: value`` lines, quoted values, ``[a, b]`` lists, ``- item`` lists,
one level of nesting and comments; a block it cannot read is not front matter and stays.
"""

from __future__ import annotations

import json
import tomllib
from typing import Any

import regex

from cleaners.model import Context, Stage
from cleaners.registry import cleaner

_MAX_LINES = 200
_KEY = regex.compile(r"([A-Za-z_][\w\-.]*)[ \t]*:(?:[ \t]+(.*))?")
_NESTED_KEY = regex.compile(r"[ \t]+([A-Za-z_][\w\-.]*)[ \t]*:(?:[ \t]+(.*))?")
_ITEM = regex.compile(r"[ \t]*-[ \t]+(.*)")
_FLOW_LIST = regex.compile(r"\[(.*)\]")
#: Jina Reader's header: ``Title:``, ``URL Source:``, optional fields, then ``Markdown Content:``.
_JINA_FIELD = regex.compile(r"(Title|URL Source|Published Time|Description|Warning|Number of Pages): ?(.*)")
_JINA_END = "Markdown Content:"
_JINA_KEYS = {"Title": "title", "URL Source": "url", "Published Time": "date"}


def _scalar(value: str) -> Any:
    """A value without its quotes; ``[a, b]`` as a list."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    flow = _FLOW_LIST.fullmatch(value)
    if flow:
        return [_scalar(v) for v in flow.group(1).split(",") if v.strip()]
    return value


def parse_yaml_block(lines: list[str]) -> dict[str, Any] | None:
    """The fields of a flat YAML block, or ``None`` when a line is not one this parser knows.

    >>> parse_yaml_block(['title: "A: b"', "tags: [x, 'y']", "authors:", "  - 张三", "# note"])
    {'title': 'A: b', 'tags': ['x', 'y'], 'authors': ['张三']}
    """
    fields: dict[str, Any] = {}
    last: str | None = None
    for line in lines:
        text = line.rstrip()
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        key = _KEY.fullmatch(text)
        if key:
            last = key.group(1)
            fields[last] = _scalar(key.group(2) or "")
            continue
        if last is None:
            return None
        current = fields[last]
        item = _ITEM.fullmatch(text)
        if item and (current == "" or isinstance(current, list)):
            fields[last] = [*(current or []), _scalar(item.group(1))]
            continue
        nested = _NESTED_KEY.fullmatch(text)
        if nested and (current == "" or isinstance(current, dict)):
            fields[last] = {**(current or {}), nested.group(1): _scalar(nested.group(2) or "")}
            continue
        return None
    return fields


def _front_matter(text: str) -> tuple[dict[str, Any], int] | None:
    """The fields of the front matter opening ``text`` and the offset where the body starts."""
    fence = text[:4]
    if fence not in ("---\n", "+++\n"):
        return None
    closers = ("---", "...") if fence == "---\n" else ("+++",)
    lines = text.split("\n", _MAX_LINES + 1)
    end = next((i for i in range(1, min(len(lines), _MAX_LINES)) if lines[i].rstrip() in closers), None)
    if end is None:
        return None
    block = lines[1:end]
    if fence == "+++\n":
        try:
            fields: dict[str, Any] | None = tomllib.loads("\n".join(block))
        except tomllib.TOMLDecodeError:
            return None
    else:
        fields = parse_yaml_block(block)
    if not fields:
        return None
    return fields, sum(len(line) + 1 for line in lines[: end + 1])


def body_start(text: str) -> int:
    """The offset where a document's body starts: after its front matter, or 0 when it has none.

    >>> body_start("---\\ntitle: 标题\\n---\\n正文")
    18
    """
    found = _front_matter(text)
    return found[1] if found else 0


def _jina_header(text: str) -> tuple[dict[str, Any], int] | None:
    """The fields of a Jina Reader header opening ``text`` and the offset where the content starts."""
    if not text.startswith("Title:"):
        return None
    fields: dict[str, Any] = {}
    offset = 0
    for line in text.split("\n", 40)[:40]:
        offset += len(line) + 1
        stripped = line.strip()
        if stripped == _JINA_END:
            return (fields, offset) if "url" in fields else None
        field = _JINA_FIELD.fullmatch(stripped)
        if field:
            name = field.group(1)
            fields[_JINA_KEYS.get(name, name.lower().replace(" ", "_"))] = field.group(2).strip()
        elif stripped:
            return None
    return None


def _as_yaml(fields: dict[str, Any]) -> str:
    """Flat string fields as YAML front matter; values are double-quoted (JSON style) when YAML needs it."""
    lines = ["---"]
    for key, value in fields.items():
        plain = value and not regex.search(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]|: | #|\s$", value)
        lines.append(f"{key}: {value if plain else json.dumps(value, ensure_ascii=False)}")
    return "\n".join([*lines, "---", ""])


@cleaner(
    "FM101",
    "front-matter",
    Stage.BOILERPLATE,
    examples=[
        (
            "Title: 标题: 副题\n\nURL Source: https://mp.weixin.qq.com/s/x\n\nMarkdown Content:\n正文。\n",
            '---\ntitle: "标题: 副题"\nurl: https://mp.weixin.qq.com/s/x\n---\n正文。\n',
        ),
        ('---\nlayout: post\ntitle:  "人工智能安全与对齐"\n#image_caption: ""\n---\n\n正文。\n',),
        ("---\n\n正文里的分隔线上下。\n\n---\n",),
    ],
)
def read_front_matter(text: str, ctx: Context) -> str:
    """Read YAML or TOML front matter and Jina Reader's header into ``metadata["front_matter"]``.

    Front matter stays byte for byte, unless the option ``front_matter`` is ``"strip"``.
    Jina's header (``Title:`` / ``URL Source:`` / ``Markdown Content:``) is no format other
    tools read: it becomes YAML front matter, under the same option.

    Before: ``"Title: 标题\n\nURL Source: https://…\n\nMarkdown Content:\n正文。"``.
    After: ``"---\ntitle: 标题\nurl: https://…\n---\n正文。"``.
    """
    strip = ctx.options.get("front_matter") == "strip"
    found = _front_matter(text)
    if found is None:
        found = _jina_header(text)
        if found is None:
            return text
        fields, offset = found
        ctx.metadata["front_matter"] = fields
        return text[offset:].lstrip("\n") if strip else _as_yaml(fields) + text[offset:].lstrip("\n")
    fields, offset = found
    ctx.metadata["front_matter"] = fields
    return text[offset:].lstrip("\n") if strip else text
