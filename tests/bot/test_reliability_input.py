"""Any string a transport can carry is answered or refused politely: lone surrogates and
control characters are cleaned at every edge by one function."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from bot.cli import main
from bot.web.app import create_app
from bot.wecom.conversation import Conversation
from rag.protocol import AnswerService
from rag.settings import Settings
from rag.text.edge import clean_user_text
from tests.bot.telegram.test_telegram_bot import polling_bot, say
from tests.fakes.fake_telegram import FakeTelegram
from tests.wecom_support import live_server

QUESTION = "日照市新设创投机构最高奖励多少"
HOSTILE = QUESTION + "\ud800\x00\x1b[31m\u202e\ufffe"  # a JSON "\ud800" arrives like this
RAW_JSON = ('{"question": "' + QUESTION + '\\ud800\\u0000", "session_id": "s\\udc80"}').encode()


def test_clean_user_text_keeps_what_a_question_needs() -> None:
    assert clean_user_text("第十四条\r\n\t😀“研发”") == "第十四条\n\t😀“研发”"
    cleaned = clean_user_text(HOSTILE)
    assert cleaned.startswith(QUESTION) and "\ud800" not in cleaned and "\x00" not in cleaned
    cleaned.encode("utf-8")  # can be stored and sent back
    assert clean_user_text("\udc80\x07").strip() == ""


def test_http_endpoints_answer_a_question_with_a_lone_surrogate(
    seed_settings: Settings, seed_service: AnswerService
) -> None:
    json_headers = {"Content-Type": "application/json"}
    chat = (
        '{"model": "policybot", "user": "u\\ud800", "messages": [{"role": "user", "content": "'
        + QUESTION
        + '\\udfff"}]}'
    ).encode()
    with live_server(create_app(seed_settings, seed_service)) as base:
        asked = httpx.post(base + "/api/ask", content=RAW_JSON, headers=json_headers)
        streamed = httpx.post(base + "/api/ask/stream", content=RAW_JSON, headers=json_headers)
        completed = httpx.post(base + "/v1/chat/completions", content=chat, headers=json_headers)
        only_junk = httpx.post(
            base + "/api/ask", content=b'{"question": "\\ud800\\u0000"}', headers=json_headers
        )
    assert asked.status_code == 200 and "200万" in asked.json()["answer"]
    assert "event: answer" in streamed.text and "200万" in streamed.text
    assert completed.status_code == 200
    assert "200万" in completed.json()["choices"][0]["message"]["content"]
    assert only_junk.status_code == 422 and "问题不能为空" in only_junk.text


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


async def test_telegram_answers_a_question_with_a_lone_surrogate(
    fake: FakeTelegram, seed_service: AnswerService
) -> None:
    async with polling_bot(fake, seed_service):
        [reply] = await say(fake, 501, HOSTILE)
    assert "200万" in reply.text


def test_wecom_and_cli_answer_a_question_with_a_lone_surrogate(
    seed_settings: Settings, seed_service: AnswerService, capsys: pytest.CaptureFixture[str]
) -> None:
    reply = Conversation(seed_service).reply(HOSTILE, "wecom:test:surrogate")
    assert "200万" in reply.text
    code = main(["--data-dir", str(seed_settings.data_dir), "ask", "--mode", "extractive", HOSTILE])
    out, err = capsys.readouterr()
    assert code == 0 and "200万" in out and "Traceback" not in err
