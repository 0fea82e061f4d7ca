"""The OpenAI wire format, as the fake server speaks it: request validation and bodies.

Pure functions and records shared by `tests/fakes/fake_openai.py`; strict where the real API
is strict, so a client that passes here sends what OpenAI-compatible servers accept.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import struct
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

ROLES = {"system", "developer", "user", "assistant", "tool"}


@dataclass(frozen=True)
class Reply:
    """One scripted response. `content` is the assistant text of a successful completion."""

    content: str = ""
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    raw: bytes | None = None  # sent verbatim instead of a well-formed body (malformed replies)
    delay: float = 0.0  # seconds before the status line is sent
    chunk_chars: int = 3  # streaming: characters per content delta
    chunk_delay: float = 0.0  # streaming: seconds between deltas
    cut_after: int | None = None  # streaming: drop the connection after this many deltas
    finish_reason: str = "stop"

    @classmethod
    def error(
        cls, status: int, message: str = "fake error", retry_after: float | None = None
    ) -> Reply:
        headers = {"retry-after": f"{retry_after:g}"} if retry_after is not None else {}
        kind = "rate_limit_exceeded" if status == 429 else "server_error"
        body = {"error": {"message": message, "type": kind, "param": None, "code": kind}}
        return cls(status=status, headers=headers, raw=json.dumps(body).encode())


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: Mapping[str, str]
    body: Any  # parsed JSON, or None when the body was not JSON

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", [])) if isinstance(self.body, dict) else []

    def message_text(self, role: str) -> str:
        """All `content` of messages with this role, joined by blank lines."""
        return "\n\n".join(text_of(m.get("content")) for m in self.messages if m["role"] == role)


def as_reply(reply: Reply | str) -> Reply:
    return Reply(content=reply) if isinstance(reply, str) else reply


def text_of(content: Any) -> str:
    if isinstance(content, list):  # content parts
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return content or ""


def chat_request_error(body: Any) -> str | None:
    """Why a chat completion request is invalid (as the real API would say), or None."""
    if not isinstance(body, dict):
        return "We could not parse the JSON body of your request."
    if not isinstance(body.get("model"), str) or not body["model"]:
        return "you must provide a model parameter"
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        return "'messages' must be a non-empty array"
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in ROLES:
            return f"Invalid value for 'messages[{i}].role'"
        content = message.get("content")
        if not isinstance(content, str | list) and not message.get("tool_calls"):
            return f"Invalid type for 'messages[{i}].content'"
    if "stream_options" in body and body.get("stream") is not True:
        return "The 'stream_options' parameter is only allowed when 'stream' is enabled."
    temperature = body.get("temperature", 1)
    if not isinstance(temperature, int | float) or not 0 <= temperature <= 2:
        return "Invalid 'temperature': must be between 0 and 2"
    for key in ("max_tokens", "max_completion_tokens"):
        if key in body and (not isinstance(body[key], int) or body[key] < 1):
            return f"Invalid '{key}': must be a positive integer"
    if body.get("n", 1) != 1:
        return "fake_openai supports n=1 only"
    return None


def completion_body(model: str, reply: Reply, prompt_chars: int) -> dict[str, Any]:
    message = {"role": "assistant", "content": reply.content, "refusal": None}
    choice = {
        "index": 0,
        "message": message,
        "logprobs": None,
        "finish_reason": reply.finish_reason,
    }
    return {
        "id": f"chatcmpl-{hashlib.sha1(reply.content.encode()).hexdigest()[:12]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [choice],
        "usage": _usage(prompt_chars, len(reply.content)),
    }


def completion_chunks(
    model: str, reply: Reply, prompt_chars: int, include_usage: bool
) -> Iterator[dict[str, Any]]:
    """The chunk objects of a streamed completion (without the final [DONE])."""
    base = {"id": "chatcmpl-stream", "object": "chat.completion.chunk", "model": model}
    base["created"] = int(time.time())

    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
        return {**base, "choices": [choice]}

    yield chunk({"role": "assistant", "content": ""})
    text, step = reply.content, max(1, reply.chunk_chars)
    for start in range(0, len(text), step):
        yield chunk({"content": text[start : start + step]})
    yield chunk({}, reply.finish_reason)
    if include_usage:
        yield {**base, "choices": [], "usage": _usage(prompt_chars, len(text))}


def _usage(prompt_chars: int, completion_chars: int) -> dict[str, int]:
    prompt, completion = max(1, prompt_chars // 2), max(1, completion_chars // 2)
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def embedding_request_error(body: Any) -> str | None:
    if not isinstance(body, dict) or not isinstance(body.get("model"), str):
        return "you must provide a model parameter"
    if _embedding_inputs(body.get("input")) is None:
        return "'input' must be a string, an array of strings or an array of token arrays"
    if body.get("encoding_format", "float") not in ("float", "base64"):
        return "Invalid 'encoding_format'"
    return None


def _embedding_inputs(value: Any) -> list[str] | None:
    """Each input as text (token arrays are embedded by their repr, deterministically)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value:
        if all(isinstance(v, str) for v in value):
            return list(value)
        if all(isinstance(v, int) for v in value):
            return [repr(value)]
        if all(isinstance(v, list) and all(isinstance(t, int) for t in v) for v in value):
            return [repr(v) for v in value]
    return None


def fake_embedding(text: str, dims: int) -> list[float]:
    """Hashed character unigrams and bigrams, L2-normalised: similar texts, similar vectors."""
    vector = [0.0] * dims
    grams = list(text) + [text[i : i + 2] for i in range(len(text) - 1)]
    for gram in grams:
        digest = hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest()
        index = int.from_bytes(digest[:4], "little") % dims
        vector[index] += 1.0 if digest[4] & 1 else -1.0
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return [v / norm for v in vector]


def embeddings_body(body: dict[str, Any], dims: int) -> dict[str, Any]:
    texts = _embedding_inputs(body["input"]) or []
    size = int(body.get("dimensions") or dims)
    as_base64 = body.get("encoding_format") == "base64"
    data = []
    for index, text in enumerate(texts):
        vector: Any = fake_embedding(text, size)
        if as_base64:
            vector = base64.b64encode(struct.pack(f"<{size}f", *vector)).decode()
        data.append({"object": "embedding", "index": index, "embedding": vector})
    tokens = sum(len(t) for t in texts)
    usage = {"prompt_tokens": tokens, "total_tokens": tokens}
    return {"object": "list", "data": data, "model": body["model"], "usage": usage}


def error_body(message: str, kind: str = "invalid_request_error", code: str | None = None) -> bytes:
    return json.dumps(
        {"error": {"message": message, "type": kind, "param": None, "code": code}}
    ).encode()
