"""A question is refused on what its words tell: a segmentation leftover that no passage
writes and no dictionary knows weighs nothing in the refusal, a real word the corpus never
writes still does."""

from __future__ import annotations

from pathlib import Path

from rag.query.terms import TermGroup
from rag.retrieve.evidence import CompiledTerms, TermWeights
from rag.text.segment import is_general_word
from tests.conftest import service_over

RULES = (
    "某市游泳场所管理办法\n"
    "第一条 为了加强游泳场所管理，保障游泳者安全，制定本办法。\n"
    "第二条 游泳场所应当在醒目位置公示开放时间、水质检测结果和游泳者须知。\n"
    "第三条 游泳场所开放期间，每250平方米水面应当至少配备一名救生员。\n"
    "第四条 游泳者应当遵守游泳场所的安全规定，不得在深水区嬉戏打闹。\n"
)


def test_a_leftover_of_segmentation_is_no_reason_to_refuse(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"swim.txt": RULES})
    answer = service.ask("娃下水被浪打翻了，游泳场所每多少平方米要配救生员？")
    assert not answer.refused, answer.answer
    assert "每250平方米水面" in answer.answer


def test_a_word_the_corpus_never_writes_still_refuses(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"swim.txt": RULES})
    assert service.ask("小区里养鸟要办什么手续？").refused


def test_terms_less_the_ones_a_rule_drops() -> None:
    weights = TermWeights.from_texts(["游泳场所救生员", "游泳者须知"])
    terms = CompiledTerms.build([TermGroup("游泳", ("游泳",)), TermGroup("门夹", ("门夹",))],
                                weights)  # fmt: skip
    assert terms.coverage("游泳场所") < 1.0
    grounded = terms.without(lambda term, variants: not weights.attests(term))
    assert grounded.terms == ("游泳",) and grounded.coverage("游泳场所") == 1.0
    assert terms.without(lambda term, variants: False) is terms


def test_general_words_come_from_the_full_dictionary() -> None:
    assert is_general_word("养鸟") and is_general_word("游泳")
    assert not is_general_word("门夹")
