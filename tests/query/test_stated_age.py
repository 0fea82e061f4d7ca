"""An age the asker states ("我爸72岁") is answered by a clause stating an age bound: the
age is stripped as a figure, and 周岁, how documents write an age, stands in for it."""

from __future__ import annotations

from pathlib import Path

from rag.query.terms import content_terms
from tests.conftest import service_over


def test_a_stated_age_asks_for_a_clause_stating_one() -> None:
    terms = {group.term for group in content_terms("我爸72岁，进公园要门票吗")}
    assert "周岁" in terms and not any("72" in t for t in terms), terms
    assert "周岁" not in {group.term for group in content_terms("进公园要门票吗")}


def test_the_clause_of_the_age_bound_answers(tmp_path: Path) -> None:
    rules = (
        "某市公园管理办法\n"
        "第一条 为了加强公园管理，制定本办法。\n"
        "第二条 政府投资的公园门票价格由价格主管部门核定，并在售票处公示。\n"
        "第三条 七十周岁以上的老年人持身份证免费进入政府投资的公园。\n"
    )
    service = service_over(tmp_path, {"park.txt": rules})
    answer = service.ask("我爸72岁了，政府投资的公园要门票吗？")
    assert not answer.refused, answer.answer
    assert "七十周岁以上" in answer.citations[0].quote, answer.answer
