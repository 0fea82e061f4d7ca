"""A city no document is of, in a province whose own documents are indexed: the province's
(and the country's) rules apply there, and the answer says whose rule it quotes. A city whose
province has no document of its own stays uncovered, even beside a national law."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

PROVINCE = (
    "浙江省电梯安全条例\n"
    "第一条 为了保障电梯安全，制定本条例。\n"
    "第二条 电梯使用单位应当每十五日对电梯进行一次维护保养。\n"
)
NATIONAL = (
    "中华人民共和国养犬管理条例\n"
    "第一条 为了规范养犬行为，制定本条例。\n"
    "第二条 养犬人应当为犬只办理登记。\n"
)


def test_a_city_of_an_indexed_province_is_answered_from_the_provinces_rule(
    tmp_path: Path,
) -> None:
    service = service_over(tmp_path, {"province.txt": PROVINCE, "national.txt": NATIONAL})
    answer = service.ask("杭州的电梯多少天要维护保养一次？")
    assert not answer.refused, answer.answer
    lines = answer.answer.splitlines()
    assert "十五日" in lines[0] and "杭州市" in lines[1] and "浙江省" in lines[1], answer.answer


def test_a_city_whose_province_has_no_document_stays_uncovered(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"province.txt": PROVINCE, "national.txt": NATIONAL})
    answer = service.ask("成都养犬要办登记吗？")
    assert answer.refused and "成都" in answer.answer, answer.answer
