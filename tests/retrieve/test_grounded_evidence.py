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
    "某市电梯安全管理办法\n"
    "第一条 为了加强电梯安全管理，保障乘客安全，制定本办法。\n"
    "第二条 电梯使用单位应当每半月对电梯进行一次清洁、润滑、调整和检查。\n"
    "第三条 电梯发生困人故障的，维护保养单位应当在三十分钟内到达现场实施救援。\n"
    "第四条 乘客应当遵守电梯安全注意事项，不得拆除电梯安全警示标志。\n"
)


def test_a_leftover_of_segmentation_is_no_reason_to_refuse(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"lift.txt": RULES})
    answer = service.ask("电梯坏了把人困住，维保单位多长时间内要赶到？")
    assert not answer.refused, answer.answer
    assert "三十分钟内" in answer.answer


def test_a_word_the_corpus_never_writes_still_refuses(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"lift.txt": RULES})
    assert service.ask("小区里养鸟要办什么手续？").refused


def test_terms_less_the_ones_a_rule_drops() -> None:
    weights = TermWeights.from_texts(["电梯困人救援", "电梯检查"])
    terms = CompiledTerms.build([TermGroup("电梯", ("电梯",)), TermGroup("门夹", ("门夹",))],
                                weights)  # fmt: skip
    assert terms.coverage("电梯困人") < 1.0
    grounded = terms.without(lambda term, variants: not weights.attests(term))
    assert grounded.terms == ("电梯",) and grounded.coverage("电梯困人") == 1.0
    assert terms.without(lambda term, variants: False) is terms


def test_general_words_come_from_the_full_dictionary() -> None:
    assert is_general_word("养鸟") and is_general_word("电梯")
    assert not is_general_word("门夹")
