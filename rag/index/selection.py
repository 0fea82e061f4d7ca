"""Which stored files an `--add`, `--remove` or re-index run keeps, and which documents a
reference names. Pure selection over the previous generation's store; nothing is parsed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rag.index.plan import FileRecords
from rag.index.store import Store
from rag.records import Document

ID_PREFIX = 6  # shortest document id prefix accepted as a reference


class UnknownDocumentError(ValueError):
    """A reference given to `--remove` names no document, or several files' documents."""


def fold(text: str) -> str:
    """Compare titles ignoring width, case, spaces and quotation marks."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if not ch.isspace() and ch not in "《》“”\"'「」")


def documents_matching(ref: str, documents: Sequence[Document]) -> list[Document]:
    """Documents `ref` names, by the first rule that matches any: exact id, the file's path
    or name, a file-name prefix, an id prefix (6+ characters), a part of the title."""
    ref = ref.strip()
    if not ref:
        return []
    rules = (
        lambda d: d.doc_id == ref,
        lambda d: d.source == ref or Path(d.source).name == Path(ref).name,
        lambda d: Path(d.source).name.startswith(ref),
        lambda d: len(ref) >= ID_PREFIX and d.doc_id.startswith(ref),
        lambda d: fold(ref) in fold(d.title),
    )
    for rule in rules:
        found = [d for d in documents if rule(d)]
        if found:
            return found
    return []


def files_named(refs: Sequence[str], store: Store) -> dict[str, list[Document]]:
    """The stored files (by key) holding the documents `refs` name. A file is removed
    whole: its documents (a notice, its policy, their 解读) came in and go out together."""
    documents = store.documents()
    file_of = store.document_files()
    chosen: dict[str, list[Document]] = {}
    for ref in refs:
        found = documents_matching(ref, documents)
        files = {file_of[d.doc_id] for d in found}
        if not files:
            raise UnknownDocumentError(f"no indexed document matches {ref!r} (see policybot docs)")
        if len(files) > 1:
            names = "; ".join(sorted({f"{d.title} ({Path(d.source).name})" for d in found}))
            raise UnknownDocumentError(f"{ref!r} matches documents of several files: {names}")
        for source in files:
            chosen.setdefault(source, [])
    for doc in documents:
        if file_of[doc.doc_id] in chosen:
            chosen[file_of[doc.doc_id]].append(doc)
    return chosen


def stored_files(store: Store, leave_out: set[str]) -> Iterator[FileRecords]:
    """Every stored file's records as they are, except the files in `leave_out`: read one
    file at a time, as the run writes them out."""
    for source, stored in sorted(store.files().items()):
        if source not in leave_out:
            yield FileRecords(stored, tuple(store.file_records(source)))


def stored_sources(store: Store, leave_out: set[str]) -> list[str]:
    return [source for source in sorted(store.files()) if source not in leave_out]


@dataclass(frozen=True)
class Kept:
    """What a run keeps of the previous generation: records carried as they are, and
    files read again from disk (their unchanged bytes are carried over all the same)."""

    carried: Iterable[FileRecords]  # read from the previous store as it is consumed
    reread: list[Path]


# (previous store or None, resolved paths named in this run, same parser code) -> Kept
KeepRule = Callable[[Store | None, set[str], bool], Kept]


def keep_none(store: Store | None, named: set[str], same_code: bool) -> Kept:
    """`policybot index PATH…`: exactly the files named."""
    return Kept((), [])


def keep_others(store: Store | None, named: set[str], same_code: bool) -> Kept:
    """`--add`: every indexed file not named again stays."""
    return kept_files(store, named, same_code) if store else Kept((), [])


def kept_files(store: Store, leave_out: set[str], same_code: bool) -> Kept:
    """Every stored file but `leave_out`: carried as stored, except that after a code
    change (or for a re-index) a file still on disk is read again."""
    sources = stored_sources(store, leave_out)
    reread = [] if same_code else [s for s in sources if Path(s).is_file()]
    carried = stored_files(store, leave_out | set(reread))
    return Kept(carried, [Path(s) for s in reread])
