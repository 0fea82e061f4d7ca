"""A document named by its year ("2021年那份通知") is chosen by its dates."""

from __future__ import annotations

from rag.query.analysis import analyse, fact_kind, of_year
from rag.records import Document


def doc(doc_id: str, title: str, date: str, effective: str | None = None) -> Document:
    return Document(
        doc_id, title, doc_id, f"{doc_id}.txt", content_hash=doc_id, date=date, effective=effective
    )


OLD = doc("old", "某市养老服务补贴办法", "2019-05-06")
NEW = doc("new", "某市养老服务补贴办法", "2023-02-01", "2023-03-01")


def test_the_document_of_the_named_year_is_chosen() -> None:
    assert of_year("2019年那份养老服务补贴办法", [OLD, NEW]) == [OLD]
    assert analyse("2023年那份养老服务补贴办法里补贴标准是多少", [OLD, NEW]).doc_ids == ("new",)


def test_a_year_a_title_names_chooses_that_document_issued_the_year_before() -> None:
    coming = doc("coming", "某市关于开展2027年度参保缴费工作的通告", "2026-10-12")
    other = doc("other", "某市关于开展2026年待遇资格认证的通告", "2026-03-02")
    assert of_year("2027年度参保通告是哪个单位发的", [coming, other]) == [coming]


def test_a_year_no_document_is_dated_in_chooses_none_over_the_others() -> None:
    assert of_year("2021年那份养老服务补贴办法", [OLD, NEW]) == [OLD, NEW]


def test_the_year_of_a_figure_does_not_narrow_a_single_document() -> None:
    assert of_year("2025年补贴标准是多少", [OLD]) == [OLD]


def test_a_sum_asked_after_its_noun_is_an_amount() -> None:
    assert fact_kind("开办资金要多少", (), None) == "amount"
    assert fact_kind("罚款是多少", (), None) == "amount"


def test_that_document_is_no_search_term() -> None:
    terms = [t.term for t in analyse("那部条例里开办资金要多少", []).terms]
    assert not any(t.startswith(("部", "份")) for t in terms)
