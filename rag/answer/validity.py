"""Validity travels with the answer: one resting on a draft, an expired or repealed document,
or one not yet in force says so right under its first line, on every channel."""

from __future__ import annotations

from dataclasses import replace

from rag.answer import wording
from rag.records import Answer, Document

_DRAFT = "征求意见稿"
_ENDED = ("失效", "废止")
_TRIAL = "试行"


def validity_note(document: Document, today: str) -> str | None:
    """The note for `document` on ISO date `today`, or None for a document in force."""
    if document.status == _DRAFT or document.validity == _DRAFT:
        return wording.DRAFT_NOTE
    if document.validity in _ENDED or (document.expires and document.expires < today):
        return wording.EXPIRED_NOTE
    if document.effective and document.effective > today:
        return wording.NOT_YET_NOTE
    if document.validity == _TRIAL:
        return wording.TRIAL_NOTE
    return None


def with_validity(answer: Answer, document: Document | None, today: str) -> Answer:
    """`answer` with the note of the document its first citation rests on, under line one."""
    if answer.refused or not answer.citations or document is None:
        return answer
    note = validity_note(document, today)
    if note is None or note in answer.answer:
        return answer
    first, _, rest = answer.answer.partition("\n")
    text = "\n".join(part for part in (first, note, rest) if part)
    return replace(answer, answer=text)
