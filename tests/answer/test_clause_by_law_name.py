"""A law is named by its title's tail ("某某法第二条"): an amendment whose title goes on after
the name is another document, and a clause number shared by both is not ambiguous."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

LAW = """# 中华人民共和国示范管理法

第一条 为了规范示范管理，制定本法。

第二条 示范单位应当每年报告一次工作情况。
"""

AMENDMENT = """# 中华人民共和国示范管理法修正案

一、将第二条修改为："示范单位应当每半年报告一次工作情况。"

第二条 本修正案自公布之日起施行。
"""


def test_the_law_named_before_the_number_is_the_one_quoted(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"law.md": LAW, "amendment.md": AMENDMENT})
    answer = service.ask("示范管理法第二条原文")
    assert not answer.refused, answer.answer
    assert answer.citations[0].title == "中华人民共和国示范管理法"
    assert "每年报告一次" in answer.citations[0].quote
    amended = service.ask("示范管理法修正案第二条原文")
    assert amended.citations and amended.citations[0].title.endswith("修正案")


def test_a_number_without_a_name_still_asks_which_document(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"law.md": LAW, "amendment.md": AMENDMENT})
    answer = service.ask("第二条原文")
    assert answer.refused and "请指明" in answer.answer


REPLY = """# 关于适用示范管理法第二条若干问题的批复

第一条 示范单位报告工作情况，按本批复执行。

第二条 本批复自公布之日起施行。
"""


def test_a_title_citing_the_clause_number_does_not_name_the_document(tmp_path: Path) -> None:
    files = {"law.md": LAW, "amendment.md": AMENDMENT, "reply.md": REPLY}
    service = service_over(tmp_path, files)
    answer = service.ask("示范管理法第二条原文")
    assert answer.citations and answer.citations[0].title == "中华人民共和国示范管理法"


def test_of_two_versions_of_the_named_law_the_newest_answers() -> None:
    from rag.answer.document_handlers import title_ending_named
    from rag.records import Document

    def version(doc_id: str, date: str) -> Document:
        title = "中华人民共和国示范管理法"
        return Document(doc_id, title, title, f"{doc_id}.md", content_hash=doc_id, date=date)

    versions = [version("old", "2013-12-28"), version("new", "2023-12-29")]
    assert title_ending_named("示范管理法第二条原文", "第二条", versions) == versions[1]
