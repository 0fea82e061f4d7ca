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

from rag.index.embeddings import make_embedder
from rag.index.generations import CORPUS_DB, current_dir, index_lock, read_manifest
from rag.index.plan import (
    Change,
    FileError,
    FileRecords,
    IndexReport,
    compare_clauses,
    compare_documents,
)
from rag.index.reading import collect_files, read_file_records
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
from rag.index.write import IndexBuildError, build_generation, code_version
from rag.ingest.duplicates import find_duplicates
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
            carried, reread_errors = read_file_records(
                kept.reread, reusable, settings.max_file_bytes, show, kept.carried
            )
            records, file_errors = read_file_records(
                files, reusable, settings.max_file_bytes, show, carried
            )
            errors += reread_errors + file_errors
            records, duplicates = _without_duplicates(records)
            report = _switch_if_changed(
                data_dir, previous_dir, previous, records, errors, settings, embedder, show
            )
            return dataclasses.replace(report, duplicates=duplicates)
        finally:
            if previous:
                previous.close()


def _without_duplicates(
    records: list[FileRecords],
) -> tuple[list[FileRecords], tuple[FileError, ...]]:
    """One copy of a document indexed twice (an .html page and its saved .md or .pdf)."""
    found = find_duplicates([(r.document, r.clauses) for f in records for r in f.documents])
    gone = {duplicate.dropped.doc_id for duplicate in found}
    kept = [
        FileRecords(f.file, tuple(r for r in f.documents if r.document.doc_id not in gone))
        for f in records
    ]
    return kept, tuple(FileError(d.dropped.source, d.line()) for d in found)


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
