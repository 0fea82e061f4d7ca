"""BM25 over jieba tokens (bm25s, chosen by measurement: see README "Benchmarks").

Persisted in the generation directory: `bm25/` (bm25s' sparse matrix and vocabulary),
`rows.json` (which clause, document and city each matrix row is) and the title field
(`rag.index.title_field`: each clause's document title as a second field). The index is
written from streamed token lists in bm25s' format (`bm25_writer`); querying reads the
saved arrays directly (`SavedBM25`), which gives bm25s' scores without importing bm25s
and scipy in a serving process (cold start).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.index.bm25_writer import StreamedBM25
from rag.index.generations import VOCABULARY
from rag.index.title_field import (
    TITLE_BM25,
    TITLE_ROWS,
    TitleField,
    has_title_field,
    save_title_field,
)
from rag.protocol import SearchFilters
from rag.records import Clause, Hit
from rag.text.segment import full_segmenter, index_terms, raw_words, save_vocabulary, tokenize

ClauseFetcher = Callable[[Sequence[str]], dict[str, Clause]]


@dataclass(frozen=True)
class IndexRow:
    """What every index needs to know about one clause."""

    clause_id: str
    doc_id: str
    city: str  # "" when the document names no city
    text: str


def save_rows(directory: Path, rows: Sequence[IndexRow]) -> None:
    write_rows(directory, [r.clause_id for r in rows], [r.doc_id for r in rows],
               [r.city for r in rows])  # fmt: skip


def write_rows(
    directory: Path, clause_ids: Sequence[str], doc_ids: Sequence[str], cities: Sequence[str]
) -> None:
    data = {"clause_ids": clause_ids, "doc_ids": doc_ids, "cities": cities}
    (directory / "rows.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


class LexicalBuilder:
    """Takes clauses batch by batch (their jieba words), then saves the BM25 index, rows.json
    and the vocabulary. Keeps postings and ids, never the clauses' text or token lists."""

    def __init__(self) -> None:
        self.vocabulary: set[str] = set()
        self._bm25 = StreamedBM25()
        self._ids: tuple[list[str], list[str], list[str]] = ([], [], [])
        # each word met -> its index term (None: dropped); as many entries as `vocabulary`
        self._terms: dict[str, str | None] = {}

    def add(self, rows: Sequence[IndexRow], words: Sequence[Sequence[str]] | None = None) -> None:
        """`words`: each row's `raw_words`, when already segmented (by an encoding worker)."""
        if words is None:
            full_segmenter()  # documents are always segmented with the full dictionary
            words = [raw_words(row.text) for row in rows]
        for row, row_words in zip(rows, words, strict=True):
            self.vocabulary.update(row_words)
            self._bm25.add(self._index_terms(row_words))
            clause_ids, doc_ids, cities = self._ids
            clause_ids.append(row.clause_id)
            doc_ids.append(row.doc_id)
            cities.append(row.city)

    def _index_terms(self, words: Sequence[str]) -> list[str]:
        """`index_terms(words)`, each word's test done once per build: the same few
        thousand words make up most clauses (half the time of adding a batch)."""
        known = self._terms
        for word in words:
            if word not in known:
                known[word] = next(iter(index_terms((word,))), None)
        return [term for term in map(known.__getitem__, words) if term]

    def save(self, directory: Path, titles: Mapping[str, str] | None = None) -> None:
        """bm25/, rows.json, the title field (`titles`: doc_id -> title) and the jieba
        vocabulary of the clauses and the titles."""
        directory.mkdir(parents=True, exist_ok=True)
        full_segmenter()
        for text in (titles or {}).values():
            self.vocabulary.update(raw_words(text))
        save_vocabulary(directory / VOCABULARY, self.vocabulary)
        self._bm25.save(directory / "bm25")
        write_rows(directory, *self._ids)
        save_title_field(directory, titles or {}, self._ids[1])


def build_lexical_index(
    directory: Path, rows: Sequence[IndexRow], titles: Mapping[str, str] | None = None
) -> None:
    """Tokenise every clause and save a BM25 index for them (and `titles`) under `directory`."""
    builder = LexicalBuilder()
    builder.add(rows)
    builder.save(directory, titles)


class SavedBM25:
    """Scores from bm25s' saved index: each query term adds its precomputed per-document
    scores (a column of the sparse matrix), as `bm25s.BM25.get_scores` does for "lucene"."""

    def __init__(self, directory: Path) -> None:
        params = json.loads((directory / "params.index.json").read_text(encoding="utf-8"))
        if params.get("method") != "lucene":  # other variants add non-occurrence scores
            raise ValueError(f"unsupported BM25 variant {params.get('method')!r} in {directory}")
        self.num_docs = int(params["num_docs"])
        self.vocab: dict[str, int] = json.loads(
            (directory / "vocab.index.json").read_text(encoding="utf-8")
        )
        self.data = np.load(directory / "data.csc.index.npy", mmap_mode="r")
        self.indices = np.load(directory / "indices.csc.index.npy", mmap_mode="r")
        self.indptr = np.load(directory / "indptr.csc.index.npy", mmap_mode="r")

    def token_ids(self, tokens: Sequence[str]) -> list[int]:
        return [self.vocab[t] for t in tokens if t in self.vocab]

    def scores(self, token_ids: Sequence[int]) -> np.ndarray:
        spans = [(int(self.indptr[t]), int(self.indptr[t + 1])) for t in token_ids]
        if not spans:
            return np.zeros(self.num_docs, dtype=np.float32)
        docs = np.concatenate([self.indices[a:b] for a, b in spans])
        values = np.concatenate([self.data[a:b] for a, b in spans])
        summed = np.bincount(docs, weights=values, minlength=self.num_docs)
        return summed.astype(np.float32)


@dataclass(frozen=True)
class Rows:
    """Which clause, document and city each BM25 matrix row is (the generation's rows.json)."""

    clause_ids: list[str]
    doc_ids: np.ndarray
    cities: np.ndarray

    @classmethod
    def load(cls, directory: Path) -> Rows:
        data = json.loads((directory / "rows.json").read_text(encoding="utf-8"))
        return cls(data["clause_ids"], np.array(data["doc_ids"]), np.array(data["cities"]))


class LexicalIndex:
    """`Retriever` over a saved BM25 index; `ranks={"bm25": rank}` with rank 1 = best."""

    def __init__(self, directory: Path, fetch: ClauseFetcher, rows: Rows | None = None) -> None:
        """`rows`: the generation's `Rows`, when the caller has them already (read back
        from `rag.index.derived`: a pickle loads in a fifth of parsing rows.json)."""
        self._bm25 = SavedBM25(directory / "bm25")
        rows = rows or Rows.load(directory)
        self._clause_ids = rows.clause_ids
        self._doc_ids = rows.doc_ids
        self._cities = rows.cities
        self._titles = (
            TitleField(SavedBM25(directory / TITLE_BM25), np.load(directory / TITLE_ROWS))
            if has_title_field(directory)
            else None
        )
        self._fetch = fetch
        self._masks: dict[tuple[tuple[str, ...], tuple[str, ...]], np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._clause_ids)

    def words(self) -> frozenset[str]:
        """Every indexed token: the words the corpus writes."""
        return frozenset(self._bm25.vocab)

    def search(self, query: str, k: int, filters: SearchFilters | None = None) -> list[Hit]:
        tokens = tokenize(query)
        token_ids = self._bm25.token_ids(tokens)
        if not token_ids or k <= 0 or not self._clause_ids:
            return []
        scores = self._bm25.scores(token_ids)
        if self._titles is not None:
            scores = self._titles.added_to(scores, tokens)
        mask = self._mask(filters or SearchFilters())
        if mask is not None:
            scores = scores * mask
        rows = top_rows(scores, k)
        ids = [self._clause_ids[r] for r in rows]
        clauses = self._fetch(ids)
        return [
            Hit(clause=clauses[cid], score=float(scores[row]), ranks={"bm25": rank})
            for rank, (row, cid) in enumerate(zip(rows, ids, strict=True), start=1)
            if cid in clauses
        ]

    def _mask(self, filters: SearchFilters) -> np.ndarray | None:
        if not filters.cities and not filters.doc_ids:
            return None
        key = (filters.cities, filters.doc_ids)
        if key not in self._masks:
            if len(self._masks) >= 64:
                self._masks.clear()
            self._masks[key] = filter_mask(self._doc_ids, self._cities, *key)
        return self._masks[key]


def filter_mask(
    doc_ids: np.ndarray, cities: np.ndarray, want_cities: Sequence[str], want_docs: Sequence[str]
) -> np.ndarray:
    """1.0 for rows in one of `want_cities` and one of `want_docs` (empty = any), else 0.0."""
    passes = np.ones(len(doc_ids), dtype=bool)
    if want_cities:
        passes &= np.isin(cities, list(want_cities))
    if want_docs:
        passes &= np.isin(doc_ids, list(want_docs))
    return passes.astype(np.float32)


def top_rows(scores: np.ndarray, k: int) -> list[int]:
    """Indices of the k best positive scores, best first (ties: lower row first)."""
    positive = np.flatnonzero(scores > 0)
    if len(positive) > k:
        best = np.argpartition(-scores[positive], k - 1)[:k]
        positive = positive[best]
    order = sorted(positive.tolist(), key=lambda row: (-float(scores[row]), row))
    return order[:k]
