"""A figure asked in its unit ("多少度", "多少平方米"): inside the clause, the sentence writing
a number in that unit is the one quoted, over a sentence sharing more of the asker's words."""

from __future__ import annotations

from pathlib import Path

from rag.facts.spans import asked_unit
from tests.conftest import service_over

RULES = (
    "某市公共浴室管理办法\n\n"
    "第一条 为了规范公共浴室管理，制定本办法。\n\n"
    "第二条 浴室经营者应当保证池水水质和水温符合标准，浴池开放期间池水温度不低于"
    "二十六摄氏度。顾客认为水温不达标的，可以向浴室经营者提出水温检测要求，"
    "经营者应当在两小时内完成检测并告知结果。浴室经营者应当在入口处公示水质检测结果、"
    "开放时间和服务项目，接受顾客和社会监督。\n\n"
    "第三条 本办法自发布之日起施行。\n"
)


def test_temperature_is_asked_in_degrees() -> None:
    assert asked_unit("浴池水温最低多少度？") == "度"


def test_the_sentence_writing_the_asked_unit_is_quoted(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"bath.md": RULES})
    answer = service.ask("某市浴室觉得水温不达标，浴池水温最低应该多少度？")
    assert not answer.refused, answer.answer
    assert "二十六摄氏度" in answer.citations[0].quote, answer.answer
