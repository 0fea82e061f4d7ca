"""A statute names who is in charge ("…部门主管…工作") and who enforces ("由…部门责令…"):
a department question is answered with that department in the first line."""

from __future__ import annotations

from pathlib import Path

from rag.facts.spans import fact_span
from rag.query.terms import content_terms
from tests.conftest import service_over

RULES = (
    "某市游泳场所管理条例\n"
    "第一条 为了加强游泳场所管理，保障游泳者安全，根据有关法律法规，结合本市实际，制定本条例。\n"
    "第二条 本条例适用于本市行政区域内向公众开放的游泳场所的经营和管理活动。\n"
    "第三条 市体育行政部门是本市游泳场所安全管理工作的主管部门，负责制定游泳场所管理规范。"
    "区体育行政部门负责本辖区内游泳场所的日常监督检查，卫生健康部门负责游泳池水质卫生的监督。\n"
    "第四条 游泳场所应当配备救生员，救生员人数按照水面面积确定。\n"
    "第五条 本条例自公布之日起施行。\n"
)


def _department(text: str, question: str) -> str | None:
    found = fact_span("department", text, content_terms(question), question, True, text, 24)
    return None if found is None else text[found[0] : found[1]]


def test_the_department_in_charge_is_the_one_asked_for() -> None:
    question = "游泳场所安全管理归哪个部门主管？"
    text = RULES.splitlines()[3]
    assert _department(text, question) == "市体育行政部门"


def test_a_department_in_charge_of_something_else_is_no_answer() -> None:
    text = "市民政部门主管本市殡葬工作。"
    assert _department(text, "游泳池的水质归哪个部门管？") is None
    assert _department("市卫生健康部门负责游泳池水质的监督。", "游泳池的水质归哪个部门管？")


def test_the_enforcing_department_is_stated() -> None:
    question = "游泳场所不配救生员，哪个部门处罚？"
    text = "游泳场所未按照规定配备救生员的，由区体育行政部门责令限期改正，处五千元罚款。"
    assert _department(text, question) == "区体育行政部门"


def test_a_department_question_gets_a_first_line(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"swim.txt": RULES})
    answer = service.ask("游泳场所安全管理归哪个部门主管？")
    assert not answer.refused, answer.answer
    assert answer.answer.splitlines()[0].startswith("市体育行政部门"), answer.answer
