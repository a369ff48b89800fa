"""Boilerplate: WeChat UI, image stubs, text-browser furniture, front matter, the publisher's footer.

Short excerpts written for these tests, in the forms scrapers save them in; the rules' own
examples run in test_rule_examples.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaners
from cleaners.loader import RuleFileError, load_rule_file
from cleaners.model import Context
from cleaners.rules.front_matter import parse_yaml_block

BODY = "这是文章的正文，讲小程序的开发。\n\n## 小程序\n\n很多读者为这篇文章点赞。\n"
TAIL_FORMS = {
    "one per line": "预览时标签不可点\n\n微信扫一扫\n关注该公众号\n\n知道了\n\n取消\n允许\n\n：\n，\n。\n\n"
    "视频\n小程序\n赞\n，轻点两下取消赞\n在看\n，轻点两下取消在看\n分享\n留言\n收藏\n",
    "dead links": "[知道了](javascript:;)\n\n****\n\n"
    "[取消](javascript:void\\(0\\);) [允许](javascript:void\\(0\\);)\n\n预览时标签不可点\n",
    "one line": "微信扫一扫  \n关注该公众号\n\n： ， 。   视频 小程序 赞 ，轻点两下取消赞 在看 ，轻点两下取消在看\n",
    "english": "Scan to Follow\n\nGot It\n\nScan with Weixin to\nuse this Mini Program\n\nCancel\nAllow\n\n"
    ": , .   Video Mini Program Like Wow Share Comment\n",
    "glued": "预览时标签不可点\n\n不喜欢\n\nScan to Follow\n\nGot It\n\nCancelAllow\n\n"
    "微信扫一扫可打开此内容，\n\n使用完整服务\n\n"
    ": ，，，.VideoMini ProgramLike，轻点两下取消赞Wow，轻点两下取消在看ShareCommentFavorite听过\n",
    "jina": "预览时标签不可点\n\n![Image 9](https://mp.weixin.qq.com/s/x)Scan to Follow\n\n"
    "继续滑动看下一个\n\n轻触阅读原文\n\n"
    "![Image 10](http://mmbiz.qpic.cn/a/0?wx_fmt=png)\n\n某某号\n\n向上滑动看下一个\n\n[Got It](javascript:;)\n\n"
    "![Image 11](https://mp.weixin.qq.com/s/x) Scan with Weixin to  \nuse this Mini Program\n\n"
    "[Cancel](javascript:void(0);) [Allow](javascript:void(0);)\n\n× 分析\n\n"
    "[继续访问](javascript:)[Cancel](javascript:)\n\n![Image 12](blob:https://mp.weixin.qq.com/9)\n\n**某某号**\n\n"
    "标题在这里？\n\n,\n\n选择留言身份\n",
}


def wechat(text: str, **options: object) -> cleaners.Result:
    return cleaners.Pipeline("wechat", **options).explain(text)


OLD_TAIL = (
    "预览时标签不可点\n\n收录于话题 \\#\n\n个**\n\n上一篇 下一篇\n\n阅读\n\n分享\n\n赞\n\n在看\n\n"
    "****已同步到看一看[写下你的想法](javascript:;)\n\n#### 发送到看一看 {.like_comment_primary_title}\n\n发送\n\n"
    "某课 - 文件合并\n\n最多200字，当前共字\n\n**\n\n发送中\n\n喜欢此内容的人还喜欢\n\n[](javascript:void(0);)\n\n"
    "另一篇推荐文章的标题（操作）\n\n另一篇推荐文章的标题（操作）\n\n...\n\n某课堂\n\n不喜欢\n\n不看的原因\n\n确定\n\n"
    "-   内容质量低\n-   不看此公众号\n\n[留言](javascript:;)\n\n微信扫一扫\\\n关注该公众号\n\n**微信版本过低**\n\n"
    "当前微信版本不支持该功能，请升级至最新版本。\n\n[我知道了](javascript:void(0);) [前往更新](javascript:void(0);)\n"
)
TAIL_FORMS["2020 html2text"] = OLD_TAIL


@pytest.mark.parametrize("form", TAIL_FORMS, ids=str)
def test_wechat_tail_goes_in_every_form(form: str) -> None:
    assert wechat(BODY + "\n" + TAIL_FORMS[form]).text == BODY


def test_wechat_header_labels_go() -> None:
    head, body = (
        "#  标题\n\n原创 作者 [ 号 ](javascript:void\\(0\\);)\n\n",
        "## 1\\. 漏洞点\n\n正文很长很长很长很长很长很长很长。\n",
    )
    card = "微信号 _abc\n\n功能介绍 分享技术\n\n____\n\n___发表于_\n\n收录于合集 #审计 1个\n\n"
    assert wechat(head + card + body).text == head + body


def test_wechat_words_in_the_body_survive() -> None:
    text = "取消\n\n第一段讲视频。\n\n视频\n\n第二段。\n\n在看\n\n分享\n\n第三段讲留言。\n"
    assert wechat(text).text == text


def test_account_name_inside_the_ui_goes_but_a_body_caption_before_it_stays() -> None:
    text = "正文。\n\n![](https://mmbiz.qpic.cn/a/640)\n\n图1 架构\n\n继续滑动看下一个\n\n轻触阅读原文\n\n某某号\n\n"
    text += "向上滑动看下一个\n"
    assert wechat(text).text == "正文。\n\n图1 架构\n"


def test_kanyikan_box_takes_the_title_echo_with_it() -> None:
    title = "某某安全部门全部被裁"
    box = f"#### 发送到看一看\n\n发送\n\n{title}\n\n最多200字，当前共字\n\n发送中\n\n微信扫一扫\n关注该公众号\n"
    text = f"# {title}\n\n正文。\n\n{box}"
    assert wechat(text).text == f"# {title}\n\n正文。\n"


def test_auto_detects_wechat_and_records_why() -> None:
    text = "---\nurl: https://mp.weixin.qq.com/s/abc\n---\n\n正文。\n\n预览时标签不可点\n\n取消\n允许\n"
    result = cleaners.clean_and_explain(text)
    assert result.text == "---\nurl: https://mp.weixin.qq.com/s/abc\n---\n\n正文。\n"
    assert result.metadata["detected"]["wechat"]["verdict"] is True
    assert result.metadata["detected"]["wechat"]["url_in_head"] is True


def test_auto_leaves_other_pages_alone() -> None:
    text = "# 一篇博客\n\n正文提到微信的“预览时标签不可点”提示。\n\n取消\n\n允许\n"
    result = cleaners.clean_and_explain(text)
    assert result.text == text
    assert result.metadata["detected"]["wechat"]["verdict"] is False


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("![](https://mmbiz.qpic.cn/mmbiz_png/x/640?wx_fmt=png)", ""),
        ("![](https://gitee.com/a/20230619142139.png)", ""),
        ("![]()", ""),
        ("![cover_image](https://example.com/c.jpg)", ""),
        ("![Image 2](https://example.com/2.png)", ""),
        ("![20230619142139.png](https://example.com/x)", ""),
        ("![](data:image/png;base64,iVBORw0KGgo=)", ""),
        ('<img src="https://example.com/a.png">', ""),
        ('<img src="a.png" alt="图3 流程">', "图3 流程"),
        ("![图1 系统架构](https://example.com/a.png)", "图1 系统架构"),
        ("[![](https://example.com/a.png)](https://example.com/post)", ""),
        ("[ gmwLogo _ share . jpg ]", ""),
        ("[ home.png ] [ logo.png ]", ""),
        ("[home.png][logo.png][mhome.png]", ""),
    ],
)
def test_image_stubs(line: str, expected: str) -> None:
    assert cleaners.clean(f"正文。\n\n{line}\n", profile="generic") == f"正文。\n\n{expected}\n".replace("\n\n\n", "\n")


def test_keep_images_keeps_markdown_images() -> None:
    text = "正文。\n\n![](https://mmbiz.qpic.cn/a/640)\n\n![图1 系统架构](a.png)\n"
    assert cleaners.Pipeline("generic", keep_images=True).clean(text) == text


def test_markdown_links_and_code_are_not_images() -> None:
    text = "见 [附件 a.png](https://example.com/a.png)。\n\n`x = a[i](j)`\n"
    assert cleaners.clean(text, profile="generic") == text


FRONT_MATTER = (
    '---\nlayout: post\ntitle:  "人工智能: 安全"\ntags: [a, "b"]\nauthors:\n  - 张三\n#note: x\n---\n\n正文。\n'
)


def test_front_matter_is_kept_byte_for_byte_and_read() -> None:
    result = cleaners.clean_and_explain(FRONT_MATTER)
    assert result.text == FRONT_MATTER
    assert result.metadata["front_matter"] == {
        "layout": "post",
        "title": "人工智能: 安全",
        "tags": ["a", "b"],
        "authors": ["张三"],
    }


def test_front_matter_strip() -> None:
    result = cleaners.Pipeline(front_matter="strip").explain(FRONT_MATTER)
    assert result.text == "正文。\n"
    assert result.metadata["front_matter"]["layout"] == "post"


def test_toml_front_matter() -> None:
    result = cleaners.clean_and_explain('+++\ntitle = "标题"\n+++\n正文。\n')
    assert result.metadata["front_matter"] == {"title": "标题"}


def test_jina_header_becomes_front_matter_or_goes() -> None:
    url = "https://mp.weixin.qq.com/s/x"
    text = f"Title: 标题\n\nURL Source: {url}\n\nPublished Time: 2025-01-02\n\nMarkdown Content:\n正文。\n"
    assert cleaners.clean(text) == f"---\ntitle: 标题\nurl: {url}\ndate: 2025-01-02\n---\n正文。\n"
    assert cleaners.Pipeline(front_matter="strip").clean(text) == "正文。\n"


@pytest.mark.parametrize(
    "block",
    [["just a sentence"], ["- a list item without a key"], ["key: value", "a line that is not yaml"]],
)
def test_text_between_rules_is_not_front_matter(block: list[str]) -> None:
    assert parse_yaml_block(block) is None
    text = "---\n" + "\n".join(block) + "\n---\n正文。\n"
    assert "front_matter" not in cleaners.clean_and_explain(text).metadata


PAGE = """[ hom e . png ] [ log o . png ]

全部 导航

* 时政
* 国内
* 国际
* 财经

马斯克 等 科技 人士 发 公开信 ： 暂停 训练

2023 - 03 - 29 15 : 42 来 源 ： 澎湃 新闻

调查 问题 加载 中 ， 请 稍候 。
若 长 时间 无 响应 ， 请 刷新 本页面
[ BUTTON Input ] ( not implemented ) _______

这 封 信 呼吁 暂停 训练 。

马斯克 等 科技 人士 发 公开信 ： 暂停 训练

信 中 写道 ： 风险 很 大 。
catalogs : 115955 ; contentid : 11172594 ; publishdate : 2023 - 03 - 29 ; author : 武乐 之 ; fi
le : 1680075781111 - 4361 ; from : 澎湃
新闻 ;
[ 责任 编辑 : ]
阅读 剩余 全文 （ ）
为 你 推荐
[ 005056b8 . jpeg ]
新版 身份证 签发 启用
02日
[ f44d . png ]
冬日 故宫
初冬 时节 ， 游客 前 来 。
01日
载入 更多 资讯
[ 005056b8 . jpeg ]

新版 身份证 签发 启用

[ mlike . png ] [ mbacktop . png ]

* [ ico _ motion _ 1 . png ]
开心

返回

点击 右上角 [ icons hare . png ] 微信 好友
"""


def test_text_browser_page_keeps_headline_dateline_and_article() -> None:
    result = cleaners.Pipeline("auto", select=["TB", "IM"]).explain(PAGE)
    assert result.metadata["detected"]["text-browser"]["verdict"] is True
    assert result.text == (
        "马斯克 等 科技 人士 发 公开信 ： 暂停 训练\n\n2023 - 03 - 29 15 : 42 来 源 ： 澎湃 新闻\n\n"
        "这 封 信 呼吁 暂停 训练 。\n\n信 中 写道 ： 风险 很 大 。\n"
    )
    assert result.metadata["page"] == {
        "catalogs": "115955",
        "contentid": "11172594",
        "publishdate": "2023-03-29",
        "author": "武乐之",
        "file": "1680075781111-4361",
        "from": "澎湃新闻",
    }


def test_text_browser_rules_leave_markdown_alone() -> None:
    text = "# 标题\n\n* 一\n* 二\n* 三\n* 四\n\n开心\n\n返回\n"
    result = cleaners.clean_and_explain(text)
    assert result.text == text
    assert result.metadata["detected"]["text-browser"]["verdict"] is False


NEWS_PAGE = """[logo.png] [search.png]

首页 | 时政 | 财经 | 科技

您的位置：首页 > 科技 > 正文

网站导航

* 时政
* 财经
* 科技
* 体育

比赛还能这样看吗？

【字体：大 中 小】 【打印】 【关闭】

2024-05-06 08:30 来源：某某日报

第一段正文，讲这件事的经过。读者可以点击下方按钮分享到朋友圈。

入选城市包括：
* 北京
* 上海
* 广州
* 深圳

记者手记

第二段正文，报道写完了。

（完）

（责任编辑：某某）
catalogs : 12 ; contentid : 34 ;
author : 某某 ; channel : 科技 ;
[share.png] [weibo.png]

网友评论
已有 12 人参与
登录后发表评论

相关新闻
* 另一条新闻的标题
* 第三条新闻的标题
* 第四条新闻的标题

开心

难过

点赞

返回顶部

关于我们 | 联系我们 | 网站地图
Copyright © 2024 www.example.com All Rights Reserved
京ICP备12345678号-1
"""
NEWS_ARTICLE = """比赛还能这样看吗？

2024-05-06 08:30 来源：某某日报

第一段正文，讲这件事的经过。读者可以点击下方按钮分享到朋友圈。

入选城市包括：
* 北京
* 上海
* 广州
* 深圳

记者手记

第二段正文，报道写完了。

（完）
"""


def test_news_page_furniture_goes_and_every_article_line_stays() -> None:
    result = cleaners.Pipeline("auto", select=["TB", "IM"]).explain(NEWS_PAGE)
    assert result.text == NEWS_ARTICLE
    assert result.metadata["page"] == {"catalogs": "12", "contentid": "34", "author": "某某", "channel": "科技"}


def test_news_page_rules_leave_the_bare_article_alone() -> None:
    assert cleaners.Pipeline("auto", select=["TB", "IM"]).clean("[a.png] [b.png] [c.png]\n\n" + NEWS_ARTICLE) == (
        NEWS_ARTICLE
    )


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("[logo.png]\n\n标题\n\n正文。\n\n京ICP备12345678号\nCopyright © 2024 example.com\n", True),
        ("[logo.png]\n\n当前位置：首页 > 新闻\n\n正文。\n\n（责任编辑：某某）\n", True),
        ("[logo.png]\n\n正文。\n\n京ICP备12345678号\n", False),
        ("正文。\n\n[图1.jpg]\n\n（责任编辑：某某）\n", False),
        ("[a.png]\n\n正文。\n\ncopyright holders may sue\n\n（责任编辑：某某）\n", False),
        ("当前位置：首页\n\n正文。\n\n（责任编辑：某某）\n\n已有 3 人参与\n", True),
        ("# 标题\n\n正文。\n\nCopyright © 2024 example.com\n", False),
        ("# 标题\n\n正文。\n\n[logo.png]\n", False),
    ],
)
def test_text_browser_detector_reads_news_site_furniture(text: str, verdict: bool) -> None:
    assert cleaners.Pipeline("auto").explain(text).metadata["detected"]["text-browser"]["verdict"] is verdict


def test_page_head_stays_when_prose_stands_above_the_headline() -> None:
    text = (
        "[a.png] [b.png] [c.png]\n\n小标题\n\n"
        "这一段是文章的开头，写得足够长，说明它不是网站的页眉，而是正文的一部分内容。\n\n"
        "新闻标题在这里出现了\n\n2023-03-29 15:42 来源：新华社\n\n正文。\n"
    )
    assert "小标题" in cleaners.Pipeline("auto", select=["TB", "IM"]).clean(text)


def test_widget_words_inside_sentences_stay_on_a_page() -> None:
    body = (
        "打开APP后即可查看。\n\n扫码关注我们，获取更多资讯。\n\n本文版权所有，转载请注明出处。\n\n"
        "评论区里有人说大中小都好。\n\n返回城市的旅客请关注铁路动态。\n"
    )
    page = "[a.png] [b.png] [c.png]\n\n" + body + "\n京ICP备12345678号\n"
    assert cleaners.Pipeline("auto", select=["TB", "IM"]).clean(page) == body


FOOTER = "正文。\n\n相关阅读\n\n[旧文](http://mp.weixin.qq.com/s?a=1)\n\n合作电话：18300000000\n\n投稿邮箱：e@x.com\n"


def test_publisher_footer_is_off_by_default_and_selectable() -> None:
    assert cleaners.clean(FOOTER, profile="wechat") == FOOTER
    assert cleaners.Pipeline("wechat", select=["ALL", "publisher-footer"]).clean(FOOTER) == "正文。\n"


CLUSTER = """
[[rule]]
code = "TS301"
name = "test-cluster"
kind = "remove-cluster"
stage = "boilerplate"
doc = "Remove test UI."
anchors = ["点这里关注"]
literals = ["取消", "好"]
patterns = ['\\d{1,3}人看过']
gap = 1
gap_chars = 6
"""


def load_cluster(tmp_path: Path, extra: str = "") -> cleaners.model.Rule:
    path = tmp_path / "cluster.toml"
    path.write_text(CLUSTER + extra, encoding="utf-8")
    (rule,) = load_rule_file(path)
    return rule


def test_cluster_kind_removes_items_around_an_anchor_only(tmp_path: Path) -> None:
    rule = load_cluster(tmp_path)
    ctx = Context({}, {}, True, {})
    assert rule.apply("正文。\n\n取消\n\n点这里关注\n\n好 取消\n\n12人看过\n", ctx) == "正文。\n"
    assert rule.apply("取消\n\n正文。\n\n好\n", ctx) == "取消\n\n正文。\n\n好\n", "no anchor, no cluster"
    assert rule.apply("点这里关注\n\n名字\n\n取消\n", ctx) == "名字\n", "short lines between stay"
    assert rule.apply("点这里关注\n\n一\n\n二\n\n取消\n", ctx) == "一\n\n二\n\n取消\n", "gap exceeded"
    assert rule.apply("点这里关注。\n", ctx) == "点这里关注。\n", "a sentence is body"


def test_cluster_kind_sweep_and_squeeze(tmp_path: Path) -> None:
    ctx = Context({}, {}, True, {})
    swept = load_cluster(tmp_path, "sweep = true\nsqueeze = true\n")
    assert swept.apply("正文很长很长很长。\n\n点 这里 关注\n\n名字\n\n取 消\n\n尾巴\n", ctx) == "正文很长很长很长。\n"


def test_cluster_kind_needs_anchors(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(CLUSTER.replace('anchors = ["点这里关注"]\n', ""), encoding="utf-8")
    with pytest.raises(RuleFileError, match="key 'anchors'"):
        load_rule_file(path)


STUBS = "[a.png] [b.png] [c.png]\n\n"  # enough for the detector: the page is a text-browser dump
DATELINE = "\n\n2024-06-01 08:30 来源：本报\n\n第一段正文。\n"
#: Article lines that look like furniture, each on a text-browser page, and the line that must survive.
LOOKALIKES = {
    "short headline": ("夏至随笔" + DATELINE, "夏至随笔"),
    "headline with a widget word": ("他的旧书收藏" + DATELINE, "他的旧书收藏"),
    "headline above a body line with a date": (
        "城市马拉松明日鸣枪开跑\n\n今年赛事规模再创新高\n\n2024年6月2日 07:30 起跑\n",
        "城市马拉松明日鸣枪开跑",
    ),
    "headline with 版权所有": ("谁才是版权所有人" + DATELINE, "谁才是版权所有人"),
    "wrapped line with 版权所有": (
        "正文。\n\n法院认定原告是该照片的版权所有人并且有权\n要求被告赔偿损失。\n",
        "法院认定原告是该照片的版权所有人并且有权",
    ),
    "wrapped line starting with copyright": (
        "Experts say\ncopyright law was not written with machine learning in mind\nat all.\n",
        "copyright law was not written with machine learning in mind",
    ),
    "the article's own hotline": ("正文。\n\n举报电话：12345\n接听时间：每天8:00-20:00\n", "接听时间"),
    "an event's organizers": ("音乐节下月开幕。\n\n主办单位：区文旅局\n承办单位：区文化馆\n地点：滨江公园\n", "地点"),
    "a speaker named 责任编辑": ("主持人：您入行几年了？\n责任编辑：快二十年了。\n", "责任编辑：快二十年了。"),
    "a sentence like a loading notice": (
        "先确认现场安全。\n\n若长时间无响应，请马上呼叫急救。\n",
        "若长时间无响应，请马上呼叫急救。",
    ),
    "how-to steps": ("操作方法：\n\n* 打开手机客户端\n* 点击右上角\n* 扫码关注服务号\n\n简单。\n", "* 点击右上角"),
    "a list above an editor credit": ("我常用的工具：\n\n微信\nQQ\n微博\n\n（责任编辑：赵六）\n", "QQ"),
    "bullets under 推荐": ("正文。\n\n营养师推荐\n* 多吃蔬菜水果\n* 少吃油炸食品\n\n她说。\n", "* 少吃油炸"),
    "dated timeline under 热点": ("正文。\n\n热点梳理\n首场听证会 2月3日\n第二场听证会 3月9日\n", "首场听证会"),
    "poll results": ("投票结果：\n\n支持 70\n反对 20\n无语 10\n\n投票结束。\n", "反对 20"),
    "CSS in a tutorial": ("样式写法：\n\nmargin : 0 ; padding : 4px ; border : none ;\n\n完成。\n", "padding : 4px"),
    "bullets under 相关报道": ("正文。\n\n相关报道\n* 去年研究发现喝茶有益\n* 前年研究发现散步有益\n", "* 去年研究"),
    "dated timeline under 精选": ("正文。\n\n精选\n首轮谈判 3月5日\n次轮谈判 4月9日\n", "首轮谈判 3月5日"),
    "a licence named in prose": ("申请者须持有\n\n互联网新闻信息服务许可证\n\n才能开展业务。\n", "许可证"),
    "a thesis's previous and next": ("论文分两篇。\n\n上一篇：论古籍修复\n下一篇：论碑刻拓印\n\n已刊。\n", "上一篇"),
    "sizes next to a font bar": ("尺码：\n\n大\n中\n小\n字号：大 中 小\n\n正文。\n", "\n中\n"),
    "thirty digits": ("e 的前三十位小数：\n\n7182818284 5904523536 0287471352\n", "7182818284 5904523536 0287471352"),
}


@pytest.mark.parametrize("case", sorted(LOOKALIKES))
def test_article_lines_that_look_like_furniture_stay(case: str) -> None:
    body, line = LOOKALIKES[case]
    assert line in cleaners.clean(STUBS + body)


def test_a_refrain_equal_to_the_headline_stays() -> None:
    page = STUBS + "我和我的祖国一刻也不能分割" + DATELINE + "\n我和我的祖国一刻也不能分割\n无论我走到哪里\n"
    assert cleaners.clean(page).count("我和我的祖国一刻也不能分割") == 2


def test_one_stub_and_an_editor_credit_are_no_text_browser_page() -> None:
    text = "正文。\n\n[图2.png]\n\n小编推荐\n* 多喝热水\n* 早点休息\n\n（责任编辑：孙七）\n"
    assert "* 多喝热水" in cleaners.clean(text)


def test_image_rule_alone_still_records_what_the_document_is() -> None:
    # IM101 treats placeholders in scraped dumps differently, so it asks the detectors even with no image
    result = cleaners.Pipeline("auto", select=["IM101"]).explain("正文。\n")
    assert set(result.metadata["detected"]) == {"wechat", "text-browser"}
