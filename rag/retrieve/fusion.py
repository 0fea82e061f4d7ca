"""Reciprocal-rank fusion: merge ranked lists from retrievers whose scores are not comparable."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rag.records import Hit

# BM25 scores and cosine distances live on different scales, so fusing ranks, not scores,
# needs no calibration between them. Why k is 60: `ScoringModel.rrf_k`.


def reciprocal_rank_fusion(
    rankings: Mapping[str, Sequence[Hit]], k: int, limit: int | None = None
) -> list[Hit]:
    """Fuse named rankings (best first): score = sum over lists of 1 / (k + rank), rank from 1.

    Each fused Hit keeps every list's rank in `ranks`; ties keep the first-seen order.
    """
    scores: dict[str, float] = {}
    ranks: dict[str, dict[str, int]] = {}
    first: dict[str, Hit] = {}
    for name, hits in rankings.items():
        for rank, hit in enumerate(hits, start=1):
            clause_id = hit.clause.clause_id
            if name in ranks.get(clause_id, {}):
                continue  # a list naming the same clause twice counts once
            first.setdefault(clause_id, hit)
            scores[clause_id] = scores.get(clause_id, 0.0) + 1.0 / (k + rank)
            ranks.setdefault(clause_id, {})[name] = rank
    order = sorted(first, key=lambda cid: -scores[cid])  # stable: ties keep first-seen order
    fused = [
        Hit(
            clause=first[cid].clause,
            score=scores[cid],
            ranks=ranks[cid],
            sentence=first[cid].sentence,
        )
        for cid in order
    ]
    return fused[:limit] if limit is not None else fused
