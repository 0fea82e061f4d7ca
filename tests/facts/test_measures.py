"""Areas, lengths, weights, volumes and sound levels are asked and stated in their own units."""

from __future__ import annotations

from rag.facts.spans import asked_unit, fact_span
from rag.query.analysis import fact_kind


def test_a_measure_is_asked_by_its_unit_or_its_dimension() -> None:
    assert asked_unit("食堂面积最少要多大") == "面积"
    assert asked_unit("后厨要多少平米") == "面积"
    assert asked_unit("非机动车道要留多宽") == "长度"
    assert asked_unit("每袋最多装多少公斤") == "重量"


def test_an_area_question_is_not_an_age_question() -> None:
    assert fact_kind("服务中心建筑面积要多大", (), None) == "count"
    assert fact_kind("申请人要多大年纪", (), None) == "age"
    assert fact_kind("几周岁以上才能骑车上路", (), None) == "age"
    assert fact_kind("遛狗的绳子有长度要求吗", (), None) == "count"  # a measure, not yes/no


def test_the_figure_in_the_asked_dimension_is_the_fact() -> None:
    text = "设置车位不少于20个，仓库面积不小于80㎡，距离居民区不超过500米。"
    start, end = fact_span("count", text, (), "仓库面积要多少平米") or (0, 0)
    assert text[start:end].endswith("80㎡")
    start, end = fact_span("count", text, (), "离居民区的距离最多多远") or (0, 0)
    assert text[start:end].endswith("500米")


def test_the_unit_of_an_asked_measure_is_no_search_term() -> None:
    from rag.query.terms import content_terms

    terms = [t.term for t in content_terms("食堂后厨要多少平米")]
    assert terms and not any("平米" in t for t in terms)


def test_a_volume_or_a_sound_level_asked_is_a_measure_not_a_sum() -> None:
    # "奖励" would make it a money question; the unit asked decides
    assert fact_kind("累计捐献多少毫升可以获得奖励", (), None) == "count"
    assert asked_unit("每次最多采集多少毫升") == "容量"
    assert asked_unit("夜间噪声不能超过多少分贝") == "声级"


def test_a_measure_written_in_chinese_numerals_is_the_fact() -> None:
    text = "采集量一般为二百毫升，最多不得超过四百毫升；夜间不得超过四十五分贝。"
    start, end = fact_span("count", text, (), "最多采集多少毫升") or (0, 0)
    assert text[start:end].endswith("四百毫升")
    start, end = fact_span("count", text, (), "夜间最多多少分贝") or (0, 0)
    assert text[start:end].endswith("四十五分贝")


def test_a_decimal_in_chinese_numerals_is_read_whole() -> None:
    text = "三轮车在右侧边缘线向左二点二米的范围内行驶。"
    start, end = fact_span("count", text, (), "要靠右多宽", strict=True, near_chars=30) or (0, 0)
    assert "二点二米" in text[start:end]


def test_a_figure_in_the_unit_the_asker_stated_is_not_the_answer() -> None:
    text = "住房满100平方米的，补足3倍。"
    start, end = fact_span("count", text, (), "我家房子80平方米，能补多少") or (0, 0)
    assert text[start:end].endswith("3倍")


def test_what_is_taken_out_of_a_whole_is_a_share() -> None:
    assert fact_kind("每年能从利润里提多少做奖励", (), None) == "count"
    assert asked_unit("每年能从利润里提多少做奖励") == "%"


def test_a_fraction_is_a_share() -> None:
    from rag.lexicon.figures import SHARE_FIGURE, WORDED_SHARE

    assert WORDED_SHARE.search("须经专有部分面积三分之二以上的业主同意").group() == "三分之二以上"
    assert SHARE_FIGURE.search("补助标准为实际费用的四分之一").group() == "四分之一"
    assert not SHARE_FIGURE.search("分之")


def test_a_count_in_words_is_a_count_when_scaled_or_bounded() -> None:
    from rag.lexicon.figures import COUNT

    for text, count in (
        ("会员超过二百人的，应当设立理事会", "超过二百人"),
        ("推选代表三人以上", "三人以上"),
        ("由十五名委员组成", "十五名"),
    ):
        assert [m.group() for m in COUNT.finditer(text)] == [count], text
    for text in ("一个企业", "两家机构", "十分重要", "百分之三十", "扣十分"):
        assert not list(COUNT.finditer(text)), text


def test_a_share_per_thousand_or_per_ten_thousand_is_a_share() -> None:
    from rag.lexicon.figures import WORDED_SHARE

    text = "逾期的，按日加收千分之三的违约金，最高不超过万分之五十。"
    assert [m.group() for m in WORDED_SHARE.finditer(text)] == ["千分之三", "不超过万分之五十"]


def test_a_bounded_small_number_and_a_round_count_and_more_are_counts() -> None:
    # a small worded number alone is mostly no count ("一个", "两家"); under a bound, or a
    # round number followed by 余/多, it is the figure asked
    for text, question, figure in (
        ("同一单位每年抽查不得超过两次。", "每年最多抽查几次", "两次"),
        ("每个小组至少四名成员。", "每个小组至少几名成员", "四名"),
        ("全市已建成40余家服务站。", "建成了多少家服务站", "40余家"),
    ):
        start, end = fact_span("count", text, (), question) or (0, 0)
        assert figure in text[start:end], (text, text[start:end])
    assert fact_span("count", "两家单位联合申报。", (), "有多少家单位") is None
