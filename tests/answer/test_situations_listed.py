"""Asking in which cases a rule applies ("哪些情况下…") is answered by the clause that lists
them: statutes enumerate the cases under "有下列情形之一的，…"."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

RULES = (
    "某市家政服务管理办法\n"
    "第一条 为了规范家政服务，制定本办法。\n"
    "第二条 家政服务机构应当公示服务费标准，按照约定的方式退还服务费。\n"
    "第三条 有下列情形之一的，家政服务机构应当退还服务费：\n"
    "(一)未提供约定服务的；\n"
    "(二)服务人员不具备约定资质的；\n"
    "(三)消费者依法解除合同的。\n"
    "第四条 家政服务机构应当建立服务质量档案。\n"
)


def test_which_cases_is_answered_by_the_clause_listing_them(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"rules.txt": RULES})
    answer = service.ask("哪些情况下家政服务机构要退还服务费？")
    assert not answer.refused, answer.answer
    assert "下列情形之一" in answer.answer.split("[1]")[0], answer.answer
