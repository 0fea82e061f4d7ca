"""The one seam every adapter (CLI, HTTP, Telegram, WeCom) depends on."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from rag.records import Answer, Clause, Document, Hit

T = TypeVar("T")


@dataclass(frozen=True)
class PartialText:
    """A streamed, *unverified* draft of the answer so far (full text, not a delta)."""

    text: str


AnswerEvent = PartialText | Answer  # a stream ends with exactly one verified Answer


@dataclass(frozen=True)
class Examples:
    """What help texts show, built from what is indexed (the corpus may hold anything).

    `document` is a short reference (a stretch of one title) that `find_clause(document,
    clause_number)` resolves to one clause; every field is None when the index has none."""

    question: str | None = None
    document: str | None = None
    clause_number: str | None = None
    clause_question: str | None = None  # the same clause asked for in a question


class AnswerService(Protocol):
    """Questions in, verified answers out, plus read access to the indexed corpus."""

    def ask(self, question: str, session_id: str | None = None) -> Answer:
        """Answer one question; follow-ups resolve against the session's history."""
        ...

    def ask_stream(self, question: str, session_id: str | None = None) -> Iterator[AnswerEvent]:
        """Yield drafts while answering, then the final verified `Answer` last."""
        ...

    def reset_session(self, session_id: str) -> None:
        """Forget a conversation."""
        ...

    def documents(self) -> Sequence[Document]:
        """Every indexed document."""
        ...

    def find_document(self, ref: str) -> Document | None:
        """A document by id, source file name prefix or a unique part of its title."""
        ...

    def clauses(self, doc_id: str) -> Sequence[Clause]:
        """A document's clauses in reading order."""
        ...

    def clause(self, clause_id: str) -> Clause | None:
        """One clause by id."""
        ...

    def find_clause(self, doc_ref: str, number: str) -> Clause | None:
        """A clause by document reference and clause number ("14", "(三)" …)."""
        ...

    def examples(self) -> Examples:
        """An example question and clause reference for help texts, from the index."""
        ...

    def search(self, query: str, k: int = 10, city: str | None = None) -> list[Hit]:
        """Clauses matching `query`, best first (hybrid retrieval, no answering, no session).

        `city` restricts to that city's documents; `Hit.sentence` is the best matching
        sentence when known, `Hit.highlights` the spans of the clause text the query matched.
        Used by the web page's clause search (GET /api/search).
        """
        ...


@dataclass(frozen=True)
class SearchFilters:
    """Restrict retrieval to some cities and/or documents (empty = no restriction)."""

    cities: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()


class AnswerWriter(Protocol):
    """The LLM seam: phrases an answer from retrieved clauses, verified before it is returned.

    Every method falls back rather than fails: `fallback` is the extractive answer, returned
    (with `fallback_reason`) whenever the model's answer cannot be used."""

    def answer(self, question: str, hits: Sequence[Hit], fallback: Answer) -> Answer:
        """The verified answer, or `fallback`."""
        ...

    def stream(self, question: str, hits: Sequence[Hit], fallback: Answer) -> Iterator[AnswerEvent]:
        """Unverified drafts (`PartialText`) while the model writes, then exactly one Answer."""
        ...

    def condense(self, question: str, history: Sequence[tuple[str, str]]) -> str:
        """A follow-up rewritten as a standalone question; the question itself on any doubt."""
        ...


class CorpusReader(Protocol):
    """Read access to the served corpus, what answering needs besides retrieval."""

    def documents(self) -> Sequence[Document]: ...

    def document(self, doc_id: str) -> Document | None: ...

    def clauses(self, doc_id: str) -> Sequence[Clause]: ...

    def clause(self, clause_id: str) -> Clause | None: ...

    def clause_places(
        self, reference: str, doc_ids: Collection[str] | None = None
    ) -> list[tuple[str, str]]:
        """(doc_id, clause_id) of the clauses a number names, per document, unread."""
        ...

    def derived(self, name: str, compute: Callable[[], T]) -> T:
        """`compute()`, a value worked out from the whole corpus, kept for later processes."""
        ...


class Embedder(Protocol):
    """One abstract method per extension point: everything else is built on `embed`."""

    @property
    def name(self) -> str:
        """Identifies the vector space; a different name gets a separate collection."""
        ...

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """One vector per text."""
        ...


class Retriever(Protocol):
    """Ranked clauses for a query, best first."""

    def search(self, query: str, k: int, filters: SearchFilters | None = None) -> list[Hit]: ...
