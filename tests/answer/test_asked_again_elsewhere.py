"""A follow-up naming only another city ("要是在桂林呢?") asks the last question again there:
its subject and the kind of fact it asked are kept, its city is the new one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.conftest import service_over

LIUZHOU = (
    "柳州市信鸽饲养管理规定\n"
    "第一条 为了规范信鸽饲养，制定本规定。\n"
    "第二条 饲养信鸽实行登记制度。饲养人应当向所在地街道办事处申请登记。\n"
    "第三条 违反本规定第二条，饲养信鸽未登记的，由街道办事处责令限期改正，"
    "处每羽五十元罚款。\n"
)
GUILIN = LIUZHOU.replace("柳州", "桂林").replace("五十元", "八十元")


def test_another_city_named_alone_asks_the_last_question_there(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"liuzhou.txt": LIUZHOU, "guilin.txt": GUILIN})
    first = service.ask("柳州养信鸽不登记罚多少？", session_id="s")
    assert "每羽五十元" in first.citations[0].quote, first.answer
    again = service.ask("要是在桂林呢？", session_id="s")
    assert not again.refused, again.answer
    assert "每羽八十元" in again.citations[0].quote, again.answer
    assert "五十元" not in again.answer, again.answer


def test_a_question_of_its_own_in_another_city_is_not_the_last_one(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"liuzhou.txt": LIUZHOU, "guilin.txt": GUILIN})
    service.ask("柳州养信鸽不登记罚多少？", session_id="s")
    other = service.ask("桂林养信鸽向哪里登记？", session_id="s")
    assert "罚款" not in other.answer.split("\n")[0], other.answer


NANNING = LIUZHOU.replace("柳州", "南宁").replace("五十元", "六十元")


def test_cities_asked_in_turn_each_ask_the_first_question(tmp_path: Path) -> None:
    files = {"liuzhou.txt": LIUZHOU, "guilin.txt": GUILIN, "nanning.txt": NANNING}
    service = service_over(tmp_path, files)
    service.ask("柳州养信鸽不登记罚多少？", session_id="s")
    service.ask("要是在桂林呢？", session_id="s")
    third = service.ask("那南宁呢？", session_id="s")
    assert "每羽六十元" in third.citations[0].quote, third.answer


def test_the_subject_a_follow_up_inherited_stays_the_conversations_subject() -> None:
    """ "创新平台呢?" after a 泰山创新谷 question ranks by 泰山创新谷 (its context); the turn after
    it, asked again elsewhere, must still know the conversation is about 泰山创新谷."""
    from rag.query.analysis import analyse
    from rag.query.followups import scope_of
    from rag.query.terms import TermGroup

    plan = replace(analyse("那违反登记制度罚多少？", []), context=(TermGroup("信鸽", ("信鸽",)),))
    assert "信鸽" in scope_of(plan).topic
