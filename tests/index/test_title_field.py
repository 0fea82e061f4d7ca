"""The title field: a clause whose own words do not name its subject is found through its
document's title; a clause matching none of the query's words gains nothing from it."""

from __future__ import annotations

import shutil
from pathlib import Path

from rag.index.lexical import IndexRow, LexicalIndex, build_lexical_index
from rag.index.title_field import TITLE_BM25, TITLE_ROWS
from rag.records import Clause

ITEM = "（二）其他人员：个人缴费标准为每人390元。"
UNRELATED = "本通告由市医保局负责解释。"
TITLES = {"notice": "某市城乡居民大病保险参保缴费通告", "guide": "某市公积金业务办理指南"}
DISTRACTORS = [f"个人缴费查询{i}。" for i in range(12)]


def clause(clause_id: str, doc_id: str, text: str) -> Clause:
    return Clause(clause_id=clause_id, doc_id=doc_id, path=(), number=None, heading=None,
                  text=text, start=0, end=len(text), ordinal=0)  # fmt: skip


def index_over(directory: Path, with_titles: bool) -> LexicalIndex:
    """A BM25 index of one notice (an item, an unrelated sentence) and a guide whose short
    clauses all say "个人缴费", with or without the titles."""
    clauses = [clause(f"d{i}", "guide", text) for i, text in enumerate(DISTRACTORS)]
    clauses += [clause("item", "notice", ITEM), clause("unrelated", "notice", UNRELATED)]
    rows = [IndexRow(c.clause_id, c.doc_id, "", c.text) for c in clauses]
    build_lexical_index(directory, rows, TITLES if with_titles else None)
    by_id = {c.clause_id: c for c in clauses}
    return LexicalIndex(directory, lambda ids: {i: by_id[i] for i in ids if i in by_id})


def ranked(index: LexicalIndex, query: str) -> list[str]:
    return [hit.clause.clause_id for hit in index.search(query, 20)]


def test_a_clause_is_found_through_its_documents_title(tmp_path: Path) -> None:
    query = "大病保险个人缴费多少"
    assert ranked(index_over(tmp_path / "with", True), query)[0] == "item"
    assert ranked(index_over(tmp_path / "without", False), query)[0] != "item"


def test_a_clause_matching_no_query_word_gains_nothing_from_its_title(tmp_path: Path) -> None:
    found = ranked(index_over(tmp_path, True), "大病保险个人缴费多少")
    assert "unrelated" not in found


def test_a_generation_without_the_field_ranks_by_clause_text_alone(tmp_path: Path) -> None:
    before = ranked(index_over(tmp_path / "without", False), "大病保险个人缴费多少")
    index = index_over(tmp_path / "older", True)
    shutil.rmtree(tmp_path / "older" / TITLE_BM25)
    (tmp_path / "older" / TITLE_ROWS).unlink()
    older = LexicalIndex(tmp_path / "older", index._fetch)
    assert ranked(older, "大病保险个人缴费多少") == before
