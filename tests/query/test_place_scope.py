"""A question's place scopes to the documents that apply there: its own, its parents', the
country's."""

from __future__ import annotations

from rag.lexicon.divisions import short_name
from rag.query.places import place_scope
from rag.records import Document
from tests.conftest import placed_document


def doc(doc_id: str, chain: tuple[str, ...]) -> Document:
    return placed_document(doc_id, chain)


DOCUMENTS = [
    doc("district", ("天河区", "广州市", "广东省")),
    doc("city", ("广州市", "广东省")),
    doc("province", ("广东省",)),
    doc("other_province", ("河南省",)),
    doc("law", ("全国",)),
]


def test_a_district_question_is_answered_by_its_own_parents_and_national_documents() -> None:
    assert place_scope("天河区人才公寓怎么申请", DOCUMENTS) == (
        "district",
        "city",
        "province",
        "law",
    )
    assert place_scope("天河的人才公寓", DOCUMENTS) == ("district", "city", "province", "law")


def test_a_province_question_leaves_out_other_provinces_and_lower_levels() -> None:
    assert place_scope("河南小区业主委员会任期多长", DOCUMENTS) == ("other_province", "law")
    assert place_scope("在广东租房押金最多几个月", DOCUMENTS) == ("province", "law")


def test_a_question_naming_no_indexed_place_is_not_scoped() -> None:
    assert place_scope("老年人坐公交有什么优惠", DOCUMENTS) is None


def test_short_names_drop_the_level_word() -> None:
    assert [short_name(n) for n in ("广东省", "广州市", "天河区", "城区")] == [
        "广东",
        "广州",
        "天河",
        "城区",
    ]
