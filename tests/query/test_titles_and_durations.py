"""Documents named by a stretch of their title; durations and date ranges as facts."""

from __future__ import annotations

from rag.facts.spans import fact_span
from rag.query.analysis import documents_named, fact_kind
from rag.query.titles import documents_titled, short_name
from rag.records import Document


def doc(doc_id: str, title: str) -> Document:
    return Document(doc_id, title, title, f"{doc_id}.txt", content_hash=doc_id)


DOCUMENTS = [
    doc("a", "某市公共停车场管理办法"),
    doc("b", "某市生活垃圾分类管理办法"),
    doc("c", "某市物业服务管理办法"),
    doc("d", "某市农贸市场管理办法"),
]


def test_a_distinctive_stretch_of_a_title_names_that_document() -> None:
    assert documents_titled("停车场管理办法第五条原文", DOCUMENTS) == ("a",)
    assert documents_titled("垃圾分类办法的文号是多少", DOCUMENTS) == ("b",)


def test_a_stretch_many_titles_share_names_no_document() -> None:
    assert documents_titled("某市管理办法第三条", DOCUMENTS) == ()
    assert documents_titled("公积金能取多少", DOCUMENTS) == ()


def test_a_topic_that_stands_in_a_title_is_no_document_named() -> None:
    # the asker names a document by its kind, a law's 法, or a reference to the text;
    # "停车场…收费" asks about parking fees, wherever the corpus states them
    assert documents_named("公共停车场每小时收费多少", DOCUMENTS, ()) == ()
    assert documents_named("公共停车场管理办法第五条", DOCUMENTS, ()) == ("a",)
    assert documents_named("垃圾分类那份文件什么时候施行", DOCUMENTS, ()) == ("b",)
    laws = [doc("l", "某某保护法"), *DOCUMENTS]
    assert documents_named("某某保护法从哪天开始施行", laws, ()) == ("l",)


def test_a_short_name_is_the_shortest_run_of_title_words_no_other_title_holds() -> None:
    for document in DOCUMENTS:
        name = short_name(document, DOCUMENTS)
        assert name and name in document.title and len(name) < len(document.title)
        assert documents_titled(f"{name}第五条原文", DOCUMENTS) == (document.doc_id,)
    twins = [doc("x", "某市管理办法"), doc("y", "某市管理办法实施细则")]
    assert short_name(twins[0], twins) is None  # every stretch of it is in the other title


def test_how_long_asks_a_duration_and_which_years_a_date() -> None:
    assert fact_kind("审批要多久", (), None) == "duration"
    assert fact_kind("最少要交满多少年", (), None) == "duration"
    assert fact_kind("规划期是哪几年", (), None) == "date"
    # a time limit asked is a length of time ("办理时限", "有没有时间限制")
    assert fact_kind("车丢了要去报失吗？有没有时间限制", (), None) == "duration"
    assert fact_kind("换证的办理时限是多长", (), None) == "duration"


def span(kind: str, text: str) -> str | None:
    found = fact_span(kind, text, ())  # type: ignore[arg-type]
    return text[found[0] : found[1]] if found else None


def test_a_duration_is_a_number_with_a_unit_of_time_never_a_year() -> None:
    assert span("duration", "将在2个工作日内完成审批") == "将在2个工作日内完成审批"
    assert span("duration", "领取期限最长为二十四个月") == "领取期限最长为二十四个月"
    assert span("duration", "自2025年起实施") is None
    assert span("duration", "3月1日起受理") is None


def test_a_date_range_is_one_fact() -> None:
    assert span("date", "须于2030年3月1日至15日申报") == "须于2030年3月1日至15日申报"


def test_a_time_of_day_belongs_to_its_date() -> None:
    text = "3月9日9：30—3月12日17:00网上报名"
    assert span("date", text) == text
    assert span("date", "4月1日 10:00起受理") == "4月1日 10:00起受理"


def asked(kind: str, text: str, question: str) -> str | None:
    found = fact_span(kind, text, (), question)  # type: ignore[arg-type]
    return text[found[0] : found[1]] if found else None


def test_a_duration_question_naming_its_unit_wants_that_unit() -> None:
    text = "合同期限最长3年，试用期3个月"
    assert asked("duration", text, "合同最长能签几年") == "合同期限最长3年"
    assert asked("duration", text, "试用期几个月") == "试用期3个月"


def test_a_date_question_wants_a_day_a_range_or_the_asked_year() -> None:
    assert asked("date", "2026年全面实施", "什么时候开始") is None
    assert asked("date", "2026年全面实施", "哪一年开始") == "2026年全面实施"
    text = "6月30日公布结果，3月1日至15日网上申报"
    assert asked("date", text, "几号到几号申报") == "3月1日至15日网上申报"


def test_a_range_across_years_is_one_fact_and_between_asks_for_a_range() -> None:
    text = "2031年7月1日至2032年6月30日期间登记的申请人"
    assert asked("date", text, "要几月几号之间登记的") == text


def test_a_not_a_and_the_asked_time_unit_are_no_terms() -> None:
    from rag.query.terms import content_terms

    assert [t.term for t in content_terms("报名材料批不批准")] == ["报名", "材料", "批准"]
    terms = [t.term for t in content_terms("申请补贴多少天内办结")]
    assert not any("天" in t for t in terms)


def test_a_sum_asked_per_a_unit_is_an_amount() -> None:
    assert fact_kind("生活津贴每月多少？", (), None) == "amount"
    assert fact_kind("生活津贴一年能领多少", (), None) == "amount"
    assert fact_kind("补贴每月多少人", (), None) == "count"


def test_a_cap_on_a_number_of_people_or_points_is_a_count_not_money() -> None:
    assert fact_kind("招聘见习人员人数有上限吗", (), None) == "count"
    assert fact_kind("加分项的分值有上限吗", (), None) == "count"
    assert fact_kind("创业补贴有上限吗", (), None) == "amount"


def test_a_number_word_in_a_question_matches_its_digits() -> None:
    from rag.query.terms import content_terms

    groups = {t.term: t.variants for t in content_terms("年产值超过两千万的工厂有几家")}
    assert "2000万" in groups["两千万"]


def test_a_name_many_titles_cite_names_the_document_whose_title_ends_with_it() -> None:
    documents = [
        doc("law", "中华人民共和国某某法典"),
        doc("i1", "最高人民法院关于适用《中华人民共和国某某法典》婚姻编的解释"),
        doc("i2", "最高人民法院关于适用《中华人民共和国某某法典》继承编的解释"),
        doc("i3", "最高人民法院关于适用《中华人民共和国某某法典》总则编的解释"),
    ]
    assert documents_titled("某某法典第十条原文", documents) == ("law",)
    split = [*documents, doc("law2", "中华人民共和国某某法典")]  # a code in several files
    assert documents_titled("某某法典第一千零四十二条", split) == ("law", "law2")
    assert documents_titled("某某法典婚姻编的解释第五条", documents) == ("i1",)


def test_an_article_number_in_the_thousands_or_with_a_zero_is_a_clause_reference() -> None:
    from rag.query.analysis import clause_reference

    assert clause_reference("某某法典第一千零四十二条原文") == "第一千零四十二条"
    assert clause_reference("第一百零三条怎么规定") == "第一百零三条"


def test_some_days_pointed_at_are_no_length_asked() -> None:
    # "那几天", "这几年": a demonstrative points at days or years; no number of them is asked
    assert fact_kind("中秋那几天景区可以免费进吗", (), None) != "duration"
    assert fact_kind("这几年的补贴标准变了吗", (), None) != "duration"
    assert fact_kind("中秋放假放几天", (), None) == "duration"


def test_kuai_counts_pieces_before_a_noun_and_is_a_yuan_otherwise() -> None:
    assert fact_kind("一户能分几块自留地", (), None) != "amount"
    assert fact_kind("停车一小时几块钱", (), None) == "amount"
    assert fact_kind("每个月补贴多少块？", (), None) == "amount"
