"""`policybot telegram` as a real process: long polling, and PTB's own webhook server."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from rag.protocol import AnswerService
from rag.settings import Settings
from tests.conftest import SEEDS_DIR
from tests.fakes.fake_telegram import FakeTelegram

QUESTION = "日照市新设创投机构最高奖励多少"
_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # what Telegram itself sends
START_TIMEOUT = 90.0  # a cold interpreter imports PTB, Chroma and the indexes


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


@asynccontextmanager
async def policybot(
    *args: str, fake: FakeTelegram, settings: Settings, cwd: Path
) -> AsyncIterator[asyncio.subprocess.Process]:
    """Run `policybot telegram ARGS` with only the settings the test gives; stop it with ^C."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "OPENAI_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=fake.token,
        TELEGRAM_BASE_URL=fake.base_url,
        POLICYBOT_DATA_DIR=str(settings.data_dir),
        POLICYBOT_SEEDS_DIR=str(SEEDS_DIR),
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "telegram", *args,
        cwd=cwd, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        yield process
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGINT)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
        assert process.returncode == 0, stderr.decode(errors="replace")[-2000:]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_polling_process_answers(
    fake: FakeTelegram, seed_settings: Settings, seed_service: AnswerService, tmp_path: Path
) -> None:
    async with policybot(fake=fake, settings=seed_settings, cwd=tmp_path):
        fake.send_user_message(101, QUESTION)
        await fake.wait_until(lambda: fake.messages_to(101), timeout=START_TIMEOUT)
    [answer] = fake.messages_to(101)
    assert "200万" in answer.text and answer.buttons
    assert {c["command"] for c in fake.commands} >= {"ask", "clause", "docs", "new"}


async def test_webhook_process_checks_the_secret(
    fake: FakeTelegram, seed_settings: Settings, seed_service: AnswerService, tmp_path: Path
) -> None:
    port, secret = free_port(), "tg-secret_42"
    args = ["--webhook-url", "https://bot.example.test/tg", "--port", str(port)]
    args += ["--url-path", "tg", "--secret-token", secret]
    message = fake.send_user_message(102, QUESTION)  # nobody polls: delivered by webhook below
    update = {"update_id": 5001, "message": message}
    url = f"http://127.0.0.1:{port}/tg"
    async with (
        policybot(*args, fake=fake, settings=seed_settings, cwd=tmp_path),
        httpx.AsyncClient() as client,
    ):
        await fake.wait_until(lambda: fake.calls_of("setWebhook"), timeout=START_TIMEOUT)
        [registered] = fake.calls_of("setWebhook")
        assert registered.params["url"] == "https://bot.example.test/tg"
        assert registered.params["secret_token"] == secret
        denied = await _post_when_listening(client, url, update, {})
        wrong = await client.post(url, json=update, headers={_HEADER: "nope"})
        assert (denied.status_code, wrong.status_code) == (403, 403)
        accepted = await client.post(url, json=update, headers={_HEADER: secret})
        assert accepted.status_code == 200
        await fake.wait_until(lambda: fake.messages_to(102), timeout=30)
    assert "200万" in fake.messages_to(102)[0].text


async def _post_when_listening(
    client: httpx.AsyncClient, url: str, update: dict[str, object], headers: dict[str, str]
) -> httpx.Response:
    for _ in range(100):  # setWebhook is called just before the server accepts connections
        try:
            return await client.post(url, json=update, headers=headers)
        except httpx.ConnectError:
            await asyncio.sleep(0.1)
    raise AssertionError(f"nothing listens on {url}")
