"""A spoken one-character noun the lexicon lists (猫, 鸡, 鱼 …) is a term even with no
synonym entry: "养猫要办证吗" of a dog regulation asks about cats, which it does not cover."""

from __future__ import annotations

from pathlib import Path

from rag.query.terms import content_terms
from tests.conftest import service_over

DOGS = (
    "某市养犬管理规定\n\n"
    "第一条 为了规范养犬行为，制定本规定。\n\n"
    "第二条 个人饲养犬只的，应当向公安机关申请办理养犬登记证。每户限养一只犬。\n\n"
    "第三条 本规定自发布之日起施行。\n\n"
)


def test_a_lone_spoken_noun_is_a_term() -> None:
    assert "猫" in [g.term for g in content_terms("邻居家养了两只猫，要办证吗？")]


def test_a_question_about_another_animal_is_not_answered_by_the_dog_rule(
    tmp_path: Path,
) -> None:
    service = service_over(tmp_path, {"dogs.txt": DOGS})
    answer = service.ask("养猫也要办证吗？一户能养几只猫？")
    assert answer.refused, answer.answer
