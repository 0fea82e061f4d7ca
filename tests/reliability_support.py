"""Running `policybot <command>` as a real process for the reliability tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from rag.settings import Settings

START_TIMEOUT = 90.0  # a cold interpreter imports PTB, Chroma and the indexes
_CLEARED = ("TELEGRAM_", "WECOM_", "OPENAI_", "POLICYBOT_")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Run:
    """A running command; `output` holds every byte it wrote once it has stopped."""

    process: subprocess.Popen[bytes]
    output: bytes = field(default=b"")


def command_env(settings: Settings, extra: Mapping[str, str]) -> dict[str, str]:
    """The environment of the developer minus every setting, plus the test's."""
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(_CLEARED)}
    env["POLICYBOT_DATA_DIR"] = str(settings.data_dir)
    env["POLICYBOT_SEEDS_DIR"] = str(settings.seeds_dir)
    return env | dict(extra)


@contextmanager
def policybot(*args: str, settings: Settings, env: Mapping[str, str], cwd: Path) -> Iterator[Run]:
    """Run `policybot ARGS` with stdout and stderr in one file; stop it with ^C."""
    log_file = cwd / f"policybot-{args[0]}-{time.monotonic_ns()}.log"
    with log_file.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", *args],
            cwd=cwd,
            env=command_env(settings, env),
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    run = Run(process)
    try:
        yield run
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        run.output = log_file.read_bytes()


def wait_until_up(url: str, run: Run, timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if run.process.poll() is not None:
            raise AssertionError(f"policybot exited with {run.process.returncode}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answered at {url}")


def leaked(output: bytes, secrets: Mapping[str, str]) -> list[str]:
    """Names of the secrets whose value appears anywhere in `output`."""
    return [name for name, value in secrets.items() if value.encode() in output]
