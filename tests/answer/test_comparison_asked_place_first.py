"""A comparison whose asker states one place's rule and asks about the other ("A是…，B的是
多少？") answers the asked place first: the stated one is what it is compared with."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over


def _rules(city: str, days: str) -> str:
    return (
        f"{city}市容管理条例\n"
        "第一条 为了加强市容管理，制定本条例。\n"
        f"第二条 临时占用道路堆放物料的，占用期限不得超过{days}。\n"
        "第三条 建筑工地应当设置围挡。\n"
    )


def test_the_place_the_question_asks_about_answers_first(tmp_path: Path) -> None:
    service = service_over(
        tmp_path, {"hz.txt": _rules("杭州市", "十五日"), "nb.txt": _rules("宁波市", "三十日")}
    )
    answer = service.ask("杭州临时占道堆放物料最多十五天，宁波的最多能占多少天？")
    assert not answer.refused, answer.answer
    assert answer.citations[0].city == "宁波", answer.answer
    assert "三十日" in answer.citations[0].quote, answer.answer
    both = service.ask("杭州和宁波临时占道堆放物料分别最多能占多少天？")
    assert [c.city for c in both.citations[:2]] == ["杭州", "宁波"], both.answer
