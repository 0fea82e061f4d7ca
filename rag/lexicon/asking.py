"""How a question asks, beyond the fact it asks for: a document named by its year, a list
asked for (materials, conditions, steps) and how a clause leads into one, and the asker's own
situation told before the question."""

from __future__ import annotations

import re

from rag.lexicon.portal import DOCUMENT_KIND_WORDS

# a year a question names a document by ("2019年那份通知", "2012年修订的条例")
NAMED_YEAR = re.compile(r"((?:19|20)\d{2})年")

# What a question asks to have listed, and how a clause lists it: the materials to hand in,
# the conditions to qualify, the steps of a procedure. Such a clause is usually a lead-in
# ("应当提供下列材料：") with numbered items, and its words are rarely the asker's.
PASSAGES_ASKED: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "materials",
        re.compile(
            r"(?:带|准备|提交|提供|交|携带|出具)(?:哪些|什么|啥)|材料|资料|证件|证明材料|手续"
        ),
    ),
    (
        "conditions",
        re.compile(
            r"(?:什么|哪些|啥)(?:条件|要求|资格)|(?:条件|要求|资格)(?:是什么|有哪些)|够格|"
            r"(?:需要|要)(?:满足|符合|具备)|能不能申请|能申请吗|可以申请吗|能不能办|能办吗"
        ),
    ),
    (
        "procedure",
        re.compile(r"(?:怎么|如何|怎样)(?:办理|申请|申领|登记)|流程|步骤|程序|去哪里?办|在哪里?办"),
    ),
    (  # the cases a rule applies in: statutes enumerate them ("有下列情形之一的，…")
        "situations",
        re.compile(r"(?:哪些|哪几种|哪种|什么|啥)(?:情况|情形)"),
    ),
    (  # who pays for a loss and how much: the clause states the 赔偿
        "compensation",
        re.compile(r"(?:怎么|怎样|如何|要|得|会|谁来?|能)赔|赔(?:多少|钱|吗|不赔)|赔偿(?:多少|吗)"),
    ),
    (  # the consequence of breaking a rule: a 法律责任 clause states the penalty. "怎么处理"
        # asks it of conduct told before ("…会怎么处理", "被查了怎么处理", "…，怎么处理"); of a
        # thing ("旧电池怎么处理") or with a modal of duty ("该怎么处理") it asks what to do
        "penalty",
        re.compile(
            r"(?:怎么|怎样|如何)(?:罚|处罚)|(?:^|(?<=[会被了，,？?。！!\s]))(?:怎么|怎样|如何)"
            r"(?:处理|处置)|会被.{0,4}(?:罚|处罚|处理)|被罚|(?:什么|啥)(?:后果|责任|处罚)|"
            r"承担.{0,4}责任"
        ),
    ),
)
PASSAGES_STATED: dict[str, re.Pattern[str]] = {
    "materials": re.compile(
        r"(?:下列|以下|如下)[^。；;]{0,6}(?:材料|资料|证件)|材料[:：]|材料清单|原件|复印件|"
        # the papers named in a row after the verb of handing in ("提交户口簿、…照片")
        r"(?:提交|提供|出示|携带|凭)[^。；;，,]{0,12}(?:证明|证件|证书|凭证|发票|照片|相片)、"
    ),
    "conditions": re.compile(
        r"(?:下列|以下|如下)[^。；;]{0,4}条件|条件[:：]|应当具备|应当符合|须符合|须具备"
    ),
    "procedure": re.compile(r"(?:下列|以下|如下)程序|程序[:：]|步骤|流程[:：]"),
    "penalty": re.compile(r"罚款|处罚|吊销|没收|警告|责令[^。；;]{0,8}改正|依法追究"),
    "compensation": re.compile(r"赔偿|赔付"),
    "situations": re.compile(r"(?:下列|以下|如下)[^。；;]{0,4}(?:情形|情况)|情形之一"),
}

# What a clause states in one sentence, not in a lead-in and its items
ONE_SENTENCE = ("compensation",)

# The asker's own situation, told before the question ("我在外地上班两年了，…"): a
# clause opening in the first person that asks nothing. Its words are context, not the ask.
SITUATION = re.compile(r"^(?:我|咱|本人|家里|家中)")
# Where the told event happened ("在菜场门口路边", "在车间里"): a place an asker gives; the rule
# names its class (公共场所, 工作场所), so these words rank but are not the ask.
LOCATIVE = re.compile(
    r"在([\u4e00-\u9fff]{1,12}(?:里面|外面|旁边|周边|附近|门口|门前|里|内|边|旁))"
)
# The part of a city the asker is in ("市区", "主城区"): a document names its own zones
# (限养区, 禁放区域) or speaks for the whole city, so the word ranks but is not the ask
AREA_OF_A_PLACE = frozenset(
    {"市区", "城区", "主城区", "中心城区", "老城区", "市内", "城里", "郊区", "市中心"}
)
# A modal verb of the question ("必须办证吗", "只能网上办吗") asks whether the rule obliges or
# allows; a statute says so in its own words (应当, 不得, 可以), so the verb ranks but is not
# the ask
MODAL_VERBS = frozenset({"必须", "必需", "只能", "需要", "应该", "一定要", "得要", "务必"})
ASKING = re.compile(
    r"吗|呢|多少|多久|多长|何时|几|什么|怎么|怎样|如何|哪|能否|是否|可否|有没有|能不能|可不可以|[?？]"
)
CLAUSE_BREAK = re.compile(r"[，,；;。！!]")
# The thing an ask asks the quantity of, written right before the asking word ("满分多少",
# "押金是多少"): that ask's own focus, not the subject a later ask shares
ASKED_QUANTITY_AFTER = re.compile(r"(?:是|为|有|要|能|可以)?(?:多少|几|多久|多长|多大|多高)")
# Where a message's one ask ends and the next may begin: after a question mark or a full
# stop, after a yes/no question closed by its particle and a comma ("能减免吗，减多久"), and
# after a quantity asked right before a comma ("期限多长，能延长吗").
ASK_END = re.compile(
    r"(?<=[?？。！!])|(?<=吗[，,])|(?<=多少[，,])|(?<=多久[，,])|(?<=多长[，,])"
    r"|(?<=几[天年日次][，,])|(?<=几个[月人][，,])"
)

# A question names a document, not only its topic, when it writes a document kind (文种), a
# demonstrative or a reference to the text itself: "…补贴实施办法第五条", "那份通知",
# "…条例原文". A topic phrase that merely stands in some title ("停车费每小时多少") asks
# about the topic, whichever documents state it.
REFERS_TO_DOCUMENT = re.compile(
    DOCUMENT_KIND_WORDS.pattern
    + r"|(?<=[\u4e00-\u9fff]{2})法(?![律规人院定])"  # a law: "…保护法", not 法律/法规
    + r"|文件|那份|这份|那部|这部|文号|原文|全文|印发|发布|出台|第.{1,6}条"
)

# An A-not-A question ("算不算", "批不批准", "同意不同意") asks yes or no about A: the
# question word is A once, never a term "不算" no clause writes.
A_NOT_A = re.compile(r"([\u4e00-\u9fff]{1,2})[不没]\1")

# The asker says which group they are not in ("我不是在职职工", "不属于低保户"): the group names
# a band of the answer to leave out, never a word the answer's clause must write.
NEGATED_GROUP = re.compile(
    r"(?<![是属])(?:不是|不属于|并非|并不是)(?P<group>[\u4e00-\u9fff]{1,8}?)(?:的|了)?(?=[，,。；;！!？?\s]|$)"
)
# A band's label: an item opening with its group and a colon ("(一)在职职工：…", "2.其他人员:…").
BAND_LABEL = re.compile(
    r"^\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,3}[、.．])?"
    r"\s*(?P<label>[^：:，,。；;]{1,20})[：:]"
)

# The asker's own age ("我奶奶91岁了", "孩子5周岁"): a condition a band is chosen by, no topic.
STATED_AGE = re.compile(r"(?<![\d.])\d{1,3}(?:周岁|岁)(?:了|半)?")
# A sum of the asker's own case in spoken units ("我付的定金才80块", "花了三千块钱"): a
# condition the answer's figure is read against, no topic a clause must write.
STATED_SPOKEN_SUM = re.compile(r"(?<![\d.])\d+(?:\.\d+)?[千万]?(?:块钱|块)")
# An age the asker states is answered by a clause stating an age bound ("不满十八周岁",
# "六十周岁以上"): how documents write an age.
AGE_WRITTEN = ("周岁",)
# How a statute writes a fact of an asked kind, searched for beside the question's words: an
# age is stated in 周岁 ("年满六周岁的儿童"), whatever word the asker used (几岁, 多大)
KIND_WRITTEN: dict[str, tuple[str, ...]] = {"age": AGE_WRITTEN}

# A length of time asked for ("多少天内", "几个工作日", "几个月以内"): the unit is the
# answer's, no topic a clause must write.
ASKED_TIME_SPAN = re.compile(
    r"(?:(?:多少|几)个?(?:工作日|小时|分钟|天|日|周|个?月|年)|多久|多长时间)(?:内|以内|之内)?"
)
# How a hotline (12345) agent frames a caller's matter ("群众来电反映，…", "来电者称…"): who
# brought the question, no topic a clause must write
REPORTING_FRAME = re.compile(
    r"(?:市民|群众|居民|网友|村民|企业|商户|用户|有人)(?:来电|来信|来访|致电|留言)?"
    r"(?:反映|咨询|询问|求助)(?:称|说)?"
    r"|(?:市民|群众|居民|网友|村民|企业|商户|用户)(?:来电|来信|来访|致电|留言)(?:称|说)?"
    r"|(?:来电人|来电者|来信人)(?:称|说)?"
)
# An asking word inside a token ("扣几成", "第几名", "占百分之几"): the token is the asked figure
ASKING_WORD = re.compile(r"几|多少|哪")
# The day asked for ("每月几号前", "几月几号", "哪天"), likewise: left in, its characters
# were glued to the next word ("号前发放") and searched as a topic.
ASKED_DAY = re.compile(
    r"(?:每个?月)?(?:几月)?几[号日](?:之?前|以前)?|几月份?|哪一?天(?:之?前|以前)?"
)

# The asker says the agreement, or the rule, is silent on the point ("合同里没写的话",
# "没约定期限"): what is asked is the statute's default rule, not the pointer to the agreement
NOTHING_AGREED_ASKED = re.compile(
    r"没(?:有)?(?:约定|写|签|说|规定|明确)|未(?:约定|规定|写明|明确)|不约定|没谈"
)
# How a statute states its default rule: the case of no agreement or no rule ("合同未约定的，
# 按照…", "没有约定数额的，…", "约定不明确的", "法律、法规没有规定期限的")
DEFAULT_RULE = re.compile(
    r"(?:没有|未|未作|未予|未明确|无)[^，。；,;：:]{0,8}?(?:约定|规定)[^，。；,;：:]{0,6}?的"
    r"|约定不明确?的"
)


# The asker doing it themselves ("单位不肯办，我本人能去办吗"): of a clause giving one party's
# duty and then another's right, the individual's sentence answers.
ASKER_ACTS_THEMSELVES = re.compile(
    r"自己(?:还)?(?:能|可以|可不可以|能不能|去|来)|本人(?:还)?(?:能|可以|去)"
)
# A sentence's subject: what it writes before its modal verb, after a leading condition
# ("单位逾期未申报的，本人可以…" is the 本人's).
SENTENCE_SUBJECT = re.compile(
    r"^(?:[^。；;]*?的，)?(?P<subject>[^，,。；;]{1,30}?)(?:应当|可以|应|须|必须|有权|不得)"
)
# People, not organisations: the parties an individual asker is one of.
INDIVIDUAL_PARTY = re.compile(
    r"职工|劳动者|个人|本人|近亲属|当事人|申请人|消费者|旅游者|业主|居民|公民|村民|患者|家属|监护人"
)
