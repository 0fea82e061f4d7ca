"""A comparison may name each place's thing in that place's own words ("甲地…暂停营运、乙地…停止
供水"): a place whose search finds nothing with every term is searched again with only the
terms its documents write."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

BUSES = (
    "芜湖市公共汽车客运条例\n"
    "第一条 为了规范公共汽车客运，制定本条例。\n"
    "第二条 经营者应当按照核定的线路、站点、时间营运。\n"
    "第三条 经营者因故需要暂停线路营运的，应当提前三日向社会公告。\n"
    "第四条 乘客应当按照规定支付车费。\n"
)
WATER = (
    "蚌埠市城市供水条例\n"
    "第一条 为了加强城市供水管理，制定本条例。\n"
    "第二条 供水企业应当保证供水水质符合国家标准。\n"
    "第三条 因工程施工、设备维修等原因需要停止供水的，供水企业应当提前二十四小时通知用户。\n"
    "第四条 用户应当按时缴纳水费。\n"
)


def test_each_place_is_answered_in_its_own_words(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"buses.txt": BUSES, "water.txt": WATER})
    for question in (
        "芜湖公交线路要是暂停营运、蚌埠要是停止供水，分别要提前多久告知？",
        "芜湖公交停线、蚌埠停止供水，分别提前多久告知？",
    ):
        answer = service.ask(question)
        assert "提前三日" in answer.answer and "提前二十四小时" in answer.answer, answer.answer
        assert "没有找到" not in answer.answer, answer.answer


def test_a_place_with_none_of_the_words_still_finds_nothing(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"buses.txt": BUSES, "water.txt": WATER})
    answer = service.ask("芜湖和蚌埠的出租车起步价分别是多少？")
    assert "提前三日" not in answer.answer and "提前二十四小时" not in answer.answer, answer.answer
