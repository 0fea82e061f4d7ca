"""A question that tells a scene first ("楼下周末一早就开音响跳舞，音响使用时间有规定吗") and
asks in a few generic words: among the clauses the ask alone finds, the one that writes a word
of the scene, covers the ask and is among the whole question's best answers."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import service_over

NOISE = "\n\n".join(
    (
        "# 某市社会生活噪声污染防治办法",
        "## 第一章　总则",
        "第一条 为了防治社会生活噪声污染，保障居民的正常生活环境，制定本办法。",
        "第二条 本办法适用于本市行政区域内社会生活噪声污染的防治。",
        "## 第二章　防治措施",
        "第十条 法定休息日、节假日全天及工作日12时至14时、20时至次日7时，禁止在居"
        "民住宅区内使用音响器材进行娱乐健身活动。",
        "第十一条 在居民住宅楼内使用家用电器、乐器或者进行其他家庭室内娱乐活动的，应当控制音量。",
        "第十二条 商业经营活动不得在室外使用音响器材招揽顾客。",
        "第十三条 物业服务企业应当在物业管理区域内显著位置公示物业服务收费标准。",
        "## 第三章　法律责任",
        "第二十条 违反本办法规定，有下列行为之一的，由公安部门给予警告，警告后不改正的，"
        "处200元以上500元以下罚款：",
        "（一）违反本办法第十一条规定，从家庭室内发出噪声干扰周围生活环境的；",
        "（二）违反本办法第十条规定，在规定时间使用音响器材的；",
        "（三）违反本办法第十二条规定，在室外使用音响器材招揽顾客的。",
        "第二十一条 本办法自发布之日起施行。",
    )
)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return service_over(tmp_path_factory.mktemp("scene"), {"noise.md": NOISE})


def test_the_scene_chooses_among_the_clauses_the_ask_finds(service: Any) -> None:
    answer = service.ask("楼下广场舞大妈周末一早就开音响跳舞，音响使用时间有规定吗")
    assert not answer.refused
    assert answer.citations[0].quote.startswith("第十条")


def test_a_clause_writing_the_scene_that_does_not_answer_the_ask_is_not_chosen(
    service: Any,
) -> None:
    answer = service.ask("楼下广场舞大妈周末一早就开音响跳舞，物业服务收费标准要公示在哪里")
    assert answer.refused or not answer.citations[0].quote.startswith("第十条")


def test_an_ask_answered_once_leftover_words_are_set_aside_is_the_asks_own_clause(
    service: Any,
) -> None:
    # "舞大妈", "一早就": cuts no passage and no dictionary knows; set aside, the question is
    # answerable, and the ask alone chooses among the whole question's hits
    answer = service.ask("楼下广场舞大妈周末一早就开音响跳舞，物业服务收费标准要公示在哪里")
    assert not answer.refused, answer.answer
    assert answer.citations[0].quote.startswith("第十三条")
