"""What a question asks for ("每月几号前", "哪天", "第几条", "百分之几") is the unit or the
figure of the answer, no topic."""

from __future__ import annotations

from rag.query.terms import content_terms


def test_the_asked_day_leaves_no_piece_of_itself_among_the_terms() -> None:
    for question, terms in (
        ("公积金每个月几号前到账？", ["公积金", "到账"]),
        ("会费几月几号截止缴纳", ["会费", "截止", "缴纳"]),
        ("体检报名哪天开始", ["体检", "报名", "开始"]),
        ("驾照体检几月份截止", ["驾照", "体检", "截止"]),
    ):
        assert [g.term for g in content_terms(question)] == terms, question


def test_a_word_holding_an_asking_word_is_the_asked_figure() -> None:
    for question, terms in (
        ("网约车条例第几条讲了保险", ["网约车", "条例", "保险"]),
        ("公积金贷款利率上调了百分之几", ["公积金", "贷款", "利率", "上调"]),
        ("行人负主要责任，车要赔几成？", ["行人", "责任"]),
    ):
        assert [g.term for g in content_terms(question)] == terms, question
