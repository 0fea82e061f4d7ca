"""Reading the files of an index run: which files a folder holds, and each file's records,
parsed or carried over unchanged from the current generation. One bad file is reported
and never stops the others; a document seen twice is indexed once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from tqdm import tqdm

from rag.index.plan import FileError, FileRecords
from rag.index.rows import DocumentRecords, StoredFile
from rag.index.store import Store
from rag.records import Document


def is_walked(path: Path, suffixes: frozenset[str]) -> bool:
    """Folder walks take supported files, skipping hidden ones and README files (they
    describe the folder, they are not policies)."""
    return (
        path.is_file()
        and path.suffix.lower() in suffixes
        and not path.name.startswith(".")
        and not path.stem.upper().startswith("README")
    )


def collect_files(paths: Sequence[Path]) -> tuple[list[Path], list[FileError]]:
    """The files to index, in a stable order; a named file of unknown type is an error."""
    from rag.ingest.parse import SUPPORTED_SUFFIXES

    suffixes = frozenset(s.lower() for s in SUPPORTED_SUFFIXES)
    files: dict[Path, Path] = {}
    errors = []
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if is_walked(found, suffixes) and not any(
                    p.startswith(".") for p in found.relative_to(path).parts
                ):
                    files.setdefault(found.resolve(), found)
        elif not path.exists():
            errors.append(FileError(str(path), "no such file or folder"))
        elif path.suffix.lower() not in suffixes:
            kinds = ", ".join(sorted(suffixes))
            errors.append(
                FileError(
                    str(path),
                    f"unsupported file type {path.suffix or '(none)'!r} (supported: {kinds})",
                )
            )
        else:
            files.setdefault(path.resolve(), path)
    return list(files.values()), errors


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def parse_file(path: Path, max_bytes: int) -> tuple[DocumentRecords, ...]:
    from rag.ingest.parse import ingest_file

    return tuple(
        DocumentRecords(p.document, tuple(p.clauses)) for p in ingest_file(path, max_bytes)
    )


def read_one(
    path: Path, previous: Store | None, old_files: dict[str, StoredFile], max_bytes: int
) -> FileRecords:
    """Carry the stored records over when the bytes are unchanged, else parse the file."""
    from rag.ingest.limits import regular_file_size
    from rag.ingest.parse import IngestError

    key = str(path.resolve())
    size = regular_file_size(path, max_bytes)  # before hashing: a FIFO or device never ends
    digest = file_hash(path)
    old = old_files.get(key)
    if previous and old and old.content_hash == digest:
        return FileRecords(old, tuple(previous.file_records(key)))
    documents = parse_file(path, max_bytes)
    if not documents:
        raise IngestError(str(path), "no policy text found")
    return FileRecords(StoredFile(key, digest, size), documents)


def read_file_records(
    files: Sequence[Path],
    previous: Store | None,
    max_bytes: int,
    show: bool,
    carried: Sequence[FileRecords] = (),
) -> tuple[list[FileRecords], list[FileError]]:
    """`carried` plus records for every file that can be read; one error per file that
    cannot (or that repeats a document already indexed)."""
    old_files = previous.files() if previous else {}
    records: list[FileRecords] = list(carried)
    errors: list[FileError] = []
    seen_docs = {r.document.doc_id: f.file.source for f in carried for r in f.documents}
    seen_texts = {text_key(r.document): f.file.source for f in carried for r in f.documents}
    for path in tqdm(files, desc="reading files", unit="file", disable=not show, file=sys.stderr):
        item, error = _read_or_keep(path, previous, old_files, max_bytes)
        if error:
            errors.append(error)
        if item is None:
            continue
        clash = _duplicate(item, seen_docs)
        if clash:
            errors.append(FileError(str(path), clash))
            continue
        item, repeats = without_repeated_texts(item, seen_texts)
        errors += repeats
        if not item.documents:
            continue
        seen_docs.update((r.document.doc_id, str(path)) for r in item.documents)
        seen_texts.update((text_key(r.document), str(path)) for r in item.documents)
        records.append(item)
    return records, errors


def text_key(document: Document) -> str:
    """Documents with the same text whatever the format: NFKC, all whitespace removed."""
    text = "".join(unicodedata.normalize("NFKC", document.text).split())
    return hashlib.sha256(text.encode()).hexdigest()


def without_repeated_texts(
    item: FileRecords, seen_texts: dict[str, str]
) -> tuple[FileRecords, list[FileError]]:
    """The file's documents whose text no earlier file has; one notice per repeat."""
    kept, notices = [], []
    for records in item.documents:
        other = seen_texts.get(text_key(records.document))
        if other is None:
            kept.append(records)
        else:
            reason = f"same text as {other}; indexed once"
            notices.append(FileError(records.document.source, reason, duplicate=True))
    return dataclasses.replace(item, documents=tuple(kept)), notices


def _read_or_keep(
    path: Path, previous: Store | None, old_files: dict[str, StoredFile], max_bytes: int
) -> tuple[FileRecords | None, FileError | None]:
    """The file's records, or on failure its previously indexed version and the error."""
    try:
        return read_one(path, previous, old_files, max_bytes), None
    except Exception as error:  # one bad file must not stop the others
        kept = _kept_version(path, previous, old_files)
        note = "; keeping the previously indexed version" if kept else ""
        return kept, FileError(str(path), _reason(error) + note)


def _reason(error: Exception) -> str:
    from rag.ingest.parse import IngestError

    if isinstance(error, IngestError):
        return error.reason.splitlines()[0] if error.reason else "could not be read"
    if isinstance(error, OSError):
        return f"could not be read ({error.strerror or error})"
    return f"could not be parsed ({type(error).__name__}: {error})"


def _kept_version(
    path: Path, previous: Store | None, old_files: dict[str, StoredFile]
) -> FileRecords | None:
    old = old_files.get(str(path.resolve()))
    if previous is None or old is None:
        return None
    return FileRecords(old, tuple(previous.file_records(old.source)))


def _duplicate(item: FileRecords, seen_docs: dict[str, str]) -> str | None:
    for records in item.documents:
        if records.document.doc_id in seen_docs:
            other = seen_docs[records.document.doc_id]
            return f"same document id as {other} (same file name?); skipped"
    ids = [c.clause_id for r in item.documents for c in r.clauses]
    if len(ids) != len(set(ids)):
        return "two clauses with the same id; skipped"
    return None
