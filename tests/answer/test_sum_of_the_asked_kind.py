"""A fine is asked ("罚多少") and the best clause is the duty itself, which states no sum:
the penalty clause, covering the question as fully and stating a fine, answers instead of a
"no sum stated" refusal. Without a named kind of sum the refusal stays."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

RULES = (
    "某市停车场管理条例\n"
    "第八条 经营者应当为车辆办理停放登记。\n"
    "第九条 经营者应当在停车场入口公示收费标准。\n"
    "第十条 违反本条例第八条规定，经营者不为车辆办理停放登记的，"
    "由交通主管部门责令限期改正；逾期不改正的，处二千元以上一万元以下罚款。\n"
)


def test_a_fine_asked_is_answered_by_the_penalty_clause(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"parking.txt": RULES})
    answer = service.ask("经营者不给车辆办停放登记，会被罚多少？")
    assert not answer.refused, answer.answer
    assert "二千元以上一万元以下" in answer.answer.splitlines()[0], answer.answer


def test_a_sum_of_no_named_kind_is_still_refused_when_the_best_clause_states_none(
    tmp_path: Path,
) -> None:
    service = service_over(tmp_path, {"parking.txt": RULES})
    answer = service.ask("经营者为车辆办理停放登记的费用是多少？")
    assert answer.refused, answer.answer


def test_what_happens_if_is_answered_by_the_penalty_clause(tmp_path: Path) -> None:
    from rag.query.analysis import analyse

    for question in ("不办登记会怎么罚？", "会被怎么处理", "要承担什么责任"):
        assert "penalty" in analyse(question, []).passages, question
    service = service_over(tmp_path, {"parking.txt": RULES})
    answer = service.ask("经营者不给车辆办停放登记，会怎么处罚？")
    assert not answer.refused, answer.answer
    assert "罚款" in answer.answer.splitlines()[0], answer.answer
