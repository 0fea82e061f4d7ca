"""A quoted title that is another place's version of an indexed document names no indexed
document: a clause or record of it is refused, never quoted from the indexed one."""

from __future__ import annotations

from pathlib import Path

from rag.query.titles import unindexed_title
from rag.records import Document
from tests.conftest import service_over


def _doc(doc_id: str, title: str) -> Document:
    return Document(doc_id, title, title, f"{doc_id}.txt", content_hash=doc_id)


DOCS = [_doc("a", "中华人民共和国道路停车管理条例"), _doc("b", "甲省养犬管理规定")]


def test_a_place_added_to_an_indexed_title_names_another_document() -> None:
    assert unindexed_title("《广州市道路停车管理条例》第十条", DOCS) == "广州市道路停车管理条例"


def test_a_shortened_or_state_less_title_names_the_indexed_one() -> None:
    assert unindexed_title("《道路停车管理条例》第十条", DOCS) is None
    assert unindexed_title("《中华人民共和国道路停车管理条例》第十条", DOCS) is None
    assert unindexed_title("《养犬管理规定》第三条", DOCS) is None


def test_a_title_adding_no_place_is_not_judged() -> None:
    assert unindexed_title("《道路停车管理条例实施细则》第十条", DOCS) is None


def test_a_clause_of_an_unindexed_version_is_refused(tmp_path: Path) -> None:
    law = "道路停车管理条例\n第一条 为了规范道路停车，制定本条例。\n第二条 停车应当按照标线停放。\n"
    local = "广州市养犬管理规定\n第一条 为了规范养犬行为，制定本规定。\n第二条 养犬应当办理登记。\n"
    service = service_over(tmp_path, {"law.txt": law, "local.txt": local})
    other = service.ask("《广州市道路停车管理条例》第二条原文")
    assert other.refused and "广州市道路停车管理条例" in other.answer, other.answer
    own = service.ask("《道路停车管理条例》第二条原文")
    assert not own.refused and "按照标线停放" in own.answer, own.answer


def test_a_document_of_a_city_without_documents_is_not_answered_from_its_province(
    tmp_path: Path,
) -> None:
    rules = (
        "广东省道路停车管理办法\n"
        "第一条 为了规范道路停车，制定本办法。\n"
        "第二条 路内停车超过十五分钟的，应当缴纳停车费。\n"
    )
    service = service_over(tmp_path, {"rules.txt": rules})
    named = service.ask("佛山市道路停车管理办法规定停车多久要交费？")
    assert named.refused and "佛山市道路停车管理办法" in named.answer, named.answer
    unnamed = service.ask("佛山路内停车多久要交停车费？")
    assert not unnamed.refused and "十五分钟" in unnamed.answer, unnamed.answer
