"""Chroma really stores and queries our vectors; filters, persistence, no default model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rag.index.chroma import (
    SEARCH_EF,
    build_vector_index,
    chroma_client,
    collection_name,
    drop_collections,
    has_collection,
)
from rag.index.embeddings import HashingEmbedder
from rag.index.lexical import IndexRow
from rag.index.vector import VectorIndex, where_clause
from rag.protocol import SearchFilters
from rag.records import Clause
from tests.corpus_builders import RIZHAO, TAIAN, make_document


@pytest.fixture()
def corpus(tmp_path: Path) -> tuple[Path, dict[str, Clause]]:
    docs = [make_document("003.txt", "日照", "日照若干政策", RIZHAO),
            make_document("000.txt", "泰安", "泰安实施意见", TAIAN)]  # fmt: skip
    clauses = {c.clause_id: c for d in docs for c in d.clauses}
    rows = [
        IndexRow(c.clause_id, c.doc_id, d.document.city or "", c.text)
        for d in docs
        for c in d.clauses
    ]
    client = chroma_client(None, tmp_path)
    build_vector_index(client, collection_name("g1", "hashing-v1-1024"), HashingEmbedder(), rows)
    return tmp_path, clauses


def open_index(path: Path, clauses: dict[str, Clause]) -> VectorIndex:
    client = chroma_client(None, path)
    name = collection_name("g1", "hashing-v1-1024")
    return VectorIndex(client, name, HashingEmbedder(), lambda ids: {i: clauses[i] for i in ids})


def test_query_ranks_the_closest_clause_first(corpus: tuple[Path, dict[str, Clause]]) -> None:
    index = open_index(*corpus)
    hits = index.search("新设立的创业投资机构有什么奖励", k=3)
    assert hits[0].clause.text == RIZHAO[0]
    assert [h.ranks["vector"] for h in hits] == [1, 2, 3]
    assert hits[0].score > hits[1].score


def test_filters_restrict_city_and_document(corpus: tuple[Path, dict[str, Clause]]) -> None:
    index = open_index(*corpus)
    hits = index.search("企业奖励", k=10, filters=SearchFilters(cities=("泰安",)))
    assert {h.clause.text for h in hits} == set(TAIAN)
    doc_id = next(c.doc_id for c in corpus[1].values() if c.text == RIZHAO[1])
    hits = index.search("企业", k=10, filters=SearchFilters(cities=("日照",), doc_ids=(doc_id,)))
    assert {h.clause.text for h in hits} == set(RIZHAO)
    assert index.search("企业", k=10, filters=SearchFilters(cities=("南京",))) == []


def stored_collection(path: Path) -> Any:
    client = chroma_client(None, path)
    return client.get_collection(collection_name("g1", "hashing-v1-1024"), embedding_function=None)


def test_collection_has_no_default_embedding_function(
    corpus: tuple[Path, dict[str, Clause]],
) -> None:
    collection = stored_collection(corpus[0])
    assert collection._embedding_function is None
    with pytest.raises(Exception):  # noqa: B017 - chroma must not embed text itself
        collection.query(query_texts=["孵化器"], n_results=1)
    assert collection.metadata["embedder"] == "hashing-v1-1024"


def test_a_collection_searches_wider_than_chromas_default(
    corpus: tuple[Path, dict[str, Clause]],
) -> None:
    """The breadth is stored with the collection, so every process opening it searches so."""
    hnsw = stored_collection(corpus[0]).configuration_json["hnsw"]
    assert hnsw["ef_search"] == SEARCH_EF > 100
    assert hnsw["space"] == "cosine"


def test_collection_names_separate_generations_and_embedders() -> None:
    names = {
        collection_name(g, e) for g in ("g1", "g2") for e in ("hashing-v1-1024", "openai-bge-m3")
    }
    assert len(names) == 4
    assert (
        collection_name("g1", "openai:text/embedding 3") == "policybot-g1-openai-text-embedding-3"
    )


def test_drop_collections_of_pruned_generations(corpus: tuple[Path, dict[str, Clause]]) -> None:
    client = chroma_client(None, corpus[0])
    name = collection_name("g1", "hashing-v1-1024")
    drop_collections(client, ["g2"])
    assert has_collection(client, name)
    drop_collections(client, ["g1"])
    assert not has_collection(client, name)


def test_where_clause() -> None:
    assert where_clause(None) is None
    assert where_clause(SearchFilters()) is None
    assert where_clause(SearchFilters(cities=("日照",))) == {"city": {"$in": ["日照"]}}
    both = where_clause(SearchFilters(cities=("日照",), doc_ids=("d",)))
    assert both == {"$and": [{"city": {"$in": ["日照"]}}, {"doc_id": {"$in": ["d"]}}]}


def passes(clause: Clause, filters: SearchFilters, docs: list) -> bool:  # type: ignore[type-arg]
    city = next(d.document.city for d in docs if d.document.doc_id == clause.doc_id)
    return (not filters.cities or city in filters.cities) and (
        not filters.doc_ids or clause.doc_id in filters.doc_ids
    )


def test_filtered_search_oversamples_then_falls_back_to_where(tmp_path: Path) -> None:
    noise = make_document(
        "000.txt", "泰安", "泰安意见", [f"支持创业投资机构发展第{i}项措施。" for i in range(70)]
    )
    target = make_document("003.txt", "日照", "日照政策", ("对创业投资机构给予奖励。",))
    unrelated = make_document("009.txt", "日照", "物理", ("Quantum gravity xyz.",))
    docs = [noise, target, unrelated]
    clauses = {c.clause_id: c for d in docs for c in d.clauses}
    client = _indexed(tmp_path, docs)
    fetch = lambda ids: {i: clauses[i] for i in ids}  # noqa: E731
    name = collection_name("g1", "hashing-v1-1024")
    rows_file = tmp_path / "rows.json"
    fast = VectorIndex(client, name, HashingEmbedder(), fetch, rows_file, exact=(0, 0))
    exact = VectorIndex(client, name, HashingEmbedder(), fetch, rows_file)  # few clauses: exact
    plain = VectorIndex(client, name, HashingEmbedder(), fetch)  # always Chroma's `where`
    for query, k, filters in [
        ("创业投资机构奖励", 2, SearchFilters(cities=("日照",))),
        ("创业投资机构", 1, SearchFilters(cities=("日照",))),
        ("创业投资机构", 1, SearchFilters(doc_ids=(target.document.doc_id,))),
        ("创业投资机构", 5, SearchFilters(cities=("泰安",), doc_ids=(noise.document.doc_id,))),
        ("创业投资机构", 3, SearchFilters(cities=("南京",))),
    ]:
        expected = [round(h.score, 4) for h in plain.search(query, k, filters)]
        for index in (fast, exact):
            got = index.search(query, k, filters)
            # near-identical noise clauses may swap places (HNSW vs exact scan): compare scores
            assert [round(h.score, 4) for h in got] == expected, filters
            assert all(passes(h.clause, filters, docs) for h in got)
    only_target = fast.search("创业投资机构", 1, SearchFilters(doc_ids=(target.document.doc_id,)))
    assert only_target[0].clause.text == "对创业投资机构给予奖励。"
    # not among the 64 unfiltered neighbours: only the `where` fallback can find it
    nearest = {h.clause.doc_id for h in fast.search("创业投资机构", 64)}
    assert unrelated.document.doc_id not in nearest
    far = fast.search("创业投资机构", 1, SearchFilters(doc_ids=(unrelated.document.doc_id,)))
    assert [h.clause.text for h in far] == ["Quantum gravity xyz."]


def test_a_few_admitted_clauses_are_ranked_from_their_stored_vectors(tmp_path: Path) -> None:
    """One document's clauses, ranked by their own vectors, in the graph search's order."""
    from rag.index.exact import RowPlaces, nearest

    law = make_document(
        "001.txt", "日照", "日照条例", [f"第{i}条 创业投资机构{i}号措施。" for i in range(40)]
    )
    other = make_document(
        "002.txt", "泰安", "泰安办法", [f"孵化器第{i}项补助。" for i in range(40)]
    )
    docs = [law, other]
    client = _indexed(tmp_path, docs)
    name = collection_name("g1", "hashing-v1-1024")
    places = RowPlaces.load(tmp_path / "rows.json")
    only_law = SearchFilters(doc_ids=(law.document.doc_id,))
    assert places.admitted(only_law) == [c.clause_id for c in law.clauses]
    assert places.admitted(SearchFilters(cities=("泰安",))) == [c.clause_id for c in other.clauses]
    assert places.admitted(SearchFilters(cities=("泰安",), doc_ids=(law.document.doc_id,))) == []
    # more than an exact search should read: not listed (a large corpus's city admits 10⁵)
    assert places.admitted(SearchFilters(cities=("泰安",)), most=39) is None
    assert places.admitted(SearchFilters(cities=("泰安",)), most=40) is not None
    collection = client.get_collection(name, embedding_function=None)
    vector = HashingEmbedder().embed(["创业投资机构7号措施"])
    ranked = nearest(collection, vector, places.admitted(only_law) or [], 5)
    graph = collection.query(
        query_embeddings=vector, n_results=5, where={"doc_id": law.document.doc_id}
    )
    # clauses this alike may tie: the distances and the closest one must agree
    assert ranked[0][0] == graph["ids"][0][0] == law.clauses[7].clause_id
    assert [d for _, d in ranked] == pytest.approx(graph["distances"][0], abs=1e-5)
    assert nearest(collection, vector, [], 5) == []


def test_a_built_collection_is_on_disk_whole(tmp_path: Path) -> None:
    """Every vector is in the written HNSW files, none left in Chroma's log to be inserted
    again by each process that opens the collection (seconds at 100k+ clauses)."""
    import sqlite3

    from rag.index.chroma import write_whole

    texts = [f"第{i}条 关于第{i}类事项的规定。" for i in range(1, 1011)]
    document = make_document("001.txt", "日照", "日照条例", texts)
    rows = [IndexRow(c.clause_id, c.doc_id, "日照", c.text) for c in document.clauses]
    client = chroma_client(None, tmp_path)
    name = collection_name("g1", "hashing-v1-64")
    build_vector_index(client, name, HashingEmbedder(64), rows)

    def logged() -> int:
        with sqlite3.connect(tmp_path / "chroma" / "chroma.sqlite3") as db:
            return int(db.execute("SELECT COUNT(*) FROM embeddings_queue").fetchone()[0])

    assert logged() >= 10  # 1,010 added, written at 1,000: the rest only in the log
    query = HashingEmbedder(64).embed(["第7条 关于第7类事项的规定。"])
    before = client.get_collection(name).query(query_embeddings=query, n_results=5)
    write_whole(client, name, tmp_path)
    assert logged() <= 1  # Chroma keeps its last entry
    reopened = chroma_client(None, tmp_path).get_collection(name)
    assert reopened.count() == len(rows)
    after = reopened.query(query_embeddings=query, n_results=5)
    assert after["ids"] == before["ids"] and after["ids"][0][0] == rows[6].clause_id


def test_a_deferred_index_opens_chroma_at_its_first_search(
    corpus: tuple[Path, dict[str, Clause]],
) -> None:
    """A one-shot process opens Chroma only for a vector search (its HNSW load holds the
    GIL, so a background opening would stall a question that needs no vectors)."""
    path, clauses = corpus
    opened: list[Path] = []

    def connect() -> object:
        opened.append(path)
        return chroma_client(None, path)

    name = collection_name("g1", "hashing-v1-1024")
    fetch = lambda ids: {i: clauses[i] for i in ids}  # noqa: E731
    index = VectorIndex.opening(connect, name, HashingEmbedder(), fetch, background=False)
    assert opened == []
    hits = index.search("新设立的创业投资机构有什么奖励", k=3)
    assert hits[0].clause.text == RIZHAO[0]
    index.search("企业", k=3)
    assert opened == [path]  # once


def _indexed(tmp_path: Path, docs: list[Any]) -> Any:
    """Rows and a real embedded Chroma collection `g1` of the documents' clauses."""
    from rag.index.lexical import save_rows

    rows = [
        IndexRow(c.clause_id, c.doc_id, d.document.city or "", c.text)
        for d in docs
        for c in d.clauses
    ]
    save_rows(tmp_path, rows)
    client = chroma_client(None, tmp_path)
    build_vector_index(client, collection_name("g1", "hashing-v1-1024"), HashingEmbedder(), rows)
    return client
