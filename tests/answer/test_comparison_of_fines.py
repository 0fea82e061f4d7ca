"""A fine asked of two places is answered, for each place, as a fine question of that place
would be: the penalty citing the duty asked about, with the sentence stating its fine."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over


def _rules(city: str, fine: str) -> str:
    return _duties(city) + (
        "第四条 违反本条例第二条规定的，由城市管理部门责令改正，予以劝阻；"
        f"拒不改正的，处{fine}罚款。\n"
        "第五条 违反本条例第三条规定的，由城市管理部门责令限期改正。\n"
    )


def _duties(city: str) -> str:
    return (
        f"{city}市容管理条例\n"
        "第一条 为了加强市容管理，制定本条例。\n"
        "第二条 沿街商铺不得占用人行道摆放商品。\n"
        "第三条 建筑工地应当设置围挡。\n"
    )


def test_each_place_gets_its_own_fine_for_the_duty(tmp_path: Path) -> None:
    service = service_over(
        tmp_path,
        {
            "hz.txt": _rules("杭州市", "二百元以上五百元以下"),
            "nb.txt": _rules("宁波市", "一百元以上三百元以下"),
        },
    )
    answer = service.ask("杭州和宁波，商铺占用人行道摆放商品分别罚多少？")
    assert not answer.refused, answer.answer
    assert "二百元以上五百元以下" in answer.answer, answer.answer
    assert "一百元以上三百元以下" in answer.answer, answer.answer


def _rules_restating_the_duty(city: str, fine: str) -> str:
    return _duties(city) + (
        "第四条 有下列行为之一的，由城市管理部门按照下列规定予以处罚：\n"
        f"（一）沿街商铺占用人行道摆放商品的，责令改正；拒不改正的，处{fine}罚款；\n"
        "（二）建筑工地未设置围挡的，责令限期改正。\n"
    )


def test_a_place_whose_penalty_restates_the_duty_gets_that_fine(tmp_path: Path) -> None:
    # the penalty names the offence again instead of citing the article of the duty
    service = service_over(
        tmp_path,
        {
            "hz.txt": _rules("杭州市", "二百元以上五百元以下"),
            "nb.txt": _rules_restating_the_duty("宁波市", "一百元以上三百元以下"),
        },
    )
    answer = service.ask("杭州和宁波，商铺占用人行道摆放商品分别罚多少？")
    assert "二百元以上五百元以下" in answer.answer, answer.answer
    assert "一百元以上三百元以下" in answer.answer, answer.answer
