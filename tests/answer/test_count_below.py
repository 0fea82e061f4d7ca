"""A number of things asked whose best clause writes none is answered by a clause nearly as
close that writes a number in the asked measure word (any measure word for "几个")."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

RULES = (
    "某市工资集体协商办法\n"
    "第一条 为了规范工资集体协商，制定本办法。\n"
    "第二条 职工一方的协商代表由工会推选，未建立工会的，由职工民主推选协商代表。\n"
    "第三条 协商双方推选的代表人数应当对等，职工一方为三至五名。\n"
)


def test_a_clause_writing_the_asked_count_is_quoted_first(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"rules.txt": RULES})
    answer = service.ask("职工推选协商代表，每方推选几个代表？")
    assert not answer.refused, answer.answer
    assert answer.citations and "五名" in answer.citations[0].quote, answer.answer
