"""A follow-up stays with the document the last answer quoted, when a clause of that document
answers it nearly as well as the best clause of another."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

GAS = (
    "某市燃气管理条例\n"
    "第一条 为了加强燃气管理，制定本条例。\n"
    "第二条 用户对燃气计量装置准确度有异议的，可以向燃气企业申请检定。\n"
    "第三条 经检定的燃气计量装置误差在规定范围内的，检定费用由提出一方承担；"
    "超出规定范围的，由燃气企业承担。\n"
)
WATER = (
    "某市供水管理条例\n"
    "第一条 为了加强供水管理，制定本条例。\n"
    "第二条 经检定的水表准确度符合标准的，检定费用由提出检定方承担；"
    "不符合标准的，检定的费用由供水企业承担。\n"
)


def test_a_follow_up_is_answered_from_the_last_answers_document(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"gas.txt": GAS, "water.txt": WATER})
    first = service.ask("怀疑燃气表不准，可以申请检定吗？", session_id="s1")
    assert "燃气计量装置" in first.answer, first.answer
    follow = service.ask("那检定的费用谁来掏？", session_id="s1")
    assert not follow.refused, follow.answer
    assert "燃气企业承担" in follow.answer.split("[1]")[0], follow.answer


def test_without_a_session_the_closest_clause_answers(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"gas.txt": GAS, "water.txt": WATER})
    answer = service.ask("那检定的费用谁来掏？")
    assert "供水企业承担" in answer.answer.split("[1]")[0], answer.answer
