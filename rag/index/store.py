"""SQLite storage of documents and clause records (one database per index generation).

Rows map 1:1 onto the frozen records of `rag.records`; list-valued fields are JSON.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.index.numbering import clause_lookup_key
from rag.records import Clause, Document, Sentence, searchable_text

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
    "SELECT n.doc_id, n.clause_id FROM clause_numbers n JOIN documents d ON d.doc_id = n.doc_id "
    "WHERE n.number_key = ? ORDER BY d.file, d.part, n.ordinal"
)
INDEX_ROWS_SQL = (
    "SELECT c.clause_id, c.doc_id, COALESCE(d.city, ''), c.text, {columns} FROM clauses c "
    "JOIN documents d ON d.doc_id = c.doc_id ORDER BY d.file, d.part, c.ordinal"
)
SCANNED_SQL = (
    "SELECT c.doc_id, c.clause_id, c.number FROM clauses c JOIN documents d "
    "ON d.doc_id = c.doc_id WHERE c.number IS NOT NULL ORDER BY d.file, d.part, c.ordinal"
)


_LATER_COLUMN_DEFAULTS = {"issuers": "'[]'", "place_chain": "'[]'", "columns": "'[]'"}


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


class Store:
    """Reads and writes one generation's `corpus.sqlite`."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lock = threading.Lock()  # one connection shared by a server's worker threads
        self._selects: dict[str, str] = {}  # table -> its select list, as this file has it

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    @classmethod
    def create(cls, path: Path) -> Store:
        db = sqlite3.connect(path)
        db.executescript(SCHEMA)
        return cls(db)

    @classmethod
    def open(cls, path: Path) -> Store:
        """Read-only: a published generation is never modified."""
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        return cls(db)

    def _document_columns(self) -> str:
        """DOCUMENT_COLUMNS, with defaults for columns a generation written earlier lacks."""
        return self._present_columns("documents", DOCUMENT_COLUMNS)

    def _clause_columns(self) -> str:
        return self._present_columns("clauses", CLAUSE_COLUMNS)

    def _present_columns(self, table: str, columns: str) -> str:
        if table not in self._selects:  # a published generation never changes: ask once
            present = {row[1] for row in self._rows(f"PRAGMA table_info({table})")}
            names = [name.strip() for name in columns.split(",")]
            self._selects[table] = ", ".join(
                name if name in present else _LATER_COLUMN_DEFAULTS.get(name, "NULL")
                for name in names
            )
        return self._selects[table]

    def close(self) -> None:
        self._db.close()

    # writing
    def add_file(self, file: StoredFile, documents: Iterable[DocumentRecords]) -> None:
        self._db.execute(
            "INSERT INTO files VALUES (?, ?, ?)", (file.source, file.content_hash, file.size)
        )
        for records in documents:
            self._db.execute("INSERT INTO documents VALUES (" + ",".join("?" * 22) + ")",
                             document_row(records.document, file.source))  # fmt: skip
            self._db.executemany(
                "INSERT INTO clauses VALUES (" + ",".join("?" * 14) + ")",
                [clause_row(c) for c in records.clauses],
            )
            self._db.executemany(
                "INSERT INTO clause_numbers VALUES (?, ?, ?, ?)",
                [number_row(c) for c in records.clauses if c.number],
            )

    def commit(self) -> None:
        self._db.commit()

    # reading
    def files(self) -> dict[str, StoredFile]:
        rows = self._rows("SELECT source, content_hash, size FROM files")
        return {row[0]: StoredFile(*row) for row in rows}

    def documents(self) -> list[Document]:
        sql = f"SELECT {self._document_columns()} FROM documents ORDER BY file, part"
        return [row_document(row) for row in self._rows(sql)]

    def document(self, doc_id: str) -> Document | None:
        sql = f"SELECT {self._document_columns()} FROM documents WHERE doc_id = ?"
        rows = self._rows(sql, (doc_id,))
        return row_document(rows[0]) if rows else None

    def file_records(self, source: str) -> list[DocumentRecords]:
        """Everything stored for one source file, to carry it into the next generation."""
        sql = f"SELECT {self._document_columns()} FROM documents WHERE file = ? ORDER BY part"
        docs = [row_document(row) for row in self._rows(sql, (source,))]
        return [DocumentRecords(doc, tuple(self.clauses(doc.doc_id))) for doc in docs]

    def document_files(self) -> dict[str, str]:
        """doc_id -> the `files` key (resolved path) of the file it came from."""
        return dict(self._rows("SELECT doc_id, file FROM documents"))

    def clauses(self, doc_id: str) -> list[Clause]:
        sql = f"SELECT {self._clause_columns()} FROM clauses WHERE doc_id = ? ORDER BY ordinal"
        return [row_clause(row) for row in self._rows(sql, (doc_id,))]

    def clause(self, clause_id: str) -> Clause | None:
        return self.clauses_by_id([clause_id]).get(clause_id)

    def clauses_by_id(self, clause_ids: Sequence[str]) -> dict[str, Clause]:
        marks = ",".join("?" * len(clause_ids))
        sql = f"SELECT {self._clause_columns()} FROM clauses WHERE clause_id IN ({marks})"
        return {row[0]: row_clause(row) for row in self._rows(sql, list(clause_ids))}

    def clauses_numbered(self, number: str, doc_ids: Collection[str] | None = None) -> list[Clause]:
        """Clauses whose number means `number`, in `doc_ids` (None = any), by document and
        position: one index look-up, then only the matching clauses are read."""
        found = [clause_id for _, clause_id in self.clause_places(number, doc_ids)]
        clauses = self.clauses_by_id(found) if found else {}
        return [clauses[i] for i in found if i in clauses]

    def clause_places(
        self, number: str, doc_ids: Collection[str] | None = None
    ) -> list[tuple[str, str]]:
        """(doc_id, clause_id) of `clauses_numbered`, without reading the clauses."""
        key = clause_lookup_key(number)
        try:
            rows = self._rows(NUMBERED_SQL, (key,))
        except sqlite3.OperationalError:  # a generation written before the table existed
            rows = self._rows(SCANNED_SQL)
            rows = [(d, c) for d, c, n in rows if clause_lookup_key(n) == key]
        return [(d, c) for d, c in rows if doc_ids is None or d in doc_ids]

    def clause_ids_with_prefix(self, prefix: str) -> list[str]:
        sql = "SELECT clause_id FROM clauses WHERE clause_id LIKE ? ORDER BY clause_id LIMIT 20"
        return [row[0] for row in self._rows(sql, (prefix.replace("%", "") + "%",))]

    def clause_counts(self) -> dict[str, int]:
        rows = self._rows("SELECT doc_id, COUNT(*) FROM clauses GROUP BY doc_id")
        return {doc_id: count for doc_id, count in rows}

    def index_rows(self) -> Iterator[tuple[str, str, str, str]]:
        """(clause_id, doc_id, city or "", text) for every clause, in a stable order."""
        for batch in self.index_row_batches():
            yield from batch

    def index_row_batches(self, size: int = 500) -> Iterator[list[tuple[str, str, str, str]]]:
        """`index_rows` `size` at a time, read from a cursor: never every clause at once."""
        written = self._clause_columns().endswith(", columns")  # else an earlier generation
        cursor = self._db.execute(INDEX_ROWS_SQL.format(columns="c.columns" if written else "'[]'"))
        while batch := cursor.fetchmany(size):
            yield [(cid, doc, city, searchable_text(text, json.loads(cols)))
                   for cid, doc, city, text, cols in batch]  # fmt: skip

    def titles(self) -> list[str]:
        return [row[0] for row in self._rows("SELECT title FROM documents ORDER BY file, part")]

    def count(self, table: str) -> int:
        assert table in {"files", "documents", "clauses"}
        return int(self._rows(f"SELECT COUNT(*) FROM {table}")[0][0])
