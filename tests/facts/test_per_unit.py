"""A sum asked per a unit is answered only by a sum stated per that unit."""

from __future__ import annotations

from pathlib import Path

from rag.facts.per_unit import asked_units, states_sum_per
from rag.query.terms import content_terms
from tests.conftest import service_over


def test_the_units_a_sum_is_asked_per() -> None:
    assert asked_units("养老补贴一个月能领多少钱") == ("月",)
    assert asked_units("每人每月补多少") == ("人", "月")
    assert asked_units("租金补贴一年最多给多少") == ("年",)
    assert asked_units("物业补贴多少钱一个月") == ("月",)


def test_a_unit_said_as_askers_say_it_is_the_unit_documents_write() -> None:
    assert asked_units("仓库租金多少钱一平米") == ("平方米",)
    assert asked_units("摊位费多少钱一平方") == ("平方米",)
    assert states_sum_per("租金为每平方米每月20元。", asked_units("租金多少钱一平方"))
    terms = [t.term for t in content_terms("仓库租金多少钱一平方")]
    assert not any("平方" in t for t in terms)


def test_a_length_of_time_or_a_one_off_is_no_unit() -> None:
    assert asked_units("缴费满一年能领多少") == ()
    assert asked_units("一次性奖励多少钱") == ()
    assert asked_units("每个月几号前到账") == ()


def test_a_sum_per_the_asked_period_is_told_from_a_total() -> None:
    assert states_sum_per("目前发放标准为每月1800元。", ("月",))
    assert states_sum_per("补贴标准为500元/月。", ("人", "月"))
    assert not states_sum_per("全年累计发放补贴资金约3.5亿元。", ("月",))
    assert not states_sum_per("每年最高发放6000元。", ("月",))


def test_the_unit_of_the_asked_sum_is_no_search_term() -> None:
    terms = [t.term for t in content_terms("护理补贴每人每月多少钱")]
    assert not any("每月" in t or "每人" in t for t in terms)


def test_the_monthly_standard_answers_not_the_yearly_spending(tmp_path: Path) -> None:
    text = (
        "某市护理补贴发放情况\n"
        "一、护理补贴全年累计发放资金约3.5亿元，惠及2.1万人。\n"
        "二、护理补贴对象为重度残疾人。\n"
        "三、护理补贴对象须持有残疾人证。\n"
        "四、护理补贴的发放标准为每人每月310元。\n"
    )
    service = service_over(tmp_path, {"subsidy.txt": text})
    answer = service.ask("护理补贴每月多少钱")
    first = answer.answer.splitlines()[0]
    assert "310元" in first and "3.5亿元" not in first
