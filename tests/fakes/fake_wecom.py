"""A local fake of WeCom's server API for tests: strict, scriptable and recording.

It serves the real wire protocol on 127.0.0.1 (random port); point `WECOM_API_BASE` at
`fake.base_url`:

- ``GET /cgi-bin/gettoken?corpid&corpsecret``: a fresh token (40013/40001 for a wrong
  corp id/secret); ``expire_tokens()`` makes every issued token answer 42001.
- ``POST /cgi-bin/message/send?access_token``: 40014 for an unknown token, 42001 for an
  expired one, then scripted outcomes (``fail_next(0, 45009, Http(503))``: the next call is
  served normally, the one after answers errcode 45009, the third a bare HTTP 503), then
  strict checks (agentid, touser, msgtype text/markdown, content 1..2048 bytes ->
  44004/45002). `send_times` records when each message/send call arrived.
- ``POST /cgi-bin/aibot/response?response_code``: an AI bot's `response_url` (one use each,
  markdown <= 20480 bytes).

What the bot sent is recorded in `sent` and `responses`; `wait_for_sent(n)` blocks until n
messages arrived.
"""

from __future__ import annotations

import itertools
import json
import secrets
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

APP_MESSAGE_BYTES = 2048
STREAM_BYTES = 20480
ERRMSG = {
    40001: "invalid credential",
    40013: "invalid corpid",
    40014: "invalid access_token",
    42001: "access_token expired",
    40056: "invalid agentid",
    44004: "empty content",
    45002: "content size out of limit",
    60020: "not allow to access from your ip",
    93017: "response_code used or invalid",
    45009: "api freq out of limit",
    -1: "system busy",
}


@dataclass(frozen=True)
class Http:
    """A scripted message/send outcome: this HTTP status with a non-JSON body (a gateway)."""

    status: int


@dataclass(frozen=True)
class SentMessage:
    touser: str
    msgtype: str
    content: str
    access_token: str


@dataclass(frozen=True)
class ResponseUrlPost:
    response_code: str
    msgtype: str
    content: str


class FakeWeCom:
    """Start with `with FakeWeCom(corp_id, secret, agent_id) as fake:`."""

    def __init__(self, corp_id: str, secret: str, agent_id: str, token_ttl: int = 7200) -> None:
        self.corp_id, self.secret, self.agent_id = corp_id, secret, int(agent_id)
        self.token_ttl = token_ttl
        self.sent: list[SentMessage] = []
        self.responses: list[ResponseUrlPost] = []
        self.gettoken_calls = 0
        self.send_calls = 0
        self.send_times: list[float] = []
        self._valid: set[str] = set()
        self._expired: set[str] = set()
        self._scripted: list[int | Http] = []
        self._codes: dict[str, bool] = {}  # response_code -> used
        self._counter = itertools.count(1)
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeWeCom:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # scripting
    def fail_next(self, *errcodes: int | Http) -> None:
        """The next message/send calls (with a valid token) answer these errcodes, HTTP
        statuses, or (0) are served normally."""
        with self._changed:
            self._scripted.extend(errcodes)

    def expire_tokens(self) -> None:
        with self._changed:
            self._expired |= self._valid
            self._valid.clear()

    def new_response_url(self) -> str:
        code = secrets.token_hex(8)
        with self._changed:
            self._codes[code] = False
        return f"{self.base_url}/cgi-bin/aibot/response?response_code={code}"

    def wait_for_sent(self, count: int, timeout: float = 10.0) -> list[SentMessage]:
        with self._changed:
            self._changed.wait_for(lambda: len(self.sent) >= count, timeout)
            return list(self.sent)

    def wait_for_responses(self, count: int, timeout: float = 10.0) -> list[ResponseUrlPost]:
        with self._changed:
            self._changed.wait_for(lambda: len(self.responses) >= count, timeout)
            return list(self.responses)

    # the API
    def gettoken(self, query: dict[str, str]) -> dict[str, Any]:
        with self._changed:
            self.gettoken_calls += 1
            if query.get("corpid") != self.corp_id:
                return _error(40013)
            if query.get("corpsecret") != self.secret:
                return _error(40001)
            token = f"TOKEN-{next(self._counter)}-{secrets.token_hex(4)}"
            self._valid.add(token)
            return {**_ok(), "access_token": token, "expires_in": self.token_ttl}

    def message_send(self, query: dict[str, str], body: Any) -> dict[str, Any] | Http:
        with self._changed:
            self.send_calls += 1
            self.send_times.append(time.monotonic())
            token = query.get("access_token", "")
            if token in self._expired:
                return _error(42001)
            if token not in self._valid:
                return _error(40014)
            scripted = self._scripted.pop(0) if self._scripted else 0
            if scripted != 0:
                return scripted if isinstance(scripted, Http) else _error(scripted)
            problem = _check_message(body, self.agent_id)
            if problem:
                return _error(problem)
            msgtype = body["msgtype"]
            self.sent.append(SentMessage(body["touser"], msgtype, body[msgtype]["content"], token))
            self._changed.notify_all()
            return {**_ok(), "msgid": secrets.token_hex(8)}

    def response_url(self, query: dict[str, str], body: Any) -> dict[str, Any]:
        with self._changed:
            code = query.get("response_code", "")
            if self._codes.get(code, True):
                return _error(93017)
            if not isinstance(body, dict) or body.get("msgtype") != "markdown":
                return _error(40008)
            content = str(body.get("markdown", {}).get("content", ""))
            if not content or len(content.encode()) > STREAM_BYTES:
                return _error(45002 if content else 44004)
            self._codes[code] = True
            self.responses.append(ResponseUrlPost(code, "markdown", content))
            self._changed.notify_all()
            return _ok()


def _ok() -> dict[str, Any]:
    return {"errcode": 0, "errmsg": "ok"}


def _error(code: int) -> dict[str, Any]:
    return {"errcode": code, "errmsg": ERRMSG.get(code, "error")}


def _check_message(body: Any, agent_id: int) -> int | None:
    """The errcode WeCom would give a malformed message/send body, or None."""
    if not isinstance(body, dict) or body.get("msgtype") not in ("text", "markdown"):
        return 40008
    if body.get("agentid") != agent_id:
        return 40056
    if not body.get("touser"):
        return 40031
    content = body.get(body["msgtype"], {}).get("content", "")
    if not isinstance(content, str) or not content:
        return 44004
    if len(content.encode("utf-8")) > APP_MESSAGE_BYTES:
        return 45002
    return None


def _handler_for(fake: FakeWeCom) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def _query(self) -> dict[str, str]:
            return {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}

        def _reply(self, status: int, data: dict[str, Any]) -> None:
            raw = json.dumps(data, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def _fail(self, status: int) -> None:
            raw = b"<html><body>Bad Gateway</body></html>"
            self.send_response(status)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def do_GET(self) -> None:
            if urlsplit(self.path).path == "/cgi-bin/gettoken":
                self._reply(200, fake.gettoken(self._query()))
            else:
                self._reply(404, {"errcode": 404, "errmsg": "not found"})

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                body = json.loads(raw)
            except ValueError:
                self._reply(200, _error(47001))
                return
            path = urlsplit(self.path).path
            if path == "/cgi-bin/message/send":
                outcome = fake.message_send(self._query(), body)
                if isinstance(outcome, Http):
                    self._fail(outcome.status)
                else:
                    self._reply(200, outcome)
            elif path == "/cgi-bin/aibot/response":
                self._reply(200, fake.response_url(self._query(), body))
            else:
                self._reply(404, {"errcode": 404, "errmsg": "not found"})

    return Handler
