"""Per-file limits, so one hostile or broken file costs one line in the index report.

- Only regular files are read (`os.stat` before opening: a FIFO blocks for ever, a symlink
  to /dev/zero reports size 0 and never ends), and never more than `max_bytes`.
- A .docx is a zip: its members' declared uncompressed sizes are summed before anything is
  inflated (a 400 KB zip can declare gigabytes; zipfile never inflates past a declared size).
- HTML nested deeper than libxml2's own limit is refused before the tree is walked: our
  extraction's cost grows with depth times size.
- Parsing has a wall-clock budget per file (in the main thread, where signals arrive).
"""

from __future__ import annotations

import io
import os
import signal
import stat
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from rag.ingest.loaders import IngestError

MAX_UNZIPPED_BYTES = 200_000_000  # a policy .docx with its images is a few MB unpacked
PARSE_SECONDS = 60.0  # a 300-page PDF parses in seconds
_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


class ParseTimeout(IngestError):
    """Parsing one file took longer than its budget."""


def regular_file_size(path: Path, max_bytes: int) -> int:
    """The size of `path` if it is a regular file (after symlinks) within `max_bytes`."""
    source = str(path)
    try:
        mode, size = (info := os.stat(path)).st_mode, info.st_size
    except OSError as error:
        raise IngestError(source, f"cannot read file ({error.strerror or error})") from error
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _SPECIAL_KINDS if test(mode)), "not a regular file")
        raise IngestError(source, f"{kind}, not a document; skipped")
    if size > max_bytes:
        raise IngestError(source, f"file too large ({size:,} bytes > limit {max_bytes:,})")
    return size


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, never more than `max_bytes` (it may grow meanwhile)."""
    regular_file_size(path, max_bytes)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise IngestError(str(path), f"cannot read file ({error.strerror or error})") from error
    if len(data) > max_bytes:
        raise IngestError(str(path), f"file too large (over the limit of {max_bytes:,} bytes)")
    return data


def check_zip_size(data: bytes, source: str, limit: int = MAX_UNZIPPED_BYTES) -> None:
    """Refuse a zip whose members declare more than `limit` bytes in all, before inflating."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            declared = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise IngestError(source, f"not a readable .docx ({type(error).__name__})") from error
    if declared > limit:
        raise IngestError(
            source, f"unpacks to {declared:,} bytes (limit {limit:,}): a zip bomb? skipped"
        )


def check_html_depth(data: bytes, source: str) -> None:
    """Refuse HTML that libxml2 itself finds too deeply nested (about 256 levels; real
    pages nest a few dozen). libxml2 stops there, so this costs one fast parse."""
    from lxml import etree

    parser = etree.HTMLParser(recover=True)
    etree.fromstring(data, parser)
    if any(e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for e in parser.error_log):
        raise IngestError(source, "HTML nested too deeply (over ~256 levels); skipped")


@contextmanager
def parse_time_limit(source: str, seconds: float = PARSE_SECONDS) -> Iterator[None]:
    """Raise ParseTimeout in the block after `seconds` (main thread only: elsewhere signals
    cannot interrupt, and the block runs unbounded)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise ParseTimeout(source, f"parsing took over {seconds:g} s; skipped")

    previous = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_delay:  # someone else's timer (a test runner's timeout): give it back
            remaining = max(outer_delay - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, remaining, outer_interval)
