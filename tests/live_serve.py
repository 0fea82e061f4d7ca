"""A real `policybot serve` subprocess on a free port, and a client that keeps asking."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.web_live import free_port

ROOT = Path(__file__).resolve().parents[1]


def policybot_env(**extra: str) -> dict[str, str]:
    """The environment of a `policybot` subprocess: this checkout, no keys, no .env values."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POLICYBOT_", "OPENAI_"))}
    return {**env, "PYTHONPATH": str(ROOT), "POLICYBOT_EMBEDDING_MODEL": "hashing", **extra}


def policybot(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "bot", "--data-dir", str(data_dir), *args]
    return subprocess.run(
        command, capture_output=True, text=True, env=policybot_env(**env), timeout=240, cwd=ROOT
    )


@contextmanager
def served(data_dir: Path, **env: str) -> Iterator[str]:
    """`policybot serve` until the block ends; yields its base URL."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "bot",
        "--data-dir",
        str(data_dir),
        "serve",
        "--port",
        str(port),
    ]
    # the log goes to a file: an unread pipe fills up and blocks the server's next log line
    log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        command, env=policybot_env(**env), cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=log, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"policybot serve exited: {log.read()}")
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@dataclass
class Asker:
    """Asks `question` over and over in a thread; every failure (status or transport) is kept."""

    base: str
    question: str
    headers: dict[str, str] = field(default_factory=dict)
    answers: int = 0
    failures: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def _loop(self) -> None:
        with httpx.Client(base_url=self.base, timeout=60, headers=self.headers) as client:
            while not self._stop.is_set():
                try:
                    response = client.post("/api/ask", json={"question": self.question})
                    if response.status_code != 200 or not response.json()["citations"]:
                        self.failures.append(f"{response.status_code} {response.text[:200]}")
                    self.answers += 1
                except httpx.HTTPError as error:
                    self.failures.append(repr(error))

    @contextmanager
    def running(self) -> Iterator[Asker]:
        thread = threading.Thread(target=self._loop, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join(timeout=60)
