"""Extractive answers: the fact in one line, the verbatim sentence(s), numbered citations.

Everything shown is a span of a cleaned source document; `make_citation` checks that, and
`unsupported_numbers` checks that no number is stated that a cited quote does not contain.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rag.facts.spans import fact_span
from rag.query.analysis import QueryPlan
from rag.records import Answer, Citation, Clause, Document, Hit
from rag.retrieve.hybrid import TITLE_CHARS, Retrieved, clause_title

# A secondary clause is shown only when it scores at least this share of the best one.
RELATED_SHARE = 0.85
WHOLE_CLAUSE_CHARS = 160  # an open question gets a clause this short in full

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_MARKER = re.compile(r"\[\d+\]")


class QuoteMismatch(ValueError):
    """A citation's quote is not the source text at its span: never show it."""


@dataclass(frozen=True)
class Quote:
    """A verbatim span of a clause's document, and where the asked fact stands inside it."""

    clause: Clause
    start: int
    end: int
    fact: tuple[int, int] | None = None


DocumentLookup = Callable[[str], Document | None]


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


def quote_for(hit: Hit, plan: QueryPlan) -> Quote:
    """The hit's best sentence as a document span, and where the asked fact stands in it.

    Only the best sentence is searched for the fact: a figure from a neighbouring sentence
    about something else must never become the direct answer.
    """
    clause = hit.clause
    if plan.fact_kind in ("general", "yesno") and len(clause.text) <= WHOLE_CLAUSE_CHARS:
        return Quote(clause, clause.start, clause.end)  # short enough to read whole
    start, end = _sentence_span(hit)
    text = clause.text[start - clause.start : end - clause.start]
    context = clause_title(clause) + text
    found = fact_span(plan.fact_kind, text, plan.terms, plan.question, strict=True, context=context)
    if plan.fact_kind == "department" or found is None:
        return Quote(clause, start, end)
    return Quote(clause, start, end, (start + found[0], start + found[1]))


def _sentence_span(hit: Hit) -> tuple[int, int]:
    """The best sentence; a bare title sentence is quoted together with the next one."""
    clause = hit.clause
    sentence = hit.sentence
    if sentence is None:
        return clause.start, clause.end
    following = [s for s in clause.sentences if s.start >= sentence.end]
    if len(sentence.text) < TITLE_CHARS and following:
        return sentence.start, following[0].end
    return sentence.start, sentence.end


def department_quote(hit: Hit) -> Quote | None:
    """The clause's responsibility note ("(市科技局、市财政局按职责分工负责)"), if it has one."""
    clause = hit.clause
    for sentence in reversed(clause.sentences or ()):
        found = fact_span("department", sentence.text, (), "")
        if found:
            offset = sentence.start
            return Quote(clause, offset, sentence.end, (offset + found[0], offset + found[1]))
    return None


def extractive_answer(
    plan: QueryPlan, retrieved: Retrieved, lookup: DocumentLookup, top_k: int
) -> Answer:
    """Direct fact line (when asked and found), then quotes with [n] markers."""
    hits = related_hits(retrieved, top_k)
    quotes = [quote_for(hit, plan) for hit in hits]
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
    if quotes[0].fact is not None:
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


def related_hits(retrieved: Retrieved, top_k: int) -> list[Hit]:
    """The best hit plus those close to it, at most top_k."""
    best = retrieved.hits[0].score
    return [h for h in retrieved.hits[: max(top_k, 1)] if h.score >= RELATED_SHARE * best]


def citation_for(quote: Quote, lookup: DocumentLookup) -> Citation:
    document = lookup(quote.clause.doc_id)
    if document is None:
        raise QuoteMismatch(f"document {quote.clause.doc_id} is not indexed")
    return make_citation(document, quote.clause, quote.start, quote.end)


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


def clause_text_answer(question: str, document: Document, clause: Clause) -> Answer:
    """ "第N条原文": the whole clause, verbatim."""
    citation = make_citation(document, clause, clause.start, clause.end)
    return checked_answer(question, f"“{citation.quote}” [1]", [citation], None)


def catalogue_answer(question: str, openings: Sequence[tuple[Document, Clause]]) -> Answer:
    """One line per document: its title and issuer, cited by its opening sentence."""
    lines = ["已索引的相关文件:"]
    citations = []
    for number, (document, clause) in enumerate(openings, start=1):
        citations.append(opening_citation(document, clause))
        issuer = f"({document.issuer})" if document.issuer else ""
        lines.append(f"《{document.title}》{issuer} [{number}]")
    return checked_answer(question, "\n".join(lines), citations, None)


def opening_citation(document: Document, clause: Clause) -> Citation:
    """The clause's first sentence (the whole clause when it has none) as a citation."""
    first = clause.sentences[0] if clause.sentences else None
    start, end = (first.start, first.end) if first else (clause.start, clause.end)
    return make_citation(document, clause, start, end)


def document_date_answer(question: str, document: Document, clause: Clause) -> Answer:
    """A document's issue date and issuer, as recorded with it; cited by its opening clause."""
    citation = opening_citation(document, clause)
    issuer = f"由{document.issuer}发布," if document.issuer else ""
    text = f"《{document.title}》{issuer}发布日期见来源 [1] 的文件信息。"
    return checked_answer(question, text, [citation], None)


def document_city_answer(question: str, document: Document, clause: Clause) -> Answer:
    """A document's city and issuer, as recorded with it; cited by its opening sentence."""
    citation = opening_citation(document, clause)
    issuer = f",发布单位为{document.issuer}" if document.issuer else ""
    text = f"《{document.title}》是{document.city}市的文件{issuer}。 [1]"
    return checked_answer(question, text, [citation], None)


def comparison_answer(
    plan: QueryPlan,
    per_city: Sequence[tuple[str, Retrieved]],
    lookup: DocumentLookup,
    not_covered: Sequence[str] = (),
) -> Answer:
    """One line per city: its best quote, or that its indexed policies do not say."""
    lines: list[str] = [f"{city}:已索引的政策不包括{city}市的文件。" for city in not_covered]
    citations: list[Citation] = []
    for city, retrieved in per_city:
        if not retrieved.confident:
            lines.append(f"{city}:已索引的{city}政策中没有找到相关条款。")
            continue
        quote = quote_for(retrieved.hits[0], plan)
        citations.append(citation_for(quote, lookup))
        lines.append(f"{city}:“{citations[-1].quote}” [{len(citations)}]")
    if not citations:
        return refusal(plan.question, NOT_FOUND)
    return checked_answer(plan.question, "\n".join(lines), citations, None)


NOT_FOUND = "已索引的政策中没有找到能回答这个问题的条款。"


def refusal(question: str, message: str) -> Answer:
    return Answer(question=question, answer=message, refused=True)
