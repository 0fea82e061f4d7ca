"""A question word the corpus never writes, typed with the wrong character of the right
syllable (pinyin input), matches the word the corpus writes."""

from __future__ import annotations

from pathlib import Path

from rag.query.abbreviations import CorpusTerms
from rag.query.analysis import analyse
from rag.text.homophones import Homophones
from tests.conftest import service_over

GUIDE = (
    "某市流动人员服务指南\n"
    "一、办理渠道\n"
    "来本市人员可以在线上申领居住证，也可以到派出所窗口申领居住证。\n"
    "二、审核时限\n"
    "申领居住证的审核期限为5个工作日，审核通过后发放居住证。\n"
)


def test_a_word_is_respelled_only_into_words_the_corpus_writes() -> None:
    terms = CorpusTerms.build({"备案", "居住证", "登记"}, ["办理备案登记"], Homophones.load)
    assert terms.respelled("备安") == ("备案",)
    assert terms.respelled("居主证") == ("居住证",)
    assert terms.respelled("备案") == ()  # written by the corpus: nothing to correct
    assert terms.respelled("公积金") == ()  # no word of the corpus sounds like it
    assert CorpusTerms.build({"备案"}, []).respelled("备安") == ()  # no readings: no guess


def test_a_typo_is_searched_as_the_corpus_word_and_answered(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"guide.txt": GUIDE})
    plan = analyse("申领居主证审核要多久？", service.corpus.documents(), service.corpus_terms)
    variants = {v for group in plan.terms for v in group.variants}
    assert "居住证" in variants, plan.terms
    answer = service.ask("申领居主证审核要多久？")
    assert not answer.refused, answer.answer
    assert "5个工作日" in answer.answer.splitlines()[0]


def test_a_rare_reading_is_no_typo() -> None:
    """An input method offers a character under its usual reading: 声 (sheng, rarely qing) is
    not what someone typing "qing" meant, so 清明 is no typo of 声明."""
    from rag.text.homophones import Homophones

    homophones = Homophones.load()
    assert "声明" not in homophones.respellings("清明")
    assert "居住证" in homophones.respellings("居主证")
