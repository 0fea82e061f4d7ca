"""A statute's own definition ("本条例所称养护机构，是指养老院、护理院…") makes each thing it lists
a kind of the defined term: a clause on 养护机构 names 养老院 for a question about 养老院, and a
clause elsewhere that merely writes 养老院 is not lifted over it."""

from __future__ import annotations

from pathlib import Path

from rag.query.definitions import defined_kinds
from tests.conftest import service_over

CARE = (
    "某市养护机构管理条例\n"
    "第一条 为了规范养护服务，制定本条例。\n"
    "第二条 本条例所称养护机构，是指养老院、护理院以及其他为老年人提供集中照料服务的机构。\n"
    "第三条 养护机构变更名称或者停止服务的，应当提前六十日向民政部门报告。\n"
)
FIRE = (
    "某市消防安全管理办法\n"
    "第一条 为了加强消防安全管理，制定本办法。\n"
    "第二条 养老院、学校、医院等人员密集场所应当每月开展一次消防检查。\n"
)


def test_a_definition_lists_kinds_of_its_term() -> None:
    kinds = defined_kinds([("care", CARE), ("fire", FIRE)])
    assert kinds == {"care": {"养老院": "养护机构", "护理院": "养护机构"}}


def test_a_clause_on_the_defined_term_answers_for_a_kind_it_lists(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"care.txt": CARE, "fire.txt": FIRE})
    answer = service.ask("养老院要停止服务，得提前多久报告？")
    assert not answer.refused, answer.answer
    assert "提前六十日向民政部门报告" in answer.citations[0].quote, answer.answer
