"""Index generations: each `index` run builds a fresh directory, then switches atomically.

    data_dir/CURRENT                  the id of the generation being served
    data_dir/generations/<id>/        corpus.sqlite, bm25/, rows.json, vocabulary.marshal,
                                      chroma/, manifest.json

Readers only ever open the generation CURRENT names, and CURRENT is replaced with
`os.replace` only after the new generation is complete, so a crash mid-index leaves the
previous generation serving.

Retention: a switch keeps the new and the previous generation, and every older one a
process still reads (an open `IndexedCorpus` holds a shared `flock` on its manifest; the
kernel drops it when the process ends, so a crashed server never pins a generation).
Everything else, abandoned partial builds included, is deleted then. Serving processes
notice a switch by `stat`-ing CURRENT (`current_stamp`), which `os.replace` changes.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

CURRENT = "CURRENT"
CORPUS_DB = "corpus.sqlite"
VOCABULARY = "vocabulary.marshal"  # see rag.text.segment
GENERATIONS = "generations"
MANIFEST = "manifest.json"
LOCK = ".index.lock"


class IndexBusyError(RuntimeError):
    """Another `policybot index` holds the data directory."""


class IndexDamagedError(RuntimeError):
    """The data directory holds an index that cannot be served; the message names the file
    and what to run. Nothing is indexed or deleted in its place."""


def generations_dir(data_dir: Path) -> Path:
    return data_dir / GENERATIONS


def current_id(data_dir: Path) -> str | None:
    try:
        value = (data_dir / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return value if value and (generations_dir(data_dir) / value).is_dir() else None


def current_dir(data_dir: Path) -> Path | None:
    gen_id = current_id(data_dir)
    return generations_dir(data_dir) / gen_id if gen_id else None


def new_generation(data_dir: Path) -> Path:
    """A fresh, empty generation directory; ids sort by creation time."""
    gen_id = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + secrets.token_hex(3)
    path = generations_dir(data_dir) / gen_id
    path.mkdir(parents=True)
    return path


def write_manifest(generation: Path, manifest: dict[str, Any]) -> None:
    text = json.dumps(manifest, ensure_ascii=False, indent=2)
    (generation / MANIFEST).write_text(text, encoding="utf-8")


def read_manifest(generation: Path) -> dict[str, Any]:
    try:
        data = json.loads((generation / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def publish(data_dir: Path, generation: Path) -> None:
    """Point CURRENT at `generation`: write a temp file, fsync, then rename over CURRENT."""
    temp = data_dir / f".{CURRENT}.{os.getpid()}.tmp"
    with temp.open("w", encoding="utf-8") as handle:
        handle.write(generation.name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, data_dir / CURRENT)


def current_stamp(data_dir: Path) -> tuple[int, int] | None:
    """Changes whenever CURRENT is replaced (a new inode): one `stat`, cheap per request."""
    try:
        stat = os.stat(data_dir / CURRENT)
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def hold(generation: Path) -> IO[bytes] | None:
    """Mark `generation` as read by this process until the handle is closed (or the
    process ends): `prune` leaves it on disk. None when it is gone or incomplete."""
    try:
        handle = (generation / MANIFEST).open("rb")
    except FileNotFoundError:
        return None
    fcntl.flock(handle, fcntl.LOCK_SH)
    return handle


def in_use(generation: Path) -> bool:
    """Whether some process holds `generation` (see `hold`)."""
    try:
        handle = (generation / MANIFEST).open("rb")
    except FileNotFoundError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def prune(data_dir: Path, keep: set[str]) -> list[str]:
    """Delete every generation not in `keep` and not held by a reader; returns the ids removed."""
    removed = []
    root = generations_dir(data_dir)
    for path in sorted(root.iterdir()) if root.is_dir() else []:
        if path.name not in keep and path.is_dir() and not in_use(path):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


def complete_generations(data_dir: Path) -> list[str]:
    """Ids of the generations whose build finished (they have a manifest), oldest first."""
    root = generations_dir(data_dir)
    found = root.iterdir() if root.is_dir() else []
    return sorted(p.name for p in found if (p / MANIFEST).is_file())


def kept_generations(data_dir: Path) -> set[str]:
    """What the next switch must keep: the served generation, or, when CURRENT cannot be
    read, every complete one (the user's index must not go because CURRENT was damaged)."""
    served = current_id(data_dir)
    return {served} if served else set(complete_generations(data_dir))


def serving_generation(data_dir: Path) -> Path | None:
    """The generation CURRENT names; None when nothing was ever indexed here (no complete
    generation); IndexDamagedError when CURRENT is missing, empty or names a generation that
    is gone while complete generations exist."""
    served = current_dir(data_dir)
    if served is not None:
        return served
    complete = complete_generations(data_dir)
    if not complete:
        return None
    try:
        named = (data_dir / CURRENT).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, UnicodeDecodeError):
        named = ""
    problem = (
        f"{CURRENT} names generation {named!r}, which is gone"
        if named
        else (f"{CURRENT} is missing or empty")
    )
    latest = complete[-1]
    raise IndexDamagedError(
        f"{data_dir / CURRENT}: {problem}, but {len(complete)} indexed generation(s) exist. "
        f"To serve the newest ({latest}): echo {latest} > {data_dir / CURRENT}; "
        "or rebuild with: policybot index YOUR_FILES"
    )


@contextmanager
def index_lock(data_dir: Path) -> Iterator[None]:
    """One index run per data directory at a time (pruning would delete the other's build)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / LOCK).open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusyError(f"another index run is using {data_dir}") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def wait_for_index_run(data_dir: Path, timeout: float, on_wait: Callable[[], None]) -> None:
    """Return once no index run holds the data directory; `on_wait` is called once if one
    does. IndexBusyError when it still runs after `timeout` seconds."""
    lock = data_dir / LOCK
    if not lock.is_file():
        return
    deadline, waited = time.monotonic() + timeout, False
    with lock.open("a") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    message = f"an index run has held {data_dir} for over {timeout:.0f} s"
                    raise IndexBusyError(message) from None
                if not waited:
                    on_wait()
                    waited = True
                time.sleep(0.2)
                continue
            fcntl.flock(handle, fcntl.LOCK_UN)
            return
