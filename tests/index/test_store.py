"""SQLite storage round-trips every field of the shared records."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rag.index.rows import StoredFile
from rag.index.store import Store
from tests.corpus_builders import RIZHAO, file_records, make_document


def write_store(path: Path) -> Store:
    store = Store.create(path)
    doc = make_document("003_rizhao.txt", "日照", "若干政策", RIZHAO)
    store.add_file(StoredFile("/src/003_rizhao.txt", "abc", 10), [doc])
    store.commit()
    store.close()
    return Store.open(path)


def test_documents_and_clauses_round_trip(tmp_path: Path) -> None:
    store = write_store(tmp_path / "corpus.sqlite")
    expected = make_document("003_rizhao.txt", "日照", "若干政策", RIZHAO)
    assert store.documents() == [expected.document]
    assert store.document(expected.document.doc_id) == expected.document
    assert tuple(store.clauses(expected.document.doc_id)) == expected.clauses
    first = expected.clauses[0]
    assert store.clause(first.clause_id) == first
    assert store.clause("nope") is None
    assert store.clause_counts() == {expected.document.doc_id: 3}
    assert store.files() == {"/src/003_rizhao.txt": StoredFile("/src/003_rizhao.txt", "abc", 10)}


def test_every_clause_text_is_its_span_of_the_document(tmp_path: Path) -> None:
    store = write_store(tmp_path / "corpus.sqlite")
    doc = store.documents()[0]
    for clause in store.clauses(doc.doc_id):
        assert doc.text[clause.start : clause.end] == clause.text
        for sentence in clause.sentences:
            assert doc.text[sentence.start : sentence.end] == sentence.text


def test_file_records_carry_everything_over(tmp_path: Path) -> None:
    store = write_store(tmp_path / "corpus.sqlite")
    expected = file_records(
        "/src/003_rizhao.txt", make_document("003_rizhao.txt", "日照", "若干政策", RIZHAO)
    )
    assert tuple(store.file_records("/src/003_rizhao.txt")) == expected.documents


def test_index_rows_name_clause_document_and_city(tmp_path: Path) -> None:
    store = write_store(tmp_path / "corpus.sqlite")
    rows = list(store.index_rows())
    assert [r[3] for r in rows] == list(RIZHAO)
    assert {r[2] for r in rows} == {"日照"}


def test_published_store_is_read_only(tmp_path: Path) -> None:
    store = write_store(tmp_path / "corpus.sqlite")
    with pytest.raises(sqlite3.OperationalError):
        store.add_file(StoredFile("/other", "x", 1), [])


def test_clauses_by_number_through_the_number_index(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "corpus.sqlite")
    numbers = ("第一条", "第十四条", "（三）")
    first = make_document("a.txt", "日照", "甲", RIZHAO[:3], numbers=numbers)
    second = make_document("b.txt", "泰安", "乙", RIZHAO[:2], numbers=("14", "15"))
    store.add_file(StoredFile("/src/a.txt", "a", 1), [first])
    store.add_file(StoredFile("/src/b.txt", "b", 1), [second])
    store.commit()
    both = [first.clauses[1], second.clauses[0]]
    for asked in ("14", "第14条", "第十四条", "十四", "１４"):
        assert store.clauses_numbered(asked) == both
    assert store.clauses_numbered("14", {second.document.doc_id}) == [second.clauses[0]]
    # every label of value 3 comes back; the family a reference means is picked by
    # rag.text.clause_key.numbered
    assert store.clauses_numbered("(三)") == [first.clauses[2]]
    assert store.clauses_numbered("3") == [first.clauses[2]]
    assert store.clauses_numbered("16") == []
    plan = store._db.execute(  # a look-up through the index, never a scan of the clauses
        "EXPLAIN QUERY PLAN SELECT doc_id FROM clause_numbers WHERE number_key = '14'"
    ).fetchall()
    assert "USING PRIMARY KEY" in str(plan) or "USING INDEX" in str(plan)
