"""A clause covering the question clearly better than the top-ranked one goes above it,
unless the top one does not answer (a reordering never turns a refusal into an answer)."""

from __future__ import annotations

from rag.records import Clause, Hit
from rag.retrieve.rerank import _evidence_leader_first, _Scored
from rag.retrieve.scoring import ScoringModel


def scored(name: str, score: float, evidence: float) -> _Scored:
    clause = Clause(clause_id=name, doc_id="d", path=(), number=None, heading=None,
                    text=name, start=0, end=len(name), ordinal=0)  # fmt: skip
    return _Scored(score, evidence, Hit(clause, score))


def order(items: list[_Scored]) -> list[str]:
    return [item.hit.clause.clause_id for item in _evidence_leader_first(items, ScoringModel())]


def test_a_clearly_better_covering_clause_goes_first() -> None:
    ranked = [scored("top", 0.9, 0.5), scored("next", 0.8, 0.5), scored("leader", 0.6, 0.8)]
    assert order(ranked) == ["leader", "top", "next"]


def test_a_small_lead_changes_nothing() -> None:
    ranked = [scored("top", 0.9, 0.5), scored("close", 0.6, 0.6)]
    assert order(ranked) == ["top", "close"]


def test_a_refusal_stays_a_refusal() -> None:
    threshold = ScoringModel().evidence_threshold
    ranked = [scored("top", 0.9, threshold - 0.2), scored("leader", 0.5, threshold + 0.01)]
    assert order(ranked) == ["top", "leader"]
