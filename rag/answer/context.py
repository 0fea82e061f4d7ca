"""What every answer handler may consult: the corpus, the retriever, and a few views of them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from rag.answer.supersession import Replacement, replacement_ids, resolve_replacements
from rag.protocol import CorpusReader
from rag.query.abbreviations import CorpusTerms
from rag.query.analysis import QueryPlan
from rag.query.view import corpus_view
from rag.records import Answer, Document, Hit
from rag.retrieve.hybrid import HybridRetriever

Outcome = tuple[Answer, list[Hit]]  # the answer and the hits an LLM may re-phrase it from


@dataclass(frozen=True)
class AnswerContext:
    corpus: CorpusReader
    retriever: HybridRetriever
    top_k: int
    example: str | None = None  # an example question built from the index, for help texts
    today: Callable[[], str] = lambda: date.today().isoformat()  # the clock, for validity
    corpus_terms: CorpusTerms | None = None  # the corpus' words, for the key-term gate

    @cached_property
    def replaced(self) -> dict[str, Replacement]:
        """Indexed documents another indexed document replaces (worked out on first use,
        once per generation: the corpus keeps it with its derived data)."""
        documents = self.corpus.documents
        ids = self.corpus.derived("replacements", lambda: replacement_ids(documents()))
        return resolve_replacements(ids, self.corpus.document)

    def covered_cities(self) -> tuple[str, ...]:
        return corpus_view(self.corpus.documents()).covered_cities

    def covered_places(self) -> tuple[str, ...]:
        """Where the indexed documents apply: their cities, else their province or the
        whole country (a refusal names them all, not only the cities)."""
        return corpus_view(self.corpus.documents()).covered_places

    def scope_documents(self, plan: QueryPlan) -> list[Document]:
        """The documents the question names, else those of the cities it names, else all."""
        documents = self.corpus.documents()
        if plan.doc_ids or plan.scope_ids:
            chosen = set(plan.doc_ids or plan.scope_ids)
            return [d for d in documents if d.doc_id in chosen]
        if plan.cities:
            return [d for d in documents if d.city in plan.cities]
        return list(documents)

    def kind(self, doc_id: str) -> str:
        document = self.corpus.document(doc_id)
        return document.kind if document else ""

    def documents_with_ids(self, doc_ids: Iterable[str]) -> list[Document]:
        """The documents, once each, in the order first named."""
        documents = (self.corpus.document(i) for i in dict.fromkeys(doc_ids))
        return [d for d in documents if d is not None]
