"""The OpenAI-compatible endpoint, driven by the real `openai` SDK over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import openai
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.web.app import create_app
from rag.protocol import AnswerService
from rag.service import build_answer_service
from rag.settings import Settings
from tests.conftest import make_settings
from tests.fakes.fake_openai import FakeOpenAI, Reply
from tests.web_live import live_server, parse_sse

QUESTION = "日照市新设创投机构最高奖励多少"


@pytest.fixture(scope="module")
def client(seed_settings: Settings, seed_service: AnswerService) -> Iterator[openai.OpenAI]:
    with live_server(create_app(seed_settings, seed_service)) as base:
        yield openai.OpenAI(base_url=f"{base}/v1", api_key="unused", max_retries=0, timeout=30)


def test_models_lists_policybot(client: openai.OpenAI) -> None:
    assert [m.id for m in client.models.list()] == ["policybot"]


def test_completion_carries_the_answer_and_its_sources(
    client: openai.OpenAI, seed_service: AnswerService
) -> None:
    completion = client.chat.completions.create(
        model="policybot", messages=[{"role": "user", "content": QUESTION}]
    )
    choice = completion.choices[0]
    assert choice.finish_reason == "stop" and choice.message.role == "assistant"
    text = choice.message.content or ""
    answer = seed_service.ask(QUESTION)
    assert text.startswith(answer.answer.strip()) and "200万" in text
    assert "出处" in text
    for citation in answer.citations:
        assert citation.title in text and citation.clause in text and citation.quote in text
    assert completion.model == "policybot" and completion.id.startswith("chatcmpl-")


def test_streaming_gives_the_same_text_and_ends_cleanly(client: openai.OpenAI) -> None:
    messages = [{"role": "user", "content": QUESTION}]
    whole = client.chat.completions.create(model="policybot", messages=messages)
    stream = client.chat.completions.create(model="policybot", messages=messages, stream=True)
    chunks = list(stream)  # the SDK stops at `data: [DONE]`
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[-1].choices[0].finish_reason == "stop"
    streamed = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert streamed == whole.choices[0].message.content and len(chunks) > 3


def test_last_user_message_is_answered_and_user_is_the_session(client: openai.OpenAI) -> None:
    history = [
        {"role": "system", "content": "你是助手"},
        {"role": "user", "content": "泰安对高新技术企业有什么支持?"},
        {"role": "assistant", "content": "……"},
        {"role": "user", "content": [{"type": "text", "text": QUESTION}]},
    ]
    text = ask(client, history, user="openai-test-1")
    assert "200万" in text and "日照" in text
    ask(client, [{"role": "user", "content": "日照对孵化器有什么支持?"}], user="openai-test-2")
    follow = ask(
        client, [{"role": "user", "content": "那新设立的创投机构呢?"}], user="openai-test-2"
    )
    assert "200万" in follow


def ask(client: openai.OpenAI, messages: list, user: str) -> str:
    completion = client.chat.completions.create(model="policybot", messages=messages, user=user)
    return completion.choices[0].message.content or ""


@pytest.mark.parametrize(
    "messages",
    [
        [],
        [{"role": "system", "content": "只有系统消息"}],
        [{"role": "user", "content": "   "}],
    ],
)
def test_requests_without_a_question_are_rejected(client: openai.OpenAI, messages: list) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="policybot", messages=messages)
    assert caught.value.status_code == 400
    assert "message" in str(caught.value.body)


def test_unknown_route_under_v1_is_an_openai_error(client: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError):
        client.embeddings.create(model="policybot", input="孵化器")


# LLM mode: the service drafts with a (fake) OpenAI-compatible model ---------------------------
GROUNDED = "日照市对新设立的创业投资机构，按照投资额度给予最高200万元奖励[1]。"


@pytest.fixture
def llm_fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def llm_app(seed_settings: Settings, llm_fake: FakeOpenAI) -> FastAPI:
    settings = make_settings(
        seed_settings.data_dir,  # the seed index is already built there
        openai_api_key="sk-fake",
        openai_base_url=llm_fake.base_url,
        llm_model="fake-model",
        llm_timeout=5.0,
    )
    return create_app(settings, build_answer_service(settings, mode="llm"))


def test_page_stream_shows_drafts_then_the_verified_llm_answer(
    llm_app: FastAPI, llm_fake: FakeOpenAI
) -> None:
    llm_fake.reply(Reply(GROUNDED, chunk_chars=4))
    with TestClient(llm_app) as client:
        response = client.post("/api/ask/stream", json={"question": QUESTION})
    events = parse_sse(response.text)
    drafts, (last_name, final) = events[:-1], events[-1]
    assert len(drafts) >= 3 and {name for name, _ in drafts} == {"partial"}
    assert all(GROUNDED.startswith(data["text"]) for _, data in drafts)
    assert last_name == "answer" and final["mode"] == "llm" and final["verified"] is True
    assert final["answer"] == GROUNDED and "200万元" in final["citations"][0]["quote"]


def test_openai_stream_never_sends_an_unverified_draft(
    llm_app: FastAPI, llm_fake: FakeOpenAI
) -> None:
    invented = "日照市最高奖励300万元[1]。"  # a number no clause says
    llm_fake.reply(Reply(invented, chunk_chars=2), Reply(invented, chunk_chars=2))
    with live_server(llm_app) as base:
        client = openai.OpenAI(base_url=f"{base}/v1", api_key="unused", max_retries=0)
        stream = client.chat.completions.create(
            model="policybot", messages=[{"role": "user", "content": QUESTION}], stream=True
        )
        text = "".join(chunk.choices[0].delta.content or "" for chunk in stream)
    assert llm_fake.chat_requests, "the model was not asked"
    assert "300万" not in text and "200万" in text  # the extractive fallback, verified
