"""A clause naming the kind of thing a question's term names (博物馆 for 国家博物馆, a compound
ending in it) names the term: a clause that only repeats the term while answering another
question does not outrank it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

RULES = (
    "某市博物馆条例\n"
    "第一条 为了规范博物馆的开放和管理，制定本条例。\n"
    "第二条 市属博物馆每周的开放时间不少于40小时，区属博物馆每周的开放时间不少于30小时。\n"
    "第三条 国家博物馆在本市设立的分馆，应当在每年一月底前向社会公布年度展览计划。\n"
    "第四条 展览场所应当配备专职安全管理人员。\n"
)


def test_a_clause_naming_the_terms_kind_answers(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"rules.txt": RULES})
    answer = service.ask("国家博物馆每周至少开放几个小时？")
    assert not answer.refused, answer.answer
    assert "40小时" in answer.answer.split("[1]")[0], answer.answer


def test_a_clause_naming_neither_the_term_nor_its_kind_does_not(tmp_path: Path) -> None:
    from rag.answer.gates import missing_key_term

    service = service_over(tmp_path, {"rules.txt": RULES})
    plan = service._plan("国家博物馆每周至少开放几个小时？", None)
    hits = service.retriever.search(plan, 5).hits
    safety = next(h for h in hits if "专职安全" in h.clause.text)
    model, scoring = service.retriever.evidence, service.retriever.scoring
    assert missing_key_term(plan, safety, model, scoring, service.corpus_terms) == "国家博物馆"
