"""A message that asks more than one thing ("摊位费能减免吗，最多减免多久？"): its asks, each
answered in turn. Pure functions over text and `QueryPlan`."""

from __future__ import annotations

import re
from dataclasses import replace

from rag.lexicon.asking import ASK_END, ASKED_QUANTITY_AFTER, ASKING
from rag.query.analysis import QueryPlan
from rag.query.terms import subject_groups


def asks_of(question: str) -> tuple[str, ...]:
    """The message's asks in order. A piece that asks nothing (the asker's situation, "我刚
    搬家。") belongs to the ask after it, or to the last ask when it closes the message."""
    asks: list[str] = []
    pending = ""
    for piece in ASK_END.split(question):
        if not piece.strip():
            continue
        if ASKING.search(piece):
            asks.append(pending + piece)
            pending = ""
        else:
            pending += piece
    if pending and asks:
        asks[-1] += pending
    return tuple(a.strip() for a in asks) or (question,)


def _asked_quantities(message: QueryPlan, ask: str) -> set[str]:
    """The words whose quantity another ask of the message asks ("满分多少，几分过关": 满分 is
    the first ask's own focus, not the subject the later one shares)."""
    others = [a for a in asks_of(message.question) if a != ask]
    return {
        group.term
        for group in message.terms
        for other in others
        if any(
            ASKED_QUANTITY_AFTER.match(other, found.end())
            for found in re.finditer(re.escape(group.term), other)
        )
    }


def later_ask_plans(ask: QueryPlan, message: QueryPlan) -> tuple[QueryPlan, ...]:
    """How a later ask of a message is searched, in turn: about the message's subject ("…能减免
    吗，最多减免多久" asks how long the 减免 may last); and, when it names a subject of its
    own, about that, the message's subject only ranking its clauses. Both in the message's
    places and documents unless the ask names its own, and for the asker the message
    describes."""
    own = {group.term for group in ask.terms}
    focus = _asked_quantities(message, ask.question)
    topic = tuple(
        g for g in subject_groups(message.terms) if g.term not in own and g.term not in focus
    )
    scoped = ask if ask.names_scope or ask.place else message
    carried = replace(
        ask,
        cities=scoped.cities,
        doc_ids=scoped.doc_ids,
        scope_ids=scoped.scope_ids,
        names_document=scoped.names_document,
        place=scoped.place,
        city_without_documents=scoped.city_without_documents,
        terms=(*ask.terms, *topic),
        told=message.told,
        scene=message.scene,
        excluded=ask.excluded or message.excluded,
    )
    if not subject_groups(ask.terms) or not topic:
        return (carried,)
    return carried, replace(carried, terms=ask.terms, context=topic)
