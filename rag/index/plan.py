"""What an index run will store and report: the records of its files, and how they differ
from the current generation (pure comparisons). Reading the files is `rag.index.reading`.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rag.index.rows import DocumentRecords, StoredFile
from rag.records import Clause, Document


@dataclass(frozen=True)
class FileError:
    """One line for the user: which file, and why it was not (re)indexed."""

    source: str
    reason: str
    duplicate: bool = False  # a notice, not a failure: the same text is indexed once

    def line(self) -> str:
        return f"{self.source}: {self.reason}" if self.source else self.reason


@dataclass(frozen=True)
class Change:
    added: int = 0
    changed: int = 0
    removed: int = 0

    @property
    def none(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def __str__(self) -> str:
        return f"{self.added} added, {self.changed} changed, {self.removed} removed"


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


def compare_documents(old: Sequence[Document], new: Sequence[Document]) -> Change:
    """By id; a document with the same id but other text or metadata is "changed" (the
    hash of its file's bytes is not compared: an edit elsewhere in the file is not one)."""
    before = {d.doc_id: dataclasses.replace(d, content_hash="") for d in old}
    after = {d.doc_id: dataclasses.replace(d, content_hash="") for d in new}
    changed = sum(1 for i in after.keys() & before.keys() if after[i] != before[i])
    return Change(len(after.keys() - before.keys()), changed, len(before.keys() - after.keys()))


def clause_place(clause: Clause) -> tuple[str, tuple[str, ...], str | None]:
    return clause.doc_id, clause.path, clause.number


def compare_clauses(old: Sequence[Clause], new: Sequence[Clause]) -> Change:
    """Ids hash the text, so an edited clause gets a new id: counted as "changed" when a
    clause with the same document, path and number went away, else as added/removed."""
    before, after = {c.clause_id: c for c in old}, {c.clause_id: c for c in new}
    gone = Counter(clause_place(before[i]) for i in before.keys() - after.keys())
    came = Counter(clause_place(after[i]) for i in after.keys() - before.keys())
    changed = sum((gone & came).values())
    return Change(sum(came.values()) - changed, changed, sum(gone.values()) - changed)
