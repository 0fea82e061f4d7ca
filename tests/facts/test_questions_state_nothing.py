"""A Q&A page's question names a figure; only its answer states one for a first line."""

from __future__ import annotations

from rag.facts.spans import fact_span
from rag.query.terms import content_terms


def _strict(kind: str, text: str, question: str) -> str | None:
    found = fact_span(kind, text, content_terms(question), question, True, text, 24)  # type: ignore[arg-type]
    return None if found is None else text[found[0] : found[1]]


def test_a_figure_in_a_question_sentence_is_no_first_line() -> None:
    text = "5.申请人“年龄在五十周岁以下”的条件从哪天起算？"
    assert _strict("age", text, "申请人年龄要多大以内？") is None


def test_the_answer_after_the_question_still_states_its_figure() -> None:
    text = "5.申请补贴最多能领多少个月？答：最多可以领取六个月，期满后不再发放。"
    found = _strict("duration", text, "申请补贴最多能领多少个月？")
    assert found is not None and found.endswith("六个月")


def test_within_a_question_reads_the_sentence_end() -> None:
    from rag.text.sentences import within_a_question

    text = "起算时间是什么？答：以当年1月1日为准。"
    assert within_a_question(text, 2)
    assert not within_a_question(text, text.index("1月"))
