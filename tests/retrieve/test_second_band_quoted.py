"""An age or a length of time asked of a clause stating one for two cases ("提倡十八周岁至
五十五周岁…；既往无献血反应的，可以延长至六十周岁"): the second sentence is quoted too."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

RULES = (
    "某市献血条例\n"
    "第一条 为了保障临床用血，制定本条例。\n"
    "第二条 本市提倡十八周岁至五十五周岁的健康公民自愿献血。"
    "既往无献血反应、符合健康检查要求的多次献血者主动要求再次献血的，年龄可以延长至六十周岁。"
    "献血者应当如实提供本人的健康状况，献血机构应当为献血者提供必要的健康咨询和检查服务。\n"
)


def test_both_ages_a_clause_states_are_quoted(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"blood.txt": RULES})
    answer = service.ask("献血年龄有什么要求？")
    assert not answer.refused, answer.answer
    assert "五十五周岁" in answer.answer and "六十周岁" in answer.answer, answer.answer
