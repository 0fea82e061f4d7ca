"""A message's asks: where one ends and the next begins, and how a later ask is searched."""

from __future__ import annotations

from rag.query.analysis import QueryPlan
from rag.query.asks import asks_of, later_ask_plans
from rag.query.terms import TermGroup


def test_a_question_mark_ends_an_ask() -> None:
    assert asks_of("公园能带狗进去吗?狗绳最长多少米?") == ("公园能带狗进去吗?", "狗绳最长多少米?")


def test_a_yes_no_question_closed_by_a_comma_ends_an_ask() -> None:
    assert asks_of("摊位费可以减免吗,最多减免多久") == ("摊位费可以减免吗,", "最多减免多久")


def test_a_told_situation_belongs_to_the_ask_after_it() -> None:
    asks = asks_of("我家的车被刮了。物业要赔吗?多久内答复?")
    assert asks == ("我家的车被刮了。物业要赔吗?", "多久内答复?")


def test_a_closing_remark_that_asks_nothing_is_no_ask() -> None:
    assert asks_of("路灯每天几点开?小区门口太黑了") == ("路灯每天几点开?小区门口太黑了",)


def test_a_single_question_is_one_ask() -> None:
    assert asks_of("新设创投机构最高奖励多少") == ("新设创投机构最高奖励多少",)


def _group(term: str) -> TermGroup:
    return TermGroup(term, (term,))


def test_a_later_ask_is_searched_with_the_messages_subject_and_place() -> None:
    message = QueryPlan(
        "某市摊位费可以减免吗,最多减免多久",
        cities=("某市",),
        terms=(_group("摊位费"), _group("减免")),
    )
    ask = QueryPlan("最多减免多久", fact_kind="duration", terms=(_group("减免"),))
    carried, ranked = later_ask_plans(ask, message)
    assert [g.term for g in carried.terms] == ["减免", "摊位费"]
    assert carried.cities == ("某市",) and carried.fact_kind == "duration"
    assert [g.term for g in ranked.terms] == ["减免"]
    assert [g.term for g in ranked.context] == ["摊位费"]


def test_a_later_ask_naming_its_own_place_keeps_it() -> None:
    message = QueryPlan("甲市和乙市停车费一样吗?乙市多少", cities=("甲市", "乙市"),
                        terms=(_group("停车费"),))  # fmt: skip
    ask = QueryPlan("乙市多少", cities=("乙市",), fact_kind="amount")
    (carried,) = later_ask_plans(ask, message)
    assert carried.cities == ("乙市",)
    assert [g.term for g in carried.terms] == ["停车费"]


def test_a_quantity_asked_before_a_comma_ends_an_ask() -> None:
    assert asks_of("审批期限多长,能延长吗?") == ("审批期限多长,", "能延长吗?")
    assert asks_of("补贴多少，怎么申请") == ("补贴多少，", "怎么申请")


def test_the_quantity_an_earlier_ask_asks_is_not_the_later_asks_subject() -> None:
    message = QueryPlan(
        "游泳考核满分多少,几分算过关",
        terms=(_group("游泳"), _group("考核"), _group("满分"), _group("过关")),
    )
    ask = QueryPlan("几分算过关", fact_kind="count", terms=(_group("过关"),))
    carried, ranked = later_ask_plans(ask, message)
    assert [g.term for g in carried.terms] == ["过关", "游泳", "考核"]
    assert [g.term for g in ranked.context] == ["游泳", "考核"]
