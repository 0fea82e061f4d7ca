"""The same document indexed twice (a page saved as .html and again as .md or .pdf) is one.

Two documents are copies when nearly all the text of one (by characters of its clauses,
white space and punctuation aside) is also in the other: a saved copy adds chrome around
the same paragraphs, so containment rather than equality is the test. The copy whose text
is contained is kept (it is the cleaner one); the other is reported as its duplicate. Two
versions of one policy (an amendment) state different dates or 文号 and are both kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rag.records import Clause, Document

_CONTAINED = 0.9  # share of a document's clause text found in the other
_MIN_CHARS = 200  # shorter texts (a one-paragraph notice) are too short to call copies
_SHARED_MIN = 30  # a paragraph this long shared by two files makes them candidates
_BOILERPLATE = 20
_NOT_TEXT = re.compile(r"[\s\W_]+")


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
    texts = [(doc, _paragraphs(clauses)) for doc, clauses in documents]
    texts = [(doc, paras) for doc, paras in texts if sum(paras.values()) >= _MIN_CHARS]
    found: list[Duplicate] = []
    dropped: set[int] = set()
    for first, second in sorted(_candidate_pairs(texts)):
        if {first, second} & dropped:
            continue
        (doc, paras), (other, other_paras) = texts[first], texts[second]
        if _versions(doc, other):
            continue
        inner, outer = _contained(paras, other_paras), _contained(other_paras, paras)
        if max(inner, outer) < _CONTAINED:
            continue
        keep_first = inner >= outer
        found.append(Duplicate(other, doc) if keep_first else Duplicate(doc, other))
        dropped.add(second if keep_first else first)
    return found


def _versions(doc: Document, other: Document) -> bool:
    """Two versions of one text (an amended regulation) state different dates or 文号."""
    return any(
        getattr(doc, field)
        and getattr(other, field)
        and getattr(doc, field) != getattr(other, field)
        for field in ("date", "doc_number")
    )


def _candidate_pairs(texts: list[tuple[Document, dict[str, int]]]) -> set[tuple[int, int]]:
    """Pairs of documents from different files that share a paragraph (no all-pairs scan)."""
    holders: dict[str, list[int]] = {}
    for index, (_, paras) in enumerate(texts):
        for key in paras:
            if len(key) >= _SHARED_MIN:
                holders.setdefault(key, []).append(index)
    pairs: set[tuple[int, int]] = set()
    for indices in holders.values():
        if len(indices) > _BOILERPLATE:
            continue  # a paragraph many documents share (a standard clause) pairs nothing
        for position, first in enumerate(indices):
            for second in indices[position + 1 :]:
                if texts[first][0].source != texts[second][0].source:
                    pairs.add((first, second))
    return pairs
