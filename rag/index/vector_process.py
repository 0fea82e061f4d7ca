"""A one-shot process's vector side, loaded in a second process from its first moment.

Importing chromadb and loading a generation's HNSW indexes is most of a cold
`policybot ask` (≈ 1 s at LawRefBook's 164k clauses), and both hold the GIL, so a thread
overlaps nothing with the answer's own start (imports, documents, query analysis, BM25:
≈ 0.5 s). A child forked before any of that loads the vectors on the other core meanwhile
and answers the parent's few vector calls over a pipe (README, "Tenth run").

Forking is only safe before chromadb is imported and while no other thread runs (a
forked child inherits held locks but not the threads that would release them), so
`VectorProcess.start` returns None otherwise, and the caller opens Chroma itself.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from rag.settings import Settings

# a child that has not reported by then is stuck: the parent opens Chroma itself
READY_TIMEOUT = 60.0
log = logging.getLogger(__name__)


class VectorProcessError(RuntimeError):
    """The vector process failed, or is gone."""


class VectorProcessGone(VectorProcessError):
    """The vector process has ended (killed, crashed): this process searches instead."""


class VectorProcess:
    """The parent's handle on the child: `client(generation, name)` once it is ready."""

    def __init__(self, pid: int, connection: Connection) -> None:
        self.pid = pid
        self._connection = connection
        self._lock = threading.Lock()
        self._opened: tuple[str, str, tuple[str, ...]] | None = None
        self._failed = False

    @classmethod
    def start(cls, settings: Settings) -> VectorProcess | None:
        """Fork the child, which opens the served generation's collections at once; None
        when the vectors are on a Chroma server or forking is not safe here."""
        if settings.chroma_url or not fork_is_safe():
            return None
        parent_end, child_end = multiprocessing.Pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the parent's code
            parent_end.close()
            _child(child_end, settings)
        child_end.close()
        return cls(pid, parent_end)

    def client(
        self, generation: str, name: str, fallback: Callable[[], Any]
    ) -> RemoteClient | None:
        """The child's client when it opened collection `name` of `generation` (the
        parent's); None when it opened another (an index run published in between), failed
        or stopped: the caller then opens Chroma itself. `fallback()` opens Chroma in this
        process, for a search made after the child has gone."""
        opened = self._wait_until_opened()
        if opened is None or opened[:2] != (generation, name):
            return None
        return RemoteClient(self, opened[2], fallback)

    def call(self, collection: str, method: str, arguments: dict[str, Any]) -> Any:
        """`method(**arguments)` on the child's `collection`."""
        with self._lock:
            if self._failed:
                raise VectorProcessGone("the vector process has stopped")
            try:
                self._connection.send((collection, method, arguments))
                status, value = self._connection.recv()
            except (EOFError, OSError) as error:
                self._failed = True
                raise VectorProcessGone(f"the vector process has gone: {error}") from error
        if status != "ok":
            raise VectorProcessError(value)
        return value

    def stop(self) -> None:
        """End the child, still loading or not. Reaped only if already gone: waiting for
        the kernel to free its vectors costs ≈ 0.08 s, and a one-shot process exits now."""
        with self._lock:
            self._failed = True
            self._connection.close()
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, os.WNOHANG)
        except (ProcessLookupError, ChildProcessError):
            pass

    def _wait_until_opened(self) -> tuple[str, str, tuple[str, ...]] | None:
        with self._lock:
            if self._opened is None and not self._failed:
                self._opened = self._first_report()
                self._failed = self._opened is None
            return self._opened

    def _first_report(self) -> tuple[str, str, tuple[str, ...]] | None:
        try:
            if not self._connection.poll(READY_TIMEOUT):
                log.warning("the vector process did not open Chroma in %.0f s", READY_TIMEOUT)
                return None
            status, value = self._connection.recv()
        except (EOFError, OSError):
            return None
        if status != "ok":
            log.debug("the vector process could not open Chroma: %s", value)
            return None
        generation, name, shards = value
        return generation, name, tuple(shards)


class RemoteClient:
    """The few calls of a Chroma client `VectorIndex` makes, answered by the child while it
    lives, then by Chroma opened in this process (`fallback`)."""

    def __init__(
        self, process: VectorProcess, shards: tuple[str, ...], fallback: Callable[[], Any]
    ) -> None:
        self._process = process
        self._shards = shards
        self._fallback = fallback
        self._local: Any = None

    def list_collections(self) -> list[str]:
        return list(self._shards)

    def get_collection(self, name: str, embedding_function: Any = None) -> RemoteCollection:
        if name not in self._shards:
            raise VectorProcessError(f"collection {name} is not open in the vector process")
        return RemoteCollection(self, name)

    def call(self, name: str, method: str, arguments: dict[str, Any]) -> Any:
        if self._local is None:
            try:
                return self._process.call(name, method, arguments)
            except VectorProcessGone:
                log.warning("the vector process has gone: searching in this process")
                self._local = self._fallback()
        collection = self._local.get_collection(name=name, embedding_function=None)
        return getattr(collection, method)(**arguments)


class RemoteCollection:
    """A collection the child holds: `count`, `query` and `get`, as Chroma's."""

    def __init__(self, client: RemoteClient, name: str) -> None:
        self._client = client
        self.name = name

    def count(self) -> int:
        return int(self._client.call(self.name, "count", {}))

    def query(self, **arguments: Any) -> Any:
        return self._client.call(self.name, "query", arguments)

    def get(self, **arguments: Any) -> Any:
        return self._client.call(self.name, "get", arguments)


def fork_is_safe() -> bool:
    return (
        "chromadb" not in sys.modules
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


def _child(connection: Connection, settings: Settings) -> None:
    """Open every shard (loading its HNSW index), report, then answer calls until the
    parent closes its end. Exits without running the parent's clean-up or flushing the
    output buffers it inherited."""
    try:
        try:
            generation, name, collections = _open(settings)
            connection.send(("ok", (generation, name, tuple(collections))))
        except Exception as error:
            connection.send(("error", f"{type(error).__name__}: {error}"))
            return
        _serve(connection, collections)
    except (EOFError, OSError, KeyboardInterrupt):
        pass
    finally:
        os._exit(0)


def _open(settings: Settings) -> tuple[str, str, dict[str, Any]]:
    """(generation, collection name, each shard's collection), every HNSW index loaded."""
    from rag.index.chroma import chroma_client, collection_name, shard_names
    from rag.index.embeddings import make_embedder
    from rag.index.generations import serving_generation

    path = serving_generation(Path(settings.data_dir))
    if path is None:
        raise VectorProcessError("nothing is indexed yet")
    name = collection_name(path.name, make_embedder(settings).name)
    client = chroma_client(None, path)
    names = shard_names(client, name)
    if not names:
        raise VectorProcessError(f"generation {path.name} has no collection {name}")
    collections = {n: client.get_collection(name=n, embedding_function=None) for n in names}
    for collection in collections.values():
        collection.count()  # loads its HNSW index now, while the parent starts up
    return path.name, name, collections


def _serve(connection: Connection, collections: dict[str, Any]) -> None:
    while True:
        name, method, arguments = connection.recv()
        try:
            value = getattr(collections[name], method)(**arguments)
            connection.send(("ok", value))
        except Exception as error:
            connection.send(("error", f"{type(error).__name__}: {error}"))
