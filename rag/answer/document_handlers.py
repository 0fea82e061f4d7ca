"""Handlers for questions about documents themselves: which are indexed, when and where each
was issued, and one clause verbatim by its number. No retrieval: the records answer."""

from __future__ import annotations

import re

from rag.answer import wording
from rag.answer.citations import refusal
from rag.answer.context import AnswerContext, Outcome
from rag.answer.document_answers import (
    catalogue_answer,
    clause_text_answer,
    document_city_answer,
    document_date_answer,
)
from rag.answer.validity import with_older_version
from rag.query.analysis import QueryPlan
from rag.records import Answer, Document
from rag.text.segment import normalise

_HAN_TAIL = re.compile(r"[\u4e00-\u9fff()]+$")  # the name written just before a clause number


def catalogue(context: AnswerContext, plan: QueryPlan) -> Outcome:
    """The indexed documents in scope, each cited by its opening sentence."""
    documents = [d for d in context.scope_documents(plan) if d.kind != "interpretation"]
    corpus = context.corpus
    openings = [(d, c[0]) for d in documents if (c := corpus.clauses(d.doc_id))]
    if not openings:
        return refusal(plan.question, wording.not_found(plan, context.covered_places())), []
    return catalogue_answer(plan.question, openings), []


def issue_date(context: AnswerContext, plan: QueryPlan) -> Outcome:
    """The date a document was issued is metadata (its 落款), shown with the citation of
    its opening clause; the answer text itself states no number."""
    documents = [d for d in context.scope_documents(plan) if d.date]
    main = [d for d in documents if d.kind != "interpretation"]
    policies = [d for d in main if d.kind in ("policy", "plan")] or main
    if len(policies) != 1:
        if not policies:
            return refusal(plan.question, wording.NO_DATE), []
        return refusal(plan.question, wording.which_document(policies)), []
    document = policies[0]
    clauses = context.corpus.clauses(document.doc_id)
    if not clauses:
        return refusal(plan.question, wording.NO_DATE), []
    return document_date_answer(plan.question, document, clauses[0]), []


def issuer_city(context: AnswerContext, plan: QueryPlan) -> Outcome:
    """Which city a document the question names is from: its recorded city, never a guess
    from its text or from the clauses that happen to match best."""
    named = [d for d in context.scope_documents(plan) if plan.doc_ids]
    named = [d for d in named if d.kind != "interpretation"]
    if not named:
        return refusal(plan.question, wording.UNKNOWN_DOCUMENT), []
    if len({d.city for d in named}) > 1:
        return refusal(plan.question, wording.which_document(named)), []
    document = named[0]
    clauses = context.corpus.clauses(document.doc_id)
    if not document.city or not clauses:
        return refusal(plan.question, wording.no_city(document)), []
    return document_city_answer(plan.question, document, clauses[0]), []


def clause_text(context: AnswerContext, plan: QueryPlan) -> Outcome:
    """One clause verbatim by its number (rag.text.clause_key), when only one is meant; from
    the current version of a law, naming the older version indexed beside it."""
    places = clauses_numbered(context, plan.clause_number or "", context.scope_documents(plan))
    if len(places) == 1:
        doc_id, clause_id = places[0]
        document, clause = context.corpus.document(doc_id), context.corpus.clause(clause_id)
        if document is not None and clause is not None:
            answer = clause_text_answer(plan.question, document, clause)
            return _naming_older_version(context, answer, document, places), []
    if not places:
        return refusal(plan.question, wording.CLAUSE_NOT_FOUND), []
    titled = context.documents_with_ids(doc_id for doc_id, _ in places)
    ending = title_ending_named(plan.question, plan.clause_number or "", titled)
    if ending is not None:
        clause = context.corpus.clause(next(c for d, c in places if d == ending.doc_id))
        if clause is not None:
            answer = clause_text_answer(plan.question, ending, clause)
            return _naming_older_version(context, answer, ending, places), []
    return refusal(plan.question, wording.clause_in_several(titled)), []


def _naming_older_version(
    context: AnswerContext, answer: Answer, current: Document, places: list[tuple[str, str]]
) -> Answer:
    """The newest of the older versions `current` replaces, cited by its clause of the same
    number (else its opening) under the first line."""
    older = [
        document
        for doc_id, replacement in context.replaced.items()
        if replacement.by.doc_id == current.doc_id and replacement.span is None
        if (document := context.corpus.document(doc_id)) is not None
    ]
    if not older:
        return answer
    previous = _newest(older)
    same_number = [context.corpus.clause(c) for d, c in places if d == previous.doc_id]
    clauses = [c for c in same_number if c is not None] or context.corpus.clauses(previous.doc_id)
    return with_older_version(answer, previous, clauses)


def title_ending_named(question: str, number: str, documents: list[Document]) -> Document | None:
    """ "刑法第二十条": a law is named by its title's tail (中华人民共和国刑法), and a title that
    goes on after the name (刑法修正案…) is another document. The one document whose title ends
    with the longest stretch written just before the clause number, if exactly one does."""
    before = question.split(number)[0] if number and number in question else ""
    run = _HAN_TAIL.search(before)
    if run is None:
        return None
    words = run.group(0)
    for length in range(len(words), 1, -1):
        ending = [d for d in documents if normalise(d.title).endswith(words[-length:])]
        if len({normalise(d.title) for d in ending}) == 1:
            return _newest(ending)  # one law; several versions of it: the newest answers
        if ending:
            return None
    return None


def _newest(versions: list[Document]) -> Document:
    return max(versions, key=lambda d: (d.effective or d.date or "", d.part))


def clauses_numbered(
    context: AnswerContext, number: str, documents: list[Document]
) -> list[tuple[str, str]]:
    """(doc_id, clause_id) of the clauses so numbered, through the number index (no clause
    is read); a policy's own one wins over its notice's or 解读's."""
    found = context.corpus.clause_places(number, {d.doc_id for d in documents})
    policies = [place for place in found if context.kind(place[0]) == "policy"]
    return policies if len(policies) == 1 else found
