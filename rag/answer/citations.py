"""Citations are spans of the cleaned source: built, checked, and the numbers they support.

`make_citation` proves a quote is `document.text[start:end]` inside its clause;
`unsupported_numbers` finds any number an answer states that no cited quote contains.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rag.records import Answer, Citation, Clause, Document

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_MARKER = re.compile(r"\[\d+\]")

DocumentLookup = Callable[[str], Document | None]


class QuoteMismatch(ValueError):
    """A citation's quote is not the source text at its span: never show it."""


def make_citation(document: Document, clause: Clause, start: int, end: int) -> Citation:
    """A citation whose quote is exactly `document.text[start:end]`, inside the clause."""
    if not (clause.start <= start < end <= clause.end) or clause.doc_id != document.doc_id:
        raise QuoteMismatch(f"span {start}-{end} is outside clause {clause.clause_id}")
    quote = document.text[start:end]
    if quote != clause.text[start - clause.start : end - clause.start]:
        raise QuoteMismatch(f"clause {clause.clause_id} text differs from its document")
    return Citation(
        doc_id=document.doc_id,
        title=document.title,
        city=document.city,
        issuer=document.issuer,
        date=document.date,
        clause=clause.label,
        clause_id=clause.clause_id,
        quote=quote,
        source=document.source,
        start=start,
        end=end,
    )


def unsupported_numbers(text: str, quotes: Sequence[str]) -> list[str]:
    """Numbers in `text` (citation markers aside) that no quote states as a number of its
    own: "20" is not supported by a quote that only says "2025"."""
    stated = {n for quote in quotes for n in _NUMBER.findall(quote)}
    return [n for n in _NUMBER.findall(_MARKER.sub("", text)) if n not in stated]


def checked_answer(
    question: str, text: str, citations: Sequence[Citation], direct: str | None
) -> Answer:
    """The answer, after proving every number it states is in a cited quote."""
    quotes = [c.quote for c in citations]
    if unsupported_numbers(text, quotes):
        raise QuoteMismatch(f"unsupported numbers {unsupported_numbers(text, quotes)} in answer")
    return Answer(
        question=question, answer=text, refused=False, citations=tuple(citations), direct=direct
    )


def opening_citation(document: Document, clause: Clause) -> Citation:
    """The clause's first sentence (the whole clause when it has none) as a citation."""
    first = clause.sentences[0] if clause.sentences else None
    start, end = (first.start, first.end) if first else (clause.start, clause.end)
    return make_citation(document, clause, start, end)


def refusal(question: str, message: str) -> Answer:
    return Answer(question=question, answer=message, refused=True)
