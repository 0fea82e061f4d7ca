"""An embedded build writes its vectors in shards of `vector_shard_size` (one shard's HNSW
index in memory at a time), and searching the shards finds what one collection finds."""

from __future__ import annotations

from pathlib import Path

from rag.index.chroma import chroma_client, collection_name, shard_names
from rag.index.corpus import open_corpus
from rag.index.embeddings import HashingEmbedder
from rag.index.write import build_generation
from rag.protocol import SearchFilters
from tests.corpus_builders import settings_for, two_city_corpus


def _built(data_dir: Path, shard_size: int):  # type: ignore[no-untyped-def]
    settings = settings_for(data_dir, vector_shard_size=shard_size)
    build_generation(data_dir, two_city_corpus(), settings, HashingEmbedder(256))
    corpus = open_corpus(settings, HashingEmbedder(256))
    assert corpus is not None
    return corpus


def test_vectors_are_split_into_shards_of_the_set_size(tmp_path: Path) -> None:
    corpus = _built(tmp_path, 2)
    name = collection_name(corpus.generation, "hashing-v1-256")
    client = chroma_client(None, corpus.path)
    names = shard_names(client, name)
    sizes = [client.get_collection(n).count() for n in names]
    total = sum(corpus.clause_counts().values())
    assert names[0] == name and names[1] == f"{name}-1" and len(names) == -(-total // 2)
    assert sum(sizes) == total and max(sizes) == 2
    corpus.close()


def test_shards_answer_as_one_collection(tmp_path: Path) -> None:
    one = _built(tmp_path / "one", 10_000)
    sharded = _built(tmp_path / "sharded", 2)
    city = one.documents()[0].city
    doc = one.documents()[1].doc_id
    for query, filters in [
        ("孵化器补助", None),
        ("创业投资机构奖励", SearchFilters(cities=(city,) if city else ())),
        ("研发投入", SearchFilters(doc_ids=(doc,))),
    ]:
        expected = [
            (h.clause.clause_id, round(h.score, 4)) for h in one.vector.search(query, 4, filters)
        ]
        got = [
            (h.clause.clause_id, round(h.score, 4))
            for h in sharded.vector.search(query, 4, filters)
        ]
        assert got == expected, query
    one.close()
    sharded.close()


def test_vectors_for_a_changed_embedder_are_written_in_shards_too(tmp_path: Path) -> None:
    """A generation opened with another embedding model embeds its clauses on first use into
    a new collection: in shards of the set size, searched as a fresh build's."""
    corpus = _built(tmp_path / "changed", 2)
    changed = open_corpus(corpus._settings, HashingEmbedder(128))
    assert changed is not None
    hits = changed.vector.search("孵化器补助", 4)
    name = collection_name(changed.generation, "hashing-v1-128")
    client = chroma_client(None, changed.path)
    sizes = [client.get_collection(n).count() for n in shard_names(client, name)]
    assert sum(sizes) == sum(changed.clause_counts().values()) and max(sizes) == 2
    fresh_settings = settings_for(tmp_path / "fresh", vector_shard_size=10_000)
    build_generation(tmp_path / "fresh", two_city_corpus(), fresh_settings, HashingEmbedder(128))
    fresh = open_corpus(fresh_settings, HashingEmbedder(128))
    assert fresh is not None
    expected = [
        (h.clause.clause_id, round(h.score, 4)) for h in fresh.vector.search("孵化器补助", 4)
    ]
    assert [(h.clause.clause_id, round(h.score, 4)) for h in hits] == expected
    for opened in (corpus, changed, fresh):
        opened.close()
