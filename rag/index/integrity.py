"""Is a published generation whole? Cheap checks before serving it, each failing with an
`IndexDamagedError` that names the file and what to run, never a traceback later.

A crash cannot damage a published generation (see generations.py), but a disk, a backup
restore or a hand edit can: a truncated `corpus.sqlite`, a missing `bm25/`, garbage in the
vocabulary. Serving such a generation would answer 500 to every question.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from rag.index.generations import CORPUS_DB, MANIFEST, VOCABULARY, IndexDamagedError

SQLITE_MAGIC = b"SQLite format 3\x00"
BM25_FILES = (
    "params.index.json",
    "vocab.index.json",
    "data.csc.index.npy",
    "indices.csc.index.npy",
    "indptr.csc.index.npy",
)
ROWS = "rows.json"


def damaged(path: Path, what: str) -> IndexDamagedError:
    generation = path.parent if path.parent.name != "bm25" else path.parent.parent
    return IndexDamagedError(
        f"{path}: {what}. This index generation ({generation.name}) cannot be served; "
        f"rebuild it with: policybot index YOUR_FILES (the files it held are listed in "
        f"{generation / MANIFEST})"
    )


def check_generation(generation: Path) -> None:
    """The files every reader needs, present and plausible (no full read)."""
    check_sqlite(generation / CORPUS_DB)
    for path in [*(generation / "bm25" / name for name in BM25_FILES), generation / ROWS]:
        if not path.is_file():
            raise damaged(path, "missing")


def lexical_damage(generation: Path, error: Exception) -> IndexDamagedError:
    """Which file made loading the BM25 index fail (parsed again only on failure)."""
    for path in (generation / ROWS, *(generation / "bm25" / n for n in BM25_FILES[:2])):
        try:
            check_json(path)
        except IndexDamagedError as found:
            return found
    return damaged(generation / "bm25", f"unreadable ({error})")


def check_sqlite(path: Path) -> None:
    """A SQLite file whose size matches the page count its header declares."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except FileNotFoundError:
        raise damaged(path, "missing") from None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise damaged(path, "not a SQLite database")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # the header's page count is valid when its "version-valid-for" equals the change counter
    if header[92:96] == header[24:28] and size < pages * page_size:
        raise damaged(path, f"truncated ({size:,} bytes, the header declares {pages} pages)")


def check_json(path: Path) -> None:
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise damaged(path, "missing") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise damaged(path, f"not valid JSON ({error})") from None


def check_vocabulary(path: Path) -> None:
    """The saved vocabulary loads (it is optional: without it the full dictionary serves)."""
    from rag.text.segment import vocabulary_segmenter

    if not path.is_file():
        return
    try:
        vocabulary_segmenter(path)
    except (ValueError, EOFError, TypeError, KeyError) as error:
        raise damaged(path, f"unreadable ({type(error).__name__})") from None


def is_damage(error: BaseException) -> bool:
    """Errors a damaged generation raises while being read (reported as 503 by servers)."""
    return isinstance(error, IndexDamagedError | sqlite3.DatabaseError)


__all__ = [
    "VOCABULARY",
    "IndexDamagedError",
    "check_generation",
    "check_vocabulary",
    "is_damage",
    "lexical_damage",
]
