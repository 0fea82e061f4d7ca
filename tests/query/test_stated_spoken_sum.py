"""A sum of the asker's own case in spoken units ("我交了800块", "才50块钱") says which band
or case applies; it is no word a clause must write. Counted as a term, the bare number
lowered the evidence of the very clause that answers, to a refusal."""

from __future__ import annotations

from pathlib import Path

from rag.query.terms import content_terms
from tests.conftest import service_over

STATUTE = (
    "某市家政服务条例\n\n"
    "第一条 为了规范家政服务，制定本条例。\n\n"
    "第九条 家政服务机构收取的服务预付费超过服务合同约定金额的，消费者有权要求退还超出部分，"
    "并可以要求家政服务机构按照超出部分的二倍支付赔偿金；赔偿金不足二百元的，按照二百元支付。\n\n"
    "第十条 本条例自发布之日起施行。\n\n"
)


def test_a_spoken_sum_of_the_askers_case_is_no_term() -> None:
    terms = [g.term for g in content_terms("家政公司多收了我80块预付费，能赔多少？")]
    assert "80" not in terms and "预付费" in terms


def test_the_clause_answering_the_askers_case_is_not_refused(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"housework.txt": STATUTE})
    answer = service.ask("家政公司多收了我80块预付费，能要求赔多少？")
    assert not answer.refused, answer.answer
    assert "二百元" in answer.answer, answer.answer
