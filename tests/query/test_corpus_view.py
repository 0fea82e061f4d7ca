"""The per-corpus view question analysis consults: the same answers as scanning every
document, worked out once for a served generation's document list."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rag.index.derived import derived_path
from rag.query.analysis import analyse
from rag.query.titles import documents_titled
from rag.query.view import CorpusView, TitleIndex, corpus_view, keep_view
from rag.records import Document, DocumentList
from rag.service import build_answer_service
from tests.conftest import SEEDS_DIR, make_settings, service_over

RIZHAO = SEEDS_DIR / "003_2fadbbb93aa1902f.txt"


def document(index: int, title: str, place_chain: tuple[str, ...] = ()) -> Document:
    return Document(
        doc_id=f"d{index}", title=title, text="正文。", source=f"{index}.md",
        content_hash=f"h{index}", place=place_chain[0] if place_chain else None,
        place_chain=place_chain, city=None,
    )  # fmt: skip


TITLES = (
    "某省科学技术进步条例", "某省促进科技成果转化条例", "某市促进科技成果转化条例",
    "某省安全生产条例", "技术合同认定登记管理办法", "", "某省人民调解条例",
)  # fmt: skip


def test_title_stretches_find_the_same_documents_as_a_scan() -> None:
    documents = [document(i, t) for i, t in enumerate(TITLES)]
    index = TitleIndex.of(documents)
    for title in TITLES:
        for length in range(1, len(title) + 1):
            for start in range(len(title) - length + 1):
                stretch = title[start : start + length]
                scanned = [d.doc_id for d in documents if d.title and stretch in d.title]
                assert index.holders(stretch) == scanned, stretch
    assert index.holders("没有这个标题") == []


def test_the_view_is_kept_on_a_served_document_list_only() -> None:
    chain = ("某区", "某市", "某省")
    documents = [document(i, t, chain if i == 2 else ()) for i, t in enumerate(TITLES)]
    served = DocumentList(documents)
    assert corpus_view(served) is corpus_view(served)
    assert corpus_view(documents) is not corpus_view(documents)  # a plain list: fresh each call
    view = corpus_view(served)
    assert view.places == frozenset(chain) and view.chains["某市"] == ("某市", "某省")
    assert documents_titled("安全生产条例第三条原文", served) == ("d3",)


def test_analysis_over_a_served_list_matches_a_plain_one() -> None:
    documents = [document(i, t, ("某省",)) for i, t in enumerate(TITLES)]
    documents[4] = replace(documents[4], doc_number="某科发〔2020〕3号")
    served = DocumentList(documents)
    for question in ("某省安全生产条例第三条原文", "技术合同认定登记要什么材料",
                     "某科发〔2020〕3号讲什么", "某省和北京有什么不同"):  # fmt: skip
        assert analyse(question, served) == analyse(question, documents), question


def test_a_view_read_back_serves_like_the_one_built(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"rizhao.txt": RIZHAO.read_text(encoding="utf-8")})
    documents = service.corpus.documents()
    saved = derived_path(service.corpus.path, "query-view")
    assert saved.is_file() and corpus_view(documents) == CorpusView.of(documents)
    again = build_answer_service(make_settings(tmp_path / "data"), "extractive")
    assert corpus_view(again.corpus.documents()) == corpus_view(documents)
    keep_view(documents, replace(corpus_view(documents), cities=frozenset({"某市"})))
    assert corpus_view(documents).cities == {"某市"}  # what is kept is what analysis reads


def test_the_view_names_where_the_documents_apply_in_document_order() -> None:
    city = replace(document(1, "某市养犬管理规定", ("某市", "某省")), city="某市")
    province = document(2, "某省河道保洁条例", ("某省",))
    national = document(3, "全国示范办法", ("全国",))
    view = CorpusView.of([province, city, national, replace(city, doc_id="d4")])
    assert view.covered_cities == ("某市",)
    assert view.covered_places == ("某省", "某市", "全国")
