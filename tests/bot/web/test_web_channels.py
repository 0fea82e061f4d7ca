"""Telegram webhook and WeCom callbacks in the one web process, each only when configured."""

from __future__ import annotations

import asyncio
import os
import secrets
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from bot.cli import main as cli_main
from bot.web.app import create_app
from bot.web.channels import WECOM_FIELDS
from rag.protocol import AnswerService
from rag.settings import MissingSettingError, Settings
from tests.conftest import make_settings
from tests.fakes.fake_telegram import FakeTelegram
from tests.web_live import free_port, live_server
from tests.wecom_support import VECTORS, WeComPeer, text_xml, wechatpy_encrypt

QUESTION = "日照市新设创投机构最高奖励多少"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
WECOM = {
    "wecom_corp_id": VECTORS["corp_id"],
    "wecom_token": VECTORS["token"],
    "wecom_encoding_aes_key": VECTORS["encoding_aes_key"],
}
CORP = VECTORS["corp_id"]


def test_no_bot_routes_unless_configured(seed_settings: Settings, seed_service) -> None:
    with TestClient(create_app(seed_settings, seed_service)) as client:
        assert client.get("/healthz").json()["channels"] == []
        assert client.post("/telegram", json={"update_id": 1}).status_code == 404
        assert client.get("/wecom/callback").status_code == 404


async def test_telegram_webhook_is_registered_checked_and_answered(
    tmp_path: Path, seed_service: AnswerService
) -> None:
    secret = "web-" + secrets.token_hex(8)
    async with FakeTelegram() as fake:
        settings = make_settings(
            tmp_path,
            telegram_bot_token=fake.token,
            telegram_base_url=fake.base_url,
            telegram_webhook_secret=secret,
            telegram_webhook_url="https://bot.example.com/hooks/telegram",
        )
        app = create_app(settings, seed_service)
        with ExitStack() as stack:
            # start in a thread: the app's start-up calls the fake, which runs on this loop
            base = await asyncio.to_thread(stack.enter_context, live_server(app))
            try:
                [registered] = fake.calls_of("setWebhook")
                assert registered.params["url"] == "https://bot.example.com/hooks/telegram"
                assert registered.params["secret_token"] == secret
                update = {"update_id": 501, "message": fake.send_user_message(81, QUESTION)}
                async with httpx.AsyncClient(base_url=base) as client:
                    health = (await client.get("/healthz")).json()
                    wrong = await client.post(
                        "/hooks/telegram", json=update, headers={SECRET_HEADER: "nope"}
                    )
                    good = await client.post(
                        "/hooks/telegram", json=update, headers={SECRET_HEADER: secret}
                    )
                assert health["channels"] == ["telegram"]
                assert (wrong.status_code, good.status_code) == (403, 200)
                [reply] = await fake.wait_until(lambda: fake.messages_to(81))
            finally:
                await asyncio.to_thread(stack.close)
    assert "200万" in reply.text


def test_telegram_secret_without_token_names_the_variable(tmp_path: Path, seed_service) -> None:
    settings = make_settings(tmp_path, telegram_webhook_secret="abc")
    with pytest.raises(MissingSettingError, match="TELEGRAM_BOT_TOKEN"):
        create_app(settings, seed_service)


def test_wecom_callback_verifies_and_answers(tmp_path: Path, seed_service: AnswerService) -> None:
    app = create_app(make_settings(tmp_path, **WECOM), seed_service)
    with live_server(app) as base:
        wecom = WeComPeer(
            base,
            "/wecom/callback",
            WECOM["wecom_token"],
            WECOM["wecom_encoding_aes_key"],
            WECOM["wecom_corp_id"],
        )
        # signed now: the 2016 official vector is refused as a replay (see test_wecom_selfbuilt)
        expected = "1288432023552776189"
        verified = wecom.verify(wechatpy_encrypt(WECOM["wecom_encoding_aes_key"], expected, CORP))
        reply = wecom.read_xml_reply(
            wecom.post_xml(text_xml("lisi", WECOM["wecom_corp_id"], QUESTION, secrets.token_hex(8)))
        )
        assert httpx.get(f"{base}/healthz").json()["channels"] == ["wecom"]
        assert httpx.get(f"{base}/api/documents").status_code == 200  # the API is still there
    assert verified.status_code == 200 and verified.text == expected
    assert "200万" in reply["Content"]


def test_half_configured_wecom_names_what_is_missing(tmp_path: Path, seed_service) -> None:
    settings = make_settings(tmp_path, wecom_token=VECTORS["token"])
    with pytest.raises(MissingSettingError, match="WECOM_CORP_ID"):
        create_app(settings, seed_service)


# `policybot serve` ---------------------------------------------------------------------------
def test_serve_command_serves_the_indexed_corpus(
    tmp_path: Path, seed_settings: Settings, seed_service: AnswerService
) -> None:
    port = free_port()
    env = {**os.environ, "POLICYBOT_DATA_DIR": str(seed_settings.data_dir)}
    for name in ("TELEGRAM_WEBHOOK_SECRET", "WECOM_TOKEN", "WECOM_CORP_ID", "OPENAI_API_KEY"):
        env.pop(name, None)
    command = [sys.executable, "-m", "bot", "serve", "--port", str(port)]
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
    try:
        health = wait_for_health(f"http://127.0.0.1:{port}", process)
        assert health == {
            "status": "ok",
            "documents": len(seed_service.documents()),
            "channels": [],
        }
        body = httpx.post(f"http://127.0.0.1:{port}/api/ask", json={"question": QUESTION}).json()
        assert "200万" in body["answer"]
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=15)
    assert f"http://127.0.0.1:{port}/" in stderr


def wait_for_health(base: str, process: subprocess.Popen[str], timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1]
        try:
            return httpx.get(f"{base}/healthz", timeout=2).json()
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("policybot serve did not answer /healthz in time")


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"TELEGRAM_WEBHOOK_SECRET": "abc"}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_WEBHOOK_SECRET": "a b", "TELEGRAM_BOT_TOKEN": "1:x"}, "A-Z, a-z, 0-9"),
        ({"WECOM_AIBOT_TOKEN": "t"}, "WECOM_AIBOT_ENCODING_AES_KEY"),
    ],
)
def test_serve_rejects_half_configured_bots_before_loading(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    env: dict[str, str],
    needle: str,
) -> None:
    monkeypatch.chdir(tmp_path)  # no developer .env
    for name in (
        "TELEGRAM_BOT_TOKEN",
        "TELEGRAM_WEBHOOK_SECRET",
        *(f.upper() for f in WECOM_FIELDS),
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cli_main(["--data-dir", str(tmp_path / "never-built"), "serve"]) == 2
    assert needle in capsys.readouterr().err
    assert not (tmp_path / "never-built").exists()  # failed before indexing anything
