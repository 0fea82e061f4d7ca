"""A question naming a province that its own documents do not answer is answered from a
document of a place inside it, and the answer says whose document it quotes."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

PROVINCE = """浙江省志愿服务条例
第一条 为了发展志愿服务事业，制定本条例。
第二条 志愿者每年参加志愿服务不少于二十小时的，可以申请星级认定。
"""
CITY = """杭州市社会保险关系转移经办规程
一、省内流动
参保人员在浙江省内流动就业的，不再办理基本养老保险关系转移手续，由最后参保地归集缴费记录。
"""


def test_a_provinces_question_answered_from_a_city_document_says_so(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"province.txt": PROVINCE, "city.txt": CITY})
    answer = service.ask("在浙江省内换个城市工作，养老保险关系要转移吗")
    assert not answer.refused, answer.answer
    assert answer.citations[0].title == "杭州市社会保险关系转移经办规程"
    assert "引自杭州市的文件" in answer.answer
    # what the province's own document answers needs no such note
    own = service.ask("浙江省志愿者服务多少小时可以申请星级认定")
    assert not own.refused and "引自" not in own.answer
