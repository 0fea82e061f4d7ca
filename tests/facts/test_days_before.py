"""Days counted back from an event are a length of time; a day of a month is a date."""

from __future__ import annotations

from rag.facts.spans import fact_span
from rag.lexicon.figures import DATE, DURATION
from rag.query.terms import content_terms


def test_days_before_an_event_are_a_length_of_time() -> None:
    for text, days in (
        ("应当在租期届满前九十日书面通知承租人", "九十日"),
        ("应当提前30日书面告知对方", "30日"),
        ("应当于会议召开十五日前通知全体会员", "十五日前"),
    ):
        assert [m.group() for m in DURATION.finditer(text)] == [days], text


def test_a_day_of_a_month_is_no_length_of_time() -> None:
    for text in ("应当于3月15日前提交", "应当于三月十五日前提交", "自2025年1月1日前"):
        assert not list(DURATION.finditer(text)), text


def test_an_advance_notice_answers_how_long_before() -> None:
    question = "租房合同到期不续了，房东要提前多久通知租客？"
    text = "出租人决定租期届满后不再出租的，应当在租期届满前九十日书面通知承租人。"
    terms = content_terms(question)
    found = fact_span("duration", text, terms, question, True, text, 24)
    assert found is not None and "九十日" in text[found[0] : found[1]]


def test_a_day_that_recurs_each_month_is_a_date() -> None:
    for text, day in (
        ("租金应当于每月20日前交纳；", "每月20日前"),
        ("会员应当于每个月五日前缴纳会费", "每个月五日前"),
    ):
        found = fact_span("date", text, (), "每个月几号前交")
        assert found is not None and day in text[found[0] : found[1]], text
        assert not list(DURATION.finditer(text)), text


def test_a_day_of_the_year_written_in_words_is_a_date() -> None:
    text = "每年九月九日为本市敬老日，每年十月为本市敬老月。"
    assert [m.group() for m in DATE.finditer(text)] == ["每年九月九日", "每年十月"]
    assert not list(DATE.finditer("应当在三个月内办结")), "a length of time is no date"


def test_the_granularity_asked_chooses_the_date() -> None:
    text = "每年九月九日为本市敬老日，每年十月为本市敬老月。"
    for question, date in (("敬老月是几月份？", "每年十月"), ("敬老日是哪天？", "每年九月九日")):
        found = fact_span("date", text, (), question)
        assert found is not None and date in text[found[0] : found[1]], question


def test_a_time_of_day_asked_is_answered_by_the_hours_of_the_asked_subject() -> None:
    text = "本条例所称营业时间为：工作日从九时至十七时，休息日从十时至十六时。"
    question = "休息日几点到几点营业？"
    found = fact_span("date", text, content_terms(question), question, True, text, 24)
    assert found is not None and text[found[0] : found[1]].endswith("十时至十六时")
    late = "每日22时以后禁止在居民区进行产生噪声的作业。"
    found = fact_span("date", late, content_terms("晚上几点以后不能施工"), "晚上几点以后不能施工")
    assert found is not None and "22时以后" in late[found[0] : found[1]]


def test_an_hour_belongs_to_its_date() -> None:
    assert [m.group() for m in DATE.finditer("报名截止时间为4月30日17时")] == ["4月30日17时"]
    assert not list(DATE.finditer("同时，应当及时报告")), "同时 is no hour"


def test_half_a_year_and_a_half_are_lengths_of_time() -> None:
    for text, length in (
        ("连续居住半年以上的，可以申领", "半年以上"),
        ("租期为一年半", "一年半"),
        ("应当在一个半月内办结", "一个半月内"),
    ):
        assert [m.group() for m in DURATION.finditer(text)] == [length], text
    assert not list(DURATION.finditer("上半年完成验收")), "the first half of a year is a period"


def test_days_under_a_bound_of_quantity_are_a_length_of_time() -> None:
    for text, length in (
        ("用人单位应当给予每年累计不少于十五日的陪护假", "不少于十五日"),
        ("连续十日未到岗的，视为自动离职", "连续十日"),
    ):
        assert [m.group() for m in DURATION.finditer(text)] == [length], text
    assert not list(DURATION.finditer("自2020年5月十日起施行")), "a date is never bounded"


def test_days_as_the_length_of_a_named_period_are_a_length_of_time() -> None:
    for text, days in (
        ("征收补偿方案应当公布，征求意见期限为三十日。", "三十日"),
        ("听证公告的公示期为七日。", "七日"),
    ):
        assert [m.group() for m in DURATION.finditer(text)] == [days], text
    assert not list(DURATION.finditer("申报期限为3月15日。"))
