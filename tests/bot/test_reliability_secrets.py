"""No secret reaches a log at any level: each long-running command runs as a real process
at DEBUG against the local fakes with known secrets, and every byte it wrote is searched."""

from __future__ import annotations

import asyncio
import logging
import secrets
import sys
import time
from pathlib import Path

import httpx

from bot.logs import SecretMasker, mask, remember_secret
from rag.protocol import AnswerService
from rag.settings import Settings
from tests.fakes.fake_openai import FakeOpenAI, Reply
from tests.fakes.fake_telegram import FakeTelegram
from tests.fakes.fake_wecom import FakeWeCom
from tests.reliability_support import free_port, leaked, policybot, wait_until_up
from tests.wecom_support import WeComPeer, text_xml

QUESTION = "日照市新设创投机构最高奖励多少"
GROUNDED = "日照市对新设立的创业投资机构，按照投资额度给予最高200万元奖励[1]。"
DEBUG = {"POLICYBOT_LOG_LEVEL": "DEBUG"}
WECOM_TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo"  # the official vector's credentials
WECOM_KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"
CORP, AGENT = "ww1436e0e65a779aee", "1000002"


def test_masker_covers_message_arguments_and_traceback() -> None:
    remember_secret("s3cret-value-42")
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "token %s", ("s3cret-value-42",), None
    )
    try:
        raise RuntimeError("GET https://h/cgi-bin/gettoken?corpid=c&corpsecret=abc123def")
    except RuntimeError:
        record.exc_info = sys.exc_info()
    SecretMasker().filter(record)
    text = logging.Formatter().format(record)
    assert "s3cret-value-42" not in text and "abc123def" not in text
    assert "corpsecret=***" in text and "token ***" in text
    assert mask("POST /bot123:AA-bb_cc/getUpdates") == "POST /bot***/getUpdates"
    assert (
        mask("GET /api/documents?api_key=k1&city=日照")
        == "GET /api/documents?api_key=***&city=日照"
    )


def test_serve_at_debug_logs_no_api_key_even_from_a_query_string(
    seed_settings: Settings, seed_service: AnswerService, tmp_path: Path
) -> None:
    key = "pbk-" + secrets.token_hex(12)
    stray = "pbk-" + secrets.token_hex(12)  # a wrong key: still no business in a log
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**DEBUG, "POLICYBOT_API_KEY": key, "OPENAI_API_KEY": "sk-" + secrets.token_hex(12)}
    args = ("serve", "--port", str(port))
    with policybot(*args, settings=seed_settings, env=env, cwd=tmp_path) as run:
        wait_until_up(base + "/healthz", run)
        answered = httpx.post(
            base + "/api/ask",
            json={"question": QUESTION},
            headers={"Authorization": f"Bearer {key}"},
            timeout=30,
        )
        in_query = httpx.get(f"{base}/api/documents?api_key={key}&token={stray}", timeout=10)
        other = httpx.get(f"{base}/api/search?q=创投&key={stray}", timeout=10)
    assert answered.status_code == 200 and "200万" in answered.json()["answer"]
    assert (in_query.status_code, other.status_code) == (401, 401)
    assert b"/api/documents?api_key=***" in run.output  # the access log is on, and masked
    assert leaked(run.output, {"api key": key, "stray key": stray, **_named(env)}) == []


def test_telegram_polling_at_debug_logs_no_bot_token(
    seed_settings: Settings, seed_service: AnswerService, tmp_path: Path
) -> None:
    token = f"{secrets.randbelow(10**9)}:AA{secrets.token_urlsafe(24)}"

    async def scenario() -> bytes:
        async with FakeTelegram(token=token) as fake:
            env = {**DEBUG, "TELEGRAM_BOT_TOKEN": token, "TELEGRAM_BASE_URL": fake.base_url}
            with policybot("telegram", settings=seed_settings, env=env, cwd=tmp_path) as run:
                fake.send_user_message(301, QUESTION)
                await fake.wait_until(lambda: fake.messages_to(301), timeout=90)
            assert "200万" in fake.messages_to(301)[0].text
            return run.output

    output = asyncio.run(scenario())
    assert b"getUpdates" in output  # DEBUG really logged the API calls
    assert leaked(output, {"bot token": token, "token secret": token.split(":")[1]}) == []


def test_wecom_at_debug_logs_no_secret_nor_access_token(
    seed_settings: Settings, seed_service: AnswerService, tmp_path: Path
) -> None:
    """A slow (LLM) answer is pushed: gettoken with the secret, message/send with a token."""
    secret = "wcs-" + secrets.token_hex(16)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with FakeWeCom(CORP, secret, AGENT) as wecom_api, FakeOpenAI(api_key=None) as llm:
        llm.reply(Reply(GROUNDED, delay=5.0))  # over the 3.5 s reply budget: pushed later
        openai_key = "sk-" + secrets.token_hex(16)
        env = {
            **DEBUG,
            "WECOM_CORP_ID": CORP,
            "WECOM_TOKEN": WECOM_TOKEN,
            "WECOM_ENCODING_AES_KEY": WECOM_KEY,
            "WECOM_SECRET": secret,
            "WECOM_AGENT_ID": AGENT,
            "WECOM_API_BASE": wecom_api.base_url,
            "OPENAI_API_KEY": openai_key,
            "OPENAI_BASE_URL": llm.base_url,
            "POLICYBOT_LLM_MODEL": "fake-model",
        }
        args = ("wecom", "--port", str(port))
        with policybot(*args, settings=seed_settings, env=env, cwd=tmp_path) as run:
            wait_until_up(base + "/healthz", run)
            peer = WeComPeer(base, "/wecom/callback", WECOM_TOKEN, WECOM_KEY, CORP)
            first = peer.post_xml(
                text_xml(f"leak-{secrets.token_hex(4)}", CORP, QUESTION, str(time.time_ns()))
            )
            [pushed] = wecom_api.wait_for_sent(1, timeout=30)
    assert first.status_code == 200 and "200万" in pushed.content
    assert b"gettoken" in run.output and b"message/send" in run.output  # the URLs were logged
    found = leaked(
        run.output,
        {"secret": secret, "access token": pushed.access_token, **_named(env)},
    )
    assert found == []


def _named(env: dict[str, str]) -> dict[str, str]:
    """The secret-bearing settings among `env`."""
    names = ("KEY", "SECRET", "TOKEN")
    return {k: v for k, v in env.items() if any(n in k for n in names) and len(v) >= 6}
