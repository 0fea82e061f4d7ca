"""The streamed build: BM25 from token lists and clause batches encoded in worker processes."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from rag.index import bm25_writer
from rag.index.bm25_writer import SCORE_CHUNK, StreamedBM25
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
    assert worker_count(1) == worker_count(1999) == 0  # clauses
    assert worker_count(2000) in (0, *range(2, 9))  # one per core when there are several


@pytest.mark.parametrize("chunk", [SCORE_CHUNK, 3])  # postings scored a few at a time too
def test_streamed_bm25_scores_like_bm25s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    import bm25s

    monkeypatch.setattr(bm25_writer, "SCORE_CHUNK", chunk)
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


class ClauseCountingEmbedder:
    """An embedder (the hashing one inside) noting how many clause records are alive at each
    call beyond those alive when it was made (other tests' fixtures may hold some): the
    build embeds after every file has been read, so this is what the run holds."""

    def __init__(self) -> None:
        self.inner = HashingEmbedder(64)
        self.alive: list[int] = []
        self.before = _clauses_alive()

    @property
    def name(self) -> str:
        return "counting-" + self.inner.name

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        self.alive.append(_clauses_alive() - self.before)
        return self.inner.embed(texts)


def _clauses_alive() -> int:
    from rag.records import Clause

    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, Clause))


def test_an_index_run_holds_no_file_records_while_it_builds(tmp_path: Path) -> None:
    from rag.index.build import add_paths, index_paths
    from tests.corpus_builders import settings_for

    folder = tmp_path / "files"
    folder.mkdir()
    for i in range(20):
        lines = [
            f"第{n}条 第{i}号示例办法第{n}项:对示例事项{i}-{n}给予支持。" for n in range(1, 61)
        ]
        (folder / f"{i:02d}.txt").write_text("\n".join(lines), encoding="utf-8")
    settings = settings_for(tmp_path / "data")
    embedder = ClauseCountingEmbedder()
    report = index_paths([folder], settings, progress=False, embedder=embedder)
    assert report.total_clauses == 1200 and embedder.alive
    assert max(embedder.alive) < 100, embedder.alive  # the 1,200 parsed clauses are gone
    embedder.alive.clear()
    extra = tmp_path / "extra.txt"
    extra.write_text("第一条 另一份示例办法的适用范围。\n第二条 施行日期。", encoding="utf-8")
    report = add_paths([extra], settings, progress=False, embedder=embedder)
    assert report.total_clauses == 1202 and report.clauses.added == 2
    assert max(embedder.alive) < 100, embedder.alive  # carried files streamed through too
