"""Validity travels with the answer: one resting on a draft, an expired or repealed document,
or one not yet in force says so right under its first line, on every channel."""

from __future__ import annotations

from dataclasses import replace

from rag.answer import wording
from rag.lexicon.portal import DRAFT_STATUS, ENDED_STATUSES, TRIAL_STATUS
from rag.records import Answer, Document


def validity_note(document: Document, today: str) -> str | None:
    """The note for `document` on ISO date `today`, or None for a document in force."""
    if document.status == DRAFT_STATUS or document.validity == DRAFT_STATUS:
        return wording.DRAFT_NOTE
    if document.validity in ENDED_STATUSES or (document.expires and document.expires < today):
        return wording.EXPIRED_NOTE
    if document.effective and document.effective > today:
        return wording.NOT_YET_NOTE
    if document.validity == TRIAL_STATUS:
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
