"""What an index run will store: which files, their records (parsed or carried over), and
how that differs from the current generation. Pure comparisons plus thin file reading.
"""

from __future__ import annotations

import dataclasses
import hashlib
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from rag.index.store import DocumentRecords, Store, StoredFile
from rag.records import Clause, Document


@dataclass(frozen=True)
class FileError:
    """One line for the user: which file, and why it was not (re)indexed."""

    source: str
    reason: str
    duplicate: bool = False  # a notice, not a failure: the same text is indexed once

    def line(self) -> str:
        return f"{self.source}: {self.reason}" if self.source else self.reason


@dataclass(frozen=True)
class Change:
    added: int = 0
    changed: int = 0
    removed: int = 0

    @property
    def none(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def __str__(self) -> str:
        return f"{self.added} added, {self.changed} changed, {self.removed} removed"


@dataclass(frozen=True)
class IndexReport:
    documents: Change
    clauses: Change
    errors: tuple[FileError, ...]
    generation: str | None  # the generation serving after the run
    switched: bool  # False when nothing changed (or nothing could be indexed)
    total_documents: int
    total_clauses: int
    duplicates: tuple[FileError, ...] = ()  # documents not indexed again: "<file>: duplicate of …"

    @property
    def ok(self) -> bool:
        return not any(not e.duplicate for e in self.errors)

    def with_error(self, error: FileError) -> IndexReport:
        return dataclasses.replace(self, errors=(*self.errors, error))

    def switched_to(self, generation: str) -> IndexReport:
        return dataclasses.replace(self, generation=generation, switched=True)


@dataclass(frozen=True)
class FileRecords:
    file: StoredFile
    documents: tuple[DocumentRecords, ...]


def compare_documents(old: Sequence[Document], new: Sequence[Document]) -> Change:
    """By id; a document with the same id but other text or metadata is "changed" (the
    hash of its file's bytes is not compared: an edit elsewhere in the file is not one)."""
    before = {d.doc_id: dataclasses.replace(d, content_hash="") for d in old}
    after = {d.doc_id: dataclasses.replace(d, content_hash="") for d in new}
    changed = sum(1 for i in after.keys() & before.keys() if after[i] != before[i])
    return Change(len(after.keys() - before.keys()), changed, len(before.keys() - after.keys()))


def clause_place(clause: Clause) -> tuple[str, tuple[str, ...], str | None]:
    return clause.doc_id, clause.path, clause.number


def compare_clauses(old: Sequence[Clause], new: Sequence[Clause]) -> Change:
    """Ids hash the text, so an edited clause gets a new id: counted as "changed" when a
    clause with the same document, path and number went away, else as added/removed."""
    before, after = {c.clause_id: c for c in old}, {c.clause_id: c for c in new}
    gone = Counter(clause_place(before[i]) for i in before.keys() - after.keys())
    came = Counter(clause_place(after[i]) for i in after.keys() - before.keys())
    changed = sum((gone & came).values())
    return Change(sum(came.values()) - changed, changed, sum(gone.values()) - changed)


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


def read_file_records(
    files: Sequence[Path],
    previous: Store | None,
    max_bytes: int,
    show: bool,
    carried: Sequence[FileRecords] = (),
) -> tuple[list[FileRecords], list[FileError]]:
    """`carried` plus records for every file that can be read; one error per file that
    cannot (or that repeats a document already indexed)."""
    from rag.index.reading import read_in_order

    old_files = previous.files() if previous else {}
    old_hashes = {key: old.content_hash for key, old in old_files.items()} if previous else {}
    records: list[FileRecords] = list(carried)
    errors: list[FileError] = []
    seen_docs = {r.document.doc_id: f.file.source for f in carried for r in f.documents}
    seen_texts = {text_key(r.document): f.file.source for f in carried for r in f.documents}
    outcomes = read_in_order(files, old_hashes, max_bytes)  # in worker processes when many
    bar = tqdm(outcomes, total=len(files), desc="reading files", unit="file",
               disable=not show, file=sys.stderr)  # fmt: skip
    for path, outcome in bar:
        item, error = _settle(path, outcome, previous, old_files)
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


def _settle(
    path: Path, outcome: object, previous: Store | None, old_files: dict[str, StoredFile]
) -> tuple[FileRecords | None, FileError | None]:
    """The file's records (parsed, or carried over when its bytes are unchanged), or on
    failure its previously indexed version and the error."""
    from rag.index.reading import Unchanged, Unreadable

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
