"""A list of compounds sharing one head writes the head once, after 等: "免收停车、充电等
费用" names 停车费. A clause listing the asked term's stem so is about it, and the key-term
gate does not refuse it."""

from __future__ import annotations

from pathlib import Path

from rag.answer.gates import _listed_under_its_head
from tests.conftest import service_over

STATUTE = (
    "某市新能源汽车推广条例\n\n"
    "第一条 为了推广新能源汽车，制定本条例。\n\n"
    "第二条 政府投资建设的公共停车场对新能源汽车免收停车、充电服务等费用。\n\n"
    "第三条 经营性停车场应当公示停车费收费标准。\n\n"
    "第四条 本条例自发布之日起施行。\n\n"
)


def test_an_item_of_a_list_closed_by_the_head_names_the_compound() -> None:
    assert _listed_under_its_head("停车费", "免收停车、充电服务等费用。")
    assert not _listed_under_its_head("停车费", "停车场应当设置充电设施。")


def test_the_clause_listing_the_stem_answers(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"ev.txt": STATUTE})
    answer = service.ask("新能源车去政府建的公共停车场，停车费要交吗？")
    assert not answer.refused, answer.answer
    assert "免收停车" in answer.citations[0].quote, answer.answer
