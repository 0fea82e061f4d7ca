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
