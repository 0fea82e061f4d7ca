"""Telegram: an update the library cannot parse is skipped once, and polling goes on; a
webhook body that is too big or too deep is a 400, never a 500."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from bot.telegram.app import build_application
from bot.telegram.updates import MAX_JSON_DEPTH, MAX_UPDATE_BYTES, json_depth_exceeds
from bot.telegram.webhook import SECRET_HEADER, mount_telegram_webhook, running_application
from rag.protocol import AnswerService
from tests.bot.telegram.test_telegram_bot import polling_bot
from tests.conftest import make_settings
from tests.fakes.fake_telegram import FakeTelegram

QUESTION = "日照市新设创投机构最高奖励多少"
UNPARSABLE = {"message": {"message_id": 7, "date": 1, "chat": "not an object"}}


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


async def test_an_unparsable_update_is_logged_once_acknowledged_and_skipped(
    fake: FakeTelegram, seed_service: AnswerService, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        async with polling_bot(fake, seed_service):
            bad = fake.send_raw_update(UNPARSABLE)
            fake.send_user_message(401, QUESTION)
            await fake.wait_until(lambda: fake.messages_to(401), timeout=30)
            await fake.wait_confirmed(bad)
            fake.send_user_message(402, QUESTION)  # and polling goes on
            await fake.wait_until(lambda: fake.messages_to(402), timeout=30)
    assert "200万" in fake.messages_to(401)[0].text
    skipped = [r for r in caplog.records if f"update {bad} that cannot be parsed" in r.message]
    assert len(skipped) == 1
    assert len(fake.calls_of("getUpdates")) < 50  # no hot loop over the same batch


def test_json_depth_is_measured_without_recursion() -> None:
    assert not json_depth_exceeds(b'{"a": [1, {"b": "[[[[[[[["}]}', 3)
    assert json_depth_exceeds(b'{"a": [1, {"b": 2}]}', 2)
    assert not json_depth_exceeds(b'{"s": "\\\\\\"[[[["}', 1)
    assert json_depth_exceeds(b"[" * 1_000_000, MAX_JSON_DEPTH)


async def test_webhook_bodies_too_deep_or_too_big_are_400(
    fake: FakeTelegram, seed_service: AnswerService
) -> None:
    secret = "hook-secret_1"
    settings = make_settings(
        Path("unused"), telegram_bot_token=fake.token, telegram_base_url=fake.base_url
    )
    application = build_application(settings, seed_service, with_updater=False)
    app = FastAPI(lifespan=lambda _: running_application(application))
    mount_telegram_webhook(app, application, "/tg", secret)
    headers = {SECRET_HEADER: secret, "Content-Type": "application/json"}
    deep = b'{"update_id": 1, "message": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    big = json.dumps({"update_id": 2, "pad": "x" * MAX_UPDATE_BYTES}).encode()
    good = {"update_id": 3, **UNPARSABLE}
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://t") as client,
    ):
        too_deep = await client.post("/tg", content=deep, headers=headers)
        too_big = await client.post("/tg", content=big, headers=headers)
        unparsable = await client.post("/tg", json=good, headers={SECRET_HEADER: secret})
    assert (too_deep.status_code, too_big.status_code, unparsable.status_code) == (400, 400, 400)
