"""A city question is answered from the documents that apply in the city: its own (districts
included), its province's and the country's; never another city's or another province's."""

from __future__ import annotations

from pathlib import Path

from rag.query.analysis import analyse
from rag.query.places import applies_in_cities, city_scope
from rag.records import Document
from rag.retrieve.hybrid import plan_filters
from tests.conftest import placed_document, service_over


def doc(doc_id: str, city: str | None, chain: tuple[str, ...], title: str = "") -> Document:
    return placed_document(doc_id, chain, city, title)


DOCUMENTS = [
    doc("district", "广州", ("越秀区", "广州市", "广东省")),
    doc("city", "广州", ("广州市", "广东省")),
    doc("province", None, ("广东省",), "广东省电动自行车管理条例"),
    doc("other_city", "深圳", ("深圳市", "广东省")),
    doc("other_province", None, ("浙江省",), "浙江省电动自行车管理条例"),
    doc("law", None, ("全国",)),
    doc("unplaced", None, ()),
]


def test_a_city_takes_its_own_its_provinces_and_the_countrys_documents() -> None:
    assert city_scope(("广州",), DOCUMENTS) == ("district", "city", "province", "law")
    assert "unplaced" in applies_in_cities(("广州",), DOCUMENTS, unplaced=True)


def test_no_wider_scope_when_nothing_lies_above_the_city() -> None:
    own = [d for d in DOCUMENTS if d.city == "广州"]
    assert city_scope(("广州",), own) == ()


def test_a_city_question_filters_by_the_documents_that_apply_there() -> None:
    plan = analyse("广州失业保险金每月发多少", DOCUMENTS)
    filters = plan_filters(plan)
    assert filters is not None
    assert set(filters.doc_ids) == {"district", "city", "province", "law"}
    assert filters.cities == ()


def test_a_title_of_another_provinces_document_does_not_scope_a_city_question() -> None:
    plan = analyse("广州电动自行车管理条例规定多久内登记", DOCUMENTS)
    assert plan.doc_ids == ("province",)


def test_a_city_question_is_answered_from_its_provinces_regulation(tmp_path: Path) -> None:
    service = service_over(
        tmp_path,
        {
            "city.txt": "广州市图书馆管理办法\n第一条 为规范图书馆管理，制定本办法。\n"
            "第二条 图书馆每日开放不少于八小时。\n广州市人民政府\n2024年1月2日\n",
            "province.txt": "广东省非机动车登记规定\n第一条 为规范非机动车登记，制定本规定。\n"
            "第二条 购买非机动车的，应当自购买之日起三十日内申请登记。\n"
            "广东省人民政府\n2023年5月6日\n",
            "other.txt": "浙江省非机动车登记规定\n第一条 为规范非机动车登记，制定本规定。\n"
            "第二条 购买非机动车的，应当自购买之日起十五日内申请登记。\n"
            "浙江省人民政府\n2023年5月6日\n",
        },
    )
    answer = service.ask("广州买了非机动车多久内要登记")
    assert not answer.refused
    assert "三十日" in answer.answer and "十五日" not in answer.answer
    assert answer.citations[0].title == "广东省非机动车登记规定"
