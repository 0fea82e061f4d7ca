"""BM25 ("lucene" variant) written from streamed token lists, in bm25s' saved format.

bm25s wants every document's tokens at once (lists of strings, then its own copies);
this keeps only three flat arrays of 4-byte numbers (document, term id, term count) and
the vocabulary, so a build's memory grows with the postings, not with the text. The
arithmetic follows `bm25s.scoring` step for step (float32 where bm25s uses float32), so
the saved scores equal bm25s' own (checked in the tests) and `SavedBM25` reads them.
"""

from __future__ import annotations

import json
import math
from array import array
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

K1, B, DELTA = 1.5, 0.75, 0.5  # bm25s' defaults
BM25S_VERSION = "0.3.16"  # the bm25s release whose file layout this writes
SCORE_CHUNK = 4_000_000  # postings scored at a time


class StreamedBM25:
    """Add one document's tokens at a time; `save` computes the scores and writes them."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self._docs = array("i")
        self._terms = array("i")
        self._counts = array("f")
        self._lengths = array("i")

    def add(self, tokens: Sequence[str]) -> None:
        row, vocab = len(self._lengths), self.vocab
        counts = Counter(tokens)  # counted in C; new terms numbered in order of appearance
        for token in counts:
            if token not in vocab:
                vocab[token] = len(vocab)
        self._docs.extend([row] * len(counts))
        self._terms.extend(map(vocab.__getitem__, counts))
        self._counts.extend(counts.values())
        self._lengths.append(len(tokens))

    def __len__(self) -> int:
        return len(self._lengths)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        data, indices, indptr = self._matrix()
        np.save(directory / "data.csc.index.npy", data)
        np.save(directory / "indices.csc.index.npy", indices)
        np.save(directory / "indptr.csc.index.npy", indptr)
        vocab = json.dumps(self.vocab, ensure_ascii=False)
        (directory / "vocab.index.json").write_text(vocab, encoding="utf-8")
        params = {"k1": K1, "b": B, "delta": DELTA, "method": "lucene", "idf_method": "lucene",
                  "dtype": "float32", "int_dtype": "int32", "num_docs": len(self),
                  "version": BM25S_VERSION, "backend": "numpy"}  # fmt: skip
        (directory / "params.index.json").write_text(json.dumps(params, indent=4))

    def _matrix(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(scores, document rows, column starts): the documents × terms matrix as CSC.
        Documents were added in row order, so a stable sort by term alone puts the postings
        in (term, document) order, with one permutation array and no wider sort keys."""
        docs = np.frombuffer(self._docs, dtype=np.int32)
        terms = np.frombuffer(self._terms, dtype=np.int32)
        counts = np.frombuffer(self._counts, dtype=np.float32)
        lengths = np.frombuffer(self._lengths, dtype=np.int32)
        scores = term_scores(docs, terms, counts, lengths, len(self.vocab))
        indptr = np.zeros(len(self.vocab) + 1, dtype=np.int64)
        np.cumsum(np.bincount(terms, minlength=len(self.vocab)), out=indptr[1:])
        order = np.argsort(terms, kind="stable")
        ordered_scores = scores[order]
        del scores
        return ordered_scores, docs[order], indptr


def term_scores(
    docs: np.ndarray, terms: np.ndarray, counts: np.ndarray, lengths: np.ndarray, n_terms: int
) -> np.ndarray:
    """idf(term) × tf / (k1·(1 − b + b·len/avg len) + tf), as bm25s computes it."""
    n_docs = len(lengths)
    average = float(lengths.mean()) if n_docs else 0.0
    average = average or 1.0  # every document empty: no term, nothing to normalise
    frequencies = np.bincount(terms, minlength=n_terms)
    idf = np.array(
        [math.log(1 + (n_docs - df + 0.5) / (df + 0.5)) for df in frequencies.tolist()],
        dtype=np.float32,
    )
    norms = (K1 * ((1 - B) + B * lengths / average)).astype(np.float32)
    scores = np.empty(len(docs), dtype=np.float32)
    for start in range(0, len(docs), SCORE_CHUNK):  # a few temporaries of a chunk, not of all
        part = slice(start, start + SCORE_CHUNK)
        tf = counts[part]
        scores[part] = idf[terms[part]] * (tf / (norms[docs[part]] + tf))
    return scores
