"""Extractive answer assembly and its checks, on a hand-built document."""

from __future__ import annotations

import re

import pytest

from rag.answer.citations import QuoteMismatch, make_citation, unsupported_numbers
from rag.answer.document_answers import clause_text_answer
from rag.answer.extractive import extractive_answer
from rag.facts.spans import fact_span
from rag.query.analysis import analyse
from rag.records import Clause, Document, Hit, Sentence
from rag.retrieve.evidence import EvidenceModel
from rag.retrieve.rerank import rerank
from rag.retrieve.scoring import ScoringModel

TEXT = (
    "(四)构建多元赋能的科技创新金融生态\n"
    "14. 完善风险投资体系和机制。放宽创投基金存续期要求,"
    "对新设立的创业投资机构,按照投资额度给予最高200万元奖励。"
    "建立创投基金备选项目库。(市发展改革委、市科技局按职责分工负责)\n"
    "15. 强化科技财政金融政策协同。对符合条件的科创贷款给予再贷款定向支持。\n"
)


def sentences(text: str, offset: int) -> tuple[Sentence, ...]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "。" or i == len(text) - 1:
            out.append(Sentence(text[start : i + 1], offset + start, offset + i + 1))
            start = i + 1
    return tuple(out)


def make_clause(number: str) -> Clause:
    start = TEXT.index(f"{number}. ")
    end = TEXT.index("\n", start)
    text = TEXT[start:end]
    return Clause(
        clause_id=f"c{number}",
        doc_id="rz",
        path=("二、重点任务", "(四)构建多元赋能的科技创新金融生态"),
        number=number,
        heading=None,
        text=text,
        start=start,
        end=end,
        ordinal=int(number),
        sentences=sentences(text, start),
    )


DOC = Document(
    doc_id="rz",
    title="若干政策",
    text=TEXT,
    source="seeds/rz.txt",
    content_hash="h",
    city="日照",
    issuer="日照市科学技术局",
    date="2025-05-09",
)
C14, C15 = make_clause("14"), make_clause("15")
EVIDENCE = EvidenceModel.build([C14, C15], {"rz": DOC.title})


def lookup(doc_id: str) -> Document | None:
    return DOC if doc_id == "rz" else None


def answer_for(question: str):
    plan = analyse(question, [DOC])
    retrieved = rerank([Hit(C14, 0.03), Hit(C15, 0.02)], plan, EVIDENCE, 3, ScoringModel())
    return extractive_answer(plan, retrieved, lookup, 3, ScoringModel())


def test_fact_question_leads_with_the_fact_then_the_verbatim_sentence() -> None:
    answer = answer_for("日照市新设创投机构最高奖励多少")
    first, second = answer.answer.splitlines()[:2]
    assert first == "按照投资额度给予最高200万元奖励 [1]"
    assert answer.direct == "按照投资额度给予最高200万元奖励"
    quote = answer.citations[0].quote
    assert "对新设立的创业投资机构,按照投资额度给予最高200万元奖励" in quote
    assert second == f"“{quote}” [1]"
    assert DOC.text[answer.citations[0].start : answer.citations[0].end] == quote
    assert answer.citations[0].clause.endswith("第14条")
    assert not answer.refused


def test_department_question_quotes_the_responsibility_note() -> None:
    answer = answer_for("日照创投机构奖励由哪些部门负责")
    assert answer.direct == "市发展改革委、市科技局按职责分工负责"
    assert answer.direct in answer.citations[0].quote


def test_clause_text_answer_is_the_whole_clause() -> None:
    answer = clause_text_answer("第14条原文", DOC, C14)
    assert answer.citations[0].quote == C14.text
    assert answer.answer == f"“{C14.text}” [1]"


def test_citation_must_be_a_span_of_the_clause_and_document() -> None:
    with pytest.raises(QuoteMismatch):
        make_citation(DOC, C14, C15.start, C15.end)
    bent = Document(**{**DOC.__dict__, "text": TEXT.replace("200万元", "300万元")})
    with pytest.raises(QuoteMismatch):
        make_citation(bent, C14, C14.start, C14.end)


def test_unsupported_numbers_ignores_markers_and_catches_invented_figures() -> None:
    assert unsupported_numbers("最高200万元 [1]", ["给予最高200万元奖励"]) == []
    assert unsupported_numbers("最高300万元 [2]", ["给予最高200万元奖励"]) == ["300"]
    assert unsupported_numbers("20家 [1]", ["到2025年"]) == ["20"]


@pytest.mark.parametrize(
    ("kind", "text", "question", "expected"),
    [
        (
            "amount",
            "单个项目市级财政资金支持不超过500万元。",
            "",
            "单个项目市级财政资金支持不超过500万元",
        ),
        (
            "amount",
            "并且" + "对符合条件的单位" * 6 + "给予最高200万元奖励。",
            "",
            "最高200万元奖励",
        ),
        ("count", "2026年,高新技术企业达到1200家。", "", "高新技术企业达到1200家"),
        ("date", "可在2025年6月9日前,通过以下方式反馈", "", "可在2025年6月9日前"),
        ("contact", "联系电话:0633-8773169。", "电话", "0633-8773169"),
        ("contact", "发送至邮箱zypzk@rz.shandong.cn。", "邮箱", "zypzk@rz.shandong.cn"),
        (
            "department",
            "加强农业科技创新。(市科技局、市农业局按照职责分工负责)",
            "",
            "市科技局、市农业局按照职责分工负责",
        ),
        ("department", "优化营商环境。(责任单位:市科技局)", "", "责任单位:市科技局"),
    ],
)
def test_fact_spans_are_verbatim(kind, text, question, expected) -> None:
    span = fact_span(kind, text, (), question)
    assert span is not None
    assert text[span[0] : span[1]] == expected


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        (
            "新增规上工业企业300家以上、省级以上单项冠军企业15家以上、瞪羚企业45家以上。",
            "泰安打算新增多少家瞪羚企业",
            "45家以上",
        ),
        (
            "重点打造10家左右具有国际竞争力的创新型龙头企业、100家国内行业骨干创新型企业、1000家高新技术企业。",
            "南通要培育多少家高新技术企业",
            "1000家",
        ),
        (
            "围绕构建科技创新政务生态等6个方面提出了21项重点任务。",
            "一共提出了多少项重点任务",
            "21项",
        ),
        (
            "新增省级以上重点实验室、省级新型研发机构、省级科技企业孵化器100家以上;",
            "要新增多少省级科技企业孵化器",
            "100家以上",
        ),
        (
            "研发经费投入分别为17.49亿元、20.68亿元、33.54亿元,年增幅达到14.99%",
            "2020年研发经费投入是多少",
            "17.49亿元、20.68亿元、33.54亿元",
        ),
    ],
)
def test_the_figure_next_to_the_asked_term_is_chosen(text, question, expected) -> None:
    plan = analyse(question, [DOC])
    span = fact_span("count", text, plan.terms, question)
    assert span is not None
    found = text[span[0] : span[1]]
    assert expected in found
    if "孵化器100家" in text:  # one figure for a whole enumeration, never pinned on one item
        assert found == "100家以上" or found.startswith("新增省级以上重点实验室")
    elif "、" in text and "分别" not in text:  # a list: no other item's figure may come along
        others = [n for n in re.findall(r"\d+", text) if n not in expected]
        assert not any(re.search(rf"(?<!\d){n}(?!\d)", found) for n in others)


def test_no_fact_no_span() -> None:
    assert fact_span("amount", "鼓励企业加大研发投入。", (), "") is None
    assert fact_span("general", "最高200万元", (), "") is None


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("日照对新设立的创投机构奖励多少", None),  # 创投 -> 创业投资机构: named
        ("日照对孵化器奖励多少", "孵化器"),  # the best clause is about 创投, not 孵化器
    ],
)
def test_a_clause_not_naming_the_key_subject_is_not_the_answer(question, missing) -> None:
    from rag.answer.gates import missing_key_term
    from rag.retrieve.evidence import TermWeights

    # the corpus knows 孵化器 (another city's clause), the best clause of this one does not
    texts = [EVIDENCE.passage(C14), EVIDENCE.passage(C15), "对新认定的孵化器给予补助。"]
    model = EvidenceModel(TermWeights.from_texts(texts), EVIDENCE.titles)
    plan = analyse(question, [DOC])
    assert missing_key_term(plan, Hit(C14, 1.0), model, ScoringModel()) == missing


def test_an_uncovered_subject_is_refused_by_name_in_the_asked_city(seed_service) -> None:
    answer = seed_service.ask("三明对孵化器补贴多少钱")
    assert answer.refused and "三明" in answer.answer and "孵化器" in answer.answer
    assert not seed_service.ask("泰安对孵化器补贴多少钱").refused


def test_the_direct_line_is_the_fact_ranking_recorded_on_the_hit() -> None:
    from dataclasses import replace

    from rag.answer.extractive import quote_for

    plan = analyse("日照市新设创投机构最高奖励多少", [DOC])
    best = rerank([Hit(C14, 0.03), Hit(C15, 0.02)], plan, EVIDENCE, 3, ScoringModel()).hits[0]
    assert best.fact is not None and "200万元" in DOC.text[best.fact[0] : best.fact[1]]
    assert quote_for(best, plan, ScoringModel()).fact == best.fact
    assert (
        quote_for(replace(best, fact=None), plan, ScoringModel()).fact is None
    )  # read, never searched again


def test_the_scoring_model_passed_in_decides_the_refusal_threshold() -> None:
    plan = analyse("日照市新设创投机构最高奖励多少", [DOC])
    hits = [Hit(C14, 0.03), Hit(C15, 0.02)]
    assert rerank(hits, plan, EVIDENCE, 3, ScoringModel()).confident
    strict = ScoringModel(evidence_threshold=1.01)
    assert not rerank(hits, plan, EVIDENCE, 3, strict).confident
