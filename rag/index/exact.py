"""Exact nearest neighbours among the few clauses a filter admits.

An HNSW search cannot walk only the nodes a filter admits: when the filter admits one
document's clauses (a question naming its law), it visits most of the graph before it has
found k of them (≈ 0.35 s at 164k clauses in Chroma 1.x, growing with the corpus). Reading
the admitted clauses' stored vectors and ranking them directly takes a few milliseconds for
one document, and is exact where the graph search is approximate.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from rag.protocol import SearchFilters

# Reading stored vectors costs ≈ 0.15 ms a clause (Chroma hands them over as Python lists):
# a few hundred are read before asking the graph; up to EXACT_MAX when the graph's
# unfiltered neighbours held too few that pass (a `where` walk costs more at that size).
EXACT_FIRST = 256
EXACT_MAX = 1024


@dataclass(frozen=True)
class RowPlaces:
    """The document and city of every indexed clause (the generation's rows.json), and the
    clauses of each document and city: what a filter admits, without asking Chroma."""

    places: dict[str, tuple[str, str]] = field(default_factory=dict)
    by_document: dict[str, list[str]] = field(default_factory=dict)
    by_city: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, rows_file: Path | None) -> RowPlaces:
        if rows_file is None:
            return cls()
        rows = json.loads(rows_file.read_text(encoding="utf-8"))
        return cls.of(rows["clause_ids"], rows["doc_ids"], rows["cities"])

    @classmethod
    def of(
        cls, clause_ids: Iterable[str], doc_ids: Iterable[str], cities: Iterable[str]
    ) -> RowPlaces:
        places: dict[str, tuple[str, str]] = {}
        by_document: dict[str, list[str]] = {}
        by_city: dict[str, list[str]] = {}
        for clause_id, doc_id, city in zip(clause_ids, doc_ids, cities, strict=True):
            places[clause_id] = (doc_id, city)
            by_document.setdefault(doc_id, []).append(clause_id)
            by_city.setdefault(city, []).append(clause_id)
        return cls(places, by_document, by_city)

    def __bool__(self) -> bool:
        return bool(self.places)

    def passes(self, clause_id: str, filters: SearchFilters) -> bool:
        doc_id, city = self.places.get(clause_id, ("", ""))
        return (not filters.cities or city in filters.cities) and (
            not filters.doc_ids or doc_id in filters.doc_ids
        )

    def admitted(self, filters: SearchFilters, most: int | None = None) -> list[str] | None:
        """The clauses passing `filters` (which restrict documents, cities or both); None when
        more than `most` may pass: a city of a large corpus admits hundreds of thousands,
        and listing them would cost more than the search they are for."""
        groups = self.by_document if filters.doc_ids else self.by_city
        keys = dict.fromkeys(filters.doc_ids or filters.cities)
        if most is not None and sum(len(groups.get(key, ())) for key in keys) > most:
            return None
        ids = (c for key in keys for c in groups.get(key, ()))
        return [c for c in ids if self.passes(c, filters)]


def nearest(
    collection: Any, vector: list[list[float]], clause_ids: list[str], k: int
) -> list[tuple[str, float]]:
    """The `k` of `clause_ids` closest to `vector` by cosine distance (Chroma's "cosine"
    space: 1 − cos), closest first, from the vectors stored in `collection`."""
    if not clause_ids or k <= 0:
        return []
    stored = collection.get(ids=clause_ids, include=["embeddings"])
    ids = list(stored["ids"])
    if not ids:
        return []
    matrix = np.asarray(stored["embeddings"], dtype=np.float32)
    query = np.asarray(vector[0], dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1) * float(np.linalg.norm(query))
    distances = 1.0 - (matrix @ query) / np.where(norms == 0, 1.0, norms)
    order = np.argsort(distances, kind="stable")[:k]
    return [(ids[i], float(distances[i])) for i in order]
