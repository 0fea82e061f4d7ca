"""A sum or share asked, and the clause on it leaves the figure to another authority ("具体比例
由市人民政府作出规定"): the documents do not state it, so the answer says so and who sets it,
rather than quoting another clause's figure."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

PARKS = (
    "某市公园绿地管理办法\n"
    "第一条 为了加强公园绿地管理，制定本办法。\n"
    "第二条 新建居住区内绿地面积占用地总面积的比例不得低于百分之三十。\n"
    "第三条 新建商业综合体应当实施立体绿化，立体绿化面积的具体比例由市人民政府另行规定。\n"
    "第四条 公园应当免费向公众开放。\n"
)


def test_a_share_left_to_another_authority_is_not_answered(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"parks.txt": PARKS})
    answer = service.ask("新建商业综合体的立体绿化要占多大比例？")
    assert answer.refused, answer.answer
    assert "市人民政府" in answer.answer and "百分之三十" not in answer.answer, answer.answer


def test_a_share_the_clause_states_is_answered(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"parks.txt": PARKS})
    answer = service.ask("新建居住区绿地要占多大比例？")
    assert not answer.refused, answer.answer
    assert "百分之三十" in answer.answer, answer.answer


def test_figures_left_to_another_authority_are_recognised() -> None:
    from rag.lexicon.figures import DELEGATED_FIGURE

    found = DELEGATED_FIGURE.search("补贴的具体标准由市民政部门会同市财政部门制定。")
    assert found is not None and found.group("who") == "市民政部门会同市财政部门"
    assert DELEGATED_FIGURE.search("补贴标准为每人每月二百元。") is None
