"""A Chroma server of the installed chromadb on a free local port, for server-mode timings."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def chroma_server(serving: Path | None = None) -> Iterator[str]:
    """`chroma run` in a temporary folder (holding a copy of the embedded Chroma folder
    `serving` when given: the server then serves that index); yields its URL, stops it on exit."""
    chroma = Path(sys.executable).with_name("chroma")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="policybot-chroma-") as path:
        if serving is not None:
            shutil.copytree(serving, path, dirs_exist_ok=True)
        command = [str(chroma), "run", "--path", path, "--host", "127.0.0.1", "--port", str(port)]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(url, process)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=30)


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the Chroma server did not start")
