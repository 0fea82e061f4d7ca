"""Hybrid retrieval: BM25 + vector, fused by RRF, re-ranked by evidence, best sentence picked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rag.facts.spans import fact_span
from rag.protocol import Retriever, SearchFilters
from rag.query.analysis import QueryPlan
from rag.records import Clause, Hit, Sentence
from rag.retrieve.evidence import CompiledTerms, EvidenceModel
from rag.retrieve.fusion import reciprocal_rank_fusion
from rag.text.sentences import TITLE_CHARS, clause_title

# Share of the fused score that comes from term evidence; the rest from the RRF rank.
# Measured on the golden set (see README, "Answering and evaluation").
EVIDENCE_WEIGHT = 0.6

# Below this evidence the top clause does not answer the question and we refuse. Calibrated
# on the golden set's answerable vs unanswerable questions (see README).
EVIDENCE_THRESHOLD = 0.45

CANDIDATES = 30  # per retriever, before fusion
_FIGURE = re.compile(r"\d")
FACT_BONUS = 0.1  # a passage stating the kind of fact asked (measured on the golden set)
# Inside one clause every sentence is on topic: the one stating the asked kind of fact
# (the amount, the date …) is the answer even when the clause title covers more words.
SENTENCE_FACT_BONUS = 0.3
_SENTENCE_FACTS = ("amount", "count", "date", "contact")
PHRASE_BONUS = 0.05
RANK_DECAY = 0.1
SENTENCE_STAGE = 10  # candidates scored sentence by sentence
SUPPORT_SHARE = 0.6  # a second sentence must cover this share of what the best one covers
TARGET_BONUS = 0.05
CONTEXT_BONUS = 0.2  # a follow-up's clause on the previous turn's subject (measured)
_PLANNED = re.compile(r"力争|目标|争取|以上|到20\d\d年|20\d\d年前")
_ACHIEVED = re.compile(r"十三五|截至|截止|已经|共有|分别为|分别达到")


@dataclass(frozen=True)
class Retrieved:
    """Ranked hits (best first) and the evidence of the best one."""

    hits: tuple[Hit, ...]
    evidence: float
    support: Sentence | None = None  # a second sentence of the best clause worth quoting

    @property
    def confident(self) -> bool:
        return bool(self.hits) and self.evidence >= EVIDENCE_THRESHOLD


class HybridRetriever:
    """Holds the two retrievers and the evidence model; the ranking logic is pure."""

    def __init__(self, lexical: Retriever, vector: Retriever, evidence: EvidenceModel) -> None:
        self.lexical = lexical
        self.vector = vector
        self.evidence = evidence

    def search(self, plan: QueryPlan, k: int, filters: SearchFilters | None = None) -> Retrieved:
        filters = filters if filters is not None else plan_filters(plan)
        query = plan.search_text
        rankings = {
            "bm25": self.lexical.search(query, CANDIDATES, filters),
            "vector": self.vector.search(query, CANDIDATES, filters),
        }
        fused = reciprocal_rank_fusion(rankings)
        return rerank(fused, plan, self.evidence, k)

    def relevant(self, plan: QueryPlan, hits: Sequence[Hit]) -> list[Hit]:
        """The hits that share at least some of the question's words (vector search always
        returns neighbours, even for "😀")."""
        terms = CompiledTerms.build(plan.terms, self.evidence.weights)
        return [h for h in hits if terms.coverage(self.evidence.passage(h.clause)) > 0]


def plan_filters(plan: QueryPlan) -> SearchFilters | None:
    if not plan.cities and not plan.doc_ids:
        return None
    return SearchFilters(cities=plan.cities, doc_ids=plan.doc_ids)


def rerank(fused: Sequence[Hit], plan: QueryPlan, model: EvidenceModel, k: int) -> Retrieved:
    """Blend evidence and fused rank, attach the best sentence, keep the top k.

    Two stages for speed: every candidate gets the clause-level score; only the best
    SENTENCE_STAGE of them are scored sentence by sentence.
    """
    if not fused:
        return Retrieved((), 0.0)
    terms = CompiledTerms.build(plan.terms, model.weights)
    context = CompiledTerms.build(plan.context, model.weights)
    first: list[tuple[float, float, Hit]] = []
    for position, hit in enumerate(fused):
        passage = model.passage(hit.clause)
        evidence = terms.coverage(passage)
        score = EVIDENCE_WEIGHT * evidence + (1 - EVIDENCE_WEIGHT) * rank_share(position)
        score += CONTEXT_BONUS * context.coverage(passage)
        first.append((score + PHRASE_BONUS * phrase_share(plan, passage), evidence, hit))
    first.sort(key=lambda item: -item[0])
    scored: list[tuple[float, float, Hit]] = []
    for score, evidence, hit in first[: max(k, SENTENCE_STAGE)]:
        sentence = best_sentence(hit.clause, plan, terms)
        if sentence is not None:
            score += sentence_bonus(sentence.text, plan, title=clause_title(hit.clause))
        scored.append((score, evidence, replace(hit, score=score, sentence=sentence)))
    scored.sort(key=lambda item: -item[0])
    best = scored[:k]
    support = supporting_sentence(best[0][2], plan, terms)
    return Retrieved(tuple(hit for _, _, hit in best), best[0][1], support)


def rank_share(position: int) -> float:
    """The fused rank as a score in (0, 1]: 1, 0.91, 0.83 … RRF scores themselves are nearly
    flat over the first ranks (k=60), so they would let evidence alone decide the order."""
    return 1.0 / (1.0 + RANK_DECAY * position)


def supporting_sentence(hit: Hit, plan: QueryPlan, terms: CompiledTerms) -> Sentence | None:
    """For an open question ("有哪些改革"), the clause's next most relevant sentence, when it
    is nearly as relevant as the best one: the answer then quotes both."""
    if plan.fact_kind not in ("general", "yesno") or hit.sentence is None:
        return None
    best = terms.coverage(hit.sentence.text)
    others = [
        s
        for s in hit.clause.sentences
        if s != hit.sentence and len(s.text) >= TITLE_CHARS and not s.text.startswith(("(", "（"))
    ]
    if not others or best <= 0:
        return None
    runner_up = max(others, key=lambda s: terms.coverage(s.text))
    share = terms.coverage(runner_up.text) / best
    return runner_up if share >= SUPPORT_SHARE else None


def best_sentence(clause: Clause, plan: QueryPlan, terms: CompiledTerms) -> Sentence | None:
    """The clause sentence covering most of the question; on near-ties the informative one."""
    if not clause.sentences:
        return None
    title = clause_title(clause)
    return max(clause.sentences, key=lambda s: sentence_score(s.text, plan, terms, title))


def sentence_score(text: str, plan: QueryPlan, terms: CompiledTerms, title: str = "") -> float:
    # A bare title sentence ("构建科技企业“梯次孵化”体系。") covers words but says nothing;
    # a sentence stating a figure usually carries the substance of the clause.
    informative = 0.05 if _FIGURE.search(text) else 0.0
    terse = 0.0
    if len(text) < TITLE_CHARS:  # a title never states the amount or date a question asks
        terse = 0.25 if plan.fact_kind in _SENTENCE_FACTS else 0.05
    bonus = sentence_bonus(text, plan, SENTENCE_FACT_BONUS, title)
    return terms.coverage(text) + informative - terse + bonus


def sentence_bonus(text: str, plan: QueryPlan, fact_bonus: float = 0.0, title: str = "") -> float:
    """A sentence stating the kind of fact asked (an amount, a date …) is what a fact
    question wants; a target question wants a plan ("力争…以上"), not a past record."""
    bonus = (fact_bonus or FACT_BONUS) if states_fact(plan, text, title) else 0.0
    if plan.wants_target:
        bonus += TARGET_BONUS if _PLANNED.search(text) else 0.0
        bonus -= TARGET_BONUS if _ACHIEVED.search(text) else 0.0
    return bonus


def phrase_share(plan: QueryPlan, passage: str) -> float:
    if not plan.phrases:
        return 0.0
    lowered = passage.lower()
    return sum(p in lowered for p in plan.phrases) / len(plan.phrases)


def states_fact(plan: QueryPlan, text: str, title: str = "") -> bool:
    """The sentence provably states the asked fact (the direct answer's rules: the asked
    subject and year, no unmapped enumeration); `title` is its clause's title sentence."""
    if plan.fact_kind not in _SENTENCE_FACTS:
        return False
    found = fact_span(
        plan.fact_kind, text, plan.terms, plan.question, strict=True, context=title + text
    )
    return found is not None
