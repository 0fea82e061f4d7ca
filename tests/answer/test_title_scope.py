"""A stretch of a title may name a topic rather than the document asked about: when the
documents so titled do not answer, all documents are searched."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

GUIDE = """杭州市灵活就业人员参保指南
一、参保登记
灵活就业人员可以个人身份办理参保登记，通过线上渠道提交申请。
二、缴费方式
灵活就业人员按月自行申报缴纳社会保险费。
"""
GRADUATES = """杭州市高校毕业生就业创业扶持办法
第一条 为促进高校毕业生就业创业，制定本办法。
第二条 离校两年内的高校毕业生以个人身份参加社会保险的，按每人每月300元给予社会保险补贴。
第三条 本办法自2024年1月1日起施行。
"""


def test_a_topic_word_in_one_title_does_not_hide_the_answer_elsewhere(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"guide.txt": GUIDE, "graduates.txt": GRADUATES})
    answer = service.ask("毕业生做灵活就业的社会保险补贴每月多少钱")
    assert not answer.refused, answer.answer
    assert "300元" in answer.answer
    assert answer.citations[0].title == "杭州市高校毕业生就业创业扶持办法"
    # the same with the city named: the titled guide is the city's too, and still not the answer
    in_city = service.ask("杭州毕业生做灵活就业的社会保险补贴每月多少钱")
    assert not in_city.refused and "300元" in in_city.answer
    # a question the titled guide answers still comes from it
    assert service.ask("灵活就业人员参保指南里怎么缴费").citations[0].title.endswith("参保指南")
