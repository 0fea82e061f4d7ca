"""`index_paths`: files → clause records → a new index generation, switched in atomically.

An index run REPLACES the indexed set with exactly the files it is given (folders are
walked recursively). Files whose bytes did not change since the current generation are
not parsed again: their stored records are carried over. A file that fails to parse
keeps its previously indexed version, if there is one, and is reported.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from tqdm import tqdm

from rag.index.embeddings import make_embedder
from rag.index.encode import encoded_batches, worker_count
from rag.index.generations import (
    CORPUS_DB,
    current_dir,
    index_lock,
    new_generation,
    prune,
    publish,
    read_manifest,
    write_manifest,
)
from rag.index.lexical import IndexRow, LexicalBuilder
from rag.index.plan import (
    Change,
    FileError,
    FileRecords,
    IndexReport,
    collect_files,
    compare_clauses,
    compare_documents,
    read_file_records,
)
from rag.index.store import Store
from rag.index.vector import (
    BATCH,
    add_vectors,
    chroma_client,
    collection_name,
    create_collection,
    drop_collections,
)
from rag.protocol import Embedder
from rag.settings import Settings

__all__ = [
    "Change",
    "FileError",
    "FileRecords",
    "IndexBuildError",
    "IndexReport",
    "build_generation",
    "index_paths",
]


@cache
def code_version() -> str:
    """A hash of the pipeline's code and data (rag/): what parsed and indexed the records."""
    digest = hashlib.sha256()
    root = Path(__file__).parent.parent
    for path in sorted([*root.rglob("*.py"), *root.glob("lexicon/data/*")]):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


class IndexBuildError(RuntimeError):
    """The new generation could not be completed; the previous one keeps serving."""


def index_paths(
    paths: Sequence[Path | str],
    settings: Settings,
    progress: bool = True,
    embedder: Embedder | None = None,
) -> IndexReport:
    """Index exactly `paths` (files or folders) into a new generation of `settings.data_dir`."""
    embedder = embedder or make_embedder(settings)
    data_dir = Path(settings.data_dir)
    files, errors = collect_files([Path(p) for p in paths])
    with index_lock(data_dir):
        previous_dir = current_dir(data_dir)
        previous = Store.open(previous_dir / CORPUS_DB) if previous_dir else None
        try:
            show = progress and sys.stderr.isatty()
            # records parsed by other code are not carried over: an upgrade re-parses once
            same_code = previous_dir and read_manifest(previous_dir).get("code") == code_version()
            reusable = previous if same_code else None
            records, file_errors = read_file_records(files, reusable, settings.max_file_bytes, show)
            errors += file_errors
            return _switch_if_changed(
                data_dir, previous_dir, previous, records, errors, settings, embedder, show
            )
        finally:
            if previous:
                previous.close()


def _switch_if_changed(
    data_dir: Path,
    previous_dir: Path | None,
    previous: Store | None,
    records: list[FileRecords],
    errors: list[FileError],
    settings: Settings,
    embedder: Embedder,
    show: bool,
) -> IndexReport:
    old_docs = previous.documents() if previous else []
    old_clauses = [c for d in old_docs for c in previous.clauses(d.doc_id)] if previous else []
    new_docs = [r.document for f in records for r in f.documents]
    new_clauses = [c for f in records for r in f.documents for c in r.clauses]
    report = IndexReport(
        documents=compare_documents(old_docs, new_docs),
        clauses=compare_clauses(old_clauses, new_clauses),
        errors=tuple(errors),
        generation=previous_dir.name if previous_dir else None,
        switched=False,
        total_documents=len(new_docs),
        total_clauses=len(new_clauses),
    )
    if not new_docs:
        reason = "no document could be read" if errors else "no files to index"
        return report.with_error(FileError("", reason + "; the current index is unchanged"))
    same_files = previous is not None and previous.files() == {
        f.file.source: f.file for f in records
    }
    manifest = read_manifest(previous_dir) if previous_dir else {}
    same_vectors = (
        manifest.get("embedder") == embedder.name
        and manifest.get("chroma_url") == settings.chroma_url
        and manifest.get("code") == code_version()
    )
    if same_files and same_vectors and report.documents.none and report.clauses.none:
        return report
    generation = build_generation(data_dir, records, settings, embedder, show)
    return report.switched_to(generation)


def build_generation(
    data_dir: Path,
    records: Sequence[FileRecords],
    settings: Settings,
    embedder: Embedder,
    show: bool = False,
) -> str:
    """Write `records` and their indexes into a new generation, then switch to it."""
    generation = new_generation(data_dir)
    client = None
    try:
        store = Store.create(generation / CORPUS_DB)
        try:
            for item in records:
                store.add_file(item.file, item.documents)
            store.commit()
            client = chroma_client(settings.chroma_url, generation)
            name = collection_name(generation.name, embedder.name)
            _build_indexes(generation, store, client, name, embedder, show)
        finally:
            store.close()
        write_manifest(generation, _manifest(generation.name, embedder, settings, records, name))
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        if client is not None and settings.chroma_url:
            drop_collections(client, [generation.name])
        raise
    keep = {generation.name}
    previous = current_dir(data_dir)
    if previous:
        keep.add(previous.name)
    publish(data_dir, generation)
    removed = prune(data_dir, keep)
    if settings.chroma_url and removed:
        drop_collections(client, removed)
    return generation.name


def _build_indexes(
    generation: Path, store: Store, client: Any, name: str, embedder: Embedder, show: bool
) -> None:
    """BM25 and vectors, streamed batch by batch from the store: each clause is segmented
    once for both, in worker processes for large corpora (see `rag.index.encode`)."""
    lexical = LexicalBuilder()
    collection = create_collection(client, name, embedder)
    total = store.count("clauses")
    batches = ([IndexRow(*row) for row in rows] for rows in store.index_row_batches(BATCH))
    workers = worker_count(-(-total // BATCH))
    bar = tqdm(total=total, desc="indexing", unit="clause", disable=not show, file=sys.stderr)
    try:
        with bar:
            for rows, encoded in encoded_batches(batches, embedder, workers):
                lexical.add(rows, encoded.words)
                add_vectors(collection, rows, encoded.vectors)
                bar.update(len(rows))
    except Exception as error:  # network, server or embedding failures
        message = f"vector index with embedder {embedder.name!r} failed: {error}"
        raise IndexBuildError(message) from error
    lexical.save(generation, store.titles())


def _manifest(
    gen_id: str,
    embedder: Embedder,
    settings: Settings,
    records: Sequence[FileRecords],
    collection: str,
) -> dict[str, object]:
    return {
        "id": gen_id,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "code": code_version(),
        "embedder": embedder.name,
        "collection": collection,
        "chroma_url": settings.chroma_url,
        "files": [item.file.source for item in records],
        "documents": sum(len(item.documents) for item in records),
        "clauses": sum(len(r.clauses) for item in records for r in item.documents),
    }
