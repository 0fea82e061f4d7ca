"""Validity travels with the answer: one resting on a draft, an expired or repealed document,
or one not yet in force says so right under its first line, on every channel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from rag.answer import wording
from rag.answer.citations import make_citation, opening_citation
from rag.answer.supersession import Replacement
from rag.lexicon.portal import DRAFT_STATUS, ENDED_STATUSES, TRIAL_STATUS
from rag.records import Answer, Citation, Clause, Document


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


def with_replacement(
    answer: Answer, replacement: Replacement | None, clauses: Sequence[Clause]
) -> Answer:
    """`answer` with a note, under its first line, that an indexed document replaces the one
    it rests on, citing where that document says so (its opening, for a later version);
    `clauses` are the replacing document's."""
    if answer.refused or replacement is None or not clauses:
        return answer
    citation = _replacing_words(replacement, clauses)
    if citation is None or any(c.clause_id == citation.clause_id for c in answer.citations):
        return answer
    return _noted(answer, wording.replaced_note, citation)


def _replacing_words(replacement: Replacement, clauses: Sequence[Clause]) -> Citation | None:
    document = replacement.by
    if replacement.span is None:
        return opening_citation(document, clauses[0])
    start, end = replacement.span
    for clause in clauses:
        if clause.start <= start < clause.end:
            return make_citation(document, clause, start, min(end, clause.end))
    return None


def with_older_version(answer: Answer, older: Document, clauses: Sequence[Clause]) -> Answer:
    """`answer`, from the current version, naming the older indexed one it replaces (cited
    by its opening) under its first line."""
    if answer.refused or not clauses:
        return answer
    return _noted(answer, wording.older_version_note, opening_citation(older, clauses[0]))


def _noted(answer: Answer, note: Callable[[int], str], citation: Citation) -> Answer:
    """`answer` with `note` (which refers to the new citation's marker) under its first line
    and the citation's quote at the end."""
    citations = (*answer.citations, citation)
    marker = len(citations)
    first, _, rest = answer.answer.partition("\n")
    quote = f"“{citation.quote}” [{marker}]"
    text = "\n".join(part for part in (first, note(marker), rest, quote) if part)
    return replace(answer, answer=text, citations=citations)
