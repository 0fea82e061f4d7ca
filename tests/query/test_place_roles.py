"""Places that are only the asker's origin neither scope nor refuse a question, and are no
evidence either."""

from __future__ import annotations

from rag.query.analysis import analyse
from rag.query.terms import content_terms
from rag.records import Document
from tests.conftest import placed_document


def doc(doc_id: str, city: str | None, chain: tuple[str, ...]) -> Document:
    return placed_document(doc_id, chain, city)


DOCUMENTS = [
    doc("district", "广州", ("越秀区", "广州市", "广东省")),
    doc("city", "广州", ("广州市", "广东省")),
]


def test_an_uncovered_city_beside_an_indexed_district_is_the_askers_origin() -> None:
    plan = analyse("我是澳门人，在越秀区上班，申请人才公寓要交哪些材料", DOCUMENTS)
    assert plan.foreign_cities == ()
    assert plan.place == "越秀区"


def test_compared_with_an_indexed_district_an_uncovered_city_is_still_refused() -> None:
    plan = analyse("澳门和越秀区的人才公寓政策有什么区别", DOCUMENTS)
    assert "澳门" in plan.foreign_cities


def test_an_uncovered_origin_province_is_not_a_search_term() -> None:
    plan = analyse("我妈是江西户口，在广州办老年人优待证要带什么", DOCUMENTS)
    terms = [t.term for t in plan.terms]
    assert not any("江西" in t for t in terms)
    assert "优待证" in "".join(terms)


def test_pronouns_and_bare_limits_are_no_terms() -> None:
    terms = [t.term for t in content_terms("给她办优待证最少要几天")]
    assert not any(t.startswith(("她", "最少")) or t.endswith("最少") for t in terms)
