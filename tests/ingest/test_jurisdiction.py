"""A document's city and place chain agree, whatever evidence each came from."""

from __future__ import annotations

from rag.ingest.jurisdiction import reconcile_place
from rag.ingest.metadata import describe


def test_a_chain_through_a_city_names_the_city() -> None:
    assert reconcile_place(None, ("越秀区", "广州市", "广东省")) == (
        "广州",
        ("越秀区", "广州市", "广东省"),
    )
    assert reconcile_place(None, ("广东省",)) == (None, ("广东省",))


def test_a_known_city_refines_a_chain_that_stops_above_it() -> None:
    assert reconcile_place("临沂", ("山东省",)) == ("临沂", ("临沂市", "山东省"))
    assert reconcile_place("临沂", ()) == ("临沂", ("临沂市", "山东省"))
    assert reconcile_place("临沂", ("全国",)) == ("临沂", ("临沂市", "山东省"))


def test_a_chain_of_another_place_is_not_overwritten_by_a_city() -> None:
    assert reconcile_place("临沂", ("海淀区", "北京市")) == ("临沂", ("海淀区", "北京市"))


def test_a_district_bureaus_notice_belongs_to_its_city() -> None:
    text = "各学校：\n现将有关事项通知如下。\n一、报名时间为每年三月。\n越秀区教育局\n2025年3月1日"
    m = describe(text, "越秀区教育局关于做好入学报名工作的通知", {}, "fallback")
    assert (m.city, m.place_chain) == ("广州", ("越秀区", "广州市", "广东省"))


def test_a_city_named_only_in_the_body_moves_a_province_chain_down_to_it() -> None:
    body = "临沂市将加快建设。临沂市科技局牵头。临沂市各区县配合，全省统筹推进。山东省科技厅指导。"
    m = describe(body, "关于某项政策的解读", {}, "fallback")
    assert m.city == "临沂"
    assert m.place_chain == ("临沂市", "山东省")
