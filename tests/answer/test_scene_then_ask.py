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
