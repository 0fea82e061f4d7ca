"""Reading (hashing and parsing) many files in a process pool, one worker per core.

Parsing is pure Python (cleaning, structure, sentences): tens of milliseconds per
regulation on one core. A large index run reads its files in worker processes; the parent
keeps the order and decides what to carry over from the previous generation. Small runs
read in process: a pool costs about a second to start.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rag.index.encode import usable_cores
from rag.index.plan import FileRecords
from rag.index.reading import file_hash, parse_file, reason_for
from rag.index.rows import StoredFile

POOL_MIN_FILES = 64
IN_FLIGHT_PER_WORKER = 4  # files handed out ahead of the parent: bounds the parsed backlog


@dataclass(frozen=True)
class Unchanged:
    """The file's bytes hash to what the previous generation stored: carry its records."""


@dataclass(frozen=True)
class Unreadable:
    """Why a file could not be read, as one line (exceptions do not always pickle)."""

    reason: str


ReadOutcome = FileRecords | Unchanged | Unreadable


def fresh_read(path: Path, old_hash: str | None, max_bytes: int) -> ReadOutcome:
    """The file's parsed records, `Unchanged` when its bytes hash to `old_hash`, or
    `Unreadable` with the reason."""
    from rag.ingest.limits import regular_file_size
    from rag.ingest.parse import IngestError

    try:
        size = regular_file_size(path, max_bytes)  # before hashing: a FIFO never ends
        digest = file_hash(path)
        if digest == old_hash:
            return Unchanged()
        documents = parse_file(path, max_bytes)
        if not documents:
            raise IngestError(str(path), "no policy text found")
        return FileRecords(StoredFile(str(path.resolve()), digest, size), documents)
    except Exception as error:  # one bad file must not stop the others
        return Unreadable(reason_for(error))


def _fresh_read_job(job: tuple[Path, str | None, int]) -> ReadOutcome:
    return fresh_read(*job)


def read_in_order(
    files: Sequence[Path],
    old_hashes: dict[str, str],
    max_bytes: int,
    pool_from: int = POOL_MIN_FILES,
) -> Iterator[tuple[Path, ReadOutcome]]:
    """`fresh_read` of every file, in order; in worker processes from `pool_from` files."""
    jobs = [(path, old_hashes.get(str(path.resolve())), max_bytes) for path in files]
    workers = usable_cores()
    if len(files) < pool_from or workers < 2:
        yield from ((job[0], _fresh_read_job(job)) for job in jobs)
        return
    with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
        # submitted a few ahead, not all at once: parsed files wait for the parent in
        # memory, and the parent writes them out as fast as it receives them
        ahead = workers * IN_FLIGHT_PER_WORKER
        pending = deque(pool.submit(_fresh_read_job, job) for job in jobs[:ahead])
        queued = iter(jobs[ahead:])
        for job in jobs:
            outcome = pending.popleft().result()
            if (following := next(queued, None)) is not None:
                pending.append(pool.submit(_fresh_read_job, following))
            yield job[0], outcome


def _context() -> multiprocessing.context.BaseContext:
    """fork when this process runs no other thread (tqdm's progress monitor aside: it only
    sleeps): workers start with the parser already imported (a forkserver re-imports it,
    which cost more than it saved on 200 files). A serving process (threads, maybe a Chroma
    client) gets clean forkserver workers."""
    from tqdm._monitor import TMonitor

    others = [t for t in threading.enumerate() if t is not threading.current_thread()]
    if all(isinstance(t, TMonitor) for t in others):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver")
