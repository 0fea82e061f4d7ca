"""The asker's told situation ("我在外地上班两年了，…") does not drown the ask."""

from __future__ import annotations

from pathlib import Path

from rag.query.analysis import analyse, split_situation
from tests.conftest import service_over


def test_first_person_clauses_that_ask_nothing_are_the_situation() -> None:
    asked, told = split_situation("我在外地上班两年了，申请居住证要审核几天？")
    assert told == "我在外地上班两年了"
    assert asked.startswith("申请居住证")
    assert split_situation("我能申请居住证吗？")[1] == ""


def test_terms_only_of_the_situation_are_told() -> None:
    plan = analyse("我在外地上班两年了，申请居住证要审核几天？", [])
    told = {t.term for t in plan.told}
    assert "上班" in told and "居住证" not in told


def test_a_long_situation_does_not_turn_an_answerable_question_into_a_refusal(
    tmp_path: Path,
) -> None:
    text = (
        "某市居住证办理指南\n"
        "一、办理渠道\n"
        "来本市人员可以在线上申领居住证，也可以到派出所窗口申领居住证。\n"
        "二、审核时限\n"
        "申领居住证的审核期限为5个工作日，审核通过后发放居住证。\n"
    )
    service = service_over(tmp_path, {"guide.txt": text})
    question = "我老家在外地，我在这边工地打零工快一年了，申领居住证审核要多久？"
    answer = service.ask(question)
    assert not answer.refused, answer.answer
    assert "5个工作日" in answer.answer


def test_a_refusal_over_a_corpus_naming_no_city_names_none(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"guide.txt": "某项指南\n一、总则\n办理事项按规定执行。\n"})
    answer = service.ask("养老金每月发多少")
    assert answer.refused
    assert "收录的是的" not in answer.answer and "目前收录的是" not in answer.answer


def test_a_refusal_names_the_provinces_and_the_country_the_corpus_is_of(
    tmp_path: Path,
) -> None:
    provincial = (
        "浙江省河道保洁条例\n"
        "（浙江省人民代表大会常务委员会公告第1号）\n"
        "第一条 为了保持河道整洁，制定本条例。\n"
        "第二条 河道保洁实行属地管理。\n"
    )
    city = "杭州市公园管理办法\n杭州市人民政府\n第一条 为了加强公园管理，制定本办法。\n"
    service = service_over(tmp_path, {"river.txt": provincial, "park.txt": city})
    answer = service.ask("养老金每月发多少")
    assert answer.refused
    assert "浙江省" in answer.answer and "杭州" in answer.answer, answer.answer
