"""The clause store's SQLite schema, and the records of `rag.records` as its rows.

Rows map 1:1 onto the frozen records; list-valued fields are JSON.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rag.index.numbering import clause_lookup_key
from rag.records import Clause, Document, Sentence

SCHEMA = """
CREATE TABLE files (
    source TEXT PRIMARY KEY, content_hash TEXT NOT NULL, size INTEGER NOT NULL
);
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY, file TEXT NOT NULL, source TEXT NOT NULL, part INTEGER NOT NULL,
    title TEXT NOT NULL, text TEXT NOT NULL, content_hash TEXT NOT NULL, city TEXT,
    issuer TEXT, date TEXT, doc_number TEXT, status TEXT NOT NULL, kind TEXT NOT NULL,
    truncated INTEGER NOT NULL, issuers TEXT NOT NULL DEFAULT '[]', effective TEXT,
    expires TEXT, validity TEXT, place TEXT, place_chain TEXT NOT NULL DEFAULT '[]',
    attached_to TEXT, addressees TEXT
);
CREATE TABLE clauses (
    clause_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, ordinal INTEGER NOT NULL,
    path TEXT NOT NULL, number TEXT, heading TEXT, text TEXT NOT NULL,
    start_at INTEGER NOT NULL, end_at INTEGER NOT NULL, departments TEXT NOT NULL,
    sentences TEXT NOT NULL, prev_id TEXT, next_id TEXT, columns TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX clauses_by_doc ON clauses (doc_id, ordinal);
CREATE TABLE clause_numbers (
    number_key TEXT NOT NULL, doc_id TEXT NOT NULL, ordinal INTEGER NOT NULL,
    clause_id TEXT NOT NULL, PRIMARY KEY (number_key, doc_id, ordinal)
) WITHOUT ROWID;
CREATE INDEX documents_by_file ON documents (file);
"""

DOCUMENT_COLUMNS = (
    "doc_id, title, text, source, content_hash, city, issuer, date, doc_number, status, "
    "kind, truncated, part, issuers, effective, expires, validity, place, place_chain, "
    "attached_to, addressees"
)
CLAUSE_COLUMNS = (
    "clause_id, doc_id, path, number, heading, text, start_at, end_at, ordinal, departments, "
    "sentences, prev_id, next_id, columns"
)
NUMBERED_SQL = (
    "SELECT n.doc_id, n.clause_id, c.number FROM clause_numbers n "
    "JOIN documents d ON d.doc_id = n.doc_id JOIN clauses c ON c.clause_id = n.clause_id "
    "WHERE n.number_key = ?{} ORDER BY d.file, d.part, n.ordinal"
)
IN_SQL_MAX = 200  # a scope of up to this many documents is filtered by the index itself
INDEX_ROWS_SQL = (
    "SELECT c.clause_id, c.doc_id, COALESCE(d.city, ''), c.text, {columns} FROM clauses c "
    "JOIN documents d ON d.doc_id = c.doc_id ORDER BY d.file, d.part, c.ordinal"
)
SCANNED_SQL = (
    "SELECT c.doc_id, c.clause_id, c.number FROM clauses c JOIN documents d "
    "ON d.doc_id = c.doc_id WHERE c.number IS NOT NULL ORDER BY d.file, d.part, c.ordinal"
)


LATER_COLUMN_DEFAULTS = {"issuers": "'[]'", "place_chain": "'[]'", "columns": "'[]'"}


@dataclass(frozen=True)
class StoredFile:
    """An indexed source file: `source` is its resolved path, the key for incremental runs."""

    source: str
    content_hash: str
    size: int


@dataclass(frozen=True)
class DocumentRecords:
    """One document with its clauses, as stored and as produced by ingestion."""

    document: Document
    clauses: tuple[Clause, ...]


def document_row(doc: Document, file: str) -> tuple[Any, ...]:
    return (
        doc.doc_id, file, doc.source, doc.part, doc.title, doc.text, doc.content_hash,
        doc.city, doc.issuer, doc.date, doc.doc_number, doc.status, doc.kind, int(doc.truncated),
        json.dumps(list(doc.issuers), ensure_ascii=False), doc.effective, doc.expires,
        doc.validity, doc.place, json.dumps(list(doc.place_chain), ensure_ascii=False),
        doc.attached_to, doc.addressees,
    )  # fmt: skip


def row_document(row: Sequence[Any]) -> Document:
    doc_id, title, text, source, chash, city, issuer, date, number, status, kind, trunc, part = row[
        :13
    ]
    issuers, effective, expires, validity, place, chain, attached_to, addressees = row[13:]
    return Document(
        doc_id=doc_id, title=title, text=text, source=source, content_hash=chash, city=city,
        issuer=issuer, date=date, doc_number=number, status=status, kind=kind,
        truncated=bool(trunc), part=part, issuers=tuple(json.loads(issuers)),
        effective=effective, expires=expires, validity=validity, place=place,
        place_chain=tuple(json.loads(chain)), attached_to=attached_to, addressees=addressees,
    )  # fmt: skip


def clause_row(clause: Clause) -> tuple[Any, ...]:
    sentences = [[s.text, s.start, s.end] for s in clause.sentences]
    return (
        clause.clause_id, clause.doc_id, clause.ordinal, json.dumps(list(clause.path)),
        clause.number, clause.heading, clause.text, clause.start, clause.end,
        json.dumps(list(clause.departments)), json.dumps(sentences, ensure_ascii=False),
        clause.prev_id, clause.next_id, json.dumps(list(clause.columns), ensure_ascii=False),
    )  # fmt: skip


def number_row(clause: Clause) -> tuple[str, str, int, str]:
    assert clause.number
    return clause_lookup_key(clause.number), clause.doc_id, clause.ordinal, clause.clause_id


def row_clause(row: Sequence[Any]) -> Clause:
    cid, doc_id, path, number, heading, text, start, end, ordinal, deps, sents, prev, nxt = row[:13]
    return Clause(
        clause_id=cid, doc_id=doc_id, path=tuple(json.loads(path)), number=number,
        heading=heading, text=text, start=start, end=end, ordinal=ordinal,
        departments=tuple(json.loads(deps)),
        sentences=tuple(Sentence(t, s, e) for t, s, e in json.loads(sents)),
        prev_id=prev, next_id=nxt, columns=tuple(json.loads(row[13])),
    )  # fmt: skip
