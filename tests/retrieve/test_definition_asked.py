"""A question asking what a term means ("…里的中心城区指哪几个区", "什么是…") prefers the
clause defining it ("本办法所称中心城区，指…"), not a clause that merely uses the term."""

from __future__ import annotations

from pathlib import Path

from rag.retrieve.rerank import definition_of_asked_term
from tests.conftest import service_over

RULES = (
    "某市绿化管理办法\n"
    "第一条 为了加强城市绿化管理，制定本办法。\n"
    "第二条 中心城区的绿化规划由市园林绿化主管部门组织编制，报市人民政府批准后实施；中心城区以外"
    "的区域，由所在区县人民政府组织编制。\n"
    "第三条 中心城区内的公园绿地、防护绿地和道路绿地，由市园林绿化主管部门统一管理；中心城区的"
    "区园林绿化主管部门违反规划作出审批的，由市园林绿化主管部门责令撤销。\n"
    "第四条 中心城区新建道路的绿地率不得低于百分之二十；中心城区旧城改造项目的绿地率不得低于"
    "百分之十五。\n"
    "第五条 本办法所称中心城区，指东湖区、西湖区、青山湖区、青云谱区、新建区、红谷滩区的行政区域"
    "以及经济技术开发区、高新技术产业开发区的规划建设用地范围；所称城市树木，指城市规划区内除苗圃"
    "以外的乔木和灌木。\n"
    "第六条 本办法自发布之日起施行。\n"
)


def test_the_asked_term_is_read_before_or_after_the_cue() -> None:
    before = definition_of_asked_term("这个办法里的中心城区指哪几个区？")
    assert before is not None and before.search("本办法所称中心城区，指东湖区")
    after = definition_of_asked_term("什么是小微企业？")
    assert after is not None and after.search("本条例所称“小微企业”，是指")
    assert definition_of_asked_term("中心城区的绿化归谁管？") is None


def test_the_clause_defining_the_term_answers(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"green.txt": RULES})
    answer = service.ask("《某市绿化管理办法》里说的中心城区指哪几个区？")
    assert not answer.refused, answer.answer
    assert "第五条" in answer.citations[0].clause, answer.answer
