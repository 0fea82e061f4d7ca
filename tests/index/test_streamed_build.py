"""The streamed build: BM25 from token lists and clause batches encoded in worker processes."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from rag.index.bm25_writer import StreamedBM25
from rag.index.embeddings import HashingEmbedder
from rag.index.encode import encoded_batches, worker_count
from rag.index.lexical import IndexRow
from rag.text.segment import tokenize
from tests.corpus_builders import RIZHAO


def rows(n: int) -> list[IndexRow]:
    return [
        IndexRow(f"c{i}", f"d{i % 3}", "日照", RIZHAO[i % len(RIZHAO)] + str(i)) for i in range(n)
    ]


def test_worker_processes_encode_exactly_like_the_parent() -> None:
    batches = [rows(40)[i : i + 7] for i in range(0, 40, 7)]
    embedder = HashingEmbedder(256)
    alone = list(encoded_batches(batches, embedder, workers=0))
    pooled = list(encoded_batches(batches, embedder, workers=2))
    assert [r for r, _ in pooled] == batches  # in order, each batch with its own rows
    for (_, mine), (_, theirs) in zip(alone, pooled, strict=True):
        assert mine.words == theirs.words
        np.testing.assert_array_equal(np.asarray(mine.vectors), np.asarray(theirs.vectors))


def test_small_builds_start_no_pool() -> None:
    assert worker_count(1) == 0
    assert worker_count(1000) in (0, *range(2, 9))  # one per core when there are several


def test_streamed_bm25_scores_like_bm25s(tmp_path: Path) -> None:
    import bm25s

    texts = [*RIZHAO, "", "孵化器 孵化器 众创空间"]
    writer = StreamedBM25()
    for text in texts:
        writer.add(tokenize(text))
    writer.save(tmp_path)
    theirs = bm25s.BM25(method="lucene")
    theirs.index([tokenize(t) for t in texts], show_progress=False)
    ours = bm25s.BM25.load(tmp_path)
    for query in ("孵化器", "创业投资机构奖励", "高新技术企业"):
        np.testing.assert_allclose(
            ours.get_scores_from_ids(ours.get_tokens_ids(tokenize(query))),
            theirs.get_scores_from_ids(theirs.get_tokens_ids(tokenize(query))),
            rtol=1e-6,
        )
