"""`VectorIndex`: the `Retriever` over the Chroma collections of clause vectors (one, or
the shards an embedded build wrote: each is searched and the nearest of all are kept).

The collections are opened (in the background when asked) and searched here; the client,
collection names and writing live in `rag.index.chroma`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from functools import cached_property
from pathlib import Path
from typing import Any

from rag.index.chroma import shard_names, unavailable
from rag.index.exact import EXACT_FIRST, EXACT_MAX, RowPlaces, nearest
from rag.index.lexical import ClauseFetcher
from rag.protocol import Embedder, SearchFilters
from rag.records import Hit

OVERSAMPLING = (8, 64)  # unfiltered neighbours asked for, as multiples of k, before `where`
log = logging.getLogger(__name__)


def where_clause(filters: SearchFilters | None) -> dict[str, Any] | None:
    """Chroma `where` for the filters (city and document restrictions are ANDed)."""
    terms: list[dict[str, Any]] = []
    if filters and filters.cities:
        terms.append({"city": {"$in": list(filters.cities)}})
    if filters and filters.doc_ids:
        terms.append({"doc_id": {"$in": list(filters.doc_ids)}})
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else {"$and": terms}


class VectorIndex:
    """`Retriever` over a generation's vector collections; `ranks={"vector": rank}` with rank
    1 = best.

    Chroma's `where` filter scans metadata (≈15 ms at 10k clauses, growing with the
    corpus) and walks the graph for the few nodes it admits (≈0.35 s at 164k clauses for
    one document's), so a filtered search that admits a few hundred clauses ranks their
    stored vectors exactly (`rag.index.exact`); a wider one first asks for more unfiltered
    neighbours and keeps those that pass: when at least k pass they are exactly the
    filtered top k. When too few pass, up to `EXACT_MAX` admitted clauses are ranked
    exactly, and only beyond that does it fall back to the `where` query.
    """

    def __init__(
        self,
        client: Any,
        name: str,
        embedder: Embedder,
        fetch: ClauseFetcher,
        rows_file: Path | None = None,
        exact: tuple[int, int] = (EXACT_FIRST, EXACT_MAX),
    ) -> None:
        self._embedder = embedder
        self._exact = exact  # admitted clauses ranked exactly: before / after the graph
        self._fetch = fetch
        self._rows_file = rows_file
        self._name = name
        self._connect: Callable[[], Any] = lambda: client
        self._opened: Future[tuple[tuple[Any, ...], int]] = Future()
        self._reopening = threading.Lock()
        self._deferred = False  # opened by the first search that needs it
        if client is not None:
            _open_collection(self._connect, name, None, self._opened)

    @classmethod
    def opening(
        cls,
        connect: Callable[[], Any],
        name: str,
        embedder: Embedder,
        fetch: ClauseFetcher,
        rows_file: Path | None = None,
        background: bool = True,
    ) -> VectorIndex:
        """Open Chroma in a background thread, starting now: a long-running process has the
        HNSW index loaded before its first question, and a process that never searches never
        waits. Without `background`, the first vector search opens it: chromadb's HNSW load
        holds the GIL (≈ 2 s at 164k clauses), so in a one-shot process the thread overlaps
        nothing and only stalls a question that needs no vectors (第N条原文)."""
        index = cls(None, name, embedder, fetch, rows_file)
        index._connect = connect
        if background:
            args = (connect, name, embedder, index._opened)
            threading.Thread(target=_open_collection, args=args, daemon=True).start()
        else:
            index._deferred = True
        return index

    @property
    def _collections(self) -> tuple[Any, ...]:
        return self._ready()[0]

    @property
    def _size(self) -> int:
        return self._ready()[1]

    def _ready(self) -> tuple[tuple[Any, ...], int]:
        """The open collection; a failed opening (server down) is retried by the next search."""
        if self._deferred:
            with self._reopening:
                if self._deferred:
                    _open_collection(self._connect, self._name, None, self._opened)
                    self._deferred = False
        opened = self._opened
        if opened.done() and opened.exception() is not None:
            with self._reopening:
                if self._opened is opened:
                    self._opened = Future()
                    _open_collection(self._connect, self._name, None, self._opened)
        return self._opened.result()

    @cached_property
    def _rows(self) -> RowPlaces:
        """Each clause's document and city, from the generation's rows.json."""
        return RowPlaces.load(self._rows_file)

    def search(self, query: str, k: int, filters: SearchFilters | None = None) -> list[Hit]:
        if k <= 0 or not query.strip():
            return []
        vector = self._embedder.embed([query])
        if filters and (filters.cities or filters.doc_ids):
            ranked = self._filtered(vector, k, filters)
        else:
            ranked = self._query(vector, k, None)
        clauses = self._fetch([cid for cid, _ in ranked])
        return [
            Hit(clause=clauses[cid], score=1.0 - dist, ranks={"vector": rank})
            for rank, (cid, dist) in enumerate(ranked, start=1)
            if cid in clauses
        ]

    def _filtered(
        self, vector: list[list[float]], k: int, filters: SearchFilters
    ) -> list[tuple[str, float]]:
        rows = self._rows
        if not rows:
            return self._query(vector, k, where_clause(filters))
        first, most = self._exact
        admitted = rows.admitted(filters, most)  # None: more than `most` pass
        if admitted is not None and len(admitted) <= first:
            return self._nearest(vector, admitted, k)
        for factor in OVERSAMPLING:
            wanted = min(k * factor, self._size)
            passing = [
                (c, d) for c, d in self._query(vector, wanted, None) if rows.passes(c, filters)
            ]
            if len(passing) >= k or wanted >= self._size:
                return passing[:k]
        if admitted is not None:
            return self._nearest(vector, admitted, k)
        return self._query(vector, k, where_clause(filters))

    def _nearest(
        self, vector: list[list[float]], clause_ids: list[str], k: int
    ) -> list[tuple[str, float]]:
        """`nearest` over every shard (each returns the ids it holds)."""
        found = [
            pair
            for collection in self._collections
            for pair in self._call(nearest, collection, vector, clause_ids, k)
        ]
        return sorted(found, key=lambda pair: pair[1])[:k]

    def _query(
        self, vector: list[list[float]], n: int, where: dict[str, Any] | None
    ) -> list[tuple[str, float]]:
        if n <= 0:
            return []
        collections = self._collections
        found: list[tuple[str, float]] = []
        for collection in collections:
            result = self._call(
                collection.query,
                query_embeddings=vector, n_results=n, where=where, include=["distances"],
            )  # fmt: skip
            distances = (result.get("distances") or [[]])[0]
            found.extend(
                (cid, float(dist)) for cid, dist in zip(result["ids"][0], distances, strict=True)
            )
        if len(collections) > 1:
            found.sort(key=lambda pair: pair[1])
        return found[:n]

    @staticmethod
    def _call(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """`function(*args, **kwargs)`; a server that fails to answer is VectorStoreUnavailable."""
        try:
            return function(*args, **kwargs)
        except Exception as error:
            if type(error).__module__.startswith("httpx"):  # the server, not the query
                raise unavailable("CHROMA_URL", error) from error
            raise


def _open_collection(
    connect: Callable[[], Any],
    name: str,
    warm_with: Embedder | None,
    opened: Future[tuple[tuple[Any, ...], int]],
) -> None:
    """Resolve `opened` with (the collections of `name`'s shards, their total size); with
    `warm_with`, also run one query so Chroma loads the HNSW indexes now rather than during
    the first user's search."""
    try:
        client = connect()
        names = shard_names(client, name) or [name]  # none: get_collection says what is missing
        collections = tuple(client.get_collection(name=n, embedding_function=None) for n in names)
        size = sum(int(collection.count()) for collection in collections)
    except BaseException as error:
        opened.set_exception(error)
        return
    if warm_with is not None and size:
        try:
            for collection in collections:
                collection.query(query_embeddings=warm_with.embed(["政策"]), n_results=1)
        except Exception:  # warming is an optimisation; the real search reports failures
            log.debug("warming the vector index failed", exc_info=True)
    opened.set_result((collections, size))
