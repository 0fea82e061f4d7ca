"""A figure asked for a year the indexed documents state only for other years is refused,
naming the year, instead of quoting another year's figure."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

QUOTA = (
    "某市积分落户工作问答\n"
    "1.今年的积分落户指标有多少？\n"
    "答：根据年度人口迁入计划，2024年度我市积分落户类指标为1.2万个，与上年度持平。\n"
    "2.积分落户怎么申请？\n"
    "答：申请人通过积分落户系统提出申请。\n"
)


def test_another_years_figure_is_no_answer(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"quota.txt": QUOTA})
    asked = service.ask("2027年度积分落户指标有多少个？")
    assert asked.refused and "2027年" in asked.answer, asked.answer
    indexed = service.ask("2024年度积分落户指标有多少个？")
    assert not indexed.refused and "1.2万个" in indexed.answer.splitlines()[0], indexed.answer
