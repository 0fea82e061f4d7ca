"""A listed item takes its subject from the lead-in above it; a year naming a document's
version is not the year a figure is asked for."""

from __future__ import annotations

from pathlib import Path

from rag.facts.precision import of_asked_year
from rag.query.analysis import analyse
from rag.retrieve.rerank import sentence_fact
from rag.retrieve.scoring import ScoringModel
from rag.text.sentences import lead_in
from tests.conftest import service_over

TEXT = (
    "某省诊所管理条例\n"
    "第一条 为规范诊所管理，制定本条例。\n"
    "第九条 设立医疗机构应当具备下列条件：\n"
    "(一)有明确的章程；\n"
    "(二)有不少于五万元的注册资金；\n"
    "(三)有不少于二十平方米的服务场所。\n"
    "医疗机构应当依法办理登记。\n"
)


def test_a_listed_item_states_the_fact_its_lead_in_is_about() -> None:
    plan = analyse("开医疗机构注册资金要多少", [])
    item = "(二)有不少于五万元的注册资金；"
    lead = "设立医疗机构应当具备下列条件："
    assert sentence_fact(plan, item, ScoringModel(), lead) is not None
    assert sentence_fact(plan, item, ScoringModel(), "") is None


def test_the_lead_in_of_an_item_is_its_heading_or_the_colon_phrase_above_it(
    tmp_path: Path,
) -> None:
    service = service_over(tmp_path, {"law.txt": TEXT})
    (document,) = service.corpus.documents()
    clauses = service.corpus.clauses(document.doc_id)
    item = next(c for c in clauses if c.text.startswith("(二)"))
    assert lead_in(item, item.sentences[0]).endswith("设立医疗机构应当具备下列条件")
    last = next(c for c in clauses if c.text.startswith("医疗机构应当依法"))
    assert lead_in(last, last.sentences[0]) == ""


def test_a_year_naming_the_version_does_not_constrain_the_figure() -> None:
    text = "有不少于五万元的注册资金"
    span = (text.index("五万元"), text.index("五万元") + 3)
    assert of_asked_year(text, span, "2012年修订的那部条例里注册资金要多少")
    assert not of_asked_year(text, span, "2012年注册资金要多少")


def test_the_lead_in_inside_one_clause_is_the_colon_phrase_above_the_item() -> None:
    from rag.records import Clause, Sentence

    text = "设立机构应当具备下列条件：(一)有章程；(二)有资金。"
    first, second = text.index("(一)"), text.index("(二)")
    clause = Clause(
        "c", "d", (), None, None, text, 0, len(text), 0,
        sentences=(Sentence(text[:second], 0, second), Sentence(text[second:], second, len(text))),
    )  # fmt: skip
    assert lead_in(clause, clause.sentences[1]) == "设立机构应当具备下列条件："
    assert first > 0
