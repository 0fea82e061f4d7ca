"""An asker's everyday word the documents never write (坐牢) is tried, before a refusal, as
the thesaurus' words of the same meaning that they do write (服刑)."""

from __future__ import annotations

from pathlib import Path

from rag.query.abbreviations import CorpusTerms
from rag.query.terms import TermGroup, with_thesaurus_forms
from tests.conftest import service_over

PENSIONS = (
    "某市基本养老保险待遇发放办法\n"
    "第一条 为了规范基本养老保险待遇的发放，制定本办法。\n"
    "第二条 参保人员达到法定退休年龄且累计缴费满十五年的，按月领取基本养老金。\n"
    "第三条 参保人员服刑期间停止发放基本养老金，刑满释放后次月起恢复发放。\n"
    "第四条 参保人员出国定居的，可以申请一次性领取个人账户储存额。\n"
)


def test_the_everyday_word_finds_the_clause_writing_the_formal_one(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"pensions.txt": PENSIONS})
    answer = service.ask("坐牢的时候还能领养老金吗？")
    assert not answer.refused, answer.answer
    assert answer.citations[0].quote.startswith("第三条"), answer.answer


def test_a_question_nothing_answers_is_still_refused(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"pensions.txt": PENSIONS})
    assert service.ask("被辞退了失业金怎么领？").refused


def test_only_words_the_corpus_never_writes_are_widened() -> None:
    known = CorpusTerms.build(["服刑", "解雇", "辞退"], [])
    terms = (TermGroup("坐牢", ("坐牢",)), TermGroup("辞退", ("辞退",)))
    widened = with_thesaurus_forms(terms, known)
    assert widened is not None
    assert widened[0].variants == ("坐牢", "服刑")
    assert widened[1] == terms[1]  # written as asked: its own word answers


def test_nothing_is_widened_without_a_written_synonym() -> None:
    known = CorpusTerms.build(["养老金"], [])
    assert with_thesaurus_forms((TermGroup("坐牢", ("坐牢",)),), known) is None


def test_the_answer_says_which_word_the_clause_writes(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"pensions.txt": PENSIONS})
    lines = service.ask("坐牢的时候还能领养老金吗？").answer.splitlines()
    assert "“坐牢”" in lines[1] and "“服刑”" in lines[1], lines


POWER = (
    "某市供用电管理办法\n"
    "第一条 为了规范供用电秩序，制定本办法。\n"
    "第二条 供电企业应当按照国家规定的电能质量标准向用户供电。\n"
    "第三条 因供电设施计划检修需要停止供电的，供电企业应当提前七日公告停电区域和时间。\n"
    "第四条 用户应当按照国家规定缴纳电费。\n"
)


def test_a_typo_of_an_everyday_word_is_read_through_the_word_meant(tmp_path: Path) -> None:
    # 短电 is a pinyin typo of 断电, which the lexicon knows the documents write as 停止供电
    service = service_over(tmp_path, {"power.txt": POWER})
    answer = service.ask("半夜会短电吗？")
    assert not answer.refused, answer.answer
    assert answer.citations[0].quote.startswith("第三条"), answer.answer


def test_a_typo_is_read_as_a_dictionary_word_only() -> None:
    from rag.text.homophones import Homophones

    known = CorpusTerms.build(["停止供电", "供电"], ["停止供电"], Homophones.load)
    widened = with_thesaurus_forms((TermGroup("短电", ("短电",)),), known)
    assert widened is not None and "停止供电" in widened[0].variants
    # a dictionary word means itself: 短期 is not read as a typo of anything
    assert with_thesaurus_forms((TermGroup("短期", ("短期",)),), known) is None
