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


def test_files_read_in_worker_processes_like_in_process(tmp_path: Path) -> None:
    from rag.index.plan import FileRecords
    from rag.index.reading import UNCHANGED, PortableError, file_hash, read_in_order

    texts = ("第一条 支持科技特派员。\n第二条 奖励创业投资机构。", "一、总体要求\n加快建设。")
    files = [tmp_path / f"{i}.txt" for i in range(len(texts))]
    for path, text in zip(files, texts, strict=True):
        path.write_text(text, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 50)
    files.append(tmp_path / "bad.txt")
    old = {str(files[1].resolve()): file_hash(files[1])}
    alone = list(read_in_order(files, old, 10_000, pool_from=10**6))
    pooled = list(read_in_order(files, old, 10_000, pool_from=1))
    assert [p for p, _ in pooled] == files
    assert isinstance(pooled[0][1], FileRecords) and pooled[0][1] == alone[0][1]
    assert pooled[1][1] == UNCHANGED == alone[1][1]
    assert isinstance(pooled[2][1], PortableError) and isinstance(alone[2][1], PortableError)
    assert pooled[2][1].reason == alone[2][1].reason
