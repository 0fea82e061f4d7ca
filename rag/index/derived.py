"""What a serving process works out from a whole generation (corpus term weights from a
clause sample, …), kept beside that generation so the next process reads it back.

Such values depend only on the generation's records and on our code: they are saved under
the generation (`derived/NAME-CODE.pickle`, CODE the hash of rag/), so a new generation or
other code computes them afresh, and pruning a generation removes them with it. Writing is
atomic (a temp file renamed over), so concurrent processes at worst compute a value twice;
a data directory that cannot be written only loses the saving.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

DERIVED = "derived"
T = TypeVar("T")
log = logging.getLogger(__name__)


@cache
def code_version() -> str:
    """A hash of the pipeline's code and data (rag/): what parsed and indexed the records."""
    digest = hashlib.sha256()
    root = Path(__file__).parent.parent
    for path in sorted([*root.rglob("*.py"), *root.glob("lexicon/data/*")]):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def derived_path(generation: Path, name: str) -> Path:
    return generation / DERIVED / f"{name}-{code_version()}.pickle"


def derived_value(generation: Path, name: str, compute: Callable[[], T]) -> T:
    """`compute()`, or what it returned for this generation and code before."""
    path = derived_path(generation, name)
    try:
        with path.open("rb") as handle:
            value: T = pickle.load(handle)  # written by us, in our own data directory
        return value
    except OSError:  # not saved yet (or unreachable): compute it
        pass
    except Exception:  # a damaged or foreign file: compute again and replace it
        log.warning("ignoring the unreadable derived data %s", path, exc_info=True)
    value = compute()
    _save(path, name, value)
    return value


def _save(path: Path, name: str, value: object) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        with temp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
        _drop_other_versions(path, name)
    except OSError as error:  # read-only data directory, disk full: serve without saving
        log.debug("could not save derived data %s: %s", path, error)
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


def _drop_other_versions(path: Path, name: str) -> None:
    """What other code saved under `name` will not be read again (upgrades would pile up)."""
    for stale in path.parent.glob(f"{name}-*.pickle"):
        if stale != path and stale.stem.count("-") == name.count("-") + 1:
            stale.unlink(missing_ok=True)
