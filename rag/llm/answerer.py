"""LLM answers grounded in retrieved clauses and verified before anyone sees them.

The answer service hands over the question, the hits and the extractive answer it already
computed. The model phrases an answer from the numbered sources; `rag.llm.verify` checks it; one
retry states the violations; after that, or on any failure of the endpoint, the extractive
answer is returned with `fallback_reason` set. Users never see an error from the model.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterator, Sequence

from langchain_core.messages import BaseMessage

from rag.answer.wording import NOT_FOUND, NOT_FOUND_EN
from rag.llm.citations import cited_citations
from rag.llm.client import ChatClient, Deadline, LlmUnavailable, build_chat_model
from rag.llm.prompts import DocumentLookup, Prompts, Source, number_sources
from rag.llm.verify import (
    REFUSAL_SENTINEL,
    Verdict,
    citation_markers,
    echoes,
    renumber_markers,
    strip_markers,
    verify_answer,
)
from rag.protocol import AnswerEvent, PartialText
from rag.records import Answer, Hit
from rag.settings import Settings
from rag.text.numerals import Fact, numeric_mentions, supported_facts
from rag.text.sentences import finished_sentences

log = logging.getLogger("policybot.llm")
ATTEMPTS = 2  # the first answer and one retry that states what failed
_THINKING = re.compile(r"<think>.*?(?:</think>|$)", re.DOTALL)  # reasoning models' scratchpad
DRAFT_ECHO_WINDOW = 8
_FORMING_NUMBER = re.compile(r"[\d〇零一二两三四五六七八九十百千万亿.．]$")


def visible_text(text: str) -> str:
    """The reply without a reasoning model's <think>…</think> block, trimmed."""
    return _THINKING.sub("", text).strip()


def presentable_draft(text: str, supported: set[Fact], system_prompt: str) -> str:
    """What of an unverified streaming draft may be shown: whole sentences whose numbers all
    appear in some source, then a tail with no number (forming); never the refusal sentinel
    or an echo of the system prompt."""
    text = visible_text(text)
    if REFUSAL_SENTINEL.startswith(text[: len(REFUSAL_SENTINEL)]) or "NOT_" in text:
        return ""
    if echoes(text, system_prompt, window=DRAFT_ECHO_WINDOW):
        return ""  # stricter than the final check: an echo must not even begin to show
    shown = 0
    for sentence, end in finished_sentences(text):
        if not _numbers_supported(sentence, supported):
            return text[:shown].rstrip()
        shown = end
    tail = text[shown:]
    if numeric_mentions(strip_markers(tail)) or _FORMING_NUMBER.search(tail):
        return text[:shown].rstrip()
    return text


def in_citation_order(text: str) -> str:
    """The prompt's source numbers become the citation list's: "[3]…[1]" -> "[1]…[2]".
    Numbering by first appearance keeps a draft's numbers stable as it grows."""
    order = {n: i for i, n in enumerate(citation_markers(text), start=1)}
    return renumber_markers(text, order)


def _numbers_supported(sentence: str, supported: set[Fact]) -> bool:
    mentions = numeric_mentions(strip_markers(sentence), ignore_list_ordinals=True)
    return all(fact in supported for fact, _ in mentions)


def answer_language_is_chinese(question: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in question) or not question.strip()


class LlmAnswerer:
    """Answers, streams and condenses through one chat client; every answer is verified."""

    def __init__(
        self, client: ChatClient, prompts: Prompts, documents: DocumentLookup, timeout: float
    ) -> None:
        self.client = client
        self.prompts = prompts
        self.documents = documents
        self.timeout = timeout

    def answer(self, question: str, hits: Sequence[Hit], fallback: Answer) -> Answer:
        """The verified LLM answer, or `fallback` with `fallback_reason` set."""
        final = fallback
        for event in self.stream(question, hits, fallback, live=False):
            final = event if isinstance(event, Answer) else final
        return final

    def stream(
        self, question: str, hits: Sequence[Hit], fallback: Answer, live: bool = True
    ) -> Iterator[AnswerEvent]:
        """Unverified drafts (PartialText) while tokens arrive, then exactly one final Answer."""
        try:
            yield from self._answer_events(question, hits, fallback, live)
        except Exception as error:  # the LLM path must never cost the user their answer
            log.exception("LLM answer failed unexpectedly")
            yield fall_back(fallback, f"internal error ({type(error).__name__})")

    def condense(self, question: str, history: Sequence[tuple[str, str]]) -> str:
        """A follow-up rewritten as a standalone question; the question itself on any doubt."""
        if not history or not question.strip():
            return question
        messages = self.prompts.condense_messages(question, history)
        try:
            reply = self.client.complete(messages, Deadline.after(self.timeout))
        except LlmUnavailable as error:
            log.warning("LLM condensation failed (%s); using the question as asked", error.reason)
            return question
        return usable_rewrite(reply, question, self.prompts.system)

    def _answer_events(
        self, question: str, hits: Sequence[Hit], fallback: Answer, live: bool
    ) -> Iterator[AnswerEvent]:
        sources = number_sources(hits, self.documents)
        if not sources:
            yield fall_back(fallback, "no indexed sources to ground an answer")
            return
        deadline = Deadline.after(self.timeout)
        messages = self.prompts.answer_messages(question, sources)
        evidence = [source.evidence for source in sources]
        supported = set().union(*(supported_facts(e) for e in evidence))
        try:
            for attempt in range(1, ATTEMPTS + 1):
                text = shown = ""
                for text in self._drafts(messages, deadline, live):
                    draft = in_citation_order(
                        presentable_draft(text, supported, self.prompts.system)
                    )
                    if live and draft and draft != shown:
                        shown = draft
                        yield PartialText(draft)
                verdict = verify_answer(visible_text(text), evidence, self.prompts.system)
                if verdict.ok:
                    yield accepted(question, visible_text(text), verdict, sources, fallback)
                    return
                log.info("LLM answer rejected (attempt %d): %s", attempt, verdict.violations)
                messages = self.prompts.retry_messages(
                    question, sources, visible_text(text), verdict.violations
                )
            yield fall_back(fallback, "; ".join(verdict.violations))
        except LlmUnavailable as error:
            yield fall_back(fallback, error.reason)

    def _drafts(self, messages: list[BaseMessage], deadline: Deadline, live: bool) -> Iterator[str]:
        if live:
            yield from self.client.stream(messages, deadline)
        else:
            yield self.client.complete(messages, deadline)


def accepted(
    question: str, text: str, verdict: Verdict, sources: Sequence[Source], fallback: Answer
) -> Answer:
    """The verified LLM answer (or its refusal), citing exactly the sources it named."""
    if verdict.refusal:
        return Answer(
            question=question,
            answer=refusal_text(question, fallback),
            refused=True,
            mode="llm",
            session_id=fallback.session_id,
        )
    citations = cited_citations(text, sources, verdict.cited)
    if len(citations) != len(verdict.cited):
        return fall_back(fallback, "a cited clause could not be quoted verbatim")
    return Answer(
        question=question,
        answer=in_citation_order(text),
        refused=False,
        mode="llm",
        citations=tuple(citations),
        verified=True,
        session_id=fallback.session_id,
    )


def refusal_text(question: str, fallback: Answer) -> str:
    if fallback.refused and fallback.answer:
        return fallback.answer  # the service's own wording (it may list the covered cities)
    return NOT_FOUND if answer_language_is_chinese(question) else NOT_FOUND_EN


def fall_back(fallback: Answer, reason: str) -> Answer:
    """The extractive answer (itself verified), recording why the LLM's was not used."""
    log.warning("LLM answer not used, extractive fallback: %s", reason)
    return dataclasses.replace(fallback, mode="extractive", fallback_reason=reason)


def usable_rewrite(reply: str, question: str, system_prompt: str) -> str:
    """The condensed question, or the original when the reply is not a plausible rewrite."""
    lines = [line.strip() for line in visible_text(reply).splitlines() if line.strip()]
    rewrite = re.sub(r"^(改写后的问题|问题|Question)\s*[:：]\s*", "", lines[0] if lines else "")
    rewrite = rewrite.strip("\"'“”「」 ")
    too_long = len(rewrite) > max(200, 3 * len(question))
    if not rewrite or too_long or REFUSAL_SENTINEL in rewrite or echoes(rewrite, system_prompt):
        return question
    return rewrite


def build_llm_answerer(settings: Settings, documents: DocumentLookup) -> LlmAnswerer:
    """The LLM answerer for these settings; `documents` finds a Document by id in the corpus
    the composition root opened."""
    settings.require("LLM answers", "POLICYBOT_LLM_MODEL")
    if not (settings.openai_api_key or settings.openai_base_url):
        settings.require("LLM answers", "OPENAI_API_KEY")
    client = ChatClient(build_chat_model(settings), max_retries=settings.llm_max_retries)
    return LlmAnswerer(client, Prompts.load(), documents, timeout=settings.llm_timeout)
