"""A dictionary word that no indexed document writes, in any form, names a thing they do not
speak of: the clause that ranks first for the asker's other words answers another question.
A compound whose head the documents write (学生 of 大学生) is still spoken of."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

RULES = (
    "某市残疾人辅助器具适配办法\n"
    "第一条 为了规范残疾人辅助器具适配服务，制定本办法。\n"
    "第二条 申请电动轮椅适配补贴的，应当提交申请表、残疾人证和适配评估材料。\n"
    "第三条 全日制在校学生申请适配补贴的，另需提交学籍证明材料。\n"
    "第四条 适配补贴由区残疾人联合会负责审核。\n"
)


def test_a_thing_no_document_writes_is_refused(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"rules.txt": RULES})
    answer = service.ask("电动自行车上牌要提交哪些材料？")
    assert answer.refused, answer.answer
    assert "自行车" in answer.answer


def test_a_compound_whose_head_the_documents_write_is_answered(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"rules.txt": RULES})
    answer = service.ask("大学生申请适配补贴要提交哪些材料？")
    assert not answer.refused, answer.answer
    assert "学籍证明" in answer.answer
