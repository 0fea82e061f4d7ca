"""Words of government web portals: metadata labels, chrome, site names, status and kinds.

Portals label the same field differently (发布机构 / 发文机关 / 发布机关 …); each field has
one canonical name here and every label a portal is known to use for it. Ingestion matches
labels by these lists only, never by one portal's exact keys.
"""

from __future__ import annotations

import re
from functools import lru_cache

# canonical field -> labels meaning it (the canonical name first)
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "索引号": ("索引号", "统一编号", "信息索引号"),
    "发布机构": (
        "发布机构",
        "发文机关",
        "发布机关",
        "发文单位",
        "发布单位",
        "制发机关",
        "发文机构",
    ),
    "成文日期": ("成文日期", "生成日期", "印发日期"),
    "发布日期": ("发布日期", "发布时间", "发表时间", "公开日期", "公布日期"),
    "实施日期": ("实施日期", "施行日期", "生效日期"),
    "有效性": ("有效性", "文件状态", "效力状态", "时效性", "时效状态"),
    "失效日期": ("失效日期", "废止日期"),
    "文号": ("文号", "发文字号"),
    "主题分类": ("主题分类", "分类", "主题词", "公文种类"),
    "标题": ("标题", "名称", "文件名称"),
    "来源": ("来源", "信息来源", "文章来源"),
    "内容概述": ("内容概述",),
    "浏览量": ("浏览量", "浏览次数", "阅读量", "点击量", "点击数", "字号", "字体大小"),
    "政策解读": ("政策解读",),
    # the column a page stands in: a "栏目" field, or the breadcrumb (首页>某某动态>部门动态)
    "栏目": ("栏目", "所属栏目", "当前位置", "您当前所在的位置", "您现在的位置", "您的位置"),
    "网站": ("网站",),  # the publishing site's name, from its SiteName meta
}

# <meta name=…> a government site writes for every page (政府网站发展指引: SiteName,
# ColumnName, ArticleTitle, PubDate, ContentSource …) -> the field it states.
META_FIELDS: dict[str, str] = {"PubDate": "发布日期", "SiteName": "网站", "ColumnName": "栏目"}


@lru_cache(maxsize=1)
def label_index() -> dict[str, str]:
    """Every label (spaces removed) -> its canonical field."""
    return {label: field for field, labels in FIELD_LABELS.items() for label in labels}


# Labels that are also ordinary words at the start of a line: a label only before a colon.
GENERIC_LABELS = frozenset({"分类", "名称", "来源", "主题词", "栏目", "网站"})


@lru_cache(maxsize=2)
def label_pattern(generic: bool = True) -> str:
    """A regex alternative matching any label, also with spaces inside ("文　　号")."""
    labels = sorted(
        (label for label in label_index() if generic or label not in GENERIC_LABELS),
        key=len,
        reverse=True,
    )
    return "|".join(r"\s*".join(map(re.escape, label)) for label in labels)


# Site names appended to a page title ("… - 广州市人民政府门户网站", "…-某某局网站").
SITE_SUFFIX = re.compile(r"\s*[-_|｜—]+\s*[^-_|｜—]{2,40}?(网站|门户网|政府网|网)\s*$")
SITE_PREFIX = re.compile(r"^\s*[^-_|｜—]{2,40}?(网站|门户网|政府网)\s*[-_|｜—]+\s*")
# A short column tag before a title: 【人社】, 【关注】.
COLUMN_TAG = re.compile(r"^【[^】]{1,4}】")

# Lines a portal puts around an article: never a title, never a clause.
CHROME_LINES = frozenset(
    {
        "搜索",
        "首页",
        "登录",
        "退出",
        "登录退出",
        "高级搜索",
        "基本信息",
        "听全文",
        "打印",
        "关闭",
        "收藏",
        "分享",
        "返回顶部",
        "无障碍阅读",
        "长者助手",
        "繁体版",
        "简体版",
        "下载文字版",
        "下载图片版",
    }
)
CHROME_PREFIXES = ("当前位置", "您当前所在的位置", "您的位置", "您现在的位置", "点击可返回")
# Headings of link lists (related news, attachments) whose entries are links, not text.
LINK_LIST_HEADINGS = frozenset(
    {"相关新闻", "相关链接", "相关阅读", "相关文章", "相关文件", "相关附件"}
)

# Validity words as portals and titles write them -> status.
STATUS_WORDS: tuple[tuple[str, str], ...] = (
    ("征求意见稿", "征求意见稿"),
    ("草案", "征求意见稿"),
    ("失效", "失效"),
    ("废止", "失效"),
    ("已修改", "失效"),
    ("试行", "试行"),
    ("现行有效", "有效"),
    ("有效", "有效"),
)

# Title words of a blank form or receipt: not a policy.
FORM_TITLE = re.compile(
    r"(申请表|登记表|审批表|申报表|统计表|汇总表|回执|承诺书|委托书)(\(.{1,10}\))?$"
)
# One body a 主送机关 line names: "各区人民政府", "市政府各部门", "各有关单位", "市财政局",
# and the bare kinds of an enumeration ("市各委、办、局").
ADDRESSEE_BODY = re.compile(
    r"^(各.{1,28}|.{0,28}(政府|部门|单位|机构|局|委|办|办公室|厅|院|会|中心|公司|学校|街道|镇|乡"
    r"|村|社区|企业|委员会|管委会))$"
)
# Title words of a service guide or Q&A rather than a policy text.
GUIDE_TITLE = re.compile(
    r"指南|指引|问答|攻略|常见问题|热点.{0,4}问|详解|申请流程|办理流程|简介|怎么|如何|[吗？?]"
)
# Columns of news (工作动态, 部门动态, 媒体聚焦, 新闻中心 …): a page there reports, unless its
# title names a document kind.
NEWS_COLUMN = re.compile(r"动态|新闻|要闻|媒体|聚焦|资讯|快讯|报道")
# 文种: the kind word a 公文 or normative document's title ends with (GB/T 9704 事由+文种).
DOCUMENT_KIND_WORDS = re.compile(
    r"决议|决定|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|函|纪要|条例|规定|办法|细则"
    r"|规则|方案|规划|计划|要点|措施|标准|目录|清单|规程|政策"
)
# An issuer written with its level but not its place ("区住建局", "市人社局") is the body of
# the government whose site publishes the page.
RELATIVE_ISSUER = re.compile(r"^(省|市|区|县)(?=[\u4e00-\u9fff]{2})")

# Bylines naming a newspaper or news site: the page is news, not the document itself.
MEDIA_SOURCES = re.compile(r"日报|晚报|晨报|新闻|新华社|南方\+|南方网|人民网|央视|电视台|广播")

# The normalised validity values (the right-hand side of STATUS_WORDS) an answer reports on.
DRAFT_STATUS = "征求意见稿"
ENDED_STATUSES = ("失效", "废止")
TRIAL_STATUS = "试行"

# A page's own record of a document (its metadata box), kept as one citable block at the end
# of the file's first document: "文号是多少" or "还有效吗" is answered by quoting it. In this
# order, by canonical field; fields that only describe the page (索引号, 浏览量 …) are left out.
RECORD_HEADING = "文件信息"
SIGNATURE_HEADING = "落款"  # the issuers and date closing a 公文, quoted as one clause
# The 版记's printing line ("某市人民政府办公厅秘书处 某年某月某日印发"): the day the secretariat
# printed the document, days after the 成文日期 in its 落款, which is the date it was issued.
PRINTING_LINE = re.compile(r"秘书(?:处|科|室)|文印")
RECORD_FIELDS = ("文号", "发布机构", "成文日期", "发布日期", "实施日期", "有效性", "失效日期")
