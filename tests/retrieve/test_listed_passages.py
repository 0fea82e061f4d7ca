"""A question asking for materials, conditions or steps ranks the clause that lists them."""

from __future__ import annotations

from pathlib import Path

from rag.query.analysis import analyse
from rag.records import Hit
from rag.retrieve.rerank import lists_asked, rerank
from rag.retrieve.scoring import ScoringModel
from tests.conftest import service_over


def test_what_a_question_asks_to_have_listed() -> None:
    assert analyse("办优待证要带什么材料", []).passages == ("materials",)
    assert analyse("申请公寓有什么条件", []).passages == ("conditions",)
    assert analyse("居住证怎么申领", []).passages == ("procedure",)


def test_a_condition_that_is_only_the_askers_situation_asks_for_nothing() -> None:
    assert analyse("不符合补缴条件，怎么办", []).passages == ()


def test_a_clause_lists_materials_when_it_leads_into_them() -> None:
    plan = analyse("登记要准备哪些材料", [])
    assert lists_asked(plan, "申请登记的，应当提交下列材料：(一)身份证明；(二)购车发票。")
    assert not lists_asked(plan, "申请登记的，由公安机关在五日内办结。")


def test_the_materials_list_outranks_a_procedure_naming_the_same_words(tmp_path: Path) -> None:
    text = (
        "某市助残服务办法\n"
        "第一条 为规范助残服务申请，制定本办法。\n"
        "第二条 申请助残服务的，向户籍地街道办事处提交申请表，"
        "申请人应当准备本办法规定的材料，街道办事处自收到申请之日起五个工作日内提出意见。\n"
        "第三条 申请助残服务，应当准备下列材料：\n(一)残疾人证；\n(二)户口簿。\n"
    )
    service = service_over(tmp_path, {"help.txt": text})
    plan = analyse("申请助残服务要准备哪些材料", service.corpus.documents())
    (document,) = service.corpus.documents()
    by_number = {c.text[:3]: c for c in service.corpus.clauses(document.doc_id)}
    fused = [Hit(by_number["第二条"], 0.03), Hit(by_number["第三条"], 0.02)]
    evidence = service.retriever.evidence

    def first(scoring: ScoringModel) -> str:
        return rerank(fused, plan, evidence, 2, scoring).hits[0].clause.text[:3]

    assert first(ScoringModel()) == "第三条"
    assert first(ScoringModel(passage_bonus=0.0)) == "第二条"  # the fused order otherwise


def test_papers_named_in_a_row_after_handing_in_are_a_materials_list() -> None:
    plan = analyse("办养犬登记要带哪些材料", [])
    assert lists_asked(plan, "申请养犬登记的，应当提交身份证明、犬只免疫证明和犬只照片。")
    assert not lists_asked(plan, "养犬人应当提供真实信息，犬只免疫每年一次。")


def test_things_asked_for_are_no_topic() -> None:
    terms = [group.term for group in analyse("办养犬登记要带哪些东西", []).terms]
    assert not any("东西" in term for term in terms), terms
    assert analyse("办养犬登记要带哪些东西", []).passages == ("materials",)
