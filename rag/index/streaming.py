"""An index run's records, written into the new generation's store file by file as they are
read, so memory holds a few files' records at a time whatever the corpus size. What needs
the whole run (documents repeated across files) is decided from small fingerprints, reading
back only the few candidates."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rag.index.plan import FileError, FileRecords
from rag.index.reading import Admitted, read_file_records
from rag.index.selection import Kept
from rag.index.store import Store
from rag.ingest.duplicates import DuplicateFinder
from rag.records import Clause, Document


def write_run(
    store: Store,
    kept: Kept,
    files: Sequence[Path],
    previous: Store | None,
    max_bytes: int,
    show: bool,
) -> tuple[list[FileError], tuple[FileError, ...]]:
    """Write the kept files' and `files`' records into `store`; (errors, duplicate notices)."""
    admitted, finder = Admitted(), DuplicateFinder()
    errors: list[FileError] = []

    def write(item: FileRecords) -> None:
        store.add_file(item.file, item.documents)
        for records in item.documents:
            finder.add(records.document, records.clauses)

    for item in kept.carried:
        admitted.note(item, item.file.source)
        write(item)
    for batch in (kept.reread, files):
        for read in read_file_records(batch, previous, max_bytes, show, admitted):
            if isinstance(read, FileError):
                errors.append(read)
            else:
                write(read)
    return errors, _drop_duplicates(store, finder)


def _drop_duplicates(store: Store, finder: DuplicateFinder) -> tuple[FileError, ...]:
    """One copy of a document indexed twice (an .html page and its saved .md or .pdf)."""

    def load(doc_id: str) -> tuple[Document, Sequence[Clause]]:
        document = store.document(doc_id)
        assert document is not None  # written in this run
        return document, store.clauses(doc_id)

    found = finder.found(load)
    store.remove_documents([duplicate.dropped.doc_id for duplicate in found])
    store.forget_files_without_documents([duplicate.dropped.source for duplicate in found])
    store.commit()
    return tuple(FileError(d.dropped.source, d.line()) for d in found)
