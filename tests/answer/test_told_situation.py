"""The asker's told situation ("我在外地上班两年了，…") does not drown the ask."""

from __future__ import annotations

from pathlib import Path

from rag.query.analysis import analyse, split_scene, split_situation
from tests.conftest import service_over


def test_first_person_clauses_that_ask_nothing_are_the_situation() -> None:
    asked, told = split_situation("我在外地上班两年了，申请居住证要审核几天？")
    assert told == "我在外地上班两年了"
    assert asked.startswith("申请居住证")
    assert split_situation("我能申请居住证吗？")[1] == ""


def test_terms_only_of_the_situation_are_told() -> None:
    plan = analyse("我在外地上班两年了，申请居住证要审核几天？", [])
    told = {t.term for t in plan.told}
    assert "上班" in told and "居住证" not in told


def test_a_long_situation_does_not_turn_an_answerable_question_into_a_refusal(
    tmp_path: Path,
) -> None:
    text = (
        "某市居住证办理指南\n"
        "一、办理渠道\n"
        "来本市人员可以在线上申领居住证，也可以到派出所窗口申领居住证。\n"
        "二、审核时限\n"
        "申领居住证的审核期限为5个工作日，审核通过后发放居住证。\n"
    )
    service = service_over(tmp_path, {"guide.txt": text})
    question = "我老家在外地，我在这边工地打零工快一年了，申领居住证审核要多久？"
    answer = service.ask(question)
    assert not answer.refused, answer.answer
    assert "5个工作日" in answer.answer


def test_a_refusal_over_a_corpus_naming_no_city_names_none(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"guide.txt": "某项指南\n一、总则\n办理事项按规定执行。\n"})
    answer = service.ask("养老金每月发多少")
    assert answer.refused
    assert "收录的是的" not in answer.answer and "目前收录的是" not in answer.answer


def test_a_refusal_names_the_provinces_and_the_country_the_corpus_is_of(
    tmp_path: Path,
) -> None:
    provincial = (
        "浙江省河道保洁条例\n"
        "（浙江省人民代表大会常务委员会公告第1号）\n"
        "第一条 为了保持河道整洁，制定本条例。\n"
        "第二条 河道保洁实行属地管理。\n"
    )
    city = "杭州市公园管理办法\n杭州市人民政府\n第一条 为了加强公园管理，制定本办法。\n"
    service = service_over(tmp_path, {"river.txt": provincial, "park.txt": city})
    answer = service.ask("养老金每月发多少")
    assert answer.refused
    assert "浙江省" in answer.answer and "杭州" in answer.answer, answer.answer


NOISE_RULES = (
    "某市住宅区噪声管理办法\n"
    "第一条 为了防治住宅区噪声污染，保障居民休息，制定本办法。\n"
    "第二条 在已竣工交付使用的住宅楼内进行室内装修作业的，应当遵守下列作业时间：休息日全天及"
    "工作日十二时至十四时、十八时至次日八时，不得进行产生噪声的装修作业。\n"
    "第三条 违反本办法第二条规定的，由公安部门给予警告，可以并处二百元以上五百元以下罚款。\n"
    "第四条 本办法自发布之日起施行。\n"
)


def test_clauses_telling_what_happened_to_anyone_are_the_scene_not_the_ask() -> None:
    asked, scene = split_scene("快递放在楼下被人拿走了，快递员说不归他管，这种情况找谁赔？")
    assert scene == "快递放在楼下被人拿走了，快递员说不归他管"
    assert asked == "这种情况找谁赔？"
    assert split_scene("装修有时间规定吗？")[1] == ""


def test_a_scene_of_words_no_clause_writes_does_not_refuse_the_ask(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"noise.txt": NOISE_RULES})
    answer = service.ask("楼下住户周末清早就在屋里敲墙钻孔，装修有时间规定吗？")
    assert not answer.refused, answer.answer
    assert "第二条" in answer.citations[0].clause, answer.answer


def test_a_scene_does_not_let_a_generic_ask_pick_any_clause(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"noise.txt": NOISE_RULES})
    answer = service.ask("小区门口早餐摊天天占道经营油烟很大，由哪个部门处罚？")
    assert answer.refused, answer.answer


def test_the_place_a_told_event_happened_is_context_not_the_ask() -> None:
    plan = analyse("在菜场门口路边烧落叶，要罚多少？", [])
    located = {t.term for t in plan.told}
    assert {"菜场", "门口", "路边"} <= located and "落叶" not in located
    assert not analyse("在门口要罚多少？", []).told  # nothing would be left to ask


BURNING_RULES = (
    "某市市容管理办法\n"
    "第一条 为了加强市容管理，制定本办法。\n"
    "第二条 禁止在道路、广场等公共场所焚烧落叶、垃圾。违反规定的，由城市管理部门处"
    "五十元以上二百元以下罚款。\n"
    "第三条 本办法自发布之日起施行。\n"
)


def test_a_place_the_rule_names_only_by_its_class_does_not_refuse(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"rules.txt": BURNING_RULES})
    answer = service.ask("周末在小区菜场门口路边的绿化带旁烧落叶，被抓到要罚多少？")
    assert not answer.refused, answer.answer
    assert "五十元以上二百元以下" in answer.answer


PIGEON_RULES = (
    "柳州市信鸽饲养管理规定\n"
    "第一条 为了规范信鸽饲养，制定本规定。\n"
    "第二条 本规定适用于本市行政区域内的信鸽饲养活动。\n"
    "第三条 饲养信鸽实行登记制度。饲养人应当向所在地街道办事处申请登记，领取饲养登记证。\n"
    "第四条 本规定自发布之日起施行。\n"
)


def test_the_part_of_a_city_the_asker_is_in_is_context_not_the_ask(tmp_path: Path) -> None:
    assert {t.term for t in analyse("柳州市区养信鸽要登记吗？", []).told} == {"市区"}
    assert not analyse("那市区呢？", []).told  # nothing would be left to ask
    service = service_over(tmp_path, {"pigeons.txt": PIGEON_RULES})
    answer = service.ask("柳州市区养信鸽要登记吗？")
    assert not answer.refused, answer.answer
    assert "第三条" in answer.citations[0].clause, answer.answer


def test_a_modal_verb_is_context_not_the_ask() -> None:
    plan = analyse("柳州养信鸽必须登记吗？", [])
    assert {t.term for t in plan.told} == {"必须"}
    assert "登记" in {t.term for t in plan.terms}
