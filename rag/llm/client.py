"""The chat model (ChatOpenAI: OpenAI or any OpenAI-compatible server) behind a deadline.

Retries are ours, not the SDK's: the SDK would honour a `retry-after` of up to a minute per
attempt, while a user waiting for an answer must get one (at worst the extractive fallback)
within `llm_timeout` seconds. So the SDK gets `max_retries=0`, and `ChatClient` retries 429,
5xx and connection errors with bounded backoff only while the deadline allows.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import openai
from langchain_core.messages import BaseMessage
from langchain_openai import ChatOpenAI

from rag.settings import Settings

log = logging.getLogger("policybot.llm")
NO_KEY = "no-key"  # keyless local servers (Ollama, vLLM) still need a non-empty bearer token


class LlmUnavailable(Exception):
    """The model gave no usable reply in time; `reason` is short: "timeout", "HTTP 429" …"""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Deadline:
    at: float  # time.monotonic() value

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds)

    def remaining(self) -> float:
        return self.at - time.monotonic()


@dataclass(frozen=True)
class Failure:
    reason: str
    retryable: bool
    retry_after: float | None = None


def build_chat_model(settings: Settings) -> ChatOpenAI:
    """ChatOpenAI configured from settings (model, key, base URL, temperature, limits)."""
    return ChatOpenAI(
        model=settings.llm_model or "",
        api_key=settings.openai_api_key or NO_KEY,
        base_url=settings.openai_base_url,
        temperature=settings.llm_temperature,
        timeout=settings.llm_timeout,
        max_tokens=settings.llm_max_tokens,
        max_retries=0,
        stream_usage=False,
    )


def classify(error: BaseException) -> Failure:
    """What went wrong, in a few words, and whether another attempt may help."""
    if isinstance(error, openai.APITimeoutError):
        return Failure("timeout", retryable=True)
    if isinstance(error, openai.APIConnectionError):
        return Failure("connection error", retryable=True)
    if isinstance(error, openai.APIStatusError):
        status = error.status_code
        retryable = status == 429 or status >= 500
        return Failure(f"HTTP {status}", retryable, _retry_after(error.response))
    return Failure(f"malformed response ({type(error).__name__})", retryable=False)


def _retry_after(response: object) -> float | None:
    headers = getattr(response, "headers", None) or {}
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        try:
            return float(headers[name]) * scale
        except (KeyError, TypeError, ValueError):
            continue
    return None


def message_text(content: object) -> str:
    """The text of a message's content (a string, or a list of content parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in content)
    raise LlmUnavailable("malformed response (no text content)")


class ChatClient:
    """Complete or stream one chat, retrying transient failures within a deadline."""

    def __init__(self, model: ChatOpenAI, max_retries: int, backoff: float = 0.5) -> None:
        self.model = model
        self.max_retries = max(0, max_retries)
        self.backoff = backoff

    def complete(self, messages: Sequence[BaseMessage], deadline: Deadline) -> str:
        for attempt in range(self.max_retries + 1):
            try:
                reply = self.model.invoke(list(messages), timeout=_budget(deadline))
                _refuse_truncated(reply.response_metadata)
                return message_text(reply.content)
            except LlmUnavailable:
                raise
            except Exception as error:
                self._pause_or_raise(classify(error), attempt, deadline)
        raise LlmUnavailable("retries exhausted")  # pragma: no cover - the loop always exits

    def stream(self, messages: Sequence[BaseMessage], deadline: Deadline) -> Iterator[str]:
        """The reply so far (full text, growing) as tokens arrive."""
        for attempt in range(self.max_retries + 1):
            text, started = "", False
            try:
                for piece in self._pieces(messages, deadline):
                    started = True
                    text += piece
                    yield text
                return
            except LlmUnavailable:
                raise
            except Exception as error:
                failure = classify(error)
                if started:  # half an answer is not an answer; don't replay it either
                    raise LlmUnavailable(f"stream broken ({failure.reason})") from error
                self._pause_or_raise(failure, attempt, deadline)

    def _pieces(self, messages: Sequence[BaseMessage], deadline: Deadline) -> Iterator[str]:
        chunks = self.model.stream(list(messages), timeout=_budget(deadline))
        try:
            for chunk in chunks:
                _budget(deadline)  # a slow trickle must not outlive the deadline
                _refuse_truncated(chunk.response_metadata)
                yield message_text(chunk.content)
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:  # release the HTTP stream even when we stop early
                close()

    def _pause_or_raise(self, failure: Failure, attempt: int, deadline: Deadline) -> None:
        wait = failure.retry_after if failure.retry_after is not None else self._delay(attempt)
        if not failure.retryable or attempt >= self.max_retries or wait >= deadline.remaining():
            raise LlmUnavailable(failure.reason)
        log.info("LLM %s; retrying in %.2fs (attempt %d)", failure.reason, wait, attempt + 2)
        time.sleep(max(0.0, wait))

    def _delay(self, attempt: int) -> float:
        return self.backoff * 2**attempt


def _refuse_truncated(metadata: dict[str, object]) -> None:
    """A reply cut off at max tokens may have lost the sentence that qualifies a fact; one
    stopped by the provider's content filter is not an answer."""
    reason = metadata.get("finish_reason")
    if reason == "length":
        raise LlmUnavailable("reply cut off at POLICYBOT_LLM_MAX_TOKENS")
    if reason == "content_filter":
        raise LlmUnavailable("reply stopped by the provider's content filter")


def _budget(deadline: Deadline) -> float:
    remaining = deadline.remaining()
    if remaining <= 0:
        raise LlmUnavailable("timeout")
    return remaining
