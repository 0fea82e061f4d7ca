"""How a new generation's records differ from the previous one's: documents and clauses
added, changed and removed. Both sides are read as streams sorted by id, so comparing two
large generations holds only the differences, never either side's records."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from rag.records import Clause, Document

T = TypeVar("T")
ClausePlace = tuple[str, tuple[str, ...], str | None]  # document, path, number


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


def paired(
    old: Iterable[tuple[str, T]], new: Iterable[tuple[str, T]]
) -> Iterator[tuple[T | None, T | None]]:
    """(before, after) for every id of two id-sorted streams; None where a side lacks it."""
    olds, news = iter(old), iter(new)
    before, after = next(olds, None), next(news, None)
    while before is not None or after is not None:
        if after is None or (before is not None and before[0] < after[0]):
            yield before[1], None  # type: ignore[index]
            before = next(olds, None)
        elif before is None or after[0] < before[0]:
            yield None, after[1]
            after = next(news, None)
        else:
            yield before[1], after[1]
            before, after = next(olds, None), next(news, None)


def document_changes(old: Iterable[Document], new: Iterable[Document]) -> Change:
    """By id, both sorted by id; a document with the same id but other text or metadata is
    "changed" (the hash of its file's bytes is not compared: an edit elsewhere in the file
    is not one)."""
    counts: Counter[str] = Counter()
    for before, after in paired(((d.doc_id, d) for d in old), ((d.doc_id, d) for d in new)):
        if before is None:
            counts["added"] += 1
        elif after is None:
            counts["removed"] += 1
        elif dataclasses.replace(before, content_hash="") != dataclasses.replace(
            after, content_hash=""
        ):
            counts["changed"] += 1
    return Change(**counts)


def clause_changes(
    old: Iterable[tuple[str, ClausePlace]], new: Iterable[tuple[str, ClausePlace]]
) -> Change:
    """(clause id, place) streams sorted by id. Ids hash the text, so an edited clause gets a
    new id: counted as "changed" when a clause with the same document, path and number went
    away, else as added/removed."""
    gone: Counter[ClausePlace] = Counter()
    came: Counter[ClausePlace] = Counter()
    for before, after in paired(old, new):
        if after is None:
            gone[before] += 1  # type: ignore[index]
        elif before is None:
            came[after] += 1
    changed = sum((gone & came).values())
    return Change(sum(came.values()) - changed, changed, sum(gone.values()) - changed)


def clause_place(clause: Clause) -> ClausePlace:
    return clause.doc_id, clause.path, clause.number


def compare_documents(old: Sequence[Document], new: Sequence[Document]) -> Change:
    """`document_changes` of two lists in any order."""
    return document_changes(sorted(old, key=_doc_id), sorted(new, key=_doc_id))


def compare_clauses(old: Sequence[Clause], new: Sequence[Clause]) -> Change:
    """`clause_changes` of two lists of clauses in any order."""
    keyed = [sorted((c.clause_id, clause_place(c)) for c in side) for side in (old, new)]
    return clause_changes(*keyed)


def _doc_id(document: Document) -> str:
    return document.doc_id
