"""OpenAI-compatible chat endpoint, so existing chat front-ends can use the bot as a "model".

The reply is the verified answer followed by numbered sources with verbatim quotes. Streaming
sends only the verified answer: unverified drafts cannot be taken back once a client has
shown them, and a wrong number is worse than a late one.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.web import render
from rag.protocol import AnswerService
from rag.records import Answer
from rag.text.edge import clean_nested

log = logging.getLogger(__name__)

MODEL_ID = "policybot"
STREAM_CHUNK_CHARS = 24

router = APIRouter(prefix="/v1", tags=["openai-compatible"])


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: str
    content: str | list[dict[str, Any]] | None = None

    @field_validator("content", mode="before")
    @classmethod
    def cleaned(cls, value: object) -> object:
        return clean_nested(value)


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(extra="allow")  # temperature, max_tokens … are accepted, unused
    model: str = Field(examples=[MODEL_ID])
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    user: str | None = Field(None, description="used as the session id for follow-ups")

    @field_validator("user", mode="before")
    @classmethod
    def cleaned(cls, value: object) -> object:
        return clean_nested(value)


@router.get("/models")
def list_models() -> dict[str, object]:
    """The one "model" this server offers."""
    model = {"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "policybot"}
    return {"object": "list", "data": [model]}


@router.post("/chat/completions", response_model=None)
def chat_completions(body: ChatCompletionRequest, request: Request) -> Any:
    """Answer the last user message; `stream: true` sends `chat.completion.chunk` events."""
    question = last_user_text(body.messages)
    if not question.strip():
        raise HTTPException(400, "messages must contain a non-empty user message (需要用户问题)")
    service: AnswerService = request.app.state.service
    completion_id = f"chatcmpl-{uuid.uuid4().hex}"
    if body.stream:
        chunks = _stream(service, question, body.user, body.model, completion_id)
        return StreamingResponse(chunks, media_type="text/event-stream")
    answer = service.ask(question, body.user)
    return completion_json(answer, body.model, completion_id)


def last_user_text(messages: list[ChatMessage]) -> str:
    """Text of the last `user` message (string content or the `text` parts of a list)."""
    for message in reversed(messages):
        if message.role != "user":
            continue
        if isinstance(message.content, list):
            return "".join(
                str(p.get("text", "")) for p in message.content if p.get("type") == "text"
            )
        return message.content or ""
    return ""


def completion_json(answer: Answer, model: str, completion_id: str) -> dict[str, object]:
    message = {"role": "assistant", "content": render.answer_plain_text(answer)}
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": "stop", "logprobs": None}],
        "citations": [c.to_json() for c in answer.citations],  # extension: the same as /api/ask
    }


def _stream(
    service: AnswerService, question: str, user: str | None, model: str, completion_id: str
) -> Iterator[str]:
    created = int(time.time())
    yield _chunk(completion_id, created, model, {"role": "assistant", "content": ""})
    try:
        text = render.answer_plain_text(service.ask(question, user))
    except Exception:  # the status line is already sent: report in-band, as OpenAI does
        log.exception("chat completion failed")
        error = {"message": "回答失败,请稍后重试 (answering failed)", "type": "server_error"}
        yield f"data: {json.dumps({'error': error}, ensure_ascii=False)}\n\n"
        return
    for start in range(0, len(text), STREAM_CHUNK_CHARS):
        yield _chunk(
            completion_id, created, model, {"content": text[start : start + STREAM_CHUNK_CHARS]}
        )
    yield _chunk(completion_id, created, model, {}, finish_reason="stop")
    yield "data: [DONE]\n\n"


def _chunk(
    completion_id: str,
    created: int,
    model: str,
    delta: dict[str, str],
    finish_reason: Literal["stop"] | None = None,
) -> str:
    choice = {"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}
    body = {
        "id": completion_id,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "choices": [choice],
    }
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"
