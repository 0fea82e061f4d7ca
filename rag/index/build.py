"""`index_paths`: files → clause records → a new index generation, switched in atomically.

An index run REPLACES the indexed set with exactly the files it is given (folders are
walked recursively). Files whose bytes did not change since the current generation are
not parsed again: their stored records are carried over. A file that fails to parse
keeps its previously indexed version, if there is one, and is reported.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import shutil
import sys
import time
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from tqdm import tqdm

from rag.index.changes import Change, clause_changes, document_changes
from rag.index.embeddings import make_embedder
from rag.index.encode import encoded_batches, worker_count
from rag.index.generations import (
    CORPUS_DB,
    current_dir,
    index_lock,
    kept_generations,
    new_generation,
    prune,
    publish,
    read_manifest,
    write_manifest,
)
from rag.index.lexical import IndexRow, LexicalBuilder
from rag.index.plan import FileError, FileRecords, IndexReport, collect_files
from rag.index.selection import (
    KeepRule,
    Kept,
    UnknownDocumentError,
    files_named,
    keep_none,
    keep_others,
    kept_files,
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
from rag.index.writing import write_run
from rag.protocol import Embedder
from rag.settings import Settings

__all__ = [
    "Change",
    "FileError",
    "FileRecords",
    "IndexBuildError",
    "IndexReport",
    "UnknownDocumentError",
    "add_paths",
    "build_generation",
    "index_paths",
    "reindex",
    "remove_documents",
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
    return _index_run(settings, progress, embedder, paths, keep=keep_none)


def add_paths(
    paths: Sequence[Path | str],
    settings: Settings,
    progress: bool = True,
    embedder: Embedder | None = None,
) -> IndexReport:
    """Index `paths` on top of what is indexed: a file indexed before from the same path is
    replaced, every other indexed file stays as it is."""
    return _index_run(settings, progress, embedder, paths, keep=keep_others)


def remove_documents(
    refs: Sequence[str],
    settings: Settings,
    progress: bool = True,
    embedder: Embedder | None = None,
) -> IndexReport:
    """Drop the files holding the documents `refs` name (id, file or title); the rest stays.
    UnknownDocumentError when a reference names nothing or several files."""

    def keep(store: Store | None, _: set[str], same_code: bool) -> Kept:
        if store is None:
            raise UnknownDocumentError("nothing is indexed yet")
        return kept_files(store, set(files_named(refs, store)), same_code)

    return _index_run(settings, progress, embedder, [], keep=keep)


def reindex(
    settings: Settings, progress: bool = True, embedder: Embedder | None = None
) -> IndexReport:
    """Read every indexed file again from its path: an edited file is parsed again, a file
    gone from disk keeps its stored version."""

    def keep(store: Store | None, _: set[str], same_code: bool) -> Kept:
        if store is None:
            raise UnknownDocumentError("nothing is indexed yet")
        return kept_files(store, set(), same_code=False)

    return _index_run(settings, progress, embedder, [], keep=keep)


def _index_run(
    settings: Settings,
    progress: bool,
    embedder: Embedder | None,
    paths: Sequence[Path | str],
    keep: KeepRule,
) -> IndexReport:
    embedder = embedder or make_embedder(settings)
    data_dir = Path(settings.data_dir)
    files, errors = collect_files([Path(p) for p in paths])
    with index_lock(data_dir):
        previous_dir = readable_generation(current_dir(data_dir))
        previous = Store.open(previous_dir / CORPUS_DB) if previous_dir else None
        try:
            show = progress and sys.stderr.isatty()
            # records parsed by other code are not carried over: an upgrade re-parses once
            manifest = read_manifest(previous_dir) if previous_dir else {}
            same_code = manifest.get("code") == code_version()
            kept = keep(previous, {str(f.resolve()) for f in files}, same_code)
            reusable = previous if same_code else None
            generation = new_generation(data_dir)
            store = Store.create(generation / CORPUS_DB)
            try:  # records go straight to the new generation's store as files are read
                read_errors, duplicates = write_run(
                    store, kept, files, reusable, settings.max_file_bytes, show
                )
                report = _report(previous_dir, previous, store, [*errors, *read_errors])
                report = dataclasses.replace(report, duplicates=duplicates)
                unchanged = report.total_documents == 0 or _unchanged(
                    report, previous_dir, previous, store, settings, embedder
                )
            except BaseException:
                _discard(generation, store)
                raise
            if unchanged:
                _discard(generation, store)
                return _why_not_switched(report)
            return report.switched_to(
                _complete(data_dir, generation, store, settings, embedder, show)
            )
        finally:
            if previous:
                previous.close()


def readable_generation(generation: Path | None) -> Path | None:
    """`generation`, unless its records are damaged: then every file is parsed afresh."""
    from rag.index.integrity import IndexDamagedError, check_sqlite

    try:
        if generation:
            check_sqlite(generation / CORPUS_DB)
    except IndexDamagedError as error:
        logging.getLogger(__name__).warning("%s; parsing every file again", error)
        return None
    return generation


def _report(
    previous_dir: Path | None, previous: Store | None, store: Store, errors: list[FileError]
) -> IndexReport:
    """What the run changed, compared as two id-sorted streams (`rag.index.changes`)."""
    old_docs = previous.documents_in_id_order() if previous else iter(())
    old_clauses = previous.clause_places_in_id_order() if previous else iter(())
    return IndexReport(
        documents=document_changes(old_docs, store.documents_in_id_order()),
        clauses=clause_changes(old_clauses, store.clause_places_in_id_order()),
        errors=tuple(errors),
        generation=previous_dir.name if previous_dir else None,
        switched=False,
        total_documents=store.count("documents"),
        total_clauses=store.count("clauses"),
    )


def _unchanged(
    report: IndexReport,
    previous_dir: Path | None,
    previous: Store | None,
    store: Store,
    settings: Settings,
    embedder: Embedder,
) -> bool:
    """Same files, same records, same vectors: the current generation stays."""
    if previous is None or previous_dir is None or previous.files() != store.files():
        return False
    manifest = read_manifest(previous_dir)
    return (
        manifest.get("embedder") == embedder.name
        and manifest.get("chroma_url") == settings.chroma_url
        and manifest.get("code") == code_version()
        and report.documents.none
        and report.clauses.none
    )


def _why_not_switched(report: IndexReport) -> IndexReport:
    if report.total_documents:
        return report
    reason = "no document could be read" if report.errors else "no files to index"
    return report.with_error(FileError("", reason + "; the current index is unchanged"))


def _discard(generation: Path, store: Store) -> None:
    store.close()
    shutil.rmtree(generation, ignore_errors=True)


def build_generation(
    data_dir: Path,
    records: Iterable[FileRecords],
    settings: Settings,
    embedder: Embedder,
    show: bool = False,
) -> str:
    """Write `records` and their indexes into a new generation, then switch to it."""
    generation = new_generation(data_dir)
    store = Store.create(generation / CORPUS_DB)
    try:
        for item in records:
            store.add_file(item.file, item.documents)
    except BaseException:
        _discard(generation, store)
        raise
    return _complete(data_dir, generation, store, settings, embedder, show)


def _complete(
    data_dir: Path,
    generation: Path,
    store: Store,
    settings: Settings,
    embedder: Embedder,
    show: bool,
) -> str:
    """Index the records written in `store` (closing it), then switch to the generation.
    Until the switch, any failure deletes the generation and the previous one serves."""
    client = None
    try:
        try:
            store.commit()
            client = chroma_client(settings.chroma_url, generation)
            name = collection_name(generation.name, embedder.name)
            _build_indexes(generation, store, client, name, embedder, show)
            manifest = _manifest(generation.name, embedder, settings, store, name)
        finally:
            store.close()
        write_manifest(generation, manifest)
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        if client is not None and settings.chroma_url:
            drop_collections(client, [generation.name])
        raise
    keep = {generation.name, *kept_generations(data_dir)}
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
    gen_id: str, embedder: Embedder, settings: Settings, store: Store, collection: str
) -> dict[str, object]:
    return {
        "id": gen_id,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "code": code_version(),
        "embedder": embedder.name,
        "collection": collection,
        "chroma_url": settings.chroma_url,
        "files": sorted(store.files()),
        "documents": store.count("documents"),
        "clauses": store.count("clauses"),
    }
