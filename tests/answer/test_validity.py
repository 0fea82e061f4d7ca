"""Validity travels with the answer: drafts, expired and not-yet-effective documents say so."""

from __future__ import annotations

from dataclasses import replace

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
