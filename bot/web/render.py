"""Pure rendering for the HTTP channel: records in, JSON-ready dicts and plain text out.

Nothing here does I/O; the routes in `api.py` fetch records from the `AnswerService`
and hand them to these functions.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence

from rag.records import Answer, Citation, Clause, Document, Hit
from rag.text.segment import normalise, segmenter, tokenize

MIN_HIGHLIGHT_CHARS = 2  # single characters (的, 和, 市 …) would light up every clause
PREVIEW_CHARS = 40


def document_json(document: Document, clause_count: int) -> dict[str, object]:
    """A document's metadata, without its (long) text."""
    return {
        "doc_id": document.doc_id,
        "title": document.title,
        "city": document.city,
        "issuer": document.issuer,
        "date": document.date,
        "doc_number": document.doc_number,
        "status": document.status,
        "kind": document.kind,
        "source": document.source,
        "truncated": document.truncated,
        "clause_count": clause_count,
    }


def clause_ref_json(clause: Clause) -> dict[str, object]:
    """Enough to link to a clause: id, number, label, heading and the start of its text."""
    return {
        "clause_id": clause.clause_id,
        "number": clause.number,
        "heading": clause.heading,
        "label": clause.label,
        "preview": preview(clause.text),
    }


def preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW_CHARS else flat[:PREVIEW_CHARS] + "…"


def clause_json(
    clause: Clause, document: Document, prev: Clause | None, next_: Clause | None
) -> dict[str, object]:
    """Exact clause text with its location, source document and neighbours."""
    return {
        **clause_ref_json(clause),
        "doc_id": clause.doc_id,
        "path": list(clause.path),
        "text": clause.text,
        "start": clause.start,
        "end": clause.end,
        "ordinal": clause.ordinal,
        "departments": list(clause.departments),
        "sentences": [{"text": s.text, "start": s.start, "end": s.end} for s in clause.sentences],
        "source": document.source,
        "document": document_json(document, clause_count=-1),
        "prev": clause_ref_json(prev) if prev else None,
        "next": clause_ref_json(next_) if next_ else None,
    }


def clause_tree(clauses: Sequence[Clause]) -> list[dict[str, object]]:
    """Nest clauses under their headings (`Clause.path`), keeping reading order.

    A heading that reappears after a different one starts a new section, so the tree
    never reorders the document.
    """
    root: list[dict[str, object]] = []
    for clause in clauses:
        children = root
        for title in clause.path:
            last = children[-1] if children else None
            if not (last and last["kind"] == "section" and last["title"] == title):
                last = {"kind": "section", "title": title, "children": []}
                children.append(last)
            children = last["children"]  # type: ignore[assignment]
        children.append({"kind": "clause", **clause_ref_json(clause)})
    return root


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of `text` that are query terms (`rag.text.segment.tokenize`), merged, in order.

    A term counts where the text's own segmentation agrees: it lies inside one word of
    the text ("投资" in "创业投资机构") or starts and ends on word boundaries, never across
    one ("业投" in "企业|投资" is not a match).
    """
    terms = {t for t in tokenize(query) if len(t) >= MIN_HIGHLIGHT_CHARS}
    if not terms:
        return []
    folded, origin = _fold(text)
    cuts = _word_cuts(folded)
    spans = [
        (origin[start], origin[start + len(term) - 1] + 1)
        for term in terms
        for start in _occurrences(folded, term)
        if _respects_words(start, start + len(term), cuts)
    ]
    return _merge(sorted(spans))


def _fold(text: str) -> tuple[str, list[int]]:
    """`text` normalised as the tokenizer does, and each folded character's index in `text`."""
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = normalise(char)
        pieces.append(piece)
        origin.extend([index] * len(piece))
    return "".join(pieces), origin


def _word_cuts(folded: str) -> list[int]:
    """Offsets where the tokenizer's (precise-mode) segmentation puts a word boundary."""
    cuts, offset = [0], 0
    for word in segmenter().cut(folded, HMM=False):
        offset += len(word)
        cuts.append(offset)
    return cuts


def _occurrences(text: str, term: str) -> Iterator[int]:
    start = text.find(term)
    while start != -1:
        yield start
        start = text.find(term, start + 1)


def _respects_words(start: int, end: int, cuts: list[int]) -> bool:
    inside = bisect_right(cuts, start) == bisect_left(cuts, end)  # no cut in (start, end)
    aligned = start in cuts and end in cuts
    return inside or aligned


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def search_hit_json(hit: Hit, document: Document, query: str) -> dict[str, object]:
    """A search result: the clause, where it stands, and which characters matched."""
    clause = hit.clause
    sentence = None
    if hit.sentence is not None:
        sentence = {
            "start": hit.sentence.start - clause.start,
            "end": hit.sentence.end - clause.start,
        }
    return {
        **clause_ref_json(clause),
        "doc_id": clause.doc_id,
        "title": document.title,
        "city": document.city,
        "issuer": document.issuer,
        "date": document.date,
        "status": document.status,
        "text": clause.text,
        "score": hit.score,
        "highlights": [list(span) for span in highlight_spans(clause.text, query)],
        "sentence": sentence,
    }


def answer_json(answer: Answer) -> dict[str, object]:
    """`Answer.to_json()` (the `policybot ask --json` shape) plus what the page needs:

    citation offsets (to highlight the quote inside its clause), the session id and the
    plain text staff paste into a reply.
    """
    body = answer.to_json()
    body["citations"] = [{**c.to_json(), "start": c.start, "end": c.end} for c in answer.citations]
    body["session_id"] = answer.session_id
    body["plain_text"] = answer_plain_text(answer)
    return body


def answer_plain_text(answer: Answer) -> str:
    """The answer followed by its numbered sources, ready to paste into a reply.

    A quote the answer text already carries is not repeated under its source.
    """
    text = answer.answer.strip()
    if not answer.citations:
        return text
    lines = [text, "", "出处:"]
    for number, citation in enumerate(answer.citations, start=1):
        lines.append(f"[{number}] {citation_line(citation)}")
        if citation.quote not in text:
            lines.append(f"    原文:“{citation.quote}”")
    return "\n".join(lines)


def citation_line(citation: Citation) -> str:
    """《title》(issuer, date) clause — the parts that are known."""
    where = ", ".join(part for part in (citation.issuer, citation.date) if part)
    title = f"《{citation.title.strip('《》')}》"
    return " ".join(
        part for part in (title + (f"({where})" if where else ""), citation.clause) if part
    )
