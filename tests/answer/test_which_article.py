"""A question asking which article says something ("第几条规定了…") is answered with the
article's own opening, where its number stands, before the sentence that says it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

RULES = (
    "某市湿地保护条例\n\n"
    "第一条 为了保护湿地，制定本条例。\n\n"
    "第二条 本条例适用于本市行政区域内的湿地保护。\n\n"
    "第三条 湿地保护实行名录管理。市人民政府应当每五年组织一次湿地资源调查，"
    "调查结果向社会公布。湿地名录由市林业主管部门编制。"
    "禁止在湿地内开垦、填埋或者排放未经处理的污水。"
    "违反规定的，由市林业主管部门责令停止违法行为，限期恢复原状。"
    "湿地周边的单位和个人应当配合湿地保护工作，发现破坏湿地行为的，可以向市林业主管部门举报；"
    "市林业主管部门应当在接到举报之日起十日内处理，并将处理结果告知举报人。\n\n"
    "第四条 本条例自发布之日起施行。\n"
)


def test_the_article_asked_for_is_quoted_from_its_number(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"wetland.md": RULES})
    answer = service.ask("某市湿地保护条例第几条规定了禁止在湿地内开垦？")
    assert not answer.refused, answer.answer
    assert answer.citations[0].quote.startswith("第三条"), answer.answer
    assert "禁止在湿地内开垦" in answer.citations[0].quote, answer.answer


def test_a_question_not_asking_the_article_quotes_the_sentence(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"wetland.md": RULES})
    answer = service.ask("某市湿地里能排污水吗？")
    assert not answer.citations[0].quote.startswith("第三条"), answer.answer
