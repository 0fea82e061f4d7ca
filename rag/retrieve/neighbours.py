"""The figures a best-matching document states: candidates for a question asking a figure.

The clause stating the asked figure often shares few words with the question: its subject is
named by the document's title and headings ("第六条 …应当自受理之日起10个工作日内办结"
under a title naming what is examined), while procedural clauses of the same document repeat
the asker's words. Both retrievers then rank it below their cut. So the clauses of the best
documents that state a figure of the asked kind and share a word with the question join the
candidates, each right after its document's best hit; evidence decides between them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rag.facts.spans import fact_span
from rag.query.analysis import QueryPlan
from rag.records import Clause, Hit

DocumentClauses = Callable[[str, int], Sequence[Clause]]  # (doc_id, most) -> its clauses
FIGURE_KINDS = ("amount", "count", "duration", "age", "date")


def with_figure_neighbours(
    fused: Sequence[Hit],
    plan: QueryPlan,
    clauses_of: DocumentClauses,
    documents: int,
    most_clauses: int,
) -> list[Hit]:
    if plan.fact_kind not in FIGURE_KINDS or not fused:
        return list(fused)
    seen = {hit.clause.clause_id for hit in fused}
    firsts: dict[str, Hit] = {}
    for hit in fused:
        firsts.setdefault(hit.clause.doc_id, hit)
        if len(firsts) == documents:
            break
    words = [v for group in plan.terms for v in group.variants]
    brought: dict[str, list[Hit]] = {}
    for doc_id, first in firsts.items():
        for clause in clauses_of(doc_id, most_clauses):
            if clause.clause_id in seen or not any(w in clause.text for w in words):
                continue
            if fact_span(plan.fact_kind, clause.text, (), plan.question) is None:
                continue
            seen.add(clause.clause_id)
            brought.setdefault(first.clause.clause_id, []).append(Hit(clause, first.score))
    merged: list[Hit] = []
    for hit in fused:
        merged.append(hit)
        merged.extend(brought.get(hit.clause.clause_id, ()))
    return merged
