"""The title field: BM25 over the documents' titles, added to the score of every clause that
matches the query itself (as BM25F does with a second field, both fields weighted alike).

An item often states its figure under a title that names its subject (a notice on one
insurance scheme, then "(二)其他人员：每人每年…元"): the clause's own words do not say
what it is about, so a first stage over clause text alone ranks it among the hundreds that
share its one word, and the re-ranking never sees it. The evidence model already reads each
clause with its title (`rag.retrieve.evidence`); this field lets the first stage find such a
clause too. A clause matching none of the query's words gains nothing from its title: a
title says what a document is about, not which of its clauses answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from rag.index.bm25_writer import StreamedBM25
from rag.text.segment import tokenize

TITLE_BM25 = "bm25_titles"
TITLE_ROWS = "title_rows.npy"  # per clause row (rows.json order): its title's row, -1 none


class Scores(Protocol):
    def token_ids(self, tokens: Sequence[str]) -> list[int]: ...
    def scores(self, token_ids: Sequence[int]) -> np.ndarray: ...


def save_title_field(
    directory: Path, titles: Mapping[str, str], clause_doc_ids: Sequence[str]
) -> None:
    """BM25 over `titles` (doc_id -> title) and each clause row's title row, under `directory`."""
    order = list(titles)
    if not order:
        return
    bm25 = StreamedBM25()
    for doc_id in order:
        bm25.add(tokenize(titles[doc_id]))
    bm25.save(directory / TITLE_BM25)
    row_of = {doc_id: row for row, doc_id in enumerate(order)}
    rows = np.array([row_of.get(doc_id, -1) for doc_id in clause_doc_ids], dtype=np.int32)
    np.save(directory / TITLE_ROWS, rows)


def has_title_field(directory: Path) -> bool:
    """Generations built before the field existed have none (and rank as they did)."""
    return (directory / TITLE_BM25).is_dir() and (directory / TITLE_ROWS).is_file()


@dataclass(frozen=True)
class TitleField:
    bm25: Scores
    rows: np.ndarray

    def added_to(self, scores: np.ndarray, tokens: Sequence[str]) -> np.ndarray:
        """`scores` (one per clause row) plus each matching clause's title score."""
        token_ids = self.bm25.token_ids(tokens)
        if not token_ids:
            return scores
        per_title = np.append(self.bm25.scores(token_ids), np.float32(0.0))  # row -1: none
        return scores + per_title[self.rows] * (scores > 0)
