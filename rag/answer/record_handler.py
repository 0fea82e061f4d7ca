"""A question about a named document's own record: 文号, issuer, 施行, validity, meeting.

Answered by quoting where the document (or the page it came from) states it; a field it
never states is looked for by ordinary retrieval instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from rag.answer import wording
from rag.answer.citations import checked_answer, refusal
from rag.answer.context import AnswerContext, Outcome
from rag.answer.document_answers import record_answer
from rag.answer.validity import with_older_version
from rag.facts.record import Family, Statement, latest_amendment, statements
from rag.query.analysis import QueryPlan, documents_named
from rag.query.places import place_scope
from rag.records import Citation, Document

MARKER = re.compile(r"\[(\d+)\]")

# statements quoted per field: validity may be stated by status, end date and term at once
QUOTED = {"validity": 3}
# "哪天印发的" is answered with who issued it, unless the date's own line already says so
COMPANIONS = {"issued": "issuer"}
DATE_FIELDS = frozenset({"effective"})


def record(context: AnswerContext, plan: QueryPlan, fallback: Callable[..., Outcome]) -> Outcome:
    if len(plan.places) >= 2:
        compared = _compared(context, plan, fallback)
        if compared is not None:
            return compared
    named, older = _current_versions(context, context.scope_documents(plan))
    sources = list(dict.fromkeys(d.source for d in named))
    if len(sources) > 1:
        return refusal(plan.question, wording.which_document(named)), []
    if not sources:
        return fallback(context, plan)
    family = _family(context, named, sources[0])
    found: list[list[Statement]] = []
    for field in plan.record_fields:
        stated = statements(field, family, plan.question)[: QUOTED.get(field, 1)]
        if stated:
            found.append(stated)
        companion = COMPANIONS.get(field)
        if stated and companion and companion not in plan.record_fields:
            found.extend(_companion(statements(companion, family, plan.question), stated))
    if not found and older is not None and "validity" in plan.record_fields:
        # no validity statement, two versions indexed: the current one's latest amendment
        # line says which text is in force (and the older version is named under it)
        latest = latest_amendment(family)[:1]
        found = [latest] if latest else []
    if not found:
        return _searched(context, plan, fallback, named[0])
    answer = record_answer(plan.question, found)
    if older is not None:  # answered from the current version: name the older one
        answer = with_older_version(answer, older, context.corpus.clauses(older.doc_id))
    return answer, []


def _compared(
    context: AnswerContext, plan: QueryPlan, fallback: Callable[..., Outcome]
) -> Outcome | None:
    """One title's record asked of two or more places ("甲省和乙省的…条例分别哪天施行"): each
    place's document so titled answers on a line of its own, the place first, then all the
    quotes. None when a place has no such document or its record does not answer."""
    documents = context.corpus.documents()
    titled = documents_named(plan.question, documents, ())
    stated: list[str] = []
    quoted: list[str] = []
    directs: list[str] = []
    citations: list[Citation] = []
    for place in plan.places:
        there = set(place_scope(place, documents) or ())
        ids = tuple(d for d in titled if d in there)
        if not ids:
            return None
        one = replace(plan, doc_ids=ids, names_document=True, places=(), cities=())
        answer, _ = record(context, one, fallback)
        if answer.refused or not answer.citations:
            return None
        first, *quotes = _renumbered(answer.answer, len(citations)).split("\n")
        stated.append(f"{place}:{first}")
        directs.append(f"{place}:{answer.direct}" if answer.direct else "")
        quoted.extend(quotes)
        citations.extend(answer.citations)
    direct = "；".join(directs) if all(directs) else None
    return checked_answer(plan.question, "\n".join(stated + quoted), citations, direct), []


def _renumbered(text: str, offset: int) -> str:
    return MARKER.sub(lambda m: f"[{int(m.group(1)) + offset}]", text)


def _searched(
    context: AnswerContext, plan: QueryPlan, fallback: Callable[..., Outcome], named: Document
) -> Outcome:
    """A field the record does not state, looked for by retrieval: a date asked (施行) that
    no retrieved sentence states is not stated, rather than answered by clauses without one."""
    answer, hits = fallback(context, plan)
    dated_only = all(field in DATE_FIELDS for field in plan.record_fields)
    if dated_only and not answer.refused and answer.direct is None:
        return refusal(plan.question, wording.date_not_stated(named.title)), []
    return answer, hits


def _current_versions(
    context: AnswerContext, named: list[Document]
) -> tuple[list[Document], Document | None]:
    """Two versions of one document named by their shared title: the current one answers
    (a document no other named one replaces), and the newest replaced one is returned to be
    named beside it."""
    ids = {d.doc_id for d in named}
    replaced = context.replaced
    older = [d for d in named if d.doc_id in replaced and replaced[d.doc_id].by.doc_id in ids]
    current = [d for d in named if d not in older]
    if not older or len({d.source for d in current}) != 1:
        return named, None
    return current, max(older, key=lambda d: d.date or "")


def _companion(candidates: list[Statement], stated: list[Statement]) -> list[list[Statement]]:
    if not candidates or any(candidates[0].value in s.quote for s in stated):
        return []
    return [candidates[:1]]


def _family(context: AnswerContext, named: list[Document], source: str) -> Family:
    """The named documents first, then the rest of the file they come from, in file order."""
    rest = [d for d in context.corpus.documents() if d.source == source and d not in named]
    ordered = sorted(named, key=lambda d: d.part) + sorted(rest, key=lambda d: d.part)
    return [(d, context.corpus.clauses(d.doc_id)) for d in ordered]
