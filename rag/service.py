"""`PolicyAnswerService`: the one AnswerService every adapter calls, and its composition root."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from rag.answer import wording
from rag.answer.citations import QuoteMismatch, refusal
from rag.answer.compound import with_later_asks
from rag.answer.context import AnswerContext
from rag.answer.router import answer_plan
from rag.compose import llm_answerer, open_or_index, sample_clauses
from rag.examples import help_examples
from rag.lexicon.cues import DEFINITION_MARK
from rag.protocol import AnswerEvent, AnswerWriter, Examples, SearchFilters
from rag.query.abbreviations import CorpusTerms
from rag.query.analysis import QueryPlan, analyse
from rag.query.asks import asks_of, later_ask_plans
from rag.query.definitions import defined_kinds
from rag.query.followups import asked_again_in, scope_of, with_context
from rag.query.view import CorpusView, keep_view
from rag.records import Answer, Clause, Document, Hit
from rag.retrieve.evidence import EvidenceModel
from rag.retrieve.hybrid import HybridRetriever, plan_filters
from rag.retrieve.scoring import ScoringModel
from rag.sessions import SESSIONS_DB, SessionStore
from rag.settings import Settings
from rag.text.highlight import highlight_spans
from rag.text.homophones import Homophones
from rag.text.segment import segmenting_questions

if TYPE_CHECKING:
    from rag.index.corpus import IndexedCorpus
    from rag.index.vector_process import VectorProcess

log = logging.getLogger(__name__)


class PolicyAnswerService:
    """Retrieval, the extractive answer, optional LLM wording, and per-session follow-ups."""

    def __init__(
        self,
        corpus: IndexedCorpus,
        retriever: HybridRetriever,
        sessions: SessionStore,
        top_k: int = 3,
        max_question_chars: int = 500,
        llm: AnswerWriter | None = None,
        examples: Examples | None = None,
        corpus_terms: CorpusTerms | None = None,
    ) -> None:
        self.corpus = corpus
        self.corpus_terms = corpus_terms
        self.retriever = retriever
        self.sessions = sessions
        self.max_question_chars = max_question_chars
        self.llm = llm
        self._examples = examples or Examples()
        example = self._examples.question
        self.context = AnswerContext(corpus, retriever, top_k, example, corpus_terms=corpus_terms)

    # answering
    def ask(self, question: str, session_id: str | None = None) -> Answer:
        answer, hits, plan = self._extractive(question, session_id)
        if self.llm is not None and not answer.refused and hits:
            answer = self.llm.answer(question, hits, answer)
        return self._remember(answer, session_id, plan)

    def ask_stream(self, question: str, session_id: str | None = None) -> Iterator[AnswerEvent]:
        answer, hits, plan = self._extractive(question, session_id)
        if self.llm is not None and not answer.refused and hits:
            for event in self.llm.stream(question, hits, answer):
                if isinstance(event, Answer):
                    event = self._remember(event, session_id, plan)
                yield event
            return
        yield self._remember(answer, session_id, plan)

    def _extractive(
        self, question: str, session_id: str | None
    ) -> tuple[Answer, list[Hit], QueryPlan | None]:
        """Validate, plan, route to the intent's handler; a failed quote check refuses."""
        with segmenting_questions(self.corpus.vocabulary_file):
            return self._extractive_answer(question, session_id)

    def _extractive_answer(
        self, question: str, session_id: str | None
    ) -> tuple[Answer, list[Hit], QueryPlan | None]:
        text = question.strip() if isinstance(question, str) else ""
        example = self.context.example
        if not text:
            return refusal(question, wording.empty(example)), [], None
        if len(text) > self.max_question_chars:
            return refusal(question, wording.too_long(example)), [], None
        plan = self._plan(text, session_id)
        try:
            first = answer_plan(self.context, plan)
            # a refused message answers no later ask: they are not analysed for nothing
            later = [] if first[0].refused else self._later_asks(plan)
            answer, hits = with_later_asks(self.context, first, later)
        except QuoteMismatch as error:  # never show an unverifiable quote or number
            log.error("answer check failed for %r: %s", text, error)
            return refusal(question, wording.CHECK_FAILED), [], plan
        return replace(answer, question=question), hits, plan

    def _plan(self, text: str, session_id: str | None) -> QueryPlan:
        documents = self.corpus.documents()
        plan = analyse(text, documents, self.corpus_terms)
        if not session_id:
            return plan
        history = self.sessions.history(session_id)
        last = history[-1] if history else None
        asked = (last.scope.asked or last.question) if last else None
        again = asked_again_in(text, asked, last.scope.topic) if last and asked else None
        if again is not None:  # "要是在桂林呢?": the last question, in the city named
            return analyse(again, documents, self.corpus_terms)
        if history and self.llm is not None and not plan.names_scope:
            pairs = [(t.question, t.answer) for t in history]
            plan = analyse(self.llm.condense(text, pairs), documents, self.corpus_terms)
        return with_context(plan, history[-1].scope if history else None, self.corpus_terms)

    def _later_asks(self, plan: QueryPlan) -> list[tuple[str, tuple[QueryPlan, ...]]]:
        """The asks after the first of a message that asks more than one thing."""
        later = asks_of(plan.question)[1:]
        documents = self.corpus.documents()
        return [(a, later_ask_plans(analyse(a, documents, self.corpus_terms), plan)) for a in later]

    def _remember(self, answer: Answer, session_id: str | None, plan: QueryPlan | None) -> Answer:
        if session_id and plan is not None:
            quoted = answer.citations[0].clause_id if answer.citations else None
            scope = scope_of(plan, None if answer.refused else quoted)
            self.sessions.append(session_id, answer.question, answer.answer, scope)
        return replace(answer, session_id=session_id)

    def reset_session(self, session_id: str) -> None:
        self.sessions.reset(session_id)

    # corpus access
    def documents(self) -> Sequence[Document]:
        return self.corpus.documents()

    def find_document(self, ref: str) -> Document | None:
        return self.corpus.find_document(ref)

    def clauses(self, doc_id: str) -> Sequence[Clause]:
        return self.corpus.clauses(doc_id)

    def clause(self, clause_id: str) -> Clause | None:
        return self.corpus.clause(clause_id)

    def find_clause(self, doc_ref: str, number: str) -> Clause | None:
        return self.corpus.find_clause(doc_ref, number)

    def examples(self) -> Examples:
        return self._examples

    def search(self, query: str, k: int = 10, city: str | None = None) -> list[Hit]:
        with segmenting_questions(self.corpus.vocabulary_file):
            return self._search(query, k, city)

    def _search(self, query: str, k: int, city: str | None) -> list[Hit]:
        plan = analyse(query, self.corpus.documents(), self.corpus_terms)
        filters = SearchFilters(cities=(city,)) if city else plan_filters(plan)
        hits = self.retriever.relevant(plan, self.retriever.search(plan, k, filters).hits)
        return [replace(h, highlights=tuple(highlight_spans(h.clause.text, query))) for h in hits]


def build_answer_service(
    settings: Settings,
    mode: str = "auto",
    one_shot: bool = False,
    vector_process: VectorProcess | None = None,
) -> PolicyAnswerService:
    """Open (first indexing seeds/ if nothing is indexed) and wire everything from settings.
    `one_shot` (a process that answers and exits): the vector index opens on first use, in
    `vector_process` when one was started."""
    corpus = open_or_index(settings)
    corpus.background_vectors = not one_shot
    corpus.vector_process = vector_process
    documents = corpus.documents()
    keep_view(documents, corpus.derived("query-view", lambda: CorpusView.of(documents)))
    sample = corpus.derived("clause-sample", lambda: sample_clauses(corpus))
    titles = {d.doc_id: d.title for d in documents}
    # term weights depend only on the generation: worked out once, read back by later starts
    weights = corpus.derived("term-weights", lambda: EvidenceModel.build(sample, titles).weights)
    places = {d.doc_id: frozenset(p for p in (d.city, d.place) if p) for d in documents}
    evidence = EvidenceModel(weights, titles, places)
    retriever = HybridRetriever(
        corpus.lexical, corpus.vector, evidence, ScoringModel(), corpus.clauses_of_short
    )
    return PolicyAnswerService(
        corpus,
        retriever,
        SessionStore(Path(settings.data_dir) / SESSIONS_DB),
        top_k=settings.top_k,
        max_question_chars=settings.max_question_chars,
        llm=llm_answerer(settings, mode, corpus),
        examples=corpus.derived("examples", lambda: help_examples(corpus, sample)),
        corpus_terms=CorpusTerms.build(
            corpus.lexical.words(),
            (c.text for c in sample),
            cache(lambda: corpus.derived("homophones", Homophones.load)),
            corpus.derived(
                "defined-kinds",
                lambda: defined_kinds(corpus.clause_texts_writing(DEFINITION_MARK)),
            ),
        ),
    )
