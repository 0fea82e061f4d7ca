"""Answers from a document's own record: its clause verbatim, the catalogue, its date, its city,
what it states about itself (文号, issuer, 施行, validity, adopting meeting).

Each cites the clause it shows, or the document's opening sentence for what is metadata.
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.answer import wording
from rag.answer.citations import checked_answer, make_citation, opening_citation
from rag.facts.record import Statement
from rag.records import Answer, Clause, Document


def clause_text_answer(question: str, document: Document, clause: Clause) -> Answer:
    """ "第N条原文": the whole clause, verbatim."""
    citation = make_citation(document, clause, clause.start, clause.end)
    return checked_answer(question, f"“{citation.quote}” [1]", [citation], None)


def catalogue_answer(question: str, openings: Sequence[tuple[Document, Clause]]) -> Answer:
    """One line per document: its title and issuer, cited by its opening sentence."""
    lines = [wording.CATALOGUE_HEADING]
    citations = []
    for number, (document, clause) in enumerate(openings, start=1):
        citations.append(opening_citation(document, clause))
        lines.append(wording.catalogue_line(document, number))
    return checked_answer(question, "\n".join(lines), citations, None)


def document_date_answer(question: str, document: Document, clause: Clause) -> Answer:
    """A document's issue date and issuer, as recorded with it; cited by its opening clause."""
    citation = opening_citation(document, clause)
    return checked_answer(question, wording.issue_date_line(document), [citation], None)


def document_city_answer(question: str, document: Document, clause: Clause) -> Answer:
    """A document's city and issuer, as recorded with it; cited by its opening sentence."""
    citation = opening_citation(document, clause)
    return checked_answer(question, wording.issuer_city_line(document), [citation], None)


def record_answer(question: str, found: Sequence[Sequence[Statement]]) -> Answer:
    """A first line stating what the document says for each asked field, then the quotes:
    statements of one clause (lines of the page's record) share one citation spanning them."""
    statements = [statement for field in found for statement in field]
    spans: dict[str, tuple[Statement, int, int]] = {}
    for statement in statements:
        key = statement.clause.clause_id
        earliest, start, end = spans.get(key, (statement, statement.start, statement.end))
        spans[key] = (earliest, min(start, statement.start), max(end, statement.end))
    citations = [
        make_citation(s.document, s.clause, start, end) for s, start, end in spans.values()
    ]
    number = {key: index for index, key in enumerate(spans, start=1)}
    stated = [(s.value, number[s.clause.clause_id]) for s in statements]
    line = "；".join(f"{value} [{marker}]" for value, marker in stated)
    quotes = [f"“{c.quote}” [{i}]" for i, c in enumerate(citations, start=1)]
    direct = "；".join(value for value, _ in stated) or None
    return checked_answer(question, "\n".join([line, *quotes]), citations, direct)
