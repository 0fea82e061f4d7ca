"""A message that asks two things ("…可以减免吗，最多减免多久？") is answered for both: the
later ask's fact under its words, its citations numbered on from the first answer's, and no
clause quoted twice."""

from __future__ import annotations

from typing import Any

import pytest

from rag.answer.citations import checked_answer, make_citation
from rag.answer.compound import with_reply
from tests.conftest import service_over

GREENING = "\n\n".join(
    (
        "# 某市城市绿化管理条例",
        "## 第一章　总则",
        "第一条 为了促进城市绿化事业发展，改善生态环境，制定本条例。",
        "第二条 本市行政区域内城市绿化的规划、建设、保护和管理，适用本条例。",
        "第三条 市园林绿化主管部门负责全市城市绿化工作。",
        "## 第二章　树木保护",
        "第十条 任何单位和个人不得擅自砍伐城市树木。确需砍伐的，应当向园林绿化主管部门提出申请。",
        "第十一条 园林绿化主管部门应当自受理砍伐申请之日起十五个工作日内作出是否批准的决定。",
        "第十二条 城市绿地内的古树名木由园林绿化主管部门统一建档挂牌。古树名木的养护责任"
        "人应当每年向园林绿化主管部门报告养护情况。",
        "第十三条 临时占用城市绿地的，应当经园林绿化主管部门同意。占用期限不得超过一年，"
        "期满应当恢复原状。",
        "第十四条 承租公共绿地经营场所的单位因经营困难不能按时缴纳场地租金的，可以向园林"
        "绿化主管部门申请分期缴纳，并提交经营状况说明、还款计划等材料，园林绿化主管部门应当"
        "及时审核。经审核同意的，可以分期缴纳。分期期限最长为六个月。分期期间，承租单位不得转租"
        "经营场所。",
        "承租单位应当按照还款计划按期缴纳分期的场地租金；逾期不缴纳的，园林绿化主管部门可以"
        "解除租赁合同，并依法追缴欠缴的场地租金。",
        "第十五条 园林绿化主管部门应当于每月10日前公布上月绿化养护检查结果。",
        "第十六条 全民义务植树活动自每年3月12日开始，为期一个月。",
        "## 第三章　附则",
        "第二十条 本条例自发布之日起施行。",
    )
)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return service_over(tmp_path_factory.mktemp("two-asks"), {"greening.md": GREENING})


def test_a_later_ask_stated_in_another_clause_is_answered_under_its_words(service: Any) -> None:
    answer = service.ask("古树名木要挂牌吗？检查结果每月几号前公布？")
    first, _, later = answer.answer.partition("关于“检查结果每月几号前公布”:")
    assert "挂牌" in first and "每月10日前" in later.splitlines()[1]
    assert later.splitlines()[1].endswith("[2]")
    assert answer.citations[1].clause_id != answer.citations[0].clause_id
    assert "第十五条" in answer.citations[1].quote


def test_a_later_ask_stated_in_the_quoted_clause_gets_its_own_line(service: Any) -> None:
    answer = service.ask("承租公共绿地经营场所交不起租金可以申请分期吗，最长能分多久")
    assert "关于“最长能分多久”:\n分期期限最长为六个月 [1]" in answer.answer
    assert len(answer.citations) == 1  # the clause is quoted once


def test_the_askers_own_figures_are_not_restated(service: Any) -> None:
    answer = service.ask("临时占用城市绿地最长能占多久？占用了3个月的砍伐申请多久能批？")
    assert "另一问:" in answer.answer and "十五个工作日内" in answer.answer
    assert "3个月" not in answer.answer


def test_a_later_ask_that_names_no_subject_is_asked_of_the_messages(service: Any) -> None:
    answer = service.ask("临时占用城市绿地最长能占多久？什么时候开始的？")
    assert "关于" not in answer.answer


def test_a_later_quote_of_a_quoted_clause_widens_that_quote(service: Any) -> None:
    document = next(d for d in service.documents() if "绿化" in d.title)
    clause = next(c for c in service.clauses(document.doc_id) if "分期期限最长" in c.text)
    first_sentence, stating = (
        clause.sentences[0],
        next(s for s in clause.sentences if "分期期限最长" in s.text),
    )
    quoted = make_citation(document, clause, first_sentence.start, first_sentence.end)
    later = make_citation(document, clause, stating.start, stating.end)
    answer = checked_answer("q", f"“{quoted.quote}” [1]", [quoted], None)
    reply = checked_answer("q2", f"六个月 [1]\n“{later.quote}” [1]", [later], "六个月")
    merged = with_reply(answer, "最长能分多久", reply, service.corpus.document)
    (widened,) = merged.citations
    assert widened.start == first_sentence.start and widened.end == stating.end
    assert widened.quote == document.text[widened.start : widened.end]
    assert merged.answer.endswith("关于“最长能分多久”:\n六个月 [1]")
