"""Clauses found by number through the number index name exactly what reading every clause
of every document would: the same clauses, in the same order, for every label family."""

from __future__ import annotations

from rag.index.corpus import open_corpus
from rag.settings import Settings
from rag.text.clause_key import numbered

REFERENCES = (
    "1",
    "3",
    "3.",
    "三",
    "三、",
    "十四",
    "第14条",
    "第十四条",
    "(三)",
    "（2）",
    "第99条",
    "一是",
)


def test_the_number_index_names_what_a_scan_would(seed_service, seed_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    corpus = open_corpus(seed_settings)
    assert corpus is not None
    documents = corpus.documents()
    for reference in REFERENCES:
        scanned = [
            (d.doc_id, c.clause_id)
            for d in documents
            for c in numbered(reference, corpus.clauses(d.doc_id))
        ]
        assert corpus.clause_places(reference) == scanned, reference
        for document in documents:
            mine = [p for p in scanned if p[0] == document.doc_id]
            assert corpus.clause_places(reference, {document.doc_id}) == mine
    assert corpus.clause_places("第14条"), (
        "the seeds number articles: a lookup that finds nothing proves nothing"
    )
    corpus.close()


def test_clause_candidates_read_only_the_clauses_named(
    seed_service, seed_settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    corpus = open_corpus(seed_settings)
    assert corpus is not None
    for document in corpus.documents():
        for clause in corpus.clauses(document.doc_id):
            if clause.number:
                found = corpus.clause_candidates(document.doc_id, clause.number)
                assert clause in found
                assert all(c.doc_id == document.doc_id for c in found)
    corpus.close()
