"""The greatest of a tiered figure: a question asking "最长/最高" with no condition of its own
gets the band stating the greatest figure, not the first band."""

from __future__ import annotations

from rag.facts.spans import fact_span, greatest_band
from rag.query.terms import content_terms

TIERS = (
    "参保人缴费满一年不足五年的，补助期限最长为六个月；"
    "缴费满五年不足十年的，补助期限最长为九个月；"
    "缴费十年以上的，补助期限最长为十五个月。"
)


def _band(question: str, text: str = TIERS) -> str | None:
    span = greatest_band("duration", text, question)
    return text[span[0] : span[1]] if span else None


def test_the_greatest_asked_is_the_greatest_band() -> None:
    band = _band("补助最长能领多久？")
    assert band is not None and "十五个月" in band
    question = "补助最长能领多久？"
    found = fact_span("duration", TIERS, content_terms(question), question, True, None, 10)
    assert found is not None and "十五个月" in TIERS[found[0] : found[1]]


def test_no_greatest_asked_or_the_askers_own_condition_chooses_no_greatest() -> None:
    assert _band("补助能领多久？") is None
    assert _band("缴费满三年的补助最长能领多久？") is None  # the band of the asker's 三年


def test_a_greater_figure_stated_apart_is_the_answer_not_a_band() -> None:
    rates = (
        "缴费一至四年的，每满一年，补助期限为一个月；"
        "四年以上的，每满半年，补助期限增加两个月。补助期限最长为二十个月。"
    )
    assert _band("补助最长能领多久？", rates) is None


def test_the_answer_quotes_the_greatest_band(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import service_over

    rules = (
        "某市困难补助办法\n第一条 为了保障困难群众基本生活，制定本办法。\n第二条 " + TIERS + "\n"
    )
    service = service_over(tmp_path, {"rules.txt": rules})
    answer = service.ask("困难补助最长能领多久？")
    assert "十五个月" in answer.answer.splitlines()[0], answer.answer
