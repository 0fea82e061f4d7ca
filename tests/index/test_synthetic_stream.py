"""The benchmark's synthetic corpus is generated file by file, so a 1M-clause build never
holds it all; an index built from the stream has every requested clause."""

from __future__ import annotations

import inspect
from pathlib import Path

from bench.synthetic import synthetic_corpus
from rag.index.corpus import open_corpus
from rag.index.embeddings import HashingEmbedder
from rag.index.write import build_generation
from rag.settings import package_folder
from tests.corpus_builders import settings_for


def test_files_come_one_at_a_time() -> None:
    files = synthetic_corpus(package_folder("seeds"), 650)
    assert inspect.isgenerator(files)
    sizes = [len(d.clauses) for f in files for d in f.documents]
    assert sizes == [200, 200, 200]  # about the size asked, in documents of 200


def test_a_build_from_the_stream_indexes_every_clause(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    records = synthetic_corpus(package_folder("seeds"), 300)
    build_generation(tmp_path, records, settings, HashingEmbedder(64))
    corpus = open_corpus(settings, HashingEmbedder(64))
    assert corpus is not None
    assert sorted(corpus.clause_counts().values()) == [100, 200]
    first = corpus.documents()[0]
    clause = corpus.clauses(first.doc_id)[3]
    assert first.text[clause.start : clause.end] == clause.text
    corpus.close()
