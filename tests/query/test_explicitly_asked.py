""" "明令禁止的吗", "有明文规定吗": the asker asks whether a rule says so in so many words.
"明令", "明文" and "明确" say how plainly a rule is written, not what it is about; a clause
that forbids the thing answers, though it never writes the adverb (another clause may)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

STATUTE = (
    "某市住宅小区管理规定\n\n"
    "第一条 为了规范住宅小区管理，制定本规定。\n\n"
    "第二条 住宅小区内禁止下列行为：\n\n"
    "（一）在楼梯间、走道内堆放易燃杂物；\n\n"
    "（二）在公共绿地内种植蔬菜；\n\n"
    "（三）从楼上向外抛掷物品。\n\n"
    "第三条 小区内的商铺不得销售国家明令禁止销售的烟花爆竹。\n\n"
    "第四条 本规定自发布之日起施行。\n\n"
)


def test_a_rule_asked_as_explicitly_forbidden_is_answered(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"estate.txt": STATUTE})
    answer = service.ask("小区楼道里堆杂物，这种是明令禁止的吗？")
    assert not answer.refused, answer.answer
    assert "堆放易燃杂物" in answer.citations[0].quote, answer.answer
