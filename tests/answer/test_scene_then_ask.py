"""A question that sets a scene before it asks ("…被解除劳动合同了，单位多久内要办失业登记？"):
a scene word the best clause does not write refuses nothing; a word of the ask still does."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

RULES = (
    "某省就业促进条例\n"
    "第一条 为了促进就业，制定本条例。\n"
    "第二条 用人单位应当自与劳动者终止劳动关系之日起十五日内，为其办理失业登记。\n"
    "第三条 用人单位应当依法参加失业保险。\n"
)


def test_a_scene_word_missing_from_the_answering_clause_refuses_nothing(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"rules.txt": RULES})
    answer = service.ask("我被公司解除劳动合同了，用人单位多少日内要为我办理失业登记？")
    assert not answer.refused, answer.answer
    assert "十五日" in answer.answer.splitlines()[0], answer.answer


def test_a_word_of_the_ask_missing_still_refuses(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"rules.txt": RULES})
    answer = service.ask("我被用人单位辞退了，失业保险金标准是多少钱？")
    assert answer.refused, answer.answer


def test_only_the_asked_parts_words_are_key_terms_when_asked_so(tmp_path: Path) -> None:
    from rag.answer.gates import missing_key_term

    rules = RULES + "第四条 劳动合同期满，用人单位应当提前通知劳动者。\n"
    service = service_over(tmp_path, {"rules.txt": rules})
    question = "我被公司解除劳动合同了，用人单位多少日内要为我办理失业登记？"
    plan = service._plan(question, None)
    hits = service.retriever.search(plan, 5).hits
    hit = next(h for h in hits if "十五日" in h.clause.text)
    model, scoring = service.retriever.evidence, service.retriever.scoring
    terms = service.corpus_terms
    assert missing_key_term(plan, hit, model, scoring, terms) == "劳动合同"
    assert missing_key_term(plan, hit, model, scoring, terms, asked_only=True) is None


LIFTS = (
    "某市电梯安全管理办法\n"
    "第一条 为了加强电梯安全管理，制定本办法。\n"
    "第二条 电梯使用单位应当对电梯进行日常维护保养。\n"
    "第三条 电梯发生故障造成乘客被困的，维保单位应当在接到报告后三十分钟内到达现场实施救援，"
    "救援费用由电梯使用单位承担。\n"
    "第四条 电梯使用单位应当在轿厢内张贴安全注意事项和应急救援电话。\n"
    "第五条 市场监督管理部门负责电梯安全监督管理工作。\n"
)


def test_a_long_scene_before_an_ask_that_names_its_subject_refuses_nothing(
    tmp_path: Path,
) -> None:
    """The scene outweighs the ask, so the whole question is refused; the ask alone (three
    content words and more) names its subject, and its clause is among the whole's hits."""
    service = service_over(tmp_path, {"lifts.txt": LIFTS})
    answer = service.ask(
        "周末带孩子逛商场，扶梯旁边的观光梯突然停在半空，孩子哭闹不止，维保救援多久到现场，费用谁出？"
    )
    assert not answer.refused, answer.answer
    assert "三十分钟" in answer.answer.splitlines()[0], answer.answer


def test_a_scene_before_a_two_word_ask_still_refuses_off_the_subject(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"lifts.txt": LIFTS})
    answer = service.ask(
        "周末带孩子逛商场，扶梯旁边的观光梯突然停在半空，孩子哭闹不止，门票多少钱？"
    )
    assert answer.refused, answer.answer
