"""The HTTP server closes connections whose request trickles in, limits the request head,
and a server started while an index run is in progress waits for it."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from bot.web.server import HeadSizeLimit, server_options
from rag.index.generations import index_lock
from rag.settings import Settings
from tests.reliability_support import free_port, policybot, wait_until_up

READ_SECONDS = 0.5


def tiny_app() -> FastAPI:
    app = FastAPI()

    @app.get("/ping")
    def ping() -> dict[str, str]:
        return {"pong": "ok"}

    @app.post("/echo")
    async def echo(body: dict[str, str]) -> dict[str, str]:
        return body

    return app


@contextmanager
def guarded_server() -> Iterator[int]:
    """Our uvicorn options (read deadline shortened for the test) in a thread."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    app = HeadSizeLimit(tiny_app())
    config = uvicorn.Config(app, log_level="warning", **server_options(READ_SECONDS))
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    try:
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def closed_within(port: int, send: Callable[[socket.socket], None], seconds: float) -> float:
    """Open a connection, run `send` on it, return when the server closed it."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port)) as conn:
        conn.settimeout(seconds)
        send(conn)
        while conn.recv(4096):  # a response (400) may come first; then EOF
            pass
    return time.monotonic() - started


def trickle(
    prefix: bytes, byte: bytes = b"a", pause: float = 0.1
) -> Callable[[socket.socket], None]:
    def send(conn: socket.socket) -> None:
        conn.sendall(prefix)
        try:
            for _ in range(100):  # 10 s of one byte every 0.1 s, unless closed first
                conn.sendall(byte)
                time.sleep(pause)
        except OSError:
            return

    return send


def test_trickling_heads_and_bodies_are_cut_off_and_big_heads_refused() -> None:
    with guarded_server() as port:
        head = closed_within(port, trickle(b"GET /ping HTTP/1.1\r\nHost: x\r\nX-Slow: "), 5)
        body = closed_within(
            port,
            trickle(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"),
            5,
        )
        idle = closed_within(port, lambda conn: None, 5)
        with socket.create_connection(("127.0.0.1", port)) as conn:
            conn.sendall(b"GET /ping HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20_000 + b"\r\n\r\n")
            big = conn.recv(4096)
        with socket.create_connection(("127.0.0.1", port)) as conn:
            conn.sendall(b"GET /ping HTTP/1.1\r\nHost: x\r\n\r\n")
            ok = _whole_response(conn)
    assert head < 3 and body < 3 and idle < 3
    assert big.startswith(b"HTTP/1.1 431")
    assert ok.startswith(b"HTTP/1.1 200") and b"pong" in ok


def test_serve_started_during_an_index_run_waits_for_it(
    tmp_path: Path, settings_factory: Callable[..., Settings]
) -> None:
    settings = settings_factory()
    port = free_port()
    with policybot("serve", "--port", str(port), settings=settings, env={}, cwd=tmp_path) as run:
        with index_lock(Path(settings.data_dir)):  # as `policybot index` holds it
            deadline = time.monotonic() + 60
            while b"waiting for it to finish" not in _output(tmp_path):
                assert run.process.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        wait_until_up(f"http://127.0.0.1:{port}/healthz", run)
    assert b"Traceback" not in run.output and b"IndexBusyError" not in run.output


def _whole_response(conn: socket.socket) -> bytes:
    """Head and body: the body may arrive in a TCP segment of its own."""
    conn.settimeout(5)
    data = conn.recv(4096)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        (
            int(line.split(b":")[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        ),
        0,
    )
    while len(body) < length:
        chunk = conn.recv(4096)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def _output(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.glob("policybot-serve-*.log"))
