"""`python -m bench.load [--clients 20,100] [--seconds 60] [--data-dir DIR]`

Drives a real `policybot serve` on 127.0.0.1 with N concurrent clients for a bounded time:
each client asks questions in a loop (half of them in a session, so session turns are
written under contention; every tenth on the stream endpoint). Prints one Markdown row per
client count: requests, throughput, p50/p95/p99 latency, and failures (non-200 statuses,
transport errors, in-band stream errors). Only ever connects to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
QUESTIONS = (
    "日照市新设创投机构最高奖励多少",
    "孵化器有什么支持",
    "研发费用加计扣除有什么补贴",
    "泰安高新技术企业培育目标是什么",
    "那新设立的创投机构呢",
    "南通科技创新基地建设",
    "三明十四五研发投入强度目标",
    "专精特新企业奖励多少",
)
START_TIMEOUT = 180.0


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start_server(data_dir: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "POLICYBOT_"))}
    env |= {"POLICYBOT_DATA_DIR": str(data_dir), "POLICYBOT_SEEDS_DIR": str(ROOT / "seeds")}
    env |= {"POLICYBOT_LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}
    with log.open("wb") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--host", HOST, "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )


def wait_until_up(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            errors = log.read_text(errors="replace")[-2000:]
            raise SystemExit(f"policybot serve exited: {errors}")
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("policybot serve did not start")


async def one_request(http: httpx.AsyncClient, n: int, client: int, tally: Tally) -> None:
    question = QUESTIONS[n % len(QUESTIONS)]
    body: dict[str, object] = {"question": question}
    if n % 2:
        body["session_id"] = f"load-{client}"
    stream = n % 10 == 0
    started = time.monotonic()
    try:
        response = await http.post("/api/ask/stream" if stream else "/api/ask", json=body)
    except httpx.HTTPError as error:
        tally.failures[type(error).__name__] += 1
        return
    if response.status_code != 200:
        tally.failures[f"HTTP {response.status_code}"] += 1
    elif stream and "event: answer" not in response.text:
        tally.failures["stream error"] += 1
    else:
        tally.latencies.append(time.monotonic() - started)


async def drive(base: str, clients: int, seconds: float) -> Tally:
    tally = Tally()
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:

        async def client(index: int) -> None:
            for n in itertools.count(index):
                if time.monotonic() >= deadline:
                    return
                await one_request(http, n, index, tally)

        await asyncio.gather(*(client(i) for i in range(clients)))
    return tally


def percentile(values: Sequence[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def row(clients: int, seconds: float, tally: Tally) -> str:
    done = len(tally.latencies)
    failed = sum(tally.failures.values())
    detail = ", ".join(f"{k}: {v}" for k, v in tally.failures.most_common()) or "-"
    p50, p95, p99 = (percentile(tally.latencies, q) for q in (50, 95, 99))
    return (
        f"| {clients} | {seconds:.0f} s | {done + failed} | {done / seconds:.1f}/s | "
        f"{p50:.2f} | {p95:.2f} | {p99:.2f} | {failed} ({detail}) |"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--clients", default="20,100", help="comma-separated client counts")
    parser.add_argument("--seconds", type=float, default=60.0, help="duration per client count")
    parser.add_argument("--data-dir", help="indexed data directory (default: seeds, in a temp dir)")
    args = parser.parse_args(argv)
    counts = [int(c) for c in args.clients.split(",")]
    with tempfile.TemporaryDirectory(prefix="policybot-load-") as temp:
        data_dir = Path(args.data_dir or temp)
        port = free_port()
        base = f"http://{HOST}:{port}"
        log = Path(temp) / "serve.log"
        server = start_server(data_dir, port, log)
        try:
            wait_until_up(base, server, log)
            print("| clients | duration | requests | throughput | p50 s | p95 s | p99 s | failed |")
            print("|---|---|---|---|---|---|---|---|")
            for clients in counts:
                tally = asyncio.run(drive(base, clients, args.seconds))
                print(row(clients, args.seconds, tally), flush=True)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
        lines = log.read_text(errors="replace").splitlines()
        errors = [line for line in lines if "ERROR" in line]
        lost = sum("turn lost" in line for line in lines)
        print(f"\nserver log: {len(errors)} ERROR lines, {lost} session turns lost")
        print("".join(f"  {e}\n" for e in errors[:5]), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
