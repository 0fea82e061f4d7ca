"""A local fake OpenAI-compatible server for tests: strict, scriptable and recording.

It speaks the real wire protocol on 127.0.0.1 (random port) so the real `openai` SDK (and
langchain-openai on top of it) can be tested end to end without the internet:

- ``POST /v1/chat/completions``: JSON, or ``stream: true`` server-sent events ending with
  ``data: [DONE]``; replies come from a queue (``fake.reply(...)``) or a function of the request.
- ``POST /v1/embeddings``: deterministic vectors (hashed character uni/bigrams, L2-normalised,
  so similar texts get similar vectors); ``encoding_format`` float or base64.
- ``GET /v1/models``; 401 on a wrong key, 404 on unknown paths, 400 on a malformed request.

Every request is recorded (`fake.requests`, `fake.chat_requests`) so tests assert on what was
actually sent. `Reply` scripts errors (429 + retry-after, 500), delays and malformed bodies.
"""

from __future__ import annotations

import json
import sys
import threading
from collections import deque
from collections.abc import Callable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fakes.openai_wire import (
    RecordedRequest,
    Reply,
    as_reply,
    chat_request_error,
    completion_body,
    completion_chunks,
    embedding_request_error,
    embeddings_body,
    error_body,
    text_of,
)

__all__ = ["FakeOpenAI", "RecordedRequest", "Reply"]

Handler = Callable[[RecordedRequest], "Reply | str"]


class FakeOpenAI:
    """Start with `with FakeOpenAI() as fake:`; point clients at `fake.base_url`."""

    def __init__(self, api_key: str | None = "sk-fake", model: str = "fake-model", dims: int = 64):
        self.api_key = api_key  # None accepts any (or no) key, like Ollama
        self.model = model
        self.dims = dims
        self.handler: Handler | None = None  # used when the reply queue is empty
        self._queue: deque[Reply] = deque()
        self._embedding_errors: deque[Reply] = deque()
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = _QuietServer(("127.0.0.1", 0), _make_handler(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    # lifecycle -------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes delayed replies so shutdown never waits for them
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # scripting -------------------------------------------------------------------------
    def reply(self, *replies: Reply | str) -> None:
        """Queue chat replies, served in order (a str is a successful completion)."""
        with self._lock:
            self._queue.extend(as_reply(r) for r in replies)

    def fail_embeddings(self, *replies: Reply) -> None:
        """Queue error replies for the next embedding requests."""
        with self._lock:
            self._embedding_errors.extend(replies)

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    @property
    def embedding_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.endswith("/embeddings")]

    # used by the request handler -------------------------------------------------------
    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _next_chat_reply(self, request: RecordedRequest) -> Reply:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
        if self.handler is not None:
            try:
                return as_reply(self.handler(request))
            except Exception as error:  # a broken test handler shows up as a clear 500
                return Reply.error(500, f"fake_openai handler failed: {error!r}")
        return Reply.error(500, "fake_openai: no scripted reply for this request")

    def _next_embedding_error(self) -> Reply | None:
        with self._lock:
            return self._embedding_errors.popleft() if self._embedding_errors else None

    def _wait(self, seconds: float) -> bool:
        """Sleep unless the server is stopping; True when it is."""
        return seconds > 0 and self._stopping.wait(seconds)


# HTTP shell --------------------------------------------------------------------------------


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up (timeout tests do) is expected; anything else is reported."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _make_handler(fake: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:
            request = self._read_request()
            if not self._authorised():
                return
            if request.path.rstrip("/") == "/v1/models":
                model = {"id": fake.model, "object": "model", "created": 0, "owned_by": "fake"}
                self._send_json(200, {"object": "list", "data": [model]})
            else:
                self._send_raw(404, error_body(f"Unknown request URL: GET {request.path}"))

        def do_POST(self) -> None:
            request = self._read_request()
            if not self._authorised():
                return
            path = request.path.split("?")[0].rstrip("/")
            if path == "/v1/chat/completions":
                self._chat(request)
            elif path == "/v1/embeddings":
                self._embeddings(request)
            else:
                self._send_raw(404, error_body(f"Unknown request URL: POST {request.path}"))

        def _read_request(self) -> RecordedRequest:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = None
            headers = {k.lower(): v for k, v in self.headers.items()}
            request = RecordedRequest(self.command, self.path, headers, body)
            fake._record(request)
            return request

        def _authorised(self) -> bool:
            if fake.api_key is None:
                return True
            if self.headers.get("Authorization") == f"Bearer {fake.api_key}":
                return True
            message = "Incorrect API key provided. You can find your API key in your account."
            self._send_raw(401, error_body(message, code="invalid_api_key"))
            return False

        def _chat(self, request: RecordedRequest) -> None:
            problem = chat_request_error(request.body)
            if problem:
                self._send_raw(400, error_body(problem))
                return
            reply = fake._next_chat_reply(request)
            if fake._wait(reply.delay):
                return
            prompt_chars = sum(len(text_of(m.get("content"))) for m in request.messages)
            if reply.status != 200 or (reply.raw is not None and not request.body.get("stream")):
                self._send_raw(reply.status, reply.raw or b"", reply.headers)
            elif request.body.get("stream"):
                self._stream(request, reply, prompt_chars)
            else:
                self._send_json(200, completion_body(request.body["model"], reply, prompt_chars))

        def _stream(self, request: RecordedRequest, reply: Reply, prompt_chars: int) -> None:
            include_usage = bool((request.body.get("stream_options") or {}).get("include_usage"))
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            if reply.raw is not None:
                self._write_chunk(reply.raw)
            else:
                chunks = completion_chunks(
                    request.body["model"], reply, prompt_chars, include_usage
                )
                for sent, chunk in enumerate(chunks):
                    if reply.cut_after is not None and sent > reply.cut_after:
                        self.close_connection = True
                        self.wfile.flush()
                        return  # no terminating chunk: the client sees a broken stream
                    if sent > 1 and fake._wait(reply.chunk_delay):
                        return
                    self._write_chunk(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                self._write_chunk(b"data: [DONE]\n\n")
            self._write_chunk(b"")

        def _embeddings(self, request: RecordedRequest) -> None:
            problem = embedding_request_error(request.body)
            if problem:
                self._send_raw(400, error_body(problem))
                return
            error = fake._next_embedding_error()
            if error is not None:
                self._send_raw(error.status, error.raw or b"", error.headers)
                return
            self._send_json(200, embeddings_body(request.body, fake.dims))

        def _write_chunk(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):X}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

        def _send_json(self, status: int, body: dict[str, Any]) -> None:
            self._send_raw(status, json.dumps(body, ensure_ascii=False).encode("utf-8"))

        def _send_raw(self, status: int, data: bytes, headers: Mapping[str, str] = {}) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

    return _Handler
