"""Files read (hashed and parsed) in worker processes give what reading in process gives."""

from __future__ import annotations

from pathlib import Path

from rag.index.plan import FileRecords
from rag.index.read_pool import Unchanged, Unreadable, read_in_order
from rag.index.reading import file_hash

TEXTS = (
    "第一条 为了规范示例事项,制定本办法。\n第二条 本办法自发布之日起施行。",
    "一、总体要求\n加快建设示范区。\n二、保障措施\n加强组织领导。",
    "第一条 对新设立的机构给予一次性奖励。\n第二条 本规定由市科技局负责解释。",
)


def written(folder: Path) -> list[Path]:
    files = [folder / f"{i}.txt" for i in range(len(TEXTS))]
    for path, text in zip(files, TEXTS, strict=True):
        path.write_text(text, encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02" * 50)
    return [*files, folder / "bad.txt"]


def test_files_read_in_worker_processes_like_in_process(tmp_path: Path) -> None:
    files = written(tmp_path)
    old = {str(files[1].resolve()): file_hash(files[1])}
    alone = list(read_in_order(files, old, 10_000, pool_from=10**6))
    pooled = list(read_in_order(files, old, 10_000, pool_from=1))
    assert [path for path, _ in pooled] == files  # in order
    assert pooled == alone
    parsed, unchanged, other, bad = (outcome for _, outcome in pooled)
    assert isinstance(parsed, FileRecords) and isinstance(other, FileRecords)
    assert parsed.file.source == str(files[0].resolve())
    assert [c.number for c in parsed.documents[0].clauses] == ["第一条", "第二条"]
    assert unchanged == Unchanged()
    assert isinstance(bad, Unreadable) and bad.reason


def test_more_files_than_the_read_ahead_all_arrive_in_order(tmp_path: Path) -> None:
    paths = []
    for i in range(40):
        path = tmp_path / f"{i:02d}.txt"
        path.write_text(f"第一条 第{i}号示例办法的适用范围。\n第二条 施行日期。", encoding="utf-8")
        paths.append(path)
    pooled = list(read_in_order(paths, {}, 10_000, pool_from=1))
    assert [path for path, _ in pooled] == paths
    sources = [o.file.source for _, o in pooled if isinstance(o, FileRecords)]
    assert sources == [str(p.resolve()) for p in paths]


def test_an_index_run_over_many_files_reads_them_in_the_pool(tmp_path: Path) -> None:
    from rag.index.build import index_paths
    from rag.index.corpus import open_corpus
    from rag.index.embeddings import HashingEmbedder
    from rag.index.read_pool import POOL_MIN_FILES
    from tests.corpus_builders import settings_for

    folder = tmp_path / "files"
    folder.mkdir()
    for i in range(POOL_MIN_FILES + 6):
        text = f"第一条 第{i}号示例办法规范示例事项{i}。\n第二条 本办法第{i}项自发布之日起施行。"
        (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    (folder / "zz.txt").write_bytes(b"\x00\x01\x02" * 50)
    settings = settings_for(tmp_path / "data")
    first = index_paths([folder], settings, progress=False, embedder=HashingEmbedder(64))
    assert (first.total_documents, first.total_clauses) == (POOL_MIN_FILES + 6, 2 * 70)
    assert [e.source for e in first.errors] == [str(folder / "zz.txt")]
    (folder / "000.txt").write_text("第一条 改写后的示例办法。\n第二条 施行。", encoding="utf-8")
    second = index_paths([folder], settings, progress=False, embedder=HashingEmbedder(64))
    assert (second.documents.added, second.documents.removed, second.clauses.added) == (1, 1, 2)
    corpus = open_corpus(settings, HashingEmbedder(64))
    assert corpus is not None
    assert corpus.lexical.search("改写后的示例办法", 1)[0].clause.text.startswith("第一条 改写后")
    corpus.close()


def test_a_process_running_other_threads_reads_in_clean_workers(tmp_path: Path) -> None:
    import threading

    from rag.index.read_pool import _context

    files = written(tmp_path)
    alone = list(read_in_order(files, {}, 10_000, pool_from=10**6))
    stop = threading.Event()
    serving = threading.Thread(target=stop.wait)  # as a server's request threads would
    serving.start()
    try:
        assert _context().get_start_method() == "forkserver"
        assert list(read_in_order(files, {}, 10_000, pool_from=1)) == alone
    finally:
        stop.set()
        serving.join()
