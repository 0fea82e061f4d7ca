"""Pure rendering for the HTTP channel: records in, JSON-ready dicts and plain text out.

Nothing here does I/O; the routes in `api.py` fetch records from the `AnswerService`
and hand them to these functions.
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.records import Answer, Citation, Clause, Document, Hit

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


def search_hit_json(hit: Hit, document: Document) -> dict[str, object]:
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
        "highlights": [list(span) for span in hit.highlights],
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
