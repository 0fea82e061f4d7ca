"""Residents' words for public services expand to the forms regulations and notices write."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.lexicon.synonyms import expand_term


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("失业金", "失业保险金"),
        ("医保报销", "医疗保险报销"),
        ("社保卡", "社会保障卡"),
        ("公积金", "住房公积金"),
        ("低保标准", "最低生活保障标准"),
        ("电瓶车", "电动自行车"),
        ("放炮", "燃放烟花爆竹"),
        ("小便", "便溺"),
        ("吃东西", "进食"),
        ("包裹", "快件"),
        ("测温", "温度检测"),
        ("炮仗", "烟花爆竹"),
        ("公车", "公共汽车"),
        ("牵引绳", "束犬链"),
        ("年假", "带薪年休假"),
        ("房东", "出租人"),
        ("租客", "承租人"),
        ("商家", "经营者"),
        ("辞职", "解除劳动合同"),
        ("养老院", "养老机构"),
        ("业委会", "业主委员会"),
        ("家政公司", "家政服务机构"),
        ("年纪", "年龄"),
        ("阿姨", "家政服务人员"),
        ("体检", "健康证明"),
        ("退钱", "退款"),
        ("上户口", "户籍登记"),
        ("抽烟", "吸烟"),
        ("开车", "驾驶"),
        ("入职", "录用"),
        ("续签", "续订"),
        ("车祸", "交通事故"),
        ("欠薪", "拖欠工资"),
        ("电话", "热线"),
        ("烧纸", "焚烧祭奠物品"),
        ("租出去", "出租"),
        ("噪音", "噪声"),
        ("狗证", "养犬登记证"),
        ("市监局", "市场监督管理部门"),
        ("不发工资", "拖欠工资"),
        ("半夜", "夜间"),
        ("狗叫", "犬吠"),
        ("先涨后降", "虚构原价"),
    ],
)
def test_a_colloquial_word_finds_the_written_form(said: str, written: str) -> None:
    assert written in expand_term(said)


def test_the_users_own_word_comes_first() -> None:
    assert expand_term("社保")[0] == "社保"


def test_asking_whether_something_is_lawful_is_no_topic() -> None:
    from rag.query.terms import content_terms

    terms = [group.term for group in content_terms("在学校里抽烟合法吗？")]
    assert "合法" not in terms and "抽烟" in terms


def test_being_caught_is_how_a_penalty_is_asked_not_a_topic() -> None:
    from rag.query.terms import content_terms

    terms = [group.term for group in content_terms("不戴头盔被交警抓到会怎么罚？")]
    assert "抓到" not in terms and "头盔" in terms


def test_adverbs_pronouns_and_counted_phrases_are_no_topic() -> None:
    from rag.query.terms import content_terms

    terms = [group.term for group in content_terms("我家里已经养了一条狗，看到别人也养")]
    assert not {"已经", "一条", "看到", "别人", "家里"} & set(terms), terms


def test_one_character_adverbs_negation_and_conditionals_glue_to_no_word() -> None:
    """A one-character adverb (刚, 仍), the negation 没 and the aspect particle 着, split off by
    the segmenter, would be joined to their neighbours into words no document writes."""
    from rag.query.terms import content_terms

    terms = {group.term for group in content_terms("要是刚开业的商铺没营业执照，仍扣着证件")}
    assert not {t for t in terms if t[0] in "刚没仍" or t.endswith("着")}, terms
    assert "要是" not in terms and {"营业执照", "证件"} <= terms, terms
    # a character the segmenter keeps inside a word it knows is not touched
    assert "没收" in {group.term for group in content_terms("会被没收违法所得吗")}


def test_a_lone_character_the_lexicon_knows_is_a_term() -> None:
    from rag.query.terms import content_terms

    groups = {group.term: group.variants for group in content_terms("一户能养几条狗？")}
    assert "犬" in groups.get("狗", ()), groups


def test_how_often_keeps_its_count_of_times() -> None:
    from rag.lexicon.cues import COUNTED_PHRASE

    assert COUNTED_PHRASE.fullmatch("一条") and COUNTED_PHRASE.fullmatch("两个")
    assert not COUNTED_PHRASE.fullmatch("一次")  # "多久一次": a frequency is asked


def test_a_doubled_character_is_that_character() -> None:
    from rag.lexicon.synonyms import expand_term

    assert "犬" in expand_term("狗狗") and "狗" in expand_term("狗狗")
    assert expand_term("星星") == ("星星",)  # a doubled character the lexicon does not know


def test_clock_times_and_the_earliest_or_latest_asked_are_no_topic() -> None:
    from rag.query.terms import content_terms

    terms = {group.term for group in content_terms("驾照快到期了，最早几点可以去办？")}
    assert not {t for t in terms if "几点" in t or "最早" in t or t.endswith("快")}, terms
    assert "驾照" in terms, terms


def test_when_something_happened_names_no_topic() -> None:
    from rag.query.terms import content_terms

    terms = {group.term for group in content_terms("我最近换了工作，前几天刚入职，公积金怎么转？")}
    assert not {t for t in terms if "最近" in t or "前几天" in t}, terms
    assert "公积金" in terms, terms


def test_moving_house_is_a_change_of_residence() -> None:
    assert "住所地变更" in expand_term("搬家")


def test_a_city_followed_by_its_urban_districts_keeps_them_as_words() -> None:
    from rag.lexicon.places import cities_named, city_spans
    from rag.query.terms import content_terms

    assert cities_named("洛阳市区养犬") == ("洛阳",) and city_spans("洛阳市区养犬") == [(0, 2)]
    assert "市区" in {group.term for group in content_terms("洛阳市区养犬")}
    assert city_spans("广州市天河区") == [(0, 3)]
    # its residents and a market likewise: 市民, 市场 are words of their own
    assert cities_named("洛阳市民来电反映") == ("洛阳",) and city_spans("洛阳市民来电") == [(0, 2)]
    # (a hotline frame, "市民来电反映", is no topic at all: see tests/query/test_asked_words.py)
    assert "市民" in {group.term for group in content_terms("洛阳市民养犬要登记吗")}
    assert city_spans("洛阳市场监管局") == [(0, 2)]


def test_an_everyday_word_finds_the_clause_that_writes_the_legal_one(tmp_path: Path) -> None:
    from tests.conftest import service_over

    rules = (
        "某市文明祭扫规定\n"
        "第一条 为了倡导文明祭扫，制定本规定。\n"
        "第二条 禁止在城市道路、广场、居民区焚烧祭奠物品。\n"
        "第三条 违反本规定第二条的，由城市管理部门责令改正，可以处二百元以下罚款。\n"
    )
    service = service_over(tmp_path, {"rules.txt": rules})
    answer = service.ask("能在路边烧纸吗？")
    assert not answer.refused, answer.answer
    assert "焚烧祭奠物品" in answer.citations[0].quote, answer.answer


def test_every_entry_maps_a_word_to_written_forms() -> None:
    from rag.lexicon.synonyms import SYNONYMS

    malformed = {
        said: forms
        for said, forms in SYNONYMS.items()
        if not isinstance(forms, tuple)
        or not forms
        or not all(isinstance(f, str) and f for f in forms)
    }
    assert not malformed


def test_conjunctions_and_modal_words_of_speech_name_no_topic() -> None:
    from rag.query.terms import content_terms

    terms = {group.term for group in content_terms("下次最快多久才能再去办，还是一定要等满一年？")}
    assert not terms & {"还是", "才能", "最快", "下次", "一定"}, terms


def test_the_blind_lists_of_the_tenth_round_are_in_the_lexicon() -> None:
    assert "多胞胎" in expand_term("双胞胎")
    assert "停工留薪期" in expand_term("工伤假")
    for dropped in ("户口", "生孩子", "公租房", "小区", "老板", "合同到期"):
        assert expand_term(dropped)[0] == dropped


def test_words_telling_when_or_why_name_no_topic() -> None:
    from rag.query.terms import content_terms

    question = "因为当时不在家，事后多久内补办？不用再交材料吗，会受到处罚吗，所以怎么办"
    terms = {group.term for group in content_terms(question)}
    assert not terms & {"当时", "事后", "因为", "所以", "不用", "受到"}, terms


def test_a_driver_is_written_both_ways_statutes_write_it() -> None:
    assert {"驾驶人", "驾驶员"} <= set(expand_term("司机"))


def test_how_long_within_is_the_ask_not_a_topic() -> None:
    from rag.query.terms import content_terms

    for question in ("样书多久内送？", "样书多长时间以内送到？", "样书几个工作日内送？"):
        terms = {group.term for group in content_terms(question)}
        assert not any(t.startswith(("内", "以内")) for t in terms), terms
        assert "样书" in terms


def test_the_public_life_list_of_the_eleventh_round_is_in_the_lexicon() -> None:
    from rag.lexicon.synonyms import EVERYDAY_PUBLIC_LIFE

    assert len(EVERYDAY_PUBLIC_LIFE) >= 150
    assert "医疗纠纷人民调解委员会" in expand_term("医调委")


def test_a_spoken_verb_character_has_its_written_form() -> None:
    assert "售票" in expand_term("卖票") and "购车" in expand_term("买车")
    assert "乘船" in expand_term("坐船")
    assert not any(
        v.startswith("缴上") for v in expand_term("交上去")
    )  # a verb done, not an object
