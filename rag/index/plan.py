"""What an index run will store and report: the records of its files, and how they differ
from the current generation (`rag.index.changes`). Reading the files is `rag.index.reading`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from rag.index.changes import Change as Change
from rag.index.changes import compare_clauses as compare_clauses
from rag.index.changes import compare_documents as compare_documents
from rag.index.rows import DocumentRecords, StoredFile


@dataclass(frozen=True)
class FileError:
    """One line for the user: which file, and why it was not (re)indexed."""

    source: str
    reason: str
    duplicate: bool = False  # a notice, not a failure: the same text is indexed once

    def line(self) -> str:
        return f"{self.source}: {self.reason}" if self.source else self.reason


@dataclass(frozen=True)
class IndexReport:
    documents: Change
    clauses: Change
    errors: tuple[FileError, ...]
    generation: str | None  # the generation serving after the run
    switched: bool  # False when nothing changed (or nothing could be indexed)
    total_documents: int
    total_clauses: int
    duplicates: tuple[FileError, ...] = ()  # documents not indexed again: "<file>: duplicate of …"

    @property
    def ok(self) -> bool:
        return not any(not e.duplicate for e in self.errors)

    def with_error(self, error: FileError) -> IndexReport:
        return dataclasses.replace(self, errors=(*self.errors, error))

    def switched_to(self, generation: str) -> IndexReport:
        return dataclasses.replace(self, generation=generation, switched=True)


@dataclass(frozen=True)
class FileRecords:
    file: StoredFile
    documents: tuple[DocumentRecords, ...]
