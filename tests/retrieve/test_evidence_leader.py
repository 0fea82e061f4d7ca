"""A clause covering the question clearly better than the top-ranked one goes above it; over
a top one that does not answer, only by twice that lead (a refusal turns into an answer
only when the evidence says so plainly)."""

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


def test_a_refusal_stays_a_refusal_by_a_common_lead() -> None:
    model = ScoringModel()
    below = model.evidence_threshold - 0.05
    lead = model.evidence_lead * 1.5
    ranked = [scored("top", 0.9, below), scored("leader", 0.5, below + lead)]
    assert order(ranked) == ["top", "leader"]


def test_a_refusal_gives_way_to_a_clause_leading_by_twice_as_much() -> None:
    model = ScoringModel()
    below = model.evidence_threshold - 0.05
    ranked = [scored("top", 0.9, below), scored("leader", 0.5, below + model.evidence_lead * 2.1)]
    assert order(ranked) == ["leader", "top"]
