"""Extractive answers: the fact in one line, the verbatim sentence(s), numbered citations.

Everything shown is a span of a cleaned source document (rag.answer.citations checks it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rag.answer import wording
from rag.answer.citations import (
    DocumentLookup,
    QuoteMismatch,
    checked_answer,
    make_citation,
    refusal,
)
from rag.facts.spans import fact_span
from rag.lexicon import figures
from rag.lexicon.cues import CLAUSE_NUMBER_ASKED
from rag.lexicon.figures import FIGURE_KINDS
from rag.query.analysis import QueryPlan
from rag.records import Answer, Citation, Clause, Hit, Sentence
from rag.retrieve.rerank import Retrieved, escalation
from rag.retrieve.scoring import ScoringModel
from rag.text.sentences import first_item_start, lead_in_sentence, quote_span

# A secondary clause is shown only when it scores at least this share of the best one.


@dataclass(frozen=True)
class Quote:
    """A verbatim span of a clause's document, and where the asked fact stands inside it."""

    clause: Clause
    start: int
    end: int
    fact: tuple[int, int] | None = None


def quote_for(hit: Hit, plan: QueryPlan, scoring: ScoringModel) -> Quote:
    """The hit's best sentence as a document span, and where the asked fact stands in it.

    The fact is the one ranking found in that span (`Hit.fact`): only the quoted sentence is
    searched, so a figure from a neighbouring sentence never becomes the direct answer.
    """
    quote = _best_span(hit, plan, scoring)
    if CLAUSE_NUMBER_ASKED.search(plan.question):  # from the opening, where its number stands
        clause = hit.clause
        return Quote(clause, clause.start, max(quote.end, _first_sentence_end(clause)), quote.fact)
    return quote


def _best_span(hit: Hit, plan: QueryPlan, scoring: ScoringModel) -> Quote:
    clause = hit.clause
    short = len(clause.text) <= scoring.whole_clause_chars
    if short and (plan.fact_kind in ("general", "yesno") or hit.fact is None):
        # short enough to read whole; a fact question whose best sentence states no fact may
        # find it in the clause's next sentence, which names the subject only by the first
        return Quote(clause, clause.start, clause.end)
    start, end = quote_span(clause, hit.sentence)
    if hit.sentence is None:
        return Quote(clause, start, end, hit.fact)
    if hit.fact is None:
        under = _with_its_lead_in(clause, hit.sentence, plan, end)
        if under is not None:
            return under
    rung = escalation(hit, plan)
    end = rung.end if rung is not None and rung.start >= end else end
    return Quote(
        clause, _from_its_lead_in(clause, hit.sentence, start, end, scoring), end, hit.fact
    )


def _first_sentence_end(clause: Clause) -> int:
    return clause.sentences[0].end if clause.sentences else clause.end


def _from_its_lead_in(
    clause: Clause, item: Sentence, start: int, end: int, scoring: ScoringModel
) -> int:
    """Where the quote of a listed item starts: at its lead-in when the item and the items
    before it state no sum (an item alone does not say whom or when it applies to; items
    with their own sums, a penalty each, are read alone) and the lead-in is near."""
    lead = lead_in_sentence(clause, item)
    if lead is None or end - lead.start > scoring.lead_in_chars:
        return start
    between = clause.text[lead.end - clause.start : end - clause.start]
    return start if figures.AMOUNT.search(between) else min(start, lead.start)


def _with_its_lead_in(clause: Clause, item: Sentence, plan: QueryPlan, end: int) -> Quote | None:
    """A listed item asked about ("(三)未公示收费标准的") that states no figure, under a
    lead-in that states one ("有下列情形之一的，处五千元罚款：", "…之一的，一次记6分："): the
    lead-in's figure holds for every item, so the quote runs from the clause's opening to the
    item and the figure answers."""
    if plan.fact_kind not in FIGURE_KINDS or lead_in_sentence(clause, item) is None:
        return None
    items_start = first_item_start(clause)
    lead = clause.text[:items_start]
    found = fact_span(plan.fact_kind, lead, plan.terms, plan.question)
    if found is None:
        return None
    fact = (clause.start + found[0], clause.start + found[1])
    return Quote(clause, clause.start, end, fact)


def department_quote(hit: Hit) -> Quote | None:
    """The clause's responsibility note ("(市科技局、市财政局按职责分工负责)"), if it has one."""
    clause = hit.clause
    for sentence in reversed(clause.sentences or ()):
        note = figures.DEPARTMENT_NOTE.search(sentence.text)
        if note:
            offset = sentence.start
            return Quote(
                clause, offset, sentence.end, (offset + note.start(1), offset + note.end(1))
            )
    return None


def extractive_answer(
    plan: QueryPlan,
    retrieved: Retrieved,
    lookup: DocumentLookup,
    top_k: int,
    scoring: ScoringModel,
) -> Answer:
    """Direct fact line (when asked and found), then quotes with [n] markers."""
    hits = related_hits(retrieved, top_k, scoring)
    quotes = [quote_for(hit, plan, scoring) for hit in hits]
    if retrieved.support is not None and top_k > 1:
        extra = retrieved.support
        if not any(q.start <= extra.start < q.end for q in quotes):
            quotes.insert(1, Quote(hits[0].clause, extra.start, extra.end))
    if plan.fact_kind == "department":
        note = department_quote(hits[0])
        quotes = [note, *quotes] if note else quotes
    quotes = distinct_quotes(quotes)
    citations = [citation_for(q, lookup) for q in quotes]
    lines = []
    direct = None
    # a figure holding for some items of a list only: which item is asked is not known
    if quotes[0].fact is not None and not figures.FOR_SOME_ITEMS.search(citations[0].quote):
        start, end = quotes[0].fact
        direct = citations[0].quote[start - quotes[0].start : end - quotes[0].start]
        lines.append(f"{direct} [1]")
    lines.extend(f"“{c.quote}” [{i}]" for i, c in enumerate(citations, start=1))
    return checked_answer(plan.question, "\n".join(lines), citations, direct)


def distinct_quotes(quotes: Sequence[Quote]) -> list[Quote]:
    """Never the same clause (or the same words) twice: two quotes of one clause become one
    span covering both (still verbatim), and a quote whose text an earlier one already
    shows (a clause restated in a 解读, a copy of a document) is dropped."""
    kept: list[Quote] = []
    for quote in quotes:
        same = next(
            (i for i, k in enumerate(kept) if k.clause.clause_id == quote.clause.clause_id), None
        )
        if same is not None:
            first = kept[same]
            kept[same] = Quote(first.clause, min(first.start, quote.start),
                               max(first.end, quote.end), first.fact)  # fmt: skip
        elif all(quote_text(k) != quote_text(quote) for k in kept):
            kept.append(quote)
    return kept


def quote_text(quote: Quote) -> str:
    offset = quote.clause.start
    return "".join(quote.clause.text[quote.start - offset : quote.end - offset].split())


def related_hits(retrieved: Retrieved, top_k: int, scoring: ScoringModel) -> list[Hit]:
    """The best hit plus those close to it, at most top_k."""
    best = retrieved.hits[0].score
    return [h for h in retrieved.hits[: max(top_k, 1)] if h.score >= scoring.related_share * best]


def citation_for(quote: Quote, lookup: DocumentLookup) -> Citation:
    document = lookup(quote.clause.doc_id)
    if document is None:
        raise QuoteMismatch(f"document {quote.clause.doc_id} is not indexed")
    return make_citation(document, quote.clause, quote.start, quote.end)


def comparison_answer(
    plan: QueryPlan,
    per_city: Sequence[tuple[str, Retrieved]],
    lookup: DocumentLookup,
    scoring: ScoringModel,
    not_covered: Sequence[str] = (),
) -> Answer:
    """One line per city: its best quote, or that its indexed policies do not say."""
    lines: list[str] = [wording.city_not_covered_line(city) for city in not_covered]
    citations: list[Citation] = []
    for city, retrieved in per_city:
        if not retrieved.confident:
            lines.append(wording.city_not_found_line(city))
            continue
        quote = quote_for(retrieved.hits[0], plan, scoring)
        support = retrieved.support  # a citing sentence's penalty stated in the next one
        if support is not None and quote.start <= support.start and support.end > quote.end:
            quote = Quote(quote.clause, quote.start, support.end)
        citations.append(citation_for(quote, lookup))
        lines.append(f"{city}:“{citations[-1].quote}” [{len(citations)}]")
    if not citations:
        return refusal(plan.question, wording.NOT_FOUND)
    return checked_answer(plan.question, "\n".join(lines), citations, None)
