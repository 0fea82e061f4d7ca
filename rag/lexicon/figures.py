"""How Chinese policy text writes figures, dates, contacts and responsibility notes, and how a
question asks for them: the patterns the fact rules (rag.facts), ranking and the answer gates
look for. Data: the logic that uses them holds no Chinese word of its own."""

from __future__ import annotations

import re

from rag.lexicon.units import (
    AREA,
    ASKED_COUNT,
    COUNTED,
    LENGTH,
    LOUDNESS,
    MONEY,
    MULTIPLIERS,
    TALLY,
    VOLUME,
    WEIGHT,
    WORDED_COUNTED,
    alternation,
)

# a number in digits, its thousands grouped by commas or not ("1,500", "1500", "2.5")
NUM = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
# a sum in figures or in words ("二十元", "一万元": regulations write fines in words)
_MONEY = rf"(?:{NUM}|[一二两三四五六七八九十百千]+)(?:万|亿)?元(?!化|论|素)"
SCALED_MONEY = MONEY[:-1]  # 亿元, 万元: a plain 元 figure is a small sum or a price
AMOUNT = re.compile(
    # a band is one fact: "二十元以上五十元以下" cut at "二十元以上" would misstate it
    rf"{_MONEY}以上{_MONEY}以下(?:的?罚款)?|"
    rf"(?:累计|分别|一次性|每年)?(?:最高|不超过|最多|不少于|超过|达到)?{_MONEY}"
    rf"(?:[、和及]{_MONEY})*(?:以上|以下|左右)?"
    r"(?:资金补助|引导性支持|奖励|补助|补贴|支持|贴息|资助|奖补)?"
)
_COUNT_UNIT = alternation(*COUNTED, *MONEY) + "(?:以上|左右|以内|以下)?"
COUNTED_UNIT = re.compile(alternation(*COUNTED))  # the unit of a counted figure
# A list "分别为17.49亿元、20.68亿元…" is one fact: picking one element would misstate it.
# A count may be scaled like a sum ("2.5万个", "3万人次"): the multiplier stands before the unit.
# "30余个", "30多万元": a round count and more is a count
_SCALED = rf"{NUM}(?:余|多)?(?:{alternation(*MULTIPLIERS)})?"
# a measure in Chinese numerals ("一百米", "四百毫升"): laws write measures in words; other
# units stay digits-only, where a word numeral is mostly no count ("一个", "两家")
_WORDED_MEASURE = (
    rf"[一二两三四五六七八九十百千万][零〇一二两三四五六七八九十百千万点]*"
    rf"{alternation(*AREA, *LENGTH, *WEIGHT, *VOLUME, *LOUDNESS)}"
    r"(?:以上|左右|以内|以下)?"
)
# a count in words is a count when it is scaled ("一百人", "三十名") or bounded ("三人以上"):
# a bare word numeral before a classifier is mostly an article ("一个", "两家")
_WORDED_COUNT = (
    rf"(?:(?:[一二两三四五六七八九][十百千万]|十)[零〇一二两三四五六七八九十百千万]*"
    rf"{alternation(*WORDED_COUNTED)}(?!之)(?:以上|左右|以内|以下)?"
    rf"|[一二两三四五六七八九]{alternation(*WORDED_COUNTED)}(?!之)(?:以上|以内|以下)"
    # a bound makes a small worded number a count too ("不超过三次", "至少五名")
    rf"|(?:不少于|不低于|不超过|不多于|不得超过|不得少于|至少|最多|最少)"
    rf"[一二两三四五六七八九]{alternation(*WORDED_COUNTED)}(?!之))"
)
COUNT = re.compile(
    rf"(?:力争|突破|超过|达到|不少于|不低于|不超过|新增|累计|约)?"
    rf"(?:{_SCALED}{_COUNT_UNIT}(?:[、和及]{_SCALED}{_COUNT_UNIT})*|{_WORDED_MEASURE}|{_WORDED_COUNT})"
)
# a time of day belongs to its date: "3月1日9:00", "3月1日17时"
_CLOCK = r"(?:\s?\d{1,2}[:：]\d{2}|\d{1,2}(?:时|点)(?:\d{1,2}分)?)?"
_MONTH_DAY = rf"\d{{1,2}}月\d{{1,2}}日{_CLOCK}"
_WORD_MONTH = r"(?:十[一二]?|[一二三四五六七八九])"
_DAYTIME = r"(?:凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜间)"
_HOUR = (
    rf"{_DAYTIME}?(?:\d{{1,2}}[:：]\d{{2}}"
    r"|(?:\d{1,2}|二十[一二三四]?|十[一二三四五六七八九]?|[一二三四五六七八九])(?:时|点)(?:\d{1,2}分|半)?)"
)
DATE = re.compile(
    # a range is one fact: "3月1日至15日" cut at "3月1日" would misstate it
    rf"(?:\d{{4}}年)?{_MONTH_DAY}(?:至|到|—|-|~)(?:\d{{4}}年)?(?:\d{{1,2}}月)?\d{{1,2}}日{_CLOCK}"
    r"|(?:到|至|截至|截止)?\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:前|以前|之前|底|末)?"
    rf"|{_MONTH_DAY}(?:前|以前|之前)?|\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{4}}[—-]\d{{4}}年"
    # a day that recurs each month ("每月10日前发放") is the date of a monthly payment or filing
    r"|每个?月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:前|以前|之前)?"
    # statutes write a day of the year in words ("每年九月九日", "十二月三十一日前") and a month
    # of each year alone ("每年十月为…月")
    rf"|(?:每年)?{_WORD_MONTH}月[一二三四五六七八九十]{{1,3}}日(?:前|以前|之前)?"
    rf"|每年{_WORD_MONTH}月(?![一二三四五六七八九十\d])"
    # a time of day: a span ("二十时至次日七时", "8:00-18:00"), or one hour in digits ("22时前")
    rf"|{_HOUR}(?:至|到|—|-|~)(?:次日|当日)?{_DAYTIME}?{_HOUR}|\d{{1,2}}(?:时|点)(?:前|以前|之前|后|以后)"
)
CLOCK = re.compile(rf"{_HOUR}")
_SPAN_NUMBER = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百半]+)"
# A length of time: a number with a unit of time, never a calendar year ("2025年").
_AFTER_A_QUANTITY_BOUND = (
    "(?:"
    + "|".join(
        f"(?<={bound})"
        for bound in (
            *("不少于", "不超过", "不满", "累计", "连续", "最长", "最短", "至少", "最多"),
            # or the length of a named period ("异议期限为三十日", "公示期为七日"): no date either
            *("期限为", "期为", "时限为", "期限是"),
        )
    )
    + ")"
)
DURATION = re.compile(
    r"(?:不少于|不超过|不满|满|连续|累计|最长|最短|超过)?"
    rf"(?<!\d)(?:{_SPAN_NUMBER}个?(?:工作日|自然日|个半月|个月|小时|分钟|周(?!岁))|{_SPAN_NUMBER}日(?:内|以内)"
    # days counted back from an event ("届满前九十日", "提前30日", "召开十五日前") are a length
    # of time; a day after a month ("3月15日前") is a date
    # so are days counted as a period ("每十五日": every so many days)
    rf"|(?<=前){_SPAN_NUMBER}日|(?<=每){_SPAN_NUMBER}日|(?<![月\d一二三四五六七八九十〇零两]){_SPAN_NUMBER}日前"
    # days under a bound of quantity ("不少于二十日", "累计十日"): a date is never bounded so
    rf"|{_AFTER_A_QUANTITY_BOUND}{_SPAN_NUMBER}日"
    rf"|{_SPAN_NUMBER}天|(?<!\d)\d{{1,2}}(?:\.\d)?年半?(?!度|\d)|[一二两三四五六七八九十]+年半?(?!度)"
    # half a year is a length of time; the first or second half of one is a period of a year
    r"|(?<![上下])半年(?!度))"
    r"(?:内|以内|以上|以下|之内)?"
)
# how often something is done, as a statute states it ("每两年", "每季度", "每半年", "三年一次",
# "周期为十二个月", "定期"): what "多久…一次" asks
INTERVAL_STATED = re.compile(
    r"每(?:[一二两三四五六七八九十\d半]+个?)?(?:年|季度|季|月|周|星期|天|日|小时)"
    r"|[一二两三四五六七八九十\d]+个?(?:年|月|周|天|日)(?:一次|1次)|周期|定期|按季度|按月|按年"
)
# how often asked ("多久要更换一次", "多长时间检测一回")
INTERVAL_ASKED = re.compile(r"(?:多久|多长时间|隔多久)[^，,。？?]{0,8}?(?:一次|一回|1次)")
# days past a bound ("超过二十日", "满六十日", "逾五日"; no date follows a bound): a length of
# time a clause writes, though not one the direct answer quotes alone (it reads as a condition)
DAYS_PAST_A_BOUND = re.compile(rf"(?:超过|满|逾){_SPAN_NUMBER}日")
# An age: "年满16周岁", "18至45周岁", "女性四十周岁", "60周岁及以上", "55岁(含)"; a band
# written as two bounds ("18周岁以上，35周岁以下") is one fact, like a band of sums.
_ONE_AGE = (
    rf"(?:年满|未满|不满|超过|不超过|男性|女性|男|女)?{_SPAN_NUMBER}"
    rf"(?:(?:至|到|—|-|~){_SPAN_NUMBER})?周?岁(?:及以上|及以下|以上|以下|以内|[(（]含[)）])?"
)
AGE = re.compile(
    rf"{_SPAN_NUMBER}周?岁(?:及以上|以上)[，,、]?(?:且|并且)?{_SPAN_NUMBER}周?岁(?:及以下|以下)"
    rf"|{_ONE_AGE}"
)
# A question asking for a figure of each of several items: one item's figure answers part.
ASKS_EACH = re.compile(r"(?:各|分别)[^，,。？?]{0,3}?(?:几|多少)")
# A share written in words: "百分之五十", "百分之十五点五".
# a share in words: 百分之十五, and a fraction (三分之二, 四分之一)
WORDED_SHARE = re.compile(
    r"(?:不低于|不高于|不超过|不少于)?(?:百|千|万|[二三四五六七八九十])分之[零一二两三四五六七八九十百点]+"
    r"(?:以上|以下|左右)?"
)
# a landline with its area code, or a public service hotline (12345, 12315, 12333 …), with
# the name written after it ("12315消费者投诉热线"): the name is part of the contact
PHONE = re.compile(r"\d{3,4}-\d{7,8}|(?<!\d)123\d{2}(?!\d)(?:[\u4e00-\u9fff]{0,8}?热线)?")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
ADDRESS = re.compile(r"[\u4e00-\u9fff]{2,12}路\d+号[\u4e00-\u9fff]{0,12}?(?:收|,|，|$)")
POSTCODE = re.compile(r"邮编\d{6}")
DEPARTMENT_NOTE = re.compile(
    r"[(（](责任单位[:：][^()（）]+|[^()（）]{2,120}?(?:负责|牵头|配合|分工))[)）]"
)
# A statute's own statement of who is in charge ("县级以上人民政府民政部门主管本行政区域内的…
# 工作") or who enforces ("由公安机关责令改正，处…"): the department is the first group.
_DEPARTMENT_NAME = r"([\u4e00-\u9fff、]{2,30}?(?:部门|机关|机构|局|委员会|办公室))"
DEPARTMENT_IN_CHARGE = re.compile(
    rf"(?:^|(?<=[，,；;。：:\s])){_DEPARTMENT_NAME}"
    r"(?:主管|负责|具体负责|统一负责|依法负责|按照(?:各自)?职责(?:分工)?负责)"
)
DEPARTMENT_NAMED_IN_CHARGE = re.compile(
    rf"(?:^|(?<=[，,；;。：:\s])){_DEPARTMENT_NAME}(?:是|为)[^，,；;。]{{0,40}}?主管部门"
)
IN_CHARGE_VERBS = ("主管", "负责")
DEPARTMENT_ENFORCING = re.compile(rf"由{_DEPARTMENT_NAME}(?:依法)?(?:责令|给予|处以?|没收|予以)")
AGE_UNITS = ("周岁", "岁数", "岁")

# what a question asks for
ASKED_UNIT = re.compile("(?:多少|几)(" + "|".join(ASKED_COUNT) + ")")
# "多少平米", "几公里", "几岁": the unit of a measure or an age asked for, no topic of the question
ASKED_MEASURE_UNIT = re.compile(
    rf"(?:多少|几)(?:{alternation(*AREA, *LENGTH, *WEIGHT, *VOLUME, *LOUDNESS, *AGE_UNITS)})"
    # a distance asked as a reach ("多少米范围内", "几公里以内"): the answer's, no topic
    r"(?:范围)?(?:以内|之内|内)?"
)
# an area, a length or a weight asked for: the key of its units in units.SAME_COUNT
ASKED_MEASURES = (
    ("面积", re.compile(r"(?:多少|几)(?:平方米|平米|㎡|亩|公顷)|面积")),
    (
        "长度",
        re.compile(
            r"(?:多少|几)(?:公里|千米|厘米|米)|多宽|(?<![期假限])(?<![期假限][是有为])多长(?!时间)|多远|宽度|长度|距离"
        ),
    ),
    ("重量", re.compile(r"(?:多少|几)(?:千克|公斤|吨)|多重|重量")),
    ("容量", re.compile(r"(?:多少|几)(?:立方米|毫升|升)|容量|体积")),
    ("声级", re.compile(r"(?:多少|几)分贝|分贝")),
)
# a share or rate as documents state it
SHARE_FIGURE = re.compile(
    r"(?:百|千|万|[二三四五六七八九十])分之[零〇一二两三四五六七八九十百点]+|\d+(?:\.\d+)?\s?[%‰％]"
    r"|[一二三四五六七八九]成"
    # a discount ("八折", "半价") or nothing to pay ("免费", "免收"): what "打几折" asks
    r"|[一二三四五六七八九](?:点[一二三四五六七八九])?折|半价|减半|免费|免收|免交"
    # a multiple of another figure ("加收三倍票款", "押金的二倍"): what "几倍" asks
    r"|[一二两三四五六七八九十\d]+倍"
)
# "从利润中提多少": what is taken out of a whole is a share of it
_TAKEN_FROM_A_WHOLE = r"从[^，,。？?]{1,8}?[里中](?:提取?|拿出?|划出|扣除?)(?:多少|几)"
ASKED_SHARE = re.compile(
    r"比例|比重|占比|百分之|强度|增长率|覆盖率|贡献率|费率|利率|比率|几成|几折|多少折|几倍|多少倍|"
    + _TAKEN_FROM_A_WHOLE
)
ASKS_PHONE = re.compile(r"电话|打")
ASKS_EMAIL = re.compile(r"邮箱|邮件|email|e-mail", re.IGNORECASE)
ASKS_POSTCODE = re.compile(r"邮编|邮政编码")
ASKS_ADDRESS = re.compile(r"地址|寄|信函")
# a sum asked by what it is for ("罚多少", "赔多少"): the clause stating that kind of sum
# A fine stated as a multiple or a share of a base ("处违法所得一倍以上三倍以下的罚款", "处货值
# 金额百分之十的罚款"): the sum a "罚多少" asks for, whatever the base
_TIMES = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+)倍"
_OF_BASE = rf"(?:{_TIMES}|百分之[零一二两三四五六七八九十百点]+|\d+(?:\.\d+)?%)"
FINE_OF_A_BASE = re.compile(
    rf"{_OF_BASE}(?:以上|以下)?(?:{_OF_BASE}(?:以上|以下)?)?的?(?:罚款|罚金)"
)
FINE_ASKED = re.compile(r"[罚]")
FINE_STATED = re.compile(r"罚款|罚金")
ASKED_SUM_KINDS = (
    (FINE_ASKED, FINE_STATED),
    (re.compile(r"[赔]"), re.compile(r"赔偿")),
)
# a figure a clause leaves to another authority ("具体数额由县级人民政府确定", "具体标准由市民政
# 部门另行制定"): the documents indexed do not state it
DELEGATED_FIGURE = re.compile(
    r"(?:具体|详细)[^。；;，,]{0,12}?(?:比例|标准|数额|金额|费率|期限|限额|额度)[^。；;]{0,12}?"
    r"由(?P<who>[^。；;，,]{2,24}?)(?:另行)?(?:作出规定|规定|制定|确定|公布)"
)
HOW_MUCH = re.compile(
    r"多少|几|多大|多高|最高|最多|上限|额度|标准是"
)  # a sum, not the kind of support

# any number before a measure word, in digits or in words, bounded or not ("三名", "5个",
# "30余个"): a clause writing how many of something, not a figure quoted alone (a small worded
# number is mostly no count: "一个", "两家")
NUMBER_BEFORE = r"[\d一二两三四五六七八九十百千万]+(?:余|多)?"

# enumerations: several figures stated together
_FIGURE_UNIT = alternation(*COUNTED, *TALLY, *MONEY, *MULTIPLIERS)
# Two or more figures run together or joined by 、/和/及: "0.94%0.97%", "100万元、50万元",
# and unit-less decimals run together by the cleaner ("1.702.192.52").
FIGURE_RUN = re.compile(rf"{NUM}{_FIGURE_UNIT}(?:[、和及]?{NUM}{_FIGURE_UNIT})+|(?:\d+\.\d+){{2,}}")
UNIT_VALUE = re.compile(rf"{NUM}{_FIGURE_UNIT}")
UNIT_RUN = re.compile(rf"{NUM}{_FIGURE_UNIT}(?:、?{NUM}{_FIGURE_UNIT})+")
VALUES = re.compile(rf"({NUM}{_FIGURE_UNIT}(?:、{NUM}{_FIGURE_UNIT})+)")
RESPECTIVELY = "分别"  # "…分别达到A、B": values mapped to items one to one
YEAR_RANGE = re.compile(r"((?:19|20)\d{2})年?(?:[—\-–~至到])?((?:19|20)\d{2})年")
YEAR_LIST = re.compile(r"(?:19|20)\d{2}年(?:、(?:19|20)\d{2}年)+")
# a measure word or particle the segmenter glued onto a question term ("年研发投入", "比重要")
GLUE = re.compile(r"^[年项个到]|[要到]$")

# a target question wants a planned figure, not a past record
PLANNED = re.compile(r"力争|目标|争取|以上|到20\d\d年|20\d\d年前")
ACHIEVED = re.compile(r"十三五|截至|截止|已经|共有|分别为|分别达到")

# Tiers: a sentence states one figure per band of a condition ("X人以下的…；Y人以上的…",
# "一至三年的…；三年以上的…"). The bands are written with these marks.
TIER_UNITS = (
    "周岁", "岁", "个月", "年", "人", "万元", "元", "家", "平方米", "亩", "分", "次",
    "摄氏度", "℃", "度", "毫升", "公斤", "千克", "公里", "千米", "米",
)  # fmt: skip
# one unit written several ways: the asker's "18度" is the statute's "十八摄氏度"
TIER_SAME_UNIT = {"摄氏度": "度", "℃": "度"}
# a unit counted in a smaller one, so bands written in both compare ("六个月以上不满两年")
TIER_UNIT_IN_SMALLER = {"年": ("个月", 12)}
# a band's condition ends where its figure's clause begins ("…不满五年的，考核期不得超过…")
TIER_CONDITION_END = re.compile(r"的[，,]")
# the greatest of a tiered figure asked with no condition of the asker's ("最长能领多久")
ASKS_GREATEST = re.compile(r"最长|最多|最高|最大|上限|至多|封顶")
TIER_NUMBER = r"(\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]+)"
TIER_BREAK = re.compile(r"[；;。]")
# a question asking for a threshold ("要交满多少年", "够几年"), not a length of time to wait
ASKS_THRESHOLD = re.compile(r"[满够](?:多少|几)")
# a time limit asked ("多久内要办", "几个工作日以内"): answered by a period something must be done
# within, never by one written as a minimum ("…N年以上", "不得少于N日")
ASKS_DEADLINE = re.compile(
    r"(?:多久|多长时间|多少|几)个?(?:工作日|小时|天|日|周|月|年)?(?:以内|之内|内)"
)
# a period reached ("满5年") followed by "的" and a noun names a group ("…的参加人员")
THRESHOLD_MARK = "满"
NAMES_A_GROUP = re.compile(r"的[\u4e00-\u9fff]")
# a period after 每 in its own fragment ("每满1年", "每工作满两年"): what a rate recurs over;
# "每天至少有一小时" names its period (天) first: the figure is the length within it
PER_PERIOD = re.compile(r"每(?!个?[天日周月年])[^，,。；;、\d]{0,6}$")
# the length of a named period asked ("保质期是多长", "产假有几天"): the period is the term
# ending in one of these characters
ASKS_PERIOD_LENGTH = re.compile(r"[期假限](?:是|有|为|一般)?(?:多长|多久|几年|几个月|几天|多少天)")
PERIOD_TERM = re.compile(r"[期假限]$")
# the start point a length is counted from, in the figure's own fragment ("自…起算之日起",
# "从…之日起"): a period named there is where the length starts, not what it measures
COUNTED_FROM = re.compile(r"[自从]([^，,。；;]{1,30}?)(?:起算)?(?:之日)?起[^，,。；;]{0,4}$")
# a figure a formula operates on ("已服务月数÷12个月", "月工资除以22天"): a term of the
# calculation, never a quantity the text states on its own
_OPERATOR = r"(?:[÷×＝=]|除以|乘以)"
FORMULA_BEFORE = re.compile(rf"{_OPERATOR}(?:[^，,。；;、\d]{{0,8}}[(（])?\s*$")
FORMULA_AFTER = re.compile(rf"^\s*{_OPERATOR}")
# a length a period is changed by ("延长缴费五年", "顺延三日"): the change, not the length asked,
# unless the question asks about that change itself
_CHANGE_VERBS = r"延长|增加|提高|缩短|减少|推迟|延期|顺延"
CHANGE_VERB = re.compile(_CHANGE_VERBS)
CHANGED_BY = re.compile(rf"(?:{_CHANGE_VERBS})[\u4e00-\u9fff]{{0,3}}$")
AT_MOST = ("以下", "以内", "及以下", "之内", "内")
AT_LEAST = ("以上", "及以上", "起")
RANGE_MARKS = "(?:至|到|—|-|~)"
_TIER_UNIT = rf"\s*个?({'|'.join(TIER_UNITS)})"
_TIER_MARK = "|".join(sorted((*AT_MOST, *AT_LEAST), key=len, reverse=True))
TIER_ASKED = re.compile(rf"{TIER_NUMBER}{_TIER_UNIT}")  # the question's own number: "2个人"
TIER_RANGE = re.compile(rf"{TIER_NUMBER}\s*{RANGE_MARKS}\s*{TIER_NUMBER}{_TIER_UNIT}")
TIER_BOUND = re.compile(rf"{TIER_NUMBER}{_TIER_UNIT}({_TIER_MARK})")
# a share as a band's bound ("超过百分之十不足百分之三十的", "超过20%的") and as the asker's own
# ("超速百分之二十"): 超过 opens a band, 不足 closes it below the figure
_SHARE_NUMBER = r"(?:百分之([零一二两三四五六七八九十百点]+)|(\d+(?:\.\d+)?)\s?[%％])"
SHARE_STATED = re.compile(_SHARE_NUMBER)
# a sum set as a share of another sum ("合同金额的百分之十", "租金总额的10%", a wage: "月工资的
# 百分之六十"): a sum stated
SHARE_OF_A_SUM = re.compile(rf"(?:价|额|金|费|款|资|酬|薪)的?{_SHARE_NUMBER}")
# a sum set as a multiple of another ("票价的三倍", "加收三倍票款", "押金的二倍"): a sum stated
MULTIPLE_OF_A_SUM = re.compile(
    r"(?:价|额|金|费|款|资)的?[一二两三四五六七八九十\d]+倍"
    r"|[一二两三四五六七八九十\d]+倍(?:以上|以下)?的?(?:票款|罚款|价款|费用|金额|赔偿|工资|租金|票价)"
)
SHARE_OVER = re.compile(rf"(?:超过|超出|高于|达到){_SHARE_NUMBER}")
SHARE_UNDER = re.compile(rf"(?:不足|不到|未达到|低于|未超过){_SHARE_NUMBER}")
SHARE_UNIT = "%"
# "已满1年不满10年的…；已满10年不满20年的…；已满20年的…": 满 is the band's lower bound,
# 不满 its upper one, which the band does not reach ("每满一年" counts, it bounds nothing)
# a bound written before its number ("低于二十摄氏度", "超过三个月"): below or above it, the
# number itself included only when "（含）" follows
TIER_BELOW_MARKS = ("低于", "少于", "小于", "不足", "不到", "未满", "不满")
TIER_ABOVE_MARKS = ("高于", "多于", "大于", "超过")
TIER_PREFIXED = re.compile(
    rf"({'|'.join((*TIER_BELOW_MARKS, *TIER_ABOVE_MARKS))}){TIER_NUMBER}{_TIER_UNIT}"
    r"([(（]含[)）])?"
)
TIER_REACHED = re.compile(
    rf"(?<![不每])满{TIER_NUMBER}{_TIER_UNIT}(?:不满{TIER_NUMBER}{_TIER_UNIT})?"
)

# The unit a sum is asked per ("每人每月能领多少", "一年最多给多少"): a sum stated per another
# unit, or per none, is another figure (a yearly total is not the monthly standard).
PER_TIME_UNITS = ("学年", "学期", "月", "年", "天", "日")
PER_UNITS = (*PER_TIME_UNITS, "人次", "人", "户", "次", "亩", "平方米")
# how askers say a unit that documents write in full ("多少钱一平米" for 每平方米)
SPOKEN_UNITS = {"平米": "平方米", "平方": "平方米"}
_ASKED_UNITS = alternation(*PER_UNITS, *SPOKEN_UNITS)
ASKED_PER_UNIT = re.compile(
    rf"(?<![满近快过超])(?:每|一)个?({_ASKED_UNITS})(?!性)"
    r"(?=[^，,。？?！!]{0,8}?(?:多少|几(?:元|块|百|千|万)))"
    # "多少钱一年": the unit after the asked sum
    rf"|(?<=多少)钱?(?:一|每)个?({_ASKED_UNITS})(?!性)"
)


def stated_per(unit: str) -> re.Pattern[str]:
    """How a sum per `unit` is written: 每月…元, 按月, 元/月, 元/人·月, 月均."""
    return re.compile(rf"每个?{unit}|按{unit}|/{unit}|·{unit}|{unit}均|{unit}人均")


# A year naming a document's version ("2012年修订的那部条例", "2019年印发的那份"), not the
# year a figure is asked for.
DOCUMENT_YEAR = re.compile(
    r"((?:19|20)\d{2})年?(?:\d{1,2}月)?(?:\d{1,2}日)?的?"
    r"(?:修正|修订|修改|印发|发布|出台|公布|通过|颁布|版|那份|那部|那个|那版)"
)

# A figure stated for one category or grade of several ("护理等级3-4级的…每月N元",
# "第一类对象每人每月N元"): it answers only an asker who names that category.
CATEGORY_MARK = re.compile(
    r"\d+(?:\s*[-—~至]\s*\d+)?级|第?[一二三四五六七八九十\d]{1,2}类(?!似|别|型)"
)

# The parties a contribution or a payment is stated for, one figure each ("用人单位按…百分之
# 八缴纳，职工个人按…百分之二缴纳"): a question naming one party is not answered by the
# other's figure. 职工 alone is no party (职工医保 is the insurance).
PAYING_PARTIES = (
    re.compile(r"个人|本人"),
    re.compile(r"单位|企业|雇主"),
)

# A bound asked ("至少消毒多久", "最多罚多少") and a figure stated as that bound:
# "不得少于三十分钟" is a lower bound, "不得超过十个小时" an upper one. When a sentence
# states both, the asked bound's figure answers.
ASKS_LOWER_BOUND = re.compile(r"至少|最少|起码|最低|最短|不少于|不低于")
ASKS_UPPER_BOUND = re.compile(r"至多|最多|最长|最久|最高|上限|不超过|不能超过|封顶")
LOWER_BOUND_BEFORE = re.compile(r"少于|低于|短于|至少|最少|最低|最短")
UPPER_BOUND_BEFORE = re.compile(r"超过|高于|多于|长于|最多|最长|最高|至多")
LOWER_BOUND_AFTER = re.compile(r"^(?:以上|及以上)")
ENDS_AS_MINIMUM = re.compile(r"(?:以上|及以上)$")
UPPER_BOUND_AFTER = re.compile(r"^(?:以下|以内|之内|内)")

# A sentence ending in a semicolon or comma goes on in the next; one ending in a colon leads
# in a list.
CONTINUED = frozenset("；;，,")
# A sentence whose figure holds for some items of the list before it only ("决定前款第一项、第三
# 项规定的事项，应当经三分之二以上…同意", "决定前款其他事项，…过半数…"): which item the
# asked matter is decides between such sentences, so neither states the asked figure alone
FOR_SOME_ITEMS = re.compile(
    r"(?:前款|本条|上述)(?:第[一二三四五六七八九十\d]+项(?:至第[一二三四五六七八九十\d]+项)?"
    r"|(?:其他|其余)(?:事项|各项))"
)
# A heavier penalty for not complying, after a semicolon ("…可以处一百元罚款；拒不改正的，
# 处五百元罚款"): the ladder goes on, and the asker may be on either rung
ESCALATION = re.compile(
    r"^(?:拒不改正|逾期不改正|逾期未改正|情节严重|情节较重|再次|屡次|多次|造成严重后果)[^，,；;。]{0,12}的"
)
LEADS_IN = frozenset("：:")
# The kinds of fact that are figures (asked with 多少/几/多久 …).
FIGURE_KINDS = frozenset({"amount", "count", "duration", "age"})
