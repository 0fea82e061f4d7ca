"""A county or district no document is of: its city's, province's and the country's documents
apply there (not a sibling district's); a county outside every indexed place is refused."""

from __future__ import annotations

from rag.answer.wording import not_covered
from rag.ingest.parse import ingest_bytes
from rag.lexicon.divisions import counties_after_their_city
from rag.query.analysis import analyse
from rag.query.intent import Intent, intent_of
from rag.records import Document


def documents(*files: tuple[str, str]) -> list[Document]:
    return [p.document for name, text in files for p in ingest_bytes(text.encode(), name)]


DOCS = documents(
    ("city.txt", "广州市社区食堂管理办法\n第一条 社区食堂按每人每餐3元补贴。\n"),
    ("district.txt", "广州市天河区社区食堂实施细则\n第一条 社区食堂按每人每餐1元补贴。\n"),
)
BY_PLACE = {d.place: d.doc_id for d in DOCS}


def test_a_district_without_documents_takes_its_citys_not_its_siblings() -> None:
    assert set(BY_PLACE) == {"广州市", "天河区"}
    plan = analyse("海珠区社区食堂每餐补贴多少", DOCS)
    assert plan.doc_ids == (BY_PLACE["广州市"],)
    assert intent_of(plan) is Intent.FACT


def test_a_county_outside_the_indexed_places_is_refused_by_name() -> None:
    plan = analyse("海淀区社区食堂每餐补贴多少", DOCS)
    assert plan.foreign_cities == ("海淀区",)
    assert intent_of(plan) is Intent.UNCOVERED_PLACE
    assert "不包括海淀区。" in not_covered(plan.foreign_cities, ("广州",))


def test_a_district_without_documents_is_where_the_asker_is_not_a_word_to_find() -> None:
    """Named in full, or by its short name right after its city, a district no document is
    of is the asker's place: its city's rules cover it without writing its name."""
    for question in ("海珠区社区食堂每餐补贴多少", "广州海珠社区食堂每餐补贴多少"):
        terms = {group.term for group in analyse(question, DOCS).terms}
        assert not any("海珠" in term for term in terms), (question, terms)
    indexed = {group.term for group in analyse("天河区社区食堂每餐补贴多少", DOCS).terms}
    assert "天河区" in indexed  # its own documents' titles write it


def test_a_short_district_name_alone_is_not_read_as_a_district() -> None:
    assert [(d.name, w) for d, w in counties_after_their_city("广州海珠有食堂吗")] == [
        ("海珠区", "海珠")
    ]
    assert counties_after_their_city("海珠有食堂吗") == []
