"""uvicorn for every policybot HTTP process, with limits a public endpoint needs.

uvicorn closes idle keep-alive connections but has no deadline for reading a request:
any byte resets its timer, so a client trickling one header byte a second holds a
connection (and a file descriptor) for ever. `GuardedH11Protocol` gives each request
`REQUEST_READ_SECONDS` from the moment the server waits for it (connection opened or
previous response sent) to arrive completely, head and body. `HeadSizeLimit` bounds the
request line and headers.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

REQUEST_READ_SECONDS = 15.0  # head and body of one request; real clients need milliseconds
KEEP_ALIVE_SECONDS = 5.0  # idle time between requests on one connection
MAX_HEAD_BYTES = 16 * 1024  # request line and headers


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol plus a deadline for reading each request."""

    read_seconds = REQUEST_READ_SECONDS

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_read_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_read_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_read_deadline()
        super().connection_lost(exc)

    def _arm_read_deadline(self) -> None:
        self._cancel_read_deadline()
        self._read_deadline = self.loop.call_later(self.read_seconds, self._read_timed_out)

    def _cancel_read_deadline(self) -> None:
        deadline: asyncio.TimerHandle | None = getattr(self, "_read_deadline", None)
        if deadline is not None:
            deadline.cancel()

    def _read_timed_out(self) -> None:
        """Close the connection if the request is still not fully read."""
        if self.conn.their_state in (h11.IDLE, h11.SEND_BODY) and not self.transport.is_closing():
            self.logger.info("closing a connection whose request did not arrive in time")
            if self.cycle is not None and not self.cycle.response_complete:
                self.cycle.disconnected = True
                self.cycle.message_event.set()
            self.transport.close()


def server_options(read_seconds: float = REQUEST_READ_SECONDS) -> dict[str, Any]:
    """Keyword arguments for `uvicorn.run`/`uvicorn.Config`: limits and our logging."""
    protocol: type[GuardedH11Protocol] = GuardedH11Protocol
    if read_seconds != REQUEST_READ_SECONDS:

        class Shortened(GuardedH11Protocol):
            pass

        Shortened.read_seconds = read_seconds
        protocol = Shortened
    return {
        "http": protocol,
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
        "log_config": None,  # records go to the root handlers, which mask secrets
    }


class HeadSizeLimit:
    """431 for a request whose line and headers exceed `max_bytes`. h11 only bounds a head
    still incomplete in its buffer; one that arrives whole in a single read passes it."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_HEAD_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _head_bytes(scope) > self.max_bytes:
            response = PlainTextResponse("request header fields too large", status_code=431)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _head_bytes(scope: Scope) -> int:
    line = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
    return line + sum(len(name) + len(value) + 4 for name, value in scope["headers"])


def run_server(app: ASGIApp, host: str, port: int, log_level: str) -> None:
    """Serve `app` until interrupted."""
    import uvicorn

    guarded = HeadSizeLimit(app)
    uvicorn.run(guarded, host=host, port=port, log_level=log_level.lower(), **server_options())
