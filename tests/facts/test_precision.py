"""The one-line direct answer states a figure only when it is provably the asked one."""

from __future__ import annotations

import pytest

from rag.facts.spans import fact_span
from rag.query.analysis import analyse
from rag.retrieve.scoring import ScoringModel

SCORING = ScoringModel()


def direct(kind: str, text: str, question: str, context: str | None = None) -> str | None:
    plan = analyse(question, [])
    near = SCORING.near_chars
    span = fact_span(
        kind, text, plan.terms, question, strict=True, context=context, near_chars=near
    )
    return None if span is None else text[span[0] : span[1]]


def test_a_figure_about_another_subject_is_not_stated() -> None:
    text = "由市政府出资300万元设立贷款风险补偿金,累计发放助保贷28笔,贷款金额1.02亿元。"
    assert direct("amount", text, "助保贷一共放了多少钱") == "贷款金额1.02亿元"
    assert direct("amount", "由市政府出资300万元设立贷款风险补偿金。", "助保贷放了多少钱") is None


def test_the_fragment_naming_the_subject_wins_over_an_earlier_figure() -> None:
    text = "科技园:力争五年内引进各类优质企业500家,实现产值450亿元、税收14亿元以上。"
    found = direct("count", text, "科技园五年的产值和税收目标是多少")
    assert found is not None and "450亿元" in found and "500家" not in found


def test_the_most_specific_term_must_be_in_the_clause() -> None:
    text = "全市培育省级科技型企业228家。"
    assert direct("count", text, "省级创新型企业有几家") is None
    assert direct("count", "全市培育省级创新型企业24家。", "省级创新型企业有几家") == (
        "全市培育省级创新型企业24家"
    )


def test_a_short_clause_title_names_the_subject_of_its_sentences() -> None:
    text = "给予无偿财政资金支持,单个项目市级财政资金支持不超过500万元。"
    question = "重大科技攻关项目单个项目最多给多少钱"
    assert direct("amount", text, question) is None
    found = direct("amount", text, question, context="7.实施重大科技攻关项目。" + text)
    assert found is not None and "500万元" in found


@pytest.mark.parametrize(
    "text",
    [
        "全市研发经费占GDP的比重(投入强度)分别达到0.94%0.97%1.05%1.08%1.24%。",
        "我市研发经费投入强度为0.94%0.97%1.05%。",
        "全市研发经费投入强度依次为0.94%、0.97%和1.05%。",
    ],
)
def test_one_value_of_an_enumeration_is_never_picked(text: str) -> None:
    assert direct("count", text, "研发投入强度是多少") is None


def test_a_total_shared_by_listed_items_does_not_answer_for_one_of_them() -> None:
    text = "——新增省级重点实验室、工程技术研究中心、企业技术中心、孵化器100家以上;"
    assert direct("count", text, "有几家省级工程技术研究中心") is None
    both = "科技型、创新型中小企业2500家以上。"
    assert direct("count", both, "科技型、创新型中小企业的培育目标是多少家") is not None


def test_an_asked_year_must_be_the_figures_year() -> None:
    assert direct("count", "到2018年,研发投入占GDP比重达到2.7%。", "2020年研发投入比重") is None
    found = direct("count", "到2020年,研发投入占GDP比重达到2.7%。", "2020年研发投入比重")
    assert found is not None and "2.7%" in found
    mixed = "2016年研发投入比重达到2.1%,2020年研发投入比重达到2.7%。"
    assert direct("count", mixed, "2020年研发投入比重是多少") == "2020年研发投入比重达到2.7%"


def test_an_enumeration_maps_by_position_when_items_and_values_pair_up() -> None:
    text = "对新认定的国家级、省级孵化器,市级财政分别一次性给予运营机构100万元、50万元资金补助。"
    assert direct("amount", text, "新认定的省级孵化器补多少钱") == "50万元"
    assert direct("amount", text, "新认定的国家级孵化器能拿多少") == "100万元"
    assert direct("amount", text, "孵化器补多少钱") is None  # neither level named
    uneven = "对国家级、省级、市级孵化器分别给予100万元、50万元补助。"
    assert direct("amount", uneven, "省级孵化器补多少钱") is None


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        (
            "20162020年,全市研发投入强度分别达到0.94%0.97%1.05%1.08%1.24%。",
            "2020年投入强度",
            "1.24%",
        ),
        (
            "2016年至2020年,研发投入强度分别为0.94%、0.97%、1.05%、1.08%、1.24%。",
            "2016年研发投入强度",
            "0.94%",
        ),
        (
            "2017年、2018年、2019年我市高技术产业比重分别达到2.81%3.3%3.6%。",
            "2018年高技术产业比重",
            "3.3%",
        ),
    ],
)
def test_a_year_list_maps_values_by_position(text: str, question: str, expected: str) -> None:
    assert direct("count", text, question) == expected


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            "20162020年,研发投入强度分别达到0.94%0.97%1.05%。",
            "2020年研发投入强度",
        ),  # 5 years, 3 values
        ("20162020年,发明专利拥有量分别为1.702.192.522.843.37。", "2019年发明专利拥有量"),
        ("20162020年,研发投入强度分别达到0.94%0.97%1.05%1.08%1.24%。", "2021年研发投入强度"),
        ("20162020年,研发经费分别为1亿元、2亿元、3亿元、4亿元、5亿元。", "2020年研发投入强度"),
    ],
)
def test_a_year_list_that_does_not_pair_up_gives_no_direct_line(text: str, question: str) -> None:
    assert direct("count", text, question) is None


def test_the_fragment_naming_most_of_the_subject_gives_the_figure() -> None:
    text = (
        "全市共有683名个人科技特派员被认定为县级科技特派员,215名个人科技特派员被认定为"
        "市级科技特派员,1771人次个人科技特派员被认定为省级科技特派员。"
    )
    found = direct("count", text, "被认定为县级科技特派员的有多少人")
    assert found is not None and "683名" in found
    found = direct("count", text, "被认定为省级科技特派员的有多少人次")
    assert found is not None and "1771人次" in found


def test_a_sentence_gets_the_fact_bonus_only_when_it_provably_states_the_fact() -> None:
    from rag.retrieve.rerank import sentence_fact

    plan = analyse("现在有几家省级工程技术研究中心", [])
    shared = "——新增省级重点实验室、工程技术研究中心、企业技术中心、孵化器100家以上;"
    own = "建成省级重点实验室7家、省级工程技术研究中心44家。"
    assert sentence_fact(plan, shared, SCORING) is None
    assert sentence_fact(plan, own, SCORING) is not None


def test_a_figure_for_one_grade_answers_only_an_asker_naming_that_grade() -> None:
    from rag.facts.precision import of_unasked_category

    text = "护理等级3-4级的每人每月补贴300元，5级的每人每月补贴500元。"
    span = (text.index("300元"), text.index("300元") + 4)
    assert of_unasked_category(text, span, "居家护理补贴多少")
    assert not of_unasked_category(text, span, "护理等级3-4级的老人补贴多少")
    plain = "补贴标准为每人每次2元。"
    assert not of_unasked_category(plain, (plain.index("2元"), plain.index("2元") + 2), "补多少")


def test_a_year_the_documents_hold_no_figure_for_is_named() -> None:
    from rag.facts.precision import other_years_only

    best = "2024年度本市某类指标为1.2万个。"
    question = "2027年度某类指标有多少个？"
    assert other_years_only(question, [best, "某类指标工作通知"], best) == "2027"
    # the asked year in any clause found, or in a document's title, holds the figure
    assert other_years_only(question, [best, "2027年度某类指标工作通知"], best) is None
    # a span of years holds the years inside it ("2014—2018年…分别为")
    span = "2014—2018年，某类指标分别为1、2、3、4、5个。"
    assert other_years_only("2016年某类指标多少个", [span], span) is None
    # a clause naming no year, or a question naming none, is no mismatch
    assert other_years_only(question, ["某类指标为1.2万个。"], "某类指标为1.2万个。") is None
    assert other_years_only("某类指标有多少个？", [best], best) is None


def test_a_period_that_qualifies_a_group_is_no_length_of_time_asked() -> None:
    text = "对连续缴费满5年的参加人员，提高补助标准；新参加人员设置2个月的等待期。"
    assert "2个月" in (direct("duration", text, "新参加的要等多久才能享受？") or "")
    qualifying = "对连续缴费满5年的参加人员，提高补助标准。"
    assert direct("duration", qualifying, "断缴了再去参加，要等多久才能享受？") is None
    assert direct("duration", qualifying, "参加人员要等多久才能提高补助标准？") is None
    # asked for the threshold itself, the qualifying period is the answer
    assert "满5年" in (direct("duration", qualifying, "连续缴费要满多少年才能提高补助标准？") or "")


def test_a_paying_partys_figure_does_not_answer_for_the_other_party() -> None:
    from rag.facts.precision import of_another_party

    text = "用人单位按照职工工资总额的百分之八缴纳，职工个人按照本人工资的百分之二缴纳。"
    employer, person = text.index("百分之八"), text.index("百分之二")
    assert of_another_party(text, (employer, employer + 4), "个人要交工资的百分之几")
    assert not of_another_party(text, (person, person + 4), "个人要交工资的百分之几")
    assert not of_another_party(text, (employer, employer + 4), "单位缴费比例是多少")
    both = "用人单位和职工个人按照工资总额的百分之一缴纳。"
    at = both.index("百分之一")
    assert not of_another_party(both, (at, at + 4), "单位交百分之几")  # stated for both


def test_the_direct_line_is_not_the_other_partys_figure() -> None:
    from rag.facts.spans import fact_span

    text = "用人单位按照职工工资总额的百分之八缴纳。"
    assert fact_span("count", text, (), "个人要交工资的百分之几", True, None, 10) is None
