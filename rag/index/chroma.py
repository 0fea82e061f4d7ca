"""Chroma itself: the client (embedded in the generation directory, or a server with
timeouts), collection names, and writing and dropping collections.

Both clients go through the same code. Vectors always come from our `Embedder`
(collections are created without an embedding function, so Chroma never downloads its
default model), and the collection name carries the generation id and the embedder name,
so a different embedding model never mixes vectors.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from rag.index.lexical import IndexRow
from rag.protocol import Embedder

CHROMA_DIR = "chroma"
COLLECTION_PREFIX = "policybot"
BATCH = 500  # one add to a Chroma server: well under its max batch size and read timeout
# one add to embedded Chroma, whose HNSW inserts a call's vectors on every core and then waits
# for the slowest: fewer, larger calls leave the cores idle less often (README, sixth run)
EMBEDDED_BATCH = 2000
# candidates HNSW keeps while searching (Chroma's default 100): at 100 two builds of one
# corpus returned different top-30s for 12 % of the regulations questions (the graph is
# approximate and built in parallel); at 400 for 1 in 194, for little more time per search
# (README, "Twenty-first round"; `python -m bench.hnsw_search`)
SEARCH_EF = 400
TIMEOUT = (2.0, 5.0)  # Chroma server: connect, then read (seconds); a search takes ~10 ms
log = logging.getLogger(__name__)


class VectorStoreUnavailable(RuntimeError):
    """The Chroma server did not answer in time (or refused the connection)."""


def collection_name(generation_id: str, embedder_name: str) -> str:
    """Chroma allows [a-zA-Z0-9._-], 3–512 characters, alphanumeric at both ends."""
    slug = re.sub(r"[^a-zA-Z0-9._-]+", "-", embedder_name).strip("-._")
    return f"{COLLECTION_PREFIX}-{generation_id}-{slug}"[:512]


def shard_name(name: str, shard: int) -> str:
    """The collection of a generation's `shard`-th vector shard (the first keeps `name`)."""
    return name if shard == 0 else f"{name}-{shard}"


def shard_names(client: Any, name: str) -> list[str]:
    """The collections holding the vectors of collection `name`, in shard order: `name`
    itself, then `name-1`, `name-2`… as an embedded build wrote them."""
    pattern = re.compile(re.escape(name) + r"(?:-(\d+))?")
    shards = []
    for collection in client.list_collections():
        found = pattern.fullmatch(getattr(collection, "name", collection))
        if found:
            shards.append((int(found.group(1) or 0), found.group(0)))
    return [found for _, found in sorted(shards)]


def chroma_client(chroma_url: str | None, generation_dir: Path) -> Any:
    """HttpClient when a server URL is configured, else a PersistentClient in the generation."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_url:
        url = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
        ssl = url.scheme == "https"
        port = url.port or (443 if ssl else 8000)
        base = f"{url.scheme}://{url.hostname or 'localhost'}:{port}"
        check_server(base)  # the client's own first requests have no timeout at all
        client = chromadb.HttpClient(
            host=url.hostname or "localhost", port=port, ssl=ssl, settings=settings
        )
        bound_requests(client)
        return client
    return chromadb.PersistentClient(path=str(generation_dir / CHROMA_DIR), settings=settings)


def check_server(base_url: str) -> None:
    """Raise `VectorStoreUnavailable` unless the server answers its heartbeat in time."""
    import httpx

    try:
        timeout = httpx.Timeout(TIMEOUT[1], connect=TIMEOUT[0])
        httpx.get(f"{base_url}/api/v2/heartbeat", timeout=timeout).raise_for_status()
    except httpx.HTTPError as error:
        raise unavailable(base_url, error) from error


def bound_requests(client: Any) -> None:
    """Chroma's HttpClient sends every request with no timeout (chromadb 1.x), so a frozen
    server would hang a caller forever: give its HTTP session ours."""
    import httpx

    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(TIMEOUT[1], connect=TIMEOUT[0])
    else:  # a chromadb whose internals moved: keep working, but say what is lost
        log.warning("cannot set timeouts on this chromadb's HTTP client; a frozen server hangs")


def unavailable(where: str, error: BaseException) -> VectorStoreUnavailable:
    kind = "did not answer in time" if "Timeout" in type(error).__name__ else "is unreachable"
    return VectorStoreUnavailable(
        f"the Chroma server at {where} {kind} ({type(error).__name__}: {error}); "
        "check that it is running, or unset CHROMA_URL and re-index to use embedded Chroma"
    )


def create_collection(client: Any, name: str, embedder: Embedder) -> Any:
    return client.create_collection(
        name=name,
        embedding_function=None,
        metadata={"embedder": embedder.name},
        configuration={"hnsw": {"space": "cosine", "ef_search": SEARCH_EF}},
    )


def add_rows(collection: Any, embedder: Embedder, rows: Sequence[IndexRow]) -> None:
    """Embed `rows` and add them, in batches Chroma accepts."""
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        add_vectors(collection, batch, embedder.embed([r.text for r in batch]))


def add_batch(chroma_url: str | None) -> int:
    """Rows per `add_vectors` call of a build: fewer, larger calls when embedded."""
    return BATCH if chroma_url else EMBEDDED_BATCH


def add_vectors(collection: Any, rows: Sequence[IndexRow], vectors: Any) -> None:
    """Add one batch (at most `add_batch` rows) with its vectors (a list of lists or an array)."""
    collection.add(
        ids=[r.clause_id for r in rows],
        embeddings=vectors,
        metadatas=[{"clause_id": r.clause_id, "doc_id": r.doc_id, "city": r.city} for r in rows],
    )


def build_vector_index(
    client: Any, name: str, embedder: Embedder, rows: Sequence[IndexRow]
) -> None:
    """Embed every clause and add it to a fresh collection `name`."""
    add_rows(create_collection(client, name, embedder), embedder, rows)


def write_whole(client: Any, name: str, generation_dir: Path) -> None:
    """Have embedded Chroma write a finished collection's whole HNSW index to disk; closes
    `client`.

    Chroma inserts added vectors into its in-memory HNSW index and writes the index files
    every `sync_threshold` (1,000) vectors; those added after the last write stay in its log,
    and every process that opens the collection inserts them again (up to 999: ≈ 1.2 s of a
    cold start at 164k clauses, more than reading the index). Reopened with a threshold of
    1, the collection inserts them once more and writes everything. Vectors, ids and graph
    parameters are unchanged; a chromadb without `close` keeps the log as it was."""
    if not hasattr(client, "close"):
        return
    collection = client.get_collection(name, embedding_function=None)
    collection.modify(configuration={"hnsw": {"sync_threshold": 1}})
    client.close()  # drops the in-memory index: the next client loads what is on disk
    fresh = chroma_client(None, generation_dir)
    try:
        fresh.get_collection(name, embedding_function=None).count()  # replays, then writes
    finally:
        fresh.close()


def has_collection(client: Any, name: str) -> bool:
    return name in {getattr(c, "name", c) for c in client.list_collections()}


def drop_collections(client: Any, generation_ids: Sequence[str]) -> None:
    """Delete the collections of pruned generations (matters for a shared Chroma server)."""
    prefixes = tuple(f"{COLLECTION_PREFIX}-{gen_id}-" for gen_id in generation_ids)
    for collection in client.list_collections():
        name = getattr(collection, "name", collection)
        if prefixes and name.startswith(prefixes):
            client.delete_collection(name)
