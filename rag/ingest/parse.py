"""Ingestion: a file in, citable documents with clause records out.

load (by suffix) -> clean (noise out, portal metadata kept) -> split into documents ->
labels and reflow -> clause drafts -> records with content-hash ids. Pure except
`ingest_file`, which only reads the bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePath

from rag.ingest.attachments import attachment_names, is_form
from rag.ingest.cleaning import clean
from rag.ingest.limits import parse_time_limit, read_capped
from rag.ingest.loaders import SUPPORTED_SUFFIXES, IngestError, load_text
from rag.ingest.metadata import Metadata, describe, inherit
from rag.ingest.outline import outline_headings
from rag.ingest.page_chrome import is_link_listing
from rag.ingest.page_fields import clean_title
from rag.ingest.record_block import with_record_block
from rag.ingest.split import split_documents
from rag.ingest.structure import ClauseDraft, Part, draft_clauses, prepare_part
from rag.records import Clause, Document
from rag.text.labels import find_labels
from rag.text.sentences import departments, split_sentences

__all__ = [
    "SUPPORTED_SUFFIXES",
    "IngestError",
    "ParsedDocument",
    "ingest_bytes",
    "ingest_file",
]


@dataclass(frozen=True)
class ParsedDocument:
    document: Document  # document.text is the cleaned text every clause span points into
    clauses: tuple[Clause, ...]  # reading order


def ingest_file(path: Path, max_bytes: int = 20_000_000) -> list[ParsedDocument]:
    """Read and ingest one file; any problem is an `IngestError` naming the file."""
    source = str(path)
    data = read_capped(path, max_bytes)  # regular files only, never more than max_bytes
    with parse_time_limit(source):
        return ingest_bytes(data, source)


def ingest_bytes(data: bytes, source: str) -> list[ParsedDocument]:
    """The documents in `data`; the suffix of `source` picks the loader."""
    cleaned = clean(load_text(data, source))
    if is_link_listing(cleaned.text.split("\n")):
        raise IngestError(source, "a page of links (a column index), no document text")
    texts = split_documents(cleaned.text)
    outline = outline_headings(cleaned.metadata.get("提纲", "")) if len(texts) == 1 else ()
    parts = [prepare_part(text, outline, cleaned.columns) for text in texts]
    names = attachment_names(cleaned.text.split("\n"))
    parts = [part for part in parts if part.text.strip() and not _blank_form(part, names)]
    if not parts:
        raise IngestError(source, "no policy text left after cleaning")
    fallback = _fallback_title(cleaned.metadata, PurePath(source).stem)
    metas = inherit(
        [
            describe(
                part.text,
                _title(part, index, cleaned.metadata, names),
                cleaned.metadata,
                fallback,
                cleaned.history,
            )
            for index, part in enumerate(parts)
        ]
    )
    digest = hashlib.sha256(data).hexdigest()[:16]
    parsed: list[ParsedDocument] = []
    for index, (part, meta) in enumerate(zip(parts, metas, strict=True)):
        owner = next((p for p in reversed(parsed) if not p.document.attached_to), None)
        attached_to = owner.document.doc_id if owner and part.attachment else None
        portal = cleaned.metadata if index == 0 else {}
        parsed.append(_parsed(part, meta, source, digest, index, attached_to, portal))
    return parsed


def _blank_form(part: Part, names: dict[str, str]) -> bool:
    """An attachment that is a blank form or 回执 is no policy: it is left out."""
    return part.attachment is not None and is_form(part.title or names.get(part.attachment))


def _fallback_title(portal: dict[str, str], stem: str) -> str:
    return portal.get("标题") or stem


def _title(part: Part, index: int, portal: dict[str, str], names: dict[str, str]) -> str | None:
    """A page's own title (its metadata or title tag) names the file's first document; an
    attachment without a title line is named by the 附件说明 entry of its number."""
    if index == 0 and (title := clean_title(portal.get("标题", ""))):
        return title
    if part.attachment is not None and not part.title:
        return names.get(part.attachment) or _first_heading(part)
    return part.title or _first_heading(part)


def _first_heading(part: Part) -> str | None:
    """An untitled text is named by its first heading (its outline's, when it has one)."""
    if part.outline:
        heading = part.outline[0][1]
        labels = find_labels(heading)
        return heading[labels[0].end :] if labels and labels[0].start == 0 else heading
    for label in part.labels:
        line = part.text[label.end :].split("\n", 1)[0].strip().rstrip("。")
        if line:
            return line
    return None


def _parsed(
    part: Part,
    meta: Metadata,
    source: str,
    digest: str,
    index: int,
    attached_to: str | None,
    portal: dict[str, str],
) -> ParsedDocument:
    """The document and its clauses; the file's first one also carries the page's record."""
    doc_id = Document.make_id(PurePath(source).name, index, meta.title)
    text, drafts = with_record_block(part.text, draft_clauses(part), portal)
    document = Document(
        doc_id=doc_id,
        title=meta.title,
        text=text,
        source=source,
        content_hash=digest,
        city=meta.city,
        issuer=meta.issuer,
        date=meta.date,
        doc_number=meta.doc_number,
        status="征求意见稿" if meta.status == "征求意见稿" else "正式",
        kind=meta.kind,
        truncated=meta.truncated,
        part=index,
        issuers=meta.issuers,
        effective=meta.effective,
        expires=meta.expires,
        validity=meta.validity,
        place=meta.place,
        place_chain=meta.place_chain,
        attached_to=attached_to,
        addressees=meta.addressees,
    )
    return ParsedDocument(document, _link(doc_id, text, drafts))


def _link(doc_id: str, text: str, drafts: list[ClauseDraft]) -> tuple[Clause, ...]:
    """Clause records with ids, sentences, departments and prev/next neighbours."""
    seen: set[str] = set()
    ids: list[str] = []
    for ordinal, draft in enumerate(drafts):
        body = text[draft.start : draft.end]
        clause_id = Clause.make_id(doc_id, draft.path, draft.number, body)
        if clause_id in seen:  # the same paragraph twice under one heading
            clause_id = Clause.make_id(doc_id, draft.path, f"{draft.number}#{ordinal}", body)
        seen.add(clause_id)
        ids.append(clause_id)
    clauses = []
    for ordinal, (draft, clause_id) in enumerate(zip(drafts, ids, strict=True)):
        body = text[draft.start : draft.end]
        clauses.append(
            Clause(
                clause_id=clause_id,
                doc_id=doc_id,
                path=draft.path,
                number=draft.number,
                heading=draft.heading,
                text=body,
                start=draft.start,
                end=draft.end,
                ordinal=ordinal,
                departments=departments(body),
                columns=draft.columns,
                sentences=split_sentences(text[draft.body_start : draft.end], draft.body_start),
                prev_id=ids[ordinal - 1] if ordinal else None,
                next_id=ids[ordinal + 1] if ordinal + 1 < len(ids) else None,
            )
        )
    return tuple(clauses)
