"""Statutes write obtaining something by fraud as "以欺骗、贿赂等不正当手段取得" at least as
often as 骗取: a question saying 骗取 is answered by such a clause, not refused."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

RULES = (
    "某市养蜂补助办法\n"
    "第一条 为了扶持养蜂业，制定本办法。\n"
    "第二条 申请养蜂补助的，应当向农业农村部门提交蜂群数量证明材料。\n"
    "第三条 农业农村部门应当自收到申请材料之日起十日内作出决定。\n"
    "第四条 以欺骗或者其他不正当手段取得养蜂补助的，由农业农村部门追回补助，"
    "并处二千元以下罚款。\n"
    "第五条 挪用养蜂补助资金的，由农业农村部门责令改正，处五千元以上一万元以下罚款。\n"
    "第六条 养蜂补助资金的发放情况应当向社会公开。\n"
)


def test_a_fraud_question_finds_the_clause_written_as_deception(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"bees.txt": RULES})
    answer = service.ask("骗取养蜂补助会怎么处罚？")
    assert not answer.refused, answer.answer
    assert "二千元以下罚款" in answer.citations[0].quote, answer.answer
