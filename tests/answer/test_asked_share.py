"""A share or rate asked ("多少比例", "费率是多少") is answered by a percentage, never by a sum
of money, whatever the share is of (a reward, a subsidy, a fee)."""

from __future__ import annotations

from pathlib import Path

from rag.query.analysis import analyse
from tests.conftest import service_over

RULES = (
    "某市技术转移奖励办法\n"
    "第一条 转让职务科技成果的，从转让净收入中提取不低于百分之六十的比例奖励完成人。\n"
    "第二条 对促成转让的技术经理人，每项给予最高3万元奖励。\n"
)


def test_a_share_or_rate_question_asks_a_count_in_percent() -> None:
    for question in ("完成人能拿多少比例的奖励？", "灵活就业人员养老保险费率是多少",
                     "贷款利率上限多少", "补贴占比是多少"):  # fmt: skip
        assert analyse(question, []).fact_kind == "count", question
    assert analyse("完成人能拿多少奖励？", []).fact_kind == "amount"


def test_the_first_line_states_the_share_not_a_sum(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"rules.txt": RULES})
    answer = service.ask("转让科技成果，完成人能拿多少比例的奖励？")
    first = answer.answer.splitlines()[0]
    assert "百分之六十" in first and "万元" not in first, answer.answer


FUND = (
    "某市公积金管理办法\n"
    "第一条 职工可以申请住房公积金贷款，用于购买自住住房。\n"
    "第二条 住房公积金贷款的期限最长为三十年。\n"
)
RATE = (
    "某市灵活就业参保办法\n"
    "第一条 灵活就业人员可以个人身份参加基本养老保险，由个人缴纳基本养老保险费。\n"
    "第二条 灵活就业人员缴纳养老保险费，缴费比例为20%。\n"
)


def test_a_rate_asked_of_clauses_stating_none_is_refused(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"fund.txt": FUND})
    answer = service.ask("住房公积金贷款利率是多少？")
    assert answer.refused and "比例" in answer.answer, answer.answer


def test_a_rate_stated_just_below_the_best_clause_answers(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"rate.txt": RATE})
    answer = service.ask("灵活就业人员个人交基本养老保险费的费率是多少？")
    assert not answer.refused, answer.answer
    assert "20%" in answer.answer.splitlines()[0], answer.answer
