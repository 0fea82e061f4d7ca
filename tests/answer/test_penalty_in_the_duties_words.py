"""A penalty asked of a duty whose liability article does not cite it by number but
restates the forbidden conduct in the duty's own words ("不得擅自拆除、覆盖或者污损…" →
"擅自拆除、覆盖或者污损…的，…处…罚款"): that article answers first, though the question
shares more words with the duty."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

STATUTE = (
    "某市公共标识管理条例\n\n"
    "第一章 总则\n\n"
    "第一条 为了规范公共标识管理，制定本条例。\n\n"
    "第二章 设置与维护\n\n"
    "第五条 公共信息指示牌由街道办事处负责设置和日常维护，设置在路口、公园和地铁出入口。"
    "任何单位和个人不得擅自拆除、覆盖或者污损公共信息指示牌。\n\n"
    "第六条 街道办事处应当每半年对辖区内的指示牌巡查一次。\n\n"
    "第三章 法律责任\n\n"
    "第二十条 违反本条例规定，擅自拆除、覆盖或者污损公共信息指示牌的，由城市管理部门责令"
    "恢复原状，对单位处五千元以上二万元以下罚款，对个人处二百元以上一千元以下罚款。\n\n"
    "第二十一条 违反本条例规定，在公园内擅自设置商业广告的，由城市管理部门责令改正，处"
    "一千元以上五千元以下罚款。\n\n"
)


def test_the_penalty_restating_the_duty_answers_first(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"signs.txt": STATUTE})
    answer = service.ask("街道在路口设的指示牌被人涂黑了，个人会被怎么罚？")
    assert not answer.refused, answer.answer
    assert "二百元以上一千元以下" in answer.citations[0].quote, answer.answer


def test_a_penalty_sharing_only_stock_phrases_is_not_taken_for_it(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"signs.txt": STATUTE})
    answer = service.ask("街道多久要巡查一次指示牌？")
    assert not answer.refused, answer.answer
    assert "每半年" in answer.citations[0].quote, answer.answer
