"""End to end: the real PTB Application and the real answer service, against a fake Bot API."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, EndPointNotFound, InvalidToken
from telegram.ext import Application

from bot.cli import main as cli_main
from bot.telegram.app import build_application
from bot.telegram.webhook import SECRET_HEADER, mount_telegram_webhook, running_application
from rag.protocol import AnswerService
from rag.service import build_answer_service
from rag.settings import Settings
from tests.conftest import make_settings
from tests.fakes.fake_openai import FakeOpenAI, Reply
from tests.fakes.fake_telegram import FakeTelegram, SentMessage

QUESTION = "日照市新设创投机构最高奖励多少"
GROUP = -100200300


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


def bot_settings(fake: FakeTelegram, **extra: Any) -> Settings:
    return make_settings(
        Path("unused-data-dir"),  # the service is built separately
        telegram_bot_token=fake.token,
        telegram_base_url=fake.base_url,
        **extra,
    )


@asynccontextmanager
async def polling_bot(
    fake: FakeTelegram, service: AnswerService, **extra: Any
) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """What `run_polling` does, minus signal handlers and blocking."""
    application = build_application(bot_settings(fake, **extra), service)
    async with application:
        assert application.post_init and application.updater
        await application.post_init(application)
        await application.start()
        await application.updater.start_polling(poll_interval=0, timeout=1)
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()


async def say(
    fake: FakeTelegram, chat_id: int, text: str, *, replies: int = 1, **kwargs: Any
) -> list[SentMessage]:
    """Send as a user; return the bot's next `replies` messages in that chat."""
    before = len(fake.messages_to(chat_id))
    fake.send_user_message(chat_id, text, **kwargs)
    await fake.wait_until(lambda: len(fake.messages_to(chat_id)) >= before + replies)
    return fake.messages_to(chat_id)[before:]


async def test_start_describes_the_corpus_and_registers_commands(
    fake: FakeTelegram, seed_service: AnswerService
) -> None:
    async with polling_bot(fake, seed_service):
        [greeting] = await say(fake, 11, "/start")
    for city in ("泰安", "三明", "日照"):
        assert city in greeting.text
    assert f"已收录 {len(seed_service.documents())} 份文件" in greeting.text
    example = seed_service.examples().question
    assert example and f"可以这样问：\n{example}" in greeting.text  # built from the index
    names = {command["command"] for command in fake.commands}
    assert names == {"start", "help", "ask", "clause", "docs", "new"}


async def test_help_and_clause_usage_show_examples_from_the_index(
    fake: FakeTelegram, seed_service: AnswerService
) -> None:
    examples = seed_service.examples()
    async with polling_bot(fake, seed_service):
        [help_reply] = await say(fake, 13, "/help")
        [usage] = await say(fake, 13, "/clause")
        [shown] = await say(fake, 13, f"/clause {examples.document} {examples.clause_number}")
    command = f"/clause {examples.document} {examples.clause_number}"
    assert examples.question and examples.question in help_reply.text
    assert command in help_reply.text and command in usage.text
    clause = seed_service.find_clause(examples.document or "", examples.clause_number or "")
    assert clause is not None and clause.text in shown.text  # the example works as shown


async def test_question_button_and_follow_up(
    fake: FakeTelegram, seed_service: AnswerService
) -> None:
    async with polling_bot(fake, seed_service):
        [answer] = await say(fake, 12, QUESTION)
        assert "200万" in answer.text and "第14条" in answer.text and "日照市" in answer.text
        assert fake.calls_of("sendChatAction")[0].params == {"chat_id": 12, "action": "typing"}
        label, data = answer.buttons[0]
        assert label == "查看原文 [1]" and data.startswith("clause:")
        clause = seed_service.clause(data.removeprefix("clause:"))
        assert clause is not None and "最高200万元奖励" in clause.text

        fake.press_button(answer, label)
        await fake.wait_until(lambda: len(fake.messages_to(12)) == 2)
        shown = fake.messages_to(12)[1]
        assert clause.text in shown.text and clause.label in shown.text
        assert fake.answered_callbacks and shown.reply_to == answer.message_id

        [follow_up] = await say(fake, 12, "那孵化器呢？")
    assert "孵化" in follow_up.text
    assert "日照" in follow_up.text and "泰安" not in follow_up.text


async def test_group_answers_only_when_addressed(
    fake: FakeTelegram, seed_service: AnswerService
) -> None:
    async with polling_bot(fake, seed_service):
        ignored = fake.send_user_message(GROUP, QUESTION, user_id=21, chat_type="supergroup")
        await fake.wait_confirmed(fake.last_update_id)
        await asyncio.sleep(0.3)  # give a (wrong) answer time to arrive
        assert fake.messages_to(GROUP) == [] and not fake.calls_of("sendChatAction")

        mention = f"@{fake.bot_user['username']} {QUESTION}"
        [answer] = await say(fake, GROUP, mention, user_id=21, chat_type="supergroup")
        asked = fake.sent[-1]
        assert "200万" in answer.text and answer.reply_to is not None
        assert answer.reply_to != ignored["message_id"]

        [by_reply] = await say(fake, GROUP, "那孵化器呢？", user_id=22, reply_to=asked.message_id)
        assert "孵化" in by_reply.text and by_reply.reply_to is not None

        command = f"/ask@{fake.bot_user['username']} {QUESTION}"
        [by_command] = await say(fake, GROUP, command, user_id=23)
    assert "200万" in by_command.text


@pytest.fixture(scope="module")
def llm() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


@pytest.fixture(scope="module")
def llm_service(llm: FakeOpenAI, seed_settings: Settings) -> AnswerService:
    """The real service in LLM mode, talking to a fake OpenAI-compatible server."""
    update = {"openai_api_key": llm.api_key, "openai_base_url": llm.base_url}
    settings = seed_settings.model_copy(update={**update, "llm_model": llm.model})
    return build_answer_service(settings, mode="llm")


async def test_llm_answer_streams_into_a_draft_then_the_verified_answer(
    fake: FakeTelegram, llm: FakeOpenAI, llm_service: AnswerService
) -> None:
    draft = "日照鼓励发展创业投资[1]。对新设立的创业投资机构按投资额度给予奖励[1]。最高200万元[1]。"
    llm.handler = lambda request: Reply(draft, chunk_chars=3, chunk_delay=0.15)
    async with polling_bot(fake, llm_service):
        fake.send_user_message(81, QUESTION)
        await fake.wait_until(lambda: any(m.buttons for m in fake.messages_to(81)))
    [answer] = fake.messages_to(81)  # one message: drafts were edits of it
    edits = fake.calls_of("editMessageText")
    assert answer.edits == len(edits) >= 2
    drafts = [fake.calls_of("sendMessage")[-1], *edits[:-1]]
    assert all("草稿生成中" in call.params["text"] for call in drafts)
    assert all(b.at - a.at >= 0.9 for a, b in itertools.pairwise(drafts))
    assert "草稿" not in answer.text and "200万元" in answer.text and "第14条" in answer.text
    assert answer.buttons[0][0] == "查看原文 [1]"


async def test_a_broken_stream_falls_back_to_the_extractive_answer(
    fake: FakeTelegram, llm: FakeOpenAI, llm_service: AnswerService
) -> None:
    cut = "日照对新设立的创业投资机构有奖励。最高300万元"
    llm.handler = lambda request: Reply(cut, chunk_chars=len(cut), cut_after=1)
    async with polling_bot(fake, llm_service):
        fake.send_user_message(82, QUESTION)
        await fake.wait_until(lambda: any(m.buttons for m in fake.messages_to(82)))
    [answer] = fake.messages_to(82)
    assert "草稿生成中" in fake.calls_of("sendMessage")[0].params["text"]  # a draft was shown
    assert all("300万" not in str(call.params) for call in fake.calls)
    assert "最高200万元" in answer.text
    assert "草稿" not in answer.text


async def test_a_draft_that_cannot_be_edited_is_replaced_by_a_new_message(
    fake: FakeTelegram, llm: FakeOpenAI, llm_service: AnswerService
) -> None:
    whole = "日照对新设立的创业投资机构给予最高200万元奖励[1]。"
    llm.handler = lambda request: Reply(whole, chunk_chars=len(whole))
    fake.fail_next("editMessageText", 400, "Bad Request: message to edit not found")
    async with polling_bot(fake, llm_service):
        fake.send_user_message(83, QUESTION)
        await fake.wait_until(lambda: any(m.buttons for m in fake.messages_to(83)))
    [answer] = fake.messages_to(83)  # the draft was deleted, the answer sent anew
    assert len(fake.calls_of("deleteMessage")) == 1 and len(fake.calls_of("sendMessage")) == 2
    assert "200万元" in answer.text and "草稿" not in answer.text


async def test_a_slow_answer_does_not_block_other_chats(
    fake: FakeTelegram, llm: FakeOpenAI, llm_service: AnswerService
) -> None:
    slow = "日照对新设立的创业投资机构给予最高200万元奖励[1]。"
    llm.handler = lambda request: Reply(slow, delay=2.0)
    async with polling_bot(fake, llm_service):
        fake.send_user_message(91, QUESTION)
        await fake.wait_until(lambda: llm.chat_requests)  # the slow answer is under way
        [help_reply] = await say(fake, 92, "/help")
        assert fake.messages_to(91) == []  # still waiting for the model
        await fake.wait_until(lambda: fake.messages_to(91))
    assert "/clause" in help_reply.text and "200万元" in fake.messages_to(91)[0].text


@pytest.fixture(scope="module")
def long_clause_service(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    """A real index of a policy whose first clause is over 6,000 characters."""
    root = tmp_path_factory.mktemp("long")
    (root / "seeds").mkdir()
    item = "对认定的第{0}家高新技术企业，按研发投入给予最高{1}0万元补助，资金由市财政局统筹。"
    body = "".join(item.format(i, i % 9 + 1) for i in range(1, 150))
    head = "测试市科技创新若干政策\n测试市科学技术局\n2025年3月1日\n一、支持企业创新\n"
    text = f"{head}1.{body}\n2.另给予5万元奖励。\n"
    (root / "seeds" / "long_policy.txt").write_text(text, encoding="utf-8")
    settings = make_settings(root / "data", seeds_dir=root / "seeds")
    return build_answer_service(settings, mode="extractive")


async def test_six_thousand_character_clause_arrives_in_several_messages(
    fake: FakeTelegram, long_clause_service: AnswerService
) -> None:
    [document] = long_clause_service.documents()
    clause = long_clause_service.find_clause(document.doc_id, "1")
    assert clause is not None and len(clause.text) > 6000
    async with polling_bot(fake, long_clause_service):
        messages = await say(fake, 31, f"/clause {document.doc_id} 1", replies=2)
        await asyncio.sleep(0.2)
    messages = fake.messages_to(31)
    assert len(messages) >= 2  # each one passed the fake's length and HTML checks
    joined = "".join(m.text for m in messages)
    assert "".join(clause.text.split()) in "".join(joined.split())


async def test_stale_button_and_photo_get_a_polite_answer(
    fake: FakeTelegram, seed_service: AnswerService
) -> None:
    async with polling_bot(fake, seed_service):
        [answer] = await say(fake, 43, QUESTION)
        fake.send_callback(answer, "clause:0000000000000000")  # from before a re-index
        await fake.wait_until(lambda: fake.answered_callbacks)
        fake.send_user_photo(43)
        await fake.wait_until(lambda: len(fake.messages_to(43)) == 2)
    [alert] = fake.answered_callbacks
    assert alert["show_alert"] == "true" and "不在当前索引" in alert["text"]
    assert "文字" in fake.messages_to(43)[1].text


async def test_flood_limit_429_is_retried(fake: FakeTelegram, seed_service: AnswerService) -> None:
    fake.fail_next("sendMessage", 429, retry_after=1)
    async with polling_bot(fake, seed_service):
        [reply] = await say(fake, 41, "/help")
    assert "/clause" in reply.text
    assert len(fake.calls_of("sendMessage")) == 2  # the refused call and its retry


async def test_a_failed_reply_is_reported_without_details(
    fake: FakeTelegram, seed_service: AnswerService
) -> None:
    fake.fail_next("sendMessage", 400, "Bad Request: internal detail xyz")
    async with polling_bot(fake, seed_service):
        [sorry] = await say(fake, 42, "/help")
    assert "出错" in sorry.text and "xyz" not in sorry.text


async def test_bad_input_gets_a_polite_reply(
    fake: FakeTelegram, seed_service: AnswerService
) -> None:
    async with polling_bot(fake, seed_service, user_rate_limit_per_minute=2):
        [empty] = await say(fake, 51, "/ask")
        [too_long] = await say(fake, 51, "问" * 10_000)
        [unknown] = await say(fake, 51, "/weather")
        await say(fake, 52, QUESTION)
        await say(fake, 52, QUESTION)
        [limited] = await say(fake, 52, QUESTION)
    assert "请写下您的问题" in empty.text
    assert "问题太长了" in too_long.text and "10000" in too_long.text
    assert "/help" in unknown.text
    assert "频繁" in limited.text and "秒后" in limited.text


async def test_allow_list_ignores_other_chats(
    fake: FakeTelegram, seed_service: AnswerService
) -> None:
    async with polling_bot(fake, seed_service, telegram_allowed_chats="61"):
        [allowed] = await say(fake, 61, "/help")
        [refused] = await say(fake, 62, QUESTION)
        fake.send_user_message(-63, f"@{fake.bot_user['username']} {QUESTION}", chat_type="group")
        await fake.wait_confirmed(fake.last_update_id)
        await asyncio.sleep(0.3)
    assert "/clause" in allowed.text
    assert "授权" in refused.text and "200万" not in refused.text
    assert fake.messages_to(-63) == []


async def test_webhook_checks_the_secret_and_queues_updates(
    fake: FakeTelegram, seed_service: AnswerService
) -> None:
    secret = "s3cret-token_1"
    application = build_application(bot_settings(fake), seed_service, with_updater=False)
    app = FastAPI()
    mount_telegram_webhook(app, application, "/telegram/webhook", secret)
    message = fake.send_user_message(71, QUESTION)  # registers the chat; nobody polls here
    update = {"update_id": 9001, "message": message}
    transport = httpx.ASGITransport(app=app)
    async with (
        running_application(application),
        httpx.AsyncClient(transport=transport, base_url="http://bot.test") as client,
    ):
        missing = await client.post("/telegram/webhook", json=update)
        wrong = await client.post("/telegram/webhook", json=update, headers={SECRET_HEADER: "x"})
        assert (missing.status_code, wrong.status_code) == (403, 403)
        headers = {SECRET_HEADER: secret, "content-type": "application/json"}
        broken = await client.post("/telegram/webhook", content=b"{not json", headers=headers)
        assert broken.status_code == 400
        assert fake.messages_to(71) == []
        good = await client.post("/telegram/webhook", json=update, headers={SECRET_HEADER: secret})
        assert good.status_code == 200
        await fake.wait_until(lambda: fake.messages_to(71))
    assert "200万" in fake.messages_to(71)[0].text


def test_missing_token_names_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no developer .env
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert cli_main(["telegram"]) == 2
    assert "TELEGRAM_BOT_TOKEN" in capsys.readouterr().err


def test_webhook_mode_without_secret_names_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.delenv("TELEGRAM_WEBHOOK_SECRET", raising=False)
    assert cli_main(["telegram", "--webhook-url", "https://bot.example.com/telegram"]) == 2
    assert "TELEGRAM_WEBHOOK_SECRET" in capsys.readouterr().err
    bad = ["telegram", "--webhook-url", "https://bot.example.com/t", "--secret-token", "a b"]
    assert cli_main(bad) == 2
    assert "A-Z, a-z, 0-9" in capsys.readouterr().err


async def test_clause_lookup_and_new_conversation(
    fake: FakeTelegram, seed_service: AnswerService
) -> None:
    async with polling_bot(fake, seed_service):
        [clause] = await say(fake, 53, "/clause 若干政策 14")
        [no_number] = await say(fake, 53, "/clause 若干政策 99")
        [no_doc] = await say(fake, 53, "/clause 不存在的文件 1")
        [usage] = await say(fake, 53, "/clause")
        [listing] = await say(fake, 53, "/docs")
        [reset] = await say(fake, 53, "/new")
    assert "第14条" in clause.text and "最高200万元奖励" in clause.text
    assert "没有编号为“99”的条款" in no_number.text
    assert "没有找到文件" in no_doc.text and "/docs" in no_doc.text
    assert "用法" in usage.text
    assert all(doc.doc_id in listing.text for doc in seed_service.documents())
    assert "新的对话" in reset.text


async def test_the_fake_bot_api_is_strict(fake: FakeTelegram) -> None:
    """The checks the bot's tests rely on, seen through the real PTB client."""
    with pytest.raises(InvalidToken):
        async with Bot("123456:wrong", base_url=fake.base_url):
            pass
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        with pytest.raises(EndPointNotFound):
            await bot.do_api_request("sendTelepathy", api_kwargs={"chat_id": 1})
        fake.send_user_message(99, "hi")
        with pytest.raises(BadRequest, match=r"(?i)too long"):
            await bot.send_message(99, "长" * 4097)
        with pytest.raises(BadRequest, match=r"(?i)parse entities"):
            await bot.send_message(99, "<b>unclosed", parse_mode="HTML")
        button = InlineKeyboardButton("x", callback_data="c" * 65)
        with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
            await bot.send_message(99, "x", reply_markup=InlineKeyboardMarkup([[button]]))
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message(12345, "x")
        [update] = await bot.get_updates(timeout=1)
        started = asyncio.get_running_loop().time()
        assert await bot.get_updates(offset=update.update_id + 1, timeout=1) == ()
        assert asyncio.get_running_loop().time() - started >= 0.9  # long poll honoured
        assert fake.confirmed_offset == update.update_id + 1


async def test_simultaneous_questions_each_get_their_own_answer(
    fake: FakeTelegram, seed_service: AnswerService
) -> None:
    questions = [QUESTION, "泰安对孵化器有什么支持", "泰安和日照对孵化器的支持有什么不同"] * 3
    expected = [seed_service.ask(q) for q in questions]
    async with polling_bot(fake, seed_service):
        for offset, question in enumerate(questions):
            fake.send_user_message(300 + offset, question)
        await fake.wait_until(lambda: all(fake.messages_to(300 + i) for i in range(9)))
    for offset, answer in enumerate(expected):
        [shown] = fake.messages_to(300 + offset)
        assert answer.citations and all(c.quote in shown.text for c in answer.citations)
