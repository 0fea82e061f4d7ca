"""A discount asked ("能打几折") or a multiple ("加收几倍") is a share: answered by a clause stating
one (八折, 半价, 免费, 三倍), refused when the clauses found state none."""

from __future__ import annotations

from pathlib import Path

from rag.answer.gates import asks_a_share, states_a_share
from rag.query.analysis import analyse
from tests.conftest import service_over
from tests.corpus_builders import lone_clause


def test_a_discount_is_a_share_asked_and_stated() -> None:
    assert asks_a_share(analyse("科技馆门票学生能打几折？", []))
    for text in ("学生凭证购票享受八折优惠。", "学生凭证购票半价。", "学生凭证免费参观。"):
        assert states_a_share(lone_clause(text)), text
    assert not states_a_share(lone_clause("科技馆应当每日开放。"))


def test_a_multiple_asked_is_a_share_too() -> None:
    assert asks_a_share(analyse("渡轮逃票要加收几倍票款？", []))
    assert states_a_share(lone_clause("无票乘船的，可以加收三倍票款。"))
    assert not states_a_share(lone_clause("无票乘船的，按照规定加收票款。"))


RULES = (
    "某市科技馆管理办法\n"
    "第一条 为了规范科技馆管理，制定本办法。\n"
    "第二条 科技馆应当每周开放不少于五日，闭馆检修的，应当提前三日向社会公告。\n"
    "第三条 科技馆门票价格应当在售票处显著位置公示。\n"
)


def test_a_discount_no_clause_states_is_refused(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"museum.txt": RULES})
    answer = service.ask("某市科技馆门票学生能打几折？")
    assert answer.refused, answer.answer
