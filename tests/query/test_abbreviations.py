"""Abbreviations learned from the corpus text, and traditional characters in questions."""

from __future__ import annotations

from rag.query.abbreviations import CorpusTerms
from rag.query.analysis import normalise_question
from rag.query.terms import content_terms

TEXT = (
    "申请创业担保贷款的个人应当符合条件。创业担保贷款最高额度为30万元。"
    "参加城乡居民基本医疗保险的人员按年缴费。城乡居民基本医疗保险个人缴费标准为每人549元。"
    "公共租赁住房实行轮候制度。公共租赁住房租金按市场租金的一定比例确定。"
)
VOCABULARY = {
    "申请",
    "创业",
    "担保",
    "贷款",
    "个人",
    "城乡",
    "居民",
    "基本",
    "医疗保险",
    "公共",
    "租赁",
    "住房",
}


def terms() -> CorpusTerms:
    return CorpusTerms.build(VOCABULARY, [TEXT])


def test_an_abbreviation_finds_the_full_form_the_corpus_writes() -> None:
    assert terms().full_forms("创业贷") == ("创业担保贷款",)  # the final word is finished
    assert terms().full_forms("公租房") == ("公共租赁住房",)


def test_words_the_corpus_writes_and_non_abbreviations_get_no_full_form() -> None:
    assert terms().full_forms("贷款") == ()  # a corpus word
    assert terms().full_forms("城乡居民医保") == ()  # longer than an abbreviation
    assert terms().full_forms("医租") == ()  # characters in order, but never within 3 chars
    assert terms().full_forms("hello") == ()


def test_a_full_form_seen_once_is_not_trusted() -> None:
    once = CorpusTerms.build(VOCABULARY, ["申请创业担保贷款。"])
    assert once.full_forms("创业贷") == ()


def test_question_terms_carry_the_corpus_full_forms_as_variants() -> None:
    groups = {g.term: g.variants for g in content_terms("申请公租房要什么条件", terms())}
    assert "公共租赁住房" in groups["公租房"]


def test_traditional_characters_are_matched_as_simplified() -> None:
    assert normalise_question("廣州老年人優待辦法第五條原文") == "广州老年人优待办法第五条原文"
    assert normalise_question("广州　失业金") == "广州 失业金"


def _gate(question: str, clause_text: str) -> str | None:
    from rag.answer.gates import missing_key_term
    from rag.query.analysis import analyse
    from rag.records import Clause, Hit
    from rag.retrieve.evidence import EvidenceModel
    from rag.retrieve.scoring import ScoringModel

    clauses = [
        Clause(f"c{i}", "d", (), None, None, line, 0, len(line), i)
        for i, line in enumerate((TEXT + "公租房申请。公租房轮候").split("。"))
        if line
    ]
    model = EvidenceModel.build(clauses, {})
    vocabulary = VOCABULARY | {"公租房", "轮候"}
    corpus_terms = CorpusTerms.build(vocabulary, [TEXT, "公租房申请", "公租房轮候"])
    clause = Clause("x", "d", (), None, None, clause_text, 0, len(clause_text), 0)
    plan = analyse(question, [])
    return missing_key_term(plan, Hit(clause, 1.0), model, ScoringModel(), corpus_terms)


def test_a_passage_naming_the_full_form_names_the_abbreviation() -> None:
    # the corpus writes both 公租房 and 公共租赁住房: a clause using the full form answers
    assert _gate("公租房怎么轮候", "公共租赁住房实行轮候制度") is None
    assert _gate("公租房怎么轮候", "创业担保贷款最高额度为30万元") == "公租房"


def test_a_run_of_glued_characters_is_no_key_term() -> None:
    # "金最长" is no word at all: it cannot be what the clause must name; 失业金 is a word
    # no text here writes in any form, a thing these documents do not speak of
    assert _gate("失业金最长能领多久", "创业担保贷款最高额度为30万元") == "失业金"
    assert _gate("金最长能领多久", "创业担保贷款最高额度为30万元") is None


def test_a_motion_verb_glued_to_a_corpus_word_is_the_word() -> None:
    corpus = CorpusTerms.build({"长者", "食堂", "老年人"}, ["长者食堂提供助餐服务。老年人优待。"])
    assert [t.term for t in content_terms("老人去长者食堂吃饭", corpus)][:2] == ["老人", "长者"]
    # a word the corpus never writes keeps the verb: nothing says what the asker meant
    assert "去火星" in [t.term for t in content_terms("去火星要多久", corpus)]


def test_a_preposition_glued_to_a_corpus_word_is_the_word() -> None:
    # "凭", "靠" say by what means: the clause names the 身份证, never "凭身份证"
    corpus = CorpusTerms.build({"身份证", "营业执照"}, ["凭身份证或者营业执照办理。"])
    assert "身份证" in [t.term for t in content_terms("能不能凭身份证直接办", corpus)]
    assert "营业执照" in [t.term for t in content_terms("可以靠营业执照贷款吗", corpus)]
    # a word the corpus never writes keeps it: nothing says what the asker meant
    assert "凭票据" in [t.term for t in content_terms("凭票据可以吗", corpus)]


def test_an_everyday_word_is_no_abbreviation_of_what_the_corpus_writes() -> None:
    text = (
        "司法机关应当依法处理投诉。司法机关应当书面答复投诉人。"
        "监察机关应当及时处理。监察机关应当公开。"
    )
    corpus = CorpusTerms.build({"司法", "机关", "监察", "应当", "处理", "投诉"}, [text])
    assert corpus.full_forms("司机") == ("司法机关",)  # its characters in order, within reach
    groups = {g.term: g.variants for g in content_terms("司机和监机在哪投诉", corpus)}
    assert "司法机关" not in groups["司机"]  # a driver is a driver: a word of its own
    assert "监察机关" in groups["监机"]  # no word of its own: an abbreviation


def test_a_stretch_across_a_function_word_abbreviates_nothing() -> None:
    sample = "养殖户按照规定申报。养殖户按照要求登记。养殖合作社应当备案。养殖合作社依法经营。"
    corpus = CorpusTerms.build({"养殖户", "按照", "养殖", "合作社"}, [sample])
    assert corpus.full_forms("养照") == ()
    assert corpus.full_forms("养社") == ("养殖合作社",)


def test_a_spoken_one_character_noun_is_a_term_under_its_written_word() -> None:
    # speech says "药", "车"; documents write "药品", "车辆": a lone character is otherwise
    # dropped as too short to tell anything
    groups = {g.term: g.variants for g in content_terms("剩下的药可以退吗")}
    assert "药品" in groups["药"]
    assert "车辆" in {v for g in content_terms("我的车被拖走了") for v in g.variants}


def test_a_spoken_noun_before_a_word_stays_a_noun_of_its_own() -> None:
    # "娃" + "发烧": the noun and what is said of it, not one glued term no clause writes
    terms = [g.term for g in content_terms("娃发烧了能请假吗")]
    assert "娃" in terms and "娃发烧" not in terms
    assert "我家" not in [g.term for g in content_terms("我家房子漏水找谁修")]


def test_a_spoken_noun_before_a_lone_verb_stays_a_noun_of_its_own() -> None:
    # "鸟" + "关": a one-character verb after it is no part of the noun either
    terms = [g.term for g in content_terms("能把家里的鸟关在笼子里带进公园吗")]
    assert "鸟" in terms and not any(t.startswith("鸟") and len(t) > 1 for t in terms), terms


def test_a_full_form_begins_a_word_not_inside_one() -> None:
    # 协调会 keeps 协, 调 and 会 in order inside 协调委员会 and inside 政协调研委员会
    # (政协 + 调研): the second begins inside the word 政协 and abbreviates nothing
    sample = (
        "政协调研委员会召开会议。政协调研委员会提出建议。协调委员会负责协调。协调委员会由五人组成。"
    )
    corpus = CorpusTerms.build({"政协", "调研", "委员会", "协调", "召开", "会议"}, [sample])
    assert corpus.full_forms("协调会") == ("协调委员会",)


def test_a_full_form_ending_a_word_is_not_extended_into_the_next() -> None:
    # the form's last character and the next make a word too (会 + 主), but 委员会 ends a
    # word where the form ends: the form is whole, 主任 is the next word
    sample = "协调委员会主任负责召集。协调委员会主任签署文件。"
    corpus = CorpusTerms.build({"协调", "委员会", "主任", "会主", "负责", "召集"}, [sample])
    assert corpus.full_forms("协调会") == ("协调委员会",)
