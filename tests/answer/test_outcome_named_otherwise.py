"""The outcome of a procedure asked by one head and written with another: an asker's "调查结果"
is the statute's "调查决定" or "调查意见". The stem says which procedure; the passage naming
it so is about the asked thing, and the key-term gate does not refuse it."""

from __future__ import annotations

from pathlib import Path

from rag.answer.gates import _outcome_named_otherwise
from tests.conftest import service_over

STATUTE = (
    "某市体育场地开放办法\n\n"
    "第一条 为了规范体育场地开放，制定本办法。\n\n"
    "第二条 对场地使用的投诉，主管部门应当自收到投诉之日起十个工作日内作出调查决定。\n\n"
    "第三条 主管部门应当在门户网站公布调查结果。\n\n"
    "第四条 本办法自发布之日起施行。\n\n"
)


def test_an_outcome_under_another_head_is_the_same_outcome() -> None:
    assert _outcome_named_otherwise("调查结果", "应当作出调查决定")
    assert not _outcome_named_otherwise("调查结果", "应当作出处理决定")


def test_the_clause_naming_the_outcome_otherwise_answers(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"grounds.txt": STATUTE})
    answer = service.ask("投诉场地使用问题以后，多久能拿到调查结果？")
    assert not answer.refused, answer.answer
    assert "十个工作日内" in answer.answer.splitlines()[0], answer.answer
