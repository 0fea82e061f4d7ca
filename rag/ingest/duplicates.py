"""The same document indexed twice (a page saved as .html and again as .md or .pdf) is one.

Two documents are copies when nearly all the text of one (by characters of its clauses,
white space and punctuation aside) is also in the other: a saved copy adds chrome around
the same paragraphs, so containment rather than equality is the test. The copy whose text
is contained is kept (it is the cleaner one); the other is reported as its duplicate. Two
versions of one policy (an amendment) state different dates or 文号 and are both kept.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rag.records import Clause, Document

_CONTAINED = 0.9  # share of a document's clause text found in the other
_MIN_CHARS = 200  # shorter texts (a one-paragraph notice) are too short to call copies
_SHARED_MIN = 30  # a paragraph this long shared by two files makes them candidates
_BOILERPLATE = 20
_NOT_TEXT = re.compile(r"[\s\W_]+")
_READ_BACK = 128  # candidates' paragraphs kept while pairs are compared (pairs come in order)


@dataclass(frozen=True)
class _Candidate:
    """What a finder keeps of a document: enough to pair it and to tell versions apart."""

    doc_id: str
    source: str
    date: str | None
    doc_number: str | None


@dataclass(frozen=True)
class Duplicate:
    dropped: Document
    kept: Document

    def line(self) -> str:
        return f"duplicate of {self.kept.source} ({self.kept.title}); not indexed again"


def _paragraphs(clauses: Sequence[Clause]) -> dict[str, int]:
    keys = (_NOT_TEXT.sub("", unicodedata.normalize("NFKC", c.text)) for c in clauses)
    return {key: len(key) for key in keys if key}


def _contained(inner: dict[str, int], outer: dict[str, int]) -> float:
    """Share of `inner`'s text found in `outer`'s, paragraph by paragraph (a copy may join
    or split paragraphs differently, so each is looked up in the whole other text)."""
    total = sum(inner.values())
    whole = "\n".join(outer)
    return sum(n for key, n in inner.items() if key in whole) / total if total else 0.0


def find_duplicates(documents: Sequence[tuple[Document, Sequence[Clause]]]) -> list[Duplicate]:
    """Documents of other files whose text another document already holds."""
    finder = DuplicateFinder()
    held = {}
    for doc, clauses in documents:
        finder.add(doc, clauses)
        held[doc.doc_id] = (doc, clauses)
    return finder.found(held.__getitem__)


class DuplicateFinder:
    """`find_duplicates` for documents met one at a time (an index run writes each file out
    as soon as it is read): only a fingerprint of each long enough document is kept (its
    source, date and 文号, and the hashes of its longer paragraphs); the candidate pairs that are
    not two versions are read back through `load` at the end and compared in full."""

    def __init__(self) -> None:
        self._documents: list[_Candidate] = []
        self._holders: dict[int, list[int]] = {}  # paragraph hash -> documents holding it

    def add(self, document: Document, clauses: Sequence[Clause]) -> None:
        paragraphs = _paragraphs(clauses)
        if sum(paragraphs.values()) < _MIN_CHARS:
            return
        index = len(self._documents)
        self._documents.append(
            _Candidate(document.doc_id, document.source, document.date, document.doc_number)
        )
        for key in paragraphs:
            if len(key) >= _SHARED_MIN:
                self._holders.setdefault(_fingerprint(key), []).append(index)

    def found(self, load: Callable[[str], tuple[Document, Sequence[Clause]]]) -> list[Duplicate]:
        """The duplicates among the documents added, each pair read back through `load`."""
        found: list[Duplicate] = []
        dropped: set[int] = set()

        @lru_cache(maxsize=_READ_BACK)  # a document is in several pairs (versions of a law)
        def read_back(index: int) -> tuple[Document, dict[str, int]]:
            document, clauses = load(self._documents[index].doc_id)
            return document, _paragraphs(clauses)

        for first, second in sorted(self._candidate_pairs()):
            if {first, second} & dropped or _versions(
                self._documents[first], self._documents[second]
            ):
                continue
            (doc, paras), (other, other_paras) = read_back(first), read_back(second)
            inner, outer = _contained(paras, other_paras), _contained(other_paras, paras)
            if max(inner, outer) < _CONTAINED:
                continue
            keep_first = inner >= outer
            found.append(Duplicate(other, doc) if keep_first else Duplicate(doc, other))
            dropped.add(second if keep_first else first)
        return found

    def _candidate_pairs(self) -> set[tuple[int, int]]:
        """Pairs of documents from different files that share a paragraph (no all-pairs
        scan)."""
        pairs: set[tuple[int, int]] = set()
        for indices in self._holders.values():
            if len(indices) > _BOILERPLATE:
                continue  # a paragraph many documents share (a standard clause) pairs nothing
            for position, first in enumerate(indices):
                for second in indices[position + 1 :]:
                    if self._documents[first].source != self._documents[second].source:
                        pairs.add((first, second))
        return pairs


def _fingerprint(paragraph: str) -> int:
    """8 bytes for a paragraph (a collision only proposes a pair; the texts decide)."""
    return int.from_bytes(hashlib.blake2b(paragraph.encode(), digest_size=8).digest(), "big")


def _versions(doc: Document | _Candidate, other: Document | _Candidate) -> bool:
    """Two versions of one text (an amended regulation) state different dates or 文号."""
    return any(
        getattr(doc, field)
        and getattr(other, field)
        and getattr(doc, field) != getattr(other, field)
        for field in ("date", "doc_number")
    )
