"""Residents' words for public services expand to the forms regulations and notices write."""

from __future__ import annotations

import pytest

from rag.lexicon.synonyms import expand_term


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("失业金", "失业保险金"),
        ("医保报销", "医疗保险报销"),
        ("社保卡", "社会保障卡"),
        ("公积金", "住房公积金"),
        ("低保标准", "最低生活保障标准"),
        ("电瓶车", "电动自行车"),
        ("年假", "带薪年休假"),
        ("房东", "出租人"),
        ("租客", "承租人"),
        ("商家", "经营者"),
        ("辞职", "解除劳动合同"),
        ("养老院", "养老机构"),
        ("业委会", "业主委员会"),
        ("家政公司", "家政服务机构"),
        ("年纪", "年龄"),
        ("阿姨", "家政服务人员"),
        ("体检", "健康证明"),
        ("退钱", "退款"),
        ("上户口", "户籍登记"),
    ],
)
def test_a_colloquial_word_finds_the_written_form(said: str, written: str) -> None:
    assert written in expand_term(said)


def test_the_users_own_word_comes_first() -> None:
    assert expand_term("社保")[0] == "社保"
