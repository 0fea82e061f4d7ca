"""Hybrid retrieval: BM25 + vector, fused by RRF, re-ranked by evidence, best sentence picked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rag.evidence import TermWeights, coverage
from rag.fusion import reciprocal_rank_fusion
from rag.protocol import Retriever, SearchFilters
from rag.query import QueryPlan, TermGroup
from rag.records import PATH_SEPARATOR, Clause, Hit, Sentence

# Share of the fused score that comes from term evidence; the rest from the RRF rank.
# Measured on the golden set (see README, "Answering and evaluation").
EVIDENCE_WEIGHT = 0.7

# Below this evidence the top clause does not answer the question and we refuse. Calibrated
# on the golden set's answerable vs unanswerable questions (see README).
EVIDENCE_THRESHOLD = 0.5

CANDIDATES = 30  # per retriever, before fusion
_FIGURE = re.compile(r"\d")


@dataclass(frozen=True)
class Retrieved:
    """Ranked hits (best first) and the evidence of the best one."""

    hits: tuple[Hit, ...]
    evidence: float

    @property
    def confident(self) -> bool:
        return bool(self.hits) and self.evidence >= EVIDENCE_THRESHOLD


class HybridRetriever:
    """Holds the two retrievers and the corpus term weights; the ranking logic is pure."""

    def __init__(self, lexical: Retriever, vector: Retriever, weights: TermWeights) -> None:
        self.lexical = lexical
        self.vector = vector
        self.weights = weights

    def search(self, plan: QueryPlan, k: int, filters: SearchFilters | None = None) -> Retrieved:
        filters = filters if filters is not None else plan_filters(plan)
        query = plan.search_text
        rankings = {
            "bm25": self.lexical.search(query, CANDIDATES, filters),
            "vector": self.vector.search(query, CANDIDATES, filters),
        }
        fused = reciprocal_rank_fusion(rankings)
        return rerank(fused, plan.terms, self.weights, k)


def plan_filters(plan: QueryPlan) -> SearchFilters | None:
    if not plan.cities and not plan.doc_ids:
        return None
    return SearchFilters(cities=plan.cities, doc_ids=plan.doc_ids)


def rerank(
    fused: Sequence[Hit], terms: Sequence[TermGroup], weights: TermWeights, k: int
) -> Retrieved:
    """Blend evidence and fused rank, attach the best sentence, keep the top k."""
    if not fused:
        return Retrieved((), 0.0)
    top_rrf = max(hit.score for hit in fused)
    scored: list[tuple[float, float, Hit]] = []
    for hit in fused:
        evidence = clause_evidence(hit.clause, terms, weights)
        score = EVIDENCE_WEIGHT * evidence + (1 - EVIDENCE_WEIGHT) * hit.score / top_rrf
        sentence = best_sentence(hit.clause, terms, weights)
        scored.append((score, evidence, replace(hit, score=score, sentence=sentence)))
    scored.sort(key=lambda item: -item[0])
    best = scored[:k]
    return Retrieved(tuple(hit for _, _, hit in best), best[0][1])


def clause_evidence(clause: Clause, terms: Sequence[TermGroup], weights: TermWeights) -> float:
    """Evidence over the clause text and the headings above it (they name its topic)."""
    return coverage(terms, clause_search_text(clause), weights)


def clause_search_text(clause: Clause) -> str:
    return PATH_SEPARATOR.join(clause.path) + "\n" + clause.text


def best_sentence(
    clause: Clause, terms: Sequence[TermGroup], weights: TermWeights
) -> Sentence | None:
    """The clause sentence covering most of the question; on near-ties the informative one."""
    if not clause.sentences:
        return None
    return max(clause.sentences, key=lambda s: sentence_score(s.text, terms, weights))


def sentence_score(text: str, terms: Sequence[TermGroup], weights: TermWeights) -> float:
    # A bare title sentence ("构建科技企业“梯次孵化”体系。") covers words but says nothing;
    # a sentence stating a figure usually carries the substance of the clause.
    informative = 0.05 if _FIGURE.search(text) else 0.0
    terse = 0.05 if len(text) < 20 else 0.0
    return coverage(terms, text, weights) + informative - terse
