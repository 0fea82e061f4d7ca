"""SQLite storage of documents and clause records (one database per index generation).

The schema and the record ⇄ row mapping are in `rag.index.rows`.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from rag.index.numbering import clause_lookup_key
from rag.index.rows import (
    CLAUSE_COLUMNS,
    DOCUMENT_COLUMNS,
    IN_SQL_MAX,
    INDEX_ROWS_SQL,
    LATER_COLUMN_DEFAULTS,
    NUMBERED_SQL,
    SCANNED_SQL,
    SCHEMA,
    DocumentRecords,
    StoredFile,
    clause_row,
    document_row,
    number_row,
    row_clause,
    row_document,
)
from rag.records import Clause, Document, searchable_text


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
                name if name in present else LATER_COLUMN_DEFAULTS.get(name, "NULL")
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

    def remove_documents(self, doc_ids: Sequence[str]) -> None:
        """Drop documents written in this run (found to repeat another) with their clauses."""
        for table in ("clause_numbers", "clauses", "documents"):
            self._db.executemany(f"DELETE FROM {table} WHERE doc_id = ?", [(i,) for i in doc_ids])

    def forget_files_without_documents(self, sources: Sequence[str]) -> None:
        """A file whose every document repeats another's is no indexed file: the next run
        reads it again and finds the same, instead of carrying an empty file along."""
        self._db.executemany(
            "DELETE FROM files WHERE source = ? "
            "AND NOT EXISTS (SELECT 1 FROM documents WHERE file = ?)",
            [(source, source) for source in sources],
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

    def clause_texts_writing(self, fragment: str) -> list[tuple[str, str]]:
        """(doc_id, text) of every clause whose text contains `fragment`."""
        sql = "SELECT doc_id, text FROM clauses WHERE instr(text, ?) > 0 ORDER BY doc_id, ordinal"
        return [(row[0], row[1]) for row in self._rows(sql, (fragment,))]

    def clauses_by_id(self, clause_ids: Sequence[str]) -> dict[str, Clause]:
        marks = ",".join("?" * len(clause_ids))
        sql = f"SELECT {self._clause_columns()} FROM clauses WHERE clause_id IN ({marks})"
        return {row[0]: row_clause(row) for row in self._rows(sql, list(clause_ids))}

    def clauses_numbered(self, number: str, doc_ids: Collection[str] | None = None) -> list[Clause]:
        """Clauses whose number has the value of `number` (every family), in `doc_ids` (None
        = any), by document and position: one index look-up, then only they are read."""
        found = [clause_id for _, clause_id, _ in self.number_labels(number, doc_ids)]
        clauses = self.clauses_by_id(found) if found else {}
        return [clauses[i] for i in found if i in clauses]

    def number_labels(
        self, number: str, doc_ids: Collection[str] | None = None
    ) -> list[tuple[str, str, str]]:
        """(doc_id, clause_id, label) of `clauses_numbered`, without reading the clauses."""
        key = clause_lookup_key(number)
        try:
            if doc_ids is not None and len(doc_ids) <= IN_SQL_MAX:
                within = f" AND n.doc_id IN ({','.join('?' * len(doc_ids))})"
                rows = self._rows(NUMBERED_SQL.format(within), (key, *doc_ids))
            else:
                rows = self._rows(NUMBERED_SQL.format(""), (key,))
        except sqlite3.OperationalError:  # a generation written before the table existed
            rows = [row for row in self._rows(SCANNED_SQL) if clause_lookup_key(row[2]) == key]
        return [(d, c, n) for d, c, n in rows if doc_ids is None or d in doc_ids]

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

    def documents_in_id_order(self) -> Iterator[Document]:
        """Every document, sorted by id, read a batch at a time (to compare generations)."""
        sql = f"SELECT {self._document_columns()} FROM documents ORDER BY doc_id"
        return (row_document(row) for row in self._streamed(sql))

    def clause_places_in_id_order(
        self,
    ) -> Iterator[tuple[str, tuple[str, tuple[str, ...], str | None]]]:
        """(clause_id, (doc_id, path, number)) of every clause, sorted by id, streamed."""
        sql = "SELECT clause_id, doc_id, path, number FROM clauses ORDER BY clause_id"
        rows = self._streamed(sql)
        return (
            (cid, (doc_id, tuple(json.loads(path)), number)) for cid, doc_id, path, number in rows
        )

    def _streamed(self, sql: str, size: int = 500) -> Iterator[Any]:
        cursor = self._db.execute(sql)
        while batch := cursor.fetchmany(size):
            yield from batch

    def document_titles(self) -> dict[str, str]:
        """doc_id -> title, in the order documents are indexed."""
        sql = "SELECT doc_id, title FROM documents ORDER BY file, part"
        return {doc_id: title for doc_id, title in self._rows(sql)}

    def count(self, table: str) -> int:
        assert table in {"files", "documents", "clauses"}
        return int(self._rows(f"SELECT COUNT(*) FROM {table}")[0][0])
