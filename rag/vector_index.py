"""Chroma vector index of clauses: embedded in the generation directory, or a Chroma server.

Both go through the same code: only the client differs. Vectors always come from our
`Embedder` (collections are created without an embedding function, so Chroma never
downloads its default model), and the collection name carries the generation id and
the embedder name, so a different embedding model never mixes vectors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from rag.lexical_index import ClauseFetcher, IndexRow
from rag.protocol import Embedder, SearchFilters
from rag.records import Hit

CHROMA_DIR = "chroma"
COLLECTION_PREFIX = "policybot"
BATCH = 500  # well under Chroma's max batch size; bounds the memory of one embed call


def collection_name(generation_id: str, embedder_name: str) -> str:
    """Chroma allows [a-zA-Z0-9._-], 3–512 characters, alphanumeric at both ends."""
    slug = re.sub(r"[^a-zA-Z0-9._-]+", "-", embedder_name).strip("-._")
    return f"{COLLECTION_PREFIX}-{generation_id}-{slug}"[:512]


def chroma_client(chroma_url: str | None, generation_dir: Path) -> Any:
    """HttpClient when a server URL is configured, else a PersistentClient in the generation."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_url:
        url = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
        ssl = url.scheme == "https"
        port = url.port or (443 if ssl else 8000)
        return chromadb.HttpClient(
            host=url.hostname or "localhost", port=port, ssl=ssl, settings=settings
        )
    return chromadb.PersistentClient(path=str(generation_dir / CHROMA_DIR), settings=settings)


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


def create_collection(client: Any, name: str, embedder: Embedder) -> Any:
    return client.create_collection(
        name=name,
        embedding_function=None,
        metadata={"hnsw:space": "cosine", "embedder": embedder.name},
    )


def add_rows(collection: Any, embedder: Embedder, rows: Sequence[IndexRow]) -> None:
    """Embed `rows` and add them, in batches Chroma accepts."""
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        collection.add(
            ids=[r.clause_id for r in batch],
            embeddings=embedder.embed([r.text for r in batch]),
            metadatas=[
                {"clause_id": r.clause_id, "doc_id": r.doc_id, "city": r.city} for r in batch
            ],
        )


def build_vector_index(
    client: Any, name: str, embedder: Embedder, rows: Sequence[IndexRow]
) -> None:
    """Embed every clause and add it to a fresh collection `name`."""
    add_rows(create_collection(client, name, embedder), embedder, rows)


def has_collection(client: Any, name: str) -> bool:
    return name in {getattr(c, "name", c) for c in client.list_collections()}


def drop_collections(client: Any, generation_ids: Sequence[str]) -> None:
    """Delete the collections of pruned generations (matters for a shared Chroma server)."""
    prefixes = tuple(f"{COLLECTION_PREFIX}-{gen_id}-" for gen_id in generation_ids)
    for collection in client.list_collections():
        name = getattr(collection, "name", collection)
        if prefixes and name.startswith(prefixes):
            client.delete_collection(name)


class VectorIndex:
    """`Retriever` over one Chroma collection; `ranks={"vector": rank}` with rank 1 = best."""

    def __init__(self, client: Any, name: str, embedder: Embedder, fetch: ClauseFetcher) -> None:
        self._collection = client.get_collection(name=name, embedding_function=None)
        self._embedder = embedder
        self._fetch = fetch

    def search(self, query: str, k: int, filters: SearchFilters | None = None) -> list[Hit]:
        if k <= 0 or not query.strip():
            return []
        result = self._collection.query(
            query_embeddings=self._embedder.embed([query]),
            n_results=k,
            where=where_clause(filters),
            include=["distances"],
        )
        ids: list[str] = result["ids"][0]
        distances: list[float] = (result.get("distances") or [[]])[0]
        clauses = self._fetch(ids)
        return [
            Hit(clause=clauses[cid], score=1.0 - float(dist), ranks={"vector": rank})
            for rank, (cid, dist) in enumerate(zip(ids, distances, strict=True), start=1)
            if cid in clauses
        ]
