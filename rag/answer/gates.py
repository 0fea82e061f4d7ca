"""Answer gates: when the best-ranked clause must not be presented as the answer.

A clause can rank first and still answer another question: it does not name the question's
most specific subject, or an amount question's clause names no sum at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rag.facts.spans import asked_unit, fact_span, in_the_asked_time_unit
from rag.lexicon import figures
from rag.lexicon.asking import CLAUSE_BREAK
from rag.lexicon.cues import ASKED_TIME_UNIT, LISTED_UNDER_HEAD, OUTCOME_HEADS
from rag.lexicon.units import (
    ASKED_COUNT,
    GENERIC_MEASURE,
    POINTS,
    SAME_COUNT,
    WORDED_COUNTED,
    alternation,
)
from rag.query.abbreviations import CorpusTerms
from rag.query.analysis import QueryPlan
from rag.query.terms import TermGroup, subject_groups
from rag.records import Clause, Hit
from rag.retrieve.evidence import (
    CompiledTerms,
    EvidenceModel,
    TermWeights,
    bigrams,
    term_weight,
)
from rag.retrieve.rerank import Retrieved
from rag.retrieve.scoring import ScoringModel
from rag.text.segment import is_dictionary_word

LISTED_STEM_CHARS = 2  # a stem shorter than this is no item of a list of compounds
LISTED_REACH = 20  # characters from the item to the list's closing "等 + head"


def missing_key_term(
    plan: QueryPlan,
    hit: Hit,
    model: EvidenceModel,
    scoring: ScoringModel,
    corpus_terms: CorpusTerms | None = None,
    asked_only: bool = False,
) -> str | None:
    """The question's most specific subject term that the best passage does not name
    ("孵化器" when the best clause is about 研发费用补助): that clause answers some other
    question, so it must not be presented as the answer. The longest such term is the most
    specific one.

    Only names the corpus uses count: at least `scoring.key_term_chars` characters once the
    segmenter's glue is off ("项重大" is "重大"), every character pair found in the corpus
    and, where the corpus vocabulary is known, a word the corpus writes (not a run of
    characters the segmenter glued together) — or a dictionary word it never writes, in any
    variant, nor its head (`_foreign_word`): a thing no indexed document speaks of. A
    passage naming the term's full form (公共租赁住房 for 公租房) names the term.
    `asked_only`: of a question that sets a scene before it asks, only the asked part's
    terms count.
    """
    chars = scoring.key_term_chars
    groups = subject_groups(plan.terms)
    known = [g for g in groups if _is_key_term(g, model.weights, corpus_terms, chars)]
    part = asking_part(plan.question)
    if asked_only and part != plan.question:  # a scene is set first: the ask's words decide
        known = [g for g in known if any(v in part for v in (g.term, *g.variants))]
    if not known:
        return None
    key = max(known, key=lambda g: (len(g.term), term_weight(g.term, model.weights)))
    passage = model.passage(hit.clause).lower()
    if any(_mostly_in(v.lower(), passage) for v in key.variants):
        return None
    if _listed_under_its_head(key.term, passage) or _outcome_named_otherwise(key.term, passage):
        return None
    full = corpus_terms.full_forms(key.term, written_too=True) if corpus_terms else ()
    if any(f in passage for f in full):
        return None
    if corpus_terms and _named_by_its_defined_term(key, hit.clause, passage, corpus_terms):
        return None
    head = _head(key.term, corpus_terms, scoring.head_chars) if corpus_terms else None
    # in the clause's own words: a title names its kind of thing for every clause
    return None if head and head in hit.clause.text else key.term


def _named_by_its_defined_term(
    key: TermGroup, clause: Clause, passage: str, corpus_terms: CorpusTerms
) -> bool:
    """The clause writes the term its document defines as covering the key term (a clause on
    养护机构 names 养老院 in a statute defining 养护机构 as 养老院、护理院…)."""
    for variant in key.variants:
        defined = corpus_terms.kind_of(clause.doc_id, variant)
        if defined and defined.lower() in passage:
            return True
    return False


def _listed_under_its_head(term: str, passage: str) -> bool:
    """The term's stem is an item of a list the passage closes with the term's head: "免收停车、
    充电…等费用" names 停车费 (a Chinese list of compounds with one head writes the head once,
    after "等")."""
    stem, head = term[:-1], term[-1]
    if len(stem) < LISTED_STEM_CHARS:
        return False
    listed = LISTED_UNDER_HEAD.format(
        stem=re.escape(stem), head=re.escape(head), reach=LISTED_REACH
    )
    return re.search(listed, passage) is not None


def _outcome_named_otherwise(term: str, passage: str) -> bool:
    """The outcome of a procedure asked by one head and written with another ("调查结果" of a
    passage writing "调查决定"): the same outcome."""
    for head in OUTCOME_HEADS:
        stem = term[: -len(head)]
        if term.endswith(head) and len(stem) >= LISTED_STEM_CHARS:
            return any(stem + other in passage for other in OUTCOME_HEADS if other != head)
    return False


def _head(term: str, corpus_terms: CorpusTerms, shortest: int) -> str | None:
    """The longest word of at least `shortest` characters the corpus writes that ends the
    term: what kind of thing it names (a Chinese compound ends in its head: 博物馆 of 国家博物馆,
    医院 of 儿童医院)."""
    for start in range(1, len(term) - shortest + 1):
        if corpus_terms.knows(term[start:]):
            return term[start:]
    return None


def asking_part(question: str) -> str:
    """The last part of a question that sets a scene first ("我们店刚搬了地址，营业执照多久内
    要变更？"): what is asked about is named there."""
    parts = [p for p in CLAUSE_BREAK.split(question.rstrip("?？ ")) if p.strip()]
    return parts[-1] if parts else question


def _is_key_term(
    group: TermGroup, weights: TermWeights, corpus_terms: CorpusTerms | None, min_chars: int
) -> bool:
    frequency = weights.document_frequency
    cores = [figures.GLUE.sub("", v.lower()) for v in group.variants]
    known = [c for c in cores if len(c) >= min_chars and all(g in frequency for g in bigrams(c))]
    if corpus_terms is None:
        return bool(known)
    if any(corpus_terms.knows(c) for c in known):
        return True
    return _foreign_word(group, corpus_terms, min_chars)


def _foreign_word(group: TermGroup, corpus_terms: CorpusTerms, min_chars: int) -> bool:
    """A dictionary word the corpus never writes, in any of its variants, and whose head
    (a Chinese compound ends in it: 医院 of 儿童医院) the corpus does not write
    either: a thing the indexed documents do not speak of."""
    term = group.term
    if len(term) < min_chars or not is_dictionary_word(term):
        return False
    if any(corpus_terms.writes(v) for v in group.variants):
        return False
    return _head(term, corpus_terms, 2) is None


def _mostly_in(word: str, passage: str) -> bool:
    """The word, or two thirds of its character pairs ("科技金融" in "科技财政金融")."""
    pairs = bigrams(word)
    return word in passage or sum(p in passage for p in pairs) * 3 >= len(pairs) * 2


def asks_a_length(plan: QueryPlan) -> bool:
    """A length of time asked in its unit ("多少个工作日", "几个小时"): a number is asked,
    where "多久" may be answered by "当场" or "及时"."""
    return plan.fact_kind == "duration" and bool(ASKED_TIME_UNIT.search(plan.question))


def states_a_length(clause: Clause, question: str) -> bool:
    """Whether a clause writes a length of time (a number with its unit of time) in the unit
    the question asks, if it names one."""
    return writes_a_length(clause.text, question)


def writes_a_length(text: str, question: str) -> bool:
    """Whether a text writes a length of time in the unit the question asks, if it names one."""
    found = (*figures.DURATION.finditer(text), *figures.DAYS_PAST_A_BOUND.finditer(text))
    return any(in_the_asked_time_unit(m.group(), question) for m in found)


def asks_how_often(plan: QueryPlan) -> bool:
    """ "多久要更换一次": an interval asked, answered by a clause stating one (每两年, 定期)."""
    return bool(figures.INTERVAL_ASKED.search(plan.question))


def states_an_interval(clause: Clause) -> bool:
    return figures.INTERVAL_STATED.search(clause.text) is not None


def asks_how_much(plan: QueryPlan) -> bool:
    """ "补贴多少钱", "最高奖励多少": a sum is asked, not what kind of support there is."""
    return plan.fact_kind == "amount" and bool(figures.HOW_MUCH.search(plan.question))


def states_any_amount(clause: Clause) -> bool:
    """Whether a clause names any sum of money: an amount question answered by a clause
    that names none is answered by something else."""
    return states_any_amount_in(clause.text)


def states_any_amount_in(text: str) -> bool:
    """Whether a text names any sum of money."""
    # a sum may be set as a share of another sum ("不得超过合同金额的百分之十")
    # or as a multiple of one ("按照票价的三倍加收")
    return fact_span("amount", text, ()) is not None or bool(
        figures.SHARE_OF_A_SUM.search(text) or figures.MULTIPLE_OF_A_SUM.search(text)
    )


def asks_a_share(plan: QueryPlan) -> bool:
    """ "费率是百分之几", "比例是多少": a share or rate is asked, not what it is about."""
    question = plan.question
    return plan.fact_kind == "count" and bool(
        figures.ASKED_SHARE.search(question) and figures.HOW_MUCH.search(question)
    )


def asks_a_score(plan: QueryPlan) -> bool:
    """ "考核要得几分": a score is asked, answered by a figure in points only."""
    return plan.fact_kind == "count" and asked_unit(plan.question) == POINTS


def asks_a_counted_unit(plan: QueryPlan) -> bool:
    """ "多少家", "几个", "多少名": a number of things is asked in its measure word."""
    unit = asked_unit(plan.question) if plan.fact_kind == "count" else None
    return unit in ASKED_COUNT and unit != POINTS


def writes_the_asked_count(clause: Clause, plan: QueryPlan) -> bool:
    """Whether a clause writes any number in the asked measure word (名 or 人 for 多少人, any
    for 几个), whatever the direct answer may quote of it."""
    unit = asked_unit(plan.question) or GENERIC_MEASURE
    units = WORDED_COUNTED if unit == GENERIC_MEASURE else SAME_COUNT.get(unit, (unit,))
    return re.search(figures.NUMBER_BEFORE + alternation(*units), clause.text) is not None


def states_the_asked_count(clause: Clause, plan: QueryPlan) -> bool:
    """Whether a clause states a figure in the unit asked (a figure in 名 or 人 for 多少人)."""
    return fact_span("count", clause.text, plan.terms, plan.question) is not None


def states_a_share(clause: Clause) -> bool:
    """Whether a clause states any share or rate (百分之五, 5%, 千分之三, 三成)."""
    return figures.SHARE_FIGURE.search(clause.text) is not None


def covering_hits(
    retrieved: Retrieved,
    terms: CompiledTerms,
    model: EvidenceModel,
    floor: float,
    start: int,
    reach: int,
) -> Iterator[Hit]:
    """The hits from `start` up to `reach` whose passage covers the question's terms at least
    to `floor`: the candidates that answer the question about as well as an answer must."""
    for hit in retrieved.hits[start:reach]:
        if terms.coverage(model.passage(hit.clause)) >= floor:
            yield hit
