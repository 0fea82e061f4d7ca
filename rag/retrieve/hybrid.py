"""Hybrid retrieval: BM25 + vector, fused by RRF, re-ranked by evidence (rag.retrieve.rerank)."""

from __future__ import annotations

from collections.abc import Sequence

from rag.protocol import Retriever, SearchFilters
from rag.query.analysis import QueryPlan
from rag.records import Hit
from rag.retrieve.evidence import CompiledTerms, EvidenceModel
from rag.retrieve.fusion import reciprocal_rank_fusion
from rag.retrieve.neighbours import DocumentClauses, with_figure_neighbours
from rag.retrieve.rerank import Retrieved, rerank
from rag.retrieve.scoring import ScoringModel


class HybridRetriever:
    """Holds the two retrievers, the evidence model and the scoring model; ranking is pure."""

    def __init__(
        self,
        lexical: Retriever,
        vector: Retriever,
        evidence: EvidenceModel,
        scoring: ScoringModel,
        clauses_of: DocumentClauses | None = None,
    ) -> None:
        self.lexical = lexical
        self.vector = vector
        self.evidence = evidence
        self.scoring = scoring
        self.clauses_of = clauses_of  # a document's clauses, for the figures it states

    def search(self, plan: QueryPlan, k: int, filters: SearchFilters | None = None) -> Retrieved:
        filters = filters if filters is not None else plan_filters(plan)
        query = plan.search_text
        candidates = self.scoring.candidates
        rankings = {
            "bm25": self.lexical.search(query, candidates, filters),
            "vector": self.vector.search(query, candidates, filters),
        }
        fused = reciprocal_rank_fusion(rankings, self.scoring.rrf_k)
        if self.clauses_of is not None:
            scoring = self.scoring
            fused = with_figure_neighbours(
                fused, plan, self.clauses_of, scoring.figure_documents, scoring.figure_clauses
            )
        return rerank(fused, plan, self.evidence, k, self.scoring)

    def relevant(self, plan: QueryPlan, hits: Sequence[Hit]) -> list[Hit]:
        """The hits that share at least some of the question's words (vector search always
        returns neighbours, even for "😀")."""
        terms = CompiledTerms.build(plan.terms, self.evidence.weights)
        return [h for h in hits if terms.coverage(self.evidence.passage(h.clause)) > 0]


def plan_filters(plan: QueryPlan) -> SearchFilters | None:
    """The named documents (chosen within the named cities already), else the documents that
    apply in the named city, else the named cities'."""
    if plan.doc_ids or plan.scope_ids:
        return SearchFilters(doc_ids=plan.doc_ids or plan.scope_ids)
    if plan.cities:
        return SearchFilters(cities=plan.cities)
    return None
