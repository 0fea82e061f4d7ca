"""A question naming a place is answered from that place's own document before an equally
relevant one of a parent place (the country's, a province's) that applies there too."""

from __future__ import annotations

from pathlib import Path

from rag.retrieve.evidence import EvidenceModel, TermWeights
from tests.conftest import service_over

NATIONAL = (
    "网络购买商品退货规定\n国家市场监督管理总局\n"
    "第一条 为规范网络购买商品退货，制定本规定。\n"
    "第三条 消费者网络购买商品，有权自收到商品之日起七日内无理由退货。\n"
)
CITY = (
    "上海市网络购买商品退货实施办法\n上海市市场监督管理局\n"
    "第一条 为规范本市网络购买商品退货，制定本办法。\n"
    "第四条 本市消费者网络购买商品的，经营者应当承诺自收到商品之日起十五日内无理由退货。\n"
)


def test_the_asked_places_own_rule_comes_first(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"national.txt": NATIONAL, "city.txt": CITY})
    answer = service.ask("上海网络购买商品几天内可以无理由退货？")
    assert "十五日" in answer.answer.splitlines()[0], answer.answer
    assert [Path(c.source).name for c in answer.citations][:2] == ["city.txt", "national.txt"]
    unnamed = service.ask("网络购买商品几天内可以无理由退货？")  # no place: no preference
    assert not unnamed.refused


def test_a_document_is_the_own_rule_of_its_city_and_place_only() -> None:
    model = EvidenceModel(TermWeights({}, 0), {}, {"d": frozenset({"上海", "上海市"})})
    assert model.of_asked_place("d", ("上海",))
    assert model.of_asked_place("d", ("北京", "上海市"))
    assert not model.of_asked_place("d", ("北京",))
    assert not model.of_asked_place("other", ("上海",))
