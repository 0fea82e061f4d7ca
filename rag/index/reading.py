"""Reading the files of an index run: which files a folder holds, and each file's records,
parsed (in worker processes when many, `rag.index.read_pool`) or carried over unchanged
from the current generation, one file at a time as soon as it is read. One bad file is
reported and never stops the others; a document seen twice is indexed once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import sys
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
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


class Admitted:
    """What an index run has taken in so far: each document id and text key with the file
    that brought it (never the records themselves, which go straight to the store)."""

    def __init__(self) -> None:
        self.doc_files: dict[str, str] = {}
        self.text_files: dict[str, str] = {}

    def note(self, item: FileRecords, source: str, keys: Mapping[str, str] | None = None) -> None:
        """`keys`: doc_id -> `text_key`, when worked out already (NFKC of a whole text)."""
        keys = keys or {r.document.doc_id: text_key(r.document) for r in item.documents}
        self.doc_files.update((r.document.doc_id, source) for r in item.documents)
        self.text_files.update((keys[r.document.doc_id], source) for r in item.documents)

    def admit(self, item: FileRecords, source: str) -> tuple[FileRecords | None, list[FileError]]:
        """`item` without what an earlier file brought (None when nothing is left), and
        one line for each thing left out."""
        clash = _duplicate(item, self.doc_files)
        if clash:
            return None, [FileError(source, clash)]
        keys = {r.document.doc_id: text_key(r.document) for r in item.documents}
        item, repeats = without_repeated_texts(item, self.text_files, keys)
        if not item.documents:
            return None, repeats
        self.note(item, source, keys)
        return item, repeats


def read_file_records(
    files: Sequence[Path],
    previous: Store | None,
    max_bytes: int,
    show: bool,
    admitted: Admitted,
) -> Iterator[FileRecords | FileError]:
    """Records of every file that can be read, one file at a time, as soon as it is read;
    one error per file that cannot be (or that repeats a document already admitted)."""
    from rag.index.read_pool import read_in_order

    old_files = previous.files() if previous else {}
    old_hashes = {key: old.content_hash for key, old in old_files.items()} if previous else {}
    outcomes = read_in_order(files, old_hashes, max_bytes)  # in worker processes when many
    bar = tqdm(outcomes, total=len(files), desc="reading files", unit="file",
               disable=not show, file=sys.stderr)  # fmt: skip
    for path, outcome in bar:
        item, error = _settle(path, outcome, previous, old_files)
        if error:
            yield error
        if item is not None:
            item, notices = admitted.admit(item, str(path))
            yield from notices
            if item is not None:
                yield item


def text_key(document: Document) -> str:
    """Documents with the same text whatever the format: NFKC, all whitespace removed."""
    text = "".join(unicodedata.normalize("NFKC", document.text).split())
    return hashlib.sha256(text.encode()).hexdigest()


def without_repeated_texts(
    item: FileRecords, seen_texts: dict[str, str], keys: Mapping[str, str]
) -> tuple[FileRecords, list[FileError]]:
    """The file's documents whose text no earlier file has (`keys`: doc_id -> `text_key`);
    one notice per repeat."""
    kept, notices = [], []
    for records in item.documents:
        other = seen_texts.get(keys[records.document.doc_id])
        if other is None:
            kept.append(records)
        else:
            reason = f"same text as {other}; indexed once"
            notices.append(FileError(records.document.source, reason, duplicate=True))
    return dataclasses.replace(item, documents=tuple(kept)), notices


def _settle(
    path: Path, outcome: object, previous: Store | None, old_files: dict[str, StoredFile]
) -> tuple[FileRecords | None, FileError | None]:
    """The file's records (parsed, or carried over when its bytes are unchanged), or on
    failure its previously indexed version and the error."""
    from rag.index.read_pool import Unchanged, Unreadable

    if isinstance(outcome, FileRecords):
        return outcome, None
    kept = _kept_version(path, previous, old_files)
    if isinstance(outcome, Unchanged) and kept is not None:
        return kept, None
    reason = outcome.reason if isinstance(outcome, Unreadable) else "could not be read"
    note = "; keeping the previously indexed version" if kept else ""
    return kept, FileError(str(path), reason + note)


def reason_for(error: Exception) -> str:
    """One line for the user on why a file could not be read."""
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
