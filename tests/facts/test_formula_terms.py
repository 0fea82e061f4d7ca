"""A figure a formula operates on ("÷12个月", "除以当月工作日(22天)") is a term of the
calculation, and a length a period is changed by ("延长缴费三年") is the change: neither is the
quantity a question asks for."""

from __future__ import annotations

from rag.facts.spans import fact_span
from rag.query.terms import content_terms

QUESTION = "职工每年能休几天探亲假？"


def _found(text: str) -> str | None:
    span = fact_span("duration", text, content_terms(QUESTION), QUESTION)
    return text[span[0] : span[1]] if span else None


def test_a_divisor_or_factor_is_no_stated_length() -> None:
    assert _found("应休天数按照(已服务月数÷12个月)×全年探亲假天数计算。") is None
    assert _found("日工资按照月工资除以当月工作日(22天)折算。") is None
    assert _found("工资按照日工资乘以10天计算。") is None


def test_a_length_stated_on_its_own_is_found() -> None:
    found = _found("职工探亲假为20天。")
    assert found is not None and "20天" in found


def test_a_length_a_period_is_changed_by_is_not_the_length_asked() -> None:
    text = "会员延长缴费三年后仍不足最低缴费年限的，可以一次性补缴。"
    asked_total = "最少要缴费多少年？"
    assert fact_span("duration", text, content_terms(asked_total), asked_total) is None
    asked_change = "最多可以延长缴费几年？"
    span = fact_span("duration", text, content_terms(asked_change), asked_change)
    assert span is not None and "三年" in text[span[0] : span[1]]
