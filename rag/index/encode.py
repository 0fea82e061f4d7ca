"""Segmenting and embedding clause batches, in worker processes when the corpus is large.

jieba segmentation and the hashing embedder are pure Python: one core does ~1 ms per
clause. Large builds spread the batches over a process pool (one worker per core) while
the parent adds the results to BM25 and Chroma, in the original order. At most a few
batches are in flight, so memory stays bounded whatever the corpus size. Embedders that
call a server (OpenAI-compatible) embed in the parent: their work is waiting, not CPU.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np

from rag.index.embeddings import HashingEmbedder
from rag.index.lexical import IndexRow
from rag.protocol import Embedder
from rag.text.segment import full_segmenter, raw_words

POOL_MIN_CLAUSES = 2000  # below this a pool's start-up (jieba's dictionary per worker) costs more


@dataclass(frozen=True)
class Encoded:
    """One batch: each text's jieba words (for BM25 and the vocabulary) and its vector."""

    words: list[tuple[str, ...]]
    vectors: np.ndarray | list[list[float]]


def encode(texts: Sequence[str], embedder: Embedder) -> Encoded:
    """Segment `texts` once for both indexes (the embedder reuses `raw_words`' cache)."""
    full_segmenter()
    words = [raw_words(text) for text in texts]
    if isinstance(embedder, HashingEmbedder):
        return Encoded(words, embedder.embed_array(texts))
    return Encoded(words, embedder.embed(texts))


def _encode_locally(texts: Sequence[str], dim: int) -> Encoded:
    return encode(texts, HashingEmbedder(dim))


def usable_cores() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(cores or 1, 8)


def worker_count(clauses: int) -> int:
    """One worker per usable core, none for small builds or a single core."""
    cores = usable_cores()
    return 0 if clauses < POOL_MIN_CLAUSES or cores < 2 else cores


def encoded_batches(
    batches: Iterable[Sequence[IndexRow]], embedder: Embedder, workers: int
) -> Iterator[tuple[Sequence[IndexRow], Encoded]]:
    """Each batch with its `encode`, in order; in `workers` processes when there are any."""
    if workers == 0 or not isinstance(embedder, HashingEmbedder):
        for rows in batches:
            yield rows, encode([r.text for r in rows], embedder)
        return
    # forkserver: workers never inherit the parent's Chroma client and its threads
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=full_segmenter) as pool:
        pending: deque[tuple[Sequence[IndexRow], Future[Encoded]]] = deque()
        for rows in batches:
            texts = [r.text for r in rows]
            pending.append((rows, pool.submit(_encode_locally, texts, embedder.dim)))
            if len(pending) >= 2 * workers:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()
