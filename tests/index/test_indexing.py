"""Generations: a complete build switches CURRENT atomically; the read API serves it."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.index.chroma import chroma_client
from rag.index.corpus import open_corpus
from rag.index.embeddings import HashingEmbedder
from rag.index.generations import (
    IndexBusyError,
    current_id,
    generations_dir,
    index_lock,
    new_generation,
    publish,
)
from rag.index.plan import Change, compare_clauses, compare_documents
from rag.index.write import build_generation
from rag.protocol import SearchFilters
from tests.corpus_builders import RIZHAO, file_records, make_document, settings_for, two_city_corpus


def build(data_dir: Path, records=None) -> str:  # type: ignore[no-untyped-def]
    settings = settings_for(data_dir)
    return build_generation(data_dir, records or two_city_corpus(), settings, HashingEmbedder(256))


def test_nothing_indexed_yet(tmp_path: Path) -> None:
    assert open_corpus(settings_for(tmp_path)) is None


def test_build_switches_current_and_serves_it(tmp_path: Path) -> None:
    gen = build(tmp_path)
    assert current_id(tmp_path) == gen
    corpus = open_corpus(settings_for(tmp_path), HashingEmbedder(256))
    assert corpus is not None and corpus.generation == gen
    assert {d.city for d in corpus.documents()} == {"日照", "泰安"}
    assert corpus.lexical.search("创业投资机构", 1)[0].clause.text == RIZHAO[0]
    hits = corpus.vector.search("创业投资机构奖励", 2, SearchFilters(cities=("日照",)))
    assert hits[0].clause.text == RIZHAO[0]
    assert corpus.manifest["embedder"] == "hashing-v1-256"


def test_previous_generation_kept_until_next_switch(tmp_path: Path) -> None:
    first = build(tmp_path)
    second = build(tmp_path)
    assert {p.name for p in generations_dir(tmp_path).iterdir()} == {first, second}
    third = build(tmp_path)
    assert {p.name for p in generations_dir(tmp_path).iterdir()} == {second, third}
    assert current_id(tmp_path) == third


def test_unfinished_generation_never_serves_and_is_cleaned_up_later(tmp_path: Path) -> None:
    served = build(tmp_path)
    abandoned = new_generation(tmp_path)  # what a crash mid-index leaves behind
    (abandoned / "corpus.sqlite").write_bytes(b"half written")
    assert open_corpus(settings_for(tmp_path)).generation == served  # type: ignore[union-attr]
    newest = build(tmp_path)
    assert {p.name for p in generations_dir(tmp_path).iterdir()} == {served, newest}


def test_current_pointing_at_a_missing_generation_means_nothing_indexed(tmp_path: Path) -> None:
    gone = new_generation(tmp_path)
    publish(tmp_path, gone)
    gone.rmdir()
    assert open_corpus(settings_for(tmp_path)) is None


def test_one_index_run_at_a_time(tmp_path: Path) -> None:
    with index_lock(tmp_path), pytest.raises(IndexBusyError), index_lock(tmp_path):
        pass


def test_other_embedder_gets_its_own_collection(tmp_path: Path) -> None:
    build(tmp_path)
    corpus = open_corpus(settings_for(tmp_path), HashingEmbedder(128))
    assert corpus is not None
    assert corpus.vector.search("孵化器", 1)[0].clause.text == RIZHAO[1]
    # the two vector spaces live side by side, never mixed
    names = {c.name for c in chroma_client(None, corpus.path).list_collections()}
    gen = corpus.generation
    assert names == {f"policybot-{gen}-hashing-v1-256", f"policybot-{gen}-hashing-v1-128"}


def test_a_new_hashing_dimension_reindexes_into_its_own_collection(tmp_path: Path) -> None:
    from rag.index.build import index_paths

    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "a.txt").write_text("\n".join(RIZHAO), encoding="utf-8")
    wide = settings_for(tmp_path / "data", hashing_dim=64)
    narrow = settings_for(tmp_path / "data", hashing_dim=32)
    index_paths([folder], wide, progress=False)
    first = current_id(wide.data_dir)
    index_paths([folder], wide, progress=False)
    assert current_id(wide.data_dir) == first  # nothing changed: the generation stays
    index_paths([folder], narrow, progress=False)
    second = current_id(narrow.data_dir)
    assert second != first  # same files, other vectors: a new generation
    corpus = open_corpus(narrow)
    assert corpus is not None and corpus.manifest["embedder"] == "hashing-v1-32"
    names = {c.name for c in chroma_client(None, corpus.path).list_collections()}
    assert names == {f"policybot-{second}-hashing-v1-32"}
    assert corpus.vector.search("孵化器", 1)[0].clause.text == RIZHAO[1]
    corpus.close()


def lookups_corpus(tmp_path: Path):  # type: ignore[no-untyped-def]
    title = "关于加快构建一流科技创新生态的若干政策"
    policy = make_document("003_rizhao.txt", "日照", title, RIZHAO, numbers=("14", "(三)", "一是"))
    notice = make_document(
        "003_rizhao.txt",
        "日照",
        "征求意见的通知",
        ("现将若干政策公开征求意见。",),
        kind="notice",
        part=1,
    )
    build(tmp_path, [file_records("/src/003_rizhao.txt", policy, notice)])
    corpus = open_corpus(settings_for(tmp_path))
    assert corpus is not None
    return corpus, policy


def test_find_document_by_id_file_prefix_and_title(tmp_path: Path) -> None:
    corpus, policy = lookups_corpus(tmp_path)
    doc = policy.document
    assert corpus.find_document(doc.doc_id) == doc
    assert corpus.find_document(doc.doc_id[:6]) == doc
    assert corpus.find_document("003") == doc  # a file with several documents: its policy
    assert corpus.find_document("一流科技创新生态") == doc
    assert corpus.find_document("征求意见的通知").kind == "notice"  # type: ignore[union-attr]
    assert corpus.find_document("南通") is None
    assert len(corpus.document_candidates("003")) == 2
    assert corpus.find_document(doc.doc_id[:5]) is None  # too short to be read as an id


def test_find_clause_by_number_forms(tmp_path: Path) -> None:
    corpus, policy = lookups_corpus(tmp_path)
    first, second, third = policy.clauses
    for number in ("14", "第14条", "１４", " 14 "):
        assert corpus.find_clause("若干政策", number) == first, number
    for number in ("(三)", "（三）", "（ 三 ）"):
        assert corpus.find_clause("003", number) == second, number
    assert corpus.find_clause("003", "一是") == third
    assert corpus.find_clause("003", "99") is None
    assert corpus.find_clause("南通", "14") is None
    assert corpus.clause(first.clause_id) == first
    assert corpus.clauses(policy.document.doc_id) == list(policy.clauses)


def test_compare_counts_added_changed_removed() -> None:
    old = make_document("a.txt", "日照", "若干政策", RIZHAO)
    edited = make_document("a.txt", "日照", "若干政策", (RIZHAO[0], RIZHAO[1] + "另行规定。"))
    assert compare_clauses(old.clauses, old.clauses) == Change()
    assert compare_clauses(old.clauses, edited.clauses) == Change(added=0, changed=1, removed=1)
    assert compare_clauses([], edited.clauses) == Change(added=2)
    assert compare_documents([old.document], [edited.document]) == Change(changed=1)
    assert compare_documents([old.document], []) == Change(removed=1)
    assert str(Change()) == "0 added, 0 changed, 0 removed"


def test_corpus_serves_many_threads_at_once(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    build(tmp_path)
    corpus = open_corpus(settings_for(tmp_path), HashingEmbedder(256))
    assert corpus is not None

    def read(i: int) -> str:
        doc = corpus.documents()[i % 2]
        clauses = corpus.clauses(doc.doc_id)
        hit = corpus.lexical.search(clauses[0].text, 1)[0]
        return corpus.clause(hit.clause.clause_id).text  # type: ignore[union-attr]

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(read, range(200)))
    assert len(set(results)) == 2
