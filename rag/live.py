"""`LiveAnswerService`: the AnswerService of a long-running process (serve, telegram, wecom)
that follows the index without a restart.

Every call first `stat`s CURRENT (one system call). When another generation was published,
the call builds a service over it and switches (calls arriving meanwhile wait for it, so
every call that starts after the switch is answered from the new generation); calls already
running finish on the service they started with. A replaced service's corpus is closed
when its last call ends, which lets the next index run delete its generation.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from rag.index.generations import current_stamp
from rag.protocol import AnswerEvent, Examples
from rag.records import Answer, Clause, Document, Hit
from rag.service import PolicyAnswerService, build_answer_service
from rag.settings import Settings

log = logging.getLogger(__name__)

Builder = Callable[[Settings, str], PolicyAnswerService]


class LiveAnswerService:
    """Delegates every `AnswerService` call to the service over the current generation."""

    def __init__(
        self, settings: Settings, mode: str = "auto", build: Builder = build_answer_service
    ) -> None:
        self._settings, self._mode, self._build = settings, mode, build
        self._data_dir = Path(settings.data_dir)
        self._switching = threading.Lock()
        self._count = threading.Lock()
        self._calls: dict[int, int] = {}  # id(service) -> calls in flight
        self._retired: dict[int, PolicyAnswerService] = {}
        self._stamp = current_stamp(self._data_dir)
        self._service = build(settings, mode)
        if self._stamp is None:  # the build indexed the seeds into an empty data directory
            self._stamp = current_stamp(self._data_dir)

    @property
    def data_dir(self) -> Path:
        return self._data_dir

    @property
    def generation(self) -> str:
        return self._service.corpus.generation

    def reload(self) -> bool:
        """Switch now if another generation was published; True when it switched. A call
        that finds a switch under way waits for it, so it is answered from the new one."""
        stamp = current_stamp(self._data_dir)
        if stamp == self._stamp:
            return False
        with self._switching:
            if stamp == self._stamp:  # another call switched meanwhile
                return False
            return self._switch(stamp)

    def _switch(self, stamp: tuple[int, int] | None) -> bool:
        try:
            fresh = self._build(self._settings, self._mode)
        except Exception:
            self._stamp = stamp  # a generation that fails to open is not retried every call
            log.exception("could not open the new index generation; still serving %s",
                          self.generation)  # fmt: skip
            return False
        old, self._service = self._service, fresh
        self._stamp = stamp  # only now: a concurrent call must not take the old service
        log.info("now serving index generation %s", fresh.corpus.generation)
        with self._count:
            self._retired[id(old)] = old
        self._close_if_idle(old)
        return True

    @contextmanager
    def _lease(self) -> Iterator[PolicyAnswerService]:
        """The current service, kept open until the block ends."""
        self.reload()
        with self._count:
            service = self._service
            self._calls[id(service)] = self._calls.get(id(service), 0) + 1
        try:
            yield service
        finally:
            with self._count:
                self._calls[id(service)] -= 1
            self._close_if_idle(service)

    def _close_if_idle(self, service: PolicyAnswerService) -> None:
        with self._count:
            if id(service) not in self._retired or self._calls.get(id(service), 0):
                return
            del self._retired[id(service)]
            self._calls.pop(id(service), None)
        service.corpus.close()

    # AnswerService
    def ask(self, question: str, session_id: str | None = None) -> Answer:
        with self._lease() as service:
            return service.ask(question, session_id)

    def ask_stream(self, question: str, session_id: str | None = None) -> Iterator[AnswerEvent]:
        with self._lease() as service:
            yield from service.ask_stream(question, session_id)

    def reset_session(self, session_id: str) -> None:
        with self._lease() as service:
            service.reset_session(session_id)

    def documents(self) -> Sequence[Document]:
        with self._lease() as service:
            return service.documents()

    def find_document(self, ref: str) -> Document | None:
        with self._lease() as service:
            return service.find_document(ref)

    def clauses(self, doc_id: str) -> Sequence[Clause]:
        with self._lease() as service:
            return service.clauses(doc_id)

    def clause(self, clause_id: str) -> Clause | None:
        with self._lease() as service:
            return service.clause(clause_id)

    def find_clause(self, doc_ref: str, number: str) -> Clause | None:
        with self._lease() as service:
            return service.find_clause(doc_ref, number)

    def examples(self) -> Examples:
        with self._lease() as service:
            return service.examples()

    def search(self, query: str, k: int = 10, city: str | None = None) -> list[Hit]:
        with self._lease() as service:
            return service.search(query, k, city)

    def clause_counts(self) -> dict[str, int]:
        """Clauses per document id (the staff page's document list)."""
        with self._lease() as service:
            return service.corpus.clause_counts()
