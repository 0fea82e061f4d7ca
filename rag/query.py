"""Query understanding: pure functions from a question to a `QueryPlan`.

What city or document the question names (a metadata filter, or a refusal for a city the
corpus does not cover), which fact it asks for, whether it wants a clause verbatim, and the
content terms (with domain synonyms) that retrieval and evidence scoring work on.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from rag.cities import cities_named, city_spans
from rag.jieba_tokens import segmenter
from rag.records import Document
from rag.synonyms import expand_term

FactKind = Literal[
    "clause_text",
    "comparison",
    "contact",
    "department",
    "date",
    "amount",
    "count",
    "yesno",
    "general",
]

# The kind of fact a question asks for, tried in this order (first hit wins).
_FACT_CUES: tuple[tuple[FactKind, str], ...] = (
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
        r"印发时间|哪个时间|多久|规划期|什么时间",
    ),
    (
        "amount",
        r"多少钱|多少万|多少资金|金额|最高.{0,6}多少|上限|封顶|补多少|奖多少|给多少|拿多少|"
        r"贴息多少|资助多少|(?:奖励|补助|补贴|资助|支持|贴息|奖补)(?:是)?多少|多少(?:奖励|补助|补贴)|"
        r"(?:什么|哪些|啥)(?:资金)?(?:支持|扶持|补贴|补助|奖励|资助|奖补)|"
        r"(?:补贴|补助|奖励|资助|奖补)(?:政策|标准)?[?？]?$",
    ),
    (
        "count",
        r"多少家|多少个|多少项|多少人|多少名|多少场|多少件|几家|几个|几项|目标|比例|比重|占比|"
        r"百分之|强度|增长多少|达到多少|多少以上|多少$|多少[?？]",
    ),
    ("yesno", r"是否|能否|能不能|可不可以|可以.{0,12}吗|有没有|会不会|算不算|吗[?？]?$"),
)

_COMPARISON_CUE = re.compile(
    r"对比|比较|区别|不同|差异|有何异同|各市|各地|哪个城市|哪些城市|几个城市|各个城市|两市|两地|分别"
)
_CLAUSE_REF = re.compile(r"第\s*([0-9]+|[一二三四五六七八九十百]+)\s*条")
_GREETING = re.compile(
    r"^(你好|您好|嗨|哈喽|hello|hi|hey|在吗|谢谢|多谢|感谢|再见|拜拜|早上好|晚上好|你是谁|你叫什么)"
    r"[!！。.?？~～ ]*$",
    re.IGNORECASE,
)

# Whole tokens that carry no content for retrieval or evidence scoring.
_STOP_TEXT = """
什么 多少 怎么 怎样 如何 哪些 哪个 哪里 哪 是否 有没有 有 没有 吗 呢 吧
啊 呀 哦 嘛 么 的 了 是 在 对 和 与 及 或 请问 请 一下 我 我们 你 您
想 问 知道 能 可以 会 都 还 那 那么 这 这个 那个 关于 方面 相关 具体
规定 政策 文件 里 中 上 要 需要 多 少 几 怎么样 啥 咋 为 被 把 让 该
其 之 就 也 又 以及 如果 时候 情况 内容 说 讲 提到 提出 写 原文 全文 条
第 一共 共 分别 各 个 家 给 能否 能不能 可不可以 谁 由 吗? 哪个部门
什么样 有何 啥样 是不是 还有 另外 其他 怎么办 有关 支持政策 措施 举措 市里
我市 本市 当地 城市 地方 所有 有哪些 多大 多长 多久 一样 不同 区别 对比
比较 差异 分别是 各地 各市 两市 两地 呢?
安排 要求 做法 怎么回事 做什么 干什么 是什么 有什么 哪一年 哪年 几年 什么样 应该 打算
能够 拿到 一共 一家 一个 一些 这些 那些 目前 现在 主要 哪里 由谁 多少钱 多少家 多少个
期间 时期 阶段 今后 未来几年 开展 进行
"""
_STOP_TOKENS = frozenset(_STOP_TEXT.split())
# Multi-character question words are cut out before segmentation: whatever dictionary the
# segmenter has, "什么" must not survive as "什" glued to its neighbours.
_STOP_PHRASES = re.compile(
    "|".join(map(re.escape, sorted((t for t in _STOP_TOKENS if len(t) > 1), key=len, reverse=True)))
)

_TARGET_CUE = re.compile(r"目标|力争|计划|打算|要达到|要(?:培育|引进|新增|形成|建设|发展|打造)")

_ISSUE_DATE = re.compile(
    r"(?:什么时候|何时|哪天|哪一天|哪年|几号)(?:正式)?(?:发布|印发|出台|公布|颁布|发的|出的)|"
    r"(?:发布|印发|出台|公布|颁布|发文)(?:的)?(?:时间|日期)"
)

_INHERITED_KINDS = ("contact", "department", "date", "amount", "count")

_DOC_HINTS = (
    "若干政策",
    "专项规划",
    "实施意见",
    "工作要点",
    "草案解读",
    "解读",
    "征求意见稿",
)
_DOC_HINT = re.compile("|".join(_DOC_HINTS))
# A hint also names a document by its kind when the title does not carry the word.
_HINT_KINDS = {"工作要点": "workplan", "专项规划": "plan", "解读": "interpretation"}


@dataclass(frozen=True)
class TermGroup:
    """One content term of the question and its accepted variants (synonyms, full forms)."""

    term: str
    variants: tuple[str, ...]


@dataclass(frozen=True)
class QueryPlan:
    question: str  # normalised question text
    cities: tuple[str, ...] = ()  # covered cities the question names
    foreign_cities: tuple[str, ...] = ()  # named cities the corpus does not cover
    doc_ids: tuple[str, ...] = ()  # documents the question names
    fact_kind: FactKind = "general"
    clause_number: str | None = None  # "8" for "…第8条原文"
    terms: tuple[TermGroup, ...] = field(default_factory=tuple)
    phrases: tuple[str, ...] = ()  # adjacent content-word pairs, for ranking
    wants_target: bool = False  # asks what is planned ("要达到", "目标"), not what was done
    greeting: bool = False
    asks_issue_date: bool = False  # "什么时候发布的": the document's own date, not a clause

    @property
    def search_text(self) -> str:
        """The question plus every synonym variant, for BM25 and the vector index."""
        extra = [v for group in self.terms for v in group.variants if v not in self.question]
        return " ".join([self.question, *dict.fromkeys(extra)])

    @property
    def names_scope(self) -> bool:
        return bool(self.cities or self.doc_ids or self.foreign_cities)


def normalise_question(text: str) -> str:
    """NFKC (full-width to half-width), one line, collapsed white space."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def analyse(question: str, documents: Sequence[Document]) -> QueryPlan:
    """Everything the retriever and the answerer need to know about one question."""
    text = normalise_question(question)
    covered = {d.city for d in documents if d.city}
    named = cities_named(text)
    cities = tuple(c for c in named if c in covered)
    foreign = tuple(c for c in named if c not in covered)
    clause_number = clause_reference(text)
    kind = fact_kind(text, cities, clause_number)
    return QueryPlan(
        question=text,
        cities=cities,
        foreign_cities=foreign,
        doc_ids=documents_named(text, documents, cities),
        fact_kind=kind,
        clause_number=clause_number,
        terms=content_terms(text),
        phrases=adjacent_phrases(text),
        wants_target=bool(_TARGET_CUE.search(text)),
        greeting=bool(_GREETING.match(text)),
        asks_issue_date=bool(_ISSUE_DATE.search(text)),
    )


def fact_kind(text: str, cities: Sequence[str], clause_number: str | None) -> FactKind:
    if clause_number:
        return "clause_text"
    if len(cities) >= 2 or _COMPARISON_CUE.search(text):
        return "comparison"
    for kind, cue in _FACT_CUES:
        if re.search(cue, text):
            return kind
    return "general"


def clause_reference(text: str) -> str | None:
    """ "第8条" / "第十四条" -> "8" / "14"."""
    match = _CLAUSE_REF.search(text)
    if not match:
        return None
    label = match.group(1)
    return label if label.isdigit() else str(chinese_numeral(label))


def chinese_numeral(text: str) -> int:
    """Chinese numerals up to the hundreds ("十四" -> 14, "二十" -> 20, "一百零三" -> 103)."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    total, current = 0, 0
    for char in text:
        if char in digits:
            current = digits[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def documents_named(
    text: str, documents: Sequence[Document], cities: Sequence[str]
) -> tuple[str, ...]:
    """Documents whose title shares a hint word the question uses (若干政策, 专项规划 …)."""
    hints = [h for h in _DOC_HINTS if h in text]
    if not hints:
        return ()
    kinds = {_HINT_KINDS[h] for h in hints if h in _HINT_KINDS}
    chosen = [d for d in documents if any(h in d.title for h in hints) or d.kind in kinds]
    if cities:
        chosen = [d for d in chosen if d.city in cities or d.city is None]
    return tuple(d.doc_id for d in chosen)


def content_terms(text: str) -> tuple[TermGroup, ...]:
    """Content words of the question (cities and question words removed), with variants."""
    groups: dict[str, TermGroup] = {}
    for term in _merged_tokens(_content_text(text)):
        if term not in groups:
            groups[term] = TermGroup(term, expand_term(term))
    return tuple(groups.values())


def adjacent_phrases(text: str) -> tuple[str, ...]:
    """Pairs of content words the question writes side by side ("概念验证" + "中心"):
    a passage holding the whole phrase is a closer match than one holding both apart."""
    phrases: list[str] = []
    for segment in re.split(r"[^\w]+", _content_text(text)):
        words = _merged_tokens(segment)
        phrases.extend(a + b for a, b in itertools.pairwise(words))
    return tuple(dict.fromkeys(p for p in phrases if len(p) <= 10))


def _content_text(text: str) -> str:
    stripped = _strip_spans(text, city_spans(text))
    stripped = re.sub(r"^(那么|那|还有|另外|请问)", "", stripped)
    stripped = _CLAUSE_REF.sub(" ", stripped)
    stripped = _DOC_HINT.sub(" ", stripped)  # names a document: a filter, not evidence
    return _STOP_PHRASES.sub(" ", stripped)


def _strip_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    for start, end in reversed(spans):
        text = text[:start] + " " + text[end:]
    return text


def _merged_tokens(text: str) -> list[str]:
    """jieba tokens minus stop words; runs of single characters are joined ("新"+"设" -> "新设")."""
    terms: list[str] = []
    run = ""
    for token in segmenter().lcut(text, HMM=False):
        token = token.strip()
        is_word = bool(token) and bool(re.search(r"[\w]", token)) and token not in _STOP_TOKENS
        if is_word and len(token) == 1:
            run += token
            continue
        if is_word and len(run) == 1:
            token = run + token  # "新" + "设立" -> "新设立"
        elif len(run) >= 2:
            terms.append(run)
        run = ""
        if is_word:
            terms.append(token.lower() if token.isascii() else token)
    if len(run) >= 2:
        terms.append(run)
    return terms


@dataclass(frozen=True)
class Scope:
    """What a turn was about: carried over to a follow-up that names nothing itself."""

    cities: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    fact_kind: str = "general"


def scope_of(plan: QueryPlan) -> Scope:
    return Scope(plan.cities, plan.doc_ids, plan.fact_kind)


def with_context(plan: QueryPlan, previous: Scope | None) -> QueryPlan:
    """A follow-up that names no city or document inherits the previous turn's scope."""
    if previous is None or plan.names_scope or plan.greeting:
        return plan
    if plan.clause_number:  # "第8条呢?" after "日照若干政策第14条原文": same document
        return replace(plan, cities=previous.cities, doc_ids=previous.doc_ids)
    kind = plan.fact_kind
    if kind == "general" and len(previous.cities) >= 2:
        kind = "comparison"
    elif kind == "general" and previous.fact_kind in _INHERITED_KINDS:
        kind = previous.fact_kind  # type: ignore[assignment]
    return replace(plan, cities=previous.cities, doc_ids=previous.doc_ids, fact_kind=kind)
