"""Validity travels with the answer: drafts, expired and not-yet-effective documents say so."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rag.answer import wording
from rag.answer.validity import validity_note, with_validity
from rag.records import Answer, Citation, Document

TODAY = "2026-11-29"
DOC = Document("d", "某市管理办法", "正文", "d.txt", content_hash="h")


def test_a_document_in_force_gets_no_note() -> None:
    assert validity_note(DOC, TODAY) is None
    assert validity_note(replace(DOC, effective="2020-01-01", expires="2030-12-31"), TODAY) is None


def test_drafts_expired_repealed_future_and_trial_documents_are_named() -> None:
    assert validity_note(replace(DOC, status="征求意见稿"), TODAY) == wording.DRAFT_NOTE
    assert validity_note(replace(DOC, expires="2024-06-30"), TODAY) == wording.EXPIRED_NOTE
    assert validity_note(replace(DOC, validity="废止"), TODAY) == wording.EXPIRED_NOTE
    assert validity_note(replace(DOC, effective="2027-01-01"), TODAY) == wording.NOT_YET_NOTE
    assert validity_note(replace(DOC, validity="试行"), TODAY) == wording.TRIAL_NOTE


def test_the_note_stands_right_under_the_first_line_and_holds_no_number() -> None:
    citation = Citation("d", DOC.title, None, None, None, "第1条", "c", "正文", "d.txt", 0, 2)
    answer = Answer("q", "最高200万元 [1]\n“正文” [1]", False, citations=(citation,))
    noted = with_validity(answer, replace(DOC, expires="2024-06-30"), TODAY)
    assert noted.answer.splitlines() == ["最高200万元 [1]", wording.EXPIRED_NOTE, "“正文” [1]"]
    assert not any(ch.isdigit() for ch in wording.EXPIRED_NOTE)
    assert with_validity(noted, replace(DOC, expires="2024-06-30"), TODAY) == noted


def test_a_refusal_carries_no_note() -> None:
    refused = Answer("q", "没有找到", True)
    assert with_validity(refused, replace(DOC, status="征求意见稿"), TODAY) == refused


def test_an_answer_from_a_draft_seed_says_so(seed_service) -> None:  # type: ignore[no-untyped-def]
    answer = seed_service.ask("日照市新设创投机构最高奖励多少")
    assert answer.answer.splitlines()[1] == wording.DRAFT_NOTE


def test_a_term_of_something_the_document_regulates_is_not_its_own(tmp_path: Path) -> None:
    from tests.conftest import service_over

    rules = (
        "某省船员证书管理规定\n"
        "第一条 船员证书有效期分为五年和十年。\n"
        "第二条 超过船员证书有效期一年以上未换证的，证书注销。\n"
        "第三条 本规定自2015年1月1日起施行。\n"
    )
    notice = (
        "某市停车补贴通知\n一、新能源车辆停车费减半。\n"
        "二、本通知自2015年1月1日起施行，有效期3年。\n"
    )
    service = service_over(tmp_path, {"rules.txt": rules, "notice.txt": notice})
    answer = service.ask("船员证书有效期分为几年？")
    assert not answer.refused and wording.EXPIRED_NOTE not in answer.answer, answer.answer
    answer = service.ask("新能源车辆停车费怎么优惠？")
    assert not answer.refused and wording.EXPIRED_NOTE in answer.answer, answer.answer
