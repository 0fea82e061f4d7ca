"""Writing one index generation: the clause store, BM25 and vectors, then the manifest that
makes it the served one.

The generation is built beside the current one and switched in atomically (`publish`); a
failure removes it, and the previous generation keeps serving.
"""

from __future__ import annotations

import logging
import shutil
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

from rag.index.chroma import (
    add_batch,
    add_vectors,
    chroma_client,
    collection_name,
    create_collection,
    drop_collections,
    shard_name,
    write_whole,
)
from rag.index.derived import code_version
from rag.index.encode import encoded_batches, worker_count
from rag.index.generations import (
    CORPUS_DB,
    kept_generations,
    new_generation,
    prune,
    publish,
    write_manifest,
)
from rag.index.lexical import IndexRow, LexicalBuilder
from rag.index.plan import FileRecords
from rag.index.store import Store
from rag.protocol import Embedder
from rag.settings import Settings

log = logging.getLogger(__name__)


class IndexBuildError(RuntimeError):
    """The new generation could not be completed; the previous one keeps serving."""


def build_generation(
    data_dir: Path,
    records: Iterable[FileRecords],
    settings: Settings,
    embedder: Embedder,
    show: bool = False,
) -> str:
    """Write `records` and their indexes into a new generation, then switch to it."""
    generation = new_generation(data_dir)
    store = Store.create(generation / CORPUS_DB)
    try:
        for item in records:
            store.add_file(item.file, item.documents)
    except BaseException:
        discard(generation, store)
        raise
    return complete(data_dir, generation, store, settings, embedder, show)


def discard(generation: Path, store: Store) -> None:
    """Drop a generation that will not be completed (its store still open)."""
    store.close()
    shutil.rmtree(generation, ignore_errors=True)


def complete(
    data_dir: Path,
    generation: Path,
    store: Store,
    settings: Settings,
    embedder: Embedder,
    show: bool,
) -> str:
    """Index the records written in `store` (closing it), then switch to the generation.
    Until the switch, any failure deletes the generation and the previous one serves."""
    client = None
    try:
        try:
            store.commit()
            client = chroma_client(settings.chroma_url, generation)
            name = collection_name(generation.name, embedder.name)
            batch = add_batch(settings.chroma_url)
            shard_size = None if settings.chroma_url else settings.vector_shard_size
            shards = VectorShards(client, name, embedder, generation, shard_size)
            _build_indexes(generation, store, shards, show, batch)
            client = shards.client
            manifest = _manifest(generation.name, embedder, settings, store, name)
        finally:
            store.close()
        write_manifest(generation, manifest)
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        if client is not None and settings.chroma_url:
            drop_collections(client, [generation.name])
        raise
    keep = {generation.name, *kept_generations(data_dir)}
    publish(data_dir, generation)
    removed = prune(data_dir, keep)
    if settings.chroma_url and removed:
        drop_collections(client, removed)
    return generation.name


def _write_whole(client: Any, name: str, generation: Path) -> None:
    """`write_whole`; the collection is complete without it (it only saves readers time)."""
    try:
        write_whole(client, name, generation)
    except Exception:
        log.warning("could not write the whole vector index of %s", generation, exc_info=True)


class VectorShards:
    """The collections a build adds vectors to: one until it holds `size` vectors, then the
    next (`shard_name`). Embedded Chroma keeps a collection's whole HNSW index in the
    process until its client is closed, so a full shard is written whole and its client
    closed: a build holds one shard's index at a time, whatever the corpus size. `size`
    None: one collection (a Chroma server holds the index, not this process)."""

    def __init__(
        self, client: Any, name: str, embedder: Embedder, generation: Path, size: int | None
    ) -> None:
        self.client, self.name, self.size = client, name, size
        self.embedder, self._generation = embedder, generation
        self._shard, self._count = 0, 0
        self._collection = create_collection(client, name, embedder)

    @property
    def current(self) -> str:
        return shard_name(self.name, self._shard)

    def add(self, rows: Sequence[IndexRow], vectors: Any) -> None:
        start = 0
        while start < len(rows):
            if self.size is not None and self._count >= self.size:
                self._next_shard()
            room = len(rows) - start if self.size is None else self.size - self._count
            end = start + min(room, len(rows) - start)
            add_vectors(self._collection, rows[start:end], vectors[start:end])
            self._count += end - start
            start = end

    def finish(self) -> None:
        """An embedded build's last shard written whole and its client closed: the BM25 side
        is saved next, without the vectors in memory."""
        if self.size is not None:
            _write_whole(self.client, self.current, self._generation)

    def _next_shard(self) -> None:
        _write_whole(self.client, self.current, self._generation)  # closes the client
        self.client = chroma_client(None, self._generation)
        self._shard, self._count = self._shard + 1, 0
        self._collection = create_collection(self.client, self.current, self.embedder)


def _build_indexes(
    generation: Path,
    store: Store,
    shards: VectorShards,
    show: bool,
    batch: int,
) -> None:
    """BM25 and vectors, streamed `batch` clauses at a time from the store: each clause is
    segmented once for both, in worker processes for large corpora (see `rag.index.encode`)."""
    lexical = LexicalBuilder()
    embedder = shards.embedder
    total = store.count("clauses")
    batches = ([IndexRow(*row) for row in rows] for rows in store.index_row_batches(batch))
    workers = worker_count(total)
    bar = tqdm(total=total, desc="indexing", unit="clause", disable=not show, file=sys.stderr)
    try:
        with bar:
            for rows, encoded in encoded_batches(batches, embedder, workers):
                lexical.add(rows, encoded.words)
                shards.add(rows, encoded.vectors)
                bar.update(len(rows))
        shards.finish()
    except Exception as error:  # network, server or embedding failures
        message = f"vector index with embedder {embedder.name!r} failed: {error}"
        raise IndexBuildError(message) from error
    lexical.save(generation, store.document_titles())


def _manifest(
    gen_id: str, embedder: Embedder, settings: Settings, store: Store, collection: str
) -> dict[str, object]:
    return {
        "id": gen_id,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "code": code_version(),
        "embedder": embedder.name,
        "collection": collection,
        "chroma_url": settings.chroma_url,
        "files": sorted(store.files()),
        "documents": store.count("documents"),
        "clauses": store.count("clauses"),
    }
