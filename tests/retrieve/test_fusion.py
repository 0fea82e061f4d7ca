"""Reciprocal-rank fusion on hand-built hits."""

from __future__ import annotations

import pytest

from rag.records import Clause, Hit
from rag.retrieve.fusion import reciprocal_rank_fusion
from rag.retrieve.scoring import ScoringModel

RRF_K = ScoringModel().rrf_k


def clause(name: str) -> Clause:
    return Clause(
        clause_id=name,
        doc_id="d",
        path=(),
        number=None,
        heading=None,
        text=name,
        start=0,
        end=len(name),
        ordinal=0,
    )


def hits(*names: str) -> list[Hit]:
    return [Hit(clause=clause(n), score=100.0 - i) for i, n in enumerate(names)]


def test_agreement_beats_a_single_first_place() -> None:
    fused = reciprocal_rank_fusion(
        {"bm25": hits("a", "b", "c"), "vector": hits("d", "b", "a")}, RRF_K
    )
    order = [h.clause.clause_id for h in fused]
    # a: ranks 1 and 3; b: ranks 2 and 2 -> 1/61 + 1/63 > 2/62, so a leads, d and c trail
    assert order == ["a", "b", "d", "c"]


def test_scores_and_ranks_are_reported() -> None:
    fused = reciprocal_rank_fusion({"bm25": hits("a", "b"), "vector": hits("b")}, RRF_K)
    by_id = {h.clause.clause_id: h for h in fused}
    assert by_id["b"].score == pytest.approx(1 / (RRF_K + 2) + 1 / (RRF_K + 1))
    assert by_id["b"].ranks == {"bm25": 2, "vector": 1}
    assert by_id["a"].ranks == {"bm25": 1}


def test_duplicates_in_one_list_count_once_and_limit_applies() -> None:
    fused = reciprocal_rank_fusion({"bm25": hits("a", "a", "b")}, RRF_K, limit=1)
    assert [h.clause.clause_id for h in fused] == ["a"]
    assert fused[0].score == pytest.approx(1 / (RRF_K + 1))


def test_ties_keep_first_seen_order_and_empty_input_is_empty() -> None:
    fused = reciprocal_rank_fusion({"bm25": hits("x"), "vector": hits("y")}, RRF_K)
    assert [h.clause.clause_id for h in fused] == ["x", "y"]
    assert reciprocal_rank_fusion({"bm25": [], "vector": []}, RRF_K) == []
