"""Verification of LLM answers against their numbered sources (pure functions)."""

from __future__ import annotations

import pytest

from rag.llm.verify import (
    citation_markers,
    cited_segments,
    echoes,
    is_refusal,
    quoted_spans,
    renumber_markers,
    verify_answer,
)
from rag.text.numerals import chinese_numeral_value, numeric_facts, supported_facts

SOURCE = (
    "[1] 《关于加快构建一流科技创新生态 培育发展新质生产力的若干政策(征求意见稿)》 | 城市：日照"
    " | 发布机构：日照市科学技术局 | 日期：2025-05-09 | 条款：二、重点任务 › (四) › 第14条\n"
    "14. 完善风险投资体系和机制。对新设立的创业投资机构,按照投资额度给予最高200万元奖励。"
)
CONTACT = (
    "[2] 《关于公开征求意见的公告》 | 城市：日照 | 日期：2025-05-09 | 条款：未注明\n"
    "意见反馈截止时间为2025年6月9日。联系电话:0633-8773169。占比达到40%以上。"
)
SYSTEM = "你是“政策问答”助手，只根据用户消息里 <sources> 中编号的政策条款回答问题。"


def check(answer: str) -> tuple[str, ...]:
    return verify_answer(answer, [SOURCE, CONTACT], SYSTEM).violations


@pytest.mark.parametrize(
    "answer",
    [
        "日照对新设立的创业投资机构最高奖励200万元[1]。",
        "最高 200 万元[1]",
        "最高２００万元【1】",
        "最高两百万元[1]",
        "最高2,000,000元［1］",
        "见第14条[1]，该政策发布于2025年5月9日。",
        "意见请在6月9日前反馈[2]，电话0633-8773169。",
        "截止日期是2025-06-09[2]，占比40%以上[2]。",
        "「对新设立的创业投资机构,按照投资额度给予最高200万元奖励」[1]",
        "1. 创投机构：最高200万元[1]\n2. 截止时间：2025年6月[2]",
        "Rizhao rewards new venture capital firms with up to 2 million yuan [1].",
        "The share must reach 40 percent or more [2].",
    ],
)
def test_grounded_answers_pass(answer: str) -> None:
    assert check(answer) == ()


@pytest.mark.parametrize(
    ("answer", "violation"),
    [
        ("最高300万元[1]", "unverified amount 300万元"),
        ("up to 3 million yuan [1]", "unverified number 3000000"),
        ("最高三百万元[1]", "unverified amount 3000000元"),
        ("最高200元[1]", "unverified amount 200元"),
        ("占比达到45%[2]", "unverified percentage 45%"),
        ("截止时间为2025年6月10日[2]", "unverified date 2025年6月10日"),
        ("发布于2025年5月9日[2]。奖励200万元[2]", "unverified amount 200万元"),
        ("见第15条[1]", "unverified number 15"),
        ("电话0633-8773196[2]", "unverified number 8773196"),
        ("最高200万元[7]", "citation [7] is out of range (sources are [1]–[2])"),
        ("最高200万元。", "the answer cites no source with [n]"),
        (
            "「给予最高两百万元奖励」[1]",
            "quote 「给予最高两百万元奖励」 is not verbatim in a cited source",
        ),
        ("截止时间是2025年6月9日[1]", "unverified date 2025年6月9日"),  # only [2] says so
    ],
)
def test_violations_are_caught_and_named(answer: str, violation: str) -> None:
    assert violation in check(answer)


def test_a_number_is_never_accepted_from_an_uncited_source() -> None:
    verdict = verify_answer("最高200万元[2]", [SOURCE, CONTACT], SYSTEM)
    assert verdict.violations == ("unverified amount 200万元",)


def test_refusals() -> None:
    assert verify_answer("NOT_COVERED", [SOURCE], SYSTEM).refusal
    assert verify_answer("已索引的政策中没有找到北京的规定。", [SOURCE], SYSTEM).refusal
    assert is_refusal("The sources do not cover Beijing.")
    assert not is_refusal("没有找到更高的标准，最高200万元[1]")


def test_echo_of_the_system_prompt_is_rejected() -> None:
    leaked = "好的。我的指令是：只根据用户消息里 <sources> 中编号的政策条款回答问题。[1]"
    assert echoes(leaked, SYSTEM)
    assert verify_answer(leaked, [SOURCE], SYSTEM).violations == (
        "the answer repeats the system prompt",
    )
    assert not echoes("最高200万元[1]", SYSTEM)


def test_markers_and_quotes() -> None:
    assert citation_markers("a[2]b[1, 3]c【2】d[4-5]") == [2, 1, 3, 4, 5]
    assert renumber_markers("a[3]b[1, 3]c【3】", {3: 1, 1: 2}) == "a[1]b[2][1]c[1]"
    assert quoted_spans("「甲[1]」和“乙”以及『丙』") == ["甲", "乙", "丙"]
    assert quoted_spans("“截止“十三五”期间末,9家。”") == ["截止“十三五”期间末,9家。"]
    assert quoted_spans("“未闭合 「乙」") == ["乙"]


def test_a_nested_quote_is_checked_whole() -> None:
    source = "[1] 《规划》\n截止“十三五”期间末,全市已有9家企业被认定为省级新型研发机构。"
    assert verify_answer("“截止“十三五”期间末,全市已有9家企业”[1]", [source], SYSTEM).ok
    altered = verify_answer("“截止“十三五”期间末,全市已有8家企业”[1]", [source], SYSTEM)
    assert "quote 「截止“十三五”期间末,全市已有8家企业」 is not verbatim in a cited source" in (
        altered.violations
    )


def test_numeral_normalisation() -> None:
    assert chinese_numeral_value("十四") == 14
    assert chinese_numeral_value("两千五百") == 2500
    assert chinese_numeral_value("一百零五") == 105
    assert chinese_numeral_value("二〇二五") == 2025
    assert chinese_numeral_value("十四五") is None
    assert numeric_facts("三明市“十四五”科技创新发展专项规划") == []
    assert numeric_facts("一次性奖励") == []
    assert numeric_facts("第十四条、(四)") == [("num", "14"), ("num", "4")]
    assert numeric_facts("百分之二十") == [("pct", "20")]
    assert numeric_facts("1.5亿元") == [("num", "150000000")]
    assert numeric_facts("二〇二五年五月九日") == [("date", "2025-05-09")]
    assert ("md", "05-09") in supported_facts("2025-05-09")
    assert ("date", "2025-05-09") not in supported_facts("5月9日")


def test_each_fact_must_be_in_the_source_its_own_marker_cites() -> None:
    swapped = check("最高200万元[2]，截止时间2025年6月9日[1]。")
    assert "amount 200万元 is not in [2], the source cited for it" in swapped
    assert "date 2025年6月9日 is not in [1], the source cited for it" in swapped
    assert check("最高200万元、截止时间2025年6月9日[1][2]。") == ()
    assert check("最高200万元[1]，截止时间2025年6月9日[2]。") == ()
    misquoted = check("「对新设立的创业投资机构」[2]，最高200万元[1]。")
    assert misquoted == ("quote 「对新设立的创业投资机构」 is not verbatim in a cited source",)


def test_segments_group_adjacent_markers() -> None:
    text = "甲[1]、[2]乙[3]丙"
    assert [(text[s.start : s.end], s.cites) for s in cited_segments(text)] == [
        ("甲", (1, 2)),
        ("乙", (3,)),
        ("丙", ()),
    ]
