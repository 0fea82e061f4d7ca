"""Areas, lengths and weights are asked and stated in their own units."""

from __future__ import annotations

from rag.facts.spans import asked_unit, fact_span
from rag.query.analysis import fact_kind


def test_a_measure_is_asked_by_its_unit_or_its_dimension() -> None:
    assert asked_unit("食堂面积最少要多大") == "面积"
    assert asked_unit("后厨要多少平米") == "面积"
    assert asked_unit("非机动车道要留多宽") == "长度"
    assert asked_unit("每袋最多装多少公斤") == "重量"


def test_an_area_question_is_not_an_age_question() -> None:
    assert fact_kind("服务中心建筑面积要多大", (), None) == "count"
    assert fact_kind("申请人要多大年纪", (), None) == "age"


def test_the_figure_in_the_asked_dimension_is_the_fact() -> None:
    text = "设置车位不少于20个，仓库面积不小于80㎡，距离居民区不超过500米。"
    start, end = fact_span("count", text, (), "仓库面积要多少平米") or (0, 0)
    assert text[start:end].endswith("80㎡")
    start, end = fact_span("count", text, (), "离居民区的距离最多多远") or (0, 0)
    assert text[start:end].endswith("500米")


def test_the_unit_of_an_asked_measure_is_no_search_term() -> None:
    from rag.query.terms import content_terms

    terms = [t.term for t in content_terms("食堂后厨要多少平米")]
    assert terms and not any("平米" in t for t in terms)
