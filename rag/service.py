"""`PolicyAnswerService`: the one AnswerService every adapter calls, and its composition root."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag.answer.extractive import (
    QuoteMismatch,
    catalogue_answer,
    clause_text_answer,
    comparison_answer,
    document_city_answer,
    document_date_answer,
    extractive_answer,
    refusal,
)
from rag.answer.wording import no_amount, not_covered, not_found, not_named
from rag.compose import llm_answerer, open_or_index, sample_clauses
from rag.protocol import AnswerEvent, SearchFilters
from rag.query.analysis import QueryPlan, analyse
from rag.query.followups import scope_of, with_context
from rag.records import Answer, Clause, Document, Hit
from rag.retrieve.hybrid import (
    EvidenceModel,
    HybridRetriever,
    Retrieved,
    asks_how_much,
    missing_key_term,
    plan_filters,
    states_any_amount,
)
from rag.sessions import SESSIONS_DB, SessionStore
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.index.corpus import IndexedCorpus

log = logging.getLogger(__name__)

GREETING = (
    "你好!我是政策问答助手,回答已索引的科技政策里写了什么,并给出原文和出处。"
    "例如可以问:日照市新设创投机构最高奖励多少?"
)
EMPTY = "请输入要查询的问题,例如:日照市新设创投机构最高奖励多少?"
TOO_LONG = "问题太长了,请精简成一两句话再问(例如:日照市新设创投机构最高奖励多少?)。"
NOT_CHINESE = (
    "请用中文提问:已索引的是中文政策文件,例如:日照市新设创投机构最高奖励多少? "
    "(Please ask in Chinese: the indexed policies are in Chinese.)"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
CHECK_FAILED = "没能为这个问题组织出可以逐字核对的答案,为避免给出错误信息,暂不作答。"


class PolicyAnswerService:
    """Retrieval, the extractive answer, optional LLM wording, and per-session follow-ups."""

    def __init__(
        self,
        corpus: IndexedCorpus,
        retriever: HybridRetriever,
        sessions: SessionStore,
        top_k: int = 3,
        max_question_chars: int = 500,
        llm: Any | None = None,
    ) -> None:
        self.corpus = corpus
        self.retriever = retriever
        self.sessions = sessions
        self.top_k = top_k
        self.max_question_chars = max_question_chars
        self.llm = llm

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
        text = question.strip() if isinstance(question, str) else ""
        if not text:
            return refusal(question, EMPTY), [], None
        if len(text) > self.max_question_chars:
            return refusal(question, TOO_LONG), [], None
        plan = self._plan(text, session_id)
        try:
            answer, hits = self._answer(plan)
        except QuoteMismatch as error:  # never show an unverifiable quote or number
            log.error("answer check failed for %r: %s", text, error)
            return refusal(question, CHECK_FAILED), [], plan
        return replace(answer, question=question), hits, plan

    def _plan(self, text: str, session_id: str | None) -> QueryPlan:
        documents = self.corpus.documents()
        plan = analyse(text, documents)
        if not session_id:
            return plan
        history = self.sessions.history(session_id)
        if history and self.llm is not None and not plan.names_scope:
            pairs = [(t.question, t.answer) for t in history]
            plan = analyse(self.llm.condense(text, pairs), documents)
        return with_context(plan, history[-1].scope if history else None)

    def _answer(self, plan: QueryPlan) -> tuple[Answer, list[Hit]]:
        if plan.greeting:
            return refusal(plan.question, GREETING), []
        if not _CJK.search(plan.question):
            return refusal(plan.question, NOT_CHINESE), []
        if plan.foreign_cities and not plan.cities:
            return refusal(plan.question, self._not_covered(plan.foreign_cities)), []
        if plan.asks_catalogue:
            return self._catalogue(plan), []
        if plan.asks_issue_date:
            return self._issue_date_answer(plan), []
        if plan.clause_number:
            return self._clause_answer(plan), []
        if plan.asks_issuer_city:
            return self._issuer_city_answer(plan)
        if plan.fact_kind == "comparison" or plan.foreign_cities:
            return self._comparison(plan)
        retrieved = self.retriever.search(plan, self.top_k)
        if not retrieved.confident:
            return refusal(plan.question, self._not_found(plan)), []
        missing = missing_key_term(plan, retrieved.hits[0], self.retriever.evidence)
        if missing:
            return refusal(plan.question, not_named(plan, missing)), []
        if asks_how_much(plan) and not states_any_amount(retrieved.hits[0].clause):
            return refusal(plan.question, no_amount(plan)), []
        answer = extractive_answer(plan, retrieved, self.corpus.document, self.top_k)
        return answer, list(retrieved.hits)

    def _clause_answer(self, plan: QueryPlan) -> Answer:
        number = plan.clause_number or ""
        candidates = self._clauses_numbered(number, self._scope_documents(plan))
        if len(candidates) == 1:
            clause = self.corpus.clause(candidates[0][1])
            document = self.corpus.document(candidates[0][0])
            if document is not None and clause is not None:
                return clause_text_answer(plan.question, document, clause)
        if not candidates:
            return refusal(
                plan.question,
                "已索引的文件中没有找到这一条。可以用 policybot docs 查看文件,再指明文件名。",
            )
        documents = (self.corpus.document(i) for i in dict.fromkeys(d for d, _ in candidates))
        titles = "、".join(f"《{d.title}》" for d in documents if d is not None)
        return refusal(plan.question, f"这一条在几份文件里都有,请指明是哪份文件:{titles}。")

    def _catalogue(self, plan: QueryPlan) -> Answer:
        """The indexed documents in scope, each cited by its opening sentence."""
        documents = [d for d in self._scope_documents(plan) if d.kind != "interpretation"]
        openings = [(d, c[0]) for d in documents if (c := self.corpus.clauses(d.doc_id))]
        if not openings:
            return refusal(plan.question, self._not_found(plan))
        return catalogue_answer(plan.question, openings)

    def _issue_date_answer(self, plan: QueryPlan) -> Answer:
        """The date a document was issued is metadata (its 落款), shown with the citation of
        its opening clause; the answer text itself states no number."""
        documents = [d for d in self._scope_documents(plan) if d.date]
        main = [d for d in documents if d.kind != "interpretation"]
        policies = [d for d in main if d.kind in ("policy", "plan")] or main
        if len(policies) != 1:
            if not policies:
                return refusal(plan.question, "已索引的文件里没有写明这份文件的日期。")
            titles = "、".join(f"《{d.title}》" for d in policies)
            return refusal(plan.question, f"请指明是哪份文件:{titles}。")
        document = policies[0]
        clauses = self.corpus.clauses(document.doc_id)
        if not clauses:
            return refusal(plan.question, "已索引的文件里没有写明这份文件的日期。")
        return document_date_answer(plan.question, document, clauses[0])

    def _issuer_city_answer(self, plan: QueryPlan) -> tuple[Answer, list[Hit]]:
        """Which city a document the question names is from: its recorded city, never a guess
        from its text or from the clauses that happen to match best."""
        named = [d for d in self._scope_documents(plan) if plan.doc_ids]
        named = [d for d in named if d.kind != "interpretation"]
        cities = {d.city for d in named}
        if not named:
            text = "没能确定是哪份文件:是哪个市发布的只按已索引文件的信息回答,请给出文件标题再问。"
            return refusal(plan.question, text), []
        if len(cities) > 1:
            titles = "、".join(f"《{d.title}》" for d in named)
            return refusal(plan.question, f"请指明是哪份文件:{titles}。"), []
        document = named[0]
        clauses = self.corpus.clauses(document.doc_id)
        if not document.city or not clauses:
            text = f"已索引的《{document.title}》没有写明是哪个市发布的。"
            return refusal(plan.question, text), []
        return document_city_answer(plan.question, document, clauses[0]), []

    def _scope_documents(self, plan: QueryPlan) -> list[Document]:
        documents = self.corpus.documents()
        if plan.doc_ids:
            return [d for d in documents if d.doc_id in plan.doc_ids]
        if plan.cities:
            return [d for d in documents if d.city in plan.cities]
        return list(documents)

    def _clauses_numbered(
        self, number: str, documents: Sequence[Document]
    ) -> list[tuple[str, str]]:
        """(doc_id, clause_id) of the clauses so numbered: an index look-up that reads no
        clause, however many documents share the number."""
        found = self.corpus.clause_places(number, {d.doc_id for d in documents})
        policies = [place for place in found if self._kind(place[0]) == "policy"]
        return policies if len(policies) == 1 else found

    def _kind(self, doc_id: str) -> str:
        document = self.corpus.document(doc_id)
        return document.kind if document else ""

    def _comparison(self, plan: QueryPlan) -> tuple[Answer, list[Hit]]:
        cities = plan.cities or self.covered_cities()
        per_city: list[tuple[str, Retrieved]] = []
        for city in cities:
            filters = SearchFilters(cities=(city,), doc_ids=plan.doc_ids)
            per_city.append((city, self.retriever.search(plan, 1, filters)))
        answer = comparison_answer(plan, per_city, self.corpus.document, plan.foreign_cities)
        hits = [r.hits[0] for _, r in per_city if r.confident]
        return answer, hits

    def covered_cities(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(d.city for d in self.corpus.documents() if d.city))

    def _not_covered(self, cities: Sequence[str]) -> str:
        return not_covered(cities, self.covered_cities())

    def _not_found(self, plan: QueryPlan) -> str:
        return not_found(plan, self.covered_cities())

    def _remember(self, answer: Answer, session_id: str | None, plan: QueryPlan | None) -> Answer:
        if session_id and plan is not None:
            self.sessions.append(session_id, answer.question, answer.answer, scope_of(plan))
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

    def search(self, query: str, k: int = 10, city: str | None = None) -> list[Hit]:
        plan = analyse(query, self.corpus.documents())
        filters = SearchFilters(cities=(city,)) if city else plan_filters(plan)
        return self.retriever.relevant(plan, self.retriever.search(plan, k, filters).hits)


def build_answer_service(settings: Settings, mode: str = "auto") -> PolicyAnswerService:
    """Open (first indexing seeds/ if nothing is indexed) and wire everything from settings."""
    corpus = open_or_index(settings)
    documents = corpus.documents()
    evidence = EvidenceModel.build(sample_clauses(corpus), {d.doc_id: d.title for d in documents})
    retriever = HybridRetriever(corpus.lexical, corpus.vector, evidence)
    return PolicyAnswerService(
        corpus,
        retriever,
        SessionStore(Path(settings.data_dir) / SESSIONS_DB),
        top_k=settings.top_k,
        max_question_chars=settings.max_question_chars,
        llm=llm_answerer(settings, mode),
    )
