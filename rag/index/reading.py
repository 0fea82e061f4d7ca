"""Reading (hashing and parsing) many files in a process pool, one worker per core.

Parsing is pure Python (cleaning, structure, sentences): ~30 ms per regulation on one
core. A large index run reads its files in worker processes; the parent keeps the order
and decides what to carry over. Small runs read in process (a pool costs ~1 s to start).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from rag.index.encode import usable_cores
from rag.index.plan import file_hash as file_hash
from rag.index.store import StoredFile

POOL_MIN_FILES = 64
UNCHANGED = "unchanged"


def fresh_read(path: Path, old_hash: str | None, max_bytes: int) -> object:
    """The file's parsed records (`FileRecords`), `UNCHANGED` when its bytes hash to
    `old_hash`, or why it could not be read (`PortableError`)."""
    from rag.index.plan import FileRecords, file_hash, parse_file
    from rag.ingest.parse import IngestError

    try:
        size = path.stat().st_size
        if size > max_bytes:  # ingest_file refuses it with the right message; do not hash it
            parse_file(path, max_bytes)
        digest = file_hash(path)
        if digest == old_hash:
            return UNCHANGED
        documents = parse_file(path, max_bytes)
        if not documents:
            raise IngestError(str(path), "no policy text found")
        return FileRecords(StoredFile(str(path.resolve()), digest, size), documents)
    except Exception as error:
        return PortableError(error)


class PortableError:
    """A file's failure as one line for the user; unlike some exceptions, safe to pickle."""

    def __init__(self, error: Exception) -> None:
        from rag.index.plan import reason_for

        self.reason = reason_for(error)


def _fresh_read_args(args: tuple[Path, str | None, int]) -> object:
    return fresh_read(*args)


def read_in_order(
    files: Sequence[Path],
    old_hashes: dict[str, str],
    max_bytes: int,
    pool_from: int = POOL_MIN_FILES,
) -> Iterator[tuple[Path, object]]:
    """`fresh_read` of every file, in order; in worker processes from `pool_from` files."""
    jobs = [(p, old_hashes.get(str(p.resolve())), max_bytes) for p in files]
    workers = max(2, usable_cores()) if pool_from <= 1 else usable_cores()
    if len(files) < pool_from or workers < 2:
        yield from ((job[0], _fresh_read_args(job)) for job in jobs)
        return
    # fork: workers start with the parser already imported (forkserver re-imports it, which
    # cost more than it saved on 200 files); no Chroma client exists yet at this stage
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from zip(files, pool.map(_fresh_read_args, jobs, chunksize=4), strict=True)
