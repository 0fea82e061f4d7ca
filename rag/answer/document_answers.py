"""Answers from a document's own record: its clause verbatim, the catalogue, its date, its city.

Each cites the clause it shows, or the document's opening sentence for what is metadata.
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.answer import wording
from rag.answer.citations import checked_answer, make_citation, opening_citation
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
