"""A listed item is quoted with the lead-in saying whom or when it applies to."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

ELDERLY = (
    "某省老年人优待办法\n"
    "第一条 为了保障老年人合法权益，制定本办法。\n"
    "第二条 七十周岁以上的老年人，持本人有效证件，在全省范围内享受下列优待：\n"
    "(一)在车站、码头、机场优先购买车票、船票和机票，优先检票、安检和上下车船；\n"
    "(二)免费乘坐城市公共汽车、电车、轨道交通和轮渡，随身携带的行李按照规定免收费用；\n"
    "(三)免费进入政府投资主办的公园、博物馆和纪念馆参观游览；\n"
    "(四)在医疗机构优先挂号、就诊、检查、取药和住院，并减免普通门诊挂号费和诊查费；\n"
    "(五)在公共场所优先使用无障碍设施，享受窗口单位提供的优先服务和其他便利服务。\n"
    "第三条 本办法自发布之日起施行。\n"
)


def test_an_item_is_quoted_from_its_lead_in(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"elderly.txt": ELDERLY})
    answer = service.ask("我爸今年72岁，去政府办的公园和博物馆游览要不要门票？")
    assert not answer.refused, answer.answer
    quote = answer.citations[0].quote
    assert "免费进入政府投资主办的公园" in quote
    assert "七十周岁以上的老年人" in quote, quote
    assert "优先就诊" not in quote and "无障碍设施" not in quote, quote
