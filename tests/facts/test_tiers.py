"""A figure stated per band of a condition: the question's own number picks the band."""

from __future__ import annotations

from rag.facts.spans import fact_span
from rag.facts.tiers import tier_fragment
from rag.query.analysis import analyse
from rag.retrieve.scoring import ScoringModel

HIRING = "企业开展培训的给予补助。培训5人以下的按每人500元补助；培训6人以上的每增加1人补助800元。"
YEARS = "参保一至三年的，每满一年，待遇期限为两个月；三年以上的，每满半年，待遇期限增加一个月。"


def fragment(text: str, question: str) -> str | None:
    span = tier_fragment(text, question)
    return None if span is None else text[span[0] : span[1]]


def test_the_askers_number_picks_its_band() -> None:
    assert fragment(HIRING, "只培训了2个人的话每人补多少") == "培训5人以下的按每人500元补助"
    assert (fragment(HIRING, "培训了9个人补多少") or "").startswith("培训6人以上")
    assert (
        fragment(YEARS, "我只交了2年，能领几个月") == "参保一至三年的，每满一年，待遇期限为两个月"
    )


def test_no_number_or_one_band_picks_nothing() -> None:
    assert fragment(HIRING, "培训有什么补助") is None
    assert fragment("培训5人以下的按每人500元补助。", "培训了2个人补多少") is None


def test_the_first_line_states_the_askers_band() -> None:
    question = "只培训了2个人的话每人补助多少钱"
    plan = analyse(question, [])
    near = ScoringModel().near_chars
    span = fact_span("amount", HIRING, plan.terms, question, strict=False, near_chars=near)
    assert span is not None and "500元" in HIRING[span[0] : span[1]]


LEAVE = "职工工龄已满1年不满10年的，休假5天；已满10年不满20年的，休假10天；已满20年的，休假15天。"


def test_a_band_from_man_to_bu_man_does_not_reach_its_upper_bound() -> None:
    assert fragment(LEAVE, "工龄满10年能休几天") == "已满10年不满20年的，休假10天"
    assert fragment(LEAVE, "工龄9年能休几天") == "职工工龄已满1年不满10年的，休假5天"
    assert fragment(LEAVE, "工龄25年能休几天") == "已满20年的，休假15天"


def test_a_stated_share_finds_its_band_of_shares() -> None:
    text = (
        "超过限额不足百分之十的，给予警告；超过百分之十不足百分之五十的，处二百元罚款；"
        "超过百分之五十的，处一千元罚款。"
    )
    span = tier_fragment(text, "超出限额百分之三十要罚多少？")
    assert span is not None and text[span[0] : span[1]].endswith("处二百元罚款")
    span = tier_fragment(text, "超出限额60%要罚多少？")
    assert span is not None and text[span[0] : span[1]].endswith("处一千元罚款")
