"""Query understanding: pure functions on question text and document records."""

from __future__ import annotations

import pytest

from rag.lexicon.places import cities_named
from rag.lexicon.synonyms import expand_term
from rag.query.analysis import analyse, clause_reference
from rag.query.followups import Scope, with_context
from rag.records import Document


def doc(doc_id: str, title: str, city: str | None, kind: str = "policy") -> Document:
    return Document(
        doc_id=doc_id,
        title=title,
        text="",
        source=f"{doc_id}.txt",
        content_hash=doc_id,
        city=city,
        kind=kind,
    )


DOCS = [
    doc("rz", "关于加快构建一流科技创新生态 培育发展新质生产力的若干政策(征求意见稿)", "日照"),
    doc("rzjd", "《若干政策》草案解读", "日照", "interpretation"),
    doc("ta", "泰安市人民政府关于以科技创新引领现代化产业体系建设的实施意见", "泰安"),
    doc("nt", "市政府关于加快打造长三角特色产业科技创新基地的实施意见", "南通"),
    doc("sm", "三明市“十四五”科技创新发展专项规划", "三明", "plan"),
    doc("wk", "科技局工作要点", None, "workplan"),
]


@pytest.mark.parametrize(
    ("question", "cities", "foreign"),
    [
        ("日照市新设创投机构最高奖励多少", ("日照",), ()),
        ("日照的孵化器", ("日照",), ()),
        ("泰安市和南通对比", ("泰安", "南通"), ()),
        ("北京市有什么科技政策", (), ("北京",)),
        ("济南的孵化器补贴", (), ("济南",)),
        ("三明与中山大学合作", ("三明",), ()),  # 中山 needs 市; 大学 follows anyway
        ("寄到日照市济宁路369号", ("日照",), ()),  # a street, not the city 济宁
        ("泰安路边停车超时怎么罚", ("泰安",), ()),  # the roadside of the city, no street
        ("长治久安的科技政策", (), ()),
        ("北京给三明派了多少名专家", ("三明",), ()),  # a partner, not a second place
        ("济南市与日照市对比", ("日照",), ("济南",)),
        ("日照、济南的孵化器", ("日照",), ("济南",)),
        ("三明和北京比哪个多", ("三明",), ("北京",)),
    ],
)
def test_cities_split_into_covered_and_foreign(question, cities, foreign) -> None:
    plan = analyse(question, DOCS)
    assert plan.cities == cities
    assert plan.foreign_cities == foreign


def test_city_table_knows_prefecture_cities() -> None:
    assert cities_named("石嘴山和乌鲁木齐、济南、深圳") == ("石嘴山", "乌鲁木齐", "济南", "深圳")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("日照市新设创投机构最高奖励多少", "amount"),
        ("泰安重大科技攻关项目单个项目最多给多少钱", "amount"),
        ("泰安的高企数量目标是多少家", "count"),
        ("日照若干政策征求意见截止到什么时候", "date"),
        ("征求意见的联系电话是多少", "contact"),
        ("这项政策由哪些部门负责", "department"),
        ("科研项目失败会被追究责任吗", "yesno"),
        ("泰安和日照对孵化器的支持有什么不同", "comparison"),
        ("日照若干政策第8条原文", "clause_text"),
        ("日照怎么推进科技特派员队伍建设", "general"),
        ("日照的孵化器补贴", "amount"),
        ("泰安对重大科技攻关项目有什么支持?", "amount"),
        ("商户超过比例了，罚款是按次算吗，一次罚多少？", "amount"),
        ("违约了要赔多少", "amount"),
        ("单位缴费的比例最高是多少", "count"),  # a share with its bound: not a sum
        ("贷款利率最低为几", "count"),
        ("低保标准每个月是多少元", "amount"),  # the unit of money names the kind
        ("一个月能领几百块", "amount"),
    ],
)
def test_fact_kind(question, kind) -> None:
    assert analyse(question, DOCS).fact_kind == kind


def test_clause_references_in_digits_and_chinese_numerals() -> None:
    assert clause_reference("日照若干政策第8条原文") == "第8条"
    assert clause_reference("第十四条原文") == "第十四条"
    assert clause_reference("第 二十 条") == "第二十条"
    assert clause_reference("第一部分") is None


def test_document_named_by_hint_word_includes_its_interpretation() -> None:
    # the 解读 explains the policy ("提出了21项重点任务"): both stay searchable
    assert analyse("日照若干政策第8条原文", DOCS).doc_ids == ("rz", "rzjd")
    assert analyse("若干政策的草案解读说了什么", DOCS).doc_ids == ("rz", "rzjd")
    assert analyse("三明专项规划的目标", DOCS).doc_ids == ("sm",)
    assert analyse("泰安实施意见", DOCS).doc_ids == ("ta",)
    assert analyse("工作要点", DOCS).doc_ids == ("wk",)


def test_terms_drop_cities_and_question_words_and_carry_synonyms() -> None:
    plan = analyse("日照市新设创投机构最高奖励多少", DOCS)
    terms = {group.term: group.variants for group in plan.terms}
    assert "日照市" not in terms and "多少" not in terms
    assert "创业投资机构" in terms["创投机构"]
    assert "新设立" in terms["新设"]
    assert "创业投资机构" in plan.search_text


@pytest.mark.parametrize(
    ("question", "not_a_term"),
    [
        ("申请人几岁以上才可以报名", "几岁"),
        ("学徒多少周岁可以签合同", "周岁"),
        ("这种补贴去哪里申请", "这种"),
        ("那类企业能拿多少奖励", "那类"),
        ("兼职算不算灵活就业", "算"),
        ("我奶奶91岁了能领高龄津贴吗", "91"),
        ("如果算出来很少，能领多少", "很少"),
    ],
)
def test_asked_ages_demonstratives_and_counting_as_are_no_terms(question, not_a_term) -> None:
    terms = [group.term for group in analyse(question, DOCS).terms]
    assert not any(not_a_term in term for term in terms), terms


def test_a_character_before_a_form_the_lexicon_knows_starts_that_form() -> None:
    terms = [group.term for group in analyse("他交假材料领补贴会怎么罚", DOCS).terms]
    assert "假材料" in terms and not any(term.endswith("交假") for term in terms), terms


@pytest.mark.parametrize(
    ("term", "written"),
    [
        ("审完", "审核"),
        ("交上去", "提交"),
        ("批下来", "批准"),
        ("领到", "领取"),
        ("办好", "办结"),
        ("交满", "缴费"),
        ("住满", "居住"),
    ],
)
def test_a_verb_with_its_complement_matches_the_verb_written_in_full(term, written) -> None:
    assert written in expand_term(term)


def test_a_word_that_only_ends_like_a_complement_is_no_resultative() -> None:
    assert expand_term("完好") == ("完好",)
    assert "办理" not in expand_term("承办到")


def test_a_negated_wearing_matches_the_written_form() -> None:
    assert "未佩戴" in expand_term("不戴")


@pytest.mark.parametrize(
    ("term", "variant"),
    [
        ("高企", "高新技术企业"),
        ("科小", "科技型中小企业"),
        ("首台套", "首台(套)"),
        ("风投", "风险投资"),
        ("孵化器", "孵化载体"),
        ("吃饭", "就餐"),
        ("停业", "终止服务"),
        ("东西", "商品"),
        ("去世", "死亡"),
        ("年纪", "周岁"),
        ("年龄", "周岁"),
        ("押金", "保证金"),
        ("注册", "设立登记"),
    ],
)
def test_domain_abbreviations_expand(term, variant) -> None:
    assert variant in expand_term(term)


def test_expansion_never_doubles_a_word() -> None:
    assert not any("器器" in v for v in expand_term("孵化器"))
    assert not any("企业企业" in v for v in expand_term("科技型中小企业"))


def test_follow_up_inherits_scope_only_when_it_names_none() -> None:
    first = analyse("日照孵化器最高补助多少", DOCS)
    follow = with_context(
        analyse("那新设立的创投机构呢?", DOCS), Scope(first.cities, first.doc_ids, first.fact_kind)
    )
    assert follow.cities == ("日照",)
    assert follow.fact_kind == "amount"
    own = with_context(analyse("泰安的呢?", DOCS), Scope(("日照",)))
    assert own.cities == ("泰安",)


def test_a_follow_up_pointing_back_keeps_the_previous_subject_as_a_term() -> None:
    previous = Scope(topic=("孵化器",))
    pointing = with_context(analyse("那这类机构的负责人要多大年纪?", DOCS), previous)
    assert "孵化器" in {t.term for t in pointing.terms}
    assert not pointing.context
    # a follow-up with its own subject and no pointing word only ranks the old one first
    own = with_context(analyse("负责人要多大年纪?", DOCS), previous)
    assert "孵化器" not in {t.term for t in own.terms}
    assert "孵化器" in {t.term for t in own.context}


def test_a_follow_up_asking_only_a_bound_keeps_the_previous_subject() -> None:
    follow = with_context(analyse("最低给多少？", DOCS), Scope(topic=("孵化器",)))
    assert "孵化器" in {t.term for t in follow.terms}


def test_a_follow_up_whose_words_the_corpus_never_writes_keeps_the_previous_subject() -> None:
    from rag.query.abbreviations import CorpusTerms

    corpus = CorpusTerms.build(["孵化器", "负责人"], ["孵化器负责人应当具备相应条件。"])
    previous = Scope(topic=("孵化器",))
    unknown = with_context(analyse("那搞直播的呢?", DOCS), previous, corpus)
    assert "孵化器" in {t.term for t in unknown.terms}
    written = with_context(analyse("负责人要多大年纪?", DOCS), previous, corpus)
    assert "孵化器" not in {t.term for t in written.terms}
    assert "孵化器" in {t.term for t in written.context}


def test_a_follow_up_stating_only_the_askers_tier_keeps_the_previous_subject() -> None:
    from rag.query.abbreviations import CorpusTerms

    # "只租" stands once in the corpus, inside "只租赁": a piece of another word, not a subject;
    # "两年" is the asker's tier, not a subject either
    corpus = CorpusTerms.build(
        ["孵化器"], ["孵化器只租赁场地的，满两年后减免租金。满三年的，免收。"]
    )
    follow = with_context(analyse("那只租了两年的呢?", DOCS), Scope(topic=("孵化器",)), corpus)
    assert "孵化器" in {t.term for t in follow.terms}


def test_clause_follow_up_stays_in_the_same_document() -> None:
    first = analyse("日照若干政策第14条原文", DOCS)
    follow = with_context(
        analyse("第8条呢?", DOCS), Scope(first.cities, first.doc_ids, first.fact_kind)
    )
    assert follow.clause_number == "第8条" and follow.doc_ids == first.doc_ids


def test_greeting_and_whitespace_normalisation() -> None:
    assert analyse("你好!", DOCS).greeting
    assert not analyse("你好,日照的孵化器政策", DOCS).greeting
    assert analyse("  日照\u3000孵化器  ", DOCS).question == "日照 孵化器"


def test_a_follow_up_naming_only_a_year_keeps_the_previous_subject(tmp_path) -> None:
    from rag.query.followups import scope_of
    from rag.sessions import SessionStore

    first = analyse("三明2020年研发投入强度是多少", DOCS)
    scope = scope_of(first)
    assert scope.topic == ("研发投入", "强度")
    store = SessionStore(tmp_path / "s.db")
    store.append("chat", first.question, "…", scope)
    stored = store.history("chat")[-1].scope
    assert stored == scope
    follow = with_context(analyse("那2016年呢?", DOCS), stored)
    assert [g.term for g in follow.terms] == ["2016", "研发投入", "强度"]
    own = with_context(analyse("那高企数量呢?", DOCS), stored)
    assert "强度" not in [g.term for g in own.terms]  # a new subject replaces the old one
    assert [g.term for g in own.context] == ["研发投入", "强度"]  # and ranks ties


def test_an_asked_age_searches_for_the_way_statutes_state_one() -> None:
    assert "周岁" in analyse("孩子几岁可以学游泳", DOCS).search_text
    assert "周岁" not in analyse("游泳馆几点开门", DOCS).search_text


def test_an_age_the_asker_has_reached_is_no_age_asked() -> None:
    assert analyse("我到了退休年龄还差三年社保，怎么办？", DOCS).fact_kind != "age"
    assert analyse("已满法定年龄能不能自己去办？", DOCS).fact_kind != "age"
    assert analyse("退休年龄是多少岁？", DOCS).fact_kind == "age"
