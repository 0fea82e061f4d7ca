"""A term the asker quotes ("说的“X”是…") is asked as the document uses it: the clause defining
it answers, whether it writes "本办法所称X是指…" or lists it among its terms ("下列用语的含义：
（二）X，是指…")."""

from __future__ import annotations

import re
from pathlib import Path

from rag.retrieve.rerank import definition_of_asked_term
from tests.conftest import service_over

MARKETS = (
    "某市临时摊区管理办法\n"
    "第一条 为了规范临时摊区的设置和管理，制定本办法。\n"
    "第二条 临时摊区应当在早市时段经营，不得占用盲道。\n"
    "第三条 早市结束后三十分钟内，摊主应当清扫摊位并撤离。\n"
    "第四条 早市期间，城市管理部门应当安排人员巡查。\n"
    "第五条 本办法中下列用语的含义：\n"
    "（一）临时摊区，是指经区人民政府批准设置的露天经营场所；\n"
    "（二）早市，是指每日五时至八时之间的期间。\n"
)


def test_the_list_of_terms_defines_the_quoted_one(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"markets.txt": MARKETS})
    answer = service.ask("这个办法说的“早市”是从几点到几点？")
    assert not answer.refused, answer.answer
    assert "早市，是指每日五时至八时" in answer.citations[0].quote, answer.answer


def test_an_item_of_a_list_of_terms_is_a_definition() -> None:
    defined = definition_of_asked_term("说的“早市”是几点？")
    assert defined is not None
    assert defined.search("（二）早市，是指每日五时至八时之间的期间。")
    assert defined.search("本办法所称早市，是指每日五时至八时。")
    assert not defined.search("临时摊区应当在早市时段经营。")


def test_an_unquoted_question_asks_no_definition() -> None:
    assert definition_of_asked_term("早市几点开始？") is None
    assert isinstance(definition_of_asked_term("什么是早市？"), re.Pattern)
