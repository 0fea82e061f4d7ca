"""`index_paths`: files → clause records → a new index generation, switched in atomically.

An index run REPLACES the indexed set with exactly the files it is given (folders are
walked recursively). Files whose bytes did not change since the current generation are
not parsed again: their stored records are carried over. A file that fails to parse
keeps its previously indexed version, if there is one, and is reported. Nothing is written
unless something changed; `rag.index.write` writes the new generation.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from rag.index.changes import Change, clause_changes, document_changes
from rag.index.derived import code_version
from rag.index.embeddings import make_embedder
from rag.index.generations import (
    CORPUS_DB,
    current_dir,
    index_lock,
    new_generation,
    read_manifest,
)
from rag.index.plan import FileError, FileRecords, IndexReport
from rag.index.reading import collect_files
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
from rag.index.streaming import write_run
from rag.index.write import IndexBuildError, complete, discard
from rag.protocol import Embedder
from rag.settings import Settings
from rag.text.segment import segmenting_documents

__all__ = [
    "Change",
    "FileError",
    "FileRecords",
    "IndexBuildError",
    "IndexReport",
    "UnknownDocumentError",
    "add_paths",
    "index_paths",
    "reindex",
    "remove_documents",
]


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
    with index_lock(data_dir), segmenting_documents():
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
                discard(generation, store)
                raise
            if unchanged:
                discard(generation, store)
                return _why_not_switched(report)
            return report.switched_to(
                complete(data_dir, generation, store, settings, embedder, show)
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
