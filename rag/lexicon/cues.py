"""The words and patterns query understanding recognises: fact cues, stop words, document
hints. Data for `rag.query.analysis`, kept apart so the logic stays readable."""

from __future__ import annotations

import re
from typing import Literal

FactKind = Literal[
    "clause_text",
    "comparison",
    "contact",
    "department",
    "date",
    "duration",
    "age",
    "amount",
    "count",
    "yesno",
    "general",
]

# An age the asker has reached ("到了退休年龄", "已满法定年龄"): a situation told, not an age asked
REACHED_AGE = re.compile(
    r"(?:到|达到|到了|已到|超过|已满|满|过了)(?:法定)?(?:退休|入学|结婚|就业|劳动)?(?:年龄|年纪|岁数)"
)

# The kind of fact a question asks for, tried in this order (first hit wins).
FACT_CUES: tuple[tuple[FactKind, str], ...] = (
    # an area, a length or a weight is counted in its units ("面积要多大" is not an age)
    (
        "count",
        r"面积|长度|宽度|高度|(?:多少|几)(?:平方米|平米|㎡|亩|公顷|公里|千米|米|千克|公斤|吨|立方米|毫升|升|分贝)|多宽|多远|多重",
    ),
    # answered in 岁/周岁; "多大比例" asks a share, not an age
    ("age", r"多大(?!比例|比重|占比|份额)(?:年纪|岁数)?|多少周?岁|几周?岁|年龄|年纪|岁数"),
    (  # a length of time, answered in 工作日/天/个月/年, not by a calendar date; "哪几年"
        # asks which years and "那几天" points at some days, not how long; "多长" after a
        # period (有效期, 产假, 期限) asks its length
        "duration",
        r"多久|多长时间|[期假限](?:是|有|为)?多长|多少天|(?<![哪那这])几天|多少个?工作日|(?<![哪那这])几个工作日|(?<![哪那这])几个月|"
        r"多少个月|(?<![哪那这])几年(?!级)|多少年(?!度)|(?:多少|(?<![哪那这])几)(?:个?(?:小时|钟头|星期)|分钟|周(?!岁))|"
        r"时限|时间限制",  # "有没有时间限制", "办理时限": a length of time
    ),
    (
        "contact",
        r"电话|邮箱|邮件|联系方式|怎么联系|联系人|地址|邮编|寄到|寄往|怎么反馈|如何反馈|反馈意见|提意见",
    ),
    (
        "department",
        r"哪个部门|哪些部门|什么部门|哪个单位|哪些单位|谁负责|谁来负责|谁牵头|负责单位|"
        r"责任单位|责任部门|牵头部门|牵头单位|主管部门|由谁|归谁管|找谁",
    ),
    (
        "date",
        r"什么时候|何时|截止|截至|期限|哪天|几号|几月|哪一年|哪年|日期|时间节点|发布时间|"
        r"印发时间|哪个时间|规划期|什么时间|几点",
    ),
    (  # a share or rate asked ("补贴占多少比例", "费率是多少", "利率最高多少"): answered in % or
        # 百分之…, never by a sum of money, whatever the share is of
        "count",
        r"(?:多少|几)(?:的)?(?:比例|比重|占比)|百分之(?:几|多少)|几成|几折|多少折|"
        r"从[^，,。？?]{1,8}?[里中](?:提取?|拿出?|划出|扣除?)(?:多少|几)|"
        r"(?:比例|比重|占比|费率|利率|比率)(?:上限|下限|标准|最高|最低|最多|最少)?(?:是|为|有|能|可以)?(?:多少|几)",
    ),
    (  # a cap on a number of people, items or points is a count, not a sum of money
        "count",
        r"(?:人数|名额|数量|次数|户数|家数|个数|比例|积分|分数|分值)(?:有|的)?(?:上限|下限|封顶|限制)",
    ),
    (  # 块 is a yuan before no word or 钱, and counts plots or pieces before a noun (几块自留地)
        "amount",
        r"多少钱|多少(?:万|亿)?元|几(?:万|千|百)?块(?!(?!钱)[\u4e00-\u9fff]{2})|多少块(?!(?!钱)[\u4e00-\u9fff]{2})|多少万|多少资金|(?:资金|费用|经费|罚款)(?:要|需要|是|得)?多少|金额|最高.{0,6}多少|上限|封顶|补多少|奖多少|给多少|拿多少|"
        r"贴息多少|资助多少|[罚赔]款?(?:要|是|得)?多少|(?:奖励|补助|补贴|资助|支持|贴息|奖补)(?:是)?多少|多少(?:奖励|补助|补贴)|"
        # a sum asked per a unit: "津贴每月多少", "奖励一年能领多少"
        r"(?:奖励|补助|补贴|资助|贴息|奖补|津贴|工资|租金)(?:是)?(?:每|一)个?(?:月|年|人|户|天|次)"
        r"(?:能|可以|可)?(?:领|拿|发|补|给)?多少(?!岁|天|年|个月|人|家|个|次)|"
        r"(?:什么|哪些|啥)(?:资金)?(?:支持|扶持|补贴|补助|奖励|资助|奖补)|"
        # a fee asked of whoever pays it ("物业费一年交多少", "学费多少"): a sum of money
        r"费[^，,。？?率]{0,6}?(?:交|缴|收|付|花|要|是)?多少(?!岁|天|年|个月|人|家|个|次|倍|分)|"
        # a sum named by what it is ("日薪是多少", "摊位价格大概多少"): 金, 资, 薪, 价, 钱
        r"(?:金|资|薪|价|钱)[^，,。？?]{0,6}?多少(?!岁|天|年|个月|人|家|个|次|倍|分|平|米)|"
        r"(?:补贴|补助|奖励|资助|奖补)(?:政策|标准)?[?？]?$",
    ),
    (
        "count",
        r"多少家|多少个|多少项|多少人|多少名|多少场|多少件|几家|几个|几项|目标|比例|比重|占比|"
        r"百分之|强度|增长多少|达到多少|多少以上|多少|(?:几|多少)(?:次|套|户|分|张|辆|倍|度)",
    ),
    ("yesno", r"是否|能否|能不能|可不可以|可以.{0,12}吗|有没有|会不会|算不算|吗[?？]?$"),
)

COMPARISON_CUE = re.compile(
    r"对比|比较|区别|不同(?!意)|差异|有何异同|各市|各地|哪个城市|哪些城市|几个城市|各个城市|两市|两地|分别|"
    r"(?:一样|相同|一致)(?:吗|么|不|呢)|是否(?:一样|相同|一致)"
)
CLAUSE_REF = re.compile(r"第\s*([0-9]+|[〇零一二两三四五六七八九十百千]+)\s*条")
# which article says it ("第几条规定了…", "哪一条"): the answer shows the article's number
CLAUSE_NUMBER_ASKED = re.compile(r"第几条|哪一?条(?:规定|写)|第几款")
# A clause naming articles of its own text ("违反本条例第十一条第一款规定", "依照本办法第二十条、
# 第二十一条"): a 法律责任 chapter names every duty it punishes this way. SELF_CITED_ARTICLE
# reads each article of such a span, with the item it narrows to ("第二款第(五)项").
SELF_CITATION = re.compile(
    # a bare "违反第十二条规定" names the statute's own article too (another law is named)
    r"(?:本(?:条例|办法|规定|细则|实施办法|决定|规则|法)|(?<=违反)|(?<=依照)|(?<=按照))"
    r"(?:[、和及或至]?第[0-9〇零一二两三四五六七八九十百千]+条"
    r"(?:第[0-9一二三四五六七八九十]+款)?(?:第[(（]?[0-9一二三四五六七八九十]+[)）]?项)?)+"
)
# A statute defining its own term ("本条例所称养护机构，是指养老院、护理院以及其他…"): the
# things the definition lists are kinds of that term wherever the document writes it.
DEFINITION_MARK = "所称"
DEFINITION = re.compile(
    DEFINITION_MARK
    + r"的?(?P<term>[\u4e00-\u9fff]{2,12}?)[，,]?(?:是指|系指|包括)(?P<body>[^。；;：:]{2,160})"
)
# A question asking what a term means or covers ("老城区指哪些街道", "什么是小微企业", "午休时间
# 是指几点到几点"): the term is the end of the words before the cue, or the words after it.
DEFINITION_ASKED = re.compile(
    r"(?P<before>[\u4e00-\u9fff]{2,12}?)(?:具体)?(?:是指|指的是|指|是什么意思|什么意思|包括哪些|包含哪些)"
    r"(?=什么|哪|几|啥|多|$|[？?])|(?:什么是|什么叫|何为|啥是|啥叫)(?P<after>[\u4e00-\u9fff]{2,12})"
)
# where a statute defines a term: "所称" and the term, perhaps quoted, then what it is; or an
# item of its list of terms ("下列用语的含义：（一）X，是指…"), opening with the term
DEFINES = (
    r"{mark}[“\"「]?{term}[”\"」]?[，,]?(?:是指|系指|指|包括|为)"
    r"|(?m:^)(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])?"
    r"[“\"「]?{term}[”\"」]?[，,]?(?:是指|系指)"
)
# a term the asker quotes ("说的“X”是…"): asked as the document uses it, so its definition
QUOTED_TERM_ASKED = re.compile(r"[“「『\"](?P<quoted>[\u4e00-\u9fff]{2,12})[”」』\"]")

LISTED_KINDS_BREAK = re.compile(r"、|，|,|以及|或者|及|和|与|或")
NOT_A_LISTED_KIND = re.compile(r"^其他|^其它|^相关|^有关")
# a listed kind is a word or a short compound, not a description; "等" closes a list
LISTED_KIND = re.compile(r"([\u4e00-\u9fff]{2,8}?)等?")

# The chapter a regulation punishes breaches in ("第七章 法律责任", "第五章 罚则").
LIABILITY_CHAPTER = re.compile(r"法律责任|罚则")
SELF_CITED_ARTICLE = re.compile(
    r"第([0-9〇零一二两三四五六七八九十百千]+)条(?:第[0-9一二三四五六七八九十]+款)?"
    r"(?:第[(（]?([0-9一二三四五六七八九十]+)[)）]?项)?"
)
GREETING = re.compile(
    r"^(你好|您好|嗨|哈喽|hello|hi|hey|在吗|谢谢|多谢|感谢|再见|拜拜|早上好|晚上好|你是谁|你叫什么)"
    r"[!！。.?？~～ ]*$",
    re.IGNORECASE,
)

# Whole tokens that carry no content for retrieval or evidence scoring.
_STOP_TEXT = """
什么 多少 怎么 怎样 如何 哪些 哪个 哪里 哪 是否 有没有 有 没有 吗 呢 吧
啊 呀 哦 嘛 么 的 了 是 在 对 和 与 及 或 请问 请 一下 我 我们 你 您
想 问 知道 能 可以 会 都 还 那 那么 这 这个 那个 关于 方面 相关 具体
规定 政策 文件 法律上 法规上 政策上 里 中 上 要 需要 多 少 几 怎么样 啥 咋 为 被 把 让 该
其 之 就 也 又 以及 如果 时候 情况 内容 说 讲 提到 提出 写 原文 全文 条
第 一共 共 分别 各 个 家 给 能否 能不能 可不可以 谁 由 吗? 哪个部门
什么样 有何 啥样 是不是 还有 另外 其他 怎么办 有关 支持政策 措施 举措 市里
我市 本市 当地 城市 地方 所有 有哪些 多大 多长 多久 一样 不同 区别 对比
比较 差异 分别是 各地 各市 两市 两地 呢?
安排 要求 做法 怎么回事 做什么 干什么 是什么 有什么 哪一年 哪年 几年 什么样 应该 打算
能够 拿到 一共 一家 一个 一些 这些 那些 目前 现在 主要 哪里 由谁 多少钱 多少家 多少个
期间 时期 阶段 今后 未来几年 开展 进行
之内 以内 的话 到底 大概 大约 一般 得 才 还能 还要 请教 咨询 一下子
他 她 它 他们 她们 咱 咱们 你们 最少 至少 最多 以后 之后 下来 那份 那部 这份 这部
几个 几倍 几次 几种 几类 几项 几家 几名 几位 几所 几人 几户 几套
今年 明年 去年
这种 那种 这类 那类 这样 那样 算 算是 死活
出来 很少 很多 太少 太多
合法 合规 允许 不行
查到 抓到 逮到 被查 被抓
已经 正在 一直 总是 经常 刚刚 曾经 马上 立刻 自己 别人 人家 有人 大家 看到 听说 遇到 碰到
家里 我家 这边 那边 这里 那里
刚 曾 仍 尚 着 没 快
几点 最早 最晚 最迟
最近 前几天 昨天 今天 明天 刚才 平时 后来 上周 下周 上个月 下个月
要是 假如 假设 万一 倘若 要不然
还是 才能 最快 下次 一定
真的 之前 以前 往前 往后 刚好 正好 恰好 恰巧 碰巧 偏偏 竟然 居然 果然 本来 原来 其实 究竟
确实 也许 好像 似乎 反正 难道 明明 终于 随便 干脆 赶紧 顺便 特别 非常 十分 比较 有点 有些
明令 明文 明确
当时 事后 因为 所以 不用 受到
哪些东西 什么东西 啥东西
"""
# Prepositions and conjunctions: they join phrases and are part of no name
_FUNCTION_TEXT = """
按照 依照 根据 对于 关于 由于 以及 或者 并且 通过 经过 除了 为了 因为 所以 但是 如果 应当 可以
"""
FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())
# A numeral with its classifier ("一条", "两个", "几次") counts something; it names no topic.
COUNTED_PHRASE = re.compile(r"[一二两三四五六七八九十几]+[条个只件位名家户张本辆套]")
STOP_TOKENS = frozenset(_STOP_TEXT.split())
# Multi-character question words are cut out before segmentation: whatever dictionary the
# segmenter has, "什么" must not survive as "什" glued to its neighbours.
STOP_PHRASES = re.compile(
    "|".join(map(re.escape, sorted((t for t in STOP_TOKENS if len(t) > 1), key=len, reverse=True)))
)

TARGET_CUE = re.compile(r"目标|力争|计划|打算|要达到|要(?:培育|引进|新增|形成|建设|发展|打造)")

# "工作要点是哪个市发的": the issuing city is the document's metadata, not a clause.
ISSUER_CITY = re.compile(r"(?:哪个|哪一个|什么|哪)(?:市|城市|地方)(?:的|发|出|印发|发布|制定|出台)")

ISSUE_DATE = re.compile(
    r"(?:什么时候|何时|哪天|哪一天|哪年|几号)(?:正式)?(?:发布|印发|出台|公布|颁布|发的|出的)|"
    r"(?:发布|印发|出台|公布|颁布|发文)(?:的)?(?:时间|日期)"
)

# A word pointing back at what the last turn was about ("这种车", "那类企业", "该补贴"): its
# subject is the question's subject too, not only context.
POINTS_BACK = re.compile(r"(?:这种|那种|这类|那类|这项|那项|这个|那个)(?=[\u4e00-\u9fff])")
INHERITED_KINDS = ("contact", "department", "date", "amount", "count")
# A question that only says what changes ("要是在桂林呢?", "那县城的呢?"): it ends in 呢 and
# asks nothing of its own, so it asks the last question again about what it names
ELLIPTICAL_ASK = re.compile(r"呢\s*[?？]?\s*$")
# how such a question opens before the place it names ("要是在", "那", "换到")
ELLIPTICAL_OPENING = re.compile(r"^(?:那么?|要是|如果|假如|换成|换到)?(?:在|去|到)?")
OWN_ASKING_WORD = re.compile(
    r"吗|多少|多久|多长|何时|几|什么|怎么|怎样|如何|哪|能否|是否|可否|有没有|能不能|可不可以|谁"
)

DOC_HINTS = (
    "若干政策",
    "专项规划",
    "实施意见",
    "工作要点",
    "草案解读",
    "解读",
    "征求意见稿",
)
DOC_HINT = re.compile("|".join(DOC_HINTS))
# A hint also names a document by its kind when the title does not carry the word.
HINT_KINDS = {"工作要点": "workplan", "专项规划": "plan", "解读": "interpretation"}

# "日照有哪些科技政策?", "收录了哪些文件": a catalogue question, answered with the documents.
CATALOGUE = re.compile(
    r"(?:有哪些|有什么|哪些|都有啥|收录了?(?:哪些|什么))(?:科技|科创|科技创新)?(?:政策|文件)(?:文件)?"
    r"[?？吗呢]*$|收录了?(?:哪些|什么)"
)
CATALOGUE_WORDS = frozenset(
    {"科技", "科创", "科技创新", "创新", "收录", "你们", "文件", "政策", "哪些"}
)

# Time facts. A duration question that names its unit wants a figure in that unit ("几年" is
# not answered by "3个月"); a date question wants a calendar day unless it asks for a year,
# and one asking from when to when wants a range ("3月1日至15日"), not one end of it.
ASKED_TIME_UNIT = re.compile(r"(?:几|多少)个?(工作日|小时|分钟|天|日|周|月|年)")
# days asked ("多少天内") are answered in working days only when no calendar days are stated
DAYS_ASKED = ("天", "日")
DAYS_NOT_WORKING_DAYS = re.compile(r"(?<!工作)[日天]")
TIME_UNIT_FORMS: dict[str, tuple[str, ...]] = {
    "天": ("天", "日"),
    "日": ("日", "天"),
    "月": ("月",),
    "年": ("年",),
    "工作日": ("工作日",),
    "周": ("周",),
    "小时": ("小时",),
    "分钟": ("分钟",),
}
ASKS_YEAR = re.compile(r"哪一?年|哪几年|年份|几几年|哪个年度")
ASKS_RANGE = re.compile(
    r"(?:几号|几月|哪天|什么时候|何时|几点)(?:到|至)(?:几号|几月|哪天|什么时候|何时|几点)|起止|从.{0,8}到"
    r"|(?:几号|几月几号|哪天|哪段时间)之间"
)
DATE_RANGE_MARKS = ("至", "到", "—", "~")
CALENDAR_MONTH = "月"  # a date naming its month is a calendar day, not just a year
# The granularity asked: a month ("几月份") is answered by a date naming no day, a day ("哪天",
# "几号") by one naming its day
ASKS_MONTH = re.compile(r"几月份|哪个?月|哪一个月|几月(?!几)")
ASKS_DAY = re.compile(r"几号|哪一?天|几月几[日号]|几日")
CALENDAR_DAY = re.compile(r"[日号]")
ASKS_CLOCK = re.compile(r"几点")  # a time of day ("几点到几点", "晚上几点以后")

# Between two place names: they are set side by side ("济南和日照"), not one inside the other.
CITIES_JOINED = re.compile(r"^市?(?:和|与|跟|同|及|以及|、|还有|或)$")
CITY_SUFFIX = "市"
# A follow-up's opening words carry no content ("那么…", "还有…").
LEADING_FILLER = re.compile(r"^(那么|那(?![部份个])|还有|另外|请问)")  # "那部条例" names one
YEAR_UNIT = "年"  # after a number it is a unit, not the start of a word
# Words of a question that say when or how much, not what: they never identify a figure.
NOT_SUBJECT = re.compile(
    # a figure, a period, the word naming the asked quantity ("年龄") or its bound ("最低"),
    # not its subject
    r"\d|^(?:目标|五年|十三五|十四五|年底|年末|今年|去年|明年|总量|数量|几家|年龄|年纪|岁数"
    r"|最低|最高|最多|最少|上限|下限)$"
    # a figure written in words ("三年", "两个月", "五人"): the asker's tier, not a subject
    r"|^[一二两三四五六七八九十百半]+个?(?:年|月|天|日|周|岁|人|次|元|万元)$"
)

# Questions about a document's own record -> the field asked. Each pattern asks about the
# document itself (its 文号, who issued it, when it applies, whether it still does, which
# meeting adopted it), so it is answered only when the question names a document.
RECORD_QUESTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "doc_number",
        re.compile(r"文号|发文字号|字号|(?:哪个|哪一个|什么|第几号?)(?:政府)?令|令第?几号"),
    ),
    (
        "issuer",
        re.compile(
            r"(?:哪个|哪些|哪几个|哪一个|什么)(?:单位|部门|机关|机构)(?:联合)?"
            r"(?:发|印发|发布|制定|出台|公布)|谁(?:发|印发|发布|制定|出台|公布)|"
            r"发文(?:机关|单位)|发布(?:机构|单位|机关)|制定(?:机关|单位)|联合(?:发|印发)|"
            r"(?:局|委|厅|办|政府|部|院)(?:印)?发的"
        ),
    ),
    (
        "effective",
        re.compile(
            r"(?:什么时候|啥时候|何时|哪天|哪一天|哪年|几号|从哪天|从什么时候)(?:起)?(?:开始)?"
            r"(?:正式)?(?:施行|实施|执行|生效|起施行)|(?:施行|实施|生效)(?:的)?(?:日期|时间)"
        ),
    ),
    (
        "validity",
        re.compile(
            r"还有效|是否(?:还)?有效|有没有效|还在有效期|有效期(?:到|至|截至|截止|几年|多久|多长)|"
            r"(?:失效|废止|过期)了?(?:吗|没|没有)|什么时候(?:失效|废止|到期)"
        ),
    ),
    ("issued", ISSUE_DATE),
    (
        "adopted",
        re.compile(
            r"(?:哪次|哪一次|什么|哪个|哪一届)(?:会议|人大|届人大)|哪次会|会议(?:上)?通过|"
            r"(?:什么时候|何时|哪天|哪年)(?:审议)?(?:通过|批准|修正|修订)|"
            # "最近一次修改是什么时候", "修订于哪年": the history line of an amendment
            r"(?:最近|最后|最新)(?:一次)?(?:修改|修正|修订)|(?:修改|修正|修订)(?:是|于)?(?:在)?"
            r"(?:什么时候|何时|哪天|哪年|哪一年)"
        ),
    ),
)
# The fields a regulation's history lines state, and the words that pick one of its lines.
AMENDMENT_WORDS = ("修正", "修订", "修改")
AMENDMENT_ORDINAL = re.compile(r"第[一二三四五六七八九十\d]+次")  # 第三次修正
DATE_AT_END = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日$")  # a 落款 date line

# Where a document states its record in its own words (公文 and regulation conventions).
RECORD_STATEMENTS: dict[str, re.Pattern[str]] = {
    # 施行 article or notice sentence: 自2020年1月1日起施行 / 自印发之日起实施
    "effective": re.compile(r"自[^。；\n]{0,30}?(?:施行|实施|执行|生效)"),
    # 有效期N年 / 有效期为三年 / 有效期至某年某月某日
    "validity": re.compile(
        r"有效期(?:为|是)?(?:\d+|[一二三四五六七八九十两]+)个?(?:年|月)|有效期(?:至|到)[^。；\n，,]{2,20}"
    ),
    # a 公布/印发 line: 某年某月某日…令第N号公布 / 某某办公厅某年某月某日印发
    "issued": re.compile(
        r"[^\d。；\n]{0,30}\d{4}年\d{1,2}月\d{1,2}日[^\d。；\n]{0,40}?(?:第\d+号)?(?:公布|印发|发布)"
    ),
    # a history line, one per date: 某年某月某日…第N次会议通过 / …《决定》第N次修正
    "adopted": re.compile(
        r"\d{4}年\d{1,2}月\d{1,2}日[^\d。；\n]{0,80}?会议[^\d。；\n]{0,60}?"
        r"(?:通过|批准|修正|修订)"
    ),
    # a decree number in a 令 head or a history line: 某某人民政府令第N号
    "doc_number": re.compile(r"令\s*第\s*[0-9〇零一二三四五六七八九十百千]+\s*号"),
}
# The record block lines (rag.lexicon.portal.RECORD_FIELDS) answering each asked field.
RECORD_LINES: dict[str, tuple[str, ...]] = {
    "doc_number": ("文号",),
    "issuer": ("发布机构",),
    "effective": ("实施日期",),
    "validity": ("失效日期", "有效性"),
    "issued": ("成文日期", "发布日期"),
    "adopted": (),
}

# A document repealing others: "《甲办法》(某府〔2019〕2号)同时废止" — the titles and 文号
# written before 废止 in one sentence.
REPEAL_WORD = "废止"
QUOTED_TITLE = re.compile(r"《([^《》]{4,80})》")
STATE_PREFIX = re.compile(r"^中华人民共和国")  # a national law's title, with or without it
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号")

# A list of compounds sharing one head writes the head once, after 等 ("免收停车、充电等费用"
# lists 停车费): an item (`stem`) of such a list closed by `head` within `reach` characters.
LISTED_UNDER_HEAD = "{stem}[^。；;]{{0,{reach}}}?等[^。；;，,、]{{0,2}}{head}"
# What a procedure ends in, as askers and statutes name it: an asker's "调查结果" is the
# statute's "调查决定"; the stem says which procedure, the head only that it has ended.
OUTCOME_HEADS = ("结果", "决定", "意见", "答复", "回复", "结论")
