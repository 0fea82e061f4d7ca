"""BM25 over jieba tokens: domain words stay whole, filters hold, results persist."""

from __future__ import annotations

import itertools
import logging
import subprocess
import sys
from pathlib import Path

import numpy as np

from rag.index.bm25_writer import StreamedBM25
from rag.index.derived import derived_value
from rag.index.lexical import (
    IndexRow,
    LexicalBuilder,
    LexicalIndex,
    Rows,
    build_lexical_index,
    top_rows,
)
from rag.protocol import SearchFilters
from rag.records import Clause
from rag.text.segment import index_terms, raw_words, tokenize
from tests.conftest import REPO
from tests.corpus_builders import RIZHAO, TAIAN, make_document

SEEDS = REPO / "seeds"


def test_domain_terms_stay_whole() -> None:
    for term in ("专精特新", "揭榜挂帅", "高新技术企业", "创业投资机构", "科技特派员", "众创空间",
                 "新型研发机构", "科技型中小企业", "研发费用加计扣除", "首台套"):  # fmt: skip
        assert term in tokenize(f"支持{term}发展"), term


def test_punctuation_and_stop_words_are_dropped_and_width_folded() -> None:
    tokens = tokenize("对新设立的创业投资机构，给予最高２００万元奖励。")
    assert "，" not in tokens and "。" not in tokens and "的" not in tokens
    assert "200" in tokens


def test_jieba_loads_quietly(tmp_path: Path) -> None:
    code = "from rag.text.segment import tokenize; tokenize('孵化器'); tokenize('众创空间')"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stderr == "" and run.stdout == ""


def build(tmp_path: Path) -> tuple[LexicalIndex, dict[str, Clause]]:
    docs = [
        make_document("003.txt", "日照", "日照若干政策", RIZHAO),
        make_document("000.txt", "泰安", "泰安实施意见", TAIAN),
        make_document("004.txt", None, "工作要点", ("全面推进高新技术企业培育。",)),
    ]
    clauses = {c.clause_id: c for d in docs for c in d.clauses}
    rows = [
        IndexRow(c.clause_id, c.doc_id, d.document.city or "", c.text)
        for d in docs for c in d.clauses
    ]  # fmt: skip
    build_lexical_index(tmp_path, rows)
    fetch = lambda ids: {i: clauses[i] for i in ids if i in clauses}  # noqa: E731
    return LexicalIndex(tmp_path, fetch), clauses


def test_best_clause_first_with_ranks(tmp_path: Path) -> None:
    index, _ = build(tmp_path)
    hits = index.search("新设立创业投资机构奖励多少", k=3)
    assert hits[0].clause.text == RIZHAO[0]
    assert [h.ranks["bm25"] for h in hits] == list(range(1, len(hits) + 1))
    assert all(a.score >= b.score for a, b in itertools.pairwise(hits))


def test_filters_by_city_and_document(tmp_path: Path) -> None:
    index, clauses = build(tmp_path)
    everywhere = index.search("高新技术企业", k=10)
    assert all("高新技术企业" in h.clause.text for h in everywhere[:2])
    assert len({h.clause.doc_id for h in everywhere[:2]}) == 2
    rizhao = index.search("高新技术企业", k=10, filters=SearchFilters(cities=("日照",)))
    assert [h.clause.text for h in rizhao] == [RIZHAO[2]]
    doc_id = next(c.doc_id for c in clauses.values() if c.text.startswith("全面推进"))
    by_doc = index.search("高新技术企业", k=10, filters=SearchFilters(doc_ids=(doc_id,)))
    assert [h.clause.doc_id for h in by_doc] == [doc_id]
    assert index.search("高新技术企业", k=10, filters=SearchFilters(cities=("南京",))) == []


def test_nothing_matching_returns_nothing(tmp_path: Path) -> None:
    index, _ = build(tmp_path)
    assert index.search("", k=3) == []
    assert index.search("？！。", k=3) == []
    assert index.search("量子引力弦论", k=3) == []
    assert index.search("孵化器", k=0) == []


def test_index_reloads_from_disk(tmp_path: Path) -> None:
    first, clauses = build(tmp_path)
    again = LexicalIndex(tmp_path, lambda ids: {i: clauses[i] for i in ids})
    assert [h.clause for h in again.search("孵化器", 3)] == [
        h.clause for h in first.search("孵化器", 3)
    ]


def test_rows_read_back_from_the_generation_search_the_same(tmp_path: Path) -> None:
    first, clauses = build(tmp_path)
    derived_value(tmp_path, "rows", lambda: Rows.load(tmp_path))  # computed and saved
    saved = derived_value(tmp_path, "rows", lambda: Rows(["?"], np.array(["?"]), np.array([""])))
    again = LexicalIndex(tmp_path, lambda ids: {i: clauses[i] for i in ids}, saved)
    rizhao = SearchFilters(cities=("日照",))
    for query, filters in (("孵化器", None), ("高新技术企业", rizhao)):
        assert [h.clause for h in again.search(query, 5, filters)] == [
            h.clause for h in first.search(query, 5, filters)
        ]


def test_top_rows_orders_best_first_and_skips_zero() -> None:
    scores = np.array([0.0, 2.0, 5.0, 2.0, 0.5], dtype=np.float32)
    assert top_rows(scores, 3) == [2, 1, 3]
    assert top_rows(scores, 10) == [2, 1, 3, 4]


def test_no_jieba_log_lines_in_this_process(caplog) -> None:  # type: ignore[no-untyped-def]
    with caplog.at_level(logging.DEBUG, logger="jieba"):
        tokenize("揭榜挂帅")
    assert not [r for r in caplog.records if r.name == "jieba" and r.levelno >= logging.INFO]


def test_saved_vocabulary_segments_like_the_full_dictionary(tmp_path: Path) -> None:
    from rag.index.generations import VOCABULARY
    from rag.text.segment import full_segmenter, normalise, vocabulary_segmenter

    build(tmp_path)
    small, full = vocabulary_segmenter(tmp_path / VOCABULARY), full_segmenter()
    assert len(small.FREQ) < len(full.FREQ) / 5
    for text in (*RIZHAO, *TAIAN):  # exactly, on every indexed text
        text = normalise(text)
        assert small.lcut(text, HMM=False) == full.lcut(text, HMM=False), text
        assert list(small.cut_for_search(text, HMM=False)) == list(
            full.cut_for_search(text, HMM=False)
        )
    # questions keep everyday and domain words whole
    assert {"多少", "什么", "高企", "创投机构"} <= set(
        small.lcut("创投机构、高企奖励多少？有什么支持")
    )


def test_saved_index_scores_exactly_like_bm25s(tmp_path: Path) -> None:
    import bm25s

    from rag.index.lexical import SavedBM25

    build(tmp_path)
    ours, theirs = SavedBM25(tmp_path / "bm25"), bm25s.BM25.load(tmp_path / "bm25")
    for query in ("高新技术企业奖励", "孵化器 众创空间 孵化器", "研发费用加计扣除", "创业投资机构"):
        tokens = tokenize(query)
        expected = theirs.get_scores_from_ids(theirs.get_tokens_ids(tokens))
        assert ours.token_ids(tokens) == theirs.get_tokens_ids(tokens)
        np.testing.assert_allclose(ours.scores(ours.token_ids(tokens)), expected, rtol=1e-6)


def test_vocabulary_segmenter_is_jieba_without_jieba(tmp_path: Path) -> None:
    import jieba

    from rag.index.generations import VOCABULARY
    from rag.text.segment import vocabulary_segmenter

    build(tmp_path)
    ours = vocabulary_segmenter(tmp_path / VOCABULARY)
    reference = jieba.Tokenizer()
    reference.FREQ, reference.total, reference.initialized = ours.FREQ, ours.total, True
    texts = [
        *(path.read_text(encoding="utf-8")[:3000] for path in sorted(SEEDS.glob("*.txt"))),
        "GDP增长8.5%，R&D投入2.6亿元；C++ 与 AI-2.0\r\n\t新设立的创投机构😀 ok？",
        "", "   ", "ａｂｃ１２３", "第十四条(三)①",
    ]  # fmt: skip
    for text in texts:
        assert ours.lcut(text, HMM=False) == reference.lcut(text, HMM=False)
        assert list(ours.cut_for_search(text)) == list(reference.cut_for_search(text, HMM=False))


def test_a_question_segments_alike_before_and_after_the_process_indexes(tmp_path: Path) -> None:
    # an index run loads the full dictionary; questions keep the served vocabulary, or the
    # same question would be answered differently once a server has added a document
    from tests.conftest import service_over

    text = "某市停车场管理办法\n第一条 为了加强管理，制定本办法。\n"
    service_over(tmp_path / "a", {"a.txt": text})
    other = tmp_path / "b.txt"
    other.write_text("某县集市管理规定\n第一条 集市由县商务部门管理。\n", encoding="utf-8")
    script = (
        "from pathlib import Path\n"
        "from rag.index.build import index_paths\n"
        "from rag.index.corpus import open_corpus\n"
        "from rag.text.segment import tokenize\n"
        "from tests.conftest import make_settings\n"
        f"open_corpus(make_settings(Path({str(tmp_path / 'a' / 'data')!r})))\n"
        "before = tokenize('区块链跨境电商溯源有补贴吗')\n"
        f"index_paths([Path({str(other)!r})], make_settings(Path({str(tmp_path / 'o')!r})),"
        " progress=False)\n"
        "print(before == tokenize('区块链跨境电商溯源有补贴吗'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "True", done.stderr


def test_the_builder_indexes_each_clause_s_index_terms(tmp_path: Path) -> None:
    texts = ["日照市 对新设立的创投机构，给予最高200万元奖励。", "给予 奖励，的 奖励！", "  ，。"]
    rows = [IndexRow(f"c{i}", "d", "", text) for i, text in enumerate(texts * 2)]
    words = [raw_words(row.text) for row in rows]
    builder = LexicalBuilder()
    builder.add(rows[:3], words[:3]), builder.add(rows[3:], words[3:])  # words met again
    builder.save(tmp_path / "built")
    reference = StreamedBM25()
    for row_words in words:
        reference.add(index_terms(row_words))
    reference.save(tmp_path / "reference")
    for name in ("data.csc.index.npy", "indices.csc.index.npy", "vocab.index.json"):
        built = (tmp_path / "built" / "bm25" / name).read_bytes()
        assert built == (tmp_path / "reference" / name).read_bytes(), name
