"""A document another indexed document replaces (a later version of the same title, or one
named in a 废止 sentence) is not answered from silently: the answer says so and cites it."""

from __future__ import annotations

from pathlib import Path

from rag.answer.supersession import replacements
from rag.index.derived import derived_path
from rag.ingest.parse import ingest_bytes
from rag.records import Document
from rag.service import build_answer_service
from tests.conftest import make_settings, service_over

OLD = """宁波市社区食堂管理办法
第一条 为规范社区食堂，制定本办法。
第二条 社区食堂按每人每餐2元给予运营补贴。
宁波市民政局
2019年3月1日
"""
NEW = """宁波市社区食堂管理办法
第一条 为规范社区食堂，制定本办法。
第二条 社区食堂按每人每餐3元给予运营补贴。
第三条 本办法自2024年4月1日起施行。
宁波市民政局
2024年3月1日
"""
REPEALING = """宁波市老年助餐服务办法
第一条 为发展老年助餐服务，制定本办法。
第二条 本办法自2025年1月1日起施行，《宁波市老年助餐试点办法》同时废止。
宁波市民政局
2024年12月1日
"""
REPEALED = """宁波市老年助餐试点办法
第一条 老年助餐点按每人每餐1元给予补贴。
宁波市民政局
2018年5月1日
"""


def documents(*texts: tuple[str, str]) -> list[Document]:
    return [p.document for name, text in texts for p in ingest_bytes(text.encode(), name)]


def test_a_later_version_and_a_repeal_sentence_each_replace_a_document() -> None:
    docs = documents(
        ("old.txt", OLD), ("new.txt", NEW), ("rep.txt", REPEALING), ("pilot.txt", REPEALED)
    )
    by_source = {d.source: d for d in docs}
    found = replacements(docs)
    assert found[by_source["old.txt"].doc_id].by.source == "new.txt"
    repeal = found[by_source["pilot.txt"].doc_id]
    assert repeal.by.source == "rep.txt" and repeal.span is not None
    assert "同时废止" in repeal.by.text[repeal.span[0] : repeal.span[1]]
    assert by_source["new.txt"].doc_id not in found and by_source["rep.txt"].doc_id not in found


def test_an_answer_from_a_replaced_document_says_so_and_cites_the_replacing_words(
    tmp_path: Path,
) -> None:
    service = service_over(tmp_path, {"rep.txt": REPEALING, "pilot.txt": REPEALED})
    answer = service.ask("老年助餐试点办法每餐补贴多少钱")
    assert not answer.refused, answer.answer
    assert "取代" in answer.answer.split("\n")[1]
    assert any("同时废止" in c.quote for c in answer.citations)
    assert answer.citations[0].title == "宁波市老年助餐试点办法"


def test_where_both_versions_are_indexed_the_current_one_answers_and_names_the_older(
    tmp_path: Path,
) -> None:
    service = service_over(tmp_path, {"old.txt": OLD, "new.txt": NEW})
    answer = service.ask("社区食堂每人每餐补贴多少钱")
    assert not answer.refused, answer.answer
    assert answer.citations[0].source.endswith("new.txt")
    assert "3元" in answer.answer.split("\n")[0]
    assert "旧版本" in answer.answer and answer.citations[-1].source.endswith("old.txt")


def test_a_clause_asked_by_number_comes_from_the_current_version_naming_the_older(
    tmp_path: Path,
) -> None:
    service = service_over(tmp_path, {"old.txt": OLD, "new.txt": NEW})
    answer = service.ask("宁波市社区食堂管理办法第二条原文")
    lines = answer.answer.splitlines()
    assert "3元" in lines[0] and "2元" not in lines[0], answer.answer
    assert [Path(c.source).name for c in answer.citations] == ["new.txt", "old.txt"]
    assert "2元" in answer.citations[1].quote  # the older version's clause of that number
    only_new = service.ask("宁波市社区食堂管理办法第三条原文")  # the older version has none
    assert [Path(c.source).name for c in only_new.citations] == ["new.txt", "old.txt"]


def test_a_later_process_reads_the_replacements_back_and_answers_alike(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"rep.txt": REPEALING, "pilot.txt": REPEALED})
    first = service.ask("老年助餐试点办法每餐补贴多少钱")
    saved = derived_path(service.corpus.path, "replacements")
    assert saved.is_file()  # found once for the generation (every document's text is read)
    again = build_answer_service(make_settings(tmp_path / "data"), "extractive")
    assert again.context.replaced == service.context.replaced != {}
    assert again.ask("老年助餐试点办法每餐补贴多少钱") == first


def test_a_record_question_on_two_versions_answers_from_the_current_one(
    tmp_path: Path,
) -> None:
    service = service_over(tmp_path, {"old.txt": OLD, "new.txt": NEW})
    answer = service.ask("宁波市社区食堂管理办法什么时候开始施行？")
    assert not answer.refused, answer.answer  # not "请指明是哪份文件" over one shared title
    assert "2024年4月1日" in answer.answer.splitlines()[0], answer.answer
    assert "旧版本" in answer.answer, answer.answer


def test_the_latest_amendment_is_a_record_question() -> None:
    from rag.query.analysis import analyse

    for question in ("某条例最近一次修改是什么时候？", "某条例修订于哪一年？"):
        assert "adopted" in analyse(question, []).record_fields, question
