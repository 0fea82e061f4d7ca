"""A follow-up asking a figure that no clause found for it states is answered from the clause
the last answer quoted, when that clause provably states it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

FEES = (
    "某市城乡居民医疗保险缴费通知\n"
    "第一条 为做好城乡居民医疗保险参保缴费工作，制定本通知。\n"
    "第二条 其他参保人员个人缴费标准为每人400元，财政补助标准为每人650元。\n"
    "第三条 政府对困难群众的帮扶工作由民政部门统筹安排。\n"
    "第四条 残疾人两项补贴的监管机制由民政部门会同残联建立。\n"
    "第五条 政府应当对补贴资金实行全过程监管，补贴资金专款专用。\n"
)


def test_a_follow_up_figure_comes_from_the_clause_just_quoted(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"fees.txt": FEES})
    first = service.ask("居民医保个人要交多少钱？", session_id="s1")
    assert first.answer.startswith("其他参保人员个人缴费标准为每人400元"), first.answer
    follow = service.ask("那政府给补贴多少？", session_id="s1")
    assert not follow.refused, follow.answer
    assert follow.answer.splitlines()[0].endswith("650元 [1]"), follow.answer


def test_without_a_session_the_same_question_is_not_answered_from_that_clause(
    tmp_path: Path,
) -> None:
    service = service_over(tmp_path, {"fees.txt": FEES})
    answer = service.ask("那政府给补贴多少？")
    assert answer.refused and "650元" not in answer.answer, answer.answer
