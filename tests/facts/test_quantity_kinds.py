"""Quantities are told apart by their units: an age question is answered in 岁, a share in
% or 百分之, a count in the measure word asked; places beyond the city table are places."""

from __future__ import annotations

from rag.facts.spans import fact_span
from rag.ingest.parse import ingest_bytes
from rag.query.analysis import analyse
from rag.query.intent import Intent, intent_of
from rag.records import Document
from rag.retrieve.scoring import ScoringModel


def direct(text: str, question: str, context: str | None = None) -> str | None:
    plan = analyse(question, [])
    near = ScoringModel().near_chars
    span = fact_span(
        plan.fact_kind, text, plan.terms, question, strict=True, context=context, near_chars=near
    )
    return None if span is None else text[span[0] : span[1]]


def test_an_age_question_is_answered_in_years_of_age_not_in_money_or_time() -> None:
    assert analyse("申请社区志愿者要多大年纪", []).fact_kind == "age"
    text = "申请社区志愿者的，年龄在18至60周岁，每月补贴200元。"
    assert direct(text, "申请社区志愿者要多大年纪") == "年龄在18至60周岁"
    assert direct("驾驶人应当年满十六周岁。", "驾驶人要多少岁") == "驾驶人应当年满十六周岁"


def test_an_age_band_written_as_two_bounds_is_one_fact() -> None:
    text = "报名的志愿者年龄应在20周岁以上，40周岁以下，身体健康。"
    assert (
        direct(text, "报名志愿者对年龄有什么要求") == "报名的志愿者年龄应在20周岁以上，40周岁以下"
    )


def test_an_age_of_another_group_is_no_first_line() -> None:
    text = "幼儿园小班的入园年龄为3周岁。"
    assert direct(text, "研究生落户有年龄要求吗") is None


def test_an_age_mentioned_as_a_condition_does_not_make_a_money_question_an_age_one() -> None:
    assert analyse("八十周岁以上老人津贴每月发多少钱", []).fact_kind == "amount"


def test_a_share_written_in_words_answers_a_share_question() -> None:
    text = "预留的采购份额应当占年度预算总额的百分之四十以上。"
    assert (
        direct(text, "采购份额要预留多少比例") == "预留的采购份额应当占年度预算总额的百分之四十以上"
    )


def test_counts_in_times_units_and_points() -> None:
    assert direct("贷款累计可申请3次。", "贷款最多能申请几次") == "贷款累计可申请3次"
    assert direct("本批次共推出房源554套。", "本批次房源有多少套") == "本批次共推出房源554套"
    assert direct("资格分满150分可申请。", "资格分要多少分") == "资格分满150分可申请"


def documents(*files: tuple[str, str]) -> list[Document]:
    return [p.document for name, text in files for p in ingest_bytes(text.encode(), name)]


DOCS = documents(
    ("a.md", "# 浙江省志愿服务条例\n\n第一条 志愿者每年服务不少于二十小时。\n"),
    ("b.txt", "北京市志愿服务办法\n第一条 志愿者每年服务不少于三十小时。\n"),
)


def test_a_province_no_document_lies_in_is_refused_by_name() -> None:
    plan = analyse("湖北省志愿服务条例规定服务多少小时", DOCS)
    assert plan.foreign_cities == ("湖北",)
    assert intent_of(plan) is Intent.UNCOVERED_PLACE


def test_an_uncovered_province_beside_a_covered_place_is_only_context() -> None:
    plan = analyse("我从湖北来北京，志愿者每年服务多少小时", DOCS)
    assert plan.foreign_cities == () and plan.cities == ("北京",)


def test_a_city_and_a_province_compared() -> None:
    plan = analyse("北京和浙江对志愿服务时间的规定有什么不同", DOCS)
    assert plan.fact_kind == "comparison" and plan.places == ("北京", "浙江")
    assert intent_of(plan) is Intent.COMPARISON


def test_asking_whether_two_places_rule_alike_compares_them() -> None:
    for question in (
        "志愿服务时间，浙江是多少小时？跟北京一样吗",
        "浙江和北京的志愿服务时间是否一致",
    ):
        plan = analyse(question, DOCS)
        assert plan.fact_kind == "comparison" and set(plan.places) == {"北京", "浙江"}, question


def test_a_quantity_asked_outranks_a_contact_word_in_the_subject() -> None:
    assert analyse("机构地址变了，要在几天内重新备案", []).fact_kind == "duration"
    assert analyse("办理地址在哪里", []).fact_kind == "contact"


def test_a_fine_written_in_words_is_a_sum_and_its_band_one_fact() -> None:
    text = "违反本条规定的，由管理部门处二十元以上五十元以下罚款。"
    assert direct(text, "违反规定罚多少钱") == "由管理部门处二十元以上五十元以下罚款"
    assert direct("推动管理一元化。", "管理补贴多少钱") is None


def test_chat_fillers_are_no_content_terms() -> None:
    terms = [t.term for t in analyse("买车之后多久之内要去登记的话", []).terms]
    assert "之内" not in terms and "的话" not in terms and any("登记" in t for t in terms)


def test_a_figure_of_each_of_several_items_is_no_one_line_answer() -> None:
    text = "每人最多报名3项，其中体育类最多2项、艺术类最多1项。"
    assert direct(text, "体育类最多报名几项") == "其中体育类最多2项"
    assert direct(text, "体育类艺术类各报几项") is None


def test_a_count_scaled_by_wan_or_yi_is_a_count() -> None:
    text = "经测算，本年度全市公共充电桩建设指标为2.5万个，比上年度增加3000个。"
    found = direct(text, "本年度全市公共充电桩建设指标有多少个") or ""
    assert found.endswith("2.5万个"), found
    students = direct("全市享受助学补贴的学生共1.2万人。", "全市享受助学补贴的学生有多少人") or ""
    assert students.endswith("1.2万人"), students


def test_the_period_a_rate_recurs_over_is_no_length_of_time() -> None:
    rate = "参保人员每连续参保1年，大病保险支付限额提高1000元。"
    assert direct(rate, "参保人员大病保险支付限额要连续参保多久才能提高") is None
    both = "连续参保满3年的，之后每连续参保1年，报销比例提高1个百分点。"
    assert "满3年" in (direct(both, "连续参保要多久才能提高报销比例") or "")
    assert direct("申请材料齐全的，审核期限为15个工作日。", "审核要多久") is not None


def test_a_public_service_hotline_is_a_phone_number() -> None:
    from rag.facts.spans import contact_span

    text = "市民可以通过“12345”政务服务热线投诉举报。"
    span = contact_span(text, "打什么电话投诉")
    assert span is not None and text[span[0] : span[1]] == "12345"
    assert contact_span("共有123456人参加。", "电话") is None  # a longer number is no hotline


def test_a_hotline_keeps_its_name() -> None:
    from rag.facts.spans import contact_span

    text = "消费者可以通过12315消费者投诉热线投诉。"
    span = contact_span(text, "打什么电话投诉")
    assert span is not None and text[span[0] : span[1]] == "12315消费者投诉热线"


def test_how_long_a_period_is_asks_a_length_of_time_not_a_distance() -> None:
    assert analyse("会员卡有效期是多长", []).fact_kind == "duration"
    assert analyse("哺乳假多长", []).fact_kind == "duration"
    assert analyse("这段围栏多长", []).fact_kind != "duration"


def test_a_length_counted_from_the_asked_period_is_not_its_length() -> None:
    text = "自质保期起算之日起15日内出现故障的，可以换货；质保期不少于1年或者使用20,000次。"
    assert direct(text, "质保期是多长") == "质保期不少于1年或者使用20,000次"


def test_a_period_counted_from_an_event_is_that_periods_length() -> None:
    text = "许可证有效期自核发之日起三年。"
    assert direct(text, "许可证有效期是多长") == "许可证有效期自核发之日起三年"


def test_a_comma_grouping_thousands_breaks_no_item() -> None:
    text = "参加培训的，每人可领取交通补助1,500元，由培训机构统一发放。"
    assert direct(text, "参加培训每人交通补助多少") == "每人可领取交通补助1,500元"


def test_days_asked_are_calendar_days_before_working_days() -> None:
    from rag.facts.spans import stated_in_the_asked_unit

    assert stated_in_the_asked_unit("三十日内", "多少天内要办")
    assert not stated_in_the_asked_unit("五个工作日内", "多少天内要办")
    assert stated_in_the_asked_unit("五个工作日内", "几个工作日能办好")
    text = "会员退会，线上申请的五个工作日内办结，线下申请的三十日内办结。"
    assert "三十日内" in (direct(text, "会员退会多少天内办结") or "")
    only = "会员退会的，协会应当自收到申请之日起五个工作日内审核。"
    assert "五个工作日内" in (direct(only, "会员退会申请多少天内审核") or "")


def test_a_length_within_a_named_period_is_a_length_of_time() -> None:
    text = "托管机构应当保证儿童每天至少有两小时户外活动时间。"
    assert "两小时" in (direct(text, "托管机构要保证儿童每天户外活动多长时间") or "")
    rate = "会员每连续缴费1年，积分增加10分。"
    assert direct(rate, "会员要连续缴费多久才能增加积分") is None


def test_an_age_rule_need_not_write_the_place_it_holds_in() -> None:
    from rag.query.terms import TermGroup

    text = "报名参加志愿消防队的，应当年满十八周岁。"
    near = ScoringModel().near_chars

    def age(*words: str) -> str | None:
        terms = [TermGroup(w, (w,)) for w in words]
        span = fact_span("age", text, terms, "要多少岁", strict=True, near_chars=near)
        return None if span is None else text[span[0] : span[1]]

    assert "十八周岁" in (age("广东", "志愿", "消防队") or "")  # a province indexed, not written
    assert age("广东", "义务", "献血") is None  # another group's age


def test_a_fee_asked_is_a_sum_of_money_and_its_rate_a_share() -> None:
    for question in ("停车场的管理费一年交多少？", "学费多少", "垃圾处理费按户收多少"):
        assert analyse(question, []).fact_kind == "amount", question
    assert analyse("失业保险费率是多少", []).fact_kind == "count"
    assert analyse("缴费年限要多少年", []).fact_kind == "duration"
    text = "车位管理费按每月150元收取，缴费比例为百分之十。"
    first = direct(text, "车位管理费一个月交多少") or ""
    assert "150元" in first and "百分之十" not in first, first


def test_minutes_asked_are_answered_in_minutes_only() -> None:
    from rag.answer.gates import states_a_length
    from tests.corpus_builders import lone_clause as clause

    question = "救援人员接到报警后几分钟内要到场？"
    assert not states_a_length(clause("救援单位应当实行二十四小时值守。"), question)
    assert states_a_length(clause("救援人员应当在三十分钟内到场。"), question)


def test_how_large_a_share_is_no_age() -> None:
    assert analyse("绿化要占多大比例？", []).fact_kind == "count"
    assert analyse("孩子多大可以上学？", []).fact_kind == "age"
