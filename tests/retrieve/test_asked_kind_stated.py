"""An age asked: of clauses covering the question alike, the one stating an age ranks first,
even when its sentence does not name the asker's words right by the figure (so no sentence
provably states the asked age and the fused rank alone would decide)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

RULES = (
    "某省游泳场所管理条例\n"
    "第一条 为了保障游泳安全，制定本条例。\n"
    "第二条 游泳场所应当保障儿童安全，儿童进入深水区应当有人看护。\n"
    "第三条 深水区应当关心儿童安全，为儿童配备救生员。\n"
    "第四条 凡年满十周岁的儿童，经游泳技能测试合格的，可以单独游泳；"
    "未经测试的，由其父母或者其他监护人陪同。深水区入口应当设置醒目的水深标志和安全须知。\n"
    "第五条 游泳场所应当合理设置分区，保障儿童在浅水区和深水区之间安全通行。\n"
)


def test_the_clause_stating_an_age_answers_an_age_question(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"pools.txt": RULES})
    answer = service.ask("孩子几岁能去深水区？")
    assert not answer.refused, answer.answer
    assert "年满十周岁" in answer.citations[0].quote, answer.answer


def test_a_question_of_another_kind_keeps_the_fused_order(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"pools.txt": RULES})
    answer = service.ask("深水区要给孩子配什么人？")
    assert not answer.refused, answer.answer
    assert "配备救生员" in answer.citations[0].quote, answer.answer


SAFETY = (
    "某市燃气安全管理条例\n"
    "第一条 为了加强燃气安全管理，制定本条例。\n"
    "第二条 家庭用户发现燃气泄漏等安全隐患的，应当立即通知燃气经营者，不得在现场使用明火，"
    "并应当关闭燃气阀门、打开门窗通风。\n"
    "第三条 市民可以通过12319城建服务热线反映燃气问题。\n"
    "第四条 燃气经营者应当定期入户检查。\n"
)


def test_a_contact_question_is_answered_with_the_hotline_and_its_name(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"gas.txt": SAFETY})
    answer = service.ask("家里燃气泄漏了，可以打什么电话报告？")
    assert answer.answer.splitlines()[0].startswith("12319城建服务热线"), answer.answer


def test_a_contact_question_raises_the_clause_stating_a_phone(tmp_path: Path) -> None:
    from dataclasses import replace

    service = service_over(tmp_path, {"gas.txt": SAFETY})
    plan = service._plan("燃气泄漏的安全隐患打什么电话？", None)
    retriever = service.retriever

    def hotline_score() -> float:
        hits = retriever.search(plan, 5).hits
        return next(h.score for h in hits if "12319" in h.clause.text)

    with_bonus = hotline_score()
    retriever.scoring = replace(retriever.scoring, contact_stated_bonus=0.0)
    assert with_bonus > hotline_score()
