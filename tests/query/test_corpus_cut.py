"""A question is cut where the corpus writes its terms whole: the dictionary cuts
"学生家长委员会" as 学生家长 + 委员会, which breaks the term a school rule writes,
家长委员会, so that neither half finds it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

RULES = (
    "某市中小学家校合作办法\n"
    "第一条 为了促进家校合作，制定本办法。\n"
    "第二条 学校应当组建家长委员会。家长委员会成员由家长大会推选产生，每届任期三年。\n"
    "第三条 学生家长可以通过家长学校学习家庭教育知识。\n"
    "第四条 学生家长委托他人接送学生的，应当事先告知学校。\n"
    "第五条 家长委员会应当听取家长对学校工作的意见。\n"
)


def test_a_term_the_dictionary_breaks_is_cut_whole_as_the_corpus_writes_it(
    tmp_path: Path,
) -> None:
    service = service_over(tmp_path, {"school.txt": RULES})
    answer = service.ask("学生家长委员会的成员是怎么产生的？")
    assert not answer.refused, answer.answer
    assert "家长委员会成员由家长大会推选产生" in answer.citations[0].quote, answer.answer


def test_a_dictionary_word_the_corpus_writes_as_often_stays_whole(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"school.txt": RULES})
    answer = service.ask("学生家长委托别人接送孩子要告诉学校吗？")
    assert not answer.refused, answer.answer
    assert "事先告知学校" in answer.citations[0].quote, answer.answer
