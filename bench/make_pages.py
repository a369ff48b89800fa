"""Build a page-level dev set: clean articles dressed as text-browser dumps of a Chinese news site.

Seed sample ``001`` is a gmw.cn page dumped by a text browser (lynx/w3m), hard-wrapped at about
72 columns and then word-segmented line by line by THULAC. This script puts clean articles in
such a page: site furniture of the kinds such dumps hold (image stubs, navigation, breadcrumbs,
search and login bars, share and reaction widgets, a survey widget, editor credit, CMS metadata
line, a related-news list, comments, QR codes, copyright and ICP footer) drawn at random per page
(which parts, their order, the site's words), then the headline, a dateline
``YYYY-MM-DD HH:MM 来源：X`` and the paragraphs; the whole page is wrapped and segmented exactly
as ``/work/shared/bench/make_detok.py`` does (its ``wrap`` is copied below). Seeded, reproducible.

Writes, for every source article, ``OUT/NN.page.txt`` (the noisy page), ``OUT/NN.gold.txt`` (the
article only: headline, dateline, paragraphs, as ``score_pages.py`` reads it) and
``OUT/NN.bare.txt`` (the article alone, wrapped and segmented like the page: what cleaning would
get without furniture, so a bench can tell furniture damage from de-tokenization damage).

Needs THULAC (a bench-only tool, never a dependency; about 500 MB of models), so run it from the
scratch venv::

    /work/scratch/thulac-venv/bin/python bench/make_pages.py bench/data/pages \\
        bench/data/detok/src/*.txt bench/data/encoding/src/10[12378]_*.txt bench/data/pages/src/*.txt
"""

from __future__ import annotations

import argparse
import pathlib
import random
import re
from dataclasses import dataclass

#: What THULAC prints on stdout when it starts; it leaked into the seed's first line.
TOOL_LOG = "Model loaded succeed"

# --- the article -------------------------------------------------------------------------------

#: Headlines for sources that have none (the encoding set's plain texts, seed 003, seed 004).
HEADLINES = {
    "03": "奥尔特曼：全球合作从未如此重要，AGI安全需要共同推进",
    "04": "中外专家在京签署共识 呼吁为人工智能研发划定红线",
    "101_zh-news": "第七届“数字中国”技术论坛在福州开幕 公共数据开放质量报告发布",
    "102_zh-tech": "中文网页语料清洗：字符编码是绕不开的第一道坎",
    "103_zh-hant": "北市府網站明年全面改版 統一採用UTF-8編碼",
    "107_emoji-math": "一堂高数课的笔记：从高斯求和到调和级数",
    "108_rare-cjk": "生僻字进系统难在哪？从刘䶮的“䶮”说起",
}
AGENCIES = [
    "新华社",
    "中国新闻网",
    "人民日报",
    "光明日报",
    "经济日报",
    "科技日报",
    "央视新闻客户端",
    "澎湃新闻",
    "环球时报",
    "北京青年报",
    "南方都市报",
    "界面新闻",
    "中国青年报",
    "法治日报",
]
_DATE = re.compile(r"(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})日?(?:\s*(\d{1,2}):(\d{2}))?")
_SOURCE = re.compile(r"来源[:：]\s*([^\s　]+)")
_EDITOR_CREDIT = re.compile(r"^[（(【\[]?责任编辑")


@dataclass
class Article:
    headline: str
    dateline: str
    paragraphs: list[str]


def read_article(path: pathlib.Path, rng: random.Random) -> Article:
    """Headline, a dateline in gmw's form and the paragraphs of a clean text.

    The source's own headline and dateline line are used when it has them (its date and
    source carry over); an editor credit closing the text is dropped (on a page it is furniture).
    """
    text = path.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    headline = HEADLINES[path.stem] if path.stem in HEADLINES else paragraphs.pop(0).lstrip("# ").strip()
    first_line, _, rest = paragraphs[0].partition("\n")
    date = _DATE.search(first_line)
    source = _SOURCE.search(first_line)
    if date and len(first_line) <= 60:
        if rest.strip():
            paragraphs[0] = rest.strip()
        else:
            paragraphs.pop(0)
    if _EDITOR_CREDIT.match(paragraphs[-1]):
        paragraphs.pop()
    if date:
        y, m, d = (int(g) for g in date.groups()[:3])
        hh, mm = (int(date.group(4)), int(date.group(5))) if date.group(4) else (rng.randint(6, 22), rng.randint(0, 59))
    else:
        y, m, d, hh, mm = (
            rng.randint(2021, 2024),
            rng.randint(1, 12),
            rng.randint(1, 28),
            rng.randint(6, 22),
            rng.randint(0, 59),
        )
    name = source.group(1) if source and not _DATE.search(source.group(1)) else rng.choice(AGENCIES)
    return Article(headline, f"{y:04d}-{m:02d}-{d:02d} {hh:02d}:{mm:02d} 来源：{name}", paragraphs)


# --- the site ----------------------------------------------------------------------------------

SITES = [
    ("华夏网", "hxw"),
    ("今日资讯网", "jrzx"),
    ("东方在线", "dfzx"),
    ("神州新闻网", "szxw"),
    ("长河网", "chw"),
    ("新视界", "xsj"),
    ("大众观察网", "dzgc"),
    ("中原在线", "zyzx"),
]
CHANNELS = [
    "首页",
    "时政",
    "国内",
    "国际",
    "财经",
    "社会",
    "娱乐",
    "天气",
    "交通",
    "体育",
    "军事",
    "教育",
    "科普",
    "文化",
    "健康",
    "评论",
    "科技",
    "汽车",
    "房产",
    "旅游",
    "图片",
    "视频",
    "理论",
    "法治",
    "生态",
    "读书",
    "历史",
    "公益",
    "数码",
    "美食",
    "游戏",
    "直播",
    "专题",
    "ENGLISH",
    "English",
    "时尚",
    "女性",
    "台湾",
    "港澳",
    "海外",
    "地方",
    "电视",
    "高校",
    "人才",
    "党建",
    "县域",
    "纪检",
    "文旅",
]
STUB_NAMES = [
    "logo",
    "home",
    "mhome",
    "search",
    "menu",
    "close",
    "mClose",
    "share",
    "mshare",
    "line",
    "mline",
    "nav_bg",
    "top_banner",
    "icon_user",
    "btn_login",
    "qrcode",
    "app_download",
    "backtop",
    "mbacktop",
    "weibo",
    "mweibo",
    "weixin",
    "mweixin",
    "qq",
    "mqq",
    "qzone",
    "mzone",
    "print",
    "font_big",
    "bottom_text",
    "footer_logo",
    "ad_300x250",
    "banner01",
    "arrow",
    "layershare",
    "icon_comment",
]
EXTENSIONS = ["png", "png", "png", "jpg", "gif", "jpeg"]
#: Headlines of other stories, for related-news lists and sliders (written for this set).
OTHER_HEADLINES = [
    "多地出台新政支持首套住房需求",
    "全国铁路今日起实行新的列车运行图",
    "秋粮收购进度过半 市场运行总体平稳",
    "我国成功发射一颗新型通信卫星",
    "国家公园体制试点取得阶段性成效",
    "冬季供暖季开启 各地保障民生用热",
    "高校毕业生就业服务专项行动启动",
    "新版医保药品目录正式落地",
    "长江流域禁渔三年成效初显",
    "跨境电商进出口规模再创新高",
    "城市更新行动让老街区焕发新活力",
    "科学家在深海发现新物种",
    "全民健身活动点燃冬日热情",
    "这座古城入选世界遗产预备名单",
    "新能源汽车下乡活动启动",
    "数字人民币试点范围进一步扩大",
    "中小学课后服务实现全覆盖",
    "北方地区迎来今冬首场降雪",
    "非遗技艺走进校园课堂",
    "多国客商参加进博会签约活动",
    "农村电商助力特色农产品出村进城",
    "博物馆夜场成年轻人新去处",
    "全国首个低空经济示范区揭牌",
    "老字号焕新吸引年轻消费者",
    "我国自主研制大型客机完成新一轮试飞",
    "春运火车票今起开售 这些变化要知道",
    "航天员乘组进行太空授课",
    "图书馆延长开放时间服务读者",
    "湿地候鸟迁徙季迎来观鸟高峰",
    "乡村振兴 产业兴旺带动农民增收",
    "跨海大桥主体工程顺利合龙",
    "气象部门发布寒潮蓝色预警",
    "全国网上年货节启动",
    "社区食堂让老人吃上热乎饭",
    "青少年科技创新大赛落幕",
    "外卖骑手职业伤害保障扩大试点",
]
LEDES = [
    "这是{m}月{d}日拍摄的活动现场。",
    "{m}月{d}日，游客在景区内参观游览。",
    "当日，相关活动在多地同步举行。",
    "记者从有关部门获悉，相关工作正在有序推进。",
    "{m}月{d}日，工作人员在现场进行检查。",
]
EDITORS = ["王晓", "李雪", "张航", "刘一鸣", "陈思", "赵琳", "孙悦", "周宁", "吴迪", "郑可"]
LOADING = [
    ("调查问题加载中，请稍候。", "若长时间无响应，请刷新本页面"),
    ("内容加载中，请稍候……", None),
    ("正在加载中，请稍候。", "若长时间无响应，请刷新页面"),
    ("投票加载中，请稍后。", None),
]
REACTIONS = ["开心", "难过", "点赞", "飘过", "感动", "愤怒", "搞笑", "震惊", "同情", "无聊"]
FOOTER_LINKS = [
    "关于我们",
    "联系我们",
    "广告服务",
    "网站地图",
    "法律声明",
    "招聘信息",
    "意见反馈",
    "投稿须知",
    "版权声明",
    "隐私政策",
    "帮助中心",
    "友情链接",
]
PROVINCES = ["京", "沪", "粤", "浙", "苏", "豫", "鲁", "川", "鄂", "湘"]


class Site:
    """The words and habits of one news site, drawn at random."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.name, slug = rng.choice(SITES)
        self.host = f"www.{slug}.{rng.choice(['com', 'cn', 'com.cn', 'net'])}"
        self.slug = slug
        self.channels = rng.sample(CHANNELS, rng.randint(6, 16))
        self.mobile = rng.random() < 0.5  # mobile templates prefix their icons with "m"

    def stub(self, name: str | None = None) -> str:
        name = name or self.rng.choice(STUB_NAMES)
        if self.mobile and self.rng.random() < 0.5 and not name.startswith("m"):
            name = "m" + name
        return f"[{name}.{self.rng.choice(EXTENSIONS)}]"

    def photo_stub(self) -> str:
        digits = "".join(self.rng.choice("0123456789abcdef") for _ in range(self.rng.randint(12, 22)))
        return f"[{digits}.{self.rng.choice(['jpg', 'jpeg', 'png'])}]"

    def stubs_line(self, low: int = 1, high: int = 3) -> str:
        return " ".join(self.stub() for _ in range(self.rng.randint(low, high)))


# --- furniture: each part returns blocks (lists of lines; blocks are separated by a blank line) ----

Blocks = list[list[str]]


def logo_bar(s: Site) -> Blocks:
    first = [s.stub(f"{s.slug}Logo_share" if s.rng.random() < 0.5 else "logo")]
    return [first, [s.stubs_line(2, 3), s.stubs_line(1, 3)]][: s.rng.randint(1, 2)] + [
        [s.stub("close")]
    ] * s.rng.randint(0, 1)


def nav_list(s: Site) -> Blocks:
    label = s.rng.choice(["全部导航", "网站导航", "导航", "频道", "栏目导航", "全部频道", None])
    bullet = s.rng.choice(["*", "*", "•", "+"])
    items = [f"{bullet} {c}" for c in s.channels]
    return [[label], items] if label else [items]


def nav_bar(s: Site) -> Blocks:
    sep = s.rng.choice([" | ", " ", "  ", " · "])
    return [[sep.join(s.channels[:12])]]


def top_bar(s: Site) -> Blocks:
    lines = s.rng.sample(
        [
            "登录 | 注册",
            "设为首页 | 加入收藏",
            "手机版",
            "客户端下载",
            "无障碍阅读",
            f"{s.rng.randint(2021, 2024)}年{s.rng.randint(1, 12)}月{s.rng.randint(1, 28)}日"
            f" 星期{s.rng.choice('一二三四五六日')}",
            "繁体版",
            "English",
        ],
        s.rng.randint(1, 3),
    )
    return [[" ".join(lines)] if s.rng.random() < 0.5 else lines]


def search_box(s: Site) -> Blocks:
    return [
        [
            s.rng.choice(
                [
                    "_" * s.rng.randint(10, 30) + " [搜索]",
                    "[BUTTON 搜索] (not implemented)",
                    "搜索 ____________________",
                    "请输入关键字 [搜索]",
                    "[INLINE] 搜索",
                ]
            )
        ]
    ]


def breadcrumb(s: Site) -> Blocks:
    lead = s.rng.choice(["当前位置：", "您的位置：", "您现在的位置：", "位置："])
    sep = s.rng.choice([" > ", " >> ", "＞", " / "])
    path = [s.name if s.rng.random() < 0.3 else "首页", s.rng.choice(s.channels)]
    if s.rng.random() < 0.5:
        path.append("正文")
    return [[lead + sep.join(path)]]


def font_share_bar(s: Site) -> Blocks:
    return [
        [
            s.rng.choice(
                [
                    "字号：大 中 小",
                    "【字体：大 中 小】",
                    "【字号 大 中 小】 【打印】 【关闭】",
                    "分享到：",
                    "打印 | 关闭",
                    "A+ A- 打印",
                ]
            ),
            s.stubs_line(2, 4),
        ][: s.rng.randint(1, 2)]
    ]


def survey_widget(s: Site) -> Blocks:
    first, second = s.rng.choice(LOADING)
    lines = [first] + ([second] if second else [])
    if s.rng.random() < 0.7:
        lines.append("[BUTTON Input] (not implemented) " + "_" * s.rng.randint(3, 9))
    return [lines]


def editor_credit(s: Site) -> Blocks:
    name = s.rng.choice([*EDITORS, ""])
    return [
        [
            s.rng.choice(
                [
                    f"[责任编辑:{name}]",
                    f"【责任编辑：{name}】" if name else "[责任编辑：]",
                    f"（责任编辑：{name or '王晓'}）",
                    f"责任编辑：{name or '李雪'}",
                ]
            )
        ]
    ]


def metadata_line(s: Site, article: Article) -> Blocks:
    date = article.dateline[:10]
    pairs = {
        "catalogs": str(s.rng.randint(10000, 999999)),
        "contentid": str(s.rng.randint(10**6, 10**8)),
        "publishdate": date,
        "author": s.rng.choice(EDITORS),
        "file": f"{s.rng.randint(10**12, 10**13)}-{s.rng.getrandbits(32):08x}",
        "source": str(s.rng.randint(1, 99)),
        "channel": s.rng.choice(s.channels),
        "timestamp": f"{article.dateline[:16]}:{s.rng.randint(0, 59):02d}",
    }
    keys = s.rng.sample(list(pairs), s.rng.randint(3, len(pairs)))
    return [[" ".join(f"{k}:{pairs[k]};" for k in keys)]]


def read_more(s: Site) -> Blocks:
    return [[s.rng.choice(["阅读剩余全文（）", "展开全文", "点击查看全文", "打开APP阅读更多精彩内容", "阅读全文"])]]


def share_bar(s: Site) -> Blocks:
    if s.rng.random() < 0.5:
        return [[s.stubs_line(2, 2), s.stubs_line(2, 2)]]
    return [
        [
            s.rng.choice(["分享到：", "分享："])
            + " ".join(s.rng.sample(["微信", "微博", "QQ空间", "QQ好友", "复制链接"], 3))
        ]
    ]


def related_list(s: Site, used: set[str]) -> Blocks:
    heading = s.rng.choice(
        ["为你推荐", "相关新闻", "热点推荐", "猜你喜欢", "延伸阅读", "相关阅读", "热门推荐", "精彩推荐"]
    )
    titles = [t for t in OTHER_HEADLINES if t not in used]
    picks = s.rng.sample(titles, s.rng.randint(3, 8))
    used.update(picks)
    style = s.rng.choice(["cards", "bullets", "dated"])
    lines = [heading]
    for title in picks:
        m, d = s.rng.randint(1, 12), s.rng.randint(1, 28)
        if style == "cards":
            lines.append(s.photo_stub())
            lines.append(title)
            if s.rng.random() < 0.4:
                lines.append(s.rng.choice(LEDES).format(m=m, d=d))
            lines.append(s.rng.choice([f"{d:02d}日", f"{m}月{d}日", f"{s.rng.randint(1, 23)}小时前"]))
        elif style == "bullets":
            lines.append(f"* {title}")
        else:
            lines.append(f"{title} {s.rng.choice([f'{m:02d}-{d:02d}', f'2023-{m:02d}-{d:02d}', f'{m}月{d}日'])}")
    blocks = [lines]
    if style == "cards" and s.rng.random() < 0.5:
        lines.append(s.rng.choice(["载入更多资讯", "加载更多", "查看更多"]))
        blocks.append([s.photo_stub()])  # a slider repeating one of the entries
        blocks.append([picks[0]])
    return blocks


def reactions(s: Site) -> Blocks:
    blocks = [[f"* [ico_motion_{k + 1}.png]", word] for k, word in enumerate(s.rng.sample(REACTIONS, 4))]
    return blocks + [["返回"]] * s.rng.randint(0, 1)


def share_prompt(s: Site) -> Blocks:
    return [
        [f"点击右上角 {s.stub('iconshare')} 微信好友"],
        [f"{s.stub('pengyouquan')} 朋友圈"],
        [s.stub("layershare")],
        [f"点击浏览器下方“{s.stub('lineshare')}”分享微信好友 Safari浏览器请点击“{s.stub('share')}”按钮"],
    ]


def comments(s: Site) -> Blocks:
    lines = s.rng.sample(
        [
            "网友评论",
            f"已有{s.rng.randint(0, 999)}人参与",
            "登录后发表评论",
            "[发表评论]",
            "请文明上网，理性发言",
            "查看全部评论",
            "评论 0",
        ],
        s.rng.randint(2, 4),
    )
    return [lines]


def qr_code(s: Site) -> Blocks:
    return [
        [
            s.stub("qrcode"),
            s.rng.choice(
                ["扫码关注官方微信", "扫一扫 下载客户端", "扫描二维码 关注我们", f"{s.name}官方微博", "下载APP"]
            ),
        ]
    ]


def back_to_top(s: Site) -> Blocks:
    return [[s.rng.choice(["返回顶部", "回到顶部", s.stub("backtop"), f"{s.stub('like')} {s.stub('backtop')}"])]]


def footer(s: Site) -> Blocks:
    rng = s.rng
    year = rng.randint(2015, 2024)
    lines = [rng.choice([" | ", " ", " - "]).join(rng.sample(FOOTER_LINKS, rng.randint(4, 8)))]
    lines += rng.sample(
        [
            f"Copyright © {year} {s.host} All Rights Reserved",
            f"{s.name} 版权所有",
            f"版权所有 © {s.name}",
            f"{rng.choice(PROVINCES)}ICP备{rng.randint(10**7, 10**8)}号-{rng.randint(1, 9)}",
            f"{rng.choice(PROVINCES)}公网安备 {rng.randint(10**13, 10**14)}号",
            f"违法和不良信息举报电话：{rng.choice(['010', '021', '020'])}-{rng.randint(10**7, 10**8 - 1)}",
            f"互联网新闻信息服务许可证：{rng.randint(10**10, 10**11)}",
            f"举报邮箱：jubao@{s.host[4:]}",
            "未经授权禁止转载、摘编、复制或建立镜像",
        ],
        rng.randint(2, 5),
    )
    return [lines] if rng.random() < 0.5 else [[line] for line in lines]


def headline_echo(s: Site, article: Article) -> Blocks:
    """An image in the body, captioned with the headline (the caption is the headline again)."""
    return [[s.photo_stub()], [article.headline]] if s.rng.random() < 0.5 else [[article.headline]]


def pagination(s: Site) -> Blocks:
    n = s.rng.randint(2, 5)
    return [
        [
            s.rng.choice(
                [
                    " ".join(["上一页"] + [str(k) for k in range(1, n + 1)] + ["下一页"]),
                    " ".join(f"[{k}]" for k in range(1, n + 1)) + " [下一页]",
                    f"第1页 共{n}页",
                ]
            )
        ]
    ]


# --- the page ----------------------------------------------------------------------------------


def build_page(article: Article, rng: random.Random) -> tuple[Blocks, list[int]]:
    """The page as blocks, and the indices of the article's blocks among them."""
    s = Site(rng)
    used: set[str] = {article.headline}
    head = [
        p
        for p, keep in [
            (logo_bar, 0.85),
            (top_bar, 0.3),
            (search_box, 0.3),
            (nav_list, 0.7),
            (nav_bar, 0.3),
            (breadcrumb, 0.4),
        ]
        if rng.random() < keep
    ]
    rng.shuffle(head)
    if logo_bar in head:  # the logo comes first on every site
        head.remove(logo_bar)
        head.insert(0, logo_bar)
    blocks: Blocks = [b for part in head for b in part(s)]
    article_at: list[int] = []

    def add_article(lines: list[str]) -> None:
        article_at.append(len(blocks))
        blocks.append(lines)

    add_article([article.headline])
    if rng.random() < 0.3:
        blocks.extend(font_share_bar(s))
    add_article([article.dateline])
    for part, keep in [(font_share_bar, 0.25), (survey_widget, 0.5)]:
        if rng.random() < keep:
            blocks.extend(part(s))
    echoes = {rng.randrange(len(article.paragraphs)) for _ in range(rng.randint(0, 3))}
    for k, paragraph in enumerate(article.paragraphs):
        add_article(paragraph.split("\n"))
        if k in echoes and k < len(article.paragraphs) - 1:
            blocks.extend(headline_echo(s, article))
    tail_parts = [
        (pagination, 0.15),
        (editor_credit, 0.7),
        (lambda s: metadata_line(s, article), 0.5),
        (read_more, 0.4),
        (share_bar, 0.6),
        (lambda s: related_list(s, used), 0.75),
        (comments, 0.3),
        (reactions, 0.4),
        (share_prompt, 0.3),
        (qr_code, 0.3),
        (back_to_top, 0.4),
        (footer, 0.6),
    ]
    chosen = [p for p, keep in tail_parts if rng.random() < keep]
    if len(chosen) > 2:  # the widgets' order varies; the first and the last stay at the ends
        middle = chosen[1:-1]
        rng.shuffle(middle)
        chosen = [chosen[0], *middle, chosen[-1]]
    glued = rng.random() < 0.5  # some templates print the widgets after the article without blank lines
    for part in chosen:
        part_blocks = part(s)
        if glued and len(part_blocks) == 1 and len(blocks) - 1 not in article_at:
            blocks[-1] = blocks[-1] + part_blocks[0]
        else:
            blocks.extend(part_blocks)
    return blocks, article_at


# --- wrap and segment exactly as make_detok.py --------------------------------------------------


def wrap(paragraph: str, width: int) -> list[str]:
    """Hard-wrap like a text browser: break anywhere inside CJK, only at spaces in Latin.

    Copied unchanged from /work/shared/bench/make_detok.py, so the pages are made the same way.
    """
    lines, cur = [], ""
    for token in re.findall(r"[ \t]+|[A-Za-z0-9_\-.:/@%&?=#+,;'\"()]+|.", paragraph):
        if len(cur) + len(token) > width and cur:
            if token.isspace():
                lines.append(cur)
                cur = ""
                continue
            lines.append(cur.rstrip())
            cur = token.lstrip()
        else:
            cur += token
    if cur.strip():
        lines.append(cur)
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("sources", nargs="+")
    ap.add_argument("--width", type=int, default=72)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    import thulac  # a bench-only tool, imported only here

    seg = thulac.thulac(seg_only=True)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def segment(block: list[str], rng: random.Random) -> str:
        width = args.width + rng.randint(-4, 4)
        lines = [w for raw in block for w in wrap(raw.strip(), width)]
        return "\n".join(seg.cut(line, text=True) for line in lines)

    for number, src in enumerate(sorted({pathlib.Path(p) for p in args.sources}, key=lambda p: p.name), start=1):
        rng = random.Random(f"{args.seed}:{src.name}")
        article = read_article(src, rng)
        blocks, article_at = build_page(article, rng)
        noisy = [segment(block, rng) for block in blocks]
        page = "\n\n".join(noisy) + "\n"
        if rng.random() < 0.8:
            page = TOOL_LOG + "\n" + page
        stem = f"{number:02d}"
        (out / f"{stem}.page.txt").write_text(page, encoding="utf-8")
        gold = [article.headline, article.dateline, *article.paragraphs]
        (out / f"{stem}.gold.txt").write_text("\n\n".join(gold) + "\n", encoding="utf-8")
        (out / f"{stem}.bare.txt").write_text("\n\n".join(noisy[i] for i in article_at) + "\n", encoding="utf-8")
        print(stem, src.name, len(blocks) - len(article_at), "furniture blocks")


if __name__ == "__main__":
    main()
