"""uvicorn for every policybot HTTP process, with limits a public endpoint needs.

uvicorn closes idle keep-alive connections but has no deadline for reading a request:
any byte resets its timer, so a client trickling one header byte a second holds a
connection (and a file descriptor) for ever. `GuardedH11Protocol` gives each request
`REQUEST_READ_SECONDS` from the moment the server waits for it (connection opened or
previous response sent) to arrive completely, head and body; h11 bounds the head's size.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
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


def server_options() -> dict[str, Any]:
    """Keyword arguments for `uvicorn.run`/`uvicorn.Config`: limits and our logging."""
    return {
        "http": GuardedH11Protocol,
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
        "log_config": None,  # records go to the root handlers, which mask secrets
    }


def run_server(app: Any, host: str, port: int, log_level: str) -> None:
    """Serve `app` until interrupted."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level=log_level.lower(), **server_options())
